import { describe, expect, test } from 'vitest';
import { listenOptionsRule } from '../../src/3-plan/rules/listen-options.js';
import { expectStable, lines, runRules } from './run-rules.js';

const RULES = [listenOptionsRule];
const gone = (key: string, by: string, plural = false) =>
  `# zarafa2kopano[listen-options]: Kopano 8.7 does not know ${key} and refuses to start with it; ${by} ${plural ? 'replace' : 'replaces'} it`;
const T87 = { target: '8.7' } as const;

describe('listen-options (target 8.7)', () => {
  test('server_port is an alias of server_tcp_port: the line read last gives the port', () => {
    const listenOf = (text: string) => /^server_listen = (.*)$/m.exec(runRules(RULES, text, 'server.cfg', T87).output)?.[1];
    expect(listenOf(lines('server_tcp_port = 236', 'server_port = 2360'))).toBe('0.0.0.0:2360');
    expect(listenOf(lines('server_port = 2360', 'server_tcp_port = 236'))).toBe('0.0.0.0:236');
    const run = runRules(RULES, lines('server_tcp_port = 236', 'server_port = 2360'), 'server.cfg', T87);
    expectStable(RULES, run, 'server.cfg', T87);
  });

  test('server.cfg: bind, TCP and SSL ports become server_listen and server_listen_tls', () => {
    const input = lines(
      'server_bind = 192.0.2.10',
      'server_tcp_enabled = yes',
      'server_tcp_port = 236',
      'server_ssl_enabled = yes',
      'server_ssl_port = 237',
      'server_pipe_enabled = yes',
    );
    const run = runRules(RULES, input, 'server.cfg', T87);
    expect(run.output).toBe(lines(
      gone('server_bind', 'server_listen and server_listen_tls', true),
      '#server_bind = 192.0.2.10',
      gone('server_tcp_enabled', 'server_listen'),
      '#server_tcp_enabled = yes',
      gone('server_tcp_port', 'server_listen'),
      '#server_tcp_port = 236',
      'server_listen = 192.0.2.10:236',
      gone('server_ssl_enabled', 'server_listen_tls'),
      '#server_ssl_enabled = yes',
      gone('server_ssl_port', 'server_listen_tls'),
      '#server_ssl_port = 237',
      'server_listen_tls = 192.0.2.10:237',
      'server_pipe_enabled = yes',
    ));
    expect(run.changes.filter((c) => c.after !== undefined)).toEqual([
      { rule: 'listen-options', key: 'server_listen', after: '192.0.2.10:236',
        reason: 'Kopano 8.7 replaces server_bind, server_tcp_enabled, server_tcp_port by server_listen; it listened on 192.0.2.10:236 in ZCP' },
      { rule: 'listen-options', key: 'server_listen_tls', after: '192.0.2.10:237',
        reason: 'Kopano 8.7 replaces server_bind, server_ssl_enabled, server_ssl_port by server_listen_tls; it listened on 192.0.2.10:237 in ZCP' },
    ]);
    expectStable(RULES, run, 'server.cfg', T87);
  });

  test('only a literal "yes" enabled a listener: "true" leaves it off (with a note); an empty bind is every address', () => {
    const input = lines('server_bind =', 'server_tcp_enabled = true', 'server_ssl_enabled = yes');
    const run = runRules(RULES, input, 'server.cfg', T87);
    expect(run.output).toBe(lines(
      gone('server_bind', 'server_listen and server_listen_tls', true),
      '#server_bind =',
      gone('server_tcp_enabled', 'server_listen'),
      '#server_tcp_enabled = true',
      'server_listen =',
      gone('server_ssl_enabled', 'server_listen_tls'),
      '#server_ssl_enabled = yes',
      'server_listen_tls = *:237',
    ));
    expect(run.diagnostics.map((d) => [d.code, d.line])).toEqual([['LISTENER_SWITCH_NOT_YES', 2]]);
    expectStable(RULES, run, 'server.cfg', T87);
  });

  test('the server_port alias and an IPv6 bind address', () => {
    const run = runRules(RULES, lines('server_bind = ::1', 'server_port = 8236'), 'server.cfg', T87);
    expect(run.output).toContain('server_listen = [::1]:8236\n');
    expect(run.output).not.toMatch(/^server_port/m);
    expectStable(RULES, run, 'server.cfg', T87);
  });

  test('a file without any of the old options gets the ZCP defaults, which bound IPv4 0.0.0.0 only', () => {
    const input = lines('log_level = 3');
    const gw = runRules(RULES, input, 'gateway.cfg', T87);
    expect(gw.output).toBe(lines('log_level = 3', 'imap_listen = 0.0.0.0:143', 'pop3_listen = 0.0.0.0:110'));
    expectStable(RULES, gw, 'gateway.cfg', T87);
    const ical = runRules(RULES, input, 'ical.cfg', T87);
    expect(ical.output).toBe(lines('log_level = 3', 'ical_listen = 0.0.0.0:8080'));
    expectStable(RULES, ical, 'ical.cfg', T87);
  });

  test('a listener equal to both the 8.7 default and the ZCP default is not written', () => {
    const run = runRules(RULES, lines('server_ssl_enabled = no'), 'server.cfg', T87);
    expect(run.output).toBe(lines(gone('server_ssl_enabled', 'server_listen_tls'), '#server_ssl_enabled = no', 'server_listen = 0.0.0.0:236'));
    expectStable(RULES, run, 'server.cfg', T87);
  });

  test('a ZCP server.cfg without server_bind listened on 0.0.0.0, which is kept exactly', () => {
    const run = runRules(RULES, lines('log_level = 3'), 'server.cfg', T87);
    expect(run.output).toBe(lines('log_level = 3', 'server_listen = 0.0.0.0:236'));
    expectStable(RULES, run, 'server.cfg', T87);
  });

  test('dagent: the ZCP default bind 127.0.0.1 is kept, since 8.7 would listen on every address', () => {
    const run = runRules(RULES, lines('lmtp_port = 2003', 'log_level = 3'), 'dagent.cfg', T87);
    expect(run.output).toBe(lines(gone('lmtp_port', 'lmtp_listen'), '#lmtp_port = 2003', 'lmtp_listen = 127.0.0.1:2003', 'log_level = 3'));
    expectStable(RULES, run, 'dagent.cfg', T87);
    const omitted = runRules(RULES, lines('log_level = 3'), 'dagent.cfg', T87);
    expect(omitted.output).toBe(lines('log_level = 3', 'lmtp_listen = 127.0.0.1:2003'));
    expectStable(RULES, omitted, 'dagent.cfg', T87);
  });

  test('dagent: an explicit empty bind (every address) equal to the 8.7 default is still written', () => {
    const run = runRules(RULES, lines('server_bind ='), 'dagent.cfg', T87);
    expect(run.output).toBe(lines(gone('server_bind', 'lmtp_listen'), '#server_bind =', 'lmtp_listen = *:2003'));
    expectStable(RULES, run, 'dagent.cfg', T87);
  });

  test('gateway: four listeners; disabled ones are left to the empty 8.7 default', () => {
    const input = lines(
      'server_bind = 0.0.0.0',
      'imap_enable = yes', 'imap_port = 143',
      'imaps_enable = no', 'imaps_port = 993',
      'pop3_enable = no', 'pop3_port = 110',
      'pop3s_enable = yes', 'pop3s_port = 995',
    );
    const run = runRules(RULES, input, 'gateway.cfg', T87);
    const active = run.output.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(active).toEqual(['imap_listen = 0.0.0.0:143', 'pop3_listen =', 'pop3s_listen = 0.0.0.0:995']);
    expectStable(RULES, run, 'gateway.cfg', T87);
  });

  test('ical: ical_enable is compared without case', () => {
    const run = runRules(RULES, lines('ical_enable = Yes', 'ical_port = 8080', 'icals_enable = YES', 'icals_port = 8443'), 'ical.cfg', T87);
    const active = run.output.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(active).toEqual(['ical_listen = 0.0.0.0:8080', 'icals_listen = 0.0.0.0:8443']);
    expectStable(RULES, run, 'ical.cfg', T87);
  });

  test('a file that already has server_listen keeps it; leftover old options still go', () => {
    const input = lines('server_listen = *:236', 'server_tcp_port = 999');
    const run = runRules(RULES, input, 'server.cfg', T87);
    expect(run.output).toBe(lines('server_listen = *:236', gone('server_tcp_port', 'server_listen'), '#server_tcp_port = 999'));
    expectStable(RULES, run, 'server.cfg', T87);
  });

  test('target 8.0 keeps the old options', () => {
    const input = lines('server_bind = 0.0.0.0', 'server_tcp_port = 236');
    expect(runRules(RULES, input, 'server.cfg', { target: '8.0' }).output).toBe(input);
  });
});
