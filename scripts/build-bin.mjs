#!/usr/bin/env node
// Build step (`npm run build`, after tsc): the bin, dist/zarafa2kopano.js, with the whole CLI
// (src/cli/start.ts and all it imports, zod and the option data) bundled into it by esbuild, and
// V8's code cache for that program beside it, dist/zarafa2kopano.cache. One file starts faster than
// the ~70 modules tsc emits, and the cache saves compiling the functions a run uses
// (docs/performance.md has the figures); the library (dist/index.js and its .d.ts) stays tsc's
// output, so importers load only what they use.
//
//   node scripts/build-bin.mjs
//
// The program is a CommonJS bundle wrapped in a function expression, kept in a comment at the end
// of the bin (scripts/templates/bin.mjs), which compiles it with vm.Script: V8's code cache is for a script
// compiled that way (Node 20 has no module.enableCompileCache()). The bin alone still works; it
// only starts slower without its cache.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { build } from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(repo, 'src/cli/start.ts');
export const BIN = join(repo, 'dist/zarafa2kopano.js');
export const CACHE = join(repo, 'dist/zarafa2kopano.cache');
const TEMPLATE = join(repo, 'scripts/templates/bin.mjs');
// The run whose compiled functions go into the cache: the bundled sample, as `npm start` runs it.
const SAMPLE = join(repo, 'fixtures/sample/etc/zarafa');

// JSON imports (the option data, ~110 KB) go in as JSON.parse of a string rather than esbuild's
// object literal: V8 parses JSON faster than it compiles a literal that size (start-up ~10 ms
// less here, docs/performance.md).
const jsonAsParse = {
  name: 'json-as-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

const bundled = await build({
  // The program exports start (what the bin runs) and main (what the cache's run calls).
  stdin: {
    contents: `export { start } from ${JSON.stringify(ENTRY)};\nexport { main } from ${JSON.stringify(join(repo, 'src/cli/main.ts'))};\n`,
    resolveDir: repo,
    sourcefile: 'zarafa2kopano-program.ts',
    loader: 'ts',
  },
  write: false,
  bundle: true,
  // CommonJS, so that the program is a script vm.Script can compile: the ES module syntax is gone,
  // esbuild turns the lazy import()s of our own modules into calls, and fails the build on a
  // top-level await. Node's own modules are loaded with the require the bin hands in.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Less to parse at every start; identifiers are kept, so an internal error's stack still names functions.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [jsonAsParse],
  define: {
    // The version built in: the bin copied alone (no package.json above it) still answers --version.
    __Z2K_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version),
    // Only read where __Z2K_VERSION__ is not defined; a CommonJS bundle has no import.meta.
    'import.meta.url': 'undefined',
  },
  logLevel: 'warning',
});
const template = readFileSync(TEMPLATE, 'utf8');
// Strict, as the ES modules it is made of were.
const program = `(function (module, require) {'use strict';${bundled.outputFiles[0].text}})`;
// esbuild escapes other characters than ASCII in strings, not in regular expressions. One such
// character makes the whole bin a two-byte string for V8, which costs about 8 M instructions at
// every start (docs/performance.md): write it as \uXXXX in the source instead.
for (const [name, text] of [['the bundled program', program], [TEMPLATE, template]]) {
  const wide = /[^\x00-\x7f]/.exec(text);
  if (wide) throw new Error(`build-bin: ${name} has a character outside ASCII (U+${wide[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}) near ${JSON.stringify(text.slice(Math.max(0, wide.index - 60), wide.index + 20))}; write it as an escape (\\u....)`);
}
const id = createHash('sha256').update(program).digest('hex');

// The program goes into a comment at the end of the bin, each `*/` in it written as END_OF_COMMENT,
// a string the program does not hold (so the bin reads it back exactly).
const END_OF_COMMENT = '*\\z2k/';
const inComment = program.replaceAll('*/', END_OF_COMMENT);
if (program.includes(END_OF_COMMENT) || inComment.includes('*/')) throw new Error(`build-bin: the program holds ${END_OF_COMMENT}: choose another stand-in for */`);
const bin = fill(fill(fill(template, "'__Z2K_PROGRAM_ID__'", JSON.stringify(id)), "'__Z2K_END_OF_COMMENT__'", JSON.stringify(END_OF_COMMENT)), '__Z2K_PROGRAM__', inComment);
writeFileSync(BIN, bin);
chmodSync(BIN, 0o755);

rmSync(CACHE, { force: true });
if (typeof zlib.crc32 !== 'function') {
  console.warn(`build-bin: Node ${process.version} has no zlib.crc32 (Node ≥ 20.15): no code cache written; the bin works without it, only slower to start`);
} else {
  // A Node of its own without flags (NODE_OPTIONS too): V8 accepts the cache only under the flags it was made with.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const step = (args) => {
    const r = spawnSync(process.execPath, [join(repo, 'scripts/write-code-cache.mjs'), ...args], { input: program, env, stdio: ['pipe', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`scripts/write-code-cache.mjs ${args[0]} failed (${r.signal ?? r.status})`);
  };
  step(['write', id, CACHE, SAMPLE]);
  step(['check', id, CACHE]);
}

/** text with its one occurrence of placeholder replaced by value, taken as it is (no `$` patterns). */
function fill(text, placeholder, value) {
  const at = text.indexOf(placeholder);
  if (at < 0 || text.indexOf(placeholder, at + 1) >= 0) throw new Error(`${TEMPLATE}: expected ${placeholder} once`);
  return text.slice(0, at) + value + text.slice(at + placeholder.length);
}
