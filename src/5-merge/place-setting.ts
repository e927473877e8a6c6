import type { Edit } from '../cfg/edit.js';
import { commentedSettingOf, type ConfigDocument } from '../cfg/model.js';
import { insertionPoint } from '../cfg/placement.js';
import type { OptionTable } from '../options/index.js';
import { canonicalKey } from './keys.js';

/** How a carried setting lands in the Kopano file. */
export type Placement =
  | { how: 'replace'; edit: Extract<Edit, { op: 'set-value' }> }
  | { how: 'uncomment'; edit: Extract<Edit, { op: 'uncomment' }> }
  | { how: 'insert'; edit: Extract<Edit, { op: 'insert' }> };

/**
 * Where `key = value` goes in the Kopano file so that the daemon reads it and a person finds it:
 * 1. its last active line, when that line comes after the last `!include` (replace the value);
 * 2. else its last commented sample line (`#key = ...`) after the last include (uncomment it);
 * 3. else right after the nearest setting that precedes it in the user's file and that the Kopano
 *    file has (active or as a sample), or next to settings sharing its prefix;
 * 4. else after the last non-blank line.
 * Nothing is placed before the last `!include`, which could otherwise override it. `taken` holds
 * the lines other placements already rewrite (a line is rewritten once).
 */
export function placeSetting(
  doc: ConfigDocument,
  table: OptionTable | undefined,
  key: string,
  value: string,
  context: { lastInclude: number; precedingKeys: readonly string[]; taken: ReadonlySet<number> },
): Placement {
  const { lastInclude, taken } = context;
  const usable = (n: number | undefined): n is number => n !== undefined && n > lastInclude && !taken.has(n);
  const active = lastLineOf(doc, (k) => canonicalKey(table, k) === key, 'active');
  if (usable(active)) return { how: 'replace', edit: { op: 'set-value', line: active, value } };
  const sample = lastLineOf(doc, (k) => k === key, 'sample');
  if (usable(sample) && (active === undefined || sample > active)) {
    return { how: 'uncomment', edit: { op: 'uncomment', line: sample, value } };
  }
  let after: number | undefined;
  for (const near of context.precedingKeys) {
    const at = lastLineOf(doc, (k) => canonicalKey(table, k) === near, 'any');
    if (at !== undefined && at > lastInclude) {
      after = at;
      break;
    }
  }
  if (after === undefined) {
    const stem = prefixOf(key);
    const related = stem === undefined ? [] : [...(table?.options.keys() ?? [])].filter((k) => prefixOf(k) === stem);
    after = insertionPoint(doc, related);
    if (after <= lastInclude) after = insertionPoint(doc, []);
  }
  if (after < lastInclude) after = lastInclude;
  return { how: 'insert', edit: { op: 'insert', after, key, value } };
}

/** `ldap_user_unique_attribute` → `ldap_user`; keys with fewer than three words have none. */
function prefixOf(key: string): string | undefined {
  const words = key.split('_');
  return words.length >= 3 ? words.slice(0, 2).join('_') : undefined;
}

function lastLineOf(doc: ConfigDocument, match: (key: string) => boolean, kind: 'active' | 'sample' | 'any'): number | undefined {
  let found: number | undefined;
  for (const line of doc.lines) {
    if (line.kind === 'setting' && kind !== 'sample' && match(line.key)) found = line.number;
    else if (kind !== 'active') {
      const c = commentedSettingOf(line);
      if (c && match(c.key)) found = line.number;
    }
  }
  return found;
}
