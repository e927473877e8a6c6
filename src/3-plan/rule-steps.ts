import type { DiagnosticCode, Severity } from '../diagnostics/diagnostic.js';
import type { ManualAction } from '../types.js';

/**
 * What a rule decides, as data: it yields these and the runner applies each to the plan before
 * the rule goes on (so a rule sees its own earlier decisions), attaching the rule's id to every
 * change and finding. A rule never changes the plan itself.
 */
export type RuleStep =
  | { kind: 'set-value'; line: number; value: string; reason: string }
  | { kind: 'rename'; line: number; key: string; reason: string }
  /** Comment the line out; `reason` is written above it and in the report. */
  | { kind: 'remove'; line: number; reason: string }
  /** Comment out a line the daemon misreads (not a setting of the document model). */
  | { kind: 'remove-raw-line'; line: number; key: string; reason: string }
  /** Add `key = value` after line `at.after`, or next to the keys `at.near`, else at the end. */
  | { kind: 'insert'; key: string; value: string; at: { after?: number; near?: readonly string[] }; reason: string }
  /** Take back every insert of `key` earlier rules planned (with their changes). */
  | { kind: 'withdraw-insert'; key: string }
  | { kind: 'set-directive-arg'; line: number; arg: string; reason: string }
  | { kind: 'finding'; code: DiagnosticCode; severity: Severity; line: number | undefined; message: string }
  | { kind: 'action'; action: ManualAction };

export const setValue = (line: number, value: string, reason: string): RuleStep => ({ kind: 'set-value', line, value, reason });
export const rename = (line: number, key: string, reason: string): RuleStep => ({ kind: 'rename', line, key, reason });
export const remove = (line: number, reason: string): RuleStep => ({ kind: 'remove', line, reason });
export const removeRawLine = (line: number, key: string, reason: string): RuleStep => ({ kind: 'remove-raw-line', line, key, reason });
export const insert = (key: string, value: string, at: { after?: number; near?: readonly string[] }, reason: string): RuleStep =>
  ({ kind: 'insert', key, value, at, reason });
export const withdrawInsert = (key: string): RuleStep => ({ kind: 'withdraw-insert', key });
export const setDirectiveArg = (line: number, arg: string, reason: string): RuleStep => ({ kind: 'set-directive-arg', line, arg, reason });
export const finding = (code: DiagnosticCode, severity: Severity, line: number | undefined, message: string): RuleStep =>
  ({ kind: 'finding', code, severity, line, message });
export const action = (a: ManualAction): RuleStep => ({ kind: 'action', action: a });
