import type { FoundSecret } from './found-secret.js';
import { isSecretName } from './names.js';

/**
 * A secret-named key and its string literal in PHP (WebApp's and Z-Push's config.php):
 * `define('NAME', 'v')`, an array element `'name' => 'v'`, an element set `$a['name'] = 'v'`, a
 * variable `$name = 'v'`. Found in comments too, as in the other files: a commented-out password is
 * still a password. Single or double quotes, escapes kept in the literal.
 */
const PHP_SECRET = () => /(?:define\s*\(\s*(['"])([A-Za-z0-9_.-]+)\1\s*,|(['"])([A-Za-z0-9_.-]+)\3\s*(?:\]\s*)?=>?|\$([A-Za-z_][A-Za-z0-9_]*)\s*=)\s*(?:'((?:\\[\s\S]|[^'\\])*)'|"((?:\\[\s\S]|[^"\\])*)")/g;

/** Only a text holding one of these can hold one of the forms above. */
const MAY_BE_PHP = /define|=>|\$[A-Za-z_]/;

/**
 * The secret values of PHP code in `text`: each literal as written between its quotes and, when
 * it holds escapes, as PHP reads it (both can be printed: the file's text, and a message quoting
 * the value). Pure; never throws.
 */
export function findPhpSecrets(text: string): FoundSecret[] {
  if (!MAY_BE_PHP.test(text)) return [];
  const found: FoundSecret[] = [];
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(PHP_SECRET())) {
    const key = m[2] ?? m[4] ?? m[5]!;
    if (!isSecretName(key)) continue;
    for (let i = counted; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    counted = m.index;
    const single = m[6] !== undefined;
    const literal = (single ? m[6] : m[7])!;
    if (literal.trim() === '') continue;
    found.push({ key, value: literal, line });
    const read = single ? literal.replace(/\\(['\\])/g, '$1') : literal.replace(/\\(["\\$])/g, '$1');
    if (read !== literal) found.push({ key, value: read, line });
  }
  return found;
}
