import { errnoCode } from '../diagnostics/translate-error.js';

/** A write step failed on this path (in the output, as the user will see it): the message names it. */
export class StepError extends Error {
  constructor(readonly file: string, options: { cause: unknown }) {
    super(`${file}: ${errnoCode(options.cause) ?? String(options.cause)}`, options);
  }
}

/**
 * A step after the commit point failed (an fsync of the directory, removing the staging copies):
 * every file is in place, so this is not "nothing written". `what` says which step, `leftover` what
 * it left (to remove by hand, or the next run removes it).
 */
export class AfterCommitError extends Error {
  constructor(readonly outcome: { written: string[]; unchanged: string[] }, readonly what: string, readonly leftover: string | undefined, options: { cause: unknown }) {
    super(`${what}: ${errnoCode(options.cause) ?? String(options.cause)}`, options);
  }
}
