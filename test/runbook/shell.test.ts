import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { renderRunbookShell } from '../../src/report/render-runbook-sh.js';
import { makeTree, snapshot } from '../dir/helpers.js';
import { ROOT } from '../helpers/bin.js';
import { goldenCases } from '../golden/cases.mjs';

const cases = goldenCases(ROOT);

/** Where a program is on this machine's PATH. */
function which(program: string): string {
  const r = spawnSync('bash', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} is not installed`);
  return r.stdout.trim();
}

/** Where a program is, or undefined when it is not installed. */
function found(program: string): string | undefined {
  const r = spawnSync('bash', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * shellcheck is an extra tool: on a machine without it (a newcomer's, following the README) its
 * cases are skipped with one line saying so, and `bash -n` still checks every script. CI
 * (.ci/run) sets Z2K_REQUIRE_SHELLCHECK=1, which turns a missing shellcheck into a failure.
 */
const SHELLCHECK = found('shellcheck');
const REQUIRE_SHELLCHECK = process.env.Z2K_REQUIRE_SHELLCHECK === '1';
if (SHELLCHECK === undefined && !REQUIRE_SHELLCHECK) {
  process.stderr.write('shellcheck is not installed: the shellcheck cases are skipped (bash -n still runs; Z2K_REQUIRE_SHELLCHECK=1 makes this a failure)\n');
}

/** The generated scripts: each golden runbook, and each case's runbook with the options that add steps. */
const scripts = cases.flatMap((c) => [
  { name: c.name, file: async () => c.runbookSh },
  {
    name: `${c.name} with --attachments move --ldap-schema kopano --target 8.7`,
    file: async () => {
      const r = await translateConfigDir(c.zarafaDir, { ...c.options, attachments: 'move', ldapSchema: 'kopano', target: '8.7' });
      const file = path.join(makeTree({}), 'runbook.sh');
      writeFileSync(file, renderRunbookShell(r, { zarafaDir: c.name }));
      return file;
    },
  },
]);

describe.each(scripts)('shell runbook of $name', (s) => {
  it('parses with bash -n', async () => {
    const r = spawnSync(which('bash'), ['-n', await s.file()], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(SHELLCHECK === undefined && !REQUIRE_SHELLCHECK)('passes shellcheck', async () => {
    if (SHELLCHECK === undefined) throw new Error('shellcheck is not installed, and Z2K_REQUIRE_SHELLCHECK=1 requires it (.ci/run installs it)');
    const r = spawnSync(SHELLCHECK, ['--shell=bash', '--severity=info', await s.file()], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

/**
 * The sample's runbook run as CI runs it: a fresh HOME and a PATH holding only bash and sed (what
 * a dry run needs), so any command that would change the host fails to start.
 */
function runSample(args: string[]) {
  const home = makeTree({});
  const bin = path.join(home, 'bin');
  mkdirSync(bin);
  for (const p of ['bash', 'sed', 'cat']) symlinkSync(which(p), path.join(bin, p));
  const script = path.join(home, 'runbook.sh');
  writeFileSync(script, readFileSync(cases[0]!.runbookSh));
  const before = snapshot(home);
  const r = spawnSync(which('bash'), [script, ...args], { encoding: 'utf8', cwd: home, env: { HOME: home, PATH: bin, LC_ALL: 'C' } });
  return { ...r, changed: JSON.stringify(snapshot(home)) !== JSON.stringify(before) };
}

describe('the sample runbook, run', () => {
  it('with --dry-run --all prints every step and what it would run, and changes nothing', async () => {
    const existed = existsSync('/root/zarafa2kopano');
    const r = runSample(['--dry-run', '--all']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.changed).toBe(false);
    if (!existed) expect(existsSync('/root/zarafa2kopano')).toBe(false);
    const { actions } = await translateConfigDir(cases[0]!.zarafaDir, cases[0]!.options);
    actions.forEach((a, i) => {
      if (a.phase === 'rollback') expect(r.stdout).not.toContain(`== ${i + 1}. ${a.id}`);
      else expect(r.stdout).toContain(`== ${i + 1}. ${a.id}`);
    });
    for (const a of actions.filter((x) => x.command && !x.optional && x.phase !== 'rollback')) expect(r.stdout).toContain(a.command!.split('\n')[0]);
    expect(r.stdout).toContain('(optional: run it by name)');
    expect(r.stdout).toContain('(a real run stops here for a person)');
  });

  it('runs nothing without step names or --all, and refuses an unknown step', () => {
    const none = runSample([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Usage: runbook.sh');
    expect(none.stdout).toBe('');
    const unknown = runSample(['--dry-run', 'no-such-step']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("no step 'no-such-step'");
  });

  it('runs the named steps only, by id or number, with the family given', () => {
    const r = runSample(['--dry-run', '--family', 'zypper', 'remove:zcp-packages', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/== \d+\. remove:zcp-packages[\s\S]*zypper --non-interactive remove[\s\S]*== 1\. prepare:space/);
    expect(r.stdout).not.toContain('apt-get purge');
    expect(r.stdout).not.toContain('== 2.');
  });
});
