import { canEncode } from '../cfg/bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { dialectOf, effectiveView, getOptionTable, tableVersionOf } from '../options/index.js';
import { cppBool } from '../options/values.js';
import type { DirTranslation, FileTranslation, ManualAction, Source, SourceFamily, Target, TranslateOptions } from '../types.js';
import { DEFAULT_TARGET, targetInfo } from '../targets.js';
import { detectTarget, findingsAgainst, type TargetDetection, type TargetFinding } from '../2-detect/detect-target.js';
import type { LoadedDir, LoadedTree } from '../1-load/loaded-tree.js';
import { detectTreeSource } from '../2-detect/detect-tree.js';
import { kopanoIgnores } from '../2-detect/files-kopano-ignores.js';
import { templatePlaceholders } from '../2-detect/template-placeholders.js';
import { userPluginConfigMissing } from '../3-plan/user-plugin-config.js';
import { parsedFiles, type ParseFile } from '../2-detect/parsed-files.js';
import { buildIncludeGraph, includeResolver, type IncludeGraph } from '../3-plan/include-graph.js';
import { keptRunAs, type RunAs } from '../3-plan/kept-run-as.js';
import type { IncludeResolver } from '../cfg/effective.js';
import { planRunbook, type RunbookInput } from '../3-plan/runbook/plan-runbook.js';
import type { EmittedFile } from '../4-emit/emit-file.js';
import { mergeTree } from '../5-merge/merge-tree.js';
import { baseTranslation } from './base-translation.js';
import { translateFile, type FileContextOptions } from './translate-config.js';
import { translatePhpConfig } from '../4-emit/emit-php.js';
import { convertedByRunbook } from '../3-plan/php/plan-php.js';
import { loneDirBundleFiles } from '../3-plan/runbook/bundle-files.js';
import { planWrites, type FileWrite, type WriteSource } from '../6-write/plan-writes.js';

/**
 * The pure middle of a directory translation: detect → plan → emit → merge, from what load read.
 * No I/O; translateConfigDir is load → translateTree → write.
 */
export interface TreeTranslation {
  translation: DirTranslation;
  /** What `--out` would write: every resulting file, with the mode, owner and encoding of the file it stands for. */
  writes: FileWrite[];
  /** What the runbook was planned from: a host run plans it again with the host's files added. */
  runbook: RunbookInput;
}

export function translateTree(tree: LoadedTree, given: TranslateOptions = {}): TreeTranslation {
  const zarafa = tree.zarafa;
  const parse = parsedFiles(zarafa);
  const source = detectTreeSource(zarafa, parse, given.source);
  // The include graph and the ZCP-wide checks read as the ZCP family (a Kopano directory reads the 7.2/8.x way).
  const version: SourceFamily = isZcp(source.version) ? source.version : '7.2';
  // --kopano-dir: the installed files say which Kopano they are for, unless the target is given.
  const kopanoParse = tree.kopano ? parsedFiles(tree.kopano) : undefined;
  const installed = tree.kopano && kopanoParse ? detectTarget(tree.kopano, kopanoParse) : undefined;
  const target = given.target ?? installed?.target ?? DEFAULT_TARGET;
  const targetNotes = installed ? targetDiagnostics(installed, given.target) : [];
  const sourceOf = (path: string): Source => source.files.get(path) ?? source.version;
  const kopanoFiles = [...source.files].filter(([, s]) => !isZcp(s)).map(([p]) => p);
  const mixed = kopanoFiles.length > 0 && [...source.files.values()].some(isZcp)
    ? [diagnostic('KOPANO_FILES_MIXED', 'info', kopanoFiles[0]!, undefined,
      `${kopanoFiles.join(', ')} ${kopanoFiles.length === 1 ? 'is' : 'are'} already written for Kopano; each file is translated from its own source`)]
    : [];
  const graph = buildIncludeGraph(zarafa, version, parse, (p) => !isZcp(sourceOf(p)));
  const templates = graph.files.flatMap((p) => templatePlaceholders(parse(p, 'cpp')));
  const resolveInclude = includeResolver(zarafa.root, graph, parse);
  const userPlugin = userPluginConfigMissing(zarafa.root, graph.files, version, parse, resolveInclude);

  // No runAs option: an explicit non-root user of the ZCP files (server.cfg first) runs every daemon.
  const kept = given.runAs === undefined ? directoryRunAs(graph, version, parse, resolveInclude) : undefined;
  const options: TranslateOptions & Pick<FileContextOptions, 'runAsKept'> = kept ? { ...given, target, runAs: kept, runAsKept: true } : { ...given, target };

  const distributed = serverDistributed(graph, version, parse, resolveInclude);
  const emitted = new Map<string, EmittedFile>();
  const ignored: Diagnostic[] = [];
  for (const path of graph.files) {
    const fate = graph.included.has(path) ? undefined : kopanoIgnores(path);
    if (fate !== undefined && !graph.daemonOf.get(path)) {
      ignored.push(diagnostic('NOT_FOR_KOPANO', 'info', path, undefined, `is not written: no Kopano program reads it (${fate})`));
      continue;
    }
    const src = zarafa.files.get(path)!;
    const daemon = graph.daemonOf.get(path);
    const own = sourceOf(path);
    // A daemon the target no longer has (kopano-presence in 11.0): its file is not written.
    if (fate === undefined && daemon && !graph.included.has(path) && !getOptionTable(daemon, target) && getOptionTable(daemon, tableVersionOf(own))) {
      ignored.push(diagnostic('NOT_FOR_KOPANO', 'info', path, undefined, `is not written: Kopano ${target} has no ${daemon.replace(/\.cfg$/, '')} daemon any more`));
      continue;
    }
    // Kopano 8.7 files are left as they are, except for 11.0, which refuses some 8.7 options (license_*, …).
    if (!isZcp(own) && (tableVersionOf(own) === target || (own === 'kopano-8.7' && target !== '11.0'))) {
      emitted.set(path, unchanged(src.text, path, own === 'kopano-8.7' && target === '8.0'
        ? [diagnostic('KOPANO_SOURCE_NEWER', 'warning', path, undefined,
          'is written for Kopano 8.7 and the target is 8.0: it is left unchanged; run with --target 8.7')]
        : []));
      continue;
    }
    const doc = daemon ? parse(path, dialectOf(daemon, tableVersionOf(own))) : undefined;
    emitted.set(path, translateFile(src.text, path, {
      ...options,
      source: own,
      resolveInclude,
      ...(daemon ? { daemon } : {}),
      included: graph.included.has(path),
      ...(distributed !== undefined ? { distributed } : {}),
      encoding: src.encoding,
    }, doc));
  }
  const translations = [...emitted.values()].map((e) => e.translation);
  // The web clients' config.php files: translated on their own, listed after the daemon files.
  const clients: (WriteSource & { converted: boolean })[] = tree.clients.map((c) => ({
    translation: translatePhpConfig(c.file.text, c.path, c.path, c.kind, options.showSecrets ?? false),
    from: c.file,
    converted: convertedByRunbook(c.file.text, c.kind, c.path),
  }));
  // Every file the output holds (the daemon files, the web clients', the symlink names a directive
  // uses): each one is installed by the runbook at its place under /etc/kopano.
  const outputs = [
    ...translations.map((t) => t.target),
    ...clients.filter((c) => !c.converted).map((c) => c.translation.source),
    ...[...graph.aliases].filter(([, real]) => translations.some((t) => t.source === real)).map(([alias]) => alias),
  ].map((target) => ({ target }));
  const runbook: RunbookInput = {
    files: translations,
    hostFiles: loneDirBundleFiles(outputs),
    source: { version: source.version, evidence: source.evidence, files: Object.fromEntries(source.files) },
    target: options.target ?? DEFAULT_TARGET,
    options: {
      attachments: options.attachments ?? 'keep',
      ldapSchema: options.ldapSchema ?? 'zarafa',
      ...(options.source ? { source: options.source } : {}),
      ...(given.runAs ? { runAs: given.runAs } : {}),
      ...(tree.kopano ? { kopanoDir: tree.kopano.root.abs } : {}),
    },
    ruleActions: [
      ...translations.flatMap((f) => (f.actions ?? []).map((action: ManualAction) => ({ action, file: f.source })))
        // A web client whose config.php this run translated needs no hand edit of its socket.
        .filter(({ action }) => !tree.clients.some((c) => action.id === `clients:${c.kind}`)),
      ...tree.clients.filter((_c, i) => !clients[i]!.converted).map((c) => ({ action: clientConfigStep(c.kind, c.path), file: c.path })),
      // A Z-Push 2.2 file is converted by the runbook: its settings steps and fixstates.
      ...clients.flatMap((c) => (c.translation.actions ?? []).map((action) => ({ action, file: c.translation.source }))),
    ],
  };
  const actions = planRunbook(runbook);
  const clientFindings = clients.flatMap((c) => c.translation.diagnostics);
  const result = (daemonFiles: WriteSource[], diagnostics: Diagnostic[]): TreeTranslation => {
    const files = [...daemonFiles, ...clients];
    const translation: DirTranslation = {
      files: files.map((f) => f.translation),
      patch: files.map((f) => f.translation.diff).join(''),
      actions,
      diagnostics: [...source.diagnostics, ...targetNotes, ...diagnostics, ...clientFindings],
      source: { version: source.version, evidence: [...source.evidence], against: [...source.against], conflicts: [...source.conflicts], files: Object.fromEntries(source.files) },
      target: options.target ?? DEFAULT_TARGET,
    };
    // A converted Z-Push 2.2 file stays where it is: nothing of it is written (the runbook carries its settings).
    const written = [...daemonFiles, ...clients.filter((c) => !c.converted)];
    return { translation, writes: planWrites(tree, [...written, ...aliasCopies(written)]), runbook };
  };

  // A directive that names a file through a symlink (`!include alias.inc`, alias.inc → x.inc) must
  // still find it in the output: the translated file is written under that name too.
  const aliasCopies = (files: readonly WriteSource[]): WriteSource[] => [...graph.aliases].flatMap(([alias, real]) => {
    const f = files.find((w) => w.translation.source === real);
    if (!f || files.some((w) => w.translation.target === alias)) return [];
    return [{ translation: { ...f.translation, source: alias, target: alias }, from: f.from }];
  });
  const aliasNotes = [...graph.aliases].map(([alias, real]) => diagnostic('INCLUDE_ALIAS_COPIED', 'info', alias, undefined,
    `is a symlink to ${real}, and a directive names it so; the output holds the translated ${real} under both names`));
  const collisions = [...targetCollisions(translations), ...aliasNotes];
  if (!tree.kopano) {
    const diagnostics = [...zarafa.diagnostics, ...graph.diagnostics, ...templates, ...userPlugin, ...ignored, ...mixed];
    for (const f of translations) diagnostics.push(...f.diagnostics, ...encodability(f, zarafa));
    return result(translations.map((t) => ({ translation: t, from: zarafa.files.get(t.source)! })), [...diagnostics, ...collisions]);
  }

  // --kopano-dir: the Kopano files parse the 8.x way whatever the source (the 7.2 readers are the 8.x ones).
  const kopanoGraph = buildIncludeGraph(tree.kopano, '7.2', kopanoParse!);
  const theirs = new Set(kopanoGraph.files);
  const base = new Map<string, FileTranslation>();
  const forMerge = new Map(emitted);
  for (const [path, e] of emitted) {
    if (!theirs.has(e.translation.target)) continue;
    const own = graph.daemonOf.get(path);
    const daemon = own ?? kopanoGraph.daemonOf.get(e.translation.target);
    if (!daemon || !getOptionTable(daemon, options.target ?? DEFAULT_TARGET)) continue;
    const src = zarafa.files.get(path)!;
    const context = { ...options, source: sourceOf(path), resolveInclude, daemon, included: graph.included.has(path), encoding: src.encoding, ...(distributed !== undefined ? { distributed } : {}) };
    const doc = parse(path, dialectOf(daemon, tableVersionOf(sourceOf(path))));
    // A file no Zarafa daemon reads by name, that a Kopano file includes: translated as that daemon's.
    if (own === undefined) forMerge.set(path, translateFile(src.text, path, context, doc));
    base.set(path, baseTranslation(path, daemon, context, doc));
  }
  const merged = mergeTree({ dir: zarafa, graph, parse, version, emitted: forMerge, base }, { dir: tree.kopano, graph: kopanoGraph, parse: kopanoParse! }, options);
  const diagnostics = [...zarafa.diagnostics, ...graph.diagnostics, ...templates, ...userPlugin, ...ignored, ...mixed];
  for (const f of translations) {
    if (theirs.has(f.target)) continue;
    diagnostics.push(...f.diagnostics, ...encodability(f, zarafa));
  }
  // The Kopano files' includes are judged by the merge (MERGE_KOPANO_INCLUDE_OUTSIDE), not as input.
  diagnostics.push(...collisions, ...tree.kopano.diagnostics, ...merged.diagnostics);
  const kopano = tree.kopano;
  return result(merged.files.map((m) => ({
    translation: m.translation,
    from: m.from === 'kopano' ? kopano.files.get(m.translation.target)! : zarafa.files.get(m.translation.source)!,
  })), diagnostics);
}

/** The user of the first daemon file (server.cfg first) that names an explicit non-root one. */
function directoryRunAs(graph: IncludeGraph, version: SourceFamily, parse: ParseFile, resolve: IncludeResolver): RunAs | undefined {
  const files = graph.files.filter((p) => !graph.included.has(p) && graph.daemonOf.get(p) !== undefined);
  const ordered = [...files.filter((p) => p === 'server.cfg'), ...files.filter((p) => p !== 'server.cfg')];
  for (const path of ordered) {
    const found = keptRunAs(parse(path, dialectOf(graph.daemonOf.get(path)!, version)), resolve);
    if (found) return found;
  }
  return undefined;
}

/** server.cfg's enable_distributed_zarafa (false when the directory has a server.cfg that leaves it unset). */
function serverDistributed(graph: IncludeGraph, version: SourceFamily, parse: ParseFile, resolve: IncludeResolver): boolean | undefined {
  if (graph.daemonOf.get('server.cfg') !== 'server.cfg') return undefined;
  const effective = effectiveView(parse('server.cfg', dialectOf('server.cfg', version)), 'server.cfg', version, resolve);
  const value = (effective.get('enable_distributed_zarafa') ?? effective.get('enable_distributed_kopano'))?.value ?? '';
  return cppBool(value);
}

function isZcp(s: Source): s is SourceFamily {
  return s === '7.0' || s === '7.1' || s === '7.2';
}

/** A file already written for the target's Kopano family (or a newer one): the output is the input. */
function unchanged(text: string, file: string, diagnostics: Diagnostic[]): EmittedFile {
  return {
    translation: { source: file, target: file, input: text, output: text, diff: '', changes: [], diagnostics, actions: [] },
    planned: diagnostics,
    output: [],
  };
}

/** A latin-1 file must be written back in latin-1: every character of the output must fit. */
function encodability(f: FileTranslation, dir: LoadedDir): Diagnostic[] {
  const encoding = dir.files.get(f.source)?.encoding ?? 'utf8';
  if (canEncode(f.output, encoding)) return [];
  return [diagnostic('OUTPUT_NOT_ENCODABLE', 'error', f.source, undefined,
    'the translation holds characters latin-1 cannot store, and the file is latin-1; convert the file to UTF-8 and run again')];
}

/** Two sources for one target (ZCP 7.0's indexer.cfg next to a search.cfg): neither may silently win. */
function targetCollisions(files: readonly FileTranslation[]): Diagnostic[] {
  const byTarget = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const f of files) {
    const other = byTarget.get(f.target);
    if (other !== undefined) {
      out.push(diagnostic('TARGET_COLLISION', 'error', f.source, undefined,
        `translates to ${f.target}, and so does ${other}; remove the one the daemon no longer reads and run again`));
    } else {
      byTarget.set(f.target, f.source);
    }
  }
  return out;
}

export type { IncludeGraph, ParseFile };

/** The step that puts a translated web client configuration in place. */
function clientConfigStep(kind: 'webapp' | 'z-push', path: string): ManualAction {
  const name = kind === 'webapp' ? 'WebApp' : 'Z-Push';
  return {
    id: `clients:${kind}`,
    reason: `The translated ${path} points ${name} at the Kopano server socket: merge its settings into the config.php of the ${name} installed for Kopano (the package's own file may have new options), or install it in its place, then reload the web server.`,
    paths: [path],
  };
}

/**
 * What the installed Kopano files said of the target: a note naming the evidence when it chose the
 * target, an error when the given target contradicts them (nothing is written; exit 2).
 */
function targetDiagnostics(installed: TargetDetection, given: Target | undefined): Diagnostic[] {
  const d = installed.target;
  if (d === undefined) return [];
  const shown = (fs: readonly TargetFinding[]): string => fs.map((f) => `${f.file}:${f.line} ${f.text}`).join('; ');
  if (given === undefined) {
    const why = findingsAgainst(installed, d, undefined);
    return [diagnostic('TARGET_FROM_KOPANO', 'info', why[0]!.file, why[0]!.line,
      `target ${d} (${targetInfo(d).releases}) read from the installed Kopano files: ${shown(why)}`)];
  }
  if (given === d) return [];
  const against = findingsAgainst(installed, d, given);
  if (against.length === 0) return [];
  return [diagnostic('TARGET_CONTRADICTS_KOPANO', 'error', against[0]!.file, against[0]!.line,
    `--target ${given} contradicts the installed Kopano files, which are ${targetInfo(d).releases}'s: ${shown(against)}; ` +
    `give --target ${d}, or leave --target out to use what they show`)];
}
