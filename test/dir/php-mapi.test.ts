import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';
import { getOptionTable, validateConfig } from '../../src/options/index.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { makeTree } from './helpers.js';

// A ZCP 7.2.x php-mapi.cfg as a user left it: file logging under /var/log/zarafa, a perf trace, one key
// no release of the PHP extension knows.
const PHP_MAPI = [
  'log_method = file',
  'log_file = /var/log/zarafa/php-mapi.log',
  'log_level = 5',
  'php_mapi_performance_trace_file = /var/log/zarafa/php-mapi-perf.log',
  'php_mapi_debug = 3',
  'mapi_cache = on',
  '',
].join('\n');
const SERVER = 'server_name = host1\nlog_file = /var/log/zarafa/server.log\nserver_ssl_protocols = !SSLv2\n';

describe('php-mapi.cfg, read by the PHP extension', () => {
  it('has tables from ZCP 7.2 on (7.0 and 7.1 read no such file), with the Kopano log path from 8.0 on', () => {
    expect(getOptionTable('php-mapi.cfg', '7.1')).toBeUndefined();
    expect(getOptionTable('php-mapi.cfg', '7.2')!.options.get('log_file')!.default).toBe('/var/log/zarafa/php-mapi.log');
    for (const v of ['8.0', '8.7', '11.0'] as const) {
      const t = getOptionTable('php-mapi.cfg', v)!;
      expect(t.options.get('log_file')!.default).toBe('/var/log/kopano/php-mapi.log');
      expect([...t.options.keys()].sort()).toEqual(['log_buffer_size', 'log_file', 'log_level', 'log_method', 'log_timestamp', 'php_mapi_debug', 'php_mapi_performance_trace_file']);
    }
    // 8.7 made the log settings NONEMPTY.
    expect(getOptionTable('php-mapi.cfg', '8.0')!.options.get('log_method')!.flags).not.toContain('NONEMPTY');
    expect(getOptionTable('php-mapi.cfg', '8.7')!.options.get('log_method')!.flags).toContain('NONEMPTY');
  });

  it('an unknown key is an error: the extension then drops the whole file', () => {
    const ds = validateConfig(parseConfig('mapi_cache = on\n', { file: 'php-mapi.cfg' }), 'php-mapi.cfg', '8.7');
    expect(ds.map((d) => [d.code, d.severity, d.line])).toEqual([['UNKNOWN_OPTION', 'error', 1]]);
    expect(ds[0]!.message).toContain('PHP extension');
  });

  it.each(['8.0', '8.7', '11.0'] as const)('is translated for %s: Zarafa paths move, the unknown key is commented out', async (target) => {
    const r = await translateConfigDir(makeTree({ 'server.cfg': SERVER, 'php-mapi.cfg': PHP_MAPI }), { target });
    const f = r.files.find((x) => x.source === 'php-mapi.cfg')!;
    expect(f.target).toBe('php-mapi.cfg');
    const out = f.output.split('\n');
    expect(out).toContain('log_file = /var/log/kopano/php-mapi.log');
    expect(out).toContain('php_mapi_performance_trace_file = /var/log/kopano/php-mapi-perf.log');
    expect(out).toContain('log_level = 5');
    expect(out).toContain('php_mapi_debug = 3');
    expect(out).toContain('#mapi_cache = on');
    expect(f.output).toMatch(/# zarafa2kopano\[unknown-options\]: the PHP extension php-mapi \(Kopano [\d.]+\) does not know mapi_cache and then applies none of the settings of the file\n/);
    expect(f.output).not.toContain('/var/log/zarafa');
    // Not a copied stranger any more: no note that no Kopano program reads it.
    expect(r.diagnostics.filter((d) => d.file === 'php-mapi.cfg').map((d) => d.code)).not.toContain('NOT_A_DAEMON_CONFIG');
    // The output passes the target's own table.
    const errors = validateConfig(parseConfig(f.output, { file: 'php-mapi.cfg' }), 'php-mapi.cfg', target).filter((d) => d.severity !== 'info');
    expect(errors).toEqual([]);
  });

  it('the runbook says the web server reads it, and that its log file must be writable there; no service is started for it', async () => {
    const r = await translateConfigDir(makeTree({ 'server.cfg': SERVER, 'php-mapi.cfg': PHP_MAPI }));
    const step = r.actions.find((a) => a.id === 'clients:php-mapi')!;
    expect(step.phase).toBe('clients');
    expect(step.paths).toEqual(['/etc/kopano/php-mapi.cfg', '/var/log/kopano/php-mapi.log']);
    expect(step.from).toEqual({ file: 'php-mapi.cfg', line: 2, key: 'log_file' });
    expect(r.actions.map((a) => a.command ?? '').join('\n')).not.toMatch(/php-mapi(?!\.cfg)\b.*systemctl|kopano-php-mapi/);
  });

  it('logging to syslog needs no log file', async () => {
    const r = await translateConfigDir(makeTree({ 'server.cfg': SERVER, 'php-mapi.cfg': 'log_method = syslog\n' }));
    expect(r.actions.find((a) => a.id === 'clients:php-mapi')!.paths).toEqual(['/etc/kopano/php-mapi.cfg']);
  });

  it('a directory without php-mapi.cfg gets no such step', async () => {
    const r = await translateConfigDir(makeTree({ 'server.cfg': SERVER }));
    expect(r.actions.some((a) => a.id === 'clients:php-mapi')).toBe(false);
  });

  it('does not sway the source release: a 7.1 server.cfg next to it stays 7.1', async () => {
    const r = await translateConfigDir(makeTree({
      'server.cfg': 'server_ssl_enable_v2 = no\nsearch_enabled = yes\nsearch_socket = file:///var/run/zarafa-search\n',
      'php-mapi.cfg': PHP_MAPI,
    }));
    expect(r.source.version).toBe('7.1');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('SOURCE_CONFLICT');
  });
});
