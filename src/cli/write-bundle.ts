import { createHash } from 'node:crypto';
import path from 'node:path';
import { encodeConfigText } from '../cfg/bytes.js';
import { bundlePathOf, KOPANO_ETC, ZARAFA_ETC } from '../3-plan/runbook/bundle-files.js';
import type { LoadedTree } from '../1-load/loaded-tree.js';
import type { FileWrite } from '../6-write/plan-writes.js';
import type { WriteFile } from '../6-write/plan.js';
import { writeOutput } from '../6-write/write-output.js';
import { renderRunbookMarkdown } from '../report/render-runbook-md.js';
import { renderRunbookShell } from '../report/render-runbook-sh.js';
import type { DirTranslation } from '../types.js';

/** The runbook and the two checksum lists: root's only, like the work directory on the host. */
const PRIVATE = 0o600;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha256sum's text-mode line: the hex digest, two spaces, the name. */
function sumLine(bytes: Uint8Array, name: string): string {
  return `${sha256(bytes)}  ${name}\n`;
}

/**
 * Where the bundle's paths are on the host. A lone directory: the output under /etc/kopano, the
 * input under /etc/zarafa (the defaults). A root-mirrored tree maps both as `/` + the relative path.
 */
export interface HostLayout {
  /** The host path of an output file (relative to the output directory). */
  output: (rel: string) => string;
  /** The host path of an input file (relative to the input directory). */
  input: (rel: string) => string;
}

export const LONE_DIRECTORY: HostLayout = {
  output: (rel) => `${KOPANO_ETC}/${rel}`,
  input: (rel) => `${ZARAFA_ETC}/${rel}`,
};

/** A host run (`--root`): the output mirrors the root (`etc/postfix/main.cf` → /etc/postfix/main.cf); /etc/zarafa is read where it is. */
export const ROOT_TREE: HostLayout = {
  output: (rel) => `/${rel}`,
  input: (rel) => `${ZARAFA_ETC}/${rel}`,
};

/** A host file read besides /etc/zarafa (one a kind changes or removes), as it was read. */
export interface HostInput {
  hostPath: string;
  bytes: Uint8Array;
}

/** The host files a bundle was made from, at their host paths (a client config.php named from elsewhere has no known host path and is left out). */
export function bundleInputs(tree: LoadedTree, layout: HostLayout = LONE_DIRECTORY, extra: readonly HostInput[] = []): HostInput[] {
  const out = new Map<string, Uint8Array>();
  for (const i of extra) out.set(i.hostPath, i.bytes);
  for (const f of tree.zarafa.files.values()) out.set(layout.input(f.path), encodeConfigText(f.text, f.encoding));
  const inside = (real: string) => real.startsWith(`${tree.zarafa.root.real}/`);
  for (const c of tree.clients) if (inside(c.file.real)) out.set(layout.input(c.path), encodeConfigText(c.file.text, c.file.encoding));
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([hostPath, bytes]) => ({ hostPath, bytes }));
}

/**
 * Every file of the bundle, decided before anything is written (pure): files/<host path> with the
 * translated bytes (real values: they are installed), runbook.sh and runbook.md (masked by `hide`:
 * they never hold a secret), MANIFEST.sha256 (every file under files/) and INPUTS.sha256 (the host
 * files it was made from: /etc/zarafa's, and `extra`, the other host files a host run changes or removes).
 */
export function bundleContents(dir: DirTranslation, writes: readonly FileWrite[], tree: LoadedTree, name: string, hide: (s: string) => string, layout: HostLayout = LONE_DIRECTORY, extra: readonly HostInput[] = []): WriteFile[] {
  const enc = (s: string) => new TextEncoder().encode(s);
  const files: WriteFile[] = writes.map((w) => ({ path: bundlePathOf(layout.output(w.path)), bytes: w.bytes, mode: w.mode }));
  const manifest = files.map((f) => sumLine(f.bytes, f.path)).join('');
  const inputs = bundleInputs(tree, layout, extra).map((i) => sumLine(i.bytes, i.hostPath)).join('');
  return [
    ...files,
    { path: 'runbook.sh', bytes: enc(hide(renderRunbookShell(dir, { zarafaDir: name }))), mode: PRIVATE },
    { path: 'runbook.md', bytes: enc(hide(renderRunbookMarkdown(dir, { zarafaDir: name }))), mode: PRIVATE },
    { path: 'MANIFEST.sha256', bytes: enc(manifest), mode: PRIVATE },
    { path: 'INPUTS.sha256', bytes: enc(inputs), mode: PRIVATE },
  ];
}

/** Write the bundle all or nothing (the --out writer): a new or empty directory, or replaced into with --force. */
export async function writeBundle(bundleDir: string, files: readonly WriteFile[], force: boolean): Promise<string[]> {
  const outcome = await writeOutput({ outDir: path.resolve(bundleDir), mode: force ? 'replace' : 'create', files, dir: { mode: 0o700 } });
  return [...outcome.written, ...outcome.unchanged];
}
