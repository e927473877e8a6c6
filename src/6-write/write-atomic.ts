import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceMeta, WriteFile, WriteOutcome } from './plan.js';
import { writeOutput } from './write-output.js';

export type { WriteOutcome, WritePlan, WriteFile, SourceMeta } from './plan.js';
export { writeOutput, recoverInterruptedWrite } from './write-output.js';

/** One file to write: path relative to the output directory, its bytes and permission bits; `source`: the absolute path of the file it came from (its owner and group are carried over). */
export interface PlannedWrite {
  path: string;
  bytes: Uint8Array;
  mode: number;
  source?: string;
}

/**
 * The older entry, kept for the callers that build PlannedWrite lists: gathers the source's
 * metadata (owner of each `source` file, modes of `sourceRoot` and its subdirectories) and calls
 * {@link writeOutput}. A missing or empty `outDir` is created, an existing one replaced into.
 */
export async function writeFilesAtomically(outDir: string, writes: readonly PlannedWrite[], sourceRoot?: string): Promise<WriteOutcome> {
  const abs = path.resolve(outDir);
  const st = await lstat(abs).catch(() => undefined);
  const fresh = !st || (st.isDirectory() && (await readdir(abs)).length === 0);
  const files: WriteFile[] = [];
  for (const w of writes) {
    const src = w.source === undefined ? undefined : await stat(w.source).catch(() => undefined);
    files.push({ path: w.path, bytes: w.bytes, mode: w.mode, ...(src ? { uid: src.uid, gid: src.gid } : {}) });
  }
  const dir = sourceRoot === undefined ? undefined : await metaOfDir(sourceRoot);
  const sourceDirs = new Map<string, SourceMeta>();
  if (sourceRoot !== undefined) {
    for (const w of writes) {
      const parts = w.path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const rel = parts.slice(0, i).join('/');
        if (sourceDirs.has(rel)) continue;
        const m = await metaOfDir(path.join(sourceRoot, ...parts.slice(0, i)));
        if (m) sourceDirs.set(rel, m);
      }
    }
  }
  return writeOutput({ outDir: abs, mode: fresh ? 'create' : 'replace', files, dir: dir ?? { mode: 0o755 }, sourceDirs });
}

async function metaOfDir(dir: string): Promise<SourceMeta | undefined> {
  const st = await stat(dir).catch(() => undefined);
  return st?.isDirectory() ? { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } : undefined;
}
