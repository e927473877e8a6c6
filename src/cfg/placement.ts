import { commentedSettingOf, type ConfigDocument } from './model.js';

/**
 * Where to insert a new setting so a reader finds it next to what it belongs with: after the last
 * active or commented-out (`#key = ...`) line of any of `related`, else after the last line.
 * Returns the line number to pass as `after` in an insert edit.
 */
export function insertionPoint(doc: ConfigDocument, related: readonly string[]): number {
  const wanted = new Set(related);
  let found = 0;
  for (const line of doc.lines) {
    if (line.kind === 'setting' && wanted.has(line.key)) found = line.number;
    else if (line.kind === 'comment') {
      const c = commentedSettingOf(line);
      if (c && wanted.has(c.key)) found = line.number;
    }
  }
  return found > 0 ? found : lastContentLine(doc);
}

/** The last line that is not blank (so an insert does not land after trailing blank lines). */
function lastContentLine(doc: ConfigDocument): number {
  for (let i = doc.lines.length - 1; i >= 0; i--) if (doc.lines[i]!.kind !== 'blank') return doc.lines[i]!.number;
  return doc.lines.length;
}

/** The line of a commented-out sample setting for `key` (the last one), if the file has one. */
export function commentedSampleLine(doc: ConfigDocument, key: string): number | undefined {
  let found: number | undefined;
  for (const line of doc.lines) {
    const c = commentedSettingOf(line);
    if (c && c.key === key) found = line.number;
  }
  return found;
}
