import type { HostKind, HostPlan } from '../kind.js';
import type { HostLine, LineDoc } from '../line-doc.js';
import { isHashComment } from '../rename-edits.js';
import { lineKind, renameLines } from '../rename-lines.js';

const RULE = 'fetchmail:mda';
/** The daemon that polls with /etc/fetchmailrc (Debian's and RHEL's fetchmail service). */
const SERVICE = 'fetchmail';

/** The passwords a line gives (`password "x"`, `pass x`), unquoted. */
function passwordsOf(line: HostLine): string[] {
  const out: string[] = [];
  for (const m of line.text.matchAll(/\b(?:password|pass)\s+("([^"\\]|\\.)*"|'[^']*'|\S+)/g)) {
    const raw = m[1]!;
    const value = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    if (value !== '') out.push(value);
  }
  return out;
}

/** The `mda` option's command: the part of the line after the keyword. */
function mdaSpan(line: HostLine): { from: number; key: string } | undefined {
  const mda = /\bmda\s+/.exec(line.text);
  return mda ? { from: mda.index, key: 'mda' } : undefined;
}

/**
 * fetchmail's run control: an `mda "/usr/bin/zarafa-dagent %T"` gets Kopano's dagent. The rc file
 * holds mailbox passwords: their values are secrets, masked like the configuration's. A file that
 * delivers to the dagent makes fetchmail part of the mail intake the runbook stops and starts.
 */
export const fetchmailKind: HostKind = lineKind({
  id: 'fetchmail',
  title: 'fetchmail run control (mda)',
  claims: ['etc/fetchmailrc', 'root/.fetchmailrc'],
  reload: [SERVICE],
  mappings: [
    { old: 'mda "/usr/bin/zarafa-dagent %T"', new: 'mda "/usr/sbin/kopano-dagent %T"', source: 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25 (sbin_PROGRAMS kopano-dagent)' },
  ],
  plan(doc: LineDoc): HostPlan {
    const plan = renameLines(doc.lines, { rule: RULE, what: { tools: true, paths: true }, span: mdaSpan, understood: (line) => /zarafa/i.test(line.text) });
    plan.secrets.push(...doc.lines.filter((l) => !isHashComment(l.text)).flatMap(passwordsOf));
    // Mail it fetches goes straight to the dagent: it must not run while the dagent is gone.
    const delivers = doc.lines.some((l) => !isHashComment(l.text) && /(zarafa|kopano)-dagent/.test(l.text.slice(mdaSpan(l)?.from ?? l.text.length)));
    if (delivers) plan.intake.push(SERVICE);
    return plan;
  },
});
