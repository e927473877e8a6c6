import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleModules, CACHE_FILE, writeBundle } from '../gen/bundle-cli.mjs';
import { BIN, ROOT, UNBUNDLED_CLI } from '../helpers/bin.js';

const SAMPLE = path.join(ROOT, 'fixtures/sample/etc/zarafa');

function run(file: string, args: string[]) {
  const r = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled bin (test/gen/bundle-cli.mjs)', () => {
  // Every path of the CLI that loads other modules lazily: translation, --json redaction, --check,
  // a usage error and a bad input directory.
  const cases: string[][] = [
    [SAMPLE],
    ['--json', SAMPLE],
    ['--check', '--target', '8.7', SAMPLE],
    ['--check', '--kopano-dir', path.join(ROOT, 'fixtures/cases/zcp72-ldap/kopano'), path.join(ROOT, 'fixtures/cases/zcp72-ldap/zarafa')],
    ['--no-such-flag', SAMPLE],
    [path.join(ROOT, 'fixtures/no-such-dir')],
    ['--version'],
  ];
  it.each(cases)('behaves exactly like the unbundled entry: %s', (...args) => {
    const bundled = run(BIN, args);
    expect(bundled).toEqual(run(UNBUNDLED_CLI, args));
    expect(bundled.stderr).not.toContain('internal error');
  });

  it('is one script: it loads no module of ours from dist/, and its code cache fits this Node', () => {
    const dist = path.dirname(BIN);
    const text = readFileSync(path.join(dist, BUNDLE_FILE), 'utf8');
    expect(text).not.toMatch(/\bimport\s*\(\s*['"]\.|\brequire\(\s*['"]\./);
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // A child process, as the bin runs: the cache is only used when V8 accepts it.
    const probe = spawnSync(process.execPath, ['-e', [
      "const fs = require('node:fs'), vm = require('node:vm');",
      `const s = new vm.Script(fs.readFileSync(${JSON.stringify(path.join(dist, BUNDLE_FILE))}, 'utf8'), { filename: ${JSON.stringify(path.join(dist, BUNDLE_FILE))}, cachedData: fs.readFileSync(${JSON.stringify(path.join(dist, CACHE_FILE))}) });`,
      'console.log(s.cachedDataRejected);',
    ].join('\n')], { encoding: 'utf8' });
    expect(probe.stdout.trim()).toBe('false');
  });

  it('keeps ES module semantics: load order, lazy dynamic imports, default imports, import.meta.url', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'z2k-bundle-'));
    mkdirSync(path.join(dist, 'sub'));
    const files: Record<string, string> = {
      'main.js': [
        "import path from 'node:path';",
        "import { log } from './sub/log.js';",
        "import { twice } from './sub/twice.js';",
        "log('main ' + twice(2) + ' ' + path.posix.join('a', 'b'));",
        "log('before the lazy import');",
        "import('./sub/lazy.js').then(({ where }) => {",
        "  log('lazy at ' + where);",
        "  console.log(JSON.stringify(globalThis.__order));",
        "});",
      ].join('\n'),
      'sub/log.js': "globalThis.__order = ['log'];\nexport function log(s) { globalThis.__order.push(s); }\n",
      'sub/twice.js': "import { log } from './log.js';\nlog('twice');\nexport const twice = (n) => n * 2;\n",
      'sub/lazy.js': "import { log } from './log.js';\nlog('lazy');\nexport const where = new URL('.', import.meta.url).pathname;\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dist, name), text);
    await writeBundle(dist, { entry: 'main.js', bin: 'bin.js' });
    const bundle = path.join(dist, 'bin.js');
    expect(existsSync(path.join(dist, CACHE_FILE))).toBe(true);
    writeFileSync(path.join(dist, 'package.json'), '{"type":"module"}');
    const direct = spawnSync(process.execPath, [path.join(dist, 'main.js')], { encoding: 'utf8' });
    const bundled = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
    expect(direct.stderr).toBe('');
    expect(bundled.stderr).toBe('');
    expect(JSON.parse(bundled.stdout)).toEqual(['log', 'twice', 'main 4 a/b', 'before the lazy import', 'lazy', `lazy at ${path.join(dist, 'sub')}/`]);
    expect(bundled.stdout).toBe(direct.stdout);
  });

  it('rewrites imports, not text that looks like one; a missing module names its importer', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'z2k-bundle-'));
    writeFileSync(path.join(dist, 'package.json'), '{"type":"module"}');
    writeFileSync(path.join(dist, 'x.js'), 'export const x = 1;\n');
    writeFileSync(path.join(dist, 'main.js'), [
      "import { x } from './x.js';",
      "console.log(x, 'msg: require(\"./x.js\")', `import.meta.url is ${typeof import.meta.url}`);",
    ].join('\n'));
    await writeBundle(dist, { entry: 'main.js', bin: 'bin.js' });
    const bundled = spawnSync(process.execPath, [path.join(dist, 'bin.js')], { encoding: 'utf8' });
    expect(bundled.stderr).toBe('');
    expect(bundled.stdout).toBe('1 msg: require("./x.js") import.meta.url is string\n');
    writeFileSync(path.join(dist, 'main.js'), "import { y } from './sub/y.js';\nconsole.log(y);\n");
    expect(() => bundleModules(dist, 'main.js')).toThrow(/^main\.js: imports sub\/y\.js, which cannot be read \(ENOENT\)/);
  });

  it('refuses what it cannot keep (import.meta other than import.meta.url)', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'z2k-bundle-'));
    writeFileSync(path.join(dist, 'main.js'), 'console.log(import.meta.dirname);\n');
    expect(() => bundleModules(dist, 'main.js')).toThrow(/main\.js: import\.meta other than import\.meta\.url/);
  });
});
