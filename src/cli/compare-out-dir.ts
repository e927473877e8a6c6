import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeConfigBytes } from '../cfg/bytes.js';
import type { DirTranslation } from '../types.js';

/**
 * The files whose result differs from what a directory holds now (missing counts as different):
 * `outDir` if given; else, for a merge (`kopanoDir`), the Kopano directory it was merged into;
 * else, for a plain translation, the files the translation changes at all (content or name).
 * Contents are compared as decoded text, so the file names alone never count as a change.
 */
export async function changedFiles(dir: DirTranslation, outDir?: string, kopanoDir?: string): Promise<string[]> {
  const against = outDir ?? kopanoDir;
  if (against === undefined) {
    return dir.files.filter((f) => f.output !== f.input || f.target !== f.source).map((f) => f.target);
  }
  const changed: string[] = [];
  for (const f of dir.files) {
    const bytes = await readFile(path.join(against, ...f.target.split('/'))).catch(() => undefined);
    if (!bytes || decodeConfigBytes(bytes).text !== f.output) changed.push(f.target);
  }
  return changed;
}
