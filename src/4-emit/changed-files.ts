import type { DirTranslation } from '../types.js';
import type { LoadedTree } from '../1-load/loaded-tree.js';

/**
 * The files whose result differs from what a directory holds now (missing counts as different),
 * for `--check`: the output directory if the run has one; else, for a merge, the Kopano directory
 * merged into; else the files the translation changes at all (content or name). Contents are
 * compared as decoded text, so an encoding alone never counts as a change. Pure: load read them.
 */
export function changedFiles(result: DirTranslation, tree: LoadedTree): string[] {
  const against = tree.out?.files ?? tree.kopano?.files;
  if (against === undefined) {
    return result.files.filter((f) => f.output !== f.input || f.target !== f.source).map((f) => f.target);
  }
  return result.files.filter((f) => against.get(f.target)?.text !== f.output).map((f) => f.target);
}
