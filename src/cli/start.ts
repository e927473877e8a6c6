// Running the CLI as a process: main() with the process's streams, its exit code and a failed stdout.
// The bin calls it (src/cli.ts, and the bundled program of scripts/build-bin.mjs).
import { main } from './main.js';

/**
 * Run main with the process's streams. A failed write to stdout (`>/dev/full`: ENOSPC; `| head`
 * leaving early: EPIPE) does not stop the run half-way nor end in a stack trace: the run finishes
 * (what it writes to --out and --runbook is reported on stderr as usual), then says stdout is
 * incomplete and exits 2.
 */
export function start(): void {
  let stdoutError: NodeJS.ErrnoException | undefined;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stdoutError ??= e;
  });
  const stdoutFailure = (e: NodeJS.ErrnoException): string => e.code === 'EPIPE'
    ? 'standard output was closed by its reader (EPIPE) before everything was printed: what it shows is incomplete'
    : `standard output could not be written (${e.code ?? e.message}): what it shows (the diff, or the --format output) is incomplete or missing`;
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      // A write's error is emitted on a later tick: look once the pending ones have run.
      setImmediate(() => {
        if (stdoutError) {
          process.stderr.write(`zarafa2kopano: ${stdoutFailure(stdoutError)}; files reported above as written are complete.\n`);
          process.exitCode = 2;
        } else {
          process.exitCode = code;
        }
      });
    },
    (e: unknown) => {
      process.stderr.write(`zarafa2kopano: internal error (please report it): ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
