/**
 * Paths that lead somewhere they should not: includes and symlinks out of the input directory,
 * loops, dangling targets. Nothing outside the input directory is ever read (an outside file
 * holds a marker that must not appear in any output), and the input stays byte-identical.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, expectRefused, expectReported, runUntouched, Workspace, ZARAFA } from './harness.js';

beforeAll(ensureBuilt, 180_000);

let ws: Workspace;
afterEach(() => ws?.dispose());

/** A workspace with a secret outside the input directory, to prove it is never read. */
function withOutsideSecret(): { w: Workspace; outsideFile: string } {
  ws = new Workspace();
  ws.tree('', { 'outside.cfg': 'mysql_password = OUTSIDE-MARKER-7f3a\n' });
  return { w: ws, outsideFile: ws.path('outside.cfg') };
}

function expectNotLeaked(r: { stdout: string; stderr: string }): void {
  expect(r.stdout + r.stderr).not.toContain('OUTSIDE-MARKER-7f3a');
}

describe('hostile input: includes', () => {
  it('an include cycle: INCLUDE_CYCLE warning on the closing line; each file translated once', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', {
      ...ZARAFA,
      'server.cfg': `${ZARAFA['server.cfg']}!include common.cfg\n`,
      'common.cfg': 'log_level = 3\n!include more.cfg\n',
      'more.cfg': 'log_timestamp = 1\n!include common.cfg\n',
    });
    const out = ws.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expectReported(r, 'warning', 'INCLUDE_CYCLE', 'more.cfg', 2, /Remove it/);
    expect(readdirSync(out).sort()).toEqual(['common.cfg', 'gateway.cfg', 'more.cfg', 'server.cfg', 'spooler.cfg']);
  });

  it('a self-include is a cycle too, and terminates', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'spooler.cfg': `${ZARAFA['spooler.cfg']}!include spooler.cfg\n` });
    const r = await runUntouched(input, [input]);
    expect(r.code, r.stderr).toBe(0);
    expectReported(r, 'warning', 'INCLUDE_CYCLE', 'spooler.cfg', 3);
  });

  it('an include of a directory: INCLUDE_IS_DIRECTORY with file and line, nothing written', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'gateway.cfg': `${ZARAFA['gateway.cfg']}!include ssl\n`, 'ssl/cert.pem': 'x\n' });
    const out = ws.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expectRefused(r, 'INCLUDE_IS_DIRECTORY', 'gateway.cfg', 3, /Name a file/);
    expect(existsSync(out)).toBe(false);
  });

  it('an include of the configuration directory itself (absolute /etc/zarafa): INCLUDE_IS_DIRECTORY', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'server.cfg': `!include /etc/zarafa/\n${ZARAFA['server.cfg']}` });
    const r = await runUntouched(input, [input, '--out', ws.path('out')]);
    expectRefused(r, 'INCLUDE_IS_DIRECTORY', 'server.cfg', 1, /Name a file/);
    expect(existsSync(ws.path('out'))).toBe(false);
  });

  it('an include of a FIFO: INCLUDE_NOT_A_FILE, never opened, nothing written', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'server.cfg': `${ZARAFA['server.cfg']}!include local.inc\n` });
    execFileSync('mkfifo', [`${input}/local.inc`]);
    const out = ws.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expectRefused(r, 'INCLUDE_NOT_A_FILE', 'server.cfg', 5, /Name a regular file, or remove the line/);
    expect(existsSync(out)).toBe(false);
  });

  it('an include by absolute path outside the directory: INCLUDE_OUTSIDE_INPUT, never read', async () => {
    const { w, outsideFile } = withOutsideSecret();
    const input = w.tree('zarafa', { ...ZARAFA, 'server.cfg': `${ZARAFA['server.cfg']}!include ${outsideFile}\n` });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out, '--show-secrets', '--json']);
    expectRefused(r, 'INCLUDE_OUTSIDE_INPUT', 'server.cfg', 5, /Copy that file into the directory/);
    expectNotLeaked(r);
    expect(existsSync(out)).toBe(false);
  });

  it('an include by ../ outside the directory (also hidden in a subdirectory): INCLUDE_OUTSIDE_INPUT, never read', async () => {
    const { w } = withOutsideSecret();
    const input = w.tree('zarafa', {
      ...ZARAFA,
      'spooler.cfg': `${ZARAFA['spooler.cfg']}!include ../outside.cfg\n!include local/../../outside.cfg\n`,
    });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out, '--show-secrets', '--json']);
    expectRefused(r, 'INCLUDE_OUTSIDE_INPUT', 'spooler.cfg', 3, /Copy that file into the directory/);
    expectRefused(r, 'INCLUDE_OUTSIDE_INPUT', 'spooler.cfg', 4, /Copy that file into the directory/);
    expectNotLeaked(r);
    expect(existsSync(out)).toBe(false);
  });

  it('an include of a symlink that leads outside: INCLUDE_OUTSIDE_INPUT, never read', async () => {
    const { w, outsideFile } = withOutsideSecret();
    const input = w.tree('zarafa', {
      ...ZARAFA,
      'gateway.cfg': `${ZARAFA['gateway.cfg']}!include local.inc\n`,
      'local.inc': { symlink: outsideFile },
    });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out, '--show-secrets', '--json']);
    expectRefused(r, 'INCLUDE_OUTSIDE_INPUT', 'gateway.cfg', 3, /Copy that file into the directory|remove the line/);
    expectNotLeaked(r);
    expect(existsSync(out)).toBe(false);
  });

  it('a dangling !include is not an error: INCLUDE_NOT_FOUND with the fix, and the translation is written', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'spooler.cfg': `${ZARAFA['spooler.cfg']}!include /etc/zarafa/site-spooler.cfg\n` });
    const out = ws.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expectReported(r, 'warning', 'INCLUDE_NOT_FOUND', 'spooler.cfg', 3, /Create the file or remove the line/);
    expect(readdirSync(out).sort()).toEqual(['gateway.cfg', 'server.cfg', 'spooler.cfg']);
    expect(readFileSync(`${out}/spooler.cfg`, 'utf8')).toContain('/var/run/kopano/server.sock');
  });
});

describe('hostile input: symlinks in the directory', () => {
  it('a symlink loop: SYMLINK_LOOP warning naming each link; the rest is translated', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'a.cfg': { symlink: 'b.cfg' }, 'b.cfg': { symlink: 'a.cfg' } });
    const out = ws.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expectReported(r, 'warning', 'SYMLINK_LOOP', 'a.cfg', undefined, /Remove it/);
    expectReported(r, 'warning', 'SYMLINK_LOOP', 'b.cfg', undefined, /Remove it/);
    expect(readdirSync(out).sort()).toEqual(['gateway.cfg', 'server.cfg', 'spooler.cfg']);
  });

  it('a symlinked subdirectory loop is not walked forever', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'sub/loop': { symlink: '..' } });
    const r = await runUntouched(input, [input]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('a symlink pointing outside: SYMLINK_OUTSIDE_INPUT, never read, nothing written', async () => {
    const { w, outsideFile } = withOutsideSecret();
    const input = w.tree('zarafa', { ...ZARAFA, 'ical.cfg': { symlink: outsideFile } });
    const out = w.path('out');
    const r = await runUntouched(input, [input, '--out', out, '--show-secrets', '--json']);
    expectRefused(r, 'SYMLINK_OUTSIDE_INPUT', 'ical.cfg', undefined, /Copy the file into the directory/);
    expectNotLeaked(r);
    expect(existsSync(out)).toBe(false);
  });

  it('a symlink to a system file (/etc/passwd) named server.cfg: refused, never read', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'server.cfg': { symlink: '/etc/passwd' } });
    const r = await runUntouched(input, [input, '--json', '--show-secrets']);
    expectRefused(r, 'SYMLINK_OUTSIDE_INPUT', 'server.cfg', undefined, /Copy the file/);
    expect(r.stdout + r.stderr).not.toMatch(/root:x?:0:0/);
  });

  it('a dangling symlink: SYMLINK_DANGLING warning; the rest is translated', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'dagent.cfg': { symlink: 'dagent.cfg.orig' } });
    const out = ws.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expectReported(r, 'warning', 'SYMLINK_DANGLING', 'dagent.cfg', undefined, /point it at a real file/);
    expect(readdirSync(out).sort()).toEqual(['gateway.cfg', 'server.cfg', 'spooler.cfg']);
  });

  it('a symlink inside the directory is followed: the link is translated like its target', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'real/dagent.conf': 'log_file = /var/log/zarafa/dagent.log\n', 'dagent.cfg': { symlink: 'real/dagent.conf' } });
    const out = ws.path('out');
    const r = await runUntouched(input, [input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(`${out}/dagent.cfg`, 'utf8')).toContain('/var/log/kopano/dagent.log');
  });
});
