import { parseConfig } from '../../cfg/parse.js';
import { emptyPlan, type HostContext, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { storeLocale } from './zarafa-env.js';

const RULE = 'kopano-admin:store-locale';
const ADMIN_CFG = 'etc/kopano/admin.cfg';

/**
 * /etc/kopano/admin.cfg for targets 8.7 and 11.0: Kopano 8.6.8 and later create a store with the
 * folder names of `default_store_locale` there (kopano-storeadm; kopano-admin reads the same file
 * and knows the name, so it does not stop on it). The host's ZARAFA_LOCALE (zarafa-env) becomes that
 * line: added to the root's admin.cfg, or a new file with only that line. A file that sets it is kept.
 */
export const kopanoAdminKind: HostKind = {
  id: 'kopano-admin',
  title: 'Kopano admin.cfg (the locale of new stores)',
  claims: [ADMIN_CFG],
  reload: [],
  // The file is made on any root (etc is always there) when it has a line to carry.
  creates: { probe: 'etc', paths: [ADMIN_CFG] },
  mappings: [
    { old: 'ZARAFA_LOCALE in /etc/default/zarafa or /etc/sysconfig/zarafa (targets 8.7, 11.0)', new: 'default_store_locale in /etc/kopano/admin.cfg', source: 'Kopano-dev/kopano-core ECtools/storeadm.cpp, ECtools/admin/admin.cpp (admin.cfg defaults), installer/linux/admin.cfg @kopanocore-8.7.25; the same defaults @kopanocore-11.0.2' },
  ],
  parse: parseLines,
  print: printLines,
  destination: (path) => path,
  plan(doc: LineDoc, path: string, ctx: HostContext): HostPlan {
    const plan = emptyPlan();
    // 8.0 reads KOPANO_LOCALE (zarafa-env renames it); 8.7 and 11.0 read admin.cfg.
    const locale = ctx.target !== '8.0' ? storeLocale(ctx.files) : undefined;
    if (path !== ADMIN_CFG || locale === undefined) return plan;
    // Read as kopano-admin reads it (the C++ reader): the last assignment of a name counts.
    const set = parseConfig(printLines(doc), { file: 'admin.cfg', dialect: 'cpp', diagnostics: false }).lines
      .filter((l) => l.kind === 'setting' && l.key === 'default_store_locale').pop();
    if (set?.kind === 'setting') {
      plan.understood.push(set.number);
      if (set.value !== locale.value) {
        plan.findings.push({ code: 'HOST_LOCALE_MOVED', severity: 'info', line: set.number, rule: RULE,
          message: `already sets default_store_locale = ${set.value}; it is kept (ZARAFA_LOCALE in /${locale.path} is ${locale.value})` });
      }
      return plan;
    }
    plan.edits.push({
      line: doc.lines.length + 1, start: 0, end: 0,
      text: `# zarafa2kopano[kopano-admin]: ZARAFA_LOCALE of /${locale.path}\ndefault_store_locale = ${locale.value}\n`,
      rule: RULE, key: 'default_store_locale',
      reason: `new stores get their folder names in ${locale.value} (ZARAFA_LOCALE in /${locale.path}, line ${locale.line}): Kopano 8.6.8 and later read it here`,
    });
    return plan;
  },
};
