import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DirTranslation } from '../types.js';
import type { LoadedTree, TargetOutcome } from '../1-load/loaded-tree.js';

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
