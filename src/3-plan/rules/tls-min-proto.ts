import { finding, insert, remove, withdrawInsert } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { activeLines, isSetAnywhere, targetSpec } from './lib/values.js';

/** Protocols oldest first, as an OpenSSL protocol list names them and as *tls_min_proto spells them. */
const PROTOCOLS: readonly (readonly [listName: string, minProto: string])[] = [
  ['SSLv3', 'ssl3'],
  ['TLSv1', 'tls1.0'],
  ['TLSv1.1', 'tls1.1'],
  ['TLSv1.2', 'tls1.2'],
  ['TLSv1.3', 'tls1.3'],
];

export const tlsMinProtoRule: Rule = {
  id: 'tls-min-proto',
  title: 'Kopano 11: replace server_ssl_protocols / ssl_protocols by server_tls_min_proto / tls_min_proto',
  why:
    'Kopano 11 no longer reads the OpenSSL protocol lists (server_ssl_protocols, ssl_protocols: recognized, no effect, a ' +
    'warning at every start); the oldest protocol a listener accepts is *tls_min_proto (ssl3, tls1.0 … tls1.3, default ' +
    'tls1.2). The value written is never weaker than the protocols ZCP allowed, nor than tls1.2 unless tls is zcp; when ' +
    'it is tls1.2, no line is written and the default applies.',
  guide: 'For Kopano 11: turn the SSL protocol list into the minimum TLS version.',
  files: ['server.cfg', 'gateway.cfg', 'ical.cfg'],
  targets: ['11.0'],
  *apply(ctx) {
    const prefix = ctx.daemon === 'server.cfg' ? 'server_' : '';
    const from = `${prefix}ssl_protocols`;
    const to = `${prefix}tls_min_proto`;
    const lines = activeLines(ctx, from);
    const planned = ctx.plan.valueOf(from);
    if (planned === undefined && lines.length === 0) return;
    const toDefault = targetSpec(ctx, to)?.default ?? 'tls1.2';
    if (isSetAnywhere(ctx, to)) {
      for (const line of lines) yield remove(line.number, `Kopano 11 does not use ${from}; ${to} is set in this configuration`);
      if (lines.length === 0) yield withdrawInsert(from);
      return;
    }
    const zcpMin = minimumOf(planned ?? '');
    const keepZcp = ctx.options.tls === 'zcp';
    const value = keepZcp || rank(zcpMin) > rank(toDefault) ? zcpMin : toDefault;
    const last = lines.at(-1);
    const what = `${from} = ${planned ?? ''} accepted ${zcpMin} and newer`;
    for (const line of lines) {
      yield remove(line.number, `Kopano 11 does not use ${from} (it logs that it has no effect); ` +
        (value === toDefault ? `${to}'s default ${toDefault} applies` : `${to} = ${value} takes its place`));
    }
    if (lines.length === 0) yield withdrawInsert(from);
    if (value !== toDefault) {
      yield insert(to, value, last ? { after: last.number } : { near: [to, from, `${prefix}ssl_ciphers`] },
        keepZcp ? `tls 'zcp': ${what}, as ZCP did` : `${what}; written so Kopano 11 accepts no older protocol`);
      if (keepZcp && rank(value) < rank(toDefault)) {
        yield finding('TLS_ZCP_SET', 'warning', last?.number,
          `${to} = ${value} is written because of tls 'zcp'; it accepts protocols older than Kopano 11's default ${toDefault}`);
      }
    } else if (last && rank(zcpMin) < rank(toDefault)) {
      yield finding('TLS_MIN_RAISED', 'info', last.number,
        `${what}; Kopano 11 accepts ${toDefault} and newer by default, which applies (--tls zcp writes ${to} = ${zcpMin} for older clients)`);
    }
  },
};

function rank(minProto: string): number {
  return PROTOCOLS.findIndex(([, p]) => p === minProto);
}

/**
 * The oldest protocol *tls_min_proto can name without accepting one the list turned off: the bottom of
 * the unbroken run of enabled protocols that ends at the newest enabled one. A list that names no
 * protocol enables every one it does not exclude (SSLv2, which Kopano cannot offer, does not count).
 */
export function minimumOf(list: string): string {
  const tokens = list.split(/[ \t]+/).filter((t) => t !== '');
  const canon = (t: string): number => PROTOCOLS.findIndex(([n]) => n.toLowerCase() === t.toLowerCase() || (t.toLowerCase() === 'tlsv1.0' && n === 'TLSv1'));
  const on = tokens.filter((t) => !t.startsWith('!')).map(canon).filter((i) => i >= 0);
  const off = new Set(tokens.filter((t) => t.startsWith('!')).map((t) => canon(t.slice(1))));
  const enabled = PROTOCOLS.map((_, i) => (on.length > 0 ? on.includes(i) : true) && !off.has(i));
  let top = enabled.lastIndexOf(true);
  if (top < 0) return PROTOCOLS[PROTOCOLS.length - 1]![1];
  while (top > 0 && enabled[top - 1]) top--;
  return PROTOCOLS[top]![1];
}
