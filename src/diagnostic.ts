/**
 * Problems are data, never exceptions: every phase returns them next to its result.
 * `code` is a stable SCREAMING_CASE identifier documented in docs/errors.md.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: string;
  severity: Severity;
  /** Path of the file, relative to the input directory where there is one. */
  file: string;
  /** 1-based line number in the source file; absent for whole-file problems. */
  line?: number;
  message: string;
  /** Id of the rule that produced it (translation phase only). */
  rule?: string;
}

export function diagnostic(
  code: string,
  severity: Severity,
  file: string,
  line: number | undefined,
  message: string,
  rule?: string,
): Diagnostic {
  const d: Diagnostic = { code, severity, file, message };
  if (line !== undefined) d.line = line;
  if (rule !== undefined) d.rule = rule;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line: severity CODE message` — the one text form used by the CLI and tests. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}
