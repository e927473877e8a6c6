/**
 * Runs the real CLI (the package's bin, test/helpers/bin.ts) as a child process against directories built in a temp
 * workspace, and fingerprints trees so a test can prove nothing was written or changed.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { BIN, ROOT } from '../helpers/bin.js';
import { fingerprint } from '../helpers/tree-fingerprint.js';

export { fingerprint };

export { ROOT };
const CLI = BIN;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    const st = statSync(abs);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(abs) : st.mtimeMs);
  }
  return newest;
}

function distIsStale(): boolean {
  return !existsSync(CLI) || newestMtime(path.join(ROOT, 'src')) > statSync(CLI).mtimeMs;
}

/**
 * `npm test` builds first; a lone `vitest run test/hostile` may find dist older than src, so build
 * then. A lock directory keeps parallel test files from running tsc at the same time. tsc still
 * emits when another file fails to type-check; the check is that dist is fresh afterwards.
 */
export async function ensureBuilt(): Promise<void> {
  if (!distIsStale()) return;
  const lock = path.join(ROOT, 'node_modules', '.z2k-hostile-build.lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!distIsStale()) return;
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const bundle = path.join(ROOT, 'scripts', 'build-bin.mjs');
    const run = (args: string[]) => new Promise<string>((resolve) => {
      execFile(process.execPath, args, { cwd: ROOT }, (_e, stdout, stderr) => resolve(stdout + stderr));
    });
    const output = (await run([tsc, '-p', 'tsconfig.json'])) + (await run([bundle]));
    if (distIsStale()) throw new Error(`building dist/ failed:\n${output}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Run as this user and group (only when the test runs as root). */
  uid?: number;
  gid?: number;
}

/** Run `zarafa2kopano ...args`; a hang fails the test after 60 s instead of blocking the suite. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** A file's bytes, a symlink, or a directory to create. */
export type Entry = string | Buffer | { symlink: string } | { dir: true };

/** A temp directory per test; `dispose` removes it (FIFOs and read-only bits included). */
export class Workspace {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(path.join(tmpdir(), 'z2k-hostile-'));
  }

  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  /** Create `entries` under `rel` (parents made as needed) and return its absolute path. */
  tree(rel: string, entries: Record<string, Entry>): string {
    const dir = this.path(rel);
    mkdirSync(dir, { recursive: true });
    for (const [name, entry] of Object.entries(entries)) {
      const abs = path.join(dir, name);
      mkdirSync(path.dirname(abs), { recursive: true });
      if (typeof entry === 'string' || Buffer.isBuffer(entry)) writeFileSync(abs, entry);
      else if ('symlink' in entry) symlinkSync(entry.symlink, abs);
      else mkdirSync(abs, { recursive: true });
    }
    return dir;
  }

  dispose(): void {
    chmodSync(this.root, 0o700);
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Run the CLI on `input` and check the input tree is byte-identical afterwards (and `also`,
 * trees the run must not touch either, such as an existing output directory).
 */
export async function runUntouched(input: string, args: readonly string[], options: RunOptions & { also?: string[] } = {}): Promise<CliResult> {
  const watched = [input, ...(options.also ?? [])].filter((d) => existsSync(d) && lstatSync(d).isDirectory());
  const before = watched.map(fingerprint);
  const result = await runCli(args, options);
  expect(watched.map(fingerprint), 'a directory the run must not touch changed').toEqual(before);
  // An uncaught exception is never the answer to bad input.
  expect(result.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
  return result;
}

/**
 * The run was refused the way the contract says: exit 2, and one stderr line
 * `<file>[:<line>]: error <CODE>: <message>` whose message says what to do.
 */
export function expectRefused(result: CliResult, code: string, file: string, line: number | undefined, todo: RegExp): string {
  expect(result.code, result.stderr).toBe(2);
  const where = line === undefined ? file : `${file}:${line}`;
  const found = result.stderr.split('\n').find((l) => l.includes(`${where}: error ${code}:`));
  expect(found, `no "${where}: error ${code}:" line in:\n${result.stderr}`).toBeDefined();
  expect(found).toMatch(todo);
  return found!;
}

/** A warning or info line `<file>[:<line>]: <severity> <CODE>: <message>` in the report. */
export function expectReported(result: CliResult, severity: 'warning' | 'info', code: string, file: string, line: number | undefined, todo?: RegExp): string {
  const where = line === undefined ? file : `${file}:${line}`;
  // One line per finding, or (the report groups repeated findings of one code) one line listing every place.
  const found = result.stderr.split('\n').find((l) => {
    const m = new RegExp(`^ {2}(.*): ${severity} ${code}(:| \\(\\d+, as the first says\\):)`).exec(l);
    return m !== null && m[1]!.split(', ').includes(where);
  });
  expect(found, `no "${where}: ${severity} ${code}:" line in:\n${result.stderr}`).toBeDefined();
  if (todo) expect(found).toMatch(todo);
  return found!;
}

/** A small ZCP 7.2 directory in which every file needs a change. */
export const ZARAFA: Record<string, string> = {
  'server.cfg': '# server\nserver_name = mail01\npid_file = /var/run/zarafa-server.pid\nlog_file = /var/log/zarafa/server.log\n',
  'gateway.cfg': 'server_socket = http://localhost:236/zarafa\npid_file = /var/run/zarafa-gateway.pid\n',
  'spooler.cfg': 'server_socket = file:///var/run/zarafa\npid_file = /var/run/zarafa-spooler.pid\n',
};
