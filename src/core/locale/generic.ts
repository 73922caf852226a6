import { upperCase } from './case.js';
import type { Locale } from './types.js';

/**
 * Stop words for languages without a module of their own,
 * by primary subtag. Dates and names come from the runtime's CLDR data.
 */
const STOP_WORDS: Readonly<Record<string, readonly string[]>> = {
  tr: ['ve', 'ile', 'veya', 'ya', 'ama', 'fakat', 'ancak', 'de', 'da', 'ki', 'için', 'hakkında', 'gibi', 'kadar', 'göre', 'sonra', 'önce'],
  uk: ['і', 'й', 'та', 'а', 'але', 'або', 'чи', 'що', 'як', 'в', 'у', 'на', 'з', 'із', 'зі', 'до', 'від', 'для', 'по', 'про', 'під', 'за', 'при', 'без', 'через', 'між', 'о'],
  ka: ['და', 'ან', 'თუ', 'მაგრამ', 'რომ', 'ხოლო'],
  de: ['und', 'oder', 'aber', 'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen', 'von', 'vom', 'zu', 'zum', 'zur', 'mit', 'für', 'auf', 'an', 'am', 'in', 'im', 'bei', 'nach', 'aus', 'über', 'unter', 'gegen', 'ohne', 'durch', 'um', 'als', 'dass'],
  fr: ['et', 'ou', 'mais', 'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'd', 'l', 'à', 'au', 'aux', 'en', 'dans', 'sur', 'sous', 'pour', 'par', 'avec', 'sans', 'contre', 'entre', 'vers', 'que', 'qui'],
  es: ['y', 'e', 'o', 'u', 'pero', 'el', 'la', 'los', 'las', 'un', 'una', 'de', 'del', 'a', 'al', 'en', 'con', 'por', 'para', 'sin', 'sobre', 'contra', 'entre', 'que'],
  it: ['e', 'o', 'ma', 'il', 'lo', 'la', 'i', 'gli', 'le', 'un', 'una', 'di', 'del', 'della', 'a', 'al', 'da', 'in', 'con', 'su', 'per', 'tra', 'fra', 'che'],
};

/** Commas other than the Latin one, by script, with the space after them where the script's languages write one. */
const COMMAS: Readonly<Record<string, string>> = { Arab: '\u060C ', Hans: '\uFF0C', Hant: '\uFF0C', Jpan: '\u3001', Ethi: '\u1363 ' };

/**
 * Quotation marks: outer pair, then inner pair, as CLDR's delimiters give
 * them (`quotationStart` … `alternateQuotationEnd`), looked up by language
 * and region (`pt-PT`), then by language and script (`zh-Hant`, `uz-Latn`),
 * then by language, each of the tag's likely form: `zh-TW` and `zh-HK` are
 * written in traditional characters, with corner brackets, `zh` and `zh-SG`
 * in simplified ones, with “…”. A language without an entry takes the
 * English “…”, which is also CLDR's for Turkish, Danish, Latvian, Brazilian
 * Portuguese, Hindi, Bengali, simplified Chinese, Korean, Vietnamese, Thai,
 * Tajik and Mongolian. Urdu and Hebrew open with the mark English closes
 * with, as CLDR writes them. Spanish, Arabic, Persian and French had their
 * marks here before the table followed CLDR, and keep them where CLDR
 * differs: Spanish «…» (CLDR: “…”), Arabic «…» (”…“), Persian “…” inside
 * (‹…›), French “…” inside («…»). French sets its guillemets off with a
 * narrow no-break space (U+202F), as the Imprimerie nationale does; CLDR
 * writes no space inside any language's marks. A plain space let the plain
 * text's wrapping, and a browser's, leave « at the end of a line and » at
 * the start of the next.
 */
const QUOTES: Readonly<Record<string, readonly [string, string, string, string]>> = {
  tr: ['“', '”', '‘', '’'],
  uk: ['«', '»', '„', '“'],
  be: ['«', '»', '„', '“'],
  kk: ['«', '»', '“', '”'],
  'kk-Arab': ['»', '«', '›', '‹'],
  ky: ['«', '»', '„', '“'],
  'uz-Latn': ['“', '”', '’', '‘'],
  mk: ['„', '“', '‚', '‘'],
  bg: ['„', '“', '„', '“'],
  sr: ['„', '”', '’', '’'],
  hr: ['„', '“', '‚', '‘'],
  bs: ['„', '”', '‘', '’'],
  'bs-Cyrl': ['„', '“', '‚', '‘'],
  sl: ['„', '“', '‚', '‘'],
  el: ['«', '»', '“', '”'],
  hy: ['«', '»', '«', '»'],
  ka: ['„', '“', '«', '»'],
  fa: ['«', '»', '“', '”'],
  ar: ['«', '»', '“', '”'],
  ur: ['”', '“', '’', '‘'],
  he: ['”', '”', '’', '’'],
  ja: ['「', '」', '『', '』'],
  'zh-Hant': ['「', '」', '『', '』'],
  de: ['„', '“', '‚', '‘'],
  cs: ['„', '“', '‚', '‘'],
  sk: ['„', '“', '‚', '‘'],
  et: ['„', '“', '‚', '‘'],
  lt: ['„', '“', '„', '“'],
  pl: ['„', '”', '«', '»'],
  ro: ['„', '”', '«', '»'],
  hu: ['„', '”', '»', '«'],
  fi: ['”', '”', '’', '’'],
  sv: ['”', '”', '’', '’'],
  nb: ['«', '»', '‘', '’'],
  nn: ['«', '»', '‘', '’'],
  no: ['«', '»', '‘', '’'],
  nl: ['‘', '’', '‘', '’'],
  fr: ['«\u202F', '\u202F»', '“', '”'],
  es: ['«', '»', '“', '”'],
  it: ['«', '»', '“', '”'],
  // Portuguese as Portugal writes it, and as CLDR has every other country but Brazil write it too.
  ...Object.fromEntries(['PT', 'AO', 'CH', 'CV', 'GQ', 'GW', 'LU', 'MO', 'MZ', 'ST', 'TL'].map((region) => [`pt-${region}`, ['«', '»', '“', '”'] as const])),
};

/** The quotation marks of a tag's likely form (`zh-TW` is `zh-Hant-TW`, `pt` is `pt-Latn-BR`): see `QUOTES`. */
function quotesOf(maximal: Intl.Locale): readonly [string, string, string, string] {
  const { language, script, region } = maximal;
  return (region && QUOTES[`${language}-${region}`]) || (script && QUOTES[`${language}-${script}`]) || QUOTES[language] || ['“', '”', '‘', '’'];
}

/** Scripts written from right to left, for a runtime that cannot say (`Intl.Locale`'s `textInfo`). */
const RIGHT_TO_LEFT_SCRIPTS: ReadonlySet<string> = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

/** Colons other than the Latin one, by script: the full-width colon of Chinese and Japanese, with no space after it. */
const COLONS: Readonly<Record<string, string>> = { Hans: '\uFF1A', Hant: '\uFF1A', Jpan: '\uFF1A' };

/** The colon of the script of a language tag's likely form: see `Locale.colon`. */
export function colonOfTag(tag: string): string {
  return colonOf(new Intl.Locale(tag).maximize());
}

function colonOf(maximal: Intl.Locale): string {
  return (maximal.script && COLONS[maximal.script]) || ': ';
}

/** The comma of the script of a language tag's likely form (`az-Arab`, `fa`, `zh`, `en`): see `Locale.comma`. */
export function commaOfTag(tag: string): string {
  return commaOf(new Intl.Locale(tag).maximize());
}

function commaOf(maximal: Intl.Locale): string {
  return (maximal.script && COMMAS[maximal.script]) || ', ';
}

/** The direction of the script of a language tag (`az-Arab`, `fa`, `en`). */
export function directionOfTag(tag: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(tag);
  return directionOf(locale, locale.maximize());
}

/** The direction of `locale`'s script: the runtime's own answer where it has one, else by the script of its likely form. */
function directionOf(locale: Intl.Locale, maximal: Intl.Locale): 'ltr' | 'rtl' {
  const script = maximal.script;
  if (script !== undefined && RIGHT_TO_LEFT_SCRIPTS.has(script)) return 'rtl';
  const told = (locale as Intl.Locale & { textInfo?: { direction?: string } }).textInfo?.direction;
  return told === 'rtl' ? 'rtl' : 'ltr';
}

/** Abbreviations after a year that stay lower-case in a line written in capitals: Ukrainian "р." (року), Bulgarian, Belarusian and Macedonian "г.". */
const YEAR_MARKS: Readonly<Record<string, { capital: RegExp; mark: string }>> = {
  uk: { capital: /(\d) Р\./g, mark: 'р.' },
  bg: { capital: /(\d) Г\./g, mark: 'г.' },
  be: { capital: /(\d) Г\./g, mark: 'г.' },
  mk: { capital: /(\d) Г\./g, mark: 'г.' },
};

/**
 * The locale `Intl` names a day in for `tag`: the tag itself, or, for a
 * language CLDR has no dates for (Talysh `tly`, Lezgian `lez`), British
 * English, as the tool's own English writes a day (`24 July 2014`), where the
 * runtime would fall back to its default, American order (`July 24, 2014`).
 */
export function dateLocaleOf(tag: string): string {
  return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : 'en-GB';
}

/**
 * Open Graph's locale of a language tag, `language_TERRITORY`: the territory the tag names, else the one CLDR takes its
 * language (and script) to be written in most (`de` → `de_DE`, `en` → `en_US`, which is also Open Graph's default, `az-Arab`
 * → `az_IR`). A region that is no country (`es-419`, Latin America; `eo`, whose likely region is the world, `001`) has no
 * territory to give, so the language stands alone, rather than a territory the release does not claim.
 */
export function openGraphLocale(tag: string): string {
  const locale = new Intl.Locale(tag);
  const region = locale.region ?? locale.maximize().region;
  return region !== undefined && /^[A-Z]{2}$/.test(region) ? `${locale.language}_${region}` : locale.language;
}

/** A locale for any BCP 47 tag, from `Intl`: `de`, `en-GB`, `tr`, `uk`, `ka` … */
export function genericLocale(tag: string): Locale {
  const primary = tag.split('-')[0]!.toLowerCase();
  // Days by the Gregorian calendar in every language, as the dates in the front matter and the JSON are (`fa` would count in Solar Hijri years).
  const dateFormat = new Intl.DateTimeFormat(dateLocaleOf(tag), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC', calendar: 'gregory' });
  let name = tag;
  try {
    const own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    if (own) name = upperCase(own.charAt(0), tag) + own.slice(1);
  } catch {
    // A tag the runtime knows nothing of keeps its code as its name.
  }
  const locale = new Intl.Locale(tag);
  const maximal = locale.maximize();
  const yearMark = YEAR_MARKS[primary];
  return {
    tag,
    name,
    ogLocale: openGraphLocale(tag),
    direction: directionOf(locale, maximal),
    // Only the date is formatted, at noon UTC, so no time zone can move it to another day.
    formatDay: (year, month, day) => dateFormat.format(new Date(Date.UTC(year, month - 1, day, 12))),
    upper: (text) => (yearMark ? upperCase(text, tag).replace(yearMark.capital, (_, digit: string) => `${digit} ${yearMark.mark}`) : upperCase(text, tag)),
    stopWords: new Set(STOP_WORDS[primary] ?? []),
    quotes: quotesOf(maximal),
    comma: commaOf(maximal),
    colon: colonOf(maximal),
  };
}
