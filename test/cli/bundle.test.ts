import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, UNBUNDLED_CLI } from '../helpers/bin.js';

const SAMPLE = path.join(ROOT, 'fixtures/sample/etc/zarafa');

function run(file: string, args: string[]) {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bin (esbuild bundle of src/cli.ts, scripts/build-bin.mjs)', () => {
  // The CLI's paths that reach different modules: translation, --json redaction, --check, a merge
  // with --kopano-dir, a usage error, a bad input directory and --version (reads package.json).
  const cases: string[][] = [
    [SAMPLE],
    ['--json', SAMPLE],
    ['--check', '--target', '8.7', SAMPLE],
    ['--check', '--kopano-dir', path.join(ROOT, 'fixtures/cases/zcp72-ldap/kopano'), path.join(ROOT, 'fixtures/cases/zcp72-ldap/zarafa')],
    ['--no-such-flag', SAMPLE],
    [path.join(ROOT, 'fixtures/no-such-dir')],
    ['--version'],
  ];
  it.each(cases)('behaves exactly like the unbundled entry: %s', (...args) => {
    const bundled = run(BIN, args);
    expect(bundled).toEqual(run(UNBUNDLED_CLI, args));
    expect(bundled.stderr).not.toContain('internal error');
  });

  it('prints the version package.json names', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(BIN, ['--version']).stdout).toContain(pkg.version);
  });

  it('is one executable file that needs nothing else from dist/ or node_modules', () => {
    const text = readFileSync(BIN, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text.split('\n', 2)[1]).not.toMatch(/^#!/); // one shebang line, not the entry's and a banner
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    // Alone in a directory with package.json (for --version), without dist/ or node_modules.
    const alone = mkdtempSync(path.join(tmpdir(), 'z2k-bin-'));
    try {
      copyFileSync(BIN, path.join(alone, 'zarafa2kopano.js'));
      copyFileSync(path.join(ROOT, 'package.json'), path.join(alone, 'package.json'));
      for (const args of [[SAMPLE], ['--format', 'sarif', SAMPLE], ['--version']]) {
        expect(run(path.join(alone, 'zarafa2kopano.js'), args)).toEqual(run(BIN, args));
      }
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
