#!/usr/bin/env node
// Build step, run by scripts/build-bin.mjs in a Node of its own with no flags (V8 accepts a code
// cache only under the flags it was made with): V8's code cache for the bin's program, read from
// stdin, in the file format the bin checks (scripts/templates/bin.mjs):
// `zarafa2kopano code cache\n<id>\n<crc32, 8 hex digits>\n<payload>`.
//
//   node scripts/write-code-cache.mjs write <program id> <cache file> <zarafa dir>  < program
//   node scripts/write-code-cache.mjs check <program id> <cache file>               < program
//
// write: compiles the program, runs the CLI once on <zarafa dir> (output thrown away, nothing
// written), so that the cache holds the functions a run compiles, not only the top level.
// check: in a fresh process, whether V8 accepts the cache for the program; exit 1 if not.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

const [mode, id, cacheFile, zarafaDir] = process.argv.slice(2);
const program = readFileSync(0, 'utf8');
const head = `zarafa2kopano code cache\n${id}\n`;
const require = createRequire(import.meta.url);

if (mode === 'write') {
  const script = new Script(program, { filename: 'zarafa2kopano.js' });
  const module = { exports: {} };
  script.runInThisContext()(module, require);
  const sink = { write: () => true, isTTY: false };
  const code = await module.exports.main([zarafaDir], { stdout: sink, stderr: sink, env: {} });
  if (code !== 0) throw new Error(`the run that fills the code cache exited ${code}`);
  const payload = script.createCachedData();
  writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${head}${crc32(payload).toString(16).padStart(8, '0')}\n`, 'latin1'), payload]));
} else if (mode === 'check') {
  const file = readFileSync(cacheFile);
  const script = new Script(program, { filename: 'zarafa2kopano.js', cachedData: file.subarray(head.length + 9) });
  if (file.toString('latin1', 0, head.length) !== head || script.cachedDataRejected !== false) {
    process.stderr.write(`${cacheFile}: V8 rejects the code cache it was just given\n`);
    process.exitCode = 1;
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
