/**
 * Read LDIF (RFC 2849) into lines and records. Never throws: what cannot be read is reported as a
 * diagnostic with its line, and the line is kept (as `invalid`) so the text still prints back.
 * Values are never copied into messages: a directory export holds userPassword hashes.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { LdifAttributeLine, LdifDocument, LdifLine, LdifRecord, LdifRecordKind } from './model.js';
import { decodeBase64, isBase64 } from './values.js';

export interface LdifParse {
  document: LdifDocument;
  diagnostics: Diagnostic[];
}

const ATTRIBUTE = /^([A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)*)((?:;[A-Za-z0-9-]+)*):([:<]?) *([\s\S]*)$/;
const CHANGE_TYPES: Readonly<Record<string, LdifRecordKind>> = { add: 'add', delete: 'delete', modify: 'modify', modrdn: 'modrdn', moddn: 'modrdn' };
const MOD_SPECS = new Set(['add', 'delete', 'replace', 'increment']);

/** Parse `text`; `file` names it in diagnostics. */
export function parseLdif(text: string, file: string): LdifParse {
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, line: number, message: string) => diagnostics.push(diagnostic(code, 'error', file, line, message));
  const lines = logicalLines(text, report);
  const document: LdifDocument = { lines, records: [] };
  let first = true;
  for (const block of blocks(lines)) {
    let start = 0;
    if (first) {
      first = false;
      const head = firstNonComment(lines, block, 0);
      const l = head === undefined ? undefined : lines[block[head]!];
      if (l?.kind === 'attribute' && l.name.toLowerCase() === 'version') {
        if (l.value.trim() !== '1') report('LDIF_SYNTAX', l.line, 'only LDIF version 1 is defined (RFC 2849)');
        document.version = block[head!]!;
        start = head! + 1;
        if (firstNonComment(lines, block, start) === undefined) continue;
      }
    }
    const record = readRecord(lines, block.slice(start), report);
    if (record) document.records.push(record);
  }
  return { document, diagnostics };
}

type Report = (code: DiagnosticCode, line: number, message: string) => void;

/** Physical lines joined into logical ones: a line starting with one space continues the one before. */
function logicalLines(text: string, report: Report): LdifLine[] {
  const out: LdifLine[] = [];
  let current: { raw: string; content: string; line: number; eol: string } | undefined;
  const flush = () => {
    if (current) out.push(classify(current.raw, current.content, current.line, current.eol, report));
    current = undefined;
  };
  let n = 0;
  for (const m of text.matchAll(/[^\n]*\n|[^\n]+$/g)) {
    n++;
    const physical = m[0];
    const eol = physical.endsWith('\r\n') ? '\r\n' : physical.endsWith('\n') ? '\n' : '';
    const body = physical.slice(0, physical.length - eol.length);
    if (body.startsWith(' ')) {
      if (current) {
        current.raw += physical;
        current.content += body.slice(1);
        continue;
      }
      report('LDIF_SYNTAX', n, 'a continuation line (starting with a space) with no line before it to continue');
      out.push({ kind: 'invalid', raw: physical, line: n });
      continue;
    }
    flush();
    if (body === '') out.push({ kind: 'blank', raw: physical, line: n });
    else current = { raw: physical, content: body, line: n, eol };
  }
  flush();
  return out;
}

function classify(raw: string, content: string, line: number, eol: string, report: Report): LdifLine {
  if (content.startsWith('#')) return { kind: 'comment', raw, line };
  if (content === '-') return { kind: 'separator', raw, line };
  const m = ATTRIBUTE.exec(content);
  if (!m) {
    report('LDIF_SYNTAX', line, content.includes(':')
      ? 'not an attribute description before the colon (expected a name, optionally with ;options)'
      : "no ':' on this line (expected 'attribute: value', a '#' comment, '-' or an empty line)");
    return { kind: 'invalid', raw, line };
  }
  const [, name, options, marker, rest] = m as unknown as [string, string, string, string, string];
  const form = marker === ':' ? 'base64' : marker === '<' ? 'url' : 'text';
  let value = rest;
  if (form === 'base64') {
    const b64 = rest.replace(/ +$/, '');
    if (!isBase64(b64)) {
      report('LDIF_BAD_BASE64', line, `the base64 value of ${name}${options} is not complete base64 (cut off, or a character outside A-Z a-z 0-9 + / =)`);
      return { kind: 'invalid', raw, line };
    }
    value = decodeBase64(b64);
  }
  const attribute: LdifAttributeLine = { kind: 'attribute', raw, line, name, options, form, encoded: rest, value, eol };
  return attribute;
}

/** Runs of non-blank lines (as indexes), each a record or the version line. */
function* blocks(lines: readonly LdifLine[]): Generator<number[]> {
  let block: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.kind === 'blank') {
      if (block.length > 0) yield block;
      block = [];
    } else block.push(i);
  }
  if (block.length > 0) yield block;
}

function firstNonComment(lines: readonly LdifLine[], block: readonly number[], from: number): number | undefined {
  for (let i = from; i < block.length; i++) if (lines[block[i]!]!.kind !== 'comment') return i;
  return undefined;
}

const lower = (l: LdifAttributeLine): string => (l.name + l.options).toLowerCase();

/** One block as a record; undefined for a block of comments only (or one whose head is unreadable). */
function readRecord(lines: readonly LdifLine[], block: readonly number[], report: Report): LdifRecord | undefined {
  const body = block.filter((i) => lines[i]!.kind !== 'comment');
  if (body.length === 0) return undefined;
  const head = lines[body[0]!]!;
  if (head.kind === 'invalid') return undefined;
  if (head.kind !== 'attribute' || head.name.toLowerCase() !== 'dn') {
    report('LDIF_MISSING_DN', head.line, "a record must start with 'dn:' (records are separated by empty lines)");
    return undefined;
  }
  let at = 1;
  while (at < body.length && isAttribute(lines[body[at]!], 'control')) at++;
  let kind: LdifRecordKind = 'entry';
  let knownChange = false;
  const ct = lines[body[at]!];
  if (ct && isAttribute(ct, 'changetype')) {
    const k = CHANGE_TYPES[ct.value.trim().toLowerCase()];
    if (!k) report('LDIF_UNKNOWN_CHANGETYPE', ct.line, 'changetype must be add, delete, modify, modrdn or moddn');
    kind = k ?? 'delete';
    knownChange = k !== undefined;
    at++;
  }
  const record: LdifRecord = { kind, dn: body[0]!, end: block[block.length - 1]! + 1, attributes: [] };
  const rest = body.slice(at);
  if (kind === 'entry' || kind === 'add') {
    for (const i of rest) {
      const l = lines[i]!;
      if (l.kind === 'attribute') record.attributes.push(i);
      else if (l.kind === 'separator') report('LDIF_SYNTAX', l.line, "'-' belongs only in a changetype: modify record");
    }
    if (record.attributes.length === 0 && rest.every((i) => lines[i]!.kind !== 'invalid')) {
      report('LDIF_SYNTAX', head.line, 'an entry needs at least one attribute after its dn');
    }
  } else if (kind === 'modify') readModifications(lines, rest, report);
  else if (kind === 'delete' && knownChange) {
    const extra = rest.find((i) => lines[i]!.kind !== 'invalid');
    if (extra !== undefined) report('LDIF_SYNTAX', lines[extra]!.line, 'a changetype: delete record has no lines after the changetype');
  }
  return record;
}

function isAttribute(l: LdifLine | undefined, name: string): l is LdifAttributeLine {
  return l?.kind === 'attribute' && l.name.toLowerCase() === name;
}

/** `add:|delete:|replace: attr`, its values (of that attribute), `-`; repeated. */
function readModifications(lines: readonly LdifLine[], rest: readonly number[], report: Report): void {
  let open: LdifAttributeLine | undefined;
  const unclosed = (spec: LdifAttributeLine, before: number | undefined) =>
    report('LDIF_MODIFY_UNTERMINATED', spec.line, `the modification '${spec.name}: ${spec.value.trim()}' is not closed with a '-' line${before === undefined ? ' before the end of the record' : ` before line ${before}`}`);
  for (const i of rest) {
    const l = lines[i]!;
    if (l.kind === 'invalid') continue;
    if (l.kind === 'separator') {
      if (!open) report('LDIF_SYNTAX', l.line, "'-' with no modification (add:, delete: or replace:) before it");
      open = undefined;
      continue;
    }
    if (l.kind !== 'attribute') continue;
    if (open && lower(l) === open.value.trim().toLowerCase()) continue;
    if (open) {
      unclosed(open, l.line);
      open = undefined;
    }
    if (MOD_SPECS.has(l.name.toLowerCase()) && l.options === '') open = l;
    else report('LDIF_SYNTAX', l.line, `expected add:, delete: or replace: to start a modification, not '${l.name}${l.options}:'`);
  }
  if (open) unclosed(open, undefined);
}
