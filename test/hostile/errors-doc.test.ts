/**
 * docs/errors.md lists every code the project reports, and nothing else: the codes are collected
 * from the places that create problems in src/ (diagnostic(), ctx.report(), the validator's add(),
 * new TranslateError(), and `code` comparisons or assignments).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

const CODE = `['"\`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"\`]`;
const CREATES = new RegExp(`\\b(?:diagnostic|report|add|TranslateError)\\(\\s*${CODE}`, 'g');
const COMPARES = new RegExp(`\\bcode\\s*(?:===|!==|:)\\s*${CODE}`, 'g');

/** Code → the files that use it. */
function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const re of [CREATES, COMPARES]) {
      for (const m of text.matchAll(re)) {
        const list = found.get(m[1]!) ?? [];
        list.push(path.relative(ROOT, file));
        found.set(m[1]!, list);
      }
    }
  }
  return found;
}

function codesInDoc(): Set<string> {
  const doc = readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8');
  return new Set([...doc.matchAll(/^### ([A-Z][A-Z0-9_]+)\s*$/gm)].map((m) => m[1]!));
}

describe('docs/errors.md', () => {
  const used = codesInSource();
  const documented = codesInDoc();

  it('the extraction finds the codes of every phase (a guard against a broken pattern)', () => {
    for (const code of ['INPUT_NOT_FOUND', 'BINARY_FILE', 'LINE_TOO_LONG', 'UNKNOWN_OPTION', 'INCLUDE_CYCLE']) {
      expect(used.has(code), code).toBe(true);
    }
  });

  it('documents every code used in src/', () => {
    // OUTPUT_<CODE> repeats a validation code for the translated output: one entry covers them.
    const missing = [...used.keys()]
      .filter((c) => !documented.has(c) && !(c.startsWith('OUTPUT_') && documented.has(c.slice('OUTPUT_'.length))))
      .map((c) => `${c} (${[...new Set(used.get(c))].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('documents no code that is no longer used', () => {
    // --kopano-dir renames the INPUT_* run errors to KOPANO_DIR_* for the Kopano directory.
    const renamesInputCodes = sourceFiles(path.join(ROOT, 'src')).some((f) => readFileSync(f, 'utf8').includes(`'KOPANO_DIR_'`));
    const stale = [...documented].filter((c) => !used.has(c) &&
      !(renamesInputCodes && c.startsWith('KOPANO_DIR_') && used.has(`INPUT_${c.slice('KOPANO_DIR_'.length)}`)));
    expect(stale).toEqual([]);
  });
});
