import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/bin.js';

// The published SARIF 2.1.0 schema (draft-04), as the @microsoft/jest-sarif package ships it.
const require = createRequire(import.meta.url);
const SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

const tmp = mkdtempSync(join(tmpdir(), 'z2k-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The sample plus a file with an error and one with a warning on known lines. */
function inputDir(): string {
  const dir = join(tmp, 'zarafa');
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, 'fixtures/sample/etc/zarafa'), dir, { recursive: true });
  writeFileSync(join(dir, 'dagent.cfg'), 'server_socket = file:///var/run/zarafa\n!include /etc/passwd\n');
  writeFileSync(join(dir, 'gateway.cfg'), 'server_socket = file:///srv/custom.sock\n');
  return dir;
}

function run(args: string[]): { stdout: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { stdout: r.stdout, status: r.status };
}

describe('--format github', () => {
  it('prints one workflow command per error and warning, with file, line and code', () => {
    const dir = inputDir();
    const { stdout, status } = run(['--format', 'github', dir]);
    expect(status).toBe(2); // the include outside the directory is an error
    const lines = stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning) file=[^,]+(,line=\d+)?,title=[^:]+::/.test(l))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::error file=${dir.replace(/[/.]/g, '\\$&')}/dagent\\.cfg,line=2,title=INCLUDE_OUTSIDE_INPUT::`)));
    expect(lines).toContainEqual(expect.stringMatching(/^::warning file=.*\/gateway\.cfg,line=1,title=CUSTOM_SOCKET_KEPT \(sockets\)::/));
    expect(stdout).not.toContain('\n::notice');
  });

  it('escapes what would end a property or the message', () => {
    const dir = join(tmp, 'odd,name:dir');
    rmSync(dir, { recursive: true, force: true });
    cpSync(inputDir(), dir, { recursive: true });
    const { stdout } = run(['--format', 'github', dir]);
    expect(stdout).toContain('odd%2Cname%3Adir/dagent.cfg');
  });
});

describe('--format sarif', () => {
  // The schema's language-tag pattern is not valid in Unicode mode, so patterns are compiled without it.
  const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04 }).default ?? AjvDraft04;
  const ajv = new (Ajv as unknown as new (o: object) => { compile(s: object): ((x: unknown) => boolean) & { errors?: unknown } })({ strict: false, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(SCHEMA);

  it('the schema check can fail (a log without runs, a result without a message)', () => {
    expect(validate({ version: '2.1.0' })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'X' }] }] })).toBe(false);
  });

  it('is a valid SARIF 2.1.0 log of the sample (schema checked)', () => {
    const { stdout, status } = run(['--format', 'sarif', join(ROOT, 'fixtures/sample/etc/zarafa')]);
    expect(status).toBe(0);
    const log = JSON.parse(stdout) as {
      runs: { results: unknown[]; properties: { changeCount: number; changes: { rule: string; file: string; line?: number; key?: string; reason: string }[] } }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // The sample has no problems: no results, so no code-scanning alerts; its changes are in the run's properties.
    expect(log.runs[0]!.results).toEqual([]);
    const { changeCount, changes } = log.runs[0]!.properties;
    expect(changeCount).toBe(changes.length);
    expect(changes.length).toBeGreaterThan(50);
    expect(changes).toContainEqual({ rule: 'sockets', file: 'spooler.cfg', line: 5, key: 'server_socket', reason: expect.any(String) });
  });

  it('has a result for each problem only, each described by its code', () => {
    const log = JSON.parse(run(['--format', 'sarif', inputDir()]).stdout) as {
      runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string }[] } } }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const ids = log.runs[0]!.results.map((r) => r.ruleId);
    expect(ids).toContain('INCLUDE_OUTSIDE_INPUT');
    expect(ids).toContain('CUSTOM_SOCKET_KEPT');
    expect(ids.every((id) => /^[A-Z_]+$/.test(id))).toBe(true); // codes, never rule ids of changes
    const described = new Set(log.runs[0]!.tool.driver.rules.map((r) => r.id));
    expect(ids.every((id) => described.has(id))).toBe(true);
  });

  it('locates each finding at its file and line', () => {
    const dir = inputDir();
    const log = JSON.parse(run(['--format', 'sarif', dir]).stdout) as {
      runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }[] }[] }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const include = log.runs[0]!.results.find((r) => r.ruleId === 'INCLUDE_OUTSIDE_INPUT')!;
    expect(include.level).toBe('error');
    expect(include.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'dagent.cfg', uriBaseId: 'ZARAFADIR' }, region: { startLine: 2 } });
  });

  it('refuses --json with another --format', () => {
    const r = spawnSync(process.execPath, [BIN, '--json', '--format', 'sarif', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--json and --format sarif');
  });
});

