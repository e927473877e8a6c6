import type { ConfigDocument } from './model.js';

/** The document's exact text: BOM, every line's characters and line end, in order. */
export function printConfig(doc: ConfigDocument): string {
  let out = doc.bom ? '\uFEFF' : '';
  for (const line of doc.lines) out += line.raw + line.eol;
  return out;
}
