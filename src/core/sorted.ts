/**
 * How many items at the start of `items` satisfy `before`, by binary search:
 * `items` are in order, so that every item that satisfies it comes before
 * every one that does not (offsets at or before a place, line breaks before
 * an offset). A post may hold tens of thousands of them.
 */
export function countBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(items[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}
