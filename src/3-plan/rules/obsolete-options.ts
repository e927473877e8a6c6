import { insert, remove, rename, setValue, type RuleStep } from '../rule-steps.js';
import { lookupOption } from '../../options/index.js';
import type { Rule, RuleContext } from '../rule.js';
import { activeLines, currentValue, programOf } from './lib/values.js';

/** The ZCP options Kopano 8.7's LDAP plugin replaces by ldap_uri (it still reads them, with a warning). */
const LDAP_PARTS = ['ldap_host', 'ldap_port', 'ldap_protocol'] as const;

export const obsoleteOptionsRule: Rule = {
  id: 'obsolete-options',
  title: 'Replace options Kopano marks obsolete or deprecated (old alias names; 8.7: running_path, ldap_host/port/protocol → ldap_uri)',
  why:
    'The Kopano config reader logs a warning at every start for an option set under an old alias name ' +
    '(8.0 and 8.7: server_port, unix_socket, ldap_user_sendas_attribute, ldap_user_sendas_attribute_type, ' +
    'ldap_user_sendas_relation_attribute; CONFIGSETTING_ALIAS in ECServer.cpp and LDAPUserPlugin.cpp at kopanocore-8.0.0) ' +
    'and, in 8.7, for an option its table marks obsolete (running_path, socketspec, ldap_host, ldap_port, ldap_protocol). ' +
    'The 8.7 LDAP plugin reads the server from ldap_uri; the obsolete host, port and protocol are folded into it.',
  guide: 'Use the current option names; Kopano 8.7: drop running_path, write ldap_uri instead of ldap_host/ldap_port/ldap_protocol.',
  files: 'all',
  *apply(ctx) {
    const table = ctx.targetTable;
    if (!table || ctx.daemon === 'ldap.propmap.cfg') return;
    // The target's table decides: only where it marks ldap_host obsolete (8.7) is ldap_uri written.
    if (ctx.daemon === 'ldap.cfg' && lookupOption(table, 'ldap_host')?.flags.includes('OBSOLETE')) yield* ldapUri(ctx);
    const program = programOf(ctx.daemon);
    for (const { line, key } of ctx.plan.settings()) {
      if ((LDAP_PARTS as readonly string[]).includes(key) && lookupOption(table, key)?.flags.includes('OBSOLETE')) continue;
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
      if (spec.flags.includes('OBSOLETE')) {
        yield remove(line.number, `${key} is obsolete in Kopano ${ctx.options.target}; ${program} logs a warning for it at every start`);
      }
    }
  },
};

/** ldap_host, ldap_port and ldap_protocol as the ldap_uri Kopano 8.7 reads; a non-empty ldap_uri is kept. */
function* ldapUri(ctx: RuleContext): Generator<RuleStep> {
  const parts = LDAP_PARTS.flatMap((key) => activeLines(ctx, key));
  if (parts.length === 0) return;
  const uriLines = activeLines(ctx, 'ldap_uri');
  const uri = currentValue(ctx, 'ldap_uri') ?? '';
  if (uri.trim() === '') {
    const protocol = (currentValue(ctx, 'ldap_protocol') ?? 'ldap').trim().toLowerCase() === 'ldaps' ? 'ldaps' : 'ldap';
    const port = (currentValue(ctx, 'ldap_port') ?? '').trim() || (protocol === 'ldaps' ? '636' : '389');
    const hosts = (currentValue(ctx, 'ldap_host') ?? 'localhost').split(/[ \t]+/).filter((h) => h !== '');
    const value = (hosts.length > 0 ? hosts : ['localhost']).map((h) => `${protocol}://${h}:${port}`).join(' ');
    const reason = 'Kopano 8.7 reads the LDAP servers from ldap_uri; ldap_host, ldap_port and ldap_protocol are obsolete';
    const last = uriLines.at(-1);
    if (last) yield setValue(last.number, value, reason);
    else {
      const after = Math.max(...parts.map((l) => l.number));
      yield insert('ldap_uri', value, { after }, reason);
    }
  }
  for (const line of parts.sort((a, b) => a.number - b.number)) {
    yield remove(line.number, `${line.key} is obsolete in Kopano 8.7 (the LDAP plugin logs a warning for it); ldap_uri names the server`);
  }
}
