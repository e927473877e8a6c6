import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import type { ManualAction } from '../../src/types.js';
import { makeTree } from '../dir/helpers.js';

async function stepsFor(files: Record<string, string>, options = {}): Promise<ManualAction[]> {
  return (await translateConfigDir(makeTree(files), options)).actions;
}

const step = (actions: ManualAction[], id: string) => actions.find((a) => a.id === id);

const SSL_SERVER = [
  'server_ssl_enabled = yes',
  'server_ssl_key_file = /etc/zarafa/ssl/server.pem',
  'server_ssl_ca_file = /etc/zarafa/ssl/cacert.pem',
  'mysql_host = db.example.org',
  'mysql_password = Never-Shown-1',
  '',
].join('\n');

describe('collect: copies out of /etc/zarafa', () => {
  it('copies the TLS files of a daemon that uses TLS, in one command per directory', async () => {
    const actions = await stepsFor({ 'server.cfg': SSL_SERVER }, { target: '8.0' });
    const ssl = step(actions, 'collect:/etc/kopano/ssl');
    expect(ssl?.command).toBe('install -d /etc/kopano/ssl\ncp -a /etc/zarafa/ssl/cacert.pem /etc/zarafa/ssl/server.pem /etc/kopano/ssl/');
    expect(ssl?.from).toEqual({ file: 'server.cfg', line: 3, key: 'server_ssl_ca_file' });
    expect(actions.filter((a) => a.id.startsWith('files:copy:'))).toEqual([]);
  });

  it('copies no key when TLS is off, nor when the option is empty', async () => {
    const off = await stepsFor({ 'server.cfg': SSL_SERVER.replace('server_ssl_enabled = yes', 'server_ssl_enabled = no') });
    expect(off.filter((a) => a.id.startsWith('collect:') || a.id.startsWith('files:copy:')).map((a) => a.id)).toEqual([]);
    const gateway = 'imaps_enable = no\npop3s_enable = no\nssl_private_key_file = /etc/zarafa/gateway/privkey.pem\nssl_certificate_file =\n';
    const gw = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n', 'gateway.cfg': gateway });
    expect(gw.filter((a) => a.id.startsWith('collect:') || a.id.startsWith('files:copy:')).map((a) => a.id)).toEqual([]);
    const on = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n', 'gateway.cfg': gateway.replace('imaps_enable = no', 'imaps_enable = yes') });
    expect(step(on, 'collect:/etc/kopano/gateway')?.command).toContain('cp -a /etc/zarafa/gateway/privkey.pem /etc/kopano/gateway/');
  });
});

describe('prepare: database backups', () => {
  it('dumps every database the configs name, with the host, port, socket and user of each file', async () => {
    const actions = await stepsFor({
      'server.cfg': SSL_SERVER,
      'archiver.cfg': 'mysql_host = localhost\nmysql_socket = /run/mysqld/archiver.sock\nmysql_user = archiver\nmysql_password = Arch1ve-Pw\nmysql_database = zarafa_archive\n',
    });
    const main = step(actions, 'prepare:mysql:zarafa')!;
    expect(main.command).toContain(`printf '%s\\n' '[client]' host=db.example.org port=3306 user=root`);
    expect(main.command).toContain('mysqldump --defaults-extra-file=/root/zarafa2kopano/mysql-zarafa.cnf ');
    const archive = step(actions, 'prepare:mysql:zarafa_archive')!;
    expect(archive.command).toContain('host=localhost port=3306 socket=/run/mysqld/archiver.sock user=archiver');
    expect(archive.command).toContain('/etc/zarafa/archiver.cfg');
    expect(archive.from).toEqual({ file: 'archiver.cfg', line: 5, key: 'mysql_database' });
    for (const a of actions) expect(JSON.stringify(a)).not.toMatch(/Never-Shown-1|Arch1ve-Pw/);
  });

  it('reads the password on the host into a quoted option-file line, the last assignment winning', async () => {
    const actions = await stepsFor({ 'server.cfg': SSL_SERVER });
    const command = step(actions, 'prepare:mysql:zarafa')!.command!;
    const awk = command.split('\n').find((l) => l.trim().startsWith('awk '))!.trim();
    const dir = makeTree({});
    const cfg = path.join(dir, 'server.cfg');
    writeFileSync(cfg, 'mysql_password = first\n  mysql_password\t=  sp ace"quote\\back#hash  \r\nmysql_passwords = other\n');
    const line = execFileSync('bash', ['-c', awk.replace('/etc/zarafa/server.cfg', cfg)], { encoding: 'utf8' });
    expect(line).toBe('password="sp ace\\"quote\\\\back#hash"\n');
    writeFileSync(cfg, 'mysql_user = zarafa\n');
    expect(execFileSync('bash', ['-c', awk.replace('/etc/zarafa/server.cfg', cfg)], { encoding: 'utf8' })).toBe('');
  });
});

describe('packages and phases', () => {
  it('removes the ZCP packages by name for each package family, never with a pattern', async () => {
    const actions = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n' }, { source: '7.1' });
    const remove = step(actions, 'remove:zcp-packages')!;
    expect(Object.keys(remove.commands!)).toEqual(['apt', 'dnf', 'zypper']);
    for (const c of Object.values(remove.commands!)) {
      expect(c).not.toMatch(/zarafa\*/);
      expect(c).toMatch(/ python-mapi /);
    }
    expect(remove.commands!.apt).toMatch(/ php5-mapi .* zarafa-search /);
    expect(remove.commands!.dnf).toMatch(/ php-mapi /);
  });

  it('puts the database upgrade path of 7.0/7.1 first of all, a step for a person (so --all stops before anything changes)', async () => {
    const actions = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n' }, { source: '7.0' });
    expect(actions[0]!.id).toBe('database:upgrade-path');
    expect(actions[0]!.phase).toBe('prepare');
    expect(actions[0]!.command ?? actions[0]!.commands).toBeUndefined();
  });

  it('stops mail intake, then dumps the database, then stops zarafa-server; the queue is released last, after the delivery test', async () => {
    const actions = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n' }, { target: '8.7' });
    const ids = actions.map((a) => a.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('stop:intake')).toBeGreaterThan(-1);
    expect(at('stop:intake')).toBeLessThan(at('prepare:mysql:zarafa'));
    expect(at('prepare:mysql:zarafa')).toBeLessThan(at('stop:zcp'));
    expect(step(actions, 'stop:intake')!.command).toContain('defer_transports');
    expect(step(actions, 'stop:zcp')!.command).toMatch(/ zarafa-server; do/);
    expect(step(actions, 'stop:zcp')!.command).not.toContain('zarafa-dagent');
    expect(at('start:kopano-server')).toBeLessThan(at('start:delivery-test'));
    expect(at('start:delivery-test')).toBeLessThan(at('start:release-queue'));
    expect(at('start:safe-mode-on')).toBeLessThan(at('start:kopano-server'));
    expect(at('start:safe-mode-off')).toBeGreaterThan(at('start:kopano-server'));
    expect(step(actions, 'start:kopano-server')!.command).toContain('kopano-dbadm k-1216');
    expect(step(actions, 'start:services')?.command ?? 'systemctl enable --now').toContain('systemctl enable --now');
  });

  it('installs what exists: the source offering kopano-server at the target, the directory from /etc/os-release, no kopano-server-packages', async () => {
    const actions = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n' }, { target: '8.7' });
    const repo = step(actions, 'install:repository')!;
    expect(repo.commands!.apt).toContain('apt-cache policy kopano-server');
    expect(repo.commands!.dnf).toContain('dnf -q info --available kopano-server');
    expect(repo.commands!.zypper).toContain('zypper --non-interactive info kopano-server');
    expect(repo.commands!.apt).toContain("want='^([0-9]+:)?8\\.7\\.'");
    expect(repo.commands!.apt).toContain('. /etc/os-release');
    expect(JSON.stringify(actions)).not.toMatch(/Debian_9\.0\/|kopano-server-packages/);
    expect(step(actions, 'install:packages')!.commands!.apt).toContain('kopano-core');
  });

  it('has a way back that --all never runs: files and /etc/zarafa restored, the database only if kopano-server started on it', async () => {
    const actions = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n' }, { target: '8.7' });
    const back = actions.filter((a) => a.phase === 'rollback').map((a) => a.id);
    expect(back).toEqual(['rollback:hold-queue', 'rollback:stop-kopano', 'rollback:files', 'rollback:etc-zarafa', 'rollback:mysql:zarafa',
      'rollback:remove-kopano', 'rollback:zcp-packages', 'rollback:start-zcp', 'rollback:release-queue']);
    expect(step(actions, 'rollback:mysql:zarafa')!.command).toMatch(/^if ! test -e \/root\/zarafa2kopano\/kopano-started; then/);
    expect(step(actions, 'rollback:zcp-packages')!.commands!.apt).toContain('--force-confold');
  });

  it('moves the attachments in the data phase before handing them to the Kopano user', async () => {
    const actions = await stepsFor({ 'server.cfg': 'attachment_storage = files\nattachment_path = /data/att\n' }, { attachments: 'move' });
    const data = actions.filter((a) => a.phase === 'data').map((a) => a.id);
    expect(data.indexOf('attachments:move')).toBeLessThan(data.indexOf('owner:attachments'));
    expect(step(actions, 'attachments:move')?.check).toBe('test -d /var/lib/kopano/attachments && ! test -e /data/att');
    expect(step(actions, 'prepare:attachments')?.command).toBe('tar -C /data -cf /root/zarafa2kopano/attachments.tar.part att && mv /root/zarafa2kopano/attachments.tar.part /root/zarafa2kopano/attachments.tar');
  });

  it('installs the bundle\'s files as they are, never translating again on the mail server', async () => {
    const zarafa = makeTree({ 'server.cfg': 'mysql_user = zarafa\n', 'dagent.cfg': 'log_level = 3\n' });
    const kopano = makeTree({ 'server.cfg': '# installed defaults\nserver_name = x\n' });
    for (const r of [await translateConfigDir(zarafa, { target: '8.7' }), await translateConfigDir(zarafa, { kopanoDir: kopano })]) {
      const install = step(r.actions, 'configure:install')!;
      expect(install.scope).toBe('files');
      expect(install.command).toBe('install_file /etc/kopano/dagent.cfg\ninstall_file /etc/kopano/server.cfg');
      expect(JSON.stringify(r.actions)).not.toMatch(/zarafa2kopano (--|\/)/);
    }
  });
});
