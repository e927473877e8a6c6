import { stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { comparePaths, discoverConfigEntries } from './discover.js';
import { foundEntryDiagnostic, unreadableDirDiagnostic } from './found-diagnostics.js';
import { resolveWithin, type InputDir } from './input-dir.js';
import { mapLimited } from './map-limited.js';

export { comparePaths };

/** A config file to read: where it is in the input directory and on disk. */
export interface ConfigFileEntry {
  /** POSIX path relative to the input directory, as the diff and the report show it. */
  path: string;
  /** Absolute path with symlinks resolved (inside the input directory). */
  real: string;
  /** Permission bits, kept on the translated file. */
  mode: number;
  size: number;
}

export interface FoundConfigFiles {
  files: ConfigFileEntry[];
  diagnostics: Diagnostic[];
}

/** Files looked at or read at the same time: enough to overlap the waits, far below any fd limit. */
export const IO_CONCURRENCY = 16;

/**
 * Every `*.cfg` regular file under the input directory, subdirectories included, sorted by path
 * (discovery: fast-glob, src/1-load/discover.ts). Symlinks are followed only to files inside the
 * directory: a link that leaves it is an error (its target is never read); a dangling link or a
 * link loop is skipped with a warning, since the daemon could not read it either. Pipes, devices
 * and sockets are never opened. A subdirectory that cannot be listed is a DIR_UNREADABLE warning.
 */
export async function findConfigFiles(input: InputDir): Promise<FoundConfigFiles> {
  const discovery = await discoverConfigEntries(input.real);
  const entries = discovery.entries.map((e) => e.path);
  const files: ConfigFileEntry[] = [];
  const diagnostics: Diagnostic[] = discovery.unreadable.map((u) => unreadableDirDiagnostic(u.path, u.code));
  const resolved = await mapLimited(entries, IO_CONCURRENCY, (rel) => resolveWithin(input, rel));
  for (let i = 0; i < entries.length; i++) {
    const rel = entries[i]!;
    const r = resolved[i]!;
    if (r.kind === 'file') {
      files.push({ path: rel, real: r.real, mode: r.mode, size: r.size });
      continue;
    }
    const outcome = r.kind === 'outside'
      ? { kind: 'outside' as const, real: r.real, directory: (await stat(r.real).catch(() => undefined))?.isDirectory() ?? false }
      : r.kind === 'missing' && r.why !== 'ENOENT' && r.why !== 'ELOOP' && r.why !== 'DANGLING'
        ? { kind: 'unreadable' as const, why: r.why }
        : r as Exclude<typeof r, { kind: 'file' } | { kind: 'outside' }> & { why: 'ENOENT' | 'ELOOP' | 'DANGLING' };
    const d = foundEntryDiagnostic(rel, outcome);
    if (d) diagnostics.push(d);
  }
  // Two names for the same file (a symlink next to its target) are both kept: each is a file a daemon may read.
  return { files, diagnostics };
}
