/** The candidate a misspelt or shortened word most likely means, if one is close enough to suggest. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // An abbreviation (`warn`, `sum`) is as clear as a typo.
  const lower = word.toLowerCase();
  const abbreviated = lower.length >= 3 ? candidates.filter((c) => c.startsWith(lower) && c !== lower) : [];
  if (abbreviated.length === 1) return abbreviated[0];
  let best: string | undefined;
  // A suggestion that would change every letter of a short word is a guess, not a correction.
  let bestDistance = Math.min(Math.max(2, Math.floor(word.length / 3)), word.length - 1) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate);
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  return best;
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
