// Translation over the corpus, against the BUILT library:
// - every daemon file of each upstream/zcp-7.X.Y folder is translated on its own (source family 7.X) for
//   target 8.0, 8.7 and 11.0; the output, validated against the target, must hold nothing that stops the daemon
//   (no error, no UNKNOWN_OPTION of any severity), and translating the output again must change nothing;
// - the same for the wild/ files that are real daemon configs (source family detected per folder). Templates
//   whose values are placeholders (ERB, Mason, Go templates, @@@x@@@) are skipped and listed, with the reason.
// Each (file, target) pair counts once. Extra lines print how many options were commented out or changed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS_TARGETS } from '../targets.mjs';

// The byte codecs are internal (not exported by the package): taken from the build directly.
const codec = await import(new URL('../../../dist/cfg/bytes.js', import.meta.url).href);

const TARGETS = CORPUS_TARGETS.map((t) => t.target);

/** Template markup that makes values placeholders rather than settings. */
const TEMPLATE_MARKUP = [
  [/<%/, 'ERB/Mason tags'],
  [/^%[ \t]/m, 'Mason code lines'],
  [/\{\{/, 'Go/Jinja template tags'],
  [/@@@\w+@@@|@[A-Z][A-Z0-9_]*@/, 'substitution placeholders'],
  [/\$\{[^}]*\}/, 'shell-style placeholders'],
];

/** Name the daemon would read a wild file under: template suffixes and vendor prefixes dropped. */
function daemonNameOf(lib, name) {
  const plain = name.replace(/\.(erb|tpl|mas|in|init)$/, '');
  if (lib.daemonFileOf(plain)) return plain;
  const vendor = plain.replace(/^zarafa-/, '').replace(/-(32|64)\.cfg$/, '.cfg');
  return lib.daemonFileOf(vendor) ? vendor : undefined;
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

function read(lib, path) {
  return codec.decodeConfigBytes(readFileSync(path)).text;
}

export default async function translate({ corpusDir, dist }) {
  const lib = await import(pathToFileURL(dist).href);
  const out = { name: 'translate', passed: 0, failed: 0, lines: [] };
  const up = existsSync(join(corpusDir, 'upstream')) ? join(corpusDir, 'upstream') : undefined;
  const wild = existsSync(join(corpusDir, 'wild')) ? join(corpusDir, 'wild') : undefined;
  const stats = Object.fromEntries(TARGETS.map((t) => [t, { files: 0, commented: 0, changed: 0, inserted: 0 }]));
  const skipped = [];

  /** Translate one file for every target and judge the result. */
  const check = (label, text, name, source, daemon) => {
    for (const target of TARGETS) {
      const options = { target, source, ...(daemon ? { daemon } : {}) };
      const problems = [];
      let result;
      try {
        result = lib.translateConfig(text, name, options);
      } catch (e) {
        out.failed++;
        out.lines.push(`${label} → ${target}: translateConfig threw ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const s = stats[target];
      s.files++;
      for (const c of result.changes) {
        if (c.before !== undefined && c.after === undefined) s.commented++;
        else if (c.before === undefined) s.inserted++;
        else s.changed++;
      }
      const targetName = result.target;
      const daemonFile = daemon ?? lib.daemonFileOf(name);
      const outDoc = lib.parseConfig(result.output, { file: targetName, dialect: lib.dialectOf(daemonFile, target) });
      const bad = lib.validateConfig(outDoc, daemon ? daemon : targetName, target)
        .filter((d) => d.severity === 'error' || d.code === 'UNKNOWN_OPTION');
      for (const d of bad) problems.push(`${d.line ?? '-'} ${d.code}: ${d.message}`);
      const again = lib.translateConfig(result.output, name, options);
      if (again.changes.length > 0 || again.output !== result.output) {
        problems.push(`second run not a no-op: ${again.changes.map((c) => `${c.rule}:${c.key ?? ''}@${c.line ?? '+'}`).join(', ')}`);
      }
      if (problems.length === 0) out.passed++;
      else {
        out.failed++;
        for (const p of problems) out.lines.push(`${label} → ${target}: ${p}`);
      }
    }
  };

  if (up) {
    for (const folder of readdirSync(up).filter((d) => /^zcp-7\.\d+\.\d+$/.test(d)).sort()) {
      const source = folder.slice(4, 7);
      for (const name of readdirSync(join(up, folder)).sort()) {
        if (!name.endsWith('.cfg') || !lib.daemonFileOf(name)) continue;
        check(`upstream/${folder}/${name}`, read(lib, join(up, folder, name)), name, source);
      }
    }
  }

  if (wild) {
    // One folder is one installation: detect its family from all its real configs together.
    const byDir = new Map();
    for (const path of listFiles(wild)) {
      const rel = relative(wild, path);
      const name = daemonNameOf(lib, basename(path));
      if (!name) {
        skipped.push(`wild/${rel}: not a daemon config (fragment or other program)`);
        continue;
      }
      const text = read(lib, path);
      const markup = TEMPLATE_MARKUP.find(([re]) => re.test(text));
      if (markup) {
        skipped.push(`wild/${rel}: template, values are ${markup[1]}`);
        continue;
      }
      const list = byDir.get(dirname(path)) ?? [];
      list.push({ rel, name, text });
      byDir.set(dirname(path), list);
    }
    for (const files of byDir.values()) {
      const docs = new Map(files.map((f) => {
        const daemon = lib.daemonFileOf(f.name);
        return [f.name, lib.parseConfig(f.text, { file: f.name, dialect: lib.dialectOf(daemon, '7.2') })];
      }));
      const family = lib.detectSourceVersion(docs).family ?? '7.2';
      for (const f of files) check(`wild/${f.rel} (as ${f.name}, ZCP ${family})`, f.text, f.name, family);
    }
  }

  // Figures first: the runner shows only the first lines of a check.
  const figures = TARGETS.map((t) => {
    const s = stats[t];
    return `target ${t}: ${s.files} files translated; ${s.commented} options commented out, ${s.changed} changed, ${s.inserted} inserted`;
  });
  out.lines.unshift(...figures, `skipped ${skipped.length} wild files (templates and non-daemon files), listed below`);
  for (const s of skipped) out.lines.push(`skipped ${s}`);
  return out;
}
