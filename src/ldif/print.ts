import type { LdifDocument } from './model.js';

/** The text of a parsed LDIF file: every line exactly as read, so printLdif(parseLdif(t)) === t. */
export function printLdif(document: LdifDocument): string {
  let out = '';
  for (const l of document.lines) out += l.raw;
  return out;
}
