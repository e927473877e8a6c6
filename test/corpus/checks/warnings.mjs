// Reader warnings of the translation over the corpus, against the BUILT library: every daemon file of each
// upstream/zcp-7.X.Y folder is translated on its own (source family 7.X) for target 8.0 and 8.7, and the
// warnings the target daemon's config reader logs at every start (obsolete option, deprecated alias, unused or
// ignored option: validateConfig's OBSOLETE_OPTION, ALIAS_OPTION, UNUSED_OPTION, IGNORED_OPTION) are compared
// with those of Kopano's own stock file for that daemon (kc-8.0.0 for 8.0, kc-8.7.25 for 8.7; for 11.0, which
// the corpus has no folder of, the active lines of the kopanocore-11.0.2 samples as the 11.0 tables record
// them). A warning (code and key) the stock file does not raise too is a failure. Each (file, target) pair
// counts once.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS_TARGETS } from '../targets.mjs';

const codec = await import(new URL('../../../dist/cfg/bytes.js', import.meta.url).href);


/** A stock file rebuilt from the table's sample facts: every option the sample sets on an active line. */
function stockFromTable(lib, name, target) {
  const table = lib.getOptionTable(lib.daemonFileOf(name), target);
  if (!table) return undefined;
  const lines = [...table.options.values()].filter((o) => o.sample !== undefined && !o.sampleCommented).map((o) => `${o.name} = ${o.sample}`);
  return `${lines.join('\n')}\n`;
}
const STOCK = CORPUS_TARGETS.map((t) => [t.target, t.stock]);
const READER_WARNINGS = new Set(['OBSOLETE_OPTION', 'ALIAS_OPTION', 'UNUSED_OPTION', 'IGNORED_OPTION']);

const read = (path) => codec.decodeConfigBytes(readFileSync(path)).text;

/** The reader warnings of `text` as the daemon of `name` in `target` reads it, as "CODE key" strings. */
function readerWarnings(lib, text, name, target) {
  const daemon = lib.daemonFileOf(name);
  const doc = lib.parseConfig(text, { file: name, dialect: lib.dialectOf(daemon, target) });
  const keys = new Map(doc.lines.filter((l) => l.kind === 'setting').map((l) => [l.number, l.key]));
  return lib.validateConfig(doc, name, target)
    .filter((d) => READER_WARNINGS.has(d.code))
    .map((d) => ({ id: `${d.code} ${keys.get(d.line) ?? '?'}`, line: d.line, message: d.message }));
}

export default async function warnings({ corpusDir, dist }) {
  const lib = await import(pathToFileURL(dist).href);
  const out = { name: 'warnings', passed: 0, failed: 0, lines: [] };
  const up = existsSync(join(corpusDir, 'upstream')) ? join(corpusDir, 'upstream') : undefined;
  if (!up) return out;
  const figures = [];
  const failures = [];
  for (const [target, stockFolder] of STOCK) {
    const stockDir = join(up, stockFolder);
    const fromTables = target === '11.0';
    if (!fromTables && !existsSync(stockDir)) continue;
    const stockCache = new Map();
    const stockOf = (name) => {
      if (!stockCache.has(name)) {
        const path = join(stockDir, name);
        const text = fromTables ? stockFromTable(lib, name, target) : existsSync(path) ? read(path) : undefined;
        stockCache.set(name, text === undefined ? undefined : readerWarnings(lib, text, name, target));
      }
      return stockCache.get(name);
    };
    let files = 0;
    let found = 0;
    let stockRaised = 0;
    let noStock = 0;
    for (const folder of readdirSync(up).filter((d) => /^zcp-7\.\d+\.\d+$/.test(d)).sort()) {
      const source = folder.slice(4, 7);
      for (const name of readdirSync(join(up, folder)).sort()) {
        if (!name.endsWith('.cfg') || !lib.daemonFileOf(name)) continue;
        let result;
        try {
          result = lib.translateConfig(read(join(up, folder, name)), name, { target, source });
        } catch (e) {
          out.failed++;
          failures.push(`upstream/${folder}/${name} → ${target}: translateConfig threw ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
        files++;
        const got = readerWarnings(lib, result.output, result.target, target);
        found += got.length;
        const stock = stockOf(result.target);
        if (stock === undefined) noStock++;
        else stockRaised += stock.length;
        const allowed = new Set((stock ?? []).map((w) => w.id));
        const extra = got.filter((w) => !allowed.has(w.id));
        if (extra.length === 0) out.passed++;
        else {
          out.failed++;
          for (const w of extra) {
            failures.push(`upstream/${folder}/${name} → ${target} (${result.target}:${w.line ?? '-'}): ${w.id} not raised by ${stockFolder}/${result.target}: ${w.message}`);
          }
        }
      }
    }
    figures.push(`target ${target}: ${files} files checked, ${found} reader warnings found, ${stockRaised} raised by the ${stockFolder} stock files` +
      (noStock ? ` (${noStock} files have no stock sample: every warning counts)` : ''));
  }
  out.lines.push(...figures, ...failures);
  return out;
}
