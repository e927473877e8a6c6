#!/usr/bin/env node
// Corpus runner: `npm run corpus -- <dir>`. Runs every check in test/corpus/checks/*.mjs (sorted)
// against the BUILT library, so it tests what gets published. Each check's default export takes
// { corpusDir, dist } and returns { name, passed, failed, lines }.
// Exit codes: 0 all passed, 1 some check failed, 2 bad usage or no usable build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MAX_FAILURE_LINES = 20;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist', 'index.js');

function usage(message) {
  process.stderr.write(`corpus: ${message}\nusage: npm run corpus -- <dir>\n`);
  process.exit(2);
}

/** Newest modification time of any file under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

// Build when dist is missing or older than any source file.
function ensureBuilt() {
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(join(root, 'src'))) return;
  process.stderr.write('corpus: dist/ is missing or older than src/, building with tsc\n');
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  } catch {
    // tsc still emits on type errors; go on if it produced the entry point, say so either way.
    if (!existsSync(dist)) usage('the build failed and dist/index.js does not exist');
    process.stderr.write('corpus: the build reported errors; testing what it emitted\n');
  }
}

async function main() {
  const arg = process.argv[2];
  if (arg === undefined || arg === '') usage('no corpus directory given');
  const corpusDir = resolve(arg);
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) usage(`not a directory: ${arg}`);
  ensureBuilt();

  const checksDir = join(root, 'test', 'corpus', 'checks');
  const checks = readdirSync(checksDir).filter((f) => f.endsWith('.mjs')).sort();
  let anyFailed = false;
  for (const file of checks) {
    const mod = await import(pathToFileURL(join(checksDir, file)).href);
    const result = await mod.default({ corpusDir, dist });
    const failing = result.lines ?? [];
    for (const line of failing.slice(0, MAX_FAILURE_LINES)) process.stdout.write(`  ${line}\n`);
    if (failing.length > MAX_FAILURE_LINES) process.stdout.write(`  ... and ${failing.length - MAX_FAILURE_LINES} more\n`);
    process.stdout.write(`${result.name}: ${result.passed} passed, ${result.failed} failed\n`);
    if (result.failed > 0) anyFailed = true;
  }
  process.exit(anyFailed ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`corpus: ${err?.stack ?? err}\n`);
  process.exit(1);
});
