import { describe, expect, test } from 'vitest';
import { runAsRule } from '../../src/3-plan/rules/run-as.js';
import { expectStable, lines, runRules } from './run-rules.js';

const RULES = [runAsRule];

describe.each(['8.0', '8.7'] as const)('run-as, target %s', (target) => {
  test('server.cfg: empty run_as_* (ZCP sample) become kopano, local_admin_users gains kopano', () => {
    const input = lines('run_as_user =', 'run_as_group =', 'local_admin_users = root');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines('run_as_user = kopano', 'run_as_group = kopano', 'local_admin_users = root kopano'));
    expect(run.changes).toEqual([
      { rule: 'run-as', key: 'run_as_user', line: 1, before: '', after: 'kopano',
        reason: 'empty means no privilege drop, so the Kopano daemon would run as root; it runs as kopano' },
      { rule: 'run-as', key: 'run_as_group', line: 2, before: '', after: 'kopano',
        reason: 'empty means no privilege drop, so the Kopano daemon would run as root; it runs as kopano' },
      { rule: 'run-as', key: 'local_admin_users', line: 3, before: 'root', after: 'root kopano',
        reason: 'kopano runs the daemons and their tools, which connect as a local admin' },
    ]);
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('actions: create the user, own the run and log directories (attachments and index: their own rules)', () => {
    const input = lines('attachment_storage = files', 'attachment_path = /srv/zarafa/attachments');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.actions.map((a) => [a.id, a.paths])).toEqual([
      ['owner:create-user', undefined],
      ['owner:run-dir', ['/var/run/kopano']],
      ['owner:log-dir', ['/var/log/kopano']],
    ]);
    expect(run.actions[1]?.command).toBe('install -d -o kopano -g kopano -m 0775 /var/run/kopano');
    // Omitted run_as_* already default to kopano in Kopano; local_admin_users is written with the ZCP default plus kopano.
    expect(run.output).toBe(input + lines('local_admin_users = root kopano'));
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('another run-as user is written where the file omitted it, and added to local_admin_users', () => {
    const opts = { target, runAs: { user: 'mail', group: 'mailgrp' } };
    const run = runRules(RULES, lines('pid_file = /var/run/kopano/server.pid', 'local_admin_users = root'), 'server.cfg', opts);
    expect(run.output).toBe(lines(
      'pid_file = /var/run/kopano/server.pid',
      'run_as_user = mail',
      'run_as_group = mailgrp',
      'local_admin_users = root mail',
    ));
    expect(run.actions[0]?.command).toContain('groupadd --system mailgrp');
    expectStable(RULES, run, 'server.cfg', opts);
  });

  test('a user\'s own run_as_user is replaced by the chosen one', () => {
    const run = runRules(RULES, lines('run_as_user = zarafa', 'run_as_group = zarafa'), 'spooler.cfg', { target });
    expect(run.output).toBe(lines('run_as_user = kopano', 'run_as_group = kopano'));
    expect(run.changes[0]?.reason).toBe('the Kopano daemons run as kopano');
    expectStable(RULES, run, 'spooler.cfg', { target });
  });

  test('daemons without run_as_* in Kopano (archiver, user plugins) are left alone', () => {
    for (const file of ['archiver.cfg', 'ldap.cfg', 'unix.cfg']) {
      const run = runRules(RULES, lines('log_level = 3'), file, { target });
      expect(run.changes).toEqual([]);
      expect(run.actions).toEqual([]);
    }
  });

  test('root as run-as user: values set, no ownership actions', () => {
    const run = runRules(RULES, lines('run_as_user = ', 'local_admin_users = root'), 'server.cfg', { target, runAs: { user: 'root', group: 'root' } });
    expect(run.output).toBe(lines('run_as_user = root', 'run_as_group = root', 'local_admin_users = root'));
    expect(run.actions).toEqual([]);
  });
});
