import { describe, expect, test } from 'vitest';
import { includesRule } from '../../src/3-plan/rules/includes.js';
import { expectStable, lines, runRules } from './run-rules.js';

const RULES = [includesRule];

describe.each(['8.0', '8.7'] as const)('includes, target %s', (target) => {
  test('absolute /etc/zarafa includes move to /etc/kopano; relative ones stay relative', () => {
    const input = lines('!include /etc/zarafa/common.cfg', '!include local.cfg', '!include /srv/conf/site.cfg', 'log_level = 3');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines('!include /etc/kopano/common.cfg', '!include local.cfg', '!include /srv/conf/site.cfg', 'log_level = 3'));
    expect(run.changes).toEqual([{
      rule: 'includes', key: '!include', line: 1, before: '/etc/zarafa/common.cfg', after: '/etc/kopano/common.cfg',
      reason: 'the translated file lives under /etc/kopano',
    }]);
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('an include of 7.0\'s indexer.cfg follows its new name', () => {
    const run = runRules(RULES, lines('!include indexer.cfg'), 'server.cfg', { target, source: '7.0' });
    expect(run.output).toBe(lines('!include search.cfg'));
    expectStable(RULES, run, 'server.cfg', { target, source: '7.0' });
  });

  test('!propmap is left to the ldap-propmap rule', () => {
    const input = lines('!propmap /etc/zarafa/ldap.propmap.cfg');
    expect(runRules(RULES, input, 'ldap.cfg', { target }).output).toBe(input);
  });

  test('a directive in a Python-dialect file is rewritten and warned about: that reader ignores it', () => {
    const run = runRules(RULES, lines('!include /etc/zarafa/search-extra.cfg'), 'search.cfg', { target, source: '7.2' });
    expect(run.output).toBe(lines('!include /etc/kopano/search-extra.cfg'));
    expect(run.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['INCLUDE_IGNORED', 'warning', 1]]);
    expectStable(RULES, run, 'search.cfg', { target });
  });
});
