/**
 * Shared by the kill tests: a generated many-file Zarafa directory, the real CLI as a child
 * process, and what "complete" means (the exact tree a normal run writes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN } from '../helpers/bin.js';
import { makeRng, type Rng } from '../helpers/generate.js';

/** `count` small config files, a third of them in a 0700 subdirectory; `variant` changes every file's bytes. */
export function generateManyFiles(dir: string, count: number, seed: number, variant: string): void {
  const r: Rng = makeRng(seed);
  mkdirSync(path.join(dir, 'sub'), { recursive: true, mode: 0o700 });
  for (let i = 0; i < count; i++) {
    const rel = i % 3 === 0 ? `sub/f${i}.cfg` : `f${i}.cfg`;
    const lines = [`# generated ${variant} ${i}`, `log_file = /var/log/zarafa/${variant}-${r.int(1e6)}.log`, `server_name = n${r.int(1e6)}`];
    if (r.chance(0.3)) lines.push(`mysql_password = secret-${r.int(1e6)}`);
    writeFileSync(path.join(dir, rel), `${lines.join('\n')}\n`, { mode: i % 5 === 0 ? 0o600 : 0o640 });
  }
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** The CLI as a child; `finished` settles on exit. */
export function startCli(args: readonly string[]): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const finished = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, finished };
}

export async function runCli(args: readonly string[]): Promise<Finished> {
  return startCli(args).finished;
}

/** Milliseconds a function's promise takes. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}
