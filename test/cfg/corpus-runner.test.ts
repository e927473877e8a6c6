import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs check module without type declarations
import roundtrip from '../corpus/checks/roundtrip.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['test/corpus/run.mjs', ...args], { cwd: root, encoding: 'utf8' });

describe('corpus runner', () => {
  it('exits 2 without a directory or with a missing one', () => {
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('usage');
    expect(run(join(root, 'no-such-dir')).status).toBe(2);
  });
});

describe('roundtrip check', () => {
  it('reads every regular file recursively except MANIFEST.md, bytes unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'z2k-corpus-'));
    try {
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(join(dir, 'MANIFEST.md'), '# not counted\n');
      writeFileSync(join(dir, 'a', 'x.cfg'), Buffer.from('# caf\u00e9\r\nk = v', 'latin1'));
      writeFileSync(join(dir, 'a', 'b', 'y.cfg.init'), '\ufeff!include z\n  # a = b\n');
      writeFileSync(join(dir, 'a', 'empty'), '');
      const result = await roundtrip({ corpusDir: dir, dist: join(root, 'src', 'index.ts') });
      expect(result).toEqual({ name: 'roundtrip', passed: 3, failed: 0, lines: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes on our own fixtures', async () => {
    const dir = join(root, 'fixtures', 'format');
    const result = await roundtrip({ corpusDir: dir, dist: join(root, 'src', 'index.ts') });
    expect(result.failed).toBe(0);
    expect(result.passed).toBe(readdirSync(dir).length);
  });
});
