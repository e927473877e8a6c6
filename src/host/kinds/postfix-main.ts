import { emptyPlan, type HostContext, type HostKind, type HostPlan } from '../kind.js';
import { printLines } from '../line-doc.js';
import { parsePostfix, type PostfixDoc } from '../postfix-lines.js';
import { renameLines } from '../rename-lines.js';
import { lmtpFinding } from '../lmtp-check.js';

const RULE = 'postfix-main:dagent';
/** Parameters that name how mail is delivered: a command, or a transport. */
const DELIVERY = /^(mailbox_command|\w+_transport(_maps)?|\w+_command)$/;

/**
 * Postfix main.cf: the delivery parameters that run the ZCP dagent (`mailbox_command`, and
 * `*_transport` where it names the program) get Kopano's; a transport naming a master.cf service
 * (`zarafa`) is left, and an LMTP transport is checked against the translated dagent's listener.
 */
export const postfixMainKind: HostKind<PostfixDoc> = {
  id: 'postfix-main',
  title: 'Postfix main.cf',
  claims: ['etc/postfix/main.cf'],
  reload: ['postfix'],
  mappings: [
    { old: 'mailbox_command = /usr/bin/zarafa-dagent "$USER"', new: 'mailbox_command = /usr/sbin/kopano-dagent "$USER"', source: 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25 (sbin_PROGRAMS kopano-dagent); vorlon/zarafa-debian spooler/Makefile.am (bin_PROGRAMS zarafa-dagent)' },
    { old: 'virtual_transport = lmtp:127.0.0.1:2003', new: 'left; checked against dagent.cfg lmtp_listen (8.7) or server_bind/lmtp_port (8.0)', source: 'Kopano-dev/kopano-core installer/linux/dagent.cfg @kopanocore-8.7.25 (lmtp_listen = *:2003)' },
  ],
  parse: parsePostfix,
  print: printLines,
  destination: (path) => path,
  plan(doc: PostfixDoc, path: string, ctx: HostContext): HostPlan {
    const plan = emptyPlan();
    for (const entry of doc.entries) {
      const first = entry.lines[0]!;
      const m = /^([A-Za-z0-9_]+)\s*=/.exec(first.text);
      if (!m) continue;
      // A parameter named after the master.cf service (zarafa_destination_recipient_limit) names the label, which stays.
      if (/^zarafa_/.test(m[1]!)) {
        plan.understood.push(...entry.lines.map((l) => l.number));
        continue;
      }
      if (!DELIVERY.test(m[1]!)) continue;
      const key = m[1]!;
      const valueFrom = m[0].length;
      renameLines(entry.lines, {
        rule: RULE, what: { tools: true, paths: false },
        span: (_, i) => ({ from: i === 0 ? valueFrom : 0, key }),
        understood: (line, edits) => edits.length > 0 || /zarafa/i.test(line.text),
      }, plan);
      const value = entry.lines.map((l, i) => (i === 0 ? l.text.slice(valueFrom) : l.text)).join(' ').trim();
      for (const lmtp of value.split(/[\s,]+/).filter((v) => v.startsWith('lmtp:'))) {
        const finding = lmtpFinding(lmtp, ctx, `${path} ${key}`);
        if (finding) plan.findings.push({ ...finding, line: first.number });
      }
    }
    return plan;
  },
};
