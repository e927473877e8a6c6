import { finding, insert, remove, rename, setValue, type RuleStep } from '../rule-steps.js';
import { lookupOption } from '../../options/index.js';
import type { Rule, RuleContext } from '../rule.js';
import { activeLines, currentValue, programOf } from './lib/values.js';

/** The ZCP options Kopano 8.7's LDAP plugin replaces by ldap_uri (it still reads them, with a warning). */
const LDAP_PARTS = ['ldap_host', 'ldap_port', 'ldap_protocol'] as const;

export const obsoleteOptionsRule: Rule = {
  id: 'obsolete-options',
  title: 'Replace options Kopano marks obsolete or deprecated (old alias names; 8.7 and 11.0: running_path, ldap_host/port/protocol → ldap_uri)',
  why:
    'The Kopano config reader logs a warning at every start for an option set under an old alias name ' +
    '(8.0 and later: server_port, unix_socket, ldap_user_sendas_attribute, ldap_user_sendas_attribute_type, ' +
    'ldap_user_sendas_relation_attribute; CONFIGSETTING_ALIAS in ECServer.cpp and LDAPUserPlugin.cpp at kopanocore-8.0.0) ' +
    'and, in 8.7, for an option its table marks obsolete (running_path, socketspec, ldap_host, ldap_port, ldap_protocol). ' +
    'The 8.7 LDAP plugin reads the server from ldap_uri; the obsolete host, port and protocol are folded into it. Kopano 11 ' +
    'no longer knows ldap_host/port/protocol at all and marks pid_file, html_safety_filter and ldap_authentication_method ' +
    'removed (accepted, no effect, a warning at every start).',
  guide: 'Use the current option names; Kopano 8.7 and 11: drop running_path, write ldap_uri instead of ldap_host/ldap_port/ldap_protocol.',
  files: 'all',
  *apply(ctx) {
    const table = ctx.targetTable;
    if (!table || ctx.daemon === 'ldap.propmap.cfg') return;
    // The target's table decides: where it marks ldap_host obsolete (8.7) or no longer knows it (11.0), ldap_uri is written.
    const ldapHost = lookupOption(table, 'ldap_host');
    const foldUri = !ldapHost || ldapHost.flags.includes('OBSOLETE');
    if (ctx.daemon === 'ldap.cfg' && foldUri) yield* ldapUri(ctx);
    const program = programOf(ctx.daemon);
    for (const { line, key } of ctx.plan.settings()) {
      if ((LDAP_PARTS as readonly string[]).includes(key) && foldUri) continue;
      const spec = lookupOption(table, key);
      if (!spec) continue;
      if (spec.aliasOf !== undefined) {
        const to = lookupOption(table, spec.aliasOf);
        // An alias of an option 8.7 no longer has is unknown-options' business (the reader refuses it).
        if (!to || to.name !== spec.aliasOf) continue;
        const later = ctx.plan.linesOf(to.name).some((l) => l.number > line.number);
        const lastOfKey = ctx.plan.linesOf(key).at(-1)?.number === line.number;
        if (later || !lastOfKey) {
          yield remove(line.number, `${key} is an old name of ${to.name}, which is set further down`);
        } else {
          yield rename(line.number, to.name, `${key} is an old name of ${to.name}; ${program} (Kopano ${ctx.options.target}) logs a warning for it`);
          for (const earlier of ctx.plan.linesOf(to.name).filter((l) => l.number < line.number)) {
            yield remove(earlier.number, `overridden by the renamed ${key} further down`);
          }
        }
        continue;
      }
      if (spec.flags.includes('OBSOLETE') && key === 'ldap_authentication_method' && /^password$/i.test((ctx.plan.plannedValue(line.number) ?? '').trim())) {
        yield finding('LDAP_BIND_AUTH_ONLY', 'warning', line.number,
          `ldap_authentication_method = password is gone in Kopano ${ctx.options.target}: the LDAP plugin checks every login by binding as the user, so users the directory does not let bind can no longer log in`);
      }
      if (spec.flags.includes('OBSOLETE')) {
        yield remove(line.number, ctx.options.target === '8.7'
          ? `${key} is obsolete in Kopano 8.7; ${program} logs a warning for it at every start`
          : `${key} has no effect in Kopano ${ctx.options.target} (removed); ${program} logs a warning for it at every start`);
      }
    }
  },
};

/** ldap_host, ldap_port and ldap_protocol as the ldap_uri Kopano 8.7 reads; a non-empty ldap_uri is kept. */
function* ldapUri(ctx: RuleContext): Generator<RuleStep> {
  const parts = LDAP_PARTS.flatMap((key) => activeLines(ctx, key));
  const uriLines = activeLines(ctx, 'ldap_uri');
  const uri = currentValue(ctx, 'ldap_uri') ?? '';
  // Kopano 11 no longer falls back to ldap_host's default: an empty ldap_uri alone means no server at all.
  const emptyUriAlone = uriLines.length > 0 && uri.trim() === '' && !ctx.targetTable?.options.has('ldap_host');
  if (parts.length === 0 && !emptyUriAlone) return;
  if (uri.trim() === '') {
    const protocol = (currentValue(ctx, 'ldap_protocol') ?? 'ldap').trim().toLowerCase() === 'ldaps' ? 'ldaps' : 'ldap';
    const port = (currentValue(ctx, 'ldap_port') ?? '').trim() || (protocol === 'ldaps' ? '636' : '389');
    const hosts = (currentValue(ctx, 'ldap_host') ?? 'localhost').split(/[ \t]+/).filter((h) => h !== '');
    const value = (hosts.length > 0 ? hosts : ['localhost']).map((h) => `${protocol}://${h}:${port}`).join(' ');
    const reason = `Kopano ${ctx.options.target} reads the LDAP servers from ldap_uri; ldap_host, ldap_port and ldap_protocol are ${gone(ctx)}`;
    const last = uriLines.at(-1);
    if (last) yield setValue(last.number, value, reason);
    else {
      const after = Math.max(...parts.map((l) => l.number)); // not reached without parts: an empty ldap_uri line is `last`
      yield insert('ldap_uri', value, { after }, reason);
    }
  }
  for (const line of parts.sort((a, b) => a.number - b.number)) {
    yield remove(line.number, ctx.options.target === '8.7'
      ? `${line.key} is obsolete in Kopano 8.7 (the LDAP plugin logs a warning for it); ldap_uri names the server`
      : `Kopano ${ctx.options.target} does not know ${line.key} (the LDAP plugin refuses the file); ldap_uri names the server`);
  }
}

/** What the target did with ldap_host/port/protocol: 8.7 still reads them with a warning, 11 no longer knows them. */
function gone(ctx: RuleContext): string {
  return ctx.targetTable?.options.has('ldap_host') ? 'obsolete' : 'unknown to it';
}
