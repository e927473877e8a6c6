import type { IncludeResolver } from '../cfg/effective.js';
import { applyEditsToText } from '../cfg/edit.js';
import type { ConfigDocument } from '../cfg/model.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type Severity } from '../diagnostics/diagnostic.js';
import { effectiveView, getOptionTable, type DaemonFile } from '../options/index.js';
import type { Change, ManualAction } from '../types.js';
import { EditPlanner } from './planner.js';
import { ruleApplies, type ResolvedOptions, type Rule, type RuleContext } from './rule.js';

export interface RuleRunInput {
  doc: ConfigDocument;
  daemon: DaemonFile;
  /** Path the output gets, relative to the output directory. */
  targetFile: string;
  options: ResolvedOptions;
  resolveInclude?: IncludeResolver | undefined;
  included?: boolean;
}

export interface RuleRun {
  output: string;
  changes: Change[];
  /** What the rules reported (the document's own parse diagnostics are not repeated). */
  diagnostics: Diagnostic[];
  actions: ManualAction[];
}

/**
 * The plan phase: run `rules` (in order, those that apply to the daemon, source and target) on one
 * parsed document and apply their edits in one step. Pure; translateConfig runs the whole table.
 */
export function runRules(rules: readonly Rule[], input: RuleRunInput): RuleRun {
  const { doc, daemon, options } = input;
  let plan: EditPlanner | undefined = new EditPlanner(doc);
  const diagnostics: Diagnostic[] = [];
  const actions: ManualAction[] = [];
  let currentRule = '';
  let ctx: RuleContext | undefined = {
    file: doc.file,
    targetFile: input.targetFile,
    daemon,
    options,
    doc,
    plan,
    sourceTable: getOptionTable(daemon, options.source),
    targetTable: getOptionTable(daemon, options.target),
    effective: effectiveView(doc, daemon, options.source, input.resolveInclude),
    resolveInclude: input.resolveInclude,
    included: input.included ?? false,
    report(code: DiagnosticCode, severity: Severity, line: number | undefined, message: string) {
      diagnostics.push(diagnostic(code, severity, doc.file, line, message, currentRule));
    },
    action(action: ManualAction) {
      actions.push(action);
    },
  };
  for (const rule of rules) {
    if (!ruleApplies(rule, daemon, options.source, options.target)) continue;
    currentRule = rule.id;
    rule.apply(ctx);
  }
  const edits = plan.edits();
  const changes = plan.changes();
  // The planner's per-line state and indexes and the context's views are not needed to apply the
  // edits: let them go before the output text is built (on a big file that is the peak of the phase).
  // eslint-disable-next-line no-useless-assignment -- let the planner go before the output text is built
  plan = ctx = undefined;
  return { output: applyEditsToText(doc, edits), changes, diagnostics, actions };
}
