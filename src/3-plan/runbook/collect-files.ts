import type { ManualAction } from '../../types.js';
import { fromOf, isOn, valueOf, type DaemonView } from './config-view.js';
import { sh, dirOf, trimSlash } from './shell.js';

/** Data the rules other than paths own (moved or reused in the data phase), or state the packages create. */
const NOT_COLLECTED: ReadonlySet<string> = new Set(['attachment_path', 'index_path', 'running_path']);

const SERVER_TLS = new Set(['server_ssl_key_file', 'server_ssl_ca_file', 'server_ssl_ca_path', 'sslkeys_path']);
const DAEMON_TLS = new Set(['ssl_private_key_file', 'ssl_certificate_file', 'ssl_ca_file', 'ssl_ca_path']);

/** ZCP's stock user scripts: Kopano ships its own, so the rules point at those and nothing is copied. */
const STOCK_USERSCRIPT = /\/userscripts\/(create|delete)(user|group|company)$/;

const MOVES: readonly (readonly [string, string])[] = [
  ['/etc/kopano/', '/etc/zarafa/'],
  ['/var/lib/kopano/', '/var/lib/zarafa/'],
];

/** What the collect phase copies and what it left out on purpose (so the rules' per-file copies it replaces are known). */
export interface Collected {
  actions: ManualAction[];
  /** ZCP paths a collect step copies, or that the translated configuration does not use. */
  handled: Set<string>;
}

interface Group {
  from: string;
  to: string;
  /** File names in the directory, or undefined when the whole directory is copied. */
  names: Set<string> | undefined;
  keys: string[];
  first: ManualAction['from'];
}

/**
 * One copy per directory of files the translated configuration still reads from a ZCP location:
 * every value the translation moved from /etc/zarafa or /var/lib/zarafa to the Kopano tree, where
 * the daemon uses it (a TLS key only when TLS is on, a plugin directory only with plugins on).
 */
export function collectFiles(views: readonly DaemonView[]): Collected {
  const groups = new Map<string, Group>();
  const handled = new Set<string>();
  for (const view of views) {
    for (const [key, e] of view.after) {
      if (e.origin.kind !== 'file' || NOT_COLLECTED.has(key) || e.value.endsWith('.cfg')) continue;
      const move = MOVES.find(([k]) => e.value.startsWith(k));
      if (!move) continue;
      const old = move[1] + e.value.slice(move[0].length);
      if (valueOf(view.before, key) !== old) continue;
      if (STOCK_USERSCRIPT.test(e.value)) continue;
      handled.add(old);
      if (!inUse(view, key)) continue;
      const isDir = key.endsWith('_path');
      const from = isDir ? trimSlash(old) : dirOf(old);
      const to = isDir ? trimSlash(e.value) : dirOf(e.value);
      const id = `${from}\u0000${to}`;
      let g = groups.get(id);
      if (!g) {
        g = { from, to, names: isDir ? undefined : new Set(), keys: [], first: fromOf(view, key, 'after') };
        groups.set(id, g);
      }
      if (!isDir) g.names?.add(old.slice(from.length + 1));
      else g.names = undefined;
      g.keys.push(`${key} (${view.file})`);
    }
  }
  const actions = [...groups.values()].map((g): ManualAction => {
    const copy = g.names === undefined
      ? `cp -a ${sh(`${g.from}/.`)} ${sh(`${g.to}/`)}`
      : `cp -a ${[...g.names].sort().map((n) => sh(`${g.from}/${n}`)).join(' ')} ${sh(`${g.to}/`)}`;
    // Done when each copy is there and still the same as its source (or the source is gone).
    const done = g.names === undefined
      ? `test -d ${sh(g.to)} && { ! test -e ${sh(g.from)} || diff -rq ${sh(g.from)} ${sh(g.to)} >/dev/null; }`
      : [...g.names].sort().map((n) => {
        const [from, to] = [sh(`${g.from}/${n}`), sh(`${g.to}/${n}`)];
        return `test -e ${to} && { ! test -e ${from} || cmp -s ${from} ${to}; }`;
      }).join(' && ');
    return {
      id: `collect:${g.to}`,
      phase: 'collect',
      reason: `The translated configuration reads ${g.names === undefined ? 'this directory' : [...g.names].sort().join(', ')} in ${g.to} (${g.keys.join(', ')}); ` +
        `copy ${g.names === undefined || g.names.size === 1 ? 'it' : 'them'} from ${g.from} before the ZCP packages are removed.`,
      command: `install -d ${sh(g.to)}\n${copy}`,
      check: done,
      paths: [g.from, g.to],
      ...(g.first ? { from: g.first } : {}),
    };
  });
  return { actions, handled };
}

/** Whether the daemon reads `key` with the translated settings. */
function inUse(view: DaemonView, key: string): boolean {
  const a = view.after;
  const on = (k: string) => isOn(valueOf(a, k));
  const set = (k: string) => (valueOf(a, k) ?? '').trim() !== '';
  if ((valueOf(a, key) ?? '') === '') return false;
  if (view.daemon === 'server.cfg' && SERVER_TLS.has(key)) return on('server_ssl_enabled') || set('server_listen_tls');
  if (view.daemon === 'gateway.cfg' && DAEMON_TLS.has(key)) {
    return on('imaps_enable') || on('pop3s_enable') || set('imaps_listen') || set('pop3s_listen');
  }
  if (view.daemon === 'ical.cfg' && DAEMON_TLS.has(key)) return on('icals_enable') || set('icals_listen');
  if (key === 'sslkey_file') return (valueOf(a, 'server_socket') ?? '').startsWith('https://');
  if (key === 'plugin_path' && (view.daemon === 'dagent.cfg' || view.daemon === 'spooler.cfg')) return on('plugin_enabled');
  if (key.endsWith('_script') && view.daemon === 'server.cfg') return valueOf(a, 'user_plugin') !== 'db';
  return true;
}
