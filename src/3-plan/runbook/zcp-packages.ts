import type { SourceFamily } from '../../types.js';

/**
 * The binary packages ZCP shipped, per release (the Debian packaging of ZCP 7.0.1, 7.1 and 7.2.0:
 * debian/control in vorlon/zarafa-debian). Listed by name, never as a pattern: apt reads
 * `zarafa*` as a pattern over package names and leaves libmapi, php-mapi and python-mapi behind.
 * WebApp and Z-Push are not here: they are switched in the clients phase.
 */
const COMMON = [
  'zarafa', 'zarafa-common', 'zarafa-server', 'zarafa-client', 'zarafa-libarchiver', 'zarafa-utils',
  'zarafa-monitor', 'zarafa-spooler', 'zarafa-dagent', 'zarafa-gateway', 'zarafa-ical', 'zarafa-archiver',
  'zarafa-dbg', 'zarafa-dev', 'python-mapi', 'php5-mapi', 'zarafa-webaccess',
] as const;

const BY_RELEASE: Record<SourceFamily, readonly string[]> = {
  '7.0': [...COMMON, 'zarafa-libs', 'zarafa-indexer', 'zarafa-webaccess-mobile'],
  '7.1': [...COMMON, 'zarafa-libs', 'zarafa-contacts', 'zarafa-search'],
  '7.2': [
    ...COMMON, 'zarafa-libmapi', 'zarafa-lang', 'zarafa-contacts', 'python-zarafa', 'zarafa-search-plus',
    'zarafa-webaccess-muc', 'zarafa-presence',
    // The subscription packages of 7.2.
    'zarafa-licensed', 'zarafa-backup', 'zarafa-multiserver', 'zarafa-archiver-extra', 'python-zcp-license', 'zarafa-ws',
  ],
};

/** RPM builds name the PHP and library packages the distribution's way. */
const RPM_EXTRA = ['php-mapi', 'libmapi', 'zarafa-libmapi'] as const;

export function zcpDebPackages(release: SourceFamily): string[] {
  return [...BY_RELEASE[release]];
}

export function zcpRpmPackages(release: SourceFamily): string[] {
  return [...new Set([...BY_RELEASE[release].filter((p) => p !== 'php5-mapi'), ...RPM_EXTRA])];
}

/** The services ZCP ran, per release: stopped before anything is removed. */
export function zcpServices(release: SourceFamily): string[] {
  const search = release === '7.0' ? ['zarafa-indexer'] : ['zarafa-search'];
  const extra = release === '7.2' ? ['zarafa-presence'] : [];
  return ['zarafa-dagent', 'zarafa-spooler', 'zarafa-gateway', 'zarafa-ical', 'zarafa-monitor', ...search, ...extra, 'zarafa-licensed', 'zarafa-server'];
}

/**
 * Where a python-zarafa installed from its source repository (not a package) put itself; Kopano's
 * python-kopano replaces it, and an old copy on the path shadows the packaged one.
 */
export const PYTHON_ZARAFA_DIRS = [
  '/usr/local/lib/python2.7/dist-packages/zarafa',
  '/usr/local/lib/python2.7/site-packages/zarafa',
  '/usr/lib/python2.7/site-packages/zarafa',
] as const;
