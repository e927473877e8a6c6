import { readFileSync } from 'node:fs';
import { parseCommandLine, UsageError, USAGE, type RunArgs } from './args.js';
import { encodeConfigText } from '../cfg/bytes.js';
import { colourDiff, coloursFor } from '../report/colours.js';
import { oneLine, terminalSafe, terminalSafeData } from '../report/terminal-safe.js';

/** Where the CLI writes; process.stdout/stderr in the bin, fakes in tests. */
export interface CliStreams {
  stdout: { write(s: string | Uint8Array): unknown; isTTY?: boolean };
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
    io.stderr.write(`zarafa2kopano: ${oneLine(e.message)}\nTry 'zarafa2kopano --help'.\n`);
    return EXIT.bad;
  }
  if (command.kind === 'help') {
    io.stdout.write(command.usage ?? USAGE);
    return EXIT.ok;
  }
  if (command.kind === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (command.kind === 'ldif') return (await import('./ldif-command.js')).runLdif(command.ldif, io);
  try {
    return await run(command.run, io);
  } catch (e) {
    if (command.run.showSecrets) throw e;
    // A bug: its message may quote a line of the input (a secret's too), and the secrets of the
    // run are not known here. Only what failed and where is printed; --show-secrets shows it all.
    io.stderr.write(`zarafa2kopano: internal error (please report it; its message may quote the input and is shown with --show-secrets): ${whereItFailed(e)}\n`);
    return EXIT.bad;
  }
}

/** An error's name and stack frames, without its message. */
function whereItFailed(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return [e.name, ...frames].join('\n');
}

async function run(args: RunArgs, io: CliStreams): Promise<number> {
  const [{ runTranslation }, { TranslateError, formatTranslateError }, { hasErrors }, { renderReport }] = await Promise.all([
    import('../pipeline/run-translation.js'),
    import('../diagnostics/translate-error.js'),
    import('../diagnostics/diagnostic.js'),
    import('../report/render-report.js'),
  ]);
  const writing = args.out !== undefined && !args.check;
  let run;
  try {
    if (args.runbook !== undefined) await (await import('./write-runbook.js')).checkRunbookPath(args.runbook, args.zarafaDir);
    run = await runTranslation({
      zarafaDir: args.zarafaDir,
      ...(args.out !== undefined ? { outDir: args.out } : {}),
      ...(args.kopanoDir !== undefined ? { kopanoDir: args.kopanoDir } : {}),
      ...(args.webapp !== undefined ? { webapp: args.webapp } : {}),
      ...(args.zPush !== undefined ? { zPush: args.zPush } : {}),
      // --check --out: an existing --out is expected to hold files; it is read, never written.
      force: args.force || args.check,
      readOut: args.check,
      write: writing,
      options: {
        showSecrets: args.showSecrets,
        ...(args.target ? { target: args.target } : {}),
        ...(args.source ? { source: args.source } : {}),
        ...(args.ldapSchema ? { ldapSchema: args.ldapSchema } : {}),
        ...(args.attachments ? { attachments: args.attachments } : {}),
        ...(args.runAs ? { runAs: args.runAs } : {}),
        ...(args.tls ? { tls: args.tls } : {}),
      },
    });
  } catch (e) {
    if (!(e instanceof TranslateError)) throw e;
    io.stderr.write(`zarafa2kopano: ${oneLine(formatTranslateError(e))}\n`);
    return EXIT.bad;
  }
  const failed = hasErrors(run.translation.diagnostics);
  // Everything this run prints or writes is made from `view.dir` and goes through `view.text`: the
  // values of secret settings in any file it read are masked wherever they would appear
  // (docs/security.md, "Secrets"), and names stay on their line.
  const { outputView } = await import('./output-view.js');
  const view = outputView(run, {
    showSecrets: args.showSecrets,
    zarafaDir: args.zarafaDir,
    paths: [args.zarafaDir, args.out, args.kopanoDir, args.webapp, args.zPush, args.runbook].filter((p): p is string => p !== undefined),
    phrases: [wroteLine({ files: ['a', 'b'], unchanged: ['c', 'd'] }, ''), checkLine([], 2, ''), checkLine(['a', 'b'], 2, ''), runbookLine(2, '')],
  });
  const dir = view.dir;
  const hide = view.text;

  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify(dir, null, 2)}\n`);
  } else if (args.format === 'github') {
    const { renderGithubAnnotations } = await import('../report/github-annotations.js');
    io.stdout.write(hide(renderGithubAnnotations(view.human, args.zarafaDir)));
  } else if (args.format === 'sarif') {
    const [{ renderSarifLog }, { RULES }] = await Promise.all([import('../report/sarif-log.js'), import('../3-plan/rules/index.js')]);
    io.stdout.write(hide(renderSarifLog(dir, { zarafaDir: args.zarafaDir, toolVersion: packageVersion(), rules: RULES })));
  } else {
    // Each file's diff in that file's own encoding, as diff(1) prints raw bytes: a latin-1 file's
    // hunks must stay latin-1 for the patch to apply to it. Masked before it is encoded.
    const colours = coloursFor(io.stdout, io.env);
    // On a terminal, control characters of the input are shown escaped (masked first, so a secret is never shown escaped).
    const shown = io.stdout.isTTY === true ? (s: string) => terminalSafe(hide(s)) : hide;
    for (const f of dir.files) if (f.diff !== '') io.stdout.write(encodeConfigText(colourDiff(shown(f.diff), colours), f.encoding ?? 'utf8'));
  }
  const reportColours = coloursFor(io.stderr, io.env);
  let changed: string[] | undefined;
  if (args.check) {
    const { changedFiles } = await import('../4-emit/changed-files.js');
    changed = changedFiles(run.translation, run.tree);
  }
  const mode = args.quiet ? 'quiet' : args.check ? 'check' : 'full';
  const reported = io.stderr.isTTY === true ? terminalSafeData(view.human) : view.human;
  io.stderr.write(hide(renderReport(reported, { zarafaDir: oneLine(args.zarafaDir), colours: reportColours, mode, ...(changed ? { changed: changed.map(oneLine) } : {}) })));
  if (failed) return EXIT.bad;
  if (writing && run.translation.written) io.stderr.write(hide(`\n${wroteLine(run.translation.written, oneLine(args.out!))}\n`));
  if (args.runbook !== undefined) {
    const { writeRunbook } = await import('./write-runbook.js');
    try {
      await writeRunbook(args.runbook, view.human, args.zarafaDir, hide);
    } catch (e) {
      if (!(e instanceof TranslateError)) throw e;
      io.stderr.write(`zarafa2kopano: ${oneLine(formatTranslateError(e))}\n`);
      return EXIT.bad;
    }
    if (!args.quiet) io.stderr.write(hide(`\n${runbookLine(dir.actions.length, oneLine(args.runbook))}\n`));
  }

  if (changed) {
    const against = oneLine(args.out ?? args.kopanoDir ?? args.zarafaDir);
    io.stderr.write(hide(`${checkLine(changed.map(oneLine), dir.files.length, against)}\n`));
    return changed.length === 0 ? EXIT.ok : EXIT.changes;
  }
  return EXIT.ok;
}

function runbookLine(steps: number, file: string): string {
  return `Wrote the runbook (${steps} steps) to ${file}.`;
}

function checkLine(changed: readonly string[], files: number, against: string): string {
  return changed.length === 0
    ? `Check: nothing to change (compared with ${against}).`
    : `Check: ${changed.length} of ${files} files would change (compared with ${against}): ${changed.join(', ')}`;
}

/** "Wrote N files to <out>.": only files whose bytes (or mode) changed are replaced, and counted. */
function wroteLine(outcome: { files: readonly string[]; unchanged: readonly string[] }, out: string): string {
  const written = outcome.files.length;
  const unchanged = outcome.unchanged.length;
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  return `Wrote ${files(written)} to ${out}${unchanged > 0 ? ` (${files(unchanged)} already up to date, left alone)` : ''}.`;
}

function packageVersion(): string {
  // Read at run time from the nearest package.json above this module: that is the package root for
  // src/cli/main.ts, dist/cli/main.js and the bundled bin dist/zarafa2kopano.js alike.
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      return (JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { version: string }).version;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dir.pathname === '/') throw e;
    }
  }
}
