import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { effectiveConfig, validateOptionData } from '../../src/options/index.js';

describe('effectiveConfig', () => {
  it('puts file values over the version defaults, with their origin', () => {
    const doc = parseConfig('# comment\nmysql_host = db.example\nlog_level = 5\n', { file: 'server.cfg' });
    const eff = effectiveConfig(doc, 'server.cfg', '8.0');
    expect(eff.get('mysql_host')).toEqual({ value: 'db.example', origin: { kind: 'file', file: 'server.cfg', line: 2 } });
    expect(eff.get('log_level')?.value).toBe('5');
    expect(eff.get('mysql_database')).toEqual({ value: 'kopano', origin: { kind: 'default' } });
  });

  it('pins the defaults that changed between ZCP and KC', () => {
    const doc = parseConfig('mysql_host = localhost\n', { file: 'server.cfg' });
    expect(effectiveConfig(doc, 'server.cfg', '7.2').get('mysql_database')?.value).toBe('zarafa');
    expect(effectiveConfig(doc, 'server.cfg', '8.0').get('mysql_database')?.value).toBe('kopano');
    expect(effectiveConfig(doc, 'server.cfg', '7.2').get('server_pipe_name')?.value).toBe('/var/run/zarafa');
    expect(effectiveConfig(doc, 'server.cfg', '8.0').get('server_pipe_name')?.value).toBe('/var/run/kopano/server.sock');
    expect(effectiveConfig(doc, 'server.cfg', '7.0').get('cache_cell_size')?.value).toBe('16777216');
  });

  it('stores an alias under its target, the last assignment winning', () => {
    const doc = parseConfig('ldap_sendas_attribute = a\nldap_user_sendas_attribute = b\n', { file: 'ldap.cfg' });
    const eff = effectiveConfig(doc, 'ldap.cfg', '8.0');
    expect(eff.get('ldap_sendas_attribute')).toEqual({ value: 'b', origin: { kind: 'file', file: 'ldap.cfg', line: 2 } });
    expect(eff.has('ldap_user_sendas_attribute')).toBe(false);
  });

  it('follows includes through the resolver', () => {
    const inc = parseConfig('ldap_uri = ldap://x\n', { file: 'ldap.openldap.cfg' });
    const doc = parseConfig('!include /usr/share/kopano/ldap.openldap.cfg\nldap_bind_user = cn=a\n', { file: 'ldap.cfg' });
    const eff = effectiveConfig(doc, 'ldap.cfg', '8.7', () => inc);
    expect(eff.get('ldap_uri')).toEqual({ value: 'ldap://x', origin: { kind: 'file', file: 'ldap.openldap.cfg', line: 1 } });
    expect(eff.get('ldap_bind_user')?.value).toBe('cn=a');
  });

  it('gives Python defaults as config values the Python reader accepts', () => {
    const doc = parseConfig('', { file: 'search.cfg', dialect: 'python' });
    const eff = effectiveConfig(doc, 'search.cfg', '8.0');
    expect(eff.get('index_attachments')?.value).toBe('yes');
    expect(eff.get('index_attachment_max_size')?.value).toBe('16M');
    expect(eff.get('server_socket')?.value).toBe('default:');
    // No default, not set: absent.
    expect(eff.has('sslkey_file')).toBe(false);
  });
});

describe('validateOptionData', () => {
  it('finds the built-in data valid', async () => {
    expect(await validateOptionData()).toEqual([]);
  });
});
