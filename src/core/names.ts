/**
 * A case- and Unicode-form-insensitive key for a name or a relative path:
 * two names that some file system (macOS, Windows) would treat as one file
 * get the same key, so neither the collection checks nor the output stage
 * ever lets one overwrite the other.
 */
export function collisionKey(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\\/g, '/');
}
