#!/usr/bin/env node
// `npm run bench`: start-up, throughput and scaling, each side by side with a baseline.
// Not a test: it prints figures and checks them against the goals of docs/performance.md.
//
//   node test/bench/run.mjs [--quick] [--runs N] [--copies N] [--sizes 10000,100000,1000000] [--json FILE] [--instructions]
//
// --instructions: also count the instructions of start-up with valgrind (steady on a busy machine).
// --quick: sizes 10k and 100k, 10 runs, 200 copies (for a check while working, not for the record).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
const args = parseArgs(process.argv.slice(2));

ensureBuilt();
const generator = await import('./generate.mjs');
const sampleDir = findSampleDir();
const results = { machine: machine(), sampleDir, goals: [] };

console.log(`zarafa2kopano benchmarks — ${results.machine.cpu}, ${results.machine.cores} cores, Node ${process.version}`);
console.log(`sample directory: ${sampleDir}\n`);

results.startup = benchStartup();
results.throughput = await benchThroughput();
results.scaling = benchScaling();

console.log('\nGoals');
for (const g of results.goals) console.log(`  ${g.retired ? 'INFO' : g.ok ? 'PASS' : 'FAIL'}  ${g.name}: ${g.measured} (${g.retired ? 'a retired goal, figure only' : 'goal'} ${g.goal})`);
if (args.json) writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);

// ---------------------------------------------------------------------------------------------

/**
 * (a) The CLI on the sample directory against `node -e 0`, runs interleaved so load drift hits both.
 * The CLI is the package's bin (the one-file bundle); the unbundled entry runs alongside to show
 * what the bundle saves.
 */
function benchStartup() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const cli = join(root, pkg.bin.zarafa2kopano);
  const unbundled = join(dist, 'cli.js');
  const node = [];
  const ours = [];
  const separate = [];
  let status;
  for (let i = 0; i < args.runs + 2; i++) {
    const n = timeSpawn(['-e', '0']);
    const o = timeSpawn([cli, sampleDir]);
    const u = timeSpawn([unbundled, sampleDir]);
    status = o.status;
    if (i < 2) continue; // warm the file cache and the OS's process start path
    node.push(n.ms);
    ours.push(o.ms);
    separate.push(u.ms);
  }
  const ratio = median(ours) / median(node);
  console.log('(a) start-up: CLI on the sample directory vs `node -e 0`');
  console.log(`    node -e 0      median ${fmt(median(node))} ms  (min ${fmt(Math.min(...node))}, ${node.length} runs)`);
  console.log(`    zarafa2kopano  median ${fmt(median(ours))} ms  (min ${fmt(Math.min(...ours))}, ${ours.length} runs, exit ${status})  ${pkg.bin.zarafa2kopano}`);
  console.log(`    unbundled      median ${fmt(median(separate))} ms  (min ${fmt(Math.min(...separate))}, ${separate.length} runs)  dist/cli.js, for comparison`);
  console.log(`    ratio of medians ${ratio.toFixed(2)}x  (unbundled ${(median(separate) / median(node)).toFixed(2)}x)`);

  // Where start-up time goes: the cost of loading each piece on top of node itself.
  const imports = {
    'translation modules (dist/api/translate-dir.js and all it imports)': pathToFileURL(join(dist, 'api', 'translate-dir.js')).href,
    'diff (jsdiff)': 'diff',
    zod: 'zod',
  };
  const breakdown = {};
  console.log('    import cost over `node -e 0` (median):');
  for (const [name, spec] of Object.entries(imports)) {
    const base = [];
    const loaded = [];
    for (let i = 0; i < Math.max(5, Math.ceil(args.runs / 2)); i++) {
      base.push(timeSpawn(['--input-type=module', '-e', '0'], root).ms);
      loaded.push(timeSpawn(['--input-type=module', '-e', `await import(${JSON.stringify(spec)})`], root).ms);
    }
    breakdown[name] = median(loaded) - median(base);
    console.log(`      ${fmt(breakdown[name]).padStart(6)} ms  ${name}`);
  }
  let instructions;
  if (args.instructions) {
    // Instructions executed (valgrind's callgrind): the same count whatever else the machine runs,
    // so a cross-check of the wall-time ratio on a busy machine. Not a goal; a few seconds per run.
    const count = (argv) => {
      const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...argv], { cwd: root, encoding: 'utf8' });
      const m = /Collected : (\d+)/.exec(r.stderr ?? '');
      return m ? Number(m[1]) : NaN;
    };
    instructions = { node: count(['-e', '0']), cli: count([cli, sampleDir]), unbundled: count([unbundled, sampleDir]) };
    const r = (x) => (x / instructions.node).toFixed(2);
    console.log(`    instructions (callgrind): node -e 0 ${(instructions.node / 1e6).toFixed(0)} M, zarafa2kopano ${(instructions.cli / 1e6).toFixed(0)} M = ${r(instructions.cli)}x, unbundled ${(instructions.unbundled / 1e6).toFixed(0)} M = ${r(instructions.unbundled)}x`);
    instructions.ratio = instructions.cli / instructions.node;
  }
  const cache = existsSync(join(dirname(cli), 'zarafa2kopano.cache')) ? 'with its code cache' : 'WITHOUT its code cache (dist/zarafa2kopano.cache missing)';
  console.log(`    the bin ran ${cache}`);
  goal('CLI start-up vs node -e 0, wall time', `${ratio.toFixed(2)}x`, '≤ 2x', ratio <= 2);
  // The same goal counted in instructions: what the wall time gives on an idle machine, whatever the load now.
  if (instructions) goal('CLI start-up vs node -e 0, instructions (callgrind)', `${instructions.ratio.toFixed(2)}x`, '≤ 2x', instructions.ratio <= 2);
  return { nodeMs: median(node), cliMs: median(ours), unbundledMs: median(separate), ratio, instructions, runs: node.length, exitStatus: status, importCostMs: breakdown };
}

/** (b) translateConfig over many copies of the sample files against one regex pass over the same bytes. */
async function benchThroughput() {
  const { translateConfig } = await import(pathToFileURL(join(dist, 'api', 'translate-config.js')).href);
  const files = readdirSync(sampleDir)
    .filter((f) => f.endsWith('.cfg') && statSync(join(sampleDir, f)).isFile())
    .map((f) => ({ name: f, text: readFileSync(join(sampleDir, f), 'utf8') }));
  const bytesPerDir = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const copies = args.copies;

  // The baseline: a single pass of a regex that finds every `key = value` line and captures both,
  // about the least a line-oriented translator must do to each byte.
  const SETTING = /^[ \t]*([^#!\s=][^=\r\n]*?)[ \t]*=[ \t]*([^\r\n]*)$/gm;
  let sink = 0;
  const regexPass = () => {
    for (let c = 0; c < copies; c++) {
      for (const f of files) {
        SETTING.lastIndex = 0;
        for (let m = SETTING.exec(f.text); m; m = SETTING.exec(f.text)) sink += m[2].length;
      }
    }
  };
  const translate = () => {
    for (let c = 0; c < copies; c++) for (const f of files) sink += translateConfig(f.text, f.name).output.length;
  };
  // Warm up both (JIT), then alternate rounds and keep the median round of each.
  for (let i = 0; i < 30; i++) for (const f of files) translateConfig(f.text, f.name);
  const base = [];
  const ours = [];
  for (let round = 0; round < 5; round++) {
    base.push(timeIt(regexPass));
    ours.push(timeIt(translate));
  }
  const baseMs = median(base);
  const oursMs = median(ours);
  const mb = (bytesPerDir * copies) / 1e6;
  const ratio = oursMs / baseMs;
  console.log(`\n(b) throughput: ${copies} copies of the ${files.length} sample files (${bytesPerDir} bytes per directory), median of 5 rounds`);
  console.log(`    regex pass       ${fmt(baseMs)} ms  ${fmt(mb / (baseMs / 1000))} MB/s  ${fmt((baseMs * 1000) / copies)} µs per directory`);
  console.log(`    translateConfig  ${fmt(oursMs)} ms  ${fmt(mb / (oursMs / 1000))} MB/s  ${fmt((oursMs * 1000) / copies)} µs per directory`);
  console.log(`    ratio ${ratio.toFixed(1)}x   (checksum ${sink % 1000})`);
  // Retired: files are capped at 4 MB and real ones are under 100 KB; start-up is what a run costs.
  goal('throughput vs one regex pass', `${ratio.toFixed(1)}x slower`, '≤ 10x', ratio <= 10, true);
  return {
    files: files.length, bytesPerDir, copies,
    regex: { ms: baseMs, mbPerS: mb / (baseMs / 1000), usPerDir: (baseMs * 1000) / copies },
    translate: { ms: oursMs, mbPerS: mb / (oursMs / 1000), usPerDir: (oursMs * 1000) / copies },
    ratio,
  };
}

/**
 * (c) Generated server.cfg files of growing size. Each file is written to a temp directory and
 * translated in a child process of its own (read from disk as the CLI does), so the peak RSS belongs
 * to that size alone; a second child times the diff on its own, so that timing does not add to it.
 */
function benchScaling() {
  const { generateServerCfg } = generator;
  const tmp = mkdtempSync(join(tmpdir(), 'z2k-scale-'));
  console.log('\n(c) scaling: generated server.cfg, ~10% of lines edited, one process per size (translateConfig incl. diff)');
  console.log('    lines      input MB   time ms   µs/line   diff ms   diff MB   peak RSS MB   RSS/input   before MB');
  const rows = [];
  for (const size of args.sizes) {
    const file = join(tmp, `server-${size}.cfg`);
    writeFileSync(file, generateServerCfg(size));
    const child = (mode) => spawnSync(process.execPath, ['--expose-gc', join(root, 'test', 'bench', 'scale-child.mjs'), file, mode], {
      encoding: 'utf8', maxBuffer: 1 << 20,
    });
    const translated = child('translate');
    const diffed = translated.status === 0 ? child('diff') : translated;
    rmSync(file);
    if (translated.status !== 0 || diffed.status !== 0) {
      const failed = translated.status !== 0 ? translated : diffed;
      console.log(`    ${size}: failed (${failed.signal ?? failed.status}) ${failed.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    const r = { ...JSON.parse(translated.stdout), diffMs: JSON.parse(diffed.stdout).diffMs };
    rows.push(r);
    console.log(
      `    ${String(r.lines).padEnd(10)} ${fmt(r.inputBytes / 1e6).padStart(8)}  ${fmt(r.ms).padStart(8)}  ${(r.ms * 1000 / r.lines).toFixed(2).padStart(8)}` +
      `  ${fmt(r.diffMs).padStart(8)}  ${fmt(r.diffBytes / 1e6).padStart(8)}  ${fmt(r.maxRssKB / 1024).padStart(12)}  ${(r.maxRssKB * 1024 / r.inputBytes).toFixed(1).padStart(9)}x` +
      `  ${fmt(r.rssBeforeKB / 1024).padStart(10)}`,
    );
  }
  rmSync(tmp, { recursive: true, force: true });
  const exponents = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    const e = Math.log(b.ms / a.ms) / Math.log(b.lines / a.lines);
    const ed = Math.log(b.diffMs / a.diffMs) / Math.log(b.lines / a.lines);
    exponents.push({ from: a.lines, to: b.lines, exponent: e, diffExponent: ed });
    console.log(`    growth exponent ${a.lines} → ${b.lines} lines: ${e.toFixed(2)} (diff alone ${ed.toFixed(2)})`);
  }
  const last = exponents[exponents.length - 1];
  if (last) goal(`growth exponent ${last.from} → ${last.to} lines, diff included`, last.exponent.toFixed(2), '≤ 1.1', last.exponent <= 1.1);
  const big = rows[rows.length - 1];
  if (big) {
    const ratio = (big.maxRssKB * 1024) / big.inputBytes;
    // Retired for the same reason as the throughput goal: kept as a figure to see a change in kind.
    goal(`peak RSS at ${big.lines} lines`, `${fmt(big.maxRssKB / 1024)} MB = ${ratio.toFixed(1)}x the input`, '< 10x', ratio < 10, true);
  }
  return { rows, exponents };
}

// ---------------------------------------------------------------------------------------------

/** A measured figure against its goal; a retired goal is printed as a figure, never as a failure. */
function goal(name, measured, target, ok, retired = false) {
  results.goals.push({ name, measured, goal: target, ok, retired });
}

function timeSpawn(argv, cwd = root) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd, stdio: 'ignore' });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status };
}

function timeIt(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(x) {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function machine() {
  const c = cpus();
  return { cpu: c[0]?.model.trim() ?? 'unknown CPU', cores: c.length, node: process.version, platform: `${process.platform} ${process.arch}` };
}

/** Build dist first when any source file is newer than the build (or there is no build). */
function ensureBuilt() {
  const newest = (dir, ext) => {
    let t = 0;
    if (!existsSync(dir)) return 0;
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (e.isFile() && e.name.endsWith(ext)) t = Math.max(t, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs);
    }
    return t;
  };
  if (newest(join(root, 'src'), '.ts') <= newest(dist, '.js')) return;
  console.log('dist is older than src: building (npm run build) …');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    if (!existsSync(join(dist, 'cli.js'))) process.exit(1);
    console.log('build failed; measuring the existing dist');
  }
}

/** The bundled sample, or (while it does not exist) a small directory of our own under tmp. */
function findSampleDir() {
  const sample = join(root, 'fixtures', 'sample', 'etc', 'zarafa');
  if (existsSync(join(sample, 'server.cfg'))) return sample;
  const dir = join(mkdtempSync(join(tmpdir(), 'z2k-bench-')), 'zarafa');
  mkdirSync(dir);
  writeFileSync(join(dir, 'server.cfg'), 'server_name = bench\nlog_file = /var/log/zarafa/server.log\nenable_hosted_zarafa = no\n');
  writeFileSync(join(dir, 'spooler.cfg'), 'log_file = /var/log/zarafa/spooler.log\nserver_socket = file:///var/run/zarafa\n');
  return dir;
}

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const out = {
    runs: quick ? 10 : 15,
    copies: quick ? 200 : 1000,
    sizes: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000],
    json: undefined,
    instructions: argv.includes('--instructions'),
  };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--runs') out.runs = Math.max(10, Number(v));
    else if (argv[i] === '--copies') out.copies = Number(v);
    else if (argv[i] === '--sizes') out.sizes = v.split(',').map(Number);
    else if (argv[i] === '--json') out.json = v;
  }
  return out;
}
