import type { HostKind } from '../kind.js';
import { lineKind, renameLines } from '../rename-lines.js';

/**
 * /etc/zarafa/autorespond, a shell fragment the autoresponder sources: carried to
 * /etc/kopano/autorespond (read up to Kopano 10.0.1) with Kopano's programs and paths.
 */
export const autorespondKind: HostKind = lineKind({
  id: 'autorespond',
  title: 'Autoresponder settings /etc/zarafa/autorespond',
  claims: ['etc/zarafa/autorespond'],
  reload: [],
  mappings: [
    { old: '/etc/zarafa/autorespond', new: '/etc/kopano/autorespond', source: 'Kopano-dev/kopano-core installer/linux/kopano-autorespond @kopanocore-8.7.25' },
  ],
  destination: () => 'etc/kopano/autorespond',
  plan: (doc) => renameLines(doc.lines, { rule: 'autorespond:paths', what: { tools: true, paths: true } }),
});
