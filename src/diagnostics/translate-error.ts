import type { TableCode } from './codes.js';

/**
 * A problem that stops a directory translation before anything is written: the input directory
 * cannot be read, the output directory is unsafe, a write failed. Problems inside a config file
 * are diagnostics instead; this error is for the run as a whole. The CLI turns it into exit 2.
 */
export class TranslateError extends Error {
  override readonly name = 'TranslateError';

  constructor(
    /** A code of the table (src/diagnostics/codes.ts), documented in docs/errors.md. */
    readonly code: TableCode,
    /** The path the problem is about (as the user gave it, or relative to the input directory). */
    readonly file: string,
    message: string,
    /** 1-based line, when the problem is a line of a file. */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `file[:line]: error CODE: message`, the form diagnostics use too. */
export function formatTranslateError(e: TranslateError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}`;
  return `${where}: error ${e.code}: ${e.message}`;
}

/** Node's errno code of a filesystem error, or undefined. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
