import type { OptionType } from '../../../options/index.js';

/**
 * How the daemons read values, as far as the rules need it to tell whether two spellings mean the
 * same thing and to rewrite a C++-era value so the Python reader accepts it (SYNTAX.md §1, §2).
 */

import { cppBool } from '../../../options/values.js';

export { cppBool };

const PY_TRUE = new Set(['yes', 'true', '1']);
const PY_FALSE = new Set(['no', 'false', '0']);

/** The Python reader's boolean, or undefined for a spelling it rejects (the daemon dies). */
export function pythonBool(value: string): boolean | undefined {
  if (PY_TRUE.has(value)) return true;
  if (PY_FALSE.has(value)) return false;
  return undefined;
}

const UNIT: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * Bytes of a C++ `SIZE` value: leading decimal digits, optional blanks, then `k`/`m`/`g` in either
 * case; anything after is ignored. Undefined when the value does not start with a digit.
 */
export function cppSizeBytes(value: string): number | undefined {
  const m = /^(\d+)[ \t]*([kmgKMG]?)/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? UNIT[m[2].toLowerCase()]! : 1);
}

const PY_SIZE = /^(\d+(?:\.\d+)?)([bkmgtpezy]|[kmgtpezy]i?b)$/i;
const PY_POWER = 'bkmgtpezy';

/** Bytes of a Python size value, or undefined when the Python reader rejects it (bare numbers too). */
export function pythonSizeBytes(value: string): number | undefined {
  const m = PY_SIZE.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 1024 ** PY_POWER.indexOf(m[2]![0]!.toLowerCase());
}

/** The shortest exact spelling of a byte count both readers accept: `5M`, `62500K`, `1000B`. */
export function formatSize(bytes: number): string {
  for (const [unit, n] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['K', 1024]] as const) {
    if (bytes > 0 && bytes % n === 0) return `${bytes / n}${unit}`;
  }
  return `${bytes}B`;
}

/**
 * True when two values of an option of `type` mean the same to the daemon. Used to decide whether a
 * default really changed: `5M` and `5242880` are the same size, `no` and `false` the same boolean.
 */
export function sameMeaning(type: OptionType, a: string, b: string): boolean {
  if (a === b) return true;
  if (type === 'size') {
    const x = pythonSizeBytes(a) ?? cppSizeBytes(a);
    const y = pythonSizeBytes(b) ?? cppSizeBytes(b);
    return x !== undefined && x === y;
  }
  if (type === 'boolean') {
    const x = pythonBool(a) ?? cppBool(a);
    const y = pythonBool(b) ?? cppBool(b);
    return x === y;
  }
  if (type === 'list' || type === 'string') return a.trim().split(/\s+/).join(' ') === b.trim().split(/\s+/).join(' ');
  return false;
}

/**
 * A C++-era size value spelled for the Python reader: kept when Python already reads it, else the
 * byte count the C++ reader saw (`unit` bytes per bare number) with a unit. Undefined when the
 * value is not a size at all.
 */
export function pythonSize(value: string, unit = 1): string | undefined {
  if (pythonSizeBytes(value) !== undefined) return value;
  const bare = /^\d+$/.test(value.trim());
  const bytes = bare ? Number(value.trim()) * unit : cppSizeBytes(value);
  return bytes === undefined ? undefined : formatSize(bytes);
}

/** A size value in its shortest exact spelling (`16777216` → `16M`); other values unchanged. */
export function tidySize(type: OptionType, value: string): string {
  if (type !== 'size' || !/^\d+$/.test(value)) return value;
  return formatSize(Number(value));
}

/**
 * A number as C++ `atoi`/`strtol` read it: optional blanks and sign, then the leading decimal
 * digits; anything after is ignored. Undefined when no digit leads (atoi then gives 0).
 */
export function cppInteger(value: string): number | undefined {
  const m = /^[ \t]*([+-]?\d+)/.exec(value);
  return m ? Number(m[1]) : undefined;
}
