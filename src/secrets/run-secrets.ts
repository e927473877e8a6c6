import type { LoadedTree } from '../1-load/loaded-tree.js';
import type { DirTranslation } from '../types.js';
import type { NamedText } from './secret-set.js';

/**
 * Every text of a finished run, named by the file it is: what it read (the Zarafa and Kopano
 * files, the output directory's, the web clients') and what it made. Nothing is read again: load
 * kept them all.
 */
export function textsOfRun(dir: DirTranslation, tree: LoadedTree): NamedText[] {
  const read = [tree.zarafa, tree.kopano, tree.out].flatMap((d) => (d ? [...d.files.values()].map((f) => ({ file: f.path, text: f.text })) : []));
  return [
    ...read,
    ...tree.clients.map((c) => ({ file: c.path, text: c.file.text })),
    ...dir.files.flatMap((f) => [{ file: f.source, text: f.input }, { file: f.target, text: f.output }]),
  ];
}
