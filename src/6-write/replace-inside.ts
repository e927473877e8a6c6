import type { Stats } from 'node:fs';
import { link, lstat, mkdir, mkdtemp, open, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { TranslateError } from '../diagnostics/translate-error.js';
import { applyMeta, forEachLimited, syncDir, WRITE_CONCURRENCY } from './durable.js';
import { rollBack, writeJournal, type Journal } from './journal.js';
import { dirMeta, finalMeta, holdsAlready } from './meta.js';
import { INNER_STAGING_PREFIX, JOURNAL_NAME, type WriteFile, type WritePlan } from './plan.js';
import type { SignalGuard } from './signal-guard.js';
import { AfterCommitError, StepError } from './step-error.js';

/**
 * Replace files inside an existing output directory (`--force`), all or none:
 * 1. check every target (symlinked directories refused, directories in the way fail) and stage every
 *    new file, fsync'ed, in a 0700 staging directory inside the output (the same filesystem);
 * 2. hard-link each file about to be replaced into the staging directory (its backup);
 * 3. publish the journal (what is replaced, the backups, the directories to create);
 * 4. create the directories, rename each staged file over its target, fsync;
 * 5. remove the journal: the commit point. Then the staging directory goes.
 * A failure or signal before 5 rolls back from the journal; a run killed before 5 leaves the
 * journal, and the next run rolls back from it (see cleanUpAfterDeadRun).
 */
export async function replaceInside(plan: WritePlan, guard: SignalGuard, onFile: (path: string) => void): Promise<{ written: string[]; unchanged: string[] }> {
  const out = plan.outDir;
  const targets = await checkTargets(plan);
  const todo: { f: WriteFile; target: string; existing: Stats | undefined }[] = [];
  const unchanged: string[] = [];
  for (const t of targets) {
    const meta = finalMeta(t.f, t.existing);
    if (await holdsAlready(t.target, t.existing, t.f.bytes, meta.mode)) unchanged.push(t.f.path);
    else todo.push(t);
  }
  if (todo.length === 0) return { written: [], unchanged };
  const createDirs = [...new Set(targets.flatMap((t) => t.missingDirs))];

  const stagingName = path.basename(await mkdtemp(path.join(out, `${INNER_STAGING_PREFIX}${process.pid}-`)));
  const staging = path.join(out, stagingName);
  const journal: Journal = {
    tool: 'zarafa2kopano', pid: process.pid, started: new Date().toISOString(), staging: stagingName,
    entries: todo.map((t, i) => ({ path: t.f.path, staged: `n${i}`, backup: t.existing ? `o${i}` : null })),
    dirs: createDirs,
  };
  let published = false;
  try {
    await forEachLimited(todo, WRITE_CONCURRENCY, async (t, i) => {
      guard.check();
      onFile(t.f.path);
      const fh = await open(path.join(staging, `n${i}`), 'wx', 0o600);
      try {
        await fh.writeFile(t.f.bytes);
        await applyMeta(fh, finalMeta(t.f, t.existing));
        await fh.sync();
      } catch (e) {
        throw new StepError(t.target, { cause: e });
      } finally {
        await fh.close();
      }
    });
    for (const [i, t] of todo.entries()) {
      // link(2) does not follow a symlink: a replaced link comes back as the link it was.
      if (t.existing) await link(t.target, path.join(staging, `o${i}`)).catch((e: unknown) => { throw new StepError(t.target, { cause: e }); });
    }
    await syncDir(staging);
    guard.check();
    await writeJournal(out, journal);
    published = true;
    for (const d of createDirs) {
      const abs = path.join(out, ...d.split('/'));
      await mkdir(abs, { mode: 0o700 }).catch((e: unknown) => { throw new StepError(abs, { cause: e }); });
      const fh = await open(abs, 'r');
      try {
        await applyMeta(fh, dirMeta(plan, d));
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    const parents = new Set<string>([out]);
    for (const [i, t] of todo.entries()) {
      guard.check();
      await rename(path.join(staging, `n${i}`), t.target).catch((e: unknown) => { throw new StepError(t.target, { cause: e }); });
      parents.add(path.dirname(t.target));
    }
    for (const d of parents) await syncDir(d);
    guard.check();
    guard.committed();
    await unlink(path.join(out, JOURNAL_NAME));
  } catch (e) {
    if (published) await rollBack(out, journal).catch(() => undefined);
    else await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  const outcome = { written: todo.map((t) => t.f.path), unchanged };
  await syncDir(out).catch((e: unknown) => { throw new AfterCommitError(outcome, `syncing the directory ${out}`, undefined, { cause: e }); });
  await rm(staging, { recursive: true, force: true }).catch((e: unknown) => { throw new AfterCommitError(outcome, `removing the staging copies ${staging}`, staging, { cause: e }); });
  return outcome;
}

interface Target {
  f: WriteFile;
  target: string;
  existing: Stats | undefined;
  missingDirs: string[];
}

/** Every target's state before anything is written: OUT_DIR_SYMLINK for a symlinked directory on the way, a directory in the way or a file where a directory goes fail. */
async function checkTargets(plan: WritePlan): Promise<Target[]> {
  const known = new Map<string, 'dir' | 'missing'>();
  const out: Target[] = [];
  for (const f of plan.files) {
    const parts = f.path.split('/');
    const missingDirs: string[] = [];
    for (let i = 1; i < parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      let state = known.get(rel);
      if (state === undefined) {
        const abs = path.join(plan.outDir, ...parts.slice(0, i));
        const st = await lstat(abs).catch(() => undefined);
        if (st?.isSymbolicLink()) {
          throw new TranslateError('OUT_DIR_SYMLINK', abs,
            `is a symbolic link inside the output directory ${plan.outDir}; files are never written through one (it may lead outside, even into the input). Remove the link or choose another --out; nothing was written`);
        }
        if (st && !st.isDirectory()) throw new StepError(path.join(plan.outDir, ...parts), { cause: Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }) });
        state = st ? 'dir' : 'missing';
        known.set(rel, state);
      }
      if (state === 'missing') missingDirs.push(rel);
    }
    const target = path.join(plan.outDir, ...parts);
    const existing = missingDirs.length > 0 ? undefined : await lstat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw new StepError(target, { cause: Object.assign(new Error('a directory is in the way'), { code: 'EISDIR' }) });
    out.push({ f, target, existing, missingDirs });
  }
  return out;
}
