import { EQUAL, DELETE, INSERT, type RunSink } from './runs.js';

interface Component {
  count: number;
  kind: number;
  prev: Component | undefined;
}

interface Path {
  /** Last matched index in the old range (relative), -1 before the first. */
  oldPos: number;
  last: Component | undefined;
}

/**
 * Myers' O(ND) diff of `a[aLo, aHi)` against `b[bLo, bHi)` (interned line ids), walking the edit
 * graph exactly as jsdiff's `diffLines` does (same diagonal order and the same choice between
 * an insertion and a deletion), so that where this runs the hunks match jsdiff's line for line.
 * Gives up (`done: false`, nothing written) once it has done more than `maxWork` steps: the
 * caller then splits the range instead of letting a large edit distance cost O(N·D).
 */
export function myersDiff(
  a: Int32Array, aLo: number, aHi: number,
  b: Int32Array, bLo: number, bHi: number,
  maxWork: number, out: RunSink,
): { done: boolean; work: number } {
  const oldLen = aHi - aLo;
  const newLen = bHi - bLo;
  let work = 0;

  // Follow the diagonal while lines match; returns the new position in `b`.
  const extend = (path: Path, diagonal: number): number => {
    let oldPos = path.oldPos;
    let newPos = oldPos - diagonal;
    const start = oldPos;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && a[aLo + oldPos + 1] === b[bLo + newPos + 1]) {
      newPos++;
      oldPos++;
    }
    const common = oldPos - start;
    work += common + 1;
    if (common) path.last = { count: common, kind: EQUAL, prev: path.last };
    path.oldPos = oldPos;
    return newPos;
  };
  const step = (path: Path, kind: number, oldInc: number): Path => {
    const last = path.last;
    if (last && last.kind === kind) {
      return { oldPos: path.oldPos + oldInc, last: { count: last.count + 1, kind, prev: last.prev } };
    }
    return { oldPos: path.oldPos + oldInc, last: { count: 1, kind, prev: last } };
  };

  // Wave d visits up to d + 1 diagonals, so d waves cost about d²/2 steps: cap d to match the
  // budget, which also bounds the diagonal array.
  const maxEdit = Math.min(oldLen + newLen, Math.ceil(Math.sqrt(2 * maxWork)) + 2);
  const offset = maxEdit + 1;
  const best: (Path | undefined)[] = new Array(2 * maxEdit + 3);
  const origin: Path = { oldPos: -1, last: undefined };
  best[offset] = origin;
  let newPos = extend(origin, 0);
  if (origin.oldPos + 1 >= oldLen && newPos + 1 >= newLen) return emit(origin.last, out, work);

  // Diagonals past the edge of the graph cannot lead to a shorter script (see jsdiff's note).
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let d = 1; d <= maxEdit; d++) {
    for (let k = Math.max(minDiagonal, -d); k <= Math.min(maxDiagonal, d); k += 2) {
      work++;
      const removePath = best[offset + k - 1];
      const addPath = best[offset + k + 1];
      if (removePath) best[offset + k - 1] = undefined;
      let canAdd = false;
      if (addPath) {
        const addNewPos = addPath.oldPos - k;
        canAdd = addNewPos >= 0 && addNewPos < newLen;
      }
      const canRemove = removePath !== undefined && removePath.oldPos + 1 < oldLen;
      if (!canAdd && !canRemove) {
        best[offset + k] = undefined;
        continue;
      }
      const path = !canRemove || (canAdd && removePath!.oldPos < addPath!.oldPos)
        ? step(addPath!, INSERT, 0)
        : step(removePath!, DELETE, 1);
      newPos = extend(path, k);
      if (path.oldPos + 1 >= oldLen && newPos + 1 >= newLen) return emit(path.last, out, work);
      if (work > maxWork) return { done: false, work };
      best[offset + k] = path;
      if (path.oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, k - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, k + 1);
    }
  }
  return { done: false, work };
}

function emit(last: Component | undefined, out: RunSink, work: number): { done: true; work: number } {
  const list: Component[] = [];
  for (let c = last; c; c = c.prev) list.push(c);
  for (let i = list.length - 1; i >= 0; i--) out.push(list[i]!.kind, list[i]!.count);
  return { done: true, work };
}
