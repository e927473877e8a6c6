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

/** Where prepare keeps the ZCP packages' names, versions and package files, for the way back. */
const KEPT = '/root/zarafa2kopano/zcp-packages';

/**
 * Record the exact name and version of every installed ZCP package and keep its package file
 * where the package cache (or, for apt, the repository) still has it; say before anything is
 * removed which ones a rollback would have to find in a repository.
 */
export function recordZcpCommands(release: SourceFamily): Record<'apt' | 'dnf' | 'zypper', string> {
  const deb = zcpDebPackages(release).join(' ');
  const rpm = zcpRpmPackages(release).join(' ');
  const warn = [
    `if test -s ${KEPT}.missing; then`,
    `  echo "WARNING: no package file kept for these ZCP packages; a rollback must find these versions in a repository:" >&2`,
    `  sed 's/^/  /' ${KEPT}.missing >&2`,
    `fi`,
  ].join('\n');
  const rpmLoop = (caches: string) => [
    `install -d -m 0700 ${KEPT}`,
    `rpm -q --qf '%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\\n' ${rpm} 2>/dev/null | grep -v ' ' > ${KEPT}.list || true`,
    `: > ${KEPT}.missing`,
    `while read -r nevra; do`,
    `  f=$(find ${caches} -name "$nevra.rpm" 2>/dev/null | head -n 1)`,
    `  if test -n "$f"; then cp -a "$f" ${KEPT}/; else echo "$nevra" >> ${KEPT}.missing; fi`,
    `done < ${KEPT}.list`,
    warn,
  ].join('\n');
  return {
    apt: [
      `install -d -m 0700 ${KEPT}`,
      `dpkg-query -W -f='\${db:Status-Abbrev} \${Package}=\${Version} \${Architecture}\\n' ${deb} 2>/dev/null | awk '$1 ~ /^.i/ { print $2, $3 }' > ${KEPT}.list || true`,
      `: > ${KEPT}.missing`,
      `while read -r pv arch; do`,
      `  p=\${pv%%=*}`,
      `  v=\${pv#*=}`,
      `  f="\${p}_\${v//:/%3a}_\${arch}.deb"`,
      `  if test -e "/var/cache/apt/archives/$f"; then cp -a "/var/cache/apt/archives/$f" ${KEPT}/`,
      `  elif ! (cd ${KEPT} && apt-get download "$pv" >/dev/null 2>&1); then echo "$pv" >> ${KEPT}.missing; fi`,
      `done < ${KEPT}.list`,
      warn,
    ].join('\n'),
    dnf: rpmLoop('/var/cache/dnf /var/cache/yum'),
    zypper: rpmLoop('/var/cache/zypp/packages'),
  };
}

/** Reinstall the recorded ZCP packages: the kept files, and the exact versions of the others; configuration files kept as restored. */
export function reinstallZcpCommands(): Record<'apt' | 'dnf' | 'zypper', string> {
  const prelude = [
    `if ! test -e ${KEPT}.list; then echo "no record of the ZCP packages (prepare:zcp-packages): reinstall them by hand" >&2; exit 1; fi`,
    `shopt -s nullglob`,
    `mapfile -t missing < ${KEPT}.missing`,
  ].join('\n');
  return {
    apt: `${prelude}\ndebs=(${KEPT}/*.deb)\nDEBIAN_FRONTEND=noninteractive apt-get install -y --allow-downgrades -o Dpkg::Options::=--force-confold "\${debs[@]}" "\${missing[@]}"`,
    dnf: `${prelude}\nrpms=(${KEPT}/*.rpm)\ndnf install -y "\${rpms[@]}" "\${missing[@]}"`,
    zypper: `${prelude}\nrpms=(${KEPT}/*.rpm)\nzypper --non-interactive install --oldpackage "\${rpms[@]}" "\${missing[@]}"`,
  };
}
