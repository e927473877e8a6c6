import { effectiveSettings, type IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { getOptionTable } from './table.js';
import type { DaemonFile, OptionTable, TableVersion } from './types.js';

/** A value the daemon ends up with, and where it came from. */
export interface EffectiveValue {
  value: string;
  origin: { kind: 'file'; file: string; line: number } | { kind: 'default' };
}

/**
 * The configuration `file` runs with under `version`: every value set in `doc` (following honoured
 * `!include`s through `resolve`, aliases stored under their target) over that version's defaults.
 * Options without a default and not set are absent. Keys the table does not know are kept as set.
 * The map and its entries are the caller's own.
 */
export function effectiveConfig(
  doc: ConfigDocument,
  file: DaemonFile,
  version: TableVersion,
  resolve?: IncludeResolver,
): Map<string, EffectiveValue> {
  const table = getOptionTable(file, version);
  const defaults = defaultsOf(table);
  const out = ownCopy(defaults);
  if (setFromLines(out, doc, table, defaults, resolve)) return out;
  const exact = ownCopy(defaults);
  setFromView(exact, doc, table, resolve);
  return exact;
}

/** The shared defaults as entries the caller may change (the rules read them through effectiveView). */
function ownCopy(defaults: ReadonlyMap<string, EffectiveValue>): Map<string, EffectiveValue> {
  const out = new Map<string, EffectiveValue>();
  for (const [key, e] of defaults) out.set(key, { value: e.value, origin: { kind: 'default' } });
  return out;
}

/** The file's settings over `out` in the order of the effective view (includes followed). */
function setFromView(out: Map<string, EffectiveValue>, doc: ConfigDocument, table: OptionTable | undefined, resolve?: IncludeResolver): void {
  for (const [key, src] of effectiveSettings(doc, resolve)) {
    const target = storedUnder(table, key);
    out.set(target, { value: src.line.value, origin: { kind: 'file', file: src.file, line: src.line.number } });
  }
}

/**
 * The name the reader stores `key` under: an alias's target, else the key. A known key is given as
 * the table's own string, which later lookups compare by reference; the parser's keys are slices
 * of the file text, which every Map lookup has to compare character by character.
 */
function storedUnder(table: OptionTable | undefined, key: string): string {
  const spec = table?.options.get(key);
  return spec ? (spec.aliasOf ?? spec.name) : key;
}

const NO_DEFAULTS: ReadonlyMap<string, EffectiveValue> = new Map<string, EffectiveValue>([]);

/**
 * The defaults of a table as effective values; the entries are frozen because the views built
 * from them hand them out.
 */
function defaultsOf(table: OptionTable | undefined): ReadonlyMap<string, EffectiveValue> {
  if (!table) return NO_DEFAULTS;
  const defaults = new Map<string, EffectiveValue>();
  const origin = Object.freeze({ kind: 'default' as const });
  for (const spec of table.options.values()) {
    if (spec.default !== undefined && spec.aliasOf === undefined) defaults.set(spec.name, Object.freeze({ value: spec.default, origin }));
  }
  return defaults;
}

/**
 * The file's settings set on `out` in one pass over `doc`, without the ordered effective view.
 * That is the exact result (same values; keys the defaults lack in the same order) unless an
 * include is followed or such a key is assigned twice (the exact view orders those by their last
 * assignment): then it returns false and the caller uses {@link setFromView}.
 */
function setFromLines(
  out: Map<string, EffectiveValue>,
  doc: ConfigDocument,
  table: OptionTable | undefined,
  defaults: ReadonlyMap<string, EffectiveValue>,
  resolve?: IncludeResolver,
): boolean {
  let added: Set<string> | undefined;
  for (const line of doc.lines) {
    if (line.kind === 'setting') {
      const target = storedUnder(table, line.key);
      if (!defaults.has(target)) {
        if (added?.has(target)) return false;
        (added ??= new Set()).add(target);
      }
      out.set(target, { value: line.value, origin: { kind: 'file', file: doc.file, line: line.number } });
    } else if (line.kind === 'directive' && line.honoured && line.name === 'include' && resolve) {
      return false;
    }
  }
  return true;
}

/**
 * {@link effectiveConfig} as a read-only view for the rules, which ask for a few keys per file:
 * the file's values are looked up before the table's shared defaults, so the defaults are not
 * copied into a new map for every file. Iterating (rare) builds effectiveConfig's map once.
 */
export function effectiveView(
  doc: ConfigDocument,
  file: DaemonFile,
  version: TableVersion,
  resolve?: IncludeResolver,
): ReadonlyMap<string, EffectiveValue> {
  const table = getOptionTable(file, version);
  const set = new Map<string, EffectiveValue>();
  for (const line of doc.lines) {
    if (line.kind === 'setting') {
      const target = storedUnder(table, line.key);
      set.set(target, { value: line.value, origin: { kind: 'file', file: doc.file, line: line.number } });
    } else if (line.kind === 'directive' && line.honoured && line.name === 'include' && resolve) {
      // Includes are followed: the effective view decides what is read (and which file wins).
      set.clear();
      setFromView(set, doc, table, resolve);
      break;
    }
  }
  return new EffectiveView(set, defaultsOf(table), () => effectiveConfig(doc, file, version, resolve));
}

/** The file's values over the defaults; the values and order of effectiveConfig come from `build`. */
class EffectiveView implements ReadonlyMap<string, EffectiveValue> {
  private map: Map<string, EffectiveValue> | undefined;

  constructor(
    private readonly set: ReadonlyMap<string, EffectiveValue>,
    private readonly defaults: ReadonlyMap<string, EffectiveValue>,
    private readonly build: () => Map<string, EffectiveValue>,
  ) {}

  get(key: string): EffectiveValue | undefined {
    return this.set.get(key) ?? this.defaults.get(key);
  }

  has(key: string): boolean {
    return this.set.has(key) || this.defaults.has(key);
  }

  get size(): number {
    return this.full().size;
  }

  forEach(callback: (value: EffectiveValue, key: string, map: ReadonlyMap<string, EffectiveValue>) => void, thisArg?: unknown): void {
    this.full().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, EffectiveValue]> {
    return this.full().entries();
  }

  keys(): MapIterator<string> {
    return this.full().keys();
  }

  values(): MapIterator<EffectiveValue> {
    return this.full().values();
  }

  [Symbol.iterator](): MapIterator<[string, EffectiveValue]> {
    return this.full().entries();
  }

  private full(): Map<string, EffectiveValue> {
    this.map ??= this.build();
    return this.map;
  }
}
