import { emptyPlan, type HostEdit, type HostKind, type HostPlan } from './kind.js';
import { parseLines, printLines, type HostLine } from './line-doc.js';
import { isHashComment, renameEdits } from './rename-edits.js';

/** How a kind renames the ZCP names on its lines: the rule and the sorts of names, and what differs from the usual. */
export interface LineRenames {
  rule: string;
  what: { tools: boolean; paths: boolean };
  /** Lines not read at all (default: `#` comments). */
  skip?: (text: string) => boolean;
  /**
   * Where the renamed part of the line starts and the setting it belongs to, or undefined to leave
   * the line (default: the whole line, no key). `index` is the line's place in the lines given.
   */
  span?: (line: HostLine, index: number) => { from: number; key?: string } | undefined;
  /** Whether the line counts as read and decided on, given its edits (default: it has some). */
  understood?: (line: HostLine, edits: readonly HostEdit[]) => boolean;
}

/**
 * The plan loop every renaming kind shares: each line that is read gets its rename edits, and is
 * marked understood, added to `plan` (a new one by default) in line order. Returns `plan`.
 */
export function renameLines(lines: readonly HostLine[], spec: LineRenames, plan: HostPlan = emptyPlan()): HostPlan {
  const skip = spec.skip ?? isHashComment;
  lines.forEach((line, i) => {
    if (skip(line.text)) return;
    const span = spec.span ? spec.span(line, i) : { from: 0 };
    if (span === undefined) return;
    const edits = renameEdits(line, spec.rule, spec.what, span.key, span.from);
    plan.edits.push(...edits);
    if (spec.understood ? spec.understood(line, edits) : edits.length > 0) plan.understood.push(line.number);
  });
  return plan;
}

/** A kind whose files are plain lines: parsed and printed as such, and left in place unless it says where they go. */
export function lineKind(kind: Omit<HostKind, 'parse' | 'print' | 'destination'> & Partial<Pick<HostKind, 'destination'>>): HostKind {
  return { parse: parseLines, print: printLines, destination: (path) => path, ...kind };
}
