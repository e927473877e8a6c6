import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { renderRunbookMarkdown } from '../../src/report/render-runbook-md.js';
import { renderRunbookShell } from '../../src/report/render-runbook-sh.js';
import { makeTree } from '../dir/helpers.js';

// A host without LDAP: no `directory` phase, so a gap in the phase numbers would show after `data`.
const HOST = {
  'backup.cfg': 'server_socket = file:///var/run/zarafa\nlog_file = /var/log/zarafa/backup.log\n',
  'dagent.cfg': 'server_socket = file:///var/run/zarafa\nlog_file = /var/log/zarafa/dagent.log\n',
  'server.cfg': 'server_pipe_name = /var/run/zarafa\nlog_file = /var/log/zarafa/server.log\nmysql_database = zarafa\n',
};

describe('the runbook documents', () => {
  it('number the phases they show without a gap, in Markdown and in the script', async () => {
    const dir = await translateConfigDir(makeTree(HOST), { target: '8.0' });
    expect(dir.actions.some((a) => a.phase === 'directory')).toBe(false);
    const md = renderRunbookMarkdown(dir, { zarafaDir: '/etc/zarafa' });
    const sh = renderRunbookShell(dir, { zarafaDir: '/etc/zarafa' });
    const numbers = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => Number(m[1]));
    const mdPhases = numbers(/^## (\d+)\. /gm, md);
    const shPhases = numbers(/^# ---- (\d+)\. /gm, sh);
    expect(mdPhases.length).toBeGreaterThan(5);
    expect(mdPhases).toEqual(mdPhases.map((_, i) => i + 1));
    expect(shPhases).toEqual(mdPhases);
  });

  it('say where the configuration is, not "above"', async () => {
    const md = renderRunbookMarkdown(await translateConfigDir(makeTree(HOST), { target: '8.0' }), { zarafaDir: '/etc/zarafa' });
    expect(md).not.toContain('configuration above');
    expect(md).toContain('"Translated files"');
    expect(md).toContain('## Translated files');
  });

  it('give a step for the whole host no file (several files call for it), and keep the file of one file\'s step', async () => {
    const dir = await translateConfigDir(makeTree(HOST), { target: '8.0' });
    for (const id of ['owner:create-user', 'owner:run-dir', 'owner:log-dir', 'backups:kopano-backup']) {
      const a = dir.actions.find((x) => x.id === id);
      expect(a, id).toBeDefined();
      expect(a!.from, id).toBeUndefined();
    }
    const md = renderRunbookMarkdown(dir, { zarafaDir: '/etc/zarafa' });
    expect(md).not.toContain('From: backup.cfg\n');
    // Raised by server.cfg alone: its file stays.
    expect(dir.actions.find((x) => x.id === 'clients:webapp')?.from).toEqual({ file: 'server.cfg' });
  });
});
