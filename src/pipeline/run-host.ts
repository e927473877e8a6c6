import { hasErrors } from '../diagnostics/diagnostic.js';
import { loadHost, type LoadedHost } from '../1-load/load-host.js';
import { HOST_KINDS } from '../host/kinds/index.js';
import { ZCP_REFERENCE } from '../host/zcp-names.js';
import type { FileWrite } from '../6-write/plan-writes.js';
import type { PreparedOutput } from '../6-write/write-output.js';
import type { DirTranslation, TranslateOptions } from '../types.js';
import { KOPANO_DIR, translateHost } from './translate-host.js';

export interface HostRunRequest {
  root: string;
  outDir?: string;
  readOut?: boolean;
  force?: boolean;
  webapp?: string;
  zPush?: string;
  options: TranslateOptions;
  write: boolean;
}

export interface HostRunResult {
  host: LoadedHost;
  translation: DirTranslation;
  /** Secret values the kinds found, masked in everything printed. */
  secrets: string[];
  /** The files the translation makes, root-relative, as the write phase would write them (also when nothing is written). */
  writes: FileWrite[];
  /** The host files read that a kind changes or removes, root-relative (the bundle's inputs besides etc/zarafa). */
  inputs: string[];
}

/**
 * prepare OUT (lock, recover a killed run) → load (ROOT, ROOT/etc/zarafa, the kinds' files, OUT) →
 * translateHost (pure) → write OUT, all or nothing; the lock is held from before OUT is read until
 * after the write, as in runTranslation.
 */
export async function runHost(request: HostRunRequest): Promise<HostRunResult> {
  const { options, write, root, ...rest } = request;
  const { prepareOutput } = write && rest.outDir !== undefined ? await import('../6-write/write-output.js') : { prepareOutput: undefined };
  let prepared: PreparedOutput | undefined;
  try {
    const host = await loadHost({
      root,
      ...rest,
      ...(prepareOutput ? { prepareOut: async (abs: string) => { prepared = await prepareOutput(abs); } } : {}),
      kinds: HOST_KINDS,
      scanFor: ZCP_REFERENCE,
      outputNames: (tree, files) => [
        ...[...tree.zarafa.files.keys()].map((p) => `${KOPANO_DIR}/${p.replace(/^indexer\.cfg$/, 'search.cfg')}`),
        ...files.map((f) => HOST_KINDS.find((k) => k.id === f.kind)!.destination(f.path)),
        ...HOST_KINDS.flatMap((k) => k.creates?.paths ?? []),
      ],
    });
    const { translation, writes, dirs, secrets, inputs } = translateHost(host, HOST_KINDS, options);
    const recovered = prepared?.notices ?? [];
    if (write && host.out && !hasErrors(translation.diagnostics)) {
      const { writeOutput } = await import('../6-write/write-output.js');
      const outcome = await writeOutput({
        outDir: host.out.root.abs,
        mode: host.out.empty ? 'create' : 'replace',
        files: writes,
        dir: { mode: host.mode, uid: host.uid, gid: host.gid },
        sourceDirs: dirs,
        forced: rest.force ?? false,
      }, prepared);
      return {
        host,
        secrets,
        writes,
        inputs,
        translation: { ...translation, diagnostics: [...translation.diagnostics, ...recovered, ...outcome.notices], written: { files: outcome.written, unchanged: outcome.unchanged } },
      };
    }
    // Not written (an error in the input): what the recovery did is still said.
    return { host, secrets, writes, inputs, translation: recovered.length > 0 ? { ...translation, diagnostics: [...translation.diagnostics, ...recovered] } : translation };
  } finally {
    await prepared?.release();
  }
}
