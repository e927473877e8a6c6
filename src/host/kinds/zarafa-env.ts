import { emptyPlan, type HostContext, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';

const RULE = 'zarafa-env:locale';

/** The variables Kopano reads under another name (installer/linux/sysconfig.txt @kopanocore-8.0.0). */
const RENAMED: Readonly<Record<string, string>> = {
  ZARAFA_LOCALE: 'KOPANO_LOCALE',
  ZARAFA_USERSCRIPT_LOCALE: 'KOPANO_USERSCRIPT_LOCALE',
};

/** `[export] NAME=value` (a shell assignment; the value keeps its quoting). */
const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** The value a shell assigns for `raw` (one word: bare, '…' or "…"); undefined when it is more than that. */
export function shellValue(raw: string): string | undefined {
  const v = raw.replace(/\s+#.*$/, '').trim();
  if (/^'[^']*'$/.test(v)) return v.slice(1, -1);
  if (/^"([^"\\$`]|\\.)*"$/.test(v)) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^[^\s'"\\$`;&|<>()]*$/.test(v)) return v;
  return undefined;
}

/** Where the environment files are, root-relative. */
const ENV_FILES = ['etc/default/zarafa', 'etc/sysconfig/zarafa'];

/**
 * The locale new stores get, read off the environment files load read (`ZARAFA_LOCALE`, its value
 * unquoted; the first file that sets one), with the file and line that set it.
 */
export function storeLocale(files: ReadonlyMap<string, string>): { value: string; path: string; line: number } | undefined {
  for (const path of ENV_FILES) {
    const text = files.get(path);
    if (text === undefined) continue;
    for (const line of parseLines(text).lines) {
      const m = ASSIGNMENT.exec(line.text);
      if (!m || /^\s*#/.test(line.text) || m[2] !== 'ZARAFA_LOCALE') continue;
      const value = shellValue(m[3]!);
      if (value !== undefined && value !== '') return { value, path, line: line.number };
    }
  }
  return undefined;
}

/**
 * /etc/default/zarafa (Debian) and /etc/sysconfig/zarafa (RHEL, SUSE): the locale variables get the
 * names Kopano reads, in /etc/default/kopano or /etc/sysconfig/kopano; for 8.7 and 11.0 (8.6.8 and later) the
 * store locale is `default_store_locale` in admin.cfg, which the kopano-admin kind writes (see
 * storeLocale). Other ZARAFA_* variables are reported.
 */
export const zarafaEnvKind: HostKind = {
  id: 'zarafa-env',
  title: 'Environment file /etc/default/zarafa, /etc/sysconfig/zarafa',
  claims: ENV_FILES,
  reload: [],
  mappings: [
    { old: 'ZARAFA_LOCALE in /etc/default/zarafa', new: 'KOPANO_LOCALE in /etc/default/kopano (8.0–8.6.7)', source: 'Kopano-dev/kopano-core installer/linux/sysconfig.txt, init scripts @kopanocore-8.0.0' },
    { old: 'ZARAFA_USERSCRIPT_LOCALE', new: 'KOPANO_USERSCRIPT_LOCALE', source: 'Kopano-dev/kopano-core installer/linux/sysconfig.txt @kopanocore-8.0.0' },
    { old: 'ZARAFA_LOCALE (targets 8.7, 11.0)', new: 'default_store_locale in /etc/kopano/admin.cfg', source: 'Kopano-dev/kopano-core RELNOTES 8.6.8; ECtools/storeadm.cpp @kopanocore-8.7.25' },
  ],
  parse: parseLines,
  print: printLines,
  destination: (path) => path.replace(/zarafa$/, 'kopano'),
  plan(doc: LineDoc, path: string, ctx: HostContext): HostPlan {
    const plan = emptyPlan();
    for (const line of doc.lines) {
      if (/^\s*#/.test(line.text)) continue;
      const m = ASSIGNMENT.exec(line.text);
      if (!m) continue;
      const [, lead, name, raw] = m as unknown as [string, string, string, string];
      const to = RENAMED[name];
      if (to === undefined) {
        if (/^ZARAFA_/.test(name)) {
          plan.findings.push({ code: 'HOST_VARIABLE_LEFT', severity: 'info', line: line.number, rule: 'zarafa-env:other', message: `${name} is read by no Kopano program under any name; it is carried as it is` });
          plan.understood.push(line.number);
        }
        continue;
      }
      plan.understood.push(line.number);
      plan.edits.push({ line: line.number, start: lead.length, end: lead.length + name.length, text: to, rule: RULE, key: name, reason: `${name} → ${to}: Kopano's services read the KOPANO_ name` });
      const value = shellValue(raw);
      if (ctx.target !== '8.0' && name === 'ZARAFA_LOCALE' && value !== undefined && value !== '') {
        plan.findings.push({ code: 'HOST_LOCALE_MOVED', severity: 'info', line: line.number, rule: 'zarafa-env:store-locale', message: `Kopano ${ctx.target} takes the locale of new stores from default_store_locale in admin.cfg: /etc/kopano/admin.cfg gets ${value}` });
      }
    }
    return plan;
  },
};
