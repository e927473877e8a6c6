import { finding, insert, remove, withdrawInsert, type RuleStep } from '../rule-steps.js';
import type { DaemonFile } from '../../options/index.js';
import type { Rule, RuleContext } from '../rule.js';
import { isSetAnywhere, targetSpec } from './lib/values.js';

/** One Kopano 8.7 `*_listen` option and the ZCP options it is built from. */
interface Listener {
  key: string;
  /** Literal-`yes` switch that turned the listener on; absent when it is always on (LMTP). */
  enable?: string;
  /** Case-insensitive `yes` (CalDAV) instead of the exact string. */
  enableIgnoresCase?: boolean;
  /** Port options, first found wins (aliases last). */
  ports: readonly string[];
}

interface DaemonListeners {
  bind: string;
  listeners: readonly Listener[];
  /** Other ZCP options 8.7 does not know any more (aliases of the above). */
  extra: readonly string[];
}

const LISTENERS: Partial<Record<DaemonFile, DaemonListeners>> = {
  'server.cfg': {
    bind: 'server_bind',
    listeners: [
      { key: 'server_listen', enable: 'server_tcp_enabled', ports: ['server_tcp_port', 'server_port'] },
      { key: 'server_listen_tls', enable: 'server_ssl_enabled', ports: ['server_ssl_port'] },
    ],
    extra: ['server_port'],
  },
  'gateway.cfg': {
    bind: 'server_bind',
    listeners: [
      { key: 'imap_listen', enable: 'imap_enable', ports: ['imap_port'] },
      { key: 'imaps_listen', enable: 'imaps_enable', ports: ['imaps_port'] },
      { key: 'pop3_listen', enable: 'pop3_enable', ports: ['pop3_port'] },
      { key: 'pop3s_listen', enable: 'pop3s_enable', ports: ['pop3s_port'] },
    ],
    extra: [],
  },
  'ical.cfg': {
    bind: 'server_bind',
    listeners: [
      { key: 'ical_listen', enable: 'ical_enable', enableIgnoresCase: true, ports: ['ical_port'] },
      { key: 'icals_listen', enable: 'icals_enable', enableIgnoresCase: true, ports: ['icals_port'] },
    ],
    extra: [],
  },
  'dagent.cfg': {
    bind: 'server_bind',
    listeners: [{ key: 'lmtp_listen', ports: ['lmtp_port'] }],
    extra: [],
  },
};

/** Reads an option as the ZCP daemon saw it: this plan's value, else the effective (included or default) one. */
type Read = (key: string) => string | undefined;

export const listenOptionsRule: Rule = {
  id: 'listen-options',
  title: 'Kopano 8.7: build server_listen, imap_listen, ical_listen, lmtp_listen, … from the bind/port/enable options',
  why:
    'Kopano 8.7 replaced the bind address, port and enable switches by one *_listen option per listener and no longer ' +
    'knows the old names, which stop the daemon; the new options are written so each listener keeps its address and ' +
    'port (the dagent in particular keeps listening on 127.0.0.1 only). Kopano 11 listens on the loopback interface ' +
    'only by default (`*%lo:236`, 8.7.85), so a listener ZCP opened to the network is written out explicitly.',
  guide: 'For Kopano 8.7: turn server_bind/*_port/*_enable into the *_listen options.',
  files: ['server.cfg', 'gateway.cfg', 'ical.cfg', 'dagent.cfg'],
  targets: ['8.7', '11.0'],
  *apply(ctx) {
    const spec = LISTENERS[ctx.daemon];
    if (!spec) return;
    const planned: Read = (k) => ctx.plan.valueOf(k) ?? ctx.effective.get(k)?.value;
    const zcpDefault: Read = (k) => ctx.sourceTable?.options.get(k)?.default;
    const oldKeys = [spec.bind, ...spec.listeners.flatMap((l) => [...(l.enable ? [l.enable] : []), ...l.ports]), ...spec.extra];
    const uniqueOld = [...new Set(oldKeys)];

    for (const listener of spec.listeners) {
      if (isSetAnywhere(ctx, listener.key) || ctx.included) continue; // already 8.7 form, or the including file decides
      const l = { ...listener, ports: lastAssignedFirst(ctx, listener.ports) };
      const value = listenValue(l, spec.bind, planned);
      const fromDefaults = listenValue(l, spec.bind, zcpDefault);
      const kopanoDefault = targetSpec(ctx, l.key)?.default ?? '';
      yield* reportOffSwitch(ctx, l, planned);
      // Equal to both the Kopano default and what ZCP's defaults alone give: nothing to write (and a
      // second run, which sees no old options, reaches the same conclusion).
      if (value === kopanoDefault && value === fromDefaults) continue;
      const from = [spec.bind, ...(l.enable ? [l.enable] : []), l.ports[0]!].join(', ');
      const what = value === '' ? 'this listener was off' : `it listened on ${value}`;
      yield insert(l.key, value, { near: [l.key, ...(l.enable ? [l.enable] : []), ...l.ports] }, `Kopano ${ctx.options.target} replaces ${from} by ${l.key}; ${what} in ZCP`);
    }

    for (const key of uniqueOld) {
      if (knownInTarget(ctx, key)) continue; // still known (none today, but the table decides)
      const users = spec.listeners.filter((l) => key === spec.bind || l.enable === key || l.ports.includes(key));
      const replacement = users.map((l) => l.key).join(' and ');
      const reason = `Kopano ${ctx.options.target} does not know ${key} and refuses to start with it; ${replacement} ${users.length > 1 ? 'replace' : 'replaces'} it`;
      for (const s of ctx.plan.settingsList()) if (s.key === key) yield remove(s.line.number, reason);
      yield withdrawInsert(key);
    }
  },
};

/**
 * An option and its alias (`server_tcp_port`, `server_port`) set the same value, and the line the
 * reader sees last wins: put the key assigned last in the file first.
 */
function lastAssignedFirst(ctx: RuleContext, keys: readonly string[]): readonly string[] {
  let last: string | undefined;
  for (const s of ctx.plan.settings()) if (keys.includes(s.key)) last = s.key;
  return last === undefined ? keys : [last, ...keys.filter((k) => k !== last)];
}

/** Known to the target, and, for an alias (8.7 `server_port`), so is the option it stands for. */
function knownInTarget(ctx: RuleContext, key: string): boolean {
  const spec = targetSpec(ctx, key);
  return spec !== undefined && (spec.aliasOf === undefined || targetSpec(ctx, spec.aliasOf) !== undefined);
}

/** `host:port` as ec_parse_bindaddr reads it: `*` for every address, brackets around IPv6. */
function listenValue(l: Listener, bindKey: string, read: Read): string {
  if (l.enable && !isYes(read(l.enable) ?? '', l.enableIgnoresCase)) return '';
  const port = portOf(l, read);
  if (port === 0) return '';
  const bind = read(bindKey) ?? '';
  const host = bind === '' ? '*' : bind.includes(':') && !bind.startsWith('[') ? `[${bind}]` : bind;
  return `${host}:${port}`;
}

function isYes(value: string, ignoreCase = false): boolean {
  return ignoreCase ? value.toLowerCase() === 'yes' : value === 'yes';
}

/** strtoul base 10 as the daemons read ports: leading digits, 0 when there are none. */
function portOf(l: Listener, read: Read): number {
  for (const key of l.ports) {
    const v = read(key);
    if (v === undefined) continue;
    const n = Number(/^\d+/.exec(v)?.[0] ?? '0');
    return n > 65535 ? 0 : n;
  }
  return 0;
}

/** `server_ssl_enabled = true` looks on but was off: say so, since the listener stays off. */
function* reportOffSwitch(ctx: RuleContext, l: Listener, read: Read): Generator<RuleStep> {
  if (!l.enable) return;
  const v = read(l.enable);
  if (v === undefined || isYes(v, l.enableIgnoresCase)) return;
  if (['true', '1', 'on', 'Yes', 'YES', 'y'].includes(v)) {
    yield finding('LISTENER_SWITCH_NOT_YES', 'info', ctx.plan.lineOf(l.enable)?.number,
      `${l.enable} = ${v} did not turn the listener on (only the exact value yes does), so ${l.key} is left off`);
  }
}
