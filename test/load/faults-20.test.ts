/**
 * Read guards and small faults of issue 20 item 8: each case a run that used to say nothing, say
 * the wrong thing, or crash.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { main } from '../../src/cli/main.js';
import { writeOutput } from '../../src/6-write/write-output.js';
import { SMALL_ZARAFA, makeTree } from '../dir/helpers.js';

const fault = vi.hoisted(() => ({ readdir: undefined as string | undefined }));

// node:fs's callback readdir is what discovery lists directories with: fail it for one directory.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readdir = ((p: string, ...rest: unknown[]) => {
    const cb = rest[rest.length - 1] as (e: NodeJS.ErrnoException | null, x?: unknown) => void;
    if (fault.readdir !== undefined && p === fault.readdir) {
      process.nextTick(() => cb(Object.assign(new Error('EIO (injected)'), { code: 'EIO' })));
      return;
    }
    (real.readdir as (...a: unknown[]) => void)(p, ...rest);
  }) as typeof real.readdir;
  return { ...real, default: { ...real, readdir }, readdir };
});

const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-faults-20-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--target', '8.7', ...argv], {
    stdout: { write: (s: string | Uint8Array) => { stdout += typeof s === 'string' ? s : Buffer.from(s).toString('latin1'); } },
    stderr: { write: (s: string) => { stderr += s; } }, env: { NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

const codesOf = async (dir: string) => (await translateConfigDir(dir, { target: '8.7' })).diagnostics.map((d) => `${d.file} ${d.code}`);

describe('!include with only a blank after it', () => {
  it('is DIRECTIVE_WITHOUT_PATH alone, no INCLUDE_IS_DIRECTORY', async () => {
    const dir = makeTree({ ...SMALL_ZARAFA, 'server.cfg': `${SMALL_ZARAFA['server.cfg']}!include \n` });
    const codes = await codesOf(dir);
    expect(codes).toContain('server.cfg DIRECTIVE_WITHOUT_PATH');
    expect(codes.filter((c) => /INCLUDE_/.test(c))).toEqual([]);
  });
});

describe('config.php under the input: the guards and codes of *.cfg files', () => {
  it.each([
    ['binary', 'BINARY_FILE', (p: string) => writeFileSync(p, "<?php\ndefine('A', 'b');\0\n")],
    ['oversized', 'FILE_TOO_LARGE', (p: string) => { writeFileSync(p, ''); truncateSync(p, 5 * 1024 * 1024); }],
    ['a FIFO', 'NOT_A_REGULAR_FILE', (p: string) => execFileSync('mkfifo', [p])],
    ['a symlink out of the directory', 'SYMLINK_OUTSIDE_INPUT', (p: string) => execFileSync('ln', ['-s', '/etc/hostname', p])],
  ])('%s: %s, not skipped in silence', async (_label, code, make) => {
    const dir = makeTree(SMALL_ZARAFA);
    mkdirSync(path.join(dir, 'webapp'));
    make(path.join(dir, 'webapp', 'config.php'));
    expect(await codesOf(dir)).toContain(`webapp/config.php ${code}`);
  });
});

describe('a directory that cannot be listed (EIO)', () => {
  it('the input: exit 2 INPUT_UNREADABLE naming it, no stack trace', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    fault.readdir = dir;
    const r = await cli([dir]).finally(() => { fault.readdir = undefined; });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`zarafa2kopano: ${dir}: error INPUT_UNREADABLE: cannot be listed (EIO); check the disk and the permissions, then run again; nothing was written\n`);
  });

  it('the output read by --check --out: exit 2 OUT_DIR_UNUSABLE naming it', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const out = path.join(tmp, 'eio-out');
    expect((await cli(['--out', out, dir])).code).toBe(0);
    fault.readdir = out;
    const r = await cli(['--check', '--out', out, dir]).finally(() => { fault.readdir = undefined; });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^zarafa2kopano: ${out}: error OUT_DIR_UNUSABLE: cannot be listed \\(EIO\\)`));
  });
});

describe('--check --out with an output file that cannot be read', () => {
  it('warns OUT_FILE_NOT_COMPARED for it, and still counts it as would change', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const out = path.join(tmp, 'check-fifo');
    expect((await cli(['--out', out, dir])).code).toBe(0);
    rmSync(path.join(out, 'server.cfg'));
    execFileSync('mkfifo', [path.join(out, 'server.cfg')]);
    const r = await cli(['--check', '--out', out, dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Would change \(1\)\n {2}server\.cfg\nCheck: 1 of \d+ files? would change \(compared with .*\); 1 of them could not be read there, so it was not compared \(OUT_FILE_NOT_COMPARED\); --diff shows how\.\n/);
    const json = await cli(['--check', '--out', out, '--json', dir]);
    const d = (JSON.parse(json.stdout) as { diagnostics: { file: string; code: string; severity: string; message: string }[] }).diagnostics.find((x) => x.code === 'OUT_FILE_NOT_COMPARED');
    expect(d).toMatchObject({ file: `${out}/server.cfg`, severity: 'warning' });
    expect(d!.message).toMatch(/^exists in the output directory but could not be read \(not a regular file\)/);
  });
});

describe('an empty lock file', () => {
  it('older than a moment (its mtime 5 s ago) is stale: taken over, the run writes', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const parent = path.join(tmp, 'empty-lock');
    mkdirSync(parent);
    const lock = path.join(parent, '.kopano.zarafa2kopano.lock');
    writeFileSync(lock, '');
    const past = new Date(Date.now() - 5000);
    utimesSync(lock, past, past);
    const r = await cli(['--out', path.join(parent, 'kopano'), dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/OUT_DIR_STALE_LOCK/);
    expect(readdirSync(parent)).toEqual(['kopano']);
  });

  it('a fresh one is a run that is starting: OUT_DIR_LOCKED', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const parent = path.join(tmp, 'fresh-lock');
    mkdirSync(parent);
    writeFileSync(path.join(parent, '.kopano.zarafa2kopano.lock'), '');
    const r = await cli(['--out', path.join(parent, 'kopano'), dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/OUT_DIR_LOCKED: another run \(a run that is starting\)/);
  });
});

describe('OUT_DIR_NOT_EMPTY for a run that lost the race', () => {
  it('with --force given, does not tell it to pass --force', async () => {
    const out = path.join(tmp, 'race');
    mkdirSync(out);
    writeFileSync(path.join(out, 'server.cfg'), 'written by another run\n');
    const plan = { outDir: out, mode: 'create' as const, files: [{ path: 'server.cfg', bytes: new Uint8Array([10]), mode: 0o640 }], dir: { mode: 0o755 } };
    await expect(writeOutput({ ...plan, forced: true })).rejects.toThrow(/^was empty or missing when this run read it, and was filled by another run or program while this run translated; run again once that one is done/);
    await expect(writeOutput({ ...plan, forced: true })).rejects.not.toThrow(/pass --force/);
    await expect(writeOutput(plan)).rejects.toThrow(/or pass --force/);
  });
});

describe('a file name that is not UTF-8', () => {
  it('caf\\xe9.cfg is read by its bytes (shown one latin-1 character per byte), not FILE_UNREADABLE', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    writeFileSync(Buffer.from(`${dir}/caf\xe9.cfg`, 'latin1'), 'log_file = /var/log/zarafa/cafe.log\n');
    const r = await translateConfigDir(dir, { target: '8.7' });
    expect(r.diagnostics.filter((d) => d.code === 'FILE_UNREADABLE')).toEqual([]);
    const f = r.files.find((x) => x.source === 'caf\xe9.cfg');
    expect(f?.input).toBe('log_file = /var/log/zarafa/cafe.log\n');
  });
});
