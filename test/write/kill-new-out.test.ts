/**
 * `--out` into a new directory under SIGKILL at random moments: the output is absent or complete
 * (every file, right bytes and modes), never partial; the next run cleans up what the killed one
 * left (its stale lock, its staging directory) and succeeds; nothing of ours stays in the parent.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../helpers/generate.js';
import { fingerprint } from '../helpers/tree-fingerprint.js';
import { generateManyFiles, runCli, startCli, timed } from './kill-helpers.js';

const FILES = 1500;
const KILLS = 10;

describe('--out into a new directory, killed at random points', () => {
  it(`is absent or complete after each of ${KILLS} SIGKILLs, and the next run succeeds`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'z2k-kill-'));
    const input = path.join(root, 'in');
    generateManyFiles(input, FILES, 14, 'a');
    // The reference: a normal run; its duration bounds the kill delays.
    const reference = path.join(root, 'reference');
    const [ref, fullMs] = await timed(() => runCli(['--out', reference, input]));
    expect(ref.code, ref.stderr).toBe(0);
    const complete = fingerprint(reference);
    expect(Object.keys(complete).filter((k) => k.endsWith('.cfg'))).toHaveLength(FILES);
    const [, translateMs] = await timed(() => runCli([input]));

    const parent = path.join(root, 'target');
    const out = path.join(parent, 'kopano');
    const r = makeRng(1414);
    const seen = { absent: 0, complete: 0, leftovers: 0, missed: 0 };
    // Spread over the write window: from just before translation ends to just after a whole run.
    // On a loaded machine the timings of the first runs mislead: a kill that finds the run already
    // finished, or the output already complete, narrows the window to before it, so the kills land
    // in the write window on any machine (the seed fixes the draws, the machine the timings).
    let lo = translateMs * 0.9;
    let hi = fullMs * 1.05;
    for (let k = 0; k < KILLS; k++) {
      if (lo >= hi) lo = hi / 2;
      const delay = lo + r.next() * (hi - lo);
      const run = startCli(['--out', out, input]);
      await new Promise((res) => setTimeout(res, delay));
      run.child.kill('SIGKILL');
      const end = await run.finished;
      if (end.signal !== 'SIGKILL') seen.missed++;
      if (end.signal !== 'SIGKILL' || existsSync(out)) hi = delay;
      if (existsSync(out)) {
        expect(fingerprint(out), `kill ${k} after ${Math.round(delay)} ms`).toEqual(complete);
        seen.complete++;
        rmSync(out, { recursive: true });
      } else {
        seen.absent++;
      }
      if (existsSync(parent) && readdirSync(parent).length > 0) seen.leftovers++;
    }
    // The run after the last kill takes over a stale lock if there is one and removes staging leftovers.
    const last = await runCli(['--out', out, input]);
    expect(last.code, last.stderr).toBe(0);
    expect(fingerprint(out)).toEqual(complete);
    expect(readdirSync(parent)).toEqual(['kopano']);
    // The loop must have hit the write window: some kills before the rename, and the seed fixed.
    expect(seen.absent).toBeGreaterThan(0);
    console.log(`new --out: ${KILLS} kills (${seen.missed} after the run ended), ${seen.absent} absent, ${seen.complete} complete, ${seen.leftovers} left a lock/staging dir for the next run; run ${Math.round(fullMs)} ms, translate ${Math.round(translateMs)} ms`);
    rmSync(root, { recursive: true });
  }, 120_000);
});
