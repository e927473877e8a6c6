import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Which reader the daemon uses for a file.
 * - `cpp`: ECConfigImpl (server, gateway, ical, dagent, spooler, monitor, archiver, ldap, unix, 7.1 search).
 * - `python`: the Python `Config` class (search from 7.2, backup, presence).
 */
export type Dialect = 'cpp' | 'python';

/** The bytes that end a line: LF, CRLF, or nothing on a last line without a final newline. */
export type LineEnd = '' | '\n' | '\r\n';

interface LineBase {
  /** 1-based line number in the text that was parsed. */
  number: number;
  /** The line's text without its line end. `raw + eol` are the line's exact characters. */
  raw: string;
  eol: LineEnd;
}

export interface BlankLine extends LineBase {
  kind: 'blank';
}

/** `#` in column 0 (C++), or first non-blank character (Python). */
export interface CommentLine extends LineBase {
  kind: 'comment';
}

/**
 * `!name arg` with `!` in column 0 (C++), or a line starting with `!` and holding no `=` (Python).
 * `honoured` is false where the reader does not act on the line: always in the Python dialect, and
 * in the C++ dialect when nothing follows the name, since the reader's name then includes the line end.
 */
export interface DirectiveLine extends LineBase {
  kind: 'directive';
  name: string;
  arg: string;
  honoured: boolean;
  /** raw === lead + '!' + name + gap + arg + trail (lead is empty in the C++ dialect) */
  parts: { lead: string; gap: string; trail: string };
}

/** `key = value`. Key and value are trimmed the way the reader trims them; `parts` keep the layout. */
export interface SettingLine extends LineBase {
  kind: 'setting';
  key: string;
  value: string;
  /** raw === lead + key + beforeEq + '=' + afterEq + value + trail */
  parts: { lead: string; beforeEq: string; afterEq: string; trail: string };
}

/** A line the reader skips silently: no `=`, or an empty key. */
export interface SkippedLine extends LineBase {
  kind: 'skipped';
  reason: 'no-equals' | 'empty-key';
}

/**
 * A line a person reads as a comment or directive, but the C++ reader reads as an option:
 * an indented `# key = value` becomes the option `# key`, which the daemon does not know.
 */
export interface MisreadLine extends LineBase {
  kind: 'misread';
  key: string;
  value: string;
}

export type ConfigLine = BlankLine | CommentLine | DirectiveLine | SettingLine | SkippedLine | MisreadLine;
export type LineKind = ConfigLine['kind'];

export interface ConfigDocument {
  /** The file's name as given to the parser (used in diagnostics). */
  readonly file: string;
  readonly dialect: Dialect;
  /** True when the text started with U+FEFF; the mark is not part of `lines[0].raw`. */
  readonly bom: boolean;
  /**
   * Encoding the text was decoded from (see decodeConfigBytes); byte limits are counted in it.
   * Optional so hand-built documents stay valid; absent means UTF-8.
   */
  readonly encoding?: 'utf8' | 'latin1';
  readonly lines: readonly ConfigLine[];
  /** What the reader would complain about or silently do differently from what a person reads. */
  readonly diagnostics: readonly Diagnostic[];
}

/** True when the last line has no line end (the file has no final newline). */
export function lacksFinalNewline(doc: ConfigDocument): boolean {
  const last = doc.lines[doc.lines.length - 1];
  return last !== undefined && last.eol === '';
}

/** The line end most lines use; LF for a file with none. Inserted lines copy it. */
export function dominantLineEnd(doc: ConfigDocument): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (const line of doc.lines) {
    if (line.eol === '\r\n') crlf++;
    else if (line.eol === '\n') lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

const COMMENTED_SETTING = /^#+[ \t]*([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*=(.*)$/;

/**
 * The key of a commented-out setting such as `#log_level = 3` or `# log_level = 3` (how the samples
 * show defaults), or undefined for prose comments.
 */
export function commentedSettingOf(line: ConfigLine): { key: string; value: string } | undefined {
  if (line.kind !== 'comment') return undefined;
  const m = COMMENTED_SETTING.exec(line.raw);
  if (!m) return undefined;
  return { key: m[1]!, value: m[2]!.trim() };
}
