import type { DirTranslation, TranslateDirOptions } from '../types.js';
import { runTranslation } from '../pipeline/run-translation.js';
import { checkTranslateDirOptions } from './options.js';

/**
 * Translate every `*.cfg` file of a Zarafa configuration directory, following `!include`s inside
 * it, and optionally write the result to `outDir`: load (every read) → translateTree (pure) →
 * write (every write).
 *
 * - The input directory is only read, never written; nothing outside it is read.
 * - `patch` is the files' diffs concatenated in path order (secrets masked unless `showSecrets`).
 * - With `kopanoDir`, each output is the installed Kopano file with the user's settings carried over.
 * - With `outDir`, each file is written with its source's mode and encoding, and either every
 *   file is written or none: nothing is written when `diagnostics` holds an error.
 *
 * Throws InvalidOptionError for a bad option (before anything is read), TranslateError when the run cannot start or finish (no such directory, no config files,
 * unsafe or non-empty output directory, a failed write); every other problem is a diagnostic.
 */
export async function translateConfigDir(zarafaDir: string, options: TranslateDirOptions = {}): Promise<DirTranslation> {
  const { outDir, force, kopanoDir, webapp, zPush, ...translateOptions } = checkTranslateDirOptions(options);
  const { translation } = await runTranslation({
    zarafaDir,
    ...(kopanoDir !== undefined ? { kopanoDir } : {}),
    ...(outDir !== undefined ? { outDir } : {}),
    ...(webapp !== undefined ? { webapp } : {}),
    ...(zPush !== undefined ? { zPush } : {}),
    force: force ?? false,
    options: translateOptions,
    write: outDir !== undefined,
  });
  return translation;
}
