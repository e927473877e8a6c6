import { readFileSync } from 'node:fs';
import { parseCommandLine, UsageError, USAGE, type RunArgs } from './args.js';
import { encodeConfigText } from '../cfg/bytes.js';
import { colourDiff, coloursFor } from '../report/colours.js';
import { oneLine, terminalSafe, terminalSafeData } from '../report/terminal-safe.js';
import { plural } from '../report/summary.js';
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
  let run: RunResult & { hostSecrets?: { texts: string[]; values: string[] }; hostInputs?: { hostPath: string; bytes: Uint8Array }[] };
  try {
    if (args.runbooks !== undefined) {
      const { checkRunbookPath } = await import('./write-runbook.js');
      for (const file of args.runbooks) await checkRunbookPath(file, args.zarafaDir);
    }
    // With --root the whole root is the input: the bundle goes outside it.
    if (args.bundle !== undefined) await (await import('./write-runbook.js')).checkBundlePath(args.bundle, args.root ?? args.zarafaDir, args.force);
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
    io.stderr.write(`zarafa2kopano: ${oneLine(formatTranslateError(e))}\n`);
    return EXIT.bad;
  }
  const failed = hasErrors(run.translation.diagnostics);
  // Everything this run prints or writes is made from `view.dir` and goes through `view.text`: the
  // values of secret settings in any file it read are masked wherever they would appear
  // (docs/security.md, "Secrets"), and names stay on their line.
  const { outputView } = await import('./output-view.js');
  // The paths of a host run are relative to the root: the reports name it.
  const shownBase = args.root ?? args.zarafaDir;
  const view = outputView(run, {
    showSecrets: args.showSecrets,
    zarafaDir: shownBase,
    ...(run.hostSecrets ? { host: run.hostSecrets } : {}),
    paths: [args.zarafaDir, args.root, args.out, args.kopanoDir, args.webapp, args.zPush, args.bundle, ...(args.runbooks ?? [])].filter((p): p is string => p !== undefined),
    phrases: [wroteLine({ files: ['a', 'b'], unchanged: ['c', 'd'] }, ''), ...checkLines(['a', 'b'], 2, '', false, ''), ...checkLines([], 2, '', true, ''),
      runbookLine(2, ''), bundleLine('', 2, 2), ...MASKED_NOTICE],
  });
  const dir = view.dir;
  const hide = view.text;

  // --check: which files differ from what is there (--out, else --kopano-dir, else the input).
  const produced = new Set(run.writes.map((w) => w.path));
  const check = args.check ? await import('../4-emit/changed-files.js') : undefined;
  const checked = check?.checkedFiles(run.translation, run.tree, produced);
  const against = oneLine(args.out ?? args.kopanoDir ?? shownBase);
  /** The diffs stdout carries as text: the translation's, or under --check --diff what would change. */
  let diffs: { text: string; encoding: 'utf8' | 'latin1' }[] = [];

  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify(dir, null, 2)}\n`);
  } else if (args.format === 'github') {
    const { renderGithubAnnotations, renderCheckAnnotations } = await import('../report/github-annotations.js');
    io.stdout.write(hide(renderGithubAnnotations(view.human, shownBase)));
    if (checked && !failed) io.stdout.write(hide(renderCheckAnnotations(checked.map((f) => oneLine(f.from)), against)));
  } else if (args.format === 'sarif') {
    const { renderSarifLog } = await import('../report/sarif-log.js');
    io.stdout.write(hide(renderSarifLog(dir, { zarafaDir: shownBase, toolVersion: packageVersion() })));
  } else if (checked === undefined) {
    diffs = dir.files.filter((f) => f.diff !== '').map((f) => ({ text: f.diff, encoding: f.encoding ?? 'utf8' }));
  } else if (args.diff) {
    const { unifiedDiff } = await import('../4-emit/unified-diff.js');
    diffs = checked.map((f) => ({ text: unifiedDiff(f.from, f.file, f.before, f.after), encoding: f.encoding }));
  }
  // Each file's diff in that file's own encoding, as diff(1) prints raw bytes: a latin-1 file's
  // hunks must stay latin-1 for the patch to apply to it. Masked before it is encoded.
  const colours = coloursFor(io.stdout, io.env);
  // On a terminal, control characters of the input are shown escaped (masked first, so a secret is never shown escaped).
  const shown = io.stdout.isTTY === true ? (s: string) => terminalSafe(hide(s)) : hide;
  const mask = args.showSecrets || diffs.length === 0 ? undefined : (await import('../secrets/mask.js')).SECRET_MASK;
  let masked = false;
  for (const d of diffs) {
    const text = shown(d.text);
    masked ||= mask !== undefined && text.includes(mask);
    io.stdout.write(encodeConfigText(colourDiff(text, colours), d.encoding));
  }
  const notices = masked && io.stdout.isTTY !== true ? MASKED_NOTICE : [];

  const reportColours = coloursFor(io.stderr, io.env);
  const mode = args.quiet ? 'quiet' : args.check ? 'check' : 'full';
  const reported = io.stderr.isTTY === true ? terminalSafeData(view.human) : view.human;
  io.stderr.write(hide(renderReport(reported, { zarafaDir: oneLine(shownBase), colours: reportColours, mode, verbose: args.verbose, notices })));
  if (failed) return EXIT.bad;
  if (writing && run.translation.written) io.stderr.write(hide(`\n${wroteLine(run.translation.written, oneLine(args.out!))}\n`));
  if (args.runbooks !== undefined) {
    const { writeRunbook } = await import('./write-runbook.js');
    for (const file of args.runbooks) {
      try {
        await writeRunbook(file, view.human, args.zarafaDir, hide);
      } catch (e) {
        if (!(e instanceof TranslateError)) throw e;
        io.stderr.write(`zarafa2kopano: ${oneLine(formatTranslateError(e))}\n`);
        // Exit 2 all the same, but not "nothing written": the output above is in place.
        if (writing && run.translation.written) io.stderr.write(hide(`zarafa2kopano: the output is complete: ${wroteLine(run.translation.written, oneLine(args.out!))} Only the runbook was not written.\n`));
        return EXIT.bad;
      }
      // Said under --quiet too, like the --out line: a file was written.
      io.stderr.write(hide(`\n${runbookLine(dir.actions.length, oneLine(file))}\n`));
    }
  }

  if (args.bundle !== undefined) {
    const { bundleContents, writeBundle, LONE_DIRECTORY, ROOT_TREE } = await import('./write-bundle.js');
    try {
      // The bundle's files hold the real values (they are installed); its runbooks are masked.
      // A host run's files mirror the root (/etc/postfix/…); its inputs include the host files it changes.
      const files = bundleContents(view.human, run.writes, run.tree, shownBase, hide, args.root !== undefined ? ROOT_TREE : LONE_DIRECTORY, run.hostInputs ?? []);
      await writeBundle(args.bundle, files, args.force);
    } catch (e) {
      if (!(e instanceof TranslateError)) throw e;
      io.stderr.write(`zarafa2kopano: ${oneLine(formatTranslateError(e))}\n`);
      return EXIT.bad;
    }
    io.stderr.write(hide(`\n${bundleLine(oneLine(args.bundle), run.writes.length, dir.actions.length)}\n`));
  }

  if (checked) {
    io.stderr.write(hide(`${checkLines(checked.map((f) => oneLine(f.file)), check!.comparedFiles(run.translation, run.tree, produced).length, against, args.diff, uncomparedNote(dir), reportColours.bold).join('\n')}\n`));
    return checked.length === 0 ? EXIT.ok : EXIT.changes;
  }
  return EXIT.ok;
}

/** Said on stderr when the diff on a pipe or file shows masked values: such a patch does not apply as is. */
const MASKED_NOTICE = [
  'The diff on stdout shows ******** for secret values: patch or git apply would write ******** into the files.',
  'Give --show-secrets for a patch that applies, or --out DIR to write the files.',
];

/** As Prettier and Ansible --check: one line when nothing would change, else the files and a verdict. */
function checkLines(changed: readonly string[], files: number, against: string, diff: boolean, note: string, bold: (s: string) => string = (s) => s): string[] {
  return changed.length === 0
    ? [`Check: nothing to change (compared with ${against}).`]
    : [bold(`Would change (${changed.length})`), ...changed.map((f) => `  ${f}`),
      `Check: ${changed.length} of ${plural(files, 'file')} would change (compared with ${against})${note}${diff ? '.' : '; --diff shows how.'}`];
}

function bundleLine(bundle: string, files: number, steps: number): string {
  return `Wrote the bundle to ${bundle}: ${files} files under files/, runbook.sh (${steps} steps), runbook.md, MANIFEST.sha256, INPUTS.sha256. ` +
    'Copy it to the mail server and run runbook.sh there (bash runbook.sh --dry-run --all first).';
}

function runbookLine(steps: number, file: string): string {
  return `Wrote the runbook (${steps} steps) to ${file}.`;
}

/** The files --check --out counted as changed because it could not read them there (the OUT_FILE_NOT_COMPARED warnings). */
function uncomparedNote(dir: { diagnostics: readonly { code: string }[] }): string {
  const n = dir.diagnostics.filter((d) => d.code === 'OUT_FILE_NOT_COMPARED').length;
  return n === 0 ? '' : `; ${n} of them could not be read there, so ${n === 1 ? 'it was' : 'they were'} not compared (OUT_FILE_NOT_COMPARED)`;
}

/** "Wrote N files to <out>.": only files whose bytes (or mode) changed are replaced, and counted. */
function wroteLine(outcome: { files: readonly string[]; unchanged: readonly string[] }, out: string): string {
  const written = outcome.files.length;
  const unchanged = outcome.unchanged.length;
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  return `Wrote ${files(written)} to ${out}${unchanged > 0 ? ` (${files(unchanged)} already up to date, left alone)` : ''}.`;
}

/** Set by esbuild in the bundled bin (scripts/build-bin.mjs), so a lone copy of it knows its version. */
declare const __Z2K_VERSION__: string | undefined;

function packageVersion(): string {
  if (typeof __Z2K_VERSION__ === 'string') return __Z2K_VERSION__;
  // Else read at run time from the nearest package.json above this module: the package root for
  // src/cli/main.ts and dist/cli/main.js.
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      return (JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { version: string }).version;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dir.pathname === '/') throw e;
    }
  }
}
