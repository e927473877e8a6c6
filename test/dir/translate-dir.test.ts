import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderProblems } from '../runbook/order-rules.mjs';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { TranslateError } from '../../src/diagnostics/translate-error.js';
import { makeTree, SECRET, SMALL_ZARAFA, snapshot } from './helpers.js';

async function translateError(p: Promise<unknown>): Promise<TranslateError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TranslateError) return e;
    throw e;
  }
  throw new Error('expected a TranslateError');
}

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('translateConfigDir: result', () => {
  it('translates every *.cfg in path order and combines patch and actions', async () => {
    const dir = makeTree({ ...SMALL_ZARAFA, 'notes.txt': 'not a config\n', 'sub/gateway.cfg': 'log_file = /var/log/zarafa/gateway.log\n' });
    const r = await translateConfigDir(dir);
    expect(r.files.map((f) => f.source)).toEqual(['server.cfg', 'spooler.cfg', 'sub/gateway.cfg']);
    expect(r.patch).toBe(r.files.map((f) => f.diff).join(''));
    expect(r.patch).toContain('--- a/server.cfg\n+++ b/server.cfg\n');
    expect(orderProblems(r.actions)).toEqual([]);
    expect(r.actions.map((a) => a.phase)).not.toContain(undefined);
    expect(r.target).toBe('8.7'); // the default
    expect(['7.0', '7.1', '7.2']).toContain(r.source.version);
    expect(r.source.evidence.length).toBeGreaterThan(0);
  });

  it('masks secrets in the patch but keeps real values in input/output', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const r = await translateConfigDir(dir);
    expect(r.patch).not.toContain(SECRET);
    expect(r.files.find((f) => f.source === 'server.cfg')!.input).toContain(SECRET);
    const shown = await translateConfigDir(dir, { showSecrets: true });
    expect(shown.files.map((f) => f.diff).join('')).toBe(shown.patch);
  });

  it('takes the source version given instead of detecting it', async () => {
    const r = await translateConfigDir(makeTree(SMALL_ZARAFA), { source: '7.1' });
    const files = Object.fromEntries(Object.keys(SMALL_ZARAFA).map((f) => [f, '7.1']));
    expect(r.source).toEqual({ version: '7.1', evidence: ['given by the caller'], against: [], conflicts: [], files });
  });
});

describe('translateConfigDir: include graph', () => {
  it('follows relative and /etc/zarafa includes inside the directory, reading files only reached that way', async () => {
    const dir = makeTree({
      'server.cfg': '!include local/site.inc\n!include /etc/zarafa/tuning.cfg\nserver_name = a\n',
      'local/site.inc': 'log_level = 4\n',
      'tuning.cfg': 'cache_cell_size = 1G\n',
    });
    const r = await translateConfigDir(dir);
    expect(r.files.map((f) => f.source)).toEqual(['local/site.inc', 'server.cfg', 'tuning.cfg']);
    expect(codes(r).filter((c) => c.startsWith('INCLUDE_'))).toEqual([]);
  });

  it('reports a dangling include with file and line and still translates', async () => {
    const dir = makeTree({ ...SMALL_ZARAFA, 'spooler.cfg': 'smtp_server = localhost\n!include missing.cfg\n' });
    const r = await translateConfigDir(dir);
    const d = r.diagnostics.find((x) => x.code === 'INCLUDE_NOT_FOUND');
    expect(d).toMatchObject({ severity: 'warning', file: 'spooler.cfg', line: 2 });
    expect(d!.message).toContain('missing.cfg');
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('never reads an include outside the directory, relative or absolute, and writes nothing', async () => {
    const base = makeTree({ 'outside.cfg': 'mysql_password = OUTSIDE-SECRET\n' });
    const dir = makeTree({ 'server.cfg': '!include ../outside.cfg\n!include /etc/passwd\nserver_name = x\n' }, path.join(base, 'zarafa'));
    const out = path.join(base, 'out');
    const r = await translateConfigDir(dir, { outDir: out, showSecrets: true });
    const found = r.diagnostics.filter((d) => d.code === 'INCLUDE_OUTSIDE_INPUT');
    expect(found.map((d) => [d.severity, d.file, d.line])).toEqual([['error', 'server.cfg', 1], ['error', 'server.cfg', 2]]);
    expect(JSON.stringify(r)).not.toContain('OUTSIDE-SECRET');
    expect(existsSync(out)).toBe(false);
  });

  it('reports an include cycle and an include of a directory', async () => {
    const dir = makeTree({
      'server.cfg': '!include a.cfg\n',
      'a.cfg': 'log_level = 2\n!include b.cfg\n',
      'b.cfg': '!include a.cfg\n',
      'gateway.cfg': '!include ssl\n',
      'ssl/readme.txt': 'x\n',
    });
    const r = await translateConfigDir(dir);
    expect(r.diagnostics.find((d) => d.code === 'INCLUDE_CYCLE')).toMatchObject({ severity: 'warning', file: 'b.cfg', line: 1 });
    expect(r.diagnostics.find((d) => d.code === 'INCLUDE_IS_DIRECTORY')).toMatchObject({ severity: 'error', file: 'gateway.cfg', line: 1 });
  });

  it('keeps symlinks inside, refuses those pointing out, skips dangling ones and loops', async () => {
    const base = makeTree({ 'secret.cfg': 'mysql_password = OUTSIDE-SECRET\n' });
    const dir = makeTree({
      ...SMALL_ZARAFA,
      'ldap.openldap.cfg': 'ldap_host = localhost\n',
      'ldap.cfg': { symlink: 'ldap.openldap.cfg' },
      'dagent.cfg': { symlink: path.join(base, 'secret.cfg') },
      'gateway.cfg': { symlink: 'nowhere.cfg' },
      'ical.cfg': { symlink: 'ical.cfg' },
    }, path.join(base, 'zarafa'));
    const r = await translateConfigDir(dir);
    expect(r.files.map((f) => f.source)).toEqual(['ldap.cfg', 'ldap.openldap.cfg', 'server.cfg', 'spooler.cfg']);
    expect(r.diagnostics.filter((d) => d.code.startsWith('SYMLINK')).map((d) => [d.code, d.severity, d.file])).toEqual([
      ['SYMLINK_OUTSIDE_INPUT', 'error', 'dagent.cfg'],
      ['SYMLINK_DANGLING', 'warning', 'gateway.cfg'],
      ['SYMLINK_LOOP', 'warning', 'ical.cfg'],
    ]);
    expect(JSON.stringify(r)).not.toContain('OUTSIDE-SECRET');
  });

  it('calls a file with a NUL byte binary, naming the line', async () => {
    const r = await translateConfigDir(makeTree({ ...SMALL_ZARAFA, 'ical.cfg': Buffer.from('a = 1\nb = \0\n') }));
    expect(r.diagnostics.find((d) => d.code === 'BINARY_FILE')).toMatchObject({ severity: 'error', file: 'ical.cfg', line: 2 });
  });
});

describe('translateConfigDir: refusals', () => {
  it('throws typed errors for a missing directory, a file, and a directory without config files', async () => {
    const dir = makeTree({ 'a.txt': 'x\n' });
    expect((await translateError(translateConfigDir(path.join(dir, 'nope')))).code).toBe('INPUT_NOT_FOUND');
    const notDir = await translateError(translateConfigDir(path.join(dir, 'a.txt')));
    expect([notDir.code, notDir.file]).toEqual(['INPUT_NOT_A_DIRECTORY', path.join(dir, 'a.txt')]);
    expect((await translateError(translateConfigDir(dir))).code).toBe('NO_CONFIG_FILES');
  });

  it('refuses an output directory equal to, inside or containing the input', async () => {
    const base = makeTree({});
    const dir = makeTree(SMALL_ZARAFA, path.join(base, 'etc/zarafa'));
    const before = snapshot(base);
    for (const out of [dir, path.join(dir, 'kopano'), path.join(base, 'etc'), base]) {
      const e = await translateError(translateConfigDir(dir, { outDir: out, force: true }));
      expect(e.code).toBe('OUT_DIR_OVERLAPS_INPUT');
    }
    expect(snapshot(base)).toEqual(before);
  });

  it('refuses a non-empty output directory unless forced', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const out = makeTree({ 'keep.txt': 'mine\n' });
    expect((await translateError(translateConfigDir(dir, { outDir: out }))).code).toBe('OUT_DIR_NOT_EMPTY');
    expect(snapshot(out)).toEqual({ 'keep.txt': expect.any(String) });
    await translateConfigDir(dir, { outDir: out, force: true });
    expect(Object.keys(snapshot(out)).sort()).toEqual(['keep.txt', 'server.cfg', 'spooler.cfg']);
  });
});

describe('translateConfigDir: writing', () => {
  it('writes every file with its mode and encoding, and never touches the input', async () => {
    const latin1 = Buffer.concat([Buffer.from('# R\xe9seau de test\n', 'latin1'), Buffer.from('log_file = /var/log/zarafa/ical.log\n')]);
    const dir = makeTree({ ...SMALL_ZARAFA, 'ical.cfg': latin1, 'sub/dagent.cfg': 'log_file = /var/log/zarafa/dagent.log\n' });
    chmodSync(path.join(dir, 'server.cfg'), 0o640);
    const before = snapshot(dir);
    const out = path.join(makeTree({}), 'new/kopano');
    const r = await translateConfigDir(dir, { outDir: out });
    expect(snapshot(dir)).toEqual(before);
    expect(statSync(path.join(out, 'server.cfg')).mode & 0o777).toBe(0o640);
    const ical = readFileSync(path.join(out, 'ical.cfg'));
    expect(ical.subarray(0, 13).equals(latin1.subarray(0, 13))).toBe(true);
    for (const f of r.files) {
      expect(readFileSync(path.join(out, f.target), f.source === 'ical.cfg' ? 'latin1' : 'utf8')).toBe(f.output);
    }
  });

  it('says what it wrote, and leaves files that already hold the same bytes alone', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const out = path.join(makeTree({}), 'kopano');
    const first = await translateConfigDir(dir, { outDir: out });
    expect(first.written).toEqual({ files: first.files.map((f) => f.target), unchanged: [] });
    const again = await translateConfigDir(dir, { outDir: out, force: true });
    expect(again.written).toEqual({ files: [], unchanged: first.files.map((f) => f.target) });
    expect((await translateConfigDir(dir)).written).toBeUndefined();
  });

  it('leaves the output directory as it was when a write fails midway', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    // server.cfg replaces the old one first; then a directory stands in spooler.cfg's way.
    const out = makeTree({ 'server.cfg': 'old server\n', 'spooler.cfg/keep': 'x\n' });
    const before = snapshot(out);
    const e = await translateError(translateConfigDir(dir, { outDir: out, force: true }));
    expect(e.code).toBe('WRITE_FAILED');
    expect(e.file).toContain('spooler.cfg');
    expect(snapshot(out)).toEqual(before);
    expect(readFileSync(path.join(out, 'server.cfg'), 'utf8')).toBe('old server\n');

    const fresh = path.join(makeTree({ 'blocker': 'a file where a directory must go\n' }), 'blocker', 'kopano');
    expect((await translateError(translateConfigDir(dir, { outDir: fresh }))).code).toMatch(/WRITE_FAILED|OUT_DIR/);
  });
});

describe('the combined patch', () => {
  const tree = {
    'server.cfg': SMALL_ZARAFA['server.cfg']!,
    'dagent.cfg': '# delivery\r\nlog_file = /var/log/zarafa/dagent.log\r\npid_file = /var/run/zarafa-dagent.pid\r\nlmtp_port = 2003\r\n',
    'spooler.cfg': 'smtp_server = localhost\nlog_file = /var/log/zarafa/spooler.log\npid_file = /var/run/zarafa-spooler.pid',
    'sub/gateway.cfg': 'imap_enable = yes\nlog_file = /var/log/zarafa/gateway.log\n',
  };

  for (const tool of ['patch', 'git'] as const) {
    it(`applies with ${tool === 'patch' ? 'patch -p1' : 'git apply'} in a copy of the input and yields the written files`, async () => {
      const dir = makeTree(tree);
      const out = path.join(makeTree({}), 'kopano');
      const r = await translateConfigDir(dir, { outDir: out, showSecrets: true });
      expect(r.files.every((f) => f.diff !== '')).toBe(true);
      const copy = path.join(makeTree({}), 'copy');
      cpSync(dir, copy, { recursive: true });
      if (tool === 'patch') execFileSync('patch', ['-p1', '--quiet', '--batch'], { cwd: copy, input: r.patch });
      else execFileSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: copy, input: r.patch });
      for (const f of r.files) {
        expect(readFileSync(path.join(copy, f.source)).equals(readFileSync(path.join(out, f.target))), f.source).toBe(true);
      }
    });
  }

  it('stays byte-exact for a file without a final newline and a CRLF file', async () => {
    const r = await translateConfigDir(makeTree(tree));
    const spooler = r.files.find((f) => f.source === 'spooler.cfg')!;
    expect(spooler.output.endsWith('\n')).toBe(false);
    expect(spooler.diff).toContain('\\ No newline at end of file');
    const dagent = r.files.find((f) => f.source === 'dagent.cfg')!;
    expect(dagent.output.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
  });
});

describe('outDir that already exists', () => {
  it('is fine when empty, and gets nested target directories', async () => {
    const dir = makeTree({ 'server.cfg': 'server_name = a\n', 'extra/ldap.site.cfg': 'ldap_host = x\n' });
    const out = makeTree({});
    await translateConfigDir(dir, { outDir: out });
    expect(Object.keys(snapshot(out))).toEqual(['extra', 'extra/ldap.site.cfg', 'server.cfg']);
  });
});
