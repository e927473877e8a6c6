import type { Stats } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { applyMeta, forEachLimited, syncDir, WRITE_CONCURRENCY } from './durable.js';
import { dirMeta, dirsOf, replacedDirMeta } from './meta.js';
import { besideStagingPrefix, type SourceMeta, type WritePlan } from './plan.js';
import type { SignalGuard } from './signal-guard.js';
import { AfterCommitError, StepError } from './step-error.js';

/**
 * A new output directory: built complete in a staging directory beside it (same parent, so the
 * same filesystem; mode 0700 while it is built, every file 0600 until its final mode), every file
 * and directory fsync'ed, then renamed into place in one rename(2), and the parent fsync'ed. An
 * existing empty directory at that place is replaced by the same rename (rename(2) replaces an
 * empty directory atomically; a non-empty one makes it fail, and nothing is written).
 * `existing` is the empty directory's stat, when there is one. On any failure the staging
 * directory is removed: the output is never seen half built.
 */
export async function buildBeside(plan: WritePlan, existing: Stats | undefined, guard: SignalGuard, onFile: (path: string) => void): Promise<string[]> {
  const parent = path.dirname(plan.outDir);
  const staging = await mkdtemp(path.join(parent, `${besideStagingPrefix(path.basename(plan.outDir))}${process.pid}-`));
  try {
    const dirs = dirsOf(plan.files.map((f) => f.path));
    for (const d of dirs) await mkdir(path.join(staging, ...d.split('/')), { mode: 0o700 });
    await forEachLimited(plan.files, WRITE_CONCURRENCY, async (f) => {
      guard.check();
      onFile(f.path);
      const fh = await open(path.join(staging, ...f.path.split('/')), 'wx', 0o600).catch((e: unknown) => {
        throw new StepError(path.join(plan.outDir, ...f.path.split('/')), { cause: e });
      });
      try {
        await fh.writeFile(f.bytes);
        await applyMeta(fh, f);
        await fh.sync();
      } catch (e) {
        throw new StepError(path.join(plan.outDir, ...f.path.split('/')), { cause: e });
      } finally {
        await fh.close();
      }
    });
    // Deepest first, the staging root last: until then nobody but us can enter.
    for (const d of [...dirs].reverse()) {
      guard.check();
      await finishDir(path.join(staging, ...d.split('/')), dirMeta(plan, d));
    }
    await finishDir(staging, existing ? replacedDirMeta(plan, existing) : plan.dir);
    guard.check();
    guard.committed();
    await rename(staging, plan.outDir);
  } catch (e) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  const written = plan.files.map((f) => f.path);
  await syncDir(parent).catch((e: unknown) => { throw new AfterCommitError({ written, unchanged: [] }, `syncing the directory ${parent}`, undefined, { cause: e }); });
  return written;
}

async function finishDir(dir: string, meta: SourceMeta): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await applyMeta(fh, meta);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
