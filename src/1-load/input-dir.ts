import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';

/** The directory being translated: as given, absolute, and with symlinks resolved. */
export interface InputDir {
  given: string;
  abs: string;
  real: string;
}

/**
 * Check that `dir` is a readable directory and resolve it. Throws {@link TranslateError}
 * (INPUT_NOT_FOUND, INPUT_NOT_A_DIRECTORY, INPUT_UNREADABLE) naming the directory.
 */
export async function openInputDir(dir: string): Promise<InputDir> {
  const abs = path.resolve(dir);
  let real: string;
  try {
    real = await realpath(abs);
    if (!(await stat(real)).isDirectory()) {
      throw new TranslateError('INPUT_NOT_A_DIRECTORY', dir,
        'is not a directory; give the Zarafa configuration directory (e.g. /etc/zarafa), not a file in it');
    }
    await readdir(real);
  } catch (e) {
    if (e instanceof TranslateError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new TranslateError('INPUT_NOT_FOUND', dir, 'no such directory; check the path to the Zarafa configuration directory', undefined, { cause: e });
    }
    if (code === 'ELOOP') {
      throw new TranslateError('INPUT_NOT_FOUND', dir, 'the path is a symlink loop; give the Zarafa configuration directory itself (e.g. /etc/zarafa)', undefined, { cause: e });
    }
    throw new TranslateError('INPUT_UNREADABLE', dir, `cannot read the directory (${code ?? String(e)}); run as a user who can read it`, undefined, { cause: e });
  }
  return { given: dir, abs, real };
}

/** True when `candidate` is `dir` itself or lies below it (both absolute and normalised). */
export function isWithin(dir: string, candidate: string): boolean {
  const rel = path.relative(dir, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** True when `candidate` lies strictly below `dir`. */
export function isStrictlyWithin(dir: string, candidate: string): boolean {
  return candidate !== dir && isWithin(dir, candidate);
}

/** POSIX form of a path relative to the input directory (what diagnostics and diffs show). */
export function toRelative(input: InputDir, realAbs: string): string {
  return path.relative(input.real, realAbs).split(path.sep).join('/');
}

/** Where a path relative to the input directory lives on disk, before symlinks are resolved. */
export function absoluteOf(input: InputDir, rel: string): string {
  return path.join(input.real, ...rel.split('/'));
}

export type Resolved =
  | { kind: 'file'; real: string; mode: number; size: number }
  | { kind: 'directory' }
  | { kind: 'missing'; why: 'ENOENT' | 'ELOOP' | 'EACCES' | string }
  | { kind: 'outside'; real: string }
  | { kind: 'special' };

/**
 * What a path relative to the input directory is, following symlinks but never reading
 * anything that resolves outside the directory.
 */
export async function resolveWithin(input: InputDir, rel: string): Promise<Resolved> {
  const abs = absoluteOf(input, rel);
  let real: string;
  try {
    real = await realpath(abs);
  } catch (e) {
    const code = errnoCode(e) ?? String(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // A dangling symlink still exists as a link: say so rather than "missing".
      const link = await lstat(abs).catch(() => undefined);
      return { kind: 'missing', why: link?.isSymbolicLink() ? 'DANGLING' : 'ENOENT' };
    }
    return { kind: 'missing', why: code };
  }
  if (!isWithin(input.real, real)) return { kind: 'outside', real };
  const st = await stat(real).catch(() => undefined);
  if (!st) return { kind: 'missing', why: 'ENOENT' };
  if (st.isDirectory()) return { kind: 'directory' };
  if (!st.isFile()) return { kind: 'special' };
  return { kind: 'file', real, mode: st.mode & 0o7777, size: st.size };
}
