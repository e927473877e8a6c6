// The secret finder reads raw text as a person would: behind comment marks, any case, `=`, `:` or
// blanks, every physical line; names of files, paths and attributes about a secret are not secrets.
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../src/secrets/find.js';
import { isSecretName } from '../../src/secrets/names.js';

const values = (text: string) => findSecrets(text).map((s) => s.value);

describe('isSecretName', () => {
  it('takes passwords and keys in any case and any daemon, and near-miss names', () => {
    for (const name of ['mysql_password', 'MYSQL_PASSWORD', 'ldap_bind_passwd', 'mysql_passwd', 'sslkey_pass', 'server_ssl_key_pass',
      'attachment_s3_secretaccesskey', 'attachment_s3_accesskeyid', 'server_secret_key', 'xmpp_password', 'db_pw', 'admin_pwd',
      'api_key', 'smtp_passphrase', 'my.secret', 'mysql-pass']) {
      expect(isSecretName(name), name).toBe(true);
    }
  });
  it('leaves files, paths, attribute names and sizes about a secret, and words that only contain the letters', () => {
    for (const name of ['server_ssl_key_file', 'sslkey_file', 'ssl_private_key_file', 'sslkeys_path', 'server_ssl_keyfile',
      'ldap_password_attribute', 'cache_sortkey_size', 'bypass_auth', 'server_token_expire', 'server_name', 'keyboard_layout']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('findSecrets', () => {
  it('finds the value behind every mark, separator and case the issue lists', () => {
    expect(values('  # mysql_password = A1')).toEqual(['A1']);
    expect(values('mysql_password A2')).toEqual(['A2']);
    expect(values('MYSQL_PASSWORD = A3')).toEqual(['A3']);
    expect(values('mysql_password: A4')).toEqual(['A4']);
    expect(values(';mysql_password = A5')).toEqual(['A5']);
    expect(values('!mysql_password = A6')).toEqual(['A6']);
    expect(values('mysql_passwd = A7')).toEqual(['A7']);
    expect(values('// ldap_bind_passwd=A8')).toEqual(['A8']);
    expect(values('#mysql_password = A9\r\r\n')).toEqual(['A9']);
    expect(values('\uFEFFmysql_password\t=\tB1 \t')).toEqual(['B1']);
  });

  it('splits lines at a lone CR, where the C++ reader sees one line', () => {
    const text = 'a = b\rmysql_password = C1\rsslkey_pass = C2\r';
    expect(findSecrets(text)).toEqual([
      { key: 'mysql_password', value: 'C1', line: 2 },
      { key: 'sslkey_pass', value: 'C2', line: 3 },
    ]);
  });

  it('also takes the whole value across a lone CR, as the C++ reader reads it', () => {
    expect(findSecrets('mysql_password = Cr0nly\rSecretTail\n').map((f) => f.value)).toEqual(['Cr0nly', 'Cr0nly\rSecretTail']);
  });

  it('keeps `=` and `:` inside a value, and also takes what comes before and after the first `=` as the C++ reader splits it', () => {
    expect(values('mysql_password = a:b=c')).toEqual(['a:b=c']);
    // The part before the `=` is in the key name the C++ reader sees (issue 20 item 5).
    expect(values('mysql_password: x = y')).toEqual(['x = y', 'x', 'y']);
    expect(values('ldap_bind_passwd c2VjcmV0cGFzcw==')).toEqual(['c2VjcmV0cGFzcw==', 'c2VjcmV0cGFzcw']);
    expect(values('mysql_password: Part0neXYZ=Part7woXYZ')).toEqual(['Part0neXYZ=Part7woXYZ', 'Part0neXYZ', 'Part7woXYZ']);
  });

  it('takes a sentence after a comment mark for prose, but a whole rest of an active line for the value', () => {
    expect(values('# Password of the certificate')).toEqual([]);
    expect(values('# mysql_password oneword')).toEqual(['oneword']);
    expect(values('mysql_password two words')).toEqual(['two words']);
  });

  it('ignores empty values, non-secret keys and names that run into other characters', () => {
    expect(values('mysql_password =\nmysql_password\nserver_ssl_key_file = /etc/k.pem\nmysql_password(x)')).toEqual([]);
  });
});

describe('findSecrets in PHP (WebApp and Z-Push config.php)', () => {
  it('takes define() and the array, element and variable forms, in either quotes, with escapes read too', () => {
    const php = [
      "<?php",
      "define('PLUGIN_SMIME_PASSWORD','PhpS3cretValue');",
      'define( "IMAP_PASSWORD" , "Dq\\"uoted$x" );',
      "$CONFIG['ldap_password'] = 'Arr\\'ay1';",
      "$db = array('password' => 'ArrowVal9', 'host' => 'localhost');",
      "$mysql_pass = 'VarValue7';",
      "// define('OLD_SECRET', 'CommentedOut8');",
      "define('DEFAULT_SERVER', 'default:');",
      "define('PLUGIN_X_PASSWORD', '');",
    ].join('\n');
    expect(findSecrets(php).map((s) => [s.key, s.value, s.line])).toEqual([
      ['PLUGIN_SMIME_PASSWORD', 'PhpS3cretValue', 2],
      ['IMAP_PASSWORD', 'Dq\\"uoted$x', 3],
      ['IMAP_PASSWORD', 'Dq"uoted$x', 3],
      ['ldap_password', "Arr\\'ay1", 4],
      ['ldap_password', "Arr'ay1", 4],
      ['password', 'ArrowVal9', 5],
      ['mysql_pass', 'VarValue7', 6],
      ['OLD_SECRET', 'CommentedOut8', 7],
    ]);
  });
});
