import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch, createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../helpers/generate.js';
import { unifiedDiff, unifiedDiffWith } from '../../src/4-emit/diff/unified-diff.js';


interface Pair {
  before: string;
  after: string;
}

/**
 * Pairs of texts the way translations change files (values rewritten, lines commented out with a
 * note above, lines inserted), plus arbitrary shuffles. `alphabet` 0 makes every line unique;
 * a small alphabet makes many equal lines, where the choice between equally short scripts matters.
 * One pair in ten is reversed unless `keepOrder`. Line ends are LF, CRLF or mixed; some texts lack a
 * final newline.
 */
function generatePairs(seed: number, count: number, opts: { alphabet: number; maxLines: number; keepOrder?: boolean }): Pair[] {
  const r = random(seed);
  const pick = (n: number): number => Math.floor(r() * n);
  const pairs: Pair[] = [];
  while (pairs.length < count) {
    const alphabet = opts.alphabet || 0;
    const lines: string[] = [];
    const n = pick(opts.maxLines);
    for (let i = 0; i < n; i++) lines.push(alphabet ? `line ${pick(alphabet)}` : `key_${i} = value ${pick(1e6)}`);
    const p = r() * 0.5;
    const edited: string[] = [];
    for (const l of lines) {
      const x = r();
      if (x < p / 4) continue;
      else if (x < p / 2) edited.push(`${l} changed`);
      else if (x < (3 * p) / 4) edited.push('# zarafa2kopano: not known to Kopano', `#${l}`);
      else if (x < p) edited.push(l, alphabet ? `line ${pick(alphabet)}` : `inserted ${pick(1e6)}`);
      else edited.push(l);
    }
    if (r() < 0.1 && !opts.keepOrder) edited.reverse();
    const eolMode = pick(3);
    const join = (ls: string[], final: boolean): string => {
      let s = '';
      ls.forEach((l, i) => {
        const eol = eolMode === 0 ? '\n' : eolMode === 1 ? '\r\n' : r() < 0.5 ? '\r\n' : '\n';
        s += l + (i < ls.length - 1 || final ? eol : '');
      });
      return s;
    };
    const before = join(lines, r() < 0.8);
    const after = join(edited, r() < 0.8);
    if (before !== after) pairs.push({ before, after });
  }
  return pairs;
}

const jsdiff = (before: string, after: string, source = 'f.cfg', target = source): string =>
  createTwoFilesPatch(`a/${source}`, `b/${target}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  })!;

/** Limits so small that every range goes through the splitting at unique lines. */
const SPLIT_ALWAYS = { smallRange: 0, workPerLine: 0, totalWorkPerLine: 1e9 };
/** No budget at all: everything past the common prefix is replaced as a block. */
const NO_BUDGET = { smallRange: 0, workPerLine: 0, totalWorkPerLine: 0 };

describe('unifiedDiff', () => {
  it('is empty for equal texts and has file headers, hunks and no Index line otherwise', () => {
    expect(unifiedDiff('server.cfg', 'server.cfg', 'a = 1\n', 'a = 1\n')).toBe('');
    expect(unifiedDiff('indexer.cfg', 'search.cfg', 'a = 1\nb = 2\n', 'a = 1\nb = 3\n')).toBe(
      '--- a/indexer.cfg\n+++ b/search.cfg\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n+b = 3\n',
    );
  });

  it('matches jsdiff on many generated pairs with repeated lines, CRLF and missing final newlines', () => {
    const pairs = generatePairs(1, 1500, { alphabet: 6, maxLines: 40 });
    pairs.push(...generatePairs(2, 500, { alphabet: 0, maxLines: 60 }));
    pairs.push(
      { before: '', after: 'a\n' },
      { before: 'a\n', after: '' },
      { before: 'a', after: 'a\n' },
      { before: 'a\n', after: 'a' },
      { before: 'a\r\n', after: 'a\n' },
      { before: 'x\ny', after: 'x\nz' },
      { before: '\n\n\n', after: '\n\n' },
    );
    let mismatches = 0;
    for (const { before, after } of pairs) if (unifiedDiff('f.cfg', 'f.cfg', before, after) !== jsdiff(before, after)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('matches jsdiff when the texts share a long head (the lines the diff leaves unnumbered)', () => {
    const r = random(8);
    let mismatches = 0;
    for (const { before, after } of generatePairs(7, 400, { alphabet: 6, maxLines: 30 })) {
      let head = '';
      for (let i = Math.floor(r() * 40); i > 0; i--) head += `line ${Math.floor(r() * 6)}${r() < 0.2 ? '\r' : ''}\n`;
      if (unifiedDiff('f.cfg', 'f.cfg', head + before, head + after) !== jsdiff(head + before, head + after)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('matches jsdiff on a 2,000-line file with 10% of lines edited (ranges past the Myers budget)', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `option_${i} = /etc/zarafa/${i}`);
    const edited = lines.flatMap((l, i) => (i % 10 === 3 ? ['# zarafa2kopano: renamed', `#${l}`] : i % 10 === 7 ? [l.replace('zarafa', 'kopano')] : [l]));
    const before = `${lines.join('\n')}\n`;
    const after = `${edited.join('\n')}\n`;
    expect(unifiedDiffWith('s.cfg', 's.cfg', before, after, { smallRange: 64, workPerLine: 1, totalWorkPerLine: 512 })).toBe(jsdiff(before, after, 's.cfg'));
    expect(unifiedDiff('s.cfg', 's.cfg', before, after)).toBe(jsdiff(before, after, 's.cfg'));
  });

  it('still matches jsdiff when forced to split at unique lines, for edits that keep the line order', () => {
    for (const { before, after } of generatePairs(4, 800, { alphabet: 0, maxLines: 50, keepOrder: true })) {
      expect(unifiedDiffWith('f.cfg', 'f.cfg', before, after, SPLIT_ALWAYS)).toBe(jsdiff(before, after));
    }
  });

  it('gives a patch that reproduces the new text whatever the limits force', () => {
    const pairs = [
      ...generatePairs(5, 800, { alphabet: 4, maxLines: 50 }),
      ...generatePairs(6, 300, { alphabet: 0, maxLines: 50 }),
    ];
    for (const limits of [SPLIT_ALWAYS, NO_BUDGET]) {
      for (const { before, after } of pairs) {
        const patch = unifiedDiffWith('f.cfg', 'f.cfg', before, after, limits);
        expect(applyPatch(before, patch)).toBe(after);
      }
    }
  });

  it('quotes file names the way jsdiff, GNU diff and git do', () => {
    for (const name of ['zarafa dir/server.cfg', 'zarafa/sérver.cfg', 'a"b\\c.cfg', 'tab\there.cfg']) {
      expect(unifiedDiff(name, name, 'a\n', 'b\n')).toBe(jsdiff('a\n', 'b\n', name));
    }
  });

  it('applies with patch -p1 and git apply, CRLF and missing final newline included', () => {
    const cases: [string, string, string][] = [
      ['lf.cfg', 'a = 1\nb = /etc/zarafa\nc = 3\n', 'a = 1\n# zarafa2kopano: moved\n#b = /etc/zarafa\nb = /etc/kopano\nc = 3\n'],
      ['crlf.cfg', 'a = 1\r\nb = 2\r\nc = 3\r\n', 'a = 1\r\nb = 20\r\nc = 3\r\nd = 4\r\n'],
      ['nofinal.cfg', 'a = 1\nb = 2', 'a = 1\nb = 2\nc = 3'],
      ['gainsfinal.cfg', 'x = 1', 'x = 2\n'],
    ];
    for (const tool of [['patch', '-p1', '-s', '-i'], ['git', 'apply']]) {
      const probe = spawnSync(tool[0]!, ['--version'], { encoding: 'utf8' });
      if (probe.status !== 0) continue; // the tool is not installed here
      const dir = mkdtempSync(join(tmpdir(), 'z2k-diff-'));
      try {
        mkdirSync(join(dir, 'work'));
        let patch = '';
        for (const [name, before, after] of cases) {
          writeFileSync(join(dir, 'work', name), before);
          patch += unifiedDiff(name, name, before, after);
        }
        writeFileSync(join(dir, 'change.patch'), patch);
        const r = spawnSync(tool[0]!, [...tool.slice(1), join(dir, 'change.patch')], { cwd: join(dir, 'work'), encoding: 'utf8' });
        expect(r.status, `${tool[0]}: ${r.stderr}`).toBe(0);
        for (const [name, , after] of cases) expect(readFileSync(join(dir, 'work', name), 'utf8')).toBe(after);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
