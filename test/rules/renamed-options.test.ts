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

describe('renamed-options: ZCP 7.0\'s search switch', () => {
  test('index_services_* become search_*, values carried (a 7.0 host with search off keeps it off)', () => {
    const input = lines('index_services_enabled = no', 'index_services_path = file:///var/run/zarafa-indexer', 'index_services_search_timeout = 20');
    const run = runRules(RULES, input, 'server.cfg', { target: '8.7', source: '7.0' });
    expect(run.output).toBe(lines('search_enabled = no', 'search_socket = file:///var/run/zarafa-indexer', 'search_timeout = 20'));
    expect(rerun(RULES, run, 'server.cfg', { target: '8.7', source: '7.0' }).changes).toEqual([]);
  });

  test('a 7.0 server.cfg that leaves the switch at 7.0\'s default (no) gets search_enabled = no', () => {
    const run = runRules(RULES, lines('log_level = 3'), 'server.cfg', { target: '8.0', source: '7.0' });
    expect(run.output).toBe(lines('log_level = 3', 'search_enabled = no'));
  });

  test('not for 7.1 and 7.2, where index_services_* did nothing', () => {
    const run = runRules(RULES, lines('index_services_enabled = yes'), 'server.cfg', { target: '8.7', source: '7.2' });
    expect(run.changes).toEqual([]);
  });
});
