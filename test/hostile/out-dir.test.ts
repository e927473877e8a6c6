/**
 * Output directories that are unsafe or fail half-way: the input is never written, an existing
 * output directory keeps exactly what it had, and no temp file is left behind.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, expectRefused, fingerprint, runUntouched, Workspace, ZARAFA } from './harness.js';

beforeAll(ensureBuilt, 180_000);

let ws: Workspace;
afterEach(() => ws?.dispose());

function setUp(): { w: Workspace; input: string } {
  ws = new Workspace();
  return { w: ws, input: ws.tree('zarafa', { ...ZARAFA }) };
}

describe('hostile output directory: overlapping the input', () => {
  it('--out equal to the input: OUT_DIR_OVERLAPS_INPUT', async () => {
    const { input } = setUp();
    const r = await runUntouched(input, [input, '--out', input, '--force']);
    expectRefused(r, 'OUT_DIR_OVERLAPS_INPUT', input, undefined, /Choose a separate directory/);
  });

  it('--out inside the input (not created): OUT_DIR_OVERLAPS_INPUT', async () => {
    const { input } = setUp();
    const r = await runUntouched(input, [input, '--out', `${input}/kopano`]);
    expectRefused(r, 'OUT_DIR_OVERLAPS_INPUT', `${input}/kopano`, undefined, /Choose a separate directory/);
    expect(existsSync(`${input}/kopano`)).toBe(false);
  });

  it('--out containing the input: OUT_DIR_OVERLAPS_INPUT', async () => {
    const { w, input } = setUp();
    const r = await runUntouched(input, [input, '--out', w.root, '--force']);
    expectRefused(r, 'OUT_DIR_OVERLAPS_INPUT', w.root, undefined, /Choose a separate directory/);
  });

  it('--out reaching the input through a symlink (and relative spellings): OUT_DIR_OVERLAPS_INPUT', async () => {
    const { w, input } = setUp();
    symlinkSync(input, w.path('alias'));
    const viaLink = await runUntouched(input, [input, '--out', w.path('alias', 'sub')]);
    expectRefused(viaLink, 'OUT_DIR_OVERLAPS_INPUT', w.path('alias', 'sub'), undefined, /Choose a separate directory/);
    const relative = await runUntouched(input, ['zarafa', '--out', 'zarafa/../zarafa/.', '--force'], { cwd: w.root });
    expectRefused(relative, 'OUT_DIR_OVERLAPS_INPUT', 'zarafa/../zarafa/.', undefined, /Choose a separate directory/);
  });
});

describe('hostile output directory: existing content', () => {
  it('a non-empty --out without --force: OUT_DIR_NOT_EMPTY, its content untouched', async () => {
    const { w, input } = setUp();
    const out = w.tree('out', { 'server.cfg': 'mine\n', 'notes.txt': 'keep\n' });
    const r = await runUntouched(input, [input, '--out', out], { also: [out] });
    expectRefused(r, 'OUT_DIR_NOT_EMPTY', out, undefined, /--force/);
  });

  it('--out naming an existing file: OUT_DIR_NOT_A_DIRECTORY', async () => {
    const { w, input } = setUp();
    writeFileSync(w.path('out'), 'a file\n');
    const r = await runUntouched(input, [input, '--out', w.path('out')], { also: [w.root] });
    expectRefused(r, 'OUT_DIR_NOT_A_DIRECTORY', w.path('out'), undefined, /choose a directory path/);
  });
});

describe('hostile output directory: a write failure in the middle', () => {
  it('a directory in the way of the last file: WRITE_FAILED, the files already placed are taken back', async () => {
    const { w, input } = setUp();
    // Files are placed in path order: gateway.cfg and server.cfg go in before spooler.cfg fails.
    const out = w.tree('out', { 'gateway.cfg': 'previous gateway\n', 'spooler.cfg/keep': 'x\n' });
    const r = await runUntouched(input, [input, '--out', out, '--force'], { also: [out] });
    expectRefused(r, 'WRITE_FAILED', `${out}/spooler.cfg`, undefined, /nothing was left/);
    expect(readdirSync(out).sort()).toEqual(['gateway.cfg', 'spooler.cfg']); // no temp or backup files
  });

  it('a file in the way of a subdirectory: WRITE_FAILED before anything is placed, no temp files left', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'z-site/spooler.cfg': ZARAFA['spooler.cfg']! });
    const out = ws.tree('out', { 'z-site': 'a file where a directory must go\n' });
    const before = fingerprint(out);
    const r = await runUntouched(input, [input, '--out', out, '--force'], { also: [out] });
    expectRefused(r, 'WRITE_FAILED', `${out}/z-site/spooler.cfg`, undefined, /nothing was left/);
    expect(fingerprint(out)).toEqual(before);
  });

  it('a new --out below a path that cannot hold directories: refused, nothing created', async () => {
    const { w, input } = setUp();
    writeFileSync(w.path('blocker'), 'x\n');
    const r = await runUntouched(input, [input, '--out', w.path('blocker', 'out')], { also: [w.root] });
    expectRefused(r, 'OUT_DIR_UNUSABLE', w.path('blocker', 'out'), undefined, /\(ENOTDIR\); choose a directory/);
  });

  it('an --out the run created is removed again when a later write fails', async () => {
    ws = new Workspace();
    // ZCP 7.0's indexer.cfg is written as search.cfg, and a directory search.cfg/ holds a file of its own:
    // the run makes out/search.cfg/ for that file, then cannot put the file search.cfg in place.
    const input = ws.tree('zarafa', { ...ZARAFA, 'indexer.cfg': 'index_path = /var/lib/zarafa/index\n', 'search.cfg/local.cfg': 'x = 1\n' });
    const parent = ws.tree('parent', {});
    const out = `${parent}/new/deeper`;
    const r = await runUntouched(input, [input, '--out', out], { also: [parent] });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/search.cfg: error WRITE_FAILED: .*nothing was left/);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('hostile output directory: symlinks inside it', () => {
  it('--out --force with a subdirectory symlinked into the input: OUT_DIR_SYMLINK, nothing written anywhere', async () => {
    ws = new Workspace();
    const input = ws.tree('zarafa', { ...ZARAFA, 'sub/server.cfg': ZARAFA['server.cfg']! });
    const out = ws.tree('out', { 'sub': { symlink: '../zarafa/sub' } });
    const r = await runUntouched(input, [input, '--out', out, '--force'], { also: [out] });
    expectRefused(r, 'OUT_DIR_SYMLINK', `${out}/sub`, undefined, /Remove the link or choose another --out/);
    expect(readdirSync(out)).toEqual(['sub']); // not even the top-level files
  });

  it('a symlink at a file path is replaced by the translated file, never written through', async () => {
    const { w, input } = setUp();
    const elsewhere = w.tree('elsewhere', { 'server.cfg': 'not ours\n' });
    const out = w.tree('out', { 'server.cfg': { symlink: '../elsewhere/server.cfg' } });
    const r = await runUntouched(input, [input, '--out', out, '--force'], { also: [elsewhere] });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(`${out}/server.cfg`).isFile()).toBe(true);
    expect(readFileSync(`${out}/server.cfg`, 'utf8')).toContain('pid_file = /var/run/kopano/server.pid');
  });
});

describe('hostile output directory: --check --out gets the same checks', () => {
  it('--check --out equal to the input: OUT_DIR_OVERLAPS_INPUT, exit 2 (not 1)', async () => {
    const { input } = setUp();
    const r = await runUntouched(input, ['--check', '--out', input, input]);
    expectRefused(r, 'OUT_DIR_OVERLAPS_INPUT', input, undefined, /Choose a separate directory/);
  });

  it('--check --out below a file: OUT_DIR_UNUSABLE, exit 2', async () => {
    const { w, input } = setUp();
    writeFileSync(w.path('blocker'), 'x\n');
    const r = await runUntouched(input, ['--check', '--out', w.path('blocker', 'x'), input], { also: [w.root] });
    expectRefused(r, 'OUT_DIR_UNUSABLE', w.path('blocker', 'x'), undefined, /\(ENOTDIR\); choose a directory/);
  });

  it('--check --out naming a file: OUT_DIR_NOT_A_DIRECTORY; a non-empty --out is still fine to compare with', async () => {
    const { w, input } = setUp();
    writeFileSync(w.path('file'), 'x\n');
    const r = await runUntouched(input, ['--check', '--out', w.path('file'), input], { also: [w.root] });
    expectRefused(r, 'OUT_DIR_NOT_A_DIRECTORY', w.path('file'), undefined, /choose a directory path/);
    const out = w.tree('out', { 'server.cfg': 'old\n' });
    const compared = await runUntouched(input, ['--check', '--out', out, input], { also: [out] });
    expect(compared.code, compared.stderr).toBe(1);
    expect(compared.stderr).toMatch(/Check: 3 of 3 files would change/);
  });
});
