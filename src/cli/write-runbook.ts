import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';
import { StepError } from '../6-write/step-error.js';
import { writeOneFile } from '../6-write/write-one-file.js';
import { renderRunbookMarkdown } from '../report/render-runbook-md.js';
import { renderRunbookShell } from '../report/render-runbook-sh.js';
import { oneLine } from '../report/terminal-safe.js';
import type { DirTranslation } from '../types.js';

/** The real path of `p`, or of its nearest existing parent joined with the rest (the file may not exist yet). */
async function realish(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await realish(parent), path.basename(abs));
  }
}

/** The input directory is never written to: a runbook inside it is refused before anything is written. */
export async function checkRunbookPath(runbook: string, zarafaDir: string): Promise<void> {
  const [file, input] = await Promise.all([realish(runbook), realish(zarafaDir)]);
  const rel = path.relative(input, file);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new TranslateError('RUNBOOK_IN_INPUT', runbook, `the runbook would be written inside the input directory ${zarafaDir}, which is never modified; write it elsewhere`);
  }
}

/**
 * The bundle directory: never inside the input directory, and new or empty unless --force (checked
 * before anything is translated or written).
 */
export async function checkBundlePath(bundle: string, zarafaDir: string, force: boolean): Promise<void> {
  const [dir, input] = await Promise.all([realish(bundle), realish(zarafaDir)]);
  const rel = path.relative(input, dir);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new TranslateError('RUNBOOK_IN_INPUT', bundle, `the bundle would be written inside the input directory ${zarafaDir}, which is never modified; write it elsewhere`);
  }
  const entries = await readdir(dir).catch(() => []);
  if (!force && entries.length > 0) {
    throw new TranslateError('OUT_DIR_NOT_EMPTY', bundle, 'exists and is not empty; choose an empty or new directory for the bundle, or pass --force; nothing was written');
  }
}

/**
 * Write the runbook (Markdown for .md, bash for .sh) atomically: a temp file beside it, then a
 * rename; its lock beside it too. Root's only (0600, run it with `bash`), and through `hide`, so it
 * never holds a secret. Throws RUNBOOK_WRITE_FAILED (the file as it was) or the lock's error.
 */
export async function writeRunbook(runbook: string, dir: DirTranslation, zarafaDir: string, hide: (s: string) => string): Promise<void> {
  await checkRunbookPath(runbook, zarafaDir);
  const shell = runbook.endsWith('.sh');
  // `dir` is the translation as the CLI prints it and `hide` the CLI's last step before anything
  // leaves it (src/cli/output-view.ts): a warning that quotes a line shows no secret here either.
  const shown = { zarafaDir: oneLine(zarafaDir) };
  const text = shell ? renderRunbookShell(dir, shown) : renderRunbookMarkdown(dir, shown);
  try {
    await writeOneFile(runbook, new TextEncoder().encode(hide(text)), RUNBOOK_MODE);
  } catch (e) {
    if (!(e instanceof StepError)) throw e;
    throw new TranslateError('RUNBOOK_WRITE_FAILED', runbook, `could not be written (${errnoCode(e.cause) ?? String(e.cause)}); the runbook file is as it was before this run`, undefined, { cause: e.cause });
  }
}

/** Owner read and write only, the shell runbook too. */
export const RUNBOOK_MODE = 0o600;
