import { describe, expect, it } from 'vitest';
import { cacheValuesRule } from '../../src/3-plan/rules/cache-values.js';
import type { Rule } from '../../src/3-plan/rule.js';
import { lines, runRules, runTwice } from './rule-harness.js';
import { remove } from '../../src/3-plan/rule-steps.js';

const rules = [cacheValuesRule];

describe('cache-values', () => {
  it('carries the values set and pins the 8.0 defaults that changed', () => {
    const input = lines('cache_cell_size = 256M', 'cache_object_size = 32M', '', 'thread_stacksize = 512');
    const [first, second] = runTwice(input, 'server.cfg', rules);
    expect(first.output).toBe(lines(
      'cache_cell_size = 256M',
      'cache_object_size = 32M',
      'cache_indexedobject_size = 16M',
      'cache_userdetails_size = 3M',
      '',
      'thread_stacksize = 512',
    ));
    expect(first.changes.map((c) => c.key)).toEqual(['cache_indexedobject_size', 'cache_userdetails_size']);
    expect(second.changes).toEqual([]);
  });

  it('writes a pinned size in its short spelling (the 7.0 table counts bytes)', () => {
    const { changes } = runRules(lines('cache_cell_size = 2G'), 'server.cfg', rules, { source: '7.0' });
    expect(changes.map((c) => `${c.key}=${c.after}`)).toEqual([
      'cache_indexedobject_size=16M',
      'cache_object_size=5M',
      'cache_userdetails_size=2560K',
    ]);
  });

  it('on 8.7 every cache size default changed', () => {
    const input = lines('cache_cell_size = 256M');
    const { changes } = runRules(input, 'server.cfg', rules, { target: '8.7' });
    expect(changes.map((c) => `${c.key}=${c.after}`)).toEqual(expect.arrayContaining([
      'cache_object_size=5M',
      'cache_quota_size=1M',
      'cache_userdetails_lifetime=5',
    ]));
    expect(changes.some((c) => c.key === 'cache_cell_size')).toBe(false);
  });

  it('values set in any spelling are left as written', () => {
    const input = lines('cache_object_size = 5242880', 'cache_indexedobject_size = 16m', 'cache_userdetails_size = 3 M');
    expect(runRules(input, 'server.cfg', rules).changes).toEqual([]);
  });

  it('warns when an earlier rule dropped a cache value', () => {
    const dropper: Rule = {
      id: 'test-dropper',
      title: 'drops cache_cell_size',
      why: '',
      guide: '',
      files: 'all',
      *apply(ctx) {
        yield remove(ctx.plan.lineOf('cache_cell_size')!.number, 'test');
      },
    };
    const { diagnostics } = runRules(lines('cache_cell_size = 1G'), 'server.cfg', [dropper, cacheValuesRule]);
    expect(diagnostics.map((d) => [d.code, d.line, d.rule])).toEqual([['CACHE_VALUE_DROPPED', 1, 'cache-values']]);
  });
});
