import type { DaemonFile } from '../../options/index.js';
import type { PackageFamily } from '../../types.js';

/** Placeholder the operator replaces with the subscription serial (the shell runbook reads KOPANOSERIAL). */
export const SERIAL = '<KOPANOSERIAL>';

const BASE = `https://serial:${SERIAL}@download.kopano.io/supported/core:/final`;

/**
 * The Kopano Core repository per distribution family, as the Kopano install guide lays it out:
 * one directory per distribution release under core:/final (Debian_9.0, RHEL_7, SLE_12 here;
 * the operator picks the directory of the release the host runs).
 */
export const REPOSITORY: Record<PackageFamily, { url: string; command: string }> = {
  apt: {
    url: `${BASE}/Debian_9.0/`,
    command: [
      `test -e /etc/apt/sources.list.d/kopano.list || {`,
      `  echo 'deb ${BASE}/Debian_9.0/ ./' > /etc/apt/sources.list.d/kopano.list`,
      `  wget -qO - '${BASE}/Debian_9.0/Release.key' | apt-key add -`,
      `}`,
      `apt-get update`,
    ].join('\n'),
  },
  dnf: {
    url: `${BASE}/RHEL_7/`,
    command: [
      `test -e /etc/yum.repos.d/kopano.repo || printf '%s\\n' '[kopano-core]' 'name=Kopano Core' 'baseurl=${BASE}/RHEL_7/' 'gpgcheck=1' 'gpgkey=${BASE}/RHEL_7/repodata/repomd.xml.key' 'enabled=1' > /etc/yum.repos.d/kopano.repo`,
    ].join('\n'),
  },
  zypper: {
    url: `${BASE}/SLE_12/`,
    command: `zypper lr kopano-core >/dev/null 2>&1 || zypper --non-interactive addrepo --refresh '${BASE}/SLE_12/' kopano-core`,
  },
};

/** Kopano packages per daemon file the input configures (kopano-server-packages brings the core set). */
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

/** The packages for a host whose configuration names `daemons`, in a stable order. */
export function kopanoPackages(daemons: ReadonlySet<DaemonFile>): string[] {
  const out = ['kopano-server-packages'];
  for (const [daemon, pkg] of Object.entries(BY_DAEMON)) if (daemons.has(daemon as DaemonFile)) out.push(pkg);
  return out;
}

export function installCommands(packages: readonly string[]): Record<PackageFamily, string> {
  const list = packages.join(' ');
  return {
    apt: `apt-get install -y ${list}`,
    dnf: `dnf install -y ${list}`,
    zypper: `zypper --non-interactive install ${list}`,
  };
}
