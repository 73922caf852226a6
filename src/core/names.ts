/** ASCII without capitals (A–Z) or backslashes: its own key (see `collisionKey`). */
const KEPT_AS_IS = /^[\0-@[\]-\x7f]*$/;

/**
 * Final sigma: `ς` is `σ` to APFS's case folding, and `Σ` as `σ` is to
 * NTFS's upper case, so `/οδηγος`, `/οδηγοσ` and `/ΟΔΗΓΟΣ` (which
 * lower-cases to `οδηγος`) are one file there. NFKC has already made `ſ`,
 * `µ`, `ϐ` and their like plain letters. Upper-casing the whole key instead
 * would fold more than these file systems do and part what lower case
 * keeps together: dotless `ı` would become `i` (two letters to Azerbaijani
 * and Turkish, and to NTFS), and `ß` `ss` while `ẞ` became `ß`.
 */
const FINAL_SIGMA = /\u03c2/g;

/**
 * A case- and Unicode-form-insensitive key for a name or a relative path:
 * two names that some file system (macOS, Windows) would treat as one file
 * get the same key, so neither the collection checks nor the output stage
 * ever lets one overwrite the other.
 */
export function collisionKey(value: string): string {
  // ASCII is its own NFKC form, and only its capitals and backslashes change: most paths are their own key.
  return KEPT_AS_IS.test(value) ? value : value.normalize('NFKC').toLowerCase().replace(FINAL_SIGMA, '\u03c3').replace(/\\/g, '/');
}
