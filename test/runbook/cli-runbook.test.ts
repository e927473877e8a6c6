import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/bin.js';
import { makeTree, snapshot } from '../dir/helpers.js';

const SAMPLE = path.join(ROOT, 'fixtures/sample/etc/zarafa');
// Every mysql_password (and other secret) value of the fixtures: none may reach a runbook or a command.
const SECRETS = ['s3cr3t-Db-pass', 'Tr0ub4dor&3', 'Ldap-Bind-2015', 'H0sting-DB', 'Tr0ub4dor', '9vL!pq7s', 'h0st-ssl', 'kx8-Fh2q', 'presence-auth-7', 'xmpp-pw-3'];
const FIXTURES = [SAMPLE, ...['zcp70-hosted', 'zcp71-unix', 'zcp72-ldap'].map((c) => path.join(ROOT, 'fixtures/cases', c, 'zarafa'))];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--runbook', () => {
  it('writes the Markdown and the shell runbook, private to their owner (0600, run with bash), with no secret in either', () => {
    const dir = makeTree({});
    for (const fixture of FIXTURES) {
      const md = path.join(dir, 'plan', 'runbook.md');
      const sh = path.join(dir, 'plan', 'runbook.sh');
      expect(cli(['--runbook', md, fixture]).code).toBe(0);
      expect(cli(['--runbook', sh, '--quiet', fixture]).code).toBe(0);
      const text = readFileSync(md, 'utf8') + readFileSync(sh, 'utf8');
      expect(text).toMatch(/^# Migration runbook: /);
      for (const s of SECRETS) expect(text).not.toContain(s);
      expect(statSync(md).mode & 0o777).toBe(0o600);
      expect(statSync(sh).mode & 0o777).toBe(0o600);
      expect(readFileSync(sh, 'utf8')).toContain('\nset -euo pipefail\n');
    }
  });

  it('refuses a runbook inside the input directory before writing anything', () => {
    const input = path.join(makeTree({}), 'zarafa');
    cpSync(SAMPLE, input, { recursive: true });
    const before = snapshot(input);
    const out = path.join(makeTree({}), 'out');
    const r = cli(['--out', out, '--runbook', path.join(input, 'sub', 'runbook.md'), input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('RUNBOOK_IN_INPUT');
    expect(snapshot(input)).toEqual(before);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file name that is neither .md nor .sh', () => {
    const r = cli(['--runbook', '/tmp/runbook.txt', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--runbook needs a file name ending in .md');
  });
});

describe('the report and --json', () => {
  it('reads top-down: summary, problems, changes, then the runbook by phase', () => {
    const r = cli([SAMPLE]);
    const at = (s: string) => r.stderr.indexOf(s);
    expect(at('Source: ZCP 7.2')).toBeGreaterThan(0);
    expect(at('8 files read, 7 files changed')).toBeGreaterThan(at('Source:'));
    expect(at('\nChanges\n')).toBeGreaterThan(at('files changed'));
    expect(at('Runbook (')).toBeGreaterThan(at('\nChanges\n'));
    expect(at('  prepare: Back up')).toBeGreaterThan(at('Runbook ('));
    expect(at('  after: After the migration')).toBeGreaterThan(at('  prepare: Back up'));
  });

  it('--quiet prints the summary and the problems only', () => {
    const r = cli(['--quiet', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('8 files read, 7 files changed, 82 changes; 0 errors, 0 warnings.');
    expect(r.stderr).not.toContain('Changes');
    expect(r.stderr).not.toContain('Runbook');
  });

  it('--check prints the summary and the files that would change', () => {
    const r = cli(['--check', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Would change \(7\)\n {2}dagent\.cfg\n/);
    expect(r.stderr).not.toContain('\nChanges\n');
    expect(r.stderr).not.toContain('Runbook');
  });

  it('--json carries every step with its phase, and no secret on any command line', () => {
    for (const fixture of FIXTURES) {
      const r = cli(['--json', fixture]);
      const actions = (JSON.parse(r.stdout) as { actions: { id: string; phase?: string; command?: string; commands?: Record<string, string>; check?: string }[] }).actions;
      expect(actions.length).toBeGreaterThan(15);
      for (const a of actions) {
        expect(a.phase, a.id).toBeDefined();
        const lines = [a.command ?? '', a.check ?? '', ...Object.values(a.commands ?? {})].join('\n');
        for (const s of SECRETS) expect(lines).not.toContain(s);
      }
    }
  });
});
