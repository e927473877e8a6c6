import { describe, expect, it } from 'vitest';
import { ldapPropmapRule } from '../../src/3-plan/rules/ldap-propmap.js';
import { lines, runRules, runTwice } from './rule-harness.js';

const rules = [ldapPropmapRule];

describe('ldap-propmap', () => {
  it('points !propmap at /etc/kopano, on 8.0 and 8.7', () => {
    const input = lines('ldap_uri = ldap://localhost', '!propmap /etc/zarafa/ldap.propmap.cfg');
    for (const target of ['8.0', '8.7'] as const) {
      const [first, second] = runTwice(input, 'ldap.cfg', rules, { target });
      expect(first.output).toBe(lines('ldap_uri = ldap://localhost', '!propmap /etc/kopano/ldap.propmap.cfg'));
      expect(first.changes).toEqual([
        expect.objectContaining({ rule: 'ldap-propmap', key: '!propmap', line: 2, before: '/etc/zarafa/ldap.propmap.cfg', after: '/etc/kopano/ldap.propmap.cfg' }),
      ]);
      expect(second.changes).toEqual([]);
    }
  });

  it('warns about a relative path and a map outside /etc/zarafa', () => {
    const input = lines('!propmap propmap.cfg', '!propmap /opt/site/propmap.cfg');
    const zarafa = runRules(input, 'ldap.cfg', rules);
    expect(zarafa.output).toBe(input);
    expect(zarafa.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['PROPMAP_RELATIVE_PATH', 'warning', 1],
      ['PROPMAP_NOT_TRANSLATED', 'info', 2],
    ]);
    const kopano = runRules(input, 'ldap.cfg', rules, { ldapSchema: 'kopano' });
    expect(kopano.diagnostics[1]).toMatchObject({ severity: 'warning', message: expect.stringMatching(/renamed by hand/) });
  });

  it('an indented !propmap is not a directive, and a commented one is left alone', () => {
    const input = lines(' !propmap /etc/zarafa/ldap.propmap.cfg', '#!propmap /etc/zarafa/ldap.propmap.cfg');
    expect(runRules(input, 'ldap.cfg', rules).changes).toEqual([]);
  });
});
