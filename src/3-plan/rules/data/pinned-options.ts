import type { DaemonFile, OptionTable } from '../../../options/index.js';
import type { Target } from '../../../types.js';

/**
 * Options whose compiled default Kopano changed in a way a running system would notice, per daemon
 * file (CHANGES.md §5 and the 8.7 tables). When a ZCP file leaves one of them out, the old default
 * is written explicitly. Left out on purpose, because other rules own them: run_as_*, pid_file,
 * sockets, paths under /etc and /var/log, SSL options, attachment_path (attachments), index_path
 * (search-index), cache_* (cache-values). `running_path` is not pinned either: ZCP's `/` only
 * decided where core files land, and a kopano-owned directory is the better place now that the
 * daemons drop root.
 */
export interface PinnedOption {
  key: string;
  /** Keys the pinned line is written next to. */
  near: readonly string[];
  /** What changes for the user if the new default is taken. */
  why: string;
  /** The same, where it reads differently for a target (the change went the other way there). */
  whyFor?: Partial<Record<Target, string>>;
  /**
   * Targets where the option is gone but a later rule (listen-options) builds its replacement
   * from the planned value, so the pin must still be planned.
   */
  convertedOn?: readonly Target[];
}

const LOG = ['log_level', 'log_method', 'log_file', 'log_timestamp'];
const MYSQL = ['mysql_database', 'mysql_host', 'mysql_port', 'mysql_user', 'mysql_password', 'mysql_socket'];

const logLevel: PinnedOption = {
  key: 'log_level',
  near: LOG,
  why: 'Kopano logs more by default (level 3 instead of 2), so log volume would grow unnoticed',
};

export const PINNED_OPTIONS: Partial<Record<DaemonFile, readonly PinnedOption[]>> = {
  'server.cfg': [
    {
      key: 'mysql_database',
      near: MYSQL,
      why: 'Kopano defaults to the database "kopano": without the old name kopano-server would create an empty database instead of using the ZCP one',
    },
    {
      key: 'hide_everyone',
      near: ['hide_everyone', 'hide_system'],
      why: 'Kopano hides the Everyone group from the address book by default, so users could no longer pick it',
    },
    {
      key: 'hide_system',
      near: ['hide_everyone', 'hide_system'],
      why: 'Kopano hides the SYSTEM user from the address book by default',
    },
    {
      key: 'attachment_storage',
      near: ['attachment_storage', 'attachment_path'],
      why: 'KC 8.7 stores attachments in files by default; attachments ZCP kept in the database would not be found',
    },
    {
      key: 'enable_sql_procedures',
      near: ['enable_sql_procedures'],
      why: 'Kopano 11 uses MySQL stored procedures by default, which needs the CREATE ROUTINE privilege (and, with binary logging, log_bin_trust_function_creators) the ZCP database user may not have',
    },
    {
      key: 'softdelete_lifetime',
      near: ['softdelete_lifetime'],
      why: 'KC 8.7 purges soft-deleted items after 30 days by default, where ZCP kept them',
    },
    {
      key: 'sync_lifetime',
      near: ['sync_lifetime'],
      why: 'KC 8.7 drops sync states after 90 days instead of 365, forcing devices idle longer than that to resync',
    },
    logLevel,
  ],
  'dagent.cfg': [
    {
      key: 'server_bind',
      near: ['server_bind', 'lmtp_port', 'lmtp_max_threads'],
      why: 'ZCP bound LMTP to 127.0.0.1; Kopano binds all addresses by default, which would open LMTP to the network',
      convertedOn: ['8.7', '11.0'],
    },
    {
      key: 'default_charset',
      near: ['default_charset'],
      why: 'KC 8.7 reads mail without a charset as us-ascii instead of iso-8859-15, garbling accented text',
    },
    {
      key: 'no_double_forward',
      near: ['no_double_forward'],
      why: 'KC 8.7 turns on no_double_forward by default, so rules that forward mail already forwarded would silently stop forwarding',
    },
    {
      key: 'log_raw_message',
      near: ['log_raw_message', 'log_raw_message_path'],
      why: 'KC 8.7 writes the raw message of every failed delivery to disk by default (log_raw_message = error); ZCP did not',
    },
    logLevel,
  ],
  'spooler.cfg': [logLevel],
  'gateway.cfg': [logLevel],
  'ical.cfg': [logLevel],
  'monitor.cfg': [logLevel],
  'archiver.cfg': [
    {
      key: 'mysql_database',
      near: MYSQL,
      why: 'Kopano defaults to the archiver database "kopano-archiver": without the old name the archive state would start empty',
    },
    logLevel,
  ],
  'search.cfg': [
    {
      key: 'index_attachments',
      near: ['index_attachments', 'index_attachment_max_size'],
      why: 'the Kopano indexer indexes attachments by default where ZCP 7.1 did not, which costs CPU and disk',
      whyFor: { '11.0': 'Kopano 11 no longer indexes attachments by default, so searches would stop finding text in attachments' },
    },
    {
      key: 'limit_results',
      near: ['limit_results'],
      why: 'Kopano 11 returns at most 1000 results per search by default, where ZCP returned every match',
    },
    {
      key: 'index_attachment_max_size',
      near: ['index_attachments', 'index_attachment_max_size'],
      why: 'Kopano indexes attachments up to 16M by default instead of 5M',
    },
    {
      key: 'index_exclude_properties',
      near: ['index_exclude_properties'],
      why: 'Kopano indexes a different set of properties by default, so search results would change',
    },
    {
      key: 'term_cache_size',
      near: ['term_cache_size'],
      why: 'Kopano uses a different indexing cache size by default',
    },
    { ...logLevel, why: 'kopano-search logs at level "info" (8.7: "warning") by default instead of 2' },
  ],
  'unix.cfg': [
    {
      key: 'non_login_shell',
      near: ['non_login_shell'],
      why: 'KC 8.7 also counts /sbin/nologin as a non-login shell, which turns such users into non-active accounts',
    },
  ],
};

/** LDAP options naming attributes of server entries and home servers (multi-server setups only). */
export const MULTI_SERVER_ATTRIBUTES: readonly string[] = [
  'ldap_user_server_attribute',
  'ldap_company_server_attribute',
  'ldap_server_http_port_attribute',
  'ldap_server_ssl_port_attribute',
  'ldap_server_file_path_attribute',
  'ldap_server_contains_public_attribute',
  'ldap_server_proxy_path_attribute',
];

/**
 * The options pinned-defaults considers for `daemon`. For ldap.cfg that is every option naming an
 * LDAP attribute or object class (`*_attribute`, `*_type_attribute_value`): their defaults moved
 * from zarafa* to kopano* names, and a directory still on the Zarafa schema has only those.
 */
export function pinnedOptionsOf(daemon: DaemonFile, source: OptionTable | undefined): readonly PinnedOption[] {
  return daemon === 'ldap.cfg' ? ldapPinsOf(source) : PINNED_OPTIONS[daemon] ?? [];
}

function ldapPinsOf(source: OptionTable | undefined): readonly PinnedOption[] {
  const out: PinnedOption[] = [];
  for (const spec of source?.options.values() ?? []) {
    if (spec.aliasOf !== undefined) continue;
    if (!spec.name.endsWith('_attribute') && !spec.name.endsWith('_type_attribute_value')) continue;
    // Only a multi-server setup reads these; ldap-schema writes them when the file shows one.
    if (MULTI_SERVER_ATTRIBUTES.includes(spec.name)) continue;
    const stem = spec.name.replace(/_(type_)?attribute(_value)?$/, '');
    out.push({
      key: spec.name,
      near: [`${stem}_attribute`, `${stem}_type_attribute_value`, `${stem}_search_filter`],
      why: 'Kopano names the kopano.schema attribute by default; the directory still has the zarafa.schema one',
    });
  }
  return out;
}
