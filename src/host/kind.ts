import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { ManualAction, Target } from '../types.js';
import type { LineDoc } from './line-doc.js';

/**
 * What a kind may look at besides its own file. Built once per run from what load read and what the
 * /etc/zarafa translation made; read-only.
 */
export interface HostContext {
  target: Target;
  /** The translated daemon files, by their name under etc/kopano (`dagent.cfg`), as written. */
  kopano: ReadonlyMap<string, string>;
  /** Every host file load read for a kind, root-relative, as read. */
  files: ReadonlyMap<string, string>;
}

/** One token a kind replaces: a span of one physical line, with the rule that decided it and why. */
export interface HostEdit {
  line: number;
  start: number;
  end: number;
  text: string;
  /** Rule id (`<kind>:<what>`), carried into the report's Change. */
  rule: string;
  reason: string;
  /** The setting or field the token belongs to (`mailbox_command`, `argv`, `mda`). */
  key?: string;
}

/** A finding of a kind, on its own file. */
export interface HostFinding {
  code: DiagnosticCode;
  severity: Severity;
  line?: number;
  message: string;
  rule: string;
}

/** What a kind decides for one file: data only; the pipeline applies, diffs, writes and reports it. */
export interface HostPlan {
  edits: HostEdit[];
  findings: HostFinding[];
  /**
   * Lines the kind read and decided on (changed or deliberately left, such as a Postfix transport
   * named `zarafa`): the left-over scan does not report them again.
   */
  understood: number[];
  /** Steps a person must still take for this file (runbook data). */
  actions: ManualAction[];
  /** Values in the file that are secrets (a fetchmail password): masked in every diff and report. */
  secrets: string[];
  /** False when the result is not to be written at all (a stock file the Kopano package installs). */
  write: boolean;
  /** The original is to be removed by the runbook (it would load or rotate what is gone). */
  remove: boolean;
  /**
   * Services that take mail in for the dagent as this file says (fetchmail's daemon with an mda that
   * runs it): stopped with ZCP's intake, started again where the held mail is released.
   */
  intake: string[];
  /**
   * Ids of the rules' runbook steps this plan does itself (a by-hand step the kind's edits or
   * actions carry out): left out of the runbook.
   */
  supersedes?: string[];
}

/** A file kind: which files it claims, how it reads them losslessly, what it plans, where the result goes. */
export interface HostKind<D extends LineDoc = LineDoc> {
  /** Stable id; every rule id of the kind starts with it. */
  id: string;
  title: string;
  /** Root-relative fast-glob patterns of the files the kind claims (no leading slash). */
  claims: readonly string[];
  /** Services that read the files, reloaded once they are in place (runbook). */
  reload: readonly string[];
  /** The ZCP names the kind rewrites, each old → new with the upstream source it was read in (docs/host.md). */
  mappings: readonly HostMapping[];
  parse(text: string): D;
  print(doc: D): string;
  plan(doc: D, path: string, ctx: HostContext): HostPlan;
  /** Root-relative path the result is written to (the same path where the file stays in place). */
  destination(path: string): string;
  /**
   * Files the kind may make where none exists, when the root has the directory `probe` (AppArmor's
   * local overrides where the profiles are installed): planned from an empty text like any other.
   */
  creates?: { probe: string; paths: readonly string[] };
}

/** One old → new name, traced to where it was read. */
export interface HostMapping {
  old: string;
  new: string;
  source: string;
}

/** An empty plan, for a kind to fill. */
export function emptyPlan(): HostPlan {
  return { edits: [], findings: [], understood: [], actions: [], secrets: [], write: true, remove: false, intake: [] };
}
