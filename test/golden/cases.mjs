// The golden cases, shared by the test (test/golden/golden.test.ts) and the generator
// (scripts/update-golden.mjs): every fixtures/cases/<name>/zarafa, plus the bundled sample.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Targets other than the default that every case is also translated for: case `<name>@<target>`,
 * its outputs under `<case dir>/target-<target>/` (kopano/, expected.diff, report.txt, runbooks).
 * Add a target here to give it golden coverage.
 */
export const VARIANT_TARGETS = ['8.0', '11.0'];

/** @param {string} root the repository root */
export function goldenCases(root) {
  const base = defaultCases(root);
  return [...base, ...base.flatMap((c) => VARIANT_TARGETS.map((target) => targetVariant(c, target)))];
}

/**
 * The golden output files of a case kept in `dir` (its translated files in `kopanoDir`): one list, so
 * a new output (a report form, a runbook) reaches every case and every target variant alike.
 */
function outputsIn(dir, kopanoDir) {
  return {
    kopanoDir,
    diffFile: path.join(dir, 'expected.diff'),
    reportFile: path.join(dir, 'report.txt'),
    reportVerboseFile: path.join(dir, 'report-verbose.txt'),
    runbookMd: path.join(dir, 'runbook.md'),
    runbookSh: path.join(dir, 'runbook.sh'),
    runbookDryRun: path.join(dir, 'runbook.dry-run.txt'),
  };
}

/** The cases with their own options (the default target unless options.json names one). */
function defaultCases(root) {
  const sample = path.join(root, 'fixtures/sample');
  const cases = [{ name: 'sample', zarafaDir: path.join(sample, 'etc/zarafa'), ...outputsIn(sample, path.join(sample, 'etc/kopano')), options: {} }];
  const dir = path.join(root, 'fixtures/cases');
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  for (const name of names) {
    const base = path.join(dir, name);
    if (!existsSync(path.join(base, 'zarafa'))) continue;
    const optionsFile = path.join(base, 'options.json');
    const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
    cases.push({ name, zarafaDir: path.join(base, 'zarafa'), ...outputsIn(base, path.join(base, 'kopano')), options });
  }
  return cases;
}

/** The case for `target`: same input and options, its outputs in target-<target>/ of the case. */
function targetVariant(c, target) {
  const dir = path.join(path.dirname(c.diffFile), `target-${target}`);
  return { name: `${c.name}@${target}`, zarafaDir: c.zarafaDir, ...outputsIn(dir, path.join(dir, 'kopano')), options: { ...c.options, target } };
}

/** Every regular file under `dir`, as sorted POSIX paths relative to it. */
export function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  if (existsSync(dir)) walk('');
  return out.sort();
}

/**
 * What the shell runbook prints for `--dry-run --family apt --all`, then `--dry-run --family apt
 * --rollback` (bash runs the script from a file; the golden `runbook.dry-run.txt` of each case).
 * @param {string} script the path of the runbook.sh to run
 */
export function dryRunText(script) {
  const run = (mode) => {
    const r = spawnSync('bash', [script, '--dry-run', '--family', 'apt', mode], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } });
    if (r.status !== 0) throw new Error(`${script} ${mode} --dry-run exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
  return `$ runbook.sh --dry-run --family apt --all\n${run('--all')}\n$ runbook.sh --dry-run --family apt --rollback\n${run('--rollback')}`;
}
