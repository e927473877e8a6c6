/** Each fixture export against its reviewed outputs, in both modes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateLdif } from '../../src/index.js';
import { ROOT } from '../helpers/bin.js';

const DIR = path.join(ROOT, 'fixtures/ldif');
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');

describe.each(['openldap', 'active-directory'])('fixtures/ldif/%s.ldif', (name) => {
  it.each(['modify', 'entries'] as const)('--mode %s matches its golden', (mode) => {
    const r = translateLdif(read(`${name}.ldif`), { mode, file: `${name}.ldif` });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.output).toBe(read(`${name}.expected.${mode}.ldif`));
  });
});

describe('the OpenLDAP fixture', () => {
  const r = translateLdif(read('openldap.ldif'), { mode: 'modify', file: 'openldap.ldif' });
  it('counts the entries and reports the name without a counterpart at its line', () => {
    expect([r.entries, r.changedEntries, r.changedSockets]).toEqual([12, 9, 2]);
    expect(r.kept).toEqual([{ line: 127, name: 'zarafaSecretValue' }]);
  });
  it('leaves entries without zarafa data and userPassword out of the change file', () => {
    expect(r.output).not.toContain('uid=carol');
    expect(r.output).not.toMatch(/userPassword/i);
    expect(r.output).not.toContain('dc=example,dc=com\nchangetype: modify\nadd: objectClass\nobjectClass: dcObject');
  });
  it('never names a value in a message', () => {
    const text = read('openldap.ldif');
    for (const d of r.diagnostics) {
      expect(d.message).not.toContain('SSHA');
      expect(d.message).not.toContain('kept-custom-attribute');
      expect(d.message).not.toContain('(zarafaAdmin=1)');
    }
    expect(text).toContain('kept-custom-attribute');
  });
});
