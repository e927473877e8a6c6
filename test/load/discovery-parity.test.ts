/**
 * Discovery by fast-glob finds exactly what the readdir walk it replaced found: non-directory
 * entries named `*.cfg`, no dot names, symlinks listed but never descended into, at most four path
 * segments deep. The oracle below is that walk's rule, written plainly (synchronous, recursive).
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverConfigEntries } from '../../src/1-load/discover.js';
import { mulberry32 } from '../helpers/generate.js';
import { ROOT } from '../helpers/bin.js';
import { TmpTree, type Node } from './tmp-tree.js';

function oracle(dir: string, prefix = '', depth = 1): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    const rel = prefix + d.name;
    if (d.isDirectory()) {
      if (depth < 4) out.push(...oracle(path.join(dir, d.name), `${rel}/`, depth + 1));
    } else if (d.name.endsWith('.cfg')) {
      out.push(rel);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function fixtureDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (!d.isDirectory()) return [];
    const abs = path.join(dir, d.name);
    const own = readdirSync(abs).some((n) => n.endsWith('.cfg')) ? [abs] : [];
    return [...own, ...fixtureDirs(abs)];
  });
}

let tree: TmpTree | undefined;
afterEach(() => tree?.dispose());

describe('discovery parity with the readdir walk', () => {
  const dirs = fixtureDirs(path.join(ROOT, 'fixtures'));

  it('covers the fixture directories (a guard against an empty list)', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(8);
  });

  it.each(dirs.map((d) => [path.relative(ROOT, d), d]))('%s', async (_name, dir) => {
    const found = await discoverConfigEntries(dir);
    expect(found.entries.map((e) => e.path)).toEqual(oracle(dir));
    expect(found.unreadable).toEqual([]);
  });

  it('generated trees with odd names, depths, dot entries, *.cfg directories, symlinks and FIFOs', async () => {
    const rng = mulberry32(20261202);
    const names = ['a.cfg', 'b.cfg.dpkg-old', '.hidden.cfg', 'c.conf', 'd.CFG', 'e f.cfg', 'x.cfg', 'ü.cfg', '[g].cfg', '{h,i}.cfg', '*.cfg'];
    const dirsNames = ['sub', '.git', 'x.cfg', 'deep', 'ssl'];
    for (let run = 0; run < 30; run++) {
      tree = new TmpTree();
      const entries: Record<string, Node> = {};
      const n = 5 + Math.floor(rng() * 25);
      for (let i = 0; i < n; i++) {
        const depth = Math.floor(rng() * 6);
        const segs = Array.from({ length: depth }, () => dirsNames[Math.floor(rng() * dirsNames.length)]!);
        const rel = [...segs, names[Math.floor(rng() * names.length)]!].join('/');
        if (Object.keys(entries).some((k) => k.startsWith(`${rel}/`) || rel.startsWith(`${k}/`))) continue;
        const kind = rng();
        entries[rel] = kind < 0.6 ? 'log_level = 3\n' : kind < 0.75 ? { symlink: rng() < 0.5 ? '..' : '/etc' } : kind < 0.85 ? { fifo: true } : { dir: true };
      }
      const dir = tree.make('in', entries);
      const found = await discoverConfigEntries(dir);
      expect(found.entries.map((e) => e.path), JSON.stringify(entries)).toEqual(oracle(dir));
      for (const e of found.entries) {
        const st = lstatSync(path.join(dir, e.path));
        expect(e.type).toBe(st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'special');
      }
      tree.dispose();
      tree = undefined;
    }
  });
});
