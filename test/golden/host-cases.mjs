// The host golden cases, shared by the test (test/golden/host-golden.test.ts) and the generator
// (scripts/update-host-golden.mjs): every fixtures/host/<name>/root.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @param {string} repo the repository root */
export function hostCases(repo) {
  const dir = path.join(repo, 'fixtures/host');
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  return names.filter((n) => existsSync(path.join(dir, n, 'root'))).map((name) => {
    const base = path.join(dir, name);
    const optionsFile = path.join(base, 'options.json');
    return {
      name,
      root: path.join(base, 'root'),
      outDir: path.join(base, 'out'),
      diffFile: path.join(base, 'expected.diff'),
      reportFile: path.join(base, 'report.txt'),
      runbookMd: path.join(base, 'runbook.md'),
      options: existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {},
    };
  });
}
