import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import type { ConfigDocument } from '../../src/cfg/model.js';
import { detectSourceVersion } from '../../src/2-detect/detect-source.js';

function dir(files: Record<string, string>): Map<string, ConfigDocument> {
  return new Map(Object.entries(files).map(([name, text]) => [name, parseConfig(text, { file: name })]));
}

describe('detectSourceVersion', () => {
  it('server_ssl_protocols means 7.2', () => {
    const d = detectSourceVersion(dir({ 'server.cfg': 'server_ssl_protocols = !SSLv2\nserver_listen_x = 1\n' }));
    expect(d.family).toBe('7.2');
    expect(d.ambiguous).toBe(false);
    expect(d.evidence.join('\n')).toContain('server_ssl_protocols');
  });

  it('a server.cfg with only 7.0\'s index_services_* lines is 7.0 (7.1 and 7.2 keep them only as unused)', () => {
    const d = detectSourceVersion(dir({ 'server.cfg': 'index_services_enabled = no\nindex_services_path = file:///var/run/zarafa-indexer\nindex_services_search_timeout = 10\n' }));
    expect(d.family).toBe('7.0');
    expect(d.evidence.join('\n')).toContain('index_services_enabled (line 1)');
  });

  it('server_ssl_enable_v2 means 7.0 or 7.1, and says it cannot tell which', () => {
    const d = detectSourceVersion(dir({ 'server.cfg': 'server_ssl_enable_v2 = no\n' }));
    expect(d.ambiguous).toBe(true);
    expect(d.candidates).toEqual(['7.0', '7.1']);
    expect(d.family).toBeUndefined();
  });

  it('indexer.cfg means 7.0 and a C++ search', () => {
    const d = detectSourceVersion(dir({ 'indexer.cfg': 'index_path = /var/lib/zarafa/index/\n', 'server.cfg': 'server_ssl_enable_v2 = no\n' }));
    expect(d.family).toBe('7.0');
    expect(d.searchDialect).toBe('cpp');
  });

  it('a C++-only search option means 7.1, a Python-only one 7.2', () => {
    const cpp = detectSourceVersion(dir({ 'search.cfg': 'ssl_verify_client = no\n', 'server.cfg': 'search_socket = file:///var/run/zarafa-search\n' }));
    expect(cpp.family).toBe('7.1');
    expect(cpp.searchDialect).toBe('cpp');
    const py = detectSourceVersion(dir({ 'search.cfg': 'search_engine = xapian\nindex_processes = 2\n' }));
    expect(py.family).toBe('7.2');
    expect(py.searchDialect).toBe('python');
  });

  it('a search.cfg value the 7.2 Python reader stops on means the C++ search of 7.0/7.1', () => {
    const text = 'index_path = /var/lib/zarafa/index/\nindex_attachments = Yes\nterm_cache_size = 64000000\n';
    const d = detectSourceVersion(dir({ 'search.cfg': text }));
    expect(d.candidates).not.toContain('7.2');
    expect(d.searchDialect).toBe('cpp');
    expect(d.evidence.join('\n')).toMatch(/Python search reader stops on \(line 2, line 3\)/);
    // The same options spelled the way 7.2 reads them say nothing against 7.2.
    const fine = detectSourceVersion(dir({ 'search.cfg': 'index_attachments = yes\nterm_cache_size = 64M\n' }));
    expect(fine.evidence.join('\n')).not.toMatch(/Python search reader/);
  });

  it('presence.cfg means 7.2', () => {
    expect(detectSourceVersion(dir({ 'presence.cfg': 'server_port = 1234\n' })).family).toBe('7.2');
  });

  it('paths under /var/run/zarafad/ mean the 7.2.2+ layout', () => {
    const d = detectSourceVersion(dir({ 'server.cfg': 'pid_file = /var/run/zarafad/server.pid\n' }));
    expect(d.socketLayout).toBe('var-run-zarafad');
    expect(d.family).toBe('7.2');
    const old = detectSourceVersion(dir({ 'server.cfg': 'pid_file = /var/run/zarafa-server.pid\n' }));
    expect(old.socketLayout).toBe('var-run-zarafa');
  });

  it('says so when nothing discriminates', () => {
    const d = detectSourceVersion(dir({ 'server.cfg': 'log_level = 3\nmysql_host = localhost\n', 'ws.cfg': 'x = 1\n' }));
    expect(d).toMatchObject({ family: undefined, ambiguous: true, candidates: ['7.0', '7.1', '7.2'], evidence: [] });
  });

  it('weighs conflicting evidence: one stray 7.2 option against many 7.1 ones', () => {
    const d = detectSourceVersion(dir({
      'server.cfg': 'server_ssl_enable_v2 = no\nsearch_socket = file:///var/run/zarafa-search\n',
      'gateway.cfg': 'ssl_enable_v2 = no\n',
      'ical.cfg': 'ssl_enable_v2 = no\nssl_protocols = !SSLv2\n',
    }));
    expect(d.family).toBe('7.1');
  });
});

describe('detectSourceVersion: positive evidence, conflicts', () => {
  it('keeps findings against the chosen family apart from those for it', () => {
    const d = detectSourceVersion(dir({
      'server.cfg': 'server_ssl_enable_v2 = no\nsearch_socket = file:///var/run/zarafa-search\n',
      'ldap.cfg': 'ldap_user_server_attribute = a\nldap_company_server_attribute = b\nldap_server_address_attribute = c\nldap_server_http_port_attribute = d\n',
    }));
    expect(d.family).toBe('7.1');
    expect(d.against.join('\n')).toContain('ldap_user_server_attribute');
    expect(d.evidence.join('\n')).not.toContain('ldap_user_server_attribute');
    expect(d.conflicts).toEqual(['ldap.cfg fits 7.2, but server.cfg fits 7.1']);
    expect(d.undecided).toEqual(['7.1']);
  });

  it('a size suffix counts against 7.0 (atoll)', () => {
    const d = detectSourceVersion(dir({ 'server.cfg': 'cache_cell_size = 2G\n' }));
    expect(d.candidates).toEqual(['7.1', '7.2']);
    expect(d.undecided).toEqual(['7.1', '7.2']);
  });
});
