import { hasErrors } from '../diagnostics/diagnostic.js';
import type { DirTranslation, TranslateOptions } from '../types.js';
import { loadTree, type LoadRequest } from '../1-load/load-tree.js';
import type { LoadedTree } from '../1-load/loaded-tree.js';
import { translateTree } from './translate-tree.js';
import type { FileWrite } from '../6-write/plan-writes.js';

export interface RunRequest extends LoadRequest {
  options: TranslateOptions;
  /** Write the result into `outDir` (when no diagnostic is an error). */
  write: boolean;
}

export interface RunResult {
  tree: LoadedTree;
  translation: DirTranslation;
  /** The files the translation makes, as the write phase would write them (also when nothing is written). */
  writes: FileWrite[];
}

/** load (every read) → translateTree (pure) → write (every write): the one path every run takes. */
export async function runTranslation(request: RunRequest): Promise<RunResult> {
  const { options, write, ...load } = request;
  const tree = await loadTree(load);
  const { translation, writes } = translateTree(tree, options);
  if (write && tree.out && !hasErrors(translation.diagnostics)) {
    const { writeOutput } = await import('../6-write/write-output.js');
    const source = tree.kopano ?? tree.zarafa;
    const outcome = await writeOutput({
      outDir: tree.out.root.abs,
      mode: tree.out.empty ? 'create' : 'replace',
      files: writes,
      dir: { mode: source.mode, uid: source.uid, gid: source.gid },
      sourceDirs: source.dirs,
    });
    return {
      tree,
      writes,
      translation: {
        ...translation,
        diagnostics: [...translation.diagnostics, ...outcome.notices],
        written: { files: outcome.written, unchanged: outcome.unchanged },
      },
    };
  }
  return { tree, translation, writes };
}
