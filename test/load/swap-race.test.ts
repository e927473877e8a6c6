/**
 * The race of issue 14.5: while loadDir runs, a child process swaps a subdirectory for a symlink to
 * an outside directory holding a 0600 secret under the same names, and back, as fast as it can.
 * Whatever the interleaving, the secret must never be in any file loaded: 0 of N runs.
 */
import { spawn } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDir } from '../../src/1-load/load-tree.js';
import type { LoadedDir } from '../../src/1-load/loaded-tree.js';
import { TmpTree } from './tmp-tree.js';

const RUNS = 400;

let tree: TmpTree;
afterEach(() => tree?.dispose());

const SWAPPER = `
const fs = require('node:fs');
const [sub, real, outside] = process.argv.slice(1);
for (;;) {
  try { fs.renameSync(sub, real); fs.symlinkSync(outside, sub); fs.unlinkSync(sub); fs.renameSync(real, sub); } catch {}
}`;

describe('load under a symlink swap race', () => {
  it(`never loads the outside secret (${RUNS} runs)`, async () => {
    tree = new TmpTree();
    const outside = tree.make('outside', { 's.cfg': 'mysql_password = RACE-SECRET-93d1\n', 'x.inc': 'mysql_password = RACE-SECRET-93d1\n' });
    chmodSync(`${outside}/s.cfg`, 0o600);
    chmodSync(`${outside}/x.inc`, 0o600);
    const dir = tree.make('in', {
      'server.cfg': 'server_name = mail\n!include sub/x.inc\n',
      'sub/s.cfg': 'log_level = 3\n',
      'sub/x.inc': 'log_timestamp = 1\n',
    });
    const child = spawn(process.execPath, ['-e', SWAPPER, `${dir}/sub`, `${dir}/sub.real`, outside], { stdio: 'ignore' });
    let leaks = 0;
    let loaded = 0;
    const kinds = new Set<string>();
    try {
      for (let i = 0; i < RUNS; i++) {
        let d: LoadedDir;
        try {
          d = await loadDir(dir, 'zarafa');
        } catch {
          continue; // a run that stopped (the tree changed under it) loaded nothing
        }
        loaded++;
        for (const f of d.files.values()) if (f.text.includes('RACE-SECRET')) leaks++;
        for (const t of d.targets.values()) kinds.add(t.kind);
      }
    } finally {
      child.kill('SIGKILL');
    }
    expect(leaks).toBe(0);
    expect(loaded).toBeGreaterThan(RUNS / 2);
  }, 120_000);
});
