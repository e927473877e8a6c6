import type { LoadedTree } from '../1-load/loaded-tree.js';
import { encodeConfigText } from '../cfg/bytes.js';
import type { RunResult } from '../pipeline/run-translation.js';
import type { TranslateOptions } from '../types.js';
import type { RunArgs } from './args.js';

/** A host run as the CLI prints it: the result, a tree its checks and masking read, and the host's own secrets. */
export interface HostCliRun extends RunResult {
  /** Texts read outside /etc/zarafa (their secret settings are masked too) and the values the kinds found secret. */
  hostSecrets: { texts: string[]; values: string[] };
  /** The host files besides /etc/zarafa that the run changes or removes, as read (the bundle's INPUTS.sha256 lists them). */
  hostInputs: { hostPath: string; bytes: Uint8Array }[];
}

/** `--root`: runHost with the CLI's options; `--check` compares with OUT, or with ROOT itself. */
export async function runHostForCli(args: RunArgs & { root: string }, write: boolean, options: TranslateOptions): Promise<HostCliRun> {
  const { runHost } = await import('../pipeline/run-host.js');
  const run = await runHost({
    root: args.root,
    ...(args.out !== undefined ? { outDir: args.out } : {}),
    ...(args.webapp !== undefined ? { webapp: args.webapp } : {}),
    ...(args.zPush !== undefined ? { zPush: args.zPush } : {}),
    force: args.force || args.check,
    readOut: args.check,
    write,
    options,
  });
  const host = run.host;
  // What changedFiles and secretsOfRun read: the output paths' current files stand in for OUT.
  const tree: LoadedTree = {
    zarafa: host.tree.zarafa,
    clients: host.tree.clients,
    ...(host.current ? { out: { root: host.out?.root ?? host.root, exists: true, empty: false, files: host.current, refused: new Map() } } : {}),
  };
  return {
    tree,
    translation: run.translation,
    writes: run.writes,
    hostSecrets: { texts: [...host.files.map((f) => f.file.text), ...host.scanned.map((s) => s.text)], values: run.secrets },
    hostInputs: run.inputs.flatMap((p) => {
      const f = host.files.find((h) => h.path === p);
      return f ? [{ hostPath: `/${p}`, bytes: encodeConfigText(f.file.text, f.file.encoding) }] : [];
    }),
  };
}
