import type { HostMapping } from './kind.js';

/**
 * The ZCP programs and where Kopano installs their successors. ZCP 7.0/7.1 installed the daemons in
 * /usr/bin, 7.2's packages in /usr/sbin; Kopano puts the daemons and the admin tools in /usr/sbin.
 */
const SBIN = '/usr/sbin';
const BIN = '/usr/bin';
const MAKEFILE_87 = 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25 (sbin_PROGRAMS, bin_PROGRAMS)';
const ZCP_MAKEFILE = 'vorlon/zarafa-debian spooler/Makefile.am, ECtools/Makefile.am';

export const ZCP_TOOLS: Readonly<Record<string, { dir: string; source: string }>> = {
  'zarafa-dagent': { dir: SBIN, source: `${ZCP_MAKEFILE}; ${MAKEFILE_87}` },
  'zarafa-spooler': { dir: SBIN, source: MAKEFILE_87 },
  'zarafa-server': { dir: SBIN, source: MAKEFILE_87 },
  'zarafa-gateway': { dir: SBIN, source: MAKEFILE_87 },
  'zarafa-ical': { dir: SBIN, source: MAKEFILE_87 },
  'zarafa-monitor': { dir: SBIN, source: MAKEFILE_87 },
  'zarafa-admin': { dir: SBIN, source: MAKEFILE_87 },
  'zarafa-archiver': { dir: SBIN, source: MAKEFILE_87 },
  'zarafa-search': { dir: SBIN, source: 'Kopano-dev/kopano-core ECtools/search @kopanocore-8.7.25' },
  'zarafa-backup': { dir: SBIN, source: 'Kopano-dev/kopano-core ECtools/backup @kopanocore-8.7.25 (kopano-backup, a new program with its own options)' },
  'zarafa-mailbox-permissions': { dir: SBIN, source: 'Kopano-dev/kopano-core ECtools/utils @kopanocore-8.7.25' },
  'zarafa-fsck': { dir: BIN, source: MAKEFILE_87 },
  'zarafa-passwd': { dir: BIN, source: MAKEFILE_87 },
  'zarafa-stats': { dir: BIN, source: MAKEFILE_87 },
};

/** Tools whose Kopano successor takes other options: a command line naming them is reported. */
export const OPTIONS_CHANGED: ReadonlySet<string> = new Set(['zarafa-backup']);

/** Directories that moved with the packages (the attachments and the index under /var/lib/zarafa stay where the translation keeps them). */
export const ZCP_PATHS: readonly HostMapping[] = [
  { old: '/usr/share/zarafa-webapp', new: '/usr/share/kopano-webapp', source: 'kopano-webapp packaging (kopano-webapp.conf: Alias /webapp /usr/share/kopano-webapp)' },
  { old: '/etc/zarafa/webapp', new: '/etc/kopano/webapp', source: 'kopano-webapp packaging' },
  { old: '/var/lib/zarafa-webapp', new: '/var/lib/kopano-webapp', source: 'kopano-webapp packaging' },
  { old: '/usr/share/zarafa-dagent', new: '/usr/share/kopano-dagent', source: 'Kopano-dev/kopano-core spooler/python @kopanocore-8.7.25 (dagent plugins)' },
  { old: '/var/lib/zarafa/dagent', new: '/var/lib/kopano/dagent', source: 'Kopano-dev/kopano-core installer/linux/dagent.cfg @kopanocore-8.7.25 (plugin_path)' },
  { old: '/var/lib/zarafa/spooler', new: '/var/lib/kopano/spooler', source: 'Kopano-dev/kopano-core installer/linux/spooler.cfg @kopanocore-8.7.25 (plugin_path)' },
  { old: '/var/log/zarafa', new: '/var/log/kopano', source: 'Kopano-dev/kopano-core installer/linux/kopano.logrotate' },
  { old: '/etc/zarafa', new: '/etc/kopano', source: 'Kopano-dev/kopano-core installer/linux/Makefile.am (sysconf_DATA under /etc/kopano)' },
];

/**
 * The server's sockets: ZCP's were files directly in /var/run (`/var/run/zarafa` is the socket
 * itself), Kopano's are in /var/run/kopano. Matched only as whole names (not as a directory prefix).
 */
export const ZCP_SOCKETS: readonly HostMapping[] = [
  { old: '/var/run/zarafa-prio', new: '/var/run/kopano/prio.sock', source: 'Kopano-dev/kopano-core installer/linux/server.cfg @kopanocore-8.7.25 (server_pipe_priority)' },
  { old: '/var/run/zarafa-search', new: '/var/run/kopano/search.sock', source: 'Kopano-dev/kopano-core installer/linux/search.cfg @kopanocore-8.7.25 (server_bind_name)' },
  { old: '/var/run/zarafa', new: '/var/run/kopano/server.sock', source: 'Kopano-dev/kopano-core installer/linux/server.cfg @kopanocore-8.7.25 (server_pipe_name)' },
];

/** The table of programs as mappings (docs/host.md). */
export const TOOL_MAPPINGS: readonly HostMapping[] = Object.entries(ZCP_TOOLS).map(([name, { dir, source }]) => ({
  old: `/usr/bin/${name}, /usr/sbin/${name}, ${name}`,
  new: `${dir}/${kopanoName(name)}`,
  source,
}));

export function kopanoName(zcp: string): string {
  return zcp.replace(/^zarafa-/, 'kopano-');
}

/** One ZCP name found on a line, and what Kopano calls it. */
export interface NameHit {
  start: number;
  end: number;
  old: string;
  new: string;
  /** `tool` (a program, by path or by name), `unit` (`zarafa-x.service`), `path` (a moved directory). */
  what: 'tool' | 'unit' | 'path';
  /** The tool's name, for tools and units. */
  tool?: string;
}

const TOOL_NAMES = Object.keys(ZCP_TOOLS).sort((a, b) => b.length - a.length).join('|');
/** A program by path (/usr/bin, /usr/sbin, /usr/local/bin …) or bare; a unit by name with `.service`. */
const TOOL = (): RegExp => new RegExp(`(?<![\\w./-])((?:/usr(?:/local)?)?/s?bin/)?(${TOOL_NAMES})(\\.service)?(?![\\w.-])`, 'g');
const PATHS = (): RegExp => new RegExp(`(?<![\\w.-])(${[...ZCP_PATHS].sort((a, b) => b.old.length - a.old.length).map((p) => p.old.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?![\\w-])`, 'g');

const SOCKETS = (): RegExp => new RegExp(`(?<![\\w.-])(${ZCP_SOCKETS.map((p) => p.old.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?![\\w/-])`, 'g');

/**
 * Every ZCP program, unit and moved directory on `text` (one line), left to right, none overlapping.
 * `units`: count `zarafa-x` alone (without a path) as well; `paths`: the moved directories.
 */
export function zcpNames(text: string, what: { tools: boolean; paths: boolean }): NameHit[] {
  const hits: NameHit[] = [];
  if (what.tools) {
    for (const m of text.matchAll(TOOL())) {
      const tool = m[2]!;
      const suffix = m[3] ?? '';
      const kopano = kopanoName(tool);
      if (m[1] !== undefined) {
        hits.push({ start: m.index, end: m.index + m[0].length, old: m[0], new: `${ZCP_TOOLS[tool]!.dir}/${kopano}${suffix}`, what: 'tool', tool });
      } else {
        hits.push({ start: m.index, end: m.index + m[0].length, old: m[0], new: kopano + suffix, what: suffix === '' ? 'tool' : 'unit', tool });
      }
    }
  }
  if (what.paths) {
    for (const m of text.matchAll(SOCKETS())) {
      const start = m.index;
      if (hits.some((h) => start < h.end && h.start < start + m[0].length)) continue;
      hits.push({ start, end: start + m[0].length, old: m[0], new: ZCP_SOCKETS.find((p) => p.old === m[1])!.new, what: 'path' });
    }
    for (const m of text.matchAll(PATHS())) {
      const start = m.index;
      if (hits.some((h) => start < h.end && h.start < start + m[0].length)) continue;
      const to = ZCP_PATHS.find((p) => p.old === m[1])!.new;
      hits.push({ start, end: start + m[0].length, old: m[0], new: to, what: 'path' });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Anything that still names ZCP: `zarafa` in a name, a path or a variable (the left-over scan). */
export const ZCP_REFERENCE = /zarafa/i;
