import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { isHashComment, renameEdits } from '../rename-edits.js';

const RULE = 'fetchmail:mda';
/** The daemon that polls with /etc/fetchmailrc (Debian's and RHEL's fetchmail service). */
const SERVICE = 'fetchmail';

/**
 * fetchmail's run control: an `mda "/usr/bin/zarafa-dagent %T"` gets Kopano's dagent. The rc file
 * holds mailbox passwords: their values are secrets, masked like the configuration's. A file that
 * delivers to the dagent makes fetchmail part of the mail intake the runbook stops and starts.
 */
export const fetchmailKind: HostKind = {
  id: 'fetchmail',
  title: 'fetchmail run control (mda)',
  claims: ['etc/fetchmailrc', 'root/.fetchmailrc'],
  reload: [SERVICE],
  mappings: [
    { old: 'mda "/usr/bin/zarafa-dagent %T"', new: 'mda "/usr/sbin/kopano-dagent %T"', source: 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25 (sbin_PROGRAMS kopano-dagent)' },
  ],
  parse: parseLines,
  print: printLines,
  destination: (path) => path,
  plan(doc: LineDoc): HostPlan {
    const plan = emptyPlan();
    for (const line of doc.lines) {
      if (isHashComment(line.text)) continue;
      for (const m of line.text.matchAll(/\b(?:password|pass)\s+("([^"\\]|\\.)*"|'[^']*'|\S+)/g)) {
        const raw = m[1]!;
        const value = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
        if (value !== '') plan.secrets.push(value);
      }
      const mda = /\bmda\s+/.exec(line.text);
      if (!mda) continue;
      const edits = renameEdits(line, RULE, { tools: true, paths: true }, 'mda', mda.index);
      plan.edits.push(...edits);
      if (/zarafa/i.test(line.text)) plan.understood.push(line.number);
      // Mail it fetches goes straight to the dagent: it must not run while the dagent is gone.
      if (/(zarafa|kopano)-dagent/.test(line.text.slice(mda.index)) && !plan.intake.includes(SERVICE)) plan.intake.push(SERVICE);
    }
    return plan;
  },
};
