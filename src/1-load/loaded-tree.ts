import type { TextEncodingName } from '../cfg/bytes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * What the load phase hands to the pure middle: every byte the run will look at, already read.
 * Nothing after load touches the filesystem until the write phase.
 */
export interface LoadedTree {
  /** The Zarafa configuration directory (the input). */
  zarafa: LoadedDir;
  /** The installed Kopano configuration (`--kopano-dir`), when merging. */
  kopano?: LoadedDir;
  /** What the output directory holds now (`--out`), when the run writes or checks against it. */
  out?: LoadedOutDir;
  /** WebApp and Z-Push `config.php` files: found under the input directory, or named by the caller. */
  clients: LoadedClientConfig[];
}

/** A web client's PHP configuration file to translate. */
export interface LoadedClientConfig {
  kind: 'webapp' | 'z-push';
  /** The path the diff and the output directory use (relative, POSIX). */
  path: string;
  file: LoadedFile;
}

/** A directory as given, absolute, and with symlinks resolved. */
export interface DirRoot {
  given: string;
  abs: string;
  real: string;
}

/** One file, read whole and decoded, with what the write phase must keep of it. */
export interface LoadedFile {
  /**
   * POSIX path relative to the directory's real root: the name discovery found it under (a found
   * symlink keeps its own name, `real` is its target), else the real path an include reached.
   */
  path: string;
  /** Absolute path with symlinks resolved. */
  real: string;
  text: string;
  encoding: TextEncodingName;
  /** Permission bits (`st_mode & 0o7777`), owner and group, of the file read. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

/**
 * What a directive's argument turned out to be on disk. The include graph (plan phase) turns these
 * into diagnostics for the directives a daemon honours; load only records what it found.
 */
export type TargetOutcome =
  /** Read; `path` is the key in {@link LoadedDir.files} (the real file when the argument is a symlink). */
  | { kind: 'file'; path: string }
  | { kind: 'directory' }
  | { kind: 'missing'; why: 'ENOENT' | 'DANGLING' | 'ELOOP' }
  /** Exists but this user cannot read it or a directory on the way (EACCES, EPERM). */
  | { kind: 'unreadable'; why: string }
  /** Resolves (through a symlink) outside the directory: never read. */
  | { kind: 'outside'; real: string; directory: boolean }
  /** A FIFO, socket or device: never opened. */
  | { kind: 'special' }
  /** Read but not usable as a config file (too large, binary): the read's own diagnostic. */
  | { kind: 'rejected'; diagnostic: Diagnostic }
  /**
   * What was opened is not what was checked (another inode, another place, or it changed size or
   * time while being read): someone is changing the directory during the run. Nothing of it is kept.
   */
  | { kind: 'changed'; why: string }
  /** Reached only through more than {@link MAX_INCLUDE_DEPTH} nested directives: not read. */
  | { kind: 'too-deep'; limit: number };

/**
 * How many `!include`/`!propmap` levels below a found file load follows. The C++ reader has no
 * limit of its own (it recurses and stops only at a file it already read); real trees nest two or
 * three levels, so 64 is far beyond any real use while keeping a hostile chain cheap.
 */
export const MAX_INCLUDE_DEPTH = 64;

export interface LoadedDir {
  root: DirRoot;
  /** Permission bits, owner and group of the root directory (created directories copy them). */
  mode: number;
  uid: number;
  gid: number;
  /** Permission bits, owner and group of each subdirectory that holds a file read, by relative path. */
  dirs: Map<string, { mode: number; uid: number; gid: number }>;
  /** Paths of the config files discovery found and read (daemon files and any other `*.cfg`), in path order. */
  found: string[];
  /** Every file read: the ones found and the ones reached only through `!include`/`!propmap`. */
  files: Map<string, LoadedFile>;
  /**
   * The outcome for every path a directive names inside the directory (relative, POSIX, as
   * `resolveDirectiveTarget` gives it), followed transitively from the found files.
   */
  targets: Map<string, TargetOutcome>;
  /**
   * A directive's path → the key in {@link files} it was read as, where they differ (the argument
   * goes through a symlinked file or directory, or names a file found under another name). The write
   * phase recreates the name the directive uses.
   */
  aliases: Map<string, string>;
  /** Problems with the found files themselves (unreadable, special, too large, skipped, …). */
  diagnostics: Diagnostic[];
}

/** The output directory before the run: absent, or its files as they are (for `--check` and `--force`). */
export interface LoadedOutDir {
  root: DirRoot;
  exists: boolean;
  /** True when it does not exist or holds nothing. */
  empty: boolean;
  /** Its files, read through the same guards as the input (only when the run compares with them). */
  files: Map<string, LoadedFile>;
  /** Paths that exist there but were not read (FIFO, device, symlink out, too large, …), and why. */
  refused: Map<string, TargetOutcome>;
}
