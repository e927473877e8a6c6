#!/usr/bin/env node
// Writes docs/errors.md from the code table (src/diagnostics/codes.ts, read from the build in dist/)
// and the hand-written opening in scripts/templates/errors-intro.md. `npm run gen:docs:errors`
// builds and writes it; test/hostile/errors-doc.test.ts fails when the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ERRORS_DOC_PATH = join(repo, 'docs/errors.md');
const INTRO_PATH = join(repo, 'scripts/templates/errors-intro.md');

/** The Markdown of docs/errors.md: the opening, then each section with its codes in table order. */
export function renderErrorsDoc(sections, codes) {
  const out = [readFileSync(INTRO_PATH, 'utf8').replace(/\n+$/, '\n')];
  for (const section of sections) {
    const entries = Object.entries(codes).filter(([, info]) => info.section === section.id);
    const parts = [`## ${section.title}\n`];
    if (section.intro !== '') parts.push(`${section.intro}\n`);
    for (let i = 0; i < entries.length; i++) {
      const [code, info] = entries[i];
      const next = entries[i + 1];
      // Codes that share one explanation are listed as consecutive headings above it.
      if (next && next[1].text === info.text) parts.push(`### ${code}`);
      else parts.push(`### ${code}\n${info.text}\n`);
    }
    out.push(parts.join('\n'));
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { CODE_SECTIONS, DIAGNOSTIC_CODES } = await import(pathToFileURL(join(repo, 'dist/diagnostics/codes.js')).href);
  const text = renderErrorsDoc(CODE_SECTIONS, DIAGNOSTIC_CODES);
  if (process.argv.includes('--check')) {
    const same = readFileSync(ERRORS_DOC_PATH, 'utf8') === text;
    if (!same) console.error('docs/errors.md is stale: run npm run gen:docs:errors');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(ERRORS_DOC_PATH, text);
}
