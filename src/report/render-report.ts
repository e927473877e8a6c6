import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { RULES } from '../3-plan/rules/index.js';
import type { Change, DirTranslation } from '../types.js';
import { NO_COLOURS, type Colours } from './colours.js';

export interface ReportOptions {
  /** The directory as the user named it. */
  zarafaDir: string;
  colours?: Colours;
}

/**
 * The human report: a summary line, the changes grouped by rule (in rule-table order), the
 * warnings, errors and notes, then the manual actions numbered in the order to do them.
 * Plain text unless `colours` says otherwise; secrets are already masked in the translation.
 */
export function renderReport(dir: DirTranslation, options: ReportOptions): string {
  const c = options.colours ?? NO_COLOURS;
  const out: string[] = [];
  const changed = dir.files.filter((f) => f.output !== f.input || f.target !== f.source);
  const changeCount = dir.files.reduce((n, f) => n + f.changes.length, 0);
  out.push(c.bold(`zarafa2kopano: ${options.zarafaDir} (ZCP ${dir.source.version}) → Kopano Core ${dir.target}`));
  out.push(`${plural(dir.files.length, 'file')} read, ${plural(changed.length, 'file')} changed, ${plural(changeCount, 'change')}.`);
  const assumption = dir.source.evidence.find((e) => e.includes('assuming'));
  if (assumption) out.push(c.dim(`Source release: ${assumption}.`));

  const groups = changesByRule(dir);
  if (groups.length > 0) {
    out.push('', c.bold('Changes'));
    for (const g of groups) {
      out.push(`  ${c.cyan(g.rule)}${g.title ? `: ${g.title}` : ''} (${g.items.length})`);
      let lastReason = '';
      for (const { file, change } of g.items) {
        const where = change.line === undefined ? file : `${file}:${change.line}`;
        out.push(`    ${where}  ${describeChange(change)}`);
        if (change.reason && change.reason !== lastReason) out.push(c.dim(`      ${change.reason}`));
        lastReason = change.reason;
      }
    }
  }

  const errors = dir.diagnostics.filter((d) => d.severity === 'error');
  const warnings = dir.diagnostics.filter((d) => d.severity === 'warning');
  const notes = dir.diagnostics.filter((d) => d.severity === 'info');
  section(out, c.yellow, 'Warnings', warnings, c);
  section(out, c.red, 'Errors', errors, c, ': nothing was written; fix these and run again');
  section(out, c.dim, 'Notes', notes, c);

  if (dir.actions.length > 0) {
    out.push('', c.bold(`Manual actions (${dir.actions.length}), in this order`));
    const width = String(dir.actions.length).length;
    dir.actions.forEach((a, i) => {
      const pad = ' '.repeat(width + 4);
      out.push(`  ${String(i + 1).padStart(width)}. ${a.reason}`);
      if (a.command) for (const line of a.command.split('\n')) out.push(`${pad}${c.green('$')} ${line}`);
      if (a.paths && a.paths.length > 0) out.push(`${pad}${c.dim(`paths: ${a.paths.join(', ')}`)}`);
    });
  }

  return out.join('\n') + '\n';
}

interface RuleGroup {
  rule: string;
  title: string | undefined;
  items: { file: string; change: Change }[];
}

function changesByRule(dir: DirTranslation): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const f of dir.files) {
    for (const change of f.changes) {
      let g = groups.get(change.rule);
      if (!g) {
        g = { rule: change.rule, title: RULES.find((r) => r.id === change.rule)?.title, items: [] };
        groups.set(change.rule, g);
      }
      g.items.push({ file: f.source, change });
    }
  }
  const order = (id: string) => {
    const i = RULES.findIndex((r) => r.id === id);
    return i === -1 ? RULES.length : i;
  };
  return [...groups.values()].sort((a, b) => order(a.rule) - order(b.rule));
}

/** One change in a line: `key → new_key`, `key: old → new`, `+ key = value`, `key = old (commented out)`. */
export function describeChange(ch: Change): string {
  const key = ch.key ?? '';
  if (ch.before !== undefined && ch.after !== undefined) {
    return ch.before === key ? `${key} → ${ch.after}` : `${key}: ${show(ch.before)} → ${show(ch.after)}`;
  }
  if (ch.after !== undefined) return `+ ${key} = ${ch.after}`;
  if (ch.before !== undefined) return `${key} = ${ch.before} (commented out)`;
  return key;
}

function show(v: string): string {
  return v === '' ? '(empty)' : v;
}

function section(out: string[], paint: (s: string) => string, title: string, list: readonly Diagnostic[], c: Colours, note = ''): void {
  if (list.length === 0) return;
  out.push('', c.bold(paint(`${title} (${list.length})${note}`)));
  for (const d of list) out.push(`  ${formatDiagnostic(d)}${d.rule ? c.dim(` [${d.rule}]`) : ''}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
