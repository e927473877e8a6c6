import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../src/options/', import.meta.url));

describe('start-up cost', () => {
  it('only schema.ts imports zod, and only dynamically reached', () => {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(dir + name, 'utf8');
      const importsZod = /^import[^;]*from 'zod'/m.test(src);
      expect(importsZod, name).toBe(name === 'schema.ts');
      // schema.js may be reached through `await import(...)` only.
      expect(/^import[^;]*from '\.\/schema\.js'/m.test(src), name).toBe(false);
    }
  });
});
