import { describe, expect, it } from 'vitest';
import type { SourceFamily } from '../../src/types.js';
import { checkValidOutput, KNOWN_GAPS, validCase, worksWithSource, type FuzzCase } from './cases.js';

// Only while gaps are open: an empty suite is an error to vitest.
if (KNOWN_GAPS.length > 0) describe('fuzz: known translation gaps (reported; the valid-config generator leaves these keys out)', () => {
  for (const gap of KNOWN_GAPS) {
    it(`${gap.daemon} ${gap.key} (${gap.sources.join(', ')}): ${gap.why}`, () => {
      // The example is a config the source daemon accepts…
      expect(worksWithSource(gap.example)).toBe(true);
      // …whose translation still fails the property. Once a rule handles it, delete the entry.
      expect(checkValidOutput(gap.example)).toBeDefined();
    });
  }
});

/** Gaps this fuzzer found and the rules now close: the examples stay fixed, and the generator reaches their keys again. */
const FIXED: readonly { key: string; case: FuzzCase }[] = [
  { key: 'log_method', case: { seed: 0, file: 'search.cfg', source: '7.0', target: '8.0', text: 'log_method =\n' } },
  { key: 'log_method', case: { seed: 0, file: 'indexer.cfg', source: '7.0', target: '8.7', text: 'log_method = File\n' } },
  { key: 'log_method', case: { seed: 0, file: 'presence.cfg', source: '7.2', target: '8.7', text: 'server_secret_key = k\nlog_method =\n' } },
  { key: 'log_timestamp', case: { seed: 0, file: 'presence.cfg', source: '7.2', target: '8.7', text: 'server_secret_key = k\nlog_timestamp = 2\n' } },
  { key: 'log_level', case: { seed: 0, file: 'monitor.cfg', source: '7.1', target: '8.7', text: 'log_level =\n' } },
  { key: 'cache_server_size', case: { seed: 0, file: 'server.cfg', source: '7.0', target: '8.0', text: 'cache_server_size =\n' } },
  { key: 'index_attachment_max_size', case: { seed: 0, file: 'search.cfg', source: '7.1', target: '8.7', text: 'index_attachment_max_size = -1\n' } },
];

describe('fuzz: gaps closed since', () => {
  it.each(FIXED)('$case.file $key from $case.source to $case.target: $case.text', ({ case: c }) => {
    expect(worksWithSource(c)).toBe(true);
    expect(checkValidOutput(c)).toBeUndefined();
  });

  it('the generator writes each of these keys again, for the source it failed with', () => {
    const wanted = new Map(FIXED.map((f) => [`${f.case.file.replace('indexer.cfg', 'search.cfg')} ${f.case.source} ${f.key}`, false]));
    for (let seed = 1; seed <= 20_000 && [...wanted.values()].includes(false); seed++) {
      const c = validCase(seed);
      if (!c) continue;
      const file = c.file.replace('indexer.cfg', 'search.cfg');
      for (const m of c.text.matchAll(/^([a-z_0-9]+)[ \t]*=/gm)) {
        const k = `${file} ${c.source as SourceFamily} ${m[1]}`;
        if (wanted.has(k)) wanted.set(k, true);
      }
    }
    expect([...wanted].filter(([, seen]) => !seen).map(([k]) => k)).toEqual([]);
  });
});
