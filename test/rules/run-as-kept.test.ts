import { describe, expect, it } from 'vitest';
import { translateConfig, translateConfigDir } from '../../src/index.js';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';
import { makeTree } from '../dir/helpers.js';

/** The run_as_* and local_admin_users lines of an output (other rules pin other options). */
const runAsLines = (text: string): string => text.split('\n').filter((l) => /^(run_as_|local_admin_users)/.test(l)).map((l) => `${l}\n`).join('');

describe('run-as: an explicit non-root ZCP user is kept unless --run-as / runAs says otherwise', () => {
  it('one file: run_as_user = zarafa stays, with an info note; root or unset becomes kopano', () => {
    const r = translateConfig('run_as_user = zarafa\nrun_as_group = http\n', 'spooler.cfg');
    expect(runAsLines(r.output)).toBe('run_as_user = zarafa\nrun_as_group = http\n');
    expect(r.diagnostics.filter((d) => d.code === 'RUN_AS_KEPT').map((d) => [d.severity, d.line])).toEqual([['info', 1]]);
    for (const input of ['run_as_user = root\n', 'run_as_user =\n']) {
      const root = translateConfig(input, 'spooler.cfg');
      expect(runAsLines(root.output)).toBe('run_as_user = kopano\n');
      expect(root.diagnostics.map((d) => d.code)).not.toContain('RUN_AS_KEPT');
    }
    // an empty group goes with the user's name
    expect(runAsLines(translateConfig('run_as_user = http\n', 'spooler.cfg').output)).toBe('run_as_user = http\nrun_as_group = http\n');
  });

  it('runAs given: it wins, no note', () => {
    const r = translateConfig('run_as_user = zarafa\nrun_as_group = zarafa\n', 'spooler.cfg', { runAs: { user: 'kopano', group: 'kopano' } });
    expect(runAsLines(r.output)).toBe('run_as_user = kopano\nrun_as_group = kopano\n');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('RUN_AS_KEPT');
  });

  it('a directory: server.cfg\'s user runs every daemon, and the runbook hands the directories to it', async () => {
    const dir = makeTree({
      'server.cfg': 'run_as_user = zarafa\nrun_as_group = zarafa\nlocal_admin_users = root\n',
      'spooler.cfg': 'run_as_user =\n',
    });
    const r = await translateConfigDir(dir);
    const out = (f: string) => r.files.find((x) => x.source === f)!.output;
    expect(runAsLines(out('server.cfg'))).toBe('run_as_user = zarafa\nrun_as_group = zarafa\nlocal_admin_users = root zarafa\n');
    expect(runAsLines(out('spooler.cfg'))).toBe('run_as_user = zarafa\nrun_as_group = zarafa\n');
    const commands = r.actions.map((a) => a.command ?? '').join('\n');
    expect(commands).toContain('install -d -o zarafa -g zarafa -m 0775 /var/run/kopano');
    expect(commands).toContain('chown -R zarafa:zarafa /var/log/kopano');
    expect(commands).not.toMatch(/-o kopano|kopano:kopano/);
    const given = await translateConfigDir(dir, { runAs: { user: 'kopano', group: 'kopano' } });
    expect(runAsLines(given.files.find((x) => x.source === 'spooler.cfg')!.output)).toBe('run_as_user = kopano\n');
    expect(given.actions.map((a) => a.command ?? '').join('\n')).toContain('chown -R kopano:kopano /var/log/kopano');
  });
});

describe('--run-as', () => {
  it('takes user:group', () => {
    const c = parseCommandLine(['--run-as', 'zarafa:http', 'z']);
    expect(c.kind === 'run' && c.run.runAs).toEqual({ user: 'zarafa', group: 'http' });
  });

  it.each([['kopano'], ['kopano:'], [':kopano'], ['a b:c'], ['a:b:c']])('refuses %j', (value) => {
    expect(() => parseCommandLine(['--run-as', value, 'z'])).toThrow(UsageError);
    expect(() => parseCommandLine(['--run-as', value, 'z'])).toThrow(/--run-as expects user:group/);
  });

  it('refuses it given twice', () => {
    expect(() => parseCommandLine(['--run-as', 'a:b', '--run-as', 'c:d', 'z'])).toThrow(/--run-as given more than once/);
  });
});
