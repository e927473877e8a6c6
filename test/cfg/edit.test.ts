import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { printConfig } from '../../src/cfg/print.js';
import { applyEdits, applyEditsToText, EditConflictError, type Edit } from '../../src/cfg/edit.js';
import { insertionPoint, commentedSampleLine } from '../../src/cfg/placement.js';
import { makeRng, generateConfigText, type Rng } from '../helpers/generate.js';
import { dominantLineEnd, type ConfigDocument } from '../../src/cfg/model.js';

const edit = (text: string, edits: Edit[], dialect: 'cpp' | 'python' = 'cpp'): string =>
  printConfig(applyEdits(parseConfig(text, { dialect }), edits));

describe('set-value', () => {
  it('replaces only the value, keeping lead, separator, trail and line end', () => {
    expect(edit('a = 1\n  log_level\t=\t3  \r\nb=2\n', [{ op: 'set-value', line: 2, value: '4' }]))
      .toBe('a = 1\n  log_level\t=\t4  \r\nb=2\n');
  });
  it('`key =` given a value copies the key side spacing; an empty value drops the blank after "="', () => {
    expect(edit('a =\n', [{ op: 'set-value', line: 1, value: 'x' }])).toBe('a = x\n');
    expect(edit('a=\n', [{ op: 'set-value', line: 1, value: 'x' }])).toBe('a=x\n');
    expect(edit('a = 1\n', [{ op: 'set-value', line: 1, value: '' }])).toBe('a =\n');
  });
  it('values with #, ; and = are written as they are', () => {
    expect(edit('pw = old\n', [{ op: 'set-value', line: 1, value: 'p#s;s=w' }])).toBe('pw = p#s;s=w\n');
  });
  it('refuses values the reader would not read back', () => {
    for (const value of ['a\nb', ' lead', 'trail\t', 'x\r']) {
      expect(() => edit('a = 1\n', [{ op: 'set-value', line: 1, value }])).toThrow(EditConflictError);
    }
  });
  it('refuses a line that is not a setting', () => {
    expect(() => edit('# a = 1\n', [{ op: 'set-value', line: 1, value: '2' }])).toThrow(EditConflictError);
    expect(() => edit('a = 1\n', [{ op: 'set-value', line: 2, value: '2' }])).toThrow(/no such line/);
  });
});

describe('rename-key', () => {
  it('replaces only the key; combines with set-value on the same line', () => {
    expect(edit('\tzarafa_x\t= v \n', [{ op: 'rename-key', line: 1, key: 'kopano_x' }])).toBe('\tkopano_x\t= v \n');
    expect(edit('a = 1\r\n', [{ op: 'rename-key', line: 1, key: 'b' }, { op: 'set-value', line: 1, value: '2' }]))
      .toBe('b = 2\r\n');
  });
  it('refuses keys the reader would not read back', () => {
    for (const key of ['', '#x', '!x', 'a=b', ' a', 'a\nb']) {
      expect(() => edit('a = 1\n', [{ op: 'rename-key', line: 1, key }])).toThrow(EditConflictError);
    }
  });
});

describe('comment-out', () => {
  it('prefixes the line with # and puts the reason above, in the line end of the file', () => {
    expect(edit('a = 1\r\nb = 2\r\n', [{ op: 'comment-out', line: 2, reason: 'gone in Kopano' }]))
      .toBe('a = 1\r\n# zarafa2kopano: gone in Kopano\r\n#b = 2\r\n');
  });
  it('works on misread and last lines without a final newline', () => {
    expect(edit('a = 1\r\n  # x = 2', [{ op: 'comment-out', line: 2, reason: 'r' }]))
      .toBe('a = 1\r\n# zarafa2kopano: r\r\n#  # x = 2');
  });
  it('refuses a reason with a line break', () => {
    expect(() => edit('a = 1\n', [{ op: 'comment-out', line: 1, reason: 'a\nb' }])).toThrow(EditConflictError);
  });
});

describe('uncomment', () => {
  it('activates a commented sample, keeping the separator', () => {
    expect(edit('#log_level\t= 3\n', [{ op: 'uncomment', line: 1, value: '4' }])).toBe('log_level\t= 4\n');
    expect(edit('##  server_bind=\r\n', [{ op: 'uncomment', line: 1, value: '0.0.0.0' }])).toBe('server_bind=0.0.0.0\r\n');
    expect(edit('# a = 3\n', [{ op: 'uncomment', line: 1, value: '' }])).toBe('a =\n');
    expect(edit('#ssl_protocols =\n', [{ op: 'uncomment', line: 1, value: '!SSLv2' }])).toBe('ssl_protocols = !SSLv2\n');
  });
  it('refuses prose comments and non-comments', () => {
    expect(() => edit('# this is prose = x\n', [{ op: 'uncomment', line: 1, value: '1' }])).toThrow(EditConflictError);
    expect(() => edit('a = 1\n', [{ op: 'uncomment', line: 1, value: '1' }])).toThrow(EditConflictError);
  });
});

describe('insert', () => {
  it('copies the separator style of the nearest setting and the file line end', () => {
    expect(edit('a\t=\t1\r\nb\t=\t2\r\n', [{ op: 'insert', after: 1, key: 'new', value: 'v' }]))
      .toBe('a\t=\t1\r\nnew\t=\tv\r\nb\t=\t2\r\n');
    expect(edit('# head\r\nx=1\r\n', [{ op: 'insert', after: 0, key: 'k', value: 'v' }])).toBe('k=v\r\n# head\r\nx=1\r\n');
    expect(edit('# only comments\n', [{ op: 'insert', after: 1, key: 'k', value: '' }])).toBe('# only comments\nk =\n');
  });
  it('at the end of a file without a final newline keeps it without one', () => {
    expect(edit('a = 1\r\nb = 2', [{ op: 'insert', after: 2, key: 'c', value: '3' }, { op: 'insert', after: 2, key: 'd', value: '4' }]))
      .toBe('a = 1\r\nb = 2\r\nc = 3\r\nd = 4');
  });
  it('into an empty file gives a terminated line', () => {
    expect(edit('', [{ op: 'insert', after: 0, key: 'k', value: 'v' }])).toBe('k = v\n');
  });
  it('several inserts at one place keep their order; refuses bad positions and keys', () => {
    expect(edit('a = 1\n', [{ op: 'insert', after: 1, key: 'x', value: '1' }, { op: 'insert', after: 1, key: 'y', value: '2' }]))
      .toBe('a = 1\nx = 1\ny = 2\n');
    expect(() => edit('a = 1\n', [{ op: 'insert', after: 2, key: 'x', value: '1' }])).toThrow(EditConflictError);
    expect(() => edit('a = 1\n', [{ op: 'insert', after: 1, key: '#x', value: '1' }])).toThrow(EditConflictError);
  });
  it('insertionPoint: after related active or sample lines, else after the last non-blank line', () => {
    const doc = parseConfig('# intro\nlog_level = 3\n#log_file = x\nother = 1\n\n\n');
    expect(insertionPoint(doc, ['log_file', 'log_level'])).toBe(3);
    expect(insertionPoint(doc, ['nothing'])).toBe(4);
    expect(commentedSampleLine(doc, 'log_file')).toBe(3);
    expect(commentedSampleLine(doc, 'other')).toBeUndefined();
  });
});

describe('set-directive-arg', () => {
  it('replaces the argument only', () => {
    expect(edit('!include\t/etc/zarafa/a.cfg  \r\n', [{ op: 'set-directive-arg', line: 1, arg: '/etc/kopano/a.cfg' }]))
      .toBe('!include\t/etc/kopano/a.cfg  \r\n');
    expect(edit('!propmap', [{ op: 'set-directive-arg', line: 1, arg: 'p.cfg' }])).toBe('!propmap p.cfg');
  });
  it('refuses non-directives and arguments that would not read back', () => {
    expect(() => edit('a = 1\n', [{ op: 'set-directive-arg', line: 1, arg: 'x' }])).toThrow(EditConflictError);
    expect(() => edit('!include a\n', [{ op: 'set-directive-arg', line: 1, arg: 'x\n!include y' }])).toThrow(EditConflictError);
  });
});

describe('overlaps', () => {
  const cases: [string, Edit[]][] = [
    ['two set-value', [{ op: 'set-value', line: 1, value: '1' }, { op: 'set-value', line: 1, value: '2' }]],
    ['comment-out + set-value', [{ op: 'comment-out', line: 1, reason: 'r' }, { op: 'set-value', line: 1, value: '2' }]],
    ['comment-out + rename', [{ op: 'rename-key', line: 1, key: 'b' }, { op: 'comment-out', line: 1, reason: 'r' }]],
    ['two comment-out', [{ op: 'comment-out', line: 1, reason: 'r' }, { op: 'comment-out', line: 1, reason: 's' }]],
  ];
  for (const [name, edits] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => applyEditsToText(parseConfig('a = 1\n'), edits)).toThrow(EditConflictError);
    });
  }
  it('no edits returns the same document', () => {
    const doc = parseConfig('a = 1');
    expect(applyEdits(doc, [])).toBe(doc);
  });
  it('keeps file name, dialect and encoding for the re-parse', () => {
    const doc = parseConfig(`k = 1\n#${'\u00e9'.repeat(3000)}\n`, { file: 'f.cfg', encoding: 'latin1' });
    const out = applyEdits(doc, [{ op: 'set-value', line: 1, value: '2' }]);
    expect(out).toMatchObject({ file: 'f.cfg', dialect: 'cpp', encoding: 'latin1', diagnostics: [] });
  });
});

/** A random valid plan for `doc`: at most one exclusive edit per line, inserts anywhere. */
function randomEdits(r: Rng, doc: ConfigDocument): Edit[] {
  const edits: Edit[] = [];
  for (const line of doc.lines) {
    if (!r.chance(0.3)) continue;
    if (line.kind === 'setting') {
      const k = r.int(3);
      if (k === 0) edits.push({ op: 'set-value', line: line.number, value: r.pick(['new', 'a#b', 'x=y', '', 'caf\u00e9']) });
      else if (k === 1) edits.push({ op: 'rename-key', line: line.number, key: r.pick(['renamed', 'kopano_x']) });
      else edits.push({ op: 'comment-out', line: line.number, reason: 'test' });
    } else if (line.kind === 'directive') {
      edits.push({ op: 'set-directive-arg', line: line.number, arg: 'new.cfg' });
    } else if (line.kind === 'misread' || line.kind === 'skipped') {
      edits.push({ op: 'comment-out', line: line.number, reason: 'r' });
    }
  }
  for (let i = r.int(3); i > 0; i--) edits.push({ op: 'insert', after: r.int(doc.lines.length + 1), key: 'ins', value: 'v' });
  return edits;
}

describe('property: lines no edit touches stay byte-identical', () => {
  it('holds over 2,000 generated documents with random edits', () => {
    const r = makeRng(0x5eed);
    let checked = 0;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const dialect = r.chance(0.5) ? 'cpp' : 'python';
      const doc = parseConfig(generateConfigText(r), { dialect });
      const edits = randomEdits(r, doc);
      let out: ConfigDocument;
      try {
        out = applyEdits(doc, edits);
      } catch (e) {
        // Only edits the reader could not read back may be refused (e.g. a directive argument on
        // a line whose name swallowed the line end); anything else is a bug.
        expect(e).toBeInstanceOf(EditConflictError);
        refused++;
        continue;
      }
      const touched = new Set(edits.flatMap((e) => (e.op === 'insert' || e.op === 'insert-directive' ? [] : [e.line])));
      expect(printConfig(out).startsWith('\ufeff')).toBe(doc.bom);
      // Walk the output lines: every untouched original line appears, in order, with its exact
      // characters and line end (a last line without one gains one only when lines follow it).
      let at = 0;
      const n = doc.lines.length;
      const tailInsert = edits.some((e) => e.op === 'insert' && e.after === n) && doc.lines[n - 1]?.eol === '';
      for (const line of doc.lines) {
        if (touched.has(line.number)) continue;
        const eol = line.number === n && tailInsert ? dominantLineEnd(doc) : line.eol;
        // Compared as text: a last line ending in a lone CR joins the LF it gains into a CRLF.
        while (at < out.lines.length && out.lines[at]!.raw + out.lines[at]!.eol !== line.raw + eol) at++;
        expect(at, `line ${line.number} of ${JSON.stringify(printConfig(doc))}`).toBeLessThan(out.lines.length);
        at++;
        checked++;
      }
      // The number of lines only grows by inserts and comment-out reason lines.
      const added = edits.filter((e) => e.op === 'insert' || e.op === 'comment-out').length;
      expect(out.lines.length).toBe(n + added);
    }
    expect(checked).toBeGreaterThan(5000);
    expect(refused).toBeLessThan(100);
  });
});

describe('insert-directive', () => {
  it('writes `!name arg` after the line, after the setting inserts there, and refuses an argument that would not read back', () => {
    const doc = parseConfig('a = 1\n!include /x.cfg\n', { file: 'ldap.cfg' });
    expect(applyEditsToText(doc, [
      { op: 'insert', after: 2, key: 'b', value: '2' },
      { op: 'insert-directive', after: 2, name: 'propmap', arg: '/etc/kopano/ldap.propmap.cfg' },
    ])).toBe('a = 1\n!include /x.cfg\nb = 2\n!propmap /etc/kopano/ldap.propmap.cfg\n');
    expect(() => applyEditsToText(doc, [{ op: 'insert-directive', after: 2, name: 'propmap', arg: 'a\nb' }])).toThrow(EditConflictError);
  });
});
