import type { ConfigDocument, DirectiveLine, SettingLine } from '../cfg/model.js';
import type { OptionTable } from '../options/index.js';
import { canonicalKey } from './keys.js';

/**
 * What an `!include` or `!propmap` of a Kopano file names: a document in the Kopano directory, a
 * file outside it (the packaged /usr/share/kopano/*.cfg of 8.7, never read), or nothing readable.
 */
export type KopanoInclude = { kind: 'inside'; doc: ConfigDocument } | { kind: 'outside'; path: string } | undefined;

export type KopanoIncludeResolver = (directive: DirectiveLine, from: ConfigDocument) => KopanoInclude;

/** A setting as the Kopano daemon would read it from the Kopano file. */
export interface TheirValue {
  value: string;
  /** The line in the Kopano file itself, when it is set there (not in an included file). */
  line?: SettingLine;
}

/**
 * The Kopano file as its daemon reads it: settings by canonical key, the last honoured `!include`
 * (nothing written before it can be sure to win), and whether an include outside the directory
 * may set anything (then a key not set after it has an unknown value).
 */
export interface KopanoView {
  values: Map<string, TheirValue>;
  /** Line of the last honoured `!include` in the file; 0 without one. */
  lastInclude: number;
  /** Honoured `!include`s that could not be read because they lie outside the Kopano directory. */
  outside: { line: number; path: string }[];
  /** Honoured `!include`/`!propmap` lines that name nothing readable inside the directory. */
  missing: DirectiveLine[];
}

/**
 * Read the Kopano file's settings the way its daemon does: later lines win, an `!include` read
 * where it stands. A value set before an include that cannot be read is dropped (unknown), since
 * the included file may set it.
 */
export function kopanoView(doc: ConfigDocument, table: OptionTable | undefined, resolve?: KopanoIncludeResolver): KopanoView {
  const view: KopanoView = { values: new Map(), lastInclude: 0, outside: [], missing: [] };
  const seen = new Set<ConfigDocument | string>();
  const visit = (d: ConfigDocument, top: boolean): void => {
    if (seen.has(d) || (d.file !== '' && seen.has(d.file))) return;
    seen.add(d);
    if (d.file !== '') seen.add(d.file);
    for (const line of d.lines) {
      if (line.kind === 'setting') {
        const key = canonicalKey(table, line.key);
        view.values.delete(key);
        view.values.set(key, top ? { value: line.value, line } : { value: line.value });
        continue;
      }
      if (line.kind !== 'directive' || !line.honoured || (line.name !== 'include' && line.name !== 'propmap')) continue;
      if (top && line.name === 'include') view.lastInclude = line.number;
      const target = resolve?.(line, d);
      if (target?.kind === 'inside') {
        if (line.name === 'include') visit(target.doc, false);
      } else if (target?.kind === 'outside') {
        if (line.name === 'include') {
          if (top) view.outside.push({ line: line.number, path: target.path });
          view.values.clear(); // whatever came before may be overridden by the unread file
        }
      } else if (resolve) {
        view.missing.push(line);
      }
    }
  };
  visit(doc, true);
  return view;
}
