import { describe, expect, it } from 'vitest';
import { fuzzBudget } from './budget.js';
import { checkValidOutput, describeFailures, runFuzz, validCase } from './cases.js';

const budget = fuzzBudget(0.4);

describe('fuzz: working ZCP configs', () => {
  it(`the output validates for its target and translating it again changes nothing (${budget.count} cases)`, () => {
    const run = runFuzz(validCase, checkValidOutput, budget.firstSeed, budget.count);
    expect(run.cases).toBe(budget.count);
    expect(describeFailures(run)).toBe('');
  }, budget.timeout);
});
