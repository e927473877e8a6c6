import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Why another user could change what `realDir` holds while the run reads it, or undefined when
 * nobody but root and the user running the tool can (the StrictModes rule of docs/security.md):
 *
 * - the directory itself, and every subdirectory a file is read from: owned by root or by the
 *   user running the tool, and writable by neither group nor others (a sticky bit does not help:
 *   others could still add an entry, e.g. a symlink named like a missing include target);
 * - every directory above it up to `/`: owned by root or by the user, and writable by group or
 *   others only when the sticky bit is set (`/tmp`: others can add entries there, but cannot
 *   rename or replace ours).
 *
 * `self: 'parent'` judges `realDir` by the second rule (the existing parent a new output directory
 * is created in). `realDir` must be absolute with symlinks resolved, so the parents are the real ones.
 */
export async function unsafeDirReason(realDir: string, how: { self: 'read' | 'parent'; ancestors: boolean }): Promise<string | undefined> {
  // A directory that vanished cannot be judged; the read that needs it then fails on its own.
  const own = await stat(realDir).catch(() => undefined);
  if (own === undefined) return undefined;
  const why = reason(own, how.self === 'parent');
  if (why !== undefined) return why;
  if (!how.ancestors) return undefined;
  for (let child = realDir, dir = path.dirname(realDir); dir !== child; child = dir, dir = path.dirname(dir)) {
    const st = await stat(dir).catch(() => undefined);
    const w = st === undefined ? undefined : reason(st, true);
    if (w !== undefined) return `${dir} ${w}`;
  }
  return undefined;
}

function reason(st: Stats, isAncestor: boolean): string | undefined {
  const me = process.geteuid?.() ?? 0;
  const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
  if (st.uid !== 0 && st.uid !== me) return `is owned by another user (uid ${st.uid}, mode ${mode})`;
  const writable = (st.mode & 0o022) !== 0;
  if (!writable) return undefined;
  if (isAncestor && (st.mode & 0o1000) !== 0) return undefined;
  return `is writable by ${st.mode & 0o002 ? 'all users' : 'its group'} (mode ${mode})`;
}
