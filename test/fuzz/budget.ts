/**
 * How many cases each fuzz file runs. `npm test` runs the quick default (10,000 in all);
 * `npm run fuzz` sets FUZZ_CASES (the total over both files) and may set FUZZ_SEED to explore new seeds.
 */
const QUICK_TOTAL = 10_000;

export function fuzzBudget(share: number): { count: number; firstSeed: number; timeout: number } {
  const total = Number(process.env.FUZZ_CASES ?? QUICK_TOTAL);
  const firstSeed = Number(process.env.FUZZ_SEED ?? 1);
  const count = Math.ceil(total * share);
  // About 2 ms a case on a slow machine, and room for shrinking a failure.
  return { count, firstSeed, timeout: 60_000 + count * 2 };
}
