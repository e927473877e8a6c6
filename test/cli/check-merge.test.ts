import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/bin.js';
import { fingerprint } from '../helpers/tree-fingerprint.js';

// The real bin, as users run it (npm test builds dist first).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = BIN;
const ZARAFA_72 = path.join(root, 'fixtures/merge/zarafa-7.2');
const KOPANO_80 = path.join(root, 'fixtures/merge/kopano-8.0');
// ZCP 7.0: indexer.cfg becomes search.cfg, so source and target names differ.
const ZARAFA_70 = path.join(root, 'fixtures/cases/zcp70-hosted/zarafa');
const CORPUS = path.join(root, '../shared/corpus/upstream');

const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-check-merge-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the Kopano directory with the merge of `zarafa` written into it. */
function merged(zarafa: string, kopano: string, name: string): string {
  const out = path.join(tmp, name);
  cpSync(kopano, out, { recursive: true });
  const r = cli(['--kopano-dir', out, '--out', out, '--force', zarafa]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe('--check --kopano-dir without --out compares with the Kopano directory', () => {
  it('exits 0 on a merged directory and 1 once a file the merge creates is missing there', () => {
    const mo = merged(ZARAFA_72, KOPANO_80, 'mo-72');
    expect(cli(['--check', '--kopano-dir', mo, ZARAFA_72]).code).toBe(0);

    // Gone from the Kopano directory, dagent.cfg is a file the merge creates.
    rmSync(path.join(mo, 'dagent.cfg'));
    const r = cli(['--check', '--diff', '--kopano-dir', mo, ZARAFA_72]);
    expect(r.stdout).toContain('+++ b/dagent.cfg\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Would change \(1\)\n {2}dagent\.cfg\nCheck: 1 of \d+ files would change /);
  });

  it('exits 1 before the merge is written: the unmerged Kopano directory differs', () => {
    const r = cli(['--check', '--kopano-dir', KOPANO_80, ZARAFA_72]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/server\.cfg/);
  });

  it('reaches 0 for ZCP 7.0 (indexer.cfg merged into search.cfg)', () => {
    const mo = merged(ZARAFA_70, KOPANO_80, 'mo-70');
    const r = cli(['--check', '--kopano-dir', mo, ZARAFA_70]);
    expect(r.stdout).toBe('');
    expect(r.code, r.stderr).toBe(0);
  });

  it.runIf(existsSync(CORPUS))('reaches 0 for upstream ZCP 7.0.10 merged into upstream KC 8.0.0', () => {
    const zarafa = path.join(CORPUS, 'zcp-7.0.10');
    const mo = merged(zarafa, path.join(CORPUS, 'kc-8.0.0'), 'mo-corpus');
    expect(cli(['--check', '--kopano-dir', mo, zarafa]).code).toBe(0);
  });
});

describe('plain --check of a ZCP 7.0 translation', () => {
  it('gives 0 for the written output, with --out and given as the directory itself', () => {
    const out = path.join(tmp, 'plain-70');
    expect(cli(['--out', out, ZARAFA_70]).code).toBe(0);
    expect(cli(['--check', '--out', out, ZARAFA_70]).code).toBe(0);
    expect(cli(['--check', out]).code).toBe(0);
  });

  it('gives 1 for the Zarafa directory itself, whose indexer.cfg is still to be renamed', () => {
    const r = cli(['--check', ZARAFA_70]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/search\.cfg/);
  });
});

describe('--kopano-dir with a --target its files contradict', () => {
  it('exits 2 naming the evidence and writes nothing, neither --out nor the Kopano directory', () => {
    const out = path.join(tmp, 'contradicted');
    const r = cli(['--target', '8.7', '--kopano-dir', KOPANO_80, '--out', out, ZARAFA_72]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('TARGET_CONTRADICTS_KOPANO');
    expect(r.stderr).toContain('--target 8.7 contradicts');
    expect(existsSync(out)).toBe(false);
  });

  it('leaves the Kopano directory as it was when it is also --out', () => {
    const kopano = path.join(tmp, 'contradicted-in-place');
    cpSync(KOPANO_80, kopano, { recursive: true });
    const before = fingerprint(kopano);
    const r = cli(['--target', '8.7', '--kopano-dir', kopano, '--out', kopano, '--force', ZARAFA_72]);
    expect(r.code, r.stderr).toBe(2);
    expect(fingerprint(kopano)).toEqual(before);
  });
});
