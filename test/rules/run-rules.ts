/**
 * Runs a chosen subset of the rule table on one file, the way translateConfig runs the whole table,
 * so a rule's test sees only that rule's edits (and the earlier rules it builds on).
 */
import { parseConfig } from '../../src/cfg/parse.js';
import { daemonFileOf, dialectOf, tableVersionOf, type DaemonFile } from '../../src/options/index.js';
import type { Rule } from '../../src/3-plan/rule.js';
import { runRules as runRuleTable, type RuleRun } from '../../src/3-plan/run-rules.js';
import { resolveOptions, targetPathOf } from '../../src/pipeline/translate-config.js';
import type { TranslateOptions } from '../../src/types.js';

export type { RuleRun };

export interface RunOptions extends TranslateOptions {
  included?: boolean;
  daemon?: DaemonFile;
}

export function runRules(rules: readonly Rule[], text: string, file: string, options: RunOptions = {}): RuleRun {
  const opts = resolveOptions(options);
  const daemon = options.daemon ?? daemonFileOf(file);
  if (!daemon) throw new Error(`${file}: not a daemon file`);
  const doc = parseConfig(text, { file, dialect: dialectOf(daemon, tableVersionOf(opts.source)) });
  return runRuleTable(rules, { doc, daemon, targetFile: targetPathOf(file), options: opts, included: options.included ?? false });
}

/** Translating `run.output` again with the same rules must plan nothing. */
export function rerun(rules: readonly Rule[], run: RuleRun, file: string, options: RunOptions = {}): RuleRun {
  return runRules(rules, run.output, file, options);
}

/** Text from lines, each ended by LF. */
export function lines(...ls: string[]): string {
  return ls.map((l) => `${l}\n`).join('');
}

/** Asserts the idempotence requirement: a second run over the output plans no edit at all. */
export function expectStable(rules: readonly Rule[], run: RuleRun, file: string, options: RunOptions = {}): void {
  const again = rerun(rules, run, file, options);
  if (again.changes.length > 0 || again.output !== run.output) {
    throw new Error(`second run changed ${file}:\n${JSON.stringify(again.changes, null, 2)}`);
  }
}
