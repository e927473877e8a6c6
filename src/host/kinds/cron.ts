import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { isHashComment, renameEdits } from '../rename-edits.js';
import { OPTIONS_CHANGED, zcpNames } from '../zcp-names.js';

const RULE = 'cron:tools';

/**
 * Cron: /etc/crontab, /etc/cron.d/*, the cron.{hourly,daily,weekly,monthly} scripts and root's
 * crontab spool. Each ZCP tool a job runs gets its Kopano program at its Kopano path; a tool whose
 * successor takes other options is reported.
 */
export const cronKind: HostKind = {
  id: 'cron',
  title: 'Cron jobs',
  claims: ['etc/crontab', 'etc/cron.d/*', 'etc/cron.hourly/*', 'etc/cron.daily/*', 'etc/cron.weekly/*', 'etc/cron.monthly/*',
    'var/spool/cron/crontabs/root', 'var/spool/cron/root', 'var/spool/cron/tabs/root'],
  reload: [],
  mappings: [
    { old: '/usr/bin/zarafa-admin --purge-softdelete 30', new: '/usr/sbin/kopano-admin --purge-softdelete 30', source: 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25 (sbin_PROGRAMS kopano-admin)' },
    { old: 'zarafa-backup', new: 'kopano-backup (other options: reported)', source: 'Kopano-dev/kopano-core ECtools/backup @kopanocore-8.7.25' },
    { old: 'zarafa-archiver', new: '/usr/sbin/kopano-archiver', source: 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25' },
  ],
  parse: parseLines,
  print: printLines,
  destination: (path) => path,
  plan(doc: LineDoc): HostPlan {
    const plan = emptyPlan();
    for (const line of doc.lines) {
      if (isHashComment(line.text)) continue;
      const edits = renameEdits(line, RULE, { tools: true, paths: true });
      if (edits.length === 0) continue;
      plan.edits.push(...edits);
      plan.understood.push(line.number);
      for (const h of zcpNames(line.text, { tools: true, paths: false })) {
        if (h.tool && OPTIONS_CHANGED.has(h.tool)) {
          plan.findings.push({ code: 'HOST_OPTIONS_CHANGED', severity: 'warning', line: line.number, rule: 'cron:options', message: `runs ${h.tool}; ${h.new} is a new program with its own options: check the job's options against its manual page` });
        }
      }
    }
    return plan;
  },
};
