import { readdir, type Dirent } from 'node:fs';
import { readdir as readdirAsync } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { errnoCode } from '../diagnostics/translate-error.js';
import { comparePaths } from './compare-paths.js';

/** /etc/zarafa is flat; a few levels cover subdirectories people make, without walking a whole tree. */
export const MAX_DISCOVERY_DEPTH = 4;

/** An entry named `*.cfg`, listed without following it. */
export interface DiscoveredEntry {
  /** POSIX path relative to the directory. */
  path: string;
  /** What the entry is itself (a symlink is `symlink`, whatever it points at). */
  type: 'file' | 'directory' | 'symlink' | 'special';
  /**
   * A name that is not UTF-8 (`caf\xe9.cfg`): its bytes, to open it by (its last path component;
   * `path` then shows each of its bytes as one latin-1 character, like the file's text).
   */
  rawName?: Buffer;
}

export interface Discovery {
  /** Non-directory entries named `*.cfg`, in path order. */
  entries: DiscoveredEntry[];
  /** Subdirectories the walk could not list, and why (their files were not looked at). */
  unreadable: { path: string; code: string }[];
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: never[]) => void;

/**
 * Every entry named `*.cfg` under `dir` (up to {@link MAX_DISCOVERY_DEPTH} path segments, dot
 * names excluded), found by fast-glob. Symlinks are listed, never descended into, so a link loop or
 * a link out of the directory cannot widen the walk. fast-glob stops at the first directory it
 * cannot list; its `readdir` is wrapped so such a directory is recorded and the walk goes on.
 */
export async function discoverConfigEntries(dir: string, pattern = '**/*.cfg'): Promise<Discovery> {
  const unreadable: { path: string; code: string }[] = [];
  const readdirRecording = (p: string, a: unknown, b?: unknown): void => {
    const cb = (typeof a === 'function' ? a : b) as ReaddirCallback;
    const done = (error: NodeJS.ErrnoException | null, entries: never[]): void => {
      const code = errnoCode(error);
      if (error && p !== dir && code !== 'ENOENT' && code !== 'ENOTDIR') {
        unreadable.push({ path: relativeTo(dir, p), code: code ?? String(error) });
        cb(null, []);
      } else {
        cb(error, entries);
      }
    };
    if (typeof a === 'function') readdir(p, done as never);
    else readdir(p, a as { withFileTypes: true }, done as never);
  };
  const found = await fg(pattern, {
    cwd: dir,
    deep: MAX_DISCOVERY_DEPTH,
    dot: false,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    suppressErrors: false,
    caseSensitiveMatch: true,
    fs: { readdir: readdirRecording as never },
  });
  const entries: DiscoveredEntry[] = [];
  for (const e of found) {
    const type = typeOf(e.dirent);
    if (type !== 'directory') entries.push({ path: e.path, type }); // a directory named *.cfg is not a config file
  }
  const named = await withRawNames(dir, entries);
  named.sort((a, b) => comparePaths(a.path, b.path));
  unreadable.sort((a, b) => comparePaths(a.path, b.path));
  return { entries: named, unreadable };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const isUtf8 = (b: Buffer): boolean => {
  try {
    strictUtf8.decode(b);
    return true;
  } catch {
    return false;
  }
};

/**
 * Names that are not UTF-8 reach fast-glob as strings with U+FFFD in place of their bytes, which
 * open nothing. Each is listed again by its bytes in its directory and kept with them (`rawName`);
 * its shown path has one latin-1 character per byte. A name that would show as another entry's
 * stays as found (and is reported unreadable).
 */
async function withRawNames(dir: string, entries: DiscoveredEntry[]): Promise<DiscoveredEntry[]> {
  if (!entries.some((e) => e.path.includes('\uFFFD'))) return entries;
  const out = entries.filter((e) => !e.path.includes('\uFFFD'));
  const taken = new Set(out.map((e) => e.path));
  const lossy = [...new Set(entries.filter((e) => e.path.includes('\uFFFD')).map((e) => e.path))];
  for (const p of lossy) {
    const parent = path.posix.dirname(p);
    const base = path.posix.basename(p);
    const matches = parent.includes('\uFFFD') ? [] : await readdirAsync(path.join(dir, ...parent.split('/')), { encoding: 'buffer', withFileTypes: true }).catch(() => []);
    let found = false;
    for (const d of matches) {
      const name = d.name as unknown as Buffer;
      if (isUtf8(name) || name.toString('utf8') !== base) continue;
      const shown = parent === '.' ? name.toString('latin1') : `${parent}/${name.toString('latin1')}`;
      if (taken.has(shown) || d.isDirectory()) continue;
      taken.add(shown);
      out.push({ path: shown, type: typeOf(d), rawName: name });
      found = true;
    }
    if (!found) out.push(entries.find((e) => e.path === p)!);
  }
  return out;
}

function typeOf(d: Pick<Dirent, 'isSymbolicLink' | 'isDirectory' | 'isFile'>): DiscoveredEntry['type'] {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isDirectory()) return 'directory';
  if (d.isFile()) return 'file';
  return 'special';
}

function relativeTo(dir: string, p: string): string {
  return p.startsWith(dir + '/') ? p.slice(dir.length + 1) : p;
}

export { comparePaths };
