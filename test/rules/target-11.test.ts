import { describe, expect, test } from 'vitest';
import { getOptionTable } from '../../src/options/index.js';
import { RULES as ALL_RULES } from '../../src/3-plan/rules/index.js';
import { listenOptionsRule } from '../../src/3-plan/rules/listen-options.js';
import { obsoleteOptionsRule } from '../../src/3-plan/rules/obsolete-options.js';
import { pythonPluginsRule } from '../../src/3-plan/rules/python-plugins.js';
import { minimumOf, tlsMinProtoRule } from '../../src/3-plan/rules/tls-min-proto.js';
import { humansizeBytes, sizeValuesRule } from '../../src/3-plan/rules/size-values.js';
import { translateConfig } from '../../src/api/translate-config.js';
import { validateConfig } from '../../src/options/validate.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { expectStable, lines, runRules } from './run-rules.js';

const T11 = { target: '11.0', source: '7.2' } as const;

describe('the 11.0 tables (kopanocore-11.0.2)', () => {
  test('know what 11 removed, renamed and changed', () => {
    const server = getOptionTable('server.cfg', '11.0')!;
    for (const gone of ['license_socket', 'license_timeout', 'running_path', 'socketspec', 'plugin_path', 'thread_stacksize'])
      expect(server.options.has(gone), gone).toBe(false);
    expect(server.options.get('server_tls_min_proto')?.default).toBe('tls1.2');
    expect(server.options.get('server_ssl_protocols')?.flags).toContain('OBSOLETE');
    expect(server.options.get('pid_file')?.flags).toContain('OBSOLETE');
    expect(server.options.get('server_listen')?.default).toBe('*%lo:236');
    expect(server.options.get('createuser_script')?.default).toBe('internal');
    expect(server.options.get('attachment_storage')?.default).toBe('auto');
    const ldap = getOptionTable('ldap.cfg', '11.0')!;
    for (const gone of ['ldap_host', 'ldap_port', 'ldap_protocol', 'ldap_user_search_base', 'ldap_user_scope'])
      expect(ldap.options.has(gone), gone).toBe(false);
    expect(getOptionTable('dagent.cfg', '11.0')!.options.get('plugin_enabled')?.default).toBe('no');
    expect(getOptionTable('spooler.cfg', '11.0')!.options.get('process_model')?.default).toBe('thread');
    expect(getOptionTable('search.cfg', '11.0')!.options.has('running_path')).toBe(false);
    expect(getOptionTable('presence.cfg', '11.0')).toBeUndefined();
    expect(getOptionTable('spamd.cfg', '11.0')!.options.get('sa_group')?.default).toBe('amavis');
  });
});

describe('tls-min-proto (target 11.0)', () => {
  const RULES = [tlsMinProtoRule];

  test('minimumOf: the oldest protocol of the unbroken run up to the newest enabled one', () => {
    expect(minimumOf('!SSLv2')).toBe('ssl3');
    expect(minimumOf('!SSLv2 !SSLv3')).toBe('tls1.0');
    expect(minimumOf('!SSLv2 !SSLv3 !TLSv1 !TLSv1.1')).toBe('tls1.2');
    expect(minimumOf('TLSv1.2 TLSv1.3')).toBe('tls1.2');
    // A hole (TLSv1.1 off, TLSv1 on) cannot be written: the minimum starts above it.
    expect(minimumOf('!SSLv2 !TLSv1.1')).toBe('tls1.2');
    expect(minimumOf('')).toBe('ssl3');
  });

  test('a list weaker than tls1.2 is dropped and 11\'s default applies, with a note', () => {
    const run = runRules(RULES, lines('server_ssl_protocols = !SSLv2 !SSLv3'), 'server.cfg', T11);
    expect(run.output).toContain('#server_ssl_protocols = !SSLv2 !SSLv3');
    expect(run.output).not.toMatch(/^server_tls_min_proto/m);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['TLS_MIN_RAISED']);
    expectStable(RULES, run, 'server.cfg', T11);
  });

  test('a list stronger than tls1.2 becomes tls_min_proto right after it', () => {
    const run = runRules(RULES, lines('ssl_protocols = TLSv1.3', 'ssl_ciphers = HIGH'), 'gateway.cfg', T11);
    expect(run.output).toMatch(/^#ssl_protocols = TLSv1\.3\ntls_min_proto = tls1\.3\nssl_ciphers = HIGH\n$/m);
    expectStable(RULES, run, 'gateway.cfg', T11);
  });

  test('tls zcp writes ZCP\'s oldest protocol, with TLS_ZCP_SET', () => {
    const run = runRules(RULES, lines('ssl_protocols = !SSLv2'), 'ical.cfg', { ...T11, tls: 'zcp' });
    expect(run.output).toMatch(/^tls_min_proto = ssl3$/m);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['TLS_ZCP_SET']);
  });

  test('does nothing for 8.7', () => {
    const run = runRules(RULES, lines('server_ssl_protocols = !SSLv2'), 'server.cfg', { target: '8.7', source: '7.2' });
    expect(run.changes).toEqual([]);
  });
});

describe('python-plugins (target 11.0)', () => {
  const RULES = [pythonPluginsRule];

  test('plugins on by ZCP\'s default: plugin_enabled = yes and process_model = fork are written, with a runbook check', () => {
    const run = runRules(RULES, lines('plugin_path = /var/lib/kopano/dagent/plugins'), 'dagent.cfg', T11);
    expect(run.output).toMatch(/^plugin_enabled = yes$/m);
    expect(run.output).toMatch(/^process_model = fork$/m);
    expect(run.actions.map((a) => a.id)).toEqual(['plugins:dagent']);
    expectStable(RULES, run, 'dagent.cfg', T11);
  });

  test('plugins off in the ZCP file: nothing is written', () => {
    const run = runRules(RULES, lines('plugin_enabled = no'), 'spooler.cfg', T11);
    expect(run.changes).toEqual([]);
    expect(run.actions).toEqual([]);
  });
});

describe('listen-options and obsolete-options run for 11.0', () => {
  test('a listener ZCP opened on every address is written out, since 11 listens on loopback by default', () => {
    const run = runRules([listenOptionsRule], lines('server_bind =', 'server_tcp_port = 236'), 'server.cfg', T11);
    expect(run.output).toMatch(/^server_listen = \*:236$/m);
  });

  test('an empty ldap_uri without ldap_host gets the server ZCP used by default (11 would find no server)', () => {
    const run = runRules([obsoleteOptionsRule], lines('ldap_uri =', 'ldap_search_base = dc=example,dc=org'), 'ldap.cfg', T11);
    expect(run.output).toMatch(/^ldap_uri = ldap:\/\/localhost:389$/m);
    expectStable([obsoleteOptionsRule], run, 'ldap.cfg', T11);
    expect(runRules([obsoleteOptionsRule], lines('ldap_uri ='), 'ldap.cfg', { target: '8.7', source: '7.2' }).changes).toEqual([]);
  });

  test('ldap_host/port/protocol become ldap_uri; ldap_authentication_method = password warns', () => {
    const run = runRules([obsoleteOptionsRule], lines('ldap_host = ldap.example.org', 'ldap_port = 636', 'ldap_protocol = ldaps',
      'ldap_authentication_method = password'), 'ldap.cfg', T11);
    expect(run.output).toMatch(/^ldap_uri = ldaps:\/\/ldap\.example\.org:636$/m);
    expect(run.output).toMatch(/^#ldap_authentication_method = password$/m);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['LDAP_BIND_AUTH_ONLY']);
  });
});

describe('size-values (target 11.0)', () => {
  test('humansize_to_number: fractions and T count, an unknown unit is 0', () => {
    expect(humansizeBytes('16M')).toBe(16 * 1024 ** 2);
    expect(humansizeBytes('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(humansizeBytes('2T')).toBe(2 * 1024 ** 4);
    expect(humansizeBytes('10X')).toBe(0);
    expect(humansizeBytes('5 k')).toBe(5120);
  });

  test('a size 11 reads differently is written as what ZCP read; the others stay', () => {
    const run = runRules([sizeValuesRule], lines('cache_cell_size = 1.5G', 'cache_object_size = 10X', 'cache_acl_size = 1M'), 'server.cfg', T11);
    expect(run.output).toBe(lines('cache_cell_size = 1', 'cache_object_size = 10', 'cache_acl_size = 1M'));
    expectStable([sizeValuesRule], run, 'server.cfg', T11);
  });
});

describe('whole translation for 11.0', () => {
  test('a ZCP 7.2 server.cfg starts on 11: no option 11 does not know, no obsolete option left', () => {
    const zcp = lines('license_socket = /var/run/zarafa-licensed', 'license_timeout = 10', 'pid_file = /var/run/zarafa-server.pid',
      'server_ssl_protocols = !SSLv2', 'running_path = /var/lib/zarafa', 'thread_stacksize = 512', 'enable_sql_procedures = no',
      'createuser_script = /etc/zarafa/userscripts/createuser');
    const result = translateConfig(zcp, 'server.cfg', T11);
    const doc = parseConfig(result.output, { file: 'server.cfg', dialect: 'cpp' });
    const bad = validateConfig(doc, 'server.cfg', '11.0').filter((d) => d.severity === 'error' || ['UNKNOWN_OPTION', 'OBSOLETE_OPTION'].includes(d.code));
    expect(bad).toEqual([]);
    expect(result.output).toMatch(/^createuser_script = internal$/m);
    expect(result.output).toMatch(/^enable_sql_procedures = no$/m);
    expect(ALL_RULES.map((r) => r.id)).toContain('tls-min-proto');
  });
});
