// One scaling run in its own process, so its peak RSS belongs to this size and this step alone.
// Usage: node [--expose-gc] test/bench/scale-child.mjs <file> translate|diff   → one JSON line on stdout.
//   translate: read the generated server.cfg as the CLI does (bytes, then text) and translate it;
//              peak RSS is the process's high-water mark, with Node's own memory and the input in it.
//   diff:      translate, keep only the two texts, then time unifiedDiff on its own.
import { readFileSync } from 'node:fs';
import { generateServerCfg } from './generate.mjs';

const [file, mode] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const { translateConfig } = await import(new URL('api/translate-config.js', dist).href);

// Warm the code paths on a small input so the timed run measures work, not compilation.
translateConfig(generateServerCfg(2000), 'server.cfg');
globalThis.gc?.();

const rssBefore = process.memoryUsage().rss;
let input = readFileSync(file, 'utf8');
const inputBytes = Buffer.byteLength(input);
const inLines = countLines(input);

if (mode === 'diff') {
  const { unifiedDiff } = await import(new URL('4-emit/unified-diff.js', dist).href);
  let { output } = translateConfig(input, 'server.cfg');
  globalThis.gc?.();
  const t0 = performance.now();
  const diff = unifiedDiff('server.cfg', 'server.cfg', input, output);
  const diffMs = performance.now() - t0;
  // Let the texts go before measuring memory: the point is the release, not a later read.
  // eslint-disable-next-line no-useless-assignment
  input = output = undefined;
  report({ lines: inLines, inputBytes, diffMs, diffBytes: Buffer.byteLength(diff) });
} else {
  const t0 = performance.now();
  const result = translateConfig(input, 'server.cfg');
  const ms = performance.now() - t0;
  // Removed lines of the diff, counted without splitting it (which would cost more than the diff);
  // the `--- a/…` header is at offset 0, so no newline comes before it.
  let changedLines = 0;
  const diff = result.diff;
  for (let i = diff.indexOf('\n-'); i !== -1; i = diff.indexOf('\n-', i + 1)) changedLines++;
  report({
    lines: inLines,
    inputBytes,
    outputBytes: Buffer.byteLength(result.output),
    diffBytes: Buffer.byteLength(result.diff),
    changedLines,
    changes: result.changes.length,
    diagnostics: result.diagnostics.length,
    ms,
    rssBeforeKB: Math.round(rssBefore / 1024),
    maxRssKB: process.resourceUsage().maxRSS,
  });
}

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function report(row) {
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
