import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { countLines, parseConfig } from '../cfg/parse.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { unifiedDiff } from '../4-emit/diff/unified-diff.js';
import { daemonFileOf, dialectOf, isSecretOption, validateConfig, type DaemonFile } from '../options/index.js';
import { RULES } from '../3-plan/rules/index.js';
import type { ResolvedOptions } from '../3-plan/rule.js';
import { runRules, type RuleRun } from '../3-plan/run-rules.js';
import { maskSecretsOf, maskValue } from '../secrets/mask.js';
import type { Change, FileTranslation, TranslateOptions } from '../types.js';

/** Options only the directory layer passes: how includes resolve, and the file's role. */
export interface FileContextOptions {
  resolveInclude?: IncludeResolver;
  /** Daemon table for a file that is only read through an include (its name says nothing). */
  daemon?: DaemonFile;
  /** True when the file is only read through another file's `!include`. */
  included?: boolean;
  /** Encoding the text was decoded from (line-length limits count its bytes). Default utf8. */
  encoding?: 'utf8' | 'latin1';
}

export function resolveOptions(options: TranslateOptions = {}): ResolvedOptions {
  return {
    target: options.target ?? '8.0',
    source: options.source ?? '7.2',
    ldapSchema: options.ldapSchema ?? 'zarafa',
    attachments: options.attachments ?? 'keep',
    runAs: options.runAs ?? { user: 'kopano', group: 'kopano' },
    showSecrets: options.showSecrets ?? false,
  };
}

/** Where a source file lands in the output directory (`indexer.cfg` of ZCP 7.0 became `search.cfg`). */
export function targetPathOf(source: string): string {
  return source.replace(/(^|\/)indexer\.cfg$/, '$1search.cfg');
}

/**
 * Translate one Zarafa config file to its Kopano form. Pure: no I/O. Runs every rule of the table
 * that applies to the file's daemon, source family and target, applies their edits in one step,
 * and checks the result against the target daemon's option table.
 */
export function translateConfig(
  text: string,
  file: string,
  options: TranslateOptions & FileContextOptions = {},
): FileTranslation {
  return translateParsedConfig(text, file, options);
}

/**
 * {@link translateConfig} for the directory layer, which has usually parsed the source already:
 * `parse` must return what `parseConfig(text, { file, dialect: dialectOf(daemon, source), encoding })`
 * would. It is called inside the rule phase, so the source document goes out of reach with it.
 */
export function translateParsedConfig(
  text: string,
  file: string,
  options: TranslateOptions & FileContextOptions = {},
  parse?: () => ConfigDocument,
): FileTranslation {
  const opts = resolveOptions(options);
  const daemon = options.daemon ?? daemonFileOf(file);
  const targetFile = targetPathOf(file);
  if (!daemon) return passThrough(text, file, targetFile);

  const encoding = options.encoding ?? 'utf8';
  parse ??= () => parseConfig(text, { file, dialect: dialectOf(daemon, opts.source), encoding });
  const show = opts.showSecrets;
  const { run, diagnostics, before } = planFile(text, parse, daemon, targetFile, opts, options);
  const { output, actions } = run;
  // The output document is parsed only once the source document is out of reach, and is out of
  // reach itself before the diff runs: a big file's documents are never held at the same time.
  const after = checkOutput(output, targetFile, daemon, opts, encoding, diagnostics);
  return {
    source: file,
    target: targetFile,
    input: text,
    output,
    encoding,
    diff: unifiedDiff(file, targetFile, before, after),
    changes: run.changes.map((c) => maskChange(c, daemon, show)),
    diagnostics,
    actions,
  };
}

/** Parse the source and run the rules; the source document stays inside (see translateConfig). */
function planFile(
  text: string,
  parse: () => ConfigDocument,
  daemon: DaemonFile,
  targetFile: string,
  opts: ResolvedOptions,
  options: FileContextOptions,
): { run: RuleRun; diagnostics: Diagnostic[]; before: string } {
  const doc = parse();
  const run = runRules(RULES, {
    doc,
    daemon,
    targetFile,
    options: opts,
    resolveInclude: options.resolveInclude,
    included: options.included ?? false,
  });
  const diagnostics: Diagnostic[] = [...doc.diagnostics, ...run.diagnostics];
  const before = opts.showSecrets ? text : maskSecretsOf(doc, text, daemon);
  return { run, diagnostics, before };
}

/**
 * Lines of the output parsed at a time by {@link checkOutput}: enough that a config file of any
 * usual size is one part, few enough that a huge one is never a whole document in memory.
 */
const CHECK_PART_LINES = 1 << 16;

/**
 * Validate the output (errors become OUTPUT_<CODE> diagnostics, pushed onto `diagnostics`) and
 * return it masked for the diff. A big C++-dialect output is parsed a part of `partLines` lines at
 * a time: both checks look at one line at a time there, so the parts give what the whole gives
 * (a Python reader's mandatory options need the whole file, so that is one part). Exported for tests.
 */
export function checkOutput(
  output: string,
  targetFile: string,
  daemon: DaemonFile,
  opts: ResolvedOptions,
  encoding: 'utf8' | 'latin1',
  diagnostics: Diagnostic[],
  partLines = CHECK_PART_LINES,
): string {
  const dialect = dialectOf(daemon, opts.target);
  // Fewer characters than partLines means fewer lines too: one part, found without a scan.
  if (dialect === 'python' || output.length < partLines) return checkPart(output, 0, targetFile, daemon, opts, encoding, diagnostics);
  let masked: string[] | undefined; // parts of the masked output, once a part differs from its text
  let from = 0;
  let lineOffset = 0;
  do {
    let to = from;
    for (let n = 0; n < partLines && to < output.length; n++) {
      const nl = output.indexOf('\n', to);
      to = nl === -1 ? output.length : nl + 1;
    }
    // A part must not start with U+FEFF: the parser would take it for the file's byte order mark.
    while (to < output.length && output.charCodeAt(to) === 0xfeff) {
      const nl = output.indexOf('\n', to);
      to = nl === -1 ? output.length : nl + 1;
    }
    if (from === 0 && to === output.length) return checkPart(output, 0, targetFile, daemon, opts, encoding, diagnostics);
    const part = output.slice(from, to);
    const partMasked = checkPart(part, lineOffset, targetFile, daemon, opts, encoding, diagnostics);
    if (masked === undefined && partMasked !== part) masked = [output.slice(0, from)];
    masked?.push(partMasked);
    lineOffset += countLines(part);
    from = to;
  } while (from < output.length);
  return masked === undefined ? output : masked.join('');
}

/** Check one part of the output whose first line is line `lineOffset + 1` of the file. */
function checkPart(
  text: string,
  lineOffset: number,
  targetFile: string,
  daemon: DaemonFile,
  opts: ResolvedOptions,
  encoding: 'utf8' | 'latin1',
  diagnostics: Diagnostic[],
): string {
  // Only the lines are read here (the parser's own findings on the output are not reported).
  const outDoc = parseConfig(text, { file: targetFile, dialect: dialectOf(daemon, opts.target), encoding, diagnostics: false });
  // The lines are this function's own: numbered as in the whole file, validation says where.
  if (lineOffset > 0) for (const line of outDoc.lines) line.number += lineOffset;
  // Only what would still stop or break the Kopano daemon is worth repeating here. Includes are
  // not resolved: the directory layer reports unreadable include targets once, with their fix.
  for (const d of validateConfig(outDoc, targetFile, opts.target)) {
    if (d.severity === 'error') diagnostics.push({ ...d, code: `OUTPUT_${d.code}` });
  }
  // The documents already parsed are reused: masking only needs each line's kind, key and value.
  return opts.showSecrets ? text : maskSecretsOf(outDoc, text, daemon);
}

function maskChange(c: Change, daemon: DaemonFile, show: boolean): Change {
  // Most changes are not of a secret option: hand them on as they are instead of copying each.
  if (show || c.key === undefined || !isSecretOption(daemon, c.key)) return c;
  const out: Change = { ...c };
  const before = maskValue(daemon, c.key, c.before, false);
  const after = maskValue(daemon, c.key, c.after, false);
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  return out;
}

/** A file no daemon reads under that name: copied unchanged, with a note. */
function passThrough(text: string, file: string, targetFile: string): FileTranslation {
  return {
    source: file,
    target: targetFile,
    input: text,
    output: text,
    diff: '',
    changes: [],
    diagnostics: [
      diagnostic('NOT_A_DAEMON_CONFIG', 'info', file, undefined,
        'no Kopano daemon reads this file by that name; it is copied unchanged'),
    ],
    actions: [],
  };
}
