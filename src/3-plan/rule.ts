import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DaemonFile, EffectiveValue, OptionTable } from '../options/index.js';
import type { Source, Target } from '../types.js';
import type { PlanView } from './planner.js';
import type { RuleStep } from './rule-steps.js';

/** Translate options with every default filled in. */
export interface ResolvedOptions {
  target: Target;
  source: Source;
  ldapSchema: 'zarafa' | 'kopano';
  attachments: 'keep' | 'move';
  tls: 'target' | 'zcp';
  runAs: { user: string; group: string };
  /** True when runAs is the explicit non-root user the ZCP files named (no runAs option given). */
  runAsKept: boolean;
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
  /** The planned view of the file: the source as earlier rules' (and this rule's earlier) steps left it. Read-only. */
  plan: PlanView;
  sourceTable: OptionTable | undefined;
  targetTable: OptionTable | undefined;
  /** The ZCP daemon's effective settings (file values over compiled defaults, includes followed). */
  effective: ReadonlyMap<string, EffectiveValue>;
  /** Resolves `!include` arguments to parsed documents (directory translation only). */
  resolveInclude: IncludeResolver | undefined;
  /** True when this file is only read through an `!include` of another file. */
  included: boolean;
  /** What the directory's server.cfg says of enable_distributed_zarafa; undefined without a server.cfg. */
  distributed: boolean | undefined;
}

/**
 * One step of the ZCP → Kopano migration guide, as data plus one small function. `apply` reads
 * the context and yields its decisions as data (edits, findings, actions: src/3-plan/rule-steps.ts);
 * the runner applies each before the rule goes on.
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
  sources?: readonly Source[];
  /** Targets it applies to (default: all). */
  targets?: readonly Target[];
  apply(ctx: RuleContext): Iterable<RuleStep>;
}

export type { Diagnostic };

export function ruleApplies(rule: Rule, daemon: DaemonFile, source: Source, target: Target): boolean {
  return (rule.files === 'all' || rule.files.includes(daemon))
    && (!rule.sources || rule.sources.includes(source))
    && (!rule.targets || rule.targets.includes(target));
}
