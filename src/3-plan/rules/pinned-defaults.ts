import { getOptionTable, lookupOption, type EffectiveValue } from '../../options/index.js';
import { renameLdapValue } from './data/ldap-names.js';
import { pinSetting } from './data/pin.js';
import { pinnedOptionsOf } from './data/pinned-options.js';
import { pythonSize, sameMeaning, tidySize } from './data/values.js';
import { refusedByTranslation } from './lib/values.js';
import type { Rule, RuleContext } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'pinned-defaults';

/**
 * Where ZCP ran on a compiled default that Kopano changed, write the old value into the file.
 * Only the file that is read first pins: a key set in an `!include`d file has a file origin in the
 * effective view and is left alone, and an included file never pins (its own view lacks the rest).
 */
export const pinnedDefaultsRule: Rule = {
  id: ID,
  title: 'Pin values that came from a ZCP default Kopano changed',
  why: 'A daemon reads an option it does not find in its file from its compiled default. Kopano changed several of these (database name, address-book visibility, the LMTP bind address, log levels, LDAP attribute names), so a ZCP file that relied on a default would silently behave differently.',
  guide: 'Compare the old and new defaults and set the old values explicitly, above all mysql_database, before starting Kopano on the ZCP data.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    if (ctx.included || !ctx.targetTable) return;
    for (const pin of pinnedOptionsOf(ctx.daemon, ctx.sourceTable)) {
      const eff = ctx.effective.get(pin.key) ?? laterDefault(ctx, pin.key);
      if (!eff || eff.origin.kind !== 'default' || ctx.plan.has(pin.key) || refusedByTranslation(ctx, pin.key)) continue;
      const spec = lookupOption(ctx.targetTable, pin.key);
      const converted = pin.convertedOn?.includes(ctx.options.target) ?? false;
      if (!spec && !converted) continue;
      if (spec && (spec.flags.includes('UNUSED') || spec.flags.includes('IGNORED'))) continue;
      const value = targetSpelling(ctx, pin.key, eff.value);
      if (value === undefined) continue;
      if (spec?.default !== undefined && sameMeaning(spec.type, value, spec.default)) continue;
      const which = ctx.sourceTable?.options.has(pin.key) ? 'ZCP used the default' : 'ZCP 7.2 introduced the option with the default';
      const why = pin.whyFor?.[ctx.options.target] ?? pin.why;
      yield* pinSetting(ctx, pin.key, value, pin.near, `${which} ${JSON.stringify(eff.value)}: ${why}`);
    }
  },
};

/** The old default as the target reader must see it (LDAP names per ldapSchema, Python sizes). */
function targetSpelling(ctx: RuleContext, key: string, value: string): string | undefined {
  if (ctx.daemon === 'ldap.cfg' && ctx.options.ldapSchema === 'kopano') return renameLdapValue(key, value);
  const spec = ctx.targetTable && lookupOption(ctx.targetTable, key);
  if (spec?.type === 'size' && ctx.targetTable?.dialect === 'python') return pythonSize(value);
  return spec ? tidySize(spec.type, value) : value;
}

/**
 * An option the source release did not have yet (7.0's dagent had no default_charset): the value
 * ZCP 7.2 used stands in for it. Once translated, the files read as 7.2-era configuration, so this
 * is also what keeps a second translation of the output from pinning anything new.
 */
function laterDefault(ctx: RuleContext, key: string): EffectiveValue | undefined {
  if (ctx.sourceTable?.options.has(key)) return undefined;
  const value = getOptionTable(ctx.daemon, '7.2')?.options.get(key)?.default;
  return value === undefined ? undefined : { value, origin: { kind: 'default' } };
}
