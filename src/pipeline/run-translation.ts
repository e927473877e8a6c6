import { hasErrors } from '../diagnostics/diagnostic.js';
import type { DirTranslation, TranslateOptions } from '../types.js';
import { loadTree, type LoadRequest } from '../1-load/load-tree.js';
import type { LoadedTree } from '../1-load/loaded-tree.js';
import { translateTree } from './translate-tree.js';
import { uncomparedOutputFiles } from '../4-emit/changed-files.js';
import type { PreparedOutput } from '../6-write/write-output.js';
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

/**
 * prepare the output (lock, recover a killed run) → load (every read) → translateTree (pure) →
 * write (every write): the one path every run takes. A writing run holds the output's lock from
 * before its first read of the output until after its write.
 */
export async function runTranslation(request: RunRequest): Promise<RunResult> {
  const { options, write, ...load } = request;
  const { prepareOutput } = write && load.outDir !== undefined ? await import('../6-write/write-output.js') : { prepareOutput: undefined };
  let prepared: PreparedOutput | undefined;
  try {
    const tree = await loadTree(prepareOutput ? { ...load, prepareOut: async (abs) => { prepared = await prepareOutput(abs); } } : load);
    const translated = translateTree(tree, options);
    const { writes } = translated;
    // --check --out: an output file that could not be read is said, not silently counted as changed.
    const uncompared = tree.out && tree.out.refused.size > 0 ? uncomparedOutputFiles(translated.translation, tree) : [];
    const translation = uncompared.length > 0 ? { ...translated.translation, diagnostics: [...translated.translation.diagnostics, ...uncompared] } : translated.translation;
    if (write && tree.out && !hasErrors(translation.diagnostics)) {
      const { writeOutput } = await import('../6-write/write-output.js');
      const source = tree.kopano ?? tree.zarafa;
      const outcome = await writeOutput({
        outDir: tree.out.root.abs,
        mode: tree.out.empty ? 'create' : 'replace',
        files: writes,
        dir: { mode: source.mode, uid: source.uid, gid: source.gid },
        sourceDirs: source.dirs,
        forced: load.force ?? false,
      }, prepared);
      return {
        tree,
        writes,
        translation: {
          ...translation,
          diagnostics: [...translation.diagnostics, ...(prepared?.notices ?? []), ...outcome.notices],
          written: { files: outcome.written, unchanged: outcome.unchanged },
        },
      };
    }
    // Not written (an error in the input): what the recovery did is still said.
    return { tree, writes, translation: prepared ? { ...translation, diagnostics: [...translation.diagnostics, ...prepared.notices] } : translation };
  } finally {
    await prepared?.release();
  }
}
