import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';
import { makeTree } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'z2k-detect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dir = (name: string, files: Record<string, string>): string => makeTree(files, join(tmp, name));

// A 7.1 server (server_ssl_enable_v2 is gone in 7.2; search_socket is 7.1+) and search.cfg,
// beside an ldap.cfg carrying 7.2's multi-server attribute keys.
const SERVER_71 = [
  'server_ssl_enable_v2 = no',
  'search_enabled = yes',
  'search_socket = file:///var/run/zarafa-search',
  'search_timeout = 10',
  'enable_sql_procedures = no',
  '',
].join('\n');
const SEARCH_71 = 'term_cache_size = 64M\noptimize_start = 0\noptimize_stop = 0\n';
const LDAP_72 = [
  'ldap_user_server_attribute = zarafaUserServer',
  'ldap_company_server_attribute = zarafaCompanyServers',
  'ldap_server_address_attribute = zarafaHostAddress',
  'ldap_server_http_port_attribute = zarafaHttpPort',
  'ldap_server_ssl_port_attribute = zarafaSslPort',
  'ldap_server_file_path_attribute = zarafaFilePath',
  '',
].join('\n');

describe('source detection on a directory', () => {
  it('lets server.cfg and search.cfg decide over an ldap.cfg with newer keys, and says the conflict', async () => {
    const r = await translateConfigDir(dir('conflict', { 'server.cfg': SERVER_71, 'search.cfg': SEARCH_71, 'ldap.cfg': LDAP_72 }));
    expect(r.source.version).toBe('7.1');
    // 7.1's index cannot be read by kopano-search: the runbook rebuilds it.
    expect(r.actions.some((a) => a.id === 'search:rebuild')).toBe(true);
    // Evidence for 7.0/7.1-only keys is not listed as evidence for the release chosen against them.
    expect(r.source.evidence.join('\n')).toContain('server_ssl_enable_v2');
    expect(r.source.against.join('\n')).toContain('ldap_user_server_attribute');
    expect(r.source.against.join('\n')).not.toContain('server_ssl_enable_v2');
    expect(r.source.conflicts).toHaveLength(1);
    expect(r.source.conflicts[0]).toMatch(/^ldap\.cfg fits 7\.2, but .*server\.cfg fit/);
    const c = r.diagnostics.filter((d) => d.code === 'SOURCE_CONFLICT');
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ severity: 'warning', file: 'ldap.cfg' });
    expect(c[0]!.message).toContain('7.1');
    // Decided firmly: no ambiguity warning.
    expect(r.diagnostics.some((d) => d.code === 'SOURCE_AMBIGUOUS')).toBe(false);
  });

  it('takes a size with a unit suffix as 7.1 or later, and warns that 7.1 and 7.2 are not told apart', async () => {
    const lines = [
      'server_name = z', 'log_level = 3', 'cache_cell_size = 2G', 'mysql_host = localhost', 'mysql_port = 3306',
      'mysql_user = zarafa', 'mysql_database = zarafa', 'attachment_storage = files', 'user_plugin = db', 'server_hostname = z',
    ];
    const r = await translateConfigDir(dir('short', { 'server.cfg': `${lines.join('\n')}\n` }));
    expect(r.source.version).not.toBe('7.0');
    expect(r.source.evidence.join('\n')).toContain('cache_cell_size = 2G');
    // A 10-line file lacking 7.2's new options says nothing about 7.2.
    expect(r.source.evidence.join('\n')).not.toContain('has none of the options');
    const a = r.diagnostics.filter((d) => d.code === 'SOURCE_AMBIGUOUS');
    expect(a).toHaveLength(1);
    expect(a[0]!.severity).toBe('warning');
    expect(a[0]!.message).toContain('7.1');
    expect(a[0]!.message).toContain('7.2');
    expect(a[0]!.message).toContain('search index');
    expect(a[0]!.message).toContain('--source');
  });

  it('names the attachment default when 7.0 is among the candidates', async () => {
    const r = await translateConfigDir(dir('plain', { 'server.cfg': 'log_level = 3\nmysql_host = localhost\n' }));
    const a = r.diagnostics.find((d) => d.code === 'SOURCE_AMBIGUOUS');
    expect(a!.message).toContain('/var/lib/zarafa/attachments');
    expect(r.source).toMatchObject({ against: [], conflicts: [] });
  });

  it('says nothing when the caller gives the release', async () => {
    const r = await translateConfigDir(dir('given', { 'server.cfg': SERVER_71, 'ldap.cfg': LDAP_72 }), { source: '7.1' });
    expect(r.diagnostics.some((d) => d.code.startsWith('SOURCE_'))).toBe(false);
    expect(r.source).toMatchObject({ version: '7.1', against: [], conflicts: [] });
  });
});
