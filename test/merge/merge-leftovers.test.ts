import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';
import { makeTree } from '../dir/helpers.js';

// A merge takes the settings of a file only `!include` reaches into the Kopano file and does not
// copy the `!include`: the included file is then not written (nothing would read it).
const tmp = mkdtempSync(join(tmpdir(), 'z2k-merge-leftovers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a file only the !include of a merged file reads', () => {
  for (const target of ['8.0', '8.7'] as const) {
    it(`is not written, and its settings are in the merged file (target ${target})`, async () => {
      const out = join(tmp, `fixture-${target}`);
      const r = await translateConfigDir(join('fixtures', 'merge', 'zarafa-7.2'), {
        target, kopanoDir: join('fixtures', 'merge', `kopano-${target}`), outDir: out, showSecrets: true,
      });
      expect(r.files.map((f) => f.target)).not.toContain('server-db.cfg');
      expect(r.patch).not.toContain('server-db.cfg\n');
      expect(existsSync(join(out, 'server-db.cfg'))).toBe(false);
      const note = r.diagnostics.find((d) => d.code === 'MERGE_INCLUDED_MERGED');
      expect(note && `${note.severity} ${note.file}`).toBe('info server-db.cfg');
      expect(note!.message).toContain('server.cfg');
      // The include is not carried, and the values it set are.
      const server = readFileSync(join(out, 'server.cfg'), 'utf8');
      expect(server).not.toMatch(/^!include .*server-db\.cfg/m);
      expect(server).toMatch(/^mysql_user = zcp$/m);
      expect(server).toMatch(/^mysql_password = pa55word$/m);
    });
  }

  it('is still written when a file the merge creates (no Kopano counterpart) includes it, or a chain of them', async () => {
    const zarafa = makeTree({
      'server.cfg': '!include /etc/zarafa/server-db.cfg\nserver_name = a\n',
      'server-db.cfg': '!include /etc/zarafa/server-db-more.cfg\nmysql_user = zcp\n',
      'server-db-more.cfg': 'mysql_host = db.example.org\n',
      'spooler.cfg': '!include /etc/zarafa/spooler-local.cfg\nsmtp_server = localhost\n',
      'spooler-local.cfg': 'smtp_port = 2525\n',
    }, join(tmp, 'z'));
    const kopano = makeTree({ 'server.cfg': '#server_name = kopano\n#mysql_user = root\n#mysql_host = localhost\n' }, join(tmp, 'k'));
    const r = await translateConfigDir(zarafa, { target: '8.0', kopanoDir: kopano, showSecrets: true });
    const written = r.files.map((f) => f.target).sort();
    expect(written).toEqual(['server.cfg', 'spooler-local.cfg', 'spooler.cfg']);
    expect(r.diagnostics.filter((d) => d.code === 'MERGE_INCLUDED_MERGED').map((d) => d.file).sort()).toEqual(['server-db-more.cfg', 'server-db.cfg']);
    const server = r.files.find((f) => f.target === 'server.cfg')!.output;
    expect(server).toMatch(/^mysql_host = db\.example\.org$/m);
    expect(r.files.find((f) => f.target === 'spooler.cfg')!.output).toContain('!include /etc/kopano/spooler-local.cfg');
  });
});
