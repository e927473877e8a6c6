// The structure (the report and both runbooks rendered, for telling names from secrets) costs a
// noticeable part of start-up: collectSecrets makes it only when a value long enough to be masked
// everywhere is found, and once however many such values there are.
import { describe, expect, it } from 'vitest';
import { collectSecrets } from '../../src/secrets/secret-set.js';

describe('collectSecrets with a structure made on demand', () => {
  it('never makes it when every secret value is too short to mask everywhere', () => {
    let made = 0;
    const found = collectSecrets([{ text: 'server_auth_password = ab\nldap_bind_passwd = xyz\n' }], () => {
      made++;
      return '';
    });
    expect(made).toBe(0);
    expect(found.keyOnly.map((k) => k.why).sort()).toEqual(['short', 'short']);
  });

  it('makes it once for several long values, and judges names as with a string', () => {
    let made = 0;
    const texts = [{ text: 'server_auth_password = presence\nldap_bind_passwd = Zq8-long-secret\n' }];
    const structure = 'presence.cfg\nkopano-presence';
    const lazy = collectSecrets(texts, () => {
      made++;
      return structure;
    });
    expect(made).toBe(1);
    expect(lazy).toEqual(collectSecrets(texts, structure));
    expect(lazy.keyOnly.map((k) => k.why)).toEqual(['name']);
    expect(lazy.secrets.anywhere).toContain('Zq8-long-secret');
  });
});
