import type { ManualAction } from '../../types.js';
import type { BundleFile } from './bundle-files.js';
import { HOLD_QUEUE } from './mail-intake.js';
import { sh } from './shell.js';

/**
 * The runbook's steps for the files around /etc/zarafa that are not installs: the bundle carries
 * the reviewed host files and configure:install puts them in place like /etc/kopano's (backed up
 * first, restored by the way back). What is left is what reads them: the services to reload, the
 * files a kind removes, the per-user ~/.forward check, and a test of the MTA's path. Pure.
 */

/** Per-user ~/.forward files may pipe into the dagent; the tool does not read them (prepare lists them). */
export function forwardCheckStep(): ManualAction {
  return {
    id: 'host:forward-check',
    reason: 'Per-user ~/.forward files may pipe mail to zarafa-dagent; they are not read by this tool. List them, and change each to /usr/sbin/kopano-dagent.',
    command: 'grep -l zarafa-dagent /home/*/.forward /root/.forward 2>/dev/null || true',
    paths: ['/home/*/.forward'],
  };
}

/**
 * Right after the bundle's files are in place: systemd reads the new drop-ins, AppArmor the local
 * overrides, the web servers their sites. Postfix: the bundle's main.cf was made before stop:intake
 * added defer_transports, so the hold is set again (the saved setting stays the one released at the
 * end) and Postfix reloaded with it; mail for the dagent stays deferred until Kopano runs. The way
 * back does the same once it has restored the files (rollback:reload).
 */
export function reloadStep(files: readonly BundleFile[], holdMail: boolean, id: 'host:reload' | 'rollback:reload' = 'host:reload'): ManualAction | undefined {
  const reload = new Set(files.flatMap((f) => f.reload));
  if (reload.size === 0) return undefined;
  const daemonReload = reload.delete('systemd');
  const postfix = holdMail && reload.delete('postfix');
  const services = [...reload].sort();
  return {
    id,
    reason: `Make the services that read the ${id === 'host:reload' ? 'installed' : 'restored'} host files read them again${daemonReload ? ' (systemd first: the unit drop-ins)' : ''}: ${[...(daemonReload ? ['systemd'] : []), ...(postfix ? ['postfix'] : []), ...services].join(', ')}, each only where it runs.` +
      (postfix ? ` The ${id === 'host:reload' ? 'bundle\'s main.cf does not have the defer_transports stop:intake set' : 'restored main.cf does not have the defer_transports rollback:hold-queue set'}: it is set again before Postfix reloads, so the mail for the dagent stays deferred until ${id === 'host:reload' ? 'start' : 'rollback'}:release-queue.` : ''),
    command: [
      ...(daemonReload ? ['systemctl daemon-reload'] : []),
      ...(postfix ? [HOLD_QUEUE] : []),
      ...services.map((s) => `if systemctl is-active --quiet ${s}; then systemctl reload-or-restart ${s}; fi`),
    ].join('\n'),
  };
}

/** ZCP files the Kopano packages supersede (php's zarafa.ini, logrotate's zarafa): backed up by prepare, removed here, put back by the way back. */
export function removeStep(removed: readonly string[]): ManualAction | undefined {
  if (removed.length === 0) return undefined;
  return {
    id: 'host:remove-packaged',
    scope: 'files',
    reason: 'These ZCP files are superseded by the Kopano packages\' own; left in place they load or rotate what no longer exists. Each is backed up first (prepare:files did), and rollback:files puts it back.',
    command: removed.map((p) => `remove_file ${sh(p)}`).join('\n'),
    paths: [...removed],
  };
}

/**
 * Once the held mail is released: one message through the MTA (the path its transports and pipes
 * now name), read in kopano-dagent's log. Before the release the MTA defers it with the rest;
 * start:delivery-test has already delivered through kopano-dagent itself.
 */
export function mtaDeliveryTestStep(): ManualAction {
  return {
    id: 'host:delivery-test',
    reason: 'Send one message through the MTA, now that the held mail is released, and check that kopano-dagent delivered it to the user TEST_RECIPIENT names: the transports and pipes the bundle changed are the path it takes.',
    command: [
      ': "${TEST_RECIPIENT:?set TEST_RECIPIENT to a user to deliver the test message to}"',
      'printf \'Subject: zarafa2kopano delivery test\\n\\nDelivered through the MTA after the migration.\\n\' | /usr/sbin/sendmail -i "$TEST_RECIPIENT"',
      'sleep 5',
      'tail -n 20 /var/log/kopano/dagent.log',
    ].join('\n'),
  };
}

/** Where ZCP's dagent and spooler look for Python plugins (plugin_path), and where Kopano's do. */
const PLUGIN_DIRS = ['/var/lib/zarafa/dagent/plugins', '/var/lib/kopano/dagent/plugins', '/var/lib/zarafa/spooler/plugins', '/var/lib/kopano/spooler/plugins'];

/**
 * Enabled dagent and spooler plugins are symlinks in plugin_path to the package's plugin files under
 * /usr/share/zarafa-dagent (or -spooler); those go with the ZCP packages, so each link is pointed at
 * the kopano-dagent (kopano-spooler) file of the same name, where the Kopano package has one. Runs
 * after the Kopano packages are installed; a link with no Kopano counterpart is named and left.
 */
export function pluginLinksStep(): ManualAction {
  const dirs = PLUGIN_DIRS.map((d) => `"$(at ${sh(d)})"`).join(' ');
  return {
    id: 'host:plugin-links',
    scope: 'files',
    reason: 'The dagent and spooler plugins enabled as symlinks into /usr/share/zarafa-dagent or /usr/share/zarafa-spooler break when the ZCP packages go: point each at the same file under /usr/share/kopano-dagent or /usr/share/kopano-spooler. A link whose Kopano file does not exist is named and left for you to decide.',
    command: [
      `for d in ${dirs}; do`,
      '  for l in "$d"/*; do',
      '    [ -L "$l" ] || continue',
      '    t=$(readlink "$l")',
      '    case $t in',
      '      /usr/share/zarafa-dagent/*|/usr/share/zarafa-spooler/*) ;;',
      '      *) continue ;;',
      '    esac',
      '    n="/usr/share/kopano-${t#/usr/share/zarafa-}"',
      '    if [ -e "$(at "$n")" ]; then ln -sfn "$n" "$l"; echo "  $l -> $n"; else echo "  $l: no $n, left pointing at $t" >&2; fi',
      '  done',
      'done',
    ].join('\n'),
    check: `! find ${dirs} -maxdepth 1 -type l \\( -lname '/usr/share/zarafa-dagent/*' -o -lname '/usr/share/zarafa-spooler/*' \\) 2>/dev/null | grep -q .`,
    paths: [...PLUGIN_DIRS],
  };
}
