import { parseConfig } from '../cfg/parse.js';
import type { HostContext, HostFinding } from './kind.js';

/** The last value of each setting of a translated daemon file (the C++ reader keeps the last). */
export function settingsOf(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (text === undefined) return out;
  for (const line of parseConfig(text, { file: 'dagent.cfg', dialect: 'cpp', diagnostics: false }).lines) {
    if (line.kind === 'setting') out.set(line.key, line.value);
  }
  return out;
}

/** Where the translated kopano-dagent listens for LMTP: host ('' or * for every address) and port. */
export function dagentListeners(ctx: HostContext): { host: string; port: string }[] {
  const s = settingsOf(ctx.kopano.get('dagent.cfg'));
  if (ctx.target === '8.0') return [{ host: s.get('server_bind') ?? '', port: s.get('lmtp_port') ?? '2003' }];
  // 8.7: lmtp_listen, a list of host:port (default *:2003, Kopano-dev/kopano-core dagent.cfg @kopanocore-8.7.25).
  const listen = s.get('lmtp_listen') ?? '*:2003';
  return listen.split(/[\s,]+/).filter((v) => v !== '').map((v) => {
    const i = v.lastIndexOf(':');
    return { host: v.slice(0, i).replace(/^\[|\]$/g, ''), port: v.slice(i + 1) };
  });
}

const ANY = new Set(['', '*', '0.0.0.0', '::']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * An LMTP transport (`lmtp:127.0.0.1:2003`, `lmtp:inet:host:port`, `lmtp:[host]:port`) is left as it
 * is; this says whether the translated dagent still listens there (HOST_LMTP_UNREACHABLE if not).
 * A unix socket or a name it cannot judge is left without a finding.
 */
export function lmtpFinding(transport: string, ctx: HostContext, where: string): Omit<HostFinding, 'line'> | undefined {
  const m = /^lmtp:(?:inet:)?\[?([^\]\s]*?)\]?:(\d+)$/.exec(transport);
  if (!m) return undefined;
  const [, host, port] = m as unknown as [string, string, string];
  const listeners = dagentListeners(ctx);
  const reached = listeners.some((l) => l.port === port
    && (ANY.has(l.host) || l.host === host || (LOOPBACK.has(l.host) && LOOPBACK.has(host))));
  if (reached) return undefined;
  const shown = listeners.map((l) => `${l.host === '' ? '*' : l.host}:${l.port}`).join(', ');
  return {
    code: 'HOST_LMTP_UNREACHABLE',
    severity: 'warning',
    rule: 'lmtp:listener',
    message: `${where} delivers to ${transport}, and the translated kopano-dagent listens on ${shown} (${ctx.target === '8.7' ? 'lmtp_listen' : 'server_bind, lmtp_port'} in dagent.cfg): mail would not reach it; make them agree`,
  };
}
