/** docs/ldap.md's examples are excerpts of the fixture and its goldens, never written twice. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bin.js';

const doc = readFileSync(path.join(ROOT, 'docs/ldap.md'), 'utf8');
const excerpts = [...doc.matchAll(/<!-- excerpt: (\S+) -->\n```ldif\n([\s\S]*?)```/g)].map((m) => ({ file: m[1]!, text: m[2]! }));

describe('docs/ldap.md', () => {
  it('has the three examples', () => {
    expect(excerpts.map((e) => e.file)).toEqual([
      'fixtures/ldif/openldap.ldif', 'fixtures/ldif/openldap.expected.modify.ldif', 'fixtures/ldif/openldap.expected.entries.ldif',
    ]);
  });
  it.each(excerpts)('$file: the example is a whole-record excerpt of it', ({ file, text }) => {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    expect(text.startsWith('dn: ')).toBe(true);
    expect(`\n${source}\n`).toContain(`\n${text}\n`);
  });
});
