import { markerTagOf } from '../../../cfg/edit.js';
import { commentedSettingOf, type ConfigDocument } from '../../../cfg/model.js';

/**
 * What the rules ask of a source document's lines again and again (one question per pinned key or
 * inserted setting), answered from one pass: each question used to be a scan of the whole file
 * with a regex per comment line. The planner owns one per document (a module-level WeakMap cache
 * made every major GC walk its entries).
 */
export class DocIndex {
  /** Per key, the last line that sets it or shows it as a commented-out sample (`#key = value`). */
  private readonly lastMention = new Map<string, number>();
  /** Keys commented out by an earlier translation because the Kopano reader refused the value. */
  private readonly refusedKeys = new Set<string>();
  /** The last line that is not blank (the line count when every line is blank). */
  private readonly lastContentLine: number;

  constructor(doc: ConfigDocument) {
    let lastContentLine = doc.lines.length;
    let prevRaw: string | undefined;
    for (const line of doc.lines) {
      if (line.kind === 'setting') this.lastMention.set(line.key, line.number);
      else if (line.kind === 'comment' && line.raw.includes('=')) {
        // Prose comments (no `=`) are never commented-out settings: skip the regex for them.
        const c = commentedSettingOf(line);
        if (c) {
          this.lastMention.set(c.key, line.number);
          // value-syntax comments out exactly the values the Kopano reader refuses.
          if (prevRaw !== undefined && markerTagOf(prevRaw) === 'value-syntax') this.refusedKeys.add(c.key);
        }
      }
      if (line.kind !== 'blank') lastContentLine = line.number;
      prevRaw = line.raw;
    }
    this.lastContentLine = lastContentLine;
  }

  /**
   * Where cfg's `insertionPoint(doc, related)` puts a new setting (after the last active or
   * commented-out line of any of `related`, else after the last non-blank line).
   */
  insertionPoint(related: readonly string[]): number {
    let found = 0;
    for (const key of related) found = Math.max(found, this.lastMention.get(key) ?? 0);
    return found > 0 ? found : this.lastContentLine;
  }

  /** True when a line sets one of `keys` or shows it as a commented-out sample. */
  mentionsAny(keys: readonly string[]): boolean {
    return keys.some((k) => this.lastMention.has(k));
  }

  /** True when `key` is on a line an earlier translation commented out for a refused value. */
  refused(key: string): boolean {
    return this.refusedKeys.has(key);
  }
}
