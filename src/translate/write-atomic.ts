import { randomBytes } from 'node:crypto';
import { chmod, link, lstat, mkdir, open, rename, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, TranslateError } from './translate-error.js';

/** One file to write: path relative to the output directory, its bytes and permission bits. */
export interface PlannedWrite {
  path: string;
  bytes: Uint8Array;
  mode: number;
}

/**
 * Write every file into `outDir` or none of them. Two phases: first each file goes to a temp file
 * beside its target (so the final rename is atomic on the same filesystem); only when all are
 * written are they renamed into place. A failure at any point removes what this run created and
 * puts back files it replaced (kept as hard links until the end), then throws
 * {@link TranslateError} WRITE_FAILED naming the file.
 */
export async function writeFilesAtomically(outDir: string, writes: readonly PlannedWrite[]): Promise<void> {
  const createdDirs: string[] = [];
  const temps = new Map<string, string>(); // target → temp
  const backups = new Map<string, string>(); // target → hard link to the file it replaced
  const placed: string[] = [];
  let current = outDir;
  try {
    await ensureDir(outDir, createdDirs);
    for (const w of writes) {
      const target = path.join(outDir, ...w.path.split('/'));
      current = target;
      await ensureDir(path.dirname(target), createdDirs);
      const temp = siblingName(target, 'tmp');
      temps.set(target, temp);
      const fh = await open(temp, 'wx', 0o600);
      try {
        await fh.writeFile(w.bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
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
        const backup = siblingName(target, 'bak');
        await link(target, backup);
        backups.set(target, backup);
      }
      await rename(temp, target);
      temps.delete(target);
      placed.push(target);
    }
  } catch (e) {
    await rollBack(temps, placed, backups, createdDirs);
    throw new TranslateError('WRITE_FAILED', current,
      `could not be written (${errnoCode(e) ?? String(e)}); nothing was left in ${outDir} by this run`, undefined, { cause: e });
  }
  for (const backup of backups.values()) await unlink(backup).catch(() => undefined);
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
