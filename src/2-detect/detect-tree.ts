import { daemonFileOf, dialectOf } from '../options/index.js';
import type { SourceFamily } from '../types.js';
import type { LoadedDir } from '../1-load/loaded-tree.js';
import { detectSourceVersion } from './detect-source.js';
import type { ParseFile } from './parsed-files.js';

export interface DetectedSource {
  version: SourceFamily;
  evidence: string[];
}

/**
 * The detect phase: the ZCP family the files were written for, or the caller's choice. When the
 * evidence does not decide, the newest family that fits, said in the evidence.
 */
export function detectTreeSource(dir: LoadedDir, parse: ParseFile, given?: SourceFamily): DetectedSource {
  if (given) return { version: given, evidence: ['given by the caller'] };
  // Read as 7.2 reads them; the include graph reuses these parses when the files are 7.2's.
  const docs = new Map(dir.found.map((p) => {
    const daemon = daemonFileOf(p);
    return [p, parse(p, daemon ? dialectOf(daemon, '7.2') : 'cpp')] as const;
  }));
  const found = detectSourceVersion(docs);
  if (found.family) return { version: found.family, evidence: found.evidence };
  const version = found.candidates[found.candidates.length - 1] ?? '7.2';
  const why = found.evidence.length === 0
    ? `nothing in the files tells the ZCP release apart; assuming ${version}`
    : `the files fit ${found.candidates.join(' and ')} equally well; assuming ${version} (pass the source version to choose)`;
  return { version, evidence: [...found.evidence, why] };
}
