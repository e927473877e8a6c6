import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { generateConfigText, makeRng, mulberry32 as random } from '../helpers/generate.js';
import { unifiedDiff } from '../../src/4-emit/unified-diff.js';
import { diffFromEdits } from '../../src/4-emit/edit-hunks.js';
import { touchedLines } from '../../src/3-plan/run-rules.js';
import { applyEditsToText, type Edit } from '../../src/cfg/edit.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { printConfig } from '../../src/cfg/print.js';


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

describe('unifiedDiff', () => {
  it('is empty for equal texts and has file headers, hunks and no Index line otherwise', () => {
    expect(unifiedDiff('server.cfg', 'server.cfg', 'a = 1\n', 'a = 1\n')).toBe('');
    expect(unifiedDiff('indexer.cfg', 'search.cfg', 'a = 1\nb = 2\n', 'a = 1\nb = 3\n')).toBe(
      '--- a/indexer.cfg\n+++ b/search.cfg\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n+b = 3\n',
    );
  });

  it('marks a last line without a newline, and counts empty ranges as diff(1) does', () => {
    expect(unifiedDiff('f', 'f', 'a\nb', 'a\nc')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    expect(unifiedDiff('f', 'f', '', 'x\n')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n');
  });

  it('gives a patch that turns the old text into the new one (generated pairs: repeated lines, CRLF, no final newline)', () => {
    const pairs = [
      ...generatePairs(1, 1500, { alphabet: 6, maxLines: 40 }),
      ...generatePairs(2, 500, { alphabet: 0, maxLines: 60 }),
      { before: '', after: 'a\n' }, { before: 'a\n', after: '' }, { before: 'a', after: 'a\n' },
      { before: 'a\n', after: 'a' }, { before: 'a\r\n', after: 'a\n' }, { before: '\n\n\n', after: '\n\n' },
    ];
    for (const { before, after } of pairs) expect(applyPatch(before, unifiedDiff('f.cfg', 'f.cfg', before, after))).toBe(after);
  });

  it('keeps to the small edits of a translation: a changed line is one -/+ pair with 3 lines of context', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `option_${i} = /etc/zarafa/${i}`);
    const edited = lines.map((l, i) => (i === 100 ? l.replace('zarafa', 'kopano') : l));
    const d = unifiedDiff('s.cfg', 's.cfg', `${lines.join('\n')}\n`, `${edited.join('\n')}\n`);
    expect(d.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -98,7 +98,7 @@']);
    expect(d.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual(['-option_100 = /etc/zarafa/100', '+option_100 = /etc/kopano/100']);
  });

  it('still gives a correct patch, in bounded work, when a huge file changes everywhere', () => {
    const before = Array.from({ length: 30000 }, (_, i) => `k${i} = ${i}\n`).join('');
    const after = `# head\n${Array.from({ length: 30000 }, (_, i) => `k${i} = ${i % 7 === 0 ? 'x' : i}\r\n`).join('')}tail`;
    const started = Date.now();
    const d = unifiedDiff('big.cfg', 'big.cfg', before, after);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(applyPatch(before, d)).toBe(after);
  });

  it('quotes file names the way GNU diff and git do', () => {
    expect(unifiedDiff('zarafa dir/server.cfg', 'zarafa dir/server.cfg', 'a\n', 'b\n').split('\n')[0]).toBe('--- a/zarafa dir/server.cfg');
    expect(unifiedDiff('zarafa/sérver.cfg', 'zarafa/sérver.cfg', 'a\n', 'b\n').split('\n')[0]).toBe('--- "a/zarafa/s\\303\\251rver.cfg"');
    expect(unifiedDiff('tab\there.cfg', 'tab\there.cfg', 'a\n', 'b\n').split('\n')[0]).toBe('--- "a/tab\\there.cfg"');
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

describe('hunks read off the planned edits', () => {
  it('give the diff jsdiff finds, and always a patch that applies', () => {
    const r = makeRng(0xd1ff);
    let compared = 0;
    for (let n = 0; n < 1500; n++) {
      const doc = parseConfig(generateConfigText(r, { maxLines: 40 }), { dialect: 'cpp' });
      const edits: Edit[] = [];
      for (const line of doc.lines) {
        if (line.kind !== 'setting' || !r.chance(0.2)) continue;
        if (r.chance(0.5)) edits.push({ op: 'set-value', line: line.number, value: `v${r.int(1000)}` });
        else edits.push({ op: 'comment-out', line: line.number, reason: 'test', tag: 'test' });
      }
      if (r.chance(0.5)) edits.push({ op: 'insert', after: r.int(doc.lines.length + 1), key: `k${r.int(1000)}`, value: 'x' });
      let after: string;
      try {
        after = applyEditsToText(doc, edits);
      } catch {
        continue;
      }
      const before = printConfig(doc);
      const fast = diffFromEdits('f.cfg', 'f.cfg', before, after, touchedLines(doc, edits));
      expect(fast).toBeDefined();
      expect(applyPatch(before, fast!)).toBe(after);
      // With no line repeated, the edit script is unique: both ways must agree exactly.
      const unique = (t: string): boolean => new Set(t.split('\n')).size === t.split('\n').length;
      if (unique(before) && unique(after)) {
        expect(fast).toBe(unifiedDiff('f.cfg', 'f.cfg', before, after));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});
