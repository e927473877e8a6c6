import { effectiveSettings, type IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { getOptionTable } from './table.js';
import type { DaemonFile, TableVersion } from './types.js';

/** A value the daemon ends up with, and where it came from. */
export interface EffectiveValue {
  value: string;
  origin: { kind: 'file'; file: string; line: number } | { kind: 'default' };
}

/**
 * The configuration `file` runs with under `version`: every value set in `doc` (following honoured
 * `!include`s through `resolve`, aliases stored under their target) over that version's defaults.
 * Options without a default and not set are absent. Keys the table does not know are kept as set.
 */
export function effectiveConfig(
  doc: ConfigDocument,
  file: DaemonFile,
  version: TableVersion,
  resolve?: IncludeResolver,
): Map<string, EffectiveValue> {
  const out = new Map<string, EffectiveValue>();
  const table = getOptionTable(file, version);
  if (table) {
    for (const spec of table.options.values()) {
      if (spec.default !== undefined && spec.aliasOf === undefined) out.set(spec.name, { value: spec.default, origin: { kind: 'default' } });
    }
  }
  for (const [key, src] of effectiveSettings(doc, resolve)) {
    const target = table?.options.get(key)?.aliasOf ?? key;
    out.set(target, { value: src.line.value, origin: { kind: 'file', file: src.file, line: src.line.number } });
  }
  return out;
}
