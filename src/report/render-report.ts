import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { RULES } from '../3-plan/rules/index.js';
import { PHASE_INFO } from '../3-plan/runbook/phases.js';
import { ACTION_PHASES, type Change, type DirTranslation } from '../types.js';
import { plural, sourceName, summarize } from './summary.js';
import { NO_COLOURS, type Colours } from './colours.js';

export interface ReportOptions {
  /** The directory as the user named it. */
  zarafaDir: string;
  colours?: Colours;
  /**
   * `full` (default): summary, problems, changes by rule, the runbook steps. `quiet`: the summary
   * and the problems (for CI). `check`: the summary and the files that would change.
   */
  mode?: 'full' | 'quiet' | 'check';
  /** With `check`: the files that would change (input paths), as the comparison found them. */
  changed?: readonly string[];
}

/**
 * The human report, read top-down like a review: the summary (source and its evidence, target,
 * files changed, problem counts), the errors and warnings, the changes grouped by rule (in
 * rule-table order), then the runbook's steps by phase. Plain text unless `colours` says
 * otherwise; secrets are already masked in the translation.
 */
export function renderReport(dir: DirTranslation, options: ReportOptions): string {
  const c = options.colours ?? NO_COLOURS;
  const mode = options.mode ?? 'full';
  const s = summarize(dir);
  const out: string[] = [];
  out.push(c.bold(`zarafa2kopano: ${options.zarafaDir} (${sourceName(s.source)}) → Kopano Core ${s.target}`));
  out.push(`Source: ${sourceName(s.source)}${s.evidence.length > 0 ? ', because:' : '.'}`);
  for (const e of s.evidence) out.push(c.dim(`  - ${e}`));
  out.push(`${plural(s.filesRead, 'file')} read, ${plural(s.changed.length, 'file')} changed, ${plural(s.changes, 'change')}; ` +
    `${plural(s.errors.length, 'error')}, ${plural(s.warnings.length, 'warning')}.`);

  if (mode === 'check') {
    const changed = options.changed ?? s.changed;
    if (changed.length > 0) {
      out.push('', c.bold(`Would change (${changed.length})`));
      for (const f of changed) out.push(`  ${f}`);
    }
    section(out, c.red, 'Errors', s.errors, c, ': nothing was written; fix these and run again');
    return out.join('\n') + '\n';
  }

  section(out, c.red, 'Errors', s.errors, c, ': nothing was written; fix these and run again');
  section(out, c.yellow, 'Warnings', s.warnings, c);
  if (mode === 'quiet') return out.join('\n') + '\n';
  section(out, c.dim, 'Notes', s.notes, c);

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

  if (dir.actions.length > 0) {
    out.push('', c.bold(`Runbook (${dir.actions.length} steps), in this order`));
    const width = String(dir.actions.length).length;
    const pad = ' '.repeat(width + 4);
    let n = 0;
    for (const phase of ACTION_PHASES) {
      const steps = dir.actions.filter((a) => a.phase === phase);
      if (steps.length === 0) continue;
      if (phase === 'rollback') {
        // The way back is the runbook's business, not the translation's: named, not spelled out here.
        out.push(`  ${c.bold(`${phase}: ${PHASE_INFO[phase].title}`)}: ${steps.length} steps, ${n + 1} to ${n + steps.length} (runbook.md, last section)`);
        n += steps.length;
        continue;
      }
      out.push(`  ${c.bold(`${phase}: ${PHASE_INFO[phase].title}`)}`);
      for (const a of steps) {
        out.push(`  ${String(++n).padStart(width)}. ${c.cyan(a.id)}${a.optional ? ' (optional)' : ''}: ${a.reason}`);
        const commands = a.command !== undefined ? [['', a.command] as const]
          : Object.entries(a.commands ?? {}).map(([family, cmd]) => [`${family}: `, cmd] as const);
        for (const [label, cmd] of commands) {
          cmd.split('\n').forEach((line, i) => out.push(`${pad}${c.green('$')} ${i === 0 ? label : ' '.repeat(label.length)}${line}`));
        }
        if (a.paths && a.paths.length > 0) out.push(`${pad}${c.dim(`paths: ${a.paths.join(', ')}`)}`);
        if (a.from) out.push(`${pad}${c.dim(`from: ${a.from.file}${a.from.line !== undefined ? `:${a.from.line}` : ''}${a.from.key ? ` (${a.from.key})` : ''}`)}`);
      }
    }
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
