/**
 * Every code a Diagnostic or a TranslateError carries, with what it means and what to do: the one
 * table the `DiagnosticCode` type and docs/errors.md (scripts/build-errors-doc.mjs) are made from.
 */

export interface CodeInfo {
  section: SectionId;
  /** Markdown: the severity (where fixed), the cause, and `*Do:*` what to do. */
  text: string;
}

export type SectionId = "run" | "read" | "parse" | "validate" | "rules" | "clients" | "merge" | "ldif";

/** The sections of docs/errors.md, in order, with the prose that opens each. */
export const CODE_SECTIONS: readonly { id: SectionId; title: string; intro: string }[] = [
  { id: "run", title: "Run errors (exit 2, nothing written)", intro: "" },
  { id: "read", title: "Reading the directory", intro: "" },
  { id: "parse", title: "Parsing a file", intro: "" },
  { id: "validate", title: "Validating against a daemon's option table", intro: "`validateConfig` reports these against the source (ZCP) or target (Kopano) table. When the\n**translated output** still has an error, `translateConfig` repeats it as `OUTPUT_<CODE>` (for example\n`OUTPUT_INVALID_VALUE`), on the source file: the translation is not written, since the Kopano daemon\nwould not start with it. *Do:* fix the value in the source directory and run again (or report a bug:\nthe rules aim to leave no `OUTPUT_` error).\n\n### OUTPUT_&lt;CODE&gt;\nerror — See above: a validation error in the translated output. `OUTPUT_MISSING_INCLUDE` is not repeated\nfor an include the directory layer already reported (`INCLUDE_NOT_FOUND` and the rest)." },
  { id: "rules", title: "Translation rules", intro: "" },
  { id: "clients", title: "WebApp and Z-Push configuration (`config.php`)", intro: "A `config.php` under the input directory (`webapp/config.php`, `z-push/…/config.php`), or given with `--webapp` / `--z-push`, is read with a small PHP-aware scanner of its `define()` calls; only plain string literals are rewritten, every other byte is kept." },
  { id: "merge", title: "Merging into installed Kopano files (`--kopano-dir`)", intro: "" },
  { id: "ldif", title: "Reading an LDIF export (`zarafa2kopano ldif`)", intro: "Errors here stop the `ldif` command: exit 2, nothing on stdout. Messages name the line and attribute\nnames, never values. See [ldap.md](ldap.md)." },
];

export const DIAGNOSTIC_CODES = {
  INPUT_NOT_FOUND: { section: "run", text: "The input directory does not exist (or a path component is not a directory, or the path is a symlink\nloop). *Do:* check the path; give the Zarafa configuration directory, e.g. `/etc/zarafa`." },
  INPUT_NOT_A_DIRECTORY: { section: "run", text: "The path given is a file, not a directory. *Do:* give the directory that holds the `*.cfg` files, not a\nfile in it." },
  INPUT_UNREADABLE: { section: "run", text: "The directory exists but cannot be listed (permissions). *Do:* run as a user who can read it (root)." },
  NO_CONFIG_FILES: { section: "run", text: "The directory holds no readable `*.cfg` file (the message lists the ones skipped, such as dangling\nsymlinks). *Do:* give the Zarafa configuration directory itself." },
  OUT_DIR_OVERLAPS_INPUT: { section: "run", text: "`--out` is the input directory, lies inside it, or contains it (after resolving symlinks and `..`).\nThe input is never modified. *Do:* choose a separate directory, e.g. `/etc/kopano`." },
  OUT_DIR_NOT_A_DIRECTORY: { section: "run", text: "`--out` names an existing file. *Do:* choose a directory path." },
  OUT_DIR_NOT_EMPTY: { section: "run", text: "`--out` exists and is not empty. *Do:* choose an empty or new directory, or pass `--force` to replace\nthe files this translation writes (other files there are left alone)." },
  OUT_DIR_UNUSABLE: { section: "run", text: "`--out` cannot be checked or listed (permissions, or a path component is a file). *Do:* choose a\ndirectory you can write to." },
  OUT_DIR_SYMLINK: { section: "run", text: "A directory inside `--out` on the way to an output file is a symbolic link; writing through it could\nchange files anywhere, the input included. Checked for every file before anything is written. *Do:*\nremove the link (or replace it with a real directory), or choose another `--out`." },
  WRITE_FAILED: { section: "run", text: "Writing the output failed part-way (the message names the file and the system error: `EISDIR` for a\ndirectory in the way, `ENOTDIR` for a file where a directory must go, `ENOSPC`, `EACCES`, ...). Nothing\nis visible half-done: a new `--out` is built in a staging directory beside it that is removed on the\nfailure; with `--force` every file is staged first, and a failure after the first replacement rolls\nback from the journal (see [cli.md](cli.md#what-a-write-guarantees)). `EPERM` while replacing a file:\nits owner and group could not be kept (only root can give a file away). Also: an interrupted run's\njournal that cannot be read or was not written by this tool. *Do:* fix the cause named in the message\nand run again." },
  WRITE_INTERRUPTED: { section: "run", text: "SIGINT, SIGTERM or SIGHUP arrived while the output was being written; the run rolled back before\nexiting (exit 2): a new `--out` does not exist, an existing one holds exactly what it held before.\n*Do:* run again when the stop was not meant." },
  OUT_DIR_LOCKED: { section: "run", text: "Another run is writing the same output: the lock file `.<name>.zarafa2kopano.lock` beside `--out`\nnames a process that is alive on this host (or one on another host, which is never judged stale).\nNothing was written. *Do:* wait for that run; if it does not exist (pid reused after a crash), remove\nthe lock file the message names." },
  OUT_DIR_STALE_LOCK: { section: "run", text: "The lock beside `--out` belonged to a run that is gone (its pid is not alive on this host, or the lock\nfile was unreadable and older than 10 s): it was killed. The lock was taken over and the killed\nrun's staging directories removed. *Do:* nothing; find out what killed the earlier run." },
  OUT_DIR_ROLLED_BACK: { section: "run", text: "`--out` held the journal of a run stopped while it replaced files (`--force`): the files it had\nreplaced were restored and the ones it had created removed, before this run wrote its own. *Do:*\nnothing; the output now holds this run's files." },
  KOPANO_DIR_NOT_FOUND: { section: "run", text: "The `--kopano-dir` directory is missing, not a directory, or cannot be listed (the same checks as the\ninput directory). *Do:* give the directory of the installed Kopano configuration, e.g. `/etc/kopano`." },
  KOPANO_DIR_NOT_A_DIRECTORY: { section: "run", text: "The `--kopano-dir` directory is missing, not a directory, or cannot be listed (the same checks as the\ninput directory). *Do:* give the directory of the installed Kopano configuration, e.g. `/etc/kopano`." },
  KOPANO_DIR_UNREADABLE: { section: "run", text: "The `--kopano-dir` directory is missing, not a directory, or cannot be listed (the same checks as the\ninput directory). *Do:* give the directory of the installed Kopano configuration, e.g. `/etc/kopano`." },
  KOPANO_DIR_EMPTY: { section: "run", text: "`--kopano-dir` holds no `*.cfg` file. *Do:* install the Kopano packages first (they provide the files to\nmerge into), or leave out `--kopano-dir`." },
  OUT_DIR_INSIDE_KOPANO_DIR: { section: "run", text: "With `--kopano-dir`, `--out` lies inside the Kopano directory. *Do:* write to the Kopano directory itself\nor to a separate directory." },
  INPUT_UNSAFE_PERMISSIONS: { section: "run", text: "error — The directory, a subdirectory a file is read from, or a directory above it can be written by\nusers other than root and you (group- or world-writable, or owned by another user; a directory above it\nmay be world-writable only with the sticky bit, like `/tmp`). Such a user could swap a file or\ndirectory for a symlink while the run reads it (docs/security.md, \"Reading\"). *Do:* `chmod go-w` the\ndirectory named, or copy the configuration to a place only you and root can write." },
  KOPANO_DIR_UNSAFE_PERMISSIONS: { section: "run", text: "error — The directory, a subdirectory a file is read from, or a directory above it can be written by\nusers other than root and you (group- or world-writable, or owned by another user; a directory above it\nmay be world-writable only with the sticky bit, like `/tmp`). Such a user could swap a file or\ndirectory for a symlink while the run reads it (docs/security.md, \"Reading\"). *Do:* `chmod go-w` the\ndirectory named, or copy the configuration to a place only you and root can write." },
  OUT_DIR_UNSAFE_PERMISSIONS: { section: "run", text: "error — The same rule for `--out`: the output directory (or, when it does not exist yet, the existing\nparent it would be created in, by the parent rule) and the directories above it. *Do:* `chmod go-w` the\ndirectory named, or choose another output directory." },
  FILE_UNREADABLE: { section: "read", text: "error — A `*.cfg` file cannot be read (permissions, I/O error). *Do:* run as a user who can read it." },
  FILE_TOO_LARGE: { section: "read", text: "error — A `*.cfg` file is over 4 MiB; no config file is that large, and reading it whole would only waste\nmemory. *Do:* move it out of the directory if it is not a config file." },
  BINARY_FILE: { section: "read", text: "error — The file contains a NUL byte (the line of the first one is given): it is not a text config file,\nand the C++ reader would cut the line there. *Do:* remove the NUL bytes, or move the file out of the\ndirectory." },
  NOT_A_REGULAR_FILE: { section: "read", text: "error — A `*.cfg` entry is a pipe, socket or device. It is never opened; since a daemon's settings may be\nbehind the name, the run stops rather than write an output without them. *Do:* replace it with the\nregular file the daemon reads, or move it out of the directory." },
  SYMLINK_OUTSIDE_INPUT: { section: "read", text: "error — A `*.cfg` symlink leads outside the input directory; it was not read. *Do:* copy the file into the\ndirectory (or translate it separately) and run again." },
  SYMLINK_LOOP: { section: "read", text: "warning — A `*.cfg` symlink is a loop; no daemon can read it, so it is skipped. *Do:* remove it or point it\nat a real file." },
  SYMLINK_DANGLING: { section: "read", text: "warning — A `*.cfg` symlink points at nothing; skipped. *Do:* remove it or point it at a real file." },
  INCLUDE_NOT_FOUND: { section: "read", text: "warning — An `!include`/`!propmap` names a file that does not exist in the input directory (or is a\ndangling symlink or a loop). The daemon would refuse to start with it; the translation goes on and keeps\nthe line. *Do:* create the file, or remove the line." },
  INCLUDE_OUTSIDE_INPUT: { section: "read", text: "error — An `!include`/`!propmap` points outside the input directory (an absolute path other than\n`/etc/zarafa/...`, a `../` path, or a symlink that leads out). It was not read. *Do:* copy that file into\nthe directory and point the directive at it, or remove the line." },
  INCLUDE_IS_DIRECTORY: { section: "read", text: "error — An `!include`/`!propmap` names a directory (or the configuration directory itself); the daemon\nwould refuse to start. *Do:* name a file." },
  INCLUDE_NOT_A_FILE: { section: "read", text: "error — An `!include`/`!propmap` names a pipe, socket or device; it was not read. *Do:* name a regular file." },
  INCLUDE_UNREADABLE: { section: "read", text: "error — The file an `!include` or `!propmap` names exists but cannot be read: this user may not read it or a directory on the way (`EACCES`), or it changed while it was read. Nothing of it is used. *Do:* run as a user who can read it (root), and when nothing else writes the directory." },
  INCLUDE_TOO_DEEP: { section: "read", text: "error — An `!include` chain is more than 64 files deep (the Kopano readers have no limit, but no real configuration comes near one); the file past the limit is not read. *Do:* flatten the chain." },
  INCLUDE_ALIAS_COPIED: { section: "read", text: "info — An `!include`/`!propmap` names a file through a symlink inside the input directory (`alias.inc` → `x.inc`). The output is written with regular files only, so the translated `x.inc` is written under both names and the directive keeps working. *Do:* nothing; make it a symlink again by hand if you prefer." },
  INCLUDE_CYCLE: { section: "read", text: "warning — Includes form a cycle (the message shows it). The daemon skips a file it has already read, so\nthe line closing the cycle has no effect. *Do:* remove it." },
  INCLUDE_SHARED: { section: "read", text: "warning — Two daemon files include the same file; it is checked against the options of the first\ndaemon only. *Do:* check the shared file suits both daemons, or give each its own copy." },
  TARGET_COLLISION: { section: "read", text: "error — Two source files translate to the same output file (ZCP 7.0's `indexer.cfg` next to a\n`search.cfg`). *Do:* remove the one the daemon no longer reads and run again." },
  OUTPUT_NOT_ENCODABLE: { section: "read", text: "error — The file is latin-1, and the translation (or merge) put characters into it that latin-1 cannot\nstore. *Do:* convert the file to UTF-8 and run again." },
  NOT_A_DAEMON_CONFIG: { section: "read", text: "info — No Kopano daemon reads a file by this name (e.g. `php-mapi.cfg`), and no daemon file includes it;\nit is copied unchanged. (A file reached through an `!include` is translated with its includer's options.)" },
  BYTE_ORDER_MARK: { section: "parse", text: "warning — The file starts with a UTF-8 byte order mark, which the daemon reads as part of line 1 (the\nmessage says what that does to line 1). *Do:* remove the mark." },
  LINE_TOO_LONG: { section: "parse", text: "warning — A line is longer than the 4095 bytes the C++ reader reads at a time; the rest is read as a line\nof its own. *Do:* shorten the line; the translation keeps it byte for byte." },
  VALUE_TRUNCATED: { section: "parse", text: "warning — A value is longer than the 1023 bytes the C++ reader keeps. *Do:* shorten the value." },
  DUPLICATE_KEY: { section: "parse", text: "warning — An option is set twice in one file; the last one wins. *Do:* remove the line that has no effect." },
  MISREAD_LINE: { section: "parse", text: "warning — An indented `# key = value` line: `#` and `!` count only in column 0 for the C++ reader, so it\nreads an option named `# key`. *Do:* start the comment in column 0 (the unknown-options rule comments\nthe line out)." },
  DIRECTIVE_IGNORED: { section: "parse", text: "warning — A `!` directive in a file read by a Python daemon, which ignores directives. *Do:* copy the\nsettings of the named file into this file." },
  UNKNOWN_DIRECTIVE: { section: "parse", text: "warning — A `!name` line the daemon does not know (or with no space after the name); it logs a warning\nand ignores the line. *Do:* fix or remove the line." },
  DIRECTIVE_WITHOUT_PATH: { section: "parse", text: "error — `!include` or `!propmap` with no file name; the daemon does not start. *Do:* add the file name or\nremove the line." },
  LINE_IGNORED: { section: "parse", text: "info — A line without `=` (e.g. `key value`); the daemon ignores it. *Do:* add the `=` if it was meant as\na setting." },
  UNKNOWN_OPTION: { section: "validate", text: "error for C++ daemons (they refuse to start), warning for Python daemons (they log and go on) — The key\nis not an option of that daemon (also: an old alias the target no longer has, an indented line read as an\noption, a property tag ldap.cfg may not set). *Do:* remove or rename it; the translation comments out\nunknown options with the reason." },
  ALIAS_OPTION: { section: "validate", text: "warning — A deprecated name of another option; the daemon uses it but logs a warning. *Do:* use the new name." },
  UNUSED_OPTION: { section: "validate", text: "warning — The option has no effect any more. *Do:* remove it." },
  OBSOLETE_OPTION: { section: "validate", text: "warning — The option is obsolete; the daemon still uses it but logs a warning." },
  IGNORED_OPTION: { section: "validate", text: "warning — The option is no longer used; the daemon logs a warning and discards the value. *Do:* remove it." },
  EMPTY_NONEMPTY: { section: "validate", text: "error (warning when only hosted or multi-server mode rejects it) — The option must not be empty.\n*Do:* set a value or remove the line to get the default." },
  INVALID_SIZE: { section: "validate", text: "error — A size option without leading digits (C++) or without a unit such as `64M` (Python). *Do:* write a\nsize like `256M`." },
  INVALID_BOOLEAN: { section: "validate", text: "error — A Python daemon's boolean that is not one of `yes`, `no`, `true`, `false`, `1`, `0`\n(lowercase). *Do:* use one of those." },
  BOOLEAN_READS_TRUE: { section: "validate", text: "warning — A C++ boolean that looks false (`No`, `off`, `FALSE`) but is read as true: only `0`, `false`\nand `no` (lowercase) are false. *Do:* write `no` if false was meant." },
  YES_SWITCH_OFF: { section: "validate", text: "warning — An option compared literally with `yes`; any other value (`true`, `1`, `Yes`) is off. *Do:*\nwrite `yes` if it should be on." },
  INVALID_VALUE: { section: "validate", text: "error — Not one of the allowed values (an enum such as `log_method = file|syslog`), or not a whole number.\n*Do:* use an allowed value." },
  INVALID_SSL_PROTOCOL: { section: "validate", text: "error — `ssl_protocols` names a protocol the daemon does not know. *Do:* use names such as `TLSv1.2`,\n`!SSLv3`." },
  UNSUPPORTED_DIRECTIVE: { section: "validate", text: "warning — `!propmap` outside ldap.cfg; the daemon logs \"Unsupported directive\" and ignores it. *Do:* move\nit to ldap.cfg or remove it." },
  MISSING_INCLUDE: { section: "validate", text: "error — An `!include`/`!propmap` names a file that cannot be read; the daemon refuses to start (the LDAP\nand Unix plugins reject the configuration). *Do:* create the file or remove the line." },
  MISSING_MANDATORY: { section: "validate", text: "error — A Python daemon's option with no default is not set; the daemon exits at start-up. *Do:* set it." },
  USER_PLUGIN_CONFIG_MISSING: { section: "rules", text: "warning — server.cfg uses the LDAP (or Unix) user plugin, and `user_plugin_config` names a file that is not in the directory translated (by default /etc/zarafa/ldap.cfg): the translation points it at /etc/kopano, but nothing writes that file there, so kopano-server starts and every logon fails. *Do:* put the plugin's file into the directory and translate again." },
  INCLUDE_IGNORED: { section: "rules", text: "warning (rule `includes`) — A Python daemon ignores `!include`, so the settings of the named file are not\nread. *Do:* copy them into the file itself." },
  SSLV2_ENABLED: { section: "rules", text: "warning (rule `ssl-protocols`) — ZCP allowed SSLv2; Kopano cannot offer it, so clients that need it will\nfail. *Do:* upgrade those clients." },
  CUSTOM_SOCKET_KEPT: { section: "rules", text: "warning (rule `sockets`) — A socket path that is not a Zarafa default is kept. *Do:* make sure the daemon,\nrunning as the Kopano user, can create or reach it, and that its clients use the same path." },
  CUSTOM_PID_FILE_KEPT: { section: "rules", text: "warning (rule `pid-files`) — A pid file that is not a Zarafa default is kept. *Do:* make sure the Kopano\nuser can write it." },
  CACHE_VALUE_DROPPED: { section: "rules", text: "warning (rule `cache-values`) — A `cache_*` value was removed by an earlier rule. *Do:* set it again in the\nKopano server.cfg." },
  PROPMAP_RELATIVE_PATH: { section: "rules", text: "warning (rule `ldap-propmap`) — A relative `!propmap` path resolves against the daemon's working\ndirectory, not against ldap.cfg. *Do:* write an absolute path." },
  PROPMAP_NOT_TRANSLATED: { section: "rules", text: "info, or warning with `--ldap-schema kopano` (rule `ldap-propmap`) — The property map lies outside\n`/etc/zarafa` and is not translated. *Do:* with the kopano schema, rename its `zarafa*` attribute names by\nhand." },
  VALUE_MEANING_CHANGED: { section: "rules", text: "warning (rule `value-syntax`) — A value the Kopano reader would refuse had no spelling with the meaning ZCP\ngave it (e.g. an empty or unknown `log_method`, with which the C++ ZCP daemon logged to stderr), so the line\nis commented out and Kopano's default applies, or it was re-spelled with a different meaning. *Do:* check\nthe option and set the value you want." },
  SEARCH_BOOLEAN_READ_AS_TRUE: { section: "rules", text: "warning (rule `search-index`) — ZCP's C++ reader took the value as true, so it is written as `yes`. *Do:*\nset `no` if false was meant." },
  LISTENER_SWITCH_NOT_YES: { section: "rules", text: "info (rule `listen-options`, target 8.7) — An `*_enable` value such as `true` did not turn the listener on\n(only `yes` does), so the `*_listen` option is left off. *Do:* add the listener if it was meant to be on." },
  MERGE_NOT_MERGED: { section: "merge", text: "info — No Kopano daemon reads the file with an option table, so the Kopano file is kept as it is. *Do:*\ncompare it with the Zarafa file by hand." },
  MERGE_KOPANO_ONLY: { section: "merge", text: "info — The file is only in the Kopano directory; kept unchanged." },
  MERGE_CONFLICT: { section: "merge", text: "warning — The Kopano file sets an option to one value and your configuration needs another; yours was\nwritten. *Do:* keep whichever you want." },
  MERGE_REMOVED_OPTION: { section: "merge", text: "warning — A customised setting that Kopano ignores or does not know was not carried. *Do:* find what\nreplaces it in Kopano if you still need it." },
  MERGE_DIRECTIVE_NOT_CARRIED: { section: "merge", text: "info or warning — An `!include`/`!propmap` of your configuration is not copied (its settings were merged,\nor Kopano names its own property map); a warning when the Kopano file has no such line. *Do:* add it by\nhand if the daemon still needs that file." },
  MERGE_KOPANO_INCLUDE_OUTSIDE: { section: "merge", text: "info — An `!include` in the Kopano file lies outside the Kopano directory and was not read; carried\nsettings come after it, so they win." },
  MERGE_KOPANO_FILE_PROBLEM: { section: "merge", text: "warning — The installed Kopano file itself has a problem (the message repeats it)." },
  MERGE_EDIT_FAILED: { section: "merge", text: "error — The settings could not be written into the Kopano file; nothing was carried. *Do:* report it, with\nthe file." },
  DIR_UNREADABLE: { section: "read", text: "warning — A subdirectory cannot be listed (e.g. `chmod 000` as a non-root user); the `*.cfg` files in it,\nif any, were not looked at. A warning, not an error: daemons read their files by name from the top\ndirectory, and an `!include` into such a directory is reported on its own line. *Do:* run as a user who\ncan read it." },
  SYMLINK_TO_OUTSIDE_DIRECTORY: { section: "read", text: "warning — A `*.cfg` entry is a symlink to a directory outside the input directory. It is not a config\nfile, so nothing a daemon reads is lost; nothing in it was read. *Do:* remove the link, or copy the files\nit should hold into the directory." },
  FILE_CHANGED_WHILE_READ: { section: "read", text: "error — What was opened is not what was checked: another inode, a directory on the path replaced by a\nsymlink, or the file's size or time changed during the read. Nothing of the file is used. *Do:* run\nagain when nothing else is changing the directory." },
  TEMPLATE_PLACEHOLDER: { section: "read", text: "error — A setting or directive holds a template placeholder (`{{ … }}`, `{% … %}`, `<% … %>`): the file is a template of a configuration tool (Go templates, Jinja, ERB, Mason), and the daemon would read the placeholder as the value (`log_level = {{.Env.LOG_LEVEL}}` is level 0). Nothing is written. *Do:* render the template with this host's values and translate the result." },
  KOPANO_SOURCE_NEWER: { section: "read", text: "warning — The file is written for Kopano 8.7 (it sets an option only 8.7 knows, such as `server_listen`), and the target is 8.0: it is left unchanged, since 8.0 would not read those options. *Do:* run with `--target 8.7`." },
  KOPANO_FILES_MIXED: { section: "read", text: "info — The directory holds both ZCP files and files already written for Kopano (the message names them). Each file is translated from its own source: the Kopano files get no ZCP rewrites, only what their target needs. *Do:* nothing; check the Kopano files are the ones you meant to keep." },
  NOT_FOR_KOPANO: { section: "read", text: "info — A file of the ZCP directory that no Kopano program reads (`ws.cfg`, `example-msr.cfg`, `backup-plus.cfg`, `licensed.cfg`); the message says what became of the program that read it. It is not written to the output, so /etc/kopano holds no file with Zarafa sockets and paths that nobody reads. *Do:* nothing; keep the copy of /etc/zarafa if you need it for reference." },
  RUNBOOK_IN_INPUT: { section: "run", text: "`--runbook FILE` lies inside the input directory (symlinks resolved), which is never modified. Checked\nbefore anything is written. *Do:* write the runbook elsewhere, e.g. `--runbook /root/runbook.sh`." },
  CLIENT_CONFIG_UNREADABLE: { section: "run", text: "The file given with `--webapp` or `--z-push` is missing, not a regular file, too large or binary. *Do:* name the WebApp or Z-Push `config.php` itself." },
  PHP_NOT_PHP: { section: "clients", text: "warning — The file does not start with `<?php`, so it is not read as a WebApp or Z-Push configuration; it is kept as it is. *Do:* check its server socket by hand." },
  PHP_DEFINE_NOT_LITERAL: { section: "clients", text: "warning — A `define()` of the server socket or the Z-Push backend is not two plain string literals (an expression, a constant, an escape or a variable), so it is not rewritten rather than guessed at. *Do:* set it by hand; the message says to what." },
  LDIF_SYNTAX: { section: "ldif", text: "error — A line that is not LDIF (RFC 2849): no `:` after an attribute name, a name that is not an\nattribute description, a continuation line (starting with a space) with nothing before it to continue,\na `-` outside a modify record, an entry without attributes, lines after `changetype: delete`, or a\n`version:` other than 1. *Do:* fix the line named; re-export with `slapcat` or `ldapsearch -LLL`." },
  LDIF_BAD_BASE64: { section: "ldif", text: "error — A `::` value is not complete base64 (cut off, or a character outside the base64 alphabet).\n*Do:* re-export; a truncated file often ends like this." },
  LDIF_MISSING_DN: { section: "ldif", text: "error — A record does not start with `dn:`. Records are separated by empty lines; an empty line inside\nan entry splits it. *Do:* remove the stray empty line or add the `dn:`." },
  LDIF_UNKNOWN_CHANGETYPE: { section: "ldif", text: "error — `changetype:` is not add, delete, modify, modrdn or moddn." },
  LDIF_MODIFY_UNTERMINATED: { section: "ldif", text: "error — A modification of a `changetype: modify` record (`add:`, `delete:`, `replace:`) is not closed\nwith a `-` line before the next modification or the end of the record. *Do:* add the `-` line." },
  LDIF_NO_KOPANO_NAME: { section: "ldif", text: "warning — An attribute or object class starting with `zarafa` that zarafa.schema does not define (a local\nschema extension): it has no kopano.schema counterpart and is kept as it is. *Do:* decide whether the\nlocal schema needs a kopano version." },
  LDIF_FILTER_NAMES_ZARAFA: { section: "ldif", text: "warning — A `zarafaFilter` value (a dynamic group or address list) names zarafa.schema attributes or\nclasses. Values are carried over unchanged, so after the migration the filter matches nothing. *Do:*\nedit the `kopanoFilter` value to the kopano names once the directory is migrated." },
  LDIF_CHANGE_RECORD_KEPT: { section: "ldif", text: "warning — A `changetype: modify`, `delete` or `modrdn` record names zarafa.schema names. Only entries\n(content records and `changetype: add`) are translated: modify mode leaves the record out, entries mode\nkeeps it as it is. *Do:* apply or translate such changes by hand." },
} as const satisfies Record<string, CodeInfo>;

/** A code of the table. */
export type TableCode = keyof typeof DIAGNOSTIC_CODES;

/** The codes validateConfig reports: repeated as OUTPUT_<CODE> when the translated output still has them. */
export type ValidationCode = { [K in TableCode]: (typeof DIAGNOSTIC_CODES)[K]['section'] extends 'validate' ? K : never }[TableCode];

/** Every code a diagnostic can carry: the table's, and a validation error found in the output. */
export type DiagnosticCode = TableCode | `OUTPUT_${ValidationCode}`;

/** True when `code` is one of the table's. */
export function isTableCode(code: string): code is TableCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}

/** The code a validation error of the translated output is reported with (OUTPUT_<CODE>). */
export function outputCodeOf(code: DiagnosticCode): DiagnosticCode {
  return DIAGNOSTIC_CODES[code as TableCode]?.section === 'validate' ? (`OUTPUT_${code as ValidationCode}` as const) : code;
}
