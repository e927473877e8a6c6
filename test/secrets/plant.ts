/**
 * Seeded generators for the secret-planting tests: real-looking secret values, the forms a secret
 * setting takes in a file (every leak form issue 14 lists, and more), and a runner that drives the
 * CLI in process with fake streams and collects everything it printed.
 */
import { main, type CliStreams } from '../../src/cli/main.js';
import type { Rng } from '../helpers/generate.js';

/** Characters a secret is made of: the separators and marks the readers treat specially included. */
const SECRET_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=#:$"\'; !%&/()?+,.-_@\\\u00e9\u00df\u00fc';

/** A random 8–24 character secret that starts and ends with a letter or digit (values are trimmed). */
export function secretValue(r: Rng, options: { oneWord?: boolean } = {}): string {
  const alnum = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = options.oneWord ? SECRET_CHARS.replace(/ /g, '') : SECRET_CHARS;
  let s = r.pick([...alnum]);
  for (let n = 6 + r.int(17); n > 0; n--) s += r.pick([...chars]);
  return s + r.pick([...alnum]);
}

/** Names a secret hides behind: the tables' own, other daemons', and near misses. */
export const SECRET_KEYS = [
  'mysql_password', 'ldap_bind_passwd', 'sslkey_pass', 'server_ssl_key_pass', 'attachment_s3_secretaccesskey',
  'attachment_s3_accesskeyid', 'server_secret_key', 'xmpp_password', 'server_auth_password',
  'mysql_passwd', 'mysql_pass', 'ldap_password', 'db_pw', 'admin_pwd', 'my_secret', 'ssl_key_pass', 'api_key',
  'smtp_passphrase',
];

function anyCase(r: Rng, key: string): string {
  switch (r.int(4)) {
    case 0: return key.toUpperCase();
    case 1: return [...key].map((c) => (r.chance(0.5) ? c.toUpperCase() : c)).join('');
    default: return key;
  }
}

const BLANKS = [' ', '\t', '  ', ' \t ', ''];

/**
 * One line (without its end) that sets `secret` for a secret-looking key, in a random form:
 * active, behind `#` `;` `!` `//` marks (indented or not), `=`, `:` or blanks between key and
 * value, any case, quoted. A value after blanks alone behind a comment mark must be one word
 * (docs/security.md): the caller passes one then.
 */
export function secretLine(r: Rng, secret: string): { line: string; needsOneWord: boolean } {
  const key = anyCase(r, r.pick(SECRET_KEYS));
  const mark = r.pick(['', '', '#', '# ', '  # ', '\t#', ';', '!', '//', '#!', '# #', ' ']);
  const sep = r.pick(['=', '=', ':', ' ', '\t', '=']);
  const gap = sep === ' ' || sep === '\t' ? '' : r.pick(BLANKS);
  const quote = r.pick(['', '', '', '"', "'"]);
  const tail = r.pick(['', '', ' ', '\t']);
  return {
    line: `${mark}${key}${gap}${sep}${r.pick(BLANKS)}${quote}${secret}${quote}${tail}`,
    needsOneWord: (sep === ' ' || sep === '\t') && /[#;!/]/.test(mark),
  };
}

/**
 * One line of PHP that sets `secret` for a secret-looking key (WebApp's and Z-Push's config.php):
 * `define()`, an array element, an element set or a variable, in either quotes, escaped as PHP
 * needs it so that PHP reads `secret` back; sometimes behind a `//` or `#` comment. `literal` is
 * the secret as the file holds it between the quotes (escapes included), printed as the file's text.
 */
export function phpSecretLine(r: Rng, secret: string): { line: string; literal: string } {
  const key = anyCase(r, r.pick(SECRET_KEYS));
  const q = r.pick(["'", '"']);
  const escaped = q === "'" ? secret.replace(/[\\']/g, '\\$&') : secret.replace(/[\\"$]/g, '\\$&');
  const literal = q + escaped + q;
  const k = `${q}${key}${q}`;
  const code = r.pick([
    `define(${k}, ${literal});`, `define( ${k},${literal} );`, `$config = array(${k} => ${literal});`,
    `  ${k}=>${literal},`, `$CONFIG[${k}] = ${literal};`, `$${key.replace(/[^A-Za-z0-9_]/g, '_')} = ${literal};`,
  ]);
  return { line: `${r.pick(['', '', '', '// ', '# '])}${code}`, literal: escaped };
}

export const LINE_ENDS = ['\n', '\n', '\r\n', '\r', '\r\r\n'];

/** What a run printed: stdout as its chunks were written (strings or encoded bytes), and stderr. */
export interface Printed {
  code: number;
  stdout: (string | Uint8Array)[];
  stderr: string;
}

/** Run the CLI in process, as the bin does, with streams that keep what it writes (terminals with `tty`). */
export async function runCli(argv: readonly string[], options: { tty?: boolean } = {}): Promise<Printed> {
  const stdout: (string | Uint8Array)[] = [];
  let stderr = '';
  const io: CliStreams = {
    stdout: { write: (s: string | Uint8Array) => stdout.push(typeof s === 'string' ? s : Uint8Array.from(s)), ...(options.tty ? { isTTY: true } : {}) },
    stderr: { write: (s: string) => (stderr += s), ...(options.tty ? { isTTY: true } : {}) },
    env: options.tty ? { NO_COLOR: '1' } : {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Every way the printed text could be read: stdout chunks as UTF-8 and as latin-1, and stderr. */
export function printedTexts(p: Printed): string[] {
  const utf8 = p.stdout.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join('');
  const latin1 = p.stdout.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'))).join('');
  return [utf8, latin1, p.stderr];
}

/**
 * The forms a printed secret can take: as written, as JSON (and SARIF) writes it inside a string,
 * as a GitHub workflow command escapes a message (`%25`, `%0D`, `%0A`) or a property (also `%3A`,
 * `%2C`), and with control characters shown as `\xNN` (a terminal, a one-line name).
 */
export function printedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const data = secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = data.replace(/:/g, '%3A').replace(/,/g, '%2C');
  const hex = secret.replace(/[\x00-\x1f\x7f\x80-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return [...new Set([secret, json, data, property, hex])];
}

/** Where `secret` shows in what a run printed (in any of its {@link printedForms}), or undefined. */
export function leakOf(p: Printed, secret: string, extra: readonly string[] = []): string | undefined {
  for (const text of [...printedTexts(p), ...extra]) {
    for (const form of printedForms(secret)) {
      const at = text.indexOf(form);
      if (at >= 0) return text.slice(Math.max(0, at - 120), at + form.length + 40);
    }
  }
  return undefined;
}
