import { findPhpSecrets } from './find-php.js';
import type { FoundSecret } from './found-secret.js';
import { isSecretName } from './names.js';

export type { FoundSecret } from './found-secret.js';

/** Blanks, a BOM and comment or directive marks before a key: `  # `, `;`, `!`, `//`, `#!`. */
const LEAD = /^(?:[\s\uFEFF]|#|;|!|\/\/)*/;

/** A key, then `=`, `:` or blanks, then the value. */
const SETTING = /^([A-Za-z0-9_.-]+)([ \t\f\v]*)([=:]?)(.*)$/s;

/**
 * The secret settings of `text`, read the way a person would rather than the way a daemon does:
 * every physical line, behind any comment or directive marks, in any case, with `=`, `:` or
 * blanks between key and value (see docs/security.md "Secrets"). Pure; never throws.
 *
 * A value after blanks alone (`mysql_password X`) counts only on a line without comment marks, or
 * when it is one word: `# Password of the certificate` is a sentence, not a setting. Where the
 * line also holds an `=` after the key (`key: a = b`), the part after the first `=` counts too, as
 * the C++ reader takes it.
 */
export function findSecrets(text: string): FoundSecret[] {
  const found: FoundSecret[] = findPhpSecrets(text);
  // Only lines holding one of these words can name a secret (see isSecretName): jump from one
  // such word to the next instead of splitting a big text into all of its lines.
  const hint = /pass|secret|key|pw/gi;
  let lineNumber = 1;
  let counted = 0; // line ends before `counted` are in lineNumber
  for (let m = hint.exec(text); m !== null; m = hint.exec(text)) {
    // A physical line runs to LF: the C++ reader keeps a lone CR inside it (readLine also reads the pieces).
    const start = text.lastIndexOf('\n', m.index) + 1;
    let end = start;
    while (end < text.length && text[end] !== '\n') end++;
    lineNumber += countLineEnds(text, counted, start);
    counted = start;
    readLine(text.slice(start, end), lineNumber, found);
    hint.lastIndex = end;
  }
  return found;
}

/** Line ends (CR LF, LF, lone CR) in text[from, to). */
function countLineEnds(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

function readLine(raw: string, line: number, found: FoundSecret[]): void {
  // A lone CR: the C++ reader takes `a\rb` as one value, Python 3 ends the line there. Both readings count.
  if (raw.trimEnd().includes('\r')) {
    raw.split('\r').forEach((piece, i) => { if (piece !== '') readLine(piece, line + i, found); });
  }
  const lead = LEAD.exec(raw)![0];
  const m = SETTING.exec(raw.slice(lead.length));
  if (!m) return;
  const [, key, blanks, sep, rest] = m as unknown as [string, string, string, string, string];
  if (!isSecretName(key)) return;
  const value = rest.trim();
  if (value === '') return;
  if (sep === '' && blanks === '') return; // `key(...)`: the name runs on, nothing separates a value
  if (sep === '' && /[#;!/]/.test(lead) && /\s/.test(value)) return;
  found.push({ key, value, line });
  const eq = rest.indexOf('=');
  if (sep !== '=' && eq >= 0) {
    // The C++ reader splits the line at its first `=`: the part before it becomes part of the key
    // name (UNKNOWN_OPTION quotes it), the part after it the value. Both are the secret's.
    const before = rest.slice(0, eq).trim();
    const after = rest.slice(eq + 1).trim();
    if (before !== '') found.push({ key, value: before, line });
    if (after !== '' && !/^=+$/.test(after)) found.push({ key, value: after, line });
  }
}
