import type { HostKind } from '../kind.js';
import { lineKind, renameLines } from '../rename-lines.js';

/**
 * WebApp plugin configurations, config-<plugin>.php next to config.php (which the directory
 * translation reads): carried to /etc/kopano/webapp with the WebApp's moved directories.
 */
export const webappPluginsKind: HostKind = lineKind({
  id: 'webapp-plugins',
  title: 'WebApp plugin configurations config-*.php',
  claims: ['etc/zarafa/webapp/config-*.php'],
  reload: ['apache2', 'httpd', 'nginx'],
  mappings: [
    { old: '/etc/zarafa/webapp/config-<plugin>.php', new: '/etc/kopano/webapp/config-<plugin>.php', source: 'kopano-webapp packaging (plugin configs under /etc/kopano/webapp)' },
  ],
  destination: (path) => path.replace(/^etc\/zarafa\//, 'etc/kopano/'),
  // PHP comments (`//`, `#`, `/* … */` and its ` * ` lines) are left.
  plan: (doc) => renameLines(doc.lines, { rule: 'webapp-plugins:paths', what: { tools: false, paths: true }, skip: (text) => /^\s*(\/\/|#|\*|\/\*)/.test(text) }),
});
