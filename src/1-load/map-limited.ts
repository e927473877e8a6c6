/**
 * `Promise.all(items.map(fn))` with at most `limit` calls pending at a time; results keep the
 * order of `items`. Reading a directory's files one await after another costs a thread-pool round
 * trip per step (open, stat, read, close); overlapping them saves most of that wait, and the limit
 * keeps a directory of thousands of files from running out of file descriptors.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(limit, items.length); w++) workers.push(worker());
  await Promise.all(workers);
  return out;
}
