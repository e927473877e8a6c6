import { readFileSync } from 'node:fs';
import { parseCommandLine, UsageError, USAGE, type RunArgs } from './args.js';
import { encodeConfigText } from '../cfg/bytes.js';
import { colourDiff, coloursFor } from '../report/colours.js';
import { terminalSafe, terminalSafeData } from '../report/terminal-safe.js';
import type { RunResult } from '../pipeline/run-translation.js';

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
    io.stderr.write(`zarafa2kopano: ${e.message}\nTry 'zarafa2kopano --help'.\n`);
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
  return run(command.run, io);
}

async function run(args: RunArgs, io: CliStreams): Promise<number> {
  const [{ runTranslation }, { TranslateError, formatTranslateError }, { hasErrors }, { renderReport }] = await Promise.all([
    import('../pipeline/run-translation.js'),
    import('../diagnostics/translate-error.js'),
    import('../diagnostics/diagnostic.js'),
    import('../report/render-report.js'),
  ]);
  const writing = args.out !== undefined && !args.check;
  let run: RunResult & { hostSecrets?: { texts: string[]; values: string[] } };
  try {
    if (args.runbook !== undefined) await (await import('./write-runbook.js')).checkRunbookPath(args.runbook, args.zarafaDir);
    const options = {
      showSecrets: args.showSecrets,
      ...(args.target ? { target: args.target } : {}),
      ...(args.source ? { source: args.source } : {}),
      ...(args.ldapSchema ? { ldapSchema: args.ldapSchema } : {}),
      ...(args.attachments ? { attachments: args.attachments } : {}),
      ...(args.runAs ? { runAs: args.runAs } : {}),
      ...(args.tls ? { tls: args.tls } : {}),
    };
    const root = args.root;
    run = root !== undefined ? await (await import('./host-run.js')).runHostForCli({ ...args, root }, writing, options) : await runTranslation({
      zarafaDir: args.zarafaDir,
      ...(args.out !== undefined ? { outDir: args.out } : {}),
      ...(args.kopanoDir !== undefined ? { kopanoDir: args.kopanoDir } : {}),
      ...(args.webapp !== undefined ? { webapp: args.webapp } : {}),
      ...(args.zPush !== undefined ? { zPush: args.zPush } : {}),
      // --check --out: an existing --out is expected to hold files; it is read, never written.
      force: args.force || args.check,
      readOut: args.check,
      write: writing,
      options,
    });
  } catch (e) {
    if (!(e instanceof TranslateError)) throw e;
    io.stderr.write(`zarafa2kopano: ${formatTranslateError(e)}\n`);
    return EXIT.bad;
  }
  const dir = run.translation;
  // The paths of a host run are relative to the root: the reports name it.
  const shownBase = args.root ?? args.zarafaDir;
  const failed = hasErrors(dir.diagnostics);
  // Everything this run prints goes through `hide`: the values of secret settings in any file it
  // read are masked wherever they would appear (docs/security.md, "Secrets").
  const { hide, hideData } = await secretMasker(args, run);

  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify(hideData(dir), null, 2)}\n`);
  } else if (args.format === 'github') {
    const { renderGithubAnnotations } = await import('../report/github-annotations.js');
    io.stdout.write(hide(renderGithubAnnotations(dir, shownBase)));
  } else if (args.format === 'sarif') {
    const [{ renderSarifLog }, { RULES }] = await Promise.all([import('../report/sarif-log.js'), import('../3-plan/rules/index.js')]);
    io.stdout.write(hide(renderSarifLog(dir, { zarafaDir: shownBase, toolVersion: packageVersion(), rules: RULES })));
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
    changed = changedFiles(dir, run.tree);
  }
  const mode = args.quiet ? 'quiet' : args.check ? 'check' : 'full';
  const reported = io.stderr.isTTY === true ? terminalSafeData(hideData(dir)) : dir;
  io.stderr.write(hide(renderReport(reported, { zarafaDir: shownBase, colours: reportColours, mode, ...(changed ? { changed } : {}) })));
  if (failed) return EXIT.bad;
  if (writing && dir.written) io.stderr.write(hide(`\n${wroteLine(dir.written, args.out!)}\n`));
  if (args.runbook !== undefined) {
    const { writeRunbook } = await import('./write-runbook.js');
    try {
      await writeRunbook(args.runbook, dir, args.zarafaDir);
    } catch (e) {
      if (!(e instanceof TranslateError)) throw e;
      io.stderr.write(`zarafa2kopano: ${formatTranslateError(e)}\n`);
      return EXIT.bad;
    }
    if (!args.quiet) io.stderr.write(hide(`\nWrote the runbook (${dir.actions.length} steps) to ${args.runbook}.\n`));
  }

  if (changed) {
    const against = args.out ?? args.kopanoDir ?? shownBase;
    io.stderr.write(hide(changed.length === 0
      ? `Check: nothing to change (compared with ${against}).\n`
      : `Check: ${changed.length} of ${dir.files.length} files would change (compared with ${against}): ${changed.join(', ')}\n`));
    return changed.length === 0 ? EXIT.ok : EXIT.changes;
  }
  return EXIT.ok;
}

/** How this run masks what it prints: not at all with --show-secrets, else by the run's secret values. */
async function secretMasker(args: RunArgs, run: RunResult & { hostSecrets?: { texts: string[]; values: string[] } }): Promise<{ hide: (s: string) => string; hideData: <T>(x: T) => T }> {
  if (args.showSecrets) return { hide: (s) => s, hideData: (x) => x };
  const [{ secretsOfRun }, { redact, redactData, secretSetOf, unionOf, MIN_ANYWHERE_LENGTH }] = await Promise.all([
    import('../secrets/run-secrets.js'),
    import('../secrets/secret-set.js'),
  ]);
  const own = secretsOfRun(run.translation, run.tree);
  // A host run: the secret settings of every file read around /etc/zarafa, and the values its kinds found.
  const host = run.hostSecrets;
  const secrets = host ? unionOf(unionOf(own, secretSetOf(host.texts)), { anywhere: host.values.filter((v) => v.length >= MIN_ANYWHERE_LENGTH), afterKey: [] }) : own;
  return { hide: (s) => redact(s, secrets), hideData: (x) => redactData(x, secrets) };
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
