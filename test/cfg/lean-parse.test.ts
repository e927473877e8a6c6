import { describe, expect, it } from 'vitest';
import { applyEditsToText, type Edit } from '../../src/cfg/edit.js';
import type { SettingLine } from '../../src/cfg/model.js';
import { parseConfig, readLines } from '../../src/cfg/parse.js';
import { printConfig } from '../../src/cfg/print.js';
import { generateConfigText, generateLine, makeRng } from '../helpers/generate.js';

// The parser's lean modes give the same documents: diagnostics left out where only the lines are
// read, and the source text remembered for the applier gives what rebuilding from the lines gives.

describe('diagnostics: false', () => {
  const text = '\uFEFFa = 1\na = 2\n  #x = 3\n!foo bar\n';
  it('gives the same lines and no diagnostics', () => {
    const full = parseConfig(text, { file: 'f.cfg' });
    const lean = parseConfig(text, { file: 'f.cfg', diagnostics: false });
    expect(full.diagnostics.map((d) => `${d.line ?? '-'} ${d.code}`)).toEqual(['1 BYTE_ORDER_MARK', '2 DUPLICATE_KEY', '3 MISREAD_LINE', '4 UNKNOWN_DIRECTIVE']);
    expect(lean.diagnostics).toEqual([]);
    expect(lean.lines).toEqual(full.lines);
    expect(printConfig(lean)).toBe(text);
  });
});

describe('separators and keys', () => {
  it('every line has its own parts object, which a caller may change in place', () => {
    const doc = parseConfig('a = 1\nb = 2\nc=3\n');
    const parts = doc.lines.map((l) => (l as SettingLine).parts);
    expect(new Set(parts).size).toBe(3);
    parts[0]!.afterEq = '   ';
    expect(parts[1]).toEqual({ lead: '', beforeEq: ' ', afterEq: ' ', trail: '' });
    expect(applyEditsToText(doc, [{ op: 'set-value', line: 1, value: 'X' }])).toBe('a =   X\nb = 2\nc=3\n');
  });
  it('every setting still reads back as lead + key + beforeEq + "=" + afterEq + value + trail', () => {
    const r = makeRng(0xc0ffee);
    for (let i = 0; i < 3000; i++) {
      const dialect = r.chance(0.5) ? 'cpp' : 'python';
      for (const l of parseConfig(generateConfigText(r), { dialect }).lines) {
        if (l.kind !== 'setting') continue;
        const { lead, beforeEq, afterEq, trail } = l.parts;
        expect(`${lead}${l.key}${beforeEq}=${afterEq}${l.value}${trail}`).toBe(l.raw);
      }
    }
  });
});

describe('readLines', () => {
  it('gives what parseConfig gives for any text, one line or many', () => {
    const r = makeRng(0x11e5);
    const texts = ['', '\uFEFFa = 1', 'a = 1\n', 'a = 1\r\nb', '\r', '  #k = v'];
    for (let i = 0; i < 3000; i++) texts.push(r.chance(0.8) ? generateLine(r) : generateConfigText(r));
    for (const text of texts) {
      for (const dialect of ['cpp', 'python'] as const) {
        expect(readLines(text, dialect)).toEqual(parseConfig(text, { dialect }).lines);
      }
    }
  });
});

/** A random valid plan: at most one edit per line plus a few inserts. */

describe('applying edits', () => {
  it('is not trusted over the lines: a line changed in place after parsing is what gets written', () => {
    const doc = parseConfig('a = 1\nb = 2\n# three\nc = 3\n');
    (doc.lines[1] as SettingLine).raw = 'b = 22 longer';
    (doc.lines[2]!).eol = '\r\n';
    const edits: Edit[] = [{ op: 'set-value', line: 4, value: '4' }];
    expect(applyEditsToText(doc, edits)).toBe('a = 1\nb = 22 longer\n# three\r\nc = 4\n');
  });
});
