/**
 * translateLdif: a directory export (LDIF) from zarafa.schema names to kopano.schema ones. Pure:
 * text in, text and diagnostics out. Two outputs: an ldapmodify change file (`modify`) or the
 * export itself with the names replaced in place (`entries`, for slapadd). docs/ldap.md.
 */
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { changeFile } from './change-file.js';
import { rewriteEntries } from './rewrite-entries.js';
import type { LdifAttributeLine, LdifDocument } from './model.js';
import { parseLdif } from './parse.js';
import { mentionsZarafaSchema } from '../3-plan/rules/data/ldap-names.js';
import { mapLine, mentionsZarafa, type MappedEntry } from './schema-names.js';

export type LdifMode = 'modify' | 'entries';

export interface TranslateLdifOptions {
  /** `modify` (default): an ldapmodify change file; `entries`: the entries rewritten for slapadd. */
  mode?: LdifMode;
  /** Names the input in diagnostics (default `<ldif>`). */
  file?: string;
}

/** A name that looks like zarafa.schema but has no kopano.schema counterpart: kept, and reported. */
export interface KeptLdifName {
  line: number;
  name: string;
}

export interface LdifTranslation {
  mode: LdifMode;
  /** The change file or the rewritten export; '' when a diagnostic is an error (nothing to write). */
  output: string;
  diagnostics: Diagnostic[];
  /** Entries read (content records and `changetype: add` records). */
  entries: number;
  /** Entries holding zarafa.schema data: the ones the output changes. */
  changedEntries: number;
  /** Attribute values moved from a zarafaX attribute to its kopanoX counterpart. */
  changedAttributes: number;
  /** objectClass values changed from a zarafa class to its kopano counterpart. */
  changedObjectClasses: number;
  /** zarafaFilePath values whose Zarafa socket became the Kopano one. */
  changedSockets: number;
  kept: KeptLdifName[];
}

export function translateLdif(text: string, options: TranslateLdifOptions = {}): LdifTranslation {
  const mode = options.mode ?? 'modify';
  const file = options.file ?? '<ldif>';
  const { document, diagnostics } = parseLdif(text, file);
  const result: LdifTranslation = {
    mode, output: '', diagnostics, entries: 0, changedEntries: 0, changedAttributes: 0, changedObjectClasses: 0, changedSockets: 0, kept: [],
  };
  const entries = mapEntries(document, file, result);
  if (hasErrors(diagnostics)) return result;
  const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
  result.output = mode === 'modify' ? changeFile(document, entries, eol) : rewriteEntries(document, entries);
  return result;
}

function mapEntries(document: LdifDocument, file: string, result: LdifTranslation): MappedEntry[] {
  const out: MappedEntry[] = [];
  for (const record of document.records) {
    if (record.kind !== 'entry' && record.kind !== 'add') {
      const l = document.lines.slice(record.dn, record.end).find((x): x is LdifAttributeLine => x.kind === 'attribute' && mentionsZarafa(x));
      if (l) {
        result.diagnostics.push(diagnostic('LDIF_CHANGE_RECORD_KEPT', 'warning', file, document.lines[record.dn]!.line,
          `a changetype: ${record.kind} record names zarafa.schema attributes or classes (line ${l.line}); only entries are translated, so it is left out of the output in modify mode and kept as it is in entries mode`));
      }
      continue;
    }
    result.entries++;
    const entry: MappedEntry = { record, lines: [], zarafa: false };
    for (const index of record.attributes) {
      const line = document.lines[index] as LdifAttributeLine;
      const mapping = mapLine(line);
      entry.lines.push({ line, index, mapping });
      if (mapping.kind === 'object-class') result.changedObjectClasses++;
      else if (mapping.kind === 'attribute') {
        result.changedAttributes++;
        if (mapping.socket) result.changedSockets++;
        // Values are not rewritten, but a search filter naming zarafa names stops matching later.
        if (line.name.toLowerCase() === 'zarafafilter' && mentionsZarafaSchema(line.value)) {
          result.diagnostics.push(diagnostic('LDIF_FILTER_NAMES_ZARAFA', 'warning', file, line.line,
            `the ${line.name} value names zarafa.schema attributes or classes; it is carried over unchanged: rewrite it with kopano names once the directory is migrated`));
        }
      } else if (mapping.kind === 'unknown') {
        result.kept.push({ line: line.line, name: mapping.name });
        result.diagnostics.push(diagnostic('LDIF_NO_KOPANO_NAME', 'warning', file, line.line,
          `'${mapping.name}' is not in zarafa.schema, so it has no kopano.schema counterpart: kept as it is`));
      }
      if (mapping.kind === 'object-class' || mapping.kind === 'attribute') entry.zarafa = true;
    }
    if (entry.zarafa) result.changedEntries++;
    out.push(entry);
  }
  return out;
}
