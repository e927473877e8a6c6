/**
 * Exit codes tell the truth (issue 20 item 7): a failure after --out was committed exits 2 with a
 * message that says the output is complete, never "nothing was written". The post-commit faults
 * are injected by wrapping node:fs/promises for this file only (EIO removing the staging copies,
 * ENOSPC renaming the runbook into place).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SMALL_ZARAFA, makeTree } from '../dir/helpers.js';
import { fingerprint } from '../helpers/tree-fingerprint.js';

const fault = vi.hoisted(() => ({ rm: undefined as string | undefined, rename: undefined as string | undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (code: string) => Promise.reject(Object.assign(new Error(`${code} (injected)`), { code }));
  return {
    ...real,
    rm: (p: string, o?: object) => (fault.rm !== undefined && path.basename(p).startsWith('.zarafa2kopano-staging-') ? fail(fault.rm) : real.rm(p, o)),
    rename: (a: string, b: string) => (fault.rename !== undefined && b.endsWith('.md') ? fail(fault.rename) : real.rename(a, b)),
  };
});

const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-true-exit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(['--target', '8.7', ...argv], { stdout: { write: () => true }, stderr: { write: (s: string) => { stderr += s; } }, env: { NO_COLOR: '1' } });
  return { code, stderr };
}

describe('a failure after the output was committed', () => {
  const input = makeTree(SMALL_ZARAFA);
  const reference = path.join(tmp, 'reference');

  it('the complete output, for reference', async () => {
    expect((await cli(['--out', reference, input])).code).toBe(0);
  });

  it('the runbook path is a directory: exit 2, RUNBOOK_WRITE_FAILED, and the message says the output is complete', async () => {
    const out = path.join(tmp, 'rb-dir');
    const rb = path.join(tmp, 'rb-dir.md');
    mkdirSync(rb);
    const r = await cli(['--out', out, '--runbook', rb, input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error RUNBOOK_WRITE_FAILED: could not be written \(EISDIR\)/);
    expect(r.stderr).toMatch(new RegExp(`the output is complete: Wrote \\d+ files to ${out}\\. Only the runbook was not written`));
    expect(r.stderr).not.toMatch(/nothing was (left|written)/);
    expect(fingerprint(out)).toEqual(fingerprint(reference));
    expect(readdirSync(rb)).toEqual([]);
  });

  it('the disk fills while the runbook goes in place: exit 2, the old runbook kept, no temp file, the output complete', async () => {
    const out = path.join(tmp, 'rb-full');
    const rb = path.join(tmp, 'rb-full.md');
    writeFileSync(rb, 'old runbook\n');
    fault.rename = 'ENOSPC';
    const r = await cli(['--out', out, '--runbook', rb, input]).finally(() => { fault.rename = undefined; });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/RUNBOOK_WRITE_FAILED: could not be written \(ENOSPC\); the runbook file is as it was/);
    expect(r.stderr).toMatch(/the output is complete: Wrote \d+ files/);
    expect(fingerprint(out)).toEqual(fingerprint(reference));
    expect(readdirSync(tmp).filter((f) => f.startsWith('.rb-full'))).toEqual([]);
  });

  it('removing the staging copies fails with EIO after the commit (--force): exit 2, WRITE_CLEANUP_FAILED says the output is complete and names what to remove', async () => {
    const out = path.join(tmp, 'cleanup');
    expect((await cli(['--out', out, input])).code).toBe(0);
    const other = makeTree({ ...SMALL_ZARAFA, 'server.cfg': SMALL_ZARAFA['server.cfg']!.replace('test01', 'test02') });
    const want = path.join(tmp, 'cleanup-ref');
    expect((await cli(['--out', want, other])).code).toBe(0);
    fault.rm = 'EIO';
    const r = await cli(['--out', out, '--force', other]).finally(() => { fault.rm = undefined; });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error WRITE_CLEANUP_FAILED: the output is complete \(1 file written, \d+ files? already up to date\), but removing the staging copies .*\.zarafa2kopano-staging-\S+ failed afterwards \(EIO\); remove .* by hand, or run again/);
    expect(r.stderr).not.toMatch(/nothing was (left|written)/);
    const leftover = readdirSync(out).filter((f) => f.startsWith('.zarafa2kopano-staging-'));
    expect(leftover).toHaveLength(1);
    // The next run removes the leftover and finds the output up to date.
    const again = await cli(['--out', out, '--force', other]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/Wrote 0 files/);
    expect(fingerprint(out)).toEqual(fingerprint(want));
  });
});
