import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveWithin, type InputDir } from './input-dir.js';
import { mapLimited } from './map-limited.js';
import { comparePaths } from './compare-paths.js';

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

/** /etc/zarafa is flat; a few levels cover subdirectories people make, without walking a whole tree. */
const MAX_DEPTH = 4;

/** Files looked at or read at the same time: enough to overlap the waits, far below any fd limit. */
export const IO_CONCURRENCY = 16;

/**
 * Every `*.cfg` regular file under the input directory, subdirectories included, sorted by path.
 * Symlinks are followed only to files inside the directory: a link that leaves it is an error
 * (its target is never read); a dangling link or a link loop is skipped with a warning, since the
 * daemon could not read it either. Pipes, devices and sockets are never opened.
 */
export async function findConfigFiles(input: InputDir): Promise<FoundConfigFiles> {
  const entries: string[] = [];
  await walk(input.real, '', 1, entries);
  entries.sort(comparePaths);
  const files: ConfigFileEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const resolved = await mapLimited(entries, IO_CONCURRENCY, (rel) => resolveWithin(input, rel));
  for (let i = 0; i < entries.length; i++) {
    const rel = entries[i]!;
    const r = resolved[i]!;
    switch (r.kind) {
      case 'file':
        files.push({ path: rel, real: r.real, mode: r.mode, size: r.size });
        break;
      case 'outside':
        diagnostics.push(diagnostic('SYMLINK_OUTSIDE_INPUT', 'error', rel, undefined,
          `is a symlink to ${r.real}, outside the input directory; it was not read. Copy the file into the directory (or translate it separately) and run again`));
        break;
      case 'missing':
        diagnostics.push(r.why === 'ELOOP'
          ? diagnostic('SYMLINK_LOOP', 'warning', rel, undefined,
            'is a symlink loop; no daemon can read it, so it was skipped. Remove it or point it at a real file')
          : r.why === 'DANGLING'
            ? diagnostic('SYMLINK_DANGLING', 'warning', rel, undefined,
              'is a symlink to a file that does not exist; no daemon can read it, so it was skipped. Remove it or point it at a real file')
            : diagnostic('FILE_UNREADABLE', 'error', rel, undefined,
              `cannot be read (${r.why}); run as a user who can read it`));
        break;
      case 'special':
        // An error, not a warning: a daemon's settings may be behind it, and the output would silently lack them.
        diagnostics.push(diagnostic('NOT_A_REGULAR_FILE', 'error', rel, undefined,
          'is not a regular file (a pipe, socket or device); it was not read. Replace it with the regular file the daemon reads, or move it out of the directory'));
        break;
      case 'directory':
        break; // a directory that happens to be named *.cfg (or a link to one): nothing to translate
    }
  }
  // Two names for the same file (a symlink next to its target) are both kept: each is a file a daemon may read.
  return { files, diagnostics };
}

/**
 * Collect the non-directory entries named `*.cfg` (dot names excluded) of `dir` and of its
 * subdirectories, up to {@link MAX_DEPTH} path segments. Symlinks are listed, never descended into,
 * so a link loop or a link out of the directory cannot widen the walk. An unreadable subdirectory
 * is skipped: its files would not be readable either, and the walk of the rest goes on.
 * A plain readdir walk rather than a glob library: loading one costs more than the whole walk.
 */
async function walk(dir: string, prefix: string, depth: number, out: string[]): Promise<void> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const below: Promise<void>[] = [];
  for (const d of dirents) {
    const name = d.name;
    if (name.charCodeAt(0) === 0x2e) continue; // dot files and dot directories are not config files
    const rel = prefix + name;
    if (d.isDirectory()) {
      if (depth < MAX_DEPTH) below.push(walk(`${dir}/${name}`, `${rel}/`, depth + 1, out));
    } else if (name.endsWith('.cfg')) {
      out.push(rel);
    }
  }
  await Promise.all(below);
}
