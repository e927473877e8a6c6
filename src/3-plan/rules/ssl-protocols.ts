import { finding, insert, remove, type RuleStep } from '../rule-steps.js';
import type { DaemonFile } from '../../options/index.js';
import type { Rule, RuleContext } from '../rule.js';
import { activeLines, cppBool, isSetAnywhere } from './lib/values.js';
import { ZCP_SOURCES } from '../../types.js';

/** The Zarafa 7.2 / Kopano 8.0 values, which are also what ZCP 7.1 did with SSLv2 off. */
const PROTOCOLS = '!SSLv2';
const CIPHERS = 'ALL:!LOW:!SSLv2:!EXP:!aNULL';
const PREFER = 'no';

/** Option names per daemon: server.cfg prefixes them with `server_`. */
function namesOf(daemon: DaemonFile): { v2: string; protocols: string; ciphers: string; prefer: string; near: string[] } {
  const p = daemon === 'server.cfg' ? 'server_' : '';
  const near = daemon === 'server.cfg'
    ? ['server_ssl_key_pass', 'server_ssl_key_file', 'server_ssl_ca_path', 'server_ssl_ca_file']
    : ['ssl_private_key_file', 'ssl_certificate_file'];
  return {
    v2: `${p}ssl_enable_v2`,
    protocols: `${p}ssl_protocols`,
    ciphers: `${p}ssl_ciphers`,
    prefer: `${p}ssl_prefer_server_ciphers`,
    near,
  };
}

export const sslProtocolsRule: Rule = {
  id: 'ssl-protocols',
  title: 'Replace *ssl_enable_v2 by the ssl_protocols / ssl_ciphers / ssl_prefer_server_ciphers options',
  why:
    'Kopano does not know server_ssl_enable_v2 or ssl_enable_v2 and refuses to start with them. Which SSL ' +
    'protocols and ciphers a listener offers is set by the *ssl_protocols, *ssl_ciphers and ' +
    '*ssl_prefer_server_ciphers options instead, so they are written with the values ZCP used.',
  guide: 'Remove ssl_enable_v2 and set the SSL protocol, cipher and cipher-preference options.',
  files: ['server.cfg', 'ical.cfg', 'gateway.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    const n = namesOf(ctx.daemon);
    const v2Lines = activeLines(ctx, n.v2);
    const last = v2Lines[v2Lines.length - 1];
    for (const line of v2Lines) {
      const value = ctx.plan.plannedValue(line.number) ?? line.value;
      const on = value !== '' && cppBool(value);
      if (on && line === last) {
        yield finding('SSLV2_ENABLED', 'warning', line.number,
          `${n.v2} = ${value} allowed SSLv2; Kopano cannot offer SSLv2 at all, so clients that need it will fail`);
      }
      const meaning = on ? 'SSLv2 cannot be enabled in Kopano' : `SSLv2 stays off through ${n.protocols} = ${PROTOCOLS}`;
      yield remove(line.number, `Kopano does not know ${n.v2} and refuses to start with it; ${meaning}`);
    }
    // A file read only through another's !include: the including file carries the settings.
    if (ctx.included) return;
    const at = last ? { after: last.number } : { near: [n.protocols, n.ciphers, n.prefer, ...n.near] };
    yield* ensureOne(ctx, n.protocols, PROTOCOLS, at, last
      ? `carries ${n.v2}: SSLv2 off (${PROTOCOLS}), as ZCP did`
      : `the protocol list ZCP used (${PROTOCOLS}), written out so it does not change with Kopano's default`);
    yield* ensureOne(ctx, n.ciphers, CIPHERS, at, 'the cipher list ZCP used, written out so it does not change with Kopano\'s default');
    yield* ensureOne(ctx, n.prefer, PREFER, at, 'ZCP let the client choose the cipher; written out so it does not change with Kopano\'s default');
  },
};

function* ensureOne(
  ctx: RuleContext,
  key: string,
  value: string,
  at: { after: number } | { near: string[] },
  reason: string,
): Generator<RuleStep> {
  if (isSetAnywhere(ctx, key)) return; // the user's own value wins
  yield insert(key, value, at, reason);
}
