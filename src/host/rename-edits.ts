import type { HostEdit } from './kind.js';
import type { HostLine } from './line-doc.js';
import { zcpNames, type NameHit } from './zcp-names.js';

/** Why each sort of name is replaced, for the report. */
const WHY: Record<NameHit['what'], string> = {
  tool: 'the ZCP program is removed with the ZCP packages; Kopano installs its successor here',
  unit: 'the zarafa-* units are removed with the ZCP packages; Kopano ships kopano-* units',
  path: 'the directory moved with the packages',
};

/**
 * The edits that rename the ZCP names on `line` between columns `from` and `to` (the whole line by
 * default): programs and units (`tools`), moved directories (`paths`). `rule` names the kind's rule.
 */
export function renameEdits(line: HostLine, rule: string, what: { tools: boolean; paths: boolean }, key?: string, from = 0, to = line.text.length): HostEdit[] {
  return zcpNames(line.text.slice(from, to), what).map((h) => ({
    line: line.number,
    start: from + h.start,
    end: from + h.end,
    text: h.new,
    rule,
    reason: `${h.old} → ${h.new}: ${WHY[h.what]}`,
    ...(key !== undefined ? { key } : {}),
  }));
}

/** True when the line is a comment in a `#`-commented file (blanks before the mark allowed). */
export function isHashComment(text: string): boolean {
  return /^\s*#/.test(text);
}
