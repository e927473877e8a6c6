/** Where the diff gets its integer arrays from. */
export interface Arrays {
  /** A zero-filled Int32Array of `length`. */
  take(length: number): Int32Array;
}

/** A new array per request: what callers that keep the arrays get. */
export const FRESH: Arrays = { take: (length) => new Int32Array(length) };

// A typed array longer than V8 keeps on its own heap (64 bytes) costs a separate backing store:
// about half a microsecond each, ten of them per diff, which was more than diffing a small
// config file itself. Buffers up to this many entries are kept between diffs instead.
const MAX_KEPT = 1 << 16;
const kept: Int32Array[] = [];
let lent = false;

/**
 * Runs `use` with arrays taken from buffers kept between calls: the n-th array taken reuses the
 * n-th buffer, so each array stays valid until `use` returns and must not escape it. A nested call
 * (none is made today) gets fresh arrays rather than the ones already lent out.
 */
export function withScratch<T>(use: (arrays: Arrays) => T): T {
  if (lent) return use(FRESH);
  lent = true;
  let next = 0;
  const arrays: Arrays = {
    take(length) {
      const i = next++;
      if (length > MAX_KEPT) return new Int32Array(length);
      let buffer = kept[i];
      if (buffer === undefined || buffer.length < length) {
        let size = 256;
        while (size < length) size *= 2;
        kept[i] = buffer = new Int32Array(size);
        return buffer.subarray(0, length);
      }
      const view = buffer.subarray(0, length);
      view.fill(0);
      return view;
    },
  };
  try {
    return use(arrays);
  } finally {
    lent = false;
  }
}
