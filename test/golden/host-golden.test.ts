import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { translateHost } from '../../src/api/translate-host.js';
import { renderReport } from '../../src/report/render-report.js';
import { renderRunbookMarkdown } from '../../src/report/render-runbook-md.js';
import { hostCases } from './host-cases.mjs';
import { listFiles } from './cases.mjs';

// Regenerated with `npm run golden:update` (scripts/update-host-golden.mjs), reviewed before committing.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = await mkdtemp(path.join(tmpdir(), 'z2k-host-golden-test-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The secret values the fixtures hold: database passwords and the fetchmail password. */
const SECRETS = ['Fj3kd9Lq', 'Rt5vB8nQ', 'Qw7pZx2m'];

describe.each(hostCases(repo))('host golden case $name', (c) => {
  it('writes exactly the golden files under OUT, mirroring the root, byte for byte', async () => {
    const out = path.join(scratch, `${c.name}-out`);
    const result = await translateHost(c.root, { ...c.options, outDir: out });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const written = listFiles(out);
    expect(written).toEqual(listFiles(c.outDir));
    expect(written.length).toBeGreaterThan(2);
    for (const f of written) {
      const [got, want] = await Promise.all([readFile(path.join(out, f)), readFile(path.join(c.outDir, f))]);
      expect(got.equals(want), `${c.name}/out/${f} differs from the golden file`).toBe(true);
    }
  });

  it('produces the golden patch, report and runbook, and reveals no secret in them', async () => {
    const result = await translateHost(c.root, c.options);
    const report = renderReport(result, { zarafaDir: c.name });
    const runbook = renderRunbookMarkdown(result, { zarafaDir: c.name });
    expect(result.patch).toBe(await readFile(c.diffFile, 'utf8'));
    expect(report).toBe(await readFile(c.reportFile, 'utf8'));
    expect(runbook).toBe(await readFile(c.runbookMd, 'utf8'));
    const shown = result.patch + report + runbook + JSON.stringify(result.files.map((f) => [f.changes, f.diagnostics])) + JSON.stringify(result.actions);
    for (const s of SECRETS) expect(shown).not.toContain(s);
  });

  it.each(['git', 'patch'])('with secrets shown, the patch applies inside a copy of the root (%s) and gives OUT; a run on the result changes nothing', async (tool) => {
    const result = await translateHost(c.root, { ...c.options, showSecrets: true });
    const copy = path.join(scratch, `${c.name}-${tool}`);
    await cp(c.root, copy, { recursive: true });
    if (tool === 'git') execFileSync('git', ['apply', '-p1', '-'], { cwd: copy, input: result.patch });
    else execFileSync('patch', ['-p1', '-s'], { cwd: copy, input: result.patch });
    for (const f of listFiles(c.outDir)) {
      const [got, want] = await Promise.all([readFile(path.join(copy, f)), readFile(path.join(c.outDir, f))]);
      expect(got.equals(want), `${f} after the patch differs from OUT`).toBe(true);
    }
    const again = await translateHost(copy, c.options);
    const differs = [];
    for (const f of again.files) {
      const now = await readFile(path.join(copy, f.target), 'utf8').catch(() => undefined);
      if (now !== f.output) differs.push(f.target);
    }
    expect(differs).toEqual([]);
    // A file translated in place is now Kopano's: nothing in it changes again.
    expect(again.files.filter((f) => f.source === f.target && f.changes.length > 0).map((f) => f.source)).toEqual([]);
  });
});
