import type { Change, ManualAction } from '../../types.js';
import { mapSocket } from '../rules/lib/sockets.js';
import { convertZPush22, isZPush22OnZarafa } from '../z-push/convert.js';
import { scanPhpDefines } from './php-defines.js';

/** Which program reads the file: decides nothing but the wording of findings. */
export type PhpConfigKind = 'webapp' | 'z-push';

/** The rule every change of a PHP configuration names (docs/cli.md, "WebApp and Z-Push"). */
export const PHP_RULE = 'php-config';

/** Defines whose value names the storage server's socket. */
const SOCKET_DEFINES = new Set(['DEFAULT_SERVER', 'MAPI_SERVER']);

/** Zarafa install paths of the web clients and their Kopano counterparts (the kopano-webapp packages). */
const PATHS: readonly [string, string][] = [
  ['/usr/share/zarafa-webapp', '/usr/share/kopano-webapp'],
  ['/var/lib/zarafa-webapp', '/var/lib/kopano-webapp'],
  ['/etc/zarafa/webapp', '/etc/kopano/webapp'],
  ['/var/log/zarafa', '/var/log/kopano'],
];

/** One value literal to replace: offsets in the text, the new literal (quotes included). */
export interface PhpEdit {
  start: number;
  end: number;
  literal: string;
}

export interface PlannedPhp {
  edits: PhpEdit[];
  changes: Change[];
  findings: PhpFinding[];
  actions: ManualAction[];
}

export interface PhpFinding {
  code: 'PHP_NOT_PHP' | 'PHP_DEFINE_NOT_LITERAL' | 'CUSTOM_SOCKET_KEPT' | 'HOST_ZPUSH_UPGRADE' | 'ZPUSH_SETTING_NOT_CARRIED';
  line: number | undefined;
  message: string;
}

function mapPath(value: string): string | undefined {
  for (const [from, to] of PATHS) if (value === from || value.startsWith(`${from}/`)) return to + value.slice(from.length);
  return undefined;
}

/** What a define's value becomes, with why; undefined to keep it. */
function newValue(name: string, value: string): { value: string; why: string } | 'custom-socket' | undefined {
  if (SOCKET_DEFINES.has(name)) {
    const m = mapSocket(value);
    if (m.kind === 'zarafa') return { value: m.value, why: 'the Zarafa server socket; kopano-server listens on /var/run/kopano/server.sock' };
    return m.kind === 'custom' ? 'custom-socket' : undefined;
  }
  if (name === 'BACKEND_PROVIDER' && value === 'BackendZarafa') {
    return { value: 'BackendKopano', why: 'Z-Push talks to Kopano through its Kopano backend; the Zarafa one goes away with ZCP' };
  }
  const path = mapPath(value);
  return path === undefined ? undefined : { value: path, why: 'the web client\'s Zarafa install path; the Kopano packages use the kopano-webapp paths' };
}

/**
 * A Z-Push 2.2 file on the Zarafa backend: not edited nor installed (2.3 and later do not read it);
 * the runbook carries its settings into 2.3's files.
 */
export function convertedByRunbook(text: string, kind: PhpConfigKind, source: string): boolean {
  return kind === 'z-push' && isZPush22OnZarafa(source, text, false);
}

/**
 * The plan for one PHP configuration file (`source`: its name in the run). Pure; idempotent (a
 * Kopano value maps to itself). A Z-Push 2.2 file on the Zarafa backend is not edited: 2.3 and
 * later do not read it; its settings go to their files by the runbook (the host kind's conversion).
 */
export function planPhpConfig(text: string, kind: PhpConfigKind, source = 'config.php'): PlannedPhp {
  const out: PlannedPhp = { edits: [], changes: [], findings: [], actions: [] };
  const scan = scanPhpDefines(text);
  const program = kind === 'webapp' ? 'WebApp' : 'Z-Push';
  if (!scan.isPhp) {
    out.findings.push({ code: 'PHP_NOT_PHP', line: undefined,
      message: `does not start with <?php, so it is not read as ${program}'s configuration and is kept as it is; check its server socket by hand` });
    return out;
  }
  if (convertedByRunbook(text, kind, source)) {
    const conversion = convertZPush22(text, source, () => false);
    out.findings.push(...conversion.findings.map((f) => ({ code: f.code, line: f.line, message: f.message })));
    out.actions.push(...conversion.actions);
    return out;
  }
  for (const o of scan.other) {
    if (o.name === undefined || SOCKET_DEFINES.has(o.name) || o.name === 'BACKEND_PROVIDER') {
      out.findings.push({ code: 'PHP_DEFINE_NOT_LITERAL', line: o.line,
        message: `define(${o.name ?? '…'}, …) is not two plain string literals, so it is not rewritten; if it names /var/run/zarafa, point it at file:///var/run/kopano/server.sock by hand` });
    }
  }
  for (const d of scan.defines) {
    if (!d.plain && (SOCKET_DEFINES.has(d.name) || d.name === 'BACKEND_PROVIDER')) {
      out.findings.push({ code: 'PHP_DEFINE_NOT_LITERAL', line: d.line,
        message: `${d.name}'s value holds an escape or a variable, so it is not rewritten; if it names the Zarafa socket, point it at file:///var/run/kopano/server.sock by hand` });
      continue;
    }
    const next = newValue(d.name, d.value);
    if (next === undefined) continue;
    if (next === 'custom-socket') {
      out.findings.push({ code: 'CUSTOM_SOCKET_KEPT', line: d.line,
        message: `${d.name} = ${JSON.stringify(d.value)} is not a Zarafa default socket and is kept; make sure ${program} reaches kopano-server there` });
      continue;
    }
    if (!d.plain) {
      out.findings.push({ code: 'PHP_DEFINE_NOT_LITERAL', line: d.line,
        message: `${d.name}'s value holds an escape or a variable, so it is not rewritten; set it to ${JSON.stringify(next.value)} by hand` });
      continue;
    }
    out.edits.push({ start: d.start, end: d.end, literal: `${d.quote}${next.value}${d.quote}` });
    out.changes.push({ rule: PHP_RULE, key: d.name, line: d.line, before: d.value, after: next.value, reason: next.why });
  }
  return out;
}

/** `text` with the planned literals replaced; every other byte kept. */
export function applyPhpEdits(text: string, edits: readonly PhpEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.literal;
    at = e.end;
  }
  return out + text.slice(at);
}
