import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { parseConfig } from '../cfg/parse.js';
import { TranslateError } from '../diagnostics/translate-error.js';
import { resolveDirectiveTarget } from './directive-target.js';
import { comparePaths, findConfigFiles, IO_CONCURRENCY } from './find-config-files.js';
import { isStrictlyWithin, openInputDir, resolveWithin, toRelative, type InputDir } from './input-dir.js';
import { errnoCode } from '../diagnostics/translate-error.js';
import type { LoadedClientConfig, LoadedDir, LoadedFile, LoadedOutDir, LoadedTree, TargetOutcome } from './loaded-tree.js';
import { mapLimited } from './map-limited.js';
import { checkOutDir } from './out-dir.js';
import { readConfigFile, type SourceFile } from './read-config-file.js';

export interface LoadRequest {
  zarafaDir: string;
  /** `--kopano-dir`: the installed Kopano configuration to merge into. */
  kopanoDir?: string;
  /** `--out`: checked before anything else is read; its files are read when `readOut` is set. */
  outDir?: string;
  /** Write into a non-empty `outDir` (`--force`). */
  force?: boolean;
  /** Read the output directory's files too (`--check --out` compares with them). */
  readOut?: boolean;
  /** A WebApp config.php to translate too (`--webapp`); it may lie outside the input directory. */
  webapp?: string;
  /** A Z-Push config.php to translate too (`--z-push`). */
  zPush?: string;
}

/**
 * The load phase: every filesystem read a run makes. Throws TranslateError for a directory the run
 * cannot use; every problem with a file inside one is a diagnostic in the result.
 */
export async function loadTree(request: LoadRequest): Promise<LoadedTree> {
  const input = await openInputDir(request.zarafaDir);
  const kopanoRoot = request.kopanoDir === undefined ? undefined : await openKopanoDir(request.kopanoDir);
  const outChecked = request.outDir === undefined ? undefined : await checkOutDir(request.outDir, input, request.force === true || request.readOut === true);
  if (outChecked && kopanoRoot && isStrictlyWithin(kopanoRoot.real, outChecked.abs)) {
    throw new TranslateError('OUT_DIR_INSIDE_KOPANO_DIR', outChecked.given,
      `is inside the Kopano directory ${request.kopanoDir}; write to the Kopano directory itself or to a separate directory`);
  }
  const zarafa = await loadDir(input);
  if (zarafa.found.length === 0 && !zarafa.diagnostics.some((d) => d.severity === 'error')) {
    const skipped = zarafa.diagnostics.length > 0
      ? ` (${zarafa.diagnostics.length} skipped: ${zarafa.diagnostics.map((d) => `${d.file} ${d.code}`).join(', ')})`
      : '';
    throw new TranslateError('NO_CONFIG_FILES', request.zarafaDir,
      `holds no readable *.cfg files${skipped}; give the Zarafa configuration directory (e.g. /etc/zarafa)`);
  }
  const tree: LoadedTree = { zarafa, clients: await loadClients(input, request) };
  if (kopanoRoot) {
    tree.kopano = await loadDir(kopanoRoot);
    if (tree.kopano.files.size === 0) {
      throw new TranslateError('KOPANO_DIR_EMPTY', request.kopanoDir!,
        'holds no *.cfg files; give the directory of the installed Kopano configuration (e.g. /etc/kopano)');
    }
  }
  if (outChecked) tree.out = await loadOut(outChecked, request.readOut === true);
  return tree;
}

/** The Kopano directory, checked like the input directory but with messages that name it. */
async function openKopanoDir(dir: string): Promise<InputDir> {
  try {
    return await openInputDir(dir);
  } catch (e) {
    if (!(e instanceof TranslateError)) throw e;
    const code = e.code === 'INPUT_NOT_FOUND' ? 'KOPANO_DIR_NOT_FOUND'
      : e.code === 'INPUT_NOT_A_DIRECTORY' ? 'KOPANO_DIR_NOT_A_DIRECTORY'
      : e.code === 'INPUT_UNREADABLE' ? 'KOPANO_DIR_UNREADABLE' : e.code;
    const message = e.code === 'INPUT_NOT_FOUND'
      ? 'no such directory; give the directory of the installed Kopano configuration (e.g. /etc/kopano)'
      : e.message.replace('the Zarafa configuration directory (e.g. /etc/zarafa)', 'the Kopano configuration directory (e.g. /etc/kopano)');
    throw new TranslateError(code, dir, message, undefined, { cause: e });
  }
}

async function loaded(s: SourceFile): Promise<LoadedFile> {
  const st = await stat(s.real);
  return { path: s.path, real: s.real, text: s.text, encoding: s.encoding, mode: s.mode, uid: st.uid, gid: st.gid, size: s.size };
}

/** The mode and owner of every directory between the root and the files read. */
async function dirsOf(root: InputDir, files: Iterable<string>): Promise<Map<string, { mode: number; uid: number; gid: number }>> {
  const dirs = new Map<string, { mode: number; uid: number; gid: number }>();
  for (const p of files) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      if (dirs.has(rel)) continue;
      const st = await stat(path.join(root.real, ...parts.slice(0, i))).catch(() => undefined);
      if (st?.isDirectory()) dirs.set(rel, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
    }
  }
  return dirs;
}

/** Every config file of a directory, and every file its directives reach inside it, read once. */
export async function loadDir(root: InputDir): Promise<LoadedDir> {
  const st = await stat(root.real);
  const found = await findConfigFiles(root);
  const dir: LoadedDir = {
    root, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, dirs: new Map(),
    found: [], files: new Map(), targets: new Map(), diagnostics: [...found.diagnostics],
  };
  const byReal = new Map<string, string>();
  for (const read of await mapLimited(found.files, IO_CONCURRENCY, readConfigFile)) {
    if ('code' in read) {
      dir.diagnostics.push(read);
      continue;
    }
    dir.found.push(read.path);
    dir.files.set(read.path, await loaded(read));
    byReal.set(read.real, read.path);
  }
  dir.found.sort(comparePaths);
  // Directive targets, breadth first (a queue, not recursion: include chains can be long).
  const queue = [...dir.found];
  for (let i = 0; i < queue.length; i++) {
    const from = dir.files.get(queue[i]!)!;
    const doc = parseConfig(from.text, { file: from.path, dialect: 'cpp', encoding: from.encoding, diagnostics: false });
    for (const line of doc.lines) {
      if (line.kind !== 'directive' || (line.name !== 'include' && line.name !== 'propmap')) continue;
      const t = resolveDirectiveTarget(root, line.arg, from.path);
      if (t.kind !== 'inside' || t.rel === '.' || dir.targets.has(t.rel)) continue;
      const outcome = await loadTarget(root, t.rel, dir, byReal);
      dir.targets.set(t.rel, outcome);
      if (outcome.kind === 'file' && !queue.includes(outcome.path)) queue.push(outcome.path);
    }
  }
  dir.dirs = await dirsOf(root, dir.files.keys());
  return dir;
}

async function loadTarget(root: InputDir, rel: string, dir: LoadedDir, byReal: Map<string, string>): Promise<TargetOutcome> {
  if (dir.files.has(rel)) return { kind: 'file', path: rel };
  const r = await resolveWithin(root, rel);
  switch (r.kind) {
    case 'file': {
      const known = byReal.get(r.real);
      if (known !== undefined) return { kind: 'file', path: known };
      const path = toRelative(root, r.real);
      const read = await readConfigFile({ path, real: r.real, mode: r.mode, size: r.size });
      if ('code' in read) return { kind: 'rejected', diagnostic: read };
      dir.files.set(path, await loaded(read));
      byReal.set(r.real, path);
      return { kind: 'file', path };
    }
    case 'outside':
      return { kind: 'outside', real: r.real };
    case 'directory':
      return { kind: 'directory' };
    case 'special':
      return { kind: 'special' };
    case 'missing':
      return r.why === 'ENOENT' || r.why === 'DANGLING' || r.why === 'ELOOP'
        ? { kind: 'missing', why: r.why }
        : { kind: 'unreadable', why: r.why };
  }
}

async function loadOut(out: { given: string; abs: string; exists: boolean }, readFiles: boolean): Promise<LoadedOutDir> {
  const root = { given: out.given, abs: out.abs, real: out.abs };
  const files = new Map<string, LoadedFile>();
  if (out.exists && readFiles) {
    const dir = await loadDir(await openInputDir(out.abs));
    for (const [p, f] of dir.files) files.set(p, f);
  }
  const entries = out.exists ? await readdir(out.abs).catch(() => ['?']) : [];
  return { root, exists: out.exists, empty: entries.length === 0, files };
}

/** Z-Push's files are in a z-push directory (or named so); every other config.php is WebApp's. */
function clientKind(p: string): 'webapp' | 'z-push' {
  return /(^|\/)z-?push(\/|$)/i.test(p) ? 'z-push' : 'webapp';
}

/** The web clients' config.php files under the input directory, and those the caller named. */
async function loadClients(input: InputDir, request: LoadRequest): Promise<LoadedClientConfig[]> {
  const out: LoadedClientConfig[] = [];
  const found = await fg('**/config.php', { cwd: input.real, onlyFiles: true, followSymbolicLinks: false, deep: 4, dot: false });
  for (const rel of found.sort(comparePaths)) {
    const r = await resolveWithin(input, rel);
    if (r.kind !== 'file') continue;
    const read = await readConfigFile({ path: rel, real: r.real, mode: r.mode, size: r.size });
    if (!('code' in read)) out.push({ kind: clientKind(rel), path: rel, file: await loaded(read) });
  }
  for (const [kind, given] of [['webapp', request.webapp], ['z-push', request.zPush]] as const) {
    if (given === undefined) continue;
    const flag = kind === 'webapp' ? '--webapp' : '--z-push';
    const abs = path.resolve(given);
    const st = await stat(abs).catch((e: unknown) => {
      throw new TranslateError('CLIENT_CONFIG_UNREADABLE', given, `(${flag}) cannot be read (${errnoCode(e) ?? String(e)}); name the ${kind === 'webapp' ? 'WebApp' : 'Z-Push'} config.php`);
    });
    if (!st.isFile()) throw new TranslateError('CLIENT_CONFIG_UNREADABLE', given, `(${flag}) is not a regular file; name the config.php itself`);
    const read = await readConfigFile({ path: `${kind}/config.php`, real: abs, mode: st.mode & 0o7777, size: st.size });
    if ('code' in read) throw new TranslateError('CLIENT_CONFIG_UNREADABLE', given, `(${flag}) ${read.message}`);
    out.push({ kind, path: `${kind}/config.php`, file: await loaded(read) });
  }
  return out;
}
