import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zPushSettingsStep } from '../../src/3-plan/runbook/z-push-settings.js';
import type { CarriedSetting } from '../../src/3-plan/z-push/carry.js';
import { SET_PHP_DEFINES } from '../../src/report/runbook-sh-php-defines.js';

const roots: string[] = [];
afterEach(() => { for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true }); });

/**
 * The runbook's `at`, a backup_file that records each call (the real one is the runbook's;
 * host-bundle.test runs it), and the script's own set_php_defines.
 */
const HELPERS = [
  'at() { printf \'%s%s\' "$Z2K_ROOT" "$1"; }',
  'backup_file() { printf \'%s\\n\' "$1" >>"$Z2K_ROOT/backups"; cp "$(at "$1")" "$Z2K_ROOT/backup.copy"; }',
  SET_PHP_DEFINES,
].join('\n');

function runUnder(root: string, command: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', `${HELPERS}\n${command}\n`], { env: { ...process.env, Z2K_ROOT: root }, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A 2.3-like z-push.conf.php of our own: indented defines, a commented one, a double-quoted name. */
const CONF = [
  '<?php',
  '/* our own test file, shaped like the 2.3+ one */',
  "    define('TIMEZONE', '');",
  "    // define('TIMEZONE', 'Europe/Paris');",
  '    define("USE_FULLEMAIL_FOR_LOGIN", true);',
  "\tdefine('BACKEND_PROVIDER', '');",
  "    define('LOGLEVEL', LOGLEVEL_INFO);",
  '',
].join('\n');

function makeRoot(text = CONF): { root: string; file: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'z2k-zpush-'));
  roots.push(root);
  mkdirSync(path.join(root, 'etc/z-push'), { recursive: true });
  const file = path.join(root, 'etc/z-push/z-push.conf.php');
  writeFileSync(file, text, { mode: 0o640 });
  return { root, file };
}

const set = (name: string, value: string): CarriedSetting => ({ name, value, file: 'z-push.conf.php', line: 1, why: 'test' });

describe('clients:z-push-settings', () => {
  const settings = [set('TIMEZONE', "'Europe/Berlin'"), set('USE_FULLEMAIL_FOR_LOGIN', 'false'), set('BACKEND_PROVIDER', "'BackendKopano'")];
  const step = zPushSettingsStep('/etc/z-push/config.php', 'z-push.conf.php', settings);

  it('sets each define line in the installed file, backed up first, every other byte kept; a second run changes nothing', () => {
    const { root, file } = makeRoot();
    expect(step.scope).toBe('files');
    const first = runUnder(root, step.command!);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(CONF
      .replace("    define('TIMEZONE', '');", "    define('TIMEZONE', 'Europe/Berlin');")
      .replace('    define("USE_FULLEMAIL_FOR_LOGIN", true);', "    define('USE_FULLEMAIL_FOR_LOGIN', false);")
      .replace("\tdefine('BACKEND_PROVIDER', '');", "\tdefine('BACKEND_PROVIDER', 'BackendKopano');"));
    expect(readFileSync(path.join(root, 'backup.copy'), 'utf8')).toBe(CONF);
    const after = readFileSync(file, 'utf8');
    const second = runUnder(root, step.command!);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('/etc/z-push/z-push.conf.php already has these settings');
    expect(readFileSync(file, 'utf8')).toBe(after);
    expect((execFileSync('stat', ['-c', '%a', file]).toString()).trim()).toBe('640');
  });

  it('keeps a CRLF line end on the lines it sets', () => {
    const crlf = CONF.replace(/\n/g, '\r\n');
    const { root, file } = makeRoot(crlf);
    expect(runUnder(root, step.command!).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(crlf.replace("    define('TIMEZONE', '');\r\n", "    define('TIMEZONE', 'Europe/Berlin');\r\n")
      .replace('    define("USE_FULLEMAIL_FOR_LOGIN", true);\r\n', "    define('USE_FULLEMAIL_FOR_LOGIN', false);\r\n")
      .replace("\tdefine('BACKEND_PROVIDER', '');\r\n", "\tdefine('BACKEND_PROVIDER', 'BackendKopano');\r\n"));
  });

  it('fails before changing anything when a define line is missing, or the file is', () => {
    const { root, file } = makeRoot(CONF.replace("    define('LOGLEVEL', LOGLEVEL_INFO);\n", ''));
    const r = runUnder(root, zPushSettingsStep('/etc/z-push/config.php', 'z-push.conf.php', [...settings, set('LOGLEVEL', 'LOGLEVEL_WBXML')]).command!);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no define line for: LOGLEVEL');
    expect(readFileSync(file, 'utf8')).toBe(CONF.replace("    define('LOGLEVEL', LOGLEVEL_INFO);\n", ''));
    expect(existsSync(path.join(root, 'backups'))).toBe(false);
    rmSync(file);
    const gone = runUnder(root, step.command!);
    expect(gone.status).not.toBe(0);
    expect(gone.stderr).toContain('/etc/z-push/z-push.conf.php does not exist');
  });

  it('writes values with quotes, backslashes, dollars and escapes exactly as PHP source', () => {
    const { root, file } = makeRoot();
    const hard = [
      set('TIMEZONE', String.raw`'it\'s "a" \\ $HOME \`x\` !'`),
      set('BACKEND_PROVIDER', String.raw`"tab\there\n$x"`),
      set('USE_FULLEMAIL_FOR_LOGIN', "'a\tb'"),
    ];
    const r = runUnder(root, zPushSettingsStep('/etc/z-push/config.php', 'z-push.conf.php', hard).command!);
    expect(r.stderr).toBe('');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toContain(String.raw`    define('TIMEZONE', 'it\'s "a" \\ $HOME \`x\` !');`);
    expect(lines).toContain(String.raw`	define('BACKEND_PROVIDER', "tab\there\n$x");`);
    expect(lines).toContain("    define('USE_FULLEMAIL_FOR_LOGIN', 'a\tb');");
    expect(lines).toHaveLength(CONF.split('\n').length);
  });

  // As in shell.test.ts: skipped where shellcheck is missing, unless Z2K_REQUIRE_SHELLCHECK=1 (CI) makes that a failure.
  const found = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim();
  it.skipIf(found === '' && process.env['Z2K_REQUIRE_SHELLCHECK'] !== '1')('passes shellcheck, with values that need quoting', () => {
    expect(found, 'shellcheck is not installed').not.toBe('');
    const file = path.join(makeRoot().root, 'step.sh');
    const hard = [set('TIMEZONE', String.raw`'it\'s "a" \\ $HOME'`), set('LOGFILE', "'a\tb'"), ...settings];
    writeFileSync(file, `#!/bin/bash\n${HELPERS}\n${zPushSettingsStep('/etc/z-push/config.php', 'z-push.conf.php', hard).command!}\n`);
    const r = spawnSync(found, ['--shell=bash', '--severity=info', file], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
  });
});
