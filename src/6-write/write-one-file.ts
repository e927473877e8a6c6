import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from './durable.js';
import { acquireLock } from './lock.js';
import { besideStagingPrefix } from './plan.js';
import { StepError } from './step-error.js';

/**
 * Write one file atomically (the runbook): its lock and its temp file sit beside it, in its own
 * directory (the one place a user who may write the file is sure to be able to write too, e.g. a
 * home directory), never in the directory above. The temp file is created O_EXCL, 0600 until its
 * final mode, fsync'ed, renamed over the file, and the directory fsync'ed: the file holds its old
 * bytes or the new ones. Its directory is made when missing. A temp file a killed run left is removed under the lock. Throws
 * {@link StepError} naming the file, or the lock's TranslateError.
 */
export async function writeOneFile(file: string, bytes: Uint8Array, mode: number): Promise<void> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const prefix = besideStagingPrefix(path.basename(abs));
  // A missing directory is made (mkdir -p), as for --out; the lock needs it to exist.
  await mkdir(dir, { recursive: true, mode: 0o755 }).catch((e: unknown) => { throw new StepError(dir, { cause: e }); });
  const lock = await acquireLock(abs);
  try {
    for (const name of await readdir(dir).catch(() => [])) {
      if (name.startsWith(prefix)) await rm(path.join(dir, name), { force: true });
    }
    const st = await lstat(abs).catch(() => undefined);
    if (st?.isDirectory()) throw new StepError(abs, { cause: Object.assign(new Error('a directory is in the way'), { code: 'EISDIR' }) });
    const temp = path.join(dir, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      const fh = await open(temp, 'wx', 0o600);
      try {
        await fh.writeFile(bytes);
        await fh.chmod(mode);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(temp, abs);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e instanceof StepError ? e : new StepError(abs, { cause: e });
    }
    await syncDir(dir).catch((e: unknown) => { throw new StepError(dir, { cause: e }); });
  } finally {
    await lock.release();
  }
}
