#!/usr/bin/env node
// Build step (`npm run build`, after tsc): the bin, dist/zarafa2kopano.js, as one ES module bundled
// by esbuild from the CLI entry (src/cli.ts), zod and the option data (a JSON import) included. One
// file starts faster than the ~70 modules tsc emits (docs/performance.md has the figures); the
// library (dist/index.js and its .d.ts) stays tsc's output, so importers load only what they use.
//
//   node scripts/build-bin.mjs
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(repo, 'src/cli.ts');
export const BIN = join(repo, 'dist/zarafa2kopano.js');

const SHEBANG = '#!/usr/bin/env node';
// esbuild keeps the entry's own `#!` line; add one only when the entry has none.
const hasShebang = readFileSync(ENTRY, 'utf8').startsWith('#!');

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

await build({
  entryPoints: [ENTRY],
  outfile: BIN,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies inside an ES module bundle (fast-glob) call require() for Node's own
  // modules: give the bundle a real one. The entry's shebang stays the first line either way.
  banner: { js: `${hasShebang ? '' : `${SHEBANG}\n`}import { createRequire as __z2kRequire } from 'node:module';\nconst require = __z2kRequire(import.meta.url);` },
  legalComments: 'none',
  // Less to parse at every start; identifiers are kept, so an internal error's stack still names functions.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [jsonAsParse],
  // The version built in: the bin copied alone (no package.json above it) still answers --version.
  define: { __Z2K_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version) },
  logLevel: 'warning',
});
chmodSync(BIN, 0o755);
