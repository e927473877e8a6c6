import path from 'node:path';
import type { DirRoot } from './loaded-tree.js';

/** Absolute prefixes that mean "this directory": the Zarafa location, the Kopano one (a translated tree), and the given path. */
function homePrefixes(input: DirRoot): string[] {
  return [...new Set(['/etc/zarafa', '/etc/kopano', input.abs, input.real])];
}

export type ArgumentTarget = { kind: 'inside'; rel: string } | { kind: 'outside'; path: string };

/**
 * Where a directive argument points, as a path relative to the input directory. A relative path
 * is taken from the including file's directory (as the C++ reader does); an absolute path under
 * /etc/zarafa, /etc/kopano or the input directory itself is mapped into the input directory.
 * Pure: nothing is read.
 */
export function resolveDirectiveTarget(input: DirRoot, arg: string, from: string): ArgumentTarget {
  const a = arg.trim();
  if (path.posix.isAbsolute(a)) {
    const clean = path.posix.normalize(a);
    for (const prefix of homePrefixes(input)) {
      if (clean === prefix) return { kind: 'inside', rel: '.' };
      if (clean.startsWith(prefix + '/')) return { kind: 'inside', rel: clean.slice(prefix.length + 1) || '.' };
    }
    return { kind: 'outside', path: clean };
  }
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(from), a));
  if (rel === '..' || rel.startsWith('../')) return { kind: 'outside', path: rel };
  return { kind: 'inside', rel: rel.replace(/\/$/, '') || '.' };
}

