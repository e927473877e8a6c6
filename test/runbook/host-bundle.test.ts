import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateHost } from '../../src/api/translate-host.js';
import { main } from '../../src/cli/main.js';
import { makeTree, snapshot } from '../dir/helpers.js';
import { ROOT } from '../helpers/bin.js';
import { installZPushKopano } from '../helpers/z-push-kopano.js';
import { listFiles } from '../golden/cases.mjs';

/** The host goldens: a whole root each (fixtures/host/<name>/root), translated with options.json. */
const HOSTS: { name: string; changed: string; removed: string[]; installs?: boolean }[] = [
  // A ZCP input besides /etc/zarafa that the run changes, and one it removes (left to the Kopano packages).
  // Z-Push 2.2's settings go into the files z-push-kopano installs, put in the copy before the run.
  { name: 'debian-postfix-pipe', changed: 'etc/postfix/master.cf', removed: ['etc/php5/apache2/conf.d/zarafa.ini', 'etc/logrotate.d/zarafa'], installs: true },
  { name: 'rhel-lmtp', changed: 'etc/sysconfig/zarafa', removed: ['etc/php.d/zarafa.ini'] },
  // z-push-kopano's files already in the root: edited by the translation, installed with the bundle.
  { name: 'debian-zpush-installed', changed: 'etc/z-push/z-push.conf.php', removed: [] },
];

async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: () => true },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    env: {},
  });
  return { code, stderr };
}

/** A copy of the host's root, and the bundle `zarafa2kopano --root --bundle` made from it. */
async function setUp(name: string) {
  const fixture = path.join(ROOT, 'fixtures/host', name);
  const options = JSON.parse(readFileSync(path.join(fixture, 'options.json'), 'utf8')) as { target: string };
  const tmp = makeTree({});
  const host = path.join(tmp, 'host');
  cpSync(path.join(fixture, 'root'), host, { recursive: true });
  const bundle = path.join(tmp, 'bundle');
  const made = await cli(['--quiet', '--target', options.target, '--root', host, '--bundle', bundle]);
  expect(made.stderr).toContain(`Wrote the bundle to ${bundle}`);
  expect(made.code).toBe(0);
  return { host, bundle };
}

function runbook(bundle: string, args: string[]) {
  return spawnSync('bash', [path.join(bundle, 'runbook.sh'), ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'], LC_ALL: 'C' } });
}

/** The host's files outside the runbook's work directory (root/zarafa2kopano), with their bytes and modes. */
function hostFiles(host: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(host)).filter(([p, v]) => !p.startsWith('root/') && v.startsWith('file ')));
}

describe.each(HOSTS)('the bundle of the host $name, run with --root on a copy of it', (h) => {
  it('lists every host input, and --all installs exactly the bundle\'s files and removes the superseded ones; --rollback puts every one back byte for byte', async () => {
    const { host, bundle } = await setUp(h.name);
    const inputs = readFileSync(path.join(bundle, 'INPUTS.sha256'), 'utf8').split('\n').filter((l) => l !== '').map((l) => l.slice(66));
    expect(inputs).toContain('/etc/zarafa/server.cfg');
    expect(inputs).toContain(`/${h.changed}`);
    for (const r of h.removed) expect(inputs).toContain(`/${r}`);
    const script = readFileSync(path.join(bundle, 'runbook.sh'), 'utf8');
    // Nothing is translated on the mail server.
    expect(script).not.toMatch(/^\s*zarafa2kopano --root/m);
    expect(script).not.toContain('host:translate');

    const installed = h.installs === true ? installZPushKopano(host) : [];
    const before = hostFiles(host);
    let from: string | undefined;
    for (let round = 0; ; round++) {
      expect(round).toBeLessThan(20);
      const r = runbook(bundle, ['--root', host, '--all', ...(from ? ['--from', from] : [])]);
      expect(r.stderr).toBe('');
      if (r.status === 0 || r.stdout.includes('It is the last step.')) break;
      expect(r.status).toBe(3);
      const hint = /go on with: \S+ --root \S+ --all --from (\S+)/.exec(r.stdout);
      expect(hint, r.stdout).not.toBeNull();
      from = hint![1];
    }
    const bundled = listFiles(path.join(bundle, 'files'));
    expect(bundled).toContain(h.changed === 'etc/sysconfig/zarafa' ? 'etc/sysconfig/kopano' : h.changed);
    for (const f of bundled) expect(readFileSync(path.join(host, f)).equals(readFileSync(path.join(bundle, 'files', f))), f).toBe(true);
    for (const r of h.removed) expect(existsSync(path.join(host, r)), r).toBe(false);
    // Nothing else changed: what differs from before is the bundle's files and the removed ones.
    const after = hostFiles(host);
    const changed = Object.keys({ ...before, ...after }).filter((p) => before[p] !== after[p]).sort();
    expect(changed).toEqual([...new Set([...bundled, ...h.removed, ...installed])].sort());
    if (h.installs) {
      expect(readFileSync(path.join(host, 'etc/z-push/z-push.conf.php'), 'utf8')).toContain("    define('TIMEZONE', 'Europe/Berlin');\n");
      expect(readFileSync(path.join(host, 'etc/z-push/kopano.conf.php'), 'utf8')).toBe("<?php\ndefine('MAPI_SERVER', 'file:///var/run/kopano/server.sock');\n");
    }

    const back = runbook(bundle, ['--root', host, '--rollback']);
    expect(back.stderr).toBe('');
    expect(back.status).toBe(0);
    for (const r of h.removed) expect(back.stdout).toContain(`restored /${r}`);
    expect(hostFiles(host)).toEqual(before);
  });

  it('stops before its first step when a host file it changes is not the one the bundle was made from', async () => {
    const { host, bundle } = await setUp(h.name);
    appendFileSync(path.join(host, h.changed), '# edited on the host after the copy\n');
    const before = snapshot(host);
    const r = runbook(bundle, ['--root', host, '--all']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`changed: /${h.changed}`);
    expect(r.stderr).toContain('Translate again');
    expect(r.stdout).not.toContain('== ');
    expect(snapshot(host)).toEqual(before);
  });
});

describe('the host runbook\'s order', () => {
  it('reloads what reads the host files right after they are installed, with Postfix held again, and tests the MTA once the mail is released', async () => {
    const dir = await translateHost(path.join(ROOT, 'fixtures/host/debian-postfix-pipe/root'), { target: '8.7' });
    const ids = dir.actions.map((a) => a.id);
    const at = (id: string) => { expect(ids).toContain(id); return ids.indexOf(id); };
    expect(at('configure:install')).toBeLessThan(at('host:reload'));
    expect(at('host:reload')).toBeLessThan(at('start:kopano-server'));
    expect(at('host:remove-packaged')).toBeLessThan(at('start:kopano-server'));
    expect(at('start:delivery-test')).toBeLessThan(at('start:release-queue'));
    expect(at('start:release-queue')).toBeLessThan(at('host:delivery-test'));
    expect(at('rollback:files')).toBeLessThan(at('rollback:reload'));
    expect(at('rollback:reload')).toBeLessThan(at('rollback:release-queue'));
    for (const id of ['host:reload', 'rollback:reload']) {
      const cmd = dir.actions.find((a) => a.id === id)!.command!;
      expect(cmd).toContain('systemctl daemon-reload');
      expect(cmd).toContain('defer_transports');
    }
    const install = dir.actions.find((a) => a.id === 'configure:install')!;
    expect(install.command).toContain('install_file /etc/postfix/master.cf');
    expect(install.command).toContain('install_file /etc/kopano/server.cfg');
    expect(dir.actions.find((a) => a.id === 'prepare:files')!.command).toContain('backup_file /etc/php5/apache2/conf.d/zarafa.ini');
    expect(ids).not.toContain('host:translate');
    expect(ids).not.toContain('host:install');
    expect(ids).not.toContain('host:backup');
  });
});

describe('zarafa2kopano --root --bundle', () => {
  it('refuses a bundle inside the root (the input is never written to)', async () => {
    const tmp = makeTree({});
    const host = path.join(tmp, 'host');
    cpSync(path.join(ROOT, 'fixtures/host/rhel-lmtp/root'), host, { recursive: true });
    const r = await cli(['--quiet', '--root', host, '--bundle', path.join(host, 'bundle')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('RUNBOOK_IN_INPUT');
    expect(existsSync(path.join(host, 'bundle'))).toBe(false);
  });
});
