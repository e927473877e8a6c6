import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  return Object.fromEntries(Object.entries(hostTree(host)).filter(([, v]) => v.startsWith('file ')));
}

/** Every entry of the host (directories too) outside root/, where the runbook keeps its work directory. */
function hostTree(host: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(host)).filter(([p]) => p !== 'root' && !p.startsWith('root/')));
}

/** `runbook.sh --root HOST --all`, gone on from each stop for a person until the last step. */
function runAll(bundle: string, host: string): void {
  let from: string | undefined;
  for (let round = 0; ; round++) {
    expect(round).toBeLessThan(20);
    const r = runbook(bundle, ['--root', host, '--all', ...(from ? ['--from', from] : [])]);
    expect(r.stderr).toBe('');
    if (r.status === 0 || r.stdout.includes('It is the last step.')) return;
    expect(r.status).toBe(3);
    const hint = /go on with: \S+ --root \S+ --all --from (\S+)/.exec(r.stdout);
    expect(hint, r.stdout).not.toBeNull();
    from = hint![1];
  }
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
    const tree = hostTree(host);
    runAll(bundle, host);
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
    // The directories the install made are gone again: the host is as it was, directories and modes too.
    expect(hostTree(host)).toEqual(tree);
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

describe('the directories the bundle\'s install makes', () => {
  it('are removed by --rollback once empty, innermost first; one that was there (even empty) or holds a file of its own stays', async () => {
    const { host, bundle } = await setUp('debian-postfix-pipe');
    // Made after the bundle: an empty /etc/kopano that was there before the install.
    mkdirSync(path.join(host, 'etc/kopano'));
    // The z-push-kopano package's files, installed by hand (clients:packages) before the Z-Push settings steps.
    installZPushKopano(host);
    const tree = hostTree(host);
    runAll(bundle, host);
    const made = ['etc/kopano/userscripts', 'etc/kopano/userscripts/createuser.d', 'etc/kopano/webapp', 'etc/systemd/system/kopano-server.service.d'];
    for (const d of made) expect(existsSync(path.join(host, d)), d).toBe(true);
    const noted = readFileSync(path.join(host, 'root/zarafa2kopano/backup/DIRS'), 'utf8').split('\n').filter((l) => l !== '');
    expect([...noted].sort()).toEqual(made.map((d) => `/${d}`).sort());
    // Outermost first, as made.
    expect(noted.indexOf('/etc/kopano/userscripts')).toBeLessThan(noted.indexOf('/etc/kopano/userscripts/createuser.d'));
    // A file of the admin's own in a directory the install made.
    writeFileSync(path.join(host, 'etc/kopano/webapp/mine.php'), '<?php\n');

    const back = runbook(bundle, ['--root', host, '--rollback']);
    expect(back.stderr).toBe('');
    expect(back.status).toBe(0);
    expect(back.stdout).toContain('removed the directory /etc/kopano/userscripts/createuser.d');
    expect(back.stdout.indexOf('removed the directory /etc/kopano/userscripts/createuser.d')).toBeLessThan(back.stdout.indexOf('removed the directory /etc/kopano/userscripts '));
    expect(back.stdout).toContain('kept the directory /etc/kopano/webapp');
    expect(hostTree(host)).toEqual({ ...tree, 'etc/kopano/webapp': expect.stringMatching(/^dir /), 'etc/kopano/webapp/mine.php': expect.stringMatching(/^file /) });
    // The one kept stays noted; the removed ones are not (a later install that finds them notes them again).
    expect(readFileSync(path.join(host, 'root/zarafa2kopano/backup/DIRS'), 'utf8')).toBe('/etc/kopano/webapp\n');
  });
});

describe('the store locale of a host for 8.7 (ZARAFA_LOCALE)', () => {
  it('is a line of /etc/kopano/admin.cfg, a file of the bundle: made new, installed, removed again by --rollback; no step of its own', async () => {
    const { host, bundle } = await setUp('debian-postfix-pipe');
    expect(readFileSync(path.join(bundle, 'files/etc/kopano/admin.cfg'), 'utf8')).toMatch(/^default_store_locale = de_DE\.UTF-8$/m);
    const script = readFileSync(path.join(bundle, 'runbook.sh'), 'utf8');
    expect(script).not.toContain('host:locale');
    expect(script).toContain('backup_file /etc/kopano/admin.cfg');
    installZPushKopano(host);
    const tree = hostTree(host);
    runAll(bundle, host);
    expect(readFileSync(path.join(host, 'etc/kopano/admin.cfg'), 'utf8')).toBe(readFileSync(path.join(bundle, 'files/etc/kopano/admin.cfg'), 'utf8'));
    expect(runbook(bundle, ['--root', host, '--rollback']).status).toBe(0);
    expect(hostTree(host)).toEqual(tree);
  });

  it('is added to the admin.cfg the root has (an input of the bundle), which --rollback puts back byte for byte', async () => {
    const fixture = path.join(ROOT, 'fixtures/host/debian-postfix-pipe');
    const tmp = makeTree({});
    const host = path.join(tmp, 'host');
    cpSync(path.join(fixture, 'root'), host, { recursive: true });
    const stock = '# the package\'s file\n#default_store_locale =\n\n#server_socket = default:\n';
    mkdirSync(path.join(host, 'etc/kopano'));
    writeFileSync(path.join(host, 'etc/kopano/admin.cfg'), stock);
    const bundle = path.join(tmp, 'bundle');
    expect((await cli(['--quiet', '--target', '8.7', '--root', host, '--bundle', bundle])).code).toBe(0);
    expect(readFileSync(path.join(bundle, 'files/etc/kopano/admin.cfg'), 'utf8')).toBe(`${stock}# zarafa2kopano[kopano-admin]: ZARAFA_LOCALE of /etc/default/zarafa\ndefault_store_locale = de_DE.UTF-8\n`);
    expect(readFileSync(path.join(bundle, 'INPUTS.sha256'), 'utf8')).toContain(' /etc/kopano/admin.cfg\n');
    installZPushKopano(host);
    const tree = hostTree(host);
    runAll(bundle, host);
    expect(readFileSync(path.join(host, 'etc/kopano/admin.cfg'), 'utf8')).toContain('default_store_locale = de_DE.UTF-8');
    expect(runbook(bundle, ['--root', host, '--rollback']).status).toBe(0);
    expect(readFileSync(path.join(host, 'etc/kopano/admin.cfg'), 'utf8')).toBe(stock);
    expect(hostTree(host)).toEqual(tree);
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
