import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedFile } from '../1-load/loaded-tree.js';
import type { LoadedHostFile } from '../1-load/load-host.js';
import { unifiedDiff } from '../4-emit/unified-diff.js';
import type { Change, FileTranslation, ManualAction } from '../types.js';
import type { HostContext, HostKind, HostPlan } from './kind.js';
import { applySplices, type LineDoc } from './line-doc.js';
import { maskValues } from './mask-values.js';
import { newFileDiff, rootDiff } from './root-diff.js';


/** One host file's result: its translation (root-relative), whether it is written, what the kind decided. */
export interface HostFileResult {
  translation: FileTranslation;
  from: LoadedFile;
  /** Written to OUT: it changes, or goes to a new path, and the kind did not leave it to a package. */
  write: boolean;
  plan: HostPlan;
  kind: HostKind<LineDoc>;
}

/**
 * Each host file through its kind: parse, plan, apply the edits, diff (secrets masked unless
 * `showSecrets`). Pure; every kind goes the same way.
 */
export function translateHostFiles(files: readonly LoadedHostFile[], kinds: readonly HostKind<LineDoc>[], ctx: HostContext, showSecrets: boolean): HostFileResult[] {
  const results: HostFileResult[] = [];
  for (const f of files) {
    const kind = kinds.find((k) => k.id === f.kind)!;
    const doc = kind.parse(f.file.text);
    const plan = kind.plan(doc, f.path, ctx);
    const output = applySplices(doc, plan.edits);
    const target = kind.destination(f.path);
    const mask = (t: string): string => (showSecrets ? t : maskValues(t, plan.secrets));
    const diff = f.absent
      ? newFileDiff(target, mask(output))
      : rootDiff(unifiedDiff(f.path, target, mask(f.file.text), mask(output)), f.path, target, mask(output));
    const changes: Change[] = plan.edits.map((e) => {
      const line = doc.lines[e.line - 1]?.text;
      // Text added at the end of the file has no source line.
      if (line === undefined) {
        const added = e.text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).join(' ');
        return { rule: e.rule, after: added, reason: e.reason, ...(e.key !== undefined ? { key: e.key } : {}) };
      }
      return { rule: e.rule, line: e.line, before: line.slice(e.start, e.end), after: e.text, reason: e.reason, ...(e.key !== undefined ? { key: e.key } : {}) };
    });
    const diagnostics: Diagnostic[] = plan.findings.map((d) => diagnostic(d.code, d.severity, f.path, d.line, mask(d.message), d.rule));
    const actions: ManualAction[] = plan.actions;
    const moved = target !== f.path;
    // A file left to a package is not produced at all: its result is the file as it is, where it is.
    const translation: FileTranslation = plan.write
      ? { source: f.path, target, input: f.file.text, output, encoding: f.file.encoding, diff, changes, diagnostics, actions }
      : { source: f.path, target: f.path, input: f.file.text, output: f.file.text, encoding: f.file.encoding, diff: '', changes: [], diagnostics, actions };
    results.push({
      translation,
      from: f.file,
      write: plan.write && (output !== f.file.text || moved),
      plan,
      kind,
    });
  }
  return results;
}
