import type { IncludeResolver } from '../cfg/effective.js';
import { applyEditsToText, EditConflictError, type Edit } from '../cfg/edit.js';
import { printConfig } from '../cfg/print.js';
import type { ConfigDocument } from '../cfg/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { effectiveView, getOptionTable, tableVersionOf, type DaemonFile } from '../options/index.js';
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
  /** server.cfg's enable_distributed_zarafa, when the directory has one. */
  distributed?: boolean | undefined;
}

export interface RuleRun {
  output: string;
  changes: Change[];
  /** What the rules reported (the document's own parse diagnostics are not repeated). */
  diagnostics: Diagnostic[];
  actions: ManualAction[];
  /** Source lines the edits rewrote (1-based): every other line is in the output unchanged, in order. */
  touched: ReadonlySet<number>;
}

/**
 * The plan phase: run `rules` (in order, those that apply to the daemon, source and target) on one
 * parsed document and apply their edits in one step. Pure; translateConfig runs the whole table.
 */
export function runRules(rules: readonly Rule[], input: RuleRunInput): RuleRun {
  const { doc, daemon, options } = input;
  const plan = new EditPlanner(doc);
  const diagnostics: Diagnostic[] = [];
  const actions: ManualAction[] = [];
  const ctx: RuleContext = {
    file: doc.file,
    targetFile: input.targetFile,
    daemon,
    options,
    doc,
    plan,
    sourceTable: getOptionTable(daemon, tableVersionOf(options.source)),
    targetTable: getOptionTable(daemon, options.target),
    effective: effectiveView(doc, daemon, tableVersionOf(options.source), input.resolveInclude),
    resolveInclude: input.resolveInclude,
    included: input.included ?? false,
    distributed: input.distributed,
  };
  for (const rule of rules) {
    if (!ruleApplies(rule, daemon, options.source, options.target)) continue;
    for (const step of rule.apply(ctx)) {
      if (step.kind === 'finding') diagnostics.push(diagnostic(step.code, step.severity, doc.file, step.line, step.message, rule.id));
      else if (step.kind === 'action') actions.push(step.action);
      else plan.apply(step, rule.id);
    }
  }
  const edits = plan.edits();
  try {
    return { output: applyEditsToText(doc, edits), touched: touchedLines(doc, edits), changes: plan.changes(), diagnostics, actions };
  } catch (e) {
    if (!(e instanceof EditConflictError)) throw e;
    // A plan the reader would not read back is a bug, but it is the run's to report, not to crash on.
    // Only the message's head (which edit, which line) is shown: the rest may quote a secret value.
    diagnostics.push(diagnostic('RULE_EDIT_FAILED', 'error', doc.file, undefined,
      `the planned edits could not be written (${e.message.split(':')[0]!}); the file is not translated`));
    return { output: printConfig(doc), touched: new Set(), changes: [], diagnostics, actions };
  }
}

/**
 * The lines `edits` rewrite, the last line when lines inserted after it give it a line end, and
 * the first when a line inserted before it takes the byte order mark.
 */
export function touchedLines(doc: ConfigDocument, edits: readonly Edit[]): Set<number> {
  const touched = new Set<number>();
  const n = doc.lines.length;
  for (const e of edits) {
    if (e.op !== 'insert' && e.op !== 'insert-directive') touched.add(e.line);
    else if (e.after === n && n > 0 && doc.lines[n - 1]!.eol === '') touched.add(n);
    // The byte order mark stays first: a line inserted before line 1 takes it from that line.
    else if (e.after === 0 && doc.bom) touched.add(1);
  }
  return touched;
}
