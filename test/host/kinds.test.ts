import { describe, expect, it } from 'vitest';
import type { HostContext, HostKind } from '../../src/host/kind.js';
import { HOST_KINDS } from '../../src/host/kinds/index.js';
import type { LineDoc } from '../../src/host/line-doc.js';
import { applySplices } from '../../src/host/line-doc.js';
import type { Target } from '../../src/types.js';

const kind = (id: string): HostKind<LineDoc> => HOST_KINDS.find((k) => k.id === id)!;
const ctx = (target: Target, dagent?: string): HostContext => ({ target, kopano: new Map(dagent ? [['dagent.cfg', dagent]] : []), files: new Map() });

/** The kind's result for `text` at `path`: the output text and the plan. */
function run(id: string, path: string, text: string, context = ctx('8.7')) {
  const k = kind(id);
  const doc = k.parse(text);
  const plan = k.plan(doc, path, context);
  return { output: applySplices(doc, plan.edits), plan, destination: k.destination(path) };
}

describe('Postfix main.cf', () => {
  it('gives mailbox_command Kopano\'s dagent, also on a continuation line, and leaves the transport label', () => {
    const text = 'mailbox_transport = zarafa\nmailbox_command =\n  /usr/bin/zarafa-dagent "$USER"\n# mailbox_command = /usr/bin/zarafa-dagent\n';
    const { output, plan } = run('postfix-main', 'etc/postfix/main.cf', text);
    expect(output).toBe('mailbox_transport = zarafa\nmailbox_command =\n  /usr/sbin/kopano-dagent "$USER"\n# mailbox_command = /usr/bin/zarafa-dagent\n');
    expect(plan.edits.map((e) => [e.rule, e.key, e.line])).toEqual([['postfix-main:dagent', 'mailbox_command', 3]]);
  });

  it('leaves parameters that do not deliver, even when they name a ZCP program', () => {
    const text = 'smtpd_banner = zarafa-dagent host\n';
    expect(run('postfix-main', 'etc/postfix/main.cf', text).output).toBe(text);
  });

  it('checks an LMTP transport against the translated dagent (8.7 lmtp_listen, 8.0 server_bind and lmtp_port)', () => {
    const text = 'virtual_transport = lmtp:127.0.0.1:2003\n';
    expect(run('postfix-main', 'x', text, ctx('8.7', 'lmtp_listen = 127.0.0.1:2003\n')).plan.findings).toEqual([]);
    expect(run('postfix-main', 'x', text, ctx('8.7')).plan.findings).toEqual([]); // default *:2003
    expect(run('postfix-main', 'x', text, ctx('8.7', 'lmtp_listen = 10.1.1.1:2003\n')).plan.findings.map((f) => f.code)).toEqual(['HOST_LMTP_UNREACHABLE']);
    expect(run('postfix-main', 'x', text, ctx('8.0', 'server_bind = 127.0.0.1\nlmtp_port = 2004\n')).plan.findings.map((f) => [f.code, f.line])).toEqual([['HOST_LMTP_UNREACHABLE', 1]]);
    expect(run('postfix-main', 'x', text, ctx('8.0', 'server_bind = 127.0.0.1\n')).plan.findings).toEqual([]);
  });
});

describe('Postfix master.cf', () => {
  it('replaces the pipe\'s argv program and keeps the service name, user= and the -o overrides', () => {
    const text = 'zarafa unix - n n - 10 pipe\n  flags=DRhu user=zarafa argv=/usr/sbin/zarafa-dagent ${user}\n  -o zarafa_destination_recipient_limit=1\n';
    const { output, plan } = run('postfix-master', 'etc/postfix/master.cf', text);
    expect(output).toBe('zarafa unix - n n - 10 pipe\n  flags=DRhu user=zarafa argv=/usr/sbin/kopano-dagent ${user}\n  -o zarafa_destination_recipient_limit=1\n');
    expect(plan.understood).toEqual([1, 2, 3]);
  });
});

describe('fetchmail', () => {
  it('replaces the mda program and knows the passwords as secrets', () => {
    const { output, plan } = run('fetchmail', 'etc/fetchmailrc', 'poll a user "u" password "p4ss word" mda "/usr/bin/zarafa-dagent %T"\npoll b pass xyz1\n');
    expect(output).toBe('poll a user "u" password "p4ss word" mda "/usr/sbin/kopano-dagent %T"\npoll b pass xyz1\n');
    expect(plan.secrets).toEqual(['p4ss word', 'xyz1']);
  });

  it('is mail intake (the runbook stops and starts it) only when its mda runs the dagent', () => {
    expect(run('fetchmail', 'etc/fetchmailrc', 'poll a mda "/usr/bin/zarafa-dagent %T"\npoll b mda "/usr/sbin/kopano-dagent %T"\n').plan.intake).toEqual(['fetchmail']);
    expect(run('fetchmail', 'etc/fetchmailrc', 'poll a mda "/usr/bin/procmail -d %T"\n# mda "/usr/bin/zarafa-dagent %T"\n').plan.intake).toEqual([]);
  });
});

describe('/etc/default/zarafa and /etc/sysconfig/zarafa', () => {
  it('renames the locale variables, keeps their quoting, reports the others, and goes to the kopano file', () => {
    const text = 'export ZARAFA_LOCALE="de_DE.UTF-8"\nZARAFA_USERSCRIPT_LOCALE=\'de_DE.UTF-8\'\nZARAFA_OTHER=1\n';
    const r = run('zarafa-env', 'etc/sysconfig/zarafa', text, ctx('8.0'));
    expect(r.output).toBe('export KOPANO_LOCALE="de_DE.UTF-8"\nKOPANO_USERSCRIPT_LOCALE=\'de_DE.UTF-8\'\nZARAFA_OTHER=1\n');
    expect(r.destination).toBe('etc/sysconfig/kopano');
    expect(r.plan.findings.map((f) => [f.code, f.line])).toEqual([['HOST_VARIABLE_LEFT', 3]]);
    expect(r.plan.actions).toEqual([]);
  });

  it('for 8.7 leaves the store locale to admin.cfg (a finding, no runbook step)', () => {
    const r = run('zarafa-env', 'etc/default/zarafa', 'ZARAFA_LOCALE="pt_BR.UTF-8"\n', ctx('8.7'));
    expect(r.plan.actions).toEqual([]);
    expect(r.plan.findings.map((f) => [f.code, f.line])).toEqual([['HOST_LOCALE_MOVED', 1]]);
  });
});

describe('/etc/kopano/admin.cfg', () => {
  const withEnv = (target: Target, files: Record<string, string>): HostContext => ({ ...ctx(target), files: new Map(Object.entries(files)) });

  it('for 8.7 gets default_store_locale from ZARAFA_LOCALE (unquoted), as a new file or a line added to the root\'s', () => {
    const c = withEnv('8.7', { 'etc/default/zarafa': '# x\nexport ZARAFA_LOCALE="pt_BR.UTF-8"\n' });
    const made = run('kopano-admin', 'etc/kopano/admin.cfg', '', c);
    expect(made.output).toMatch(/^# zarafa2kopano\[kopano-admin\]: ZARAFA_LOCALE of \/etc\/default\/zarafa\ndefault_store_locale = pt_BR\.UTF-8\n$/);
    expect(made.destination).toBe('etc/kopano/admin.cfg');
    // The package's file, its commented default kept, the line added at the end (after a line end).
    const stock = '#default_store_locale =\n\n#server_socket = default:';
    const edited = run('kopano-admin', 'etc/kopano/admin.cfg', stock, c);
    expect(edited.output.startsWith(`${stock}\n`)).toBe(true);
    expect(edited.output.endsWith('\ndefault_store_locale = pt_BR.UTF-8\n')).toBe(true);
    expect(kind('kopano-admin').creates?.paths).toContain('etc/kopano/admin.cfg');
  });

  it('writes only options kopano-admin 8.7 knows (it stops on unknown ones)', () => {
    const c = withEnv('8.7', { 'etc/sysconfig/zarafa': "ZARAFA_LOCALE='nl_NL.UTF-8'\n" });
    const names = run('kopano-admin', 'etc/kopano/admin.cfg', '', c).output.split('\n')
      .filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split('=')[0]!.trim());
    // ECtools/admin/admin.cpp and ECtools/storeadm.cpp @kopanocore-8.7.25: the admin.cfg defaults.
    for (const n of names) expect(['default_store_locale', 'server_socket', 'sslkey_file', 'sslkey_pass']).toContain(n);
    expect(names).toEqual(['default_store_locale']);
    // 11.0 reads the same file (kopano-storeadm @kopanocore-11.0.2).
    expect(run('kopano-admin', 'etc/kopano/admin.cfg', '', { ...c, target: '11.0' }).output).toContain('default_store_locale = nl_NL.UTF-8\n');
  });

  it('keeps an admin.cfg that sets it already (a finding when the value differs), and does nothing for 8.0 or without a locale', () => {
    const c = withEnv('8.7', { 'etc/default/zarafa': 'ZARAFA_LOCALE=de_DE.UTF-8\n' });
    const same = run('kopano-admin', 'etc/kopano/admin.cfg', 'default_store_locale = de_DE.UTF-8\n', c);
    expect([same.plan.edits, same.plan.findings]).toEqual([[], []]);
    const other = run('kopano-admin', 'etc/kopano/admin.cfg', 'default_store_locale = en_US\n', c);
    expect(other.plan.edits).toEqual([]);
    expect(other.plan.findings.map((f) => [f.code, f.line])).toEqual([['HOST_LOCALE_MOVED', 1]]);
    expect(run('kopano-admin', 'etc/kopano/admin.cfg', '', withEnv('8.0', { 'etc/default/zarafa': 'ZARAFA_LOCALE=de_DE.UTF-8\n' })).output).toBe('');
    expect(run('kopano-admin', 'etc/kopano/admin.cfg', '', withEnv('8.7', { 'etc/default/zarafa': '# ZARAFA_LOCALE=de_DE.UTF-8\nZARAFA_LOCALE=\n' })).output).toBe('');
  });
});

describe('userscripts', () => {
  it('carries a user\'s own script to /etc/kopano with KOPANO_* and kopano-admin', () => {
    const r = run('userscripts', 'etc/zarafa/userscripts/createuser.d/10mine', '#!/bin/sh\nzarafa-admin -u "$ZARAFA_USER" --details\necho $ZARAFA_SOMETHING\n');
    expect(r.output).toBe('#!/bin/sh\nkopano-admin -u "$KOPANO_USER" --details\necho $ZARAFA_SOMETHING\n');
    expect(r.destination).toBe('etc/kopano/userscripts/createuser.d/10mine');
    expect(r.plan.write).toBe(true);
  });

  it('leaves a stock script to the package, and counts a stock name with another command as the user\'s', () => {
    const stock = '#! /bin/sh\n\n# comment\nPATH=$PATH:/sbin:/usr/local/sbin:/usr/sbin\nzarafa-admin --utf8 -s -I "${ZARAFA_COMPANY}"\n';
    expect(run('userscripts', 'etc/zarafa/userscripts/createcompany.d/00createpublic', stock).plan.write).toBe(false);
    expect(run('userscripts', 'etc/zarafa/userscripts/createcompany.d/00createpublic', `${stock}logger created\n`).plan.write).toBe(true);
  });
});

describe('cron, systemd, logrotate, web, PHP', () => {
  it('cron: tools get their Kopano paths; zarafa-backup is reported', () => {
    const r = run('cron', 'etc/crontab', '0 1 * * * root zarafa-backup -a && /usr/bin/zarafa-stats --top\n');
    expect(r.output).toBe('0 1 * * * root kopano-backup -a && /usr/bin/kopano-stats --top\n');
    expect(r.plan.findings.map((f) => f.code)).toEqual(['HOST_OPTIONS_CHANGED']);
  });

  it('systemd: a drop-in of a ZCP unit moves to the Kopano unit; units named elsewhere are renamed', () => {
    expect(kind('systemd').destination('etc/systemd/system/zarafa-dagent.service.d/x.conf')).toBe('etc/systemd/system/kopano-dagent.service.d/x.conf');
    expect(run('systemd', 'etc/systemd/system/a.service', 'Wants=zarafa-search.service\n').output).toBe('Wants=kopano-search.service\n');
    expect(run('systemd', 'etc/systemd/system/b.service', 'ExecStart=/bin/true\n').plan.write).toBe(false);
  });

  it('logrotate: the stock logs only → removed; a custom log → paths renamed in place', () => {
    const stock = run('logrotate', 'etc/logrotate.d/zarafa', '/var/log/zarafa/*.log {\n weekly\n}\n');
    expect([stock.plan.write, stock.plan.remove]).toEqual([false, true]);
    const own = run('logrotate', 'etc/logrotate.d/zarafa-extra', '/srv/mail.log {\n postrotate\n  killall -HUP zarafa-server\n endscript\n}\n');
    expect(own.output).toBe('/srv/mail.log {\n postrotate\n  killall -HUP kopano-server\n endscript\n}\n');
  });

  it('web: WebApp paths in Apache directives; comments left', () => {
    const r = run('web-server', 'etc/apache2/sites-available/w.conf', '# Alias /webapp /usr/share/zarafa-webapp\nAlias /webapp /usr/share/zarafa-webapp\n');
    expect(r.output).toBe('# Alias /webapp /usr/share/zarafa-webapp\nAlias /webapp /usr/share/kopano-webapp\n');
  });

  it('PHP: zarafa.ini is removed, not written', () => {
    const r = run('php-ini', 'etc/php5/apache2/conf.d/zarafa.ini', 'extension=mapi.so\n');
    expect([r.plan.write, r.plan.remove, r.plan.findings[0]!.code]).toEqual([false, true, 'HOST_LEFT_TO_PACKAGE']);
  });
});

describe('AppArmor local overrides', () => {
  const server = (attachments: string): HostContext => ({ target: '8.7', kopano: new Map([['server.cfg', `attachment_path = ${attachments}\nlog_file = /var/log/kopano/server.log\n`]]), files: new Map() });

  it('adds the kept attachments to the server profile\'s local file, once, keeping what the file holds', () => {
    const path = 'etc/apparmor.d/local/usr.sbin.kopano-server';
    const r = run('apparmor', path, '# site additions', server('/var/lib/zarafa/attachments/'));
    expect(r.output).toBe('# site additions\n# zarafa2kopano[apparmor]: attachment_path keeps /var/lib/zarafa/attachments, outside what the profile allows\n/var/lib/zarafa/attachments/ r,\n/var/lib/zarafa/attachments/** rwk,\n');
    expect(run('apparmor', path, r.output, server('/var/lib/zarafa/attachments/')).plan.edits).toEqual([]);
    expect(run('apparmor', path, '', server('/var/lib/kopano/attachments')).plan.edits).toEqual([]);
  });

  it('makes the local files only where the root has /etc/apparmor.d', () => {
    expect(kind('apparmor').creates).toEqual({ probe: 'etc/apparmor.d', paths: expect.arrayContaining(['etc/apparmor.d/local/usr.sbin.kopano-server']) });
  });
});

describe('Z-Push 2.2', () => {
  /** Our own 2.2 config.php: two settings changed, one left at 2.2's default, one 2.3 no longer reads, one unknown. */
  const OLD = [
    '<?php',
    "// define('BACKEND_PROVIDER', 'BackendIMAP');",
    "define('TIMEZONE', 'Europe/Berlin');",
    "define('BACKEND_PROVIDER', 'BackendZarafa');",
    "define('SYNC_MAX_ITEMS', 100);",
    "define('LOGLEVEL', LOGLEVEL_WBXML);",
    "define('SINK_FORCERECHECK', 600);",
    "define('MY_OWN', 1);",
    '',
  ].join('\n');
  /** Our own 2.3-like z-push.conf.php and kopano.conf.php. */
  const NEW = "<?php\n    define('TIMEZONE', '');\n    define('USE_FULLEMAIL_FOR_LOGIN', true);\n    define('BACKEND_PROVIDER', '');\n    define('SYNC_MAX_ITEMS', 512);\n";
  const BACKEND_NEW = "<?php\ndefine('MAPI_SERVER', 'default:');\n";
  const withFiles = (files: Record<string, string>): HostContext => ({ ...ctx('8.7'), files: new Map(Object.entries(files)) });

  it('leaves the 2.2 file, carries what it changed by a runbook step per 2.3+ file, names what it cannot carry, and asks for fixstates', () => {
    const r = run('z-push', 'etc/z-push/config.php', OLD);
    expect(r.plan.write).toBe(false);
    expect(r.plan.edits).toEqual([]);
    expect(r.plan.findings.map((f) => [f.code, f.line])).toEqual([['HOST_ZPUSH_UPGRADE', 3], ['ZPUSH_SETTING_NOT_CARRIED', 7], ['ZPUSH_SETTING_NOT_CARRIED', 8]]);
    expect(r.plan.findings[1]!.message).toContain('SINK_FORCERECHECK');
    expect(r.plan.findings[2]!.message).toContain('MY_OWN');
    expect(r.plan.actions.map((a) => a.id)).toEqual(['clients:z-push-settings:z-push:etc/z-push/config.php', 'clients:z-push-fixstates']);
    const step = r.plan.actions[0]!;
    expect(step.scope).toBe('files');
    expect(step.command).toBe(`set_php_defines /etc/z-push/z-push.conf.php TIMEZONE "'Europe/Berlin'" BACKEND_PROVIDER "'BackendKopano'" LOGLEVEL "LOGLEVEL_WBXML"`);
  });

  it('maps the backend\'s Zarafa socket to Kopano\'s for kopano.conf.php, and keeps a custom one with a warning', () => {
    const local = run('z-push', 'usr/share/z-push/backend/zarafa/config.php', "<?php\ndefine('MAPI_SERVER', 'file:///var/run/zarafa');\n");
    expect(local.plan.actions[0]!.id).toBe('clients:z-push-settings:kopano:usr/share/z-push/backend/zarafa/config.php');
    expect(local.plan.actions[0]!.command).toBe(`set_php_defines /etc/z-push/kopano.conf.php MAPI_SERVER "'file:///var/run/kopano/server.sock'"`);
    const custom = run('z-push', 'usr/share/z-push/backend/zarafa/config.php', '<?php\ndefine("MAPI_SERVER", "file:///srv/zarafa.sock");\n');
    expect(custom.plan.actions[0]!.command).toBe(`set_php_defines /etc/z-push/kopano.conf.php MAPI_SERVER $'"file:///srv/zarafa.sock"'`);
    expect(custom.plan.findings.map((f) => f.code)).toContain('CUSTOM_SOCKET_KEPT');
  });

  it('maps the Zarafa socket to the translated server.cfg\'s server_pipe_name, and replaces the guide\'s by-hand step', () => {
    const withServer: HostContext = { ...ctx('8.7'), kopano: new Map([['server.cfg', 'server_pipe_name = /srv/kopano/server.sock\n']]) };
    const r = run('z-push', 'etc/z-push/backend/zarafa/config.php', "<?php\ndefine('MAPI_SERVER', 'file:///var/run/zarafa');\n", withServer);
    expect(r.plan.actions[0]!.command).toBe(`set_php_defines /etc/z-push/kopano.conf.php MAPI_SERVER "'file:///srv/kopano/server.sock'"`);
    expect(r.plan.supersedes).toEqual(['clients:z-push']);
  });

  it('names a BACKEND_PROVIDER it cannot read instead of guessing', () => {
    const r = run('z-push', 'etc/z-push/config.php', "<?php\ndefine('BACKEND_PROVIDER', MY_BACKEND);\n");
    expect(r.plan.findings.map((f) => [f.code, f.line])).toEqual([['HOST_ZPUSH_UPGRADE', 2]]);
    expect(r.plan.actions).toEqual([]);
  });

  it('says nothing about a Z-Push on another backend', () => {
    const r = run('z-push', 'etc/z-push/config.php', "<?php\ndefine('BACKEND_PROVIDER', 'BackendIMAP');\n");
    expect([r.plan.findings, r.plan.actions]).toEqual([[], []]);
  });

  it('edits the 2.3+ files in place where the root has them, and then makes no runbook step for them', () => {
    const files = withFiles({ 'etc/z-push/config.php': OLD, 'etc/z-push/z-push.conf.php': NEW, 'etc/z-push/kopano.conf.php': BACKEND_NEW,
      'etc/z-push/backend/zarafa/config.php': "<?php\ndefine('MAPI_SERVER', 'file:///var/run/zarafa');\n" });
    const old = run('z-push', 'etc/z-push/config.php', OLD, files);
    expect(old.plan.actions.map((a) => a.id)).toEqual(['clients:z-push-fixstates']);
    expect(old.plan.findings[0]!.message).toContain('which this run edits');
    const conf = run('z-push', 'etc/z-push/z-push.conf.php', NEW, files);
    expect(conf.plan.write).toBe(true);
    expect(conf.output).toBe("<?php\n    define('TIMEZONE', 'Europe/Berlin');\n    define('USE_FULLEMAIL_FOR_LOGIN', true);\n    define('BACKEND_PROVIDER', 'BackendKopano');\n    define('SYNC_MAX_ITEMS', 512);\n");
    // LOGLEVEL is carried but this file has no define line for it: named, with the 2.2 file and line.
    expect(conf.plan.findings.map((f) => [f.code, f.message.includes('etc/z-push/config.php:6')])).toEqual([['ZPUSH_SETTING_NOT_CARRIED', true]]);
    const backend = run('z-push', 'etc/z-push/kopano.conf.php', BACKEND_NEW, files);
    expect(backend.output).toBe("<?php\ndefine('MAPI_SERVER', 'file:///var/run/kopano/server.sock');\n");
    // Idempotent: the edited file plans no edit.
    expect(run('z-push', 'etc/z-push/z-push.conf.php', conf.output, files).plan.edits).toEqual([]);
  });

  it('maps the Zarafa socket of a Z-Push 2.3+ kopano.conf.php that already ran on ZCP, with no 2.2 file behind it; a socket of its own is left', () => {
    const zarafa = "<?php\ndefine('MAPI_SERVER', \"file:///var/run/zarafa\"); // ZCP\n";
    const r = run('z-push', 'etc/z-push/kopano.conf.php', zarafa, withFiles({ 'etc/z-push/kopano.conf.php': zarafa }));
    expect(r.output).toBe("<?php\ndefine('MAPI_SERVER', \"file:///var/run/kopano/server.sock\"); // ZCP\n");
    expect(r.plan.understood).toEqual([2]);
    expect(run('z-push', 'etc/z-push/kopano.conf.php', r.output, withFiles({ 'etc/z-push/kopano.conf.php': r.output })).plan.edits).toEqual([]);
    const custom = "<?php\ndefine('MAPI_SERVER', 'file:///srv/zarafa.sock');\n";
    expect(run('z-push', 'etc/z-push/kopano.conf.php', custom, withFiles({ 'etc/z-push/kopano.conf.php': custom })).plan.edits).toEqual([]);
  });

  it('carries USE_FULLEMAIL_FOR_LOGIN at 2.2\'s default (2.3 changed it) and skips other defaults', () => {
    const r = run('z-push', 'etc/z-push/config.php', "<?php\ndefine('BACKEND_PROVIDER', '');\ndefine('USE_FULLEMAIL_FOR_LOGIN', false);\ndefine('PING_INTERVAL',30);\ndefine('BASE_PATH', dirname($_SERVER['SCRIPT_FILENAME']). '/');\n");
    expect(r.plan.actions[0]!.command).toBe(`set_php_defines /etc/z-push/z-push.conf.php BACKEND_PROVIDER "'BackendKopano'" USE_FULLEMAIL_FOR_LOGIN "false"`);
    expect(r.plan.findings.map((f) => f.code)).toEqual(['HOST_ZPUSH_UPGRADE']);
  });
});
