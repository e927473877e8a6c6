import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { makeTree } from '../dir/helpers.js';

const fixtures = fileURLToPath(new URL('../../fixtures/merge/', import.meta.url));
const zarafa = join(fixtures, 'zarafa-7.2');
const codes = (ds: readonly { code: string; severity: string }[]) => ds.filter((d) => d.code.startsWith('TARGET_')).map((d) => `${d.severity} ${d.code}`);

describe('--kopano-dir without a target: the installed files choose it', () => {
  it.each([['kopano-8.0', '8.0'], ['kopano-8.7', '8.7']] as const)('%s gives target %s, with a note naming the evidence', async (kopano, target) => {
    const r = await translateConfigDir(zarafa, { kopanoDir: join(fixtures, kopano) });
    expect(r.target).toBe(target);
    expect(codes(r.diagnostics)).toEqual(['info TARGET_FROM_KOPANO']);
    expect(r.diagnostics.find((d) => d.code === 'TARGET_FROM_KOPANO')!.message).toMatch(/^target \d\.\d \(Kopano Core [^)]+\) read from the installed Kopano files: \S+\.cfg:\d+ /);
  });

  it('8.7\'s !include of /usr/share/kopano is evidence on its own', async () => {
    const kopano = makeTree({ 'ldap.cfg': '!include /usr/share/kopano/ldap.openldap.cfg\n' });
    const r = await translateConfigDir(zarafa, { kopanoDir: kopano });
    expect(r.target).toBe('8.7');
  });

  // Options of Groupware Core 11.0 (kopanocore-11.0.2: server_tls_min_proto in ECServer.cpp, tls_min_proto in
  // gateway/Gateway.cpp and caldav/CalDAV.cpp) that neither 8.0 nor 8.7 knows.
  const KOPANO_11 = {
    'server.cfg': 'server_listen = 127.0.0.1:236\nserver_tls_min_proto = tls1.2\nlog_file = /var/log/kopano/server.log\n',
    'gateway.cfg': 'imap_listen = 127.0.0.1:143\n#tls_min_proto = tls1.2\n',
  };

  it('a directory written for 11.0 gives target 11.0', async () => {
    const r = await translateConfigDir(zarafa, { kopanoDir: makeTree(KOPANO_11) });
    expect(r.target).toBe('11.0');
    expect(codes(r.diagnostics)).toEqual(['info TARGET_FROM_KOPANO']);
    expect(r.diagnostics.find((d) => d.code === 'TARGET_FROM_KOPANO')!.message).toContain('tls_min_proto');
  });

  it('11.0 options count even in a file with no Kopano path', async () => {
    const r = await translateConfigDir(zarafa, { kopanoDir: makeTree({ 'server.cfg': 'server_tls_min_proto = tls1.3\n' }) });
    expect(r.target).toBe('11.0');
  });

  it('files that say nothing leave the default', async () => {
    const kopano = makeTree({ 'server.cfg': 'log_level = 3\n' });
    const r = await translateConfigDir(zarafa, { kopanoDir: kopano });
    expect(r.target).toBe('8.7');
    expect(codes(r.diagnostics)).toEqual([]);
  });
});

describe('--kopano-dir with a target', () => {
  it('the same target as the files: no note', async () => {
    const r = await translateConfigDir(zarafa, { target: '8.0', kopanoDir: join(fixtures, 'kopano-8.0') });
    expect(codes(r.diagnostics)).toEqual([]);
  });

  it('an 11.0 directory with target 8.7 is an error naming 11.0', async () => {
    const r = await translateConfigDir(zarafa, { target: '8.7', kopanoDir: makeTree({ 'server.cfg': 'server_tls_min_proto = tls1.2\n' }) });
    expect(codes(r.diagnostics)).toEqual(['error TARGET_CONTRADICTS_KOPANO']);
    expect(r.diagnostics.find((x) => x.code === 'TARGET_CONTRADICTS_KOPANO')!.message).toContain('give --target 11.0');
  });

  it.each([['kopano-8.0', '8.7', '8.0'], ['kopano-8.7', '8.0', '8.7']] as const)('%s with target %s is an error naming the evidence; nothing is written', async (kopano, given, shown) => {
    const out = join(makeTree({}), 'out');
    const r = await translateConfigDir(zarafa, { target: given, kopanoDir: join(fixtures, kopano), outDir: out });
    expect(codes(r.diagnostics)).toEqual(['error TARGET_CONTRADICTS_KOPANO']);
    const d = r.diagnostics.find((x) => x.code === 'TARGET_CONTRADICTS_KOPANO')!;
    expect(d.file).toMatch(/\.cfg$/);
    expect(d.line).toBeGreaterThan(0);
    expect(d.message).toContain(`--target ${given} contradicts`);
    expect(d.message).toContain(`give --target ${shown}`);
    expect(r.written).toBeUndefined();
    expect(existsSync(out)).toBe(false);
  });
});
