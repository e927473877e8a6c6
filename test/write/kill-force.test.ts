/**
 * `--force` over an earlier result under SIGKILL at random moments: after the kill, the next run
 * finds the journal and rolls back (or forward, when every rename was done), so the directory holds
 * exactly the old files or exactly the new ones, never a mix, with no journal, staging directory or
 * lock left.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverInterruptedWrite } from '../../src/6-write/write-atomic.js';
import { makeRng } from '../helpers/generate.js';
import { fingerprint } from '../helpers/tree-fingerprint.js';
import { generateManyFiles, runCli, startCli, timed } from './kill-helpers.js';

const FILES = 1500;
const KILLS = 10;
const JOURNAL = '.zarafa2kopano-journal.json';

describe('--force over an earlier result, killed at random points', () => {
  it(`holds the old or the new files after each of ${KILLS} SIGKILLs, never a mix`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'z2k-killf-'));
    const inputs = { a: path.join(root, 'in-a'), b: path.join(root, 'in-b') };
    generateManyFiles(inputs.a, FILES, 15, 'a');
    generateManyFiles(inputs.b, FILES, 15, 'b');
    const refs = { a: path.join(root, 'ref-a'), b: path.join(root, 'ref-b') };
    expect((await runCli(['--out', refs.a, inputs.a])).code).toBe(0);
    cpSync(refs.a, refs.b, { recursive: true });
    // A whole replacing run (every file changes), and its translation alone, bound the kill delays.
    const [, fullMs] = await timed(() => runCli(['--force', '--out', refs.b, inputs.b]));
    const complete = { a: fingerprint(refs.a), b: fingerprint(refs.b) };
    expect(complete.b).not.toEqual(complete.a);
    const parent = path.join(root, 'target');
    const out = path.join(parent, 'kopano');
    cpSync(refs.a, out, { recursive: true });
    const [, translateMs] = await timed(() => runCli([inputs.b]));

    const r = makeRng(1515);
    let state: 'a' | 'b' = 'a';
    const seen = { old: 0, new: 0, journal: 0, cliRollBack: 0 };
    for (let k = 0; k < KILLS; k++) {
      const next: 'a' | 'b' = state === 'a' ? 'b' : 'a';
      // Even kills: at a random time in the write window. Odd kills: a random few milliseconds
      // after the journal appears (the replacing renames are a short part of the run; timing alone
      // on a shared machine rarely lands there).
      const run = startCli(['--force', '--out', out, inputs[next]]);
      let delay: number;
      if (k % 2 === 0) {
        delay = translateMs * 0.9 + r.next() * (fullMs * 1.05 - translateMs * 0.9);
        await new Promise((res) => setTimeout(res, delay));
      } else {
        delay = r.next() * 15;
        const watcher = watch(out);
        await Promise.race([
          new Promise((res) => watcher.on('change', (_e, name) => { if (name === JOURNAL) res(undefined); })),
          run.finished,
        ]);
        watcher.close();
        await new Promise((res) => setTimeout(res, delay));
      }
      run.child.kill('SIGKILL');
      await run.finished;
      const hadJournal = existsSync(path.join(out, JOURNAL));
      if (hadJournal) {
        seen.journal++;
      }
      if (hadJournal && seen.cliRollBack === 0) {
        // Once through the CLI: the next run recovers (rolls back, or completes a run killed after
        // its last rename), says so, then writes its own files.
        const again = await runCli(['--force', '--out', out, inputs[next]]);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stderr).toMatch(/OUT_DIR_ROLLED_(BACK|FORWARD)/);
        seen.cliRollBack++;
        expect(fingerprint(out)).toEqual(complete[next]);
        state = next;
        continue;
      }
      // Otherwise the same clean-up the next run starts with, without its write: shows the rolled-back state.
      await recoverInterruptedWrite(out);
      const now = fingerprint(out);
      expect([complete.a, complete.b], `kill ${k} after ${Math.round(delay)} ms`).toContainEqual(now);
      const became = JSON.stringify(now) === JSON.stringify(complete.a) ? 'a' : 'b';
      if (became === state) {
        seen.old++;
      } else {
        seen.new++;
      }
      state = became;
      expect(readdirSync(parent)).toEqual(['kopano']);
    }
    const other: 'a' | 'b' = state === 'a' ? 'b' : 'a';
    const last = await runCli(['--force', '--out', out, inputs[other]]);
    expect(last.code, last.stderr).toBe(0);
    expect(fingerprint(out)).toEqual(complete[other]);
    expect(readdirSync(parent)).toEqual(['kopano']);
    expect(seen.journal).toBeGreaterThan(0);
    console.log(`--force: ${KILLS} kills, ${seen.journal} left a journal (rolled back by the next run), ${seen.old} old, ${seen.new} new after recovery; run ${Math.round(fullMs)} ms, translate ${Math.round(translateMs)} ms`);
    rmSync(root, { recursive: true });
  }, 120_000);
});
