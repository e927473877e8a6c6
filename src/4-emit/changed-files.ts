import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DirTranslation } from '../types.js';
import type { LoadedTree, TargetOutcome } from '../1-load/loaded-tree.js';

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
export function checkedFiles(result: DirTranslation, tree: LoadedTree, produced?: ReadonlySet<string>): CheckedFile[] {
  const against = tree.out?.files ?? tree.kopano?.files;
  const encoding = (f: DirTranslation['files'][number]) => f.encoding ?? 'utf8';
  if (against === undefined) {
    return result.files.filter((f) => f.output !== f.input || f.target !== f.source)
      .map((f) => ({ file: f.target, from: f.source, before: f.input, after: f.output, encoding: encoding(f) }));
  }
  return comparedFiles(result, tree, produced).filter((f) => against.get(f.target)?.text !== f.output)
    .map((f) => ({ file: f.target, from: f.target, before: against.get(f.target)?.text ?? '', after: f.output, encoding: encoding(f) }));
}

/**
 * The files `--check` compares: every file of the result, but against an output directory only
 * those the run would write there (`produced`, paths relative to it). A host run leaves a file
 * that is the Kopano package's, or that it removes, out of OUT: its absence there is no change.
 */
export function comparedFiles(result: DirTranslation, tree: LoadedTree, produced?: ReadonlySet<string>): DirTranslation['files'] {
  return tree.out !== undefined && produced !== undefined ? result.files.filter((f) => produced.has(f.target)) : result.files;
}

/** The names of {@link checkedFiles}. */
export function changedFiles(result: DirTranslation, tree: LoadedTree): string[] {
  return checkedFiles(result, tree).map((c) => c.file);
}

/**
 * The output files `--check --out` compares with that exist but could not be read (unreadable, a
 * FIFO, too large, a symlink out, …): each counts as "would change", and a warning says it could not
 * be compared rather than leaving that unsaid.
 */
export function uncomparedOutputFiles(result: DirTranslation, tree: LoadedTree): Diagnostic[] {
  const out = tree.out;
  if (!out || out.refused.size === 0) return [];
  const targets = new Set(result.files.map((f) => f.target));
  return [...out.refused].filter(([rel]) => targets.has(rel)).map(([rel, why]) => diagnostic('OUT_FILE_NOT_COMPARED', 'warning', `${out.root.given.replace(/\/$/, '')}/${rel}`, undefined,
    `exists in the output directory but could not be read (${describe(why)}), so it could not be compared; it counts as a file that would change. Make it a readable regular file, or check it by hand`));
}

function describe(why: TargetOutcome): string {
  switch (why.kind) {
    case 'unreadable': return why.why;
    case 'missing': return why.why;
    case 'special': return 'not a regular file';
    case 'directory': return 'a directory';
    case 'outside': return `a symlink to ${why.real}, outside the directory`;
    case 'rejected': return why.diagnostic.code;
    case 'changed': return why.why;
    case 'too-deep': return 'too deep';
    case 'file': return 'read';
  }
}
