/** A text split into lines by offsets: line i is `text.slice(starts[i], starts[i + 1])`, LF included. */
export interface LineIndex {
  text: string;
  /** Length lines + 1; the last entry is text.length. */
  starts: Int32Array;
}

/** Offsets of the lines of `text`, split after each LF (a CR stays part of its line, as in jsdiff). */
export function indexLines(text: string): LineIndex {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  if (text.length > 0 && !text.endsWith('\n')) count++;
  const starts = new Int32Array(count + 1);
  let line = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[++line] = at + 1;
  starts[count] = text.length;
  return { text, starts };
}

/**
 * Number the distinct lines of both texts: equal lines (line end included) get equal ids, in
 * [0, count). Hashes offsets into the texts instead of slicing a string per line, which keeps
 * memory to a few integers per line on million-line inputs.
 */
export function lineIds(x: LineIndex, y: LineIndex): { a: Int32Array; b: Int32Array; count: number } {
  const nx = x.starts.length - 1;
  const ny = y.starts.length - 1;
  let size = 16;
  while (size < 2 * (nx + ny)) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size); // id + 1; 0 = empty
  const repText: LineIndex[] = [];
  const repLine = new Int32Array(nx + ny);
  const repHash = new Int32Array(nx + ny);
  let count = 0;

  const number = (t: LineIndex, out: Int32Array): void => {
    const { text, starts } = t;
    for (let i = 0; i < out.length; i++) {
      const s = starts[i]!;
      const e = starts[i + 1]!;
      let h = 0x811c9dc5;
      for (let c = s; c < e; c++) h = Math.imul(h ^ text.charCodeAt(c), 0x01000193);
      let slot = h & mask;
      for (;;) {
        const held = slots[slot]!;
        if (held === 0) {
          slots[slot] = count + 1;
          repText.push(t);
          repLine[count] = i;
          repHash[count] = h;
          out[i] = count++;
          break;
        }
        const id = held - 1;
        if (repHash[id] === h && sameLine(repText[id]!, repLine[id]!, text, s, e)) {
          out[i] = id;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  };
  const a = new Int32Array(nx);
  const b = new Int32Array(ny);
  number(x, a);
  number(y, b);
  return { a, b, count };
}

function sameLine(t: LineIndex, line: number, text: string, s: number, e: number): boolean {
  const s2 = t.starts[line]!;
  if (t.starts[line + 1]! - s2 !== e - s) return false;
  const other = t.text;
  for (let c = 0; c < e - s; c++) if (other.charCodeAt(s2 + c) !== text.charCodeAt(s + c)) return false;
  return true;
}
