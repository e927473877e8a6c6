/**
 * `--mode modify`: one ldapmodify change record per entry that holds zarafa.schema data. Within a
 * record (one atomic LDAP modify operation) the order is the one the schemas need at every step:
 *   1. add: objectClass — the kopano classes, so the kopano attributes are allowed;
 *   2. add: kopanoX — each attribute with the zarafa values (replace: when the entry has it already);
 *   3. delete: zarafaX — the zarafa attributes, while their classes still allow them;
 *   4. delete: objectClass — the zarafa classes, now that nothing needs them.
 * Both schemas must be loaded on the server while it is applied (docs/ldap.md).
 */
import type { LdifAttributeLine, LdifDocument } from './model.js';
import { lineWith, type MappedEntry } from './schema-names.js';
import { attributeText, fold } from './values.js';

export const CHANGE_FILE_TAG = '# zarafa2kopano ldif';

export function changeFile(document: LdifDocument, entries: readonly MappedEntry[], eol: string): string {
  const records: string[] = [];
  for (const entry of entries) if (entry.zarafa) records.push(changeRecord(document, entry, eol));
  if (records.length === 0) return '';
  const head = [
    `${CHANGE_FILE_TAG} --mode modify: ${records.length} entr${records.length === 1 ? 'y' : 'ies'} from zarafa.schema to kopano.schema.`,
    '# Load kopano.schema next to zarafa.schema first; then apply with ldapmodify -f (docs/ldap.md).',
    'version: 1',
  ];
  return head.map((l) => l + eol).join('') + eol + records.join(eol);
}

interface AttributeGroup {
  /** The zarafa description as first written in the entry (`zarafaAliases;lang-en`). */
  zarafa: string;
  kopano: string;
  values: string[];
}

function changeRecord(document: LdifDocument, entry: MappedEntry, eol: string): string {
  const all = entry.record.attributes.map((i) => document.lines[i] as LdifAttributeLine);
  // What the entry holds already (a half-migrated entry): those need no add, or a replace.
  const classes = new Set(all.filter((l) => l.name.toLowerCase() === 'objectclass').map((l) => l.value.trim().toLowerCase()));
  const descriptions = new Set(all.map((l) => (l.name + l.options).toLowerCase()));

  const addClasses: string[] = [];
  const deleteClasses: LdifAttributeLine[] = [];
  const groups = new Map<string, AttributeGroup>();
  for (const { line, mapping } of entry.lines) {
    if (mapping.kind === 'object-class') {
      deleteClasses.push(line);
      const lower = mapping.kopano.toLowerCase();
      if (!classes.has(lower) && !addClasses.some((c) => c.toLowerCase() === lower)) addClasses.push(mapping.kopano);
    } else if (mapping.kind === 'attribute') {
      const key = (line.name + line.options).toLowerCase();
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { zarafa: line.name + line.options, kopano: mapping.kopano + line.options, values: [] }));
      g.values.push(lineWith(line, g.kopano, mapping.value));
    }
  }

  const out: string[] = [];
  const block = (spec: string, values: readonly string[]) => out.push(spec, ...values, '-');
  if (addClasses.length > 0) block('add: objectClass', addClasses.map((c) => attributeText('objectClass', c)));
  for (const g of groups.values()) block(`${descriptions.has(g.kopano.toLowerCase()) ? 'replace' : 'add'}: ${g.kopano}`, g.values);
  for (const g of groups.values()) block(`delete: ${g.zarafa}`, []);
  if (deleteClasses.length > 0) block('delete: objectClass', deleteClasses.map((l) => lineWith(l, 'objectClass', l.value)));

  const dn = document.lines[entry.record.dn]!;
  // The dn line as read (folded or base64), with this file's line end when it had none.
  const dnText = dn.raw.endsWith('\n') ? dn.raw : dn.raw + eol;
  return dnText + fold('changetype: modify', eol) + out.map((l) => fold(l, eol)).join('');
}

