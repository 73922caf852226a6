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

/**
 * Invisible characters a release file may start with: byte-order marks (the
 * encoding's signature, and any a tool added after it) and the zero-width
 * characters and direction marks that a copy from a web page or a word
 * processor brings before the text. None is a column an editor shows, so
 * before the opening `---` a user cannot find one: the file is read without
 * them, and each after the signature is named in a warning at 1:1 (see
 * `parseReleaseFile`), which `validate --fix` removes.
 */
export const LEADING_INVISIBLE = /^[\uFEFF\u200B-\u200F\u2060\u00AD]+/;

/** Whether a text's first character is one of `LEADING_INVISIBLE`'s: one comparison, for the release path, before any pattern runs. */
export function startsInvisible(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0xfeff || (first >= 0x200b && first <= 0x200f) || first === 0x2060 || first === 0x00ad;
}

/** The names of `LEADING_INVISIBLE`'s characters, as the warnings say them. */
export const LEADING_INVISIBLE_NAMES: Readonly<Record<string, string>> = {
  '\uFEFF': 'a byte-order mark (U+FEFF)',
  '\u200B': 'a zero-width space (U+200B)',
  '\u200C': 'a zero-width non-joiner (U+200C)',
  '\u200D': 'a zero-width joiner (U+200D)',
  '\u200E': 'a left-to-right mark (U+200E)',
  '\u200F': 'a right-to-left mark (U+200F)',
  '\u2060': 'a word joiner (U+2060)',
  '\u00AD': 'a soft hyphen (U+00AD)',
};
