import type { Dialect } from '../cfg/model.js';
import type { OptionFlag, OptionType } from './types.js';

/**
 * The shape of the generated option data (src/options/data/options.json), kept compact because the
 * CLI loads it on every run. scripts/build-option-tables.mjs writes it; schema.ts checks it with zod.
 */

/** One option in one version. Absent keys mean: no default / no flags / not in the sample. */
export interface RawEntry {
  /** value type */
  t: OptionType;
  /** default as a config value */
  d?: string;
  /** flags */
  f?: OptionFlag[];
  /** alias target */
  a?: string;
  /** allowed values (enum) */
  v?: string[];
  /** sample value */
  s?: string;
  /** 1 when the sample line is commented out */
  sc?: 1;
  /** build condition */
  c?: string;
}

/** Per version slot, indexed like TABLE_VERSIONS: an entry, `0` for "same as the previous version", or null for absent. */
export type RawSlot = RawEntry | 0 | null;

export interface RawFile {
  /** versions in which the daemon exists: [reader dialect, unknown-option policy] */
  v: Partial<Record<string, [Dialect, 'fatal' | 'warning' | 'unknown']>>;
  /** option name → one slot per table version */
  o: Record<string, RawSlot[]>;
}

export interface RawOptionData {
  format: 1;
  /** where the facts come from (for humans) */
  source: string;
  files: Record<string, RawFile>;
}
