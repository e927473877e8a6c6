import type { IncludeResolver } from '../cfg/effective.js';
import { applyEditsToText, EditConflictError, type Edit } from '../cfg/edit.js';
import type { ConfigDocument, DirectiveLine } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import { printConfig } from '../cfg/print.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { outputCodeOf } from '../diagnostics/codes.js';
import { unifiedDiff } from '../4-emit/unified-diff.js';
import { diffFromEdits } from '../4-emit/edit-hunks.js';
import { touchedLines } from '../3-plan/run-rules.js';
import {
  daemonFileOf,
  dialectOf,
  getOptionTable,
  tableVersionOf,
  lookupOption,
  validateConfig,
  type OptionTable,
} from '../options/index.js';
import { sameMeaning } from '../3-plan/rules/data/values.js';
import { maskSecrets, maskValue } from '../secrets/mask.js';
import { resolveOptions, type FileContextOptions } from '../3-plan/resolve-options.js';
import type { EmittedFile } from '../4-emit/emit-file.js';
import type { Change, FileTranslation, TranslateOptions } from '../types.js';
import { carriedSettings, type CarriedSetting } from './carried-settings.js';
import { kopanoView, type KopanoIncludeResolver, type KopanoView } from './kopano-view.js';
import { placeSetting } from './place-setting.js';

/** What the directory layer knows about the two files beyond their text. */
export interface MergeConfigOptions extends TranslateOptions, FileContextOptions {
  /** Resolves `!include`s of the translated Zarafa file to translated documents (so included settings count). */
  resolveTranslatedInclude?: IncludeResolver;
  /** Resolves `!include`/`!propmap` of the Kopano file inside the Kopano directory. */
  resolveKopanoInclude?: KopanoIncludeResolver;
}

/** The translations a merge works from, made by the plan and emit phases before it. */
export interface MergeTranslations {
  /** The user's file translated. */
  translation: EmittedFile;
  /** The user's file with every line that only restates a ZCP default commented out, translated the same way. */
  base: FileTranslation;
}

/** The rule id merge changes and diagnostics carry when no translation rule asked for the value. */
export const MERGE_RULE = 'merge';

/**
 * Merge one Zarafa config file into the matching installed Kopano file (three-way: ZCP defaults →
 * the user's file after the rules → the Kopano file). Pure: no I/O, and no translation: it works
 * from {@link MergeTranslations} already made.
 *
 * The output is `kopanoText` with the settings the user customised, and those the rules require,
 * written where the Kopano file has them (value replaced or sample line uncommented), else next to
 * related settings, else at the end; every other line is kept byte for byte. A setting the Kopano
 * file changed from its compiled default and the user set differently is a MERGE_CONFLICT
 * warning naming both values (the user's is written). `input` is the Kopano text and `diff` goes
 * from it to the output; `changes` lists the carried settings.
 */
export function mergeConfig(
  kopanoText: string,
  kopanoFile: string,
  zarafaText: string,
  zarafaFile: string,
  made: MergeTranslations,
  options: MergeConfigOptions = {},
): FileTranslation {
  const opts = resolveOptions(options);
  const daemon = options.daemon ?? daemonFileOf(kopanoFile) ?? daemonFileOf(zarafaFile);
  const targetTable = daemon && getOptionTable(daemon, opts.target);
  if (!daemon || !targetTable) {
    return keptAsIs(kopanoText, kopanoFile, zarafaFile, diagnostic('MERGE_NOT_MERGED', 'info', kopanoFile, undefined,
      `no Kopano ${opts.target} daemon reads this file with an option table, so the Kopano file is kept as it is; compare it with ${zarafaFile} by hand`));
  }
  const sourceTable = getOptionTable(daemon, tableVersionOf(opts.source));
  const show = opts.showSecrets;
  const mask = (key: string, value: string): string => maskValue(daemon, key, value, show) ?? value;
  const translation = made.translation.translation;
  const baseTranslation = made.base;
  const original = parseConfig(zarafaText, { file: zarafaFile, dialect: dialectOf(daemon, tableVersionOf(opts.source)) });
  const targetDialect = dialectOf(daemon, opts.target);
  const carry = carriedSettings({
    original,
    resolveOriginal: options.resolveInclude,
    translation,
    ours: parseConfig(translation.output, { file: translation.target, dialect: targetDialect }),
    resolveOurs: options.resolveTranslatedInclude,
    baseTranslation,
    baseOurs: parseConfig(baseTranslation.output, { dialect: targetDialect }),
    sourceTable,
    targetTable,
    file: zarafaFile,
    mask,
  });

  const theirs = parseConfig(kopanoText, { file: kopanoFile, dialect: targetDialect });
  const view = kopanoView(theirs, targetTable, options.resolveKopanoInclude);
  const diagnostics: Diagnostic[] = [
    // The translation's output is not written in this mode: its output check is replaced by the merged file's.
    ...made.translation.planned,
    ...carry.diagnostics,
    ...viewNotes(view, kopanoFile),
  ];
  addNeeded(carry.carried, carry.ours, view, targetTable);

  const edits: Edit[] = [];
  const changes: Change[] = [];
  const taken = new Set<number>();
  const order = [...carry.ours.keys()];
  order.forEach((key, i) => {
    const c = carry.carried.get(key);
    if (!c) return;
    const spec = lookupOption(targetTable, key)!;
    const their = view.values.get(key);
    const known = their !== undefined || view.outside.length === 0;
    const theirValue = their?.value ?? (known ? spec.default : undefined);
    if (theirValue !== undefined && sameMeaning(spec.type, c.value, theirValue)) return;
    const place = placeSetting(theirs, targetTable, key, c.value, {
      lastInclude: view.lastInclude,
      precedingKeys: order.slice(0, i).reverse(),
      taken,
    });
    if (place.how !== 'insert') taken.add(place.edit.line);
    edits.push(place.edit);
    const line = place.how === 'insert' ? undefined : place.edit.line;
    if (their !== undefined && !(spec.default !== undefined && sameMeaning(spec.type, their.value, spec.default))) {
      diagnostics.push(diagnostic('MERGE_CONFLICT', 'warning', kopanoFile, their.line?.number ?? line,
        `'${key}': the Kopano file sets ${JSON.stringify(mask(key, their.value))} (Kopano's default is ` +
        `${spec.default === undefined ? 'unset' : JSON.stringify(mask(key, spec.default))}), your configuration needs ` +
        `${JSON.stringify(mask(key, c.value))} (${c.reason}); wrote yours, ${JSON.stringify(mask(key, c.value))}. Keep whichever you want`,
        c.rule));
    }
    const change: Change = { rule: c.rule, key, after: mask(key, c.value), reason: placedReason(c, place.how) };
    if (line !== undefined) change.line = line;
    if (theirValue !== undefined) change.before = mask(key, theirValue);
    changes.push(change);
  });

  // Only a map the daemon will find: the translation writes it (it was in the Zarafa directory) or the Kopano directory has it.
  const readable = (line: DirectiveLine, from: ConfigDocument): boolean =>
    options.resolveTranslatedInclude?.(line, from) !== undefined || options.resolveKopanoInclude?.(line, theirs)?.kind === 'inside';
  const carriedMaps = carriedPropmaps(translation.output, translation.target, theirs, targetDialect, readable);
  for (const arg of carriedMaps) {
    // After the last line: after every !include and !propmap of the Kopano file, so the user's map wins (last wins).
    edits.push({ op: 'insert-directive', after: theirs.lines.length, name: 'propmap', arg });
    changes.push({ rule: MERGE_RULE, key: `!propmap ${arg}`, reason:
      'added at the end: your property map, after the Kopano file\'s !include/!propmap lines, so its attribute names win' });
  }

  let output = kopanoText;
  try {
    output = applyEditsToText(theirs, edits);
  } catch (e) {
    if (!(e instanceof EditConflictError)) throw e;
    diagnostics.push(diagnostic('MERGE_EDIT_FAILED', 'error', kopanoFile, undefined,
      `the settings could not be written into the Kopano file (${e.message}); nothing was carried`));
    changes.length = 0;
  }
  diagnostics.push(...outputProblems(theirs, output, kopanoFile, targetTable, options.resolveKopanoInclude, options.resolveTranslatedInclude));
  diagnostics.push(...directiveNotes(translation.output, theirs, view, kopanoFile, targetDialect, new Set(carriedMaps)));

  const before = show ? kopanoText : maskSecrets(kopanoText, daemon, targetDialect);
  const after = show ? output : maskSecrets(output, daemon, targetDialect);
  return {
    source: zarafaFile,
    target: kopanoFile,
    input: kopanoText,
    output,
    diff: diffFromEdits(kopanoFile, kopanoFile, before, after, touchedLines(theirs, edits)) ?? unifiedDiff(kopanoFile, kopanoFile, before, after),
    changes,
    diagnostics,
    actions: translation.actions ?? [],
  };
}

function placedReason(c: CarriedSetting, how: 'replace' | 'uncomment' | 'insert'): string {
  const where = how === 'replace' ? 'set on the Kopano line' : how === 'uncomment' ? 'the Kopano sample line uncommented' : 'added';
  return `${where}: ${c.reason}`;
}

/**
 * Options the target daemon cannot start without (MANDATORY, or NONEMPTY and emptied by the
 * Kopano file) are carried from the user's file whatever their ZCP default was.
 */
function addNeeded(carried: Map<string, CarriedSetting>, ours: ReadonlyMap<string, string>, view: KopanoView, table: OptionTable): void {
  for (const spec of table.options.values()) {
    const value = ours.get(spec.name);
    if (value === undefined || value === '' || carried.has(spec.name)) continue;
    const their = view.values.get(spec.name);
    const missing = spec.flags.includes('MANDATORY') && their === undefined && view.outside.length === 0;
    const emptied = spec.flags.includes('NONEMPTY') && their?.value === '';
    if (missing || emptied) {
      carried.set(spec.name, {
        key: spec.name, value, kind: 'needed', rule: MERGE_RULE,
        reason: `the Kopano daemon does not start without a value, and the Kopano file ${missing ? 'does not set it' : 'leaves it empty'}`,
      });
    }
  }
}

function viewNotes(view: KopanoView, file: string): Diagnostic[] {
  return view.outside.map((o) => diagnostic('MERGE_KOPANO_INCLUDE_OUTSIDE', 'info', file, o.line,
    `'!include ${o.path}' lies outside the Kopano directory and was not read (the packages install it); ` +
    'carried settings are placed after it, so they win over whatever it sets'));
}

/**
 * The merged file checked against the Kopano daemon: a problem the Kopano file already had is a
 * warning (MERGE_KOPANO_FILE_PROBLEM), one the merge brought in an error (OUTPUT_<CODE>).
 * Includes outside the directory count as present (the packages install them).
 */
function outputProblems(
  theirs: ConfigDocument,
  output: string,
  file: string,
  table: OptionTable,
  resolve: KopanoIncludeResolver | undefined,
  /** The translated Zarafa files, written alongside: a carried `!propmap` names one of them. */
  translated?: IncludeResolver,
): Diagnostic[] {
  const empty = parseConfig('', { dialect: table.dialect });
  const resolver: IncludeResolver | undefined = resolve && ((d, from) => {
    const r = resolve(d, from);
    if (r?.kind === 'inside') return r.doc;
    if (r?.kind === 'outside') return empty;
    return d.name === 'propmap' ? translated?.(d, from) : undefined;
  });
  const name = daemonFileOf(file) ? file : table.file;
  const errors = (doc: ConfigDocument): Diagnostic[] =>
    validateConfig(doc, name, table.version, resolver).filter((d) => d.severity === 'error');
  const had = new Set(errors(theirs).map((d) => `${d.code} ${d.message}`));
  const merged = output === printConfig(theirs) ? theirs : parseConfig(output, { file, dialect: table.dialect });
  return errors(merged).map((d) => had.has(`${d.code} ${d.message}`)
    ? { ...d, file, severity: 'warning' as const, code: 'MERGE_KOPANO_FILE_PROBLEM', message: `the Kopano file itself has this problem: ${d.message}` }
    : { ...d, file, code: outputCodeOf(d.code) });
}

/**
 * `!include`/`!propmap` lines of the user's file are not copied: included settings were merged
 * like the file's own, and the Kopano file names its own property map. Say so where they differ.
 */
function directiveNotes(
  translated: string,
  theirs: ConfigDocument,
  view: KopanoView,
  file: string,
  dialect: ConfigDocument['dialect'],
  carried: ReadonlySet<string>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ours = parseConfig(translated, { dialect });
  const theirDirectives = theirs.lines.filter((l) => l.kind === 'directive' && l.honoured);
  const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  for (const line of ours.lines) {
    if (line.kind !== 'directive' || !line.honoured || (line.name !== 'include' && line.name !== 'propmap')) continue;
    if (line.name === 'propmap' && carried.has(line.arg)) continue;
    const same = theirDirectives.some((d) => d.kind === 'directive' && d.name === line.name && d.arg === line.arg);
    if (same) continue;
    const similar = theirDirectives.some((d) => d.kind === 'directive' && d.name === line.name && base(d.arg) === base(line.arg));
    const where = `'!${line.name} ${line.arg}'`;
    if (line.name === 'include') {
      out.push(diagnostic('MERGE_DIRECTIVE_NOT_CARRIED', 'info', file, undefined,
        `${where} of your configuration is not copied: the settings it sets were merged into this file like the file's own`));
    } else if (similar || view.outside.length > 0) {
      out.push(diagnostic('MERGE_DIRECTIVE_NOT_CARRIED', 'info', file, undefined,
        `${where} of your configuration is not copied: the Kopano configuration names its own property map`));
    } else {
      out.push(diagnostic('MERGE_DIRECTIVE_NOT_CARRIED', 'warning', file, undefined,
        `${where} of your configuration is not copied and the Kopano file has no such line; add it by hand if the daemon still needs that file`));
    }
  }
  return out;
}

/**
 * The user's `!propmap` lines (as translated) the Kopano file does not have word for word: carried,
 * since the Kopano file's own map (8.7: /usr/share/kopano/ldap.propmap.cfg, read through its
 * `!include`) would otherwise replace the user's attribute names (a zarafa.schema directory needs them).
 */
function carriedPropmaps(
  translated: string,
  file: string,
  theirs: ConfigDocument,
  dialect: ConfigDocument['dialect'],
  readable: (line: DirectiveLine, from: ConfigDocument) => boolean,
): string[] {
  const theirMaps = new Set(theirs.lines.flatMap((l) => (l.kind === 'directive' && l.honoured && l.name === 'propmap' ? [l.arg] : [])));
  const out: string[] = [];
  const ours = parseConfig(translated, { file, dialect });
  for (const line of ours.lines) {
    if (line.kind !== 'directive' || !line.honoured || line.name !== 'propmap') continue;
    if (theirMaps.has(line.arg) || out.includes(line.arg) || !readable(line, ours)) continue;
    out.push(line.arg);
  }
  return out;
}

function keptAsIs(text: string, file: string, source: string, note: Diagnostic): FileTranslation {
  return { source, target: file, input: text, output: text, diff: '', changes: [], diagnostics: [note], actions: [] };
}
