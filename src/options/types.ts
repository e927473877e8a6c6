import type { Dialect } from '../cfg/model.js';
import type { SourceFamily, Target } from '../types.js';

/** Every daemon configuration file the tables describe (Kopano names; 7.0's indexer.cfg counts as search.cfg), in the order docs/options.md lists them. */
export const DAEMON_FILES = [
  'server.cfg',
  'ical.cfg',
  'gateway.cfg',
  'search.cfg',
  'ldap.cfg',
  'ldap.propmap.cfg',
  'unix.cfg',
  'dagent.cfg',
  'spooler.cfg',
  'monitor.cfg',
  'archiver.cfg',
  'backup.cfg',
  'presence.cfg',
  'spamd.cfg',
  'autorespond.cfg',
  // Read by Kopano's PHP extension (php-mapi), not by a daemon; from ZCP 7.2.1 on.
  'php-mapi.cfg',
] as const;

export type DaemonFile = (typeof DAEMON_FILES)[number];

/** A ZCP source family or a Kopano target: `'7.0' | '7.1' | '7.2' | '8.0' | '8.7' | '11.0'`. */
export type TableVersion = SourceFamily | Target;

/** Every table version, oldest first. */
export const TABLE_VERSIONS = ['7.0', '7.1', '7.2', '8.0', '8.7', '11.0'] as const satisfies readonly TableVersion[];

/**
 * How the daemon reads a value.
 * - `boolean`: C++ `parseBool` (false only for exactly `0`, `false`, `no`); Python: lowercase yes/no/true/false/1/0 only.
 * - `yes-switch`: compared literally with `yes`; every other value is off.
 * - `size`: C++ needs leading digits (k/m/g suffix optional); Python needs a unit suffix.
 * - `socket`: a socket URI or path (`file://`, `http(s)://`, `default:`, `unix:`).
 * - `list`: space-separated tokens. `secret`: a password or key, never printed.
 */
export const OPTION_TYPES = ['boolean', 'yes-switch', 'size', 'integer', 'string', 'path', 'socket', 'enum', 'list', 'secret'] as const;
export type OptionType = (typeof OPTION_TYPES)[number];

/**
 * Table flags. The C++ `CONFIGSETTING_*` names without prefix, plus `IGNORED` (Python `Config.ignore()`)
 * and `MANDATORY` (Python option declared without a default: missing ⇒ exit 1).
 */
export const OPTION_FLAGS = ['RELOADABLE', 'UNUSED', 'OBSOLETE', 'NONEMPTY', 'NONEMPTY_IF_HOSTED', 'NONEMPTY_IF_DISTRIBUTED', 'EXACT', 'SIZE', 'IGNORED', 'MANDATORY'] as const;
export type OptionFlag = (typeof OPTION_FLAGS)[number];

/** One option as one version of one daemon knows it. */
export interface OptionSpec {
  name: string;
  type: OptionType;
  /** Compiled (C++) or Python default, written as a config value; undefined when there is none. */
  default: string | undefined;
  flags: readonly OptionFlag[];
  /** Set for `CONFIGSETTING_ALIAS` entries: the value is stored under this option instead. */
  aliasOf?: string;
  /** The accepted values of an `enum` option. */
  allowedValues?: readonly string[];
  /** The value in that version's sample file; absent when the sample does not mention the option. */
  sample?: string;
  /** True when the sample has the option only as a `#name = value` comment. */
  sampleCommented?: boolean;
  /** Build feature the option depends on (preprocessor condition), e.g. `defined(HAVE_LIBS3_H)`. */
  condition?: string;
  /** True for passwords and keys: mask the value in diffs and messages. */
  secret: boolean;
}

/** What one daemon version accepts in its config file. */
export interface OptionTable {
  file: DaemonFile;
  version: TableVersion;
  dialect: Dialect;
  /** What the daemon does on a key it does not know: refuse to start, log a warning, or not known (closed source). */
  unknownOption: 'fatal' | 'warning' | 'unknown';
  options: ReadonlyMap<string, OptionSpec>;
}
