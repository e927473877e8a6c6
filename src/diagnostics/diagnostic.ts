import type { DiagnosticCode } from './codes.js';

/**
 * Problems are data, never exceptions: every phase returns them next to its result.
 * `code` is one of the code table's (src/diagnostics/codes.ts, documented in docs/errors.md).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: DiagnosticCode;
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
  code: DiagnosticCode,
  severity: Severity,
  file: string,
  line: number | undefined,
  message: string,
  rule?: string,
): Diagnostic {
  const text = flat(message);
  // One literal per shape keeps every field inside the object (a field added later goes to a
  // separate property store); the key order is the one JSON output and reports show.
  if (line === undefined) return rule === undefined ? { code, severity, file, message: text } : { code, severity, file, message: text, rule };
  return rule === undefined ? { code, severity, file, message: text, line } : { code, severity, file, message: text, line, rule };
}

/**
 * `s` as one contiguous string. A message built with `+` or a template is a tree of its pieces
 * (V8 joins them only when read), which costs about twice the memory of the text; files with
 * hundreds of thousands of diagnostics hold them all until the end. trim() returns the joined
 * string; it can only differ from `s` by dropping blanks at the ends, which the length check catches.
 */
function flat(s: string): string {
  const t = s.trim();
  return t.length === s.length ? t : s;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line: severity CODE message` — the one text form used by the CLI and tests. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}

export type { DiagnosticCode } from './codes.js';
