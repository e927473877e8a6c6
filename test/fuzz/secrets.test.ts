// Plants a secret in a random form in a random file of a Zarafa directory (a daemon file, an included
// file, a latin-1 file, a Kopano file, a WebApp or Z-Push config.php, a file that is not settings),
// runs the CLI on it the way a user would (diff, report, --json, SARIF, GitHub annotations, --check,
// --out, --kopano-dir, both targets, a terminal or a pipe, a Markdown or shell runbook) and fails if
// any stream or runbook shows it, raw or escaped as any format escapes it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateConfigText, makeRng, type Rng } from '../helpers/generate.js';
import { leakOf, LINE_ENDS, phpSecretLine, runCli, secretLine, secretValue } from '../secrets/plant.js';
import { secretsFuzzBudget } from './budget.js';

const budget = secretsFuzzBudget();
const base = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'z2k-secrets-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const DAEMON_FILES = ['server.cfg', 'ldap.cfg', 'spooler.cfg', 'dagent.cfg', 'gateway.cfg', 'ical.cfg', 'monitor.cfg', 'presence.cfg', 'search.cfg', 'archiver.cfg'];
const REAL_LINES = ['server_name = mail', 'log_level = 3', 'attachment_storage = files', 'sslkey_file = /etc/zarafa/ssl/server.pem', '# Password of the certificate', 'ldap_uri = ldap://localhost/'];

/** A file's text: some real lines, some generated ones, and (when given) the secret line, with random line ends. */
function fileText(r: Rng, planted: string[]): string {
  const lines = generateConfigText(r, { maxLines: 5, longLine: 0 }).split(/\r\n|\n|\r/);
  for (let i = r.int(3); i > 0; i--) lines.splice(r.int(lines.length + 1), 0, r.pick(REAL_LINES));
  for (const p of planted) lines.splice(r.int(lines.length + 1), 0, p);
  const style = r.int(4); // one line end for the file, or a mix
  const end = r.pick(LINE_ENDS);
  return lines.map((l, i) => l + (i === lines.length - 1 && r.chance(0.3) ? '' : style === 0 ? r.pick(LINE_ENDS) : end)).join('');
}

/**
 * Write `text` in UTF-8, or in latin-1 with a latin-1 line first and what latin-1 cannot hold
 * replaced (an astral character would become a NUL byte, and a file with one is refused unread).
 */
function write(file: string, text: string, latin1: boolean): void {
  writeFileSync(file, latin1 ? Buffer.from(`# caf\u00e9 \u00fcber\n${text.replace(/[^\u0000-\u00ff]/g, '?')}`, 'latin1') : text);
}

interface PlantedCase {
  argv: string[];
  secret: string;
  /** The secret as the file holds it, when that differs (a PHP literal with escapes): printed as the file's text. */
  written?: string;
  /** The runbook the run writes, if any. */
  runbook?: string;
  tty: boolean;
  /** The control run: the same files with --show-secrets --json, merged only when the secret is in the Kopano files alone. */
  control: string[];
}

/** A Zarafa directory (and maybe a Kopano one) under `root` with one secret planted somewhere, and the command line to run. */
function plantCase(r: Rng, root: string): PlantedCase {
  const zarafa = path.join(root, 'zarafa');
  mkdirSync(zarafa, { recursive: true });
  let secret = secretValue(r);
  let planted = secretLine(r, secret);
  if (planted.needsOneWord) {
    secret = secretValue(r, { oneWord: true });
    planted = secretLine(r, secret);
    while (planted.needsOneWord && /\s/.test(secret)) planted = secretLine(r, secret);
  }
  const lines = r.chance(0.15) ? [planted.line, planted.line] : [planted.line]; // a duplicate key
  // 0-6 a daemon file, 7 an included file, 8 an included .cfg, 9 a Kopano file, 10 a config.php, 11 a file that is not settings.
  const where = r.int(12);
  let written: string | undefined;
  // An include is read only by the C++ reader: server.cfg holds it (search.cfg's Python reader ignores it).
  const files = [...new Set([...(where === 7 || where === 8 ? ['server.cfg'] : []), ...Array.from({ length: 1 + r.int(3) }, () => r.pick(DAEMON_FILES))])];
  const latin1 = r.chance(0.2) && !/[^\u0000-\u00ff]/.test(secret);
  const merge = r.chance(0.2);
  let kopano: string | undefined;
  if (merge) {
    kopano = path.join(root, 'kopano');
    mkdirSync(kopano);
    for (const f of files) write(path.join(kopano, f), fileText(r, where === 9 ? lines : []), false);
  }
  files.forEach((f, i) => {
    let text = fileText(r, i === 0 && where < 7 ? lines : []);
    if (i === 0 && where >= 7 && where < 9) text += `\n!include ${where === 7 ? 'secret.inc' : 'common.cfg'}\n`;
    write(path.join(zarafa, f), text, latin1);
  });
  if (where === 7 || where === 8) write(path.join(zarafa, where === 7 ? 'secret.inc' : 'common.cfg'), fileText(r, lines), latin1);
  if (merge && where === 9) { /* planted in the Kopano files only */ } else if (where === 9) {
    write(path.join(zarafa, files[0]!), fileText(r, lines), latin1);
  }
  if (where === 10) {
    const planted = phpSecretLine(r, secret);
    if (planted.literal !== secret) written = planted.literal;
    const php = ['<?php', "define('DEFAULT_SERVER', 'default:');", planted.line, "define('LANG', 'en_US.UTF-8');", ''].join(r.pick(['\n', '\r\n']));
    const client = r.pick(['webapp', 'z-push']);
    mkdirSync(path.join(zarafa, client));
    writeFileSync(path.join(zarafa, client, 'config.php'), php);
  }
  // An appliance's folderadmin.cfg: a user name and its password, one a line, no keys.
  if (where === 11) writeFileSync(path.join(zarafa, r.pick(['folderadmin.cfg', 'admin.cfg'])), `folderadmin\n${secret}\n`);

  const argv: string[] = [];
  if (r.chance(0.3)) argv.push('--target', '8.7');
  if (kopano) argv.push('--kopano-dir', kopano);
  const mode = r.int(6);
  if (mode === 1) argv.push('--json');
  if (mode === 2) argv.push('--check');
  if (mode === 3) argv.push('--out', path.join(root, 'out'));
  if (mode === 4) argv.push('--format', 'github');
  if (mode === 5) argv.push('--format', 'sarif');
  const runbook = mode !== 2 && r.chance(0.3) ? path.join(root, r.pick(['runbook.md', 'runbook.sh'])) : undefined;
  if (runbook) argv.push('--runbook', runbook);
  argv.push(zarafa);
  // A merge prints the Kopano text of a merged file, not the Zarafa one: the control shows the Zarafa texts.
  const control = ['--show-secrets', '--json', ...(merge && where === 9 ? ['--kopano-dir', kopano!] : []), zarafa];
  return { argv, secret, control, tty: r.chance(0.2), ...(runbook ? { runbook } : {}), ...(written !== undefined ? { written } : {}) };
}

describe('fuzz: secrets on no stream', () => {
  it(`a secret planted in any form in any file read never shows on stdout or stderr (${budget.count} cases)`, async () => {
    const leaks: string[] = [];
    const crashes: string[] = [];
    let shown = 0;
    let controlCrashed = 0;
    for (let seed = budget.firstSeed; seed < budget.firstSeed + budget.count && leaks.length < 5; seed++) {
      const r = makeRng(seed);
      const root = path.join(base, String(seed));
      const c = plantCase(r, root);
      const printed = await runCli(c.argv, { tty: c.tty });
      // An internal error or a failed edit (a translation bug) is no leak as long as it shows no secret: listed, for the report.
      const streams = `${printed.stdout}\n${printed.stderr}`;
      const bug = ['internal error', 'RULE_EDIT_FAILED'].map((m) => streams.indexOf(m)).find((i) => i >= 0);
      if (bug !== undefined) crashes.push(`seed ${seed}: ${c.argv.join(' ')}: ${streams.slice(bug).split('\n').slice(0, 3).join(' ')}`);
      const runbookTexts = c.runbook !== undefined && existsSync(c.runbook) ? [readFileSync(c.runbook, 'utf8')] : [];
      const leak = leakOf(printed, c.secret, runbookTexts) ?? (c.written !== undefined ? leakOf(printed, c.written, runbookTexts) : undefined);
      if (leak !== undefined) leaks.push(`seed ${seed}: ${c.argv.join(' ')}${c.tty ? ' (tty)' : ''}\n  secret ${JSON.stringify(c.secret)}\n  in …${JSON.stringify(leak)}…`);
      // The control: asked to show secrets, the run does show the planted one (so it was read).
      if (seed % 20 === 0) {
        const control = await runCli(c.control).catch((e: unknown) => e as Error);
        if (control instanceof Error) controlCrashed++; // --show-secrets rethrows an internal error; counted above
        else if (leakOf(control, c.secret) !== undefined || (c.written !== undefined && leakOf(control, c.written) !== undefined)) shown++;
        else leaks.push(`seed ${seed}: the control run with --show-secrets did not show ${JSON.stringify(c.secret)}: nothing was planted`);
      }
      rmSync(root, { recursive: true, force: true });
    }
    expect(leaks.join('\n')).toBe('');
    if (crashes.length > 0) console.warn(`${crashes.length} internal errors (translation bugs, no secret shown):\n${crashes.join('\n')}`);
    expect(shown + controlCrashed).toBe(Math.floor((budget.firstSeed + budget.count - 1) / 20) - Math.floor((budget.firstSeed - 1) / 20));
  }, budget.timeout);
});
