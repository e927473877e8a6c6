import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isWithin, type InputDir } from './input-dir.js';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';

/** The output directory, checked: absolute path, and whether it exists yet. */
export interface OutDir {
  given: string;
  abs: string;
  exists: boolean;
}

/**
 * Check that `outDir` is safe to write before any work is done. Throws {@link TranslateError}:
 * OUT_DIR_OVERLAPS_INPUT when it is, contains or lies inside the input directory (symlinks
 * resolved), OUT_DIR_NOT_A_DIRECTORY, OUT_DIR_NOT_EMPTY unless `force`.
 */
export async function checkOutDir(outDir: string, input: InputDir, force: boolean): Promise<OutDir> {
  const abs = path.resolve(outDir);
  const real = await realpathOfMaybeMissing(abs);
  if (isWithin(input.real, real) || isWithin(real, input.real)) {
    const how = real === input.real ? 'is' : isWithin(input.real, real) ? 'is inside' : 'contains';
    throw new TranslateError('OUT_DIR_OVERLAPS_INPUT', outDir,
      `${how} the input directory ${input.given}; the input is never modified. Choose a separate directory, e.g. /etc/kopano`);
  }
  const st = await lstat(abs).catch((e: unknown) => {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw new TranslateError('OUT_DIR_UNUSABLE', outDir, `cannot be checked (${errnoCode(e) ?? String(e)}); choose a directory path you can write to`, undefined, { cause: e });
  });
  if (!st) return { given: outDir, abs, exists: false };
  const dirSt = st.isSymbolicLink() ? await lstat(real).catch(() => undefined) : st;
  if (!dirSt?.isDirectory()) {
    throw new TranslateError('OUT_DIR_NOT_A_DIRECTORY', outDir, 'exists and is not a directory; choose a directory path');
  }
  const entries = await readdir(abs).catch((e: unknown) => {
    throw new TranslateError('OUT_DIR_UNUSABLE', outDir, `cannot be read (${errnoCode(e) ?? String(e)}); choose a directory you can write to`, undefined, { cause: e });
  });
  if (entries.length > 0 && !force) {
    throw new TranslateError('OUT_DIR_NOT_EMPTY', outDir,
      `is not empty (${entries.length} entries); choose an empty or new directory, or pass --force to overwrite the files it translates`);
  }
  return { given: outDir, abs, exists: true };
}

/** realpath of the longest existing prefix, with the missing rest appended. */
async function realpathOfMaybeMissing(abs: string): Promise<string> {
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return path.join(await realpath(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return abs;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}
