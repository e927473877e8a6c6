/**
 * Files of a ZCP /etc/zarafa that no Kopano program reads, with what became of the program that
 * did. They are not written to the Kopano directory (they would carry Zarafa sockets and paths
 * nobody reads); the report lists each with its fate.
 */
const FATES: Readonly<Record<string, string>> = {
  'ws.cfg': 'zarafa-ws (the Zarafa web services of 7.2) has no Kopano successor',
  'example-msr.cfg': 'an example for zarafa-msr (the mailbox store relocator), which Kopano Core does not ship',
  'backup-plus.cfg': 'zarafa-backup-plus (7.2) has no Kopano successor; kopano-backup reads backup.cfg',
  'licensed.cfg': 'zarafa-licensed (the ZCP license daemon) has no Kopano successor: Kopano Core needs no license daemon',
};

/** What became of the program that read `path` (by its name), when no Kopano program reads it. */
export function kopanoIgnores(path: string): string | undefined {
  return FATES[path.slice(path.lastIndexOf('/') + 1)];
}
