/**
 * `zarafa2kopano ldif` reads its input with the config reader's guards (issue 20 item 8): regular
 * files and stdin only (a FIFO is refused without waiting, a device too), a size cap, no NUL byte;
 * and the output keeps the input's bytes: latin-1 stays latin-1 in --mode entries, a BOM and CR-only
 * line ends are read without a wrong line-1 error.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLdif } from '../../src/cli/ldif-command.js';
import { BIN } from '../helpers/bin.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-ldif-guards-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ldif(file: string, mode: 'modify' | 'entries' = 'entries'): { code: number; stdout: Buffer; stderr: string } {
  const out: Buffer[] = [];
  let stderr = '';
  const code = runLdif({ file, mode }, {
    stdout: { write: (s: string | Uint8Array) => out.push(Buffer.from(typeof s === 'string' ? Buffer.from(s) : s)) },
    stderr: { write: (s: string) => { stderr += s; } },
  });
  return { code, stdout: Buffer.concat(out), stderr };
}

const ENTRY = [
  'dn: uid=jose,ou=People,dc=example,dc=com',
  'objectClass: inetOrgPerson',
  'objectClass: zarafa-user',
  'uid: jose',
  'cn: Jos\xe9 Garc\xeda',
  'sn: Garc\xeda',
  'zarafaAccount: 1',
  '',
].join('\n');

const file = (name: string, bytes: Buffer | string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, bytes);
  return p;
};

describe('what ldif refuses to read', () => {
  it('a FIFO named as FILE: NOT_A_REGULAR_FILE at once, never waiting for a writer', () => {
    const fifo = path.join(tmp, 'export.ldif');
    execFileSync('mkfifo', [fifo]);
    const r = ldif(fifo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error NOT_A_REGULAR_FILE: is not a regular file/);
    expect(r.stdout.length).toBe(0);
  });

  it('a device (/dev/zero): NOT_A_REGULAR_FILE, nothing read', () => {
    const r = ldif('/dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NOT_A_REGULAR_FILE/);
  });

  it('a file past the size cap: FILE_TOO_LARGE from its size, before a byte is read', () => {
    const big = file('big.ldif', '');
    truncateSync(big, 300 * 1024 * 1024);
    const r = ldif(big);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error FILE_TOO_LARGE: is 314572800 bytes, more than 268435456 bytes/);
  });

  it('a NUL byte: BINARY_FILE naming its line', () => {
    const r = ldif(file('nul.ldif', `version: 1\n\n${ENTRY.replace('uid: jose', 'uid: jo\0se')}`));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nul\.ldif:6: error BINARY_FILE/);
  });

  it('stdin that never ends (/dev/zero): refused at the cap, no crash', () => {
    const r = spawnSync(process.execPath, [BIN, 'ldif', '-'], { stdio: ['pipe', 'pipe', 'pipe'], input: Buffer.alloc(0), encoding: 'utf8' });
    expect(r.status).toBe(0); // an empty stdin is an empty export
    const zero = spawnSync('sh', ['-c', `exec "${process.execPath}" "${BIN}" ldif - < /dev/zero`], { encoding: 'utf8' });
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/<stdin>: error (FILE_TOO_LARGE|BINARY_FILE)/);
  }, 60_000);
});

describe('the output keeps the input\'s bytes', () => {
  it('latin-1 values in --mode entries come out as the same latin-1 bytes (no U+FFFD)', () => {
    const text = `version: 1\n\n${ENTRY}`;
    const r = ldif(file('latin1.ldif', Buffer.from(text, 'latin1')));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.includes(Buffer.from('cn: Jos\xe9 Garc\xeda\n', 'latin1'))).toBe(true);
    expect(r.stdout.includes(Buffer.from('\ufffd'))).toBe(false);
    // Every line the translation does not change is byte for byte the input's.
    const unchanged = text.split('\n').filter((l) => !/zarafa/i.test(l));
    for (const l of unchanged) expect(r.stdout.includes(Buffer.from(`${l}\n`, 'latin1'))).toBe(true);
  });

  it('a UTF-8 BOM: read without a line-1 error, kept in --mode entries', () => {
    const r = ldif(file('bom.ldif', `\ufeffversion: 1\n\n${ENTRY.replace(/[\xe9\xed]/g, 'e')}`));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/:1: error/);
    expect(r.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(ldif(file('bom2.ldif', `\ufeffversion: 1\n\n${ENTRY.replace(/[\xe9\xed]/g, 'e')}`), 'modify').code).toBe(0);
  });

  it('CR-only line ends: read line by line, written back with CR', () => {
    const text = `version: 1\n\n${ENTRY.replace(/[\xe9\xed]/g, 'e')}`.replace(/\n/g, '\r');
    const r = ldif(file('cr.ldif', text));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/:1: error/);
    expect(r.stdout.includes(Buffer.from('\n'))).toBe(false);
    expect(r.stdout.toString('latin1')).toMatch(/\ruid: jose\r/);
  });
});
