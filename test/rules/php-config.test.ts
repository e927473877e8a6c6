import { describe, expect, it } from 'vitest';
import { scanPhpDefines } from '../../src/3-plan/php/php-defines.js';
import { translatePhpConfig } from '../../src/4-emit/emit-php.js';

const WEBAPP = [
  '<?php',
  '\t// define("DEFAULT_SERVER", "file:///var/run/zarafa"); in a comment',
  '\tdefine("DEFAULT_SERVER", "file:///var/run/zarafa");',
  "\tdefine('TMP_PATH', '/var/lib/zarafa-webapp/tmp');",
  "\t$s = 'define(\"MAPI_SERVER\", \"file:///var/run/zarafa\")';",
  "\tdefine('PASSWORD_KEY', 'k3yV4lue');",
  '',
].join('\n');

const run = (text: string, kind: 'webapp' | 'z-push' = 'webapp', show = false) =>
  translatePhpConfig(text, 'webapp/config.php', 'webapp/config.php', kind, show);

describe('the define() scanner', () => {
  it('finds calls in code only: not in comments, not inside strings', () => {
    const scan = scanPhpDefines(WEBAPP);
    expect(scan.defines.map((d) => `${d.line} ${d.name}=${d.value}`)).toEqual([
      '3 DEFAULT_SERVER=file:///var/run/zarafa',
      '4 TMP_PATH=/var/lib/zarafa-webapp/tmp',
      '6 PASSWORD_KEY=k3yV4lue',
    ]);
  });

  it('reads escapes as PHP does and marks such literals as not plain', () => {
    const scan = scanPhpDefines("<?php define('A', 'it\\'s'); define(\"B\", \"x$y\"); define('C', 'plain');\n");
    expect(scan.defines.map((d) => [d.name, d.value, d.plain])).toEqual([['A', "it's", false], ['B', 'x$y', false], ['C', 'plain', true]]);
  });
});

describe('translating a web client config.php', () => {
  it('rewrites the socket and the install paths, every other byte kept', () => {
    const t = run(WEBAPP);
    const expected = WEBAPP.split('\n');
    expected[2] = '\tdefine("DEFAULT_SERVER", "file:///var/run/kopano/server.sock");';
    expected[3] = "\tdefine('TMP_PATH', '/var/lib/kopano-webapp/tmp');";
    expect(t.output).toBe(expected.join('\n'));
    expect(t.changes.map((c) => `${c.line} ${c.key}`)).toEqual(['3 DEFAULT_SERVER', '4 TMP_PATH']);
  });

  it('is idempotent', () => {
    const once = run(WEBAPP).output;
    const twice = run(once);
    expect(twice.output).toBe(once);
    expect(twice.changes).toEqual([]);
    expect(twice.diff).toBe('');
  });

  it('masks secret-named defines in the diff unless asked', () => {
    const changed = WEBAPP.replace('$s = ', '$t = ');
    expect(run(changed).diff).not.toContain('k3yV4lue');
    expect(run(changed, 'webapp', true).diff).toContain('k3yV4lue');
  });

  it('leaves a Z-Push 2.2 file on the Zarafa backend as it is (2.3+ reads other files): its settings go by the runbook', () => {
    const text = "<?php\ndefine('BACKEND_PROVIDER', 'BackendZarafa');\ndefine('MAPI_SERVER', 'file:///var/run/zarafa');\n";
    const t = run(text, 'z-push');
    expect(t.output).toBe(text);
    expect(t.diagnostics.map((d) => d.code)).toEqual(['HOST_ZPUSH_UPGRADE']);
    expect((t.actions ?? []).map((a) => a.id)).toContain('clients:z-push-fixstates');
  });

  it('points a Z-Push 2.3+ file\'s MAPI_SERVER at the Kopano socket', () => {
    const t = run("<?php\ndefine('MAPI_SERVER', 'file:///var/run/zarafa');\n", 'z-push');
    expect(t.output).toBe("<?php\ndefine('MAPI_SERVER', 'file:///var/run/kopano/server.sock');\n");
  });

  it('reports what it will not guess at, and changes nothing there', () => {
    const text = "<?php\ndefine('MAPI_SERVER', MY_SOCKET);\ndefine('DEFAULT_SERVER', \"file://$dir/zarafa\");\ndefine('MAPI_SERVER', 'file:///srv/own.sock');\n";
    const t = run(text);
    expect(t.output).toBe(text);
    expect(t.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['2 PHP_DEFINE_NOT_LITERAL', '3 PHP_DEFINE_NOT_LITERAL', '4 CUSTOM_SOCKET_KEPT']);
  });

  it('keeps a file that is not PHP as it is, with a warning', () => {
    const t = run('DEFAULT_SERVER = file:///var/run/zarafa\n');
    expect(t.output).toBe('DEFAULT_SERVER = file:///var/run/zarafa\n');
    expect(t.diagnostics.map((d) => d.code)).toEqual(['PHP_NOT_PHP']);
  });
});
