import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bin.js';

// The README and docs/ ship in the package: they must read on their own (no pointer into the
// project's working notes or its issue tracker), and docs/api.md must say what the API does.
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const shipped = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Every code src/ throws as a TranslateError (a `new TranslateError('CODE'` in the source). */
function thrownCodes(dir: string): string[] {
  const out = new Set<string>();
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) for (const c of thrownCodes(rel)) out.add(c);
    else if (e.name.endsWith('.ts')) for (const m of read(rel).matchAll(/new TranslateError\('([A-Z_]+)'/g)) out.add(m[1]!);
  }
  return [...out].sort();
}

describe('the shipped documentation', () => {
  it('cites no path outside the package\'s source tree and no issue number', () => {
    const found: string[] = [];
    for (const f of shipped) {
      for (const [i, line] of read(f).split('\n').entries()) {
        if (/\.\.\/shared\b|\bissues? #?\d+\b/i.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('docs/api.md lists every TranslateError the library throws (--runbook\'s are the CLI\'s own)', () => {
    const throwsList = read('docs/api.md');
    const codes = thrownCodes('src').filter((c) => c !== 'RUNBOOK_IN_INPUT' && c !== 'RUNBOOK_WRITE_FAILED');
    expect(codes).toContain('INPUT_UNSAFE_PERMISSIONS');
    expect(codes).toContain('OUT_DIR_LOCKED');
    expect(codes.filter((c) => !throwsList.includes(`\`${c}\``))).toEqual([]);
  });

  it('docs/api.md documents the result and options fields and how CommonJS and TypeScript users import it', () => {
    const api = read('docs/api.md');
    for (const s of ['against: string[]', 'conflicts: string[]', 'files: Record<string, Source>', 'actions?: ManualAction[]', '| `webapp` |', '| `zPush` |', 'nodenext', '20.19', 'ERR_REQUIRE_ESM']) {
      expect(api, s).toContain(s);
    }
  });

  it('the runAs comment in the types says the real default', () => {
    const types = read('src/types.ts');
    const comment = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*runAs\?:/.exec(types)?.[1] ?? '';
    expect(comment).toMatch(/non-root user the ZCP files name/);
    expect(comment).toMatch(/kopano:kopano/);
  });

  it('package.json has keywords a search for the migration finds', () => {
    const keywords = (JSON.parse(read('package.json')) as { keywords?: string[] }).keywords ?? [];
    for (const k of ['zarafa', 'kopano', 'migration']) expect(keywords).toContain(k);
  });
});
