import { describe, expect, it } from 'vitest';
import { searchIndexRule } from '../../src/3-plan/rules/search-index.js';
import { valueSyntaxRule } from '../../src/3-plan/rules/value-syntax.js';
import { lines, runRules, runTwice } from './rule-harness.js';

const rules = [searchIndexRule];

describe('search-index', () => {
  it('ZCP 7.1 (C++ search): new index path and a rebuild action', () => {
    const input = lines('# index', 'index_path          =   /var/lib/zarafa/index/', 'log_level = 2');
    for (const target of ['8.0', '8.7'] as const) {
      const [first, second] = runTwice(input, 'search.cfg', rules, { source: '7.1', target });
      expect(first.output).toBe(lines('# index', 'index_path          =   /var/lib/kopano/search/', 'log_level = 2'));
      expect(first.actions.map((a) => a.id)).toEqual(['search:rebuild']);
      expect(first.actions[0]!.paths).toEqual(['/var/lib/kopano/search/', '/var/lib/zarafa/index/']);
      expect(first.actions[0]!.command).toBe('install -d -o kopano -g kopano /var/lib/kopano/search/ && systemctl start kopano-search');
      expect(second.changes).toEqual([]);
    }
  });

  it('ZCP 7.0 indexer.cfg: same, and the attachment size in kilobytes gets its unit', () => {
    const input = lines('index_path = /var/lib/zarafa/index/', 'index_attachment_max_size = 5120', 'term_cache_size = 67108864');
    const [first, second] = runTwice(input, 'indexer.cfg', rules, { source: '7.0' });
    expect(first.output).toBe(lines('index_path = /var/lib/kopano/search/', 'index_attachment_max_size = 5M', 'term_cache_size = 64M'));
    expect(second.changes).toEqual([]);
  });

  it('ZCP 7.2: keeps the index where it is and offers the move', () => {
    const input = lines('index_path = /var/lib/zarafa/search/');
    const [first, second] = runTwice(input, 'search.cfg', rules, { source: '7.2' });
    expect(first.output).toBe(input);
    expect(first.actions.map((a) => a.id)).toEqual(['owner:search-index', 'search:move-index']);
    expect(first.actions[1]!.command).toBe('mv /var/lib/zarafa/search /var/lib/kopano/search');
    expect(second.changes).toEqual([]);
  });

  it('ZCP 7.2 on the default index path: the path is written so the index is found', () => {
    const input = lines('# search', 'search_engine = xapian');
    const [first, second] = runTwice(input, 'search.cfg', rules, { source: '7.2' });
    expect(first.output).toBe(lines('# search', 'search_engine = xapian', 'index_path = /var/lib/zarafa/search/'));
    expect(second.changes).toEqual([]);
  });

  it('re-spells values the Python reader rejects, with the meaning the C++ reader gave them', () => {
    const input = lines(
      'index_attachments = No',
      'term_cache_size = 64 M',
      'index_attachment_max_size = 5242880',
      'log_timestamp = yes',
      'log_level = 9',
    );
    const [first, second] = runTwice(input, 'search.cfg', rules, { source: '7.1' });
    expect(first.output).toBe(lines(
      'index_attachments = yes',
      'term_cache_size = 64M',
      'index_attachment_max_size = 5M',
      'log_timestamp = 1',
      'log_level = 6',
      'index_path = /var/lib/kopano/search/',
    ));
    expect(first.diagnostics.map((d) => [d.code, d.line])).toEqual([['SEARCH_BOOLEAN_READ_AS_TRUE', 1]]);
    expect(second.changes).toEqual([]);
  });

  it('from the Python 7.2 reader a capitalised boolean is lowercased (7.2 would have died on it)', () => {
    const input = lines('index_path = /srv/search/', 'index_attachments = False', 'index_attachment_max_size = 16M', 'log_timestamp = 0');
    const { output } = runRules(input, 'search.cfg', rules, { source: '7.2' });
    expect(output).toBe(lines('index_path = /srv/search/', 'index_attachments = false', 'index_attachment_max_size = 16M', 'log_timestamp = 0'));
  });

  it('leaves a size that is no size at all to value-syntax, which comments it out with one warning', () => {
    const input = lines('index_path = /var/lib/kopano/search/', 'term_cache_size = big');
    const alone = runRules(input, 'search.cfg', rules, { source: '7.1' });
    expect([alone.changes, alone.diagnostics]).toEqual([[], []]);
    const { output, diagnostics } = runRules(input, 'search.cfg', [searchIndexRule, valueSyntaxRule], { source: '7.1' });
    expect(output).toBe(lines(
      'index_path = /var/lib/kopano/search/',
      '# zarafa2kopano[value-syntax]: kopano-search does not accept "big" for term_cache_size; Kopano\'s default "62500K" applies',
      '#term_cache_size = big',
    ));
    expect(diagnostics.map((d) => [d.code, d.rule])).toEqual([['VALUE_MEANING_CHANGED', 'value-syntax']]);
  });

  it('ZCP 7.0 read index_attachment_max_size with atoi: no digits is 0, a size already in Python spelling stays', () => {
    const [first, second] = runTwice(lines('index_attachment_max_size =', 'term_cache_size = 64M'), 'indexer.cfg', rules, { source: '7.0' });
    expect(first.output).toBe(lines('index_attachment_max_size = 0B', 'term_cache_size = 64M', 'index_path = /var/lib/kopano/search/'));
    expect(second.changes).toEqual([]);
  });

  it('ZCP 7.0/7.1 on the default index path: the new path is written, so a second run read as 7.2 keeps it', () => {
    for (const source of ['7.0', '7.1'] as const) {
      const [first] = runTwice(lines('# search', 'log_level = 3'), 'search.cfg', rules, { source });
      expect(first.output).toBe(lines('# search', 'log_level = 3', 'index_path = /var/lib/kopano/search/'));
      expect(first.actions.map((a) => a.id)).toEqual(['search:rebuild']);
      const again = runRules(first.output, 'search.cfg', rules, { source: '7.2' });
      expect(again.changes).toEqual([]);
    }
  });
});
