import { isSecretName } from './names.js';

/** One `key <sep> value` a text holds whose key names a secret. */
export interface FoundSecret {
  key: string;
  value: string;
  /** 1-based physical line (lines end at CRLF, LF or a lone CR). */
  line: number;
}

/** Every physical line: a lone CR ends a line here, though the C++ reader sees one line across it. */
const LINE_BREAK = /\r\n|\n|\r/;

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
  const found: FoundSecret[] = [];
  // Cheap rejection first: every secret name holds one of these (see isSecretName).
  if (!/pass|secret|key|pw/i.test(text)) return found;
  const lines = text.split(LINE_BREAK);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!/pass|secret|key|pw/i.test(raw)) continue;
    const lead = LEAD.exec(raw)![0];
    const m = SETTING.exec(raw.slice(lead.length));
    if (!m) continue;
    const [, key, blanks, sep, rest] = m as unknown as [string, string, string, string, string];
    if (!isSecretName(key)) continue;
    const value = rest.trim();
    if (value === '') continue;
    const commented = /[#;!/]/.test(lead);
    if (sep === '' && commented && /\s/.test(value)) continue;
    if (sep === '' && blanks === '') continue; // `key(...)`: the name runs on, nothing separates a value
    found.push({ key, value, line: i + 1 });
    const eq = rest.indexOf('=');
    if (sep !== '=' && eq >= 0) {
      const after = rest.slice(eq + 1).trim();
      if (after !== '') found.push({ key, value: after, line: i + 1 });
    }
  }
  return found;
}
