import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/diagnostic.js';
import type { DaemonFile, EffectiveValue, OptionTable } from '../options/index.js';
import type { ManualAction, SourceFamily, Target } from '../types.js';
import type { EditPlanner } from './planner.js';

/** Translate options with every default filled in. */
export interface ResolvedOptions {
  target: Target;
  source: SourceFamily;
  ldapSchema: 'zarafa' | 'kopano';
  attachments: 'keep' | 'move';
  runAs: { user: string; group: string };
  showSecrets: boolean;
}

/** What a rule gets to look at and where it records what it decides. */
export interface RuleContext {
  /** Path of the file relative to the input directory (e.g. `server.cfg`, `ldap.openldap.cfg`). */
  file: string;
  /** Path the output gets, relative to the output directory. */
  targetFile: string;
  /** Which daemon table the file is read against. */
  daemon: DaemonFile;
  options: ResolvedOptions;
  /** The parsed source file (never modified). */
  doc: ConfigDocument;
  /** Edits planned so far by earlier rules, and the planned view of the file. */
  plan: EditPlanner;
  sourceTable: OptionTable | undefined;
  targetTable: OptionTable | undefined;
  /** The ZCP daemon's effective settings (file values over compiled defaults, includes followed). */
  effective: ReadonlyMap<string, EffectiveValue>;
  /** Resolves `!include` arguments to parsed documents (directory translation only). */
  resolveInclude: IncludeResolver | undefined;
  /** True when this file is only read through an `!include` of another file. */
  included: boolean;
  report(code: DiagnosticCode, severity: Severity, line: number | undefined, message: string): void;
  action(action: ManualAction): void;
}

/**
 * One step of the ZCP → Kopano migration guide, as data plus one small function. `apply` only
 * reads the context and records edits, diagnostics and actions on it.
 */
export interface Rule {
  /** Stable kebab-case id; every Change and Diagnostic it makes carries it. */
  id: string;
  /** What the rule does, in one line. */
  title: string;
  /** Why: the daemon behaviour that makes it necessary. */
  why: string;
  /** The migration guide step it implements. */
  guide: string;
  /** Daemon files it applies to, or 'all'. */
  files: readonly DaemonFile[] | 'all';
  /** Source families it applies to (default: all). */
  sources?: readonly SourceFamily[];
  /** Targets it applies to (default: all). */
  targets?: readonly Target[];
  apply(ctx: RuleContext): void;
}

export type { Diagnostic };

export function ruleApplies(rule: Rule, daemon: DaemonFile, source: SourceFamily, target: Target): boolean {
  return (rule.files === 'all' || rule.files.includes(daemon))
    && (!rule.sources || rule.sources.includes(source))
    && (!rule.targets || rule.targets.includes(target));
}
