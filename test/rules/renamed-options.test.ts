import { describe, expect, test } from 'vitest';
import { renamedOptionsRule } from '../../src/3-plan/rules/renamed-options.js';
import { lines, rerun, runRules } from './run-rules.js';

const RULES = [renamedOptionsRule];

describe.each(['8.0', '8.7'] as const)('renamed-options, target %s', (target) => {
  test('renames both *_zarafa options in place', () => {
    const input = lines('# hosting', 'enable_hosted_zarafa = true', 'enable_distributed_zarafa = false');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines('# hosting', 'enable_hosted_kopano = true', 'enable_distributed_kopano = false'));
    expect(run.changes).toEqual([
      {
        rule: 'renamed-options', key: 'enable_hosted_zarafa', line: 2, before: 'enable_hosted_zarafa', after: 'enable_hosted_kopano',
        reason: 'Kopano knows enable_hosted_zarafa only under its new name enable_hosted_kopano',
      },
      {
        rule: 'renamed-options', key: 'enable_distributed_zarafa', line: 3, before: 'enable_distributed_zarafa',
        after: 'enable_distributed_kopano',
        reason: 'Kopano knows enable_distributed_zarafa only under its new name enable_distributed_kopano',
      },
    ]);
    expect(rerun(RULES, run, 'server.cfg', { target }).changes).toEqual([]);
  });

  test('an earlier duplicate is commented out, the last one renamed', () => {
    const input = lines('enable_hosted_zarafa = false', 'enable_hosted_zarafa = true');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines(
      '# zarafa2kopano[renamed-options]: enable_hosted_zarafa is assigned again further down; Kopano knows it only as enable_hosted_kopano',
      '#enable_hosted_zarafa = false',
      'enable_hosted_kopano = true',
    ));
    expect(run.changes.map((c) => [c.key, c.line, c.after])).toEqual([
      ['enable_hosted_zarafa', 1, undefined],
      ['enable_hosted_zarafa', 2, 'enable_hosted_kopano'],
    ]);
    expect(rerun(RULES, run, 'server.cfg', { target }).changes).toEqual([]);
  });

  test('when the new name is set further down, the old line goes and the new one stays', () => {
    const input = lines('enable_hosted_zarafa = true', 'enable_hosted_kopano = false');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines(
      '# zarafa2kopano[renamed-options]: enable_hosted_kopano is already set further down; Kopano does not know enable_hosted_zarafa',
      '#enable_hosted_zarafa = true',
      'enable_hosted_kopano = false',
    ));
    expect(rerun(RULES, run, 'server.cfg', { target }).changes).toEqual([]);
  });

  test('when the old name comes last, it wins: renamed, and the earlier new line is commented out', () => {
    const input = lines('enable_hosted_kopano = false', 'enable_hosted_zarafa = true');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines(
      '# zarafa2kopano[renamed-options]: overridden by the renamed enable_hosted_zarafa further down',
      '#enable_hosted_kopano = false',
      'enable_hosted_kopano = true',
    ));
    expect(rerun(RULES, run, 'server.cfg', { target }).changes).toEqual([]);
  });

  test('other daemons are not touched', () => {
    const input = lines('enable_hosted_zarafa = true');
    expect(runRules(RULES, input, 'gateway.cfg', { target }).changes).toEqual([]);
  });
});
