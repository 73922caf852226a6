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
