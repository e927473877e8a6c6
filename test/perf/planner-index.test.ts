import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../helpers/generate.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { EditPlanner } from '../../src/rules/planner.js';

/*
 * EditPlanner.lineOf answers from a per-key index instead of scanning the file on every call (a
 * scan per call made rules quadratic on big files). The index must give exactly what a scan of
 * the planned view gives, whatever mix of renames (also back and forth) and removals came before.
 */

const KEYS = ['a', 'b', 'c', 'd'];

function scanLineOf(plan: EditPlanner, key: string): number | undefined {
  let found: number | undefined;
  for (const s of plan.settings()) if (s.key === key) found = s.line.number;
  return found;
}

describe('EditPlanner key index', () => {
  it('agrees with a scan of the planned settings after random renames and removals', () => {
    const r = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let round = 0; round < 200; round++) {
      const lines = Array.from({ length: 1 + Math.floor(r() * 30) }, (_, i) =>
        r() < 0.2 ? `# comment ${i}` : `${pick(KEYS)} = v${i}`);
      const doc = parseConfig(`${lines.join('\n')}\n`);
      const plan = new EditPlanner(doc);
      const settingLines = doc.lines.filter((l) => l.kind === 'setting').map((l) => l.number);
      // Build the index early in some rounds and late in others.
      if (r() < 0.5) plan.lineOf('a');
      for (let step = 0; step < 20; step++) {
        const line = settingLines.length ? pick(settingLines) : undefined;
        if (line !== undefined && !plan.isRemoved(line)) {
          if (r() < 0.7) plan.rename(line, pick(KEYS), 'test', 'rename');
          else plan.remove(line, 'test', 'remove');
        }
        const key = pick(KEYS);
        expect(plan.lineOf(key)?.number).toBe(scanLineOf(plan, key));
        expect(plan.valueOf(key)).toBe(scanLineOf(plan, key) === undefined ? undefined : plan.plannedValue(scanLineOf(plan, key)!));
        // linesOf (every active line of a key) and settingsList (the walk as an array) from the same index.
        expect(plan.linesOf(key).map((l) => l.number)).toEqual([...plan.settings()].filter((s) => s.key === key).map((s) => s.line.number));
        expect(plan.settingsList()).toEqual([...plan.settings()]);
      }
      for (const key of KEYS) expect(plan.lineOf(key)?.number).toBe(scanLineOf(plan, key));
    }
  });
});
