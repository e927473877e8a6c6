import type { ConfigDocument } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { daemonFileOf, dialectOf, tableVersionOf } from '../options/index.js';
import { resolveOptions, type FileContextOptions } from '../3-plan/resolve-options.js';
import { keptRunAs } from '../3-plan/kept-run-as.js';
import { planFile } from '../3-plan/plan-file.js';
import { emitFile, type EmittedFile } from '../4-emit/emit-file.js';
import type { TranslateOptions } from '../types.js';

export { resolveOptions, type FileContextOptions } from '../3-plan/resolve-options.js';

/** Where a source file lands in the output directory (`indexer.cfg` of ZCP 7.0 became `search.cfg`). */
export function targetPathOf(source: string): string {
  return source.replace(/(^|\/)indexer\.cfg$/, '$1search.cfg');
}

/**
 * Translate one Zarafa config file to its Kopano form, with the findings kept apart (the merge
 * replaces the output check). Pure: no I/O, no option checks (the API's translateConfig checks
 * them first). `doc`, when the caller parsed the source already, `doc` must be what
 * `parseConfig(text, { file, dialect: dialectOf(daemon, source), encoding })` gives.
 */
export function translateFile(
  text: string,
  file: string,
  options: TranslateOptions & FileContextOptions = {},
  doc?: ConfigDocument,
): EmittedFile {
  const daemon = options.daemon ?? daemonFileOf(file);
  const targetFile = targetPathOf(file);
  if (!daemon) return passThrough(text, file, targetFile, options.encoding ?? 'utf8');
  const encoding = options.encoding ?? 'utf8';
  const source = doc ?? parseConfig(text, { file, dialect: dialectOf(daemon, tableVersionOf(resolveOptions(options).source)), encoding });
  // One file on its own (no directory chose the user): its own explicit non-root user is kept.
  const kept = options.runAs === undefined ? keptRunAs(source, options.resolveInclude) : undefined;
  const opts = resolveOptions(kept ? { ...options, runAs: kept, runAsKept: true } : options);
  const planned = planFile(source, daemon, targetFile, opts, { resolveInclude: options.resolveInclude, included: options.included ?? false, distributed: options.distributed });
  return emitFile(planned, text, encoding);
}

/**
 * A file no daemon reads under that name: copied unchanged, with a note. A file that does not
 * even read as settings (a line with no `key = value`, as in an appliance's `folderadmin.cfg`: a
 * user name and its password, one a line) is marked opaque: its text could be anything, a
 * password too, and the CLI prints only that it was copied and its size.
 */
function passThrough(text: string, file: string, targetFile: string, encoding: 'utf8' | 'latin1'): EmittedFile {
  const opaque = parseConfig(text, { dialect: 'cpp' }).lines.some((l) => l.kind === 'skipped');
  const note = diagnostic('NOT_A_DAEMON_CONFIG', 'info', file, undefined, opaque
    ? `no Kopano daemon reads this file by that name, and it does not read as settings; it is copied unchanged (${Buffer.byteLength(text, encoding)} bytes), its text is not shown`
    : 'no Kopano daemon reads this file by that name; it is copied unchanged');
  return {
    translation: { source: file, target: targetFile, input: text, output: text, diff: '', changes: [], diagnostics: [note], actions: [], ...(opaque ? { opaque: true } : {}) },
    planned: [note],
    output: [],
  };
}
