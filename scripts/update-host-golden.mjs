// Regenerates the golden outputs of every host case (fixtures/host/<case>) from the built library:
// out/ (what --out writes, mirroring the root), expected.diff (the masked patch), report.txt and
// runbook.md. Run by npm run golden:update; review with git diff fixtures/host.
import { mkdtempSync, rmSync, cpSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostCases } from '../test/golden/host-cases.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { translateHost } = await import(path.join(repo, 'dist/api/translate-host.js'));
const { renderReport } = await import(path.join(repo, 'dist/report/render-report.js'));
const { renderRunbookMarkdown } = await import(path.join(repo, 'dist/report/render-runbook-md.js'));

let failed = 0;
for (const c of hostCases(repo)) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-host-golden-'));
  try {
    const out = path.join(tmp, 'out');
    const result = await translateHost(c.root, { ...c.options, outDir: out });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      failed++;
      console.error(`${c.name}: not updated, the translation has errors:`);
      for (const d of errors) console.error(`  ${d.file}:${d.line ?? ''} ${d.code} ${d.message}`);
      continue;
    }
    const changed = [];
    const write = (file, text) => {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) changed.push(path.relative(repo, file));
      writeFileSync(file, text);
    };
    rmSync(c.outDir, { recursive: true, force: true });
    cpSync(out, c.outDir, { recursive: true });
    write(c.diffFile, result.patch);
    write(c.reportFile, renderReport(result, { zarafaDir: c.name }));
    write(c.runbookMd, renderRunbookMarkdown(result, { zarafaDir: c.name }));
    console.log(`host ${c.name}: ${result.files.length} files${changed.length ? `; changed ${changed.join(', ')}` : ''}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
if (failed) process.exitCode = 1;
