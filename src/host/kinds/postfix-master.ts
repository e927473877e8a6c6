import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { printLines } from '../line-doc.js';
import { parsePostfix, type PostfixDoc } from '../postfix-lines.js';
import { renameLines } from '../rename-lines.js';

const RULE = 'postfix-master:pipe';

/**
 * Postfix master.cf: a service's command (`argv=/usr/bin/zarafa-dagent -R ${recipient}` of a pipe,
 * and its `-o` overrides) gets Kopano's program; the service's name (`zarafa`, a transport label
 * main.cf and the transport maps use) and `user=` are left.
 */
export const postfixMasterKind: HostKind<PostfixDoc> = {
  id: 'postfix-master',
  title: 'Postfix master.cf',
  claims: ['etc/postfix/master.cf'],
  reload: ['postfix'],
  mappings: [
    { old: 'zarafa unix - n n - 10 pipe … argv=/usr/bin/zarafa-dagent -R ${recipient}', new: '… argv=/usr/sbin/kopano-dagent -R ${recipient} (service name and user= left)', source: 'Kopano-dev/kopano-core Makefile.am @kopanocore-8.7.25 (sbin_PROGRAMS kopano-dagent); ZCP 7.2 installer/linux/zarafa-dagent.service (/usr/sbin/zarafa-dagent)' },
  ],
  parse: parsePostfix,
  print: printLines,
  destination: (path) => path,
  plan(doc: PostfixDoc): HostPlan {
    const plan = emptyPlan();
    for (const entry of doc.entries) {
      if (!entry.lines.some((l) => /zarafa/i.test(l.text))) continue;
      // The service name is left; the rest of the entry is its command and options.
      const name = /^\S+/.exec(entry.lines[0]!.text)?.[0] ?? '';
      renameLines(entry.lines, { rule: RULE, what: { tools: true, paths: true }, span: (_, i) => ({ from: i === 0 ? name.length : 0, key: name }), understood: () => true }, plan);
    }
    return plan;
  },
};
