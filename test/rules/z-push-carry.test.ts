import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDefineValues } from '../../src/3-plan/php/php-defines.js';
import { carryZPush22 } from '../../src/3-plan/z-push/carry.js';
import { Z_PUSH_NAMES } from '../../src/3-plan/z-push/z-push-names.js';
import { ROOT } from '../helpers/bin.js';

/** A Z-Push 2.2 config.php of our own with every stock value of the table: nothing to carry but the backend. */
const STOCK = ['<?php', ...Z_PUSH_NAMES.filter((n) => n.name !== 'MAPI_SERVER').map((n) => `  define('${n.name}', ${n.stock[0]});`), ''].join('\n');

describe('carryZPush22', () => {
  it('carries nothing from a file at 2.2\'s stock values but BACKEND_PROVIDER and USE_FULLEMAIL_FOR_LOGIN', () => {
    const r = carryZPush22(STOCK);
    expect(r.settings.map((s) => [s.name, s.value, s.file])).toEqual([
      ['USE_FULLEMAIL_FOR_LOGIN', 'false', 'z-push.conf.php'],
      ['BACKEND_PROVIDER', "'BackendKopano'", 'z-push.conf.php'],
    ]);
    expect(r.findings).toEqual([]);
  });

  it('compares without blanks and quote style, and carries the changed value as written', () => {
    const text = STOCK.replace("define('PING_INTERVAL', 30)", "define( 'PING_INTERVAL' ,30 )")
      .replace("define('STATE_DIR', '/var/lib/z-push/')", 'define("STATE_DIR", "/srv/z-push/")')
      .replace("define('LOGFILE', LOGFILEDIR . 'z-push.log')", "define('LOGFILE',LOGFILEDIR.'z-push.log')");
    expect(carryZPush22(text).settings.map((s) => [s.name, s.value])).toEqual([
      ['USE_FULLEMAIL_FOR_LOGIN', 'false'],
      ['STATE_DIR', '"/srv/z-push/"'],
      ['BACKEND_PROVIDER', "'BackendKopano'"],
    ]);
  });

  it('names what it cannot carry: a variable or a call, several lines, another backend, a socket that is not a literal', () => {
    const text = [
      '<?php',
      "define('STATE_DIR', $base . '/state');",
      "define('TIMEZONE', date_default_timezone_get());",
      "define('LOGFILEDIR', '/var/log/",
      "z-push/');",
      "define('BACKEND_PROVIDER', 'BackendCombined');",
      "define('MAPI_SERVER', SERVER_URL);",
      '',
    ].join('\n');
    const r = carryZPush22(text);
    expect(r.settings).toEqual([]);
    expect(r.findings.map((f) => [f.code, f.line])).toEqual([
      ['ZPUSH_SETTING_NOT_CARRIED', 2], ['ZPUSH_SETTING_NOT_CARRIED', 3], ['ZPUSH_SETTING_NOT_CARRIED', 4],
      ['ZPUSH_SETTING_NOT_CARRIED', 6], ['ZPUSH_SETTING_NOT_CARRIED', 7],
    ]);
  });

  it('reads a heredoc as one string: quotes inside it do not hide the defines after it', () => {
    const text = "<?php\ndefine('BODY', <<<END\nyou've got '**X**\nEND\n);\ndefine('MAPI_SERVER', 'default:');\n";
    expect(scanDefineValues(text).map((d) => [d.name, d.line])).toEqual([['BODY', 2], ['MAPI_SERVER', 6]]);
  });
});

describe('docs/cli.md', () => {
  it('lists every Z-Push 2.2 name of the table with its stock values', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
    for (const n of Z_PUSH_NAMES) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${n.name}\` |`));
      expect(row, n.name).toBeDefined();
      for (const v of n.stock) expect(row, n.name).toContain(`\`${v}\``);
      expect(row!.includes('not carried'), n.name).toBe(n.in23 === undefined);
    }
  });
});

describe('planPhpConfig for --z-push', () => {
  it('does not edit a 2.2 config.php on the Zarafa backend: the runbook carries its settings, then fixstates', async () => {
    const { planPhpConfig } = await import('../../src/3-plan/php/plan-php.js');
    const old = "<?php\ndefine('BACKEND_PROVIDER', 'BackendZarafa');\ndefine('MAPI_SERVER', 'file:///var/run/zarafa');\n";
    const r = planPhpConfig(old, 'z-push', 'z-push/config.php');
    expect(r.edits).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['HOST_ZPUSH_UPGRADE']);
    expect(r.actions.map((a) => a.id)).toEqual([
      'clients:z-push-settings:z-push:z-push/config.php', 'clients:z-push-settings:kopano:z-push/config.php', 'clients:z-push-fixstates',
    ]);
  });

  it('still maps the Zarafa socket in a 2.3+ file (kopano.conf.php given with --z-push)', async () => {
    const { planPhpConfig } = await import('../../src/3-plan/php/plan-php.js');
    const r = planPhpConfig("<?php\ndefine('MAPI_SERVER', 'file:///var/run/zarafa');\n", 'z-push', 'z-push/config.php');
    expect(r.changes.map((c) => [c.key, c.after])).toEqual([['MAPI_SERVER', 'file:///var/run/kopano/server.sock']]);
    expect(r.actions).toEqual([]);
  });
});
