import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';
import { syncDir } from './durable.js';
import { readJournal, renamesAllDone, rollBack, rollForward } from './journal.js';
import { besideStagingPrefix, INNER_STAGING_PREFIX, JOURNAL_NAME } from './plan.js';

/**
 * What a killed run can leave, removed or undone by the next run while it holds the lock (so no
 * living run owns these): staging directories beside the output, and inside it a journal (a run
 * stopped after its last rename is completed; any other is rolled back: the output is as it was
 * before that run) or a staging directory
 * without one (the run had committed; only the copies were left).
 */
export async function cleanUpAfterDeadRun(outDir: string): Promise<Diagnostic[]> {
  const notices: Diagnostic[] = [];
  const parent = path.dirname(outDir);
  const beside = besideStagingPrefix(path.basename(outDir));
  let removed = 0;
  for (const name of await readdir(parent)) {
    if (!name.startsWith(beside)) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    removed++;
  }
  if (removed > 0) await syncDir(parent);
  const st = await lstat(outDir).catch(() => undefined);
  if (!st?.isDirectory()) return notices;
  let journal;
  try {
    journal = await readJournal(outDir);
  } catch (e) {
    throw new TranslateError('WRITE_FAILED', path.join(outDir, JOURNAL_NAME),
      `an interrupted run's journal cannot be used (${errnoCode(e) ?? String(e)}); check the directory by hand, then remove the journal; nothing was written`, undefined, { cause: e });
  }
  if (journal && await renamesAllDone(outDir, journal)) {
    const done = await rollForward(outDir, journal);
    notices.push(diagnostic('OUT_DIR_ROLLED_FORWARD', 'warning', outDir, undefined,
      `an earlier run (pid ${journal.pid}, started ${journal.started}) was stopped after it had put all its ${done.completed} files in place, before its last step; its write was completed, so the directory held that run's files when this run started`));
  } else if (journal) {
    const done = await rollBack(outDir, journal);
    notices.push(diagnostic('OUT_DIR_ROLLED_BACK', 'warning', outDir, undefined,
      `an earlier run (pid ${journal.pid}, started ${journal.started}) was stopped while replacing files here; it was rolled back from its journal (${done.restored} files restored, ${done.removed} removed), so the directory held the files from before that run when this run started`));
  }
  for (const name of await readdir(outDir)) {
    if (name.startsWith(INNER_STAGING_PREFIX)) await rm(path.join(outDir, name), { recursive: true, force: true });
  }
  return notices;
}
