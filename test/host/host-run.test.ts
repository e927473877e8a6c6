import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { translateHost } from '../../src/api/translate-host.js';
import { main } from '../../src/cli/main.js';
import { listFiles } from '../golden/cases.mjs';
import { ROOT } from '../helpers/bin.js';

const scratch = await mkdtemp(path.join(tmpdir(), 'z2k-host-run-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A root holding `files` (root-relative path → text), owner-only writable like a real /etc. */
async function makeRoot(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(scratch, name);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true, mode: 0o755 });
    await writeFile(path.join(root, rel), text, { mode: 0o644 });
  }
  execFileSync('chmod', ['-R', 'go-w', root]);
  return root;
}

const SERVER = 'server_socket = /var/run/zarafa\nmysql_password = Zq9hY2xw\nlog_file = /var/log/zarafa/server.log\n';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s) => { stdout += String(s); } }, stderr: { write: (s) => { stderr += s; } }, env: {} });
  return { code, stdout, stderr };
}

describe('translateHost', () => {
  it('a root with nothing but etc/zarafa gives the directory\'s result, re-rooted', async () => {
    const root = path.join(scratch, 'lone');
    await cp(path.join(ROOT, 'fixtures/cases/zcp71-unix/zarafa'), path.join(root, 'etc/zarafa'), { recursive: true });
    execFileSync('chmod', ['-R', 'go-w', root]);
    const options = { target: '8.7' as const };
    const [dir, host] = await Promise.all([translateConfigDir(path.join(root, 'etc/zarafa'), options), translateHost(root, options)]);
    expect(host.files.map((f) => [f.source, f.target, f.output, f.changes])).toEqual(
      dir.files.map((f) => [`etc/zarafa/${f.source}`, `etc/kopano/${f.target}`, f.output, f.changes]));
    expect(host.diagnostics).toEqual(dir.diagnostics.map((d) => ({ ...d, file: `etc/zarafa/${d.file}` })));
    expect(host.actions).toEqual(dir.actions);
  });

  it('does not read a claimed file that leads outside the root, nor a FIFO, and says so', async () => {
    const root = await makeRoot('guards', { 'etc/zarafa/server.cfg': SERVER, 'etc/cron.d/ok': '0 1 * * * root zarafa-admin -l\n' });
    const outside = path.join(scratch, 'outside-crontab');
    await writeFile(outside, '0 1 * * * root zarafa-admin --secret-outside\n');
    await symlink(outside, path.join(root, 'etc/cron.d/escape'));
    execFileSync('mkfifo', [path.join(root, 'etc/cron.d/fifo')]);
    const out = path.join(scratch, 'guards-out');
    const result = await translateHost(root, { target: '8.0', outDir: out });
    expect(result.diagnostics.filter((d) => d.file.startsWith('etc/cron.d/')).map((d) => [d.file, d.code])).toEqual([
      ['etc/cron.d/escape', 'SYMLINK_OUTSIDE_INPUT'],
      ['etc/cron.d/fifo', 'NOT_A_REGULAR_FILE'],
    ]);
    expect(JSON.stringify(result)).not.toContain('secret-outside');
    expect(listFiles(out)).toContain('etc/cron.d/ok');
    expect(listFiles(out).filter((f) => f.startsWith('etc/cron.d/'))).toEqual(['etc/cron.d/ok']);
  });

  it('scans the crontab spool for ZCP left-overs as it scans etc: a user\'s crontab, not a symlink out of the root, a binary or too large file', async () => {
    const root = await makeRoot('spool', {
      'etc/zarafa/server.cfg': SERVER,
      'etc/monit/conf.d/zcp': 'check process zarafa-server\n',
      'var/spool/cron/crontabs/alice': '# m h dom mon dow command\n0 3 * * * /usr/bin/zarafa-stats --top > /tmp/top\n',
      'var/spool/cron/bob': '5 4 * * * zarafa-admin -l\n',
      'var/spool/cron/crontabs/root': '0 1 * * * /usr/bin/zarafa-admin --purge-softdelete 30\n',
    });
    const outside = path.join(scratch, 'spool-outside');
    await writeFile(outside, '0 1 * * * zarafa-admin --outside-of-root\n');
    await symlink(outside, path.join(root, 'var/spool/cron/crontabs/link'));
    await writeFile(path.join(root, 'var/spool/cron/crontabs/binary'), Buffer.from('zarafa-server\0\x01\n'));
    await writeFile(path.join(root, 'var/spool/cron/crontabs/huge'), `zarafa-server\n${'#'.repeat(5 * 1024 * 1024)}\n`);
    const result = await translateHost(root, { target: '8.7' });
    const left = result.diagnostics.filter((d) => d.code === 'HOST_REFERENCE_LEFT').map((d) => `${d.file}:${d.line}`);
    // root's crontab is the cron kind's (changed, so nothing left); a comment is no left-over.
    expect(left).toEqual(['etc/monit/conf.d/zcp:1', 'var/spool/cron/bob:1', 'var/spool/cron/crontabs/alice:2']);
    expect(result.files.map((f) => f.source)).toContain('var/spool/cron/crontabs/root');
    expect(JSON.stringify(result)).not.toContain('outside-of-root');
    // The scan only reads: nothing of the spool is written or changed.
    expect(result.files.map((f) => f.source).filter((f) => f.startsWith('var/spool/cron/') && f !== 'var/spool/cron/crontabs/root')).toEqual([]);
  });

  it('writes nothing when any diagnostic is an error, and keeps the modes of the files it translates', async () => {
    const root = await makeRoot('modes', { 'etc/zarafa/server.cfg': SERVER, 'etc/fetchmailrc': 'poll a password "Wx8sKq3v" mda "/usr/bin/zarafa-dagent %T"\n' });
    await chmod(path.join(root, 'etc/fetchmailrc'), 0o600);
    const out = path.join(scratch, 'modes-out');
    await translateHost(root, { target: '8.0', outDir: out });
    expect((await import('node:fs')).statSync(path.join(out, 'etc/fetchmailrc')).mode & 0o777).toBe(0o600);
    const bad = await makeRoot('bad', { 'etc/zarafa/server.cfg': `${SERVER}!include /elsewhere/x.cfg\n`, 'etc/crontab': 'x zarafa-admin\n' });
    const badOut = path.join(scratch, 'bad-out');
    const result = await translateHost(bad, { target: '8.0', outDir: badOut });
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(existsSync(badOut)).toBe(false);
  });
});

describe('zarafa2kopano --root', () => {
  it('masks a fetchmail password in the diff, JSON, SARIF and GitHub output unless --show-secrets', async () => {
    const root = await makeRoot('cli', { 'etc/zarafa/server.cfg': SERVER, 'etc/fetchmailrc': 'poll a user "u" password "Wx8sKq3v" mda "/usr/bin/zarafa-dagent %T"\n' });
    for (const format of [[], ['--json'], ['--format', 'sarif'], ['--format', 'github']]) {
      const r = await cli(['--root', root, '--target', '8.0', ...format]);
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('Wx8sKq3v');
      expect(r.stdout + r.stderr).not.toContain('Zq9hY2xw');
    }
    const shown = await cli(['--root', root, '--target', '8.0', '--show-secrets']);
    expect(shown.stdout).toContain('password "Wx8sKq3v" mda "/usr/sbin/kopano-dagent %T"');
    expect(shown.stdout).toContain('--- a/etc/fetchmailrc\n+++ b/etc/fetchmailrc\n');
  });

  it('--check: exit 1 while OUT lacks the result, 0 once it holds it; a run on the patched root finds nothing to do', async () => {
    const root = await makeRoot('check', { 'etc/zarafa/server.cfg': SERVER, 'etc/postfix/main.cf': 'mailbox_command = /usr/bin/zarafa-dagent\n' });
    const out = path.join(scratch, 'check-out');
    expect((await cli(['--root', root, '--target', '8.0', '--check', '--out', out])).code).toBe(1);
    expect((await cli(['--root', root, '--target', '8.0', '--out', out])).code).toBe(0);
    expect(await readFile(path.join(out, 'etc/postfix/main.cf'), 'utf8')).toBe('mailbox_command = /usr/sbin/kopano-dagent\n');
    expect((await cli(['--root', root, '--target', '8.0', '--check', '--out', out])).code).toBe(0);
    const patched = path.join(scratch, 'check-patched');
    await cp(root, patched, { recursive: true });
    await cp(out, patched, { recursive: true });
    expect((await cli(['--root', patched, '--target', '8.0', '--check'])).code).toBe(0);
  });

  it('--check --out on its own OUT: the files left to the packages or removed (not in OUT) are no change; a written file missing there is', async () => {
    const root = path.join(ROOT, 'fixtures/host/debian-postfix-pipe/root');
    const out = path.join(scratch, 'check-own-out');
    expect((await cli(['--root', root, '--quiet', '--out', out])).code).toBe(0);
    // Inputs the run does not write: a stock userscript, a superseded logrotate file, Z-Push 2.2's config.
    for (const p of ['etc/zarafa/userscripts/createuser.d/00createstore', 'etc/logrotate.d/zarafa', 'etc/z-push/config.php']) expect(existsSync(path.join(out, p)), p).toBe(false);
    const same = await cli(['--root', root, '--check', '--out', out]);
    expect(same.stderr).toContain(`Check: nothing to change (compared with ${out}).`);
    expect(same.code).toBe(0);
    await rm(path.join(out, 'etc/postfix/master.cf'));
    const missing = await cli(['--root', root, '--check', '--out', out]);
    expect(missing.stderr).toMatch(new RegExp(`Check: 1 of ${listFiles(out).length + 1} files would change`));
    expect(missing.stderr).toContain('  etc/postfix/master.cf\n');
    expect(missing.code).toBe(1);
  });

  it('refuses --root with a directory or --kopano-dir', async () => {
    expect((await cli(['--root', '/x', '/etc/zarafa'])).code).toBe(2);
    expect((await cli(['--root', '/x', '--kopano-dir', '/etc/kopano'])).code).toBe(2);
  });
});

describe('a host run\'s output lock', () => {
  const files = { 'etc/zarafa/server.cfg': SERVER, 'etc/postfix/main.cf': 'mailbox_command = /usr/bin/zarafa-dagent "$USER"\n' };

  it('takes over the lock a killed run left (OUT_DIR_STALE_LOCK) and writes', async () => {
    const root = await makeRoot('lock-stale', files);
    const parent = path.join(scratch, 'lock-stale-out');
    await mkdir(parent);
    const lock = path.join(parent, '.out.zarafa2kopano.lock');
    await writeFile(lock, '');
    const past = new Date(Date.now() - 5000);
    await utimes(lock, past, past);
    const r = await cli(['--quiet', '--root', root, '--out', path.join(parent, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/OUT_DIR_STALE_LOCK/);
    expect(await readFile(path.join(parent, 'out/etc/postfix/main.cf'), 'utf8')).toContain('/usr/sbin/kopano-dagent');
    expect(existsSync(lock)).toBe(false);
  });

  it('stops at a live run\'s lock before anything is written (OUT_DIR_LOCKED)', async () => {
    const root = await makeRoot('lock-live', files);
    const parent = path.join(scratch, 'lock-live-out');
    await mkdir(parent);
    await writeFile(path.join(parent, '.out.zarafa2kopano.lock'), '');
    const r = await cli(['--quiet', '--root', root, '--out', path.join(parent, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OUT_DIR_LOCKED/);
    expect(existsSync(path.join(parent, 'out'))).toBe(false);
  });
});
