/**
 * Seeded generators for property tests. No dependency: a tiny PRNG and a cfg-text generator that
 * mixes the shapes the daemons' readers treat specially (column-0 `#` and `!`, indented `#`,
 * `=` inside values, CRLF next to LF, lone CR, tabs, BOM, no final newline, latin-1 and astral
 * characters, over-long lines). Other helpers reuse these to fuzz their own code.
 */

/** mulberry32: a 32-bit seeded PRNG returning floats in [0, 1). Same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience wrapper over a PRNG. */
export interface Rng {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
  };
}

const KEYS = [
  'server_bind', 'log_level', 'mysql_password', 'attachment_storage', 'ldap_search_base', '0x6788001E',
  'run_as_user', 'pop3_enable', 'cache_cell_size', 'a', 'x.y', 'key-with-dash',
];
const VALUE_PIECES = [
  'yes', 'no', '3', '/var/lib/zarafa', 'p#ss;word', 'a=b=c', '# not a comment', '; neither', '$HOME',
  '"quoted"', '256M', 'caf\u00e9', '\u00fcber \u00df \u00ff', 'emoji \u{1f600}', 'tab\there', 'x', '', ' ',
  'cn=admin,dc=example,dc=com', '\u00a0nbsp', '!bang',
];
const SPACE = [' ', '\t', '  ', ' \t', ''];
const LINE_ENDS = ['\n', '\n', '\n', '\r\n', '\r\n'];

function blanks(r: Rng): string {
  let s = '';
  for (let i = r.int(3); i > 0; i--) s += r.pick(SPACE);
  return s;
}

function value(r: Rng): string {
  let s = '';
  for (let i = r.int(4); i > 0; i--) s += r.pick(VALUE_PIECES) + (r.chance(0.3) ? r.pick(SPACE) : '');
  if (r.chance(0.03)) s += '\r'; // lone CR inside a line
  return s;
}

/** One line of cfg text, without its line end. */
export function generateLine(r: Rng): string {
  switch (r.int(14)) {
    case 0: return blanks(r);
    case 1: return `#${value(r)}`;
    case 2: return `# ${r.pick(KEYS)} = ${value(r)}`;
    case 3: return `${blanks(r) || ' '}#${r.pick(KEYS)}${blanks(r)}=${value(r)}`; // indented: misread by C++
    case 4: return `${blanks(r) || '\t'}# prose without equals ${value(r).replace(/=/g, '')}`;
    case 5: return `!${r.pick(['include', 'propmap', 'foo', 'include'])}${r.pick(['', ' ', '\t', '  '])}${r.pick(['', 'other.cfg', '/etc/zarafa/ldap.propmap.cfg', 'a b.cfg'])}${blanks(r)}`;
    case 6: return `${blanks(r)}!include ${r.pick(['x.cfg', 'y = z'])}`;
    case 7: return `${r.pick(KEYS)} ${value(r).replace(/=/g, '')}`; // no '=': skipped
    case 8: return `${blanks(r)}=${value(r)}`; // empty key
    case 9: return r.pick(['[section]', ';semicolon comment', '\u00e9t\u00e9 = summer', 'k\u00f6y = v']);
    case 10: return '\r'; // a line that is only a lone CR
    default:
      return `${blanks(r)}${r.pick(KEYS)}${blanks(r)}=${blanks(r)}${value(r)}${r.chance(0.2) ? blanks(r) : ''}`;
  }
}

export interface GenerateOptions {
  /** Maximum number of lines (default 12). */
  maxLines?: number;
  /** Probability of a leading U+FEFF (default 0.05). */
  bom?: number;
  /** Probability of one line over 4095 bytes (default 0.01). */
  longLine?: number;
}

/** A whole cfg text: random lines, mixed LF/CRLF, sometimes no final newline, sometimes a BOM. */
export function generateConfigText(r: Rng, options: GenerateOptions = {}): string {
  const maxLines = options.maxLines ?? 12;
  const parts: string[] = [];
  if (r.chance(options.bom ?? 0.05)) parts.push('\uFEFF');
  const count = r.int(maxLines + 1);
  for (let i = 0; i < count; i++) {
    let line = generateLine(r);
    if (r.chance(options.longLine ?? 0.01)) line = `long_key = ${'v\u00e9'.repeat(1100 + r.int(1100))}`;
    const last = i === count - 1;
    parts.push(line, last && r.chance(0.3) ? '' : r.pick(LINE_ENDS));
  }
  return parts.join('');
}

/**
 * Random bytes that look like a cfg file: mostly ASCII lines, sometimes valid UTF-8 sequences,
 * sometimes lone high bytes (latin-1, which makes the file invalid UTF-8), sometimes a UTF-8 BOM.
 */
export function generateBytes(r: Rng, maxLength = 200): Uint8Array {
  const out: number[] = [];
  if (r.chance(0.05)) out.push(0xef, 0xbb, 0xbf);
  const length = r.int(maxLength + 1);
  // Half the arrays stick to valid UTF-8 pieces, so both decodings are exercised.
  const pieces = r.chance(0.5) ? 7 : 10;
  while (out.length < length) {
    const k = r.int(pieces);
    if (k < 5) out.push(...Buffer.from(r.pick(['a', '=', ' ', '#', '\n', '\r\n', '\t', '!', 'key = v', ';'])));
    else if (k < 7) out.push(...Buffer.from(r.pick(['\u00e9', '\u00df', '\u20ac', '\u{1f600}', '\u00ff']), 'utf8'));
    else if (k < 9) out.push(0x80 + r.int(128)); // a lone high byte: latin-1 text
    else out.push(r.int(256));
  }
  return Uint8Array.from(out);
}
