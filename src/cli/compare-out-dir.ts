import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeConfigBytes } from '../cfg/bytes.js';
import type { DirTranslation } from '../types.js';

/**
 * The files whose translation differs from what `outDir` holds (missing counts as different).
 * Without `outDir`, the files the translation changes at all (content or name).
 */
export async function changedFiles(dir: DirTranslation, outDir?: string): Promise<string[]> {
  if (outDir === undefined) {
    return dir.files.filter((f) => f.output !== f.input || f.target !== f.source).map((f) => f.target);
  }
  const changed: string[] = [];
  for (const f of dir.files) {
    const bytes = await readFile(path.join(outDir, ...f.target.split('/'))).catch(() => undefined);
    if (!bytes || decodeConfigBytes(bytes).text !== f.output) changed.push(f.target);
  }
  return changed;
}
