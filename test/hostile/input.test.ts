/**
 * Hostile input directories and files, through the real CLI: each is refused with exit 2 and a
 * message naming the file (and line) and what to do, or handled as documented in docs/errors.md;
 * in every case the input is byte-identical afterwards and nothing is written on refusal.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, expectRefused, expectReported, runUntouched, Workspace, ZARAFA } from './harness.js';

beforeAll(ensureBuilt, 180_000);

let ws: Workspace;
afterEach(() => ws?.dispose());
const fresh = (): Workspace => (ws = new Workspace());

describe('hostile input: the directory itself', () => {
  it('a missing directory: INPUT_NOT_FOUND, nothing written', async () => {
    const w = fresh();
    const out = w.path('out');
    const r = await runUntouched(w.root, [w.path('nope'), '--out', out]);
    expectRefused(r, 'INPUT_NOT_FOUND', w.path('nope'), undefined, /check the path/);
    expect(existsSync(out)).toBe(false);
  });

  it('a file instead of a directory: INPUT_NOT_A_DIRECTORY', async () => {
    const w = fresh();
    const input = w.tree('etc', { 'server.cfg': ZARAFA['server.cfg']! });
    const out = w.path('out');
    const r = await runUntouched(input, [`${input}/server.cfg`, '--out', out]);
    expectRefused(r, 'INPUT_NOT_A_DIRECTORY', `${input}/server.cfg`, undefined, /give the Zarafa configuration directory/);
    expect(existsSync(out)).toBe(false);
  });

  it('a path that is a symlink loop: INPUT_NOT_FOUND, says so', async () => {
    const w = fresh();
    const loop = w.tree('', { 'zarafa': { symlink: 'zarafa' } }) + '/zarafa';
    const r = await runUntouched(w.root, [loop, '--out', w.path('out')]);
    expectRefused(r, 'INPUT_NOT_FOUND', loop, undefined, /symlink loop; give the Zarafa configuration directory/);
    expect(existsSync(w.path('out'))).toBe(false);
  });

  it('a directory whose only *.cfg entries are dangling or looping links: NO_CONFIG_FILES listing them', async () => {
    const w = fresh();
    const input = w.tree('zarafa', { 'server.cfg': { symlink: 'gone.cfg' }, 'a.cfg': { symlink: 'a.cfg' } });
    const r = await runUntouched(input, [input, '--out', w.path('out')]);
    const line = expectRefused(r, 'NO_CONFIG_FILES', input, undefined, /give the Zarafa configuration directory/);
    expect(line).toMatch(/server\.cfg/);
    expect(existsSync(w.path('out'))).toBe(false);
  });

  it('an empty directory: NO_CONFIG_FILES', async () => {
    const w = fresh();
    const input = w.tree('zarafa', {});
    const r = await runUntouched(input, [input, '--out', w.path('out')]);
    expectRefused(r, 'NO_CONFIG_FILES', input, undefined, /give the Zarafa configuration directory/);
    expect(existsSync(w.path('out'))).toBe(false);
  });

  it('a directory with no *.cfg files (backups, other extensions, a *.cfg directory): NO_CONFIG_FILES', async () => {
    const w = fresh();
    const input = w.tree('zarafa', {
      'README': 'nothing here\n',
      'server.cfg.dpkg-old': ZARAFA['server.cfg']!,
      'server.conf': ZARAFA['server.cfg']!,
      'old.cfg': { dir: true },
    });
    const r = await runUntouched(input, [input, '--out', w.path('out')]);
    expectRefused(r, 'NO_CONFIG_FILES', input, undefined, /give the Zarafa configuration directory/);
    expect(existsSync(w.path('out'))).toBe(false);
  });
});

describe('hostile input: files that cannot be read as config text', () => {
  it('an unreadable file (permission denied): FILE_UNREADABLE names it, nothing written', async (ctx) => {
    const w = fresh();
    const input = w.tree('zarafa', { ...ZARAFA });
    chmodSync(`${input}/gateway.cfg`, 0o000);
    // Root reads any file whatever its mode, so as root the CLI runs as nobody, for whom it is unreadable.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      chmodSync(w.root, 0o1777); // sticky (StrictModes accepts it above the input): nobody may traverse the workspace and create out/ in it (if the CLI wrongly tried)
      try {
        execFileSync(process.execPath, ['-e', ''], { uid: 65534, gid: 65534 });
      } catch {
        ctx.skip('running as root and cannot switch to uid 65534 to make a file unreadable');
      }
    }
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out], asRoot ? { uid: 65534, gid: 65534, cwd: w.root } : {});
    expectRefused(r, 'FILE_UNREADABLE', 'gateway.cfg', undefined, /run as a user who can read it/);
    expect(existsSync(out)).toBe(false);
  });

  it('a FIFO named like a config file: NOT_A_REGULAR_FILE, never opened (no hang), nothing written', async () => {
    const w = fresh();
    const input = w.tree('zarafa', { ...ZARAFA });
    execFileSync('mkfifo', [`${input}/ical.cfg`]);
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expectRefused(r, 'NOT_A_REGULAR_FILE', 'ical.cfg', undefined, /replace it|move it/i);
    expect(existsSync(out)).toBe(false);
  });

  it('a binary file: BINARY_FILE names it and the line of the first NUL byte', async () => {
    const w = fresh();
    // An ELF-like header: what a stray binary renamed to .cfg looks like.
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64, 0xff)]);
    const input = w.tree('zarafa', { ...ZARAFA, 'dagent.cfg': binary });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expectRefused(r, 'BINARY_FILE', 'dagent.cfg', 1, /move the file out of the directory/);
    expect(existsSync(out)).toBe(false);
  });

  it('NUL bytes inside an otherwise good file: BINARY_FILE at the line of the NUL', async () => {
    const w = fresh();
    const input = w.tree('zarafa', { ...ZARAFA, 'spooler.cfg': Buffer.from('# spooler\nsmtp_server = localhost\nlog_level = 3\0\n') });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expectRefused(r, 'BINARY_FILE', 'spooler.cfg', 3, /remove the NUL bytes/);
    expect(existsSync(out)).toBe(false);
  });

  it('a 50 MB file: FILE_TOO_LARGE, refused from its size without reading it', async () => {
    const w = fresh();
    const input = w.tree('zarafa', { ...ZARAFA });
    const line = Buffer.from('log_level = 3\n');
    writeFileSync(`${input}/monitor.cfg`, Buffer.alloc(50 * 1024 * 1024, line));
    const out = w.path('out');
    const started = Date.now();
    const r = await runUntouched(input, [input, '--out', out]);
    expectRefused(r, 'FILE_TOO_LARGE', 'monitor.cfg', undefined, /move it out of the directory/);
    expect(existsSync(out)).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('a line of 100,000 bytes is not an error: warned about (file:line) and kept byte for byte', async () => {
    const w = fresh();
    const long = `# ${'x'.repeat(100_000)}`;
    const input = w.tree('zarafa', { ...ZARAFA, 'spooler.cfg': `server_socket = file:///var/run/zarafa\n${long}\nlog_level = 3\n` });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expectReported(r, 'warning', 'LINE_TOO_LONG', 'spooler.cfg', 2);
    const written = readFileSync(`${out}/spooler.cfg`, 'utf8');
    expect(written.split('\n')).toContain(long);
    expect(written).toContain('file:///var/run/kopano/server.sock');
  });

  it('latin-1 bytes are not an error: comments and values come back byte-exact around the changes', async () => {
    const w = fresh();
    const latin1 = Buffer.from('# Konfiguration f\u00fcr den Server \u00a9 M\u00fcller\nserver_name = b\u00fcro\npid_file = /var/run/zarafa-server.pid\n', 'latin1');
    const input = w.tree('zarafa', { ...ZARAFA, 'server.cfg': latin1 });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(`${out}/server.cfg`);
    // Still latin-1 (not re-encoded as UTF-8), the untouched lines identical byte for byte.
    expect(written.subarray(0, latin1.indexOf('pid_file'))).toEqual(latin1.subarray(0, latin1.indexOf('pid_file')));
    expect(written.includes(Buffer.from('b\u00fcro', 'utf8'))).toBe(false);
    expect(written.toString('latin1')).toContain('pid_file = /var/run/kopano/server.pid');
    expect(readdirSync(out).sort()).toEqual(Object.keys(ZARAFA).sort());
  });
});
