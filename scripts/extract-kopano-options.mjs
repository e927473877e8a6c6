#!/usr/bin/env node
// Extracts the option tables of one Kopano Core tag from its sources, as facts with their place:
//
//   node scripts/extract-kopano-options.mjs GIT_DIR [TAG] [--check]
//
// GIT_DIR is a clone (bare or not) of Kopano-dev/kopano-core, TAG defaults to kopanocore-11.0.2. It
// reads, with `git show TAG:path`, the C++ configsetting_t arrays of each daemon, the Python CONFIG
// dicts (the base Config of the kopano module plus each Python daemon's own), and the sample files in
// installer/linux, and writes scripts/data/<tag>.options.json: per daemon file and option the default,
// flags, Python type metadata, sample value and the file:line it came from. build-option-tables.mjs
// builds the runtime tables from that committed file, so neither the build nor CI needs the network.
// With --check it writes nothing and exits 1 when the committed file differs from the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Daemon file → its table sources. `cpp`: files whose configsetting_t arrays make the table (every array
 * in the file that holds the daemon's own settings, see `arrays`). `python`: the module CONFIG dicts,
 * merged in order (the base Config of swig/python/kopano/kopano/config.py first, as Service does).
 */
const DAEMONS = {
  'server.cfg': { cpp: ['provider/server/ECServer.cpp'], policy: 'fatal' },
  'ical.cfg': { cpp: ['caldav/CalDAV.cpp'], policy: 'fatal' },
  'gateway.cfg': { cpp: ['gateway/Gateway.cpp'], policy: 'fatal' },
  'ldap.cfg': { cpp: ['provider/plugins/LDAPUserPlugin.cpp'], policy: 'fatal', sample: 'ldap.m4' },
  'unix.cfg': { cpp: ['provider/plugins/UnixUserPlugin.cpp'], policy: 'fatal' },
  'dagent.cfg': { cpp: ['spooler/DAgent.cpp'], policy: 'fatal' },
  'spooler.cfg': { cpp: ['spooler/Spooler.cpp'], policy: 'fatal' },
  'monitor.cfg': { cpp: ['ECtools/monitor/monitor.cpp'], policy: 'fatal' },
  'archiver.cfg': { cpp: ['ECtools/archiver/Archiver.cpp', 'ECtools/archiver/main.cpp'], policy: 'fatal' },
  'search.cfg': { python: ['swig/python/kopano/kopano/config.py', 'ECtools/search/kopano_search/__init__.py'], policy: 'warning' },
  'backup.cfg': { python: ['swig/python/kopano/kopano/config.py', 'ECtools/backup/kopano_backup/__init__.py'], policy: 'warning' },
  'spamd.cfg': { python: ['swig/python/kopano/kopano/config.py', 'ECtools/spamd/kopano_spamd/__init__.py'], policy: 'warning' },
  'autorespond.cfg': { python: ['swig/python/kopano/kopano/config.py', 'ECtools/utils/kopano_utils/autorespond.py'], policy: 'warning' },
};

/** Headers whose #defines name compiled-in defaults (KC_DEFAULT_*, KOPANO_SERVER_PIPE, …). */
const MACRO_FILES = ['common/SSLUtil.h', 'common/include/kopano/ECDefs.h', 'common/include/kopano/platform.h'];

/** autoconf directory macros as installed by the packages (same expansion as options.json uses for 8.x). */
const AUTOCONF = { PKGLIBDIR: '/usr/lib/kopano', pkglibdir: '/usr/lib/kopano' };

const FLAG_NAMES = ['ALIAS', 'RELOADABLE', 'UNUSED', 'NONEMPTY', 'EXACT', 'SIZE', 'OBSOLETE', 'DEPRECATED'];

function git(gitDir, ...args) {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
}

function show(gitDir, tag, path) {
  try {
    return git(gitDir, 'show', `${tag}:${path}`);
  } catch {
    return undefined;
  }
}

/** C string literals and macros of one expression, concatenated (`"a" "b"`, `MACRO`). */
function cValue(expr, macros) {
  let out = '';
  const re = /"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)/g;
  let m;
  while ((m = re.exec(expr))) {
    if (m[1] !== undefined) out += unescapeC(m[1]);
    else if (m[2] === 'nullptr' || m[2] === 'NULL') return null;
    else if (macros.has(m[2])) out += macros.get(m[2]);
    else throw new Error(`unknown macro ${m[2]} in ${expr}`);
  }
  return out;
}

function unescapeC(s) {
  return s.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
}

/** The first definition of each `#define NAME "string"` in the given texts. */
function collectMacros(texts) {
  const macros = new Map(Object.entries(AUTOCONF));
  for (const text of texts) {
    for (const m of text.matchAll(/^#\s*define\s+([A-Z_][A-Z0-9_]*)\s+((?:"(?:[^"\\]|\\.)*"\s*)+)$/gm)) {
      if (!macros.has(m[1])) macros.set(m[1], cValue(m[2], new Map()));
    }
  }
  return macros;
}

/** Splits a C initializer `{a, b, c}` body at top-level commas. */
function splitTop(body) {
  const parts = [];
  let depth = 0;
  let cur = '';
  let inStr = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inStr) {
      cur += c;
      if (c === '\\') cur += body[++i];
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) { parts.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

function flagsOf(expr) {
  const flags = [];
  for (const name of FLAG_NAMES) if (new RegExp(`\\bCONFIGSETTING_${name}\\b`).test(expr)) flags.push(name);
  // LDAPUserPlugin: (m_bHosted ? CONFIGSETTING_NONEMPTY : 0) — NONEMPTY only in hosted / distributed mode.
  if (/m_bHosted\s*\?\s*CONFIGSETTING_NONEMPTY/.test(expr)) { flags.splice(flags.indexOf('NONEMPTY'), 1); flags.push('NONEMPTY_IF_HOSTED'); }
  if (/m_bDistributed\s*\?\s*CONFIGSETTING_NONEMPTY/.test(expr)) { flags.splice(flags.indexOf('NONEMPTY'), 1); flags.push('NONEMPTY_IF_DISTRIBUTED'); }
  return flags.sort();
}

/**
 * Every entry of every `configsetting_t NAME[] = { … };` array of a C++ file, with the preprocessor
 * condition around it and its line. Comments are blanked first (keeping line numbers).
 */
function cppEntries(text, path, macros) {
  const clean = text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*/g, (m, str) => str ?? '');
  const entries = [];
  const arrayRe = /configsetting_t\s+\w+\s*\[\]\s*=\s*\{/g;
  let a;
  while ((a = arrayRe.exec(clean))) {
    let i = a.index + a[0].length;
    const conds = [];
    let depth = 1;
    while (depth > 0 && i < clean.length) {
      const lineStart = clean.lastIndexOf('\n', i - 1) + 1;
      if (clean[i] === '#' && clean.slice(lineStart, i).trim() === '') {
        const end = clean.indexOf('\n', i);
        const directive = clean.slice(i, end).trim();
        const d = /^#\s*(ifdef|ifndef|if|elif|else|endif)\b\s*(.*)$/.exec(directive);
        if (d) {
          if (d[1] === 'ifdef') conds.push(`defined(${d[2]})`);
          else if (d[1] === 'ifndef') conds.push(`!defined(${d[2]})`);
          else if (d[1] === 'if') conds.push(d[2]);
          else if (d[1] === 'elif') conds[conds.length - 1] = d[2];
          else if (d[1] === 'else') conds[conds.length - 1] = `!(${conds[conds.length - 1]})`;
          else conds.pop();
        }
        i = end;
        continue;
      }
      if (clean[i] === '"') { i = skipString(clean, i); continue; }
      if (clean[i] === '{') {
        const close = matching(clean, i);
        const body = clean.slice(i + 1, close);
        const parts = splitTop(body);
        const line = clean.slice(0, i).split('\n').length;
        if (parts.length >= 1 && /^"/.test(parts[0])) {
          const name = cValue(parts[0], macros);
          const value = parts[1] === undefined ? '' : cValue(parts[1], macros);
          const flags = flagsOf(parts[2] ?? '');
          const group = parts[3] !== undefined && /CONFIGGROUP_PROPMAP/.test(parts[3]);
          entries.push({ name, value, flags, group, condition: conds.length ? conds.join(' && ') : undefined, at: `${path}:${line}` });
        }
        i = close + 1;
        continue;
      }
      if (clean[i] === '}') depth--;
      i++;
    }
  }
  return entries;
}

function skipString(text, i) {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

function matching(text, open) {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '"') { j = skipString(text, j) - 1; continue; }
    if (text[j] === '{') depth++;
    if (text[j] === '}' && --depth === 0) return j;
  }
  throw new Error('unbalanced braces');
}

/** A Python literal of a Config.* default, as JSON: str, int (with 2**n and a*b), bool, None, lists. */
function pyLiteral(src) {
  const s = src.trim();
  if (s === 'None') return null;
  if (s === 'True') return true;
  if (s === 'False') return false;
  if (/^(['"])(.*)\1$/s.test(s)) return s.slice(1, -1);
  if (/^\[.*\]$/s.test(s)) return s.slice(1, -1).split(',').map((x) => x.trim()).filter(Boolean).map(pyLiteral);
  const n = pyNumber(s);
  if (n !== undefined) return n;
  if (/^\w+$/.test(s)) return { name: s };
  throw new Error(`Python literal not understood: ${s}`);
}

/** A Python integer expression: `16`, `0x7D`, `2**24`, `24 * 3600`; undefined for anything else. */
function pyNumber(s) {
  const t = s.trim();
  const pow = /^(\d+)\s*\*\*\s*(\d+)$/.exec(t);
  if (pow) return Number(pow[1]) ** Number(pow[2]);
  const mul = t.split('*').map((x) => x.trim());
  if (mul.every((x) => /^(0x[0-9A-Fa-f]+|\d+)$/.test(x))) return mul.reduce((a, x) => a * Number(x), 1);
  return undefined;
}

/** Python keyword arguments `a=1, b='x'` of a Config.*() call. */
function pyKwargs(args, names) {
  const out = {};
  for (const part of splitTopPy(args)) {
    const m = /^(\w+)\s*=\s*([\s\S]*)$/.exec(part);
    if (!m) continue;
    const v = m[2].trim();
    const num = pyNumber(v);
    if (num !== undefined) out[m[1]] = num;
    else if (/^\[[\s\S]*\]$/.test(v)) out[m[1]] = pyList(v);
    else if (/^\w+$/.test(v) && names.has(v)) out[m[1]] = names.get(v);
    else out[m[1]] = pyLiteral(v);
  }
  return out;
}

function splitTopPy(s) {
  const parts = [];
  let depth = 0;
  let cur = '';
  let q = null;
  for (const c of s) {
    if (q) { cur += c; if (c === q) q = null; continue; }
    if (c === '"' || c === "'") q = c;
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) { parts.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/** Module-level `NAME = [...]` lists a CONFIG dict refers to (config.py's LOG_LEVELS). */
function pyNames(source) {
  const text = source.replace(/\\\n\s*/g, ' ');
  const names = new Map();
  for (const m of text.matchAll(/^([A-Z_]+)\s*=\s*(\[[^\]]*\])/gm)) {
    try { names.set(m[1], splitTopPy(m[2].slice(1, -1)).map(pyLiteral)); } catch { /* not a literal list */ }
  }
  const comp = /^([A-Z_]+)\s*=\s*(\[str\(i\) for i in range\(\d+\)\]\s*\+\s*\[[^\]]*\])/m.exec(text);
  if (comp) names.set(comp[1], pyList(comp[2]));
  return names;
}

/** A Python list literal, or `[str(i) for i in range(N)] + [...]` (the log levels). */
function pyList(v) {
  const comp = /^\[str\(i\) for i in range\((\d+)\)\]\s*\+\s*(\[[\s\S]*\])$/.exec(v.trim());
  if (comp) return [...Array.from({ length: Number(comp[1]) }, (_, i) => String(i)), ...pyList(comp[2])];
  return splitTopPy(v.trim().slice(1, -1)).map((x) => pyNumber(x) ?? pyLiteral(x));
}

/** The entries of the module-level `CONFIG = { … }` dict of a Python file. */
function pythonEntries(text, path) {
  const start = text.search(/^CONFIG\s*=\s*\{/m);
  if (start < 0) throw new Error(`${path}: no CONFIG dict`);
  const open = text.indexOf('{', start);
  let depth = 0;
  let end = open;
  for (; end < text.length; end++) {
    if (text[end] === '{') depth++;
    if (text[end] === '}' && --depth === 0) break;
  }
  const names = pyNames(text);
  const entries = [];
  const body = text.slice(open + 1, end).replace(/#[^\n]*/g, '');
  for (const part of splitTopPy(body)) {
    const m = /^(['"])(\w+)\1\s*:\s*(?:kopano\.)?Config\.(\w+)\(([\s\S]*)\)$/.exec(part);
    if (!m) throw new Error(`${path}: CONFIG entry not understood: ${part}`);
    const line = text.slice(0, text.indexOf(`${m[1]}${m[2]}${m[1]}`, open)).split('\n').length;
    const kw = pyKwargs(m[4], names);
    const e = { name: m[2], type: m[3], at: `${path}:${line}` };
    // A hex list default as the config file spells it (index_exclude_properties: 007D 0064 …).
    if ('default' in kw) e.default = kw.base === 16 && Array.isArray(kw.default)
      ? kw.default.map((n) => n.toString(16).toUpperCase().padStart(4, '0')).join(' ')
      : kw.default;
    else if (m[3] !== 'ignore') e.mandatory = true;
    if (kw.options !== undefined) e.allowedValues = kw.options;
    if (kw.multiple) e.multiple = true;
    if (kw.base !== undefined) e.base = kw.base;
    if (kw.check_path) e.checkPathExists = true;
    entries.push(e);
  }
  return entries;
}

/** `name = value` (active) and `#name = value` (commented) lines of a sample file, last one of each kind wins. */
function sampleValues(text) {
  const active = new Map();
  const commented = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const c = /^#\s*([a-z][a-z0-9_]*)\s*=\s?(.*)$/.exec(line);
    if (c) { commented.set(c[1], c[2].trim()); continue; }
    const a = /^([a-z][a-z0-9_]*)\s*=\s?(.*)$/.exec(line);
    if (a) active.set(a[1], a[2].trim());
  }
  return { active, commented };
}

/** ldap.m4 as `m4 -DTYPE=OPENLDAP` writes it: S(`openldap', `ads') → the first, dnl and define lines dropped. */
function m4OpenLdap(text) {
  return text
    .split('\n')
    .filter((l) => !/^(dnl|define\()/.test(l))
    .join('\n')
    .replace(/S\(`([^']*)',\s*`([^']*)'\)/g, '$1')
    .replaceAll("`'", ''); // m4's empty quote, used to keep `;` literal
}

function extract(gitDir, tag) {
  const sources = new Set();
  const read = (path) => {
    const t = show(gitDir, tag, path);
    if (t === undefined) throw new Error(`${path} not in ${tag}`);
    sources.add(path);
    return t;
  };
  const cppTexts = Object.values(DAEMONS).flatMap((d) => d.cpp ?? []).map(read);
  const macros = collectMacros([...MACRO_FILES.map((p) => show(gitDir, tag, p) ?? ''), ...cppTexts]);
  const files = {};
  const tableSources = {};
  const samples = {};
  for (const [file, d] of Object.entries(DAEMONS)) {
    const options = {};
    if (d.cpp) {
      for (const path of d.cpp) {
        for (const e of cppEntries(read(path), path, macros)) {
          const o = { default: e.value, flags: e.flags, at: e.at };
          if (e.flags.includes('ALIAS')) { o.alias = e.value; delete o.default; o.flags = e.flags.filter((f) => f !== 'ALIAS'); }
          if (e.condition) o.condition = e.condition;
          if (options[e.name]) o.alsoAt = options[e.name].at;
          options[e.name] = o;
        }
      }
    } else {
      for (const path of d.python) {
        for (const e of pythonEntries(read(path), path)) {
          const { name, ...rest } = e;
          rest.flags = e.type === 'ignore' ? ['IGNORED'] : [];
          options[name] = rest;
        }
      }
    }
    const samplePath = `installer/linux/${d.sample ?? file}`;
    const sampleText = show(gitDir, tag, samplePath);
    if (sampleText !== undefined) {
      sources.add(samplePath);
      samples[file] = samplePath;
      const { active, commented } = sampleValues(d.sample === 'ldap.m4' ? m4OpenLdap(sampleText) : sampleText);
      for (const [name, o] of Object.entries(options)) {
        if (active.has(name)) { o.sample = active.get(name); o.sampleCommented = false; }
        else if (commented.has(name)) { o.sample = commented.get(name); o.sampleCommented = true; }
      }
      const notInTable = [...new Set([...active.keys()])].filter((n) => !options[n]).sort();
      if (notInTable.length) samples[`${file} active but unknown to the table`] = notInTable;
    }
    files[file] = Object.fromEntries(Object.keys(options).sort().map((k) => [k, options[k]]));
    tableSources[file] = [...(d.cpp ?? d.python)];
  }
  const commit = git(gitDir, 'rev-list', '-n', '1', tag).trim();
  return {
    tag,
    commit,
    repository: 'Kopano-dev/kopano-core',
    generatedBy: 'scripts/extract-kopano-options.mjs',
    unknownOptionPolicy: Object.fromEntries(Object.entries(DAEMONS).map(([f, d]) => [f, d.policy])),
    tableSources,
    sampleSources: samples,
    macros: Object.fromEntries([...macros].filter(([k]) => /^(KC_|KOPANO_|PKGLIBDIR)/.test(k)).sort()),
    files,
  };
}

/** One option per line, so a change to one option is a one-line diff. */
export function stringifyFacts(facts) {
  const j = (x) => JSON.stringify(x);
  const head = Object.entries(facts).filter(([k]) => k !== 'files').map(([k, v]) => `  ${j(k)}: ${j(v)},`);
  const files = Object.entries(facts.files).map(([file, opts], i, all) => {
    const names = Object.keys(opts);
    const lines = names.map((n, k) => `    ${j(n)}: ${j(opts[n])}${k < names.length - 1 ? ',' : ''}`);
    return [`  ${j(file)}: {`, ...lines, `  }${i < all.length - 1 ? ',' : ''}`].join('\n');
  });
  return ['{', ...head, '  "files": {', ...files.map((f) => f.replace(/^/gm, '  ')), '  }', '}', ''].join('\n');
}

function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const check = argv.includes('--check');
  const [gitDir, tag = 'kopanocore-11.0.2'] = args;
  if (!gitDir || !existsSync(gitDir)) {
    console.error('usage: node scripts/extract-kopano-options.mjs GIT_DIR [TAG] [--check]');
    return 2;
  }
  const facts = extract(resolve(gitDir), tag);
  const text = stringifyFacts(facts);
  const out = join(here, 'data', `${tag}.options.json`);
  if (check) {
    const committed = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (committed === text) return 0;
    console.error(`${out} differs from what ${tag} gives: regenerate it`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  const count = Object.values(facts.files).reduce((n, o) => n + Object.keys(o).length, 0);
  console.log(`wrote ${out}: ${Object.keys(facts.files).length} files, ${count} options`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
