/** The `ldif` subcommand through the built bin: output on stdout, report on stderr, exit codes. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/bin.js';
import { makeTree } from '../dir/helpers.js';

const FIXTURE = path.join(ROOT, 'fixtures/ldif/openldap.ldif');
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, 'ldif', ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('zarafa2kopano ldif', () => {
  it('writes the change file by default, from a file or from stdin', () => {
    const golden = readFileSync(path.join(ROOT, 'fixtures/ldif/openldap.expected.modify.ldif'), 'utf8');
    const fromFile = run([FIXTURE]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(golden);
    expect(fromFile.stderr).toContain('12 entries read, 9 entries with zarafa.schema data');
    const fromStdin = run(['-'], readFileSync(FIXTURE, 'utf8'));
    expect(fromStdin.stdout).toBe(golden);
    expect(fromStdin.stderr).toContain('<stdin>:127: warning LDIF_NO_KOPANO_NAME');
  });

  it('--mode entries writes the rewritten export', () => {
    const r = run(['--mode', 'entries', FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'fixtures/ldif/openldap.expected.entries.ldif'), 'utf8'));
  });

  it('keeps password values off stderr', () => {
    const r = run([FIXTURE]);
    expect(r.stderr).not.toMatch(/SSHA|CRYPT|e1NTSEF9/);
  });

  it('bad LDIF: exit 2 naming file:line, nothing on stdout, the input untouched', () => {
    const file = path.join(makeTree({}), 'bad.ldif');
    const text = 'dn: uid=a,dc=example\nobjectClass: zarafa-user\nzarafaAccount 1\n';
    writeFileSync(file, text);
    const r = run([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:3: error LDIF_SYNTAX`);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('usage errors and a missing file exit 2', () => {
    expect(run(['--mode', 'add', FIXTURE]).code).toBe(2);
    expect(run([]).code).toBe(2);
    const missing = run([path.join(makeTree({}), 'none.ldif')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
    expect(run(['--help']).stdout).toMatch(/^Usage: zarafa2kopano ldif/);
  });
});
