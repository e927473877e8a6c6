/**
 * An in-place merge (`--kopano-dir K --out K --force`) killed while it replaced files, built
 * deterministically: the state the kill leaves is made with the tool's own journal, k of the n
 * renames done (0 < k < n, and all n: killed just before the journal was removed). The same command
 * run again must end with the complete merge, exit 0: the recovery happens under the lock before K
 * is read as the merge base, so the migration is never lost (issue 20 item 1).
 */
import { chmodSync, copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeJournal, type Journal } from '../../src/6-write/journal.js';
import { ROOT } from '../helpers/bin.js';
import { fingerprint } from '../helpers/tree-fingerprint.js';

const ZARAFA = path.join(ROOT, 'fixtures/merge/zarafa-7.2');
const KOPANO = path.join(ROOT, 'fixtures/merge/kopano-8.0');
const JOURNAL = '.zarafa2kopano-journal.json';
const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-killed-merge-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: { write: () => true }, stderr: { write: (s: string) => { stderr += s; } }, env: { NO_COLOR: '1' } });
  return { code, stderr };
}

// The stock 8.0 files: a --target they contradict (8.7) is refused before anything is written.
const merge = (k: string) => ['--target', '8.0', '--kopano-dir', k, '--out', k, '--force', ZARAFA];

/** A fresh copy of the stock Kopano files, its mode narrowed like a real /etc/kopano. */
function stock(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(KOPANO, dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * K as a merge killed after `renamed` of its renames leaves it: every new file staged, every
 * replaced file hard-linked as its backup, the journal published, the first `renamed` staged files
 * renamed over their targets. Returns n, the number of files the merge replaces or creates.
 */
async function killedMerge(k: string, complete: string, renamed: number | 'all'): Promise<number> {
  const changed = changedBy(k, complete);
  const staging = '.zarafa2kopano-staging-4242-killed';
  const journal: Journal = {
    tool: 'zarafa2kopano', pid: 4242, started: '2026-12-07T00:00:00.000Z', staging,
    entries: changed.map((rel, i) => ({ path: rel, staged: `n${i}`, backup: existsSync(path.join(k, rel)) ? `o${i}` : null })),
    dirs: [],
  };
  const dir = path.join(k, staging);
  mkdirSync(dir, { mode: 0o700 });
  for (const [i, e] of journal.entries.entries()) {
    copyFileSync(path.join(complete, e.path), path.join(dir, `n${i}`));
    chmodSync(path.join(dir, `n${i}`), statSync(path.join(complete, e.path)).mode & 0o7777);
    if (e.backup) linkSync(path.join(k, e.path), path.join(dir, e.backup));
  }
  await writeJournal(k, journal);
  const upTo = renamed === 'all' ? journal.entries.length : renamed;
  for (const [i, e] of journal.entries.slice(0, upTo).entries()) renameSync(path.join(dir, `n${i}`), path.join(k, e.path));
  return journal.entries.length;
}

/** The files of `complete` that differ from (or are missing in) `k`. */
function changedBy(k: string, complete: string): string[] {
  const before = fingerprint(k);
  return Object.entries(fingerprint(complete)).filter(([rel, fp]) => before[rel] !== fp).map(([rel]) => rel);
}

describe('a killed in-place merge is recovered, never reverted (issue 20 item 1)', () => {
  const complete = stock('complete');
  it('the complete merge, for reference', async () => {
    const r = await cli(merge(complete));
    expect(r.code, r.stderr).toBe(0);
    expect(fingerprint(complete)).not.toEqual(fingerprint(KOPANO));
  });

  it.each([['all', 'all' as const], ['one', 1], ['all but one', -1]])('killed after %s of the renames: the same command ends with the complete merge, exit 0', async (label, renamed) => {
    const k = stock(`k-${label.replace(/ /g, '-')}`);
    const n = changedBy(k, complete).length;
    const done = renamed === 'all' ? 'all' : renamed < 0 ? n + renamed : renamed;
    expect(n).toBeGreaterThan(2);
    await killedMerge(k, complete, done);
    expect(existsSync(path.join(k, JOURNAL))).toBe(true);

    const r = await cli(merge(k));
    expect(r.code, r.stderr).toBe(0);
    expect(fingerprint(k)).toEqual(fingerprint(complete));
    if (done === 'all') {
      // Completed forwards: nothing undone, nothing left to write.
      expect(r.stderr).toMatch(/OUT_DIR_ROLLED_FORWARD/);
      expect(r.stderr).not.toMatch(/OUT_DIR_ROLLED_BACK/);
      expect(r.stderr).toMatch(/Wrote 0 files/);
    } else {
      expect(r.stderr).toMatch(/OUT_DIR_ROLLED_BACK/);
      expect(r.stderr).toMatch(new RegExp(`Wrote ${n} files`));
    }
    expect(readdirSync(k).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('a rollback killed part-way (its mark in the staging directory) is finished backwards, then the merge is written whole', async () => {
    const k = stock('k-rolling-back');
    const n = await killedMerge(k, complete, 'all');
    // The rollback's first step: the mark; then it was killed before it restored anything.
    writeFileSync(path.join(k, '.zarafa2kopano-staging-4242-killed', 'rolling-back'), '');
    const r = await cli(merge(k));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/OUT_DIR_ROLLED_BACK/);
    expect(r.stderr).toMatch(new RegExp(`Wrote ${n} files`));
    expect(fingerprint(k)).toEqual(fingerprint(complete));
  });

  it('a run that finds K locked by a live run reads nothing of K: OUT_DIR_LOCKED before any file of K is looked at', async () => {
    const k = stock('k-locked');
    // A file of K no read could pass (a FIFO): a run that read K before the lock would report it instead.
    execFileSync('mkfifo', [path.join(k, 'spooler.cfg')]);
    const lock = path.join(tmp, '.k-locked.zarafa2kopano.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-12-07T00:00:00.000Z' }));
    const r = await cli(merge(k));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OUT_DIR_LOCKED/);
    expect(r.stderr).not.toMatch(/NOT_A_REGULAR_FILE|spooler\.cfg/);
    rmSync(lock);
  });
});

