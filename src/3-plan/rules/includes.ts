import { finding, setDirectiveArg } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { zarafaToKopanoPath } from './lib/paths.js';
import { ZCP_SOURCES } from '../../types.js';

/** 7.0's indexer.cfg is written out as search.cfg, so a directive naming it must follow. */
function renamedConfig(path: string): string {
  return path.replace(/(^|\/)indexer\.cfg$/, '$1search.cfg');
}

export const includesRule: Rule = {
  id: 'includes',
  title: 'Rewrite !include paths to the translated files',
  why:
    'The C++ reader treats a missing !include target as a fatal error, so an include that still names a file under ' +
    '/etc/zarafa stops the daemon once ZCP is purged; it must name the translated file under /etc/kopano.',
  guide: 'Follow !include directives and point them at the translated files.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    for (const line of ctx.doc.lines) {
      if (line.kind !== 'directive' || line.name !== 'include') continue; // !propmap: ldap-propmap rule
      if (ctx.doc.dialect === 'python') {
        yield finding('INCLUDE_IGNORED', 'warning', line.number,
          `the Python reader of ${ctx.file} ignores "!include ${line.arg}": the settings in that file are not read; copy them into ${ctx.targetFile}`);
      }
      const arg = line.arg;
      // Relative paths resolve against the including file's directory, which moves along with it.
      const mapped = renamedConfig(arg.startsWith('/') ? (zarafaToKopanoPath(arg) ?? arg) : arg);
      if (mapped !== arg) {
        yield setDirectiveArg(line.number, mapped, arg.startsWith('/') ? 'the translated file lives under /etc/kopano' : 'ZCP 7.0 indexer.cfg is written out as search.cfg');
      }
    }
  },
};
