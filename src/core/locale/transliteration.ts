import { FRESH } from '../objects.js';
import { streamSafe } from '../characters.js';

/**
 * Letters written in ASCII for URL names. One table serves every language, so
 * a Cyrillic or Georgian title in a release of any language still gives a
 * readable slug; a language whose speakers spell some letters differently
 * overrides those letters. Letters not in any table lose their accents.
 */

const BASE: Readonly<Record<string, string>> = {
  // Azerbaijani Latin (ə, and the letters it shares with Turkish)
  ə: 'e', ş: 'sh', ğ: 'g', ı: 'i', ö: 'o', ü: 'u', ç: 'ch',
  // Russian, a simplified BGN/PCGN scheme without apostrophes
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian and Belarusian letters Russian lacks
  є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'u',
  // Cyrillic letters of Kazakh, Kyrgyz, Tajik, Uzbek and Azerbaijani, and of Serbian and Macedonian, as their Latin
  // alphabets write them without marks: otherwise each would become a hyphen inside its word ("Қазақстан" → "aza-stan").
  ә: 'a', ғ: 'g', қ: 'q', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u', ҹ: 'c', ҝ: 'g',
  ј: 'j', ђ: 'dj', ћ: 'c', љ: 'lj', њ: 'nj', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
  // Georgian (Mkhedruli), the national system of 2002 without apostrophes
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l',
  მ: 'm', ნ: 'n', ო: 'o', პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k',
  ღ: 'gh', ყ: 'q', შ: 'sh', ჩ: 'ch', ც: 'ts', ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
  // Letters that case-folding or decomposition would otherwise lose
  ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', ł: 'l', œ: 'oe', þ: 'th', ð: 'd',
  // Latin letters with a stroke, a hook or of their own shape, which have no accent to lose: Maltese, Sami, Greenlandic,
  // and the alphabets of West African languages (Hausa, Ewe, Akan). Without them "Ħamrun" gave "amrun".
  ħ: 'h', ŧ: 't', ŋ: 'ng', ƶ: 'z', ƀ: 'b', ɨ: 'i', ʉ: 'u', ĸ: 'q', ŀ: 'l', ƒ: 'f',
  ɛ: 'e', ɔ: 'o', ɖ: 'd', ɓ: 'b', ɗ: 'd', ƙ: 'k', ƴ: 'y', ǝ: 'e', ɣ: 'g', ʋ: 'v',
};

/** ç and ş without their cedilla, for the languages that have them as letters of their own. */
const CEDILLA_DROPPED: Readonly<Record<string, string>> = { ş: 's', ç: 'c' };

/** Where a language's own convention differs from the shared table. */
const OVERRIDES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // Turkish URLs drop the cedilla and breve rather than spelling the sound: "göç" → "goc". So do the other languages with a ç or ş
  // of their own, which the shared table reads as Azerbaijani does (an English release about Şəki gives "sheki"): "façade" is not "fachade".
  tr: CEDILLA_DROPPED,
  fr: CEDILLA_DROPPED,
  pt: CEDILLA_DROPPED,
  ca: CEDILLA_DROPPED,
  oc: CEDILLA_DROPPED,
  ro: CEDILLA_DROPPED,
  ku: CEDILLA_DROPPED,
  sq: CEDILLA_DROPPED,
  // Azerbaijani Cyrillic ә and ј are the Latin ə and y.
  az: { ә: 'e', ј: 'y' },
  // The Ukrainian national system (2010): г is h, и is y, ґ is g, й is i inside a word.
  uk: { г: 'h', и: 'y', й: 'i', є: 'ie', ї: 'i', ю: 'iu', я: 'ia' },
  // Belarusian г is h too.
  be: { г: 'h' },
  // Serbian is written in both scripts, letter for letter: each Cyrillic letter as its Latin one without marks, and đ as dj, as
  // Serbian addresses write it, so that a title gives one slug in either script ("Ђорђе" and "Đorđe" are both "djordje").
  sr: { ж: 'z', ч: 'c', ш: 's', ц: 'c', х: 'h', ћ: 'c', ђ: 'dj', џ: 'dz', љ: 'lj', њ: 'nj', ј: 'j', đ: 'dj' },
};

/** Letters a language spells differently at the start of a word: Ukrainian "Юлія" → "yuliia". */
const INITIAL: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  uk: { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' },
};

export const TRANSLITERATION = BASE;

/** The table for one language (its primary subtag decides). */
export function transliterationFor(lang: string | undefined): Readonly<Record<string, string>> {
  const primary = lang?.split('-')[0]?.toLowerCase();
  const override = primary === undefined ? undefined : OVERRIDES[primary];
  return override ? { ...FRESH, ...BASE, ...override } : BASE;
}

const cache = new Map<string, Readonly<Record<string, string>>>();

/** Text in lower-case ASCII letters, digits and whatever else it had: transliterated, then stripped of accents. */
export function toAscii(value: string, lang?: string): string {
  const key = lang ?? '';
  let table = cache.get(key);
  if (!table) {
    table = transliterationFor(lang);
    if (cache.size < 64) cache.set(key, table);
  }
  // A letter typed as a base letter and a combining mark (NFD: macOS file names, text copied from some PDFs) is the same
  // letter to a reader: composed first, "ş" is "sh" and "й" is "y" either way, not "s" and "i" once the mark is stripped.
  // Dotted capital İ lower-cases to "i" plus a combining dot; map it first.
  // A trademark sign (™, ℠, and the raised MC, MD and MR of French) says nothing an address needs, and would decompose into letters
  // glued to the word before it: it parts words, as a symbol does.
  const lower = streamSafe(value).normalize('NFC').replace(/İ/g, 'i').replace(/[\u2120\u2122\u{1F16A}-\u{1F16C}]/gu, ' ').toLowerCase();
  const initial = INITIAL[lang?.split('-')[0]?.toLowerCase() ?? ''];
  let out = '';
  let previous = '';
  for (const ch of lower) {
    out += (initial && !/\p{L}/u.test(previous) ? initial[ch] : undefined) ?? table[ch] ?? ch;
    previous = ch;
  }
  // Compatibility forms decompose to the letters they stand for, some of them capitals (`№` to `No`, `™` to `TM`, full-width `Ａ`):
  // lower-cased again, or the slug's alphabet drops them (`Указ № 125` gave `ukaz-o-125`).
  const plain = out.normalize('NFKD').replace(/\p{M}/gu, '');
  return /[A-Z]/.test(plain) ? plain.toLowerCase() : plain;
}
