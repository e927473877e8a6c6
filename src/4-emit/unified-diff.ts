import { FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatch } from 'diff';

/** Lines of unchanged context around each change, as `diff -u` and `git diff` use by default. */
const CONTEXT = 3;

/**
 * Work jsdiff may spend finding the shortest edit script, as lines × edit length. Real config files
 * (a few hundred lines, tens of edits) are far below it; a 4 MB file rewritten all over is not, and
 * gets one block of changes instead of an hour of diffing. A bound on work, not on time: the same
 * input always gives the same patch.
 */
const MAX_WORK = 50_000_000;

/**
 * A unified diff `--- a/<source>` / `+++ b/<target>` with 3 lines of context and no `Index:` lines
 * (jsdiff's format: lines split at LF, a CR stays part of its line, `\ No newline at end of file`
 * after a last line without one), so that it applies with `patch -p1` or `git apply` inside a copy
 * of the input directory. '' when the texts are equal.
 */
export function unifiedDiff(source: string, target: string, before: string, after: string): string {
  if (before === after) return '';
  const lines = Math.max(1, countLines(before) + countLines(after));
  const options = { context: CONTEXT, maxEditLength: Math.max(64, Math.floor(MAX_WORK / lines)) };
  const patch = structuredPatch(`a/${source}`, `b/${target}`, before, after, undefined, undefined, options);
  if (patch) return formatPatch(patch, FILE_HEADERS_ONLY);
  // Too many changes for the work bound: a valid patch that replaces everything between the
  // common head and tail as one block.
  return formatPatch(blockPatch(source, target, before, after), FILE_HEADERS_ONLY);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Lines split at LF as jsdiff splits them: `text` is the line without LF, `eol` whether it had one. */
function linesOf(text: string): { text: string; eol: boolean }[] {
  const parts = text.split('\n');
  const last = parts.pop()!;
  const out = parts.map((t) => ({ text: t, eol: true }));
  if (last !== '') out.push({ text: last, eol: false });
  return out;
}

const NO_NEWLINE = '\\ No newline at end of file';

/** One hunk: the common head and tail as context, everything between removed and added. */
function blockPatch(source: string, target: string, before: string, after: string): StructuredPatch {
  const a = linesOf(before);
  const b = linesOf(after);
  const same = (x: { text: string; eol: boolean }, y: { text: string; eol: boolean }): boolean => x.text === y.text && x.eol === y.eol;
  let head = 0;
  while (head < a.length && head < b.length && same(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  const from = Math.max(0, head - CONTEXT);
  const lines: string[] = [];
  const push = (mark: string, l: { text: string; eol: boolean }): void => {
    lines.push(mark + l.text);
    if (!l.eol) lines.push(NO_NEWLINE);
  };
  for (let i = from; i < head; i++) push(' ', a[i]!);
  for (let i = head; i < a.length - tail; i++) push('-', a[i]!);
  for (let i = head; i < b.length - tail; i++) push('+', b[i]!);
  const contextAfter = Math.min(CONTEXT, tail);
  for (let i = a.length - tail; i < a.length - tail + contextAfter; i++) push(' ', a[i]!);
  const oldLines = a.length - tail + contextAfter - from;
  const newLines = b.length - tail + contextAfter - from;
  return {
    oldFileName: `a/${source}`,
    newFileName: `b/${target}`,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [{ oldStart: from + 1, oldLines, newStart: from + 1, newLines, lines }],
  };
}
