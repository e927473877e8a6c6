import { commentedSettingOf, type ConfigDocument } from '../cfg/model.js';
import { daemonFileOf } from '../options/files.js';
import { knowsOption } from '../options/table.js';
import type { DaemonFile, TableVersion } from '../options/types.js';
export { tableVersionOf } from '../options/table.js';
import { ZCP_SOURCES, type KopanoSourceFamily, type Source } from '../types.js';

/** What one file says about being written for Kopano rather than ZCP. */
export interface KopanoClassification {
  /** The Kopano family, when the file is Kopano-era; undefined for a ZCP-era (or undecided) file. */
  family: KopanoSourceFamily | undefined;
  /** True when the file shows ZCP-era evidence (a Zarafa path, an option only ZCP knows). */
  zcp: boolean;
  /** One sentence per finding, e.g. "server.cfg:12 sets server_listen, which only Kopano 8.7 knows". */
  evidence: string[];
}

const KOPANO_PATH = /(^|[\s:="'])(?:file:\/\/)?\/(?:var\/run|run|var\/log|etc|var\/lib)\/kopano(?:[/\s"']|$)/;
// Data left under /var/lib/zarafa (attachments, index) is kept by Kopano setups too: not ZCP evidence.
const ZARAFA_PATH = /(^|[\s:="'])(?:file:\/\/)?\/(?:var\/run|run|var\/log|etc)\/zarafa/;

/**
 * Classifies one file by positive evidence only: values under /var/run/kopano, /var/log/kopano,
 * /etc/kopano or /var/lib/kopano, and option names (set or shown commented out) that the Kopano
 * tables know and no ZCP table does. A file with such evidence and no ZCP evidence (an active
 * Zarafa path, an active option only ZCP knows) is Kopano-era; it is 8.7's when it names an option only 8.7 (or 11.0) knows (`*_listen`, `ldap_uri`, `server_tls_min_proto`, ...).
 */
export function classifyKopanoFile(path: string, doc: ConfigDocument, daemon: DaemonFile | undefined = daemonFileOf(path)): KopanoClassification {
  const evidence: string[] = [];
  let kopano = 0;
  let only87 = false;
  let zarafaPaths = 0;
  let zcpOnly = 0;
  const knownToZcp = (key: string): boolean => !!daemon && ZCP_SOURCES.some((v) => knowsOption(daemon, v, key));
  const knownTo = (v: TableVersion, key: string): boolean => !!daemon && knowsOption(daemon, v, key);
  doc.lines.forEach((line, i) => {
    const where = `${path}:${i + 1}`;
    const active = line.kind === 'setting' ? { key: line.key, value: line.value } : undefined;
    const setting = active ?? commentedSettingOf(line);
    if (!setting) return;
    const how = active ? 'sets' : 'shows';
    if (active && ZARAFA_PATH.test(setting.value)) zarafaPaths++;
    if (KOPANO_PATH.test(setting.value)) {
      kopano++;
      if (active) evidence.push(`${where} ${how} ${setting.key} under a Kopano path`);
    }
    if (!daemon) return;
    const in80 = knownTo('8.0', setting.key);
    const in87 = knownTo('8.7', setting.key);
    const in11 = knownTo('11.0', setting.key);
    if (knownToZcp(setting.key)) {
      if (active && !in80 && !in87) zcpOnly++;
      return;
    }
    if (!in80 && !in87 && !in11) return;
    kopano++;
    if (!in80 && !in87) {
      // Groupware Core 11.0 (server_tls_min_proto, ...): read as the newest Kopano source family there is.
      only87 = true;
      evidence.push(`${where} ${how} ${setting.key}, which only Kopano 11.0 knows`);
    } else if (in87 && !in80) {
      only87 = true;
      evidence.push(`${where} ${how} ${setting.key}, which only Kopano 8.7 knows`);
    } else {
      evidence.push(`${where} ${how} ${setting.key}, which Kopano knows and no ZCP release does`);
    }
  });
  const zcp = zarafaPaths + zcpOnly > 0;
  if (kopano === 0 || zcp) return { family: undefined, zcp, evidence: zcp && kopano > 0 ? [`${path} shows Kopano settings but also sets Zarafa paths or ZCP-only options: read as ZCP's`] : [] };
  const shown = evidence.length > 4 ? [...evidence.slice(0, 4), `${path}: ${evidence.length - 4} more Kopano settings`] : evidence;
  return { family: only87 ? 'kopano-8.7' : 'kopano-8.0', zcp: false, evidence: shown.length > 0 ? shown : [`${path} shows settings under Kopano paths`] };
}

export function isKopanoSource(source: Source): source is KopanoSourceFamily {
  return source === 'kopano-8.0' || source === 'kopano-8.7';
}
