import type { LoadedTree } from '../1-load/loaded-tree.js';
import type { DirTranslation } from '../types.js';
import { secretSetOf, type SecretSet } from './secret-set.js';

/**
 * The secrets of a finished run: every text it read (the Zarafa and Kopano files, the output
 * directory's, the web clients') and every text it made. Nothing is read again: load kept them all.
 */
export function secretsOfRun(dir: DirTranslation, tree: LoadedTree): SecretSet {
  const read = [tree.zarafa, tree.kopano, tree.out].flatMap((d) => (d ? [...d.files.values()].map((f) => f.text) : []));
  return secretSetOf([...read, ...tree.clients.map((c) => c.file.text), ...dir.files.flatMap((f) => [f.input, f.output])]);
}
