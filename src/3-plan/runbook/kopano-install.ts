import type { DaemonFile } from '../../options/index.js';
import type { PackageFamily } from '../../types.js';

/** Placeholder the docs use for the subscription serial; the shell runbook reads KOPANOSERIAL from its environment. */
export const SERIAL = '<KOPANOSERIAL>';

const BASE = 'https://serial:${KOPANOSERIAL}@download.kopano.io/supported/core:/final';

/** Fails with a clear line when the serial is needed and not set. */
const NEED_SERIAL = ': "${KOPANOSERIAL:?the distribution does not offer the target: set KOPANOSERIAL to the subscription serial for Kopano\'s repository}"';

/**
 * An extended regular expression the package version of kopano-server must match for `target`:
 * 8.0 stands for the 8.0 to 8.6 releases; others by major.minor. An epoch (`1:`) is allowed.
 */
export function versionPattern(target: string): string {
  const body = target === '8.0' ? '8\\.[0-6]\\.' : `${target.replace(/\./g, '\\.')}\\.`;
  return `^([0-9]+:)?${body}`;
}

/** Kopano's repository directory for this host, from /etc/os-release (Kopano's layout: Debian_9.0, Debian_10, Ubuntu_18.04, RHEL_7, SLE_12). */
const DIST_DIR = [
  '. /etc/os-release',
  'case ${ID:-} in',
  '  debian) if test "${VERSION_ID%%.*}" -lt 10; then dir="Debian_${VERSION_ID%%.*}.0"; else dir="Debian_${VERSION_ID%%.*}"; fi ;;',
  '  ubuntu) dir="Ubuntu_${VERSION_ID}" ;;',
  '  rhel | centos | almalinux | rocky) dir="RHEL_${VERSION_ID%%.*}" ;;',
  '  sles | sled | opensuse-leap) dir="SLE_${VERSION_ID%%.*}" ;;',
  '  *) echo "no Kopano repository directory is known for ${ID:-this system} ${VERSION_ID:-}" >&2; exit 1 ;;',
  'esac',
].join('\n');

/** The candidate version of kopano-server each package manager offers (empty: none). */
const CANDIDATE: Record<PackageFamily, string> = {
  apt: `apt-cache policy kopano-server 2>/dev/null | awk '/Candidate:/ { print $2 }' | grep -v '(none)' || true`,
  dnf: `dnf -q info --available kopano-server 2>/dev/null | awk -F': *' '/^Version/ { v = $2 } /^Release/ { print v "-" $2; exit }' || true`,
  zypper: `zypper --non-interactive info kopano-server 2>/dev/null | awk -F': *' '/^Version/ { print $2; exit }' || true`,
};

const ADD_REPOSITORY: Record<PackageFamily, string> = {
  apt: [
    `echo "deb ${BASE}/$dir/ ./" > /etc/apt/sources.list.d/kopano.list`,
    `wget -qO - "${BASE}/$dir/Release.key" | apt-key add -`,
    'apt-get update',
  ].join('\n'),
  dnf: `printf '%s\\n' '[kopano-core]' 'name=Kopano Core' "baseurl=${BASE}/$dir/" 'gpgcheck=1' "gpgkey=${BASE}/$dir/repodata/repomd.xml.key" 'enabled=1' > /etc/yum.repos.d/kopano.repo`,
  zypper: `zypper --non-interactive addrepo --refresh "${BASE}/$dir/" kopano-core`,
};

/**
 * Choose where Kopano comes from: the distribution (or a repository already set up) when it offers
 * kopano-server at the target release; else Kopano's own repository for this host's distribution
 * directory; stop with the versions found when neither does.
 */
export function sourceCommands(target: string): Record<PackageFamily, string> {
  const want = versionPattern(target);
  const out = {} as Record<PackageFamily, string>;
  for (const family of ['apt', 'dnf', 'zypper'] as const) {
    out[family] = [
      `want='${want}'`,
      `v=$(${CANDIDATE[family]})`,
      `if printf '%s\\n' "$v" | grep -Eq "$want"; then echo "kopano-server $v is offered here: installing from it"; exit 0; fi`,
      `echo "offered here: kopano-server \${v:-none}; Kopano Core ${target} is wanted: adding Kopano's repository"`,
      NEED_SERIAL,
      DIST_DIR,
      ADD_REPOSITORY[family],
      `v=$(${CANDIDATE[family]})`,
      `if ! printf '%s\\n' "$v" | grep -Eq "$want"; then`,
      `  echo "neither the distribution nor Kopano's repository ($dir) offers kopano-server ${target} (found: \${v:-none}); stop here and choose another target or source" >&2`,
      `  exit 1`,
      `fi`,
    ].join('\n');
  }
  return out;
}

/** Kopano packages per daemon file the input configures, next to kopano-server. */
const BY_DAEMON: Partial<Record<DaemonFile, string>> = {
  'archiver.cfg': 'kopano-archiver',
  'backup.cfg': 'kopano-backup',
  'presence.cfg': 'kopano-presence',
  'search.cfg': 'kopano-search',
  'monitor.cfg': 'kopano-monitor',
  'gateway.cfg': 'kopano-gateway',
  'ical.cfg': 'kopano-ical',
  'dagent.cfg': 'kopano-dagent',
  'spooler.cfg': 'kopano-spooler',
};

/** The packages for a host whose configuration names `daemons`, in a stable order (the metapackage kopano-core is added where offered). */
export function kopanoPackages(daemons: ReadonlySet<DaemonFile>): string[] {
  const out = ['kopano-server', 'kopano-utils'];
  for (const [daemon, pkg] of Object.entries(BY_DAEMON)) if (daemons.has(daemon as DaemonFile)) out.push(pkg);
  return out;
}

/**
 * Install the packages, then check the installed kopano-server is the target release. On apt,
 * dbconfig-common is told not to set up a database of its own (the migrated ZCP database is the one
 * the translated server.cfg names), the services are kept from starting on install, and the
 * metapackage kopano-core is added where offered.
 */
export function installCommands(packages: readonly string[], target: string): Record<PackageFamily, string> {
  const list = packages.join(' ');
  const want = versionPattern(target);
  const verify = (query: string) => `v=$(${query})\nif ! printf '%s\\n' "$v" | grep -Eq '${want}'; then echo "installed kopano-server $v is not Kopano Core ${target}" >&2; exit 1; fi`;
  return {
    apt: [
      `echo 'kopano-server kopano-server/dbconfig-install boolean false' | debconf-set-selections`,
      `meta=""`,
      `if apt-cache show kopano-core >/dev/null 2>&1; then meta=kopano-core; fi`,
      // Debian's packages start their services on install: kept from it (policy-rc.d), so
      // kopano-server first starts on the migrated database with the bundle's files, in safe mode.
      `if test -e /usr/sbin/policy-rc.d; then echo "/usr/sbin/policy-rc.d exists: services may start on install" >&2; else`,
      `  trap 'rm -f /usr/sbin/policy-rc.d' EXIT`,
      `  printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d`,
      `fi`,
      `DEBIAN_FRONTEND=noninteractive apt-get install -y $meta ${list}`,
      verify(`dpkg-query -W -f='\${Version}' kopano-server`),
    ].join('\n'),
    dnf: [`dnf install -y ${list}`, verify(`rpm -q --qf '%{VERSION}-%{RELEASE}' kopano-server`)].join('\n'),
    zypper: [`zypper --non-interactive install ${list}`, verify(`rpm -q --qf '%{VERSION}-%{RELEASE}' kopano-server`)].join('\n'),
  };
}

/** Remove the Kopano packages again (the way back), each by name, only those installed. */
export function removeCommands(packages: readonly string[]): Record<PackageFamily, string> {
  const list = ['kopano-core', ...packages].join(' ');
  const rpm = `rpm -q --qf '%{NAME}\\n' ${list} 2>/dev/null | grep -v ' '`;
  return {
    apt: `dpkg-query -W -f='\${db:Status-Abbrev} \${Package}\\n' ${list} 2>/dev/null | awk '$1 ~ /^.i/ { print $2 }' | xargs -r apt-get remove -y`,
    dnf: `${rpm} | xargs -r dnf remove -y`,
    zypper: `${rpm} | xargs -r zypper --non-interactive remove`,
  };
}
