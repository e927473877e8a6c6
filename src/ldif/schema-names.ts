/**
 * What an entry's line becomes under kopano.schema. The names come from the table the
 * `--ldap-schema kopano` rules use (rules/data/ldap-names.ts); the only value that changes is a
 * Zarafa socket in zarafaFilePath (the multi-server address other servers use to reach this one).
 */
import { kopanoAttributeOf, kopanoObjectClassOf } from '../3-plan/rules/data/ldap-names.js';
import { mapSocket } from '../3-plan/rules/lib/sockets.js';
import type { LdifAttributeLine, LdifRecord } from './model.js';
import { attributeText } from './values.js';

/** The kopano counterpart of one attribute line of an entry. */
export type LineMapping =
  /** `objectClass: zarafa-x` → kopano-x (the table's spelling). */
  | { kind: 'object-class'; kopano: string }
  /** `zarafaX: v` → `kopanoX: v`; `value` differs from the line's only for a mapped socket. */
  | { kind: 'attribute'; kopano: string; value: string; socket: boolean }
  /** A zarafa-looking name the table does not know: kept as it is, and reported. */
  | { kind: 'unknown'; name: string }
  | { kind: 'none' };

const FILE_PATH = 'zarafafilepath';

export function mapLine(l: LdifAttributeLine): LineMapping {
  if (l.name.toLowerCase() === 'objectclass') {
    if (l.form === 'url') return { kind: 'none' };
    const cls = l.value.trim();
    const k = kopanoObjectClassOf(cls);
    if (k) return { kind: 'object-class', kopano: k };
    return /^zarafa/i.test(cls) ? { kind: 'unknown', name: cls } : { kind: 'none' };
  }
  const k = kopanoAttributeOf(l.name);
  if (!k) return /^zarafa/i.test(l.name) ? { kind: 'unknown', name: l.name } : { kind: 'none' };
  // Only socket paths: mapSocket's http rule (`…/zarafa` → `…/`) is for server_socket, not this.
  if (l.name.toLowerCase() === FILE_PATH && l.form !== 'url' && !/^https?:/i.test(l.value)) {
    const m = mapSocket(l.value);
    if (m.kind === 'zarafa') return { kind: 'attribute', kopano: k, value: m.value, socket: true };
  }
  return { kind: 'attribute', kopano: k, value: l.value, socket: false };
}

/** True when an attribute line of a change record names a zarafa.schema attribute or class. */
export function mentionsZarafa(l: LdifAttributeLine): boolean {
  if (kopanoAttributeOf(l.name)) return true;
  const name = l.name.toLowerCase();
  if (name === 'objectclass') return kopanoObjectClassOf(l.value.trim()) !== undefined;
  if (['add', 'delete', 'replace', 'increment'].includes(name)) return kopanoAttributeOf(l.value.trim().replace(/;.*$/, '')) !== undefined;
  return false;
}

/** One entry's attribute lines and what each becomes. */
export interface MappedEntry {
  record: LdifRecord;
  lines: { line: LdifAttributeLine; index: number; mapping: LineMapping }[];
  /** True when any line maps to a kopano name. */
  zarafa: boolean;
}

/**
 * The logical line (unfolded, no line end) for `l` under `description`. An unchanged value keeps
 * its exact text and form (`::` base64 stays base64, `:<` stays a URL); a changed one is written
 * plain when it is a SAFE-STRING and was not base64 before.
 */
export function lineWith(l: LdifAttributeLine, description: string, value: string): string {
  if (value !== l.value) return attributeText(description, value, l.form === 'base64');
  const marker = l.form === 'base64' ? '::' : l.form === 'url' ? ':<' : ':';
  return l.encoded === '' ? `${description}${marker}` : `${description}${marker} ${l.encoded}`;
}

/** The kopano line of a mapped line, or undefined when it stays as it is. */
export function kopanoLine(l: LdifAttributeLine, mapping: LineMapping): string | undefined {
  if (mapping.kind === 'object-class') return lineWith(l, l.name + l.options, mapping.kopano);
  if (mapping.kind === 'attribute') return lineWith(l, mapping.kopano + l.options, mapping.value);
  return undefined;
}
