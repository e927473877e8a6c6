import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { daemonFileOf, dialectOf, validateConfig } from '../../src/options/index.js';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { TranslateError } from '../../src/diagnostics/translate-error.js';
import type { DirTranslation, FileTranslation, Target } from '../../src/types.js';

const fixtures = fileURLToPath(new URL('../../fixtures/merge/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'z2k-merge-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CASES: { zarafa: string; kopano: string; target: Target; family: string }[] = [
  { zarafa: 'zarafa-7.1', kopano: 'kopano-8.0', target: '8.0', family: '7.1' },
  { zarafa: 'zarafa-7.1', kopano: 'kopano-8.7', target: '8.7', family: '7.1' },
  { zarafa: 'zarafa-7.2', kopano: 'kopano-8.0', target: '8.0', family: '7.2' },
  { zarafa: 'zarafa-7.2', kopano: 'kopano-8.7', target: '8.7', family: '7.2' },
];

const merge = (zarafa: string, kopanoDir: string, target: Target, extra: { outDir?: string; force?: boolean } = {}): Promise<DirTranslation> =>
  translateConfigDir(join(fixtures, zarafa), { target, kopanoDir, showSecrets: true, ...extra });
const file = (r: DirTranslation, target: string): FileTranslation => r.files.find((f) => f.target === target)!;
const kopanoFiles = (dir: string): string[] => readdirSync(join(fixtures, dir)).sort();
const settingLines = (text: string): string[] => text.split('\n').filter((l) => /^[a-z_]+ ?=/.test(l));

function keepsUntouchedLines(f: FileTranslation): boolean {
  const edited = new Set(f.changes.map((c) => c.line).filter((n) => n !== undefined));
  const kept = f.input.split('\n').filter((_, i) => !edited.has(i + 1));
  let i = 0;
  for (const line of f.output.split('\n')) if (i < kept.length && line === kept[i]) i++;
  return i === kept.length;
}

describe.each(CASES)('$zarafa merged into $kopano', ({ zarafa, kopano, target, family }) => {
  const kopanoDir = join(fixtures, kopano);
  const run = merge(zarafa, kopanoDir, target);

  it('detects the source family and reports no error', async () => {
    const r = await run;
    expect(r.source.version).toBe(family);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('bases every file both directories hold on the Kopano file, keeping untouched lines byte for byte', async () => {
    const r = await run;
    for (const name of kopanoFiles(kopano)) {
      const f = file(r, name);
      expect(f.input).toBe(readFileSync(join(kopanoDir, name), 'utf8'));
      expect(keepsUntouchedLines(f)).toBe(true);
      if (f.diff !== '') expect(f.diff.startsWith(`--- a/${name}\n+++ b/${name}\n`)).toBe(true);
    }
  });

  it('writes nothing into a merged file that stops its daemon', async () => {
    const r = await run;
    for (const name of kopanoFiles(kopano)) {
      const f = file(r, name);
      const daemon = daemonFileOf(name)!;
      const errors = (text: string) => validateConfig(parseConfig(text, { dialect: dialectOf(daemon, target) }), name, target)
        .filter((d) => d.severity === 'error' && d.code !== 'MISSING_INCLUDE');
      expect(errors(f.output)).toEqual([]);
    }
  });

  it('carries the customised and pinned server settings', async () => {
    const server = settingLines(file(await run, 'server.cfg').output);
    expect(server).toContain('mysql_database = zarafa');
    if (family === '7.1') {
      expect(server).toContain('attachment_path = /srv/zarafa/attachments');
      expect(server).toContain('log_file = /var/log/kopano/mailserver.log');
      expect(server).toContain('mysql_user = zarafa');
      expect(server).toContain('softdelete_lifetime = 14');
    } else {
      // set in server-db.cfg, which server.cfg includes
      expect(server).toContain('mysql_user = zcp');
      expect(server).toContain('mysql_password = pa55word');
      expect(server).toContain('attachment_storage = database');
      expect(server).toContain('cache_cell_size = 512M');
    }
    expect(server.join('\n')).not.toMatch(/zarafa_|enable_hosted/);
  });

  it('reports the conflicts with both values', async () => {
    const conflicts = (await run).diagnostics.filter((d) => d.code === 'MERGE_CONFLICT').map((d) => `${d.file} ${d.message}`);
    // 8.0's sample sets softdelete_lifetime = 30 actively (default 0); the 8.7 sample only shows it commented.
    if (family === '7.1') expect(conflicts.some((m) => m.startsWith('server.cfg') && m.includes('"30"') && m.includes('"14"'))).toBe(target === '8.0');
    if (family === '7.2' && target === '8.0') expect(conflicts.some((m) => m.includes('attachment_storage') && m.includes('"files"') && m.includes('"database"'))).toBe(true);
    if (family === '7.2') expect(conflicts.some((m) => m.includes('ldap_user_unique_attribute') || m.includes('ldap_search_base'))).toBe(target === '8.0');
  });

  it('translates files only the Zarafa directory has as new files, and keeps Kopano-only files', async () => {
    const r = await run;
    const spooler = file(r, 'spooler.cfg');
    if (family === '7.1') {
      expect(spooler.diff.startsWith('--- /dev/null\n+++ b/spooler.cfg\n')).toBe(true);
      expect(spooler.output).toContain('/var/log/kopano/spooler.log');
    }
    const presence = file(r, 'presence.cfg');
    expect(presence.output).toBe(presence.input);
    expect(r.diagnostics.some((d) => d.code === 'MERGE_KOPANO_ONLY' && d.file === 'presence.cfg')).toBe(true);
  });

  it('gives a patch that turns a copy of the Kopano directory into the result', async () => {
    const r = await run;
    const copy = join(tmp, `patched-${zarafa}-${kopano}`);
    cpSync(kopanoDir, copy, { recursive: true });
    execFileSync('patch', ['-p1', '-s', '--no-backup-if-mismatch'], { cwd: copy, input: r.patch });
    for (const f of r.files) expect(readFileSync(join(copy, f.target), 'utf8')).toBe(f.output);
  });

  it('is idempotent: merging again into the written result changes nothing', async () => {
    const out = join(tmp, `out-${zarafa}-${kopano}`);
    const first = await merge(zarafa, kopanoDir, target, { outDir: out });
    for (const f of first.files) expect(readFileSync(join(out, f.target), 'utf8')).toBe(f.output);
    const again = await merge(zarafa, out, target);
    expect(again.files.filter((f) => f.input !== f.output).map((f) => f.target)).toEqual([]);
    expect(again.patch).toBe('');
  });
});

describe('8.7 ldap.cfg that includes the packaged flavour file', () => {
  it('puts the carried settings after the !include it cannot read, with an info note', async () => {
    const r = await merge('zarafa-7.2', join(fixtures, 'kopano-8.7'), '8.7');
    const ldap = file(r, 'ldap.cfg').output.split('\n');
    const include = ldap.indexOf('!include /usr/share/kopano/ldap.openldap.cfg');
    expect(include).toBeGreaterThan(0);
    for (const key of ['ldap_bind_user', 'ldap_search_base', 'ldap_user_unique_attribute', 'ldap_loginname_attribute', 'ldap_isadmin_attribute']) {
      const at = ldap.findIndex((l) => l.startsWith(`${key} = `));
      expect(at, key).toBeGreaterThan(include);
    }
    expect(ldap).toContain('ldap_user_unique_attribute = objectGUID');
    expect(ldap).toContain('ldap_isadmin_attribute = zarafaAdmin');
    const note = r.diagnostics.find((d) => d.code === 'MERGE_KOPANO_INCLUDE_OUTSIDE');
    expect(note).toMatchObject({ severity: 'info', file: 'ldap.cfg', line: 7 });
  });
});

describe('mergeConfigDir input checks', () => {
  it('names a missing Kopano directory', async () => {
    const err = await merge('zarafa-7.2', join(tmp, 'nope'), '8.0').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranslateError);
    expect((err as TranslateError).code).toBe('KOPANO_DIR_NOT_FOUND');
  });

  it('writes only changed files when the output is the Kopano directory itself', async () => {
    const copy = join(tmp, 'in-place');
    cpSync(join(fixtures, 'kopano-8.0'), copy, { recursive: true });
    const before = readFileSync(join(copy, 'presence.cfg'));
    const r = await merge('zarafa-7.2', copy, '8.0', { outDir: copy, force: true });
    expect(readFileSync(join(copy, 'server.cfg'), 'utf8')).toBe(file(r, 'server.cfg').output);
    expect(readFileSync(join(copy, 'presence.cfg')).equals(before)).toBe(true);
  });
});
