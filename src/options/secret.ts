import type { DaemonFile } from './types.js';

/** Secret option names that mean a password or key in whichever daemon file they appear. */
const ANY_FILE = new Set([
  'mysql_password',
  'ldap_bind_passwd',
  'sslkey_pass',
  'server_ssl_key_pass',
  'attachment_s3_secretaccesskey',
  'attachment_s3_accesskeyid',
]);

/** Names that are secret only in presence.cfg (elsewhere they may mean something else). */
const PRESENCE = new Set(['server_secret_key', 'xmpp_password', 'server_auth_password']);

/**
 * True when the option holds a password or key whose value must be masked. With `file` undefined
 * (a file we have no table for), every name any daemon treats as a secret counts.
 */
export function isSecretOption(file: DaemonFile | undefined, key: string): boolean {
  if (ANY_FILE.has(key) || key.endsWith('_key_pass')) return true;
  if (PRESENCE.has(key)) return file === undefined || file === 'presence.cfg';
  return false;
}
