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
  const pairs = candidates.length >= PAIRS_FROM ? new LetterPairs(lower) : undefined;
  for (const candidate of candidates) {
    // Too few pairs of letters in common to be nearer than the nearest so far: not worked out.
    if (pairs !== undefined && !pairs.mayBeWithin(candidate, bestDistance - 1, budget)) {
      if (budget?.spent) return undefined;
      continue;
    }
    // Only a nearer candidate counts: the distance is worked out no further than that, so a long list of names unlike the word is soon gone through.
    const d = distanceBelow(lower, candidate, bestDistance, budget);
    if (budget?.spent) return undefined;
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  return best;
}

/** From this many candidates on, each is first told apart by the pairs of letters it shares with the word (`LetterPairs`). */
const PAIRS_FROM = 64;
/** Pairs of letters are counted in this many buckets: two pairs in one bucket count as one pair, which only lets more through. */
const PAIR_BUCKETS = 4096;

/**
 * The pairs of adjacent letters of a word, counted, against which a candidate is told too far off without its distance
 * worked out: an edit changes at most two of a word's pairs, so a candidate within `d` edits of a word of `n` letters
 * shares at least `n - 1 - 2d` of its pairs (the q-gram lemma, for pairs). Counted by bucket, two pairs that share one are
 * taken for the same, which can only count more pairs shared: a candidate within the distance is never passed over.
 */
class LetterPairs {
  private readonly counts = new Uint16Array(PAIR_BUCKETS);
  private readonly taken = new Uint16Array(PAIR_BUCKETS);

  constructor(private readonly word: string) {
    for (let i = 1; i < word.length; i++) this.counts[pairBucket(word, i)]!++;
  }

  /** Whether `candidate` shares enough pairs with the word to be within `distance` edits of it. */
  mayBeWithin(candidate: string, distance: number, budget?: SuggestionBudget): boolean {
    const needed = this.word.length - 1 - 2 * distance;
    if (needed <= 0) return true;
    if (budget !== undefined && (budget.left -= candidate.length) < 0) {
      budget.spent = true;
      return false;
    }
    let shared = 0;
    for (let i = 1; i < candidate.length; i++) {
      const bucket = pairBucket(candidate, i);
      if (this.taken[bucket]! < this.counts[bucket]!) {
        this.taken[bucket]!++;
        shared++;
      }
    }
    for (let i = 1; i < candidate.length; i++) this.taken[pairBucket(candidate, i)] = 0;
    return shared >= needed;
  }
}

/** The bucket of the pair of letters of `text` that ends at `i`. */
function pairBucket(text: string, i: number): number {
  return (Math.imul(text.charCodeAt(i - 1), 0x9e3779b1) ^ text.charCodeAt(i)) & (PAIR_BUCKETS - 1);
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
