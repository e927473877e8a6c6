/**
 * SIGTERM and SIGINT during a write: the run rolls back, leaves nothing of its own behind (no
 * staging directory, journal or lock) and exits 2 with WRITE_INTERRUPTED.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../helpers/tree-fingerprint.js';
import { generateManyFiles, runCli, startCli, type Finished } from './kill-helpers.js';

const root = mkdtempSync(path.join(tmpdir(), 'z2k-sig-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Start the CLI and send `signal` as soon as an entry whose name starts with `prefix` appears in `watched`. */
async function signalWhenSeen(args: string[], watched: string, prefix: string, signal: NodeJS.Signals): Promise<Finished> {
  const run = startCli(args);
  const watcher = watch(watched);
  await Promise.race([
    new Promise((res) => watcher.on('change', (_e, name) => { if (typeof name === 'string' && name.startsWith(prefix)) res(undefined); })),
    run.finished,
  ]);
  watcher.close();
  run.child.kill(signal);
  return run.finished;
}

describe('a signal during the write', () => {
  const input = path.join(root, 'in');
  generateManyFiles(input, 600, 16, 'a');
  const inputB = path.join(root, 'in-b');
  generateManyFiles(inputB, 600, 16, 'b');

  it('SIGTERM while a new --out is staged: exit 2, the output and every staging file gone', async () => {
    const parent = path.join(root, 'new');
    const out = path.join(parent, 'kopano');
    mkdirSync(parent); // to be watched
    const r = await signalWhenSeen(['--out', out, input], parent, '.kopano.zarafa2kopano-staging-', 'SIGTERM');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/error WRITE_INTERRUPTED: the write was interrupted by SIGTERM and rolled back/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s while --force replaces files: exit 2, the old files exactly, nothing left', async (signal) => {
    const out = path.join(root, `force-${signal}`);
    expect((await runCli(['--out', out, input])).code).toBe(0);
    const before = fingerprint(out);
    // SIGTERM while staging, SIGINT once the journal is there (the rollback from the journal).
    const prefix = signal === 'SIGTERM' ? '.zarafa2kopano-staging-' : '.zarafa2kopano-journal';
    const r = await signalWhenSeen(['--force', '--out', out, inputB], out, prefix, signal);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`WRITE_INTERRUPTED: the write was interrupted by ${signal}`));
    expect(fingerprint(out)).toEqual(before);
    expect(readdirSync(root).filter((n) => n.includes('zarafa2kopano'))).toEqual([]);
  });
});
