import { isSecretName } from '../../secrets/names.js';
import { scanDefineValues, type PhpDefineValue } from '../php/php-defines.js';
import { mapSocket } from '../rules/lib/sockets.js';
import { zPushName, type ZPushFile } from './z-push-names.js';

/**
 * What of a Z-Push 2.2 file (config.php, backend/zarafa/config.php) goes to the 2.3+ files: each
 * setting changed from 2.2's stock value, BACKEND_PROVIDER as 'BackendKopano' and MAPI_SERVER with
 * the Zarafa socket mapped to Kopano's. What cannot be carried is a finding, never dropped. Pure.
 */

/** Where Z-Push 2.3 and later read their settings (the z-push-common and z-push-backend-kopano packages). */
export const Z_PUSH_ETC = '/etc/z-push';
export const zPushConfPath = (file: ZPushFile): string => `${Z_PUSH_ETC}/${file}`;

/** One define to set in a 2.3+ file: its value as PHP source, as the 2.2 file had it (or mapped). */
export interface CarriedSetting {
  name: string;
  value: string;
  file: ZPushFile;
  /** Line of the define in the 2.2 file. */
  line: number;
  why: string;
}

export interface ZPushFinding {
  code: 'HOST_ZPUSH_UPGRADE' | 'ZPUSH_SETTING_NOT_CARRIED' | 'CUSTOM_SOCKET_KEPT';
  severity: 'warning' | 'info';
  line?: number;
  message: string;
  rule: string;
}

export interface ZPushCarry {
  settings: CarriedSetting[];
  findings: ZPushFinding[];
}

/** The expression with blanks outside string literals dropped, a plain literal in single quotes, true/false/null in lower case. */
function normal(source: string): string {
  const plain = /^'([^'\\]*)'$/.exec(source) ?? /^"([^"\\$]*)"$/.exec(source);
  if (plain) return `'${plain[1]}'`;
  const parts = source.match(/'(?:\\[\s\S]|[^'\\])*'|"(?:\\[\s\S]|[^"\\])*"|\S/g) ?? [];
  return parts.join('').replace(/^(true|false|null)$/i, (w) => w.toLowerCase());
}

/** The value of a plain one-line literal, or undefined. */
function literal(source: string): { value: string; quote: string } | undefined {
  const m = /^'([^'\\\n]*)'$/.exec(source) ?? /^"([^"\\$\n]*)"$/.exec(source);
  return m ? { value: m[1]!, quote: source[0]! } : undefined;
}

/**
 * A value the 2.3+ file can take as written: one line, no variable and no call outside string
 * literals (a constant such as LOGLEVEL_WBXML, a number, a literal, a `.` of them).
 */
function portable(source: string): boolean {
  if (source.includes('\n') || source.includes('\r')) return false;
  const outside = source.replace(/'(?:\\[\s\S]|[^'\\])*'|"(?:\\[\s\S]|[^"\\])*"/g, '');
  return !/[$(`]/.test(outside) && !/["']/.test(outside);
}

/** True when the config.php is Z-Push 2.2's on ZCP: BACKEND_PROVIDER is 'BackendZarafa'. */
export function isZarafaBackend(text: string): boolean {
  return scanDefineValues(text).some((d) => d.name === 'BACKEND_PROVIDER' && literal(d.source)?.value === 'BackendZarafa');
}

const RULE = 'z-push:carry';

function notCarried(d: PhpDefineValue, message: string, severity: 'warning' | 'info' = 'warning'): ZPushFinding {
  return { code: 'ZPUSH_SETTING_NOT_CARRIED', severity, line: d.line, rule: RULE, message };
}

/** Kopano's default local server socket, as mapSocket gives it for Zarafa's. */
const KOPANO_SERVER_SOCKET = /^(file:\/\/)?(\/var)?\/run\/kopano\/server\.sock$/;

/**
 * The settings of a Z-Push 2.2 file to set in 2.3+'s files, and a finding for each one that cannot
 * be. `serverSocket`: the translated server.cfg's server_pipe_name, where known (a Zarafa socket is
 * mapped to it rather than to Kopano's default).
 */
export function carryZPush22(text: string, serverSocket?: string): ZPushCarry {
  const out: ZPushCarry = { settings: [], findings: [] };
  for (const d of scanDefineValues(text)) {
    const known = zPushName(d.name);
    if (known === undefined) {
      out.findings.push(notCarried(d, `${d.name} is not a setting of Z-Push 2.2's own files, so it is not carried to ${zPushConfPath('z-push.conf.php')} or ${zPushConfPath('kopano.conf.php')}; set it by hand where Z-Push 2.3+ reads it, if it still does`));
      continue;
    }
    const stock = known.stock.map(normal).includes(normal(d.source));
    if (known.in23 === undefined) {
      if (!stock) out.findings.push(notCarried(d, `${d.name} is not carried: ${known.changed ?? 'Z-Push 2.3 and later no longer read it'}; set what it did by hand`));
      continue;
    }
    if (isSecretName(d.name)) {
      out.findings.push(notCarried(d, `${d.name} holds a secret and is not written into the runbook; set it by hand in ${zPushConfPath(known.in23)}`));
      continue;
    }
    const carried = (value: string, why: string) => out.settings.push({ name: d.name, value, file: known.in23!, line: d.line, why });
    if (d.name === 'BACKEND_PROVIDER') {
      const v = literal(d.source);
      if (v !== undefined && (v.value === 'BackendZarafa' || v.value === '')) carried(`${v.quote}BackendKopano${v.quote}`, 'Z-Push 2.3 and later talk to Kopano through the Kopano backend');
      else out.findings.push(notCarried(d, `BACKEND_PROVIDER is ${d.source}, not the Zarafa backend, so it is not carried; set the backend in ${zPushConfPath('z-push.conf.php')} by hand`));
      continue;
    }
    if (d.name === 'MAPI_SERVER') {
      const mapped = carryMapiServer(d, serverSocket);
      if (mapped.setting !== undefined) out.settings.push(mapped.setting);
      out.findings.push(...mapped.findings);
      continue;
    }
    if (stock && known.keepStock !== true) continue;
    if (!portable(d.source)) {
      out.findings.push(notCarried(d, `${d.name} is set to an expression this tool does not carry (${d.source.includes('\n') ? 'several lines' : 'a variable or a call'}); set it in ${zPushConfPath(known.in23)} by hand`));
      continue;
    }
    carried(d.source, stock ? 'Z-Push 2.2\'s default, which 2.3 changed; kept so that users log on as before' : 'changed from Z-Push 2.2\'s default on this host');
  }
  return out;
}

/**
 * MAPI_SERVER for kopano.conf.php: a Zarafa socket mapped to Kopano's (to server.cfg's
 * server_pipe_name where the translation says), any other server kept as it is.
 */
export function carryMapiServer(d: PhpDefineValue, serverSocket?: string): { setting?: CarriedSetting; findings: ZPushFinding[] } {
  const v = literal(d.source);
  if (v === undefined) {
    return { findings: [notCarried(d, `MAPI_SERVER is not a plain string literal (${d.source.includes('\n') ? 'several lines' : d.source}), so it is not carried; set it in ${zPushConfPath('kopano.conf.php')} by hand (file:///var/run/kopano/server.sock for the Zarafa socket)`)] };
  }
  const setting = (value: string, why: string): CarriedSetting => ({ name: d.name, value, file: 'kopano.conf.php', line: d.line, why });
  const m = mapSocket(v.value);
  if (m.kind === 'zarafa') {
    const local = serverSocket !== undefined && serverSocket.startsWith('/') && KOPANO_SERVER_SOCKET.test(m.value);
    return { setting: setting(`${v.quote}${local ? `file://${serverSocket}` : m.value}${v.quote}`, local ? 'the Zarafa server socket; kopano-server listens on server.cfg\'s server_pipe_name' : 'the Zarafa server socket; kopano-server listens on Kopano\'s'), findings: [] };
  }
  const findings: ZPushFinding[] = m.kind === 'custom'
    ? [{ code: 'CUSTOM_SOCKET_KEPT', severity: 'warning', line: d.line, rule: RULE, message: `MAPI_SERVER = ${d.source} is not a Zarafa default socket and is carried as it is; make sure Z-Push reaches kopano-server there` }]
    : [];
  return { setting: setting(d.source, 'the server Z-Push 2.2 logged on to'), findings };
}

/** The carried settings by the 2.3+ file they go to, in the order found. */
export function byFile(settings: readonly CarriedSetting[], file: ZPushFile): CarriedSetting[] {
  return settings.filter((s) => s.file === file);
}
