import { describe, expect, it } from 'vitest';
import { generateLine, makeRng, type Rng } from '../helpers/generate.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { DaemonFile } from '../../src/options/index.js';
import { checkOutput, resolveOptions } from '../../src/pipeline/translate-config.js';

/*
 * checkOutput parses a big output a part at a time so that it is never one whole document in
 * memory. The parts must give exactly what one parse of the whole gives: the same OUTPUT_*
 * diagnostics (line numbers of the whole file, same order) and the same masked text.
 */

const LINE_ENDS = ['\n', '\n', '\r\n'];

/** Lines that make the checks speak: errors the output check keeps, secrets, marks a part could start with. */
const LOUD = [
  'cache_cell_size = lots', 'cache_cell_size = 16M', 'mysql_password = hunter2', '#mysql_password = old',
  'server_ssl_protocols = SSLv9', 'log_method =', '\uFEFFmysql_password = bom', '\uFEFF', 'ldap_bind_passwd = s3cret',
  'run_as_user = kopano', '  indented = misread', 'server_listen = 0.0.0.0:236',
];

function text(r: Rng): string {
  const parts: string[] = [];
  if (r.chance(0.1)) parts.push('\uFEFF');
  const count = r.int(40);
  for (let i = 0; i < count; i++) {
    parts.push(r.chance(0.4) ? r.pick(LOUD) : generateLine(r));
    parts.push(i === count - 1 && r.chance(0.3) ? '' : r.pick(LINE_ENDS));
  }
  return parts.join('');
}

function check(output: string, daemon: DaemonFile, target: '8.0' | '8.7', showSecrets: boolean, partLines?: number) {
  const diagnostics: Diagnostic[] = [];
  const opts = resolveOptions({ target, showSecrets });
  const masked = checkOutput(output, daemon, daemon, opts, 'utf8', diagnostics, partLines);
  return { masked, diagnostics };
}

describe('checkOutput in parts', () => {
  it('gives what one parse of the whole output gives, for any part size', () => {
    const r = makeRng(11);
    const daemons: DaemonFile[] = ['server.cfg', 'ldap.cfg', 'spooler.cfg', 'search.cfg', 'gateway.cfg'];
    let errors = 0;
    let masks = 0;
    for (let round = 0; round < 400; round++) {
      const output = text(r);
      const daemon = r.pick(daemons);
      const target = r.chance(0.5) ? '8.0' : '8.7';
      const show = r.chance(0.2);
      const whole = check(output, daemon, target, show, Number.POSITIVE_INFINITY);
      errors += whole.diagnostics.length;
      if (whole.masked !== output) masks++;
      for (const partLines of [1, 2, 3, 7]) expect(check(output, daemon, target, show, partLines)).toEqual(whole);
    }
    // The generated outputs did exercise both checks.
    expect(errors).toBeGreaterThan(100);
    expect(masks).toBeGreaterThan(50);
  });

  it('numbers the lines of later parts as in the whole file', () => {
    const output = 'server_name = a\nserver_name = b\ncache_cell_size = lots\nmysql_password = x\ncache_cell_size = more\n';
    const { masked, diagnostics } = check(output, 'server.cfg', '8.0', false, 2);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['OUTPUT_INVALID_SIZE', 3], ['OUTPUT_INVALID_SIZE', 5]]);
    expect(masked).not.toContain('= x');
    expect(masked.split('\n')).toHaveLength(6);
  });
});
