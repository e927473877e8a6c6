import { describe, expect, it } from 'vitest';
import { pinnedDefaultsRule } from '../../src/3-plan/rules/pinned-defaults.js';
import { searchIndexRule } from '../../src/3-plan/rules/search-index.js';
import { unknownOptionsRule } from '../../src/3-plan/rules/unknown-options.js';
import { valueSyntaxRule } from '../../src/3-plan/rules/value-syntax.js';
import { RULES } from '../../src/3-plan/rules/index.js';
import { lines, runTwice } from './rule-harness.js';

const rules = [valueSyntaxRule];
const mark = (reason: string) => `# zarafa2kopano[value-syntax]: ${reason}`;

describe('value-syntax: Python targets', () => {
  it('search.cfg from C++ 7.0/7.1: an empty log_method logged to stderr; the line goes, with a warning', () => {
    for (const source of ['7.0', '7.1'] as const) {
      const [first, second] = runTwice(lines('log_method =', 'log_level = 3'), 'search.cfg', rules, { source, target: '8.0' });
      expect(first.output).toBe(lines(
        mark(`kopano-search does not accept "" for log_method; ZCP ${source} logged to stderr for it; Kopano's default "file" applies`),
        '#log_method =',
        'log_level = 3',
      ));
      expect(first.diagnostics.map((d) => [d.code, d.severity, d.line, d.message])).toEqual([[
        'VALUE_MEANING_CHANGED', 'warning', 1,
        `ZCP ${source} logged to stderr for log_method = ""; kopano-search logs to log_file instead (set log_method = file and log_file = - to keep stderr)`,
      ]]);
      expect(second.changes).toEqual([]);
    }
  });

  it('a capitalised log_method, which the C++ reader compared case-insensitively, is lowercased', () => {
    const [first, second] = runTwice(lines('log_method = SysLog'), 'indexer.cfg', rules, { source: '7.0', target: '8.7' });
    expect(first.output).toBe(lines('log_method = syslog'));
    expect(first.changes.map((c) => c.reason)).toEqual(['kopano-search does not accept "SysLog" for log_method; only the lowercase spelling is accepted']);
    expect(first.diagnostics).toEqual([]);
    expect(second.changes).toEqual([]);
  });

  it('presence.cfg from 7.2: an empty log_method meant file, Kopano\'s default: commented out without a warning', () => {
    for (const target of ['8.0', '8.7'] as const) {
      const [first, second] = runTwice(lines('server_secret_key = k', 'log_method ='), 'presence.cfg', rules, { source: '7.2', target });
      expect(first.output).toBe(lines(
        'server_secret_key = k',
        mark('kopano-presence does not accept "" for log_method; ZCP 7.2 took the empty value as file, which is also Kopano\'s default'),
        '#log_method =',
      ));
      expect(first.diagnostics).toEqual([]);
      expect(second.changes).toEqual([]);
    }
  });

  it('presence.cfg log_timestamp: an integer in 7.2, 0/1 in 8.0 and a boolean in 8.7', () => {
    const input = lines('log_timestamp = 2', 'log_level = +4', 'data_save_interval = 10');
    for (const target of ['8.0', '8.7'] as const) {
      const [first, second] = runTwice(input, 'presence.cfg', rules, { source: '7.2', target });
      expect(first.output).toBe(lines('log_timestamp = 1', 'log_level = 4', 'data_save_interval = 10'));
      expect(first.changes.map((c) => [c.key, c.after, c.reason])).toEqual([
        ['log_timestamp', '1', 'kopano-presence does not accept "2" for log_timestamp; ZCP 7.2 read it as on'],
        ['log_level', '4', 'kopano-presence does not accept "+4" for log_level; ZCP 7.2 read it as level 4'],
      ]);
      expect(second.changes).toEqual([]);
    }
  });

  it('C++ log_level and limit_results: the leading number, 0 for none, 6 for anything above', () => {
    const input = lines('log_level = 9', 'limit_results = 100 results', 'log_timestamp = 0');
    const [first, second] = runTwice(input, 'search.cfg', rules, { source: '7.1', target: '8.0' });
    expect(first.output).toBe(lines('log_level = 6', 'limit_results = 100', 'log_timestamp = 0'));
    expect(first.changes.map((c) => c.reason)).toEqual([
      'kopano-search does not accept "9" for log_level; ZCP 7.1 read it as level 6 (every level above 6 logs everything)',
      'kopano-search does not accept "100 results" for limit_results; ZCP 7.1 read it as 100',
    ]);
    expect(second.changes).toEqual([]);
    const [empty] = runTwice(lines('limit_results ='), 'search.cfg', rules, { source: '7.0', target: '8.7' });
    expect(empty.output).toBe(lines('limit_results = 0'));
  });

  it('a C++ boolean that reads as on although it looks off: written as on, with a warning', () => {
    const [first, second] = runTwice(lines('index_attachments = Off'), 'search.cfg', rules, { source: '7.1', target: '8.7' });
    expect(first.output).toBe(lines('index_attachments = yes'));
    expect(first.diagnostics.map((d) => [d.code, d.line])).toEqual([['VALUE_MEANING_CHANGED', 1]]);
    expect(second.changes).toEqual([]);
  });

  it('leaves every value the Python reader takes alone, and files of C++ daemons it does not touch', () => {
    const input = lines('log_method = file', 'log_level = warning', 'log_timestamp = 1', 'index_attachments = no', 'term_cache_size = 64M', 'limit_results = -1');
    expect(runTwice(input, 'search.cfg', rules, { source: '7.2', target: '8.7' })[0].changes).toEqual([]);
    expect(runTwice(lines('log_method = stderr', 'server_threads = 8'), 'server.cfg', rules, { source: '7.1', target: '8.7' })[0].changes).toEqual([]);
  });
});

describe('value-syntax: C++ targets', () => {
  it('an empty number that must not be empty in 8.7 becomes the 0 ZCP read, so unknown-options keeps it', () => {
    const [first, second] = runTwice(lines('log_level =', 'log_method = file'), 'monitor.cfg', [valueSyntaxRule, unknownOptionsRule], { source: '7.1', target: '8.7' });
    expect(first.output).toBe(lines('log_level = 0', 'log_method = file'));
    expect(first.changes.map((c) => [c.rule, c.reason])).toEqual([
      ['value-syntax', 'kopano-monitor does not accept "" for log_level; ZCP 7.1 read it as 0'],
    ]);
    expect(second.changes).toEqual([]);
    // 8.0 takes the empty value (and reads it as 0 itself).
    expect(runTwice(lines('log_level ='), 'monitor.cfg', rules, { source: '7.1', target: '8.0' })[0].changes).toEqual([]);
  });

  it('a 7.0 cache size, an integer to ZCP, that does not start with a digit becomes the 0 atoi read', () => {
    const [first, second] = runTwice(lines('cache_server_size =', 'cache_cell_size = 1024'), 'server.cfg', rules, { source: '7.0', target: '8.0' });
    expect(first.output).toBe(lines('cache_server_size = 0', 'cache_cell_size = 1024'));
    expect(second.changes).toEqual([]);
  });
});

describe('value-syntax with the whole rule table', () => {
  it('a size ZCP 7.1/7.2 refused too becomes ZCP\'s default, so a second run pins nothing', () => {
    for (const source of ['7.1', '7.2'] as const) {
      for (const target of ['8.0', '8.7'] as const) {
        const [first, second] = runTwice(lines('mysql_database = zarafa', 'cache_cell_size = lots'), 'server.cfg', RULES, { source, target });
        expect(first.output).toMatch(/^cache_cell_size = 16M$/m);
        expect(first.diagnostics.map((d) => d.code)).toContain('VALUE_MEANING_CHANGED');
        expect(second.changes).toEqual([]);
      }
    }
  });
});

describe('a line an earlier translation commented out', () => {
  it('is not replaced by a pinned ZCP default when the output is translated again', () => {
    // 7.1's size reader took -1 (strtoul wraps it); Python has no spelling for it.
    const pipeline = [searchIndexRule, pinnedDefaultsRule, valueSyntaxRule];
    const [first, second] = runTwice(lines('index_attachment_max_size = -1'), 'search.cfg', pipeline, { source: '7.1', target: '8.7' });
    expect(first.output).toContain('#index_attachment_max_size = -1');
    expect(first.output).not.toMatch(/^index_attachment_max_size/m);
    expect(second.changes).toEqual([]);
  });
});
