import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { errnoCode } from '../diagnostics/translate-error.js';
import type { SourceMeta } from './plan.js';

/** fsync a directory, so the names created, renamed or removed in it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Give an open file or directory its final owner and mode. Owner first: chown may clear set-id bits
 * the chmod then sets. Not root: the owner stays the runner; the group is set when the runner may
 * (a member of it), else the group bits are dropped, so no group the source did not name can read it.
 */
export async function applyMeta(fh: FileHandle, meta: SourceMeta & { keepOwner?: boolean }): Promise<void> {
  let mode = meta.mode & 0o7777;
  if (meta.keepOwner && meta.uid !== undefined && meta.gid !== undefined) {
    // A replaced file's owner and group are kept exactly, or the write fails (EPERM when not root).
    const st = await fh.stat();
    if (st.uid !== meta.uid || st.gid !== meta.gid) await fh.chown(meta.uid, meta.gid);
  } else if (meta.gid !== undefined) {
    const root = process.getuid?.() === 0;
    const st = await fh.stat();
    const uid = root && meta.uid !== undefined ? meta.uid : st.uid;
    if (uid !== st.uid || meta.gid !== st.gid) {
      try {
        await fh.chown(uid, meta.gid);
      } catch (e) {
        if (root || errnoCode(e) !== 'EPERM') throw e;
        mode &= ~0o070;
      }
    }
  }
  await fh.chmod(mode);
}

/** Run `fn` over `items`, `limit` at a time; after the first failure no new item starts, and that failure is thrown once all running ones ended. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { e: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const i = next++;
      try {
        await fn(items[i]!, i);
      } catch (e) {
        failure ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.e;
}

/** Enough writes in flight to hide fsync latency, few enough for a small machine. */
export const WRITE_CONCURRENCY = 8;
