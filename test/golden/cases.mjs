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

/** The cases with their own options (the default target unless options.json names one). */
function defaultCases(root) {
  const cases = [];
  const sample = path.join(root, 'fixtures/sample');
  cases.push({
    name: 'sample',
    zarafaDir: path.join(sample, 'etc/zarafa'),
    kopanoDir: path.join(sample, 'etc/kopano'),
    diffFile: path.join(sample, 'expected.diff'),
    reportFile: path.join(sample, 'report.txt'),
    reportVerboseFile: path.join(sample, 'report-verbose.txt'),
    runbookMd: path.join(sample, 'runbook.md'),
    runbookSh: path.join(sample, 'runbook.sh'),
    runbookDryRun: path.join(sample, 'runbook.dry-run.txt'),
    options: {},
  });
  const dir = path.join(root, 'fixtures/cases');
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  for (const name of names) {
    const base = path.join(dir, name);
    if (!existsSync(path.join(base, 'zarafa'))) continue;
    const optionsFile = path.join(base, 'options.json');
    cases.push({
      name,
      zarafaDir: path.join(base, 'zarafa'),
      kopanoDir: path.join(base, 'kopano'),
      diffFile: path.join(base, 'expected.diff'),
      reportFile: path.join(base, 'report.txt'),
      reportVerboseFile: path.join(base, 'report-verbose.txt'),
      runbookMd: path.join(base, 'runbook.md'),
      runbookSh: path.join(base, 'runbook.sh'),
      runbookDryRun: path.join(base, 'runbook.dry-run.txt'),
      options: existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {},
    });
  }
  return cases;
}

/** The case for `target`: same input and options, its outputs in target-<target>/ of the case. */
function targetVariant(c, target) {
  const base = path.join(path.dirname(c.diffFile), `target-${target}`);
  return {
    name: `${c.name}@${target}`,
    zarafaDir: c.zarafaDir,
    kopanoDir: path.join(base, 'kopano'),
    diffFile: path.join(base, 'expected.diff'),
    reportFile: path.join(base, 'report.txt'),
    reportVerboseFile: path.join(base, 'report-verbose.txt'),
    runbookMd: path.join(base, 'runbook.md'),
    runbookSh: path.join(base, 'runbook.sh'),
    runbookDryRun: path.join(base, 'runbook.dry-run.txt'),
    options: { ...c.options, target },
  };
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
