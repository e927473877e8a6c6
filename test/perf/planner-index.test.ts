import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../helpers/generate.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { EditPlanner } from '../../src/3-plan/planner.js';

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
        const visited: { line: unknown; key: string; value: string }[] = [];
        plan.eachSetting((line, key, value) => visited.push({ line, key, value }));
        expect(visited).toEqual(plan.settingsList());
      }
      for (const key of KEYS) expect(plan.lineOf(key)?.number).toBe(scanLineOf(plan, key));
    }
  });
});

/*
 * The planner keeps state only for lines a rule touched: an untouched setting line is answered from
 * the document itself, and a line that is no setting (or no line at all) has no planned key.
 */
describe('EditPlanner per-line state', () => {
  const doc = parseConfig('# note\na = 1\n\nb = 2\n!include x.cfg\nc = 3\n');

  it('answers untouched lines from the document and touched ones from the plan', () => {
    const plan = new EditPlanner(doc);
    expect([2, 4, 6].map((n) => [plan.plannedKey(n), plan.plannedValue(n), plan.isRemoved(n)]))
      .toEqual([['a', '1', false], ['b', '2', false], ['c', '3', false]]);
    for (const n of [0, 1, 3, 5, 7, 100, -1, 2.5]) {
      expect([plan.plannedKey(n), plan.plannedValue(n), plan.isRemoved(n)]).toEqual([undefined, undefined, false]);
    }
    plan.setValue(2, '10', 'test', 'value');
    plan.rename(4, 'bb', 'test', 'rename');
    plan.remove(6, 'test', 'remove');
    expect([2, 4, 6].map((n) => [plan.plannedKey(n), plan.plannedValue(n), plan.isRemoved(n)]))
      .toEqual([['a', '10', false], ['bb', '2', false], [undefined, undefined, true]]);
    expect(plan.settingsList().map((s) => [s.line.number, s.key, s.value])).toEqual([[2, 'a', '10'], [4, 'bb', '2']]);
    // The document itself is not changed by planning.
    expect(doc.lines[1]).toMatchObject({ key: 'a', value: '1' });
    expect(plan.edits()).toEqual([
      { op: 'rename-key', line: 4, key: 'bb' },
      { op: 'set-value', line: 2, value: '10' },
      { op: 'comment-out', line: 6, reason: 'remove' },
    ]);
  });

  it('refuses to plan on a line that is no setting, or one already removed', () => {
    const plan = new EditPlanner(doc);
    for (const n of [1, 3, 5, 7, 0]) expect(() => plan.setValue(n, 'x', 'test', 'value')).toThrow(/is not a setting/);
    plan.remove(2, 'test', 'remove');
    expect(() => plan.rename(2, 'z', 'test', 'rename')).toThrow(/already removed/);
    expect(plan.changes()).toHaveLength(1);
  });

  it('eachSetting reads each line when it reaches it, as settings() does', () => {
    const plan = new EditPlanner(doc);
    const seen: string[] = [];
    plan.eachSetting((line, key, value) => {
      seen.push(`${key}=${value}`);
      if (line.number === 2) {
        plan.setValue(4, '20', 'test', 'ahead');
        plan.remove(6, 'test', 'ahead');
      }
    });
    expect(seen).toEqual(['a=1', 'b=20']);
  });
});
