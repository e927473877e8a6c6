import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dataFile = `${repo}src/options/data/options.json`;
const reference = `${repo}../shared/reference/options.json`;

function check(): string {
  try {
    execFileSync(process.execPath, ['scripts/build-option-tables.mjs', '--check'], { cwd: repo, stdio: 'pipe' });
    return '';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

describe('src/options/data/options.json', () => {
  it.skipIf(!existsSync(reference))('is what scripts/build-option-tables.mjs writes from ../shared/reference (npm run gen:options)', () => {
    expect(check()).toBe('');
  });

  it('has one option per line, so a change to one option is a one-line diff', () => {
    const lines = readFileSync(dataFile, 'utf8').split('\n');
    const data = JSON.parse(lines.join('\n')) as { files: Record<string, { o: Record<string, unknown> }> };
    for (const [file, { o }] of Object.entries(data.files)) {
      for (const name of Object.keys(o)) {
        const line = lines.find((l) => l.startsWith(`        ${JSON.stringify(name)}: [`));
        expect(line, `${file} ${name}`).toBeDefined();
      }
    }
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(2000);
  });
});
