import { finding, setDirectiveArg } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'ldap-propmap';

/**
 * `!propmap` names the property map file by absolute path. The translated map is written next to
 * the translated ldap.cfg, so a path under /etc/zarafa moves to /etc/kopano with it.
 */
export const ldapPropmapRule: Rule = {
  id: ID,
  title: 'Point !propmap at the translated property map under /etc/kopano',
  why: 'The LDAP plugin reads the file named by !propmap as is; a missing file makes the whole LDAP configuration invalid, so no user can log in. Once /etc/zarafa is gone, the old path is missing.',
  guide: 'Change the !propmap line of ldap.cfg to /etc/kopano/ldap.propmap.cfg and copy the property map there.',
  files: ['ldap.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    for (const line of ctx.doc.lines) {
      if (line.kind !== 'directive' || line.name !== 'propmap' || !line.honoured) continue;
      const arg = line.arg;
      if (arg.startsWith('/etc/zarafa/')) {
        const next = `/etc/kopano/${arg.slice('/etc/zarafa/'.length)}`;
        yield setDirectiveArg(line.number, next, 'the property map is translated into /etc/kopano with the rest of the configuration');
      } else if (!arg.startsWith('/')) {
        yield finding('PROPMAP_RELATIVE_PATH', 'warning', line.number,
          `!propmap ${arg} is resolved against the daemon's working directory, not against ldap.cfg; write an absolute path`);
      } else if (!arg.startsWith('/etc/kopano/') && !arg.startsWith('/usr/share/kopano/')) {
        const rename = ctx.options.ldapSchema === 'kopano' ? '; its zarafa* attribute names must be renamed by hand' : '';
        yield finding('PROPMAP_NOT_TRANSLATED', ctx.options.ldapSchema === 'kopano' ? 'warning' : 'info', line.number,
          `the property map ${arg} is outside /etc/zarafa and is not translated${rename}`);
      }
    }
  },
};
