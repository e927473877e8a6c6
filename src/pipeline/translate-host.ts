import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedFile } from '../1-load/loaded-tree.js';
import type { LoadedHost, LoadedHostFile } from '../1-load/load-host.js';
import { bundlePathOf, type BundleFile } from '../3-plan/runbook/bundle-files.js';
import { forwardCheckStep, mtaDeliveryTestStep } from '../3-plan/runbook/host-steps.js';
import { orderSteps } from '../3-plan/runbook/phases.js';
import { planRunbook } from '../3-plan/runbook/plan-runbook.js';
import { encodeConfigText } from '../cfg/bytes.js';
import type { HostKind } from '../host/kind.js';
import type { LineDoc } from '../host/line-doc.js';
import { leftoverReferences } from '../host/leftover.js';
import { rootDiff } from '../host/root-diff.js';
import { translateHostFiles, type HostFileResult } from '../host/translate-kinds.js';
import type { FileWrite } from '../6-write/plan-writes.js';
import type { DirTranslation, FileTranslation, TranslateOptions } from '../types.js';
import { translateTree } from './translate-tree.js';
import { redact, secretSetOf } from '../secrets/secret-set.js';

export const ZARAFA_DIR = 'etc/zarafa';
export const KOPANO_DIR = 'etc/kopano';

/** The pure middle of a host run: the /etc/zarafa translation re-rooted, plus every kind's files. */
export interface HostTranslation {
  translation: DirTranslation;
  writes: FileWrite[];
  /** Mode and owner for each directory OUT creates, root-relative. */
  dirs: Map<string, { mode: number; uid: number; gid: number }>;
  /** Secret values the kinds found (a fetchmail password), for masking what is printed. */
  secrets: string[];
  /** The host files read that a kind changes or removes, root-relative: the bundle's inputs besides etc/zarafa. */
  inputs: string[];
}

/**
 * translateTree on ROOT/etc/zarafa, with every path made root-relative (etc/zarafa/x → etc/kopano/x),
 * then each host file through its kind, the left-over scan, and the runbook planned again with every
 * host file the run writes (installed from the bundle, backed up, restored by the way back). Pure.
 * A host with no file of any kind gives the directory's result, only re-rooted.
 */
export function translateHost(host: LoadedHost, kinds: readonly HostKind<LineDoc>[], options: TranslateOptions = {}): HostTranslation {
  const translated = translateTree(host.tree, options);
  const { translation: dir, writes: dirWrites } = translated;
  const target = dir.target;
  const shownText = (t: string): string => (options.showSecrets ? t : redact(t, secretSetOf([t])));
  const daemonFiles = dir.files.map((f) => reroot(f, shownText));
  const ctx = {
    target,
    kopano: new Map(dir.files.map((f) => [f.target, f.output])),
    files: new Map(host.files.map((f) => [f.path, f.file.text])),
  };
  const results = translateHostFiles([...host.files, ...absentFiles(host, kinds)], kinds, ctx, options.showSecrets ?? false);
  const shown = results.filter((r) => r.write || r.translation.diagnostics.length > 0 || r.translation.changes.length > 0);
  const leftovers = leftoverReferences([
    ...results.map((r) => ({ path: r.translation.source, text: r.translation.output, understood: new Set(r.plan.understood) })),
    ...host.scanned,
  ]);
  const written = results.filter((r) => r.write);
  const removed = results.filter((r) => r.plan.remove).map((r) => r.translation.source);
  const onDisk = new Set(host.files.map((f) => f.path));
  const abs = (p: string): string => `/${p}`;
  // The runbook of /etc/kopano's files, planned again with the host's: one install, one backup, one way back.
  const { runbook } = translated;
  const seen = new Set<string>();
  const hostFiles: BundleFile[] = [
    ...(runbook.hostFiles ?? []),
    ...written.map((r) => ({ hostPath: abs(r.translation.target), bundlePath: bundlePathOf(abs(r.translation.target)), mode: r.from.mode, reload: r.kind.reload })),
  ].filter((f) => !seen.has(f.hostPath) && seen.add(f.hostPath));
  const intakeServices = [...new Set(results.flatMap((r) => r.plan.intake))].sort();
  const planned = planRunbook({ ...runbook, hostFiles, removedFiles: removed.map(abs), intakeServices });
  const mta = written.some((r) => r.kind.reload.includes('postfix') || r.kind.reload.includes('fetchmail'));
  const superseded = new Set(results.flatMap((r) => r.plan.supersedes ?? []));
  const steps = [
    ...planned.filter((a) => !superseded.has(a.id)),
    ...(results.some((r) => r.kind.reload.includes('postfix')) ? [forwardCheckStep()] : []),
    ...(mta ? [mtaDeliveryTestStep()] : []),
  ];
  // A step several files of a kind ask for (Z-Push's fixstates) is taken once.
  const actionIds = new Set<string>();
  const kindActions = results.flatMap((r) => r.translation.actions ?? []).filter((a) => !actionIds.has(a.id) && actionIds.add(a.id));
  const files = [...daemonFiles, ...shown.map((r) => r.translation)];
  const diagnostics: Diagnostic[] = [
    ...dir.diagnostics.map((d) => ({ ...d, file: `${ZARAFA_DIR}/${d.file}` })),
    ...host.diagnostics,
    ...results.flatMap((r) => r.translation.diagnostics),
    ...leftovers,
  ];
  const translation: DirTranslation = {
    ...dir,
    files,
    patch: files.map((f) => f.diff).join(''),
    actions: orderSteps([...steps, ...kindActions]),
    diagnostics,
    source: { ...dir.source, files: Object.fromEntries(Object.entries(dir.source.files).map(([p, s]) => [`${ZARAFA_DIR}/${p}`, s])) },
  };
  const writes: FileWrite[] = [
    ...dirWrites.map((w) => ({ ...w, path: `${KOPANO_DIR}/${w.path}` })),
    ...written.map((r) => hostWrite(r)),
  ];
  const inputs = [...new Set([...written.filter((r) => onDisk.has(r.translation.source)).map((r) => r.translation.source), ...removed])];
  return { translation, writes, dirs: outDirs(host, written), secrets: results.flatMap((r) => r.plan.secrets), inputs };
}

/** The files kinds may make that the root does not have (where the kind's probe directory exists), as empty texts. */
function absentFiles(host: LoadedHost, kinds: readonly HostKind<LineDoc>[]): LoadedHostFile[] {
  const have = new Set(host.files.map((f) => f.path));
  return kinds.flatMap((k) => (k.creates && host.present.has(k.creates.probe) ? k.creates.paths : [])
    .filter((p) => !have.has(p))
    .map((p) => ({
      kind: k.id,
      path: p,
      absent: true as const,
      file: { path: p, real: '', text: '', encoding: 'utf8' as const, mode: 0o644, uid: host.uid, gid: host.gid, size: 0 },
    })));
}

/** A daemon file's translation with root-relative paths and headers (etc/zarafa/x → etc/kopano/x, a git copy). */
function reroot(f: FileTranslation, shownText: (t: string) => string): FileTranslation {
  const source = `${ZARAFA_DIR}/${f.source}`;
  const target = `${KOPANO_DIR}/${f.target}`;
  return {
    ...f,
    source,
    target,
    diff: rootDiff(f.diff, source, target, f.diff === '' ? shownText(f.output) : ''),
    diagnostics: f.diagnostics.map((d) => ({ ...d, file: `${ZARAFA_DIR}/${d.file}` })),
  };
}

function hostWrite(r: HostFileResult): FileWrite {
  const from: LoadedFile = r.from;
  return { path: r.translation.target, bytes: encodeConfigText(r.translation.output, from.encoding), mode: from.mode, uid: from.uid, gid: from.gid };
}

/**
 * The directories OUT creates take the mode and owner of their counterpart in ROOT: the same path
 * where it exists; etc/kopano/… that of etc/zarafa/…; a renamed directory (zarafa-x.service.d →
 * kopano-x.service.d) that of the directory its file came from.
 */
function outDirs(host: LoadedHost, written: readonly HostFileResult[]): Map<string, { mode: number; uid: number; gid: number }> {
  const dirs = new Map(host.dirs);
  for (const [p, meta] of host.dirs) {
    if (p === ZARAFA_DIR || p.startsWith(`${ZARAFA_DIR}/`)) dirs.set(KOPANO_DIR + p.slice(ZARAFA_DIR.length), meta);
  }
  for (const r of written) {
    const s = r.translation.source.split('/');
    const t = r.translation.target.split('/');
    for (let i = t.length - 1, j = s.length - 1; i > 0 && j > 0; i--, j--) {
      const td = t.slice(0, i).join('/');
      const meta = host.dirs.get(s.slice(0, j).join('/'));
      if (!dirs.has(td) && meta) dirs.set(td, meta);
    }
  }
  return dirs;
}
