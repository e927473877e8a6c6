import { FRESH, type Arrays } from './scratch.js';

/** A text split into lines by offsets: line i is `text.slice(starts[i], starts[i + 1])`, LF included. */
export interface LineIndex {
  text: string;
  /** Length lines + 1; the last entry is text.length. */
  starts: Int32Array;
}

/** Offsets of the lines of `text`, split after each LF (a CR stays part of its line, as in jsdiff). */
export function indexLines(text: string, arrays: Arrays = FRESH): LineIndex {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  if (text.length > 0 && !text.endsWith('\n')) count++;
  const starts = arrays.take(count + 1);
  let line = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[++line] = at + 1;
  starts[count] = text.length;
  return { text, starts };
}

/**
 * How many lines both texts start with, found by comparing characters rather than lines: line i
 * is the same in both when both texts agree up to and including the line feed that ends it.
 */
export function commonLeadingLines(x: LineIndex, y: LineIndex): number {
  const s = x.text;
  const t = y.text;
  const max = Math.min(s.length, t.length);
  let c = 0;
  while (c < max && s.charCodeAt(c) === t.charCodeAt(c)) c++;
  if (c === s.length && c === t.length) return x.starts.length - 1;
  const starts = x.starts;
  const n = Math.min(starts.length, y.starts.length) - 1;
  let lines = 0;
  while (lines < n && starts[lines + 1]! <= c && s.charCodeAt(starts[lines + 1]! - 1) === 10) lines++;
  return lines;
}

/**
 * Number the distinct lines of both texts from line `skip` on (the lines before it are left out
 * and `a[i]`, `b[i]` are the ids of line `skip + i`): equal lines (line end included) get equal
 * ids, in [0, count). Hashes offsets into the texts instead of slicing a string per line, and
 * sizes its table by the number of distinct lines seen so far rather than by the line count,
 * which keeps memory to a few integers per distinct line on million-line inputs.
 */
export function lineIds(
  x: LineIndex, y: LineIndex, arrays: Arrays = FRESH, skip = 0,
): { a: Int32Array; b: Int32Array; count: number } {
  const nx = x.starts.length - 1;
  const ny = y.starts.length - 1;
  const table = new IdTable(x, y, arrays, skip);
  const number = (t: LineIndex, base: number, out: Int32Array): void => {
    const { text, starts } = t;
    for (let i = 0; i < out.length; i++) {
      const s = starts[skip + i]!;
      const e = starts[skip + i + 1]!;
      let h = 0x811c9dc5;
      for (let c = s; c < e; c++) h = Math.imul(h ^ text.charCodeAt(c), 0x01000193);
      out[i] = table.idOf(h, base + skip + i, text, s, e);
    }
  };
  const a = arrays.take(nx - skip);
  const b = arrays.take(ny - skip);
  number(x, 0, a);
  number(y, nx, b);
  return { a, b, count: table.count };
}

/**
 * Open-addressing table from a line's hash to its id. Each id remembers its first line as a global
 * line number (lines of `x` first, then those of `y`) and its hash. It starts small and doubles
 * when half full, so its size follows the number of distinct lines.
 */
class IdTable {
  count = 0;
  private slots: Int32Array; // id + 1; 0 = empty
  private mask: number;
  private repLine: Int32Array;
  private repHash: Int32Array;

  constructor(
    private readonly x: LineIndex,
    private readonly y: LineIndex,
    arrays: Arrays,
    skip: number,
  ) {
    // Room for every line up to 32k lines (a config file), so small diffs never grow the table;
    // beyond that it starts there and grows with the distinct lines.
    const lines = Math.min(x.starts.length + y.starts.length - 2 * skip, 1 << 15);
    let size = 16;
    while (size < 2 * lines) size *= 2;
    this.slots = arrays.take(size);
    this.mask = size - 1;
    this.repLine = arrays.take(size >> 1);
    this.repHash = arrays.take(size >> 1);
  }

  /** The id of global line `line`, which is `text[s, e)` and hashes to `h`. */
  idOf(h: number, line: number, text: string, s: number, e: number): number {
    const { slots, mask, repLine, repHash } = this;
    const nx = this.x.starts.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held === 0) {
        const id = this.count++;
        slots[slot] = id + 1;
        repLine[id] = line;
        repHash[id] = h;
        if (2 * this.count >= slots.length) this.grow();
        return id;
      }
      const id = held - 1;
      if (repHash[id] !== h) continue;
      const rep = repLine[id]!;
      if (rep < nx ? sameLine(this.x, rep, text, s, e) : sameLine(this.y, rep - nx, text, s, e)) return id;
    }
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.repHash[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    const repLine = new Int32Array(size >> 1);
    const repHash = new Int32Array(size >> 1);
    repLine.set(this.repLine);
    repHash.set(this.repHash);
    this.slots = slots;
    this.mask = mask;
    this.repLine = repLine;
    this.repHash = repHash;
  }
}

function sameLine(t: LineIndex, line: number, text: string, s: number, e: number): boolean {
  const s2 = t.starts[line]!;
  if (t.starts[line + 1]! - s2 !== e - s) return false;
  const other = t.text;
  for (let c = 0; c < e - s; c++) if (other.charCodeAt(s2 + c) !== text.charCodeAt(s + c)) return false;
  return true;
}
