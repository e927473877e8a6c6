import { action, setValue, type RuleStep } from '../rule-steps.js';
import { lookupOption } from '../../options/index.js';
import { kopanoAttributeOf, renameLdapValue } from './data/ldap-names.js';
import { pinSetting } from './data/pin.js';
import { MULTI_SERVER_ATTRIBUTES } from './data/pinned-options.js';
import type { Rule, RuleContext } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'ldap-schema';

/**
 * The directory's schema decides the names in ldap.cfg and the property map. `zarafa` (default):
 * the entries keep their zarafa* attributes, so those names stay and the multi-server attributes
 * Kopano defaults to kopano* names are written out (pinned-defaults does the rest). `kopano`: the
 * directory is migrated to kopano.schema, and every zarafa* name in a value is renamed — only names
 * of attributes and object classes, never DNs or other assertion values.
 */
export const ldapSchemaRule: Rule = {
  id: ID,
  title: 'LDAP attribute and object class names for the chosen schema',
  why: 'The LDAP plugin searches and reads exactly the attribute and object class names its configuration gives. Kopano defaults to kopano.schema names, which a directory on zarafa.schema does not have (users lose admin rights, quotas, aliases, or vanish); a directory migrated to kopano.schema no longer answers to the zarafa names.',
  guide: 'Either keep zarafa.schema and set every attribute explicitly in ldap.cfg, or import kopano.schema, migrate the entries and rename the attributes in ldap.cfg and the property map.',
  files: ['ldap.cfg', 'ldap.propmap.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    // Asked once: the answer walks the whole effective view.
    // enable_distributed_zarafa = false in server.cfg: a single server, whatever sample ldap.cfg came from.
    const multiServer = ctx.daemon === 'ldap.cfg' && !ctx.included && ctx.distributed !== false && isMultiServer(ctx);
    if (ctx.options.ldapSchema === 'kopano') yield* renameToKopano(ctx);
    else yield* keepZarafa(ctx, multiServer);
    if (multiServer) yield* multiServerAction(ctx);
  },
};

function* renameToKopano(ctx: RuleContext): Generator<RuleStep> {
  let renamed = false;
  for (const { line, key, value } of ctx.plan.settings()) {
    const next = renameLdapValue(key, value);
    if (next === value) continue;
    yield setValue(line.number, next, 'the directory is migrated to kopano.schema (--ldap-schema kopano)');
    renamed = true;
  }
  if (!renamed && ctx.included) return;
  yield action({
    id: 'ldap:import-kopano-schema',
    reason: 'Add kopano.schema (shipped with kopano-core) to the directory server next to zarafa.schema, so entries can carry both sets of names during the move.',
    paths: ['kopano.schema'],
  });
  yield action({
    id: 'ldap:migrate-entries',
    reason: 'Before starting kopano-server, give every entry with zarafa-* object classes the matching kopano-* classes and copy each zarafa* attribute to its kopano* name (zarafaAccount → kopanoAccount, zarafaQuotaHard → kopanoQuotaHard, ...); the translated ldap.cfg reads only the kopano names.',
  });
}

/** Kopano-only multi-server attributes default to kopano* names: write the zarafa ones instead. */
function* keepZarafa(ctx: RuleContext, multiServer: boolean): Generator<RuleStep> {
  if (!ctx.targetTable || !multiServer) return;
  for (const key of MULTI_SERVER_ATTRIBUTES) {
    if (ctx.plan.has(key) || ctx.effective.get(key)?.origin.kind === 'file') continue;
    const kopanoName = lookupOption(ctx.targetTable, key)?.default;
    if (!kopanoName?.startsWith('kopano')) continue;
    const zarafaName = `zarafa${kopanoName.slice('kopano'.length)}`;
    if (kopanoAttributeOf(zarafaName) !== kopanoName) continue;
    yield* pinSetting(ctx, key, zarafaName, [key, 'ldap_server_type_attribute_value', 'ldap_user_server_attribute'],
      `Kopano reads ${kopanoName} by default; the directory keeps zarafa.schema, where it is ${zarafaName}`);
  }
}

/**
 * A multi-server (distributed) setup names server entries or a user's home server in ldap.cfg.
 * `ldap_server_charset` is the directory server's character set (in every stock ldap.cfg), not
 * about server entries.
 */
function isMultiServer(ctx: RuleContext): boolean {
  for (const [key, v] of ctx.effective) {
    if (v.origin.kind === 'file' && isMultiServerKey(key)) return true;
  }
  return false;
}

function isMultiServerKey(key: string): boolean {
  if (NOT_MULTI_SERVER.has(key)) return false;
  return key.startsWith('ldap_server_') || key === 'ldap_user_server_attribute' || key === 'ldap_company_server_attribute';
}

const NOT_MULTI_SERVER: ReadonlySet<string> = new Set(['ldap_server_charset']);

function* multiServerAction(ctx: RuleContext): Generator<RuleStep> {
  const attr = ctx.options.ldapSchema === 'kopano' ? 'kopanoFilePath' : 'zarafaFilePath';
  yield action({
    id: 'ldap:server-file-path',
    reason: `In a multi-server setup each server entry's ${attr} holds the server's local socket (file:///var/run/zarafa). Kopano listens on file:///var/run/kopano/server.sock: update the attribute of every server entry, or connections to a user's home server through that socket fail.`,
  });
}
