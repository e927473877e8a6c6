/** A half-migrated entry (kopano names already there): the change file must still apply. */
import { describe, expect, it } from 'vitest';
import { translateLdif } from '../../src/index.js';

describe('an entry that has kopano names already', () => {
  it('does not add a class it has, and replaces an attribute it has instead of adding it', () => {
    const text = 'dn: uid=a,dc=example\nobjectClass: kopano-user\nobjectClass: zarafa-user\nkopanoAccount: 0\nzarafaAccount: 1\nzarafaHidden: 1\n';
    expect(translateLdif(text, { mode: 'modify' }).output.split('\n\n')[1]).toBe([
      'dn: uid=a,dc=example', 'changetype: modify',
      'replace: kopanoAccount', 'kopanoAccount: 1', '-',
      'add: kopanoHidden', 'kopanoHidden: 1', '-',
      'delete: zarafaAccount', '-', 'delete: zarafaHidden', '-',
      'delete: objectClass', 'objectClass: zarafa-user', '-', '',
    ].join('\n'));
  });
});
