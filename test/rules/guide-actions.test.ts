import { describe, expect, it } from 'vitest';
import { guideActionsRule } from '../../src/3-plan/rules/guide-actions.js';
import { lines, runRules } from './rule-harness.js';

const rules = [guideActionsRule];

describe('guide-actions', () => {
  it('server.cfg raises the guide steps (the runbook orders them: test/runbook)', () => {
    const { actions, changes } = runRules(lines('mysql_database = zcp', 'server_pipe_name = /var/run/kopano/server.sock'), 'server.cfg', rules, { source: '7.1' });
    expect(changes).toEqual([]);
    expect(actions.map((a) => a.id)).toEqual([
      'backup:etc-zarafa',
      'backup:mysql',
      'packages:purge-zcp',
      'database:upgrade-path',
      'clients:webapp',
      'clients:z-push',
      'backups:kopano-backup',
      'verify:start',
    ]);
    expect(actions.find((a) => a.id === 'backup:mysql')!.command).toBe('mysqldump --single-transaction --routines zcp > /root/zcp.sql');
    expect(actions.find((a) => a.id === 'clients:webapp')!.reason).toMatch('file:///var/run/kopano/server.sock');
  });

  it('no database upgrade warning from 7.2; the multi-server action when distributed', () => {
    const ids = runRules(lines('enable_distributed_zarafa = yes'), 'server.cfg', rules, { source: '7.2' }).actions.map((a) => a.id);
    expect(ids).not.toContain('database:upgrade-path');
    expect(ids).toContain('ldap:server-file-path');
    expect(runRules(lines('enable_distributed_zarafa = false'), 'server.cfg', rules).actions.map((a) => a.id)).not.toContain('ldap:server-file-path');
  });

  it('other files raise only the shared backup step', () => {
    const dagent = runRules(lines('lmtp_port = 2003'), 'dagent.cfg', rules).actions;
    const server = runRules(lines('mysql_user = zarafa'), 'server.cfg', rules).actions;
    expect(dagent.map((a) => a.id)).toEqual(['backup:etc-zarafa']);
    expect(server.map((a) => a.id)).toContain('backup:etc-zarafa');
    expect(runRules(lines('mysql_user = zarafa'), 'archiver.cfg', rules).actions.map((a) => a.id)).toContain('backup:mysql-archiver');
  });

  it('an included file raises nothing', () => {
    expect(runRules(lines('mysql_user = zarafa'), 'db.cfg', rules, { included: true, daemon: 'server.cfg' }).actions).toEqual([]);
  });
});
