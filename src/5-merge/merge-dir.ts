import { canEncode, encodeConfigText, type TextEncodingName } from '../cfg/bytes.js';
import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { unifiedDiff } from '../4-emit/diff/unified-diff.js';
import { daemonFileOf, dialectOf, type DaemonFile } from '../options/index.js';
import { maskSecrets } from '../secrets/mask.js';
import { comparePaths, findConfigFiles } from '../1-load/find-config-files.js';
import { buildIncludeGraph, includeResolver, type IncludeGraph } from '../1-load/include-graph.js';
import { resolveDirectiveTarget } from '../1-load/directive-target.js';
import { isStrictlyWithin, openInputDir, type InputDir } from '../1-load/input-dir.js';
import { checkOutDir } from '../1-load/out-dir.js';
import { readConfigFile, type SourceFile } from '../1-load/read-config-file.js';
import { translateConfigDir, type TranslateDirOptions } from '../pipeline/translate-dir.js';
import { TranslateError } from '../diagnostics/translate-error.js';
import { writeFilesAtomically, type PlannedWrite } from '../6-write/write-atomic.js';
import type { DirTranslation, FileTranslation, SourceFamily, Target } from '../types.js';
import type { KopanoIncludeResolver } from './kopano-view.js';
import { mergeConfig } from './merge-config.js';

/**
 * Merge a Zarafa configuration directory into a directory of installed Kopano config files
 * (`--kopano-dir`), the migration guide's way: keep the Kopano files, carry the user's settings.
 *
 * - A daemon file present in both: the Kopano file with the carried settings ({@link mergeConfig});
 *   its diff goes from the Kopano file to the result, `--- a/<file>` relative to the Kopano directory.
 * - A file only in the Zarafa directory: translated as without `kopanoDir`; its diff creates the
 *   file (`--- /dev/null`), so the whole patch applies with `patch -p1` inside a copy of the Kopano directory.
 * - A file only in the Kopano directory: kept unchanged (info MERGE_KOPANO_ONLY).
 *
 * Neither directory is written; nothing outside them is read (an `!include` of the Kopano file
 * that leaves the directory, like 8.7's /usr/share/kopano/ldap.openldap.cfg, is noted, not read).
 * With `outDir` every resulting file is written atomically, all or none, unless a diagnostic is an
 * error; `outDir` may be the Kopano directory itself (then only changed files are written).
 * Throws TranslateError for either directory being unusable, as translateConfigDir does.
 */
export async function mergeConfigDir(zarafaDir: string, kopanoDir: string, options: TranslateDirOptions = {}): Promise<DirTranslation> {
  const { kopanoDir: _ignored, outDir, force, ...translateOptions } = options;
  const kopano = await openKopanoDir(kopanoDir);
  const input = await openInputDir(zarafaDir);
  const out = outDir === undefined ? undefined : await checkOutDir(outDir, input, force ?? false);
  if (out && isStrictlyWithin(kopano.real, out.abs)) {
    throw new TranslateError('OUT_DIR_INSIDE_KOPANO_DIR', out.given,
      `is inside the Kopano directory ${kopanoDir}; write to the Kopano directory itself or to a separate directory`);
  }

  // The plain translation: source detection, the rules' diagnostics and actions, the Zarafa-only files.
  const plain = await translateConfigDir(zarafaDir, translateOptions);
  const version = plain.source.version as SourceFamily;
  const target: Target = translateOptions.target ?? '8.0';
  const zarafa = await readTree(input, version);
  // Kopano files parse the 8.x way whatever the source: the 7.2 readers are the 8.x ones.
  const theirs = await readTree(kopano, '7.2');
  if (theirs.graph.files.size === 0) {
    throw new TranslateError('KOPANO_DIR_EMPTY', kopanoDir,
      'holds no *.cfg files; give the directory of the installed Kopano configuration (e.g. /etc/kopano)');
  }
  const resolveZarafa = includeResolver(input, zarafa.graph);
  const resolveTranslated = translatedResolver(input, plain.files, zarafa.graph, target);
  const resolveKopano = kopanoResolver(kopano, theirs.graph);

  const replaced = new Set<Diagnostic>();
  const files: FileTranslation[] = [];
  const mergeDiagnostics: Diagnostic[] = [];
  const encodingOf = new Map<FileTranslation, { encoding: TextEncodingName; mode: number }>();
  const matched = new Set<string>();
  for (const f of plain.files) {
    const src = zarafa.graph.files.get(f.source)!;
    const kop = theirs.graph.files.get(f.target);
    // A file both directories hold is merged even when only an `!include` reaches it (ldap.openldap.cfg):
    // creating it instead would replace the installed file wholesale.
    if (!kop) {
      const created = { ...f, diff: creationDiff(f, zarafa.graph.daemonOf.get(f.source), target, translateOptions.showSecrets ?? false) };
      files.push(created);
      encodingOf.set(created, { encoding: src.encoding, mode: src.mode });
      continue;
    }
    matched.add(f.target);
    for (const d of f.diagnostics) replaced.add(d);
    const daemon = zarafa.graph.daemonOf.get(f.source) ?? theirs.graph.daemonOf.get(f.target);
    const merged = mergeConfig(kop.text, f.target, src.text, f.source, {
      ...translateOptions,
      source: version,
      ...(daemon ? { daemon } : {}),
      included: zarafa.graph.included.has(f.source),
      resolveInclude: resolveZarafa,
      resolveTranslatedInclude: resolveTranslated,
      resolveKopanoInclude: resolveKopano,
    });
    files.push(merged);
    encodingOf.set(merged, { encoding: kop.encoding, mode: kop.mode });
    if (!canEncode(merged.output, kop.encoding)) {
      merged.diagnostics.push(diagnostic('OUTPUT_NOT_ENCODABLE', 'error', f.target, undefined,
        'the merged file holds characters latin-1 cannot store, and the Kopano file is latin-1; convert it to UTF-8 and run again'));
    }
    mergeDiagnostics.push(...merged.diagnostics);
  }
  for (const [path, kop] of theirs.graph.files) {
    if (matched.has(path) || files.some((f) => f.target === path)) continue;
    const kept: FileTranslation = {
      source: path, target: path, input: kop.text, output: kop.text, diff: '', changes: [], actions: [],
      diagnostics: [diagnostic('MERGE_KOPANO_ONLY', 'info', path, undefined,
        'is only in the Kopano directory; kept unchanged')],
    };
    files.push(kept);
    mergeDiagnostics.push(...kept.diagnostics);
    encodingOf.set(kept, { encoding: kop.encoding, mode: kop.mode });
  }
  files.sort((a, b) => comparePaths(a.target, b.target));

  // The plain translation's findings, minus those about merged files (their merged findings replace them).
  const mergedSources = new Set(plain.files.filter((f) => matched.has(f.target)).map((f) => f.source));
  const diagnostics: Diagnostic[] = [
    ...plain.diagnostics.filter((d) => !replaced.has(d) && !(d.code === 'OUTPUT_NOT_ENCODABLE' && mergedSources.has(d.file))),
    ...theirs.diagnostics,
    ...mergeDiagnostics,
  ];

  const result: DirTranslation = {
    files,
    patch: files.map((f) => f.diff).join(''),
    actions: plain.actions,
    diagnostics,
    source: plain.source,
    target: plain.target,
  };
  if (out && !hasErrors(diagnostics)) {
    const inPlace = out.abs === kopano.abs || out.abs === kopano.real;
    const writes: PlannedWrite[] = [];
    for (const f of files) {
      const kop = theirs.graph.files.get(f.target);
      if (inPlace && kop && kop.text === f.output) continue;
      const { encoding, mode } = encodingOf.get(f)!;
      writes.push({ path: f.target, bytes: encodeConfigText(f.output, encoding), mode });
    }
    const outcome = await writeFilesAtomically(out.abs, writes, input.real);
    result.written = { files: outcome.written, unchanged: outcome.unchanged };
    diagnostics.push(...outcome.notices);
  }
  return result;
}

/** The Kopano directory, checked like the input directory but with messages that name it. */
async function openKopanoDir(dir: string): Promise<InputDir> {
  try {
    return await openInputDir(dir);
  } catch (e) {
    if (!(e instanceof TranslateError)) throw e;
    const code = e.code.replace(/^INPUT_/, 'KOPANO_DIR_');
    const message = e.code === 'INPUT_NOT_FOUND'
      ? 'no such directory; give the directory of the installed Kopano configuration (e.g. /etc/kopano)'
      : e.message.replace('the Zarafa configuration directory (e.g. /etc/zarafa)', 'the Kopano configuration directory (e.g. /etc/kopano)');
    throw new TranslateError(code, dir, message, undefined, { cause: e });
  }
}

/** Every config file of a directory with the files its `!include`s reach inside it. */
async function readTree(dir: InputDir, version: SourceFamily): Promise<{ graph: IncludeGraph; diagnostics: Diagnostic[] }> {
  const found = await findConfigFiles(dir);
  const sources: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of found.files) {
    const read = await readConfigFile(entry);
    if ('code' in read) diagnostics.push(read);
    else sources.push(read);
  }
  // The readers' dialects are the same for 7.2 and 8.x, so the source family parses Kopano files too.
  const graph = await buildIncludeGraph(dir, sources, version);
  return { graph, diagnostics: [...found.diagnostics, ...diagnostics] };
}

/**
 * Resolves `!include`s of a Kopano file inside the Kopano directory; an argument leaving it (the
 * packaged /usr/share/kopano files of 8.7) is reported as outside and never read.
 */
function kopanoResolver(dir: InputDir, graph: IncludeGraph): KopanoIncludeResolver {
  const cache = new Map<string, ConfigDocument>();
  return (directive, from) => {
    const t = resolveDirectiveTarget(dir, directive.arg, from.file);
    if (t.kind === 'outside') return { kind: 'outside', path: t.path };
    const src = graph.files.get(t.rel);
    if (!src) return undefined;
    let doc = cache.get(t.rel);
    if (!doc) {
      const daemon = directive.name === 'propmap' ? 'ldap.propmap.cfg' : graph.daemonOf.get(t.rel);
      doc = parseConfig(src.text, { file: t.rel, dialect: daemon ? dialectOf(daemon, graph.version) : 'cpp', encoding: src.encoding });
      cache.set(t.rel, doc);
    }
    return { kind: 'inside', doc };
  };
}

/** Resolves `!include`s of a translated Zarafa file to the translated output of the file they name. */
function translatedResolver(input: InputDir, translations: readonly FileTranslation[], graph: IncludeGraph, target: Target): IncludeResolver {
  const cache = new Map<string, ConfigDocument>();
  return (directive, from) => {
    const t = resolveDirectiveTarget(input, directive.arg, from.file);
    if (t.kind !== 'inside') return undefined;
    const f = translations.find((x) => x.source === t.rel || x.target === t.rel);
    if (!f) return undefined;
    let doc = cache.get(f.target);
    if (!doc) {
      const daemon = graph.daemonOf.get(f.source);
      doc = parseConfig(f.output, { file: f.target, dialect: daemon ? dialectOf(daemon, target) : 'cpp' });
      cache.set(f.target, doc);
    }
    return doc;
  };
}

/** The translated file as a new file of the Kopano directory: `--- /dev/null` → `+++ b/<target>`. */
function creationDiff(f: FileTranslation, daemon: DaemonFile | undefined, target: Target, show: boolean): string {
  const d = daemon ?? daemonFileOf(f.target);
  const after = show || !d ? f.output : maskSecrets(f.output, d, dialectOf(d, target));
  const diff = unifiedDiff(f.target, f.target, '', after);
  return diff === '' ? '' : `--- /dev/null${diff.slice(diff.indexOf('\n'))}`;
}
