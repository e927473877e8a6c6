import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Owner and permission bits an entry of the source had (uid/gid absent: not known, left as created). */
export interface SourceMeta {
  mode: number;
  uid?: number;
  gid?: number;
}

/** One file of the output: path relative to the output directory (with `/`), bytes, and its source's metadata. */
export interface WriteFile extends SourceMeta {
  path: string;
  bytes: Uint8Array;
}

/**
 * Everything the write phase needs, as plain data. `mode`: 'create' when the output directory must
 * not exist yet or be empty (it is built beside its place and renamed in), 'replace' to replace files
 * inside an existing directory (`--force`). `dir` is the source root directory's metadata (for the
 * output directory and any directory created without a source counterpart), `sourceDirs` that of the
 * source's subdirectories by relative path.
 */
export interface WritePlan {
  outDir: string;
  mode: 'create' | 'replace';
  files: readonly WriteFile[];
  dir: SourceMeta;
  sourceDirs?: ReadonlyMap<string, SourceMeta>;
  /** The run was given `--force` (only changes what a refusal tells the user to do). */
  forced?: boolean;
}

/** Paths written, paths left alone (already the same bytes and mode), and notes about what the run found (a stale lock, a rolled-back earlier run). */
export interface WriteOutcome {
  written: string[];
  unchanged: string[];
  notices: Diagnostic[];
}

/** Names of the run's own entries next to or inside the output directory: `.zarafa2kopano` marks them all. */
export const MARK = 'zarafa2kopano';
export const JOURNAL_NAME = `.${MARK}-journal.json`;
export const INNER_STAGING_PREFIX = `.${MARK}-staging-`;
export function lockName(outBase: string): string {
  return `.${outBase}.${MARK}.lock`;
}
export function besideStagingPrefix(outBase: string): string {
  return `.${outBase}.${MARK}-staging-`;
}
