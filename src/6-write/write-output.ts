import { lstat, mkdir, readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';
import { buildBeside } from './build-beside.js';
import { cleanUpAfterDeadRun } from './clean-up.js';
import { acquireLock } from './lock.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type WriteOutcome, type WritePlan } from './plan.js';
import { replaceInside } from './replace-inside.js';
import { AfterCommitError, StepError } from './step-error.js';
import { Interrupted, withSignalGuard } from './signal-guard.js';

/**
 * The write phase: put `plan.files` into `plan.outDir`, all or none, also when the process is
 * stopped (docs/security.md lists what holds in each case). One run per output at a time (a lock
 * beside it); leftovers of a killed run are cleaned up or rolled back first. A new or empty output
 * directory is built beside its place and renamed in; files inside an existing one are replaced
 * under a journal. Throws {@link TranslateError}: OUT_DIR_LOCKED, OUT_DIR_NOT_EMPTY (another run
 * filled a directory that was to be new), OUT_DIR_SYMLINK, WRITE_INTERRUPTED, WRITE_FAILED.
 */
export async function writeOutput(plan: WritePlan, prepared?: PreparedOutput): Promise<WriteOutcome> {
  const outDir = path.resolve(plan.outDir);
  if (prepared && prepared.outDir !== outDir) throw new Error(`the output prepared (${prepared.outDir}) is not ${outDir}`);
  const createdParents = prepared ? [] : await ensureParent(outDir, plan);
  let current = outDir;
  try {
    return await withSignalGuard(async (guard) => {
      const lock = prepared ? undefined : await acquireLock(outDir);
      try {
        const notices = lock ? [...lock.notices, ...await cleanUpAfterDeadRun(outDir)] : [];
        const st = await lstat(outDir).catch(() => undefined);
        const isDir = st?.isDirectory() ?? false;
        if (st && !isDir) throw new TranslateError('OUT_DIR_NOT_A_DIRECTORY', outDir, 'exists and is not a directory; choose a directory path');
        const empty = isDir && (await readdir(outDir)).length === 0;
        if (plan.mode === 'create' && isDir && !empty) {
          throw new TranslateError('OUT_DIR_NOT_EMPTY', outDir, plan.forced
            // --force was given: "pass --force" would be no help. The directory was empty or missing when this run read it.
            ? 'was empty or missing when this run read it, and was filled by another run or program while this run translated; run again once that one is done (with --force this run then replaces the files it translates); nothing was written'
            : 'was filled by another run or program while this run translated; choose an empty or new directory, or pass --force; nothing was written');
        }
        const onFile = (p: string) => { current = path.join(outDir, p); };
        if (!isDir || empty) {
          const written = await buildBeside({ ...plan, outDir }, empty ? st : undefined, guard, onFile);
          return { written, unchanged: [], notices };
        }
        return { ...await replaceInside({ ...plan, outDir }, guard, onFile), notices };
      } finally {
        await lock?.release();
      }
    });
  } catch (e) {
    for (const d of createdParents.reverse()) await rmdir(d).catch(() => undefined);
    if (e instanceof TranslateError) throw e;
    if (e instanceof AfterCommitError) {
      const n = (k: number) => `${k} file${k === 1 ? '' : 's'}`;
      throw new TranslateError('WRITE_CLEANUP_FAILED', outDir,
        `the output is complete (${n(e.outcome.written.length)} written${e.outcome.unchanged.length > 0 ? `, ${n(e.outcome.unchanged.length)} already up to date` : ''}), but ${e.what} failed afterwards (${errnoCode(e.cause) ?? String(e.cause)})` +
        `${e.leftover ? `; remove ${e.leftover} by hand, or run again: the next run removes it` : '; check the disk, the files may not survive a crash until it is synced'}`, undefined, { cause: e.cause });
    }
    if (e instanceof Interrupted) {
      throw new TranslateError('WRITE_INTERRUPTED', outDir,
        `the write was ${e.message} and rolled back: the directory holds what it held before this run${plan.mode === 'create' ? ' (or does not exist)' : ''}`, undefined, { cause: e });
    }
    const file = e instanceof StepError ? e.file : current;
    const cause = e instanceof StepError ? e.cause : e;
    throw new TranslateError('WRITE_FAILED', file,
      `could not be written (${errnoCode(cause) ?? String(cause)}); nothing was left in ${outDir} by this run`, undefined, { cause });
  }
}

/** mkdir -p of the output's parent (the lock and the staging directory live there); returns the directories it made, outermost first. */
async function ensureParent(outDir: string, plan: WritePlan): Promise<string[]> {
  const missing: string[] = [];
  for (let at = path.dirname(outDir); ; at = path.dirname(at)) {
    if (await lstat(at).then(() => true, () => false)) break;
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  const created: string[] = [];
  try {
    for (const d of missing.reverse()) {
      await mkdir(d, { mode: plan.dir.mode & 0o777 });
      created.push(d);
    }
  } catch (e) {
    for (const d of created.reverse()) await rmdir(d).catch(() => undefined);
    throw new TranslateError('WRITE_FAILED', outDir, `its parent directory could not be created (${errnoCode(e) ?? String(e)}); nothing was written`, undefined, { cause: e });
  }
  return created;
}

/** An existing output directory held for a whole run: its lock taken, a killed run's leftovers recovered. */
export interface PreparedOutput {
  outDir: string;
  /** What the recovery found (a stale lock, a run rolled back or completed). */
  notices: Diagnostic[];
  release(): Promise<void>;
}

/**
 * The edge step before anything of an existing output directory is read (with `--kopano-dir K
 * --out K`, before K is read as the merge base): take its lock and recover what a killed run left
 * (complete it or roll it back). Read before this, a half-replaced directory would be the base of
 * the new run, and its rollback afterwards would undo the migration. Undefined when the output's
 * parent does not exist yet (then the output does not either: nothing to read or recover; the
 * write takes the lock itself). The caller releases the lock after the write.
 */
export async function prepareOutput(outDir: string): Promise<PreparedOutput | undefined> {
  const abs = path.resolve(outDir);
  if (!(await lstat(path.dirname(abs)).then((st) => st.isDirectory(), () => false))) return undefined;
  const lock = await acquireLock(abs);
  try {
    const notices = [...lock.notices, ...await cleanUpAfterDeadRun(abs)];
    return { outDir: abs, notices, release: () => lock.release() };
  } catch (e) {
    await lock.release();
    if (e instanceof TranslateError) throw e;
    throw new TranslateError('WRITE_FAILED', abs,
      `what an interrupted earlier run left could not be recovered (${errnoCode(e) ?? String(e)}); nothing was written by this run`, undefined, { cause: e });
  }
}

/**
 * Undo what a killed run left at `outDir` without writing anything new (takes the lock like a
 * write; stale lock, staging directories, journal). Returns the notices a write would have given.
 */
export async function recoverInterruptedWrite(outDir: string): Promise<Diagnostic[]> {
  const abs = path.resolve(outDir);
  const lock = await acquireLock(abs);
  try {
    return [...lock.notices, ...await cleanUpAfterDeadRun(abs)];
  } finally {
    await lock.release();
  }
}
