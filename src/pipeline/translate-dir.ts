import type { DirTranslation, TranslateOptions } from '../types.js';
import { runTranslation } from './run-translation.js';

export interface TranslateDirOptions extends TranslateOptions {
  /** Write the translated files here (created if missing). Nothing is written when any diagnostic is an error. */
  outDir?: string;
  /** Write into a non-empty `outDir`, replacing the files this translation produces. */
  force?: boolean;
}

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
 * Throws TranslateError when the run cannot start or finish (no such directory, no config files,
 * unsafe or non-empty output directory, a failed write); every other problem is a diagnostic.
 */
export async function translateConfigDir(zarafaDir: string, options: TranslateDirOptions = {}): Promise<DirTranslation> {
  const { outDir, force, kopanoDir, ...translateOptions } = options;
  const { translation } = await runTranslation({
    zarafaDir,
    ...(kopanoDir !== undefined ? { kopanoDir } : {}),
    ...(outDir !== undefined ? { outDir } : {}),
    force: force ?? false,
    options: translateOptions,
    write: outDir !== undefined,
  });
  return translation;
}
