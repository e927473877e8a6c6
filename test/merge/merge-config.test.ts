import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { mergeOne } from './merge-one.js';
import { isZcpBaseValue } from '../../src/5-merge/zcp-base.js';
import { getOptionTable, validateConfig } from '../../src/options/index.js';
import type { FileTranslation } from '../../src/types.js';

const KOPANO_SERVER = [
  '# Kopano server sample',
  '#server_hostname = localhost',
  'mysql_host = localhost',
  'mysql_user = root',
  '#mysql_database = kopano',
  '',
  '# purge soft-deleted items after this many days',
  'softdelete_lifetime = 30',
  '#log_level = 3',
  '',
].join('\n');

const lines = (text: string): string[] => text.split('\n');
const codes = (t: FileTranslation): string[] => t.diagnostics.map((d) => d.code);

/** Every Kopano line that no change names is still in the output, in order (inserts may sit between). */
function keepsUntouchedLines(t: FileTranslation): boolean {
  const edited = new Set(t.changes.map((c) => c.line).filter((n) => n !== undefined));
  const kept = lines(t.input).filter((_, i) => !edited.has(i + 1));
  let i = 0;
  for (const line of lines(t.output)) if (i < kept.length && line === kept[i]) i++;
  return i === kept.length;
}

describe('mergeConfig', () => {
  const zarafa = [
    'server_hostname = mail.example.org',
    'mysql_host = localhost',
    'mysql_user = zarafa',
    'mysql_password = s3cret',
    'mysql_database = zarafa',
    'softdelete_lifetime = 14',
    'log_level = 2',
    'server_tcp_port = 236',
    '',
  ].join('\n');
  const merged = mergeOne(KOPANO_SERVER, 'server.cfg', zarafa, 'server.cfg', { target: '8.0', source: '7.2', showSecrets: true });

  it('replaces active Kopano lines and uncomments sample lines with the carried values', () => {
    const out = lines(merged.output);
    expect(out).toContain('server_hostname = mail.example.org');
    expect(out).toContain('mysql_user = zarafa');
    expect(out).toContain('softdelete_lifetime = 14');
    expect(out[1]).toBe('server_hostname = mail.example.org'); // the sample line itself, uncommented
    expect(out).not.toContain('#server_hostname = localhost');
  });

  it('carries the values the rules pin even where the user kept the ZCP default', () => {
    expect(lines(merged.output)).toContain('mysql_database = zarafa');
    expect(lines(merged.output)).toContain('log_level = 2');
    const pin = merged.changes.find((c) => c.key === 'mysql_database');
    expect(pin?.rule).toBe('pinned-defaults');
  });

  it('leaves settings the user did not change to Kopano', () => {
    expect(merged.changes.map((c) => c.key)).not.toContain('mysql_host');
    expect(merged.changes.map((c) => c.key)).not.toContain('server_tcp_port');
    expect(merged.output).not.toMatch(/server_tcp_port/);
  });

  it('adds a customised option the Kopano file does not mention', () => {
    expect(lines(merged.output)).toContain('mysql_password = s3cret');
    expect(merged.changes.find((c) => c.key === 'mysql_password')?.line).toBeUndefined();
  });

  it('keeps every line it did not edit byte for byte', () => {
    expect(keepsUntouchedLines(merged)).toBe(true);
    expect(merged.input).toBe(KOPANO_SERVER);
  });

  it('reports a setting both sides changed, naming both values and the one written', () => {
    const c = merged.diagnostics.find((d) => d.code === 'MERGE_CONFLICT');
    expect(c?.line).toBe(8);
    expect(c?.message).toContain('"30"');
    expect(c?.message).toContain('"14"');
    expect(c?.message).toMatch(/wrote yours, "14"/);
  });

  it('diffs the Kopano file against the result and masks secrets unless asked', () => {
    expect(merged.diff.startsWith('--- a/server.cfg\n+++ b/server.cfg\n')).toBe(true);
    const masked = mergeOne(KOPANO_SERVER, 'server.cfg', zarafa, 'server.cfg', { target: '8.0', source: '7.2' });
    expect(masked.output).toContain('mysql_password = s3cret');
    expect(masked.diff).not.toContain('s3cret');
    expect(masked.changes.find((c) => c.key === 'mysql_password')?.after).toBe('********');
  });

  it('is idempotent: merging into its own output changes nothing', () => {
    const again = mergeOne(merged.output, 'server.cfg', zarafa, 'server.cfg', { target: '8.0', source: '7.2', showSecrets: true });
    expect(again.output).toBe(merged.output);
    expect(again.changes).toEqual([]);
    expect(again.diff).toBe('');
    expect(codes(again)).not.toContain('MERGE_CONFLICT');
  });

  it('keeps a deliberate choice of the compiled default against a differing sample (attachment_storage)', () => {
    const t = mergeOne('attachment_storage = files\n', 'server.cfg', 'attachment_storage = database\n', 'server.cfg', { target: '8.0', source: '7.2' });
    expect(lines(t.output)[0]).toBe('attachment_storage = database');
    expect(t.diagnostics.find((d) => d.code === 'MERGE_CONFLICT')?.message).toMatch(/"files".*wrote yours, "database"/);
  });

  it('reports a customised option Kopano no longer knows and does not write it', () => {
    const t = mergeOne('#log_level = 3\n', 'search.cfg', 'ssl_verify_client = yes\n', 'search.cfg', { target: '8.0', source: '7.1' });
    const d = t.diagnostics.find((x) => x.code === 'MERGE_REMOVED_OPTION');
    expect(d?.message).toContain('ssl_verify_client = yes');
    expect(t.output).not.toContain('ssl_verify_client');
  });

  it('places settings after an !include outside the Kopano directory and notes it instead of failing', () => {
    const kopano = '# ldap\n!include /usr/share/kopano/ldap.openldap.cfg\n\nldap_uri =\n#ldap_network_timeout = 30\n';
    const t = mergeOne(kopano, 'ldap.cfg', 'ldap_uri = ldap://ldap.example.org\nldap_user_unique_attribute = entryUUID\n', 'ldap.cfg', {
      target: '8.7',
      source: '7.2',
      resolveKopanoInclude: (d) => (d.arg.startsWith('/usr/share/') ? { kind: 'outside', path: d.arg } : undefined),
    });
    const out = lines(t.output);
    expect(out[3]).toBe('ldap_uri = ldap://ldap.example.org');
    expect(out.indexOf('ldap_user_unique_attribute = entryUUID')).toBeGreaterThan(1);
    expect(t.diagnostics.find((d) => d.code === 'MERGE_KOPANO_INCLUDE_OUTSIDE')?.severity).toBe('info');
    expect(t.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('never places a setting before an !include that could override it', () => {
    const kopano = '#ldap_search_base =\n!include /usr/share/kopano/ldap.openldap.cfg\n';
    const t = mergeOne(kopano, 'ldap.cfg', 'ldap_search_base = dc=example,dc=org\n', 'ldap.cfg', {
      target: '8.7',
      source: '7.2',
      resolveKopanoInclude: (d) => ({ kind: 'outside', path: d.arg }),
    });
    expect(t.output.startsWith(`${kopano}ldap_search_base = dc=example,dc=org\n`)).toBe(true);
  });

  it('writes nothing that stops the Kopano daemon', () => {
    const out = parseConfig(merged.output, { file: 'server.cfg' });
    expect(validateConfig(out, 'server.cfg', '8.0').filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps a file no daemon table describes as it is', () => {
    const t = mergeOne('a = 1\n', 'local.cfg', 'a = 2\n', 'local.cfg');
    expect(t.output).toBe('a = 1\n');
    expect(codes(t)).toEqual(['MERGE_NOT_MERGED']);
  });
});

describe('isZcpBaseValue', () => {
  const server72 = getOptionTable('server.cfg', '7.2');
  it('counts the sample value and the compiled default as not customised', () => {
    expect(isZcpBaseValue(server72, 'mysql_database', 'zarafa')).toBe(true);
    expect(isZcpBaseValue(server72, 'log_level', '2')).toBe(true);
    expect(isZcpBaseValue(server72, 'attachment_storage', 'files')).toBe(true);
  });
  it('counts other values, unknown keys and a default the sample overrode as customised', () => {
    expect(isZcpBaseValue(server72, 'mysql_database', 'mail')).toBe(false);
    expect(isZcpBaseValue(server72, 'no_such_option', 'x')).toBe(false);
    expect(isZcpBaseValue(server72, 'attachment_storage', 'database')).toBe(false);
  });
});
