/**
 * Zarafa's socket locations and their Kopano counterparts. ZCP put sockets directly in /var/run
 * (`/var/run/zarafa`, `-prio`, `-search`, `-licensed`, and ZCP 7.0's search daemon zarafa-indexer
 * `-indexer`); 7.2.2 and later packages used /var/run/zarafad/*.sock. Kopano uses /var/run/kopano/*.sock.
 */

const RUN = '(/var)?/run';
const FLAT = new RegExp(`^(${RUN})/zarafa(-prio|-search|-indexer|-licensed)?$`);
const ZARAFAD = new RegExp(`^(${RUN})/zarafad/(server|prio|search|licensed)\\.sock$`);
const KOPANO = new RegExp(`^(${RUN})/kopano/[^/]+$`);
// Built once (it does not depend on the daemon), not per pid file.
const PID_FILE = new RegExp(`^(${RUN})/(?:zarafa-[^/]+\\.pid|zarafad?/[^/]+\\.pid)$`);
const FLAT_NAMES: Readonly<Record<string, string>> = { '': 'server', '-prio': 'prio', '-search': 'search', '-indexer': 'search', '-licensed': 'licensed' };

/** What a socket value turns into. */
export type SocketMapping =
  /** A Zarafa default: `value` is the Kopano one. */
  | { kind: 'zarafa'; value: string }
  /** Nothing to do: empty, `default:`, an already Kopano socket, or a network URL without the /zarafa path. */
  | { kind: 'keep' }
  /** A socket path Zarafa never used by default: kept, but a person has to check it. */
  | { kind: 'custom' };

/** Kopano counterpart of a bare Zarafa socket path, or undefined. */
function mapPath(path: string): string | undefined {
  const flat = FLAT.exec(path);
  if (flat) return `${flat[1]}/kopano/${FLAT_NAMES[flat[3] ?? '']}.sock`;
  const zd = ZARAFAD.exec(path);
  if (zd) return `${zd[1]}/kopano/${zd[3]}.sock`;
  return undefined;
}

/**
 * Map a socket option value (`/var/run/zarafa`, `file:///var/run/zarafa-search`,
 * `http://localhost:236/zarafa`, …). The `file://` prefix is kept when it was there.
 */
export function mapSocket(value: string): SocketMapping {
  if (value === '' || value === 'default:') return { kind: 'keep' };
  const http = /^(https?:\/\/[^/]+)\/zarafa\/?$/i.exec(value);
  if (http) return { kind: 'zarafa', value: `${http[1]}/` };
  if (/^https?:\/\//i.test(value)) return { kind: 'keep' };
  const scheme = /^(file:\/\/|unix:)/.exec(value)?.[1] ?? '';
  const path = value.slice(scheme.length);
  const mapped = mapPath(path);
  if (mapped !== undefined) return { kind: 'zarafa', value: scheme + mapped };
  if (KOPANO.test(path)) return { kind: 'keep' };
  return { kind: 'custom' };
}

/**
 * Map a pid file path for `daemon` (`server`, `search`, …): every Zarafa pid file in /var/run
 * (`zarafa-<name>.pid`, also 7.0's `zarafa-indexer.pid`, and the /var/run/zarafad layout) becomes
 * /var/run/kopano/<daemon>.pid.
 */
export function mapPidFile(value: string, daemon: string): SocketMapping {
  if (value === '') return { kind: 'keep' };
  const m = PID_FILE.exec(value);
  if (m) return { kind: 'zarafa', value: `${m[1]}/kopano/${daemon}.pid` };
  if (KOPANO.test(value)) return { kind: 'keep' };
  return { kind: 'custom' };
}
