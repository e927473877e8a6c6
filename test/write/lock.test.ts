/**
 * One run at a time per output: a live lock makes a run exit 2 with OUT_DIR_LOCKED and write
 * nothing; a dead run's lock is taken over with a notice; two runs started together never both
 * write, and the output holds exactly one input's translation.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_ZARAFA, makeTree } from '../dir/helpers.js';
import { fingerprint } from '../helpers/tree-fingerprint.js';
import { generateManyFiles, runCli, startCli } from './kill-helpers.js';

const root = mkdtempSync(path.join(tmpdir(), 'z2k-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function lockFor(parent: string, name: string, pid: number): string {
  const lock = path.join(parent, `.${name}.zarafa2kopano.lock`);
  writeFileSync(lock, JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }));
  return lock;
}

/** A pid that just ended: no process has it (pids are not reused this soon). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the output lock', () => {
  const input = makeTree(SMALL_ZARAFA);

  it('a live run\'s lock: exit 2 OUT_DIR_LOCKED naming it, nothing written, the lock left to its owner', async () => {
    const parent = path.join(root, 'live');
    mkdirSync(parent);
    const lock = lockFor(parent, 'kopano', process.pid); // this test process: alive
    const r = await runCli(['--out', path.join(parent, 'kopano'), input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`error OUT_DIR_LOCKED: another run \\(pid ${process.pid} on .*\\) is writing this directory`));
    expect(readdirSync(parent)).toEqual([path.basename(lock)]);
  });

  it('a dead run\'s lock: taken over with OUT_DIR_STALE_LOCK, the write done, no lock left', async () => {
    const parent = path.join(root, 'stale');
    mkdirSync(parent);
    const pid = deadPid();
    lockFor(parent, 'kopano', pid);
    mkdirSync(path.join(parent, `.kopano.zarafa2kopano-staging-${pid}-abc`)); // its half-built output
    const r = await runCli(['--out', path.join(parent, 'kopano'), input]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`OUT_DIR_STALE_LOCK.*pid ${pid}`));
    expect(readdirSync(parent)).toEqual(['kopano']);
  });

  it('two runs started together into one new --out: one writes, the other exits 2, never a mix', async () => {
    const a = path.join(root, 'in-a');
    const b = path.join(root, 'in-b');
    generateManyFiles(a, 600, 17, 'a');
    generateManyFiles(b, 600, 17, 'b');
    const refs = { a: path.join(root, 'ref-a'), b: path.join(root, 'ref-b') };
    await Promise.all([runCli(['--out', refs.a, a]), runCli(['--out', refs.b, b])]);
    const out = path.join(root, 'both', 'kopano');
    mkdirSync(path.dirname(out));
    const [ra, rb] = await Promise.all([startCli(['--out', out, a]).finished, startCli(['--out', out, b]).finished]);
    expect([ra.code, rb.code].sort()).toEqual([0, 2]);
    const [winner, loser] = ra.code === 0 ? ['a', rb] as const : ['b', ra] as const;
    // Still writing when the second wanted the lock: OUT_DIR_LOCKED; already done: the directory is not new any more.
    expect(loser.stderr).toMatch(/error (OUT_DIR_LOCKED|OUT_DIR_NOT_EMPTY)/);
    expect(fingerprint(out)).toEqual(fingerprint(refs[winner]));
    expect(existsSync(path.join(root, 'both', '.kopano.zarafa2kopano.lock'))).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual(['kopano']);
  });
});
