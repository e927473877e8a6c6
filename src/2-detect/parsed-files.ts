import type { ConfigDocument, Dialect } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import type { LoadedDir } from '../1-load/loaded-tree.js';

/** A loaded file's document as one reader sees it. */
export type ParseFile = (path: string, dialect: Dialect) => ConfigDocument;

/**
 * Parses the files of one loaded directory on demand, each once per dialect. Detection, the
 * include graph and the rules all need the same documents; the memo lives as long as the run that
 * made it (documents are never changed, so sharing them is safe).
 */
export function parsedFiles(dir: LoadedDir): ParseFile {
  const memo = new Map<string, ConfigDocument>();
  return (path, dialect) => {
    const key = `${dialect}\0${path}`;
    let doc = memo.get(key);
    if (!doc) {
      const f = dir.files.get(path);
      if (!f) throw new Error(`internal: ${path} was not loaded`);
      doc = parseConfig(f.text, { file: f.path, dialect, encoding: f.encoding });
      memo.set(key, doc);
    }
    return doc;
  };
}
