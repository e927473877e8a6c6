import { describe, expect, test } from 'vitest';
import { mapSocket } from '../../src/3-plan/rules/lib/sockets.js';
import { socketsRule } from '../../src/3-plan/rules/sockets.js';
import { expectStable, lines, runRules } from './run-rules.js';

const RULES = [socketsRule];
const MOVED = 'the Zarafa socket location; Kopano keeps its sockets in /var/run/kopano';

describe('mapSocket', () => {
  test.each([
    ['/var/run/zarafa', '/var/run/kopano/server.sock'],
    ['/var/run/zarafa-prio', '/var/run/kopano/prio.sock'],
    ['/var/run/zarafa-search', '/var/run/kopano/search.sock'],
    ['/var/run/zarafa-licensed', '/var/run/kopano/licensed.sock'],
    // ZCP 7.0's default server_bind_name (zarafa-indexer); kopano-server's search_socket default
    ['file:///var/run/zarafa-indexer', 'file:///var/run/kopano/search.sock'],
    ['/run/zarafa', '/run/kopano/server.sock'],
    ['file:///var/run/zarafa', 'file:///var/run/kopano/server.sock'],
    ['file:///var/run/zarafa-search', 'file:///var/run/kopano/search.sock'],
    ['/var/run/zarafad/server.sock', '/var/run/kopano/server.sock'],
    ['/var/run/zarafad/prio.sock', '/var/run/kopano/prio.sock'],
    ['file:///var/run/zarafad/search.sock', 'file:///var/run/kopano/search.sock'],
    ['http://localhost:236/zarafa', 'http://localhost:236/'],
    ['https://mail.example.com:237/zarafa', 'https://mail.example.com:237/'],
  ])('%s → %s', (from, to) => {
    expect(mapSocket(from)).toEqual({ kind: 'zarafa', value: to });
  });

  test.each(['', 'default:', '/var/run/kopano/server.sock', 'file:///var/run/kopano/server.sock', 'http://localhost:236/', 'https://h:237/kopano'])(
    '%j is kept silently',
    (value) => expect(mapSocket(value)).toEqual({ kind: 'keep' }),
  );

  test.each(['/tmp/zarafa.sock', 'file:///var/run/zarafa/server.sock', '/var/run/zarafa-other', 'file:///srv/sock'])(
    '%j is custom',
    (value) => expect(mapSocket(value)).toEqual({ kind: 'custom' }),
  );
});

describe.each(['8.0', '8.7'] as const)('sockets, target %s', (target) => {
  test('server.cfg: pipe, priority pipe, search and license sockets', () => {
    const input = lines(
      'server_pipe_name = /var/run/zarafa',
      'server_pipe_priority = /var/run/zarafa-prio',
      'search_socket = file:///var/run/zarafa-search',
      'license_socket = /var/run/zarafa-licensed',
    );
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines(
      'server_pipe_name = /var/run/kopano/server.sock',
      'server_pipe_priority = /var/run/kopano/prio.sock',
      'search_socket = file:///var/run/kopano/search.sock',
      'license_socket = /var/run/kopano/licensed.sock',
    ));
    expect(run.changes).toEqual([
      { rule: 'sockets', key: 'server_pipe_name', line: 1, before: '/var/run/zarafa', after: '/var/run/kopano/server.sock', reason: MOVED },
      { rule: 'sockets', key: 'server_pipe_priority', line: 2, before: '/var/run/zarafa-prio', after: '/var/run/kopano/prio.sock', reason: MOVED },
      { rule: 'sockets', key: 'search_socket', line: 3, before: 'file:///var/run/zarafa-search', after: 'file:///var/run/kopano/search.sock', reason: MOVED },
      { rule: 'sockets', key: 'license_socket', line: 4, before: '/var/run/zarafa-licensed', after: '/var/run/kopano/licensed.sock', reason: MOVED },
    ]);
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test('server.cfg: the 7.2.2 /var/run/zarafad layout and the unix_socket alias', () => {
    const input = lines('unix_socket = /var/run/zarafad/server.sock', 'server_pipe_priority = /var/run/zarafad/prio.sock');
    const run = runRules(RULES, input, 'server.cfg', { target });
    expect(run.output).toBe(lines('unix_socket = /var/run/kopano/server.sock', 'server_pipe_priority = /var/run/kopano/prio.sock'));
    expectStable(RULES, run, 'server.cfg', { target });
  });

  test.each(['dagent.cfg', 'spooler.cfg', 'monitor.cfg', 'archiver.cfg'])('%s: client server_socket keeps its file:// prefix', (file) => {
    const run = runRules(RULES, lines('server_socket = file:///var/run/zarafa'), file, { target });
    expect(run.output).toBe(lines('server_socket = file:///var/run/kopano/server.sock'));
    expectStable(RULES, run, file, { target });
  });

  test.each(['gateway.cfg', 'ical.cfg'])('%s: the /zarafa SOAP path goes', (file) => {
    const run = runRules(RULES, lines('server_socket = http://localhost:236/zarafa'), file, { target });
    expect(run.output).toBe(lines('server_socket = http://localhost:236/'));
    expect(run.changes[0]?.reason).toBe('kopano-server ignores the URL path; /zarafa was the Zarafa name of the SOAP endpoint');
    expectStable(RULES, run, file, { target });
  });

  test('search.cfg (7.2, Python): its own socket and the server socket', () => {
    const input = lines('server_bind_name = file:///var/run/zarafa-search', 'server_socket = file:///var/run/zarafa');
    const run = runRules(RULES, input, 'search.cfg', { target });
    expect(run.output).toBe(lines('server_bind_name = file:///var/run/kopano/search.sock', 'server_socket = file:///var/run/kopano/server.sock'));
    expectStable(RULES, run, 'search.cfg', { target });
  });

  test('ZCP 7.0 indexer.cfg: its default server_bind_name (zarafa-indexer) is a Zarafa default, not a custom socket', () => {
    const input = lines('server_bind_name = file:///var/run/zarafa-indexer');
    const run = runRules(RULES, input, 'indexer.cfg', { target, source: '7.0' });
    expect(run.output).toBe(lines('server_bind_name = file:///var/run/kopano/search.sock'));
    expect(run.diagnostics.map((d) => d.code)).not.toContain('CUSTOM_SOCKET_KEPT');
    expectStable(RULES, run, 'indexer.cfg', { target, source: '7.0' });
  });

  test('a socket that was not a Zarafa default is kept, with a warning', () => {
    const input = lines('server_socket = file:///srv/mail/zarafa.sock', 'server_socket = default:');
    const run = runRules(RULES, input, 'spooler.cfg', { target });
    expect(run.output).toBe(input);
    expect(run.changes).toEqual([]);
    expect(run.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['CUSTOM_SOCKET_KEPT', 'warning', 1]]);
  });

  test('options that are not sockets are not touched', () => {
    const input = lines('server_name = /var/run/zarafa', 'mysql_socket = /var/run/mysqld/mysqld.sock');
    expect(runRules(RULES, input, 'server.cfg', { target }).changes).toEqual([]);
  });
});
