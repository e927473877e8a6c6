// The whole rule table through translateConfig, on small ZCP files of our own: the output must hold nothing
// the target daemon refuses (no OUTPUT_* error) and a second translation must change nothing.
import { describe, expect, test } from 'vitest';
import { translateConfig } from '../../src/api/translate-config.js';
import { lines } from './run-rules.js';

const FILES: Record<string, string> = {
  'server.cfg': lines(
    'server_bind = 0.0.0.0',
    'server_tcp_port = 236',
    '  # server_port = 237',
    'server_pipe_name = /var/run/zarafa',
    'server_ssl_enabled = yes',
    'server_ssl_enable_v2 = no',
    'run_as_user =',
    'pid_file = /var/run/zarafa-server.pid',
    'user_plugin_config = /etc/zarafa/ldap.cfg',
    'enable_hosted_zarafa = false',
    'enable_sso_ntlmauth = no',
    'plugin_path = /usr/lib/zarafa',
    'thread_stacksize = 512',
  ),
  'gateway.cfg': lines('server_socket = http://localhost:236/zarafa', 'imap_enable = yes', 'pop3s_enable = yes', 'ssl_enable_v2 = no', 'imap_always_generate = no'),
  'ical.cfg': lines('ical_enable = yes', 'icals_port = 8443', 'ssl_enable_v2 = yes'),
  'dagent.cfg': lines('server_bind = 127.0.0.1', 'lmtp_port = 2003', 'mr_autoaccepter = /usr/bin/zarafa-mr-accept'),
  'search.cfg': lines('server_bind_name = file:///var/run/zarafa-search', 'optimize_age = 10', 'log_file = /var/log/zarafa/search.log'),
  'backup.cfg': lines('server_socket = file:///var/run/zarafa', 'threads = 4'),
};

describe.each(['8.0', '8.7'] as const)('the full rule table, target %s', (target) => {
  test.each(Object.keys(FILES))('%s from 7.1: nothing that stops the daemon, and stable', (file) => {
    const options = { target, source: '7.1' as const };
    const first = translateConfig(FILES[file]!, file, options);
    expect(first.diagnostics.filter((d) => d.code.startsWith('OUTPUT_'))).toEqual([]);
    expect(first.changes.length).toBeGreaterThan(0);
    const again = translateConfig(first.output, file, options);
    expect(again.changes).toEqual([]);
    expect(again.output).toBe(first.output);
  });
});
