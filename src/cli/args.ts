import { parseArgs } from 'node:util';
import type { Source, Target } from '../types.js';
import { DEFAULT_TARGET, HOW_TO_CHOOSE, TARGETS, TARGET_IDS } from '../targets.js';
import { isAccountName } from '../3-plan/account-name.js';

/** What the command line prints on stdout. */
export type OutputFormat = 'text' | 'json' | 'github' | 'sarif';

/** What the command line asks for. */
export type Command =
  | { kind: 'help'; usage?: string }
  | { kind: 'version' }
  | { kind: 'run'; run: RunArgs }
  | { kind: 'ldif'; ldif: LdifArgs };

/** `zarafa2kopano ldif [--mode modify|entries] FILE|-`. */
export interface LdifArgs {
  mode: 'modify' | 'entries';
  /** A path, or '-' for stdin. */
  file: string;
}

export interface RunArgs {
  zarafaDir: string;
  /** `--root ROOT`: a host's root (or a copy); the Zarafa directory is ROOT/etc/zarafa and the files around it are translated too. */
  root?: string;
  out?: string;
  check: boolean;
  /** What goes to stdout: the diff (text), the result as JSON, GitHub annotations or a SARIF log. */
  format: OutputFormat;
  force: boolean;
  showSecrets: boolean;
  target?: Target;
  source?: Source;
  ldapSchema?: 'zarafa' | 'kopano';
  attachments?: 'keep' | 'move';
  /** `--run-as user:group`: the daemons' user and group. */
  runAs?: { user: string; group: string };
  tls?: 'target' | 'zcp';
  kopanoDir?: string;
  webapp?: string;
  zPush?: string;
  /** Write the runbook to each: Markdown for `.md`, a bash script for `.sh` (at most one of each). */
  runbooks?: string[];
  /** Write the bundle for the mail server here: files/, runbook.sh, runbook.md, MANIFEST.sha256, INPUTS.sha256. */
  bundle?: string;
  /** Print only the summary and the problems. */
  quiet: boolean;
  /** The whole report: every reason, diagnostic, change and runbook step. */
  verbose: boolean;
  /** With --check: print on stdout the diff between what is there and what would be written. */
  diff: boolean;
}

/** A command line that cannot be run: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The --target lines of the help: every target with the releases it covers, and how to choose. */
function targetHelp(): string {
  const ids = TARGET_IDS.join('|');
  const pad = ' '.repeat(26);
  return [
    `  --target ${ids}${' '.repeat(Math.max(1, 15 - ids.length))}Kopano release to write for (default ${DEFAULT_TARGET}):`,
    `${pad}${HOW_TO_CHOOSE}`,
    ...TARGETS.map((t) => `${pad}  ${t.id}: ${t.releases} (${t.hosts})`),
    `${pad}with --kopano-dir: read from the installed files unless given`,
  ].join('\n');
}

export const USAGE = `Usage: zarafa2kopano [options] <zarafa-dir>
       zarafa2kopano [options] --root <root>
       zarafa2kopano ldif [--mode modify|entries] FILE|-   (see zarafa2kopano ldif --help)

Translate a Zarafa (ZCP 7.x) configuration directory into Kopano Core 8.x configuration files.
Without options: print the unified diff on stdout and the report (changes, warnings, manual
actions) on stderr. Nothing is written unless --out is given; <zarafa-dir> is never modified.

Options:
  --root <root>           translate a host: <root>/etc/zarafa and the files around it that name ZCP
                          (Postfix, fetchmail, …; docs/host.md); paths are root-relative and --out
                          mirrors <root>; --bundle carries every host file it writes
  --out <dir>             write the translated files into <dir> (created; must be empty unless --force)
  --check                 exit 1 when the translation would change anything (compared with --out <dir>
                          when given, else with <zarafa-dir>), naming the files; exit 0 when there is
                          nothing to do. Prints no diff unless --diff
  --diff                  with --check: the diff between what is there and what would be written
  --json                  print the whole result as JSON on stdout instead of the diff (= --format json)
  --format text|json|github|sarif
                          stdout: the diff (text, the default), the result as JSON, GitHub Actions
                          annotations of the errors and warnings, or a SARIF 2.1.0 log
${targetHelp()}
  --source 7.0|7.1|7.2|kopano-8.0|kopano-8.7
                          release the files were written for (default: detected per file)
  --ldap-schema zarafa|kopano
                          LDAP attribute names of the directory (default zarafa: keep them)
  --attachments keep|move keep attachment_path, or move to /var/lib/kopano/attachments (default keep)
  --run-as <user>:<group> the daemons' user and group (default: the ZCP files' own non-root
                          run_as_user and run_as_group, else kopano:kopano)
  --tls target|zcp        TLS settings written: the target's defaults, or ZCP's set for old clients
                          (default target)
  --kopano-dir <dir>      merge into the installed Kopano files found in <dir>
  --webapp <file>         translate this WebApp config.php too (config.php files under <zarafa-dir> are found)
  --z-push <file>         translate this Z-Push config.php too
  --bundle <dir>          write what the mail server needs into <dir> (new or empty, unless --force):
                          files/<host path> (the translated files), runbook.sh and runbook.md (every
                          step, and the way back), MANIFEST.sha256 and INPUTS.sha256 (checksums of
                          those files and of the host files they were made from). Copy <dir> to the
                          mail server and run runbook.sh there: bash, tar and sha256sum, no Node
  --runbook FILE.md|FILE.sh
                          write the runbook alone, as Markdown or as the bundle's bash script;
                          give it twice for both (one .md and one .sh)
  --quiet                 print only the summary and the problems in the report
  --verbose               print the whole report: every reason, diagnostic, change and runbook step
  --show-secrets          show passwords and keys in the diff and JSON (masked by default)
  --force                 write into a non-empty --out directory
  -h, --help              show this help
  -v, --version           show the version

Exit status: 0 done (warnings allowed), 1 --check found changes, 2 bad usage or bad input
(nothing written).
`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function outputFormat(json: boolean, format: string | undefined): OutputFormat {
  const chosen = oneOf('format', format, ['text', 'json', 'github', 'sarif'] as const);
  if (json && chosen !== undefined && chosen !== 'json') throw new UsageError(`--json and --format ${chosen} ask for different outputs; give one`);
  return json ? 'json' : chosen ?? 'text';
}

/** `--run-as user:group`, both names required. */
function runAsOf(value: string): { user: string; group: string } {
  const m = /^([^:]*):([^:]*)$/.exec(value);
  if (!m || !isAccountName(m[1]!) || !isAccountName(m[2]!)) {
    throw new UsageError(`--run-as expects user:group (e.g. kopano:kopano; letters, digits, _ . -; at most 32 characters each), got '${value}'`);
  }
  return { user: m[1]!, group: m[2]! };
}

/**
 * A flag that takes one value given twice (`--out a --out b`): parseArgs keeps the last one, which
 * would write somewhere the operator may not have meant. Refused, naming the flag and both values.
 */
function refuseRepeatedValues(tokens: readonly { kind: string; name?: string; value?: string | undefined }[]): void {
  const seen = new Map<string, string>();
  for (const t of tokens) {
    // --runbook: once per kind (.md, .sh), checked with its values.
    if (t.kind !== 'option' || t.name === undefined || t.value === undefined || t.name === 'runbook') continue;
    const first = seen.get(t.name);
    if (first !== undefined) throw new UsageError(`--${t.name} given more than once ('${first}' and '${t.value}'); give it once`);
    seen.set(t.name, t.value);
  }
}

export const LDIF_USAGE = `Usage: zarafa2kopano ldif [--mode modify|entries] FILE|-

Translate an LDIF export of the directory from zarafa.schema to kopano.schema names (docs/ldap.md).
The output goes to stdout, a short report to stderr; FILE is only read ('-' reads stdin).

Options:
  --mode modify           an ldapmodify change file: add the kopano classes and attributes with the
                          same values, then delete the zarafa ones, entry by entry (default)
  --mode entries          the export itself with the names replaced in place, for slapadd
  -h, --help              show this help
`;

/** parseArgs' result, or its complaint as a UsageError (without Node's hint about `--`). */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '') : String(e));
  }
}

function parseLdifCommandLine(argv: readonly string[]): Command {
  const { values: v, positionals } = usage(() => parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { mode: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
  if (v.help) return { kind: 'help', usage: LDIF_USAGE };
  if (positionals.length !== 1) throw new UsageError(`ldif expects one FILE (or - for stdin), got ${positionals.length}`);
  const mode = oneOf('mode', v.mode, ['modify', 'entries'] as const) ?? 'modify';
  return { kind: 'ldif', ldif: { mode, file: positionals[0]! } };
}

/** Parse argv (without node and the script). Throws {@link UsageError}. */
export function parseCommandLine(argv: readonly string[]): Command {
  if (argv[0] === 'ldif') return parseLdifCommandLine(argv.slice(1));
  const parsed = usage(() => parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        out: { type: 'string' },
        root: { type: 'string' },
        check: { type: 'boolean' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        target: { type: 'string' },
        source: { type: 'string' },
        'ldap-schema': { type: 'string' },
        attachments: { type: 'string' },
        'run-as': { type: 'string' },
        tls: { type: 'string' },
        'kopano-dir': { type: 'string' },
        webapp: { type: 'string' },
        'z-push': { type: 'string' },
        runbook: { type: 'string', multiple: true },
        bundle: { type: 'string' },
        quiet: { type: 'boolean' },
        verbose: { type: 'boolean' },
        diff: { type: 'boolean' },
        'show-secrets': { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  const { values: v, positionals } = parsed;
  refuseRepeatedValues(parsed.tokens);
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  if (v.root !== undefined) {
    if (v.root === '') throw new UsageError('--root needs a path');
    if (positionals.length > 0) throw new UsageError(`--root and <zarafa-dir> both given (${positionals.join(' ')}); with --root the Zarafa directory is <root>/etc/zarafa`);
    if (v['kopano-dir'] !== undefined) throw new UsageError('--root and --kopano-dir cannot be combined');
  } else if (positionals.length === 0) throw new UsageError('missing <zarafa-dir> (e.g. /etc/zarafa)');
  if (positionals.length > 1) throw new UsageError(`expected one <zarafa-dir>, got ${positionals.length}: ${positionals.join(' ')}`);
  for (const flag of ['out', 'kopano-dir', 'webapp', 'z-push', 'bundle'] as const) {
    if (v[flag] === '') throw new UsageError(`--${flag} needs a path`);
  }
  const runbooks = v.runbook ?? [];
  for (const [i, file] of runbooks.entries()) {
    const kind = /\.(md|sh)$/.exec(file)?.[1];
    if (kind === undefined) throw new UsageError(`--runbook needs a file name ending in .md (Markdown) or .sh (shell script), got '${file}'`);
    const first = runbooks.slice(0, i).find((f) => f.endsWith(`.${kind}`));
    if (first !== undefined) throw new UsageError(`--runbook given twice as .${kind} ('${first}' and '${file}'); give one .md and one .sh at most`);
  }
  // --check promises to write nothing: a runbook it wrote anyway would break that promise.
  if (v.check && v.runbook !== undefined) {
    throw new UsageError('--check writes nothing, so it cannot write --runbook; run without --check to write the runbook');
  }
  const run: RunArgs = {
    zarafaDir: v.root !== undefined ? `${v.root.replace(/\/+$/, '')}/etc/zarafa` : positionals[0]!,
    check: v.check ?? false,
    format: outputFormat(v.json ?? false, v.format),
    force: v.force ?? false,
    showSecrets: v['show-secrets'] ?? false,
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false,
    diff: v.diff ?? false,
  };
  if (run.diff && !run.check) throw new UsageError('--diff goes with --check (without --check the diff is what stdout prints anyway)');
  if (run.quiet && run.verbose) throw new UsageError('--quiet and --verbose ask for different reports; give one');
  const target = oneOf('target', v.target, TARGET_IDS);
  const source = oneOf('source', v.source, ['7.0', '7.1', '7.2', 'kopano-8.0', 'kopano-8.7'] as const);
  const ldapSchema = oneOf('ldap-schema', v['ldap-schema'], ['zarafa', 'kopano'] as const);
  const attachments = oneOf('attachments', v.attachments, ['keep', 'move'] as const);
  const tls = oneOf('tls', v.tls, ['target', 'zcp'] as const);
  if (v.out !== undefined) run.out = v.out;
  if (v.root !== undefined) run.root = v.root;
  if (v['kopano-dir'] !== undefined) run.kopanoDir = v['kopano-dir'];
  if (v.webapp !== undefined) run.webapp = v.webapp;
  if (v['z-push'] !== undefined) run.zPush = v['z-push'];
  if (runbooks.length > 0) run.runbooks = runbooks;
  if (v.bundle !== undefined) {
    if (run.check) throw new UsageError('--bundle writes a bundle and --check writes nothing; give one');
    run.bundle = v.bundle;
  }
  if (target) run.target = target;
  if (source) run.source = source;
  if (ldapSchema) run.ldapSchema = ldapSchema;
  if (attachments) run.attachments = attachments;
  if (v['run-as'] !== undefined) run.runAs = runAsOf(v['run-as']);
  if (tls) run.tls = tls;
  return { kind: 'run', run };
}
