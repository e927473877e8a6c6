import type { SourceFile } from '../1-load/read-config-file.js';
import type { DirTranslation } from '../types.js';
import { secretSetOf, unionOf, type SecretSet } from './secret-set.js';

/**
 * The secrets of a finished run: every file text it holds, as read and as translated. A merge run
 * (`kopanoDir`) holds the Kopano texts of the files it merged, not the Zarafa ones: those are read
 * again here, through the same guarded loader, so their values are masked too.
 */
export async function secretsOfRun(dir: DirTranslation, zarafaDir: string, merged: boolean): Promise<SecretSet> {
  const found = secretSetOf(dir.files.flatMap((f) => [f.input, f.output]));
  return merged ? unionOf(found, secretSetOf(await zarafaTexts(zarafaDir))) : found;
}

/** The text of every config file of `zarafaDir` and of the files its includes reach; unreadable ones are left out. */
async function zarafaTexts(zarafaDir: string): Promise<string[]> {
  const [{ openInputDir }, { findConfigFiles, IO_CONCURRENCY }, { readConfigFile }, { mapLimited }, { buildIncludeGraph }] = await Promise.all([
    import('../1-load/input-dir.js'),
    import('../1-load/find-config-files.js'),
    import('../1-load/read-config-file.js'),
    import('../1-load/map-limited.js'),
    import('../1-load/include-graph.js'),
  ]);
  const input = await openInputDir(zarafaDir);
  const found = await findConfigFiles(input);
  const sources = (await mapLimited(found.files, IO_CONCURRENCY, readConfigFile)).filter((r): r is SourceFile => !('code' in r));
  const graph = await buildIncludeGraph(input, sources, '7.2');
  return [...graph.files.values()].map((s) => s.text);
}
