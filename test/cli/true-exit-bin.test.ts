/**
 * The bin's own streams and files (issue 20 items 7 and 8): stdout on a full disk ends in a true
 * message and exit 2, not a stack trace; --check never writes a runbook (refused); the runbook's
 * lock sits beside the runbook file, so a user who may write ~/rb.md can write it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/bin.js';
import { SMALL_ZARAFA, makeTree } from '../dir/helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-true-exit-bin-'));
chmodSync(tmp, 0o755);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bin(args: string[], opts: { stdout?: number; uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, '--target', '8.7', ...args], {
    encoding: 'utf8', stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...opts.env },
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
  });
  return { code: r.status, stderr: r.stderr };
}

describe('stdout that cannot be written', () => {
  it.runIf(existsSync('/dev/full'))('--out X >/dev/full: the output is written, then exit 2 with a true message and no stack trace', () => {
    const input = makeTree(SMALL_ZARAFA);
    const out = path.join(tmp, 'full');
    const fd = openSync('/dev/full', 'w');
    const r = bin(['--out', out, input], { stdout: fd });
    closeSync(fd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`Wrote \\d+ files to ${out}\\.`));
    expect(r.stderr).toMatch(/zarafa2kopano: standard output could not be written \(ENOSPC\): .* incomplete or missing; files reported above as written are complete\.\n$/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at |node:internal/);
    expect(readdirSync(out).length).toBeGreaterThan(0);
  });
});

describe('--check --runbook', () => {
  it('is refused: exit 2, a usage message, no runbook written', () => {
    const input = makeTree(SMALL_ZARAFA);
    const rb = path.join(tmp, 'check.md');
    const r = bin(['--check', '--runbook', rb, input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zarafa2kopano: --check writes nothing, so it cannot write --runbook/);
    expect(existsSync(rb)).toBe(false);
  });
});

describe('the runbook\'s lock', () => {
  it('sits beside the runbook file: a lock on its directory (as a whole) does not stop it, one on the file does', () => {
    const input = makeTree(SMALL_ZARAFA);
    const home = path.join(tmp, 'home-root');
    mkdirSync(home);
    const dirLock = path.join(tmp, '.home-root.zarafa2kopano.lock');
    const live = JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-12-07T00:00:00.000Z' });
    writeFileSync(dirLock, live);
    const ok = bin(['--runbook', path.join(home, 'rb.md'), input]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(home)).toEqual(['rb.md']);
    rmSync(dirLock);
    writeFileSync(path.join(home, '.rb.md.zarafa2kopano.lock'), live);
    const locked = bin(['--runbook', path.join(home, 'rb.md'), input]);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/OUT_DIR_LOCKED/);
  });

  it.runIf(process.getuid?.() === 0)('as nobody, --runbook ~/rb.md in a home only nobody may write (its parent root\'s) is written', () => {
    const input = makeTree(SMALL_ZARAFA);
    chmodSync(input, 0o755);
    const home = path.join(tmp, 'home');
    mkdirSync(home, { mode: 0o755 });
    chownSync(home, 65534, 65534);
    const r = bin(['--runbook', path.join(home, 'rb.md'), input], { uid: 65534, gid: 65534, env: { HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(home)).toEqual(['rb.md']);
  });
});
