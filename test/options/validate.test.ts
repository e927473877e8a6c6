import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import type { ConfigDocument, DirectiveLine } from '../../src/cfg/model.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateConfig, dialectOf, daemonFileOf, type TableVersion } from '../../src/options/index.js';

function check(file: string, text: string, target: TableVersion, resolve?: (d: DirectiveLine, from: ConfigDocument) => ConfigDocument | undefined): Diagnostic[] {
  const df = daemonFileOf(file);
  const doc = parseConfig(text, { file, dialect: df ? dialectOf(df, target) : 'cpp' });
  return validateConfig(doc, file, target, resolve);
}
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.line ?? '-'} ${d.severity} ${d.code}`);

describe('validateConfig', () => {
  it('accepts a file of known options with sane values', () => {
    expect(check('server.cfg', 'server_listen = *:236\nlog_level = 3\ncache_cell_size = 256M\nmysql_database = kopano\n', '8.7')).toEqual([]);
  });

  it('UNKNOWN_OPTION: an error where the daemon refuses to start', () => {
    const ds = check('server.cfg', 'enable_hosted_zarafa = false\nenable_distributed_zarafa = false\n', '8.0');
    expect(codes(ds)).toEqual(['1 error UNKNOWN_OPTION', '2 error UNKNOWN_OPTION']);
    expect(ds[0]!.message).toContain("'enable_hosted_zarafa'");
    expect(ds[0]!.message).toContain('kopano-server refuses to start');
    expect(ds[0]!.file).toBe('server.cfg');
  });

  it('UNKNOWN_OPTION: the same keys are fine for the ZCP family that had them', () => {
    expect(check('server.cfg', 'enable_hosted_zarafa = false\n', '7.2')).toEqual([]);
  });

  it('UNKNOWN_OPTION: ssl_enable_v2 stops 7.2+ gateway and ical', () => {
    expect(codes(check('gateway.cfg', 'ssl_enable_v2 = no\n', '8.0'))).toEqual(['1 error UNKNOWN_OPTION']);
    expect(codes(check('ical.cfg', 'ssl_enable_v2 = no\n', '7.2'))).toEqual(['1 error UNKNOWN_OPTION']);
    expect(check('ical.cfg', 'ssl_enable_v2 = no\n', '7.1')).toEqual([]);
  });

  it('UNKNOWN_OPTION: a warning where the daemon only logs it (Python search)', () => {
    const ds = check('search.cfg', 'ssl_verify_client = yes\n', '8.0');
    expect(codes(ds)).toEqual(['1 warning UNKNOWN_OPTION']);
    expect(ds[0]!.message).toContain('logs a warning');
  });

  it('UNKNOWN_OPTION: an indented comment is read as an option with the misread key', () => {
    const ds = check('spooler.cfg', '  # max_threads = 5\n#fine = 1\n', '8.0');
    expect(codes(ds)).toEqual(['1 error UNKNOWN_OPTION']);
    expect(ds[0]!.message).toContain("'# max_threads'");
  });

  it('UNKNOWN_OPTION: an alias whose target the version dropped is unknown (8.7 server_port)', () => {
    expect(codes(check('server.cfg', 'server_port = 236\n', '8.7'))).toEqual(['1 error UNKNOWN_OPTION']);
    expect(codes(check('server.cfg', 'server_port = 236\n', '8.0'))).toEqual(['1 warning ALIAS_OPTION']);
  });

  it('property tags: any 0x+8 hex key in ldap.propmap.cfg, only the built-in five in ldap.cfg', () => {
    expect(check('ldap.propmap.cfg', '0x67B3101E = kopanoEnabledFeatures\n0x3A4F001E = uid\n', '8.0')).toEqual([]);
    expect(codes(check('ldap.propmap.cfg', 'not_a_tag = x\n', '8.0'))).toEqual(['1 warning UNKNOWN_OPTION']);
    expect(check('ldap.cfg', '0x3A08001E = telephoneNumber\n', '8.0')).toEqual([]);
    const ds = check('ldap.openldap.cfg', '0x67B3101E = kopanoEnabledFeatures\n', '8.0');
    expect(codes(ds)).toEqual(['1 error UNKNOWN_OPTION']);
    expect(ds[0]!.message).toContain('!propmap');
  });

  it('ALIAS_OPTION: deprecated names are accepted with a warning', () => {
    const ds = check('ldap.cfg', 'ldap_user_sendas_attribute = zarafaSendAsPrivilege\n', '8.0');
    expect(codes(ds)).toEqual(['1 warning ALIAS_OPTION']);
    expect(ds[0]!.message).toContain("'ldap_sendas_attribute'");
  });

  it('UNUSED_OPTION, OBSOLETE_OPTION, IGNORED_OPTION', () => {
    expect(codes(check('server.cfg', 'index_services_enabled = no\n', '8.0'))).toEqual(['1 warning UNUSED_OPTION']);
    expect(codes(check('server.cfg', 'running_path = /var/lib/kopano\n', '8.7'))).toEqual(['1 warning OBSOLETE_OPTION']);
    expect(codes(check('search.cfg', 'optimize_start = 1\n', '7.2'))).toEqual(['1 warning IGNORED_OPTION']);
  });

  it('EMPTY_NONEMPTY: an empty non-empty option is an error', () => {
    const ds = check('ldap.cfg', 'ldap_user_type_attribute_value =\n', '8.0');
    expect(codes(ds)).toEqual(['1 error EMPTY_NONEMPTY']);
    expect(codes(check('ldap.cfg', 'ldap_server_type_attribute_value =\n', '8.0'))).toEqual(['1 warning EMPTY_NONEMPTY']);
  });

  it('INVALID_SIZE: C++ needs a leading number, Python needs a unit', () => {
    expect(check('server.cfg', 'cache_cell_size = 256MB\n', '8.0')).toEqual([]);
    expect(codes(check('server.cfg', 'cache_cell_size = M256\n', '8.0'))).toEqual(['1 error INVALID_SIZE']);
    expect(check('search.cfg', 'term_cache_size = 64M\n', '8.0')).toEqual([]);
    expect(check('search.cfg', 'term_cache_size = 1.5 GiB\n', '8.0')).toEqual([]);
    const ds = check('search.cfg', 'term_cache_size = 64000000\n', '8.0');
    expect(codes(ds)).toEqual(['1 error INVALID_SIZE']);
    expect(ds[0]!.message).toContain('crashes');
    // The 7.1 search daemon is C++: a bare number is fine there.
    expect(check('search.cfg', 'term_cache_size = 64000000\n', '7.1')).toEqual([]);
  });

  it('INVALID_BOOLEAN: Python accepts only lowercase yes/no/true/false/1/0', () => {
    expect(check('search.cfg', 'index_attachments = yes\n', '8.0')).toEqual([]);
    expect(check('search.cfg', 'index_attachments = 0\n', '8.0')).toEqual([]);
    expect(codes(check('search.cfg', 'index_attachments = Yes\n', '8.0'))).toEqual(['1 error INVALID_BOOLEAN']);
    expect(codes(check('search.cfg', 'index_attachments = on\n', '7.2'))).toEqual(['1 error INVALID_BOOLEAN']);
  });

  it('BOOLEAN_READS_TRUE and YES_SWITCH_OFF: C++ spellings that do not mean what they say', () => {
    expect(codes(check('server.cfg', 'hide_everyone = No\n', '8.0'))).toEqual(['1 warning BOOLEAN_READS_TRUE']);
    expect(check('server.cfg', 'hide_everyone = no\n', '8.0')).toEqual([]);
    expect(codes(check('gateway.cfg', 'imap_enable = true\n', '8.0'))).toEqual(['1 warning YES_SWITCH_OFF']);
    expect(check('ical.cfg', 'ical_enable = YES\n', '8.0')).toEqual([]);
    expect(codes(check('gateway.cfg', 'imap_enable = YES\n', '8.0'))).toEqual(['1 warning YES_SWITCH_OFF']);
  });

  it('INVALID_VALUE: Python enums and integers', () => {
    expect(codes(check('search.cfg', 'log_method = eventlog\n', '8.0'))).toEqual(['1 error INVALID_VALUE']);
    expect(codes(check('search.cfg', 'index_processes = two\n', '8.0'))).toEqual(['1 error INVALID_VALUE']);
    expect(check('search.cfg', 'log_level = info\nindex_processes = 2\n', '8.0')).toEqual([]);
  });

  it('INVALID_SSL_PROTOCOL: unknown tokens are errors; 8.7 ignores unknown negated ones', () => {
    expect(check('server.cfg', 'server_ssl_protocols = !SSLv2 !SSLv3\n', '8.0')).toEqual([]);
    expect(check('server.cfg', 'server_ssl_protocols = tlsv1.2\n', '8.0')).toEqual([]);
    const ds = check('server.cfg', 'server_ssl_protocols = TLSv1.3\n', '8.0');
    expect(codes(ds)).toEqual(['1 error INVALID_SSL_PROTOCOL']);
    expect(ds[0]!.message).toContain('TLSv1.3');
    expect(check('server.cfg', 'server_ssl_protocols = TLSv1.3\n', '8.7')).toEqual([]);
    expect(check('gateway.cfg', 'ssl_protocols = !SSLv2 !SSLv4\n', '8.7')).toEqual([]);
    expect(codes(check('gateway.cfg', 'ssl_protocols = SSLv4\n', '8.7'))).toEqual(['1 error INVALID_SSL_PROTOCOL']);
    expect(codes(check('gateway.cfg', 'ssl_protocols = !SSLv4\n', '8.0'))).toEqual(['1 error INVALID_SSL_PROTOCOL']);
  });

  it('MISSING_MANDATORY: a Python option without default must be set', () => {
    const ds = check('presence.cfg', 'server_port = 1234\n', '8.7');
    expect(codes(ds)).toEqual(['- error MISSING_MANDATORY']);
    expect(ds[0]!.message).toContain("'server_secret_key'");
    expect(check('presence.cfg', 'server_secret_key = s3cret\n', '8.7')).toEqual([]);
    // 8.0 declares ten options without a default; the other nine are missing here.
    expect(check('presence.cfg', 'server_secret_key = s3cret\n', '8.0').filter((d) => d.code === 'MISSING_MANDATORY').length).toBe(9);
  });

  it('MISSING_INCLUDE: only with a resolver, and only when it finds nothing', () => {
    const text = '!include /etc/kopano/extra.cfg\nlog_level = 3\n';
    expect(check('server.cfg', text, '8.0')).toEqual([]);
    expect(codes(check('server.cfg', text, '8.0', () => undefined))).toEqual(['1 error MISSING_INCLUDE']);
    const extra = parseConfig('log_file = -\n', { file: 'extra.cfg' });
    expect(check('server.cfg', text, '8.0', () => extra)).toEqual([]);
    expect(codes(check('ldap.cfg', '!propmap /etc/kopano/ldap.propmap.cfg\n', '8.0', () => undefined))).toEqual(['1 error MISSING_INCLUDE']);
  });

  it('UNSUPPORTED_DIRECTIVE: !propmap outside ldap.cfg', () => {
    const ds = check('server.cfg', '!propmap /etc/kopano/ldap.propmap.cfg\n', '8.0');
    expect(codes(ds)).toEqual(['1 warning UNSUPPORTED_DIRECTIVE']);
    expect(check('ldap.cfg', '!propmap /etc/kopano/ldap.propmap.cfg\n', '8.0')).toEqual([]);
  });

  it('does not repeat parser diagnostics and ignores files without a table', () => {
    const doc = parseConfig('log_level = 3\nlog_level = 4\n', { file: 'server.cfg' });
    expect(doc.diagnostics.map((d) => d.code)).toContain('DUPLICATE_KEY');
    expect(validateConfig(doc, 'server.cfg', '8.0')).toEqual([]);
    expect(check('local.cfg', 'whatever = 1\n', '8.0')).toEqual([]);
    expect(check('php-mapi.cfg', 'whatever = 1\n', '7.1')).toEqual([]);
    expect(check('presence.cfg', 'whatever = 1\n', '7.1')).toEqual([]);
  });

  it('leaves $VAR values of non-EXACT C++ options alone (the environment decides)', () => {
    expect(check('server.cfg', 'cache_cell_size = $CELL\n', '8.0')).toEqual([]);
  });

  it('uses the file string given for every diagnostic', () => {
    const ds = check('conf/zarafa/server.cfg', 'bogus = 1\n', '8.0');
    expect(ds.map((d) => d.file)).toEqual(['conf/zarafa/server.cfg']);
  });

  it('writes every message as one sentence', () => {
    const ds = [
      ...check('server.cfg', 'bogus = 1\ncache_cell_size = x\nserver_ssl_protocols = foo\nhide_system = No\n', '8.0'),
      ...check('search.cfg', 'index_attachments = On\nterm_cache_size = 5\n', '8.0'),
    ];
    expect(ds.length).toBe(6);
    for (const d of ds) expect(d.message).toMatch(/^[^\n]+\.$/);
  });
});
