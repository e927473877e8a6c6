import { parseLines, type HostLine, type LineDoc } from './line-doc.js';

/**
 * A Postfix file (main.cf, master.cf) as Postfix reads it: a logical line starts in column 0 and
 * goes on over the following lines that start with whitespace; comment and blank lines are skipped
 * and do not end it. Lossless: the physical lines are kept, the entries only point at them.
 */
export interface PostfixDoc extends LineDoc {
  entries: PostfixEntry[];
}

export interface PostfixEntry {
  /** The physical lines of the logical line, first one first (comment lines inside it are left out). */
  lines: HostLine[];
}

export function parsePostfix(text: string): PostfixDoc {
  const doc = parseLines(text);
  const entries: PostfixEntry[] = [];
  for (const line of doc.lines) {
    if (/^\s*(#|$)/.test(line.text)) continue;
    if (/^\s/.test(line.text) && entries.length > 0) entries[entries.length - 1]!.lines.push(line);
    else entries.push({ lines: [line] });
  }
  return { ...doc, entries };
}
