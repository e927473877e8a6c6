import { remove, removeRawLine } from '../rule-steps.js';
import { lookupOption, type DaemonFile, type OptionTable } from '../../options/index.js';
import type { Rule } from '../rule.js';
import { programOf } from './lib/values.js';

export const unknownOptionsRule: Rule = {
  id: 'unknown-options',
  title: 'Comment out options the Kopano daemon does not know or no longer uses, with the reason',
  why:
    'The C++ Kopano daemons refuse to start on an option they do not know, and on an empty value for an option that ' +
    'must not be empty; an indented "# key = value" line is read as an unknown option too. Options Kopano accepts but ' +
    'ignores, and unknown keys the Python daemons only warn about, are commented out as well so the file says what is used.',
  guide: 'Remove options Kopano does not know (after the renames above).',
  files: 'all',
  *apply(ctx) {
    const table = ctx.targetTable;
    // The propmap group takes any key (the plugin reads it with unknown keys allowed).
    if (!table || ctx.daemon === 'ldap.propmap.cfg') return;
    const program = programOf(ctx.daemon);
    const target = `Kopano ${ctx.options.target}`; // once per file, not per setting
    for (const line of ctx.doc.lines) {
      if (line.kind !== 'misread') continue;
      yield removeRawLine(line.number, line.key, `the leading blank makes ${program} read this line as the option "${line.key}", which it does not know` +
        (table.unknownOption !== 'fatal' ? '' : ctx.daemon === 'php-mapi.cfg' ? ', and then applies none of the settings of the file' : ' and refuses to start with'));
    }
    // Each step changes only its own line, so the lazy walk sees what a list taken now would.
    for (const { line, key, value } of ctx.plan.settings()) {
      const reason = reasonToRemove(table, key, value, program, target, refusalOf(ctx.daemon));
      if (reason) yield remove(line.number, reason);
    }
  },
};

/** What a refused setting costs: a daemon does not start; the PHP extension drops the file's settings (its config load fails, so it sets up no logger from it). */
function refusalOf(daemon: DaemonFile | undefined): string {
  return daemon === 'php-mapi.cfg' ? 'then applies none of the settings of the file' : REFUSES_TO_START;
}
const REFUSES_TO_START = 'refuses to start with it';

/** Why `key = value` must not stay active in the target daemon's file, or undefined when it may. */
function reasonToRemove(table: OptionTable, key: string, value: string, program: string, target: string, refusal: string): string | undefined {
  const spec = lookupOption(table, key);
  if (!spec) {
    switch (table.unknownOption) {
      case 'fatal':
        return `${program} (${target}) does not know ${key} and ${refusal}`;
      case 'warning':
        return `${program} (${target}) does not know ${key}; it only logs a warning and ignores it`;
      default:
        return `${key} is not an option of ${program} (${target})`;
    }
  }
  if (spec.aliasOf !== undefined && !lookupOption(table, spec.aliasOf)) {
    return `${key} is an old name of ${spec.aliasOf}, which ${program} (${target}) no longer knows`;
  }
  if (spec.flags.includes('UNUSED')) return `${key} has no effect in ${program} (${target}); it only logs that it is not used`;
  if (spec.flags.includes('IGNORED')) return `${program} (${target}) ignores ${key} and logs a warning`;
  if (value === '' && spec.flags.includes('NONEMPTY')) {
    const def = spec.default === undefined || spec.default === '' ? 'its default' : `its default ${spec.default}`;
    const effect = refusal === REFUSES_TO_START ? `refuses to start with an empty ${key}` : `rejects an empty ${key} and ${refusal}`;
    return `${program} (${target}) ${effect}; without the line ${def} applies`;
  }
  return undefined;
}
