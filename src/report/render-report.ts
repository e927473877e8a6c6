import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { RULES } from '../3-plan/rules/index.js';
import { PHASE_INFO } from '../3-plan/runbook/phases.js';
import { ACTION_PHASES, type Change, type DirTranslation } from '../types.js';
import { plural, sourceName, summarize } from './summary.js';
import { NO_COLOURS, type Colours } from './colours.js';
import { targetInfo } from '../targets.js';

export interface ReportOptions {
  /** The directory as the user named it. */
  zarafaDir: string;
  colours?: Colours;
  /**
   * `full` (default): the source, the problems, the changes by rule, the runbook, then the summary.
   * `quiet`: the source, the problems and the summary (for CI). `check`: the problems and notices
   * only (the CLI follows them with the files that would change and its one-line verdict); with
   * errors, as `quiet`.
   */
  mode?: 'full' | 'quiet' | 'check';
  /**
   * Everything, one line each (`--verbose`): every reason for the source, every diagnostic, every
   * change with its reason, every runbook step with its commands. Without it the report fits a
   * screen: at most three lines of reasons, repeated diagnostics of one code on one line, one line
   * per rule, the runbook's first steps.
   */
  verbose?: boolean;
  /** Lines said just before the summary (e.g. that the diff on stdout has masked secrets). */
  notices?: readonly string[];
}

/** How many runbook steps the short report shows; `--runbook` writes them all. */
const FIRST_STEPS = 3;
/** How many reasons for the source the short report shows before "and N more". */
const EVIDENCE_LINES = 3;
/** The width a shortened line is cut to (a step's reason), in characters. */
const LINE_WIDTH = 100;

/**
 * The human report, read top-down like a review and ending with the summary, the last lines a
 * person sees on a terminal: the source and its evidence, the errors and warnings, the changes
 * grouped by rule (in rule-table order), the runbook's steps by phase, then the figures (files
 * changed, changes, problem counts). Plain text unless `colours` says otherwise; secrets are
 * already masked in the translation.
 */
export function renderReport(dir: DirTranslation, options: ReportOptions): string {
  const c = options.colours ?? NO_COLOURS;
  const mode = options.mode ?? 'full';
  const verbose = options.verbose ?? false;
  const s = summarize(dir);
  const out: string[] = [];
  // Errors stay one a line (each is fixed where it is, and their details differ); warnings and
  // notes of one code are grouped unless verbose.
  const problems = () => {
    section(out, c.red, 'Errors', s.errors, c, false, ': nothing was written; fix these and run again');
    section(out, c.yellow, 'Warnings', s.warnings, c, !verbose);
  };
  if (mode === 'check' && s.errors.length === 0) {
    problems();
    if (options.notices && options.notices.length > 0) out.push('', ...options.notices);
    return out.length === 0 ? '' : out.slice(1).join('\n') + '\n';
  }

    out.push(c.bold(`zarafa2kopano: ${options.zarafaDir} (${sourceName(s.source)}) → target ${s.target}: ${targetInfo(s.target).releases}`));
  out.push(`Source: ${sourceName(s.source)}${s.evidence.length > 0 ? ', because:' : '.'}`);
  const evidence = verbose || s.evidence.length <= EVIDENCE_LINES ? s.evidence : s.evidence.slice(0, EVIDENCE_LINES - 1);
  for (const e of evidence) out.push(c.dim(`  - ${e}`));
  if (evidence.length < s.evidence.length) out.push(c.dim(`  - and ${s.evidence.length - evidence.length} more (--verbose lists them)`));
  problems();
  if (mode === 'full') {
    section(out, c.dim, 'Notes', s.notes, c, !verbose);
    changes(out, dir, c, verbose);
    runbook(out, dir, c, verbose);
  }
  if (options.notices && options.notices.length > 0) out.push('', ...options.notices);
  out.push('', `${plural(s.filesRead, 'file')} read, ${plural(s.changed.length, 'file')} changed, ${plural(s.changes, 'change')}; ` +
    `${plural(s.errors.length, 'error')}, ${plural(s.warnings.length, 'warning')}.`);
  return out.join('\n') + '\n';
}

/** The changes by rule: each with its reason (verbose), or one line per rule naming its files. */
function changes(out: string[], dir: DirTranslation, c: Colours, verbose: boolean): void {
  const groups = changesByRule(dir);
  if (groups.length === 0) return;
  if (!verbose) {
    out.push('', c.bold('Changes by rule (--verbose lists each, docs/rules.md says why)'));
    for (const g of groups) {
      const files = [...new Set(g.items.map((i) => i.file))];
      out.push(`  ${c.cyan(g.rule)} (${g.items.length}): ${files.join(', ')}`);
    }
    return;
  }
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

/** The runbook's steps by phase with their commands (verbose), or its size and first steps. */
function runbook(out: string[], dir: DirTranslation, c: Colours, verbose: boolean): void {
  if (dir.actions.length === 0) return;
  const width = String(dir.actions.length).length;
  if (!verbose) {
    const phases = ACTION_PHASES.map((p) => [p, dir.actions.filter((a) => a.phase === p).length] as const).filter(([, n]) => n > 0);
    out.push('', c.bold(`Runbook (${dir.actions.length} steps): ${phases.map(([p, n]) => `${p} ${n}`).join(', ')}`));
    dir.actions.slice(0, FIRST_STEPS).forEach((a, i) => {
      out.push(cut(`  ${String(i + 1).padStart(width)}. ${a.id}${a.optional ? ' (optional)' : ''}: ${a.reason}`, c.cyan(a.id), a.id));
    });
    out.push(`  ${dir.actions.length > FIRST_STEPS ? '… ' : ''}--runbook FILE.md or FILE.sh writes every step with its commands; --verbose lists them here`);
    return;
  }
  out.push('', c.bold(`Runbook (${dir.actions.length} steps), in this order`));
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

/** `line` cut to LINE_WIDTH characters with an ellipsis, then `plain` painted as `painted` (once). */
function cut(line: string, painted: string, plain: string): string {
  const short = [...line].length > LINE_WIDTH ? `${[...line].slice(0, LINE_WIDTH - 1).join('')}…` : line;
  return short.replace(plain, painted);
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

function section(out: string[], paint: (s: string) => string, title: string, list: readonly Diagnostic[], c: Colours, grouped: boolean, note = ''): void {
  if (list.length === 0) return;
  out.push('', c.bold(paint(`${title} (${list.length})${note}`)));
  for (const group of grouped ? sameCode(list) : list.map((d) => [d])) {
    const d = group[0]!;
    if (group.length === 1) {
      out.push(`  ${formatDiagnostic(d)}${d.rule ? c.dim(` [${d.rule}]`) : ''}`);
      continue;
    }
    // Near-identical findings (one code, one rule) on one line: every place, the first one's words.
    const where = group.map((x) => (x.line === undefined ? x.file : `${x.file}:${x.line}`)).join(', ');
    out.push(`  ${where}: ${d.severity} ${d.code} (${group.length}, as the first says): ${d.message}${d.rule ? c.dim(` [${d.rule}]`) : ''}`);
  }
}

/** The diagnostics grouped by code and rule, in the order each group first appears. */
function sameCode(list: readonly Diagnostic[]): Diagnostic[][] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of list) {
    const key = `${d.code}\0${d.rule ?? ''}`;
    const g = groups.get(key);
    if (g) g.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()];
}
