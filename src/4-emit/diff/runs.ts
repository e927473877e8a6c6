/** Run kinds of an edit script. */
export const EQUAL = 0;
export const DELETE = 1;
export const INSERT = 2;

/**
 * An edit script as runs of (kind, line count), in order. Adjacent runs of the same kind are merged
 * as they arrive, so pieces diffed separately join into the script one whole diff would give.
 */
export class RunSink {
  readonly kinds: number[] = [];
  readonly counts: number[] = [];

  push(kind: number, count: number): void {
    if (count <= 0) return;
    const n = this.kinds.length;
    if (n > 0 && this.kinds[n - 1] === kind) this.counts[n - 1]! += count;
    else {
      this.kinds.push(kind);
      this.counts.push(count);
    }
  }

  get length(): number {
    return this.kinds.length;
  }
}
