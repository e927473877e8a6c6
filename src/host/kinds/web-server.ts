import type { HostKind } from '../kind.js';
import { lineKind, renameLines } from '../rename-lines.js';

const RULE = 'web:paths';

/**
 * Apache and nginx sites and snippets: the WebApp's directories (`Alias /webapp
 * /usr/share/zarafa-webapp`, `<Directory /etc/zarafa/webapp>`, /var/lib/zarafa-webapp) get the
 * Kopano WebApp's. Directives are read only as far as their path arguments; comments are left.
 */
export const webServerKind: HostKind = lineKind({
  id: 'web-server',
  title: 'Apache and nginx (WebApp paths)',
  claims: [
    'etc/apache2/sites-available/*', 'etc/apache2/conf-available/*', 'etc/apache2/conf.d/*',
    'etc/httpd/conf.d/*.conf', 'etc/nginx/sites-available/*', 'etc/nginx/conf.d/*.conf', 'etc/nginx/snippets/*',
  ],
  reload: ['apache2', 'httpd', 'nginx'],
  mappings: [
    { old: 'Alias /webapp /usr/share/zarafa-webapp', new: 'Alias /webapp /usr/share/kopano-webapp', source: 'kopano-webapp packaging (kopano-webapp.conf)' },
    { old: '/etc/zarafa/webapp', new: '/etc/kopano/webapp', source: 'kopano-webapp packaging' },
    { old: '/var/lib/zarafa-webapp', new: '/var/lib/kopano-webapp', source: 'kopano-webapp packaging' },
  ],
  plan: (doc) => renameLines(doc.lines, { rule: RULE, what: { tools: false, paths: true } }),
});
