// One scaling run in its own process, so peak RSS belongs to this size alone.
// Usage: node test/bench/scale-child.mjs <lines>   → one JSON line on stdout.
import { generateServerCfg } from './generate.mjs';

const lines = Number(process.argv[2]);
const dist = new URL('../../dist/', import.meta.url);
const { translateConfig } = await import(new URL('translate/translate-config.js', dist).href);
const { unifiedDiff } = await import(new URL('diff/unified-diff.js', dist).href);

// Warm the code paths on a small input so the timed run measures work, not compilation.
translateConfig(generateServerCfg(2000), 'server.cfg');

const input = generateServerCfg(lines);
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const result = translateConfig(input, 'server.cfg');
const ms = performance.now() - t0;
const t1 = performance.now();
unifiedDiff('server.cfg', 'server.cfg', result.input, result.output);
const diffMs = performance.now() - t1;

const inLines = input.split('\n').length - 1;
let changedLines = 0;
for (const l of result.diff.split('\n')) if (l.startsWith('-') && !l.startsWith('---')) changedLines++;
process.stdout.write(`${JSON.stringify({
  lines: inLines,
  inputBytes: Buffer.byteLength(input),
  outputBytes: Buffer.byteLength(result.output),
  diffBytes: Buffer.byteLength(result.diff),
  changedLines,
  changes: result.changes.length,
  diagnostics: result.diagnostics.length,
  ms,
  diffMs,
  rssBeforeKB: Math.round(rssBefore / 1024),
  maxRssKB: process.resourceUsage().maxRSS,
})}\n`);
