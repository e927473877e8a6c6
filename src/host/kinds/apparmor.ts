import { emptyPlan, type HostContext, type HostKind, type HostPlan } from '../kind.js';
import type { LineDoc } from '../line-doc.js';
import { settingsOf } from '../lmtp-check.js';
import { lineKind } from '../rename-lines.js';

const RULE = 'apparmor:local';
const LOCAL = 'etc/apparmor.d/local/';

/**
 * What the Debian/Ubuntu profiles allow of each daemon (tijuca/Giraffe debian/apparmor/usr.sbin.kopano-*):
 * the directories and the stock log file. A path the translated configuration uses outside them is
 * denied while the profile is enforced.
 */
const PROFILES: Readonly<Record<string, { cfg: string; dirs: Record<string, string>; log: string; files: readonly string[] }>> = {
  'usr.sbin.kopano-server': { cfg: 'server.cfg', dirs: { attachment_path: '/var/lib/kopano/attachments' }, log: '/var/log/kopano/server.log', files: ['server_ssl_key_file', 'server_ssl_ca_file', 'sslkey_file'] },
  'usr.sbin.kopano-search': { cfg: 'search.cfg', dirs: { index_path: '/var/lib/kopano/search' }, log: '/var/log/kopano/search.log', files: [] },
  'usr.sbin.kopano-dagent': { cfg: 'dagent.cfg', dirs: {}, log: '/var/log/kopano/dagent.log', files: [] },
};

const trim = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);
const inside = (dir: string, p: string): boolean => p === dir || p.startsWith(`${dir}/`);

/** The rules `profile`'s local file needs for what `ctx`'s translated files use, each with its reason. */
function neededRules(profile: string, ctx: HostContext): { rule: string; why: string }[] {
  const p = PROFILES[profile]!;
  const s = settingsOf(ctx.kopano.get(p.cfg));
  const out: { rule: string; why: string }[] = [];
  for (const [key, allowed] of Object.entries(p.dirs)) {
    const v = s.get(key);
    if (v === undefined || v === '' || !v.startsWith('/') || inside(allowed, trim(v))) continue;
    out.push({ rule: `${trim(v)}/ r,`, why: `${key} keeps ${trim(v)}` }, { rule: `${trim(v)}/** rwk,`, why: `${key} keeps ${trim(v)}` });
  }
  const log = s.get('log_file');
  if (log !== undefined && log.startsWith('/') && log !== p.log && (s.get('log_method') ?? 'file') === 'file') out.push({ rule: `${log} rw,`, why: `log_file is ${log}` });
  for (const key of p.files) {
    const v = s.get(key);
    if (v !== undefined && v.startsWith('/') && !inside('/etc/kopano', v)) out.push({ rule: `${v} r,`, why: `${key} is ${v}` });
  }
  return out;
}

/**
 * AppArmor local overrides: where the root has /etc/apparmor.d (Debian's and Ubuntu's Kopano packages
 * enforce profiles that include local/usr.sbin.kopano-*), every path the translated configuration
 * keeps outside what the profile allows (kept attachments, kept index, a custom log or key file)
 * gets a rule in the local file, after a comment with the tool's tag and the reason.
 */
export const apparmorKind: HostKind = lineKind({
  id: 'apparmor',
  title: 'AppArmor local overrides of the Kopano profiles',
  claims: Object.keys(PROFILES).map((p) => `${LOCAL}${p}`),
  reload: ['apparmor'],
  creates: { probe: 'etc/apparmor.d', paths: Object.keys(PROFILES).map((p) => `${LOCAL}${p}`) },
  mappings: [
    { old: 'attachment_path = /var/lib/zarafa/attachments (kept)', new: '/var/lib/zarafa/attachments/** rwk, in /etc/apparmor.d/local/usr.sbin.kopano-server', source: 'tijuca/Giraffe debian/apparmor/usr.sbin.kopano-server (allows /var/lib/kopano/attachments/**; #include <local/usr.sbin.kopano-server>)' },
    { old: 'index_path = /var/lib/zarafa/index (kept, 7.2)', new: '/var/lib/zarafa/index/** rwk, in local/usr.sbin.kopano-search', source: 'tijuca/Giraffe debian/apparmor/usr.sbin.kopano-search (allows /var/lib/kopano/search/**)' },
  ],
  plan(doc: LineDoc, path: string, ctx: HostContext): HostPlan {
    const plan = emptyPlan();
    const profile = path.slice(LOCAL.length);
    if (!path.startsWith(LOCAL) || PROFILES[profile] === undefined) return plan;
    const have = new Set(doc.lines.map((l) => l.text.trim()));
    const missing = neededRules(profile, ctx).filter((r) => !have.has(r.rule));
    if (missing.length === 0) return plan;
    const whys = [...new Set(missing.map((r) => r.why))];
    const text = whys.map((why) => `# zarafa2kopano[apparmor]: ${why}, outside what the profile allows\n${missing.filter((r) => r.why === why).map((r) => `${r.rule}\n`).join('')}`).join('');
    plan.edits.push({ line: doc.lines.length + 1, start: 0, end: 0, text, rule: RULE, key: profile, reason: `the enforced profile of ${profile.replace('usr.sbin.', '')} denies ${missing.map((r) => r.rule.split(' ')[0]).join(', ')}` });
    return plan;
  },
});
