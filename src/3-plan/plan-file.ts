import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DaemonFile } from '../options/index.js';
import type { ResolvedOptions } from './rule.js';
import { RULES } from './rules/index.js';
import { runRules, type RuleRun } from './run-rules.js';

/** What the plan phase knows about one file beyond its text: how includes resolve, and its role. */
export interface FileContext {
  resolveInclude?: IncludeResolver | undefined;
  /** True when the file is only read through another file's `!include`. */
  included?: boolean;
  /** server.cfg's enable_distributed_zarafa, when the directory has a server.cfg. */
  distributed?: boolean | undefined;
}

/** One file with the rules' decisions: the source document, the output text, and what was found. */
export interface PlannedFile {
  file: string;
  targetFile: string;
  daemon: DaemonFile;
  options: ResolvedOptions;
  /** The source document, parsed as the source daemon reads it (never modified). */
  doc: ConfigDocument;
  run: RuleRun;
}

/** The plan phase for one parsed file: every rule of the table that applies, in table order. Pure. */
export function planFile(doc: ConfigDocument, daemon: DaemonFile, targetFile: string, options: ResolvedOptions, context: FileContext = {}): PlannedFile {
  const run = runRules(RULES, {
    doc,
    daemon,
    targetFile,
    options,
    resolveInclude: context.resolveInclude,
    included: context.included ?? false,
    distributed: context.distributed,
  });
  return { file: doc.file, targetFile, daemon, options, doc, run };
}

/** The findings of planning: the parser's and the rules'. */
export function planDiagnostics(planned: PlannedFile): Diagnostic[] {
  return [...planned.doc.diagnostics, ...planned.run.diagnostics];
}
