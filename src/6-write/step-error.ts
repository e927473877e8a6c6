import { errnoCode } from '../diagnostics/translate-error.js';

/** A write step failed on this path (in the output, as the user will see it): the message names it. */
export class StepError extends Error {
  constructor(readonly file: string, options: { cause: unknown }) {
    super(`${file}: ${errnoCode(options.cause) ?? String(options.cause)}`, options);
  }
}
