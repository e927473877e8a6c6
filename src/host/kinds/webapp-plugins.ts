import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { renameEdits } from '../rename-edits.js';

/**
 * WebApp plugin configurations, config-<plugin>.php next to config.php (which the directory
 * translation reads): carried to /etc/kopano/webapp with the WebApp's moved directories.
 */
export const webappPluginsKind: HostKind = {
  id: 'webapp-plugins',
  title: 'WebApp plugin configurations config-*.php',
  claims: ['etc/zarafa/webapp/config-*.php'],
  reload: ['apache2', 'httpd', 'nginx'],
  mappings: [
    { old: '/etc/zarafa/webapp/config-<plugin>.php', new: '/etc/kopano/webapp/config-<plugin>.php', source: 'kopano-webapp packaging (plugin configs under /etc/kopano/webapp)' },
  ],
  parse: parseLines,
  print: printLines,
  destination: (path) => path.replace(/^etc\/zarafa\//, 'etc/kopano/'),
  plan(doc: LineDoc): HostPlan {
    const plan = emptyPlan();
    for (const line of doc.lines) {
      if (/^\s*(\/\/|#|\*|\/\*)/.test(line.text)) continue;
      const edits = renameEdits(line, 'webapp-plugins:paths', { tools: false, paths: true });
      plan.edits.push(...edits);
      if (edits.length > 0) plan.understood.push(line.number);
    }
    return plan;
  },
};
