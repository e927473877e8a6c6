import path from 'node:path';
import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument, Dialect, DirectiveLine } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { daemonFileOf, dialectOf, type DaemonFile } from '../options/index.js';
import type { SourceFamily } from '../types.js';
import { comparePaths } from './find-config-files.js';
import { resolveWithin, toRelative, type InputDir } from './input-dir.js';
import { resolveDirectiveTarget } from './directive-target.js';
import { readConfigFile, type SourceFile } from './read-config-file.js';

/**
 * Who reads which file. A daemon reads its own file by name; a file reached through `!include`
 * is read with the table of the daemon that includes it, and `!propmap` targets are LDAP property maps.
 */
export interface IncludeGraph {
  /** Every file to translate, keyed by path relative to the input directory: those found and those only included. */
  files: Map<string, SourceFile>;
  /** The daemon table each file is read against (undefined: no daemon reads it). */
  daemonOf: Map<string, DaemonFile | undefined>;
  /** Files whose daemon comes from an includer rather than from their own name. */
  included: Set<string>;
  /** `<from>:<line>` of each honoured directive → the file it names, when that file could be read. */
  edges: Map<string, string>;
  /** A directive's path (relative to the input directory) → the file read for it, when they differ (symlinks). */
  aliases: Map<string, string>;
  diagnostics: Diagnostic[];
  version: SourceFamily;
}

function isFollowed(line: DirectiveLine): boolean {
  return line.honoured && (line.name === 'include' || line.name === 'propmap');
}

/**
 * Follow every honoured `!include`/`!propmap` from the daemon files, reading files that are only
 * reachable that way. Never reads outside the input directory. Diagnostics: INCLUDE_NOT_FOUND
 * (warning: the daemon would not start, translation continues), INCLUDE_OUTSIDE_INPUT,
 * INCLUDE_IS_DIRECTORY, INCLUDE_NOT_A_FILE (errors), INCLUDE_CYCLE and INCLUDE_SHARED (warnings).
 */
export async function buildIncludeGraph(input: InputDir, sources: readonly SourceFile[], version: SourceFamily): Promise<IncludeGraph> {
  const files = new Map(sources.map((s) => [s.path, s]));
  const byReal = new Map(sources.map((s) => [s.real, s.path]));
  const daemonOf = new Map<string, DaemonFile | undefined>();
  const included = new Set<string>();
  const edges = new Map<string, string>();
  const aliases = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const inheritedFrom = new Map<string, string>();

  for (const s of sources) daemonOf.set(s.path, daemonFileOf(s.path));
  const queue = sources.filter((s) => daemonOf.get(s.path)).map((s) => s.path);
  const visited = new Set(queue);

  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    const role = daemonOf.get(from);
    const doc = parseSource(files.get(from)!, role, version);
    for (const line of doc.lines) {
      if (line.kind !== 'directive' || !isFollowed(line)) continue;
      const to = await loadTarget(line, from);
      if (to === undefined) continue;
      edges.set(`${from}:${line.number}`, to);
      const inherited: DaemonFile | undefined = line.name === 'propmap' ? 'ldap.propmap.cfg' : role;
      const own = daemonFileOf(to);
      // Whatever its name says, a file read through !include holds part of its includer's
      // settings, so rules must not treat it as a complete daemon file (no pins land there).
      // A !propmap target is a file of its own kind, the property map.
      if (line.name === 'include') included.add(to);
      if (own === undefined && inherited !== undefined) {
        const seen = daemonOf.get(to);
        if (!inheritedFrom.has(to)) {
          daemonOf.set(to, inherited);
          inheritedFrom.set(to, from);
        } else if (seen !== inherited) {
          diagnostics.push(diagnostic('INCLUDE_SHARED', 'warning', from, line.number,
            `includes ${to}, which ${inheritedFrom.get(to)} (${seen}) includes too; it is checked against ${seen}'s options only`));
        }
      }
      if (!visited.has(to)) {
        visited.add(to);
        queue.push(to);
      }
    }
  }
  findCycles(edges, diagnostics);
  diagnostics.sort((a, b) => comparePaths(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { files, daemonOf, included, edges, aliases, diagnostics, version };

  /** Read the file a directive names, or report why not. Returns its path relative to the input directory. */
  async function loadTarget(line: DirectiveLine, from: string): Promise<string | undefined> {
    const where = `!${line.name} ${line.arg.trim()}`;
    const target = resolveDirectiveTarget(input, line.arg, from);
    if (target.kind === 'outside') {
      diagnostics.push(diagnostic('INCLUDE_OUTSIDE_INPUT', 'error', from, line.number,
        `${where} points outside the input directory (${target.path}); it was not read. Copy that file into the directory and point the ${line.name} at it, or remove the line`));
      return undefined;
    }
    if (target.rel === '.') {
      diagnostics.push(diagnostic('INCLUDE_IS_DIRECTORY', 'error', from, line.number,
        `${where} names the configuration directory itself; the daemon would refuse to start. Name a file`));
      return undefined;
    }
    if (files.has(target.rel)) return target.rel;
    const r = await resolveWithin(input, target.rel);
    switch (r.kind) {
      case 'file': {
        const known = byReal.get(r.real);
        if (known !== undefined) {
          aliases.set(target.rel, known);
          return known;
        }
        const rel = toRelative(input, r.real);
        if (rel !== target.rel) aliases.set(target.rel, rel);
        const read = await readConfigFile({ path: rel, real: r.real, mode: r.mode, size: r.size });
        if ('code' in read) {
          diagnostics.push({ ...read, message: `${read.message} (read through ${where} in ${from}:${line.number})` });
          return undefined;
        }
        files.set(rel, read);
        byReal.set(r.real, rel);
        daemonOf.set(rel, daemonFileOf(rel));
        return rel;
      }
      case 'outside':
        diagnostics.push(diagnostic('INCLUDE_OUTSIDE_INPUT', 'error', from, line.number,
          `${where} resolves through a symlink to ${r.real}, outside the input directory; it was not read. Copy that file into the directory, or remove the line`));
        return undefined;
      case 'directory':
        diagnostics.push(diagnostic('INCLUDE_IS_DIRECTORY', 'error', from, line.number,
          `${where} names a directory (${target.rel}); the daemon would refuse to start. Name a file`));
        return undefined;
      case 'special':
        diagnostics.push(diagnostic('INCLUDE_NOT_A_FILE', 'error', from, line.number,
          `${where} names ${target.rel}, which is not a regular file; it was not read. Name a regular file, or remove the line`));
        return undefined;
      case 'missing':
        diagnostics.push(diagnostic('INCLUDE_NOT_FOUND', 'warning', from, line.number,
          `${where} names ${target.rel}, which ${r.why === 'ELOOP' ? 'is a symlink loop' : r.why === 'DANGLING' ? 'is a dangling symlink' : 'does not exist'} in the input directory; the daemon would refuse to start. Create the file or remove the line`));
        return undefined;
    }
  }
}

/**
 * Documents already parsed, per source file and dialect. Detection, the include walk, the resolver
 * and the translation each need a file's document; a run parses each file once instead of four
 * times. Documents are read-only, so sharing them is safe; weak keys let them go with their sources.
 */
const parsed = new WeakMap<SourceFile, Map<Dialect, ConfigDocument>>();

/**
 * The parse of `source` as the reader of `role` in `version` sees it (a file no daemon reads by
 * name: the C++ reader, the only one that follows `!include`). Parsed once per run and dialect.
 */
export function parseSource(source: SourceFile, role: DaemonFile | undefined, version: SourceFamily): ConfigDocument {
  const dialect: Dialect = role ? dialectOf(role, version) : 'cpp';
  let byDialect = parsed.get(source);
  if (!byDialect) {
    byDialect = new Map();
    parsed.set(source, byDialect);
  }
  let doc = byDialect.get(dialect);
  if (!doc) {
    doc = parseConfig(source.text, { file: source.path, dialect, encoding: source.encoding });
    byDialect.set(dialect, doc);
  }
  return doc;
}

/** Drop the parses of `source` kept by {@link parseSource} (a big file's document need not outlive its translation). */
export function forgetParsedSource(source: SourceFile): void {
  parsed.delete(source);
}

/** Report each directive that closes a cycle (the readers skip files already read, so it is harmless but surprising). */
function findCycles(edges: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): void {
  const out = new Map<string, { line: number; to: string }[]>();
  for (const [key, to] of edges) {
    const at = key.lastIndexOf(':');
    const from = key.slice(0, at);
    const list = out.get(from) ?? [];
    list.push({ line: Number(key.slice(at + 1)), to });
    out.set(from, list);
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const { line, to } of out.get(node) ?? []) {
      const s = state.get(to);
      if (s === 'open') {
        const cycle = [...stack.slice(stack.indexOf(to)), to].join(' → ');
        diagnostics.push(diagnostic('INCLUDE_CYCLE', 'warning', node, line,
          `include cycle ${cycle}; the daemon skips a file it has already read, so the line has no effect. Remove it`));
      } else if (s === undefined) {
        visit(to);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...out.keys()].sort(comparePaths)) if (!state.has(node)) visit(node);
}

/**
 * The resolver translateConfig and the rules use: the parsed source document a directive names,
 * read with the dialect of the daemon that reads it. Documents are parsed once.
 */
export function includeResolver(input: InputDir, graph: IncludeGraph): IncludeResolver {
  const cache = new Map<string, ConfigDocument>();
  return (directive, from) => {
    // By argument, not by line: rules and the output check call this with documents whose line
    // numbers differ from the source's. Every reachable file was read while the graph was built.
    const t = resolveDirectiveTarget(input, directive.arg, from.file);
    if (t.kind !== 'inside') return undefined;
    const to = graph.files.has(t.rel) ? t.rel : graph.aliases.get(t.rel);
    if (to === undefined) return undefined;
    let doc = cache.get(to);
    if (!doc) {
      doc = parseSource(graph.files.get(to)!, graph.daemonOf.get(to), graph.version);
      cache.set(to, doc);
    }
    return doc;
  };
}
