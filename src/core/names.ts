/** ASCII without capitals (A–Z) or backslashes: its own key (see `collisionKey`). */
const KEPT_AS_IS = /^[\0-@[\]-\x7f]*$/;

/**
 * A case- and Unicode-form-insensitive key for a name or a relative path:
 * two names that some file system (macOS, Windows) would treat as one file
 * get the same key, so neither the collection checks nor the output stage
 * ever lets one overwrite the other.
 */
export function collisionKey(value: string): string {
  // ASCII is its own NFKC form, and only its capitals and backslashes change: most paths are their own key.
  return KEPT_AS_IS.test(value) ? value : value.normalize('NFKC').toLowerCase().replace(/\\/g, '/');
}
