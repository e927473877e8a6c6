import type { TextEncodingName } from '../cfg/bytes.js';
import type { ConfigDocument } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { outputCodeOf } from '../diagnostics/codes.js';
import { dialectOf, isSecretOption, validateConfig, type DaemonFile } from '../options/index.js';
import { maskSecretsOf, maskValue } from '../secrets/mask.js';
import type { Change, FileTranslation } from '../types.js';
import { isKopanoSource } from '../2-detect/detect-kopano.js';
import { planDiagnostics, type PlannedFile } from '../3-plan/plan-file.js';
import { diffFromEdits } from './edit-hunks.js';
import { unifiedDiff } from './unified-diff.js';

/** A file ready to show and write, with its findings kept apart by where they came from. */
export interface EmittedFile {
  translation: FileTranslation;
  /** The parser's and the rules' findings on the source. */
  planned: Diagnostic[];
  /** What would still stop or break the target daemon in the output (OUTPUT_<CODE> errors). */
  output: Diagnostic[];
}

/**
 * The emit phase for one file: check the output against the target daemon, mask secrets once,
 * and make the diff. Pure.
 */
export function emitFile(planned: PlannedFile, input: string, encoding: TextEncodingName): EmittedFile {
  const { file, targetFile, daemon, options, doc, run } = planned;
  const show = options.showSecrets;
  const outDoc = parseConfig(run.output, { file: targetFile, dialect: dialectOf(daemon, options.target), encoding, diagnostics: false });
  // Only what would still stop or break the Kopano daemon is worth repeating here. Includes are
  // not resolved: the include graph reports unreadable include targets once, with their fix.
  const errors = (d: ConfigDocument): Diagnostic[] => validateConfig(d, targetFile, options.target).filter((x) => x.severity === 'error');
  // A file written for Kopano may stop its daemon as it is (stock 8.7 presence.cfg): not the translation's doing.
  const had = isKopanoSource(options.source)
    ? new Set(errors(parseConfig(input, { file: targetFile, dialect: dialectOf(daemon, options.target), encoding, diagnostics: false })).map(keyOf))
    : new Set<string>();
  const output: Diagnostic[] = errors(outDoc).map((d) => had.has(keyOf(d))
    ? { ...d, severity: 'warning' as const, code: 'KOPANO_FILE_PROBLEM' as const, message: `the file has this problem as it is: ${d.message}` }
    : { ...d, code: outputCodeOf(d.code) });
  const before = show ? input : maskSecretsOf(doc, input, daemon);
  const after = show ? run.output : maskSecretsOf(outDoc, run.output, daemon);
  const plannedFindings = planDiagnostics(planned);
  return {
    translation: {
      source: file,
      target: targetFile,
      input,
      output: run.output,
      encoding,
      diff: diffFromEdits(file, targetFile, before, after, run.touched) ?? unifiedDiff(file, targetFile, before, after),
      changes: run.changes.map((c) => maskChange(c, daemon, show)),
      diagnostics: [...plannedFindings, ...output],
      actions: run.actions,
    },
    planned: plannedFindings,
    output,
  };
}

const keyOf = (d: Diagnostic): string => `${d.code} ${d.message}`;

function maskChange(c: Change, daemon: DaemonFile, show: boolean): Change {
  if (show || c.key === undefined || !isSecretOption(daemon, c.key)) return c;
  const out: Change = { ...c };
  const before = maskValue(daemon, c.key, c.before, false);
  const after = maskValue(daemon, c.key, c.after, false);
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  return out;
}
