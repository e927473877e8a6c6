import { parseConfig } from './parse.js';
import {
  dominantLineEnd,
  type ConfigDocument,
  type ConfigLine,
  type LineEnd,
  type SettingLine,
} from './model.js';

/**
 * A change to a document, computed against the original lines (1-based `line` numbers) and applied
 * all at once by {@link applyEdits}. Lines no edit names are copied byte for byte.
 */
export type Edit =
  | { op: 'set-value'; line: number; value: string }
  | { op: 'rename-key'; line: number; key: string }
  /** Turn the line into `#<original line>`, preceded by a `# zarafa2kopano: <reason>` comment. */
  | { op: 'comment-out'; line: number; reason: string }
  /**
   * Make a commented sample line such as `#key = value` an active `key = value` again
   * (the layout after the `#` is kept).
   */
  | { op: 'uncomment'; line: number; value: string }
  /** Insert `key = value` after line `after` (0 = before the first line), in the local style. */
  | { op: 'insert'; after: number; key: string; value: string }
  | { op: 'set-directive-arg'; line: number; arg: string };

export class EditConflictError extends Error {
  override name = 'EditConflictError';
}

/** Prefix of the comment line that explains a commented-out option. */
export const COMMENT_OUT_MARK = '# zarafa2kopano:';

/**
 * Apply `edits` to `doc` in one step and return the new document (re-parsed with the same options).
 * Throws {@link EditConflictError} when two edits claim the same part of a line, or an edit names a
 * line of the wrong kind: those are planning bugs, never user input.
 */
export function applyEdits(doc: ConfigDocument, edits: readonly Edit[]): ConfigDocument {
  if (edits.length === 0) return doc;
  const text = applyEditsToText(doc, edits);
  return parseConfig(text, { file: doc.file, dialect: doc.dialect });
}

export function applyEditsToText(doc: ConfigDocument, edits: readonly Edit[]): string {
  const byLine = new Map<number, Edit[]>();
  const inserts = new Map<number, Extract<Edit, { op: 'insert' }>[]>();
  for (const edit of edits) {
    if (edit.op === 'insert') {
      if (edit.after < 0 || edit.after > doc.lines.length) throw new EditConflictError(`insert after line ${edit.after}: no such line`);
      const list = inserts.get(edit.after) ?? [];
      list.push(edit);
      inserts.set(edit.after, list);
    } else {
      if (edit.line < 1 || edit.line > doc.lines.length) throw new EditConflictError(`${edit.op} on line ${edit.line}: no such line`);
      const list = byLine.get(edit.line) ?? [];
      list.push(edit);
      byLine.set(edit.line, list);
    }
  }
  const eolForNew = dominantLineEnd(doc);
  const parts: string[] = [];
  if (doc.bom) parts.push('\uFEFF');
  const emitInserts = (after: number, lineEnd: LineEnd): void => {
    const list = inserts.get(after);
    if (!list) return;
    const style = styleNear(doc, after);
    list.forEach((ins, i) => {
      const last = i === list.length - 1;
      parts.push(`${ins.key}${style.beforeEq}=${style.afterEq}${ins.value}`, last ? lineEnd : eolForNew);
    });
  };
  // Lines inserted at the very end of a file without a final newline keep it without one:
  // the old last line gets a line end, the new last line gets none.
  const n = doc.lines.length;
  const tailInserts = inserts.has(n) && n > 0 && doc.lines[n - 1]!.eol === '';
  emitInserts(0, n === 0 ? '' : eolForNew);
  for (const line of doc.lines) {
    const lineEdits = byLine.get(line.number);
    const isLast = line.number === n;
    const eol: LineEnd = isLast && tailInserts ? eolForNew : line.eol;
    parts.push(lineEdits ? rewriteLine(line, lineEdits, eol) : line.raw + eol);
    if (line.number > 0) emitInserts(line.number, isLast ? (tailInserts ? '' : eolForNew) : eolForNew);
  }
  return parts.join('');
}

function rewriteLine(line: ConfigLine, edits: Edit[], eol: LineEnd): string {
  const ops = new Set(edits.map((e) => e.op));
  if (ops.size !== edits.length) throw new EditConflictError(`line ${line.number}: two '${edits[0]!.op}' edits`);
  if (ops.has('comment-out') || ops.has('uncomment') || ops.has('set-directive-arg')) {
    if (edits.length > 1) throw new EditConflictError(`line ${line.number}: '${[...ops].join("' and '")}' overlap`);
  }
  const edit = edits[0]!;
  switch (edit.op) {
    case 'comment-out':
      return `${COMMENT_OUT_MARK} ${edit.reason}${eol || '\n'}#${line.raw}${eol}`;
    case 'uncomment': {
      if (line.kind !== 'comment') throw new EditConflictError(`line ${line.number}: uncomment of a ${line.kind} line`);
      const m = /^#+[ \t]*([^=]*?[^ \t=])([ \t]*=[ \t]*)/.exec(line.raw);
      if (!m) throw new EditConflictError(`line ${line.number}: not a commented setting`);
      return `${m[1]}${m[2]}${edit.value}${eol}`;
    }
    case 'set-directive-arg': {
      if (line.kind !== 'directive') throw new EditConflictError(`line ${line.number}: set-directive-arg on a ${line.kind} line`);
      const { lead, gap, trail } = line.parts;
      return `${lead}!${line.name}${gap || ' '}${edit.arg}${trail}${eol}`;
    }
    default: {
      if (line.kind !== 'setting') throw new EditConflictError(`line ${line.number}: ${edit.op} on a ${line.kind} line`);
      let key = line.key;
      let value = line.value;
      for (const e of edits) {
        if (e.op === 'rename-key') key = e.key;
        else if (e.op === 'set-value') value = e.value;
      }
      const { lead, beforeEq, trail } = line.parts;
      let afterEq = line.parts.afterEq;
      // `key =` given a value: separate it the way the key is separated from '='.
      if (line.value === '' && afterEq === '' && value !== '') afterEq = beforeEq === '' ? '' : ' ';
      return `${lead}${key}${beforeEq}=${afterEq}${value}${trail}${eol}`;
    }
  }
}

/** Separator style of the setting nearest to line `after` (looking back first), else ` = `. */
function styleNear(doc: ConfigDocument, after: number): { beforeEq: string; afterEq: string } {
  const isSetting = (l: ConfigLine | undefined): l is SettingLine => l?.kind === 'setting';
  for (let i = after - 1; i >= 0; i--) {
    const l = doc.lines[i];
    if (isSetting(l) && l.value !== '') return { beforeEq: l.parts.beforeEq, afterEq: l.parts.afterEq };
  }
  for (let i = after; i < doc.lines.length; i++) {
    const l = doc.lines[i];
    if (isSetting(l) && l.value !== '') return { beforeEq: l.parts.beforeEq, afterEq: l.parts.afterEq };
  }
  return { beforeEq: ' ', afterEq: ' ' };
}
