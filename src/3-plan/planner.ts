import type { Edit } from '../cfg/edit.js';
import type { ConfigDocument, SettingLine } from '../cfg/model.js';
import type { Change } from '../types.js';
import { DocIndex } from './rules/lib/doc-index.js';
import type { RuleStep } from './rule-steps.js';

/** The planned view of one setting line a rule has touched (renamed, rewritten or removed). */
interface LineState {
  line: SettingLine;
  key: string;
  value: string;
  removed: boolean;
}

interface Inserted {
  key: string;
  value: string;
  after: number;
}

/**
 * Collects the edits all rules plan for one document, against its ORIGINAL lines, and keeps the
 * planned view (keys after renames, values after rewrites, removed lines, inserted settings) so a
 * later rule sees what earlier rules decided. Every planning call records a {@link Change} that
 * names its rule. Nothing is applied here: {@link edits} hands the plan to applyEdits.
 */
/** What a rule may ask of the plan: the planned view of the file, read-only. */
export type PlanView = Pick<EditPlanner, 'doc' | 'index' | 'settings' | 'settingsList' | 'linesOf' | 'lineOf' | 'valueOf' | 'has' | 'plannedKey' | 'plannedValue' | 'isRemoved'>;

export class EditPlanner {
  readonly doc: ConfigDocument;
  /**
   * State only for the lines a rule touched (a tenth of a big file at most): an untouched setting
   * line is its own planned view. An object per setting line cost tens of MB on a million lines.
   */
  private readonly touchedStates: LineState[] = [];
  /**
   * Per line number, 1 + the index of its state in touchedStates (0: untouched). Allocated on the
   * first touch; a typed array is outside the JS heap and a read is cheaper than a Map lookup.
   */
  private slot: Int32Array | undefined;
  private readonly valueEdits = new Map<number, string>();
  private readonly keyEdits = new Map<number, string>();
  private readonly otherEdits: Edit[] = [];
  private readonly inserted: Inserted[] = [];
  private readonly changeList: Change[] = [];
  /** Lines with a comment-out or directive edit, so removeRawLine need not scan otherEdits. */
  private readonly rawEdited = new Set<number>();
  /**
   * Setting lines by planned key, in file order, built on first use so lineOf is not a scan of the
   * file per call (rules ask per key; a scan each time is quadratic on big files). Entries go stale
   * when a line is removed or renamed away and are dropped when lineOf meets them.
   */
  private byKey: Map<string, SettingLine[]> | undefined;
  private docIndex: DocIndex | undefined;

  /** `doc` as parseConfig gives it: line n at index n - 1. Its lines are not changed while planning. */
  constructor(doc: ConfigDocument) {
    this.doc = doc;
  }

  /** Questions about the original document's lines (placement, mentions), answered from one pass. */
  get index(): DocIndex {
    this.docIndex ??= new DocIndex(this.doc);
    return this.docIndex;
  }

  /** Setting lines that are still active in the plan, in file order, with their planned key and value. */
  *settings(): Generator<{ line: SettingLine; key: string; value: string }> {
    // Read lazily: a rule may change the plan while it walks, and later lines show the change.
    for (const line of this.doc.lines) {
      if (line.kind !== 'setting') continue;
      const s = this.touched(line.number);
      if (!s) yield { line, key: line.key, value: line.value };
      else if (!s.removed) yield { line, key: s.key, value: s.value };
    }
  }

  /**
   * {@link settings} as an array taken now, for walks that change no line after the one they are
   * at (then it gives the same): a plain loop is several times cheaper than a generator walk.
   */
  settingsList(): { line: SettingLine; key: string; value: string }[] {
    const out: { line: SettingLine; key: string; value: string }[] = [];
    for (const line of this.doc.lines) {
      if (line.kind !== 'setting') continue;
      const s = this.touched(line.number);
      if (!s) out.push({ line, key: line.key, value: line.value });
      else if (!s.removed) out.push({ line, key: s.key, value: s.value });
    }
    return out;
  }

  /**
   * Call `visit` for each active setting line in file order with its planned key and value, read
   * when the walk reaches the line (as {@link settings} does), with no object per line: a list of
   * every setting held for a whole walk was the peak of a big file's rule phase.
   */
  eachSetting(visit: (line: SettingLine, key: string, value: string) => void): void {
    for (const line of this.doc.lines) {
      if (line.kind !== 'setting') continue;
      const s = this.touched(line.number);
      if (!s) visit(line, line.key, line.value);
      else if (!s.removed) visit(line, s.key, s.value);
    }
  }

  /** Every active line that assigns `key` in the plan (after renames), in file order. */
  linesOf(key: string): SettingLine[] {
    const list = this.linesByKey().get(key);
    if (!list) return [];
    // The list may hold stale lines (removed, or renamed away): keep the ones still assigning `key`.
    return list.filter((line) => this.plannedKey(line.number) === key);
  }

  /** The last active line that assigns `key` in the plan (after renames), if any. */
  lineOf(key: string): SettingLine | undefined {
    const list = this.linesByKey().get(key);
    // Stale entries (removed, or renamed away) are skipped, not dropped: a query changes nothing.
    for (let i = (list?.length ?? 0) - 1; i >= 0; i--) {
      const line = list![i]!;
      if (this.plannedKey(line.number) === key) return line;
    }
    return undefined;
  }

  private linesByKey(): Map<string, SettingLine[]> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const line of this.doc.lines) {
        if (line.kind !== 'setting') continue;
        const key = this.plannedKey(line.number);
        if (key === undefined) continue;
        const list = this.byKey.get(key);
        if (list) list.push(line);
        else this.byKey.set(key, [line]);
      }
    }
    return this.byKey;
  }

  /** The planned value of `key` in this file: last active or inserted assignment; undefined if unset. */
  valueOf(key: string): string | undefined {
    for (let i = this.inserted.length - 1; i >= 0; i--) if (this.inserted[i]!.key === key) return this.inserted[i]!.value;
    const line = this.lineOf(key);
    return line ? this.plannedValue(line.number) : undefined;
  }

  /** True when the plan leaves `key` set in this file (an active line or an inserted one). */
  has(key: string): boolean {
    return this.valueOf(key) !== undefined;
  }

  /** The planned key of setting line `line`; undefined when it is removed or not a setting. */
  plannedKey(line: number): string | undefined {
    const s = this.touched(line);
    if (s) return s.removed ? undefined : s.key;
    return this.settingAt(line)?.key;
  }

  /** The planned value of setting line `line`; undefined when it is removed or not a setting. */
  plannedValue(line: number): string | undefined {
    const s = this.touched(line);
    if (s) return s.removed ? undefined : s.value;
    return this.settingAt(line)?.value;
  }

  isRemoved(line: number): boolean {
    return this.touched(line)?.removed ?? false;
  }

  private setValue(line: number, value: string, rule: string, reason: string): void {
    const s = this.mustBeActive(line, 'setValue');
    if (s.value === value) return;
    this.changeList.push({ rule, key: s.key, line, before: s.value, after: value, reason });
    s.value = value;
    this.valueEdits.set(line, value);
  }

  private rename(line: number, key: string, rule: string, reason: string): void {
    const s = this.mustBeActive(line, 'rename');
    if (s.key === key) return;
    this.changeList.push({ rule, key: s.key, line, before: s.key, after: key, reason });
    s.key = key;
    this.keyEdits.set(line, key);
    if (this.byKey) {
      // Keep the new key's list in file order (renames mostly come in file order: append).
      const list = this.byKey.get(key) ?? [];
      let at = list.length;
      while (at > 0 && list[at - 1]!.number > line) at--;
      if (list[at - 1]?.number !== line) list.splice(at, 0, s.line);
      this.byKey.set(key, list);
    }
  }

  /** Comment the line out; `reason` is written above it in the file and in the report. */
  private remove(line: number, rule: string, reason: string): void {
    const s = this.mustBeActive(line, 'remove');
    this.changeList.push({ rule, key: s.key, line, before: s.value, reason });
    s.removed = true;
    this.valueEdits.delete(line);
    this.keyEdits.delete(line);
    this.otherEdits.push({ op: 'comment-out', line, reason: oneLine(reason), tag: rule });
    this.rawEdited.add(line);
  }

  /** Comment out a line the daemon misreads (not a setting in our model). */
  private removeRawLine(line: number, key: string, rule: string, reason: string): void {
    if (this.rawEdited.has(line)) return;
    this.changeList.push({ rule, key, line, reason });
    this.otherEdits.push({ op: 'comment-out', line, reason: oneLine(reason), tag: rule });
    this.rawEdited.add(line);
  }

  /**
   * Add `key = value`: after line `at.after`, or next to the related keys `at.near` (active or
   * commented-out sample lines), else at the end of the file.
   */
  private insert(key: string, value: string, at: { after?: number; near?: readonly string[] }, rule: string, reason: string): void {
    // cfg's insertionPoint scans the file per insert; the index answers the same from one pass.
    const after = at.after ?? this.index.insertionPoint(at.near ?? [key]);
    this.inserted.push({ key, value, after });
    this.changeList.push({ rule, key, after: value, reason });
  }




  /**
   * Take back every insert of `key` that earlier rules planned (a later rule found the target does
   * not know the key). The inserts and their Changes disappear: the output never holds them.
   * Returns how many inserts were withdrawn.
   */
  private withdrawInserted(key: string): number {
    const before = this.inserted.length;
    for (let i = this.inserted.length - 1; i >= 0; i--) if (this.inserted[i]!.key === key) this.inserted.splice(i, 1);
    const n = before - this.inserted.length;
    if (n > 0) {
      for (let i = this.changeList.length - 1; i >= 0; i--) {
        const c = this.changeList[i]!;
        if (c.key === key && c.line === undefined && c.before === undefined) this.changeList.splice(i, 1);
      }
    }
    return n;
  }

  private setDirectiveArg(line: number, arg: string, rule: string, reason: string): void {
    const l = this.doc.lines[line - 1];
    if (l?.kind !== 'directive') throw new Error(`line ${line} is not a directive`);
    if (l.arg === arg) return;
    this.changeList.push({ rule, key: `!${l.name}`, line, before: l.arg, after: arg, reason });
    this.otherEdits.push({ op: 'set-directive-arg', line, arg });
    this.rawEdited.add(line);
  }

  /** Apply one step a rule yielded, naming `rule` in the change it records. */
  apply(step: Exclude<RuleStep, { kind: 'finding' } | { kind: 'action' }>, rule: string): void {
    switch (step.kind) {
      case 'set-value': return this.setValue(step.line, step.value, rule, step.reason);
      case 'rename': return this.rename(step.line, step.key, rule, step.reason);
      case 'remove': return this.remove(step.line, rule, step.reason);
      case 'remove-raw-line': return this.removeRawLine(step.line, step.key, rule, step.reason);
      case 'insert': return this.insert(step.key, step.value, step.at, rule, step.reason);
      case 'withdraw-insert': {
        this.withdrawInserted(step.key);
        return;
      }
      case 'set-directive-arg': return this.setDirectiveArg(step.line, step.arg, rule, step.reason);
    }
  }

  changes(): Change[] {
    return [...this.changeList];
  }

  /** The plan as edits against the original document, ready for applyEdits. */
  edits(): Edit[] {
    const out: Edit[] = [];
    for (const [line, key] of this.keyEdits) out.push({ op: 'rename-key', line, key });
    for (const [line, value] of this.valueEdits) out.push({ op: 'set-value', line, value });
    out.push(...this.otherEdits);
    for (const i of this.inserted) out.push({ op: 'insert', after: i.after, key: i.key, value: i.value });
    return out;
  }

  private mustBeActive(line: number, what: string): LineState {
    const s = this.touched(line);
    if (s) {
      if (s.removed) throw new Error(`${what}: line ${line} was already removed`);
      return s;
    }
    const l = this.settingAt(line);
    if (!l) throw new Error(`${what}: line ${line} is not a setting`);
    return this.touch(l);
  }

  /** The state of line number `line` if a rule touched it. */
  private touched(line: number): LineState | undefined {
    const i = this.slot?.[line];
    return i ? this.touchedStates[i - 1] : undefined;
  }

  /** Start tracking a setting line's planned view (it was its own view until now). */
  private touch(line: SettingLine): LineState {
    this.slot ??= new Int32Array(this.doc.lines.length + 1);
    const s: LineState = { line, key: line.key, value: line.value, removed: false };
    this.touchedStates.push(s);
    this.slot[line.number] = this.touchedStates.length;
    return s;
  }

  /** The setting on line number `line`, from the document itself. */
  private settingAt(line: number): SettingLine | undefined {
    const l = this.doc.lines[line - 1];
    return l?.kind === 'setting' && l.number === line ? l : undefined;
  }
}

/** A reason quotes keys from the file, which may hold a lone CR; the comment written above the line must stay one line. */
function oneLine(reason: string): string {
  return reason.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}
