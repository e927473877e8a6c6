// Merge mode (--kopano-dir) against the upstream samples: every upstream/zcp-* folder merged into
// upstream/kc-8.0.0 (target 8.0) and upstream/kc-8.7.25 (target 8.7). Each merge counts as passed when
// - no merged file holds an error the Kopano file did not already have (an option that stops a daemon),
// - every Kopano line the merge did not edit is still there, byte for byte and in order,
// - merging the same folder again into the merged output changes nothing (written to a temp dir),
// - the merged output, translated on its own for the target, has no error and no change;
// and upstream/kc-* translated on its own for its target has no error and no change.
// Prints the number of carried settings per target.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS_TARGETS } from '../targets.mjs';

function upstreamDir(corpusDir) {
  if (existsSync(join(corpusDir, 'upstream'))) return join(corpusDir, 'upstream');
  if (basename(corpusDir) === 'upstream') return corpusDir;
  return undefined;
}

/** The text's lines with their line ends, so a comparison is byte for byte. */
const linesOf = (text) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** True when `needle` (in order) is a subsequence of `hay`. */
function isSubsequence(needle, hay) {
  let i = 0;
  for (const line of hay) if (i < needle.length && line === needle[i]) i++;
  return i === needle.length;
}

export default async function merge({ corpusDir, dist }) {
  const lib = await import(pathToFileURL(dist).href);
  const out = { name: 'merge', passed: 0, failed: 0, lines: [] };
  const up = upstreamDir(corpusDir);
  if (!up) return out;
  const zcp = readdirSync(up).filter((d) => d.startsWith('zcp-')).sort();
  const tmp = mkdtempSync(join(tmpdir(), 'z2k-merge-'));
  try {
    for (const { stock: kc, target } of CORPUS_TARGETS) {
      const kopanoDir = join(up, kc);
      if (!existsSync(kopanoDir)) continue;
      // The stock files of a release choose that target by themselves (no target given).
      const chosen = (await lib.translateConfigDir(join(up, zcp[zcp.length - 1]), { kopanoDir })).target;
      if (chosen === target) out.passed++;
      else {
        out.failed++;
        out.lines.push(`${kc} without --target: the target read from it is ${chosen}, not ${target}`);
      }
      let carried = 0;
      for (const folder of zcp) {
        const problems = [];
        const outDir = join(tmp, `${folder}-${target}`);
        const r = await lib.translateConfigDir(join(up, folder), { target, kopanoDir, outDir, showSecrets: true });
        for (const d of r.diagnostics) if (d.severity === 'error') problems.push(`error ${lib.formatDiagnostic(d)}`);
        for (const f of r.files) {
          if (f.input === f.output || !existsSync(join(kopanoDir, f.target))) continue;
          carried += f.changes.length;
          const edited = new Set(f.changes.map((c) => c.line).filter((n) => n !== undefined));
          const kept = linesOf(f.input).filter((_, i) => !edited.has(i + 1));
          if (!isSubsequence(kept, linesOf(f.output))) problems.push(`${f.target}: a Kopano line the merge did not edit changed`);
          const dialect = lib.dialectOf(lib.daemonFileOf(f.target) ?? 'server.cfg', target);
          const errors = (text) => lib.validateConfig(lib.parseConfig(text, { dialect }), f.target, target)
            .filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
          const before = new Set(errors(f.input));
          for (const e of errors(f.output)) if (!before.has(e)) problems.push(`${f.target}: the merge brought in ${e}`);
        }
        if (!existsSync(outDir)) problems.push('nothing was written');
        else {
          const again = await lib.translateConfigDir(join(up, folder), { target, kopanoDir: outDir, showSecrets: true });
          const changed = again.files.filter((f) => f.output !== f.input && existsSync(join(outDir, f.target)));
          if (changed.length) problems.push(`not idempotent: merging again changes ${changed.map((f) => f.target).join(', ')}`);
          // The result is a Kopano-era directory of its own: translating it for its target finds nothing to do.
          const alone = await lib.translateConfigDir(outDir, { target, showSecrets: true });
          for (const d of alone.diagnostics) if (d.severity === 'error') problems.push(`the result run on its own: error ${lib.formatDiagnostic(d)}`);
          if (alone.patch !== '') problems.push(`the result run on its own changes ${alone.files.filter((f) => f.output !== f.input).map((f) => f.target).join(', ')}`);
        }
        if (problems.length === 0) out.passed++;
        else {
          out.failed++;
          for (const p of problems) out.lines.push(`${folder} → ${kc}: ${p}`);
        }
      }
      // The stock Kopano directory itself, for its own target: no error, no change.
      const stock = await lib.translateConfigDir(kopanoDir, { target, showSecrets: true });
      const stockErrors = stock.diagnostics.filter((d) => d.severity === 'error');
      if (stockErrors.length === 0 && stock.patch === '') out.passed++;
      else {
        out.failed++;
        for (const d of stockErrors) out.lines.push(`${kc} on its own: error ${lib.formatDiagnostic(d)}`);
        if (stock.patch !== '') out.lines.push(`${kc} on its own: changes ${stock.files.filter((f) => f.output !== f.input).map((f) => f.target).join(', ')}`);
      }
      out.lines.push(`carried into ${kc} (target ${target}): ${carried} settings over ${zcp.length} ZCP folders`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
