import type { HostKind } from '../kind.js';
import type { LineDoc } from '../line-doc.js';
import { apparmorKind } from './apparmor.js';
import { autorespondKind } from './autorespond.js';
import { cronKind } from './cron.js';
import { fetchmailKind } from './fetchmail.js';
import { kopanoAdminKind } from './kopano-admin.js';
import { logrotateKind } from './logrotate.js';
import { phpIniKind } from './php-ini.js';
import { postfixMainKind } from './postfix-main.js';
import { postfixMasterKind } from './postfix-master.js';
import { systemdKind } from './systemd-units.js';
import { userscriptsKind } from './userscripts.js';
import { webappPluginsKind } from './webapp-plugins.js';
import { webServerKind } from './web-server.js';
import { zarafaEnvKind } from './zarafa-env.js';
import { zPushKind } from './z-push.js';

/**
 * The file kinds of the host, in the order they claim files (a path goes to the first kind that
 * claims it). The pipeline iterates this table; a new kind is a file here and a row.
 */
export const HOST_KINDS: readonly HostKind<LineDoc>[] = [
  postfixMainKind as HostKind<LineDoc>,
  postfixMasterKind as HostKind<LineDoc>,
  fetchmailKind,
  zarafaEnvKind,
  userscriptsKind,
  cronKind,
  systemdKind,
  logrotateKind,
  webServerKind,
  phpIniKind,
  webappPluginsKind,
  autorespondKind,
  apparmorKind,
  zPushKind,
  kopanoAdminKind,
];
