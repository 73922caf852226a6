import { DELETED_INVISIBLE, streamSafe } from './characters.js';
import { localeFor, toAscii, type Language } from './locale/index.js';

/**
 * URL names from titles, transliterated by the release's language (see
 * `locale/transliteration.ts` and the README): Azerbaijani letters the way
 * Azerbaijani speakers spell them in ASCII, Russian and Ukrainian by their
 * national schemes without apostrophes, Georgian by the 2002 system; any
 * other letter loses its accents.
 */

export { TRANSLITERATION } from './locale/index.js';

export const MAX_SLUG_LENGTH = 80;

export function slugify(value: string, maxLength?: number): string;
export function slugify(value: string, lang: Language | undefined, maxLength?: number): string;
export function slugify(value: string, langOrMax?: Language | number, max?: number): string {
  const lang = typeof langOrMax === 'string' ? langOrMax : undefined;
  const maxLength = typeof langOrMax === 'number' ? langOrMax : max ?? MAX_SLUG_LENGTH;
  // A soft hyphen, a zero-width space, a word joiner or a stray byte-order mark inside a word is no break a reader sees
  // (`Miq\u00ADrasiya` reads Miqrasiya), and `validate --fix` deletes them: the slug is the same before the fix and after.
  // An apostrophe inside a word joins it (Istanbul'da, o'clock, Ukrainian м'ята) rather than splitting it, and so does
  // Uzbek's sign for oʻ and gʻ, written as its letter (U+02BB) or as the turned quote a keyboard types for it (O‘zbekiston),
  // so that a word gives one slug however the sign is typed. So does Catalan's middle dot between two l's (col·legi, collegi, as
  // Catalan addresses write it), typed as U+00B7 or as the dot operator or bullet that stand for it.
  const slug = toAscii(asciiDigits(value.replace(DELETED_INVISIBLE, '')), lang).replace(/(?<=\p{L})['’ʼ‘ʻ](?=\p{L})|(?<=l)[·⋅•∙](?=l)/giu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const words = slug.slice(0, maxLength).split('-');
  // The last piece was cut inside a word unless the character after the limit ends it.
  if (slug[maxLength] !== '-') words.pop();
  const stop = stopWordsAscii(lang);
  while (words.length > 1 && stop.has(words.at(-1)!)) words.pop();
  const kept = words.join('-');
  // A title without word breaks (one long word) is cut where the limit falls.
  return (kept.length > maxLength / 2 ? kept : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/**
 * The slug of a release that sets none: its title's, when that keeps a
 * letter. A title written in a script with no transliteration here (Persian,
 * Arabic, Hebrew, Chinese …) keeps only its digits (`گزارش سالانه ۲۰۲۶` gives
 * `2026`) or nothing, so that two releases of one year would claim one
 * address, and a reader learns nothing from it: such a release takes its id
 * instead, which no other release of its language has (`id/duplicate`).
 * Slugs stay ASCII, as `slug` itself must be, so every address, feed and
 * sitemap keeps the one spelling, with nothing to percent-encode.
 */
export function releaseSlug(title: string, id: string, lang: Language): { slug: string; fromId: boolean } {
  const fromTitle = titleSlug(title, lang);
  if (fromTitle !== undefined) return { slug: fromTitle, fromId: false };
  // An id is lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit: it always gives a slug.
  return { slug: slugify(id, lang) || 'release', fromId: true };
}

/** The slug a title gives, or undefined when it keeps no letter of it (see `releaseSlug`). */
export function titleSlug(title: string, lang: Language): string | undefined {
  const slug = slugify(title, lang);
  return /[a-z]/.test(slug) ? slug : undefined;
}

/**
 * What a tag named by a hash of itself (one in a script with no
 * transliteration here) is told apart by, as slugs tell other tags apart:
 * not by letter case, the punctuation and spaces between its words, the
 * digits it is written in (`گزارش ۲۰۲۶`, `گزارش-2026`), a zero-width
 * non-joiner or joiner where another writer types a space (`درخواست‌ها`,
 * `درخواست ها`), nor the invisible characters `validate --fix` deletes;
 * and, as a slug drops a Latin letter's accents, not by the marks Arabic
 * and Hebrew writing may leave out (vowel signs, the Persian ezafe's hamza
 * `اجازهٔ`, Hebrew points) or the kashida that stretches a word (`تـقـريـر`),
 * nor, in Persian, by the Arabic forms of its yeh and kaf (`ي`, `ك`), which
 * an Arabic keyboard types; nor by Greek accents, which Greek capitals leave
 * out (`Μετανάστευση`, `ΜΕΤΑΝΑΣΤΕΥΣΗ`); nor by a variation selector (`❤` and `❤️`, the
 * heart as text or as emoji). A tag of letters without such marks, parted by
 * single spaces, is its own key, lower-cased, as it was when the hash was
 * of the tag itself, so its page keeps its address.
 */
export function tagHashKey(tag: string, lang?: Language): string {
  const seen = streamSafe(tag.replace(DELETED_INVISIBLE, '').replace(VARIATION_SELECTORS, '')).normalize('NFC');
  let key = withoutGreekAccents(seen.toLowerCase()).replace(OPTIONAL_MARKS, '');
  if (lang !== undefined && lang.split('-')[0]!.toLowerCase() === 'fa') key = key.replace(/[يى]/g, '\u06CC').replace(/ك/g, '\u06A9');
  const words = asciiDigits(key).replace(/[\p{P}\p{Z}\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  // A tag of punctuation alone (`!!!`, `…`) is told apart by its punctuation, having nothing else; not by what a reader cannot see.
  return words !== '' ? words : `\u0000${seen.replace(/[\p{Z}\p{Cc}\p{Cf}\s]+/gu, '')}`;
}

/**
 * Greek text without its accents and breathings (`μετανάστευση` for `Μετανάστευση`): Greek capitals are written without
 * them, so `ΜΕΤΑΝΑΣΤΕΥΣΗ` is the same word in capitals, and its page is the same. A word written without them has no
 * change to make, and keeps its address.
 */
function withoutGreekAccents(text: string): string {
  if (!GREEK.test(text)) return text;
  return text.normalize('NFD').replace(GREEK_MARKS, '$1').normalize('NFC');
}

const GREEK = /\p{Script=Greek}/u;
/** A Greek letter and the marks over or under it (tonos, dialytika, breathings, the iota subscript …). */
const GREEK_MARKS = /(\p{Script=Greek})\p{M}+/gu;

/**
 * Variation selectors: U+FE0F asks for a character's emoji form (`❤️`), U+FE0E
 * for its text form, and the ideographic ones for a glyph of a Han character.
 * Each is the same character to a reader, and fonts and keyboards add or
 * leave out the selector as they please.
 */
const VARIATION_SELECTORS = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** Hebrew points and cantillation, Arabic vowel signs and Quranic marks, and the kashida (tatweel): what a word may be written with or without. */
const OPTIONAL_MARKS = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u0640]/g;

/**
 * Decimal digits of other scripts (Persian ۲۰۲۷, Arabic-Indic ٢٠٢٧,
 * Devanagari २०२७ …) as ASCII digits, so that a number in a title stays in
 * its slug. Unicode keeps each script's ten digits together, zero first: a
 * digit's value is its distance from the start of its run, counted in tens.
 */
function asciiDigits(value: string): string {
  return value.replace(/(?![0-9])\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!;
    let start = code;
    while (start > code - 60 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((code - start) % 10);
  });
}

const asciiStopWords = new Map<string, ReadonlySet<string>>();

/** A language's stop words as they appear in its slugs: "для" → "dlya". */
function stopWordsAscii(lang: Language | undefined): ReadonlySet<string> {
  const key = lang ?? 'en';
  let set = asciiStopWords.get(key);
  if (!set) {
    const locale = localeFor(key);
    set = new Set([...locale.stopWords].map((w) => toAscii(w, key).replace(/[^a-z0-9]+/g, '-')));
    if (asciiStopWords.size < 256) asciiStopWords.set(key, set);
  }
  return set;
}

/**
 * Device names that Windows reserves in every folder, whatever the extension:
 * a file called `con.html` cannot be created or opened there.
 */
const RESERVED_NAMES = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;

/** Whether a file name (with or without extension) is a Windows device name. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.test(name);
}
