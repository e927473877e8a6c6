import type { DirTranslation, TranslateDirOptions } from '../types.js';
import { runHost } from '../pipeline/run-host.js';
import { checkTranslateDirOptions } from './options.js';

/**
 * Translate a host: ROOT/etc/zarafa as {@link translateConfigDir} does, and every file around it
 * that a file kind knows (Postfix, fetchmail, …; docs/host.md), with root-relative paths
 * (etc/kopano/server.cfg, etc/postfix/master.cf). `root` is a host's root or a copy of its files,
 * only read. With `outDir`, OUT mirrors ROOT and holds every file that changes or is new, written
 * all or nothing. Throws as translateConfigDir does.
 */
export async function translateHost(root: string, options: Omit<TranslateDirOptions, 'kopanoDir'> = {}): Promise<DirTranslation> {
  const { outDir, force, webapp, zPush, ...translateOptions } = checkTranslateDirOptions(options);
  const { translation } = await runHost({
    root,
    ...(outDir !== undefined ? { outDir } : {}),
    ...(webapp !== undefined ? { webapp } : {}),
    ...(zPush !== undefined ? { zPush } : {}),
    force: force ?? false,
    options: translateOptions,
    write: outDir !== undefined,
  });
  return translation;
}
