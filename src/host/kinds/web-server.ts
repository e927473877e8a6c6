import { emptyPlan, type HostKind, type HostPlan } from '../kind.js';
import { parseLines, printLines, type LineDoc } from '../line-doc.js';
import { isHashComment, renameEdits } from '../rename-edits.js';

const RULE = 'web:paths';

/**
 * Apache and nginx sites and snippets: the WebApp's directories (`Alias /webapp
 * /usr/share/zarafa-webapp`, `<Directory /etc/zarafa/webapp>`, /var/lib/zarafa-webapp) get the
 * Kopano WebApp's. Directives are read only as far as their path arguments; comments are left.
 */
export const webServerKind: HostKind = {
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
  parse: parseLines,
  print: printLines,
  destination: (path) => path,
  plan(doc: LineDoc): HostPlan {
    const plan = emptyPlan();
    for (const line of doc.lines) {
      if (isHashComment(line.text)) continue;
      const edits = renameEdits(line, RULE, { tools: false, paths: true });
      plan.edits.push(...edits);
      if (edits.length > 0) plan.understood.push(line.number);
    }
    return plan;
  },
};
