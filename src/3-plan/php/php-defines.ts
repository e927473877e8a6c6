/**
 * The `define('NAME', 'value');` calls of a PHP configuration file (WebApp's and Z-Push's
 * config.php), found by a small PHP-aware scanner: comments (`//`, `#`, block comments) and string
 * literals are skipped as PHP skips them, so a define inside a comment or a string is not one.
 * Only a call whose two arguments are plain string literals on one line is editable; any other
 * define of a name we care about is reported as not literal and never guessed at.
 */

export interface PhpDefine {
  name: string;
  /** The literal's value as PHP reads it (escapes resolved). */
  value: string;
  /** 1-based line of the call. */
  line: number;
  /** Offsets of the value literal in the text, quotes included, and its quote character. */
  start: number;
  end: number;
  quote: "'" | '"';
  /** False when the value literal holds an escape or an interpolation: then it is not rewritten. */
  plain: boolean;
}

export interface PhpScan {
  /** False when the text does not open with `<?php` (after a BOM and blank space). */
  isPhp: boolean;
  defines: PhpDefine[];
  /** Defines whose arguments are not two string literals: name (when literal) and line. */
  other: { name: string | undefined; line: number }[];
}

interface Token { kind: 'str' | 'ident' | 'punct'; text: string; value?: string; plain?: boolean; start: number; end: number; line: number }

/** Split PHP code into identifiers, string literals and punctuation; comments and blanks dropped. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = text.indexOf('<?php');
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  i += 5;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      // A line comment ends at the line end or at `?>`.
      while (i < n && text[i] !== '\n' && !(text[i] === '?' && text[i + 1] === '>')) i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const stop = close === -1 ? n : close + 2;
      for (let k = i; k < stop; k++) if (text.charCodeAt(k) === 10) line++;
      i = stop;
      continue;
    }
    if (c === '<' && text.startsWith('<<<', i)) {
      // A heredoc or nowdoc: one string up to the line that starts with its label (its body may hold quotes).
      const open = /^<<<[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1\r?\n/.exec(text.slice(i));
      if (open) {
        const bodyStart = i + open[0].length;
        const close = new RegExp(`\\n[ \\t]*${open[2]}\\b`).exec(text.slice(bodyStart - 1));
        const stop = close ? bodyStart - 1 + close.index + close[0].length : n;
        const startLine = line;
        for (let k = i; k < stop; k++) if (text.charCodeAt(k) === 10) line++;
        out.push({ kind: 'str', text: text.slice(i, stop), value: text.slice(bodyStart, close ? bodyStart - 1 + close.index : n), plain: false, start: i, end: stop, line: startLine });
        i = stop;
        continue;
      }
    }
    if (c === "'" || c === '"') {
      const start = i;
      const startLine = line;
      let value = '';
      let plain = true;
      i++;
      while (i < n && text[i] !== c) {
        const ch = text[i]!;
        if (ch === '\n') line++;
        if (ch === '\\' && i + 1 < n) {
          plain = false;
          const next = text[i + 1]!;
          value += c === "'" ? (next === "'" || next === '\\' ? next : `\\${next}`) : next;
          i += 2;
          continue;
        }
        if (c === '"' && ch === '$') plain = false;
        value += ch;
        i++;
      }
      i++;
      out.push({ kind: 'str', text: text.slice(start, i), value, plain: plain && startLine === line, start, end: i, line: startLine });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_]/.test(text[i]!)) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), start, end: i, line });
      continue;
    }
    out.push({ kind: 'punct', text: c, start: i, end: i + 1, line });
    i++;
  }
  return out;
}

/** Scan `text` for its define() calls. Pure. */
export function scanPhpDefines(text: string): PhpScan {
  const isPhp = /^\uFEFF?\s*<\?php\b/.test(text);
  if (!isPhp) return { isPhp, defines: [], other: [] };
  const t = tokens(text);
  const defines: PhpDefine[] = [];
  const other: PhpScan['other'] = [];
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!;
    if (tok.kind !== 'ident' || tok.text.toLowerCase() !== 'define' || t[k + 1]?.text !== '(') continue;
    // A method or function named like it (`$x->define(`, `function define(`) is not the builtin.
    const before = t[k - 1];
    if (before && (before.text === '>' || before.text === ':' || before.text.toLowerCase() === 'function')) continue;
    const [name, comma, value, close] = [t[k + 2], t[k + 3], t[k + 4], t[k + 5]];
    const literal = name?.kind === 'str' && comma?.text === ',' && value?.kind === 'str' && close?.text === ')';
    if (literal && name.value !== undefined && value.value !== undefined) {
      defines.push({
        name: name.value, value: value.value, line: value.line, start: value.start, end: value.end,
        quote: value.text[0] as "'" | '"', plain: value.plain === true,
      });
    } else {
      other.push({ name: name?.kind === 'str' ? name.value : undefined, line: tok.line });
    }
  }
  return { isPhp, defines, other };
}

/** A `define('NAME', <expression>)` call with a literal name: where its value expression stands. */
export interface PhpDefineValue {
  name: string;
  /** 1-based line of the name literal. */
  line: number;
  /** Offsets of the value expression in the text (first to last token, blanks around it excluded). */
  start: number;
  end: number;
  /** The expression as written (`'Europe/Berlin'`, `true`, `LOGFILEDIR . 'z.log'`). */
  source: string;
}

/**
 * Every define() whose name is a string literal, with its value expression as written, whatever it
 * is (a literal, a constant, an expression): the call ends at its own `)` at depth 0. Pure.
 */
export function scanDefineValues(text: string): PhpDefineValue[] {
  if (!/^\uFEFF?\s*<\?php\b/.test(text)) return [];
  const t = tokens(text);
  const out: PhpDefineValue[] = [];
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!;
    if (tok.kind !== 'ident' || tok.text.toLowerCase() !== 'define' || t[k + 1]?.text !== '(') continue;
    const before = t[k - 1];
    if (before && (before.text === '>' || before.text === ':' || before.text.toLowerCase() === 'function')) continue;
    const name = t[k + 2];
    if (name?.kind !== 'str' || name.value === undefined || t[k + 3]?.text !== ',') continue;
    let depth = 0;
    let last = -1;
    for (let j = k + 4; j < t.length; j++) {
      const p = t[j]!;
      if (p.kind === 'punct' && (p.text === '(' || p.text === '[')) depth++;
      if (p.kind === 'punct' && (p.text === ')' || p.text === ']')) {
        if (depth === 0) { last = j - 1; break; }
        depth--;
      }
    }
    if (last < k + 4) continue;
    const start = t[k + 4]!.start;
    const end = t[last]!.end;
    out.push({ name: name.value, line: name.line, start, end, source: text.slice(start, end) });
  }
  return out;
}
