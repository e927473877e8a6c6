import { hostname } from 'node:os';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';
import { syncDir } from './durable.js';
import { lockName } from './plan.js';

/** What a lock file holds: who took it, where, when. */
interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/**
 * A lock file younger than this that cannot be parsed (empty: its owner was killed between creating
 * and writing it, or is writing it right now) is being written; older, it is stale. Writing the few
 * bytes takes microseconds, so a moment is enough, judged by the file's mtime.
 */
const UNREADABLE_LOCK_GRACE_MS = 2_000;

/** The held lock: release it once, at the end of the write. */
export interface HeldLock {
  path: string;
  notices: Diagnostic[];
  release(): Promise<void>;
}

/**
 * Take the output's lock: `<parent>/.<name>.zarafa2kopano.lock`, created with O_EXCL, holding pid,
 * host and start time. A lock whose pid is gone on this host (or that is unreadable and old) is
 * stale: taken over with a notice. Any other lock: OUT_DIR_LOCKED (exit 2). The lock sits beside the
 * output, not in it, so one name serves a directory that does not exist yet and one that does.
 */
export async function acquireLock(outDir: string): Promise<HeldLock> {
  const lockPath = path.join(path.dirname(outDir), lockName(path.basename(outDir)));
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const notices: Diagnostic[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(lockPath, 'wx', 0o600);
      try {
        await fh.writeFile(`${JSON.stringify(me)}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await syncDir(path.dirname(lockPath));
      return {
        path: lockPath,
        notices,
        release: async () => {
          await unlink(lockPath).catch(() => undefined);
          await syncDir(path.dirname(lockPath)).catch(() => undefined);
        },
      };
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') {
        throw new TranslateError('WRITE_FAILED', lockPath, `the lock file could not be created (${errnoCode(e) ?? String(e)}); nothing was written`, undefined, { cause: e });
      }
    }
    const held = await readOwner(lockPath);
    if (held === 'gone') continue;
    if (!isStale(held)) throw locked(outDir, lockPath, held);
    // Move the stale lock aside and look again at what was moved: another run may have taken it over
    // and put its own lock there since we read it; that one must not be removed.
    const aside = `${lockPath}.stale-${process.pid}`;
    try {
      await rename(lockPath, aside);
    } catch {
      continue;
    }
    const moved = await readOwner(aside);
    if (moved !== 'gone' && !isStale(moved)) {
      await rename(aside, lockPath).catch(() => undefined);
      throw locked(outDir, lockPath, moved);
    }
    await unlink(aside).catch(() => undefined);
    notices.push(diagnostic('OUT_DIR_STALE_LOCK', 'warning', outDir, undefined,
      held.owner ? `an earlier run (pid ${held.owner.pid}, started ${held.owner.started}) was killed while writing here; its lock was taken over and its leftovers are cleaned up`
        : 'an unreadable lock file from a killed run was taken over; its leftovers are cleaned up'));
  }
  throw new TranslateError('OUT_DIR_LOCKED', outDir, `another run keeps taking the lock ${lockPath}; wait for it to finish and run again`);
}

type ReadOwner = 'gone' | { owner?: LockOwner; mtimeMs: number };

async function readOwner(file: string): Promise<ReadOwner> {
  try {
    const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    try {
      const v = JSON.parse(text) as Partial<LockOwner>;
      if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.started === 'string') {
        return { owner: { pid: v.pid, host: v.host, started: v.started }, mtimeMs: st.mtimeMs };
      }
    } catch { /* unreadable: judged by age */ }
    return { mtimeMs: st.mtimeMs };
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return 'gone';
    throw new TranslateError('OUT_DIR_LOCKED', file, `the lock file cannot be read (${errnoCode(e) ?? String(e)}); if no run is writing, remove it`, undefined, { cause: e });
  }
}

/** Stale: its owner is not running on this host. A lock from another host (a shared filesystem) is never judged stale. */
function isStale(held: { owner?: LockOwner; mtimeMs: number }): boolean {
  if (!held.owner) return Date.now() - held.mtimeMs > UNREADABLE_LOCK_GRACE_MS;
  if (held.owner.host !== hostname()) return false;
  if (held.owner.pid === process.pid) return false;
  try {
    process.kill(held.owner.pid, 0);
    return false;
  } catch (e) {
    return errnoCode(e) === 'ESRCH';
  }
}

function locked(outDir: string, lockPath: string, held: { owner?: LockOwner }): TranslateError {
  const who = held.owner ? `pid ${held.owner.pid} on ${held.owner.host}, started ${held.owner.started}` : 'a run that is starting';
  return new TranslateError('OUT_DIR_LOCKED', outDir,
    `another run (${who}) is writing this directory; wait for it to finish. If no such run exists, remove ${lockPath}; nothing was written`);
}
