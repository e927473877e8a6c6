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

  it('puts the database upgrade path of 7.0/7.1 first in the install phase', async () => {
    const actions = await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n' }, { source: '7.0' });
    const install = actions.filter((a) => a.phase === 'install').map((a) => a.id);
    expect(install[0]).toBe('database:upgrade-path');
    expect(install).toContain('install:packages');
  });

  it('moves the attachments in the data phase before handing them to the Kopano user', async () => {
    const actions = await stepsFor({ 'server.cfg': 'attachment_storage = files\nattachment_path = /data/att\n' }, { attachments: 'move' });
    const data = actions.filter((a) => a.phase === 'data').map((a) => a.id);
    expect(data.indexOf('attachments:move')).toBeLessThan(data.indexOf('owner:attachments'));
    expect(step(actions, 'attachments:move')?.check).toBe('test -d /var/lib/kopano/attachments && ! test -e /data/att');
    expect(step(actions, 'prepare:attachments')?.command).toBe('tar -C /data -cf /root/zarafa2kopano/attachments.tar.part att && mv /root/zarafa2kopano/attachments.tar.part /root/zarafa2kopano/attachments.tar');
  });

  it('writes the configuration with the options of this run, merging when the run merged', async () => {
    const zarafa = makeTree({ 'server.cfg': 'mysql_user = zarafa\n' });
    const kopano = makeTree({ 'server.cfg': '# installed defaults\nserver_name = x\n' });
    const plain = step(await stepsFor({ 'server.cfg': 'mysql_user = zarafa\n' }, { target: '8.7', ldapSchema: 'kopano', attachments: 'move', source: '7.1' }), 'configure:write')!;
    expect(plain.command).toBe('zarafa2kopano --source 7.1 --target 8.7 --ldap-schema kopano --attachments move --out /root/zarafa2kopano/kopano --force /root/zarafa2kopano/etc-zarafa\n' +
      'install -d /etc/kopano && cp -a /root/zarafa2kopano/kopano/. /etc/kopano/');
    const merged = step((await translateConfigDir(zarafa, { kopanoDir: kopano })).actions, 'configure:write')!;
    expect(merged.command).toContain(' --kopano-dir /etc/kopano --out ');
  });
});
