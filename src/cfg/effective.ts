import type { ConfigDocument, DirectiveLine, SettingLine } from './model.js';

/** Where an effective value was read: a line of a file. */
export interface SettingSource {
  file: string;
  line: SettingLine;
}

/**
 * Resolves an `!include` argument seen in `from` to the document it names, or undefined when it
 * cannot be read. Resolution (relative paths, sandboxing) is the caller's business.
 */
export type IncludeResolver = (directive: DirectiveLine, from: ConfigDocument) => ConfigDocument | undefined;

/**
 * The settings the daemon ends up with, in the order they were last assigned: later lines override
 * earlier ones, and an honoured `!include` is read where it stands. Files already read are skipped,
 * as the C++ reader does, so include cycles terminate. A file counts as read when the same document
 * object or a document with the same non-empty `file` name was visited (resolvers may re-parse).
 */
export function effectiveSettings(
  doc: ConfigDocument,
  resolve?: IncludeResolver,
  /** Also read `!propmap` files where they stand (the C++ reader loads them into the same settings, last wins). */
  followPropmap = false,
): Map<string, SettingSource> {
  // Map delete-and-reinsert per assignment degrades badly in V8 on large maps, so record the
  // position of each key's last assignment and order once at the end.
  const last = new Map<string, { source: SettingSource; order: number }>();
  let order = 0;
  const seen = new Set<ConfigDocument | string>();
  const visit = (d: ConfigDocument): void => {
    if (seen.has(d) || (d.file !== '' && seen.has(d.file))) return;
    seen.add(d);
    if (d.file !== '') seen.add(d.file);
    for (const line of d.lines) {
      if (line.kind === 'setting') {
        last.set(line.key, { source: { file: d.file, line }, order: order++ });
      } else if (line.kind === 'directive' && line.honoured && (line.name === 'include' || (followPropmap && line.name === 'propmap')) && resolve) {
        const target = resolve(line, d);
        if (target) visit(target);
      }
    }
  };
  visit(doc);
  const ordered = [...last].sort((a, b) => a[1].order - b[1].order);
  return new Map(ordered.map(([key, v]) => [key, v.source]));
}

/** The last assignment of each key in this file alone (no includes followed). */
export function settingsOf(doc: ConfigDocument): Map<string, SettingLine> {
  const out = new Map<string, SettingLine>();
  for (const line of doc.lines) if (line.kind === 'setting') out.set(line.key, line);
  return out;
}
