import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/bin.js';
import { makeTree, snapshot } from '../dir/helpers.js';
import { listFiles } from '../golden/cases.mjs';

// The real bin, as users run it (npm test builds dist first).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = BIN;
const SAMPLE = path.join(root, 'fixtures/sample/etc/zarafa');
const SAMPLE_SECRETS = ['s3cr3t-Db-pass', 'Tr0ub4dor&3', 'Ldap-Bind-2015'];

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A private copy of the sample, so a test can compare its bytes before and after. */
function sampleCopy(): string {
  const dir = path.join(makeTree({}), 'zarafa');
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

describe('zarafa2kopano CLI', () => {
  it('prints a latin-1 file\'s diff in latin-1, so the patch applies to its bytes', () => {
    const dir = path.join(makeTree({}), 'zarafa');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'server.cfg'), readFileSync(path.join(root, 'fixtures/format/latin1.cfg')));
    writeFileSync(path.join(dir, 'spooler.cfg'), '# Zürich relay\nlog_file = /var/log/zarafa/spooler.log\n');
    const r = spawnSync(process.execPath, [CLI, '--show-secrets', dir], { env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    const copy = path.join(makeTree({}), 'copy');
    cpSync(dir, copy, { recursive: true });
    execFileSync('patch', ['-p1', '-s', '--no-backup-if-mismatch'], { cwd: copy, input: r.stdout });
    const out = path.join(makeTree({}), 'out');
    expect(cli(['--out', out, dir]).code).toBe(0);
    for (const f of ['server.cfg', 'spooler.cfg']) {
      expect(readFileSync(path.join(copy, f)).equals(readFileSync(path.join(out, f)))).toBe(true);
    }
  });

  it('runs as the package bin: npx --no-install zarafa2kopano (the built file is executable)', () => {
    const out = execFileSync('npx', ['--no-install', 'zarafa2kopano', '--version'], { cwd: root, encoding: 'utf8' });
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(out.trim()).toBe(version);
  });

  it('prints help and version with exit 0', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: zarafa2kopano \[options\] <zarafa-dir>/);
    for (const flag of ['--out', '--check', '--json', '--target', '--ldap-schema', '--attachments', '--kopano-dir', '--show-secrets', '--force']) {
      expect(help.stdout).toContain(flag);
    }
    const version = cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it('exits 2 on bad usage, naming the problem', () => {
    // The parser's cases are tested in-process (args-and-colours.test.ts); here, the exit path.
    const none = cli([]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toBe("zarafa2kopano: missing <zarafa-dir> (e.g. /etc/zarafa)\nTry 'zarafa2kopano --help'.\n");
    const bad = cli(['--target', '9.0', SAMPLE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--target must be one of 8.0, 8.7, 11.0 (got '9.0')");
    const tls = cli(['--tls', 'old', SAMPLE]);
    expect(tls.code).toBe(2);
    expect(tls.stderr).toContain("--tls must be one of target, zcp (got 'old')");
  });

  it('--target 11.0 writes for Kopano Groupware Core 11: *_listen, no pid_file, no presence, tls_min_proto not weaker than 1.2', () => {
    const dir = makeTree({});
    const zarafa = path.join(dir, 'zarafa');
    cpSync(SAMPLE, zarafa, { recursive: true });
    writeFileSync(path.join(zarafa, 'presence.cfg'), 'server_port = 1234\nserver_secret_key = presence-secret\n');
    const out = path.join(dir, 'out');
    const r = cli(['--target', '11.0', '--out', out, zarafa]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('presence.cfg: info NOT_FOR_KOPANO');
    const server = readFileSync(path.join(out, 'server.cfg'), 'utf8');
    expect(server).toMatch(/^server_listen = 0\.0\.0\.0:236$/m);
    expect(server).not.toMatch(/^(pid_file|server_ssl_protocols|running_path|license_\w+) *=/m);
    expect(existsSync(path.join(out, 'presence.cfg'))).toBe(false);
  });

  it('exits 2 naming the directory when it does not exist', () => {
    const missing = path.join(makeTree({}), 'nope');
    const r = cli([missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${missing}: error INPUT_NOT_FOUND`);
  });

  it('prints the masked diff on stdout and the report on stderr', () => {
    const r = cli([SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('--- a/')).toBe(true);
    expect(r.stdout).toContain('server_ssl_key_pass = ********');
    expect(r.stderr).toMatch(/^zarafa2kopano: .* \(ZCP 7\.2\) → target 8\.7: Kopano Core 8\.7\.x\n/);
    expect(r.stderr).toMatch(/\nChanges by rule \(--verbose lists each, docs\/rules\.md says why\)\n {2}[a-z-]+ \(\d+\): [a-z]+\.cfg/);
    expect(r.stderr).toMatch(/\nRunbook \(\d+ steps\): prepare \d+, .*\n {3}1\. [a-z][a-z:-]+: /);
    for (const s of SAMPLE_SECRETS) expect(r.stdout + r.stderr).not.toContain(s);
    expect(r.stdout + r.stderr).not.toContain('\x1b[');
  });

  it('ends the report with the summary, and keeps it to a screen unless --verbose', () => {
    const r = cli([SAMPLE]);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^8 files read, 7 files changed, \d+ changes; 0 errors, 0 warnings\.$/);
    expect(lines.length).toBeLessThanOrEqual(40);
    // At most three lines of reasons for the source, under every mode.
    for (const args of [[], ['--quiet'], ['--check'], ['--quiet', '--check']]) {
      const reasons = cli([...args, SAMPLE]).stderr.split('\n').filter((l) => l.startsWith('  - '));
      expect(reasons.length, args.join(' ')).toBeLessThanOrEqual(3);
    }
    const verbose = cli(['--verbose', SAMPLE]);
    expect(verbose.stderr.split('\n').filter((l) => l.startsWith('  - ')).length).toBe(12);
    expect(verbose.stderr).toMatch(/\nRunbook \(\d+ steps\), in this order\n {2}prepare: Back up\n {2,3}1\. [a-z][a-z:-]+: /);
    expect(verbose.stderr.trimEnd().split('\n').at(-1)).toBe(lines.at(-1));
  });

  it('says on stderr that the piped diff has masked secrets, and how to get one that applies', () => {
    const masked = cli([SAMPLE]);
    expect(masked.stdout).toContain('= ********');
    expect(masked.stderr).toContain('The diff on stdout shows ******** for secret values: patch or git apply would write ******** into the files.\n' +
      'Give --show-secrets for a patch that applies, or --out DIR to write the files.\n');
    expect(cli(['--show-secrets', SAMPLE]).stderr).not.toContain('********');
    expect(cli(['--json', SAMPLE]).stderr).not.toContain('********'); // no diff on stdout
  });

  it('masks secrets in --json unless --show-secrets', () => {
    const masked = cli(['--json', SAMPLE]);
    expect(masked.code).toBe(0);
    const dir = JSON.parse(masked.stdout) as { files: { source: string; input: string; output: string }[]; patch: string };
    expect(dir.files.length).toBe(8);
    for (const s of SAMPLE_SECRETS) expect(masked.stdout).not.toContain(s);
    expect(dir.files.find((f) => f.source === 'server.cfg')!.input).toContain('mysql_password = ********');

    const shown = cli(['--json', '--show-secrets', SAMPLE]);
    for (const s of SAMPLE_SECRETS) expect(shown.stdout).toContain(s);
  });

  it('writes --out files that equal the --show-secrets patch applied with patch -p1, and leaves the input alone', () => {
    const input = sampleCopy();
    const before = snapshot(input);
    const out = path.join(makeTree({}), 'kopano');
    const wrote = cli(['--out', out, input]);
    expect(wrote.code).toBe(0);
    expect(wrote.stderr).toContain(`Wrote 8 files to ${out}.`);
    // Run again: every file already holds its bytes, so none is replaced or counted as written.
    const again = cli(['--out', out, '--force', input]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`Wrote 0 files to ${out} (8 files already up to date, left alone).`);
    writeFileSync(path.join(out, 'server.cfg'), 'edited by hand\n');
    expect(cli(['--out', out, '--force', input]).stderr).toContain(`Wrote 1 file to ${out} (7 files already up to date, left alone).`);
    expect(snapshot(input)).toEqual(before);

    const patch = cli(['--show-secrets', input]).stdout;
    const copy = path.join(makeTree({}), 'copy');
    cpSync(input, copy, { recursive: true });
    execFileSync('patch', ['-p1', '--quiet', '--batch'], { cwd: copy, input: patch });
    expect(listFiles(out)).toEqual(listFiles(copy));
    for (const f of listFiles(out)) {
      expect(readFileSync(path.join(copy, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
  });

  it('--check: 1 on a Zarafa directory, 0 on its own output and against a matching --out', () => {
    const input = sampleCopy();
    const out = path.join(makeTree({}), 'kopano');
    expect(cli(['--out', out, input]).code).toBe(0);
    const before = snapshot(out);

    const onZarafa = cli(['--check', input]);
    expect(onZarafa.code).toBe(1);
    expect(onZarafa.stderr).toContain('files would change');
    expect(cli(['--check', out]).code).toBe(0);
    expect(cli(['--check', '--out', out, input]).code).toBe(0);

    const ok = cli(['--check', '--out', out, input]);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toBe(`Check: nothing to change (compared with ${out}).\n`);

    writeFileSync(path.join(out, 'gateway.cfg'), 'imap_enable = no\n');
    const drift = cli(['--check', '--out', out, input]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toBe('');
    expect(drift.stderr).toBe(`Would change (1)\n  gateway.cfg\nCheck: 1 of 8 files would change (compared with ${out}); --diff shows how.\n`);
    expect(snapshot(out)).not.toEqual(before); // only our own edit: --check never writes
    expect(readFileSync(path.join(out, 'gateway.cfg'), 'utf8')).toBe('imap_enable = no\n');
  });

  it('--check --diff shows what is there against what would be written; --format github annotates each file', () => {
    const input = sampleCopy();
    const out = path.join(makeTree({}), 'kopano');
    expect(cli(['--out', out, input]).code).toBe(0);
    const server = path.join(out, 'server.cfg');
    writeFileSync(server, readFileSync(server, 'utf8').replace(/^log_level = 3$/m, 'log_level = 5'));
    const r = cli(['--check', '--diff', '--out', out, input]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^--- a\/server\.cfg\n\+\+\+ b\/server\.cfg\n@@ [^\n]+\n(?: [^\n]*\n)*-log_level = 5\n\+log_level = 3\n/);
    expect(r.stdout).not.toContain('zarafa'); // not the ZCP → Kopano diff
    expect(r.stderr).toMatch(/Would change \(1\)\n {2}server\.cfg\nCheck: 1 of 8 files would change \(compared with .*\)\.\n$/);
    const gh = cli(['--check', '--format', 'github', '--out', out, input]);
    expect(gh.code).toBe(1);
    expect(gh.stdout).toBe(`::error file=${out}/server.cfg,title=zarafa2kopano --check::server.cfg would change: run zarafa2kopano without --check to see or write the result\n`);
    expect(cli(['--diff', input]).code).toBe(2);

    // A drifted secret: both values masked in the diff, and stderr says the patch holds masks.
    writeFileSync(server, readFileSync(server, 'utf8').replace(/^mysql_password = .*$/m, 'mysql_password = Drifted-Secret-9'));
    const secret = cli(['--check', '--diff', '--out', out, input]);
    expect(secret.stdout).toContain('-mysql_password = ********\n+mysql_password = ********\n');
    for (const s of [...SAMPLE_SECRETS, 'Drifted-Secret-9']) expect(secret.stdout + secret.stderr).not.toContain(s);
    expect(secret.stderr).toContain('The diff on stdout shows ******** for secret values');
  });

  it('refuses a non-empty --out without --force, and an --out inside the input', () => {
    const input = sampleCopy();
    const out = makeTree({ 'old.cfg': 'x = 1\n' });
    const before = snapshot(out);
    const r = cli(['--out', out, input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${out}: error OUT_DIR_NOT_EMPTY`);
    expect(snapshot(out)).toEqual(before);
    expect(cli(['--out', out, '--force', input]).code).toBe(0);

    const inside = cli(['--out', path.join(input, 'kopano'), input]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('OUT_DIR_OVERLAPS_INPUT');
    expect(existsSync(path.join(input, 'kopano'))).toBe(false);
  });

  it('writes nothing and exits 2 on bad input, naming file and line', () => {
    const base = makeTree({ 'elsewhere.cfg': 'log_level = 6\n' });
    const input = makeTree({
      'server.cfg': 'server_name = a\n!include ../elsewhere.cfg\n',
      'spooler.cfg': 'log_file = /var/log/zarafa/spooler.log\n',
    }, path.join(base, 'zarafa'));
    const before = snapshot(base);
    const out = path.join(base, 'kopano');
    const r = cli(['--out', out, input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('server.cfg:2: error INCLUDE_OUTSIDE_INPUT');
    expect(r.stderr).toContain('Errors (1): nothing was written');
    expect(existsSync(out)).toBe(false);
    expect(snapshot(base)).toEqual(before);
  });

  it('an in-place merge (--kopano-dir D --out D) counts only the files it changed', () => {
    const input = sampleCopy();
    const kopano = path.join(makeTree({}), 'kopano');
    expect(cli(['--out', kopano, input]).code).toBe(0);
    const server = path.join(kopano, 'server.cfg');
    writeFileSync(server, readFileSync(server, 'utf8').replace(/^server_name = .*$/m, 'server_name = not-the-zarafa-one'));
    const merged = cli(['--kopano-dir', kopano, '--out', kopano, '--force', input]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toContain(`Wrote 1 file to ${kopano}.`);
    expect(readFileSync(server, 'utf8')).not.toContain('not-the-zarafa-one');
    expect(cli(['--kopano-dir', kopano, '--out', kopano, '--force', input]).stderr).toContain(`Wrote 0 files to ${kopano}.`);
  });

  it('accepts --target, --ldap-schema, --attachments, --kopano-dir', () => {
    const r = cli(['--target', '8.7', '--ldap-schema', 'kopano', '--attachments', 'move', '--kopano-dir', SAMPLE, SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('→ target 8.7: Kopano Core 8.7.x');
  });
});
