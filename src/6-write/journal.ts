import { link, lstat, open, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from '../diagnostics/translate-error.js';
import { syncDir } from './durable.js';
import { INNER_STAGING_PREFIX, JOURNAL_NAME } from './plan.js';

/**
 * The journal of a replacing write, `<out>/.zarafa2kopano-journal.json`. It exists exactly while the
 * output may hold a mix of old and new files: written (complete, fsync'ed) before the first file is
 * replaced, removed once the last one is in place. Paths are relative to the output directory.
 */
export interface Journal {
  tool: 'zarafa2kopano';
  pid: number;
  started: string;
  /** The staging directory inside the output: `n<i>` the new files, `o<i>` hard links to the replaced ones. */
  staging: string;
  entries: { path: string; staged: string; backup: string | null }[];
  /** Directories the run creates, outermost first. */
  dirs: string[];
}

/** Publish the journal atomically: written in the staging directory, fsync'ed, then linked to its name (fails if one exists). */
export async function writeJournal(outDir: string, journal: Journal): Promise<void> {
  const draft = path.join(outDir, journal.staging, 'journal');
  const fh = await open(draft, 'wx', 0o600);
  try {
    await fh.writeFile(`${JSON.stringify(journal)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await link(draft, path.join(outDir, JOURNAL_NAME));
  await syncDir(outDir);
}

/** The journal left in `outDir`, if any. A journal naming paths outside the directory is not ours: refused. */
export async function readJournal(outDir: string): Promise<Journal | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, JOURNAL_NAME), 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw e;
  }
  const j = JSON.parse(text) as Journal;
  const inside = (p: unknown) => typeof p === 'string' && p !== '' && !path.isAbsolute(p) && !p.split('/').some((s) => s === '..' || s === '.' || s === '');
  const flat = (p: unknown) => typeof p === 'string' && /^[no]\d+$/.test(p);
  if (typeof j.staging !== 'string' || !j.staging.startsWith(INNER_STAGING_PREFIX) || j.staging.includes('/')
    || !Array.isArray(j.entries) || !Array.isArray(j.dirs)
    || !j.entries.every((e) => inside(e.path) && flat(e.staged) && (e.backup === null || flat(e.backup)))
    || !j.dirs.every(inside)) {
    throw Object.assign(new Error(`${JOURNAL_NAME} is not a journal this tool wrote`), { code: 'EBADJOURNAL' });
  }
  return j;
}

const exists = (p: string) => lstat(p).then(() => true, () => false);

/** In the staging directory while a rollback runs (see {@link rollBack}). */
const ROLLING_BACK = 'rolling-back';

/**
 * True when the journal's run had put every new file in place and was stopped only before it
 * removed the journal (its commit point): the staging directory is there with the journal's draft
 * and every backup, no staged new file is left, and no rollback began. Such a run is completed
 * forwards ({@link rollForward}); any other state is rolled back.
 */
export async function renamesAllDone(outDir: string, journal: Journal): Promise<boolean> {
  const staging = path.join(outDir, journal.staging);
  if (!(await exists(path.join(staging, 'journal'))) || await exists(path.join(staging, ROLLING_BACK))) return false;
  for (const e of journal.entries) {
    if (await exists(path.join(staging, e.staged))) return false;
    if (e.backup !== null && !(await exists(path.join(staging, e.backup)))) return false;
    if (!(await exists(path.join(outDir, ...e.path.split('/'))))) return false;
  }
  return true;
}

/** Finish a run that had replaced every file: its commit (the journal removed), then its clean-up. */
export async function rollForward(outDir: string, journal: Journal): Promise<{ completed: number }> {
  await unlink(path.join(outDir, JOURNAL_NAME));
  await syncDir(outDir);
  await rm(path.join(outDir, journal.staging), { recursive: true, force: true });
  return { completed: journal.entries.length };
}

/**
 * Undo what the journal's run did, from any point it may have stopped at (also a rollback that was
 * itself interrupted: every step can be repeated). A replaced file whose backup is still there gets
 * it back; a new file whose staged copy is gone was renamed into place and is removed; created
 * directories are removed when empty. The journal goes last.
 */
export async function rollBack(outDir: string, journal: Journal): Promise<{ restored: number; removed: number }> {
  const staging = path.join(outDir, journal.staging);
  // Marked before the first step undoes anything: a rollback killed part-way is finished backwards, never forwards.
  if (await exists(staging)) {
    await writeFile(path.join(staging, ROLLING_BACK), '', { flag: 'w', mode: 0o600 });
    await syncDir(staging);
  }
  let restored = 0;
  let removed = 0;
  const touched = new Set<string>([outDir]);
  for (const e of [...journal.entries].reverse()) {
    const target = path.join(outDir, ...e.path.split('/'));
    touched.add(path.dirname(target));
    if (e.backup !== null) {
      const backup = path.join(staging, e.backup);
      if (await exists(backup)) {
        // Same inode as the target when the new file never got there: rename(2) then does nothing.
        await rename(backup, target);
        restored++;
      }
    } else if (!(await exists(path.join(staging, e.staged)))) {
      await unlink(target).then(() => removed++, (x: unknown) => {
        if (errnoCode(x) !== 'ENOENT') throw x;
      });
    }
  }
  for (const d of [...journal.dirs].reverse()) await rmdir(path.join(outDir, ...d.split('/'))).catch(() => undefined);
  for (const d of touched) await syncDir(d).catch(() => undefined);
  await rm(staging, { recursive: true, force: true });
  await unlink(path.join(outDir, JOURNAL_NAME));
  await syncDir(outDir);
  return { restored, removed };
}
