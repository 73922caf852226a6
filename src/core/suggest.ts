/**
 * What the searches of one run for the names words were meant to be may still spend: a step for each candidate looked at and
 * for each cell of a distance worked out. Each search is bounded by the word and the list, but a run that looks for thousands
 * of names among thousands of candidates multiplies them (a body's links to pages no release has, each compared with every
 * slug). `spent`: a search ran out, and found nothing for it.
 */
export interface SuggestionBudget {
  left: number;
  spent: boolean;
}

/** The candidate a misspelt or shortened word most likely means, if one is close enough to suggest; none once `budget` is spent. */
export function closest(word: string, candidates: readonly string[], budget?: SuggestionBudget): string | undefined {
  if (budget !== undefined && (budget.left -= candidates.length) < 0) {
    budget.spent = true;
    return undefined;
  }
  // An abbreviation (`warn`, `sum`) is as clear as a typo.
  const lower = word.toLowerCase();
  const abbreviated = lower.length >= 3 ? candidates.filter((c) => c.startsWith(lower) && c !== lower) : [];
  if (abbreviated.length === 1) return abbreviated[0];
  let best: string | undefined;
  // A suggestion that would change every letter of a short word is a guess, not a correction.
  let bestDistance = Math.min(Math.max(2, Math.floor(word.length / 3)), word.length - 1) + 1;
  for (const candidate of candidates) {
    // Only a nearer candidate counts: the distance is worked out no further than that, so a long list of names unlike the word is soon gone through.
    const d = distanceBelow(lower, candidate, bestDistance, budget);
    if (budget?.spent) return undefined;
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  return best;
}

/**
 * `editDistance(a, b)` where it is below `limit`; else `limit`. Only the
 * cells less than `limit` away from the diagonal can lead to such a
 * distance, and none past a row whose cells are all at `limit` or more.
 */
function distanceBelow(a: string, b: string, limit: number, budget?: SuggestionBudget): number {
  if (limit <= 0) return 0;
  if (Math.abs(a.length - b.length) >= limit) return limit;
  // What the two share at their start and end changes nothing: names alike but for a number are soon compared.
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  a = a.slice(start, a.length - end);
  b = b.slice(start, b.length - end);
  if (a.length === 0 || b.length === 0) return Math.min(a.length + b.length, limit);
  if (budget !== undefined && (budget.left -= b.length + 1) < 0) {
    budget.spent = true;
    return limit;
  }
  const row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = Math.min(j, limit);
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - limit + 1);
    const hi = Math.min(b.length, i + limit - 1);
    if (budget !== undefined && (budget.left -= hi - lo + 1) < 0) {
      budget.spent = true;
      return limit;
    }
    let prev = row[lo - 1]!;
    // The cell left of the band: the first column, or one past the limit.
    let left = lo === 1 ? Math.min(i, limit) : limit;
    row[lo - 1] = left;
    let least = limit;
    for (let j = lo; j <= hi; j++) {
      const up = row[j]!;
      const value = Math.min(up + 1, left + 1, prev + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1), limit);
      row[j] = value;
      if (value < least) least = value;
      prev = up;
      left = value;
    }
    if (least >= limit) return limit;
  }
  return row[b.length]!;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
