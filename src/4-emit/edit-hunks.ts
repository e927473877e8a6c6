import { FILE_HEADERS_ONLY, formatPatch, type StructuredPatch } from 'diff';

/** One line as jsdiff splits a text: at LF, a CR staying part of the line; `eol` false for a last line without LF. */
interface Line {
  text: string;
  eol: boolean;
}

type Op = { kind: 'eq'; a: number; b: number } | { kind: 'del'; a: number } | { kind: 'ins'; b: number };

const CONTEXT = 3;
const NO_NEWLINE = '\\ No newline at end of file';

export function linesOf(text: string): Line[] {
  const parts = text.split('\n');
  const last = parts.pop()!;
  const out = parts.map((t) => ({ text: t, eol: true }));
  if (last !== '') out.push({ text: last, eol: false });
  return out;
}

const same = (x: Line, y: Line): boolean => x.text === y.text && x.eol === y.eol;

/**
 * The unified diff of a text and its edited form, from what the plan already knows: which lines
 * of `before` the edits touched (1-based). Every other line is in `after` unchanged and in order,
 * so the edit script is read off in one pass instead of searched for; jsdiff formats it. Returns
 * undefined when `after` is not such an edit of `before` (then the caller diffs the texts).
 */
export function diffFromEdits(source: string, target: string, before: string, after: string, touched: ReadonlySet<number>): string | undefined {
  const a = linesOf(before);
  const b = linesOf(after);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const delFrom = i;
    while (i < a.length && touched.has(i + 1)) i++;
    // The new lines up to the next untouched line are what the touched lines and inserts became.
    let k = j;
    if (i < a.length) {
      while (k < b.length && !same(b[k]!, a[i]!)) k++;
      if (k === b.length) return undefined;
    } else {
      k = b.length;
    }
    pushChange(ops, a, b, delFrom, i, j, k);
    j = k;
    if (i === a.length) break;
    ops.push({ kind: 'eq', a: i, b: j });
    i++;
    j++;
  }
  return format(source, target, a, b, ops);
}

/** old[a0, a1) became new[b0, b1): lines equal at both ends stay context (a secret masked alike on both sides). */
function pushChange(ops: Op[], a: Line[], b: Line[], a0: number, a1: number, b0: number, b1: number): void {
  let head = 0;
  while (a0 + head < a1 && b0 + head < b1 && same(a[a0 + head]!, b[b0 + head]!)) head++;
  let tail = 0;
  while (a1 - tail > a0 + head && b1 - tail > b0 + head && same(a[a1 - 1 - tail]!, b[b1 - 1 - tail]!)) tail++;
  for (let x = 0; x < head; x++) ops.push({ kind: 'eq', a: a0 + x, b: b0 + x });
  for (let x = a0 + head; x < a1 - tail; x++) ops.push({ kind: 'del', a: x });
  for (let y = b0 + head; y < b1 - tail; y++) ops.push({ kind: 'ins', b: y });
  for (let x = tail; x > 0; x--) ops.push({ kind: 'eq', a: a1 - x, b: b1 - x });
}

/** Hunks with 3 lines of context, merged when at most 6 equal lines lie between two changes (as jsdiff does). */
function format(source: string, target: string, a: Line[], b: Line[], ops: Op[]): string {
  const changed = ops.map((o, n) => (o.kind === 'eq' ? -1 : n)).filter((n) => n >= 0);
  if (changed.length === 0) return '';
  const hunks: StructuredPatch['hunks'] = [];
  let g = 0;
  while (g < changed.length) {
    let last = changed[g]!;
    let h = g + 1;
    while (h < changed.length && changed[h]! - last - 1 <= 2 * CONTEXT) last = changed[h++]!;
    const from = Math.max(0, changed[g]! - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    const lines: string[] = [];
    let oldStart = -1;
    let newStart = -1;
    let oldLines = 0;
    let newLines = 0;
    for (let n = from; n < to; n++) {
      const o = ops[n]!;
      if (o.kind !== 'ins' && oldStart < 0) oldStart = o.a;
      if (o.kind !== 'del' && newStart < 0) newStart = o.b;
      if (o.kind === 'eq') {
        lines.push(` ${a[o.a]!.text}`);
        if (!a[o.a]!.eol) lines.push(NO_NEWLINE);
        oldLines++;
        newLines++;
      } else if (o.kind === 'del') {
        lines.push(`-${a[o.a]!.text}`);
        if (!a[o.a]!.eol) lines.push(NO_NEWLINE);
        oldLines++;
      } else {
        lines.push(`+${b[o.b]!.text}`);
        if (!b[o.b]!.eol) lines.push(NO_NEWLINE);
        newLines++;
      }
    }
    // An empty side starts after the line before the hunk (jsdiff subtracts one when it prints it).
    if (oldStart < 0) oldStart = countBefore(ops, from, 'a');
    if (newStart < 0) newStart = countBefore(ops, from, 'b');
    hunks.push({ oldStart: oldStart + 1, oldLines, newStart: newStart + 1, newLines, lines });
    g = h;
  }
  return formatPatch({ oldFileName: `a/${source}`, newFileName: `b/${target}`, oldHeader: undefined, newHeader: undefined, hunks }, FILE_HEADERS_ONLY);
}

/** How many old (`a`) or new (`b`) lines the ops before index `n` cover. */
function countBefore(ops: Op[], n: number, side: 'a' | 'b'): number {
  let c = 0;
  for (let x = 0; x < n; x++) {
    const k = ops[x]!.kind;
    if (k === 'eq' || (side === 'a' ? k === 'del' : k === 'ins')) c++;
  }
  return c;
}
