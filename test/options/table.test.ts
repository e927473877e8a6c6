import { describe, expect, it } from 'vitest';
import {
  DAEMON_FILES,
  TABLE_VERSIONS,
  daemonFileOf,
  dialectOf,
  getOptionTable,
  isSecretOption,
  lookupOption,
} from '../../src/options/index.js';
import OPTION_DATA from '../../src/options/data/options.json' with { type: 'json' };
import { checkOptionData } from '../../src/options/schema.js';

describe('generated option data', () => {
  it('matches the zod schema', () => {
    expect(checkOptionData(OPTION_DATA)).toEqual([]);
  });
  it('the schema rejects a broken entry', () => {
    const data = structuredClone(OPTION_DATA) as { files: Record<string, { o: Record<string, unknown[]> }> };
    data.files['server.cfg']!.o['log_level']![3] = { t: 'number' };
    data.files['presence.cfg']!.o['bogus'] = [{ t: 'string' }, null, null, null, null];
    const issues = checkOptionData(data);
    expect(issues.some((i) => i.includes('log_level'))).toBe(true);
    expect(issues.some((i) => i.includes('bogus') && i.includes('7.0'))).toBe(true);
  });
});

describe('getOptionTable', () => {
  it('has a table for every daemon in every version it exists in', () => {
    for (const file of DAEMON_FILES)
      for (const v of TABLE_VERSIONS) {
        const t = getOptionTable(file, v);
        // presence: 7.2 to 8.7 (gone in 11); spamd and autorespond: tabled for 11.0 only; php-mapi.cfg: read from 7.2.1 on.
        const absent = (file === 'presence.cfg' && (v === '7.0' || v === '7.1' || v === '11.0'))
          || (file === 'php-mapi.cfg' && (v === '7.0' || v === '7.1'))
          || ((file === 'spamd.cfg' || file === 'autorespond.cfg') && v !== '11.0');
        if (absent) expect(t).toBeUndefined();
        else {
          expect(t, `${file}@${v}`).toBeDefined();
          expect(t!.dialect).toBe(dialectOf(file, v));
          if (file !== 'ldap.propmap.cfg') expect(t!.options.size, `${file}@${v}`).toBeGreaterThan(3);
        }
      }
  });
  it('returns the same table object on repeated calls', () => {
    expect(getOptionTable('server.cfg', '8.0')).toBe(getOptionTable('server.cfg', '8.0'));
  });
  it('knows the defaults that changed between ZCP and KC', () => {
    expect(getOptionTable('server.cfg', '7.2')!.options.get('mysql_database')!.default).toBe('zarafa');
    expect(getOptionTable('server.cfg', '8.0')!.options.get('mysql_database')!.default).toBe('kopano');
    expect(getOptionTable('server.cfg', '7.1')!.options.get('log_level')!.default).toBe('2');
    expect(getOptionTable('server.cfg', '8.0')!.options.get('log_level')!.default).toBe('3');
    expect(getOptionTable('server.cfg', '8.0')!.options.get('server_pipe_name')!.default).toBe('/var/run/kopano/server.sock');
  });
  it('knows which options exist where', () => {
    expect(getOptionTable('server.cfg', '7.1')!.options.has('server_ssl_enable_v2')).toBe(true);
    expect(getOptionTable('server.cfg', '7.2')!.options.has('server_ssl_enable_v2')).toBe(false);
    expect(getOptionTable('server.cfg', '7.2')!.options.has('enable_hosted_zarafa')).toBe(true);
    expect(getOptionTable('server.cfg', '8.0')!.options.has('enable_hosted_zarafa')).toBe(false);
    expect(getOptionTable('server.cfg', '8.0')!.options.has('enable_hosted_kopano')).toBe(true);
  });
  it('types options the way the daemons read them', () => {
    const server = getOptionTable('server.cfg', '8.0')!;
    expect(server.options.get('server_tcp_enabled')!.type).toBe('yes-switch');
    expect(server.options.get('cache_cell_size')!.type).toBe('size');
    expect(server.options.get('mysql_password')!.type).toBe('secret');
    expect(server.options.get('mysql_password')!.secret).toBe(true);
    expect(server.options.get('server_ssl_protocols')!.type).toBe('list');
    const search = getOptionTable('search.cfg', '8.0')!;
    expect(search.options.get('index_attachments')!.type).toBe('boolean');
    expect(search.options.get('index_attachments')!.default).toBe('yes');
    expect(search.options.get('term_cache_size')!.type).toBe('size');
    expect(search.options.get('log_method')!.type).toBe('enum');
    expect(search.options.get('log_method')!.allowedValues).toEqual(['file', 'syslog']);
    expect(search.options.get('coredump_enabled')!.flags).toContain('IGNORED');
    expect(getOptionTable('presence.cfg', '8.0')!.options.get('server_secret_key')!.flags).toContain('MANDATORY');
  });
  it('reports what the daemon does with unknown keys', () => {
    expect(getOptionTable('server.cfg', '8.0')!.unknownOption).toBe('fatal');
    expect(getOptionTable('search.cfg', '7.1')!.unknownOption).toBe('fatal');
    expect(getOptionTable('search.cfg', '7.2')!.unknownOption).toBe('warning');
    expect(getOptionTable('backup.cfg', '7.2')!.unknownOption).toBe('unknown');
  });
});

describe('lookupOption', () => {
  it('is case-sensitive', () => {
    const t = getOptionTable('server.cfg', '8.0')!;
    expect(lookupOption(t, 'log_level')?.name).toBe('log_level');
    expect(lookupOption(t, 'Log_Level')).toBeUndefined();
  });
  it('resolves aliases to their spec with aliasOf', () => {
    const t = getOptionTable('ldap.cfg', '8.0')!;
    expect(lookupOption(t, 'ldap_user_sendas_attribute')?.aliasOf).toBe('ldap_sendas_attribute');
  });
  it('accepts any property tag in ldap.propmap.cfg but only built-in tags in ldap.cfg', () => {
    const propmap = getOptionTable('ldap.propmap.cfg', '8.0')!;
    expect(lookupOption(propmap, '0x67B3101E')?.name).toBe('0x67B3101E');
    expect(lookupOption(propmap, '0x67B3101')).toBeUndefined();
    const ldap = getOptionTable('ldap.cfg', '8.0')!;
    expect(lookupOption(ldap, '0x3A08001E')).toBeDefined();
    expect(lookupOption(ldap, '0x67B3101E')).toBeUndefined();
  });
});

describe('daemonFileOf', () => {
  it.each([
    ['server.cfg', 'server.cfg'],
    ['/etc/zarafa/server.cfg', 'server.cfg'],
    ['indexer.cfg', 'search.cfg'],
    ['ldap.openldap.cfg', 'ldap.cfg'],
    ['ldap.active-directory.cfg', 'ldap.cfg'],
    ['ldap-ms.cfg', 'ldap.cfg'],
    ['ldap.propmap.cfg', 'ldap.propmap.cfg'],
    ['sub/presence.cfg', 'presence.cfg'],
    ['php-mapi.cfg', 'php-mapi.cfg'],
    ['local.cfg', undefined],
    ['ws.cfg', undefined],
    ['example-msr.cfg', undefined],
    ['backup-plus.cfg', undefined],
    ['server.cfg.bak', undefined],
  ])('%s → %s', (name, file) => {
    expect(daemonFileOf(name)).toBe(file);
  });
});

describe('isSecretOption', () => {
  it('knows passwords in and out of a file context', () => {
    expect(isSecretOption('server.cfg', 'mysql_password')).toBe(true);
    expect(isSecretOption('ldap.cfg', 'ldap_bind_passwd')).toBe(true);
    expect(isSecretOption('server.cfg', 'server_ssl_key_pass')).toBe(true);
    expect(isSecretOption('presence.cfg', 'xmpp_password')).toBe(true);
    expect(isSecretOption(undefined, 'server_secret_key')).toBe(true);
    expect(isSecretOption('server.cfg', 'server_secret_key')).toBe(false);
    expect(isSecretOption('server.cfg', 'mysql_user')).toBe(false);
    expect(isSecretOption('server.cfg', 'server_ssl_key_file')).toBe(false);
  });
});
