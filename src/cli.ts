#!/usr/bin/env node
// The bin: everything lives in cli/main.ts so it can be tested without a child process.
import { main } from './cli/main.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `zarafa2kopano /etc/zarafa | head`: the reader left; that is not a failure of ours.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`zarafa2kopano: internal error (please report it): ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
