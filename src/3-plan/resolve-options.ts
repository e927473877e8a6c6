import type { IncludeResolver } from '../cfg/effective.js';
import type { DaemonFile } from '../options/index.js';
import type { TranslateOptions } from '../types.js';
import type { ResolvedOptions } from './rule.js';
import { DEFAULT_TARGET } from '../targets.js';

/** Options only the directory layer passes: how includes resolve, and the file's role. */
export interface FileContextOptions {
  resolveInclude?: IncludeResolver;
  /** Daemon table for a file that is only read through an include (its name says nothing). */
  daemon?: DaemonFile;
  /** True when the file is only read through another file's `!include`. */
  included?: boolean;
  /** server.cfg's enable_distributed_zarafa (directory translation only). */
  distributed?: boolean;
  /** Encoding the text was decoded from (line-length limits count its bytes). Default utf8. */
  encoding?: 'utf8' | 'latin1';
  /** True when `runAs` is the user the ZCP files named (no `runAs` option given): it is kept, with a note. */
  runAsKept?: boolean;
}

export function resolveOptions(options: TranslateOptions & Pick<FileContextOptions, 'runAsKept'> = {}): ResolvedOptions {
  return {
    target: options.target ?? DEFAULT_TARGET,
    source: options.source ?? '7.2',
    ldapSchema: options.ldapSchema ?? 'zarafa',
    attachments: options.attachments ?? 'keep',
    tls: options.tls ?? 'target',
    runAs: options.runAs ?? { user: 'kopano', group: 'kopano' },
    runAsKept: options.runAs !== undefined && options.runAsKept === true,
    showSecrets: options.showSecrets ?? false,
  };
}
