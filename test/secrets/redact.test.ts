// redact() masks every value of a SecretSet wherever it occurs; short and common values only right
// after their key, so `yes` or a 2-letter password does not blank out the rest of the output.
import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/secrets/mask.js';
import { redact, redactData, secretSetOf } from '../../src/secrets/secret-set.js';

const M = SECRET_MASK;

describe('redact', () => {
  it('masks a value everywhere it is printed: its line, a message quoting it, the JSON-escaped form', () => {
    const set = secretSetOf(['  # mysql_password = pa"ss=w0rd']);
    expect(redact('+  # mysql_password = pa"ss=w0rd\n', set)).toBe(`+  # mysql_password = ${M}\n`);
    expect(redact(`'mysql_password = pa"ss=w0rd' is not a comment`, set)).toBe(`'mysql_password = ${M}' is not a comment`);
    expect(redact('sets "pa\\"ss=w0rd" here', set)).toBe(`sets "${M}" here`);
  });

  it('masks a quoted value with and without its quotes', () => {
    const set = secretSetOf(['xmpp_password = "s3cr3t-v"']);
    expect(redact('x "s3cr3t-v" and s3cr3t-v', set)).toBe(`x ${M} and ${M}`);
  });

  it('makes overlapping values one mask, so no part of either shows', () => {
    const set = secretSetOf(['mysql_password = abcdef', 'ldap_bind_passwd = defghi']);
    expect(redact('[abcdefghi]', set)).toBe(`[${M}]`);
  });

  it('masks a short or common value only after its key', () => {
    const set = secretSetOf(['mysql_password = ab', 'sslkey_pass = yes', 'db_pw = 3306']);
    expect(redact('mysql_password = ab; MYSQL_PASSWORD: "ab"; about ab', set)).toBe(`mysql_password = ${M}; MYSQL_PASSWORD: "${M}"; about ab`);
    expect(redact('sslkey_pass = yes\nssl_verify = yes\nport 3306, db_pw 3306', set)).toBe(`sslkey_pass = ${M}\nssl_verify = yes\nport 3306, db_pw ${M}`);
  });

  it('returns a text without any value unchanged', () => {
    const set = secretSetOf(['mysql_password = hunter22']);
    const text = 'server_name = mail\n';
    expect(redact(text, set)).toBe(text);
  });
});

describe('redactData', () => {
  it('masks every string of a result, so the JSON printed from it is valid and holds no value', () => {
    const set = secretSetOf(['mysql_password = q"u\\ote:d']);
    const data = { files: [{ input: 'mysql_password = q"u\\ote:d\n', changes: [{ before: 'q"u\\ote:d' }] }], n: 1 };
    const json = JSON.stringify(redactData(data, set));
    expect(JSON.parse(json)).toEqual({ files: [{ input: `mysql_password = ${M}\n`, changes: [{ before: M }] }], n: 1 });
    expect(json).not.toContain('u\\\\ote');
  });
});
