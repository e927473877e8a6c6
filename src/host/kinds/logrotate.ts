import type { HostKind, HostPlan } from '../kind.js';
import type { LineDoc } from '../line-doc.js';
import { isHashComment } from '../rename-edits.js';
import { lineKind, renameLines } from '../rename-lines.js';

const RULE = 'logrotate:paths';

/** The paths the file rotates: the words before each top-level `{`. */
function rotatedPaths(doc: LineDoc): string[] {
  let depth = 0;
  const rotated: string[] = [];
  for (const line of doc.lines) {
    if (isHashComment(line.text)) continue;
    if (depth === 0) rotated.push(...line.text.replace(/\{.*$/, '').trim().split(/\s+/).filter((w) => w !== ''));
    depth += (line.text.match(/\{/g) ?? []).length - (line.text.match(/\}/g) ?? []).length;
  }
  return rotated;
}

/**
 * logrotate: /etc/logrotate.d/zarafa*. A file that rotates only the stock /var/log/zarafa logs is
 * superseded by the Kopano package's /etc/logrotate.d/kopano (its paths would rotate twice, which
 * logrotate refuses): it is removed. Any other gets Kopano's paths and programs in place.
 */
export const logrotateKind: HostKind = lineKind({
  id: 'logrotate',
  title: 'logrotate',
  claims: ['etc/logrotate.d/zarafa*'],
  reload: [],
  mappings: [
    { old: '/var/log/zarafa/*.log', new: '/var/log/kopano/*.log (Kopano\'s /etc/logrotate.d/kopano)', source: 'Kopano-dev/kopano-core installer/linux/kopano.logrotate' },
    { old: 'postrotate: killall -HUP zarafa-server', new: 'killall -HUP kopano-server', source: 'Kopano-dev/kopano-core installer/linux/kopano.logrotate' },
  ],
  plan(doc: LineDoc): HostPlan {
    const plan = renameLines(doc.lines, { rule: RULE, what: { tools: true, paths: true } });
    const rotated = rotatedPaths(doc);
    if (rotated.length > 0 && rotated.every((p) => /^"?\/var\/log\/zarafa\//.test(p))) {
      plan.write = false;
      plan.remove = true;
      plan.understood.push(...doc.lines.map((l) => l.number));
      plan.findings.push({ code: 'HOST_LEFT_TO_PACKAGE', severity: 'info', rule: 'logrotate:superseded', message: 'rotates only the logs under /var/log/zarafa: the Kopano package\'s /etc/logrotate.d/kopano rotates /var/log/kopano; this file is removed' });
    }
    return plan;
  },
});
