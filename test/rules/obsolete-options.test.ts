import { describe, expect, test } from 'vitest';
import { obsoleteOptionsRule } from '../../src/3-plan/rules/obsolete-options.js';
import { translateConfig } from '../../src/api/translate-config.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { validateConfig } from '../../src/options/validate.js';
import { lines, rerun, runRules } from './run-rules.js';

const RULES = [obsoleteOptionsRule];
const READER_WARNINGS = ['OBSOLETE_OPTION', 'ALIAS_OPTION', 'UNUSED_OPTION', 'IGNORED_OPTION'];

function readerWarnings(output: string, file: string): string[] {
  return validateConfig(parseConfig(output, { file }), file, '8.7').filter((d) => READER_WARNINGS.includes(d.code)).map((d) => d.code);
}

describe('obsolete-options (target 8.7)', () => {
  test('running_path is commented out in every daemon that marks it obsolete', () => {
    for (const file of ['server.cfg', 'spooler.cfg', 'gateway.cfg', 'ical.cfg', 'monitor.cfg']) {
      const run = runRules(RULES, lines('# where to run', 'running_path = /tmp', 'log_level = 3'), file, { target: '8.7' });
      expect(run.output).toContain('#running_path = /tmp');
      expect(run.output).toContain('\nlog_level = 3\n');
      expect(run.changes.map((c) => [c.key, c.line, c.after])).toEqual([['running_path', 2, undefined]]);
      expect(rerun(RULES, run, file, { target: '8.7' }).changes).toEqual([]);
    }
  });

  test('target 8.0: what 8.0 does not mark obsolete stays (running_path, ldap_host)', () => {
    expect(runRules(RULES, lines('running_path = /tmp'), 'server.cfg', { target: '8.0' }).changes).toEqual([]);
    expect(runRules(RULES, lines('ldap_host = dc', 'ldap_port = 389'), 'ldap.cfg', { target: '8.0' }).changes).toEqual([]);
  });

  test('target 8.0: the alias names Kopano 8.0 warns about are renamed (ECServer.cpp, LDAPUserPlugin.cpp at kopanocore-8.0.0)', () => {
    const server = runRules(RULES, lines('server_port = 236', 'unix_socket = /var/run/kopano/server.sock'), 'server.cfg', { target: '8.0' });
    expect(server.output).toBe(lines('server_tcp_port = 236', 'server_pipe_name = /var/run/kopano/server.sock'));
    const ldap = runRules(RULES, lines('ldap_user_sendas_attribute = zarafaSendAsPrivilege', 'ldap_user_sendas_attribute_type = dn',
      'ldap_user_sendas_relation_attribute = distinguishedName'), 'ldap.cfg', { target: '8.0' });
    expect(ldap.output).toBe(lines('ldap_sendas_attribute = zarafaSendAsPrivilege', 'ldap_sendas_attribute_type = dn',
      'ldap_sendas_relation_attribute = distinguishedName'));
    expect(validateConfig(parseConfig(ldap.output, { file: 'ldap.cfg' }), 'ldap.cfg', '8.0').map((d) => d.code)).toEqual([]);
    expect(rerun(RULES, ldap, 'ldap.cfg', { target: '8.0' }).changes).toEqual([]);
  });

  test('ldap_host/ldap_port/ldap_protocol become ldap_uri, one URI per host', () => {
    const input = lines('ldap_host = ldap1.example.org ldap2.example.org', 'ldap_port = 636', 'ldap_protocol = ldaps', 'ldap_bind_user =');
    const run = runRules(RULES, input, 'ldap.cfg', { target: '8.7' });
    expect(run.output).toContain('\nldap_uri = ldaps://ldap1.example.org:636 ldaps://ldap2.example.org:636\n');
    expect(run.output).not.toMatch(/^ldap_(host|port|protocol)\b/m);
    expect(run.output).toContain('\nldap_bind_user =\n');
    expect(readerWarnings(run.output, 'ldap.cfg')).toEqual([]);
    expect(rerun(RULES, run, 'ldap.cfg', { target: '8.7' }).changes).toEqual([]);
  });

  test('an empty ldap_uri line gets the value; the default port follows the protocol', () => {
    const run = runRules(RULES, lines('ldap_uri =', 'ldap_host = dc.example.org', 'ldap_protocol = ldap'), 'ldap.cfg', { target: '8.7' });
    expect(run.output.split('\n')[0]).toBe('ldap_uri = ldap://dc.example.org:389');
    expect(run.output).not.toMatch(/^ldap_(host|port|protocol)\b/m);
  });

  test("the user's explicit ldap_uri is kept", () => {
    const input = lines('ldap_uri = ldaps://dir.example.org', 'ldap_host = other.example.org', 'ldap_port = 389');
    const run = runRules(RULES, input, 'ldap.openldap.cfg', { target: '8.7' });
    expect(run.output.split('\n')[0]).toBe('ldap_uri = ldaps://dir.example.org');
    expect(run.output).not.toContain('other.example.org:');
    expect(run.changes.map((c) => c.key)).toEqual(['ldap_host', 'ldap_port']);
  });

  test('an alias is renamed to the current name (unix_socket → server_pipe_name)', () => {
    const run = runRules(RULES, lines('unix_socket = /var/run/kopano/server.sock'), 'server.cfg', { target: '8.7' });
    expect(run.output).toBe(lines('server_pipe_name = /var/run/kopano/server.sock'));
    expect(rerun(RULES, run, 'server.cfg', { target: '8.7' }).changes).toEqual([]);
  });

  test('an alias whose current name is set further down is commented out', () => {
    const input = lines('unix_socket = /run/a.sock', 'server_pipe_name = /run/b.sock');
    const run = runRules(RULES, input, 'server.cfg', { target: '8.7' });
    expect(run.output).toContain('#unix_socket = /run/a.sock');
    expect(run.output).toContain('\nserver_pipe_name = /run/b.sock\n');
    expect(rerun(RULES, run, 'server.cfg', { target: '8.7' }).changes).toEqual([]);
  });

  test('the whole translation of server_port leaves no reader warning in 8.7', () => {
    const input = lines('server_port = 236', 'running_path = /var/lib/zarafa', 'unix_socket = /var/run/zarafa');
    const result = translateConfig(input, 'server.cfg', { target: '8.7', source: '7.1' });
    expect(result.output).not.toMatch(/^(server_port|running_path|unix_socket)\s*=/m);
    expect(readerWarnings(result.output, 'server.cfg')).toEqual([]);
    expect(validateConfig(parseConfig(result.output, { file: 'server.cfg' }), 'server.cfg', '8.7')
      .filter((d) => d.severity === 'error' || d.code === 'UNKNOWN_OPTION')).toEqual([]);
  });
});
