import { setValue } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { cppSizeBytes } from './data/values.js';
import { programOf, targetSpec } from './lib/values.js';

const POWER = 'KMGTPEZY';

/**
 * Bytes of a size as Kopano 11's humansize_to_number reads it (common/stringutil.cpp at
 * kopanocore-11.0.2): a decimal number, fractions included, optional blanks, then K…Y (powers of
 * 1024) in either case; any other letter makes it 0.
 */
export function humansizeBytes(value: string): number {
  const m = /^[ \t]*([+-]?\d*(?:\.\d*)?)[ \t]*(.?)/.exec(value);
  const n = Number(m?.[1] || '0');
  const unit = (m?.[2] ?? '').toUpperCase();
  if (unit === '') return Number.isFinite(n) ? Math.trunc(n) : 0;
  const p = POWER.indexOf(unit);
  return p < 0 || !Number.isFinite(n) ? 0 : Math.trunc(n * 1024 ** (p + 1));
}

/** A byte count spelled so both the old reader and humansize_to_number read it the same. */
function spelled(bytes: number): string {
  for (const [unit, n] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['k', 1024]] as const) {
    if (bytes > 0 && bytes % n === 0) return `${bytes / n}${unit}`;
  }
  return String(bytes);
}

export const sizeValuesRule: Rule = {
  id: 'size-values',
  title: 'Kopano 11: respell sizes its reader reads differently (1.5G, 2T, 10X)',
  why:
    'Kopano 11 reads the C++ size options with humansize_to_number: a fraction counts (1.5G is 1.5 GiB where ZCP and ' +
    'Kopano 8 read 1 byte), T and larger units count, and an unknown unit makes the size 0. A value read differently ' +
    'is written as the byte count ZCP read.',
  guide: 'For Kopano 11: check sizes with fractions or unusual units.',
  files: 'all',
  targets: ['11.0'],
  *apply(ctx) {
    if (ctx.targetTable?.dialect !== 'cpp') return;
    for (const { line, key, value } of ctx.plan.settings()) {
      if (targetSpec(ctx, key)?.type !== 'size') continue;
      const before = cppSizeBytes(value);
      if (before === undefined || humansizeBytes(value) === before) continue;
      yield setValue(line.number, spelled(before),
        `${programOf(ctx.daemon)} (Kopano 11) would read ${value} as ${humansizeBytes(value)} bytes; ZCP read ${before}`);
    }
  },
};
