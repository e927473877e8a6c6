import { constants, type Stats } from 'node:fs';
import { lstat, open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { decodeConfigBytes } from '../cfg/bytes.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { errnoCode } from '../diagnostics/translate-error.js';
import type { DirRoot, LoadedFile, TargetOutcome } from './loaded-tree.js';
import { isWithin } from './input-dir.js';

/**
 * Real config files are a few kilobytes; anything this large is not one, and reading it whole
 * would only waste memory. Judged from the size before anything is read, and again while reading.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Read-only; a symlink as the last component fails instead of being followed; a FIFO opens without waiting for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export type ReadOutcome = { kind: 'file'; file: LoadedFile } | Exclude<TargetOutcome, { kind: 'file' } | { kind: 'too-deep' }>;

/**
 * Read the file at `rel` (POSIX, relative to `root.real`) if it is a regular text file inside the
 * directory, following symlinks that stay inside; otherwise say what it is. Never opens a FIFO,
 * socket or device, never reads a byte of a file outside the directory, also when a directory on
 * the way is swapped for a symlink while this runs (see docs/security.md, "Reading"):
 *
 * 1. realpath, then stat the resolved path: inside? a regular file? small enough?
 * 2. open it O_NOFOLLOW|O_NONBLOCK and fstat the descriptor: the same device and inode as checked?
 * 3. ask the kernel where the descriptor points (/proc/self/fd): still inside the directory?
 * 4. read through the descriptor, fstat again: same inode, size and time as before the read?
 *
 * `checkDir` is called with each directory between the root and the file before the file is
 * opened (the StrictModes check); it throws to refuse.
 */
export async function readWithin(root: DirRoot, rel: string, checkDir?: (realDir: string) => Promise<void>, rawName?: Buffer): Promise<ReadOutcome> {
  const abs = path.join(root.real, ...rel.split('/'));
  let real: string;
  // A name that is not UTF-8 is opened by its bytes: `real` shows it, `byName` is what the calls get.
  let byName: string | Buffer;
  try {
    if (rawName) {
      const dir = await realpath(path.dirname(abs));
      const bytes = Buffer.concat([Buffer.from(`${dir}/`), rawName]);
      if ((await lstat(bytes)).isSymbolicLink()) return { kind: 'unreadable', why: 'a symlink whose name is not UTF-8; rename it' };
      real = path.join(dir, rawName.toString('latin1'));
      byName = bytes;
    } else {
      real = await realpath(abs);
      byName = real;
    }
  } catch (e) {
    return await missingOutcome(e, abs);
  }
  if (!isWithin(root.real, real)) {
    const st = await stat(real).catch(() => undefined);
    return { kind: 'outside', real, directory: st?.isDirectory() ?? false };
  }
  let checked: Stats;
  try {
    checked = await stat(byName);
  } catch (e) {
    return await missingOutcome(e, abs);
  }
  if (checked.isDirectory()) return { kind: 'directory' };
  if (!checked.isFile()) return { kind: 'special' };
  const shown = path.relative(root.real, real).split(path.sep).join('/');
  if (checked.size > MAX_CONFIG_BYTES) {
    return { kind: 'rejected', diagnostic: diagnostic('FILE_TOO_LARGE', 'error', rel, undefined,
      `is ${checked.size} bytes, more than any config file (limit ${MAX_CONFIG_BYTES}); move it out of the directory if it is not a config file`) };
  }
  if (checkDir) {
    for (let dir = path.dirname(real); isWithin(root.real, dir); dir = path.dirname(dir)) {
      await checkDir(dir);
      if (dir === root.real) break;
    }
  }

  let fh: FileHandle;
  try {
    fh = await open(byName, OPEN_FLAGS);
  } catch (e) {
    const code = errnoCode(e) ?? String(e);
    if (code === 'ELOOP') return { kind: 'changed', why: 'it became a symlink after it was checked' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'changed', why: 'it disappeared after it was checked' };
    return { kind: 'unreadable', why: code };
  }
  try {
    const before = await fh.stat();
    if (!before.isFile()) return { kind: 'special' };
    if (before.dev !== checked.dev || before.ino !== checked.ino) {
      return { kind: 'changed', why: 'the file opened is not the one checked' };
    }
    const where = rawName ? await openedDir(fh, real) : await openedPath(fh, real);
    if (where === undefined || !isWithin(root.real, where) || where === root.real) {
      return { kind: 'changed', why: 'a directory on its path was replaced while it was opened' };
    }
    const bytes = await readAtMost(fh, MAX_CONFIG_BYTES + 1, before.size);
    const after = await fh.stat();
    if (after.dev !== before.dev || after.ino !== before.ino || after.size !== before.size ||
      after.mtimeMs !== before.mtimeMs || bytes.length !== before.size) {
      if (bytes.length > MAX_CONFIG_BYTES) {
        return { kind: 'rejected', diagnostic: diagnostic('FILE_TOO_LARGE', 'error', rel, undefined,
          `is more than ${MAX_CONFIG_BYTES} bytes; move it out of the directory if it is not a config file`) };
      }
      return { kind: 'changed', why: 'it was written to while it was read' };
    }
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      return { kind: 'rejected', diagnostic: diagnostic('BINARY_FILE', 'error', rel, lineAt(bytes, nul),
        'contains a NUL byte, so it is not a text config file; remove the NUL bytes or move the file out of the directory') };
    }
    const { text, encoding } = decodeConfigBytes(bytes);
    return {
      kind: 'file',
      file: { path: shown, real, text, encoding, mode: before.mode & 0o7777, uid: before.uid, gid: before.gid, size: bytes.length },
    };
  } catch (e) {
    return { kind: 'unreadable', why: errnoCode(e) ?? String(e) };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Why realpath or stat failed, in the outcome's words (a dangling symlink still exists as a link: say so). */
async function missingOutcome(e: unknown, abs: string): Promise<ReadOutcome> {
  const code = errnoCode(e) ?? String(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const link = await lstat(abs).catch(() => undefined);
    return { kind: 'missing', why: link?.isSymbolicLink() ? 'DANGLING' : 'ENOENT' };
  }
  if (code === 'ELOOP') return { kind: 'missing', why: 'ELOOP' };
  return { kind: 'unreadable', why: code };
}

/**
 * Where the kernel says an open descriptor's file is. Linux keeps it under /proc/self/fd; where
 * that is missing, the checked path resolved once more stands in (a narrower check, documented).
 */
async function openedPath(fh: FileHandle, real: string): Promise<string | undefined> {
  try {
    const p = await readlink(`/proc/self/fd/${fh.fd}`);
    return p.startsWith('/') ? p : undefined;
  } catch {
    const again = await realpath(real).catch(() => undefined);
    if (again === undefined) return undefined;
    const st = await stat(again).catch(() => undefined);
    const fst = await fh.stat();
    return st && st.dev === fst.dev && st.ino === fst.ino ? again : undefined;
  }
}

/**
 * For a file opened by a name that is not UTF-8: the kernel's path with the name as shown (its
 * directory is what the inside check needs; the name's bytes come back from readlink decoded lossily).
 */
async function openedDir(fh: FileHandle, real: string): Promise<string | undefined> {
  const p = await readlink(`/proc/self/fd/${fh.fd}`).catch(() => undefined);
  if (p === undefined) return real;
  return p.startsWith('/') ? path.join(path.dirname(p), path.basename(real)) : undefined;
}

/** Up to `limit` bytes through the descriptor (a file that grows past its stat size is caught by the caller). */
async function readAtMost(fh: FileHandle, limit: number, expected: number): Promise<Buffer> {
  let buf = Buffer.allocUnsafe(Math.min(limit, expected + 1));
  let length = 0;
  for (;;) {
    if (length === buf.length) {
      if (buf.length >= limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(limit, buf.length * 2));
      buf.copy(bigger, 0, 0, length);
      buf = bigger;
    }
    const { bytesRead } = await fh.read(buf, length, buf.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buf.subarray(0, length);
}

/** 1-based line number of byte `offset`. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}
