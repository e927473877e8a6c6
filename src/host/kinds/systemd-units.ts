import type { HostKind, HostPlan } from '../kind.js';
import type { LineDoc } from '../line-doc.js';
import { isHashComment } from '../rename-edits.js';
import { lineKind, renameLines } from '../rename-lines.js';

const RULE = 'systemd:units';

/**
 * systemd: drop-ins of the ZCP units (/etc/systemd/system/zarafa-*.service.d/*.conf) move to the
 * Kopano unit's directory, and every local unit or drop-in that names a zarafa-* unit, program or
 * path gets Kopano's. `systemctl daemon-reload` follows (runbook).
 */
export const systemdKind: HostKind = lineKind({
  id: 'systemd',
  title: 'systemd units and drop-ins',
  claims: ['etc/systemd/system/*.service.d/*.conf', 'etc/systemd/system/*.service', 'etc/systemd/system/*.timer', 'etc/systemd/system/*.target'],
  reload: ['systemd'],
  mappings: [
    { old: '/etc/systemd/system/zarafa-server.service.d/x.conf', new: '/etc/systemd/system/kopano-server.service.d/x.conf', source: 'Kopano-dev/kopano-core installer/linux/Makefile.am @kopanocore-8.7.25 (dist_systemunit_DATA kopano-*.service)' },
    { old: 'After=zarafa-server.service', new: 'After=kopano-server.service', source: 'Kopano-dev/kopano-core installer/linux/kopano-server.service @kopanocore-8.7.25' },
  ],
  destination: (path) => path.replace(/^(etc\/systemd\/system\/)zarafa-([\w-]+\.service(\.d\/|$))/, '$1kopano-$2'),
  plan(doc: LineDoc, path: string): HostPlan {
    // systemd takes `;` for a comment mark as well as `#`.
    const plan = renameLines(doc.lines, { rule: RULE, what: { tools: true, paths: true }, skip: (text) => isHashComment(text) || /^\s*;/.test(text) });
    // A unit file nobody changed and that keeps its name is not this kind's business.
    if (plan.edits.length === 0 && !/zarafa-/.test(path)) plan.write = false;
    return plan;
  },
});
