/**
 * Properties over seeded random exports (folded lines, base64 values, CRLF, comments, options):
 * the reader is lossless, each mode's output is LDIF again, entries mode is idempotent, and no
 * value changes except a Zarafa socket in zarafaFilePath.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { translateLdif } from '../../src/index.js';
import { parseLdif } from '../../src/ldif/parse.js';
import { printLdif } from '../../src/ldif/print.js';
import type { LdifAttributeLine } from '../../src/ldif/model.js';
import { makeRng, type Rng } from '../helpers/generate.js';

const ATTRS = ['zarafaAccount', 'zarafaaliases', 'ZARAFAHIDDEN', 'zarafaQuotaWarn', 'zarafaFilter', 'zarafaFilePath', 'cn', 'mail', 'description', 'userPassword', 'zarafaUnknownThing'];
const CLASSES = ['zarafa-user', 'Zarafa-Group', 'zarafa-server', 'zarafaAddresslist', 'top', 'inetOrgPerson', 'kopano-user'];
const VALUES = ['1', '0', 'a@example.com', ' leading space', 'trailing ', ':colon', '<lt', 'Müller', 'x'.repeat(120), '', 'file:///var/run/zarafa', 'file:///var/run/zarafa-prio', '/var/run/zarafad/server.sock', 'file:///srv/custom.sock', '(&(cn=a)(zarafaAdmin=1))'];

function physical(r: Rng, logical: string, eol: string): string {
  if (logical.length < 10 || !r.chance(0.4)) return logical + eol;
  // Fold at random places: every continuation starts with one space.
  let out = '';
  let rest = logical;
  while (rest.length > 8 && r.chance(0.7)) {
    const cut = 1 + r.int(rest.length - 1);
    out += rest.slice(0, cut) + eol + ' ';
    rest = rest.slice(cut);
  }
  return out + rest + eol;
}

function attrLine(r: Rng, name: string, value: string): string {
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f!-9;-~][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value) && !value.endsWith(' ');
  if (!safe || r.chance(0.3)) return `${name}:: ${Buffer.from(value).toString('base64')}`;
  return value === '' ? `${name}:` : `${name}: ${value}`;
}

function generate(seed: number): string {
  const r = makeRng(seed);
  const eol = r.chance(0.2) ? '\r\n' : '\n';
  let text = r.chance(0.5) ? `version: 1${eol}${eol}` : '';
  for (let n = 1 + r.int(6); n > 0; n--) {
    if (r.chance(0.3)) text += physical(r, `# comment ${r.pick(VALUES)}`, eol);
    text += physical(r, `dn: uid=u${n},dc=example,dc=com`, eol);
    if (r.chance(0.2)) text += `changetype: add${eol}`;
    for (let c = 1 + r.int(3); c > 0; c--) text += physical(r, attrLine(r, r.chance(0.2) ? 'objectclass' : 'objectClass', r.pick(CLASSES)), eol);
    for (let a = r.int(8); a > 0; a--) {
      const name = r.pick(ATTRS) + (r.chance(0.1) ? ';lang-en' : '');
      text += physical(r, attrLine(r, name, r.pick(VALUES)), eol);
    }
    text += eol;
  }
  return text;
}

/** Per entry: [lowercased attribute description, value] pairs, sorted, from a parsed text. */
function entryValues(text: string): Map<string, string[][]> {
  const { document } = parseLdif(text, 'x');
  const out = new Map<string, string[][]>();
  for (const rec of document.records) {
    const dn = (document.lines[rec.dn] as LdifAttributeLine).value;
    out.set(dn, rec.attributes.map((i) => document.lines[i] as LdifAttributeLine).map((l) => [(l.name + l.options).toLowerCase(), l.value]).sort());
  }
  return out;
}

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('ldif properties', () => {
  it('the reader is lossless: print(parse(text)) === text, with no errors', () => {
    for (const seed of SEEDS) {
      const text = generate(seed);
      const p = parseLdif(text, 'x');
      expect(p.diagnostics, `seed ${seed}`).toEqual([]);
      expect(printLdif(p.document)).toBe(text);
    }
  });

  it('the output of each mode reads as LDIF again, without errors', () => {
    for (const seed of SEEDS) {
      for (const mode of ['modify', 'entries'] as const) {
        const out = translateLdif(generate(seed), { mode }).output;
        expect(parseLdif(out, 'out').diagnostics, `seed ${seed} ${mode}`).toEqual([]);
      }
    }
  });

  it('entries mode twice changes nothing, and modify mode has nothing left to do on its result', () => {
    for (const seed of SEEDS) {
      const once = translateLdif(generate(seed), { mode: 'entries' });
      const twice = translateLdif(once.output, { mode: 'entries' });
      expect(twice.output, `seed ${seed}`).toBe(once.output);
      expect(twice.changedEntries).toBe(0);
      expect(translateLdif(once.output, { mode: 'modify' }).output).toBe('');
    }
  });

  it('no value changes but a Zarafa socket in zarafaFilePath (entries mode, per entry)', () => {
    for (const seed of SEEDS) {
      const input = generate(seed);
      const before = entryValues(input);
      const after = entryValues(translateLdif(input, { mode: 'entries' }).output);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [dn, pairs] of before) {
        const changed = after.get(dn)!;
        expect(changed.length).toBe(pairs.length);
        const unchangedValues = (ps: string[][], ignore: (p: string[]) => boolean) => ps.filter((p) => !ignore(p)).map((p) => p[1]).sort();
        const isSocket = (p: string[]) => /^(zarafa|kopano)filepath/.test(p[0]!) && /\/run\/(zarafa|kopano)/.test(p[1]!);
        const isClass = (p: string[]) => p[0] === 'objectclass';
        expect(unchangedValues(changed, (p) => isSocket(p) || isClass(p)), `seed ${seed} ${dn}`)
          .toEqual(unchangedValues(pairs, (p) => isSocket(p) || isClass(p)));
        for (const p of changed.filter(isSocket)) expect(p[1]).toMatch(/\/run\/kopano\/(server|prio)\.sock$/);
        // Classes: only the zarafa ones changed, each to the same name with the kopano prefix.
        const classes = (ps: string[][]) => ps.filter(isClass).map((p) => p[1]!.toLowerCase().replace(/^zarafa/, 'kopano')).sort();
        expect(classes(changed)).toEqual(classes(pairs));
      }
    }
  });

  it('modify mode adds exactly the zarafa values under the kopano names', () => {
    for (const seed of SEEDS) {
      const input = generate(seed);
      const out = translateLdif(input, { mode: 'modify' }).output;
      const { document } = parseLdif(out, 'out');
      const added = new Map<string, string[]>();
      for (const rec of document.records) {
        const dn = (document.lines[rec.dn] as LdifAttributeLine).value;
        const lines = document.lines.slice(rec.dn, rec.end).filter((l): l is LdifAttributeLine => l.kind === 'attribute');
        added.set(dn, lines.filter((l) => /^kopano/i.test(l.name)).map((l) => l.value).sort());
      }
      for (const [dn, pairs] of entryValues(input)) {
        const zarafa = pairs.filter((p) => /^zarafa/.test(p[0]!) && !p[0]!.startsWith('zarafaunknown')).map((p) => p[1]!);
        if (!added.has(dn)) {
          expect(zarafa.length === 0 && !pairs.some((p) => p[0] === 'objectclass' && /^zarafa/i.test(p[1]!)), `seed ${seed} ${dn}`).toBe(true);
          continue;
        }
        const expected = pairs.filter((p) => /^zarafa/.test(p[0]!) && !p[0]!.startsWith('zarafaunknown'))
          .map((p) => (p[0]!.startsWith('zarafafilepath') && /\/run\/zarafa/.test(p[1]!) ? p[1]!.replace(/\/run\/zarafad?(\/server\.sock|-prio)?$/, (_m, s: string | undefined) => `/run/kopano/${s === '-prio' ? 'prio' : 'server'}.sock`) : p[1]!));
        expect(added.get(dn), `seed ${seed} ${dn}`).toEqual(expected.sort());
      }
    }
  });
});
