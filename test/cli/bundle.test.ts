import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, UNBUNDLED_CLI } from '../helpers/bin.js';

const SAMPLE = path.join(ROOT, 'fixtures/sample/etc/zarafa');

function run(file: string, args: string[]) {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bin (esbuild bundle of src/cli/start.ts, scripts/build-bin.mjs)', () => {
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

describe("the bin's code cache (dist/zarafa2kopano.cache, scripts/write-code-cache.mjs)", () => {
  const CACHE = path.join(path.dirname(BIN), 'zarafa2kopano.cache');
  const binText = readFileSync(BIN, 'utf8');
  const constant = (name: string): string => JSON.parse(new RegExp(`^const ${name} = (".*");$`, 'm').exec(binText)![1]!) as string;
  // The program is the comment that ends the bin (scripts/templates/bin.mjs), each */ in it written as END_OF_COMMENT.
  const program = /\n\/\*z2k-program\n([^]*)\*\/\n$/.exec(binText)![1]!.replaceAll(constant('END_OF_COMMENT'), '*/');

  it('is made for the program in the bin, and V8 accepts it in a fresh process', () => {
    const id = constant('PROGRAM_ID');
    expect(program).toMatch(/^\(function \(module, require\) \{'use strict';/);
    expect(program).toContain('*/'); // the stand-in is turned back
    expect(id).toBe(createHash('sha256').update(program).digest('hex'));
    expect(readFileSync(CACHE).toString('latin1', 0, 100)).toMatch(new RegExp(`^zarafa2kopano code cache\n${id}\n[0-9a-f]{8}\n`));
    const check = spawnSync(process.execPath, [path.join(ROOT, 'scripts/write-code-cache.mjs'), 'check', id, CACHE], { input: program, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('changes nothing when it is missing, damaged, stale or not a cache at all, nor when the bin has CRLF line ends', () => {
    const good = readFileSync(CACHE);
    const damaged = (at: number) => {
      const b = Buffer.from(good);
      for (let i = at; i < Math.min(at + 64, b.length); i++) b[i]! ^= 0x5a;
      return b;
    };
    const header = good.indexOf(0x0a, good.indexOf(0x0a) + 1) + 10; // magic, id, crc lines
    const otherId = Buffer.from(good);
    otherId.write('0'.repeat(64), good.indexOf(0x0a) + 1, 'latin1');
    const variants: Record<string, Buffer | 'dir' | 'none'> = {
      'damaged id': damaged(40),
      'damaged CRC': damaged(header - 9),
      'damaged start of payload': damaged(header + 10),
      'damaged middle of payload': damaged(good.length >> 1),
      'damaged end of payload': damaged(good.length - 64),
      truncated: good.subarray(0, good.length >> 1),
      'another build': otherId,
      'only the payload (no header)': good.subarray(header),
      empty: Buffer.alloc(0),
      'random bytes': Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) & 0xff)),
      'a directory': 'dir',
      missing: 'none',
    };
    // The bin itself with CRLF line ends (a copy through a text-mode transfer): the same program for V8, whose cache it rejects (another length).
    const crlf = binText.replace(/\n/g, '\r\n');
    const expected = [[SAMPLE], ['--json', SAMPLE]].map((args) => run(BIN, args));
    expect(expected[0]!.code).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'z2k-cache-'));
    try {
      const bin = path.join(dir, 'zarafa2kopano.js');
      copyFileSync(BIN, bin);
      for (const [name, cache] of Object.entries(variants)) {
        const file = path.join(dir, 'zarafa2kopano.cache');
        rmSync(file, { recursive: true, force: true });
        if (cache === 'dir') mkdirSync(file);
        else if (cache !== 'none') writeFileSync(file, cache);
        const got = [[SAMPLE], ['--json', SAMPLE]].map((args) => run(bin, args));
        expect(got, name).toEqual(expected);
      }
      writeFileSync(bin, crlf);
      writeFileSync(path.join(dir, 'zarafa2kopano.cache'), good);
      expect([[SAMPLE], ['--json', SAMPLE]].map((args) => run(bin, args)), 'the bin with CRLF line ends').toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
