import { readFileSync } from 'node:fs';
import { parseCommandLine, UsageError, USAGE, type RunArgs } from './args.js';
import { colourDiff, coloursFor } from './colours.js';

/** Where the CLI writes; process.stdout/stderr in the bin, fakes in tests. */
export interface CliStreams {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 done, 1 --check found changes, 2 bad usage or bad input (nothing written). */
export const EXIT = { ok: 0, changes: 1, bad: 2 } as const;

/**
 * Run the command line and return the exit code. Only argument parsing is loaded up front: the
 * translation (option tables, rules, diff) is imported when there is something to translate.
 */
export async function main(argv: readonly string[], io: CliStreams): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`zarafa2kopano: ${e.message}\nTry 'zarafa2kopano --help'.\n`);
    return EXIT.bad;
  }
  if (command.kind === 'help') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (command.kind === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  return run(command.run, io);
}

async function run(args: RunArgs, io: CliStreams): Promise<number> {
  const [{ translateConfigDir }, { TranslateError, formatTranslateError }, { hasErrors }, { renderReport }] = await Promise.all([
    import('../translate/translate-dir.js'),
    import('../translate/translate-error.js'),
    import('../diagnostic.js'),
    import('../report/render-report.js'),
  ]);
  const writing = args.out !== undefined && !args.check;
  let dir;
  try {
    dir = await translateConfigDir(args.zarafaDir, {
      showSecrets: args.showSecrets,
      force: args.force,
      ...(writing ? { outDir: args.out } : {}),
      ...(args.target ? { target: args.target } : {}),
      ...(args.source ? { source: args.source } : {}),
      ...(args.ldapSchema ? { ldapSchema: args.ldapSchema } : {}),
      ...(args.attachments ? { attachments: args.attachments } : {}),
      ...(args.kopanoDir !== undefined ? { kopanoDir: args.kopanoDir } : {}),
    });
  } catch (e) {
    if (!(e instanceof TranslateError)) throw e;
    io.stderr.write(`zarafa2kopano: ${formatTranslateError(e)}\n`);
    return EXIT.bad;
  }
  const failed = hasErrors(dir.diagnostics);

  if (args.json) {
    const shown = args.showSecrets ? dir : (await import('./redact.js')).redactDirTranslation(dir);
    io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  } else if (dir.patch !== '') {
    io.stdout.write(colourDiff(dir.patch, coloursFor(io.stdout, io.env)));
  }
  io.stderr.write(renderReport(dir, {
    zarafaDir: args.zarafaDir,
    colours: coloursFor(io.stderr, io.env),
    ...(writing && !failed ? { wroteTo: args.out } : {}),
  }));
  if (failed) return EXIT.bad;

  if (args.check) {
    const { changedFiles } = await import('./compare-out-dir.js');
    const changed = await changedFiles(dir, args.out);
    const against = args.out ?? args.zarafaDir;
    io.stderr.write(changed.length === 0
      ? `Check: nothing to change (compared with ${against}).\n`
      : `Check: ${changed.length} of ${dir.files.length} files would change (compared with ${against}): ${changed.join(', ')}\n`);
    return changed.length === 0 ? EXIT.ok : EXIT.changes;
  }
  return EXIT.ok;
}

function packageVersion(): string {
  // Read at run time (dist/cli/main.js and src/cli/main.ts both sit two levels below the package root).
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
