import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isSecretOption } from '../../src/options/index.js';
import { renderReport } from '../../src/report/render-report.js';
import { renderRunbookMarkdown } from '../../src/report/render-runbook-md.js';
import { renderRunbookShell } from '../../src/report/render-runbook-sh.js';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { dryRunText, goldenCases, listFiles } from './cases.mjs';

// Goldens are regenerated with `npm run golden:update` and reviewed before they are committed.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = await mkdtemp(path.join(tmpdir(), 'z2k-golden-test-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe.each(goldenCases(root))('golden case $name', (c) => {
  it('writes exactly the golden kopano files, byte for byte', async () => {
    const out = path.join(scratch, c.name);
    const result = await translateConfigDir(c.zarafaDir, { ...c.options, outDir: out });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const written = listFiles(out);
    expect(written).toEqual(listFiles(c.kopanoDir));
    for (const f of written) {
      const [got, want] = await Promise.all([readFile(path.join(out, f)), readFile(path.join(c.kopanoDir, f))]);
      expect(got.equals(want), `${c.name}/kopano/${f} differs from the golden file`).toBe(true);
    }
  });

  it('produces the golden patch and report', async () => {
    const result = await translateConfigDir(c.zarafaDir, c.options);
    expect(result.patch).toBe(await readFile(c.diffFile, 'utf8'));
    expect(renderReport(result, { zarafaDir: c.name })).toBe(await readFile(c.reportFile, 'utf8'));
    expect(renderReport(result, { zarafaDir: c.name, verbose: true })).toBe(await readFile(c.reportVerboseFile, 'utf8'));
  });

  it('produces the golden runbooks (Markdown and shell)', async () => {
    const result = await translateConfigDir(c.zarafaDir, c.options);
    expect(renderRunbookMarkdown(result, { zarafaDir: c.name })).toBe(await readFile(c.runbookMd, 'utf8'));
    expect(renderRunbookShell(result, { zarafaDir: c.name })).toBe(await readFile(c.runbookSh, 'utf8'));
  });

  it('prints the golden dry run of the shell runbook (--all, then --rollback)', async () => {
    const result = await translateConfigDir(c.zarafaDir, c.options);
    const script = path.join(scratch, `${c.name}-runbook.sh`);
    await writeFile(script, renderRunbookShell(result, { zarafaDir: c.name }));
    expect(dryRunText(script)).toBe(await readFile(c.runbookDryRun, 'utf8'));
  });

  it('reveals no secret value of the input in the patch, the changes, the report, the actions or the runbooks', async () => {
    const result = await translateConfigDir(c.zarafaDir, c.options);
    const secrets = result.files.flatMap((f) => [...f.input.matchAll(/^[#\s]*([\w-]+)\s*=[ \t]*(\S.*?)\s*$/gm)]
      .filter((m) => isSecretOption(undefined, m[1]!) && m[2]!.length > 3)
      .map((m) => m[2]!));
    expect(secrets.length, "the case should hold a secret to check").toBeGreaterThan(0);
    const shown = result.patch + JSON.stringify(result.files.map((f) => f.changes)) + renderReport(result, { zarafaDir: c.name, verbose: true }) +
      JSON.stringify(result.actions) + renderRunbookMarkdown(result, { zarafaDir: c.name }) + renderRunbookShell(result, { zarafaDir: c.name });
    for (const s of secrets) expect(shown).not.toContain(s);
  });

  it('changes nothing when its own output is translated again', async () => {
    const again = await translateConfigDir(c.kopanoDir, c.options);
    const changed = again.files.filter((f) => f.output !== f.input || f.target !== f.source);
    expect(changed.map((f) => ({ file: f.source, changes: f.changes }))).toEqual([]);
    expect(again.patch).toBe('');
  });
});
