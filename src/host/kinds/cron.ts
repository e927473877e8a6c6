import type { HostFinding, HostKind, HostPlan } from '../kind.js';
import type { HostLine, LineDoc } from '../line-doc.js';
import { lineKind, renameLines } from '../rename-lines.js';
import { OPTIONS_CHANGED, zcpNames } from '../zcp-names.js';

const RULE = 'cron:tools';

/** A job that runs a ZCP tool whose successor takes other options. */
function optionsChanged(line: HostLine): HostFinding[] {
  return zcpNames(line.text, { tools: true, paths: false }).filter((h) => h.tool && OPTIONS_CHANGED.has(h.tool)).map((h) => ({
    code: 'HOST_OPTIONS_CHANGED', severity: 'warning', line: line.number, rule: 'cron:options',
    message: `runs ${h.tool!}; ${h.new} is a new program with its own options: check the job's options against its manual page`,
  }));
}

/**
 * Cron: /etc/crontab, /etc/cron.d/*, the cron.{hourly,daily,weekly,monthly} scripts and root's
 * crontab spool. Each ZCP tool a job runs gets its Kopano program at its Kopano path; a tool whose
 * successor takes other options is reported.
 */
export const cronKind: HostKind = lineKind({
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
  plan(doc: LineDoc): HostPlan {
    const plan = renameLines(doc.lines, { rule: RULE, what: { tools: true, paths: true } });
    const renamed = new Set(plan.understood);
    plan.findings.push(...doc.lines.filter((l) => renamed.has(l.number)).flatMap(optionsChanged));
    return plan;
  },
});
