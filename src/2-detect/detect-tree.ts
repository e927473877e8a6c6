import { daemonFileOf, dialectOf } from '../options/index.js';
import type { KopanoSourceFamily, Source, SourceFamily } from '../types.js';
import type { LoadedDir } from '../1-load/loaded-tree.js';
import { detectSourceVersion } from './detect-source.js';
import { classifyKopanoFile } from './detect-kopano.js';
import type { ParseFile } from './parsed-files.js';

export interface DetectedSource {
  /** The directory's source: the ZCP family of its ZCP files, or the Kopano family when every file is Kopano-era. */
  version: Source;
  evidence: string[];
  /** Each file's own source: its Kopano family when it is Kopano-era, the directory's ZCP family otherwise. */
  files: ReadonlyMap<string, Source>;
}

/**
 * The detect phase: the ZCP family the files were written for, or the caller's choice. When the
 * evidence does not decide, the newest family that fits, said in the evidence.
 */
export function detectTreeSource(dir: LoadedDir, parse: ParseFile, given?: Source): DetectedSource {
  const all = (s: Source): ReadonlyMap<string, Source> => new Map(dir.found.map((p) => [p, s]));
  if (given) return { version: given, evidence: ['given by the caller'], files: all(given) };
  // Read as 7.2 reads them; the include graph reuses these parses when the files are 7.2's.
  const docs = new Map(dir.found.map((p) => {
    const daemon = daemonFileOf(p);
    return [p, parse(p, daemon ? dialectOf(daemon, '7.2') : 'cpp')] as const;
  }));
  const kopano = new Map<string, KopanoSourceFamily>();
  const kopanoEvidence: string[] = [];
  let zcpFiles = 0;
  for (const [p, doc] of docs) {
    if (!daemonFileOf(p)) continue;
    const c = classifyKopanoFile(p, doc);
    kopanoEvidence.push(...c.evidence);
    if (c.family) kopano.set(p, c.family);
    if (c.zcp) zcpFiles++;
  }
  const zcpDocs = new Map([...docs].filter(([p]) => !kopano.has(p)));
  // No file says ZCP: the files without evidence either way are the Kopano directory's too.
  if (kopano.size > 0 && zcpFiles === 0) {
    const version: KopanoSourceFamily = [...kopano.values()].includes('kopano-8.7') ? 'kopano-8.7' : 'kopano-8.0';
    // A file without an 8.7-only option reads as 8.0's: unchanged for 8.0, upgraded for 8.7.
    const files = new Map<string, Source>(dir.found.map((p) => [p, kopano.get(p) ?? 'kopano-8.0']));
    return { version, evidence: [...kopanoEvidence, `no file is written for ZCP: the directory is Kopano's (${version})`], files };
  }
  const found = detectSourceVersion(zcpDocs);
  const perFile = (v: SourceFamily): ReadonlyMap<string, Source> => new Map(dir.found.map((p) => [p, kopano.get(p) ?? v]));
  if (found.family) return { version: found.family, evidence: [...found.evidence, ...kopanoEvidence], files: perFile(found.family) };
  const version = found.candidates[found.candidates.length - 1] ?? '7.2';
  const why = found.evidence.length === 0
    ? `nothing in the files tells the ZCP release apart; assuming ${version}`
    : `the files fit ${found.candidates.join(' and ')} equally well; assuming ${version} (pass the source version to choose)`;
  return { version, evidence: [...found.evidence, ...kopanoEvidence, why], files: perFile(version) };
}
