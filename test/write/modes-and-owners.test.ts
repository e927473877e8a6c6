/**
 * Modes never wider than the source: a new file takes its source's mode, owner and group; a
 * replaced file keeps its owner and group and gets the narrower of its mode and the source's; a
 * created directory takes its source directory's mode (and group).
 */
import { chmodSync, chownSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree } from '../dir/helpers.js';
import { runCli } from './kill-helpers.js';

const root = mkdtempSync(path.join(tmpdir(), 'z2k-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const asRoot = process.getuid?.() === 0;
const perm = (p: string) => lstatSync(p).mode & 0o7777;

function zarafaTree(): string {
  const input = makeTree({
    'server.cfg': 'server_name = a\nmysql_password = s3cr3t\n',
    'spooler.cfg': 'smtp_server = localhost\n',
    'private/ldap.cfg': 'ldap_bind_passwd = s3cr3t\n',
  }, path.join(root, `in-${Math.random().toString(36).slice(2)}`));
  chmodSync(path.join(input, 'server.cfg'), 0o640);
  chmodSync(path.join(input, 'spooler.cfg'), 0o644);
  chmodSync(path.join(input, 'private/ldap.cfg'), 0o600);
  chmodSync(path.join(input, 'private'), 0o700);
  chmodSync(input, 0o750);
  return input;
}

describe('modes and owners of what --out writes', () => {
  it('a new --out: each file its source\'s mode, a 0700 subdirectory stays 0700, the directory its source\'s mode', async () => {
    const input = zarafaTree();
    const out = path.join(root, 'new-out');
    const r = await runCli(['--out', out, input]);
    expect(r.code, r.stderr).toBe(0);
    expect(perm(path.join(out, 'server.cfg'))).toBe(0o640);
    expect(perm(path.join(out, 'spooler.cfg'))).toBe(0o644);
    expect(perm(path.join(out, 'private'))).toBe(0o700);
    expect(perm(path.join(out, 'private/ldap.cfg'))).toBe(0o600);
    expect(perm(out)).toBe(0o750);
  });

  it.runIf(asRoot)('as root: a new file takes its source\'s owner and group (root:daemon 0640 stays root:daemon 0640), directories too', async () => {
    const input = zarafaTree();
    chownSync(path.join(input, 'server.cfg'), 0, 1);
    chownSync(path.join(input, 'private'), 0, 1);
    chownSync(input, 0, 1);
    const out = path.join(root, 'owned');
    expect((await runCli(['--out', out, input])).code).toBe(0);
    const st = lstatSync(path.join(out, 'server.cfg'));
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([0, 1, 0o640]);
    expect(lstatSync(path.join(out, 'private')).gid).toBe(1);
    expect(lstatSync(out).gid).toBe(1);
    expect(lstatSync(path.join(out, 'spooler.cfg')).gid).toBe(lstatSync(path.join(input, 'spooler.cfg')).gid);
  });

  it('--force over a 0644 server.cfg with a 0640 source: 0640, and the replaced file\'s owner and group kept', async () => {
    const input = zarafaTree();
    const out = makeTree({ 'server.cfg': 'old\n', 'spooler.cfg': 'old\n', 'other.cfg': 'not ours\n' }, path.join(root, 'existing'));
    chmodSync(path.join(out, 'server.cfg'), 0o644);
    chmodSync(path.join(out, 'spooler.cfg'), 0o600);
    if (asRoot) chownSync(path.join(out, 'server.cfg'), 2, 2);
    const r = await runCli(['--force', '--out', out, input]);
    expect(r.code, r.stderr).toBe(0);
    expect(perm(path.join(out, 'server.cfg'))).toBe(0o640); // never wider than the source
    expect(perm(path.join(out, 'spooler.cfg'))).toBe(0o600); // never wider than it was
    if (asRoot) expect([lstatSync(path.join(out, 'server.cfg')).uid, lstatSync(path.join(out, 'server.cfg')).gid]).toEqual([2, 2]);
    // A directory the run creates inside the existing one: its source's mode.
    expect(perm(path.join(out, 'private'))).toBe(0o700);
  });
});
