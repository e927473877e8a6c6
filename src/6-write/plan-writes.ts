import { encodeConfigText } from '../cfg/bytes.js';
import type { FileTranslation } from '../types.js';
import type { LoadedFile, LoadedTree } from '../1-load/loaded-tree.js';

/** One file to write: path relative to the output directory, its bytes, and the source's mode and owner. */
export interface FileWrite {
  path: string;
  bytes: Uint8Array;
  mode: number;
  uid: number;
  gid: number;
}

/** A resulting file and the loaded file it stands for (whose mode, owner and encoding it keeps). */
export interface WriteSource {
  translation: FileTranslation;
  from: LoadedFile;
}

/**
 * What the write phase is to write, decided before it runs. Pure. When the output directory is
 * the Kopano directory itself, a file whose text is unchanged is not written at all.
 */
export function planWrites(tree: LoadedTree, files: readonly WriteSource[]): FileWrite[] {
  const inPlace = tree.out !== undefined && tree.kopano !== undefined
    && (tree.out.root.abs === tree.kopano.root.abs || tree.out.root.abs === tree.kopano.root.real);
  const writes: FileWrite[] = [];
  for (const { translation: f, from } of files) {
    if (inPlace && tree.kopano!.files.get(f.target) === from && from.text === f.output) continue;
    writes.push({ path: f.target, bytes: encodeConfigText(f.output, from.encoding), mode: from.mode, uid: from.uid, gid: from.gid });
  }
  return writes;
}
