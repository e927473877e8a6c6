import { daemonFileOf, dialectOf } from '../options/index.js';
import type { KopanoSourceFamily, Source, SourceFamily } from '../types.js';
import type { LoadedDir } from '../1-load/loaded-tree.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { detectSourceVersion } from './detect-source.js';
import { classifyKopanoFile } from './detect-kopano.js';
import type { ParseFile } from './parsed-files.js';

export interface DetectedSource {
  /** The directory's source: the ZCP family of its ZCP files, or the Kopano family when every file is Kopano-era. */
  version: Source;
  /** The findings for the version (all findings when nothing chose it). */
  evidence: string[];
  /** The findings against the version. */
  against: string[];
  /** Files whose own evidence points to another release, one sentence each. */
  conflicts: string[];
  /** SOURCE_AMBIGUOUS and SOURCE_CONFLICT warnings (none when the caller gave the version). */
  diagnostics: Diagnostic[];
  /** Each file's own source: its Kopano family when it is Kopano-era, the directory's ZCP family otherwise. */
  files: ReadonlyMap<string, Source>;
}

/**
 * The detect phase: the ZCP family the files were written for, or the caller's choice. When the
 * evidence does not decide, the newest family that fits, said in the evidence; when the families
 * the evidence leaves open would be translated differently, a SOURCE_AMBIGUOUS warning says how,
 * and files pointing elsewhere than the release chosen are a SOURCE_CONFLICT warning each.
 */
export function detectTreeSource(dir: LoadedDir, parse: ParseFile, given?: Source): DetectedSource {
  const all = (s: Source): ReadonlyMap<string, Source> => new Map(dir.found.map((p) => [p, s]));
  if (given) return { version: given, evidence: ['given by the caller'], against: [], conflicts: [], diagnostics: [], files: all(given) };
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
    return { version, evidence: [...kopanoEvidence, `no file is written for ZCP: the directory is Kopano's (${version})`], against: [], conflicts: [], diagnostics: [], files };
  }
  const found = detectSourceVersion(zcpDocs);
  const perFile = (v: SourceFamily): ReadonlyMap<string, Source> => new Map(dir.found.map((p) => [p, kopano.get(p) ?? v]));
  const version = found.family ?? found.candidates[found.candidates.length - 1] ?? '7.2';
  const evidence = [...found.evidence, ...kopanoEvidence];
  if (!found.family) {
    evidence.push(found.evidence.length === 0
      ? `nothing in the files tells the ZCP release apart; assuming ${version}`
      : `the files fit ${found.candidates.join(' and ')} equally well; assuming ${version} (pass the source version to choose)`);
  }
  const diagnostics: Diagnostic[] = [];
  const open = found.undecided.includes(version) ? found.undecided : [version, ...found.undecided];
  const differs = differences(open);
  if (open.length > 1 && differs.length > 0) {
    diagnostics.push(diagnostic('SOURCE_AMBIGUOUS', 'warning', '.', undefined,
      `the files do not tell ZCP ${open.filter((f) => f !== version).join(' or ')} from ${version} firmly; translated as ${version}. ` +
      `The candidates differ in: ${differs.join('; ')}. Pass --source ${open.join('|')} to choose`));
  }
  for (const c of found.conflicts) {
    const file = c.slice(0, c.indexOf(' '));
    diagnostics.push(diagnostic('SOURCE_CONFLICT', 'warning', file, undefined,
      `${c}: translated as ${version}; pass --source to choose otherwise`));
  }
  return { version, evidence, against: found.against, conflicts: found.conflicts, diagnostics, files: perFile(version) };
}

/** What the translation does differently between the given families. */
function differences(families: readonly SourceFamily[]): string[] {
  const has = (f: SourceFamily): boolean => families.includes(f);
  const out: string[] = [];
  if (has('7.0') && (has('7.1') || has('7.2'))) {
    out.push('the attachment_path default (7.0: /var/lib/zarafa, 7.1 and later: /var/lib/zarafa/attachments)');
  }
  if (has('7.2') && (has('7.0') || has('7.1'))) {
    out.push('whether the search index is rebuilt (7.0/7.1 indexes are rebuilt, 7.2\'s are kept)');
  }
  if (new Set(families).size > 1) out.push('the ZCP packages removed and the database upgrade path in the runbook');
  return out;
}
