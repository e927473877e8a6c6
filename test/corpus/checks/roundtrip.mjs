// Every file under the corpus (MANIFEST.md aside) must come back byte-exact through
// bytes -> decode -> parse -> print -> encode, for both readers' dialects.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

// The byte codecs are internal (not exported by the package): taken from the build directly.
const codec = await import(new URL('../../../dist/cfg/bytes.js', import.meta.url).href);

function* regularFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* regularFiles(path);
    else if (entry.isFile() && entry.name !== 'MANIFEST.md') yield path;
  }
}

function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

export default async function roundtrip({ corpusDir, dist }) {
  const lib = await import(pathToFileURL(dist).href);
  let passed = 0;
  let failed = 0;
  const lines = [];
  for (const path of regularFiles(corpusDir)) {
    const rel = relative(corpusDir, path);
    const bytes = readFileSync(path);
    const problems = [];
    try {
      const { text, encoding } = codec.decodeConfigBytes(bytes);
      for (const dialect of ['cpp', 'python']) {
        const doc = lib.parseConfig(text, { file: rel, dialect, encoding });
        const back = codec.encodeConfigText(lib.printConfig(doc), encoding);
        if (!back.equals(bytes)) problems.push(`${dialect}: differs at byte ${firstDifference(back, bytes)}`);
      }
    } catch (err) {
      problems.push(`threw ${err?.message ?? err}`);
    }
    if (problems.length === 0) passed++;
    else {
      failed++;
      lines.push(`roundtrip: ${rel}: ${problems.join('; ')}`);
    }
  }
  return { name: 'roundtrip', passed, failed, lines };
}
