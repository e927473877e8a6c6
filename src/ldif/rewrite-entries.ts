/**
 * `--mode entries`: the export with every zarafa.schema class and attribute line replaced by its
 * kopano.schema line, in place. Every other line (other attributes, comments, folding, line ends,
 * records without zarafa data, change records) is kept byte for byte, so slapadd gets the whole
 * directory back and a second run finds nothing to change.
 */
import type { LdifDocument } from './model.js';
import { kopanoLine, type MappedEntry } from './schema-names.js';
import { fold } from './values.js';

export function rewriteEntries(document: LdifDocument, entries: readonly MappedEntry[]): string {
  const replaced = new Map<number, string>();
  for (const entry of entries) {
    for (const { line, index, mapping } of entry.lines) {
      const text = kopanoLine(line, mapping);
      // A line is refolded only when it changed; its line end is the one it had.
      if (text !== undefined) replaced.set(index, fold(text, line.eol));
    }
  }
  let out = '';
  document.lines.forEach((l, i) => {
    out += replaced.get(i) ?? l.raw;
  });
  return out;
}
