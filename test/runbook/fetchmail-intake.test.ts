import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateHost } from '../../src/api/translate-host.js';
import type { DirTranslation } from '../../src/types.js';
import { makeTree } from '../dir/helpers.js';
import { ROOT } from '../helpers/bin.js';

const WORK = '/root/zarafa2kopano';

/**
 * A host's service and Postfix commands as stubs on PATH: systemctl keeps each unit's state in a
 * file (active or not) and logs what it is asked; postconf answers mailbox_command with `delivery`.
 */
function fakeHost(delivery: string, running: readonly string[]) {
  const dir = makeTree({});
  const bin = path.join(dir, 'bin');
  const state = path.join(dir, 'state');
  const work = path.join(dir, 'work');
  mkdirSync(bin);
  mkdirSync(state);
  for (const s of running) writeFileSync(path.join(state, s), '');
  const log = path.join(dir, 'log');
  writeFileSync(log, '');
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> ${log}\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  stub('systemctl', `case $1 in\n  is-active) test -e ${state}/"$3" ;;\n  stop) rm -f ${state}/"$2" ;;\n  start) touch ${state}/"$2" ;;\nesac`);
  stub('postconf', `case "$1 $2" in\n  "-h mailbox_command") echo '${delivery}' ;;\n  "-h "*) echo ;;\nesac\nexit 0`);
  for (const s of ['postfix', 'postqueue', 'service']) stub(s, 'exit 0');
  const run = (command: string) => spawnSync('bash', ['-euo', 'pipefail'], {
    input: command.split(WORK).join(work), encoding: 'utf8', env: { PATH: `${bin}:${process.env['PATH']}`, LC_ALL: 'C' },
  });
  return { run, log: () => readFileSync(log, 'utf8'), active: (s: string) => existsSync(path.join(state, s)), work };
}

const command = (dir: DirTranslation, id: string): string => {
  const a = dir.actions.find((x) => x.id === id);
  expect(a, id).toBeDefined();
  return a!.command!;
};

async function hostWithFetchmail(rc: string): Promise<DirTranslation> {
  const root = path.join(makeTree({}), 'host');
  cpSync(path.join(ROOT, 'fixtures/host/rhel-lmtp/root'), root, { recursive: true });
  writeFileSync(path.join(root, 'etc/fetchmailrc'), rc);
  return translateHost(root, { target: '8.7' });
}

describe('fetchmail delivering to the dagent is mail intake', () => {
  it('is stopped with Postfix\'s hold in stop:intake and started again when the mail is released (only where it ran)', async () => {
    const dir = await translateHost(path.join(ROOT, 'fixtures/host/debian-postfix-pipe/root'), { target: '8.7' });
    const host = fakeHost('/usr/sbin/kopano-dagent "$USER"', ['fetchmail']);
    const stop = host.run(command(dir, 'stop:intake'));
    expect(stop.status, stop.stderr).toBe(0);
    expect(host.active('fetchmail')).toBe(false);
    expect(host.log()).toMatch(/postconf -e defer_transports = +local[\s\S]*systemctl stop fetchmail/);
    expect(readFileSync(path.join(host.work, 'intake-stopped'), 'utf8')).toBe('fetchmail\n');

    // host:reload does not start it again: it reloads only what runs.
    expect(host.run(command(dir, 'host:reload')).status).toBe(0);
    expect(host.active('fetchmail')).toBe(false);

    const release = host.run(command(dir, 'start:release-queue'));
    expect(release.status, release.stderr).toBe(0);
    expect(host.active('fetchmail')).toBe(true);
    expect(host.log()).toMatch(/postqueue -f[\s\S]*systemctl start fetchmail/);
    expect(existsSync(path.join(host.work, 'intake-stopped'))).toBe(false);

    // A fetchmail that did not run stays stopped.
    const idle = fakeHost('/usr/sbin/kopano-dagent "$USER"', []);
    expect(idle.run(command(dir, 'stop:intake')).status).toBe(0);
    expect(idle.run(command(dir, 'start:release-queue')).status).toBe(0);
    expect(idle.log()).not.toMatch(/systemctl (stop|start) fetchmail/);
  });

  it('is started again also when Postfix had nothing to defer, and the way back stops and starts it the same way', async () => {
    const dir = await hostWithFetchmail('poll pop.example.test user "u" password "x" mda "/usr/bin/zarafa-dagent %T"\n');
    const host = fakeHost('', ['fetchmail']);
    expect(host.run(command(dir, 'stop:intake')).status).toBe(0);
    expect(host.active('fetchmail')).toBe(false);
    expect(host.run(command(dir, 'start:release-queue')).status).toBe(0);
    expect(host.active('fetchmail')).toBe(true);

    expect(host.run(command(dir, 'rollback:hold-queue')).status).toBe(0);
    expect(host.active('fetchmail')).toBe(false);
    expect(host.run(command(dir, 'rollback:release-queue')).status).toBe(0);
    expect(host.active('fetchmail')).toBe(true);
  });

  it('is left alone where fetchmail does not deliver to the dagent, or there is no fetchmailrc', async () => {
    const procmail = await hostWithFetchmail('poll pop.example.test user "u" password "x" mda "/usr/bin/procmail -d %T"\n');
    const plain = await translateHost(path.join(ROOT, 'fixtures/host/rhel-lmtp/root'), { target: '8.7' });
    for (const dir of [procmail, plain]) {
      for (const id of ['stop:intake', 'start:release-queue', 'rollback:hold-queue', 'rollback:release-queue']) expect(command(dir, id)).not.toContain('fetchmail');
    }
  });
});
