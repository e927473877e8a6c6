import { lstat, readdir, stat } from 'node:fs/promises';
import fg from 'fast-glob';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { TranslateError } from '../diagnostics/translate-error.js';
import { comparePaths } from './compare-paths.js';
import { unsafeDirReason } from './dir-safety.js';
import { foundEntryDiagnostic } from './found-diagnostics.js';
import { openInputDir } from './input-dir.js';
import { IO_CONCURRENCY, listFailed, loadTree, openOutDir, readOutDir } from './load-tree.js';
import type { DirRoot, LoadedFile, LoadedOutDir, LoadedTree } from './loaded-tree.js';
import { mapLimited } from './map-limited.js';
import { readWithin } from './read-within.js';

/** What load needs of a file kind: its id and the root-relative fast-glob patterns it claims. */
export interface HostClaim {
  id: string;
  claims: readonly string[];
  /** A directory whose presence lets the kind make files that do not exist yet. */
  creates?: { probe: string; paths: readonly string[] };
}

/** A host file load read for a kind: root-relative path, the kind that claimed it, the file. */
export interface LoadedHostFile {
  kind: string;
  path: string;
  file: LoadedFile;
  /** Not on disk: a file the kind makes (the pipeline gives it an empty text). */
  absent?: true;
}

export interface HostLoadRequest {
  root: string;
  outDir?: string;
  readOut?: boolean;
  force?: boolean;
  webapp?: string;
  zPush?: string;
  /** The kinds whose files are read (the pure middle gets them back with the result). */
  kinds: readonly HostClaim[];
  /** A text in the left-over scan's areas (LEFTOVER_AREAS) matching this is kept for the scan. */
  scanFor: RegExp;
  /** Take OUT's lock and recover a killed run before anything of OUT is read (as loadTree's prepareOut). */
  prepareOut?: (outAbs: string) => Promise<void>;
  /** Root-relative paths the output may use besides the kinds' own (etc/kopano/*), for `--check`. */
  outputNames?: (tree: LoadedTree, files: readonly LoadedHostFile[]) => string[];
}

/** Every read of a host run: /etc/zarafa as today, the kinds' files, the texts the left-over scan looks at, OUT. */
export interface LoadedHost {
  root: DirRoot;
  /** ROOT/etc/zarafa, loaded exactly as `zarafa2kopano ROOT/etc/zarafa` loads it (no output). */
  tree: LoadedTree;
  files: LoadedHostFile[];
  /** Other text files under ROOT/etc and the crontab spool that name ZCP (outside etc/zarafa, etc/kopano and the kinds' files). */
  scanned: { path: string; text: string }[];
  /** Mode and owner of the root and of each directory between it and a file read, root-relative. */
  dirs: Map<string, { mode: number; uid: number; gid: number }>;
  mode: number;
  uid: number;
  gid: number;
  out?: LoadedOutDir;
  /**
   * With `readOut`: what is at each output path now, root-relative — in OUT when there is one, else
   * in ROOT itself (`--check` on a host whose files are already translated finds nothing to do).
   */
  current?: Map<string, LoadedFile>;
  /** The kinds' probe directories that exist in ROOT. */
  present: Set<string>;
  diagnostics: Diagnostic[];
}

/**
 * Where the left-over scan looks, root-relative, and how deep below each (/etc/apache2/sites-available/x
 * is 3 below etc): the configuration, and the crontab spool, where a user's crontab (not root's,
 * which the cron kind reads) may still run a ZCP tool (Debian var/spool/cron/crontabs/USER, RHEL
 * var/spool/cron/USER, SUSE var/spool/cron/tabs/USER). Not /usr/share/z-push (the package's own code;
 * its config.php is the z-push kind's) nor the plugin links under /var/lib (host:plugin-links).
 */
export const LEFTOVER_AREAS: readonly { dir: string; depth: number }[] = [
  { dir: 'etc', depth: 5 },
  { dir: 'var/spool/cron', depth: 2 },
];

/**
 * The host's reads: ROOT itself checked like an input directory, ROOT/etc/zarafa through loadTree,
 * each kind's files through the same guarded read (inside ROOT, regular, not too large, text), and
 * OUT checked (and read for `--check`). Throws TranslateError as loadTree does.
 */
export async function loadHost(request: HostLoadRequest): Promise<LoadedHost> {
  const root = await openInputDir(request.root);
  const why = await unsafeDirReason(root.real, { self: 'read', ancestors: true });
  if (why !== undefined) {
    throw new TranslateError('INPUT_UNSAFE_PERMISSIONS', request.root,
      `${why}; another user could swap a file or directory in it while it is read. Remove the write permission of group and others (chmod go-w)`);
  }
  const etc = await openInputDir(path.join(root.abs, 'etc'));
  let out = request.outDir === undefined ? undefined : await openOutDir(request.outDir, etc, undefined, request.force ?? request.readOut ?? false);
  if (out && request.prepareOut) {
    await request.prepareOut(out.root.abs);
    // The recovery may have removed what a killed run left: look again.
    if (out.exists) {
      const given = out.root.given;
      out = { ...out, empty: (await readdir(out.root.real).catch((e: unknown) => { throw listFailed('OUT_DIR_UNUSABLE', given, e); })).length === 0 };
    }
  }
  const tree = await loadTree({
    zarafaDir: path.join(root.abs, 'etc', 'zarafa'),
    ...(request.webapp !== undefined ? { webapp: request.webapp } : {}),
    ...(request.zPush !== undefined ? { zPush: request.zPush } : {}),
  });
  const diagnostics: Diagnostic[] = [];
  const unsafe = new Map<string, Promise<string | undefined>>();
  const checkDir = async (realDir: string): Promise<void> => {
    let p = unsafe.get(realDir);
    if (!p) {
      p = unsafeDirReason(realDir, { self: 'read', ancestors: false });
      unsafe.set(realDir, p);
    }
    const w = await p;
    if (w !== undefined) throw new UnsafeDir(`${path.relative(root.real, realDir)} ${w}`);
  };

  const files: LoadedHostFile[] = [];
  const claimed = new Set<string>();
  for (const kind of request.kinds) {
    const found = (await fg([...kind.claims], { cwd: root.real, onlyFiles: false, followSymbolicLinks: false, dot: true, deep: 8, suppressErrors: true, objectMode: true }))
      .filter((e) => !e.dirent.isDirectory()).map((e) => e.path).filter((p) => !claimed.has(p)).sort(comparePaths);
    const reads = await mapLimited(found, IO_CONCURRENCY, (rel) => readWithin(root, rel, checkDir).catch((e: unknown) => {
      if (e instanceof UnsafeDir) return { kind: 'unsafe' as const, why: e.message };
      throw e;
    }));
    found.forEach((rel, i) => {
      claimed.add(rel);
      const r = reads[i]!;
      if (r.kind === 'file') files.push({ kind: kind.id, path: rel, file: { ...r.file, path: rel } });
      else if (r.kind === 'unsafe') {
        diagnostics.push(diagnostic('INPUT_UNSAFE_PERMISSIONS', 'warning', rel, undefined, `was not read: ${r.why}; another user could swap it while it is read. Translate it by hand, or copy the host's files to a root only you and root can write`));
      } else {
        const d = foundEntryDiagnostic(rel, r);
        if (d) diagnostics.push({ ...d, severity: d.severity === 'error' ? 'warning' : d.severity, message: `${d.message} (not translated)` });
      }
    });
  }

  const scanned = await scanLeftovers(root, claimed, request.scanFor);
  const present = new Set<string>();
  for (const probe of request.kinds.flatMap((k) => (k.creates ? [k.creates.probe] : []))) {
    if ((await readWithin(root, probe).catch(() => undefined))?.kind === 'directory') present.add(probe);
  }
  const rootStat = await stat(root.real);
  const dirs = await dirsOf(root, [...files.map((f) => f.path), ...[...tree.zarafa.files.keys()].map((p) => `etc/zarafa/${p}`)]);
  const loaded: LoadedHost = { root, tree, files, scanned, present, dirs, mode: rootStat.mode & 0o7777, uid: rootStat.uid, gid: rootStat.gid, diagnostics };
  const extra = request.outputNames?.(tree, files) ?? [];
  if (out) {
    loaded.out = request.readOut ? await readOutDir(out, extra) : { ...out, files: new Map(), refused: new Map() };
    if (request.readOut) loaded.current = loaded.out.files;
  } else if (request.readOut) {
    const current = new Map<string, LoadedFile>();
    const reads = await mapLimited(extra, IO_CONCURRENCY, (rel) => readWithin(root, rel).catch(() => undefined));
    extra.forEach((rel, i) => {
      const r = reads[i];
      if (r?.kind === 'file') current.set(rel, { ...r.file, path: rel });
    });
    loaded.current = current;
  }
  return loaded;
}

class UnsafeDir extends Error {}

/**
 * Text files in the left-over areas (outside etc/zarafa, etc/kopano and the claimed files) that name
 * ZCP, each through the guarded read (inside ROOT, regular, size-capped, text; else skipped).
 */
async function scanLeftovers(root: DirRoot, claimed: ReadonlySet<string>, scanFor: RegExp): Promise<{ path: string; text: string }[]> {
  const found: string[] = [];
  for (const area of LEFTOVER_AREAS) {
    found.push(...await fg([`${area.dir}/**`], {
      cwd: root.real, onlyFiles: true, followSymbolicLinks: false, dot: false, deep: area.dir.split('/').length + area.depth, suppressErrors: true,
      ignore: ['etc/zarafa/**', 'etc/kopano/**'],
    }));
  }
  const paths = [...new Set(found)].filter((p) => !claimed.has(p)).sort(comparePaths);
  const reads = await mapLimited(paths, IO_CONCURRENCY, (rel) => readWithin(root, rel).catch(() => undefined));
  const out: { path: string; text: string }[] = [];
  paths.forEach((rel, i) => {
    const r = reads[i];
    if (r?.kind === 'file' && scanFor.test(r.file.text)) out.push({ path: rel, text: r.file.text });
  });
  return out;
}

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
