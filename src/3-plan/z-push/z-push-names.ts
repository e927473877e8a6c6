/**
 * The settings of Z-Push 2.2's two files on ZCP (config.php, backend/zarafa/config.php) and where
 * Z-Push 2.3 and later (z-push-kopano) read each: facts read in Z-Hub/Z-Push, nothing else. `stock`
 * is the 2.2 value as the upstream file writes it (PHP source; the define lists are the same in
 * every 2.2 release from 2.2.3 to 2.2.14, MAPI_SERVER's value excepted).
 */

/** The 2.3+ file a setting goes to: the main one or the Kopano backend's. */
export type ZPushFile = 'z-push.conf.php' | 'kopano.conf.php';

export interface ZPushName {
  name: string;
  /** 2.2's stock values (PHP source as written upstream). */
  stock: readonly string[];
  /** Where 2.3+ reads it; undefined when it no longer does. */
  in23: ZPushFile | undefined;
  /** Why it is not carried though the name may exist (renamed, another meaning), for the finding. */
  changed?: string;
  /**
   * 2.3 changed the default in a way users notice: the 2.2 value is carried even when it is 2.2's
   * stock one (USE_FULLEMAIL_FOR_LOGIN: 2.2 logs on with the user name, 2.3 with the full address).
   */
  keepStock?: true;
  source: string;
}

const MAIN_22 = 'Z-Hub/Z-Push 2.2.3..2.2.14 src/config.php';
const BACKEND_22 = 'Z-Hub/Z-Push 2.2.3..2.2.14 src/backend/zarafa/config.php';
const MAIN_23 = 'Z-Hub/Z-Push 2.3.0..2.7.1 src/config.php';
const KOPANO_23 = 'Z-Hub/Z-Push 2.3.0..2.7.1 src/backend/kopano/config.php';

/** A name 2.2's config.php defines and every 2.3+ z-push.conf.php defines too. */
function main(name: string, ...stock: string[]): ZPushName {
  return { name, stock, in23: 'z-push.conf.php', source: `${MAIN_22}; ${MAIN_23}` };
}

export const Z_PUSH_NAMES: readonly ZPushName[] = [
  main('TIMEZONE', "''"),
  main('BASE_PATH', "dirname($_SERVER['SCRIPT_FILENAME']). '/'"),
  main('SCRIPT_TIMEOUT', '0'),
  { name: 'USE_X_FORWARDED_FOR_HEADER', stock: ['false'], in23: undefined, source: `${MAIN_22}; Z-Hub/Z-Push 2.3.x src/config.php (gone from 2.4.0)`,
    changed: 'Z-Push 2.4 replaced it with USE_CUSTOM_REMOTE_IP_HEADER, which names the header (such as \'HTTP_X_FORWARDED_FOR\') instead of a true/false' },
  main('CERTIFICATE_OWNER_PARAMETER', '"SSL_CLIENT_S_DN_CN"'),
  { ...main('USE_FULLEMAIL_FOR_LOGIN', 'false'), keepStock: true },
  main('STATE_DIR', "'/var/lib/z-push/'"),
  main('LOGFILEDIR', "'/var/log/z-push/'"),
  main('LOGFILE', "LOGFILEDIR . 'z-push.log'"),
  main('LOGERRORFILE', "LOGFILEDIR . 'z-push-error.log'"),
  main('LOGLEVEL', 'LOGLEVEL_INFO'),
  main('LOGAUTHFAIL', 'false'),
  main('LOGUSERLEVEL', 'LOGLEVEL_DEVICEID'),
  main('PROVISIONING', 'true'),
  main('LOOSE_PROVISIONING', 'false'),
  main('SYNC_CONFLICT_DEFAULT', 'SYNC_CONFLICT_OVERWRITE_PIM'),
  main('SYNC_FILTERTIME_MAX', 'SYNC_FILTERTYPE_ALL'),
  main('PING_INTERVAL', '30'),
  { name: 'SINK_FORCERECHECK', stock: ['300'], in23: undefined, source: `${MAIN_22}; ${MAIN_23} (not defined)`,
    changed: 'Z-Push 2.3 and later no longer read it' },
  main('FILEAS_ORDER', 'SYNC_FILEAS_LASTFIRST'),
  main('SYNC_MAX_ITEMS', '100'),
  main('UNSET_UNDEFINED_PROPERTIES', 'false'),
  main('SYNC_CONTACTS_MAXPICTURESIZE', '5242880'),
  main('ALLOW_WEBSERVICE_USERS_ACCESS', 'false'),
  main('USE_PARTIAL_FOLDERSYNC', 'false'),
  main('BACKEND_PROVIDER', "''"),
  main('SEARCH_PROVIDER', "''"),
  main('SEARCH_WAIT', '10'),
  main('SEARCH_MAXRESULTS', '10'),
  // 2.2.3–2.2.8 shipped the socket, 2.2.9–2.2.14 the HTTP port; the Kopano backend's stock is 'default:'.
  { name: 'MAPI_SERVER', stock: ["'file:///var/run/zarafa'", "'http://127.0.0.1:236/zarafa'"], in23: 'kopano.conf.php', source: `${BACKEND_22}; ${KOPANO_23}` },
];

export function zPushName(name: string): ZPushName | undefined {
  return Z_PUSH_NAMES.find((n) => n.name === name);
}
