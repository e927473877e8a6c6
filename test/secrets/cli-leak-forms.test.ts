// Every leak form issue 14 found, run through the CLI: no stream shows the value, in any mode,
// and --show-secrets does show it (so the file really was read and printed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leakOf, runCli } from './plant.js';

const base = mkdtempSync(path.join(tmpdir(), 'z2k-leak-forms-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
function dirWith(files: Record<string, string | Buffer>): string {
  const dir = path.join(base, String(++n));
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const SECRET = 'Zq7#x=y:$"w 9k';
const ONE_WORD = 'Zq7#x=y:$"w9k';

const FORMS: [string, string, string][] = [
  ['an indented comment', `server_name = mail\n  # mysql_password = ${SECRET}\n`, SECRET],
  ['no `=` (LINE_IGNORED quotes the line)', `mysql_password ${SECRET}\n`, SECRET],
  ['an upper-case key', `MYSQL_PASSWORD = ${SECRET}\n`, SECRET],
  ['a `:` separator', `mysql_password: ${SECRET}\n`, SECRET],
  ['a `;` comment', `;mysql_password = ${SECRET}\n`, SECRET],
  ['a `!` line', `!mysql_password = ${SECRET}\n`, SECRET],
  ['a near-miss name', `mysql_passwd = ${SECRET}\n`, SECRET],
  ['lone-CR line ends (one line to the C++ reader)', `server_name = mail\rmysql_password = ${SECRET}\rlog_level = 3\r`, SECRET],
  ['a comment ending in CR CR LF', `#mysql_password = ${SECRET}\r\r\nlog_level = 3\n`, SECRET],
  ['a one-word value after a comment mark and blanks', `# ldap_bind_passwd ${ONE_WORD}\n`, ONE_WORD],
  ['a tab-separated quoted value', `mysql_password\t=\t"${SECRET}"\n`, SECRET],
];

describe('CLI: no secret on any stream', () => {
  for (const [name, text, secret] of FORMS) {
    it(`${name}: masked in the diff, the report, --json and --check; shown with --show-secrets`, async () => {
      const dir = dirWith({ 'server.cfg': text });
      for (const mode of [[], ['--json'], ['--check'], ['--target', '8.7']]) {
        expect(leakOf(await runCli([...mode, dir]), secret), mode.join(' ')).toBeUndefined();
      }
      expect(leakOf(await runCli(['--show-secrets', dir]), secret)).toBeDefined();
    });
  }

  it('a latin-1 file: the diff is masked before it is encoded', async () => {
    const secret = 'caf\u00e9-Geheim\u00df!';
    const dir = dirWith({ 'server.cfg': Buffer.from(`# caf\u00e9\n  # mysql_password = ${secret}\n`, 'latin1') });
    const printed = await runCli([dir]);
    expect(leakOf(printed, secret)).toBeUndefined();
    expect(leakOf(await runCli(['--show-secrets', dir]), secret)).toBeDefined();
  });

  it('a value quoted by a message of another file (found in one file, masked in all)', async () => {
    const secret = 'Sh4red-Value!';
    const dir = dirWith({
      'server.cfg': `mysql_password = ${secret}\n`,
      'spooler.cfg': `  # note ${secret}\n`,
    });
    expect(leakOf(await runCli([dir]), secret)).toBeUndefined();
    expect(leakOf(await runCli(['--json', dir]), secret)).toBeUndefined();
  });

  it('--kopano-dir: secrets of the Zarafa files merged away and of the Kopano files are masked', async () => {
    const zarafa = dirWith({ 'server.cfg': `server_name = mail\n  # mysql_password = Z4rafa-Old!\n` });
    const kopano = dirWith({ 'server.cfg': `server_name = kopano\n  #ldap_bind_passwd = K0pano-Set!\n` });
    for (const mode of [[], ['--json'], ['--check']]) {
      const printed = await runCli([...mode, '--kopano-dir', kopano, zarafa]);
      expect(leakOf(printed, 'Z4rafa-Old!'), mode.join(' ')).toBeUndefined();
      expect(leakOf(printed, 'K0pano-Set!'), mode.join(' ')).toBeUndefined();
    }
    const shown = await runCli(['--show-secrets', '--kopano-dir', kopano, zarafa]);
    expect(leakOf(shown, 'Z4rafa-Old!')).toBeDefined(); // MISREAD_LINE of the merged Zarafa file quotes it
    expect(leakOf(shown, 'K0pano-Set!')).toBeDefined();
  });

  it('a short secret is masked at its own line, and a common value does not mask the same word elsewhere', async () => {
    const dir = dirWith({ 'server.cfg': '  # mysql_password = ab\nserver_name = abc\nsslkey_pass = yes\nsslkey_file = yes\n' });
    const printed = await runCli(['--json', dir]);
    const json = JSON.parse(printed.stdout.map(String).join('')) as { files: { input: string }[] };
    expect(json.files[0]!.input).toBe('  # mysql_password = ********\nserver_name = abc\nsslkey_pass = ********\nsslkey_file = yes\n');
  });
});
