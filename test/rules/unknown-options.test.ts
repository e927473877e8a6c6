import { describe, expect, test } from 'vitest';
import { renamedOptionsRule } from '../../src/3-plan/rules/renamed-options.js';
import { unknownOptionsRule } from '../../src/3-plan/rules/unknown-options.js';
import { expectStable, lines, runRules } from './run-rules.js';

const RULES = [unknownOptionsRule];
const mark = (reason: string) => `# zarafa2kopano[unknown-options]: ${reason}`;

describe.each(['8.0', '8.7'] as const)('unknown-options, target %s', (target) => {
  test('an unknown option and an UNUSED one are commented out with their reasons; known ones stay', () => {
    const input = lines('log_level = 3', 'no_such_option = 1', 'enable_sso_ntlmauth = no');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines(
      'log_level = 3',
      mark(`kopano-server (Kopano ${target}) does not know no_such_option and refuses to start with it`),
      '#no_such_option = 1',
      mark(`enable_sso_ntlmauth has no effect in kopano-server (Kopano ${target}); it only logs that it is not used`),
      '#enable_sso_ntlmauth = no',
    ));
    expect(run.changes.map((c) => [c.rule, c.key, c.line, c.before])).toEqual([
      ['unknown-options', 'no_such_option', 2, '1'],
      ['unknown-options', 'enable_sso_ntlmauth', 3, 'no'],
    ]);
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('an indented "# key = value" line, which the C++ reader takes for an option, is commented out', () => {
    const input = lines('  # log_level = 6', 'log_level = 3');
    const run = runRules(RULES, input, 'spooler.cfg', { target });
    expect(run.output).toBe(lines(
      mark('the leading blank makes kopano-spooler read this line as the option "# log_level", which it does not know and refuses to start with'),
      '#  # log_level = 6',
      'log_level = 3',
    ));
    expectStable(RULES, run, 'spooler.cfg', { target });
  });

  test('the old *_zarafa names are judged after the rename, not before', () => {
    const input = lines('enable_hosted_zarafa = yes');
    const run = runRules([renamedOptionsRule, unknownOptionsRule], input, 'server.cfg', { target });
    expect(run.output).toBe(lines('enable_hosted_kopano = yes'));
  });

  test('search.cfg from 7.1 (C++) read by the Python kopano-search: ignored and unknown keys only warn, still commented out', () => {
    const input = lines('optimize_age = 10', 'ssl_verify_client = no', 'index_path = /var/lib/kopano/search/');
    const run = runRules(RULES, input, 'search.cfg', { target, source: '7.1' });
    expect(run.output).toBe(lines(
      mark(`kopano-search (Kopano ${target}) ignores optimize_age and logs a warning`),
      '#optimize_age = 10',
      mark(`kopano-search (Kopano ${target}) does not know ssl_verify_client; it only logs a warning and ignores it`),
      '#ssl_verify_client = no',
      'index_path = /var/lib/kopano/search/',
    ));
    expectStable(RULES, run, 'search.cfg', { target, source: '7.1' });
  });

  test('ldap.propmap.cfg takes any property tag and is left alone', () => {
    const input = lines('0x67B3101E = zarafaEnabledFeatures', 'whatever = x');
    expect(runRules(RULES, input, 'ldap.propmap.cfg', { target }).output).toBe(input);
  });
});

test('8.7: an empty value for an option that must not be empty is commented out, the default applies', () => {
  const input = lines('server_pipe_name =');
  const run = runRules(RULES, input, 'server.cfg', { target: '8.7' });
  expect(run.output).toBe(lines(
    mark('kopano-server (Kopano 8.7) refuses to start with an empty server_pipe_name; without the line its default /var/run/kopano/server.sock applies'),
    '#server_pipe_name =',
  ));
  expect(runRules(RULES, input, 'server.cfg', { target: '8.0' }).output).toBe(input);
});

test('8.7 UNUSED options that 8.0 still uses', () => {
  const input = lines('plugin_path = /usr/lib/kopano');
  expect(runRules(RULES, input, 'server.cfg', { target: '8.0' }).output).toBe(input);
  expect(runRules(RULES, input, 'server.cfg', { target: '8.7' }).output).toBe(lines(
    mark('plugin_path has no effect in kopano-server (Kopano 8.7); it only logs that it is not used'),
    '#plugin_path = /usr/lib/kopano',
  ));
});

test('8.7: an alias of an option 8.7 no longer knows (server_port) is commented out', () => {
  const input = lines('server_port = 236');
  expect(runRules(RULES, input, 'server.cfg', { target: '8.0' }).output).toBe(input);
  expect(runRules(RULES, input, 'server.cfg', { target: '8.7' }).output).toBe(lines(
    mark('server_port is an old name of server_tcp_port, which kopano-server (Kopano 8.7) no longer knows'),
    '#server_port = 236',
  ));
});
