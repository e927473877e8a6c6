import { parseConfig, readLines } from './parse.js';
import {
  dominantLineEnd,
  type ConfigDocument,
  type ConfigLine,
  type Dialect,
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
  /**
   * Turn the line into `#<original line>`, preceded by a marker comment that explains it:
   * `# zarafa2kopano[<tag>]: <reason>` (the tag, e.g. the rule id, is for machines; see markerTagOf).
   */
  | { op: 'comment-out'; line: number; reason: string; tag?: string }
  /**
   * Make a commented sample line such as `#key = value` an active `key = value` again
   * (the separator's layout is kept).
   */
  | { op: 'uncomment'; line: number; value: string }
  /** Insert `key = value` after line `after` (0 = before the first line), in the local style. */
  | { op: 'insert'; after: number; key: string; value: string }
  /** Insert the directive line `!<name> <arg>` after line `after` (with the setting inserts there, in edit order). */
  | { op: 'insert-directive'; after: number; name: 'include' | 'propmap'; arg: string }
  | { op: 'set-directive-arg'; line: number; arg: string };

/**
 * A plan the applier cannot carry out: two edits claim the same line part, an edit names a line
 * that does not exist or is of the wrong kind, or it asks for text the reader would not read back
 * as meant (a line break, a key starting with `#`, a value with surrounding blanks). Planning bugs,
 * never user input.
 */
export class EditConflictError extends Error {
  override name = 'EditConflictError';
}

/** The marker comment written above a commented-out line: the tag says who wrote it and why. */
export function commentOutMarker(tag: string | undefined, reason: string): string {
  return tag === undefined ? `# zarafa2kopano: ${reason}` : `# zarafa2kopano[${tag}]: ${reason}`;
}

const MARKER = /^# zarafa2kopano\[([a-z0-9:-]+)\]: /;

/**
 * The tag of a marker comment the tool wrote (`# zarafa2kopano[value-syntax]: …` → `value-syntax`),
 * or undefined for any other line. Decisions about earlier runs are taken on the tag, never on the
 * English reason after it.
 */
export function markerTagOf(raw: string): string | undefined {
  return MARKER.exec(raw)?.[1];
}

/**
 * Apply `edits` to `doc` in one step and return the new document (re-parsed with the same file
 * name, dialect and encoding). Throws {@link EditConflictError} on a plan that cannot be applied.
 */
export function applyEdits(doc: ConfigDocument, edits: readonly Edit[]): ConfigDocument {
  if (edits.length === 0) return doc;
  const text = applyEditsToText(doc, edits);
  return parseConfig(text, { file: doc.file, dialect: doc.dialect, encoding: doc.encoding ?? 'utf8' });
}

/**
 * The text of `doc` with `edits` applied (see {@link applyEdits}). Untouched lines keep their exact
 * characters and line ends. A new or rewritten line ends with the file's dominant line end; lines
 * inserted after the last line of a file without a final newline leave the file without one.
 */
export function applyEditsToText(doc: ConfigDocument, edits: readonly Edit[]): string {
  const byLine = new Map<number, Edit[]>();
  const inserts = new Map<number, Extract<Edit, { op: 'insert' | 'insert-directive' }>[]>();
  for (const edit of edits) {
    if (edit.op === 'insert' || edit.op === 'insert-directive') {
      if (!Number.isInteger(edit.after) || edit.after < 0 || edit.after > doc.lines.length) {
        throw new EditConflictError(`insert after line ${edit.after}: no such line`);
      }
      const list = inserts.get(edit.after) ?? [];
      list.push(edit);
      inserts.set(edit.after, list);
    } else {
      if (!Number.isInteger(edit.line) || edit.line < 1 || edit.line > doc.lines.length) {
        throw new EditConflictError(`${edit.op} on line ${edit.line}: no such line`);
      }
      const list = byLine.get(edit.line) ?? [];
      list.push(edit);
      byLine.set(edit.line, list);
    }
  }
  const eolForNew = dominantLineEnd(doc);
  const parts: string[] = [];
  if (doc.bom) parts.push('\uFEFF');
  const styles = inserts.size > 0 ? separatorStyles(doc) : undefined;
  const emitInserts = (after: number, lineEnd: LineEnd): void => {
    const list = inserts.get(after);
    if (!list) return;
    const style = styleNear(doc, styles!, after);
    list.forEach((ins, i) => {
      const last = i === list.length - 1;
      if (ins.op === 'insert-directive') {
        if (/[\r\n]/.test(ins.arg) || ins.arg.trim() !== ins.arg || ins.arg === '') {
          throw new EditConflictError(`insert !${ins.name} after line ${after}: the argument ${JSON.stringify(ins.arg)} would not read back`);
        }
        parts.push(`!${ins.name} ${ins.arg}`, last ? lineEnd : eolForNew);
        return;
      }
      const sep = ins.value === '' ? `${style.beforeEq}=` : `${style.beforeEq}=${style.afterEq}`;
      const text = `${ins.key}${sep}${ins.value}`;
      expectSetting(text, doc.dialect, ins.key, ins.value, `insert after line ${after}`);
      parts.push(text, last ? lineEnd : eolForNew);
    });
  };
  // Lines inserted at the very end of a file without a final newline keep it without one:
  // the old last line gets a line end, the new last line gets none.
  const n = doc.lines.length;
  const tailInserts = inserts.has(n) && n > 0 && doc.lines[n - 1]!.eol === '';
  emitInserts(0, eolForNew);
  for (const line of doc.lines) {
    const lineEdits = byLine.get(line.number);
    const isLast = line.number === n;
    const eol: LineEnd = isLast && tailInserts ? eolForNew : line.eol;
    if (lineEdits) parts.push(rewriteLine(line, lineEdits, eol, eolForNew, doc.dialect));
    else parts.push(line.raw, eol);
    if (inserts.has(line.number)) emitInserts(line.number, isLast && tailInserts ? '' : eolForNew);
  }
  return parts.join('');
}

function rewriteLine(line: ConfigLine, edits: Edit[], eol: LineEnd, eolForNew: '\n' | '\r\n', dialect: Dialect): string {
  const ops = new Set(edits.map((e) => e.op));
  if (ops.size !== edits.length) throw new EditConflictError(`line ${line.number}: two '${edits[0]!.op}' edits`);
  if (ops.has('comment-out') || ops.has('uncomment') || ops.has('set-directive-arg')) {
    if (edits.length > 1) throw new EditConflictError(`line ${line.number}: '${[...ops].join("' and '")}' overlap`);
  }
  const edit = edits[0]!;
  const where = `${edit.op} on line ${line.number}`;
  switch (edit.op) {
    case 'comment-out':
      if (/[\r\n]/.test(edit.reason)) throw new EditConflictError(`${where}: the reason contains a line break`);
      if (edit.tag !== undefined && !/^[a-z0-9:-]+$/.test(edit.tag)) throw new EditConflictError(`${where}: the tag is not [a-z0-9:-]+`);
      // The explanation is a new line: it ends like new lines do, even before a last line without one.
      return `${commentOutMarker(edit.tag, edit.reason)}${eolForNew}#${line.raw}${eol}`;
    case 'uncomment': {
      if (line.kind !== 'comment') throw new EditConflictError(`${where}: not a comment but a ${line.kind} line`);
      const m = COMMENTED_SETTING_HEAD.exec(line.raw);
      if (!m) throw new EditConflictError(`${where}: not a commented setting`);
      const key = m[1]!;
      let sep = edit.value === '' ? m[2]!.trimEnd() : m[2]!;
      // `#key =` (a sample with no value) given one: space it the way the key is spaced from '='.
      if (edit.value !== '' && sep.endsWith('=') && sep.length > 1) sep += ' ';
      const text = `${key}${sep}${edit.value}`;
      expectSetting(text, dialect, key, edit.value, where);
      return text + eol;
    }
    case 'set-directive-arg': {
      if (line.kind !== 'directive') throw new EditConflictError(`${where}: not a directive but a ${line.kind} line`);
      const { lead, gap, trail } = line.parts;
      const text = `${lead}!${line.name}${gap || ' '}${edit.arg}${trail}`;
      const back = readLines(text, dialect);
      const d = back[0];
      if (back.length !== 1 || d?.kind !== 'directive' || d.name !== line.name || d.arg !== edit.arg) {
        throw new EditConflictError(`${where}: the reader would not read the argument ${JSON.stringify(edit.arg)} back`);
      }
      return text + eol;
    }
    default: {
      if (line.kind !== 'setting') throw new EditConflictError(`${where}: not a setting but a ${line.kind} line`);
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
      // An empty value needs no separator after '=' (it would only leave trailing blanks).
      if (value === '') afterEq = '';
      const text = `${lead}${key}${beforeEq}=${afterEq}${value}${trail}`;
      expectSetting(text, dialect, key, value, `${[...ops].join('+')} on line ${line.number}`);
      return text + eol;
    }
  }
}

// `#key = ...` / `# key=...`: the key and the separator around '=' (kept when uncommenting).
const COMMENTED_SETTING_HEAD = /^#+[ \t]*([A-Za-z0-9_][A-Za-z0-9_.-]*)([ \t]*=[ \t]*)/;

/** A written setting line must read back as exactly `key` and `value`, or the edit is refused. */
function expectSetting(text: string, dialect: Dialect, key: string, value: string, where: string): void {
  const back = readLines(text, dialect);
  const l = back[0];
  if (back.length === 1 && l?.kind === 'setting' && l.key === key && l.value === value) return;
  throw new EditConflictError(
    `${where}: the reader would not read ${JSON.stringify(key)} = ${JSON.stringify(value)} back from ${JSON.stringify(text)}`,
  );
}

interface SeparatorStyle {
  beforeEq: string;
  afterEq: string;
}

const DEFAULT_STYLE: SeparatorStyle = { beforeEq: ' ', afterEq: ' ' };

/**
 * Where each insert group takes its separator style from: `lastBefore[after]` is the index of the
 * last setting with a value among the first `after` lines (-1 for none), `first` the first such
 * setting of the file. Built once per apply, so each group finds its style in O(1) instead of
 * rescanning the file.
 */
interface StyleIndex {
  lastBefore: Int32Array;
  first: number;
}

function separatorStyles(doc: ConfigDocument): StyleIndex {
  const lastBefore = new Int32Array(doc.lines.length + 1);
  let last = -1;
  let first = -1;
  lastBefore[0] = -1;
  for (let i = 0; i < doc.lines.length; i++) {
    if (hasStyle(doc.lines[i])) {
      last = i;
      if (first === -1) first = i;
    }
    lastBefore[i + 1] = last;
  }
  return { lastBefore, first };
}

function hasStyle(l: ConfigLine | undefined): l is SettingLine {
  return l?.kind === 'setting' && l.value !== '';
}

/**
 * Separator style of the setting nearest to line `after` (looking back first), else ` = `. With
 * none before `after`, the nearest one after it is the first of the file.
 */
function styleNear(doc: ConfigDocument, index: StyleIndex, after: number): SeparatorStyle {
  const back = index.lastBefore[after]!;
  const at = back >= 0 ? back : index.first;
  const found = at >= 0 ? doc.lines[at] : undefined;
  return hasStyle(found) ? { beforeEq: found.parts.beforeEq, afterEq: found.parts.afterEq } : DEFAULT_STYLE;
}
