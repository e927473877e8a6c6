import type { RuleContext } from '../../rule.js';
import { insert, type RuleStep } from '../../rule-steps.js';

/**
 * Write `key = value` into the file where a reader looks for it: next to the related keys in this
 * file (active or commented-out sample lines), else right after the `!include` that sets the
 * related keys (so `mysql_database` lands next to the included MySQL settings), else at the end.
 * Nothing when the plan already sets `key`.
 */
export function* pinSetting(ctx: RuleContext, key: string, value: string, near: readonly string[], reason: string): Generator<RuleStep> {
  if (ctx.plan.has(key)) return;
  const related = [key, ...near];
  if (ctx.plan.index.mentionsAny(related)) {
    yield insert(key, value, { near: related }, reason);
    return;
  }
  const include = includeSetting(ctx, new Set(related));
  yield insert(key, value, include === undefined ? { near: related } : { after: include }, reason);
}

/** Line number of the last honoured `!include` whose file sets one of `wanted`. */
function includeSetting(ctx: RuleContext, wanted: ReadonlySet<string>): number | undefined {
  if (!ctx.resolveInclude) return undefined;
  let found: number | undefined;
  for (const line of ctx.doc.lines) {
    if (line.kind !== 'directive' || line.name !== 'include' || !line.honoured) continue;
    const target = ctx.resolveInclude(line, ctx.doc);
    if (target?.lines.some((l) => l.kind === 'setting' && wanted.has(l.key))) found = line.number;
  }
  return found;
}
