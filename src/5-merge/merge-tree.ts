import { canEncode } from '../cfg/bytes.js';
import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { unifiedDiff } from '../4-emit/unified-diff.js';
import type { EmittedFile } from '../4-emit/emit-file.js';
import { daemonFileOf, dialectOf, type DaemonFile } from '../options/index.js';
import { maskSecrets } from '../secrets/mask.js';
import type { FileTranslation, SourceFamily, Target, TranslateOptions } from '../types.js';
import { DEFAULT_TARGET } from '../targets.js';
import { comparePaths } from '../1-load/compare-paths.js';
import { resolveDirectiveTarget } from '../1-load/directive-target.js';
import type { LoadedDir } from '../1-load/loaded-tree.js';
import type { ParseFile } from '../2-detect/parsed-files.js';
import { includeResolver, type IncludeGraph } from '../3-plan/include-graph.js';
import type { KopanoIncludeResolver } from './kopano-view.js';
import { mergeConfig } from './merge-config.js';

/** The Zarafa side of a merge: what load, detect, plan and emit made of the input directory. */
export interface ZarafaSide {
  dir: LoadedDir;
  graph: IncludeGraph;
  parse: ParseFile;
  version: SourceFamily;
  /** Each file of the graph that is written, translated, in path order. */
  emitted: ReadonlyMap<string, EmittedFile>;
  /** The base translation of each file that has a Kopano counterpart (see MergeTranslations). */
  base: ReadonlyMap<string, FileTranslation>;
}

/** The installed Kopano configuration, loaded, with its own include graph. */
export interface KopanoSide {
  dir: LoadedDir;
  graph: IncludeGraph;
  parse: ParseFile;
}

/** A resulting file and the directory whose file it replaces (its mode and encoding are kept). */
export interface MergedFile {
  translation: FileTranslation;
  from: 'zarafa' | 'kopano';
}

export interface MergedTree {
  files: MergedFile[];
  /** Diagnostics about the merged and kept files (the Zarafa-only files keep theirs). */
  diagnostics: Diagnostic[];
}

/**
 * The merge phase (`--kopano-dir`), the migration guide's way: keep the Kopano files, carry the
 * user's settings. Pure; works from translations already made.
 *
 * - A file both directories hold: the Kopano file with the carried settings ({@link mergeConfig});
 *   its diff goes from the Kopano file to the result, `--- a/<file>` relative to the Kopano directory.
 * - A file only in the Zarafa directory: its translation; the diff creates the file (`--- /dev/null`),
 *   so the whole patch applies with `patch -p1` inside a copy of the Kopano directory.
 * - A file only in the Kopano directory: kept unchanged (info MERGE_KOPANO_ONLY).
 */
export function mergeTree(zarafa: ZarafaSide, kopano: KopanoSide, options: TranslateOptions): MergedTree {
  const target: Target = options.target ?? DEFAULT_TARGET;
  const show = options.showSecrets ?? false;
  const resolveZarafa = includeResolver(zarafa.dir.root, zarafa.graph, zarafa.parse);
  const resolveTranslated = translatedResolver(zarafa.dir, [...zarafa.emitted.values()].map((e) => e.translation), zarafa.graph, target);
  const resolveKopano = kopanoResolver(kopano.dir, kopano.graph, kopano.parse);
  const theirFiles = new Set(kopano.graph.files);

  const files: MergedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const matched = new Set<string>();
  const absorbed = mergedIncludes(zarafa, theirFiles);
  for (const [path, made] of zarafa.emitted) {
    const f = made.translation;
    // A file both directories hold is merged even when only an `!include` reaches it (ldap.openldap.cfg):
    // creating it instead would replace the installed file wholesale.
    const kop = theirFiles.has(f.target) ? kopano.dir.files.get(f.target) : undefined;
    if (!kop && absorbed.has(path)) {
      diagnostics.push(diagnostic('MERGE_INCLUDED_MERGED', 'info', path, undefined,
        `is read only through the !include of ${absorbed.get(path)!.join(', ')}, whose settings were merged into the Kopano file with it; not written`));
      continue;
    }
    if (!kop) {
      files.push({ translation: { ...f, diff: creationDiff(f, zarafa.graph.daemonOf.get(path), target, show) }, from: 'zarafa' });
      continue;
    }
    matched.add(f.target);
    const daemon = zarafa.graph.daemonOf.get(path) ?? kopano.graph.daemonOf.get(f.target);
    const src = zarafa.dir.files.get(path)!;
    const merged = mergeConfig(kop.text, f.target, src.text, path, { translation: made, base: zarafa.base.get(path)! }, {
      ...options,
      source: zarafa.version,
      ...(daemon ? { daemon } : {}),
      included: zarafa.graph.included.has(path),
      resolveInclude: resolveZarafa,
      resolveTranslatedInclude: resolveTranslated,
      resolveKopanoInclude: resolveKopano,
    });
    merged.encoding = kop.encoding;
    if (!canEncode(merged.output, kop.encoding)) {
      merged.diagnostics.push(diagnostic('OUTPUT_NOT_ENCODABLE', 'error', f.target, undefined,
        'the merged file holds characters latin-1 cannot store, and the Kopano file is latin-1; convert it to UTF-8 and run again'));
    }
    files.push({ translation: merged, from: 'kopano' });
    diagnostics.push(...merged.diagnostics);
  }
  for (const path of kopano.graph.files) {
    if (matched.has(path) || files.some((f) => f.translation.target === path)) continue;
    const kop = kopano.dir.files.get(path)!;
    const kept: FileTranslation = {
      source: path, target: path, input: kop.text, output: kop.text, encoding: kop.encoding, diff: '', changes: [], actions: [],
      diagnostics: [diagnostic('MERGE_KOPANO_ONLY', 'info', path, undefined, 'is only in the Kopano directory; kept unchanged')],
    };
    files.push({ translation: kept, from: 'kopano' });
    diagnostics.push(...kept.diagnostics);
  }
  files.sort((a, b) => comparePaths(a.translation.target, b.translation.target));
  return { files, diagnostics };
}

/**
 * The Zarafa files only `!include` lines of merged files read (server-db.cfg of a server.cfg the
 * Kopano directory also holds), with their includers. The merge takes their settings like the
 * includer's own and does not copy the `!include`, so writing them would leave a file nothing reads;
 * copying the line as well would set each value twice, the included file's last. Files a written
 * file still includes, or a `!propmap` names, are kept.
 */
function mergedIncludes(zarafa: ZarafaSide, theirFiles: ReadonlySet<string>): Map<string, string[]> {
  const targetOf = (p: string): string => zarafa.emitted.get(p)?.translation.target ?? p;
  const absorbed = new Map<string, string[]>();
  for (let grew = true; grew;) {
    grew = false;
    for (const [path, edges] of zarafa.graph.reachedFrom) {
      if (absorbed.has(path) || theirFiles.has(targetOf(path)) || !zarafa.emitted.has(path)) continue;
      const gone = edges.every((e) => e.name === 'include' && (theirFiles.has(targetOf(e.from)) || absorbed.has(e.from)));
      if (gone) {
        absorbed.set(path, [...new Set(edges.map((e) => e.from))].sort(comparePaths));
        grew = true;
      }
    }
  }
  return absorbed;
}

/**
 * Resolves `!include`s of a Kopano file inside the Kopano directory; an argument leaving it (the
 * packaged /usr/share/kopano files of 8.7) is reported as outside and never read.
 */
function kopanoResolver(dir: LoadedDir, graph: IncludeGraph, parse: ParseFile): KopanoIncludeResolver {
  const known = new Set(graph.files);
  return (directive, from) => {
    const t = resolveDirectiveTarget(dir.root, directive.arg, from.file);
    if (t.kind === 'outside') return { kind: 'outside', path: t.path };
    if (!known.has(t.rel)) return undefined;
    const daemon: DaemonFile | undefined = directive.name === 'propmap' ? 'ldap.propmap.cfg' : graph.daemonOf.get(t.rel);
    return { kind: 'inside', doc: parse(t.rel, daemon ? dialectOf(daemon, graph.version) : 'cpp') };
  };
}

/** Resolves `!include`s of a translated Zarafa file to the translated output of the file they name. */
function translatedResolver(dir: LoadedDir, translations: readonly FileTranslation[], graph: IncludeGraph, target: Target): IncludeResolver {
  const docs = new Map<string, ConfigDocument>();
  return (directive, from) => {
    const t = resolveDirectiveTarget(dir.root, directive.arg, from.file);
    if (t.kind !== 'inside') return undefined;
    const f = translations.find((x) => x.source === t.rel || x.target === t.rel);
    if (!f) return undefined;
    let doc = docs.get(f.target);
    if (!doc) {
      const daemon = graph.daemonOf.get(f.source);
      doc = parseConfig(f.output, { file: f.target, dialect: daemon ? dialectOf(daemon, target) : 'cpp' });
      docs.set(f.target, doc);
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
