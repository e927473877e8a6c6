/**
 * Runs a chosen subset of the rule table on one file, the way translateConfig runs the whole table,
 * so a rule's test sees only that rule's edits (and the earlier rules it builds on).
 */
import { applyEditsToText } from '../../src/cfg/edit.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { diagnostic, type Diagnostic, type Severity } from '../../src/diagnostic.js';
import { daemonFileOf, dialectOf, effectiveConfig, getOptionTable, type DaemonFile } from '../../src/options/index.js';
import { EditPlanner } from '../../src/rules/planner.js';
import { ruleApplies, type ResolvedOptions, type Rule, type RuleContext } from '../../src/rules/rule.js';
import type { Change, ManualAction, TranslateOptions } from '../../src/types.js';

export interface RuleRun {
  output: string;
  changes: Change[];
  diagnostics: Diagnostic[];
  actions: ManualAction[];
}

export interface RunOptions extends TranslateOptions {
  included?: boolean;
  daemon?: DaemonFile;
}

export function resolved(options: TranslateOptions = {}): ResolvedOptions {
  return {
    target: options.target ?? '8.0',
    source: options.source ?? '7.2',
    ldapSchema: options.ldapSchema ?? 'zarafa',
    attachments: options.attachments ?? 'keep',
    runAs: options.runAs ?? { user: 'kopano', group: 'kopano' },
    showSecrets: options.showSecrets ?? false,
  };
}

export function runRules(rules: readonly Rule[], text: string, file: string, options: RunOptions = {}): RuleRun {
  const opts = resolved(options);
  const daemon = options.daemon ?? daemonFileOf(file);
  if (!daemon) throw new Error(`${file}: not a daemon file`);
  const doc = parseConfig(text, { file, dialect: dialectOf(daemon, opts.source) });
  const plan = new EditPlanner(doc);
  const diagnostics: Diagnostic[] = [];
  const actions: ManualAction[] = [];
  let current = '';
  const ctx: RuleContext = {
    file,
    targetFile: file.replace(/(^|\/)indexer\.cfg$/, '$1search.cfg'),
    daemon,
    options: opts,
    doc,
    plan,
    sourceTable: getOptionTable(daemon, opts.source),
    targetTable: getOptionTable(daemon, opts.target),
    effective: effectiveConfig(doc, daemon, opts.source),
    resolveInclude: undefined,
    included: options.included ?? false,
    report(code: string, severity: Severity, line: number | undefined, message: string) {
      diagnostics.push(diagnostic(code, severity, file, line, message, current));
    },
    action(a: ManualAction) {
      actions.push(a);
    },
  };
  for (const rule of rules) {
    if (!ruleApplies(rule, daemon, opts.source, opts.target)) continue;
    current = rule.id;
    rule.apply(ctx);
  }
  return { output: applyEditsToText(doc, plan.edits()), changes: plan.changes(), diagnostics, actions };
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
