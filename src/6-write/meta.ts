import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SourceMeta, WriteFile, WritePlan } from './plan.js';

/**
 * The owner and mode a file gets. A new file: its source's mode, owner and group. A replaced regular
 * file keeps its owner and group (the daemons that read it still can), and its mode narrowed to the
 * source's: the bits both allow, so the result is never wider than either (0644 over a 0640 source
 * gives 0640; 0600 stays 0600).
 */
export function finalMeta(file: WriteFile, existing: Stats | undefined): SourceMeta & { keepOwner: boolean } {
  if (existing?.isFile()) return { mode: existing.mode & file.mode & 0o7777, uid: existing.uid, gid: existing.gid, keepOwner: true };
  return { ...metaOf(file), keepOwner: false };
}

/** A directory the run creates: the source's directory at the same place, else the source root. */
export function dirMeta(plan: WritePlan, rel: string): SourceMeta {
  return plan.sourceDirs?.get(rel) ?? plan.dir;
}

/** An existing empty output directory replaced by the built one: keeps its owner, mode narrowed to the source root's. */
export function replacedDirMeta(plan: WritePlan, existing: Stats): SourceMeta {
  return { mode: existing.mode & plan.dir.mode & 0o7777, uid: existing.uid, gid: existing.gid };
}

function metaOf(m: SourceMeta): SourceMeta {
  return { mode: m.mode, ...(m.uid !== undefined ? { uid: m.uid } : {}), ...(m.gid !== undefined ? { gid: m.gid } : {}) };
}

/** Whether the regular file at `target` already has the planned bytes and the mode it would get. */
export async function holdsAlready(target: string, existing: Stats | undefined, bytes: Uint8Array, mode: number): Promise<boolean> {
  if (!existing?.isFile() || existing.size !== bytes.length || (existing.mode & 0o7777) !== (mode & 0o7777)) return false;
  const now = await readFile(target).catch(() => undefined);
  return now !== undefined && Buffer.compare(now, bytes) === 0;
}

/** Directories (relative, `/`-separated) that hold the files, outermost first, the root ('') left out. */
export function dirsOf(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
}
