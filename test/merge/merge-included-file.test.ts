import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/4-emit/changed-files.js';
import { runTranslation } from '../../src/pipeline/run-translation.js';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import type { DirTranslation } from '../../src/types.js';

// A Kopano file that only an `!include` reaches (ldap.openldap.cfg) is still a file both directories hold.
const tmp = mkdtempSync(join(tmpdir(), 'z2k-merge-included-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const KOPANO_LDAP_OPENLDAP = [
  '# LDAP settings for OpenLDAP (Kopano sample)',
  '',
  '# The directory server',
  'ldap_host = localhost',
  'ldap_port = 389',
  '',
  '# Where users live',
  'ldap_search_base = dc=example,dc=com',
  'ldap_user_unique_attribute = uid',
  '',
  '# A line only the Kopano file has',
  '#ldap_page_size = 1000',
  '',
].join('\n');

const ZARAFA_LDAP_OPENLDAP = [
  '# our LDAP settings',
  'ldap_host = ldap.corp.test',
  'ldap_port = 389',
  'ldap_search_base = dc=corp,dc=test',
  'ldap_user_unique_attribute = uid',
  '',
].join('\n');

function tree(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const kopano = tree(join(tmp, 'ik'), {
  'ldap.cfg': '!include /etc/kopano/ldap.openldap.cfg\n',
  'ldap.openldap.cfg': KOPANO_LDAP_OPENLDAP,
});
const zarafa = tree(join(tmp, 'iz'), {
  'ldap.cfg': '!include /etc/zarafa/ldap.openldap.cfg\n',
  'ldap.openldap.cfg': ZARAFA_LDAP_OPENLDAP,
  'server.cfg': 'user_plugin = ldap\nuser_plugin_config = /etc/zarafa/ldap.cfg\n',
});

const merge = (kopanoDir: string, outDir?: string): Promise<DirTranslation> =>
  translateConfigDir(zarafa, { target: '8.0', kopanoDir, showSecrets: true, ...(outDir ? { outDir } : {}) });

/** What `--check --kopano-dir <dir>` reports as changing. */
async function wouldChange(kopanoDir: string): Promise<string[]> {
  const run = await runTranslation({ zarafaDir: zarafa, kopanoDir, options: { target: '8.0', showSecrets: true }, write: false });
  return changedFiles(run.translation, run.tree);
}

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

describe('merging a Kopano file reached only through !include', () => {
  it('merges it into the Kopano file (diff from a/ldap.openldap.cfg), keeping its own lines', async () => {
    const r = await merge(kopano);
    const f = r.files.find((x) => x.target === 'ldap.openldap.cfg')!;
    expect(f.input).toBe(KOPANO_LDAP_OPENLDAP);
    expect(f.diff.startsWith('--- a/ldap.openldap.cfg\n+++ b/ldap.openldap.cfg\n')).toBe(true);
    expect(r.patch).not.toMatch(/--- \/dev\/null\n\+\+\+ b\/ldap\.openldap\.cfg/);
    expect(f.output).toContain('# A line only the Kopano file has\n#ldap_page_size = 1000\n');
    expect(f.output).toContain('# LDAP settings for OpenLDAP (Kopano sample)\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('carries the user\'s settings so the daemon reads them (through ldap.cfg)', async () => {
    const r = await merge(kopano);
    const effective = ['ldap.openldap.cfg', 'ldap.cfg'].map((n) => r.files.find((x) => x.target === n)!.output).join('\n');
    const last = (key: string) => [...effective.matchAll(new RegExp(`^${key} = (.*)$`, 'gm'))].at(-1)?.[1];
    expect(last('ldap_host')).toBe('ldap.corp.test');
    expect(last('ldap_search_base')).toBe('dc=corp,dc=test');
  });

  it('gives a patch that applies with patch -p1 in a copy of the Kopano directory and equals --out', async () => {
    const r = await merge(kopano);
    const copy = join(tmp, 'patched');
    cpSync(kopano, copy, { recursive: true });
    execFileSync('patch', ['-p1', '-s', '--no-backup-if-mismatch'], { cwd: copy, input: r.patch });
    const out = join(tmp, 'out');
    await merge(kopano, out);
    expect(readTree(copy)).toEqual(readTree(out));
    expect(readTree(out)['ldap.openldap.cfg']).not.toBe(ZARAFA_LDAP_OPENLDAP);
  });

  it('changes nothing when merged again into its result', async () => {
    const out = join(tmp, 'again');
    await merge(kopano, out);
    const again = await merge(out);
    expect(again.patch).toBe('');
    expect(await wouldChange(out)).toEqual([]);
    expect(await wouldChange(kopano)).toContain('ldap.openldap.cfg');
  });
});
