import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';
import { colourDiff, coloursFor, NO_COLOURS } from '../../src/report/colours.js';
import { main } from '../../src/cli/main.js';
import { SMALL_ZARAFA, makeTree } from '../dir/helpers.js';

describe('parseCommandLine', () => {
  it('reads every flag of the contract', () => {
    expect(parseCommandLine(['--out', 'k', '--check', '--json', '--target', '8.7', '--ldap-schema', 'kopano',
      '--attachments', 'move', '--kopano-dir', '/etc/kopano', '--show-secrets', '--force', '--source', '7.1',
      '--quiet', '--tls', 'zcp', '--diff', 'z'])).toEqual({
      kind: 'run',
      run: { zarafaDir: 'z', out: 'k', check: true, format: 'json', force: true, showSecrets: true, target: '8.7',
        source: '7.1', ldapSchema: 'kopano', attachments: 'move', kopanoDir: '/etc/kopano', quiet: true,
        verbose: false, diff: true, tls: 'zcp' },
    });
    // --runbook writes a file, so it goes without --check (refused with it: test/cli/true-exit-bin.test.ts).
    expect(parseCommandLine(['--runbook', 'plan.sh', 'z'])).toMatchObject({ kind: 'run', run: { runbooks: ['plan.sh'], check: false } });
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--version', 'z'])).toEqual({ kind: 'version' });
  });

  it.each([
    [[], /missing <zarafa-dir>/],
    [['a', 'b'], /expected one <zarafa-dir>/],
    [['--attachments', 'copy', 'z'], /--attachments must be one of keep, move/],
    [['--ldap-schema', 'x', 'z'], /--ldap-schema must be one of zarafa, kopano/],
    [['--tls', 'old', 'z'], /--tls must be one of target, zcp/],
    [['--out'], /--out/],
    [['--out', '', 'z'], /--out needs a path/],
    [['--nope', 'z'], /nope/],
    [['--diff', 'z'], /--diff goes with --check/],
    [['--quiet', '--verbose', 'z'], /--quiet and --verbose/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

describe('colours', () => {
  it('are on for a TTY only, and never with NO_COLOR', () => {
    expect(coloursFor({ isTTY: true }, {})).not.toBe(NO_COLOURS);
    expect(coloursFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(NO_COLOURS);
    expect(coloursFor({ isTTY: false }, {})).toBe(NO_COLOURS);
    expect(coloursFor({}, {})).toBe(NO_COLOURS);
  });

  it('paint a diff without changing its text', () => {
    const patch = '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n';
    const painted = colourDiff(patch, coloursFor({ isTTY: true }, {}));
    expect(painted).toContain('\x1b[32m+b\x1b[39m');
    expect(painted.replace(/\x1b\[\d+m/g, '')).toBe(patch);
    expect(colourDiff(patch, NO_COLOURS)).toBe(patch);
  });

  it('reach the report only on a terminal', async () => {
    const dir = makeTree(SMALL_ZARAFA);
    const run = async (isTTY: boolean, env: NodeJS.ProcessEnv) => {
      let out = '';
      let err = '';
      const code = await main([dir], {
        stdout: { write: (s: string) => (out += s), isTTY },
        stderr: { write: (s: string) => (err += s), isTTY },
        env,
      });
      return { code, out, err };
    };
    const tty = await run(true, {});
    expect(tty.code).toBe(0);
    expect(tty.err).toContain('\x1b[1m');
    expect(tty.out).toContain('\x1b[31m-');
    const noColor = await run(true, { NO_COLOR: 'x' });
    expect(noColor.out + noColor.err).not.toContain('\x1b[');
    expect(noColor.out).toBe(tty.out.replace(/\x1b\[\d+m/g, ''));
  });
});
