/** The most threads `--jobs` (and the library's `jobs`) may ask for. */
export const MAX_JOBS = 256;

/** Files read at once: enough to keep the disk busy, few enough to keep memory flat. */
export const READ_CONCURRENCY = 16;

/** Runs `fn` over items with at most `limit` in flight, keeping the results in order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
