// Issue 20 (items 2–6, and two of item 8): every text the CLI prints or writes goes through one
// masking step (the runbooks too), PHP secrets are found, masking sees escaped forms, values with
// `=` after a blank or `:` are masked whole, masking never changes a name, and what cannot be read
// as settings or holds control characters reaches no stream as it is.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leakOf, printedTexts, runCli, type Printed } from './plant.js';

const base = mkdtempSync(path.join(tmpdir(), 'z2k-masking-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
function dirWith(files: Record<string, string | Buffer>): string {
  const dir = path.join(base, String(++n));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const MASK = '********';
const FORMATS = [[], ['--json'], ['--format', 'github'], ['--format', 'sarif'], ['--check'], ['--target', '8.7']];

/** Every format, on a pipe and on a terminal, and both runbooks: the secret is in none of them. */
async function expectMaskedEverywhere(dir: string, secret: string, extra: readonly string[] = []): Promise<void> {
  for (const format of FORMATS) {
    for (const tty of [false, true]) {
      expect(leakOf(await runCli([...format, ...extra, dir], { tty }), secret), `${format.join(' ')} tty=${tty}`).toBeUndefined();
    }
  }
  for (const ext of ['md', 'sh']) {
    const runbook = path.join(base, `runbook-${++n}.${ext}`);
    const printed = await runCli(['--runbook', runbook, ...extra, dir]);
    expect(printed.code).toBe(0);
    expect(leakOf(printed, secret, [readFileSync(runbook, 'utf8')]), `--runbook .${ext}`).toBeUndefined();
  }
  // The control: asked to, the run shows it (so the file was read and the value printed).
  expect(leakOf(await runCli(['--show-secrets', '--json', ...extra, dir]), secret)).toBeDefined();
}

describe('item 2: the runbooks are masked and private', () => {
  it('a warning quoting a secret line is masked in runbook.md, and both runbooks are 0600 whatever the umask', async () => {
    const secret = 'Sup3rS3cretPw';
    const dir = dirWith({ 'server.cfg': `server_name = mail\n  # mysql_password = ${secret}\n!mysql_password = ${secret}x\n` });
    const old = process.umask(0);
    try {
      for (const ext of ['md', 'sh']) {
        const runbook = path.join(base, `private-${++n}.${ext}`);
        expect((await runCli(['--runbook', runbook, dir])).code).toBe(0);
        const text = readFileSync(runbook, 'utf8');
        if (ext === 'md') expect(text).toContain(`mysql_password = ${MASK}`); // the MISREAD_LINE warning is there, masked
        expect(text).not.toContain(secret);
        expect(statSync(runbook).mode & 0o777, ext).toBe(0o600);
      }
      const shown = path.join(base, `shown-${++n}.md`);
      await runCli(['--show-secrets', '--runbook', shown, dir]);
      expect(readFileSync(shown, 'utf8')).toContain(secret);
    } finally {
      process.umask(old);
    }
  });
});

describe('item 3: PHP secrets', () => {
  const FORMS: [string, string][] = [
    ['define, single quotes', "define('PLUGIN_SMIME_PASSWORD','PhpS3cretValue');"],
    ['define, double quotes and blanks', 'define( "PLUGIN_SMIME_PASSWORD" , "PhpS3cretValue" );'],
    ['an array element', "$config = array('password' => 'PhpS3cretValue');"],
    ['an element set', "$CONFIG['imap_password'] = 'PhpS3cretValue';"],
    ['a variable', '$ldap_bind_passwd = "PhpS3cretValue";'],
  ];
  for (const [name, line] of FORMS) {
    it(`${name} in a WebApp config.php: masked in --json input/output and everywhere else`, async () => {
      const php = `<?php\ndefine('DEFAULT_SERVER', 'default:');\n${line}\n`;
      const dir = dirWith({ 'server.cfg': 'server_name = mail\n', 'webapp/config.php': php });
      const json = JSON.parse(printedTexts(await runCli(['--json', dir]))[0]!) as { files: { source: string; input: string; output: string }[] };
      const file = json.files.find((f) => f.source === 'webapp/config.php')!;
      expect(file.input).toContain(MASK);
      expect(file.output).toContain(MASK);
      await expectMaskedEverywhere(dir, 'PhpS3cretValue');
    });
  }

  it('a short PHP password is masked after its key', async () => {
    const dir = dirWith({ 'server.cfg': 'server_name = mail\n', 'webapp/config.php': "<?php\ndefine('PLUGIN_SMIME_PASSWORD', 'ab');\n" });
    const json = JSON.parse(printedTexts(await runCli(['--json', dir]))[0]!) as { files: { source: string; input: string }[] };
    expect(json.files.find((f) => f.source === 'webapp/config.php')!.input).toContain(`'PLUGIN_SMIME_PASSWORD', '${MASK}'`);
  });
});

describe('item 4: masking sees every escaped form a format prints', () => {
  for (const secret of ['Ab%cdEf12', 'Q"u\\ote\'9x', 'Gr\u00fc\u00dfe-\u00e9t\u00e9%7', 'Comma,Colon:9%0A']) {
    it(`${JSON.stringify(secret)} in an indented comment: no stream shows it raw, JSON-, %- or \\x-escaped`, async () => {
      const dir = dirWith({ 'server.cfg': `server_name = mail\n  # mysql_password = ${secret}\n` });
      await expectMaskedEverywhere(dir, secret);
    });
  }
});

describe('item 5: a value with `=` after a blank or `:` separator is masked whole', () => {
  it('ldap_bind_passwd c2VjcmV0cGFzcw== and mysql_password: Part0neXYZ=Part7woXYZ, also where UNKNOWN_OPTION quotes the key', async () => {
    const dir = dirWith({ 'server.cfg': 'server_name = mail\nldap_bind_passwd c2VjcmV0cGFzcw==\nmysql_password: Part0neXYZ=Part7woXYZ\n' });
    const shown = printedTexts(await runCli(['--show-secrets', dir])).join('');
    expect(shown).toContain('does not know ldap_bind_passwd c2VjcmV0cGFzcw '); // the message quotes the part before the `=`
    for (const part of ['c2VjcmV0cGFzcw', 'Part0neXYZ', 'Part7woXYZ']) await expectMaskedEverywhere(dir, part);
  });
});

/** Problems of structure in what a run printed: a mask in a diff header, a JSON key, a file name or a command. */
function structureProblems(p: Printed, runbook?: string): string[] {
  const problems: string[] = [];
  const [stdout, , stderr] = printedTexts(p);
  for (const line of `${stdout}\n${stderr}`.split('\n')) {
    if (/^(?:---|\+\+\+) [ab]\//.test(line) && line.includes(MASK)) problems.push(`diff header: ${line}`);
    if (line.includes(`${MASK}.cfg`) || line.includes(`-${MASK}`) || line.includes(`/${MASK}`)) problems.push(`a name: ${line}`);
  }
  if (stdout!.startsWith('{')) {
    const walk = (x: unknown, at: string): void => {
      if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${at}[${i}]`));
      else if (x !== null && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          if (k.includes(MASK)) problems.push(`JSON key ${at}.${k}`);
          if (['source', 'target', 'file', 'command', 'check', 'id'].includes(k) && typeof v === 'string' && v.includes(MASK)) problems.push(`${at}.${k}: ${v}`);
          walk(v, `${at}.${k}`);
        }
      }
    };
    walk(JSON.parse(stdout!), '');
  }
  if (runbook !== undefined) {
    const fences = runbook.split('```').filter((_, i) => i % 2 === 1);
    for (const block of fences) if (block.includes(MASK)) problems.push(`runbook command: ${block.trim().split('\n')[0]}`);
  }
  return problems;
}

describe('item 6: masking never changes structure', () => {
  const PRESENCE = [
    '# Location of presence backup', 'data_path = /var/lib/zarafa/presence/', 'server_bind = 0.0.0.0', 'server_port = 1234',
    'server_secret_key = R4ndomSessionKey', 'server_auth_user = presence',
    'server_auth_password = presence', 'log_file = /var/log/zarafa/presence.log', 'server_token_expire = 5', 'spreed_auto_unavailable = 2',
    'xmpp_jid =', 'xmpp_password =', 'xmpp_user_id_strip_domain = true', '',
  ].join('\n');

  it('server_auth_password = presence: no presence name is masked; the value is masked at its key and the report says so', async () => {
    const dir = dirWith({ 'server.cfg': 'server_name = mail\nmysql_password = S3cretDb!\n', 'presence.cfg': PRESENCE });
    for (const format of [[], ['--json'], ['--format', 'github'], ['--format', 'sarif'], ['--check']]) {
      // --check writes nothing, a runbook neither.
      const runbook = format[0] === '--check' ? undefined : path.join(base, `presence-${++n}.md`);
      const printed = await runCli([...format, ...(runbook ? ['--runbook', runbook] : []), dir]);
      expect(printed.code, format.join(' ')).toBe(format[0] === '--check' ? 1 : 0);
      expect(structureProblems(printed, runbook ? readFileSync(runbook, 'utf8') : ''), format.join(' ')).toEqual([]);
      expect(printedTexts(printed).join('\n')).not.toContain('server_auth_password = presence');
      expect(leakOf(printed, 'S3cretDb!'), format.join(' ')).toBeUndefined();
    }
    const json = JSON.parse(printedTexts(await runCli(['--json', dir]))[0]!) as {
      files: { source: string; diff: string; input: string }[]; source: { files: Record<string, string> };
      diagnostics: { code: string; file: string; line?: number; message: string }[];
    };
    const presence = json.files.find((f) => f.source === 'presence.cfg')!;
    expect(presence.diff.split('\n').slice(0, 2)).toEqual(['--- a/presence.cfg', '+++ b/presence.cfg']);
    expect(presence.input).toContain(`server_auth_password = ${MASK}\n`);
    expect(Object.keys(json.source.files).sort()).toEqual(['presence.cfg', 'server.cfg']);
    const warning = json.diagnostics.find((d) => d.code === 'SECRET_MASKED_AT_KEY_ONLY')!;
    expect(warning).toMatchObject({ file: 'presence.cfg', line: 7 });
    expect(warning.message).toContain('server_auth_password');
    expect(warning.message).not.toContain('= presence');
    const runbook = path.join(base, `presence-${++n}.sh`);
    await runCli(['--runbook', runbook, dir]);
    expect(readFileSync(runbook, 'utf8')).toContain('/var/lib/zarafa/presence/');
  });

  it('mysql_password = file: the report renders (no internal error), JSON keys stay, the value is masked at its key', async () => {
    const dir = dirWith({ 'server.cfg': 'server_name = mail\nmysql_password = file\nattachment_storage = files\n' });
    for (const format of [[], ['--json'], ['--format', 'sarif'], ['--format', 'github']]) {
      const printed = await runCli([...format, dir]);
      expect(printed.code, format.join(' ')).toBe(0);
      expect(printed.stderr).not.toMatch(/internal error/);
      expect(structureProblems(printed)).toEqual([]);
      expect(printedTexts(printed).join('\n')).not.toMatch(/mysql_password = file/);
    }
    const json = JSON.parse(printedTexts(await runCli(['--json', dir]))[0]!) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['files', 'source', 'actions', 'diagnostics']));
    const report = (await runCli([dir])).stderr;
    expect(report).toMatch(/\d+ files? read/);
  });

  it('the --show-secrets diff applies with patch -p1 to a copy of the input and gives --out', async () => {
    const dir = dirWith({ 'server.cfg': 'server_name = mail\nmysql_password = presence\nlog_file = /var/log/zarafa/server.log\n', 'presence.cfg': PRESENCE });
    const out = path.join(base, `out-${++n}`);
    expect((await runCli(['--out', out, dir])).code).toBe(0);
    const diff = printedTexts(await runCli(['--show-secrets', dir]))[0]!;
    const copy = path.join(base, `copy-${++n}`);
    cpSync(dir, copy, { recursive: true });
    execFileSync('patch', ['-p1', '--quiet', '--batch'], { cwd: copy, input: diff });
    for (const f of ['server.cfg', 'presence.cfg']) expect(readFileSync(path.join(copy, f), 'utf8'), f).toBe(readFileSync(path.join(out, f), 'utf8'));
    // The masked diff has the same headers.
    const masked = printedTexts(await runCli([dir]))[0]!;
    const headers = (d: string) => d.split('\n').filter((l) => /^(?:---|\+\+\+|@@)/.test(l));
    expect(headers(masked)).toEqual(headers(diff));
  });
});

describe('item 8: what is not settings, and names with control characters', () => {
  it('a file copied without being understood (a user name and its password, no keys) reaches no stream; the note says its size', async () => {
    const dir = dirWith({ 'server.cfg': 'server_name = mail\n', 'folderadmin.cfg': 'folderadmin\nF0ld3rAdminPw\n' });
    await expectMaskedEverywhere(dir, 'F0ld3rAdminPw');
    const json = JSON.parse(printedTexts(await runCli(['--json', dir]))[0]!) as { files: { source: string; input: string; output: string; opaque?: boolean; diagnostics: { message: string }[] }[] };
    const file = json.files.find((f) => f.source === 'folderadmin.cfg')!;
    expect(file).toMatchObject({ input: '', output: '', opaque: true });
    expect(file.diagnostics[0]!.message).toContain('copied unchanged (26 bytes)');
  });

  it('a settings file no daemon reads (php-mapi.cfg) is still shown', async () => {
    const dir = dirWith({ 'server.cfg': 'server_name = mail\n', 'php-mapi.cfg': 'server_socket = file:///var/run/zarafa\n' });
    const json = JSON.parse(printedTexts(await runCli(['--json', dir]))[0]!) as { files: { source: string; input: string; opaque?: boolean }[] };
    expect(json.files.find((f) => f.source === 'php-mapi.cfg')).toMatchObject({ input: 'server_socket = file:///var/run/zarafa\n' });
  });

  it('a file name with a newline and control characters starts no line of its own on any stream, in any format', async () => {
    const name = 'x\n::error::INJECTED\x1b[2J.cfg';
    const dir = dirWith({ 'server.cfg': 'server_name = mail\n', [name]: 'a = b\n' });
    for (const format of [[], ['--json'], ['--format', 'github'], ['--format', 'sarif'], ['--check'], ['--show-secrets']]) {
      const runbook = format[0] === '--check' ? undefined : path.join(base, `names-${++n}.md`);
      const printed = await runCli([...format, ...(runbook ? ['--runbook', runbook] : []), dir]);
      const texts = [...printedTexts(printed), ...(runbook ? [readFileSync(runbook, 'utf8')] : [])];
      for (const text of texts) {
        expect(text.split('\n').some((l) => l.startsWith('::error::INJECTED')), format.join(' ')).toBe(false);
        expect(text, format.join(' ')).not.toContain('\x1b');
      }
      if (format[0] !== '--check') expect(printed.stderr).toContain('x\\x0a::error::INJECTED\\x1b[2J.cfg'); // the notes name it
    }
  });
});
