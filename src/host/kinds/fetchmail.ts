import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { isHashComment, renameEdits } from '../rename-edits.js';

const RULE = 'fetchmail:mda';

/**
 * fetchmail's run control: an `mda "/usr/bin/zarafa-dagent %T"` gets Kopano's dagent. The rc file
 * holds mailbox passwords: their values are secrets, masked like the configuration's.
 */
export const fetchmailKind: HostKind = {
  id: 'fetchmail',
  title: 'fetchmail run control (mda)',
  claims: ['etc/fetchmailrc', 'root/.fetchmailrc'],
  reload: ['fetchmail'],
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
    }
    return plan;
  },
};
