import { finding, insert, remove } from '../rule-steps.js';
import type { DaemonFile } from '../../options/index.js';
import type { Rule } from '../rule.js';
import { activeLines, cppBool, currentValue, isSetAnywhere, targetSpec } from './lib/values.js';
import { ZCP_SOURCES, type Target } from '../../types.js';
import type { RuleContext } from '../rule.js';
import { sameMeaning } from './data/values.js';

/** The Zarafa 7.2 / Kopano 8.0 values, which are also what ZCP 7.1 did with SSLv2 off. */
const PROTOCOLS = '!SSLv2';
const CIPHERS = 'ALL:!LOW:!SSLv2:!EXP:!aNULL';
const PREFER = 'no';

/**
 * Protocol names some build of a target refuses in *ssl_protocols, even negated. Kopano 8.2–8.6
 * built on OpenSSL 1.1 do not know SSLv2: common/ECChannel.cpp (kopanocore-8.6.9) logs "Unknown
 * protocol" and the listener fails. Their compiled default is what each build accepts (`!SSLv2`
 * where the library has SSLv2, else empty: `#ifdef SSL_TXT_SSLV2` in ECServer.cpp, Gateway.cpp and
 * CalDAV.cpp from kopanocore-8.2.0), so for 8.0 the protocol list is left to that default.
 * 8.6.81 (commit caed7b37b) and 8.7 accept an unknown negated name.
 */
const REFUSED_PROTOCOLS: Partial<Record<Target, readonly string[]>> = { '8.0': ['SSLv2'] };

/** The protocol names of `list` (negated or not) that some build of `target` refuses. */
function refusedIn(target: Target, list: string): string[] {
  const refused = (REFUSED_PROTOCOLS[target] ?? []).map((p) => p.toLowerCase());
  return list.split(/\s+/).map((t) => t.replace(/^!/, '')).filter((t) => refused.includes(t.toLowerCase()));
}

/**
 * True when `value` of `key` is what ZCP shipped (the source release's compiled default or its
 * sample's value): such a line records no choice of the user, and a target whose own default is
 * stronger (or that refuses the value) can let that default apply.
 */
export function isZcpShippedValue(ctx: RuleContext, key: string, value: string): boolean {
  const spec = ctx.sourceTable?.options.get(key);
  if (!spec) return false;
  return [spec.default, spec.sample].some((v) => v !== undefined && sameMeaning(spec.type, v, value));
}

/** True when the daemon reads `key` from another file (an include) than this one. */
function setElsewhere(ctx: RuleContext, key: string): boolean {
  const e = ctx.effective.get(key);
  return e !== undefined && e.origin.kind === 'file' && e.origin.file !== ctx.doc.file;
}

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
    '*ssl_prefer_server_ciphers options instead; each is written where the target\'s default is weaker than ' +
    'what ZCP used, else the target\'s default applies. A line that only repeats ZCP\'s shipped value is no ' +
    'choice: it is commented out where the target\'s default is stronger (8.7) or where a target build refuses it. ' +
    'Target 8.0 writes no protocol list: Kopano 8.2–8.6 built on OpenSSL 1.1 refuse "!SSLv2" ("Unknown protocol", ' +
    'common/ECChannel.cpp at kopanocore-8.6.9) and every 8.0–8.6 build accepts its own compiled default, which is ' +
    '"!SSLv2" where the SSL library still has SSLv2 and empty where it has none.',
  guide: 'Remove ssl_enable_v2 and set the SSL protocol, cipher and cipher-preference options.',
  files: ['server.cfg', 'ical.cfg', 'gateway.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    const n = namesOf(ctx.daemon);
    const v2Lines = activeLines(ctx, n.v2);
    const last = v2Lines[v2Lines.length - 1];
    const protoDefault = targetSpec(ctx, n.protocols)?.default;
    // With tls 'target' a target default stronger than ZCP's list is left to apply (not written).
    const leaveToBuild = ctx.options.tls === 'target' && refusedIn(ctx.options.target, PROTOCOLS).length > 0;
    const protocols = leaveToBuild && !isSetAnywhere(ctx, n.protocols)
      ? `the compiled default (${PROTOCOLS} where the SSL library still has SSLv2)`
      : ctx.options.tls === 'target' && protoDefault !== undefined && protoDefault !== PROTOCOLS
        && !isSetAnywhere(ctx, n.protocols) ? `${protoDefault} (Kopano's default)` : PROTOCOLS;
    for (const line of v2Lines) {
      const value = ctx.plan.plannedValue(line.number) ?? line.value;
      const on = value !== '' && cppBool(value);
      if (on && line === last) {
        yield finding('SSLV2_ENABLED', 'warning', line.number,
          `${n.v2} = ${value} allowed SSLv2; Kopano cannot offer SSLv2 at all, so clients that need it will fail`);
      }
      const meaning = on ? 'SSLv2 cannot be enabled in Kopano' : `SSLv2 stays off through ${n.protocols} = ${protocols}`;
      yield remove(line.number, `Kopano does not know ${n.v2} and refuses to start with it; ${meaning}`);
    }
    // A file read only through another's !include: the including file carries the settings.
    if (ctx.included) return;
    const at = last ? { after: last.number } : { near: [n.protocols, n.ciphers, n.prefer, ...n.near] };
    const zcp = ctx.options.tls === 'zcp';
    const settings: [key: string, zcpValue: string, reason: string][] = [
      [n.protocols, PROTOCOLS, last
        ? `carries ${n.v2}: SSLv2 off (${PROTOCOLS}), as ZCP did`
        : `the protocol list ZCP used (${PROTOCOLS}), written out so it does not change with Kopano's default`],
      [n.ciphers, CIPHERS, 'the cipher list ZCP used, written out so it does not change with Kopano\'s default'],
      [n.prefer, PREFER, 'ZCP let the client choose the cipher; written out so it does not change with Kopano\'s default'],
    ];
    for (const [key, zcpValue, reason] of settings) {
      const lines = activeLines(ctx, key);
      if (isSetAnywhere(ctx, key)) {
        // The ZCP files chose it: kept, with a warning when it enables what the target turns off.
        const line = lines[lines.length - 1];
        const value = currentValue(ctx, key);
        const def = targetSpec(ctx, key)?.default;
        const weaker = value !== undefined && def !== undefined ? weakerThan(key, value, def) : undefined;
        const refused = key === n.protocols && value !== undefined ? refusedIn(ctx.options.target, value) : [];
        // ZCP's shipped value is no choice: the target's stronger default, or one every build accepts, applies.
        if (!zcp && line && value !== undefined && (weaker || refused.length > 0) && !setElsewhere(ctx, key)
          && isZcpShippedValue(ctx, key, value)) {
          const instead = weaker
            ? `Kopano's stronger default applies (${def || 'empty'})`
            : `each Kopano ${ctx.options.target} build's compiled default applies (builds on OpenSSL 1.1 refuse ${refused.join(', ')}: "Unknown protocol")`;
          for (const l of lines) yield remove(l.number, `${key} = ${value} is ZCP's shipped default, not a choice; ${instead}`);
          yield finding('TLS_ZCP_DEFAULT_DROPPED', 'info', line.number,
            `${key} = ${value} only repeated ZCP's default and is commented out; ${instead}`);
          continue;
        }
        if (refused.length > 0) {
          yield finding('TLS_SSLV2_NAMED', 'warning', line?.number,
            `${key} = ${value} is kept as the ZCP files set it; Kopano 8.2–8.6 built on OpenSSL 1.1 do not know ${refused.join(', ')} and the listener fails ("Unknown protocol")`);
        }
        if (weaker) {
          yield finding('TLS_WEAKER_KEPT', 'warning', line?.number,
            `${key} = ${value} is kept as the ZCP files set it; it ${weaker} (the target's default is ${def || 'empty'})`);
        }
        continue;
      }
      const def = targetSpec(ctx, key)?.default;
      if (key === n.protocols && leaveToBuild) continue; // each build's compiled default is one it accepts
      if (!zcp && def !== undefined && def !== zcpValue) continue; // the target's stronger default applies
      yield insert(key, zcpValue, at, zcp && def !== undefined && def !== zcpValue
        ? `tls 'zcp': ZCP's value (${zcpValue}) for old clients, in place of the target's default (${def})`
        : reason);
      if (zcp && def !== undefined) {
        const weaker = weakerThan(key, zcpValue, def);
        if (weaker) {
          yield finding('TLS_ZCP_SET', 'warning', last?.number,
            `${key} = ${zcpValue} is written because of tls 'zcp'; it ${weaker} (the target's default is ${def})`);
        }
      }
    }
  },
};

const PROTOCOL_NAMES = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Protocols a Kopano protocol list leaves on: the named ones (all when none is named) minus the `!` ones. */
function enabledProtocols(list: string): Set<string> {
  const tokens = list.split(/\s+/).filter((t) => t !== '');
  const canon = (t: string): string | undefined => PROTOCOL_NAMES.find((p) => p.toLowerCase() === t.toLowerCase());
  const on = tokens.filter((t) => !t.startsWith('!')).map(canon).filter((t): t is string => t !== undefined);
  const off = new Set(tokens.filter((t) => t.startsWith('!')).map((t) => canon(t.slice(1))));
  return new Set((on.length > 0 ? on : PROTOCOL_NAMES).filter((p) => !off.has(p)));
}

/** Exclusions (`!X`) of an OpenSSL cipher string by upper-case name (EXP and EXPORT counted as one), as written. */
function cipherExclusions(list: string): Map<string, string> {
  const names = list.split(/[:\s,]+/).filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  return new Map(names.map((t) => [t.toUpperCase() === 'EXP' ? 'EXPORT' : t.toUpperCase(), t]));
}

/** What `value` enables that the target default `def` does not, as a phrase; undefined when it is not weaker. */
export function weakerThan(key: string, value: string, def: string): string | undefined {
  if (key.endsWith('ssl_protocols')) {
    const defOn = enabledProtocols(def);
    const extra = [...enabledProtocols(value)].filter((p) => !defOn.has(p));
    return extra.length > 0 ? `enables ${extra.join(', ')}` : undefined;
  }
  if (key.endsWith('ssl_ciphers')) {
    const have = cipherExclusions(value);
    const missing = [...cipherExclusions(def)].filter(([k]) => !have.has(k)).map(([, t]) => t);
    return missing.length > 0 ? `does not exclude ${missing.join(', ')}` : undefined;
  }
  if (key.endsWith('ssl_prefer_server_ciphers')) {
    return !cppBool(value) && cppBool(def) ? 'lets the client choose the cipher' : undefined;
  }
  return undefined;
}

