/**
 * C0 and C1 control characters (tab and newline excepted), and the Unicode
 * bidirectional overrides and isolates that can make text read differently
 * from how it is stored ("Trojan Source"), and the noncharacters U+FFFE and
 * U+FFFF, which XML (feeds, sitemaps) may not hold. One definition, used by the
 * schema, the body checks, the terminal escaping and the reporters.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;

/** The same characters, for replacing every occurrence. */
export const UNSAFE_CHARACTERS_GLOBAL = new RegExp(UNSAFE_CHARACTERS.source, 'g');

/** The character class alone (without brackets), for building other patterns. */
export const UNSAFE_CHARACTER_RANGES = UNSAFE_CHARACTERS.source.slice(1, -1);

/**
 * Characters that word processors and web pages leave in pasted text, which
 * nobody can see in an editor but which break searches, slugs, line breaks
 * and YAML: each is named in the warning, and `validate --fix` removes or
 * replaces the ones whose fix cannot change what the text says.
 */
export const INVISIBLE_CHARACTERS: Readonly<Record<string, { name: string; fix: string }>> = {
  '\u200B': { name: 'a zero-width space (U+200B)', fix: '' },
  '\u2060': { name: 'a word joiner (U+2060)', fix: '' },
  '\u00AD': { name: 'a soft hyphen (U+00AD)', fix: '' },
  '\uFEFF': { name: 'a byte-order mark (U+FEFF) inside the text', fix: '' },
  // Markdown and YAML know no line separators: a line break says the same.
  '\u2028': { name: 'a line separator (U+2028)', fix: '\n' },
  '\u2029': { name: 'a paragraph separator (U+2029)', fix: '\n\n' },
};

/** Any of `INVISIBLE_CHARACTERS`, for finding or replacing every one (matchAll, replace: never `test`, which a global pattern makes stateful). */
export const INVISIBLE_PATTERN = new RegExp(`[${Object.keys(INVISIBLE_CHARACTERS).join('')}]`, 'g');
