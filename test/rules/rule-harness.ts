import type { IncludeResolver } from '../../src/cfg/effective.js';
import type { ConfigDocument } from '../../src/cfg/model.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { daemonFileOf, dialectOf, tableVersionOf, type DaemonFile } from '../../src/options/index.js';
import type { Rule } from '../../src/3-plan/rule.js';
import { runRules as runRuleTable, type RuleRun } from '../../src/3-plan/run-rules.js';
import { resolveOptions } from '../../src/pipeline/translate-config.js';
import type { TranslateOptions } from '../../src/types.js';

export interface HarnessOptions extends TranslateOptions {
  /** Files an `!include` may name, by the directive's argument. */
  includes?: Record<string, string>;
  included?: boolean;
  daemon?: DaemonFile;
}

export type HarnessResult = RuleRun;

/**
 * Runs only `rules` (in the given order) on one file, the way translateConfig runs the whole
 * table, so a rule's own effect is tested without depending on every other rule.
 */
export function runRules(text: string, file: string, rules: readonly Rule[], options: HarnessOptions = {}): HarnessResult {
  // The rule tests state their target; those that do not were written for 8.0 (the default before 8.7).
  const opts = resolveOptions({ target: '8.0', ...options });
  const daemon = options.daemon ?? daemonFileOf(file);
  if (!daemon) throw new Error(`no daemon for ${file}`);
  const dialect = dialectOf(daemon, tableVersionOf(opts.source));
  const doc = parseConfig(text, { file, dialect });
  const docs = new Map<string, ConfigDocument>();
  const resolveInclude: IncludeResolver | undefined = options.includes
    ? (directive) => {
        const body = options.includes![directive.arg];
        if (body === undefined) return undefined;
        let d = docs.get(directive.arg);
        if (!d) docs.set(directive.arg, (d = parseConfig(body, { file: directive.arg, dialect })));
        return d;
      }
    : undefined;
  return runRuleTable(rules, {
    doc,
    daemon,
    targetFile: file,
    options: opts,
    resolveInclude,
    included: options.included ?? false,
  });
}

/** Translate, then translate the output again: the second pass must plan nothing. */
export function runTwice(text: string, file: string, rules: readonly Rule[], options: HarnessOptions = {}): [HarnessResult, HarnessResult] {
  const first = runRules(text, file, rules, options);
  return [first, runRules(first.output, file, rules, options)];
}

/** Lines joined with LF and a final newline, so expected files read like the files themselves. */
export function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}
