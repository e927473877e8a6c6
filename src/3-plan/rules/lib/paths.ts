/**
 * Where Zarafa's files live under Kopano. Pure string mapping of absolute paths; which option a
 * path belongs to (and whether it may be rewritten at all) is the calling rule's business.
 */

/** Directory swaps, checked on a path-component boundary. */
const DIRECTORIES: readonly (readonly [string, string])[] = [
  ['/etc/zarafa', '/etc/kopano'],
  ['/var/log/zarafa', '/var/log/kopano'],
  ['/var/lib/zarafa', '/var/lib/kopano'],
  ['/usr/lib/zarafa', '/usr/lib/kopano'],
  ['/usr/lib64/zarafa', '/usr/lib64/kopano'],
  ['/usr/share/zarafa', '/usr/share/kopano'],
];

/** DIRECTORIES with the `from/` prefix built once, not per path and directory. */
const DIRECTORY_PREFIXES = DIRECTORIES.map(([from, to]) => [from, to, `${from}/`] as const);

/** Programs that moved and were renamed (KC installs its helpers under /usr/sbin). */
const PROGRAMS: ReadonlyMap<string, string> = new Map([
  ['/usr/bin/zarafa-mr-accept', '/usr/sbin/kopano-mr-accept'],
  ['/usr/sbin/zarafa-mr-accept', '/usr/sbin/kopano-mr-accept'],
  ['/usr/bin/zarafa-autorespond', '/usr/sbin/kopano-autorespond'],
  ['/usr/sbin/zarafa-autorespond', '/usr/sbin/kopano-autorespond'],
]);

/** `/usr/share/zarafa-dagent/python` and friends: per-program data directories. */
const SHARE_PROGRAM = /^\/usr\/share\/zarafa-([A-Za-z0-9_.-]+)(\/.*)?$/;

/**
 * The Kopano location of a Zarafa path, or undefined when `path` is not one of Zarafa's
 * (already a Kopano path, relative, or somewhere else entirely).
 * `/etc/zarafa/x` → `/etc/kopano/x`, `/var/log/zarafa` → `/var/log/kopano`,
 * `/usr/share/zarafa-dagent/python` → `/usr/share/kopano-dagent/python`,
 * `/usr/bin/zarafa-mr-accept` → `/usr/sbin/kopano-mr-accept`.
 */
export function zarafaToKopanoPath(path: string): string | undefined {
  const program = PROGRAMS.get(path);
  if (program) return program;
  const share = SHARE_PROGRAM.exec(path);
  if (share) return `/usr/share/kopano-${share[1]}${share[2] ?? ''}`;
  for (const [from, to, under] of DIRECTORY_PREFIXES) {
    if (path === from || path.startsWith(under)) return to + path.slice(from.length);
  }
  return undefined;
}

/** True for paths a person owns and must carry over (certificates, templates, plugin dirs), not program files or logs. */
export function isUserData(zarafaPath: string): boolean {
  return zarafaPath.startsWith('/etc/zarafa/') || zarafaPath.startsWith('/var/lib/zarafa/');
}

/** True when `path` names a config file, which the directory translation carries itself. */
export function isConfigFile(path: string): boolean {
  return path.endsWith('.cfg');
}

/** `path` quoted for a POSIX shell when it needs quoting. */
export function shellQuote(path: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The directory part of an absolute path (`/` for a file at the root). */
export function dirnameOf(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
