/**
 * loadDir/loadTree on hostile trees: what is never opened (FIFO, device), never read (outside),
 * how symlinked include targets are kept, and that the StrictModes rule refuses directories other
 * users can write.
 */
import { chmodSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDir, loadTree } from '../../src/1-load/load-tree.js';
import { TranslateError } from '../../src/diagnostics/translate-error.js';
import { TmpTree } from './tmp-tree.js';

const SERVER = 'server_name = mail\nlog_level = 3\n';
const SECRET = 'mysql_password = OUTSIDE-SECRET-41c9\n';

let tree: TmpTree;
afterEach(() => tree?.dispose());

function codes(d: { diagnostics: { code: string; file: string; severity: string }[] }): string[] {
  return d.diagnostics.map((x) => `${x.file} ${x.severity} ${x.code}`);
}

function texts(d: { files: Map<string, { text: string }> }): string {
  return [...d.files.values()].map((f) => f.text).join('');
}

async function refusal(p: Promise<unknown>): Promise<TranslateError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(TranslateError);
  return e as TranslateError;
}

describe('load: found files', () => {
  it('reads regular files with mode and owner; a FIFO and a /dev/zero link are never opened', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', { 'server.cfg': SERVER, 'ical.cfg': { fifo: true }, 'zero.cfg': { symlink: '/dev/zero' } });
    chmodSync(`${dir}/server.cfg`, 0o640);
    const d = await loadDir(dir, 'zarafa');
    expect(d.found).toEqual(['server.cfg']);
    expect(d.files.get('server.cfg')).toMatchObject({ text: SERVER, encoding: 'utf8', mode: 0o640, size: SERVER.length });
    expect(codes(d)).toEqual(['ical.cfg error NOT_A_REGULAR_FILE', 'zero.cfg error SYMLINK_OUTSIDE_INPUT']);
  });

  it('a symlink out to a file is SYMLINK_OUTSIDE_INPUT; to a directory its own warning; neither is read', async () => {
    tree = new TmpTree();
    tree.make('outside', { 'secret.cfg': SECRET });
    const dir = tree.make('in', { 'server.cfg': SERVER, 'ical.cfg': { symlink: '../outside/secret.cfg' }, 'conf.cfg': { symlink: '../outside' } });
    const d = await loadDir(dir, 'zarafa');
    expect(codes(d)).toEqual(['conf.cfg warning SYMLINK_TO_OUTSIDE_DIRECTORY', 'ical.cfg error SYMLINK_OUTSIDE_INPUT']);
    expect(d.diagnostics[0]!.message).toMatch(/directory .*outside the input directory; it is not a config file/);
    expect(texts(d)).not.toContain('OUTSIDE-SECRET');
  });

  it('size is judged before reading; NUL bytes are BINARY_FILE with the line', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', { 'server.cfg': SERVER, 'big.cfg': Buffer.alloc(5 * 1024 * 1024, 0x61), 'bin.cfg': Buffer.from('a = 1\nb = \0\n') });
    const d = await loadDir(dir, 'zarafa');
    expect(d.diagnostics.map((x) => [x.file, x.code, x.line])).toEqual([['big.cfg', 'FILE_TOO_LARGE', undefined], ['bin.cfg', 'BINARY_FILE', 2]]);
  });

  it('an input with no *.cfg files: NO_CONFIG_FILES; a Kopano directory without one: KOPANO_DIR_EMPTY', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', { 'server.cfg.dpkg-old': SERVER, 'old.cfg': { dir: true } });
    expect((await refusal(loadDir(dir, 'zarafa'))).code).toBe('NO_CONFIG_FILES');
    expect((await refusal(loadDir(dir, 'kopano'))).code).toBe('KOPANO_DIR_EMPTY');
    expect((await refusal(loadDir(tree.path('nope'), 'kopano'))).code).toBe('KOPANO_DIR_NOT_FOUND');
  });
});

describe('load: directive targets', () => {
  it('a symlinked include target is read as its file and the alias is kept; a symlinked directory too', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', {
      'server.cfg': `${SERVER}!include alias.inc\n!include conf.d/a.inc\n!include gone.inc\n!include ssl\n`,
      'x.inc': 'log_timestamp = 1\n',
      'alias.inc': { symlink: 'x.inc' },
      'real.d/a.inc': 'log_file = /var/log/zarafa/server.log\n',
      'conf.d': { symlink: 'real.d' },
      'ssl': { dir: true },
    });
    const d = await loadDir(dir, 'zarafa');
    expect(d.targets.get('alias.inc')).toEqual({ kind: 'file', path: 'x.inc' });
    expect(d.targets.get('conf.d/a.inc')).toEqual({ kind: 'file', path: 'real.d/a.inc' });
    expect(d.targets.get('gone.inc')).toEqual({ kind: 'missing', why: 'ENOENT' });
    expect(d.targets.get('ssl')).toEqual({ kind: 'directory' });
    expect([...d.aliases]).toEqual([['alias.inc', 'x.inc'], ['conf.d/a.inc', 'real.d/a.inc']]);
    expect(d.files.get('x.inc')?.text).toBe('log_timestamp = 1\n');
    expect(d.files.get('real.d/a.inc')?.path).toBe('real.d/a.inc');
  });

  it('targets out, FIFOs and devices: recorded, never read', async () => {
    tree = new TmpTree();
    tree.make('outside', { 'secret.inc': SECRET });
    const dir = tree.make('in', {
      'server.cfg': `${SERVER}!include out.inc\n!include fifo.inc\n!propmap zero.inc\n!include ../outside/secret.inc\n`,
      'out.inc': { symlink: '../outside/secret.inc' },
      'fifo.inc': { fifo: true },
      'zero.inc': { symlink: '/dev/zero' },
    });
    const d = await loadDir(dir, 'zarafa');
    expect(d.targets.get('out.inc')).toMatchObject({ kind: 'outside', directory: false });
    expect(d.targets.get('fifo.inc')).toEqual({ kind: 'special' });
    expect(d.targets.get('zero.inc')).toMatchObject({ kind: 'outside', real: '/dev/zero' });
    expect([...d.targets.keys()].some((k) => k.includes('..'))).toBe(false); // an argument out of the directory is the plan's to report
    expect(texts(d)).not.toContain('OUTSIDE-SECRET');
  });

  it('a 5,000-deep include chain: no RangeError; read to the depth limit, the next target too-deep', async () => {
    tree = new TmpTree();
    const entries: Record<string, string> = { 'server.cfg': `${SERVER}!include c0.inc\n` };
    for (let i = 0; i < 5000; i++) entries[`c${i}.inc`] = `log_level = ${i % 7}\n!include c${i + 1}.inc\n`;
    const dir = tree.make('in', entries);
    const d = await loadDir(dir, 'zarafa');
    expect(d.files.has('c63.inc')).toBe(true);
    expect(d.files.has('c64.inc')).toBe(false);
    expect(d.targets.get('c64.inc')).toEqual({ kind: 'too-deep', limit: 64 });
    expect(d.files.size).toBe(65);
  }, 60_000);
});

describe('load: StrictModes', () => {
  it('an input directory others can write is refused (INPUT_UNSAFE_PERMISSIONS); the Kopano one with its own code', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', { 'server.cfg': SERVER });
    chmodSync(dir, 0o777);
    const e = await refusal(loadDir(dir, 'zarafa'));
    expect(e.code).toBe('INPUT_UNSAFE_PERMISSIONS');
    expect(e.message).toMatch(/writable by all users \(mode 0777\).*chmod go-w/);
    expect((await refusal(loadDir(dir, 'kopano'))).code).toBe('KOPANO_DIR_UNSAFE_PERMISSIONS');
    chmodSync(dir, 0o775);
    expect((await refusal(loadDir(dir, 'zarafa'))).message).toMatch(/writable by its group/);
  });

  it('a group-writable subdirectory a file is read from is refused, naming it', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', { 'server.cfg': `${SERVER}!include sub/local.inc\n`, 'sub/local.inc': 'log_level = 2\n' });
    chmodSync(`${dir}/sub`, 0o770);
    const e = await refusal(loadDir(dir, 'zarafa'));
    expect([e.code, e.file]).toEqual(['INPUT_UNSAFE_PERMISSIONS', `${dir}/sub`]);
  });

  it('a parent others can write: refused unless sticky (as /tmp)', async () => {
    tree = new TmpTree();
    const dir = tree.make('p/in', { 'server.cfg': SERVER });
    chmodSync(tree.path('p'), 0o777);
    expect((await refusal(loadDir(dir, 'zarafa'))).message).toMatch(/\/p is writable by all users/);
    chmodSync(tree.path('p'), 0o1777);
    expect((await loadDir(dir, 'zarafa')).found).toEqual(['server.cfg']);
  });

  it('an output directory others can write: OUT_DIR_UNSAFE_PERMISSIONS; a new one in a 0777 parent too', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', { 'server.cfg': SERVER });
    const out = tree.make('out', {});
    chmodSync(out, 0o777);
    expect((await refusal(loadTree({ zarafaDir: dir, outDir: out, readOut: true }))).code).toBe('OUT_DIR_UNSAFE_PERMISSIONS');
    const parent = tree.make('open', {});
    chmodSync(parent, 0o777);
    expect((await refusal(loadTree({ zarafaDir: dir, outDir: `${parent}/new`, readOut: false }))).code).toBe('OUT_DIR_UNSAFE_PERMISSIONS');
    expect(existsSync(`${parent}/new`)).toBe(false);
  });
});

describe('load: the output directory (--check --out, --force)', () => {
  it('its files are read through the same guards: no FIFO hang, no /dev/zero, no symlink out', async () => {
    tree = new TmpTree();
    tree.make('outside', { 'secret.cfg': SECRET });
    const dir = tree.make('in', { 'server.cfg': `${SERVER}!include local.inc\n`, 'local.inc': 'log_level = 1\n', 'gateway.cfg': 'x = 1\n', 'spooler.cfg': 'y = 2\n' });
    const out = tree.make('out', {
      'server.cfg': SERVER, 'local.inc': { fifo: true }, 'gateway.cfg': { symlink: '/dev/zero' }, 'spooler.cfg': { symlink: '../outside/secret.cfg' },
    });
    const t = await loadTree({ zarafaDir: dir, outDir: out, readOut: true });
    expect(t.out).toMatchObject({ exists: true, empty: false });
    expect([...t.out!.files.keys()]).toEqual(['server.cfg']);
    expect(Object.fromEntries([...t.out!.refused].map(([k, v]) => [k, v.kind]))).toEqual({ 'gateway.cfg': 'outside', 'local.inc': 'special', 'spooler.cfg': 'outside' });
    expect(texts(t.out!)).not.toContain('OUTSIDE-SECRET');
  });

  it('without readOut a non-empty output directory is OUT_DIR_NOT_EMPTY, as before; a missing one is empty', async () => {
    tree = new TmpTree();
    const dir = tree.make('in', { 'server.cfg': SERVER });
    const out = tree.make('out', { 'server.cfg': SERVER });
    expect((await refusal(loadTree({ zarafaDir: dir, outDir: out, readOut: false }))).code).toBe('OUT_DIR_NOT_EMPTY');
    const t = await loadTree({ zarafaDir: dir, outDir: tree.path('new'), readOut: true });
    expect(t.out).toMatchObject({ exists: false, empty: true });
    expect(t.out!.files.size).toBe(0);
  });
});
