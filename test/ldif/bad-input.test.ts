/** Broken LDIF: each problem is an error diagnostic at the right line, and nothing is output. */
import { describe, expect, it } from 'vitest';
import { translateLdif } from '../../src/index.js';

function errors(text: string) {
  const r = translateLdif(text, { file: 'in.ldif' });
  return { output: r.output, found: r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line]) };
}

const ENTRY = 'dn: uid=a,dc=example\nobjectClass: zarafa-user\nzarafaAccount: 1\n';

describe('bad LDIF', () => {
  it('base64 cut off in the middle', () => {
    expect(errors(`${ENTRY}\ndn: uid=b,dc=example\nobjectClass: top\nzarafaAliases:: YWJj\n ZG\n`))
      .toEqual({ output: '', found: [['LDIF_BAD_BASE64', 7]] });
  });
  it('a base64 character outside the alphabet', () => {
    expect(errors('dn: uid=b,dc=example\ncn:: YW*j\n').found).toEqual([['LDIF_BAD_BASE64', 2]]);
  });
  it('a continuation line at the start of the file, and after an empty line', () => {
    expect(errors(` dn: x\n${ENTRY}`).found).toEqual([['LDIF_SYNTAX', 1]]);
    expect(errors(`${ENTRY}\n continued\n`).found).toEqual([['LDIF_SYNTAX', 5]]);
  });
  it('a modify block without its closing -', () => {
    const text = 'dn: uid=a,dc=example\nchangetype: modify\nadd: zarafaAccount\nzarafaAccount: 1\nreplace: cn\ncn: x\n-\n';
    expect(errors(text).found).toEqual([['LDIF_MODIFY_UNTERMINATED', 3]]);
    expect(errors('dn: uid=a,dc=example\nchangetype: modify\ndelete: cn\n').found).toEqual([['LDIF_MODIFY_UNTERMINATED', 3]]);
  });
  it('an attribute line without a colon', () => {
    expect(errors(`${ENTRY}zarafaHidden 1\n`)).toEqual({ output: '', found: [['LDIF_SYNTAX', 4]] });
  });
  it('a record that does not start with dn:, an unknown changetype, an unsupported version', () => {
    expect(errors(`objectClass: top\n\n${ENTRY}`).found).toEqual([['LDIF_MISSING_DN', 1]]);
    expect(errors('dn: uid=a,dc=example\nchangetype: rename\n').found).toEqual([['LDIF_UNKNOWN_CHANGETYPE', 2]]);
    expect(errors(`version: 2\n${ENTRY}`).found).toEqual([['LDIF_SYNTAX', 1]]);
  });
  it('counts lines the same with CRLF line ends', () => {
    expect(errors(`${ENTRY}zarafaHidden 1\n`.replace(/\n/g, '\r\n')).found).toEqual([['LDIF_SYNTAX', 4]]);
  });
});

describe('valid LDIF the reader accepts', () => {
  it('version line, comments, options, URLs, and change records', () => {
    const text = [
      'version: 1', '# comment', ' folded comment', 'dn: uid=a,dc=example', 'objectClass: zarafa-user',
      'zarafaAliases;lang-en: a@example.com', 'jpegPhoto:< file:///tmp/a.jpg', 'zarafaAccount:<file:///tmp/x', '',
      'dn: uid=b,dc=example', 'changetype: modify', 'replace: zarafaHidden', 'zarafaHidden: 1', '-', '',
      'dn: uid=c,dc=example', 'changetype: delete', '', 'dn: uid=d,dc=example', 'changetype: modrdn', 'newrdn: uid=e', 'deleteoldrdn: 1', '',
    ].join('\n');
    const r = translateLdif(text, { mode: 'entries' });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['LDIF_CHANGE_RECORD_KEPT', 10]]);
    expect(r.output).toContain('kopanoAliases;lang-en: a@example.com\n');
    expect(r.output).toContain('kopanoAccount:< file:///tmp/x\n');
    expect(r.output).toContain('jpegPhoto:< file:///tmp/a.jpg\n');
    expect(r.output).toContain('replace: zarafaHidden\n');
  });
});
