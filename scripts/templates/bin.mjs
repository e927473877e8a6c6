#!/usr/bin/env node
// The bin, dist/zarafa2kopano.js, as scripts/build-bin.mjs writes it: the CLI bundled by esbuild is
// the comment at the end of this file (a function expression), compiled here with V8's code cache
// for it when dist/zarafa2kopano.cache is beside this file, was made for this very program, is
// intact and is accepted by this Node's V8 (same version, same flags). Otherwise it is compiled as
// usual: a copy of this file alone, or with a stale or broken cache, runs the same program, only
// with a slower start (docs/performance.md). The program is a comment, not a string, because V8
// skips a comment several times faster than it reads a string literal of the same size.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';

// Filled in by the build: the program's SHA-256, and what stands for each `*/` in the comment.
const PROGRAM_ID = '__Z2K_PROGRAM_ID__';
const END_OF_COMMENT = '__Z2K_END_OF_COMMENT__';

const require = createRequire(import.meta.url);
const { program, lineOffset } = programText();
const script = new Script(program, { filename: import.meta.url, lineOffset, cachedData: codeCache() });
const module = { exports: {} };
script.runInThisContext()(module, require);
module.exports.start();

/**
 * The program: the comment at the end of this file, from the line after its opening to its end, with
 * END_OF_COMMENT turned back into `*` `/`. lineOffset makes a stack trace name this file's lines.
 */
function programText() {
  const file = readFileSync(new URL(import.meta.url), 'latin1'); // ASCII, as the build makes sure
  // The first line that opens it: this code above it holds the marker only as a string, with `\n` in place of the line break.
  const start = file.indexOf('\n', file.indexOf('\n/*z2k-program') + 1) + 1;
  let lineOffset = 0;
  for (let at = file.indexOf('\n'); at !== -1 && at < start; at = file.indexOf('\n', at + 1)) lineOffset++;
  return { program: file.slice(start, file.lastIndexOf('*/')).replaceAll(END_OF_COMMENT, '*/'), lineOffset };
}

/**
 * The cache file's payload, or undefined when there is none or it is not this program's. V8 itself
 * checks only its version, its flags and the length of the source, and reads a damaged payload
 * as it is (a crash or wrong code), so the file starts with the program's id and a CRC-32 of the
 * payload: `zarafa2kopano code cache\n<id>\n<crc32, 8 hex digits>\n<payload>`.
 */
function codeCache() {
  let file;
  try {
    file = readFileSync(new URL('zarafa2kopano.cache', import.meta.url));
  } catch {
    return undefined;
  }
  const { crc32 } = require('node:zlib'); // Node 20.15 and later; without it, no cache
  const head = `zarafa2kopano code cache\n${PROGRAM_ID}\n`;
  const start = head.length + 9;
  if (typeof crc32 !== 'function' || file.length <= start || file.toString('latin1', 0, head.length) !== head) return undefined;
  const payload = file.subarray(start);
  const sum = `${crc32(payload).toString(16).padStart(8, '0')}\n`;
  return file.toString('latin1', head.length, start) === sum ? payload : undefined;
}

/*z2k-program
__Z2K_PROGRAM__*/
