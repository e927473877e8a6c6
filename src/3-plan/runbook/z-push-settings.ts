import type { ManualAction } from '../../types.js';
import type { CarriedSetting } from '../z-push/carry.js';
import { zPushConfPath } from '../z-push/carry.js';
import type { ZPushFile } from '../z-push/z-push-names.js';
import { sh } from './shell.js';

/** The id prefix of the steps that set carried Z-Push settings (one per 2.2 file; phases.ts orders them before fixstates). */
export const Z_PUSH_SETTINGS_STEP = 'clients:z-push-settings';

/**
 * A shell word for a PHP value: in double quotes when nothing in it is special there (readable),
 * else bash's $'…' with `\\`, `'` and control characters escaped (exact, and nothing in it expands).
 */
function shValue(value: string): string {
  if (/^[^"$`\\!\x00-\x1f\x7f]+$/.test(value)) return `"${value}"`;
  return `$'${value.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/**
 * Set each carried define in the 2.3+ file the z-push-kopano packages installed, with the script's
 * set_php_defines (src/report/render-runbook-sh.ts): the file must exist and have an active
 * `define('NAME', …)` line for every name, else nothing changes and the step fails naming them;
 * backed up once (rollback:files restores it); idempotent; works under --root.
 */
function setDefinesCommand(file: ZPushFile, settings: readonly CarriedSetting[]): string {
  return ['set_php_defines', sh(zPushConfPath(file)), ...settings.flatMap((s) => [s.name, shValue(s.value)])].join(' ');
}

/** The step that carries a Z-Push 2.2 file's settings into one 2.3+ file, after z-push-kopano is installed. */
export function zPushSettingsStep(source: string, file: ZPushFile, settings: readonly CarriedSetting[]): ManualAction {
  const path = zPushConfPath(file);
  return {
    id: `${Z_PUSH_SETTINGS_STEP}:${file.replace(/\.conf\.php$/, '')}:${source.replace(/^\/+/, '')}`,
    scope: 'files',
    reason: `Z-Push 2.3 and later read ${path} instead of Z-Push 2.2's ${source}: once z-push-kopano is installed, set there what this host changed (${settings.map((s) => s.name).join(', ')}). The file is backed up first; a define it lacks stops the step before anything changes.`,
    command: setDefinesCommand(file, settings),
    paths: [path],
    from: { file: source },
  };
}

/** Z-Push 2.3's device states are another layout than 2.2's: converted once the new Z-Push is installed and set. */
export function zPushFixstatesStep(): ManualAction {
  return {
    id: 'clients:z-push-fixstates',
    reason: `Z-Push 2.3 and later keep the device states in another layout than 2.2: once z-push-kopano is installed and ${zPushConfPath('z-push.conf.php')} and ${zPushConfPath('kopano.conf.php')} are set, convert them, or the phones resynchronise from scratch.`,
    command: 'z-push-admin -a fixstates',
    paths: [zPushConfPath('z-push.conf.php'), zPushConfPath('kopano.conf.php')],
  };
}
