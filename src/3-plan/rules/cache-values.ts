import { finding } from '../rule-steps.js';
import { lookupOption } from '../../options/index.js';
import { pinSetting } from './data/pin.js';
import { sameMeaning, tidySize } from './data/values.js';
import type { Rule } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'cache-values';

/**
 * The server's `cache_*` sizes are tuning the admin did for this machine's memory: every value set
 * is carried unchanged, and where ZCP ran on a cache default that Kopano changed, the ZCP value is
 * written so memory use does not shift with the upgrade.
 */
export const cacheValuesRule: Rule = {
  id: ID,
  title: 'Carry every cache_* value; pin cache defaults Kopano changed',
  why: 'kopano-server sizes its caches from the cache_* options. Kopano changed several defaults (object, indexed-object and user-details caches in 8.0; all sizes in 8.7), so a server tuned around the ZCP values would use a different amount of memory after the upgrade.',
  guide: 'Keep the cache settings of the ZCP server.cfg (cache_cell_size above all) in the new server.cfg.',
  files: ['server.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    // A value the user set must survive every earlier rule.
    for (const line of ctx.doc.lines) {
      if (line.kind !== 'setting' || !line.key.startsWith('cache_')) continue;
      if (ctx.plan.isRemoved(line.number) || ctx.plan.plannedKey(line.number) !== line.key) {
        yield finding('CACHE_VALUE_DROPPED', 'warning', line.number, `${line.key} = ${line.value} was removed by an earlier rule; set it again in the Kopano server.cfg`);
      }
    }
    if (ctx.included || !ctx.sourceTable || !ctx.targetTable) return;
    for (const spec of ctx.sourceTable.options.values()) {
      if (!spec.name.startsWith('cache_') || spec.aliasOf !== undefined) continue;
      const eff = ctx.effective.get(spec.name);
      if (!eff || eff.origin.kind !== 'default' || ctx.plan.has(spec.name)) continue;
      const target = lookupOption(ctx.targetTable, spec.name);
      if (!target || target.default === undefined || target.flags.includes('UNUSED')) continue;
      if (sameMeaning(target.type, eff.value, target.default)) continue;
      yield* pinSetting(ctx, spec.name, tidySize(target.type, eff.value), cacheNeighbours(spec.name),
        `ZCP used the default ${tidySize(target.type, eff.value)}; Kopano's default is ${target.default || '""'}, which changes the server's memory use`);
    }
  },
};

/** Cache options are grouped in the samples; a pinned one goes next to its kind, else any cache line. */
function cacheNeighbours(key: string): string[] {
  const kind = key.replace(/_(size|lifetime)$/, '');
  return [`${kind}_size`, `${kind}_lifetime`, 'cache_cell_size', 'cache_object_size', 'cache_indexedobject_size', 'cache_user_size'];
}
