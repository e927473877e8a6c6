import { effectiveSettings, type IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument, DirectiveLine } from '../cfg/model.js';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { ValidationCode } from '../diagnostics/codes.js';
import { daemonName, unknownOptionEffect } from './daemon.js';
import { daemonFileOf } from './files.js';
import { getOptionTable, lookupOption, PROPMAP_KEY } from './table.js';
import type { DaemonFile, OptionSpec, OptionTable, TableVersion } from './types.js';
import { badSslProtocols, cppBool, isValidSize, looksFalse, PYTHON_BOOLEANS, SSL_PROTOCOL_OPTIONS } from './values.js';

/**
 * Checks `doc` against the option table of the daemon that reads `file` in `target`: unknown,
 * deprecated, unused and ignored options, values the daemon rejects or misreads, missing
 * mandatory options and unresolvable `!include`/`!propmap` targets (only when `resolve` is given:
 * it returning undefined means the target is missing).
 *
 * `file` is the name or path of the file; its base name picks the table (daemonFileOf) and it is
 * the `file` of every diagnostic. Files no daemon table covers give no diagnostics. The parser's
 * own diagnostics (doc.diagnostics) are not repeated: callers merge them.
 */
export function validateConfig(
  doc: ConfigDocument,
  file: string,
  target: TableVersion,
  resolve?: IncludeResolver,
): Diagnostic[] {
  const daemon = daemonFileOf(file);
  if (!daemon) return [];
  const table = getOptionTable(daemon, target);
  if (!table) return [];
  const v = new Validator(table, file, daemon);
  for (const line of doc.lines) {
    if (line.kind === 'setting') v.setting(line.key, line.value, line.number);
    else if (line.kind === 'misread') v.misread(line.key, line.number);
    else if (line.kind === 'directive' && line.honoured) v.directive(line, doc, resolve);
  }
  if (table.dialect === 'python') v.mandatory(effectiveSettings(doc, resolve));
  return v.out;
}

class Validator {
  readonly out: Diagnostic[] = [];
  private readonly name: string;

  constructor(
    private readonly table: OptionTable,
    private readonly file: string,
    private readonly daemon: DaemonFile,
  ) {
    this.name = daemonName(daemon, table.version);
  }

  private add(code: ValidationCode, severity: Severity, line: number | undefined, message: string): void {
    this.out.push(diagnostic(code, severity, this.file, line, message));
  }

  private unknownSeverity(): Severity {
    return this.table.unknownOption === 'fatal' ? 'error' : 'warning';
  }

  setting(key: string, value: string, line: number): void {
    const spec = lookupOption(this.table, key);
    if (!spec) return this.unknown(key, line);
    let effective: OptionSpec = spec;
    if (spec.aliasOf !== undefined) {
      const target = this.table.options.get(spec.aliasOf);
      if (!target) {
        // The reader stores the value under the target name, which this version no longer has (8.7 server_port).
        const effect = unknownOptionEffect(this.daemon, this.table.version, this.table.unknownOption);
        this.add('UNKNOWN_OPTION', this.unknownSeverity(), line,
          `'${key}' is an old name for '${spec.aliasOf}', which ${this.name} no longer has, so ${effect}.`);
        return;
      }
      this.add('ALIAS_OPTION', 'warning', line,
        `'${key}' is a deprecated name for '${spec.aliasOf}'; ${this.name} uses the value for '${spec.aliasOf}' and logs a warning.`);
      effective = target;
    }
    // The C++ reader applies the flags of the option the value is stored under (the alias target).
    const flags = effective.flags;
    if (flags.includes('UNUSED'))
      this.add('UNUSED_OPTION', 'warning', line, `'${key}' has no effect any more; ${this.name} logs a warning and ignores the value.`);
    if (flags.includes('OBSOLETE'))
      this.add('OBSOLETE_OPTION', 'warning', line, `'${key}' is obsolete; ${this.name} still uses it but logs a warning.`);
    if (flags.includes('IGNORED'))
      this.add('IGNORED_OPTION', 'warning', line, `'${key}' is no longer used; ${this.name} logs a warning and discards the value.`);
    // `$NAME` takes the value from the environment at start-up (C++, options without EXACT): not checkable here.
    if (this.table.dialect === 'cpp' && value.startsWith('$') && !flags.includes('EXACT')) return;
    this.value(effective, key, value, line);
  }

  private unknown(key: string, line: number): void {
    const effect = unknownOptionEffect(this.daemon, this.table.version, this.table.unknownOption);
    if (this.daemon === 'ldap.cfg' && PROPMAP_KEY.test(key)) {
      this.add('UNKNOWN_OPTION', this.unknownSeverity(), line,
        `'${key}' is not one of the five property tags ldap.cfg may set (the rest belong in the !propmap file), so ${effect}.`);
      return;
    }
    if (this.daemon === 'ldap.propmap.cfg') {
      this.add('UNKNOWN_OPTION', 'warning', line,
        `'${key}' is not a property tag (0x followed by 8 hex digits), so the LDAP user plugin maps a meaningless tag to it.`);
      return;
    }
    this.add('UNKNOWN_OPTION', this.unknownSeverity(), line, `'${key}' is not an option of ${this.name}, so ${effect}.`);
  }

  misread(key: string, line: number): void {
    const effect = unknownOptionEffect(this.daemon, this.table.version, this.table.unknownOption);
    this.add('UNKNOWN_OPTION', this.unknownSeverity(), line,
      `the indented line sets an option named '${key}', which ${this.name} does not know, so ${effect}.`);
  }

  private value(spec: OptionSpec, key: string, value: string, line: number): void {
    const python = this.table.dialect === 'python';
    const nonEmpty = spec.flags.includes('NONEMPTY');
    if (value === '' && nonEmpty) {
      this.add('EMPTY_NONEMPTY', 'error', line, `'${key}' must not be empty; ${this.name} refuses to start.`);
      return;
    }
    if (value === '' && (spec.flags.includes('NONEMPTY_IF_HOSTED') || spec.flags.includes('NONEMPTY_IF_DISTRIBUTED'))) {
      const mode = spec.flags.includes('NONEMPTY_IF_HOSTED') ? 'hosted' : 'distributed (multi-server)';
      this.add('EMPTY_NONEMPTY', 'warning', line, `'${key}' is empty, which ${this.name} rejects when the server runs in ${mode} mode.`);
      return;
    }
    switch (spec.type) {
      case 'size':
        if (!isValidSize(value, this.table.dialect)) {
          this.add('INVALID_SIZE', 'error', line, python
            ? `'${key} = ${value}' is not a size with a unit (such as 64M); ${this.name} crashes at start-up.`
            : `'${key} = ${value}' does not start with a number; ${this.name} rejects it as not a size value and refuses to start.`);
        }
        break;
      case 'boolean':
        if (python && !PYTHON_BOOLEANS.has(value)) {
          this.add('INVALID_BOOLEAN', 'error', line,
            `'${key} = ${value}' is not one of yes, no, true, false, 1, 0 (lowercase); ${this.name} crashes at start-up.`);
        } else if (!python && value !== '' && cppBool(value) && looksFalse(value)) {
          this.add('BOOLEAN_READS_TRUE', 'warning', line,
            `'${key} = ${value}' is read as true: ${this.name} treats only 0, false and no (lowercase) as false.`);
        }
        break;
      case 'yes-switch':
        // CalDAV compares case-insensitively; the other daemons compare exactly.
        if (!(this.daemon === 'ical.cfg' ? /^yes$/i.test(value) : value === 'yes') && /^(yes|true|1|on|y|enabled?)$/i.test(value)) {
          this.add('YES_SWITCH_OFF', 'warning', line, `'${key} = ${value}' is off: ${this.name} turns it on only for the exact value yes.`);
        }
        break;
      case 'enum':
        if (python && spec.allowedValues && !spec.allowedValues.includes(value)) {
          this.add('INVALID_VALUE', 'error', line,
            `'${key} = ${value}' is not one of ${spec.allowedValues.join(', ')}; ${this.name} stops at start-up.`);
        }
        break;
      case 'integer':
        if (python && !/^[+-]?[0-9]+$/.test(value)) {
          this.add('INVALID_VALUE', 'error', line, `'${key} = ${value}' is not a whole number; ${this.name} stops at start-up.`);
        }
        break;
      default:
        break;
    }
    if (SSL_PROTOCOL_OPTIONS.has(spec.name)) {
      const bad = badSslProtocols(value, this.daemon, this.table.version);
      if (bad.length) {
        this.add('INVALID_SSL_PROTOCOL', 'error', line, `'${key}' names unknown protocol${bad.length > 1 ? 's' : ''} ${bad.join(', ')}; ${
          this.daemon === 'server.cfg' ? `${this.name} cannot set up SSL and refuses to start` : `${this.name} cannot open its SSL listeners`}.`);
      }
    }
  }

  directive(line: DirectiveLine, doc: ConfigDocument, resolve: IncludeResolver | undefined): void {
    if (line.arg === '') return; // the parser reports DIRECTIVE_WITHOUT_PATH
    if (line.name === 'propmap' && this.daemon !== 'ldap.cfg') {
      this.add('UNSUPPORTED_DIRECTIVE', 'warning', line.number,
        `'!propmap' is honoured only in ldap.cfg; ${this.name} logs "Unsupported directive" and ignores the line.`);
      return;
    }
    if ((line.name === 'include' || line.name === 'propmap') && resolve && resolve(line, doc) === undefined) {
      this.add('MISSING_INCLUDE', 'error', line.number, `'!${line.name} ${line.arg}' names a file that cannot be read; ${
        this.daemon === 'ldap.cfg' || this.daemon === 'unix.cfg'
          ? `${this.name} rejects the configuration, so every login fails`
          : `${this.name} refuses to start`}.`);
    }
  }

  mandatory(settings: ReadonlyMap<string, unknown>): void {
    for (const spec of this.table.options.values()) {
      if (spec.flags.includes('MANDATORY') && !settings.has(spec.name)) {
        this.add('MISSING_MANDATORY', 'error', undefined, `'${spec.name}' has no default and is not set; ${this.name} exits at start-up.`);
      }
    }
  }
}
