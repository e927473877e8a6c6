import { myersDiff } from './myers.js';
import { FRESH, type Arrays } from './scratch.js';
import { DELETE, EQUAL, INSERT, RunSink } from './runs.js';

/** How much work the diff may do before it stops looking for the shortest script. */
export interface LineDiffLimits {
  /** Ranges of at most this many lines (old + new) always get an exact Myers diff. */
  smallRange: number;
  /** Myers steps allowed per line of a larger range before it is split at unique lines instead. */
  workPerLine: number;
  /** Steps allowed per input line for the whole diff; past it, what is left is replaced as a block. */
  totalWorkPerLine: number;
}

export const DEFAULT_LIMITS: LineDiffLimits = { smallRange: 1024, workPerLine: 4, totalWorkPerLine: 512 };

/** Nested splits deeper than this are replaced as a block (a guard; real inputs stay shallow). */
const MAX_DEPTH = 64;

/**
 * Edit script from line ids `a` to line ids `b` (ids in [0, idCount)), after `lead` equal lines
 * that are not in `a` and `b` (the script starts with them, and the work limits count them as
 * input, so leaving them out changes nothing), in time linear in the input
 * for any input. Where the edit distance is small the script is Myers' shortest one, walked like
 * jsdiff. A large range whose Myers diff would cost more than its budget is split at lines that
 * occur exactly once on each side (the longest increasing run of them, as patience diff does) and
 * each gap is diffed the same way; a range with no such line is replaced as a block. Each of these
 * is a valid script, so the patch always applies; only its length may exceed the minimum.
 */
export function diffLineIds(
  a: Int32Array, b: Int32Array, idCount: number,
  limits: LineDiffLimits = DEFAULT_LIMITS, arrays: Arrays = FRESH, lead = 0,
): RunSink {
  const out = new RunSink();
  const countA = arrays.take(idCount);
  const countB = arrays.take(idCount);
  const posA = arrays.take(idCount);
  const budget = limits.totalWorkPerLine * (a.length + b.length + 2 * lead) + 100_000;
  // What diffRange would have spent on the leading lines, which it trims before anything else.
  let spent = lead;
  out.push(EQUAL, lead);

  const replace = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    let s = 0;
    while (aHi - s > aLo && bHi - s > bLo && a[aHi - s - 1] === b[bHi - s - 1]) s++;
    out.push(DELETE, aHi - s - aLo);
    out.push(INSERT, bHi - s - bLo);
    out.push(EQUAL, s);
  };

  /** Pairs [i, j] of lines unique on both sides, longest run increasing in both, flattened. */
  const anchors = (aLo: number, aHi: number, bLo: number, bHi: number): number[] => {
    for (let i = aLo; i < aHi; i++) {
      const id = a[i]!;
      countA[id]!++;
      posA[id] = i;
    }
    for (let j = bLo; j < bHi; j++) countB[b[j]!]!++;
    const candI: number[] = [];
    const candJ: number[] = [];
    for (let j = bLo; j < bHi; j++) {
      const id = b[j]!;
      if (countA[id] === 1 && countB[id] === 1) {
        candI.push(posA[id]!);
        candJ.push(j);
      }
    }
    for (let i = aLo; i < aHi; i++) countA[a[i]!] = 0;
    for (let j = bLo; j < bHi; j++) countB[b[j]!] = 0;
    // Longest increasing subsequence of candI (candJ is increasing already), patience style.
    const tails: number[] = [];
    const prev = new Int32Array(candI.length);
    for (let c = 0; c < candI.length; c++) {
      const v = candI[c]!;
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (candI[tails[mid]!]! < v) lo = mid + 1;
        else hi = mid;
      }
      prev[c] = lo > 0 ? tails[lo - 1]! : -1;
      tails[lo] = c;
    }
    const pairs: number[] = new Array(tails.length * 2);
    for (let c = tails.length ? tails[tails.length - 1]! : -1, k = tails.length - 1; c >= 0; c = prev[c]!, k--) {
      pairs[2 * k] = candI[c]!;
      pairs[2 * k + 1] = candJ[c]!;
    }
    return pairs;
  };

  const diffRange = (aLo: number, aHi: number, bLo: number, bHi: number, depth: number): void => {
    let p = 0;
    while (aLo + p < aHi && bLo + p < bHi && a[aLo + p] === b[bLo + p]) p++;
    out.push(EQUAL, p);
    spent += p;
    aLo += p;
    bLo += p;
    if (aLo === aHi || bLo === bHi) {
      out.push(DELETE, aHi - aLo);
      out.push(INSERT, bHi - bLo);
      return;
    }
    const size = aHi - aLo + (bHi - bLo);
    const left = budget - spent;
    const allowed = size <= limits.smallRange ? left : Math.min(left, limits.workPerLine * size);
    const result = myersDiff(a, aLo, aHi, b, bLo, bHi, allowed, out);
    spent += result.work;
    if (result.done) return;
    spent += size;
    const pairs = depth < MAX_DEPTH && spent < budget ? anchors(aLo, aHi, bLo, bHi) : [];
    if (pairs.length === 0) {
      replace(aLo, aHi, bLo, bHi);
      return;
    }
    let pa = aLo;
    let pb = bLo;
    for (let k = 0; k < pairs.length; k += 2) {
      const i = pairs[k]!;
      const j = pairs[k + 1]!;
      diffRange(pa, i, pb, j, depth + 1);
      out.push(EQUAL, 1);
      pa = i + 1;
      pb = j + 1;
    }
    diffRange(pa, aHi, pb, bHi, depth + 1);
  };

  diffRange(0, a.length, 0, b.length, 0);
  return out;
}
