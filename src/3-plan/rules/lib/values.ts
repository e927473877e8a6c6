import type { SettingLine } from '../../../cfg/model.js';
import type { DaemonFile, OptionSpec } from '../../../options/index.js';
import { lookupOption } from '../../../options/index.js';
import type { RuleContext } from '../../rule.js';

/**
 * The value `key` has for the daemon at this point of the plan: this file's planned value, else
 * what the ZCP daemon read (an included file or its compiled default). Undefined when unset.
 */
export function currentValue(ctx: RuleContext, key: string): string | undefined {
  return ctx.plan.valueOf(key) ?? ctx.effective.get(key)?.value;
}

/** True when `key` is assigned in this file's plan or in a file this one includes. */
export function isSetAnywhere(ctx: RuleContext, key: string): boolean {
  if (ctx.plan.has(key)) return true;
  const e = ctx.effective.get(key);
  return e !== undefined && e.origin.kind === 'file' && e.origin.file !== ctx.doc.file;
}

/** Every active line of `key` in the plan, in file order. */
export function activeLines(ctx: RuleContext, key: string): SettingLine[] {
  return ctx.plan.linesOf(key); // from the planner's index, not a walk of every setting
}

export { cppBool } from '../../../options/values.js';

/** The target daemon's view of `key`, if it knows it. */
export function targetSpec(ctx: RuleContext, key: string): OptionSpec | undefined {
  return ctx.targetTable ? lookupOption(ctx.targetTable, key) : undefined;
}

/** True when the target daemon knows `key` and uses it (not UNUSED, not ignored). */
export function targetUses(ctx: RuleContext, key: string): boolean {
  const spec = targetSpec(ctx, key);
  return spec !== undefined && !spec.flags.includes('UNUSED') && !spec.flags.includes('IGNORED');
}

/** The program that reads a daemon file, as a person knows it (`kopano-server`). */
export function programOf(daemon: DaemonFile): string {
  switch (daemon) {
    case 'ldap.cfg':
    case 'ldap.propmap.cfg':
      return 'the LDAP user plugin of kopano-server';
    case 'unix.cfg':
      return 'the Unix user plugin of kopano-server';
    case 'php-mapi.cfg':
      return 'the PHP extension php-mapi';
    default:
      return `kopano-${daemon.replace(/\.cfg$/, '')}`;
  }
}

/** Short daemon name used in file names (`server`, `search`, …). */
export function daemonName(daemon: DaemonFile): string {
  return daemon.replace(/\.cfg$/, '');
}


/**
 * True when this file holds `key` as a line an earlier translation commented out because the
 * Kopano reader refuses its value (value-syntax's note right above it). That decision stands:
 * translating the output again must not put ZCP's default back in its place. Other comment-outs
 * (e.g. the merge's base file) do not count.
 */
export function refusedByTranslation(ctx: RuleContext, key: string): boolean {
  return ctx.plan.index.refused(key); // indexed once per document: pinned-defaults asks per key
}
