import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import tseslint from 'typescript-eslint';
import folderCycles from '../../scripts/eslint-folder-cycles.mjs';
import { ROOT } from '../helpers/bin.js';

// local/no-folder-cycle (eslint.config.js applies it to src/) on a source root of its own under tmp/.
mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
const dir = mkdtempSync(path.join(ROOT, 'tmp', 'lint-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lintTree(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(path.join(dir, 'src-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { local: folderCycles }, rules: { 'local/no-folder-cycle': ['error', { root }] } }],
  });
  const results = await eslint.lintFiles(Object.keys(files).map((f) => path.join(root, f)));
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
}

describe('local/no-folder-cycle', () => {
  it('reports folders that import each other although no file imports itself back', async () => {
    const messages = await lintTree({
      'cli/main.ts': "import { render } from '../report/render.js';\nexport const main = (): string => render();\n",
      'cli/colours.ts': "export const red = (s: string): string => s;\n",
      'report/render.ts': "import { red } from '../cli/colours.js';\nexport const render = (): string => red('x');\n",
    });
    expect(messages).toEqual([
      'cli/main.ts:1 Folder cycle cli/ → report/ → cli/: cli/main.ts imports ../report/render.js; report/render.ts imports ../cli/colours.js',
      'report/render.ts:1 Folder cycle report/ → cli/ → report/: report/render.ts imports ../cli/colours.js; cli/main.ts imports ../report/render.js',
    ]);
  });

  it('accepts imports that go one way, and type-only imports back', async () => {
    const messages = await lintTree({
      'load/read.ts': "import type { Plan } from '../plan/plan.js';\nexport const read = (p: Plan): string => p.name;\n",
      'plan/plan.ts': "import { read } from '../load/read.js';\nexport interface Plan { name: string }\nexport const plan = (): string => read({ name: 'x' });\n",
      'index.ts': "export { plan } from './plan/plan.js';\n",
    });
    expect(messages).toEqual([]);
  });
});
