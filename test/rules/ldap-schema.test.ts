import { describe, expect, it } from 'vitest';
import { renameFilter, renameLdapValue } from '../../src/3-plan/rules/data/ldap-names.js';
import { ldapSchemaRule } from '../../src/3-plan/rules/ldap-schema.js';
import { pinnedDefaultsRule } from '../../src/3-plan/rules/pinned-defaults.js';
import { lines, runRules, runTwice } from './rule-harness.js';

const rules = [pinnedDefaultsRule, ldapSchemaRule];

const ldapCfg = lines(
  'ldap_bind_user = cn=zarafa,ou=services,dc=zarafa,dc=example',
  'ldap_search_base = dc=zarafa,dc=example',
  'ldap_user_search_filter = (&(objectClass=zarafa-user)(zarafaAccount=1))',
  'ldap_group_search_filter = (&(objectClass=zarafa-group)(|(zarafaAccount=1)(memberOf=cn=zarafaAdmin,dc=example)))',
  'ldap_contact_type_attribute_value = zarafa-contact',
  'ldap_emailaliases_attribute = zarafaAliases',
  'ldap_isadmin_attribute = zarafaAdmin',
);

describe('ldap-schema', () => {
  it('zarafa (default): names stay; nothing in the values changes', () => {
    const { changes } = runRules(ldapCfg, 'ldap.cfg', [ldapSchemaRule]);
    expect(changes).toEqual([]);
  });

  it('kopano: attribute and object class names are renamed token by token, DNs and values stay', () => {
    for (const target of ['8.0', '8.7'] as const) {
      const [first, second] = runTwice(ldapCfg, 'ldap.cfg', rules, { ldapSchema: 'kopano', target });
      expect(first.output).toBe(lines(
        'ldap_bind_user = cn=zarafa,ou=services,dc=zarafa,dc=example',
        'ldap_search_base = dc=zarafa,dc=example',
        'ldap_user_search_filter = (&(objectClass=kopano-user)(kopanoAccount=1))',
        'ldap_group_search_filter = (&(objectClass=kopano-group)(|(kopanoAccount=1)(memberOf=cn=zarafaAdmin,dc=example)))',
        'ldap_contact_type_attribute_value = kopano-contact',
        'ldap_emailaliases_attribute = kopanoAliases',
        'ldap_isadmin_attribute = kopanoAdmin',
      ));
      expect(first.changes.every((c) => c.rule === 'ldap-schema')).toBe(true);
      expect(first.actions.map((a) => a.id)).toEqual(['ldap:import-kopano-schema', 'ldap:migrate-entries']);
      expect(second.changes).toEqual([]);
    }
  });

  it('kopano: the property map values are renamed', () => {
    const propmap = lines('# PR_EC_ENABLED_FEATURES', '0x67B3101E\t=\tzarafaEnabledFeatures', '0x8C6A1102\t=\tuserCertificate;binary', '0x3A08001E = telephoneNumber');
    const [first, second] = runTwice(propmap, 'ldap.propmap.cfg', rules, { ldapSchema: 'kopano' });
    expect(first.output).toBe(lines('# PR_EC_ENABLED_FEATURES', '0x67B3101E\t=\tkopanoEnabledFeatures', '0x8C6A1102\t=\tuserCertificate;binary', '0x3A08001E = telephoneNumber'));
    expect(second.changes).toEqual([]);
    expect(runRules(propmap, 'ldap.propmap.cfg', rules).changes).toEqual([]);
  });

  it('zarafa: a multi-server ldap.cfg gets the server attributes with zarafa names, and the socket action', () => {
    const input = lines('ldap_server_type_attribute_value = zarafa-server', 'ldap_user_server_attribute = zarafaUserServer');
    const [first, second] = runTwice(input, 'ldap.cfg', [ldapSchemaRule]);
    const pinned = first.changes.map((c) => `${c.key}=${c.after}`);
    expect(pinned).toEqual([
      'ldap_company_server_attribute=zarafaCompanyServer',
      'ldap_server_http_port_attribute=zarafaHttpPort',
      'ldap_server_ssl_port_attribute=zarafaSslPort',
      'ldap_server_file_path_attribute=zarafaFilePath',
      'ldap_server_contains_public_attribute=zarafaContainsPublic',
      'ldap_server_proxy_path_attribute=zarafaProxyURL',
    ]);
    expect(first.actions.map((a) => a.id)).toEqual(['ldap:server-file-path']);
    expect(first.actions[0]!.reason).toMatch(/zarafaFilePath/);
    expect(second.changes).toEqual([]);
    // a single-server file gets none of it
    expect(runRules(lines('ldap_user_type_attribute_value = posixAccount'), 'ldap.cfg', [ldapSchemaRule]).changes).toEqual([]);
  });

  it('zarafa: ldap_server_charset (in every stock ldap.cfg) does not make a setup multi-server', () => {
    const single = lines('ldap_server_charset = utf-8', 'ldap_user_type_attribute_value = posixAccount');
    for (const target of ['8.0', '8.7'] as const) {
      const { changes, actions } = runRules(single, 'ldap.cfg', rules, { target });
      expect(changes.filter((c) => c.key?.includes('server'))).toEqual([]);
      expect(actions.map((a) => a.id)).not.toContain('ldap:server-file-path');
    }
    // with a real multi-server key next to it, the attributes and the action still come
    const multi = lines('ldap_server_charset = utf-8', 'ldap_server_search_filter = (objectClass=zarafa-server)');
    const { changes, actions } = runRules(multi, 'ldap.cfg', [ldapSchemaRule]);
    expect(changes.map((c) => c.key)).toContain('ldap_server_file_path_attribute');
    expect(actions.map((a) => a.id)).toEqual(['ldap:server-file-path']);
  });

  it('kopano: a multi-server setup with several zarafa names in one filter', () => {
    const input = lines('ldap_server_search_filter = (|(objectClass=zarafa-server)(zarafaFilePath=*)(zarafaHttpPort>=236))');
    const { output } = runRules(input, 'ldap.cfg', [ldapSchemaRule], { ldapSchema: 'kopano' });
    expect(output).toBe(lines('ldap_server_search_filter = (|(objectClass=kopano-server)(kopanoFilePath=*)(kopanoHttpPort>=236))'));
  });
});

describe('LDAP name renaming', () => {
  it('renames filter attributes case-insensitively and leaves unknown names', () => {
    expect(renameFilter('(&(OBJECTCLASS=Zarafa-User)(zarafaaccount=1)(zarafaFoo=1)(cn=zarafaAdmin))'))
      .toBe('(&(OBJECTCLASS=kopano-user)(kopanoAccount=1)(zarafaFoo=1)(cn=zarafaAdmin))');
    expect(renameFilter('(|(mail=*%s*)(zarafaAliases=*%s*))')).toBe('(|(mail=*%s*)(kopanoAliases=*%s*))');
  });

  it('never renames DN options or free text', () => {
    expect(renameLdapValue('ldap_bind_user', 'cn=zarafaAdmin,dc=zarafa')).toBe('cn=zarafaAdmin,dc=zarafa');
    expect(renameLdapValue('ldap_user_type_attribute_value', 'posixAccount, zarafa-user')).toBe('posixAccount, kopano-user');
    expect(renameLdapValue('ldap_addresslist_type_attribute_value', 'zarafaAddresslist')).toBe('kopanoAddresslist');
  });
});
