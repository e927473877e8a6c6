import { effectiveSettings, type IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lookupOption, type OptionTable } from '../options/index.js';
import type { Change, FileTranslation } from '../types.js';
import { canonicalKey } from './keys.js';
import { isZcpBaseValue } from './zcp-base.js';

/** A setting of the user's translated file that the merge carries into the Kopano file. */
export interface CarriedSetting {
  key: string;
  value: string;
  /** `customised`: the user changed it from the ZCP default; `required`: a rule wrote it. */
  kind: 'customised' | 'required' | 'needed';
  /** `merge` for customised settings, else the id of the rule that requires the value. */
  rule: string;
  reason: string;
}

/**
 * Rules whose edits only re-spell a value for Kopano (a path, a socket, a pid file, a new option
 * name). A value they rewrote is carried only when the user customised it; every other rule's
 * edit is a value Kopano needs (a pinned default, the attachment path, LDAP names, SSL, run_as).
 */
export const TRANSLATION_ONLY_RULES: ReadonlySet<string> = new Set([
  'renamed-options', 'sockets', 'pid-files', 'paths', 'includes', 'ldap-propmap', 'unknown-options', 'guide-actions',
]);

/** A rename records the old key as `before` and the new one as `after`; value edits record values. */
function isRename(c: Change): boolean {
  return c.line !== undefined && c.key !== undefined && c.before === c.key && c.after !== undefined && c.after !== c.key;
}

export interface CarryInput {
  /** The user's Zarafa file, parsed with the source dialect. */
  original: ConfigDocument;
  resolveOriginal: IncludeResolver | undefined;
  /** translateConfig of the file. */
  translation: FileTranslation;
  /** The translated output, parsed with the target dialect, and how its includes resolve. */
  ours: ConfigDocument;
  resolveOurs: IncludeResolver | undefined;
  /** translateConfig of the file with its default-only lines commented out (see withoutDefaultLines). */
  baseTranslation: FileTranslation;
  baseOurs: ConfigDocument;
  sourceTable: OptionTable | undefined;
  targetTable: OptionTable;
  /** Name diagnostics carry (the Zarafa file). */
  file: string;
  mask(key: string, value: string): string;
}

export interface CarryResult {
  /** The translated file's settings by canonical key, in the order they are last assigned. */
  ours: Map<string, string>;
  carried: Map<string, CarriedSetting>;
  diagnostics: Diagnostic[];
}

/**
 * Decide which of the user's settings the Kopano file must receive: those the user customised
 * (their ZCP value was neither the sample's nor the compiled default), and those a rule wrote
 * into the translation or would write if the file only relied on defaults. Values are the
 * translated ones. A customised option Kopano no longer has is reported (MERGE_REMOVED_OPTION).
 */
export function carriedSettings(input: CarryInput): CarryResult {
  const { targetTable: tgt, translation } = input;
  const diagnostics: Diagnostic[] = [];
  const ours = new Map<string, string>();
  for (const [key, src] of effectiveSettings(input.ours, input.resolveOurs)) {
    const k = canonicalKey(tgt, key);
    ours.delete(k);
    ours.set(k, src.line.value);
  }
  const renames = new Map<string, string>();
  const removedByRule = new Map<number, string>();
  for (const c of translation.changes) {
    if (isRename(c)) renames.set(c.key!, c.after!);
    else if (c.line !== undefined && c.after === undefined) removedByRule.set(c.line, c.rule);
  }
  const carried = new Map<string, CarriedSetting>();

  for (const [k0, src] of effectiveSettings(input.original, input.resolveOriginal)) {
    const v0 = src.line.value;
    if (isZcpBaseValue(input.sourceTable, k0, v0)) continue;
    const k1 = canonicalKey(tgt, renames.get(k0) ?? k0);
    const inFile = src.file === input.original.file;
    const removedBy = inFile ? removedByRule.get(src.line.number) : undefined;
    const spec = lookupOption(tgt, k1);
    const gone = !spec || spec.flags.includes('UNUSED') || spec.flags.includes('IGNORED')
      || (spec.aliasOf !== undefined && !tgt.options.has(spec.aliasOf));
    const removed = removedBy === 'unknown-options' || (gone && (!inFile || ours.has(k1)));
    if (removed) {
      diagnostics.push(diagnostic('MERGE_REMOVED_OPTION', 'warning', input.file, inFile ? src.line.number : undefined,
        `'${k0} = ${input.mask(k0, v0)}'${inFile ? '' : ` (set in ${src.file})`} is customised, but Kopano ${tgt.version} ` +
        `${spec ? 'ignores' : 'does not know'} '${k1}'; it was not carried. Find what replaces it in Kopano if you still need it`));
      continue;
    }
    const value = ours.get(k1);
    if (value === undefined) continue; // a rule turned it into other options (e.g. 8.7 *_listen), carried below
    const base = input.sourceTable && lookupOption(input.sourceTable, k0);
    const was = base?.sample ?? base?.default;
    carried.set(k1, {
      key: k1, value, kind: 'customised', rule: 'merge',
      reason: `customised in ZCP (${k0} = ${input.mask(k0, v0)}${was === undefined ? '' : `; ZCP shipped ${input.mask(k0, was)}`})`,
    });
  }

  const baseValues = new Map<string, string>();
  for (const line of input.baseOurs.lines) if (line.kind === 'setting') baseValues.set(canonicalKey(tgt, line.key), line.value);
  for (const c of [...translation.changes, ...input.baseTranslation.changes]) {
    if (c.key === undefined || c.after === undefined || TRANSLATION_ONLY_RULES.has(c.rule) || isRename(c)) continue;
    const k1 = canonicalKey(tgt, c.key);
    if (carried.has(k1) || !lookupOption(tgt, k1)) continue;
    const value = ours.get(k1) ?? baseValues.get(k1);
    if (value === undefined) continue;
    carried.set(k1, { key: k1, value, kind: 'required', rule: c.rule, reason: c.reason });
  }
  return { ours, carried, diagnostics };
}
