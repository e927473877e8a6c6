import type { DirTranslation } from '../types.js';
import type { LoadedTree } from '../1-load/loaded-tree.js';

/** A file `--check` found different: what is there now and what would be written. */
export interface CheckedFile {
  /** Path relative to the directory compared with: the output's name. */
  file: string;
  /** The name it has there now: the input's name when compared with the input (indexer.cfg → search.cfg). */
  from: string;
  /** What is there now ('' when missing). */
  before: string;
  /** What would be written. */
  after: string;
  /** The output's encoding (the diff is printed in it). */
  encoding: 'utf8' | 'latin1';
}

/**
 * The files whose result differs from what a directory holds now (missing counts as different),
 * for `--check`: the output directory if the run has one; else, for a merge, the Kopano directory
 * merged into; else the files the translation changes at all (content or name). Contents are
 * compared as decoded text, so an encoding alone never counts as a change. Pure: load read them.
 * The texts hold the real values: the caller masks what it prints.
 */
export function checkedFiles(result: DirTranslation, tree: LoadedTree): CheckedFile[] {
  const against = tree.out?.files ?? tree.kopano?.files;
  const encoding = (f: DirTranslation['files'][number]) => f.encoding ?? 'utf8';
  if (against === undefined) {
    return result.files.filter((f) => f.output !== f.input || f.target !== f.source)
      .map((f) => ({ file: f.target, from: f.source, before: f.input, after: f.output, encoding: encoding(f) }));
  }
  return result.files.filter((f) => against.get(f.target)?.text !== f.output)
    .map((f) => ({ file: f.target, from: f.target, before: against.get(f.target)?.text ?? '', after: f.output, encoding: encoding(f) }));
}

/** The names of {@link checkedFiles}. */
export function changedFiles(result: DirTranslation, tree: LoadedTree): string[] {
  return checkedFiles(result, tree).map((c) => c.file);
}
