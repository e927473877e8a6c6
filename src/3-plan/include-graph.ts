import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument, DirectiveLine } from '../cfg/model.js';
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import { daemonFileOf, dialectOf, type DaemonFile } from '../options/index.js';
import type { SourceFamily } from '../types.js';
import { comparePaths } from '../1-load/compare-paths.js';
import { resolveDirectiveTarget } from '../1-load/directive-target.js';
import type { DirRoot, LoadedDir } from '../1-load/loaded-tree.js';
import type { ParseFile } from '../2-detect/parsed-files.js';

/**
 * Who reads which file. A daemon reads its own file by name; a file reached through `!include`
 * is read with the table of the daemon that includes it, and `!propmap` targets are LDAP property maps.
 */
export interface IncludeGraph {
  /** Every file to translate, in path order: those found and those a daemon reads through a directive. */
  files: string[];
  /** The daemon table each file is read against (undefined: no daemon reads it). */
  daemonOf: Map<string, DaemonFile | undefined>;
  /** Files whose daemon comes from an includer rather than from their own name. */
  included: Set<string>;
  /** Each file a directive reaches → the files whose `!include` (name 'include') or `!propmap` names it. */
  reachedFrom: Map<string, { from: string; name: 'include' | 'propmap' }[]>;
  /** A directive's path (relative to the directory) → the file read for it, when they differ (symlinks). */
  aliases: Map<string, string>;
  diagnostics: Diagnostic[];
  version: SourceFamily;
}

function isFollowed(line: DirectiveLine): boolean {
  return line.honoured && (line.name === 'include' || line.name === 'propmap');
}

/**
 * Follow every honoured `!include`/`!propmap` from the daemon files through what load found on
 * disk. Pure. Diagnostics: INCLUDE_NOT_FOUND (warning: the daemon would not start, translation
 * continues), INCLUDE_OUTSIDE_INPUT, INCLUDE_IS_DIRECTORY, INCLUDE_NOT_A_FILE (errors),
 * INCLUDE_CYCLE and INCLUDE_SHARED (warnings). `kopanoEra(file)`: the file is written for Kopano, so
 * its includes of the package's own /usr/share/kopano/ files are kept unread (INCLUDE_PACKAGED, info).
 */
export function buildIncludeGraph(
  dir: LoadedDir,
  version: SourceFamily,
  parse: ParseFile,
  kopanoEra: (file: string) => boolean = () => false,
): IncludeGraph {
  const daemonOf = new Map<string, DaemonFile | undefined>();
  const included = new Set<string>();
  const edges = new Map<string, string>();
  const aliases = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const inheritedFrom = new Map<string, string>();
  const reachedFrom = new Map<string, { from: string; name: 'include' | 'propmap' }[]>();
  const files = new Set(dir.found);

  for (const p of dir.found) daemonOf.set(p, daemonFileOf(p));
  const queue = dir.found.filter((p) => daemonOf.get(p));
  const visited = new Set(queue);

  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    const role = daemonOf.get(from);
    const doc = parse(from, role ? dialectOf(role, version) : 'cpp');
    for (const line of doc.lines) {
      if (line.kind !== 'directive' || !isFollowed(line)) continue;
      const to = targetOf(line, from);
      if (to === undefined) continue;
      files.add(to);
      if (!daemonOf.has(to)) daemonOf.set(to, daemonFileOf(to));
      edges.set(`${from}:${line.number}`, to);
      reachedFrom.set(to, [...(reachedFrom.get(to) ?? []), { from, name: line.name === 'propmap' ? 'propmap' : 'include' }]);
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
  diagnostics.push(...findCycles(edges));
  diagnostics.sort((a, b) => comparePaths(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { files: [...files].sort(comparePaths), daemonOf, included, reachedFrom, aliases, diagnostics, version };

  /** The file a directive names, or a diagnostic saying why there is none. */
  function targetOf(line: DirectiveLine, from: string): string | undefined {
    // No path (`!include ` with only blanks after it): the parser reported DIRECTIVE_WITHOUT_PATH; there is no target to judge.
    if (line.arg.trim() === '') return undefined;
    const where = `!${line.name} ${line.arg.trim()}`;
    const target = resolveDirectiveTarget(dir.root, line.arg, from);
    const report = (code: DiagnosticCode, severity: 'error' | 'warning', message: string): undefined => {
      diagnostics.push(diagnostic(code, severity, from, line.number, message));
      return undefined;
    };
    if (target.kind === 'outside' && kopanoEra(from) && isPackagedFile(target.path)) {
      diagnostics.push(diagnostic('INCLUDE_PACKAGED', 'info', from, line.number,
        `${where} names a file the Kopano packages install read-only; it is kept and not read`));
      return undefined;
    }
    if (target.kind === 'outside') {
      return report('INCLUDE_OUTSIDE_INPUT', 'error',
        `${where} points outside the input directory (${target.path}); it was not read. Copy that file into the directory and point the ${line.name} at it, or remove the line`);
    }
    if (target.rel === '.') {
      return report('INCLUDE_IS_DIRECTORY', 'error',
        `${where} names the configuration directory itself; the daemon would refuse to start. Name a file`);
    }
    if (dir.found.includes(target.rel)) return target.rel;
    const outcome = dir.targets.get(target.rel);
    switch (outcome?.kind) {
      case 'file':
        if (outcome.path !== target.rel) aliases.set(target.rel, outcome.path);
        return outcome.path;
      case 'rejected':
        diagnostics.push({ ...outcome.diagnostic, message: `${outcome.diagnostic.message} (read through ${where} in ${from}:${line.number})` });
        return undefined;
      case 'outside':
        return report('INCLUDE_OUTSIDE_INPUT', 'error',
          `${where} resolves through a symlink to ${outcome.real}${outcome.directory ? ' (a directory)' : ''}, outside the input directory; it was not read. Copy that file into the directory, or remove the line`);
      case 'directory':
        return report('INCLUDE_IS_DIRECTORY', 'error',
          `${where} names a directory (${target.rel}); the daemon would refuse to start. Name a file`);
      case 'special':
        return report('INCLUDE_NOT_A_FILE', 'error',
          `${where} names ${target.rel}, which is not a regular file; it was not read. Name a regular file, or remove the line`);
      case 'unreadable':
        return report('INCLUDE_UNREADABLE', 'error',
          `${where} names ${target.rel}, which cannot be read (${outcome.why}); run as a user who can read it (the daemon, as root, would)`);
      case 'changed':
        return report('INCLUDE_UNREADABLE', 'error',
          `${where} names ${target.rel}, which changed while it was read (${outcome.why}); nothing of it was used. Run again when nothing else writes the directory`);
      case 'too-deep':
        return report('INCLUDE_TOO_DEEP', 'error',
          `${where} is more than ${outcome.limit} includes deep; it was not read. Flatten the chain of includes`);
      case 'missing':
      case undefined: {
        const why = outcome?.why === 'ELOOP' ? 'is a symlink loop' : outcome?.why === 'DANGLING' ? 'is a dangling symlink' : 'does not exist';
        return report('INCLUDE_NOT_FOUND', 'warning',
          `${where} names ${target.rel}, which ${why} in the input directory; the daemon would refuse to start. Create the file or remove the line`);
      }
    }
  }
}

/** A file of the Kopano packages' own read-only data directory (the path comes normalized). */
function isPackagedFile(path: string): boolean {
  return /^\/usr\/share\/kopano\/[^/]+$/.test(path);
}

/** Each directive that closes a cycle (the readers skip files already read: harmless, but surprising). */
function findCycles(edges: ReadonlyMap<string, string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const out = new Map<string, { line: number; to: string }[]>();
  for (const [key, to] of edges) {
    const at = key.lastIndexOf(':');
    const from = key.slice(0, at);
    const list = out.get(from) ?? [];
    list.push({ line: Number(key.slice(at + 1)), to });
    out.set(from, list);
  }
  const state = new Map<string, 'open' | 'done'>();
  // An explicit stack (node, next edge): include chains can be thousands deep.
  for (const start of [...out.keys()].sort(comparePaths)) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edgesOut = out.get(top.node) ?? [];
      if (top.next >= edgesOut.length) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const { line, to } = edgesOut[top.next++]!;
      const s = state.get(to);
      if (s === 'open') {
        const names = stack.map((f) => f.node);
        const cycle = [...names.slice(names.indexOf(to)), to].join(' → ');
        diagnostics.push(diagnostic('INCLUDE_CYCLE', 'warning', top.node, line,
          `include cycle ${cycle}; the daemon skips a file it has already read, so the line has no effect. Remove it`));
      } else if (s === undefined) {
        state.set(to, 'open');
        stack.push({ node: to, next: 0 });
      }
    }
  }
  return diagnostics;
}

/**
 * The resolver translateConfig and the rules use: the parsed document a directive names, read
 * with the dialect of the daemon that reads it. By argument, not by line: rules and the output
 * check call it with documents whose line numbers differ from the source's.
 */
export function includeResolver(root: DirRoot, graph: IncludeGraph, parse: ParseFile): IncludeResolver {
  const known = new Set(graph.files);
  return (directive, from: ConfigDocument) => {
    const t = resolveDirectiveTarget(root, directive.arg, from.file);
    if (t.kind !== 'inside') return undefined;
    const to = known.has(t.rel) ? t.rel : graph.aliases.get(t.rel);
    if (to === undefined) return undefined;
    const daemon = graph.daemonOf.get(to);
    return parse(to, daemon ? dialectOf(daemon, graph.version) : 'cpp');
  };
}
