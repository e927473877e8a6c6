/**
 * The code table (src/diagnostics/codes.ts) is the one list of codes: docs/errors.md is generated
 * from it, the type system refuses a code it lacks, and this test refuses a code it keeps after
 * src/ stopped using it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_SECTIONS, DIAGNOSTIC_CODES } from '../../src/diagnostics/codes.js';
import { ERRORS_DOC_PATH, renderErrorsDoc } from '../../scripts/build-errors-doc.mjs';
import { ROOT } from './harness.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

/** Every SCREAMING_CASE string literal in src/ outside the table itself. */
function literalsInSource(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    if (file.endsWith(path.join('diagnostics', 'codes.ts'))) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/['"`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]/g)) found.add(m[1]!);
  }
  return found;
}

describe('the code table and docs/errors.md', () => {
  it('docs/errors.md is what the table gives (regenerate with npm run gen:docs:errors)', () => {
    expect(readFileSync(ERRORS_DOC_PATH, 'utf8')).toBe(renderErrorsDoc(CODE_SECTIONS, DIAGNOSTIC_CODES));
  });

  it('every code of the table is still used in src/', () => {
    const used = literalsInSource();
    expect(Object.keys(DIAGNOSTIC_CODES).filter((c) => !used.has(c))).toEqual([]);
  });

  it('documents each code under its own heading, with what to do', () => {
    const doc = renderErrorsDoc(CODE_SECTIONS, DIAGNOSTIC_CODES);
    for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(doc).toContain(`### ${code}\n`);
      expect(info.text.length).toBeGreaterThan(20);
    }
  });
});
