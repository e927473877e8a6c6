import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import fg from 'fast-glob';
import path from 'node:path';
import { parseConfig } from '../cfg/parse.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { errnoCode, TranslateError } from '../diagnostics/translate-error.js';
import { resolveDirectiveTarget } from './directive-target.js';
import { unsafeDirReason } from './dir-safety.js';
import { comparePaths, discoverConfigEntries } from './discover.js';
import { foundEntryDiagnostic, unreadableDirDiagnostic } from './found-diagnostics.js';
import { isStrictlyWithin, openInputDir } from './input-dir.js';
import { MAX_INCLUDE_DEPTH, type DirRoot, type LoadedClientConfig, type LoadedDir, type LoadedFile, type LoadedOutDir, type LoadedTree, type TargetOutcome } from './loaded-tree.js';
import { mapLimited } from './map-limited.js';
import { checkOutDir } from './out-dir.js';
import { readWithin } from './read-within.js';

/** Files looked at or read at the same time: enough to overlap the waits, far below any fd limit. */
export const IO_CONCURRENCY = 16;

export interface LoadRequest {
  zarafaDir: string;
  /** `--kopano-dir`: the installed Kopano configuration to merge into. */
  kopanoDir?: string;
  /** `--out`: checked always; its files are read only with `readOut`. */
  outDir?: string;
  /** Read what `outDir` holds (`--check` compares with it); a non-empty `outDir` is refused without it or `force`. */
  readOut?: boolean;
  /** Allow a non-empty `outDir` without reading it (`--force`). Default: `readOut`. */
  force?: boolean;
  /** A WebApp config.php to translate too (`--webapp`); it may lie outside the input directory. */
  webapp?: string;
  /** A Z-Push config.php to translate too (`--z-push`). */
  zPush?: string;
  /**
   * Called with the output directory's absolute path once it has passed its checks and before
   * anything in it (or in a Kopano directory that is the same) is read: the run locks it there and
   * recovers what a killed run left, so the reads below see a whole directory.
   */
  prepareOut?: (outAbs: string) => Promise<void>;
}

export type DirRole = 'zarafa' | 'kopano';

/**
 * Every filesystem read of a run, done once: the input directory, the Kopano directory, the
 * output directory. Throws {@link TranslateError} for a directory that cannot be used (INPUT_*,
 * KOPANO_DIR_*, OUT_DIR_*, NO_CONFIG_FILES, KOPANO_DIR_EMPTY); every other problem is data.
 */
export async function loadTree(request: LoadRequest): Promise<LoadedTree> {
  // The order of the checks is the order the run used to report them in: Kopano directory, input, output.
  const kopanoRoot = request.kopanoDir === undefined ? undefined : await openDirRoot(request.kopanoDir, 'kopano');
  const zarafaRoot = await openDirRoot(request.zarafaDir, 'zarafa');
  let out = request.outDir === undefined ? undefined
    : await openOutDir(request.outDir, zarafaRoot, kopanoRoot, request.force ?? request.readOut ?? false);
  if (out && request.prepareOut) {
    await request.prepareOut(out.root.abs);
    // The recovery may have removed what a killed run left: look again.
    if (out.exists) {
      const given = out.root.given;
      out = { ...out, empty: (await readdir(out.root.real).catch((e: unknown) => { throw listFailed('OUT_DIR_UNUSABLE', given, e); })).length === 0 };
    }
  }
  const zarafa = await readDir(zarafaRoot, 'zarafa');
  const kopano = kopanoRoot === undefined ? undefined : await readDir(kopanoRoot, 'kopano');
  const clients = await loadClients(zarafaRoot, request);
  if (clients.diagnostics.length > 0) {
    zarafa.diagnostics.push(...clients.diagnostics);
    zarafa.diagnostics.sort((a, b) => comparePaths(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
  }
  const tree: LoadedTree = { zarafa, clients: clients.files };
  if (kopano) tree.kopano = kopano;
  if (out) {
    // Names the output may use that discovery (`*.cfg`) does not find: files reached by !include, the web clients'.
    const extra = [...zarafa.files.keys(), ...(kopano?.files.keys() ?? []), ...tree.clients.map((c) => c.path)];
    tree.out = request.readOut ? await readOutDir(out, extra) : { ...out, files: new Map(), refused: new Map() };
  }
  return tree;
}

/** A directory that was checked could not be listed after all (EIO, …): a run error naming it, not a crash. */
export function listFailed(code: 'INPUT_UNREADABLE' | 'KOPANO_DIR_UNREADABLE' | 'OUT_DIR_UNUSABLE', dir: string, e: unknown): TranslateError {
  return new TranslateError(code, dir, `cannot be listed (${errnoCode(e) ?? String(e)}); check the disk and the permissions, then run again; nothing was written`, undefined, { cause: e });
}

/** One directory (the input, or the Kopano directory), checked and read with what its directives reach. */
export async function loadDir(dir: string, which: DirRole): Promise<LoadedDir> {
  return readDir(await openDirRoot(dir, which), which);
}

/** The directory resolved and checked: it exists, is a readable directory, and nobody else can write it. */
async function openDirRoot(dir: string, which: DirRole): Promise<DirRoot> {
  let root: DirRoot;
  try {
    root = await openInputDir(dir);
  } catch (e) {
    throw which === 'kopano' ? asKopanoError(e, dir) : e;
  }
  await refuseUnsafe(root, root.real, which, true);
  return root;
}

/** The input directory's run errors and their counterparts for the Kopano directory. */
const KOPANO_CODES = {
  INPUT_NOT_FOUND: 'KOPANO_DIR_NOT_FOUND',
  INPUT_NOT_A_DIRECTORY: 'KOPANO_DIR_NOT_A_DIRECTORY',
  INPUT_UNREADABLE: 'KOPANO_DIR_UNREADABLE',
  INPUT_UNSAFE_PERMISSIONS: 'KOPANO_DIR_UNSAFE_PERMISSIONS',
} as const;

/** The Kopano directory's errors name it: KOPANO_DIR_* and its example path. */
function asKopanoError(e: unknown, dir: string): unknown {
  if (!(e instanceof TranslateError)) return e;
  const code = KOPANO_CODES[e.code as keyof typeof KOPANO_CODES] ?? e.code;
  const message = e.code === 'INPUT_NOT_FOUND'
    ? 'no such directory; give the directory of the installed Kopano configuration (e.g. /etc/kopano)'
    : e.message.replace('the Zarafa configuration directory (e.g. /etc/zarafa)', 'the Kopano configuration directory (e.g. /etc/kopano)');
  return new TranslateError(code, dir, message, undefined, { cause: e });
}

async function refuseUnsafe(root: DirRoot, realDir: string, which: DirRole, ancestors: boolean): Promise<void> {
  const why = await unsafeDirReason(realDir, { self: 'read', ancestors });
  if (why === undefined) return;
  const shown = realDir === root.real ? root.given : path.join(root.given, path.relative(root.real, realDir));
  const error = new TranslateError('INPUT_UNSAFE_PERMISSIONS', shown,
    `${why}; another user could swap a file or directory in it while it is read. ` +
    'Remove the write permission of group and others (chmod go-w), or copy the directory to a place only you and root can write');
  throw which === 'kopano' ? asKopanoError(error, shown) : error;
}

async function readDir(root: DirRoot, which: DirRole): Promise<LoadedDir> {
  const rootStat = await stat(root.real);
  // Each directory a file is read from passes the StrictModes check once (the root already did).
  const checked = new Map<string, Promise<void>>([[root.real, Promise.resolve()]]);
  const checkDir = (realDir: string): Promise<void> => {
    let p = checked.get(realDir);
    if (!p) {
      p = refuseUnsafe(root, realDir, which, false);
      checked.set(realDir, p);
    }
    return p;
  };

  const discovery = await discoverConfigEntries(root.real).catch((e: unknown) => {
    throw listFailed(which === 'kopano' ? 'KOPANO_DIR_UNREADABLE' : 'INPUT_UNREADABLE', root.given, e);
  });
  const diagnostics: Diagnostic[] = discovery.unreadable.map((u) => unreadableDirDiagnostic(u.path, u.code));
  const files = new Map<string, LoadedFile>();
  const found: string[] = [];
  const reads = await mapLimited(discovery.entries, IO_CONCURRENCY, (e) => readWithin(root, e.path, checkDir, e.rawName));
  for (let i = 0; i < reads.length; i++) {
    const rel = discovery.entries[i]!.path;
    const r = reads[i]!;
    if (r.kind === 'file') {
      // Kept under the name it was found by (a symlink next to its target is a file a daemon may read by that name).
      files.set(rel, { ...r.file, path: rel });
      found.push(rel);
    } else {
      const d = foundEntryDiagnostic(rel, r);
      if (d) diagnostics.push(d);
    }
  }
  // As before: the input may hold only files that fail (their errors say why); the Kopano directory must hold a readable one.
  if (found.length === 0 && (which === 'kopano' || !diagnostics.some((d) => d.severity === 'error'))) throw noConfigFiles(root, which, diagnostics, await templateFiles(root));

  const { targets, aliases } = await followDirectives(root, files, found, checkDir);
  diagnostics.sort((a, b) => comparePaths(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
  return {
    root, mode: rootStat.mode & 0o7777, uid: rootStat.uid, gid: rootStat.gid, dirs: await dirsOf(root, files.keys()),
    found, files, targets, aliases, diagnostics,
  };
}

/** Templates of configuration tools (Puppet's ERB, Ansible's Jinja, Mason, …) a directory holds instead of configs. */
async function templateFiles(root: DirRoot): Promise<string[]> {
  const found = await fg(['**/*.erb', '**/*.j2', '**/*.jinja', '**/*.tpl', '**/*.mas', '**/*.tmpl'],
    { cwd: root.real, onlyFiles: true, followSymbolicLinks: false, deep: 4, dot: false, suppressErrors: true });
  return found.sort(comparePaths);
}

function noConfigFiles(root: DirRoot, which: DirRole, diagnostics: readonly Diagnostic[], templates: readonly string[] = []): TranslateError {
  if (which === 'kopano') {
    return new TranslateError('KOPANO_DIR_EMPTY', root.given,
      'holds no *.cfg files; give the directory of the installed Kopano configuration (e.g. /etc/kopano)');
  }
  const skipped = diagnostics.length > 0 ? ` (${diagnostics.length} skipped: ${diagnostics.map((d) => `${d.file} ${d.code}`).join(', ')})` : '';
  const shown = templates.slice(0, 8).join(', ') + (templates.length > 8 ? `, … (${templates.length} in all)` : '');
  const hint = templates.length > 0
    ? `; it holds templates (${shown}): render them with this host's values into a directory of *.cfg files and translate that`
    : '; give the Zarafa configuration directory (e.g. /etc/zarafa)';
  return new TranslateError('NO_CONFIG_FILES', root.given, `holds no readable *.cfg files${skipped}${hint}`);
}

/**
 * Follow every `!include`/`!propmap` line (as the C++ reader parses them; the Python readers
 * ignore directives, and reading a target for nothing is harmless) from the found files, breadth
 * first with a work queue, so a chain of any length costs no stack. A path first reached deeper
 * than {@link MAX_INCLUDE_DEPTH} is recorded as too deep and not read.
 */
async function followDirectives(
  root: DirRoot,
  files: Map<string, LoadedFile>,
  found: readonly string[],
  checkDir: (realDir: string) => Promise<void>,
): Promise<{ targets: Map<string, TargetOutcome>; aliases: Map<string, string> }> {
  const targets = new Map<string, TargetOutcome>();
  const aliases = new Map<string, string>();
  const byReal = new Map<string, string>();
  for (const rel of found) if (!byReal.has(files.get(rel)!.real)) byReal.set(files.get(rel)!.real, rel);
  const queue: { path: string; depth: number }[] = found.map((p) => ({ path: p, depth: 0 }));
  for (let i = 0; i < queue.length; i++) {
    const { path: from, depth } = queue[i]!;
    const doc = parseConfig(files.get(from)!.text, { file: from, dialect: 'cpp', encoding: files.get(from)!.encoding, diagnostics: false });
    for (const line of doc.lines) {
      if (line.kind !== 'directive' || !line.honoured || (line.name !== 'include' && line.name !== 'propmap') || line.arg.trim() === '') continue;
      const t = resolveDirectiveTarget(root, line.arg, from);
      if (t.kind === 'outside' || targets.has(t.rel)) continue;
      if (t.rel === '.') {
        targets.set(t.rel, { kind: 'directory' });
        continue;
      }
      if (files.has(t.rel)) {
        targets.set(t.rel, { kind: 'file', path: t.rel });
        continue;
      }
      if (depth + 1 > MAX_INCLUDE_DEPTH) {
        targets.set(t.rel, { kind: 'too-deep', limit: MAX_INCLUDE_DEPTH });
        continue;
      }
      const r = await readWithin(root, t.rel, checkDir);
      if (r.kind !== 'file') {
        targets.set(t.rel, r);
        continue;
      }
      let key = byReal.get(r.file.real);
      if (key === undefined) {
        key = r.file.path;
        files.set(key, r.file);
        byReal.set(r.file.real, key);
        queue.push({ path: key, depth: depth + 1 });
      }
      targets.set(t.rel, { kind: 'file', path: key });
      if (key !== t.rel) aliases.set(t.rel, key);
    }
  }
  return { targets, aliases };
}

export type OpenedOut = Omit<LoadedOutDir, 'files' | 'refused'>;

/** The output directory checked (OUT_DIR_* as before, plus the StrictModes rule), not yet read. */
export async function openOutDir(outDir: string, input: DirRoot, kopano: DirRoot | undefined, force: boolean): Promise<OpenedOut> {
  const checked = await checkOutDir(outDir, input, force);
  if (kopano && isStrictlyWithin(kopano.real, checked.abs)) {
    throw new TranslateError('OUT_DIR_INSIDE_KOPANO_DIR', outDir,
      `is inside the Kopano directory ${kopano.given}; write to the Kopano directory itself or to a separate directory`);
  }
  let real = checked.abs;
  let empty = true;
  if (checked.exists) {
    real = await realpath(checked.abs);
    empty = (await readdir(real).catch((e: unknown) => { throw listFailed('OUT_DIR_UNUSABLE', outDir, e); })).length === 0;
  }
  // A new directory is created in its nearest existing parent: that one must be safe as a parent.
  let judged = real;
  if (!checked.exists) {
    while (!(await stat(judged).then((s) => s.isDirectory(), () => false)) && path.dirname(judged) !== judged) judged = path.dirname(judged);
    judged = await realpath(judged);
  }
  const why = await unsafeDirReason(judged, { self: checked.exists ? 'read' : 'parent', ancestors: true });
  if (why !== undefined) {
    throw new TranslateError('OUT_DIR_UNSAFE_PERMISSIONS', outDir,
      `${judged === real ? '' : `(its parent ${judged}) `}${why}; another user could swap a file or directory in it while it is written. ` +
      'Remove the write permission of group and others (chmod go-w), or choose a directory only you and root can write');
  }
  return { root: { given: outDir, abs: checked.abs, real }, exists: checked.exists, empty };
}

/**
 * The output directory's files, read through the same guards as the input: its `*.cfg` files
 * and every other name the output may use (`extra`). A path that is not there is left out; one
 * that is there but cannot be read safely is in `refused` with the reason.
 */
export async function readOutDir(out: OpenedOut, extra: readonly string[]): Promise<LoadedOutDir> {
  const files = new Map<string, LoadedFile>();
  const refused = new Map<string, TargetOutcome>();
  if (!out.exists) return { ...out, files, refused };
  const checked = new Map<string, Promise<void>>([[out.root.real, Promise.resolve()]]);
  const checkDir = (realDir: string): Promise<void> => {
    let p = checked.get(realDir);
    if (!p) {
      p = unsafeDirReason(realDir, { self: 'read', ancestors: false }).then((why) => {
        if (why !== undefined) {
          throw new TranslateError('OUT_DIR_UNSAFE_PERMISSIONS', path.join(out.root.given, path.relative(out.root.real, realDir)),
            `${why}; another user could swap a file or directory in it while it is written. Remove the write permission of group and others (chmod go-w)`);
        }
      });
      checked.set(realDir, p);
    }
    return p;
  };
  const discovery = await discoverConfigEntries(out.root.real).catch((e: unknown) => { throw listFailed('OUT_DIR_UNUSABLE', out.root.given, e); });
  for (const u of discovery.unreadable) refused.set(u.path, { kind: 'unreadable', why: u.code });
  const paths = [...new Set([...discovery.entries.map((e) => e.path), ...extra])].sort(comparePaths);
  const reads = await mapLimited(paths, IO_CONCURRENCY, (rel) => readWithin(out.root, rel, checkDir));
  for (let i = 0; i < paths.length; i++) {
    const rel = paths[i]!;
    const r = reads[i]!;
    if (r.kind === 'file') files.set(rel, { ...r.file, path: rel });
    else if (!(r.kind === 'missing' && r.why === 'ENOENT')) refused.set(rel, r);
  }
  return { ...out, files, refused };
}


/** The mode and owner of every directory between the root and the files read (created directories copy them). */
async function dirsOf(root: DirRoot, files: Iterable<string>): Promise<Map<string, { mode: number; uid: number; gid: number }>> {
  const dirs = new Map<string, { mode: number; uid: number; gid: number }>();
  for (const p of files) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      if (dirs.has(rel)) continue;
      const st = await lstat(path.join(root.real, ...parts.slice(0, i))).catch(() => undefined);
      if (st?.isDirectory()) dirs.set(rel, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
    }
  }
  return dirs;
}

/** Z-Push's files are in a z-push directory (or named so); every other config.php is WebApp's. */
function clientKind(p: string): 'webapp' | 'z-push' {
  return /(^|\/)z-?push(\/|$)/i.test(p) ? 'z-push' : 'webapp';
}

/**
 * The web clients' config.php files under the input directory, and those the caller named, read
 * through the same guards as the `*.cfg` files, with the same codes for one that is not read (a
 * FIFO, a binary or oversized file, a symlink out of the directory).
 */
async function loadClients(input: DirRoot, request: LoadRequest): Promise<{ files: LoadedClientConfig[]; diagnostics: Diagnostic[] }> {
  const out: LoadedClientConfig[] = [];
  const diagnostics: Diagnostic[] = [];
  // Subdirectories it cannot list were reported (DIR_UNREADABLE) by the *.cfg discovery of the same tree.
  const { entries } = await discoverConfigEntries(input.real, '**/config.php').catch((e: unknown) => { throw listFailed('INPUT_UNREADABLE', input.given, e); });
  for (const { path: rel } of entries) {
    const r = await readWithin(input, rel);
    if (r.kind === 'file') out.push({ kind: clientKind(rel), path: rel, file: { ...r.file, path: rel } });
    else {
      const d = foundEntryDiagnostic(rel, r);
      if (d) diagnostics.push(d);
    }
  }
  for (const [kind, given] of [['webapp', request.webapp], ['z-push', request.zPush]] as const) {
    if (given === undefined) continue;
    const flag = kind === 'webapp' ? '--webapp' : '--z-push';
    const abs = path.resolve(given);
    const dir = path.dirname(abs);
    const real = await realpath(dir).catch(() => dir);
    const r = await readWithin({ given: dir, abs: dir, real }, path.basename(abs));
    if (r.kind !== 'file') {
      throw new TranslateError('CLIENT_CONFIG_UNREADABLE', given,
        `(${flag}) cannot be read (${r.kind === 'rejected' ? r.diagnostic.message : r.kind}); name the ${kind === 'webapp' ? 'WebApp' : 'Z-Push'} config.php itself`);
    }
    out.push({ kind, path: `${kind}/config.php`, file: { ...r.file, path: `${kind}/config.php` } });
  }
  return { files: out, diagnostics };
}
