import type { Diagnostic } from './diagnostics/diagnostic.js';

/**
 * Kopano option set to write: `'8.0'` covers 8.0–8.6, `'8.7'` the 8.7.x releases (`*_listen` options),
 * `'11.0'` Kopano Groupware Core 11.0.x (`*tls_min_proto`, no presence, loopback-only listeners).
 */
export type Target = '8.0' | '8.7' | '11.0';

/** ZCP release family a configuration was written for. */
export type SourceFamily = '7.0' | '7.1' | '7.2';

/** Files already written for Kopano: `'kopano-8.0'` for 8.0–8.6, `'kopano-8.7'` for 8.7 and later. */
export type KopanoSourceFamily = 'kopano-8.0' | 'kopano-8.7';

/** What a file (or a directory) was written for: a ZCP release family or a Kopano one. */
export type Source = SourceFamily | KopanoSourceFamily;

export const ZCP_SOURCES = ['7.0', '7.1', '7.2'] as const satisfies readonly SourceFamily[];
export const KOPANO_SOURCES = ['kopano-8.0', 'kopano-8.7'] as const satisfies readonly KopanoSourceFamily[];

export interface TranslateOptions {
  /** Default `'8.7'` (Kopano Core 8.7.x); `'8.0'` for 8.0–8.6. With `kopanoDir` and no target: read from the installed Kopano files. Choose the Kopano you will install (`apt-cache policy kopano-server`). */
  target?: Target;
  /**
   * `'zarafa'` (default): the directory keeps the Zarafa schema, so every attribute is written out
   * with its zarafa name. `'kopano'`: the directory is migrated to kopano.schema; names are renamed.
   */
  ldapSchema?: 'zarafa' | 'kopano';
  /**
   * TLS settings the translation writes itself (never over an active line of the ZCP files).
   * `'target'` (default): the target release's defaults (for 8.7 the options are left out so Kopano's
   * defaults apply). `'zcp'`: ZCP's protocol and cipher set (`!SSLv2`, `ALL:!LOW:!SSLv2:!EXP:!aNULL`, client's
   * cipher preference) for old clients, with a TLS_ZCP_SET warning where it is weaker than the target's.
   */
  tls?: 'target' | 'zcp';
  /** `'keep'` (default): point at the existing attachments. `'move'`: use /var/lib/kopano/attachments. */
  attachments?: 'keep' | 'move';
  /**
   * User and group the daemons run as. Not given: the explicit non-root user the ZCP files name
   * (server.cfg first in a directory; RUN_AS_KEPT info), else kopano:kopano.
   */
  runAs?: { user: string; group: string };
  /** Print secret values in diffs, JSON and messages. Default false. */
  showSecrets?: boolean;
  /** Source family, when known; detected from the directory otherwise (8.0 rules assume 7.2 for a lone file). */
  source?: Source;
  /**
   * A directory of Kopano config files to merge into (the installed defaults). With it, each output
   * is the Kopano file with the user's settings carried over (three-way merge).
   */
  kopanoDir?: string;
}

export interface TranslateDirOptions extends TranslateOptions {
  /** Write the translated files here (created if missing). Nothing is written when any diagnostic is an error. */
  outDir?: string;
  /** Write into a non-empty `outDir`, replacing the files this translation produces. */
  force?: boolean;
  /** A WebApp config.php to translate too (any path; config.php files under the input directory are found anyway). */
  webapp?: string;
  /** A Z-Push config.php to translate too. */
  zPush?: string;
}

/** One change a rule made, for the report. */
export interface Change {
  rule: string;
  key?: string;
  /** 1-based line in the source file the change was made at (absent for inserted settings). */
  line?: number;
  before?: string;
  after?: string;
  reason: string;
}

/** The runbook's phases, in the order they are done (src/3-plan/runbook/phases.ts says what each holds). */
export const ACTION_PHASES = [
  'prepare', 'collect', 'stop', 'remove', 'install', 'configure', 'data', 'directory', 'start', 'clients', 'after', 'rollback',
] as const;

export type ActionPhase = (typeof ACTION_PHASES)[number];

/**
 * Package managers a step's commands are written for. `dnf` also stands for yum (same arguments:
 * the shell runbook runs the dnf command with yum where only yum exists).
 */
export type PackageFamily = 'apt' | 'dnf' | 'zypper';

/** Something a person must still do, in the order to do it. */
export interface ManualAction {
  /** Stable id (`<area>:<detail>`); the runbook's shell function is named after it. */
  id: string;
  /**
   * Where the step belongs in the migration. Always set in `DirTranslation.actions` (the runbook
   * planner assigns it); the rules leave it out.
   */
  phase?: ActionPhase;
  /** Why the step is needed. */
  reason: string;
  /** The command, the same on every distribution. Never holds a secret. */
  command?: string;
  /** Instead of `command`: one command per package family, where they differ. */
  commands?: Partial<Record<PackageFamily, string>>;
  /**
   * A read-only shell condition that holds once the step is done (the shell runbook skips the step
   * then). Absent: the command itself is safe to repeat.
   */
  check?: string;
  /** A step to decide on, not to run by default (`--all` in the shell runbook leaves it out). */
  optional?: boolean;
  /**
   * `files`: the step only reads and writes files (backups, the bundle's files, their restore), so
   * the shell runbook runs it under `--root DIR` too; absent: it changes packages, services or
   * databases and is skipped under `--root`.
   */
  scope?: 'files';
  /** A person decides here: `--all` runs the step's command (if any), then stops and says how to go on. */
  pause?: boolean;
  paths?: string[];
  /** The setting (or file) the step comes from. */
  from?: { file: string; line?: number; key?: string };
}

/** A step of the runbook: a {@link ManualAction} whose phase is decided (every one in `DirTranslation.actions`). */
export type RunbookStep = ManualAction & { phase: ActionPhase };

export interface FileTranslation {
  /** Path relative to the input directory. */
  source: string;
  /** Path relative to the output directory. */
  target: string;
  input: string;
  output: string;
  /**
   * How the source file's bytes were decoded (src/cfg/bytes.ts): `output` is written in it, and the
   * diff is printed in it, so that the patch applies to the real bytes. Absent means utf8.
   */
  encoding?: 'utf8' | 'latin1';
  /** Unified diff `a/<source>` → `b/<target>` (secrets masked unless showSecrets). */
  diff: string;
  changes: Change[];
  diagnostics: Diagnostic[];
  /** Manual actions this file needs (merged and ordered in DirTranslation.actions). */
  actions?: ManualAction[];
  /**
   * Set for a file no daemon reads that does not read as settings either (a line without
   * `key = value`): it is copied unchanged, and the CLI never prints its text (it could hold a
   * password on a line of its own), only that it was copied and its size.
   */
  opaque?: true;
}

export interface DirTranslation {
  files: FileTranslation[];
  patch: string;
  /** The migration runbook: every step with its phase, in the order to do them. */
  actions: RunbookStep[];
  diagnostics: Diagnostic[];
  /**
   * The ZCP release the files were read as: `evidence` for it, `against` it, and `conflicts`
   * (files whose own evidence points to another release, one sentence each).
   */
  source: { version: Source; evidence: string[]; against: string[]; conflicts: string[]; /** Each file's own source (path relative to the input directory). */ files: Record<string, Source> };
  target: Target;
  /**
   * With `outDir`: the files (paths relative to it) this run created or replaced, and those that
   * already held exactly these bytes and mode and were left alone.
   */
  written?: { files: string[]; unchanged: string[] };
}
