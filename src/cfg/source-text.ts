import type { ConfigDocument } from './model.js';

/**
 * The text each document returned by parseConfig was parsed from. Lines are slices of it, so an
 * applier can copy unchanged stretches of lines as one slice of this text instead of one piece per
 * line (see applyEditsToText). Weak: a document and its text go out of reach together. Documents
 * built by hand have none, and callers fall back to their lines.
 */
const sources = new WeakMap<ConfigDocument, string>();

/** Record that `doc` is the lossless parse of `text` (parseConfig only). */
export function rememberSourceText(doc: ConfigDocument, text: string): void {
  sources.set(doc, text);
}

/** The text `doc` was parsed from, when parseConfig made it; `printConfig(doc)` equals it. */
export function sourceTextOf(doc: ConfigDocument): string | undefined {
  return sources.get(doc);
}
