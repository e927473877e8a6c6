import { action, setValue } from '../rule-steps.js';
import type { Rule, RuleContext } from '../rule.js';
import { dirnameOf, isConfigFile, isUserData, shellQuote, zarafaToKopanoPath } from './lib/paths.js';
import { targetSpec, targetUses } from './lib/values.js';
import { ZCP_SOURCES } from '../../types.js';

/**
 * Options whose paths other rules decide: the attachment store and the search index are data that
 * stay where they are unless moved (attachments, search-index rules); the database name is not a path.
 */
const OWNED_ELSEWHERE: ReadonlySet<string> = new Set(['attachment_path', 'index_path', 'mysql_database']);

/** ZCP's stock user scripts: Kopano ships its own at its default location, so they are not copied. */
const USERSCRIPT = /^\/etc\/zarafa\/userscripts\/(create|delete)(user|group|company)$/;

export const pathsRule: Rule = {
  id: 'paths',
  title: 'Point every /etc/zarafa, /var/log/zarafa, /usr/lib/zarafa, … path at its Kopano location',
  why:
    'Once the ZCP packages are purged, /etc/zarafa, /usr/lib/zarafa and /usr/share/zarafa-* are gone and the Kopano ' +
    'user may not write to /var/log/zarafa: a daemon that cannot open a key, plugin, template or log path fails or ' +
    'loses that feature, so each path moves to the Kopano tree and user files are copied there.',
  guide: 'Rewrite /etc/zarafa → /etc/kopano (plugin config, SSL keys and CAs, scripts, templates), logs, plugin and program paths.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    // Each step changes only its own line, so the lazy walk sees what a list taken now would.
    for (const { line, key, value } of ctx.plan.settings()) {
      // Every path this rule maps names zarafa: most values are skipped before any table lookup.
      if (!value.includes('zarafa') || OWNED_ELSEWHERE.has(key)) continue;
      // Options Kopano ignores are commented out by unknown-options; rewriting them would only add noise.
      if (!targetUses(ctx, key)) continue;
      const to = kopanoPathFor(ctx, key, value);
      if (to === undefined || to === value) continue;
      yield setValue(line.number, to, reasonFor(value));
      if (needsCopy(value)) yield action(copyAction(ctx, key, value, to));
    }
  },
};

/**
 * The Kopano path for `value` of option `key`; ZCP's stock user scripts go to the target's own. Kopano 11
 * ships no such wrapper scripts (installer/userscripts at kopanocore-11.0.2): its default `internal` runs
 * the createuser.d, … directories under /usr/lib/kopano/userscripts and /etc/kopano/userscripts, which is
 * what ZCP's stock scripts did with theirs.
 */
function kopanoPathFor(ctx: RuleContext, key: string, value: string): string | undefined {
  if (USERSCRIPT.test(value)) {
    const def = targetSpec(ctx, key)?.default;
    if (def && (def === 'internal' || def.endsWith(value.slice(value.lastIndexOf('/'))))) return def;
  }
  const to = zarafaToKopanoPath(value);
  return to === undefined ? undefined : indexerToSearch(ctx, key, to) ?? to;
}

/**
 * ZCP 7.0's search daemon was zarafa-indexer: its stock log and key paths say `indexer`
 * (/var/log/zarafa/indexer.log, /etc/zarafa/indexer/privkey.pem, /etc/zarafa/ssl/indexer.pem).
 * kopano-search's own are the `search` ones; the `indexer` name is replaced only where the result is
 * exactly the target's default or sample value for the option.
 */
function indexerToSearch(ctx: RuleContext, key: string, path: string): string | undefined {
  if (ctx.daemon !== 'search.cfg' || !/(^|\/)indexer(\.[a-z]+)?(\/|$)/.test(path)) return undefined;
  const candidate = path.replace(/(^|\/)indexer(\.[a-z]+)?(?=\/|$)/g, '$1search$2');
  const spec = targetSpec(ctx, key);
  return spec && (spec.default === candidate || spec.sample === candidate) ? candidate : undefined;
}

function reasonFor(from: string): string {
  if (from.startsWith('/var/log/')) return 'Kopano logs to /var/log/kopano, which its user may write to';
  if (from.startsWith('/etc/zarafa/userscripts/')) return 'the Kopano user scripts; ZCP\'s go away with its packages';
  if (from.startsWith('/etc/zarafa')) return 'Kopano reads its configuration and keys from /etc/kopano; /etc/zarafa goes away with ZCP';
  if (from.startsWith('/var/lib/zarafa')) return 'Kopano keeps its state under /var/lib/kopano';
  return 'the Kopano location of this program file; the ZCP one goes away with its packages';
}

/** A user file the daemon reads, that nothing else carries over. */
function needsCopy(from: string): boolean {
  return isUserData(from) && !isConfigFile(from) && !USERSCRIPT.test(from);
}

function copyAction(ctx: RuleContext, key: string, from: string, to: string) {
  return {
    id: `files:copy:${from}`,
    reason: `${key} in ${ctx.file} named ${from}; Kopano reads ${to}`,
    command: `mkdir -p ${shellQuote(dirnameOf(to))} && cp -aT ${shellQuote(from)} ${shellQuote(to)}`,
    paths: [from, to],
  };
}
