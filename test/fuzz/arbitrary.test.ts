import { describe, expect, it } from 'vitest';
import { fuzzBudget } from './budget.js';
import { arbitraryCase, checkNoThrow, describeFailures, runFuzz } from './cases.js';

const budget = fuzzBudget(0.6);

describe('fuzz: arbitrary bytes and cfg-shaped text', () => {
  it(`parse, validate and translate never throw (${budget.count} cases, every file name, both targets)`, () => {
    const run = runFuzz(arbitraryCase, checkNoThrow, budget.firstSeed, budget.count);
    expect(run.cases).toBe(budget.count);
    expect(describeFailures(run)).toBe('');
  }, budget.timeout);
});
