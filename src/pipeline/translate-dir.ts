import { canEncode, encodeConfigText } from '../cfg/bytes.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { detectSourceVersion } from '../2-detect/detect-source.js';
import { daemonFileOf } from '../options/index.js';
import { orderActions } from '../3-plan/rules/actions.js';
import type { DirTranslation, FileTranslation, ManualAction, SourceFamily, TranslateOptions } from '../types.js';
import { comparePaths, findConfigFiles, IO_CONCURRENCY } from '../1-load/find-config-files.js';
import { buildIncludeGraph, forgetParsedSource, includeResolver, parseSource } from '../1-load/include-graph.js';
import { openInputDir } from '../1-load/input-dir.js';
import { mapLimited } from '../1-load/map-limited.js';
import { checkOutDir } from '../1-load/out-dir.js';
import { readConfigFile, type SourceFile } from '../1-load/read-config-file.js';
import { translateParsedConfig } from './translate-config.js';
import { TranslateError } from '../diagnostics/translate-error.js';
import type { PlannedWrite } from '../6-write/write-atomic.js';

export interface TranslateDirOptions extends TranslateOptions {
  /** Write the translated files here (created if missing). Nothing is written when any diagnostic is an error. */
  outDir?: string;
  /** Write into a non-empty `outDir`, replacing the files this translation produces. */
  force?: boolean;
}

/**
 * Translate every `*.cfg` file of a Zarafa configuration directory, following `!include`s inside
 * it, and optionally write the result to `outDir`.
 *
 * - The input directory is only read, never written; nothing outside it is read.
 * - `patch` is the files' diffs concatenated in path order (secrets masked unless `showSecrets`).
 * - With `outDir`, each file is written atomically with its source's mode and encoding, and either
 *   every file is written or none: nothing is written when `diagnostics` holds an error.
 *
 * Throws {@link TranslateError} when the run cannot start or finish (no such directory, no
 * config files, unsafe or non-empty output directory, a failed write); every other problem is a
 * diagnostic in the result.
 */
export async function translateConfigDir(zarafaDir: string, options: TranslateDirOptions = {}): Promise<DirTranslation> {
  // --kopano-dir: merge into the installed Kopano files instead (src/merge; it calls back here without kopanoDir).
  // Merge and write code load only when a run needs them: start-up time counts (docs/performance.md).
  if (options.kopanoDir !== undefined) {
    const { mergeConfigDir } = await import('../5-merge/merge-dir.js');
    return mergeConfigDir(zarafaDir, options.kopanoDir, options);
  }
  const input = await openInputDir(zarafaDir);
  const out = options.outDir === undefined ? undefined : await checkOutDir(options.outDir, input, options.force ?? false);

  const found = await findConfigFiles(input);
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  if (found.files.length === 0 && !hasErrors(diagnostics)) {
    const skipped = diagnostics.length > 0 ? ` (${diagnostics.length} skipped: ${diagnostics.map((d) => `${d.file} ${d.code}`).join(', ')})` : '';
    throw new TranslateError('NO_CONFIG_FILES', zarafaDir,
      `holds no readable *.cfg files${skipped}; give the Zarafa configuration directory (e.g. /etc/zarafa)`);
  }
  const sources: SourceFile[] = [];
  for (const read of await mapLimited(found.files, IO_CONCURRENCY, readConfigFile)) {
    if ('code' in read) diagnostics.push(read);
    else sources.push(read);
  }

  const source = options.source
    ? { version: options.source, evidence: ['given by the caller'] }
    : detectSource(sources);
  const version = source.version;
  const graph = await buildIncludeGraph(input, sources, version);
  diagnostics.push(...graph.diagnostics);
  const resolveInclude = includeResolver(input, graph);

  const files: FileTranslation[] = [];
  for (const path of [...graph.files.keys()].sort(comparePaths)) {
    const src = graph.files.get(path)!;
    const daemon = graph.daemonOf.get(path);
    const t = translateParsedConfig(src.text, path, {
      ...options,
      source: version,
      resolveInclude,
      ...(daemon ? { daemon } : {}),
      included: graph.included.has(path),
      encoding: src.encoding,
    }, () => {
      // The parse the include walk made (same file, daemon, version and encoding); once handed
      // over it is not kept, so a big file's document still lives only inside the rule phase.
      const doc = parseSource(src, daemon, version);
      forgetParsedSource(src);
      return doc;
    });
    files.push(t);
    diagnostics.push(...t.diagnostics);
    if (!canEncode(t.output, src.encoding)) {
      diagnostics.push(diagnostic('OUTPUT_NOT_ENCODABLE', 'error', path, undefined,
        'the translation holds characters latin-1 cannot store, and the file is latin-1; convert the file to UTF-8 and run again'));
    }
  }
  diagnostics.push(...targetCollisions(files));

  const result: DirTranslation = {
    files,
    patch: files.map((f) => f.diff).join(''),
    actions: orderActions(files.flatMap((f): ManualAction[] => f.actions ?? [])),
    diagnostics,
    source: { version: source.version, evidence: [...source.evidence] },
    target: options.target ?? '8.0',
  };

  if (out && !hasErrors(diagnostics)) {
    const writes: PlannedWrite[] = files.map((f) => {
      const src = graph.files.get(f.source)!;
      return { path: f.target, bytes: encodeConfigText(f.output, src.encoding), mode: src.mode, source: src.real };
    });
    const { writeFilesAtomically } = await import('../6-write/write-atomic.js');
    const outcome = await writeFilesAtomically(out.abs, writes, input.real);
    result.written = { files: outcome.written, unchanged: outcome.unchanged };
    diagnostics.push(...outcome.notices);
  }
  return result;
}

/** The ZCP family the files were written for; when the evidence does not decide, the newest that fits. */
function detectSource(sources: readonly SourceFile[]): { version: SourceFamily; evidence: string[] } {
  // Read as 7.2 reads them; the include walk reuses these parses when the files are 7.2's.
  const docs = new Map(sources.map((s) => [s.path, parseSource(s, daemonFileOf(s.path), '7.2')]));
  const found = detectSourceVersion(docs);
  if (found.family) return { version: found.family, evidence: found.evidence };
  const version = found.candidates[found.candidates.length - 1] ?? '7.2';
  const why = found.evidence.length === 0
    ? `nothing in the files tells the ZCP release apart; assuming ${version}`
    : `the files fit ${found.candidates.join(' and ')} equally well; assuming ${version} (pass the source version to choose)`;
  return { version, evidence: [...found.evidence, why] };
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
