import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConfigDocument, ConfigLine, Dialect, LineEnd } from './model.js';

export interface ParseOptions {
  /** Name used in diagnostics. Default: `''`. */
  file?: string;
  /** Reader to follow. Default: `'cpp'`. */
  dialect?: Dialect;
  /** Encoding the text was decoded from; line lengths are counted in its bytes. Default: `'utf8'`. */
  encoding?: 'utf8' | 'latin1';
  /**
   * Default: `true`. `false` leaves `diagnostics` empty and the lines the same, for a caller that
   * reads only the lines (a translation checking its own output): on a big file with many duplicate
   * keys the diagnostics are most of a document's memory.
   */
  diagnostics?: boolean;
}

/** fgets() into a 4096-byte buffer: a line (with its LF) longer than 4095 bytes is read in pieces. */
export const MAX_LINE_BYTES = 4095;
/** Only the first 1023 bytes of a value are kept by the C++ reader. */
export const MAX_VALUE_BYTES = 1023;

const KNOWN_DIRECTIVES = new Set(['include', 'propmap']);

// The C++ reader trims space, tab, CR and LF. Python 3's str.strip() trims what str.isspace()
// accepts: JS `\s` is close but includes U+FEFF (not space to Python) and misses U+001C-U+001F, U+0085.
// Tested code unit by code unit rather than with regexes: this runs for every line of every file,
// and a `[...]*$` regex retries from each position of the string.
type SpaceTest = (c: number) => boolean;
const isCppSpace: SpaceTest = (c) => c === 32 || c === 9 || c === 13 || c === 10;
const isPySpace: SpaceTest = (c) =>
  c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f) ||
  (c >= 0x85 && (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000));

/** Index of the first code unit in [from, to) that is not space, or `to`. */
function skipSpace(s: string, from: number, to: number, isSpace: SpaceTest): number {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  return from;
}

/** One past the last code unit in [from, to) that is not space, or `from`. */
function skipSpaceBack(s: string, from: number, to: number, isSpace: SpaceTest): number {
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
  return to;
}

/**
 * Split `text` into typed lines the way the daemon's reader sees them. Never throws: whatever the
 * reader would complain about (or silently do differently from what a person reads) is a diagnostic.
 * `printConfig(parseConfig(text)) === text` for every string.
 */
export function parseConfig(text: string, options: ParseOptions = {}): ConfigDocument {
  const file = options.file ?? '';
  const dialect = options.dialect ?? 'cpp';
  const encoding = options.encoding ?? 'utf8';
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;

  // Sized up front: growing by push on a million-line file allocates the array about three times over.
  const lines: ConfigLine[] = new Array<ConfigLine>(countLines(body));
  const keys = new Map<string, string>();
  let start = 0;
  let number = 0;
  while (start < body.length) {
    const nl = body.indexOf('\n', start);
    let end: number;
    let eol: LineEnd;
    let next: number;
    if (nl === -1) {
      end = body.length;
      eol = '';
      next = body.length;
    } else if (nl > start && body.charCodeAt(nl - 1) === 13) {
      end = nl - 1;
      eol = '\r\n';
      next = nl + 1;
    } else {
      end = nl;
      eol = '\n';
      next = nl + 1;
    }
    lines[number] = classify(body.slice(start, end), eol, number + 1, dialect, keys);
    number++;
    start = next;
  }
  // A plain data field, not a getter computed on first read: an accessor on the document made
  // every later read of the document's fields slower (about 1.7x the whole translation of the sample).
  const diagnostics = options.diagnostics === false ? [] : lineDiagnostics(lines, file, dialect, encoding, bom);
  const doc: ConfigDocument = { file, dialect, bom, encoding, lines, diagnostics };
  return doc;
}

/** Lines parseConfig makes of `body`: one per LF, plus a last one without a line end. */
export function countLines(body: string): number {
  let count = 0;
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) count++;
  return body.length > 0 && body.charCodeAt(body.length - 1) !== 10 ? count + 1 : count;
}

/**
 * `parseConfig(text, { dialect }).lines` without building a document: the editor reads each line it
 * writes back this way, once per edit.
 */
export function readLines(text: string, dialect: Dialect): readonly ConfigLine[] {
  if (text === '') return [];
  if (text.includes('\n') || text.charCodeAt(0) === 0xfeff) return parseConfig(text, { dialect }).lines;
  return [classify(text, '', 1, dialect)];
}

/** What the reader makes of `lines` that a person would not expect, in line order (a BOM first). */
function lineDiagnostics(
  lines: readonly ConfigLine[],
  file: string,
  dialect: Dialect,
  encoding: 'utf8' | 'latin1',
  bom: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (bom) out.push(bomDiagnostic(lines[0], file));
  const lastByKey = new Map<string, number>();
  for (const line of lines) checkLine(line, file, dialect, encoding, lastByKey, out);
  return out;
}

/**
 * Neither reader knows about byte order marks: the C++ reader compares the first byte with `#` and
 * `!`, and Python's strip() does not remove U+FEFF. So the mark sticks to the start of line 1, which
 * we classify as a person reads it; the message says what the daemon makes of it instead.
 */
function bomDiagnostic(first: ConfigLine | undefined, file: string): Diagnostic {
  let effect: string;
  if (first === undefined || first.kind === 'blank') effect = 'line 1 is blank, so this is harmless';
  else if (first.kind === 'setting') effect = `the daemon reads the key of line 1 as '\\uFEFF${first.key}', an option it does not know, so '${first.key}' is not set there`;
  else if (first.kind === 'directive') effect = `line 1 is not a directive for the daemon (the mark comes before '!')`;
  else if (first.raw.includes('=')) effect = `line 1 is not a comment for the daemon: it contains '=', so the daemon reads an option it does not know`;
  else effect = 'line 1 has no \'=\', so the daemon skips it either way';
  return diagnostic('BYTE_ORDER_MARK', 'warning', file, 1,
    `the file starts with a byte order mark, which the daemon reads as part of line 1; ${effect}`);
}

/**
 * `keys` holds one string per distinct key seen so far: a key assigned on many lines is one string,
 * not one copy per line.
 */
function classify(raw: string, eol: LineEnd, number: number, dialect: Dialect, keys?: Map<string, string>): ConfigLine {
  const isSpace = dialect === 'cpp' ? isCppSpace : isPySpace;
  const end = raw.length;
  const leadEnd = skipSpace(raw, 0, end, isSpace);
  if (leadEnd === end) return { kind: 'blank', number, raw, eol };
  const first = dialect === 'cpp' ? raw.charCodeAt(0) : raw.charCodeAt(leadEnd);
  if (first === 0x23 /* # */) return { kind: 'comment', number, raw, eol };
  if (first === 0x21 /* ! */ && (dialect === 'cpp' || !raw.includes('='))) return directive(raw, eol, number, dialect, leadEnd);
  const eq = raw.indexOf('=');
  if (eq === -1) return { kind: 'skipped', number, raw, eol, reason: 'no-equals' };
  // raw = lead | key | beforeEq | '=' | afterEq | value | trail, cut at these offsets:
  const keyStart = skipSpace(raw, 0, eq, isSpace);
  const keyEnd = skipSpaceBack(raw, keyStart, eq, isSpace);
  if (keyEnd === keyStart) return { kind: 'skipped', number, raw, eol, reason: 'empty-key' };
  const valueStart = skipSpace(raw, eq + 1, end, isSpace);
  const valueEnd = skipSpaceBack(raw, valueStart, end, isSpace);
  let key = raw.slice(keyStart, keyEnd);
  if (keys) {
    const known = keys.get(key);
    if (known === undefined) keys.set(key, key);
    else key = known;
  }
  const value = raw.slice(valueStart, valueEnd);
  const k0 = key.charCodeAt(0);
  if (dialect === 'cpp' && (k0 === 0x23 || k0 === 0x21)) {
    return { kind: 'misread', number, raw, eol, key, value };
  }
  return {
    kind: 'setting', number, raw, eol, key, value,
    // Each line its own `parts`: lines are plain data a caller may change in place, so an object
    // shared between lines (or frozen) would change or refuse what the caller asked for.
    parts: {
      lead: keyStart === 0 ? '' : raw.slice(0, keyStart),
      beforeEq: sep(raw, keyEnd, eq),
      afterEq: sep(raw, eq + 1, valueStart),
      trail: valueEnd === end ? '' : raw.slice(valueEnd),
    },
  };
}

/** The separator raw[from, to): the usual one-space case reuses one string instead of making one per line. */
function sep(raw: string, from: number, to: number): string {
  if (to === from) return '';
  if (to === from + 1 && raw.charCodeAt(from) === 32) return ' ';
  return raw.slice(from, to);
}

function directive(raw: string, eol: LineEnd, number: number, dialect: Dialect, leadEnd: number): ConfigLine {
  const lead = raw.slice(0, leadEnd);
  const rest = raw.slice(leadEnd + 1);
  const nameEnd = rest.search(/[ \t]/);
  const name = nameEnd === -1 ? rest : rest.slice(0, nameEnd);
  const afterName = nameEnd === -1 ? '' : rest.slice(nameEnd);
  // The argument is trimmed of space, tab, CR and LF on both ends.
  const gap = /^[ \t\r]*/.exec(afterName)![0];
  const tail = afterName.slice(gap.length);
  const trail = /[ \t\r]*$/.exec(tail)![0];
  // The C++ reader ends the name at the first space or tab only. With nothing after the name, the
  // name it compares includes the line end ("include\n"), which matches no directive.
  const nameTakesLineEnd = nameEnd === -1 && eol !== '';
  return {
    kind: 'directive', number, raw, eol, name, arg: tail.slice(0, tail.length - trail.length),
    honoured: dialect === 'cpp' && !nameTakesLineEnd, parts: { lead, gap, trail },
  };
}

function byteLength(s: string, encoding: 'utf8' | 'latin1'): number {
  // Fast path: plain ASCII has one byte per character in both encodings.
  if (encoding === 'latin1' || !/[^\x00-\x7f]/.test(s)) return s.length;
  return Buffer.byteLength(s, 'utf8');
}

// A UTF-16 unit is at most 3 UTF-8 bytes, so shorter strings cannot exceed a byte limit `n`.
const mayExceed = (s: string, n: number): boolean => s.length * 3 > n;

function checkLine(
  line: ConfigLine,
  file: string,
  dialect: Dialect,
  encoding: 'utf8' | 'latin1',
  lastByKey: Map<string, number>,
  out: Diagnostic[],
): void {
  const n = line.number;
  // fgets() stops after 4095 bytes. Only bytes of the line itself matter: when all that is left
  // for the next read is the line end, that piece is blank and changes nothing.
  if (dialect === 'cpp' && mayExceed(line.raw, MAX_LINE_BYTES) && byteLength(line.raw, encoding) > MAX_LINE_BYTES) {
    out.push(diagnostic('LINE_TOO_LONG', 'warning', file, n,
      `line is ${byteLength(line.raw, encoding)} bytes; the C++ reader reads at most ${MAX_LINE_BYTES} bytes at a time, so the rest of the line is read as a line of its own`));
  }
  switch (line.kind) {
    case 'setting': {
      if (dialect === 'cpp' && mayExceed(line.value, MAX_VALUE_BYTES) && byteLength(line.value, encoding) > MAX_VALUE_BYTES) {
        out.push(diagnostic('VALUE_TRUNCATED', 'warning', file, n,
          `value of '${line.key}' is ${byteLength(line.value, encoding)} bytes; the C++ reader keeps only the first ${MAX_VALUE_BYTES}`));
      }
      const earlier = lastByKey.get(line.key);
      if (earlier !== undefined) {
        out.push(diagnostic('DUPLICATE_KEY', 'warning', file, n,
          `'${line.key}' is also set on line ${earlier}; the last one wins, so line ${earlier} has no effect`));
      }
      lastByKey.set(line.key, n);
      break;
    }
    case 'misread':
      out.push(diagnostic('MISREAD_LINE', 'warning', file, n,
        `'${line.raw.trim()}' is not a comment for the daemon: '#' and '!' count only in column 0, so it reads an option named '${line.key}'`));
      break;
    case 'directive':
      if (dialect === 'python') {
        out.push(diagnostic('DIRECTIVE_IGNORED', 'warning', file, n,
          `'!${line.name}' has no effect: this daemon's Python reader ignores directives`));
      } else if (!line.honoured) {
        out.push(diagnostic('UNKNOWN_DIRECTIVE', 'warning', file, n,
          `'!${line.name}' is followed by neither a space nor a tab, so the daemon reads the line end as part of the name, warns about an unknown directive and ignores the line`));
      } else if (!KNOWN_DIRECTIVES.has(line.name)) {
        out.push(diagnostic('UNKNOWN_DIRECTIVE', 'warning', file, n,
          `unknown directive '!${line.name}'; the daemon logs a warning and ignores the line`));
      } else if (line.arg === '') {
        out.push(diagnostic('DIRECTIVE_WITHOUT_PATH', 'error', file, n, line.parts.gap === ''
          // Last line, no line end, nothing after the name: the reader takes the argument from past
          // the end of the string (std::string::substr throws out_of_range).
          ? `'!${line.name}' on the last line names no file; the C++ reader fails on it and the daemon does not start`
          : `'!${line.name}' names no file; the daemon cannot open it and refuses to start`));
      }
      break;
    case 'skipped':
      if (line.reason === 'no-equals' && /^[A-Za-z_][A-Za-z0-9_]*[ \t]+\S/.test(line.raw.trim())) {
        out.push(diagnostic('LINE_IGNORED', 'info', file, n,
          `'${line.raw.trim()}' has no '=', so the daemon ignores it`));
      }
      break;
    default:
      break;
  }
}
