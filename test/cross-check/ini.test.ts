// An independent reader as a cross-check of ours: the `ini` package reads a file with plain
// `key = value` lines exactly as Kopano's readers do, so on those files its result must equal the
// settings parseConfig finds. docs/format.md says which files qualify and why the rest do not.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseIni } from 'ini';
import { describe, expect, it } from 'vitest';
import { settingsOf } from '../../src/cfg/effective.js';
import { parseConfig } from '../../src/cfg/parse.js';
import type { Dialect } from '../../src/cfg/model.js';
import { generateConfigText, makeRng } from '../helpers/generate.js';

/**
 * True when every line is one `ini` reads the way both Kopano readers do: blank, a `#` comment in
 * column 0, or `key = value` with a printable-ASCII value (ini trims every Unicode blank) whose
 * key has no `[`/`]`/`.` quirks and whose value has no quotes, no
 * `;` or `#` (ini cuts an inline comment there), is not true/false/null (ini turns those into
 * JSON values) and does not start a section. Duplicate keys are left out too (ini keeps the last
 * as Kopano does, but also builds arrays from `key[]`).
 */
export function iniReadsTheSame(text: string): boolean {
  if (text.includes('\r') || text.startsWith('\uFEFF')) return false;
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z0-9_-]+)[ \t]*=[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return false;
    const [, key, value] = m as unknown as [string, string, string];
    // Printable ASCII only: ini trims every Unicode blank (U+00A0 too), the Kopano readers spaces and tabs.
    if (!/^[\x20-\x7e]*$/.test(value)) return false;
    if (/["'`;#\\]/.test(value) || /^(true|false|null)$/i.test(value) || seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function ourSettings(text: string, dialect: Dialect): Record<string, string> {
  const doc = parseConfig(text, { dialect });
  return Object.fromEntries([...settingsOf(doc)].map(([k, line]) => [k, line.value]));
}

function cfgFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return cfgFiles(p);
    return name.endsWith('.cfg') ? [p] : [];
  });
}

describe('the ini package as an independent reader', () => {
  const fixtures = ['fixtures/sample', 'fixtures/cases', 'fixtures/merge'].flatMap((d) => cfgFiles(d));
  const qualifying = fixtures.filter((f) => iniReadsTheSame(readFileSync(f, 'utf8')));

  it('applies to most of our fixtures', () => {
    // Not vacuous: the stock-looking files qualify; the ones that test quoting, CRLF or duplicates do not.
    expect(qualifying.length).toBeGreaterThan(fixtures.length / 2);
  });

  it.each(['cpp', 'python'] as const)('reads every qualifying fixture as parseConfig does (%s reader)', (dialect) => {
    for (const f of qualifying) {
      const text = readFileSync(f, 'utf8');
      expect({ file: f, settings: ourSettings(text, dialect) }).toEqual({ file: f, settings: parseIni(text) });
    }
  });

  it('reads generated files as parseConfig does', () => {
    const rng = makeRng(12);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const text = generateConfigText(rng);
      if (!iniReadsTheSame(text)) continue;
      compared++;
      expect(ourSettings(text, 'cpp')).toEqual(parseIni(text));
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('tells apart the files it would read differently', () => {
    expect(iniReadsTheSame('a = x ; y\n')).toBe(false); // ini: "x"; Kopano: "x ; y"
    expect(iniReadsTheSame('a = "x"\n')).toBe(false); // ini: x; Kopano: "x" with quotes
    expect(iniReadsTheSame('  # a = 1\n')).toBe(false); // ini: comment; C++ reader: setting '# a'
    expect(iniReadsTheSame('a = true\n')).toBe(false); // ini: the boolean true
    expect(iniReadsTheSame('a = 1\nb = 2\n')).toBe(true);
  });
});
