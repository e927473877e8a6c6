import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';
import { makeTree } from './helpers.js';
import { classifyKopanoFile } from '../../src/2-detect/detect-kopano.js';
import { parseConfig } from '../../src/cfg/parse.js';

const tmp = mkdtempSync(join(tmpdir(), 'z2k-kopano-src-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dirOf = (name: string, files: Record<string, string>): string => makeTree(files, join(tmp, name));

// A Kopano 8.0-era server.cfg: Kopano paths, no 8.7-only option.
const SERVER_80 = [
  'server_pipe_name = /var/run/kopano/server.sock',
  'log_file = /var/log/kopano/server.log',
  'enable_hosted_kopano = false',
  '',
].join('\n');
// A Kopano 8.7-era server.cfg: server_listen only 8.7 knows.
const SERVER_87 = [
  'server_listen = *:236',
  'server_pipe_name = /var/run/kopano/server.sock',
  'log_file = /var/log/kopano/server.log',
  '',
].join('\n');
// A search.cfg as Kopano ships it (the corpus case that got ZCP search settings).
const SEARCH_80 = [
  'index_path = /var/lib/kopano/search/',
  'server_socket = default:',
  'log_file = /var/log/kopano/search.log',
  '',
].join('\n');
const ZCP_SERVER = 'server_pipe_name = /var/run/zarafa\nlog_file = /var/log/zarafa/server.log\n';

const doc = (file: string, text: string) => parseConfig(text, { file, dialect: 'cpp' });

describe('Kopano-era files (detection)', () => {
  it('classifies a file by Kopano paths and Kopano-only options, 8.7 by its 8.7-only options', () => {
    expect(classifyKopanoFile('server.cfg', doc('server.cfg', SERVER_80)).family).toBe('kopano-8.0');
    expect(classifyKopanoFile('server.cfg', doc('server.cfg', SERVER_87)).family).toBe('kopano-8.7');
    const zcp = classifyKopanoFile('server.cfg', doc('server.cfg', ZCP_SERVER));
    expect(zcp.family).toBeUndefined();
    expect(zcp.zcp).toBe(true);
  });

  it('a file with Kopano paths and Zarafa run/log paths is read as ZCP; kept data under /var/lib/zarafa is not ZCP evidence', () => {
    expect(classifyKopanoFile('server.cfg', doc('server.cfg', `${SERVER_80}pid_file = /var/run/zarafa-server.pid\n`)).family).toBeUndefined();
    expect(classifyKopanoFile('server.cfg', doc('server.cfg', `${SERVER_80}attachment_path = /var/lib/zarafa/attachments\n`)).family).toBe('kopano-8.0');
  });
});

describe('Kopano-era directories (translation)', () => {
  it('same family as the target: nothing changes', async () => {
    const dir = dirOf('k80', { 'server.cfg': SERVER_80, 'search.cfg': SEARCH_80 });
    const r = await translateConfigDir(dir, { target: '8.0' });
    expect(r.source.version).toBe('kopano-8.0');
    for (const f of r.files) expect(f.output).toBe(f.input);
    expect(r.patch).toBe('');
    expect(r.actions.some((a) => a.id.startsWith('remove:zcp') || a.id.startsWith('stop:zcp'))).toBe(false);
  });

  it('Kopano 8.7 files with target 8.7: nothing changes, server_listen kept', async () => {
    const dir = dirOf('k87', { 'server.cfg': SERVER_87, 'search.cfg': SEARCH_80 });
    const r = await translateConfigDir(dir, { target: '8.7' });
    expect(r.source.version).toBe('kopano-8.7');
    for (const f of r.files) expect(f.output).toBe(f.input);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('Kopano 8.7 files with target 8.0: left unchanged, with a warning naming --target 8.7', async () => {
    const dir = dirOf('k87to80', { 'server.cfg': SERVER_87 });
    const r = await translateConfigDir(dir, { target: '8.0' });
    expect(r.files[0]!.output).toBe(SERVER_87);
    const w = r.diagnostics.find((d) => d.code === 'KOPANO_SOURCE_NEWER');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toContain('--target 8.7');
  });

  it('Kopano 8.0 files with target 8.7: only the 8.7 rules apply (no ZCP paths or pins)', async () => {
    const dir = dirOf('k80to87', { 'server.cfg': SERVER_80, 'search.cfg': SEARCH_80 });
    const r = await translateConfigDir(dir, { target: '8.7' });
    const search = r.files.find((f) => f.source === 'search.cfg')!;
    expect(search.output).not.toContain('zarafa');
    expect(search.output).toContain('index_path = /var/lib/kopano/search/');
    for (const f of r.files) expect(f.output).not.toMatch(/\/zarafa/);
    const ruleIds = new Set(r.files.flatMap((f) => f.changes.map((c) => c.rule)));
    for (const id of ruleIds) expect(['listen-options', 'unknown-options']).toContain(id);
  });

  it('a mixed directory is handled per file, with a note', async () => {
    const dir = dirOf('mixed', { 'server.cfg': ZCP_SERVER, 'search.cfg': SEARCH_80 });
    const r = await translateConfigDir(dir, { target: '8.0' });
    expect(r.source.version).toBe('7.2');
    expect(r.files.find((f) => f.source === 'search.cfg')!.output).toBe(SEARCH_80);
    expect(r.files.find((f) => f.source === 'server.cfg')!.output).toContain('/var/run/kopano');
    const note = r.diagnostics.find((d) => d.code === 'KOPANO_FILES_MIXED');
    expect(note?.severity).toBe('info');
    expect(note?.message).toContain('search.cfg');
  });

  it('--source kopano-8.0 is accepted and applies to every file', async () => {
    const dir = dirOf('given', { 'server.cfg': 'log_level = 3\n' });
    const r = await translateConfigDir(dir, { source: 'kopano-8.0', target: '8.0' });
    expect(r.source.version).toBe('kopano-8.0');
    expect(r.files[0]!.output).toBe('log_level = 3\n');
  });

  it('running on its own output changes nothing (idempotent)', async () => {
    const dir = dirOf('zcp', { 'server.cfg': ZCP_SERVER, 'search.cfg': 'index_path = /var/lib/zarafa/search/\n' });
    const out = join(tmp, 'zcp-out');
    await translateConfigDir(dir, { outDir: out, target: '8.0' });
    const again = await translateConfigDir(out, { target: '8.0' });
    for (const f of again.files) expect(f.output).toBe(f.input);
  });

  it('running on its own --kopano-dir merge result changes nothing', async () => {
    for (const target of ['8.0', '8.7'] as const) {
      const out = join(tmp, `merged-${target}`);
      await translateConfigDir(join('fixtures', 'merge', 'zarafa-7.2'), { outDir: out, target, kopanoDir: join('fixtures', 'merge', `kopano-${target}`) });
      const again = await translateConfigDir(out, { target });
      for (const f of again.files) expect(f.output).toBe(f.input);
    }
  });
});

describe('the runbook of a directory with Kopano-era files', () => {
  const actions = async (dir: string) => (await translateConfigDir(dir, { target: '8.7' })).actions;

  it('installs the translated files as they are, never translating again on the host', async () => {
    for (const dir of [dirOf('rb-kopano', { 'server.cfg': SERVER_80, 'search.cfg': SEARCH_80 }), dirOf('rb-mixed', { 'server.cfg': ZCP_SERVER, 'search.cfg': SEARCH_80 })]) {
      const steps = await actions(dir);
      const install = steps.find((a) => a.id === 'configure:install')!.command!.split('\n').sort();
      expect(install).toEqual(['install_file /etc/kopano/search.cfg', 'install_file /etc/kopano/server.cfg']);
      expect(JSON.stringify(steps)).not.toMatch(/zarafa2kopano --/);
    }
  });

  it('has ZCP steps (hold the mail, remove the packages) only when the files are ZCP\'s', async () => {
    const ids = async (dir: string) => (await actions(dir)).map((a) => a.id);
    expect(await ids(dirOf('rb-kopano-only', { 'server.cfg': SERVER_80, 'search.cfg': SEARCH_80 }))).not.toContain('remove:zcp-packages');
    const zcp = await ids(dirOf('rb-zcp', { 'server.cfg': ZCP_SERVER }));
    expect(zcp).toContain('stop:intake');
    expect(zcp).toContain('remove:zcp-packages');
  });
});

describe('Kopano-era files that include the packages\' own /usr/share/kopano files', () => {
  const LDAP_87 = '!include /usr/share/kopano/ldap.openldap.cfg\nldap_uri = ldap://ldap.example.org\n';

  it('stock 8.7 fixture: accepted and not followed, one info line per directive, nothing changes', async () => {
    const r = await translateConfigDir(join('fixtures', 'merge', 'kopano-8.7'), { target: '8.7' });
    expect(r.source.version).toBe('kopano-8.7');
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const notes = r.diagnostics.filter((d) => d.code === 'INCLUDE_PACKAGED');
    expect(notes.map((d) => `${d.file}:${d.line}`)).toEqual(['ldap.cfg:7']);
    expect(notes[0]!.message).toContain('/usr/share/kopano/ldap.openldap.cfg');
    expect(r.patch).toBe('');
    for (const f of r.files) expect(f.output).toBe(f.input);
  });

  it('every 8.7 --kopano-dir result runs again without an error and without a change', async () => {
    for (const zarafa of ['zarafa-7.1', 'zarafa-7.2']) {
      const out = join(tmp, `packaged-${zarafa}`);
      await translateConfigDir(join('fixtures', 'merge', zarafa), { outDir: out, target: '8.7', kopanoDir: join('fixtures', 'merge', 'kopano-8.7') });
      const again = await translateConfigDir(out, { target: '8.7' });
      expect(again.diagnostics.filter((d) => d.severity === 'error'), zarafa).toEqual([]);
      expect(again.patch, zarafa).toBe('');
    }
  });

  it('a !propmap of the packaged property map is accepted the same way', async () => {
    const dir = dirOf('pk-propmap', { 'server.cfg': SERVER_87, 'ldap.cfg': `${LDAP_87}!propmap /usr/share/kopano/ldap.propmap.cfg\n` });
    const r = await translateConfigDir(dir, { target: '8.7' });
    expect(r.diagnostics.filter((d) => d.code === 'INCLUDE_PACKAGED').map((d) => d.line)).toEqual([1, 3]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is still refused for ZCP files, for paths leaving /usr/share/kopano and for its subdirectories', async () => {
    const cases: Record<string, Record<string, string>> = {
      'pk-zcp': { 'server.cfg': ZCP_SERVER, 'ldap.cfg': '!include /usr/share/kopano/ldap.openldap.cfg\n' },
      'pk-dotdot': { 'server.cfg': SERVER_87, 'ldap.cfg': '!include /usr/share/kopano/../../../etc/shadow\n' },
      'pk-sub': { 'server.cfg': SERVER_87, 'ldap.cfg': '!include /usr/share/kopano/sub/ldap.openldap.cfg\n' },
      'pk-other': { 'server.cfg': SERVER_87, 'ldap.cfg': '!include /usr/share/zarafa/ldap.openldap.cfg\n' },
    };
    for (const [name, files] of Object.entries(cases)) {
      const r = await translateConfigDir(dirOf(name, files), { target: '8.7' });
      expect(r.diagnostics.filter((d) => d.code === 'INCLUDE_OUTSIDE_INPUT').map((d) => d.file), name).toEqual(['ldap.cfg']);
      expect(r.diagnostics.some((d) => d.code === 'INCLUDE_PACKAGED'), name).toBe(false);
    }
  });

  it('a problem a Kopano file has as it is (8.7 presence.cfg without server_secret_key) is a warning, not an error', async () => {
    const dir = dirOf('pk-presence', { 'server.cfg': SERVER_87, 'presence.cfg': '#server_secret_key = changeme\nlog_level = 3\n' });
    const r = await translateConfigDir(dir, { target: '8.7' });
    const p = r.diagnostics.filter((d) => d.file === 'presence.cfg' && d.severity !== 'info');
    expect(p.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning KOPANO_FILE_PROBLEM']);
    expect(p[0]!.message).toContain('server_secret_key');
    // The same file in a ZCP directory is translated, and the error stays one.
    const zcp = await translateConfigDir(dirOf('pk-presence-zcp', { 'server.cfg': ZCP_SERVER, 'presence.cfg': '#server_secret_key = changeme\nlog_level = 3\n' }), { target: '8.7' });
    expect(zcp.diagnostics.some((d) => d.file === 'presence.cfg' && d.severity === 'error')).toBe(true);
  });
});
