import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DirTranslation, Target } from '../types.js';

/** The figures every rendering opens with. */
export interface Summary {
  source: string;
  evidence: readonly string[];
  target: Target;
  filesRead: number;
  /** Files whose text or name changes (input paths). */
  changed: string[];
  changes: number;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  notes: Diagnostic[];
}

export function summarize(dir: DirTranslation): Summary {
  return {
    source: dir.source.version,
    evidence: dir.source.evidence,
    target: dir.target,
    filesRead: dir.files.length,
    changed: dir.files.filter((f) => f.output !== f.input || f.target !== f.source).map((f) => f.source),
    changes: dir.files.reduce((n, f) => n + f.changes.length, 0),
    errors: dir.diagnostics.filter((d) => d.severity === 'error'),
    warnings: dir.diagnostics.filter((d) => d.severity === 'warning'),
    notes: dir.diagnostics.filter((d) => d.severity === 'info'),
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `ZCP 7.2` for a ZCP family, the name as given otherwise (`kopano-8.0`). */
export function sourceName(version: string): string {
  return /^7\.\d$/.test(version) ? `ZCP ${version}` : version;
}
