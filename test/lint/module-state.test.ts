import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bin.js';

// The project's eslint.config.js on text linted as if it were a file in src/ (the rule's scope);
// the type-aware rules are switched off because the file is not on disk.
async function stateFindings(text: string): Promise<number[]> {
  const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, 'src', 'lint-probe.ts') });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
}

describe('npm run lint forbids module-level mutable state in src/', () => {
  it('reports the forms that exist only to be mutated', async () => {
    const lines = [
      'let count = 0;',
      'export let current: string | undefined;',
      'var legacy = 1;',
      'const cache = new Map<string, number>();',
      'const seen = new Set<string>();',
      'const byDoc = new WeakMap<object, string>();',
      'const scratch = new Int32Array(1024);',
      'const pending: string[] = [];',
      'const registry = {} as Record<string, number>;',
      'const LINE = /^x/gm;',
    ];
    expect(await stateFindings(lines.join('\n') + '\nexport const use = () => [count, legacy, cache, seen, byDoc, scratch, pending, registry, LINE];\n')).toEqual(lines.map((_, i) => i + 1));
  });

  it('accepts constant tables, state inside functions and per-call buffers', async () => {
    const text = [
      "const NAMES = new Set(['a', 'b']);",
      "const DEFAULTS = { a: 1 } as const;",
      'const KEY = /^[a-z_]+$/i;',
      'export function count(xs: string[]): number {',
      '  let n = 0;',
      '  const seen = new Set<string>();',
      '  const scratch = new Int32Array(xs.length);',
      '  for (const x of xs) if (!seen.has(x) && NAMES.has(x) && KEY.test(x)) { seen.add(x); scratch[n++] = DEFAULTS.a; }',
      '  return n;',
      '}',
    ].join('\n');
    expect(await stateFindings(`${text}\n`)).toEqual([]);
  });
});
