import { describe, expect, it } from 'vitest';
import { ChunkedText } from '../../src/diff/chunked-text.js';
import { indexLines, lineIds } from '../../src/diff/line-ids.js';
import { mulberry32 } from '../helpers/generate.js';

describe('lineIds', () => {
  // Enough distinct lines to make the id table grow several times from its first size.
  it('gives equal lines equal ids and different lines different ids, across both texts', () => {
    const r = mulberry32(0x1d5);
    for (const [lines, alphabet] of [[5000, 3000], [4000, 40], [3000, 1e9]] as const) {
      const make = (): string => {
        let s = '';
        for (let i = 0; i < lines; i++) s += `v${Math.floor(r() * alphabet)}${r() < 0.1 ? '\r' : ''}\n`;
        return r() < 0.5 ? s : `${s}tail`;
      };
      const x = indexLines(make());
      const y = indexLines(make());
      const { a, b, count } = lineIds(x, y);
      const text = (t: typeof x, i: number): string => t.text.slice(t.starts[i]!, t.starts[i + 1]!);
      const all = [...Array.from(a, (id, i) => [id, text(x, i)] as const), ...Array.from(b, (id, i) => [id, text(y, i)] as const)];
      const byId = new Map<number, string>();
      const byText = new Map<string, number>();
      for (const [id, line] of all) {
        expect(id).toBeGreaterThanOrEqual(0);
        expect(id).toBeLessThan(count);
        expect(byId.get(id) ?? line).toBe(line);
        expect(byText.get(line) ?? id).toBe(id);
        byId.set(id, line);
        byText.set(line, id);
      }
      expect(byText.size).toBe(count);
    }
  });
});

describe('ChunkedText', () => {
  it('is every line followed by a line feed, however many chunks it takes', () => {
    const r = mulberry32(7);
    for (const n of [0, 1, 10, 40_000]) {
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push('x'.repeat(Math.floor(r() * 80)) + (r() < 0.1 ? '\n+multi' : ''));
      const out = new ChunkedText();
      for (const l of lines) out.line(l);
      expect(out.text()).toBe(lines.map((l) => `${l}\n`).join(''));
    }
  });
});
