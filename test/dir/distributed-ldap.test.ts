import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';
import { makeTree } from './helpers.js';

// An ldap.cfg taken from a multi-server sample names server entries; whether the server is one of
// several is server.cfg's to say (enable_distributed_zarafa).
const tmp = mkdtempSync(join(tmpdir(), 'z2k-distributed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LDAP = [
  'ldap_host = ldap.example.org',
  'ldap_server_charset = utf-8',
  'ldap_server_search_filter = (objectClass=zarafa-server)',
  '',
].join('\n');

async function multiServerOutcome(server: string) {
  const r = await translateConfigDir(makeTree({ 'server.cfg': server, 'ldap.cfg': LDAP }, mkdtempSync(join(tmp, 'd-'))), { source: '7.2' });
  const ldap = r.files.find((f) => f.source === 'ldap.cfg')!;
  return {
    attributes: ldap.changes.filter((c) => c.key === 'ldap_server_file_path_attribute').length,
    action: r.actions.some((a) => a.id === 'ldap:server-file-path'),
  };
}

describe('multi-server LDAP settings follow server.cfg', () => {
  it('enable_distributed_zarafa = false (or unset): no server attributes, no server-entry action', async () => {
    for (const server of ['enable_distributed_zarafa = false\nserver_name = a\n', 'server_name = a\n']) {
      expect(await multiServerOutcome(server)).toEqual({ attributes: 0, action: false });
    }
  });

  it('enable_distributed_zarafa = yes: the zarafa server attributes are written and the action comes', async () => {
    expect(await multiServerOutcome('enable_distributed_zarafa = yes\nserver_name = a\n')).toEqual({ attributes: 1, action: true });
  });
});
