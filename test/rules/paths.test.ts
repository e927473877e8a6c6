import { describe, expect, test } from 'vitest';
import { zarafaToKopanoPath } from '../../src/3-plan/rules/lib/paths.js';
import { pathsRule } from '../../src/3-plan/rules/paths.js';
import { expectStable, lines, runRules } from './run-rules.js';

const RULES = [pathsRule];
const ETC = 'Kopano reads its configuration and keys from /etc/kopano; /etc/zarafa goes away with ZCP';

describe('zarafaToKopanoPath', () => {
  test.each([
    ['/etc/zarafa/ldap.cfg', '/etc/kopano/ldap.cfg'],
    ['/etc/zarafa', '/etc/kopano'],
    ['/var/log/zarafa/server.log', '/var/log/kopano/server.log'],
    ['/usr/lib/zarafa', '/usr/lib/kopano'],
    ['/usr/lib64/zarafa', '/usr/lib64/kopano'],
    ['/usr/share/zarafa-dagent/python', '/usr/share/kopano-dagent/python'],
    ['/usr/share/zarafa/ldap.propmap.cfg', '/usr/share/kopano/ldap.propmap.cfg'],
    ['/var/lib/zarafa/spooler/plugins', '/var/lib/kopano/spooler/plugins'],
    ['/usr/bin/zarafa-mr-accept', '/usr/sbin/kopano-mr-accept'],
  ])('%s → %s', (from, to) => expect(zarafaToKopanoPath(from)).toBe(to));

  test.each(['/etc/zarafa-old/x', '/etc/kopano/ldap.cfg', 'ldap.cfg', '/srv/zarafa/x', '/usr/bin/zarafa-admin'])('%s is not mapped', (p) => {
    expect(zarafaToKopanoPath(p)).toBeUndefined();
  });
});

describe.each(['8.0', '8.7'] as const)('paths, target %s', (target) => {
  test('server.cfg: plugin config, keys, log; attachment_path and mysql_database belong to other rules', () => {
    const input = lines(
      'user_plugin_config = /etc/zarafa/ldap.cfg',
      'server_ssl_key_file = /etc/zarafa/ssl/server.pem',
      'sslkeys_path = /etc/zarafa/sslkeys',
      'log_file = /var/log/zarafa/server.log',
      'attachment_path = /var/lib/zarafa/attachments',
      'mysql_database = zarafa',
    );
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines(
      'user_plugin_config = /etc/kopano/ldap.cfg',
      'server_ssl_key_file = /etc/kopano/ssl/server.pem',
      'sslkeys_path = /etc/kopano/sslkeys',
      'log_file = /var/log/kopano/server.log',
      'attachment_path = /var/lib/zarafa/attachments',
      'mysql_database = zarafa',
    ));
    expect(run.changes.map((c) => [c.key, c.reason])).toEqual([
      ['user_plugin_config', ETC],
      ['server_ssl_key_file', ETC],
      ['sslkeys_path', ETC],
      ['log_file', 'Kopano logs to /var/log/kopano, which its user may write to'],
    ]);
    // The translated ldap.cfg is carried by the directory translation; key files are copied by hand.
    expect(run.actions).toEqual([
      {
        id: 'files:copy:/etc/zarafa/ssl/server.pem',
        reason: 'server_ssl_key_file in server.cfg named /etc/zarafa/ssl/server.pem; Kopano reads /etc/kopano/ssl/server.pem',
        command: 'mkdir -p /etc/kopano/ssl && cp -aT /etc/zarafa/ssl/server.pem /etc/kopano/ssl/server.pem',
        paths: ['/etc/zarafa/ssl/server.pem', '/etc/kopano/ssl/server.pem'],
      },
      {
        id: 'files:copy:/etc/zarafa/sslkeys',
        reason: 'sslkeys_path in server.cfg named /etc/zarafa/sslkeys; Kopano reads /etc/kopano/sslkeys',
        command: 'mkdir -p /etc/kopano && cp -aT /etc/zarafa/sslkeys /etc/kopano/sslkeys',
        paths: ['/etc/zarafa/sslkeys', '/etc/kopano/sslkeys'],
      },
    ]);
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('stock user scripts go to the target\'s own scripts (8.7 moved them to /usr/lib/kopano), not copied', () => {
    const run = runRules(RULES, lines('createuser_script = /etc/zarafa/userscripts/createuser'), 'server.cfg', { target });
    const dir = target === '8.7' ? '/usr/lib/kopano/userscripts' : '/etc/kopano/userscripts';
    expect(run.output).toBe(lines(`createuser_script = ${dir}/createuser`));
    expect(run.actions).toEqual([]);
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('dagent: plugin paths, the python plugin manager and the meeting-request helper', () => {
    const input = lines(
      'plugin_path = /var/lib/zarafa/dagent/plugins',
      'plugin_manager_path = /usr/share/zarafa-dagent/python',
      'mr_autoaccepter = /usr/bin/zarafa-mr-accept',
    );
    const run = runRules(RULES, input, 'dagent.cfg', { target });
    expect(run.output).toBe(lines(
      'plugin_path = /var/lib/kopano/dagent/plugins',
      'plugin_manager_path = /usr/share/kopano-dagent/python',
      'mr_autoaccepter = /usr/sbin/kopano-mr-accept',
    ));
    // Enabled plugins are the user's; program files come with the Kopano packages.
    expect(run.actions.map((a) => a.id)).toEqual(['files:copy:/var/lib/zarafa/dagent/plugins']);
    expectStable(RULES, run, 'dagent.cfg', { target });
  });

  test('monitor quota templates and gateway certificates', () => {
    const m = runRules(RULES, lines('userquota_warning_template = /etc/zarafa/quotamail/userwarning.mail'), 'monitor.cfg', { target });
    expect(m.output).toBe(lines('userquota_warning_template = /etc/kopano/quotamail/userwarning.mail'));
    const g = runRules(RULES, lines('ssl_certificate_file = /etc/zarafa/gateway/cert.pem'), 'gateway.cfg', { target });
    expect(g.output).toBe(lines('ssl_certificate_file = /etc/kopano/gateway/cert.pem'));
    expectStable(RULES, m, 'monitor.cfg', { target });
    expectStable(RULES, g, 'gateway.cfg', { target });
  });

  test('custom paths and options the target ignores are left alone', () => {
    const input = lines('log_file = /var/log/mail/zarafa.log', 'enable_sso_ntlmauth = /etc/zarafa/x');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(input);
  });
});

test('8.7: report_path is UNUSED there, so unknown-options comments it out instead of it being rewritten', () => {
  const input = lines('report_path = /etc/zarafa/report');
  expect(runRules(RULES, input, 'server.cfg', { target: '8.7' }).output).toBe(input);
  expect(runRules(RULES, input, 'server.cfg', { target: '8.0' }).output).toBe(lines('report_path = /etc/kopano/report'));
});

test('ZCP 7.0 indexer.cfg: the indexer log and key paths become kopano-search\'s own (search.log, /etc/kopano/search/)', () => {
  const input = lines(
    'log_file = /var/log/zarafa/indexer.log',
    'ssl_private_key_file = /etc/zarafa/indexer/privkey.pem',
    'ssl_certificate_file = /etc/zarafa/indexer/cert.pem',
    'sslkey_file = /etc/zarafa/ssl/indexer.pem',
  );
  const run = runRules(RULES, input, 'indexer.cfg', { source: '7.0', target: '8.0' });
  expect(run.output).toBe(lines(
    'log_file = /var/log/kopano/search.log',
    'ssl_private_key_file = /etc/kopano/search/privkey.pem',
    'ssl_certificate_file = /etc/kopano/search/cert.pem',
    'sslkey_file = /etc/kopano/ssl/search.pem',
  ));
  // the keys are copied to where kopano-search reads them
  expect(run.actions.map((a) => a.command)).toContain("mkdir -p /etc/kopano/search && cp -aT /etc/zarafa/indexer/privkey.pem /etc/kopano/search/privkey.pem");
  expectStable(RULES, run, 'indexer.cfg', { source: '7.0', target: '8.0' });
  // a custom name that is not the target's own stays as the plain /etc/kopano move
  const custom = runRules(RULES, lines('log_file = /var/log/zarafa/indexer-night.log'), 'indexer.cfg', { source: '7.0' });
  expect(custom.output).toBe(lines('log_file = /var/log/kopano/indexer-night.log'));
});
