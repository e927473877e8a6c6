import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/options.md', () => {
  it('is what the option tables give (regenerate with npm run gen:docs:options)', () => {
    let failure = '';
    try {
      execFileSync(process.execPath, ['scripts/build-options-doc.mjs', '--check'], { cwd: repo, stdio: 'pipe' });
    } catch (err) {
      failure = String((err as { stderr?: Buffer }).stderr ?? err);
    }
    expect(failure).toBe('');
  });
});
