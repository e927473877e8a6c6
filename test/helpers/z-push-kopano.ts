import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Our own stand-ins for the two files the z-push-kopano packages install (the runbook's
 * clients:packages step, done by hand): the clients:z-push-settings steps edit them.
 */
export const Z_PUSH_KOPANO: Readonly<Record<string, string>> = {
  'etc/z-push/z-push.conf.php': "<?php\n    define('TIMEZONE', '');\n    define('USE_FULLEMAIL_FOR_LOGIN', true);\n    define('BACKEND_PROVIDER', '');\n    define('LOGLEVEL', LOGLEVEL_INFO);\n",
  'etc/z-push/kopano.conf.php': "<?php\ndefine('MAPI_SERVER', 'default:');\n",
};

/** Put the stand-ins under `root`, as the package would; their root-relative paths. */
export function installZPushKopano(root: string): string[] {
  for (const [p, text] of Object.entries(Z_PUSH_KOPANO)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
  return Object.keys(Z_PUSH_KOPANO);
}
