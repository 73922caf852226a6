/**
 * Put first in an object literal that starts with a spread and adds
 * properties after it: `{ ...FRESH, ...where, message }` rather than
 * `{ ...where, message }`.
 *
 * V8 (Node 20) gives every object made by `{ ...where, message }` a hidden
 * class of its own, whatever `where` is: an archive's thousands of releases
 * and diagnostics then each carry a class (some 250 bytes), and every
 * function that reads them sees a new class each time and falls back to its
 * slowest property lookups. Measured on 200,000 such objects: three times
 * the time to make them, twelve times the time to read them, twice the
 * memory. Spread into a fresh object first, the same literal shares one
 * class. The result is the same object; only its class differs.
 */
export const FRESH: Readonly<Record<never, never>> = Object.freeze({});

/** Strings shorter than this V8 copies when it cuts them from another (`SlicedString::kMinLength`). */
const SLICE_MIN_LENGTH = 13;

/**
 * Gives each string of `value` (its plain objects and arrays, walked in
 * place) that could be a slice of a longer one a copy of its own, and
 * returns `value`.
 *
 * V8 cuts a substring of 13 characters or more as a slice that keeps the
 * whole string it was cut from. A release checked on the calling thread has
 * its title, summary, tags and places cut from its file's text, and kept
 * the whole text (twice its bytes in Cyrillic) for as long as the run kept
 * the release: 25 MiB of file texts at 10,000 releases, which V8 let the
 * heap grow four times over. A release that comes from a build thread is a
 * copy already: a message copies its strings.
 */
export function ownStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = ownValue(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = ownValue(record[key]);
  }
  return value;
}

function ownValue(value: unknown): unknown {
  if (typeof value !== 'string') return ownStrings(value);
  // Joined to another string, it is copied whole when it is cut again; the copy is kept.
  return value.length < SLICE_MIN_LENGTH ? value : `${value} `.slice(0, -1);
}
