import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { printConfig } from '../../src/cfg/print.js';
import { lacksFinalNewline, dominantLineEnd, commentedSettingOf, type ConfigLine } from '../../src/cfg/model.js';

const one = (text: string, dialect: 'cpp' | 'python' = 'cpp'): ConfigLine => {
  const doc = parseConfig(text, { dialect });
  expect(doc.lines).toHaveLength(1);
  return doc.lines[0]!;
};
const codes = (text: string, dialect: 'cpp' | 'python' = 'cpp'): string[] =>
  parseConfig(text, { dialect }).diagnostics.map((d) => `${d.line}:${d.code}`);

describe('line kinds (C++ reader)', () => {
  it('blank: empty or only spaces, tabs and CR', () => {
    expect(one('\n')).toMatchObject({ kind: 'blank', raw: '', eol: '\n' });
    expect(one(' \t \n')).toMatchObject({ kind: 'blank', raw: ' \t ' });
    expect(one('\r\r\n')).toMatchObject({ kind: 'blank', raw: '\r', eol: '\r\n' });
  });

  it('comment: # in column 0 only, whatever follows', () => {
    expect(one('# a = b\n')).toMatchObject({ kind: 'comment', raw: '# a = b' });
    expect(one('#!include x\n').kind).toBe('comment');
    // `;` is not a comment marker: the line has '=' so it is a setting with key ';x'.
    expect(one(';x = 1\n')).toMatchObject({ kind: 'setting', key: ';x', value: '1' });
  });

  it('directive: known, unknown and argument trimming', () => {
    expect(one('!include  other.cfg \t\n')).toMatchObject({
      kind: 'directive', name: 'include', arg: 'other.cfg', honoured: true, parts: { lead: '', gap: '  ', trail: ' \t' },
    });
    expect(one('!propmap\t/etc/zarafa/ldap.propmap.cfg\n')).toMatchObject({ kind: 'directive', name: 'propmap', arg: '/etc/zarafa/ldap.propmap.cfg' });
    expect(one('!x y\n')).toMatchObject({ kind: 'directive', name: 'x', arg: 'y', honoured: true });
    expect(codes('!x y\n')).toEqual(['1:UNKNOWN_DIRECTIVE']);
    // An argument with '=' is still a directive: '!' in column 0 wins.
    expect(one('!include a=b.cfg\n')).toMatchObject({ kind: 'directive', arg: 'a=b.cfg' });
  });

  it('directive without argument: daemon reads the line end into the name, or fails on the last line', () => {
    expect(one('!include\n')).toMatchObject({ kind: 'directive', name: 'include', arg: '', honoured: false });
    expect(codes('!include\n')).toEqual(['1:UNKNOWN_DIRECTIVE']);
    expect(codes('!include\r\n')).toEqual(['1:UNKNOWN_DIRECTIVE']);
    expect(codes('!include \n')).toEqual(['1:DIRECTIVE_WITHOUT_PATH']);
    expect(codes('!propmap')).toEqual(['1:DIRECTIVE_WITHOUT_PATH']);
    const d = parseConfig('!include \n').diagnostics[0]!;
    expect(d.severity).toBe('error');
  });

  it('setting: raw key, separator and value kept; quotes, # and ; are part of the value', () => {
    const l = one('  log_level\t =  "3" # four ; five  \n');
    expect(l).toMatchObject({
      kind: 'setting', key: 'log_level', value: '"3" # four ; five',
      parts: { lead: '  ', beforeEq: '\t ', afterEq: '  ', trail: '  ' },
    });
    if (l.kind !== 'setting') throw new Error('unreachable');
    const { lead, beforeEq, afterEq, trail } = l.parts;
    expect(lead + l.key + beforeEq + '=' + afterEq + l.value + trail).toBe(l.raw);
    expect(one('a==b\n')).toMatchObject({ kind: 'setting', key: 'a', value: '=b' });
    expect(one('empty =\n')).toMatchObject({ kind: 'setting', key: 'empty', value: '' });
    // A lone CR at the end is trimmed like the reader trims it.
    expect(one('k = v\r')).toMatchObject({ kind: 'setting', value: 'v', eol: '', parts: { trail: '\r' } });
  });

  it('skipped: no "=" or an empty key', () => {
    expect(one('log_level 3\n')).toMatchObject({ kind: 'skipped', reason: 'no-equals' });
    expect(codes('log_level 3\n')).toEqual(['1:LINE_IGNORED']);
    expect(one('[section]\n')).toMatchObject({ kind: 'skipped', reason: 'no-equals' });
    expect(codes('[section]\n')).toEqual([]);
    expect(one(' \t= value\n')).toMatchObject({ kind: 'skipped', reason: 'empty-key' });
  });

  it('misread: indented # or ! with "=" becomes an option named after it', () => {
    expect(one('  # log_level = 4\n')).toMatchObject({ kind: 'misread', key: '# log_level', value: '4' });
    expect(one('\t!include = x\n')).toMatchObject({ kind: 'misread', key: '!include' });
    expect(codes('  # log_level = 4\n')).toEqual(['1:MISREAD_LINE']);
    // Indented without '=': the reader skips it, nothing is misread.
    expect(one('  # just prose\n')).toMatchObject({ kind: 'skipped' });
    expect(one('  !include x\n')).toMatchObject({ kind: 'skipped' });
  });
});

describe('line kinds (Python reader)', () => {
  it('indented comments are comments', () => {
    expect(one('   # a = b\n', 'python')).toMatchObject({ kind: 'comment' });
    expect(codes('   # a = b\n', 'python')).toEqual([]);
  });

  it('directives are ignored: a line without "=" that starts with "!"', () => {
    expect(one('!include other.cfg\n', 'python')).toMatchObject({ kind: 'directive', honoured: false, name: 'include' });
    expect(codes('!include other.cfg\n', 'python')).toEqual(['1:DIRECTIVE_IGNORED']);
    expect(one('  !x\n', 'python')).toMatchObject({ kind: 'directive', parts: { lead: '  ' } });
    // With '=' it is a plain (unknown) option.
    expect(one('!a = b\n', 'python')).toMatchObject({ kind: 'setting', key: '!a', value: 'b' });
  });

  it('strips the whitespace Python strips, not U+FEFF', () => {
    expect(one('\u00a0key\u3000=\u2003v\u0085\n', 'python')).toMatchObject({ kind: 'setting', key: 'key', value: 'v' });
    expect(one('\u00a0key = v\n', 'cpp')).toMatchObject({ kind: 'setting', key: '\u00a0key' });
    expect(one('a\ufeff = v\n', 'python')).toMatchObject({ key: 'a\ufeff' });
  });

  it('has no length limits', () => {
    const text = `k = ${'v'.repeat(5000)}\n`;
    expect(codes(text, 'python')).toEqual([]);
    expect(codes(text, 'cpp')).toEqual(['1:LINE_TOO_LONG', '1:VALUE_TRUNCATED']);
  });
});

describe('line ends, BOM, final newline', () => {
  it('keeps the line end of each line', () => {
    const doc = parseConfig('a = 1\r\nb = 2\nc = 3\r\n');
    expect(doc.lines.map((l) => l.eol)).toEqual(['\r\n', '\n', '\r\n']);
    expect(doc.lines.map((l) => l.raw)).toEqual(['a = 1', 'b = 2', 'c = 3']);
    expect(dominantLineEnd(doc)).toBe('\r\n');
    expect(dominantLineEnd(parseConfig('a\nb\r\n'))).toBe('\n');
  });

  it('a lone CR does not end a line', () => {
    const doc = parseConfig('a = 1\rb = 2\n');
    expect(doc.lines).toHaveLength(1);
    expect(doc.lines[0]).toMatchObject({ key: 'a', value: '1\rb = 2' });
  });

  it('no final newline', () => {
    const doc = parseConfig('a = 1\nb = 2');
    expect(doc.lines[1]).toMatchObject({ raw: 'b = 2', eol: '' });
    expect(lacksFinalNewline(doc)).toBe(true);
    expect(lacksFinalNewline(parseConfig('a = 1\n'))).toBe(false);
    expect(lacksFinalNewline(parseConfig(''))).toBe(false);
    expect(parseConfig('').lines).toEqual([]);
  });

  it('BOM: kept out of line 1, reported with its effect on line 1', () => {
    for (const dialect of ['cpp', 'python'] as const) {
      const doc = parseConfig('\ufeffserver_bind = 1.2.3.4\n', { dialect });
      expect(doc.bom).toBe(true);
      expect(doc.lines[0]).toMatchObject({ kind: 'setting', raw: 'server_bind = 1.2.3.4', key: 'server_bind' });
      expect(doc.diagnostics[0]).toMatchObject({ code: 'BYTE_ORDER_MARK', line: 1, severity: 'warning' });
      expect(doc.diagnostics[0]!.message).toContain("'server_bind' is not set");
      expect(printConfig(doc)).toBe('\ufeffserver_bind = 1.2.3.4\n');
    }
    expect(parseConfig('\ufeff# prose\n').diagnostics[0]!.message).toContain('skips it');
    expect(parseConfig('\ufeff').lines).toEqual([]);
    expect(parseConfig('x\ufeff = 1\n').bom).toBe(false);
  });
});

describe('diagnostics', () => {
  it('DUPLICATE_KEY: the later line wins and names the earlier one', () => {
    const doc = parseConfig('a = 1\nb = 2\na = 3\na = 4\n', { file: 'server.cfg' });
    expect(doc.diagnostics.map((d) => [d.code, d.line, d.file])).toEqual([
      ['DUPLICATE_KEY', 3, 'server.cfg'],
      ['DUPLICATE_KEY', 4, 'server.cfg'],
    ]);
    expect(doc.diagnostics[1]!.message).toContain('line 3');
    // Keys are case-sensitive.
    expect(codes('A = 1\na = 2\n')).toEqual([]);
  });

  it('LINE_TOO_LONG: more than 4095 bytes before the line end (counted in the file encoding)', () => {
    const comment = (n: number): string => `#${'x'.repeat(n - 1)}`;
    expect(codes(`${comment(4095)}\n`)).toEqual([]);
    expect(codes(`${comment(4095)}\r\n`)).toEqual([]);
    expect(codes(`${comment(4096)}\n`)).toEqual(['1:LINE_TOO_LONG']);
    expect(codes(comment(4096))).toEqual(['1:LINE_TOO_LONG']);
    // 2048 'é' = 4096 bytes in UTF-8 but 2048 in latin-1.
    const e = `#${'\u00e9'.repeat(2048)}\n`;
    expect(parseConfig(e, { encoding: 'utf8' }).diagnostics.map((d) => d.code)).toEqual(['LINE_TOO_LONG']);
    expect(parseConfig(e, { encoding: 'latin1' }).diagnostics).toEqual([]);
  });

  it('VALUE_TRUNCATED: more than 1023 bytes of value', () => {
    expect(codes(`k = ${'v'.repeat(1023)}\n`)).toEqual([]);
    expect(codes(`k = ${'v'.repeat(1024)}  \n`)).toEqual(['1:VALUE_TRUNCATED']);
    expect(codes(`k = ${'\u20ac'.repeat(342)}\n`)).toEqual(['1:VALUE_TRUNCATED']); // 1026 bytes
    expect(codes(`k = ${'\u20ac'.repeat(341)}\n`)).toEqual([]); // 1023 bytes
  });

  it('parsing never throws', () => {
    for (const text of ['\u0000', '\ud800', '!', '=', '\r', '\n\n\r\n', '#', ' !', '\ufeff\ufeff']) {
      for (const dialect of ['cpp', 'python'] as const) {
        const doc = parseConfig(text, { dialect });
        expect(printConfig(doc)).toBe(text);
      }
    }
  });
});

describe('commentedSettingOf', () => {
  it('finds sample settings in comments, not prose', () => {
    const [a, b, c] = parseConfig('#log_level = 3\n## server_bind=\n# This is = prose\n').lines;
    expect(commentedSettingOf(a!)).toEqual({ key: 'log_level', value: '3' });
    expect(commentedSettingOf(b!)).toEqual({ key: 'server_bind', value: '' });
    expect(commentedSettingOf(c!)).toBeUndefined();
  });
});
