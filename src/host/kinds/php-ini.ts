import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import type { LineDoc } from '../line-doc.js';
import { lineKind } from '../rename-lines.js';

/**
 * PHP's zarafa.ini loads the MAPI extension the ZCP package installed; Kopano's php-mapi package
 * installs its own mapi.ini, and the old file would load the module a second time: it is removed.
 */
export const phpIniKind: HostKind = lineKind({
  id: 'php-ini',
  title: 'PHP extension ini zarafa.ini',
  claims: ['etc/php5/*/conf.d/zarafa.ini', 'etc/php5/conf.d/zarafa.ini', 'etc/php5/mods-available/zarafa.ini', 'etc/php/*/mods-available/zarafa.ini', 'etc/php/*/*/conf.d/*zarafa.ini', 'etc/php.d/zarafa.ini'],
  reload: [],
  mappings: [
    { old: '/etc/php5/*/conf.d/zarafa.ini (extension=mapi.so)', new: 'removed; the Kopano package\'s mapi.ini loads the module', source: 'kopano4ucs scripts/kopano4ucs-migrate-files.sh (removes zarafa.ini)' },
  ],
  plan(doc: LineDoc): HostPlan {
    const plan = emptyPlan();
    plan.write = false;
    plan.remove = true;
    plan.understood.push(...doc.lines.map((l) => l.number));
    plan.findings.push({ code: 'HOST_LEFT_TO_PACKAGE', severity: 'info', rule: 'php-ini:superseded', message: 'loads the ZCP MAPI extension; the Kopano php-mapi package installs its own mapi.ini: this file is removed' });
    return plan;
  },
});
