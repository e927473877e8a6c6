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

/**
 * The secret-planting fuzz (test/fuzz/secrets.test.ts) runs whole CLI runs on written directories,
 * far slower a case than the others: 2,000 cases at a fixed seed in `npm test`, a tenth of
 * FUZZ_CASES (100,000 in `npm run fuzz`) when that is set.
 */
export function secretsFuzzBudget(): { count: number; firstSeed: number; timeout: number } {
  const set = process.env.FUZZ_CASES;
  const count = set === undefined ? 2000 : Math.ceil(Number(set) / 10);
  const firstSeed = Number(process.env.FUZZ_SEED ?? 1);
  // About 5 ms a case alone, up to 80 on a loaded shared machine, plus the control runs.
  return { count, firstSeed, timeout: 60_000 + count * 100 };
}
