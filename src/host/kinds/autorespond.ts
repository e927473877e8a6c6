import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { isHashComment, renameEdits } from '../rename-edits.js';

/**
 * /etc/zarafa/autorespond, a shell fragment the autoresponder sources: carried to
 * /etc/kopano/autorespond (read up to Kopano 10.0.1) with Kopano's programs and paths.
 */
export const autorespondKind: HostKind = {
  id: 'autorespond',
  title: 'Autoresponder settings /etc/zarafa/autorespond',
  claims: ['etc/zarafa/autorespond'],
  reload: [],
  mappings: [
    { old: '/etc/zarafa/autorespond', new: '/etc/kopano/autorespond', source: 'Kopano-dev/kopano-core installer/linux/kopano-autorespond @kopanocore-8.7.25' },
  ],
  parse: parseLines,
  print: printLines,
  destination: () => 'etc/kopano/autorespond',
  plan(doc: LineDoc): HostPlan {
    const plan = emptyPlan();
    for (const line of doc.lines) {
      if (isHashComment(line.text)) continue;
      const edits = renameEdits(line, 'autorespond:paths', { tools: true, paths: true });
      plan.edits.push(...edits);
      if (edits.length > 0) plan.understood.push(line.number);
    }
    return plan;
  },
};
