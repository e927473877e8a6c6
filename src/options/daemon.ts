import type { DaemonFile, TableVersion } from './types.js';

/** The program that reads `file` in `version`, as messages name it. */
export function daemonName(file: DaemonFile, version: TableVersion): string {
  const kc = version === '8.0' || version === '8.7' || version === '11.0';
  const vendor = kc ? 'kopano' : 'zarafa';
  switch (file) {
    case 'ldap.cfg':
    case 'ldap.propmap.cfg':
      return 'the LDAP user plugin';
    case 'unix.cfg':
      return 'the Unix user plugin';
    case 'php-mapi.cfg':
      return 'the PHP extension php-mapi';
    case 'search.cfg':
      return version === '7.0' ? 'zarafa-indexer' : `${vendor}-search`;
    default:
      return `${vendor}-${file.slice(0, -'.cfg'.length)}`;
  }
}

/** What an unknown option makes the daemon do, as the end of a sentence. */
export function unknownOptionEffect(file: DaemonFile, version: TableVersion, policy: 'fatal' | 'warning' | 'unknown'): string {
  const name = daemonName(file, version);
  if (policy === 'warning') return `${name} logs a warning and ignores it`;
  if (policy === 'unknown') return `what ${name} does with it is not known (closed source)`;
  switch (file) {
    case 'ldap.cfg':
    case 'unix.cfg':
      return `${name} rejects the whole file, so every login and address book lookup fails`;
    case 'php-mapi.cfg':
      return `${name} rejects the whole file and none of its log settings apply`;
    case 'dagent.cfg':
      return `${name} refuses to start when run with -c (as the service does)`;
    default:
      return `${name} refuses to start`;
  }
}
