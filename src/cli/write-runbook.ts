import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { TranslateError } from '../diagnostics/translate-error.js';
import { writeFilesAtomically } from '../6-write/write-atomic.js';
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
 * Write the runbook (Markdown for .md, bash for .sh) atomically: a temp file beside it, then a
 * rename. `dir` is the translation as the CLI prints it and `mask` the CLI's last step before
 * anything leaves it (src/cli/output-view.ts): a warning that quotes a line shows no secret here
 * either. Created 0600 (run the script with `bash`): a runbook names the mail system's hosts,
 * users and paths.
 */
export async function writeRunbook(runbook: string, dir: DirTranslation, zarafaDir: string, mask: (text: string) => string): Promise<void> {
  await checkRunbookPath(runbook, zarafaDir);
  const shell = runbook.endsWith('.sh');
  const shown = { zarafaDir: oneLine(zarafaDir) };
  const text = mask(shell ? renderRunbookShell(dir, shown) : renderRunbookMarkdown(dir, shown));
  const abs = path.resolve(runbook);
  await writeFilesAtomically(path.dirname(abs), [{ path: path.basename(abs), bytes: new TextEncoder().encode(text), mode: RUNBOOK_MODE }]);
}

/** Owner read and write only, the shell runbook too. */
export const RUNBOOK_MODE = 0o600;
