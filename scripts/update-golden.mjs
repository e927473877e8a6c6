// Regenerates the golden outputs of every case from the built library (npm run golden:update):
// <case>/kopano/ (the written files), expected.diff (the default, masked patch), report.txt (the
// terminal's report), report-verbose.txt (--verbose), the runbooks (runbook.md, runbook.sh) and what
// the shell runbook prints in a dry run (runbook.dry-run.txt).
// Review the changes with `git diff fixtures/` before committing them.
import { mkdtempSync, mkdirSync, rmSync, cpSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dryRunText, goldenCases } from '../test/golden/cases.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { translateConfigDir } = await import(path.join(root, 'dist/api/translate-dir.js'));
const { renderReport } = await import(path.join(root, 'dist/report/render-report.js'));
const { renderRunbookMarkdown } = await import(path.join(root, 'dist/report/render-runbook-md.js'));
const { renderRunbookShell } = await import(path.join(root, 'dist/report/render-runbook-sh.js'));

let failed = 0;
for (const c of goldenCases(root)) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-golden-'));
  try {
    const out = path.join(tmp, 'kopano');
    const result = await translateConfigDir(c.zarafaDir, { ...c.options, outDir: out });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      failed++;
      console.error(`${c.name}: not updated, the translation has errors:`);
      for (const d of errors) console.error(`  ${d.file}:${d.line ?? ''} ${d.code} ${d.message}`);
      continue;
    }
    const changed = [];
    const write = (file, text) => {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) changed.push(path.relative(root, file));
      writeFileSync(file, text);
    };
    rmSync(c.kopanoDir, { recursive: true, force: true });
    mkdirSync(path.dirname(c.kopanoDir), { recursive: true });
    mkdirSync(path.dirname(c.diffFile), { recursive: true });
    cpSync(out, c.kopanoDir, { recursive: true });
    write(c.diffFile, result.patch);
    write(c.reportFile, renderReport(result, { zarafaDir: c.name }));
    write(c.reportVerboseFile, renderReport(result, { zarafaDir: c.name, verbose: true }));
    write(c.runbookMd, renderRunbookMarkdown(result, { zarafaDir: c.name }));
    write(c.runbookSh, renderRunbookShell(result, { zarafaDir: c.name }));
    write(c.runbookDryRun, dryRunText(c.runbookSh));
    console.log(`${c.name}: ${result.files.length} files${changed.length ? `; changed ${changed.join(', ')}` : ''}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
if (failed) process.exitCode = 1;
else console.log('Review with: git status fixtures/ && git diff fixtures/');
