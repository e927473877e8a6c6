import { DEFAULT_LIMITS, diffLineIds, type LineDiffLimits } from './line-diff.js';
import { commonLeadingLines, indexLines, lineIds, type LineIndex } from './line-ids.js';
import { ChunkedText } from './chunked-text.js';
import { EQUAL, INSERT, type RunSink } from './runs.js';
import { withScratch, type Arrays } from './scratch.js';

/** Lines of unchanged context around each change, as `diff -u` and `git diff` use by default. */
const CONTEXT = 3;
const NO_NEWLINE = '\\ No newline at end of file';

/**
 * A unified diff `--- a/<source>` / `+++ b/<target>` with 3 lines of context and no `Index:` lines,
 * so that it applies with `patch -p1` or `git apply` inside a copy of the input directory.
 * Returns '' when the texts are equal.
 *
 * The format is jsdiff's `createTwoFilesPatch` (lines split at LF, a CR stays part of its line,
 * `\ No newline at end of file` after a last line without one), and for the small edits a
 * translation makes the hunks are the same too. The difference is cost: time and memory grow
 * linearly with the input however many lines change (see line-diff.ts).
 */
export function unifiedDiff(source: string, target: string, before: string, after: string): string {
  return unifiedDiffWith(source, target, before, after, DEFAULT_LIMITS);
}

/** {@link unifiedDiff} with explicit work limits (tests use tiny ones to exercise the splitting). */
export function unifiedDiffWith(source: string, target: string, before: string, after: string, limits: LineDiffLimits): string {
  if (before === after) return '';
  return withScratch((arrays) => {
    const oldText = indexLines(before, arrays);
    const newText = indexLines(after, arrays);
    const script = editScript(oldText, newText, limits, arrays);
    const out = new ChunkedText();
    out.line(`--- ${quoteFileName(`a/${source}`)}`);
    out.line(`+++ ${quoteFileName(`b/${target}`)}`);
    writeHunks(script.kinds, script.counts, oldText, newText, out);
    return out.text();
  });
}

/** The line-level edit script; the line ids and their table are dropped before the hunks are written. */
function editScript(oldText: LineIndex, newText: LineIndex, limits: LineDiffLimits, arrays: Arrays): RunSink {
  // Equal leading lines are the first thing the diff trims, so they need no ids.
  const lead = commonLeadingLines(oldText, newText);
  const { a, b, count } = lineIds(oldText, newText, arrays, lead);
  return diffLineIds(a, b, count, limits, arrays, lead);
}

/**
 * Group the script into hunks the way jsdiff does: a hunk opens with up to 3 lines of context,
 * swallows unchanged stretches of at most 6 lines (unless the stretch ends the file), and closes
 * with up to 3 lines of context.
 */
function writeHunks(kinds: readonly number[], counts: readonly number[], oldText: LineIndex, newText: LineIndex, out: ChunkedText): void {
  let oldLine = 0; // 0-based position in each text
  let newLine = 0;
  let open = false;
  let oldStart = 0;
  let newStart = 0;
  let body: string[] = []; // the open hunk's lines, written once its header is known
  const add = (prefix: string, t: LineIndex, from: number, count: number): void => {
    if (count > 0) addLines(prefix, t, from, count, body);
  };
  const close = (contextAfter: number): void => {
    add(' ', newText, newLine, contextAfter);
    const oldCount = oldLine - oldStart + contextAfter;
    const newCount = newLine - newStart + contextAfter;
    // An empty side is numbered from the line before it, as diff -u does.
    out.line(`@@ -${oldCount === 0 ? oldStart : oldStart + 1},${oldCount} +${newCount === 0 ? newStart : newStart + 1},${newCount} @@`);
    for (const piece of body) out.line(piece);
    body = [];
    open = false;
  };
  for (let r = 0; r < kinds.length; r++) {
    const kind = kinds[r]!;
    const count = counts[r]!;
    if (kind === EQUAL) {
      if (open) {
        if (count <= 2 * CONTEXT && r < kinds.length - 1) add(' ', newText, newLine, count);
        else close(Math.min(count, CONTEXT));
      }
      oldLine += count;
      newLine += count;
      continue;
    }
    if (!open) {
      open = true;
      const before = r > 0 ? Math.min(CONTEXT, counts[r - 1]!) : 0;
      oldStart = oldLine - before;
      newStart = newLine - before;
      add(' ', newText, newLine - before, before);
    }
    if (kind === INSERT) {
      add('+', newText, newLine, count);
      newLine += count;
    } else {
      add('-', oldText, oldLine, count);
      oldLine += count;
    }
  }
  if (open) close(0);
}

/**
 * Lines [from, from + count) of `t`, each behind `prefix`, as one piece per run rather than one
 * string per line; a last line without a line end gets the `\ No newline` marker after it.
 */
function addLines(prefix: string, t: LineIndex, from: number, count: number, body: string[]): void {
  const chunk = t.text.slice(t.starts[from]!, t.starts[from + count]!);
  const complete = chunk.endsWith('\n');
  const lines = complete ? chunk.slice(0, -1) : chunk;
  body.push(prefix + lines.replaceAll('\n', `\n${prefix}`));
  if (!complete) body.push(NO_NEWLINE);
}

/**
 * A file name as GNU diff and git print it: in double quotes with C escapes (non-ASCII as UTF-8
 * octal) when it holds a control character, a quote, a backslash or a non-ASCII character.
 */
function quoteFileName(name: string): string {
  if (!/[^\x20-\x7e]|["\\]/.test(name)) return name;
  const named: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x22: '"', 0x5c: '\\' };
  let out = '"';
  for (const byte of new TextEncoder().encode(name)) {
    const escape = named[byte];
    if (escape !== undefined) out += `\\${escape}`;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}
