// Option tables against the upstream samples:
// - every daemon file of upstream/kc-8.0.0 validates against 8.0, and of kc-8.7.25 against 8.7, with no errors;
// - every stock ZCP server.cfg reports enable_hosted_zarafa and enable_distributed_zarafa as UNKNOWN_OPTION errors
//   against 8.0;
// - detectSourceVersion names the family of every upstream/zcp-7.X.Y folder (7.X).
// Each assertion counts once.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS_TARGETS } from '../targets.mjs';

// The byte codecs are internal (not exported by the package): taken from the build directly.
const codec = await import(new URL('../../../dist/cfg/bytes.js', import.meta.url).href);

/** The library's option API: from the package entry point, or from dist/options while not yet re-exported. */
async function loadLib(dist) {
  const lib = await import(pathToFileURL(dist).href);
  if (typeof lib.validateConfig === 'function' && typeof lib.detectSourceVersion === 'function') return lib;
  const options = await import(pathToFileURL(join(dirname(dist), 'options', 'index.js')).href);
  return { ...lib, ...options };
}

function upstreamDir(corpusDir) {
  if (existsSync(join(corpusDir, 'upstream'))) return join(corpusDir, 'upstream');
  if (basename(corpusDir) === 'upstream') return corpusDir;
  return undefined;
}

function parseFile(lib, path, name, dialect) {
  const { text, encoding } = codec.decodeConfigBytes(readFileSync(path));
  return lib.parseConfig(text, { file: name, dialect, encoding });
}

/** Resolves `!include`/`!propmap` to the sibling file of the same base name in the sample folder. */
function siblingResolver(lib, folder) {
  return (directive) => {
    const path = join(folder, basename(directive.arg));
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    return parseFile(lib, path, basename(path), 'cpp');
  };
}

// Errors the stock files really have. kopanocore-8.7.25 ships presence.cfg with every line commented out,
// but ECtools/presence/kopano_presence/__init__.py declares server_secret_key without a default, so
// kopano/config.py reports "missing in config file" and kopano/service.py exits 1. The check expects
// exactly these, so it fails both when one goes missing and when another appears.
const EXPECTED_ERRORS = new Map([['kc-8.7.25/presence.cfg', ['MISSING_MANDATORY']]]);

const cfgFiles = (folder) => readdirSync(folder).filter((f) => f.endsWith('.cfg')).sort();

export default async function validate({ corpusDir, dist }) {
  const lib = await loadLib(dist);
  const up = upstreamDir(corpusDir);
  const out = { name: 'validate', passed: 0, failed: 0, lines: [] };
  if (!up) return out;
  const assert = (ok, message) => {
    if (ok) out.passed++;
    else {
      out.failed++;
      out.lines.push(message);
    }
  };

  for (const { stock: folder, target } of CORPUS_TARGETS) {
    const dir = join(up, folder);
    if (!existsSync(dir)) continue;
    for (const name of cfgFiles(dir)) {
      const file = lib.daemonFileOf(name);
      if (!file) continue;
      const doc = parseFile(lib, join(dir, name), name, lib.dialectOf(file, target));
      const errors = lib.validateConfig(doc, name, target, siblingResolver(lib, dir)).filter((d) => d.severity === 'error');
      const expected = EXPECTED_ERRORS.get(`${folder}/${name}`) ?? [];
      const codes = errors.map((d) => d.code);
      assert(JSON.stringify(codes) === JSON.stringify(expected),
        `${folder}/${name} against ${target}: expected ${expected.join(', ') || 'no errors'}, got ${errors.map((d) => `${d.line ?? ''} ${d.code} ${d.message}`).join(' | ') || 'none'}`);
    }
  }

  const zcp = readdirSync(up).filter((d) => /^zcp-7\.\d+\.\d+$/.test(d)).sort();
  for (const folder of zcp) {
    const dir = join(up, folder);
    const serverPath = join(dir, 'server.cfg');
    if (existsSync(serverPath)) {
      const doc = parseFile(lib, serverPath, 'server.cfg', 'cpp');
      const diags = lib.validateConfig(doc, 'server.cfg', '8.0');
      for (const key of ['enable_hosted_zarafa', 'enable_distributed_zarafa']) {
        const hit = diags.some((d) => d.code === 'UNKNOWN_OPTION' && d.severity === 'error' && d.message.includes(`'${key}'`));
        assert(hit, `${folder}/server.cfg: no UNKNOWN_OPTION error for ${key} against 8.0`);
      }
    }
    const docs = new Map();
    for (const name of cfgFiles(dir)) {
      const file = lib.daemonFileOf(name);
      // The family is what we are detecting, so read with the 7.1 readers (C++ search, Python backup/presence).
      const dialect = file ? lib.dialectOf(file, '7.1') : 'cpp';
      docs.set(name, parseFile(lib, join(dir, name), name, dialect));
    }
    const expected = folder.slice(4, 7);
    const det = lib.detectSourceVersion(docs);
    assert(det.family === expected && !det.ambiguous,
      `${folder}: detected ${det.family ?? 'nothing'}${det.ambiguous ? ` (ambiguous: ${det.candidates.join(', ')})` : ''}, expected ${expected}`);
  }
  return out;
}
