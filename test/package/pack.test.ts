import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bin.js';

// What `npm install zarafa2kopano` gets: the file list of `npm pack --dry-run` (after the build
// `npm test` ran; --ignore-scripts so the tests' dist/ is not rebuilt under them).
const pack = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
) as { files: { path: string }[] }[];
const files = pack[0]!.files.map((f) => f.path).sort();
const packed = new Set(files);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
};
const inPackage = (p: string) => path.posix.normalize(p).replace(/^\.\//, '');

describe('the npm package', () => {
  it("holds only the built JS and types, the option data, the bin's code cache, README, LICENSE, docs and package.json", () => {
    const allowed = /^(dist\/.+\.(js|d\.ts)|dist\/options\/data\/options\.json|dist\/zarafa2kopano\.cache|docs\/[^/]+\.md|README\.md|LICENSE|package\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.filter((f) => /\.map$|(^|\/)(src|test|fixtures|scripts|tmp|\.tmp|\.ci)\//.test(f))).toEqual([]);
  });

  it('holds the bin, every export target, README and LICENSE', () => {
    for (const bin of Object.values(pkg.bin)) expect(packed, bin).toContain(inPackage(bin));
    for (const target of Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))) {
      expect(packed, target).toContain(inPackage(target));
    }
    for (const f of ['README.md', 'LICENSE', 'package.json']) expect(packed).toContain(f);
    // Beside the bin, so that an installed bin starts with it (scripts/templates/bin.mjs).
    expect(packed).toContain('dist/zarafa2kopano.cache');
  });

  it('has every relative import of its modules inside it', () => {
    const missing: string[] = [];
    for (const f of files.filter((p) => p.endsWith('.js') || p.endsWith('.d.ts'))) {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
        let target = path.posix.join(path.posix.dirname(f), m[1]!);
        if (f.endsWith('.d.ts')) target = target.replace(/\.js$/, '.d.ts');
        if (!packed.has(target)) missing.push(`${f} → ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has every package its modules import among its dependencies, so an install can load it', () => {
    const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
    const missing = new Set<string>();
    for (const f of files.filter((p) => p.endsWith('.js'))) {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']((?:@[a-z0-9._-]+\/)?[a-z0-9][a-z0-9._-]*(?:\/[\w./-]*)?)["']/g)) {
        const spec = m[1]!;
        if (isBuiltin(spec)) continue; // node:fs, and fs as the bundled CommonJS dependencies name it
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!runtime.has(name)) missing.add(`${f} → ${name}`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('has every relative link of README.md and docs/ inside it, so they work from an install', () => {
    const broken: string[] = [];
    for (const f of files.filter((p) => p.endsWith('.md'))) {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const href = m[1]!;
        if (/^[a-z]+:|^#/.test(href)) continue;
        const target = path.posix.join(path.posix.dirname(f), href.split('#')[0]!);
        if (!packed.has(target)) broken.push(`${f} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
