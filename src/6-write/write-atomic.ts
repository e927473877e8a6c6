import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { chmod, chown, link, lstat, mkdir, open, readFile, rename, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';

/** One file to write: path relative to the output directory, its bytes and permission bits. */
export interface PlannedWrite {
  path: string;
  bytes: Uint8Array;
  mode: number;
}

/** What a write did: the paths (as planned) renamed into place, and those left alone because they already held the same bytes and mode. */
export interface WriteOutcome {
  written: string[];
  unchanged: string[];
}

/**
 * Write every file into `outDir` or none of them. Two phases: first each file goes to a temp file
 * beside its target (so the final rename is atomic on the same filesystem); only when all are
 * written are they renamed into place. A failure at any point removes what this run created and
 * puts back files it replaced (kept as hard links until the end), then throws
 * {@link TranslateError} WRITE_FAILED naming the file.
 *
 * - Nothing is written through a symlink below `outDir`: a directory component that is a symlink
 *   throws OUT_DIR_SYMLINK before anything is created; a symlink at a file's own path is replaced
 *   by the file (rename(2) replaces the link, never its target).
 * - A file that already holds exactly the planned bytes and mode is left alone (not renamed).
 * - A replaced regular file's owner and group carry over to the new file, so a daemon that could
 *   read its config still can; when they cannot be kept (not root), the write fails.
 */
export async function writeFilesAtomically(outDir: string, writes: readonly PlannedWrite[]): Promise<WriteOutcome> {
  for (const w of writes) await refuseSymlinkedDirs(outDir, w.path);
  const createdDirs: string[] = [];
  const temps = new Map<string, string>(); // target → temp
  const backups = new Map<string, string>(); // target → hard link to the file it replaced
  const placed: string[] = [];
  const outcome: WriteOutcome = { written: [], unchanged: [] };
  const relOf = new Map<string, string>();
  let current = outDir;
  try {
    await ensureDir(outDir, createdDirs);
    for (const w of writes) {
      const target = path.join(outDir, ...w.path.split('/'));
      current = target;
      const existing = await lstat(target).catch(() => undefined);
      if (existing && await holdsAlready(target, existing, w)) {
        outcome.unchanged.push(w.path);
        continue;
      }
      await ensureDir(path.dirname(target), createdDirs);
      const temp = siblingName(target, 'tmp');
      temps.set(target, temp);
      relOf.set(target, w.path);
      const fh = await open(temp, 'wx', 0o600);
      try {
        await fh.writeFile(w.bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      // Owner first: chown may clear set-id bits that the chmod below then sets as planned.
      if (existing?.isFile()) await keepOwner(temp, existing);
      // chmod after writing: the umask must not change the mode the source file had.
      await chmod(temp, w.mode);
    }
    for (const [target, temp] of temps) {
      current = target;
      const existing = await lstat(target).catch(() => undefined);
      if (existing?.isDirectory()) {
        throw Object.assign(new Error('a directory is in the way'), { code: 'EISDIR' });
      }
      if (existing) {
        // link(2) does not follow a symlink, so a replaced link is restored as the link it was.
        const backup = siblingName(target, 'bak');
        await link(target, backup);
        backups.set(target, backup);
      }
      await rename(temp, target);
      temps.delete(target);
      placed.push(target);
      outcome.written.push(relOf.get(target)!);
    }
  } catch (e) {
    await rollBack(temps, placed, backups, createdDirs);
    throw new TranslateError('WRITE_FAILED', current,
      `could not be written (${errnoCode(e) ?? String(e)}); nothing was left in ${outDir} by this run`, undefined, { cause: e });
  }
  for (const backup of backups.values()) await unlink(backup).catch(() => undefined);
  return outcome;
}

/** Throws OUT_DIR_SYMLINK when a directory between `outDir` and the file at `rel` is a symlink. */
async function refuseSymlinkedDirs(outDir: string, rel: string): Promise<void> {
  const parts = rel.split('/');
  let at = outDir;
  for (const part of parts.slice(0, -1)) {
    at = path.join(at, part);
    const st = await lstat(at).catch(() => undefined);
    if (!st) return; // missing from here on: the run creates real directories
    if (st.isSymbolicLink()) {
      throw new TranslateError('OUT_DIR_SYMLINK', at,
        `is a symbolic link inside the output directory ${outDir}; files are never written through one (it may lead outside, even into the input). Remove the link or choose another --out; nothing was written`);
    }
    if (!st.isDirectory()) return; // a file in the way: the write fails with ENOTDIR and rolls back
  }
}

/** Whether the regular file at `target` already has the planned bytes and permission bits. */
async function holdsAlready(target: string, existing: Stats, w: PlannedWrite): Promise<boolean> {
  if (!existing.isFile() || existing.size !== w.bytes.length || (existing.mode & 0o7777) !== (w.mode & 0o7777)) return false;
  const bytes = await readFile(target).catch(() => undefined);
  return bytes !== undefined && Buffer.compare(bytes, w.bytes) === 0;
}

/** Give `temp` the owner and group of the file it will replace (a no-op when they match already). */
async function keepOwner(temp: string, replaced: Stats): Promise<void> {
  const st = await lstat(temp);
  if (st.uid === replaced.uid && st.gid === replaced.gid) return;
  await chown(temp, replaced.uid, replaced.gid);
}

async function rollBack(temps: Map<string, string>, placed: string[], backups: Map<string, string>, createdDirs: string[]): Promise<void> {
  for (const temp of temps.values()) await unlink(temp).catch(() => undefined);
  for (const target of placed.reverse()) {
    const backup = backups.get(target);
    if (backup) await rename(backup, target).catch(() => undefined);
    else await unlink(target).catch(() => undefined);
  }
  for (const [target, backup] of backups) if (!placed.includes(target)) await unlink(backup).catch(() => undefined);
  for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
}

/** mkdir -p that records each directory it creates, outermost first. */
async function ensureDir(dir: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    const st = await lstat(at).catch(() => undefined);
    if (st) break;
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const d of missing.reverse()) {
    await mkdir(d);
    created.push(d);
  }
}

function siblingName(target: string, kind: 'tmp' | 'bak'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.z2k-${process.pid}-${randomBytes(4).toString('hex')}.${kind}`);
}
