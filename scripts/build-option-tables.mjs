#!/usr/bin/env node
// Builds src/options/data/options.json from ../shared/reference/options.json (facts extracted from the
// upstream sources) and, for 11.0, scripts/data/kopanocore-11.0.2.options.json (extracted from the
// kopanocore-11.0.2 sources by scripts/extract-kopano-options.mjs), plus the corrections below. Run with `npm run gen:options`. The runtime never reads
// ../shared: the generated JSON is committed, and the runtime imports it.
//
//   node scripts/build-option-tables.mjs --check-schema   (`npm run build` runs it)
// checks the committed file against the zod schema the runtime relies on;
//   node scripts/build-option-tables.mjs --check          (test/options/data-file.test.ts runs it)
// also checks that it is what this script writes from ../shared/reference (exit 1 when stale).
//
// Every deviation from options.json lives in CORRECTIONS or V70 below, with the upstream source that
// justifies it. Do not hand-edit the generated file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const referencePath = resolve(repo, '../shared/reference/options.json');
const outPath = join(repo, 'src/options/data/options.json');
/** Kopano Groupware Core 11.0 facts, committed (extract-kopano-options.mjs writes them from the sources). */
const k11Path = join(here, 'data/kopanocore-11.0.2.options.json');

/** Table versions, in slot order. */
const VERSIONS = ['7.0', '7.1', '7.2', '8.0', '8.7', '11.0'];
/** options.json version id → table version (7.0 is derived from 7.1, see V70). */
const SOURCE_VERSION = { 'zcp-7.1.11': '7.1', 'zcp-7.2.0': '7.2', 'kc-8.0.0': '8.0', 'kc-8.7.x': '8.7' };

const FILES = [
  'server.cfg', 'ical.cfg', 'gateway.cfg', 'search.cfg', 'ldap.cfg', 'ldap.propmap.cfg', 'unix.cfg',
  'dagent.cfg', 'spooler.cfg', 'monitor.cfg', 'archiver.cfg', 'backup.cfg', 'presence.cfg',
  'spamd.cfg', 'autorespond.cfg', 'php-mapi.cfg',
];

/** Daemons per version beyond the default (every version): presence from 7.2 to 8.7, spamd and autorespond in 11.0 tables only. */
const PRESENT = {
  'presence.cfg': ['7.2', '8.0', '8.7'],
  'spamd.cfg': ['11.0'],
  'autorespond.cfg': ['11.0'],
  // The PHP extension reads php-mapi.cfg from ZCP 7.2.1 on (7.0 to 7.2.0 read no file).
  'php-mapi.cfg': ['7.2', '8.0', '8.7', '11.0'],
};

// ---------------------------------------------------------------------------------------------
// Type knowledge that options.json does not carry (it only types the Python options).

/** Compared literally with "yes" instead of parseBool (SYNTAX.md §1, grep at 7.1.11 and 8.0.0). */
const YES_SWITCHES = new Set([
  'server_pipe_enabled', 'server_tcp_enabled', 'server_ssl_enabled',
  'imap_enable', 'imaps_enable', 'pop3_enable', 'pop3s_enable',
  'ical_enable', 'icals_enable', 'ssl_verify_client',
  'allow_redirect_spoofing', 'always_send_delegates', 'allow_delegate_meeting_request',
]);

/** Space-separated token lists the daemons split themselves. */
const LISTS = new Set([
  'server_ssl_protocols', 'ssl_protocols', 'disabled_features', 'local_admin_users',
  'server_listen', 'server_listen_tls', 'imap_listen', 'imaps_listen', 'pop3_listen', 'pop3s_listen',
  'ical_listen', 'icals_listen', 'lmtp_listen', 'indexed_headers', 'inhibit_auto_reply_headers',
  'inhibit_forward_headers', 'forward_whitelist_domains',
]);

/** Passwords and keys (mirrors src/options/secret.ts; the test suite checks both agree). */
const SECRET = /^(mysql_password|ldap_bind_passwd|sslkey_pass|server_ssl_key_pass|attachment_s3_secretaccesskey|attachment_s3_accesskeyid|server_secret_key|xmpp_password|server_auth_password)$|_key_pass$/;

function inferCppType(name, entry) {
  if (SECRET.test(name)) return 'secret';
  if ((entry.flags ?? []).includes('SIZE')) return 'size';
  if (YES_SWITCHES.has(name)) return 'yes-switch';
  if (LISTS.has(name)) return 'list';
  const d = typeof entry.default === 'string' ? entry.default : typeof entry.sample === 'string' ? entry.sample : '';
  if (/^(yes|no|true|false)$/.test(d)) return 'boolean';
  if (/^-?\d+$/.test(d) && !/(_path|_file|_dir)$/.test(name)) return 'integer';
  if (/^(file|http|https|unix):/.test(d) || d === 'default:' || /(_socket|_pipe_name|_pipe_priority|_bind_name)$/.test(name))
    return 'socket';
  if (d.startsWith('/') || /(_path|_file|_dir|_script|_template)$/.test(name)) return 'path';
  return 'string';
}

function pythonType(name, entry) {
  if (SECRET.test(name)) return 'secret';
  if (entry.allowedValues) return 'enum';
  if (entry.multiple) return 'list';
  switch (entry.type) {
    case 'boolean': return 'boolean';
    case 'integer': return 'integer';
    case 'size': return 'size';
    case 'path': return 'path';
    case 'ignore': return 'string';
    default: return inferCppType(name, { default: typeof entry.default === 'string' ? entry.default : '', flags: [] });
  }
}

/** A Python size default (bytes) as a config value the Python reader accepts: the largest exact 1024 unit. */
function pythonSize(bytes) {
  const units = ['', 'K', 'M', 'G', 'T'];
  let n = bytes;
  let u = 0;
  while (n !== 0 && n % 1024 === 0 && u < units.length - 1) { n /= 1024; u++; }
  return u === 0 ? `${n}B` : `${n}${units[u]}`;
}

function pythonDefault(entry, type) {
  const d = entry.default;
  if (d === null || d === undefined) return undefined;
  if (typeof d === 'boolean') return d ? 'yes' : 'no';
  if (typeof d === 'number') return type === 'size' ? pythonSize(d) : String(d);
  return String(d);
}

// ---------------------------------------------------------------------------------------------
// Corrections to options.json. Each says what and why, with the upstream source.

const CORRECTIONS = [
  {
    file: 'search.cfg', option: 'server_socket', versions: ['7.2'], set: { d: 'file:///var/run/zarafa' },
    why: 'Python None means ZARAFA_SOCKET or file:///var/run/zarafa (7.2.0 swig/python/zarafa/zarafa/__init__.py); spell the effective default out',
  },
  {
    file: 'search.cfg', option: 'server_socket', versions: ['8.0', '8.7'], set: { d: 'default:' },
    why: 'Python None means KOPANO_SOCKET or default: (kopano/__init__.py 8.0.0, kopano/config.py 8.7.25)',
  },
  {
    file: 'backup.cfg', option: 'server_socket', versions: ['8.0', '8.7'], set: { d: 'default:' },
    why: 'same base Config as search: None means default:',
  },
  {
    file: 'presence.cfg', option: 'server_socket', versions: ['8.0', '8.7'], set: { d: 'default:' },
    why: 'same base Config as search: None means default:',
  },
  ...['search.cfg', 'backup.cfg', 'spamd.cfg', 'autorespond.cfg'].map((file) => ({
    file, option: 'server_socket', versions: ['11.0'], set: { d: 'default:' },
    why: 'Python None means KOPANO_SOCKET or default: (kopano/config.py, kopano/server.py at kopanocore-11.0.2)',
  })),
];

// ZCP 7.0 tables: options.json has no 7.0 data. 7.0 = the 7.1.11 table with these differences, read
// from the configsetting_t arrays of the 7.0.5 tree in vorlon/zarafa-debian (commit 9e407c50, "Move to
// 7.0.5") compared with 7.1.11 (7bcddf95), then checked against the corpus samples 7.0.3–7.0.12: an
// option a late 7.0.x sample already has (server_ssl_enable_v2 in 7.0.12, server_pipe_priority from
// 7.0.7, charset_upgrade from 7.0.6, ...) stays, so the 7.0 family table is the union of the releases.
// Search is zarafa-indexer (indexer.cfg, C++). 7.0 entries carry no sample values.
const V70 = {
  // In 7.1.11, not in 7.0.5 and in no 7.0.x sample.
  remove: {
    'dagent.cfg': ['coredump_enabled', 'default_charset', 'no_double_forward', 'plugin_enabled', 'plugin_manager_path', 'plugin_path'],
    'gateway.cfg': ['coredump_enabled', 'disable_plaintext_auth', 'imap_max_fail_commands'],
    'ldap.cfg': ['ldap_uri'],
    'monitor.cfg': ['servers'],
    'search.cfg': ['coredump_enabled', 'index_exclude_properties', 'optimize_age', 'optimize_start', 'optimize_stop', 'term_cache_size'],
    'server.cfg': ['embedded_attachment_limit', 'enable_sql_procedures', 'owner_auto_full_access', 'proxy_header', 'search_enabled', 'search_socket', 'search_timeout'],
    'spooler.cfg': ['coredump_enabled', 'enable_dsn', 'plugin_enabled', 'plugin_manager_path', 'plugin_path'],
  },
  // zarafa-indexer options (ECtools/zarafa-indexer/zarafa-indexer.cpp at 7.0.5).
  add: {
    // Active in the 7.0.6–7.0.12 server.cfg samples, unknown to 7.0.5 and 7.1. Default and flags are
    // not in any source reachable here: the sample value stands in for the default.
    'server.cfg': { index_services_prefix_chars: { default: '3', flags: [] } },
    'search.cfg': {
      cleanup_lockfiles: { default: 'no', flags: [] },
      index_allow_servers: { default: '', flags: [] },
      index_block_companies: { default: '', flags: [] },
      index_block_users: { default: '', flags: [] },
      index_cache_timeout: { default: '0', flags: [] },
      index_interval: { default: '5', flags: [] },
      index_max_buffered_docs: { default: '10', flags: ['RELOADABLE'] },
      index_max_clauses: { default: '50000', flags: [] },
      index_max_field_length: { default: '10000', flags: ['RELOADABLE'] },
      index_max_merge_docs: { default: '2147483647', flags: ['RELOADABLE'] },
      index_merge_factor: { default: '10', flags: ['RELOADABLE'] },
      index_min_merge_docs: { default: '10', flags: ['RELOADABLE'] },
      index_sync_stream: { default: 'yes', flags: ['UNUSED'] },
      index_term_interval: { default: '128', flags: ['RELOADABLE'] },
      index_threads: { default: '1', flags: ['RELOADABLE'] },
    },
  },
  // Same option, other default or flags in 7.0.5. Sizes had no SIZE flag yet: atoi() reads "16M" as 16.
  change: {
    'archiver.cfg': { log_timestamp: { default: '1', flags: [] } },
    'dagent.cfg': { process_model: { default: 'fork', flags: [] } },
    'gateway.cfg': { imap_max_messagesize: { default: '134217728', flags: ['RELOADABLE'] } },
    'ldap.cfg': { ldap_bind_passwd: { default: '', flags: ['EXACT'] } },
    'monitor.cfg': {
      userquota_hard_template: { default: '/etc/zarafa/quotamail/userhard.mail', flags: ['RELOADABLE'] },
      userquota_soft_template: { default: '/etc/zarafa/quotamail/usersoft.mail', flags: ['RELOADABLE'] },
    },
    'search.cfg': {
      index_attachment_max_size: { default: '5120', flags: ['RELOADABLE'] },
      pid_file: { default: '/var/run/zarafa-indexer.pid', flags: [] },
    },
    'server.cfg': {
      attachment_path: { default: '/var/lib/zarafa', flags: [] },
      cache_acl_size: { default: '1048576', flags: [] },
      cache_cell_size: { default: '16777216', flags: [] },
      cache_indexedobject_size: { default: '16777216', flags: [] },
      cache_object_size: { default: '5242880', flags: [] },
      cache_quota_size: { default: '1048576', flags: [] },
      cache_server_size: { default: '1048576', flags: [] },
      cache_store_size: { default: '1048576', flags: [] },
      cache_user_size: { default: '1048576', flags: [] },
      cache_userdetails_size: { default: '2621440', flags: [] },
      companyquota_hard: { default: '0', flags: ['RELOADABLE'] },
      companyquota_soft: { default: '0', flags: ['RELOADABLE'] },
      index_services_enabled: { default: 'no', flags: ['RELOADABLE'] },
      index_services_path: { default: 'file:///var/run/zarafa-indexer', flags: ['RELOADABLE'] },
      index_services_search_timeout: { default: '10', flags: ['RELOADABLE'] },
    },
  },
};

// ZCP 7.2 family = 7.2.0 (options.json) plus the options later 7.2.x releases added, so that a 7.2.5
// file validates against its own family. Read from the configsetting_t arrays at tags zcp-7.2.1 and
// zcp-7.2.5 of fbartels/zcp (Zarafa's own git): provider/server/ECServer.cpp, gateway/Gateway.cpp,
// caldav/CalDAV.cpp, spooler/DAgent.cpp, spooler/Spooler.cpp, ECtools/monitor/zarafa-monitor.cpp,
// ECtools/archiver/Archiver.cpp, provider/plugins/LDAPUserPlugin.cpp (the multi-server attributes
// moved into the open-source plugin in 7.2.1). Skipped: mysql_config_file/mysql_database_path (embedded
// MySQL builds only).
const LOG_BUFFER = { default: '0', flags: [] };
const TMP = { default: '/tmp', flags: [] };
const S3 = (d) => ({ default: d, flags: [], condition: 'defined(HAVE_LIBS3_H)' });
const V72_LATER = {
  'server.cfg': {
    log_buffer_size: LOG_BUFFER, tmp_path: TMP, attachment_files_fsync: { default: 'false', flags: [] },
    attachment_s3_hostname: S3(''), attachment_s3_protocol: S3('https'), attachment_s3_uristyle: S3('virtualhost'),
    attachment_s3_bucketname: S3(''), attachment_s3_accesskeyid: S3(''), attachment_s3_secretaccesskey: S3(''),
  },
  'gateway.cfg': { log_buffer_size: LOG_BUFFER, tmp_path: TMP },
  'ical.cfg': { log_buffer_size: LOG_BUFFER, tmp_path: TMP },
  'dagent.cfg': {
    log_buffer_size: LOG_BUFFER, tmp_path: TMP, server_bind_intf: { default: '', flags: [] },
    mr_autoprocessor: { default: '/usr/sbin/zarafa-mr-process', flags: ['RELOADABLE'] },
    z_statsd_stats: { default: '/var/run/zarafad/statsd.sock', flags: [] },
  },
  'spooler.cfg': { log_buffer_size: LOG_BUFFER, tmp_path: TMP, z_statsd_stats: { default: '/var/run/zarafad/statsd.sock', flags: [] } },
  'monitor.cfg': { log_buffer_size: LOG_BUFFER },
  'archiver.cfg': { log_buffer_size: LOG_BUFFER },
  'ldap.cfg': {
    ldap_company_server_attribute: { default: 'zarafaCompanyServer', flags: ['RELOADABLE'] },
    ldap_server_address_attribute: { default: '', flags: ['RELOADABLE'] },
    ldap_server_contains_public_attribute: { default: 'zarafaContainsPublic', flags: ['RELOADABLE'] },
    ldap_server_file_path_attribute: { default: 'zarafaFilePath', flags: ['RELOADABLE'] },
    ldap_server_http_port_attribute: { default: 'zarafaHttpPort', flags: ['RELOADABLE'] },
    ldap_server_proxy_path_attribute: { default: 'zarafaProxyURL', flags: ['RELOADABLE'] },
    ldap_server_scope: { default: '', flags: ['UNUSED'] },
    ldap_server_search_base: { default: '', flags: ['UNUSED'] },
    ldap_server_search_filter: { default: '', flags: ['RELOADABLE'] },
    ldap_server_ssl_port_attribute: { default: 'zarafaSslPort', flags: ['RELOADABLE'] },
    ldap_server_unique_attribute: { default: 'cn', flags: ['RELOADABLE'] },
    ldap_user_server_attribute: { default: 'zarafaUserServer', flags: ['RELOADABLE'] },
  },
};

// php-mapi.cfg: options.json does not cover it. The table is the configsetting_t array of
// LoadSettingsFile() in the PHP extension: php-ext/main.cpp at tags zcp-7.2.1 and zcp-7.2.5 of
// fbartels/zcp (7.2.0 in vorlon/zarafa-debian reads no file), php-ext/main.cpp at kopanocore-8.0.0,
// php7-ext/main.cpp at kopanocore-8.7.25 and php-ext/main.cpp at kopanocore-11.0.2. The 7.2 family
// is 7.2.5 (7.2.1 knew only the five log_* options, with log_level 2 and log_buffer_size 4096).
// An unknown option makes LoadSettings fail, so the extension does not set up its logger from the file.
const PHP_MAPI_ZCP = {
  log_method: { default: 'syslog', flags: [] },
  log_file: { default: '/var/log/zarafa/php-mapi.log', flags: [] },
  log_level: { default: '3', flags: ['RELOADABLE'] },
  log_timestamp: { default: '0', flags: [] },
  log_buffer_size: { default: '0', flags: [] },
  php_mapi_performance_trace_file: { default: '', flags: [] },
  php_mapi_debug: { default: '0', flags: [] },
};
const PHP_MAPI_87 = {
  ...PHP_MAPI_ZCP,
  log_method: { default: 'syslog', flags: ['NONEMPTY'] },
  log_file: { default: '/var/log/kopano/php-mapi.log', flags: ['NONEMPTY'] },
  log_level: { default: '3', flags: ['NONEMPTY', 'RELOADABLE'] },
};
const PHP_MAPI = {
  '7.2': PHP_MAPI_ZCP,
  '8.0': { ...PHP_MAPI_ZCP, log_file: { default: '/var/log/kopano/php-mapi.log', flags: [] } },
  '8.7': PHP_MAPI_87,
  '11.0': PHP_MAPI_87,
};
/** Sample values (installer/linux/php-mapi.cfg at each tag; 7.2: the 7.2.5 sample); sc = commented out. */
const PHP_MAPI_SAMPLES = {
  '7.2': { log_method: ['syslog'], log_file: ['/var/log/zarafa/php-mapi.log', 1], log_level: ['3', 1], log_timestamp: ['1', 1], log_buffer_size: ['0', 1], php_mapi_debug: ['0'] },
  '8.0': { log_method: ['syslog'], log_file: ['/var/log/kopano/php-mapi.log', 1], log_level: ['3', 1], log_timestamp: ['1', 1], log_buffer_size: ['0', 1], php_mapi_debug: ['0'] },
  '8.7': { log_method: ['syslog', 1], log_file: ['/var/log/kopano/php-mapi.log', 1], log_level: ['3', 1], log_timestamp: ['yes', 1], log_buffer_size: ['0', 1], php_mapi_debug: ['0', 1] },
};
PHP_MAPI_SAMPLES['11.0'] = PHP_MAPI_SAMPLES['8.7'];

function phpMapiEntries(perVersion) {
  for (const [ver, table] of Object.entries(PHP_MAPI)) {
    for (const [name, src] of Object.entries(table)) {
      const [sample, commented] = PHP_MAPI_SAMPLES[ver][name] ?? [];
      const e = entryFrom('php-mapi.cfg', name, { ...src, sample, sampleCommented: commented === 1 }, 'cpp');
      if (!perVersion.has(name)) perVersion.set(name, new Map());
      perVersion.get(name).set(ver, e);
    }
  }
}

// ---------------------------------------------------------------------------------------------

function entryFrom(file, name, src, dialect) {
  if (src.notInCompiledTable) return null; // the open-source daemon rejects it as unknown
  const flags = [...(src.flags ?? [])];
  let type;
  let def;
  if (dialect === 'python' && src.type) {
    type = pythonType(name, src);
    def = pythonDefault(src, type);
    if (src.mandatory) flags.push('MANDATORY');
  } else {
    type = inferCppType(name, src);
    def = typeof src.default === 'string' ? src.default : undefined;
    if (def === undefined && src.sourceUnavailable && typeof src.documentedDefault === 'string') def = src.documentedDefault;
  }
  const e = { t: type };
  if (src.alias) { e.a = src.alias; def = undefined; }
  if (def !== undefined) e.d = def;
  if (flags.length) e.f = [...new Set(flags)].sort();
  if (src.allowedValues) e.v = src.allowedValues.map(String);
  if (typeof src.sample === 'string') {
    e.s = src.sample;
    if (src.sampleCommented) e.sc = 1;
  }
  if (src.condition) e.c = src.condition;
  return e;
}

function dialectOf(file, version) {
  if (file === 'search.cfg') return version === '7.0' || version === '7.1' ? 'cpp' : 'python';
  if (['backup.cfg', 'presence.cfg', 'spamd.cfg', 'autorespond.cfg'].includes(file)) return 'python';
  return 'cpp';
}

/** The 11.0 entries of one daemon file from the extracted facts (same shape as options.json's per-version entries). */
function k11Entries(k11, file) {
  const out = new Map();
  for (const [name, src] of Object.entries(k11.files[file] ?? {})) {
    const e = entryFrom(file, name, src, dialectOf(file, '11.0'));
    if (e) out.set(name, e);
  }
  return out;
}

function build(ref, k11) {
  const files = {};
  for (const file of FILES) {
    const v = {};
    const perVersion = new Map(); // option → Map(version → entry)
    const policy = ref.unknownOptionPolicy[file === 'ldap.propmap.cfg' ? 'ldap.cfg' : file] ?? {};
    const present = PRESENT[file] ?? VERSIONS;
    for (const ver of present) {
      const srcVer = ver === '7.0' ? 'zcp-7.1.11' : Object.keys(SOURCE_VERSION).find((k) => SOURCE_VERSION[k] === ver);
      const k11Policy = k11.unknownOptionPolicy[file === 'ldap.propmap.cfg' ? 'ldap.cfg' : file];
      // The propmap file is read with "unknown keys allowed": nothing is logged for any key.
      const pol = file === 'ldap.propmap.cfg' ? 'warning' : file === 'php-mapi.cfg' ? 'fatal' : ver === '11.0' ? k11Policy ?? 'unknown' : policy[srcVer] ?? 'unknown';
      v[ver] = [dialectOf(file, ver), pol];
    }
    for (const [name, byVer] of Object.entries(ref.files[file] ?? {})) {
      for (const [srcVer, src] of Object.entries(byVer)) {
        const ver = SOURCE_VERSION[srcVer];
        if (!ver || !v[ver]) continue;
        const e = entryFrom(file, name, src, dialectOf(file, ver));
        if (!e) continue;
        if (!perVersion.has(name)) perVersion.set(name, new Map());
        perVersion.get(name).set(ver, e);
        if (ver === '7.1' && v['7.0']) perVersion.get(name).set('7.0', structuredClone(e));
      }
    }
    applyV70(file, perVersion);
    if (file === 'php-mapi.cfg') phpMapiEntries(perVersion);
    if (v['11.0']) {
      for (const [name, e] of k11Entries(k11, file)) {
        if (!perVersion.has(name)) perVersion.set(name, new Map());
        perVersion.get(name).set('11.0', e);
      }
    }
    for (const [name, src] of Object.entries(V72_LATER[file] ?? {})) {
      if (perVersion.get(name)?.has('7.2')) throw new Error(`V72_LATER: ${file} ${name} already in 7.2`);
      if (!perVersion.has(name)) perVersion.set(name, new Map());
      perVersion.get(name).set('7.2', entryFrom(file, name, src, 'cpp'));
    }
    for (const c of CORRECTIONS.filter((c) => c.file === file)) {
      for (const ver of c.versions) {
        const e = perVersion.get(c.option)?.get(ver);
        if (!e) throw new Error(`correction for absent ${file} ${c.option} ${ver}`);
        Object.assign(e, c.set);
      }
    }
    // An alias is read like its target: give it the target's type.
    for (const m of perVersion.values()) {
      for (const [ver, e] of m) {
        const target = e.a && perVersion.get(e.a)?.get(ver);
        if (target) e.t = target.t;
      }
    }
    const o = {};
    for (const name of [...perVersion.keys()].sort()) {
      const m = perVersion.get(name);
      let prev = null;
      o[name] = VERSIONS.map((ver) => {
        const e = m.get(ver) ?? null;
        const slot = e && prev && JSON.stringify(e) === JSON.stringify(prev) ? 0 : e;
        prev = e;
        return slot;
      });
    }
    files[file] = { v, o };
  }
  const k11Ref = `${k11.repository} tag ${k11.tag} (commit ${k11.commit}) via ${k11.generatedBy}`;
  return { format: 1, source: 'options.json (' + Object.values(ref.refs).join('; ') + '); ' + k11Ref + ' + corrections in scripts/build-option-tables.mjs', files };
}

function applyV70(file, perVersion) {
  for (const m of perVersion.values()) {
    const e = m.get('7.0');
    if (e) { delete e.s; delete e.sc; }
  }
  for (const name of V70.remove[file] ?? []) {
    if (!perVersion.get(name)?.delete('7.0')) throw new Error(`V70.remove: ${file} ${name} not in 7.1`);
  }
  for (const [name, src] of Object.entries(V70.add[file] ?? {})) {
    if (perVersion.get(name)?.has('7.0')) throw new Error(`V70.add: ${file} ${name} already in 7.0`);
    if (!perVersion.has(name)) perVersion.set(name, new Map());
    perVersion.get(name).set('7.0', entryFrom(file, name, src, 'cpp'));
  }
  for (const [name, src] of Object.entries(V70.change[file] ?? {})) {
    if (!perVersion.get(name)?.has('7.0')) throw new Error(`V70.change: ${file} ${name} not in 7.0`);
    perVersion.get(name).set('7.0', entryFrom(file, name, src, 'cpp'));
  }
}

/**
 * src/options/schema.ts without a build: esbuild bundles it (with what it imports, zod included) into
 * one in-memory module, so this works before tsc ran and whatever the schema imports.
 */
async function loadSchema() {
  const { build: bundle } = await import('esbuild');
  const out = await bundle({
    entryPoints: [join(repo, 'src/options/schema.ts')],
    bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`);
}

/**
 * The committed file's text: JSON, one option per line (its name and its six version slots), so a
 * change to one option is a one-line diff.
 */
export function stringifyOptionData(data) {
  const j = (x) => JSON.stringify(x);
  const fileText = (f) => {
    const names = Object.keys(f.o);
    const options = names.map((name, i) => `        ${j(name)}: ${j(f.o[name])}${i < names.length - 1 ? ',' : ''}`);
    return ['{', `      "v": ${j(f.v)},`, '      "o": {', ...options, '      }', '    }'].join('\n');
  };
  const files = Object.entries(data.files).map(([name, f], i, all) => `    ${j(name)}: ${fileText(f)}${i < all.length - 1 ? ',' : ''}`);
  return ['{', `  "format": ${j(data.format)},`, `  "source": ${j(data.source)},`, '  "files": {', ...files, '  }', '}', ''].join('\n');
}

async function main(check, schemaOnly) {
  const committed = existsSync(outPath) ? readFileSync(outPath, 'utf8') : undefined;
  const { checkOptionData } = await loadSchema();
  if (check) {
    // The build's check: the committed file parses and fits the schema the runtime relies on.
    const issues = committed === undefined ? [`${outPath} is missing`] : checkOptionData(JSON.parse(committed));
    if (issues.length) {
      console.error(`${outPath} does not match the schema (src/options/schema.ts):\n${issues.join('\n')}`);
      return 1;
    }
    if (schemaOnly) return 0;
  }
  const data = build(JSON.parse(readFileSync(referencePath, 'utf8')), JSON.parse(readFileSync(k11Path, 'utf8')));
  const issues = checkOptionData(data);
  if (issues.length) {
    console.error('generated option data does not match the schema:\n' + issues.join('\n'));
    return 1;
  }
  const text = stringifyOptionData(data);
  if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(data)) throw new Error('stringifyOptionData lost data');
  if (check) {
    if (text === committed) return 0;
    console.error(`${outPath} is stale: regenerate it with npm run gen:options`);
    return 1;
  }
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, text);
  let count = 0;
  for (const f of Object.values(data.files)) count += Object.keys(f.o).length;
  console.log(`wrote ${outPath}: ${Object.keys(data.files).length} files, ${count} option names, ${text.length} bytes`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const schemaOnly = process.argv.includes('--check-schema');
  process.exitCode = await main(schemaOnly || process.argv.includes('--check'), schemaOnly);
}
