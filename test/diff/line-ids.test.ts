import { describe, expect, it } from 'vitest';
import { ChunkedText } from '../../src/4-emit/diff/chunked-text.js';
import { commonLeadingLines, indexLines, lineIds } from '../../src/4-emit/diff/line-ids.js';
import { diffLineIds } from '../../src/4-emit/diff/line-diff.js';
import { withScratch } from '../../src/4-emit/diff/scratch.js';
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

/** Lines of `text` with their line ends, as indexLines splits them. */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** Two texts that share a head of random length, then differ (or not), with CR and missing final LF. */
function headPair(r: () => number): [string, string] {
  const line = (): string => `k${Math.floor(r() * 4)}${r() < 0.2 ? '\r' : ''}`;
  const part = (n: number): string[] => Array.from({ length: n }, line);
  const head = part(Math.floor(r() * 6));
  const tail = (): string => {
    const ls = [...head, ...part(Math.floor(r() * 4))];
    return ls.join('\n') + (r() < 0.7 ? '\n' : '');
  };
  return [tail(), tail()];
}

describe('commonLeadingLines', () => {
  it('counts the leading lines (line end included) that both texts share', () => {
    const cases: [string, string, number][] = [
      ['', 'x\n', 0], ['a', 'a\n', 0], ['a\n', 'a', 0], ['a\r\n', 'a\n', 0],
      ['a\nb', 'a\nc', 1], ['a\nb', 'a\nbc', 1], ['a\nb\n', 'a\nb\n', 2], ['a\nb\n', 'a\nb\nc', 2],
    ];
    for (const [x, y, n] of cases) expect(commonLeadingLines(indexLines(x), indexLines(y)), `${JSON.stringify([x, y])}`).toBe(n);
    const r = mulberry32(0x1ead);
    for (let i = 0; i < 3000; i++) {
      const [x, y] = headPair(r);
      const lx = linesOf(x);
      const ly = linesOf(y);
      let n = 0;
      while (n < lx.length && n < ly.length && lx[n] === ly[n]) n++;
      expect(commonLeadingLines(indexLines(x), indexLines(y))).toBe(n);
    }
  });
});

describe('lineIds after skipped leading lines', () => {
  it('numbers lines skip.. exactly as equal or different as the lines are', () => {
    const r = mulberry32(0x5c1);
    for (let i = 0; i < 500; i++) {
      const [x, y] = headPair(r);
      const ix = indexLines(x);
      const iy = indexLines(y);
      const skip = Math.floor(r() * (Math.min(ix.starts.length, iy.starts.length)));
      const { a, b, count } = lineIds(ix, iy, undefined, skip);
      const lines = [...linesOf(x).slice(skip), ...linesOf(y).slice(skip)];
      const ids = [...a, ...b];
      expect(ids.length).toBe(lines.length);
      expect(new Set(ids).size).toBe(count);
      for (let p = 0; p < ids.length; p++) {
        for (let q = 0; q < p; q++) expect(ids[p] === ids[q]).toBe(lines[p] === lines[q]);
      }
    }
  });
});

describe('diffLineIds with leading lines left out', () => {
  it('gives the script of the whole input, under any limits', () => {
    const r = mulberry32(0x1ead5);
    const limitsList = [undefined, { smallRange: 0, workPerLine: 0, totalWorkPerLine: 1e9 }, { smallRange: 0, workPerLine: 0, totalWorkPerLine: 0 },
      { smallRange: 4, workPerLine: 1, totalWorkPerLine: 3 }];
    for (let i = 0; i < 1500; i++) {
      const ids = (n: number): number[] => Array.from({ length: n }, () => Math.floor(r() * 5));
      const head = ids(Math.floor(r() * 30));
      const a = Int32Array.from([...head, ...ids(Math.floor(r() * 30))]);
      const b = Int32Array.from([...head, ...ids(Math.floor(r() * 30))]);
      const lead = Math.floor(r() * (head.length + 1));
      for (const limits of limitsList) {
        const whole = diffLineIds(a, b, 5, limits);
        const rest = diffLineIds(a.subarray(lead), b.subarray(lead), 5, limits, undefined, lead);
        expect({ kinds: rest.kinds, counts: rest.counts }).toEqual({ kinds: whole.kinds, counts: whole.counts });
      }
    }
  });
});

describe('withScratch', () => {
  it('hands out zeroed arrays that do not overlap, reused by the next call, and fresh ones to a nested call', () => {
    const first = withScratch((arrays) => {
      const x = arrays.take(300);
      const y = arrays.take(10);
      x.fill(7);
      y.fill(9);
      expect(x.every((v) => v === 7) && y.every((v) => v === 9)).toBe(true);
      const inner = withScratch((nested) => nested.take(300));
      inner.fill(5);
      expect(x.every((v) => v === 7)).toBe(true);
      return x;
    });
    const second = withScratch((arrays) => arrays.take(200));
    expect(second.buffer).toBe(first.buffer);
    expect(second.every((v) => v === 0)).toBe(true);
    expect(withScratch((arrays) => arrays.take(1 << 20)).length).toBe(1 << 20);
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
