/**
 * A flag that takes one value, given twice (`--out a --out b`), is a usage error naming the flag:
 * silently taking the last would write somewhere the operator may not have meant.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import { SMALL_ZARAFA, makeTree } from '../dir/helpers.js';

describe('repeated single-value flags', () => {
  it.each([
    ['out', ['--out', 'a', '--out', 'b', 'z']],
    ['out', ['--out=a', '--out', 'a', 'z']],
    ['target', ['--target', '8.0', '--target', '8.7', 'z']],
    ['source', ['--source', '7.1', '--source=7.2', 'z']],
    ['ldap-schema', ['--ldap-schema', 'zarafa', '--ldap-schema', 'kopano', 'z']],
    ['attachments', ['--attachments', 'keep', '--attachments', 'keep', 'z']],
    ['kopano-dir', ['--kopano-dir', 'k', '--kopano-dir', 'l', 'z']],
  ])('--%s twice is refused, naming the flag', (flag, argv) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(new RegExp(`^--${flag} given more than once`));
  });

  it('a repeated switch (--force --force) is still fine: it has no value to disagree on', () => {
    expect(parseCommandLine(['--force', '--force', 'z'])).toMatchObject({ kind: 'run', run: { force: true } });
  });

  it('the CLI exits 2 and writes neither directory', async () => {
    const input = makeTree(SMALL_ZARAFA);
    const base = mkdtempSync(path.join(tmpdir(), 'z2k-twice-'));
    let stderr = '';
    const code = await main(['--out', path.join(base, 'a'), '--out', path.join(base, 'b'), input], {
      stdout: { write: () => true }, stderr: { write: (s: string) => { stderr += s; } }, env: {},
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^zarafa2kopano: --out given more than once/);
    expect(existsSync(path.join(base, 'a')) || existsSync(path.join(base, 'b'))).toBe(false);
  });
});
