// Masking never changes a name, on every stock ZCP 7.2.x release of the corpus (issue 20 item 6:
// every stock presence.cfg has `server_auth_password = presence`), against the BUILT CLI: in the
// diff, the report, --json, SARIF, the GitHub annotations and both runbooks no file name, diff
// header, JSON key or runbook command holds the mask, and the --show-secrets diff applies with
// `patch -p1` to a copy of the input and gives what --out writes.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const MASK = '********';

/** The stock 7.2.x release directories under the corpus (named zcp-7.2.N). */
function releases(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    if (/^zcp-7\.2\.\d+$/.test(e.name)) out.push(p);
    else releases(p, out);
  }
  return out;
}

function run(bin, args) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Masks where a name is: diff headers, `.cfg` names, path and package parts, JSON keys, names and commands, runbook code. */
function structureProblems(stdout, stderr, runbook) {
  const problems = [];
  for (const line of `${stdout}\n${stderr}\n${runbook}`.split('\n')) {
    if (/^(?:---|\+\+\+) /.test(line) && line.includes(MASK)) problems.push(`diff header ${line}`);
    if (line.includes(`${MASK}.cfg`) || line.includes(`-${MASK}`) || line.includes(`/${MASK}`)) problems.push(`a name: ${line.trim()}`);
  }
  if (stdout.startsWith('{')) {
    const walk = (x) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x !== null && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          if (k.includes(MASK)) problems.push(`JSON key ${k}`);
          if (['source', 'target', 'file', 'command', 'check', 'id'].includes(k) && typeof v === 'string' && v.includes(MASK)) problems.push(`JSON ${k}: ${v}`);
          walk(v);
        }
      }
    };
    walk(JSON.parse(stdout));
  }
  for (const block of runbook.split('```').filter((_, i) => i % 2 === 1)) if (block.includes(MASK)) problems.push(`runbook command ${block.trim().split('\n')[0]}`);
  return problems;
}

export default async function secrets({ corpusDir, dist }) {
  const bin = join(dirname(dist), 'zarafa2kopano.js');
  const out = { name: 'secrets', passed: 0, failed: 0, lines: [] };
  const work = mkdtempSync(join(tmpdir(), 'z2k-corpus-secrets-'));
  try {
    for (const release of releases(corpusDir)) {
      const label = relative(corpusDir, release);
      const input = join(work, 'input');
      rmSync(input, { recursive: true, force: true });
      cpSync(release, input, { recursive: true });
      const problems = [];
      for (const format of [[], ['--json'], ['--format', 'github'], ['--format', 'sarif']]) {
        for (const ext of ['md', 'sh']) {
          const runbook = join(work, `runbook.${ext}`);
          rmSync(runbook, { force: true });
          const r = run(bin, [...format, '--runbook', runbook, input]);
          if (r.code !== 0) problems.push(`${format.join(' ') || 'diff'}: exit ${r.code}: ${r.stderr.split('\n').find((l) => / error /.test(l)) ?? r.stderr.slice(0, 200)}`);
          const text = r.code === 0 ? readFileSync(runbook, 'utf8') : '';
          if (r.code === 0 && (statSync(runbook).mode & 0o777) !== 0o600) problems.push(`runbook.${ext} is not 0600`);
          for (const p of structureProblems(r.stdout, r.stderr, text)) problems.push(`${format.join(' ') || 'diff'} (${ext}): ${p}`);
        }
      }
      // The --show-secrets diff applies to a copy of the input and gives --out.
      const target = join(work, 'out');
      rmSync(target, { recursive: true, force: true });
      if (run(bin, ['--out', target, input]).code === 0) {
        const diff = run(bin, ['--show-secrets', input]).stdout;
        const copy = join(work, 'copy');
        rmSync(copy, { recursive: true, force: true });
        cpSync(input, copy, { recursive: true });
        try {
          execFileSync('patch', ['-p1', '--quiet', '--batch', '--no-backup-if-mismatch'], { cwd: copy, input: diff, stdio: ['pipe', 'ignore', 'pipe'] });
          for (const f of readdirSync(target)) {
            if (!statSync(join(target, f)).isFile()) continue;
            if (!readFileSync(join(copy, f)).equals(readFileSync(join(target, f)))) problems.push(`patch -p1 does not give --out's ${f}`);
          }
        } catch (e) {
          problems.push(`patch -p1 fails: ${String(e.stderr ?? e).slice(0, 200)}`);
        }
      } else problems.push('--out failed');
      if (problems.length === 0) out.passed++;
      else {
        out.failed++;
        out.lines.push(`${label}: ${[...new Set(problems)].slice(0, 5).join('; ')}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}
