import { isSecretOption } from '../options/index.js';

/** Words that make any name a secret's, wherever they stand in it (`mysql_password`, `ldap_bind_passwd`). */
const SECRET_WORDS = /password|passwd|passphrase|secret/;

/**
 * Last name parts that make the value a name, a path or a number about a secret, not the secret:
 * `server_ssl_key_file`, `sslkeys_path`, `ldap_password_attribute`, `cache_sortkey_size`.
 */
const NOT_SECRET_ENDINGS = new Set(['attribute', 'attr', 'size', 'type', 'length', 'expire', 'expiry', 'directory']);

/** A name part that is a password or key on its own: `pass`, `pw`, `pwd`, `*key`, `*keyid`, `*pass` (not `bypass`). */
function isSecretPart(part: string): boolean {
  if (part === 'pw' || part === 'pwd') return true;
  if (part === 'bypass') return false;
  return part.endsWith('pass') || part.endsWith('key') || part.endsWith('keyid');
}

/**
 * True when a setting named `key` (any case, any daemon, known or not) holds a password or key, so
 * its value must not be printed. The option tables' own secret names always count; a name made of
 * `_`, `.` or `-` separated parts counts when it contains password/passwd/passphrase/secret or a
 * part is a pass/key word, unless its last part says the value is a file, path, directory,
 * attribute name, size or type (`server_ssl_key_file` names where the key is, not the key).
 */
export function isSecretName(key: string): boolean {
  const name = key.toLowerCase();
  if (isSecretOption(undefined, name)) return true;
  const parts = name.split(/[_.-]+/).filter((p) => p !== '');
  const last = parts[parts.length - 1];
  if (last === undefined) return false;
  if (NOT_SECRET_ENDINGS.has(last) || /(?:file|files|path|dir)$/.test(last)) return false;
  return SECRET_WORDS.test(name) || parts.some(isSecretPart);
}
