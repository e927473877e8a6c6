import { finding, remove, setValue } from '../rule-steps.js';
import type { OptionSpec, OptionType } from '../../options/index.js';
import { cppBool, cppInteger, formatSize, pythonBool, pythonSize } from './data/values.js';
import { programOf, targetSpec } from './lib/values.js';
import type { Rule, RuleContext } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'value-syntax';

/**
 * The last word on value spellings: every value still in the plan that the Kopano reader would
 * refuse is re-spelled with the meaning ZCP gave it, or commented out when Kopano's default is the
 * closest meaning. Rules with more knowledge (search-index for 7.0's kilobyte sizes) run first;
 * this rule sees what they left. Runs before unknown-options, which would otherwise comment out an
 * empty number that ZCP read as 0 (and a second run would then pin ZCP's default in its place).
 */
export const valueSyntaxRule: Rule = {
  id: ID,
  title: 'Re-spell values the Kopano reader would refuse, keeping what ZCP made of them',
  why: 'The Python daemons (search, backup, presence) read strictly: an option with a fixed set of values (log_method, log_level, 8.0 log_timestamp) takes only those exact spellings, a boolean only lowercase yes/no/true/false/1/0, a whole number only digits, a size only with a unit. Kopano 8.7\'s C++ daemons refuse an empty log_level, and every C++ daemon a size without leading digits. ZCP\'s C++ reader took all of these (an empty number as 0), so a working ZCP file can stop the Kopano daemon.',
  guide: 'Check the values of the new configuration against the Kopano syntax.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    const table = ctx.targetTable;
    if (!table) return;
    // Each step changes only its own line, so the lazy walk sees what a list taken now would.
    for (const { line, key, value } of ctx.plan.settings()) {
      const spec = targetSpec(ctx, key);
      if (!spec || spec.aliasOf !== undefined || spec.flags.includes('IGNORED') || spec.flags.includes('UNUSED')) continue;
      if (table.dialect === 'python' ? pythonAccepts(spec, value) : cppAccepts(spec, value)) continue;
      const fix = table.dialect === 'python' ? forPython(ctx, spec, line.key, value) : forCpp(ctx, spec, line.key, value);
      const why = `${programOf(ctx.daemon)} does not accept ${JSON.stringify(value)} for ${key}`;
      if (fix.value === undefined) yield remove(line.number, `${why}; ${fix.reason}`);
      else yield setValue(line.number, fix.value, `${why}; ${fix.reason}`);
      if (fix.warning) yield finding('VALUE_MEANING_CHANGED', 'warning', line.number, fix.warning);
    }
  },
};

/** True when the Python reader takes `value` for `spec` (the checks validateConfig makes). */
function pythonAccepts(spec: OptionSpec, value: string): boolean {
  switch (spec.type) {
    case 'enum': return !spec.allowedValues || spec.allowedValues.includes(value);
    case 'boolean': return pythonBool(value) !== undefined;
    case 'integer': return /^[+-]?[0-9]+$/.test(value);
    case 'size': return pythonSize(value) === value;
    default: return true;
  }
}

/**
 * True unless the C++ reader refuses `value` in a way ZCP's reader gave a meaning: an empty
 * number that must not be empty, a size without leading digits. `$NAME` comes from the environment.
 */
function cppAccepts(spec: OptionSpec, value: string): boolean {
  if (value.startsWith('$') && !spec.flags.includes('EXACT')) return true;
  if (spec.type === 'size') return /^[+-]?[0-9]/.test(value);
  if (spec.type === 'integer') return value !== '' || !spec.flags.includes('NONEMPTY');
  return true;
}

interface Fix {
  /** The new value, or undefined to comment the line out (Kopano's default applies). */
  value: string | undefined;
  reason: string;
  /** Set when the Kopano daemon will behave differently from the ZCP one. */
  warning?: string;
}

function sourceTypeOf(ctx: RuleContext, sourceKey: string): OptionType | undefined {
  return ctx.sourceTable?.options.get(sourceKey)?.type;
}

/** ZCP's C++ reader took a number with atoi/strtol: the leading digits, else 0. */
function forCpp(ctx: RuleContext, spec: OptionSpec, sourceKey: string, value: string): Fix {
  const zcp = `ZCP ${ctx.options.source}`;
  if (spec.type === 'integer' || sourceTypeOf(ctx, sourceKey) === 'integer') {
    const n = String(cppInteger(value) ?? 0);
    return { value: n, reason: `${zcp} read it as ${n}` };
  }
  // A size ZCP already read as a size: its daemon refused it too, so there is no meaning to keep.
  // Write ZCP's default where it has one: that is what a file without the line gave, and what
  // the pinning rules write once the line is gone, so a second run finds nothing to change.
  const zcpDefault = ctx.sourceTable?.options.get(sourceKey)?.default;
  if (zcpDefault !== undefined && cppAccepts(spec, zcpDefault)) {
    return {
      value: zcpDefault,
      reason: `${zcp} refused it as well; ZCP's default ${zcpDefault} is written`,
      warning: `${sourceKey} = ${JSON.stringify(value)} is not a size (${zcp} would not start with it either); it is replaced by ZCP's default ${zcpDefault}`,
    };
  }
  return unmapped(ctx, spec, sourceKey, value);
}

/** How ZCP read `value` of `sourceKey`, written the way the Python reader takes it. */
function forPython(ctx: RuleContext, spec: OptionSpec, sourceKey: string, value: string): Fix {
  const cpp = ctx.doc.dialect === 'cpp';
  const zcp = `ZCP ${ctx.options.source}`;
  const sourceType = sourceTypeOf(ctx, sourceKey);
  const allowed = spec.allowedValues ?? [];
  if (spec.type === 'enum' && allowed.includes(value.toLowerCase())) {
    return { value: value.toLowerCase(), reason: 'only the lowercase spelling is accepted' };
  }
  if (spec.type === 'boolean' || (spec.type === 'enum' && allowed.length === 2 && allowed.includes('0') && allowed.includes('1'))) {
    // A switch: what ZCP made of it, spelled 1/0 where ZCP had a number or the target wants one.
    const numeric = spec.type === 'enum' || sourceType === 'integer';
    const on = sourceType === 'integer' ? (cppInteger(value) ?? 0) !== 0 : cpp ? cppBool(value) : pythonBool(value.toLowerCase()) ?? cppBool(value);
    const next = numeric ? (on ? '1' : '0') : pythonBool(value.toLowerCase()) === on ? value.toLowerCase() : on ? 'yes' : 'no';
    const fix: Fix = { value: next, reason: `${zcp} read it as ${on ? 'on' : 'off'}` };
    if (cpp && on && sourceType !== 'integer' && /^(no|false|off|0|n|disabled?)$/i.test(value)) {
      fix.warning = `${zcp}'s C++ reader took ${sourceKey} = ${value} as on (only exactly "no", "false" or "0" are off); it is written as ${next}: set it to off if that was meant`;
    }
    return fix;
  }
  if (spec.type === 'enum' && allowed.includes('0') && allowed.includes('6')) {
    // A log level: ZCP took the leading number (nothing: 0); above 6 it logged everything, as 6 does.
    const n = cppInteger(value) ?? 0;
    const level = n < 0 || n > 6 ? 6 : n;
    return { value: String(level), reason: `${zcp} read it as level ${level}${level === n ? '' : ' (every level above 6 logs everything)'}` };
  }
  if (spec.type === 'integer') {
    const n = cppInteger(value) ?? 0;
    return { value: String(n), reason: `${zcp} read it as ${n}` };
  }
  if (spec.type === 'size') {
    const n = cppInteger(value) ?? 0;
    const size = sourceType !== 'integer' ? pythonSize(value) : n >= 0 ? formatSize(n) : undefined;
    if (size !== undefined) return { value: size, reason: `${zcp} read it as ${size}` };
  }
  if (sourceKey === 'log_method') {
    // C++ compared case-insensitively and logged to stderr otherwise; ZCP 7.2's Python logger took an empty value as file.
    if (!cpp && value === '') return { value: undefined, reason: `${zcp} took the empty value as file, which is also Kopano's default` };
    if (cpp) {
      return {
        value: undefined,
        reason: `${zcp} logged to stderr for it; ${defaultOf(spec)}`,
        warning: `${zcp} logged to stderr for log_method = ${JSON.stringify(value)}; ${programOf(ctx.daemon)} logs to log_file instead (set log_method = file and log_file = - to keep stderr)`,
      };
    }
  }
  return unmapped(ctx, spec, sourceKey, value);
}

function unmapped(ctx: RuleContext, spec: OptionSpec, sourceKey: string, value: string): Fix {
  return {
    value: undefined,
    reason: defaultOf(spec),
    warning: `${sourceKey} = ${JSON.stringify(value)} has no spelling ${programOf(ctx.daemon)} accepts; it is commented out and ${defaultOf(spec)}`,
  };
}

function defaultOf(spec: OptionSpec): string {
  return spec.default === undefined ? "Kopano's default applies" : `Kopano's default ${JSON.stringify(spec.default)} applies`;
}
