/**
 * The LDAP names of the Zarafa schema and their Kopano counterparts.
 *
 * zarafa.schema (ZCP installer/ldap) and kopano.schema (KC installer/ldap) define the same attributes
 * and object classes under another prefix: `zarafaX` became `kopanoX`, `zarafa-x` became `kopano-x`.
 * The Active Directory flavour spells two object classes without the dash (`zarafaAddresslist`,
 * `zarafaDynamicGroup`). Only these names are renamed: `zarafa` alone (a DN component such as
 * `cn=zarafa` or `dc=zarafa`) is not a schema name.
 */

/** Attribute types of zarafa.schema (7.x, including the archive and multi-server ones). */
const ZARAFA_ATTRIBUTES = [
  'zarafaQuotaOverride',
  'zarafaQuotaWarn',
  'zarafaQuotaSoft',
  'zarafaQuotaHard',
  'zarafaUserDefaultQuotaOverride',
  'zarafaUserDefaultQuotaWarn',
  'zarafaUserDefaultQuotaSoft',
  'zarafaUserDefaultQuotaHard',
  'zarafaAdmin',
  'zarafaSharedStoreOnly',
  'zarafaAccount',
  'zarafaSendAsPrivilege',
  'zarafaMrAccept',
  'zarafaMrDeclineConflict',
  'zarafaMrDeclineRecurring',
  'zarafaId',
  'zarafaResourceType',
  'zarafaResourceCapacity',
  'zarafaHidden',
  'zarafaEnabledFeatures',
  'zarafaDisabledFeatures',
  'zarafaAliases',
  'zarafaUserServer',
  'zarafaUserArchiveServers',
  'zarafaUserArchiveCouplings',
  'zarafaSecurityGroup',
  'zarafaViewPrivilege',
  'zarafaAdminPrivilege',
  'zarafaSystemAdmin',
  'zarafaQuotaUserWarningRecipients',
  'zarafaQuotaCompanyWarningRecipients',
  'zarafaCompanyServer',
  'zarafaHttpPort',
  'zarafaSslPort',
  'zarafaFilePath',
  'zarafaContainsPublic',
  'zarafaProxyURL',
  'zarafaFilter',
  'zarafaBase',
] as const;

/** Object classes: the OpenLDAP schema's dashed names and the Active Directory spellings. */
const ZARAFA_OBJECT_CLASSES = [
  'zarafa-user',
  'zarafa-contact',
  'zarafa-group',
  'zarafa-company',
  'zarafa-server',
  'zarafa-addresslist',
  'zarafa-dynamicgroup',
  'zarafaAddresslist',
  'zarafaDynamicGroup',
] as const;

const toKopano = (name: string): string => `kopano${name.slice('zarafa'.length)}`;

// LDAP names compare case-insensitively, so the lookups do too.
const ATTRIBUTES = new Map(ZARAFA_ATTRIBUTES.map((n) => [n.toLowerCase(), toKopano(n)]));
const OBJECT_CLASSES = new Map(ZARAFA_OBJECT_CLASSES.map((n) => [n.toLowerCase(), toKopano(n)]));

/** The kopano.schema name of a zarafa.schema attribute, or undefined for any other name. */
export function kopanoAttributeOf(name: string): string | undefined {
  return ATTRIBUTES.get(name.toLowerCase());
}

/** The kopano.schema name of a zarafa.schema object class, or undefined for any other name. */
export function kopanoObjectClassOf(name: string): string | undefined {
  return OBJECT_CLASSES.get(name.toLowerCase());
}

/** True when `value` names a zarafa.schema attribute or object class anywhere as a whole token. */
export function mentionsZarafaSchema(value: string): boolean {
  for (const m of value.matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) {
    if (kopanoAttributeOf(m[0]) || kopanoObjectClassOf(m[0])) return true;
  }
  return false;
}

/**
 * An attribute option's value (`zarafaAliases`, `userCertificate;binary`, or a list of attribute
 * names): every token that is a zarafa.schema attribute is renamed; options after `;` are kept.
 */
export function renameAttributeValue(value: string): string {
  return value.replace(/(^|[\s,])([A-Za-z][A-Za-z0-9-]*)(?=$|[\s,;])/g, (all, lead: string, name: string) => {
    const k = kopanoAttributeOf(name);
    return k ? lead + k : all;
  });
}

/** An object class option's value (`zarafa-contact`, or a comma/space separated list). */
export function renameObjectClassValue(value: string): string {
  return value.replace(/(^|[\s,])([A-Za-z][A-Za-z0-9-]*)(?=$|[\s,])/g, (all, lead: string, name: string) => {
    const k = kopanoObjectClassOf(name);
    return k ? lead + k : all;
  });
}

/**
 * An LDAP search filter (RFC 4515): renames the attribute description of every item and, in
 * `objectClass=` items, the asserted class. Other assertion values (DNs, `%s`, free text) are
 * never touched, so `(memberOf=cn=zarafaAdmin,dc=example)` keeps its DN.
 */
export function renameFilter(filter: string): string {
  // An item is `(` attr [;options] [:...] op value `)`; escaped parentheses in values are `\28`/`\29`.
  return filter.replace(
    /\(([ \t]*)([A-Za-z][A-Za-z0-9-]*)((?:;[A-Za-z0-9-]+)*)([^()=~<>]*?)(~=|<=|>=|=)([^()]*)\)/g,
    (all, sp: string, attr: string, opts: string, ext: string, op: string, val: string) => {
      const renamedAttr = kopanoAttributeOf(attr) ?? attr;
      let renamedVal = val;
      if (attr.toLowerCase() === 'objectclass' && op === '=') {
        const cls = val.trim();
        const k = kopanoObjectClassOf(cls);
        if (k) renamedVal = val.replace(cls, k);
      }
      if (renamedAttr === attr && renamedVal === val) return all;
      return `(${sp}${renamedAttr}${opts}${ext}${op}${renamedVal})`;
    },
  );
}

/** How an LDAP option's value is read: what kind of names it holds. */
export type LdapValueKind = 'attribute' | 'object-class' | 'filter' | 'other';

/**
 * What kind of LDAP names a key of ldap.cfg or ldap.propmap.cfg holds: `*_attribute` options and
 * property tags name attributes; `*_type_attribute_value` name object classes; `*_filter` options
 * are search filters. DNs (`ldap_bind_user`, `*_search_base`) and the rest are `other`.
 */
export function ldapValueKind(key: string): LdapValueKind {
  if (/^0x[0-9A-Fa-f]{8}$/.test(key)) return 'attribute';
  if (key.endsWith('_type_attribute_value')) return 'object-class';
  if (key.endsWith('_attribute')) return 'attribute';
  if (key.endsWith('_search_filter')) return 'filter';
  return 'other';
}

/** Rename every zarafa.schema name a value of `key` holds, per {@link ldapValueKind}. */
export function renameLdapValue(key: string, value: string): string {
  switch (ldapValueKind(key)) {
    case 'attribute':
      return renameAttributeValue(value);
    case 'object-class':
      return renameObjectClassValue(value);
    case 'filter':
      return renameFilter(value);
    default:
      return value;
  }
}
