import { describe, expect, it } from 'vitest';
import { effectiveSettings } from '../../src/cfg/effective.js';
import type { ConfigDocument } from '../../src/cfg/model.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import type { Target } from '../../src/types.js';
import { makeTree } from '../dir/helpers.js';

// Our own small trees: a ZCP ldap.cfg naming its property map, and a Kopano ldap.cfg whose property
// map comes with an !include (8.7: /usr/share/kopano/ldap.openldap.cfg names /usr/share/kopano/ldap.propmap.cfg).
const ZARAFA = {
  'server.cfg': 'user_plugin = ldap\nuser_plugin_config = /etc/zarafa/ldap.cfg\n',
  'ldap.cfg': 'ldap_uri = ldap://ldap.example.org/\nldap_search_base = dc=example,dc=org\n!propmap /etc/zarafa/ldap.propmap.cfg\n',
  'ldap.propmap.cfg': '0x67B3101E = zarafaEnabledFeatures\n',
};
const KOPANO: Record<Exclude<Target, '11.0'>, Record<string, string>> = {
  '8.7': {
    'ldap.cfg': '# Kopano 8.7 style\n!include /usr/share/kopano/ldap.openldap.cfg\nldap_uri = ldap://localhost/\n',
    'ldap.propmap.cfg': '#0x67B3101E = kopanoEnabledFeatures\n',
  },
  '8.0': {
    'ldap.cfg': '# Kopano 8.0 style\nldap_uri = ldap://localhost/\n!propmap /etc/kopano/ldap.propmap.cfg\n',
    'ldap.propmap.cfg': '0x67B3101E = kopanoEnabledFeatures\n',
  },
};
/** What the packages install outside /etc/kopano (8.7). */
const SHARED: Record<string, string> = {
  '/usr/share/kopano/ldap.openldap.cfg': 'ldap_object_type_attribute = objectClass\n!propmap /usr/share/kopano/ldap.propmap.cfg\n',
  '/usr/share/kopano/ldap.propmap.cfg': '0x67B3101E = kopanoEnabledFeatures\n',
};

describe.each(['8.7', '8.0'] as const)('--kopano-dir, target %s: the user\'s !propmap', (target) => {
  it('is carried after the Kopano file\'s !include/!propmap, so 0x67B3101E stays zarafaEnabledFeatures', async () => {
    const zarafa = makeTree(ZARAFA);
    const kopano = makeTree(KOPANO[target]);
    const r = await translateConfigDir(zarafa, { target, kopanoDir: kopano });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ldap = r.files.find((f) => f.target === 'ldap.cfg')!;
    const propmap = r.files.find((f) => f.target === 'ldap.propmap.cfg')!;
    expect(ldap.diagnostics.filter((d) => d.code === 'MERGE_DIRECTIVE_NOT_CARRIED')).toEqual([]);
    // The files as the host has them after the write: /etc/kopano from the output, the rest from the packages.
    const files: Record<string, string> = {
      ...SHARED,
      '/etc/kopano/ldap.cfg': ldap.output,
      '/etc/kopano/ldap.propmap.cfg': propmap.output,
    };
    const parse = (name: string): ConfigDocument => parseConfig(files[name]!, { file: name });
    const resolve = (d: { arg: string }): ConfigDocument | undefined => (files[d.arg] === undefined ? undefined : parse(d.arg));
    const effective = effectiveSettings(parse('/etc/kopano/ldap.cfg'), resolve, true);
    expect(effective.get('0x67B3101E')?.line.value).toBe('zarafaEnabledFeatures');
    expect(effective.get('0x67B3101E')?.file).toBe('/etc/kopano/ldap.propmap.cfg');
    // Kept byte for byte above the carried line; one !propmap of the user's map, last.
    const directives = ldap.output.split('\n').filter((l) => l.startsWith('!'));
    expect(directives[directives.length - 1]).toBe('!propmap /etc/kopano/ldap.propmap.cfg');
    expect(directives.filter((l) => l === '!propmap /etc/kopano/ldap.propmap.cfg')).toHaveLength(1);
    if (target === '8.7') {
      expect(ldap.output.startsWith(KOPANO[target]['ldap.cfg']!.split('\n').slice(0, 2).join('\n'))).toBe(true);
      expect(ldap.changes.some((c) => c.key === '!propmap /etc/kopano/ldap.propmap.cfg')).toBe(true);
    }
  });
});
