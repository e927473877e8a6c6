import { describe, expect, test } from 'vitest';
import { pidFilesRule } from '../../src/3-plan/rules/pid-files.js';
import { mapPidFile } from '../../src/3-plan/rules/lib/sockets.js';
import { expectStable, lines, runRules } from './run-rules.js';

const RULES = [pidFilesRule];

test.each([
  ['/var/run/zarafa-server.pid', 'server', '/var/run/kopano/server.pid'],
  ['/run/zarafa-gateway.pid', 'gateway', '/run/kopano/gateway.pid'],
  ['/var/run/zarafa-indexer.pid', 'search', '/var/run/kopano/search.pid'],
  ['/var/run/zarafad/spooler.pid', 'spooler', '/var/run/kopano/spooler.pid'],
])('mapPidFile(%s, %s) = %s', (from, daemon, to) => {
  expect(mapPidFile(from, daemon)).toEqual({ kind: 'zarafa', value: to });
});

describe.each(['8.0', '8.7'] as const)('pid-files, target %s', (target) => {
  test.each(['server', 'ical', 'gateway', 'dagent', 'spooler', 'monitor', 'archiver'])('%s.cfg', (name) => {
    const run = runRules(RULES, lines(`pid_file = /var/run/zarafa-${name}.pid`), `${name}.cfg`, { target });
    expect(run.output).toBe(lines(`pid_file = /var/run/kopano/${name}.pid`));
    expect(run.changes).toEqual([{
      rule: 'pid-files', key: 'pid_file', line: 1, before: `/var/run/zarafa-${name}.pid`, after: `/var/run/kopano/${name}.pid`,
      reason: 'the Zarafa pid file location; Kopano keeps pid files in /var/run/kopano',
    }]);
    expectStable(RULES, run, `${name}.cfg`, { target });
  });

  test('7.0 indexer.cfg becomes the search daemon\'s pid file', () => {
    const run = runRules(RULES, lines('pid_file = /var/run/zarafa-indexer.pid'), 'indexer.cfg', { target, source: '7.0' });
    expect(run.output).toBe(lines('pid_file = /var/run/kopano/search.pid'));
    expectStable(RULES, run, 'indexer.cfg', { target, source: '7.0' });
  });

  test('a pid file elsewhere is kept, with a warning', () => {
    const input = lines('pid_file = /srv/run/zarafa.pid');
    const run = runRules(RULES, input, 'spooler.cfg', { target });
    expect(run.output).toBe(input);
    expect(run.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['CUSTOM_PID_FILE_KEPT', 'warning', 1]]);
  });
});
