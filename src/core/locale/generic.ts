import type { Locale } from './types.js';

/**
 * Stop words and quotation marks for languages without a module of their own,
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

const QUOTES: Readonly<Record<string, readonly [string, string, string, string]>> = {
  tr: ['“', '”', '‘', '’'],
  uk: ['«', '»', '„', '“'],
  ka: ['„', '“', '«', '»'],
  de: ['„', '“', '‚', '‘'],
  fr: ['« ', ' »', '“', '”'],
  es: ['«', '»', '“', '”'],
  it: ['«', '»', '“', '”'],
  pl: ['„', '”', '«', '»'],
};

/** A locale for any BCP 47 tag, from `Intl`: `de`, `en-GB`, `tr`, `uk`, `ka` … */
export function genericLocale(tag: string): Locale {
  const primary = tag.split('-')[0]!.toLowerCase();
  const dateFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  let name = tag;
  try {
    const own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    if (own) name = own.charAt(0).toLocaleUpperCase(tag) + own.slice(1);
  } catch {
    // A tag the runtime knows nothing of keeps its code as its name.
  }
  const maximal = new Intl.Locale(tag).maximize();
  return {
    tag,
    name,
    ogLocale: maximal.region ? `${maximal.language}_${maximal.region}` : maximal.language,
    // Only the date is formatted, at noon UTC, so no time zone can move it to another day.
    formatDay: (year, month, day) => dateFormat.format(new Date(Date.UTC(year, month - 1, day, 12))),
    upper: (text) => text.toLocaleUpperCase(tag),
    stopWords: new Set(STOP_WORDS[primary] ?? []),
    quotes: QUOTES[primary] ?? ['“', '”', '‘', '’'],
  };
}
