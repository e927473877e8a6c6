import type { DaemonFile } from './types.js';

const PLAIN: ReadonlyMap<string, DaemonFile> = new Map<string, DaemonFile>([
  ['server.cfg', 'server.cfg'],
  ['ical.cfg', 'ical.cfg'],
  ['gateway.cfg', 'gateway.cfg'],
  ['search.cfg', 'search.cfg'],
  // ZCP 7.0 shipped the search daemon as zarafa-indexer with indexer.cfg.
  ['indexer.cfg', 'search.cfg'],
  ['ldap.cfg', 'ldap.cfg'],
  ['ldap.propmap.cfg', 'ldap.propmap.cfg'],
  ['unix.cfg', 'unix.cfg'],
  ['dagent.cfg', 'dagent.cfg'],
  ['spooler.cfg', 'spooler.cfg'],
  ['monitor.cfg', 'monitor.cfg'],
  ['archiver.cfg', 'archiver.cfg'],
  ['backup.cfg', 'backup.cfg'],
  ['presence.cfg', 'presence.cfg'],
  // Kopano's Python spamd and autorespond (tables for 11.0 only).
  ['spamd.cfg', 'spamd.cfg'],
  ['autorespond.cfg', 'autorespond.cfg'],
  // The PHP extension's own file (ECConfig::GetDefaultPath("php-mapi.cfg")).
  ['php-mapi.cfg', 'php-mapi.cfg'],
]);

/**
 * The daemon file a config file is for, judged by its base name: `server.cfg` and the rest as
 * named, `indexer.cfg` (7.0) → search.cfg, every LDAP flavour (`ldap.openldap.cfg`,
 * `ldap.active-directory.cfg`, `ldap-*.cfg`, `ldap.*.cfg`) → ldap.cfg. Undefined for files no daemon
 * reads with a table (ws.cfg, example-msr.cfg, backup-plus.cfg, …).
 */
export function daemonFileOf(fileName: string): DaemonFile | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const plain = PLAIN.get(base);
  if (plain) return plain;
  if (/^ldap[.-].+\.cfg$/.test(base)) return 'ldap.cfg';
  return undefined;
}
