import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'z2k-plugin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dir(name: string, files: Record<string, string>): string {
  const d = join(tmp, name);
  mkdirSync(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

describe('the user plugin file server.cfg names', () => {
  it('is reported when the directory does not hold it (every logon would fail)', async () => {
    const r = await translateConfigDir(dir('no-ldap', { 'server.cfg': 'user_plugin = ldap\nuser_plugin_config = /etc/zarafa/ldap.cfg\n' }));
    const d = r.diagnostics.find((x) => x.code === 'USER_PLUGIN_CONFIG_MISSING');
    expect(d).toMatchObject({ severity: 'warning', file: 'server.cfg', line: 2 });
    expect(d!.message).toContain('ldap.cfg');
    // The ZCP default path counts too, when the line is not there at all.
    const byDefault = await translateConfigDir(dir('default-path', { 'server.cfg': 'user_plugin = ldap\n' }));
    expect(byDefault.diagnostics.some((x) => x.code === 'USER_PLUGIN_CONFIG_MISSING')).toBe(true);
  });

  it('is quiet when the file is there, or the plugin reads no file', async () => {
    const there = await translateConfigDir(dir('with-ldap', {
      'server.cfg': 'user_plugin = ldap\nuser_plugin_config = /etc/zarafa/ldap.cfg\n',
      'ldap.cfg': 'ldap_host = localhost\n',
    }));
    expect(there.diagnostics.some((x) => x.code === 'USER_PLUGIN_CONFIG_MISSING')).toBe(false);
    const db = await translateConfigDir(dir('db', { 'server.cfg': 'user_plugin = db\n' }));
    expect(db.diagnostics.some((x) => x.code === 'USER_PLUGIN_CONFIG_MISSING')).toBe(false);
  });
});
