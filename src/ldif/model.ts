/**
 * An LDIF file (RFC 2849) as its lines. Every logical line keeps its exact text (`raw`: the physical
 * lines it was folded over, with their line ends), so printing the lines in order gives back the
 * input byte for byte; translation replaces whole logical lines and keeps every other one.
 */

/** How an attribute value is written: `attr: text`, `attr:: base64`, `attr:< url`. */
export type LdifValueForm = 'text' | 'base64' | 'url';

interface LineBase {
  /** The physical lines of this logical line, with their line ends, exactly as read. */
  raw: string;
  /** 1-based number of its first physical line. */
  line: number;
}

/** An empty line: it ends a record. */
export interface LdifBlankLine extends LineBase {
  kind: 'blank';
}

/** A `#` comment, with its continuation lines. */
export interface LdifCommentLine extends LineBase {
  kind: 'comment';
}

/** `-`: ends one modification of a `changetype: modify` record. */
export interface LdifSeparatorLine extends LineBase {
  kind: 'separator';
}

/** `name;options: value` (also `dn:`, `changetype:` and the modify specs `add:`/`delete:`/`replace:`). */
export interface LdifAttributeLine extends LineBase {
  kind: 'attribute';
  /** The attribute type as spelt in the file. */
  name: string;
  /** Options after the type, with their `;` (`;lang-en;binary`), or ''. */
  options: string;
  form: LdifValueForm;
  /** The value text after the separator and its leading spaces, unfolded (base64 or URL still encoded). */
  encoded: string;
  /** The value: decoded for base64 (UTF-8, or latin-1 bytes when not UTF-8), the URL for `:<`. */
  value: string;
  /** Line end of the first physical line ('\n', '\r\n' or '' at the end of the file). */
  eol: string;
}

/** A line that could not be read; only present when the parse reported an error. */
export interface LdifInvalidLine extends LineBase {
  kind: 'invalid';
}

export type LdifLine = LdifBlankLine | LdifCommentLine | LdifSeparatorLine | LdifAttributeLine | LdifInvalidLine;

/** What a record is: an entry (content record or `changetype: add`), or another change. */
export type LdifRecordKind = 'entry' | 'add' | 'modify' | 'delete' | 'modrdn';

/** One record: the lines from its `dn:` up to (not including) the blank line that ends it. */
export interface LdifRecord {
  kind: LdifRecordKind;
  /** Index of the `dn:` line in {@link LdifDocument.lines}. */
  dn: number;
  /** Index one past its last line. */
  end: number;
  /** Indexes of the attribute lines that hold the entry's values (entries and adds only). */
  attributes: number[];
}

export interface LdifDocument {
  lines: LdifLine[];
  /** Index of the `version:` line, when the file has one. */
  version?: number;
  records: LdifRecord[];
}
