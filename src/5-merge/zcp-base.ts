import { applyEditsToText, type Edit } from '../cfg/edit.js';
import type { ConfigDocument } from '../cfg/model.js';
import { lookupOption, type OptionSpec, type OptionTable } from '../options/index.js';
import { sameMeaning } from '../3-plan/rules/data/values.js';

/** The spec a value of `key` is judged by: the option itself, or the option an alias stores into. */
function specsOf(table: OptionTable | undefined, key: string): OptionSpec[] {
  const spec = table && lookupOption(table, key);
  if (!spec) return [];
  const target = spec.aliasOf === undefined ? undefined : table.options.get(spec.aliasOf);
  return target ? [spec, target] : [spec];
}

/**
 * True when `value` is what the ZCP release gave the user for `key` before any edit: the value in
 * its sample file, or its compiled default. One exception keeps a deliberate choice: where the
 * sample sets the option actively to something other than the compiled default, a file holding
 * the compiled default was edited on purpose (`attachment_storage = database` against a sample
 * saying `files`), so it counts as customised.
 */
export function isZcpBaseValue(table: OptionTable | undefined, key: string, value: string): boolean {
  for (const spec of specsOf(table, key)) {
    const same = (other: string): boolean => sameMeaning(spec.type, value, other);
    if (spec.sample !== undefined && same(spec.sample)) return true;
    if (spec.default === undefined || !same(spec.default)) continue;
    const sampleOverrides = spec.sample !== undefined && spec.sampleCommented !== true && !sameMeaning(spec.type, spec.sample, spec.default);
    if (!sampleOverrides) return true;
  }
  return false;
}

/** True when `value` is the compiled default of `key` (the daemon would run the same without the line). */
export function isCompiledDefault(table: OptionTable | undefined, key: string, value: string): boolean {
  return specsOf(table, key).some((spec) => spec.default !== undefined && sameMeaning(spec.type, value, spec.default));
}

/**
 * The file with every active line that only restates a ZCP compiled default commented out. The
 * daemon runs the same with it, but rules that pin old defaults (database name, attachment path,
 * LDAP attribute names) now see those keys as defaulted and say what Kopano needs written.
 */
export function withoutDefaultLines(doc: ConfigDocument, table: OptionTable | undefined): string {
  const edits: Edit[] = [];
  for (const line of doc.lines) {
    if (line.kind === 'setting' && isCompiledDefault(table, line.key, line.value)) {
      edits.push({ op: 'comment-out', line: line.number, reason: 'merge base' });
    }
  }
  return applyEditsToText(doc, edits);
}
