// The planner and pinSetting answer placement questions from a per-document index; the answers
// must be the ones a scan of the file gives (cfg's insertionPoint and the scans they replaced).
import { describe, expect, it } from 'vitest';
import { commentOutMarker, markerTagOf } from '../../src/cfg/edit.js';
import { commentedSettingOf } from '../../src/cfg/model.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { insertionPoint } from '../../src/cfg/placement.js';
import { DocIndex } from '../../src/3-plan/rules/lib/doc-index.js';
import { generateLine, makeRng, type Rng } from '../helpers/generate.js';

const KEYS = ['log_level', 'log_file', 'mysql_database', 'run_as_user', 'pid_file', 'a'];

function text(r: Rng): string {
  const lines: string[] = [];
  for (let i = r.int(20); i > 0; i--) {
    switch (r.int(6)) {
      case 0: lines.push(commentOutMarker(r.pick(['value-syntax', 'unknown-options']), `kopano-search does not accept "x" for ${r.pick(KEYS)}`)); break;
      case 1: lines.push(`#${r.pick(KEYS)} = ${r.int(3)}`); break;
      case 2: lines.push(`${r.pick(KEYS)} = ${r.int(3)}`); break;
      case 3: lines.push(''); break;
      default: lines.push(generateLine(r));
    }
  }
  return lines.join(r.chance(0.5) ? '\n' : '\r\n');
}

describe('the per-document index', () => {
  it('answers as a scan of the lines does', () => {
    const r = makeRng(11);
    for (let i = 0; i < 3000; i++) {
      const doc = parseConfig(text(r), { file: 'server.cfg', dialect: r.chance(0.5) ? 'cpp' : 'python' });
      const related = KEYS.filter(() => r.chance(0.4));
      const index = new DocIndex(doc);
      expect(index.insertionPoint(related)).toBe(insertionPoint(doc, related));
      const mentioned = doc.lines.some((l) => (l.kind === 'setting' && related.includes(l.key)) || related.includes(commentedSettingOf(l)?.key ?? ''));
      expect(index.mentionsAny(related)).toBe(mentioned);
      for (const key of KEYS) {
        const refused = doc.lines.some((l, j) => j > 0 && commentedSettingOf(l)?.key === key
          && markerTagOf(doc.lines[j - 1]!.raw) === 'value-syntax');
        expect(index.refused(key)).toBe(refused);
      }
    }
  });
});
