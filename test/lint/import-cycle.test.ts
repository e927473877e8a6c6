import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bin.js';

// The project's own eslint.config.js on small module graphs written under tmp/ (git-ignored).
mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
const dir = mkdtempSync(path.join(ROOT, 'tmp', 'lint-cycle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cycleMessages(files: Record<string, string>): Promise<string[]> {
  const sub = mkdtempSync(path.join(dir, 'case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(sub, name)), { recursive: true });
    writeFileSync(path.join(sub, name), text);
  }
  const eslint = new ESLint({ cwd: ROOT, ignore: false });
  const results = await eslint.lintFiles(Object.keys(files).map((f) => path.join(sub, f)));
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(sub, r.filePath)}:${m.line} ${m.ruleId ?? 'parse'}`));
}

describe('npm run lint fails on an import cycle', () => {
  it('reports two files that import each other', async () => {
    const messages = await cycleMessages({
      'a.ts': "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import { a } from './a.js';\nexport const b = (): number => (a.length > 0 ? 1 : 0);\n",
    });
    expect(messages).toEqual(['a.ts:1 import-x/no-cycle', 'b.ts:1 import-x/no-cycle']);
  });

  it('reports a longer cycle that closes through a dynamic import()', async () => {
    const messages = await cycleMessages({
      'a.ts': "import { b } from './sub/b.js';\nexport const a = (): number => b();\n",
      'sub/b.ts': "import { c } from './c.js';\nexport const b = (): number => c.length;\n",
      'sub/c.ts': "export const c = async (): Promise<number> => (await import('../a.js')).a();\n",
    });
    expect(messages).toEqual(['a.ts:1 import-x/no-cycle', 'sub/b.ts:1 import-x/no-cycle', 'sub/c.ts:1 import-x/no-cycle']);
  });

  it('accepts the same files without the import back, and a type-only import back', async () => {
    const messages = await cycleMessages({
      'a.ts': "import { b } from './b.js';\nexport type A = number;\nexport const a = (): A => b() + 1;\n",
      'b.ts': "import type { A } from './a.js';\nexport const b = (): A => 1;\n",
    });
    expect(messages).toEqual([]);
  });
});
