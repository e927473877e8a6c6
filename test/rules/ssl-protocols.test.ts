import { describe, expect, test } from 'vitest';
import { sslProtocolsRule, weakerThan } from '../../src/3-plan/rules/ssl-protocols.js';
import { expectStable, lines, rerun, runRules } from './run-rules.js';

const RULES = [sslProtocolsRule];
const CIPHERS = 'ALL:!LOW:!SSLv2:!EXP:!aNULL';
const REMOVED = (key: string, meaning: string) =>
  `# zarafa2kopano[ssl-protocols]: Kopano does not know ${key} and refuses to start with it; ${meaning}`;

// Target 8.0: the guide's ciphers and preference are 8.0's defaults, written out; the protocol list is
// left to each build's compiled default (8.2–8.6 on OpenSSL 1.1 refuse "!SSLv2"). (8.7: the suite below.)
describe.each(['8.0'] as const)('ssl-protocols, target %s', (target) => {
  test('server.cfg 7.1: server_ssl_enable_v2 = no becomes the three SSL options in its place', () => {
    const input = lines('server_ssl_enabled = yes', 'server_ssl_enable_v2 = no', 'server_ssl_key_file = /etc/kopano/ssl/server.pem');
    const run = runRules(RULES, input, 'server.cfg', { target, source: '7.1' });
    expect(run.output).toBe(lines(
      'server_ssl_enabled = yes',
      REMOVED('server_ssl_enable_v2', 'SSLv2 stays off through server_ssl_protocols = the compiled default (!SSLv2 where the SSL library still has SSLv2)'),
      '#server_ssl_enable_v2 = no',
      `server_ssl_ciphers = ${CIPHERS}`,
      'server_ssl_prefer_server_ciphers = no',
      'server_ssl_key_file = /etc/kopano/ssl/server.pem',
    ));
    expect(run.changes.map((c) => [c.key, c.line, c.before, c.after])).toEqual([
      ['server_ssl_enable_v2', 2, 'no', undefined],
      ['server_ssl_ciphers', undefined, undefined, CIPHERS],
      ['server_ssl_prefer_server_ciphers', undefined, undefined, 'no'],
    ]);
    expect(run.diagnostics).toEqual([]);
    expect(rerun(RULES, run, 'server.cfg', { target, source: '7.1' }).changes).toEqual([]);
  });

  test.each(['', 'false', '0'])('an empty or false value (%j) also means SSLv2 off', (value) => {
    const input = lines(`ssl_enable_v2 = ${value}`.trimEnd());
    const run = runRules(RULES, input, 'ical.cfg', { target, source: '7.1' });
    expect(run.output).toBe(lines(
      REMOVED('ssl_enable_v2', 'SSLv2 stays off through ssl_protocols = the compiled default (!SSLv2 where the SSL library still has SSLv2)'),
      `#ssl_enable_v2 =${value === '' ? '' : ` ${value}`}`,
      `ssl_ciphers = ${CIPHERS}`,
      'ssl_prefer_server_ciphers = no',
    ));
    expect(run.diagnostics).toEqual([]);
    expectStable(RULES, run, 'ical.cfg', { target, source: '7.1' });
  });

  test('a value that enabled SSLv2 gives a warning, since Kopano cannot offer it', () => {
    const input = lines('ssl_enable_v2 = yes');
    const run = runRules(RULES, input, 'gateway.cfg', { target, source: '7.1' });
    expect(run.output).toBe(lines(
      REMOVED('ssl_enable_v2', 'SSLv2 cannot be enabled in Kopano'),
      '#ssl_enable_v2 = yes',
      `ssl_ciphers = ${CIPHERS}`,
      'ssl_prefer_server_ciphers = no',
    ));
    expect(run.diagnostics.map((d) => [d.code, d.severity, d.line, d.rule])).toEqual([['SSLV2_ENABLED', 'warning', 1, 'ssl-protocols']]);
    expect(rerun(RULES, run, 'gateway.cfg', { target, source: '7.1' }).changes).toEqual([]);
  });

  test('values the user set are kept; only the missing ones are added next to them', () => {
    const input = lines('ssl_certificate_file = /etc/kopano/gateway/cert.pem', 'ssl_protocols = !SSLv2 !SSLv3', 'imap_enable = yes');
    const run = runRules(RULES, input, 'gateway.cfg', { target, source: '7.2' });
    expect(run.output).toBe(lines(
      'ssl_certificate_file = /etc/kopano/gateway/cert.pem',
      'ssl_protocols = !SSLv2 !SSLv3',
      `ssl_ciphers = ${CIPHERS}`,
      'ssl_prefer_server_ciphers = no',
      'imap_enable = yes',
    ));
    expect(rerun(RULES, run, 'gateway.cfg', { target }).changes).toEqual([]);
  });

  test('a file read through an !include only loses its v2 line; the including file gets the settings', () => {
    const input = lines('server_ssl_enable_v2 = no');
    const run = runRules(RULES, input, 'server.cfg', { target, source: '7.1', included: true });
    expect(run.output).toBe(lines(
      REMOVED('server_ssl_enable_v2', 'SSLv2 stays off through server_ssl_protocols = the compiled default (!SSLv2 where the SSL library still has SSLv2)'),
      '#server_ssl_enable_v2 = no',
    ));
    expectStable(RULES, run, 'server.cfg', { target, source: '7.1', included: true });
  });

  test('a complete 7.2 file: ZCP\'s shipped protocol list is commented out (a build on OpenSSL 1.1 refuses it), the rest kept', () => {
    const input = lines('server_ssl_protocols = !SSLv2', `server_ssl_ciphers = ${CIPHERS}`, 'server_ssl_prefer_server_ciphers = yes');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output.split('\n').slice(1)).toEqual(lines('#server_ssl_protocols = !SSLv2', `server_ssl_ciphers = ${CIPHERS}`, 'server_ssl_prefer_server_ciphers = yes').split('\n'));
    expect(run.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['TLS_ZCP_DEFAULT_DROPPED', 'info', 1]]);
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('a protocol list the user chose is kept; naming SSLv2 gives a warning', () => {
    const input = lines('ssl_protocols = !SSLv2 !SSLv3');
    const run = runRules(RULES, input, 'gateway.cfg', { target, source: '7.2' });
    expect(run.output.startsWith(input)).toBe(true);
    expect(run.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['TLS_SSLV2_NAMED', 'warning', 1]]);
  });

  test('--tls zcp keeps ZCP\'s shipped list', () => {
    const input = lines('server_ssl_protocols = !SSLv2', `server_ssl_ciphers = ${CIPHERS}`, 'server_ssl_prefer_server_ciphers = no');
    const run = runRules(RULES, input, 'server.cfg', { target, tls: 'zcp' });
    expect(run.output).toBe(input);
  });
});

const P87 = '!SSLv2 !SSLv3 !TLSv1 !TLSv1.1';
const C87 = 'DEFAULT:!LOW:!SSLv2:!SSLv3:!TLSv1.0:!TLSv1.1:!EXPORT:!DH:!PSK:!kRSA:!aDSS:!aNULL:+AES';

describe('ssl-protocols, target 8.7', () => {
  test('ZCP\'s shipped values are no choice: commented out, 8.7\'s stronger defaults apply; a changed value stays', () => {
    const input = lines('server_ssl_protocols = !SSLv2', `server_ssl_ciphers = ${CIPHERS}`, 'server_ssl_prefer_server_ciphers = no');
    const run = runRules(RULES, input, 'server.cfg', { target: '8.7', source: '7.2' });
    expect(run.output.split('\n').filter((l) => !l.startsWith('# '))).toEqual(
      lines('#server_ssl_protocols = !SSLv2', `#server_ssl_ciphers = ${CIPHERS}`, '#server_ssl_prefer_server_ciphers = no').split('\n'));
    expect(run.diagnostics.map((d) => [d.code, d.line])).toEqual([['TLS_ZCP_DEFAULT_DROPPED', 1], ['TLS_ZCP_DEFAULT_DROPPED', 2], ['TLS_ZCP_DEFAULT_DROPPED', 3]]);
    expectStable(RULES, run, 'server.cfg', { target: '8.7', source: '7.2' });
    const changed = runRules(RULES, lines('ssl_protocols = !SSLv2 !SSLv3'), 'gateway.cfg', { target: '8.7', source: '7.2' });
    expect(changed.output.startsWith(lines('ssl_protocols = !SSLv2 !SSLv3'))).toBe(true);
    expect(changed.diagnostics.map((d) => d.code)).toEqual(['TLS_WEAKER_KEPT']);
    const zcp = runRules(RULES, input, 'server.cfg', { target: '8.7', source: '7.2', tls: 'zcp' });
    expect(zcp.output).toBe(input);
  });

  test('tls target (default): nothing weaker than 8.7\'s defaults is written; they apply', () => {
    const input = lines('server_ssl_enable_v2 = no', 'server_ssl_key_file = /etc/kopano/ssl/server.pem');
    const run = runRules(RULES, input, 'server.cfg', { target: '8.7', source: '7.1' });
    expect(run.output).toBe(lines(
      REMOVED('server_ssl_enable_v2', `SSLv2 stays off through server_ssl_protocols = ${P87} (Kopano's default)`),
      '#server_ssl_enable_v2 = no',
      'server_ssl_key_file = /etc/kopano/ssl/server.pem',
    ));
    expect(run.diagnostics).toEqual([]);
    expectStable(RULES, run, 'server.cfg', { target: '8.7', source: '7.1' });
  });

  test('tls zcp: ZCP\'s set is written for old clients, each weaker value with TLS_ZCP_SET', () => {
    const input = lines('ssl_enable_v2 = no');
    const run = runRules(RULES, input, 'ical.cfg', { target: '8.7', source: '7.1', tls: 'zcp' });
    expect(run.output).toBe(lines(
      REMOVED('ssl_enable_v2', 'SSLv2 stays off through ssl_protocols = !SSLv2'),
      '#ssl_enable_v2 = no',
      'ssl_protocols = !SSLv2',
      `ssl_ciphers = ${CIPHERS}`,
      'ssl_prefer_server_ciphers = no',
    ));
    expect(run.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['TLS_ZCP_SET', 'warning'], ['TLS_ZCP_SET', 'warning'], ['TLS_ZCP_SET', 'warning'],
    ]);
    expect(run.diagnostics[0]!.message).toContain('enables SSLv3, TLSv1, TLSv1.1');
    expect(run.diagnostics[2]!.message).toContain('lets the client choose the cipher');
  });

  test('an active ZCP 7.2 line is an explicit choice: kept, with TLS_WEAKER_KEPT naming what it enables', () => {
    const input = lines('server_ssl_protocols = !SSLv2 !SSLv3', 'server_ssl_ciphers = HIGH:!aNULL:!SSLv2:!SSLv3:!TLSv1.0:!TLSv1.1:!EXPORT:!DH:!PSK:!kRSA:!aDSS:!LOW');
    const run = runRules(RULES, input, 'server.cfg', { target: '8.7', source: '7.2' });
    expect(run.output).toBe(input);
    expect(run.diagnostics.map((d) => [d.code, d.line])).toEqual([['TLS_WEAKER_KEPT', 1]]);
    expect(run.diagnostics[0]!.message).toContain('enables TLSv1, TLSv1.1');
  });

  test('weakerThan compares with the target default', () => {
    expect(weakerThan('ssl_protocols', P87, P87)).toBeUndefined();
    expect(weakerThan('ssl_protocols', 'TLSv1.2 TLSv1.3', P87)).toBeUndefined();
    expect(weakerThan('ssl_protocols', '!SSLv2', P87)).toBe('enables SSLv3, TLSv1, TLSv1.1');
    expect(weakerThan('ssl_ciphers', CIPHERS, C87)).toContain('SSLv3');
    expect(weakerThan('ssl_ciphers', CIPHERS, CIPHERS)).toBeUndefined();
    expect(weakerThan('ssl_prefer_server_ciphers', 'no', 'yes')).toBe('lets the client choose the cipher');
    expect(weakerThan('ssl_prefer_server_ciphers', 'no', 'no')).toBeUndefined();
  });
});
