import { az } from './az.js';
import { en } from './en.js';
import { colonOfTag, commaOfTag, directionOfTag, genericLocale, openGraphLocale } from './generic.js';
import { ru } from './ru.js';
import type { Locale } from './types.js';
import { FRESH } from '../objects.js';

export type { Locale } from './types.js';

/** A BCP 47 language tag, as written in `lang` and `languages`. */
export type Language = string;
export { toAscii, transliterationFor, TRANSLITERATION } from './transliteration.js';

/**
 * Everything that depends on a language, in one place: each built-in language
 * has a module of its own (az, en, ru); any other BCP 47 tag gets a locale
 * built from the runtime's `Intl` data. Labels (the words templates print)
 * live in the template sets, as `labels/<lang>.yaml`.
 */

/** Languages with hand-written data; the default `languages` of a project. */
export const BUILT_IN_LANGUAGES = Object.freeze(['az', 'en', 'ru'] as const);

const BUILT_IN: Readonly<Record<string, Locale>> = { az, en, ru };

const languageTags = new Map<string, boolean>();

/** A language tag's language, without its region or script, in lower case: `pt-BR` → `pt`. */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/** A well-formed BCP 47 language tag (`en`, `en-GB`, `sr-Latn-RS`), as `Intl` reads it. */
export function isLanguageTag(value: string): boolean {
  // Intl also accepts `root` and tags of one letter, which name no language.
  if (!/^[a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*$/.test(value)) return false;
  const known = languageTags.get(value);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    valid = Intl.getCanonicalLocales(value).length === 1;
  } catch {
    valid = false;
  }
  // A project writes a handful of tags thousands of times: Intl is asked once for each.
  if (languageTags.size < 10_000) languageTags.set(value, valid);
  return valid;
}

/** The canonical spelling of a tag: `en-gb` → `en-GB`. */
const canonicalTags = new Map<string, string>();

export function canonicalTag(value: string): string {
  let canonical = canonicalTags.get(value);
  if (canonical !== undefined) return canonical;
  try {
    canonical = Intl.getCanonicalLocales(value)[0] ?? value;
  } catch {
    canonical = value;
  }
  // Asked for each release's folders and languages: the runtime's answer is kept, for as many tags as a project has.
  if (canonicalTags.size < 1024) canonicalTags.set(value, canonical);
  return canonical;
}

/**
 * The value a config's mapping by language (`about`, `contacts`, a name per language) gives `lang`: under its tag as
 * written, else under the same tag in other letters (`en-gb` or `EN-GB` for `en-GB`: tags are the same whatever their
 * case), else, with `primary`, under its language's (`en` or `EN` for `en-GB`). A key in another case than `languages`
 * gives it was found by nothing, and its text left out of every page without a word.
 */
export function valueForLanguage<T>(record: Readonly<Record<string, T>>, lang: string, primary = false): T | undefined {
  if (Object.hasOwn(record, lang)) return record[lang];
  const { byTag, byLowerCase } = languageKeys(record);
  const key = byTag.get(canonicalTag(lang)) ?? (primary ? byLowerCase.get(primaryLanguage(lang)) : undefined);
  return key === undefined ? undefined : record[key];
}

/**
 * Of a mapping by language, the first key of each tag (canonical) and of each spelling in lower case, made once for each
 * mapping: every release's page asks, and a config may hold thousands of keys, each a question to `Intl`.
 */
const keysOfMappings = new WeakMap<object, { byTag: Map<string, string>; byLowerCase: Map<string, string> }>();
function languageKeys(record: object): { byTag: Map<string, string>; byLowerCase: Map<string, string> } {
  let keys = keysOfMappings.get(record);
  if (keys === undefined) {
    keys = { byTag: new Map(), byLowerCase: new Map() };
    for (const key of Object.keys(record)) {
      const tag = canonicalTag(key);
      if (!keys.byTag.has(tag)) keys.byTag.set(tag, key);
      const lower = key.toLowerCase();
      if (!keys.byLowerCase.has(lower)) keys.byLowerCase.set(lower, key);
    }
    keysOfMappings.set(record, keys);
  }
  return keys;
}

/**
 * The project language that a `lang` it does not have most likely means:
 * the same tag in other letters (`EN`) or written as a locale elsewhere is
 * (`en_GB`, `az_AZ`); the same language with a region or script the project
 * does not name (`ru-RU`, `az-Latn` where it has `ru`, `az`); or a language
 * named in English or in itself (`english`, `Russian`, `azeri`) by its first
 * three letters. Undefined when none fits.
 */
export function configuredLanguage(written: string, languages: readonly Language[]): Language | undefined {
  const tag = written.trim().replace(/_/g, '-');
  if (isLanguageTag(tag)) {
    const canonical = canonicalTag(tag);
    const same = languages.find((l) => canonicalTag(l) === canonical);
    if (same !== undefined) return same;
    const primary = primaryLanguage(tag);
    const related = languages.filter((l) => primaryLanguage(l) === primary);
    // The language alone (`ru`) before another region of it (`ru-KZ`).
    if (related.length > 0) return related.find((l) => !l.includes('-')) ?? related[0];
  }
  return namedLanguage(written.trim(), languages) ?? countryLanguage(written.trim(), languages)?.language;
}

/**
 * The configured language of the country whose two-letter code `code` is,
 * when it is no language's code: `ua` (Ukraine) is uk, `cn` zh, `ge` ka,
 * `ir` fa, `il` he, as people write a language by its country's code.
 */
function countryLanguage(code: string, languages: readonly Language[]): { language: Language; country: string } | undefined {
  const found = countryCode(code);
  if (found === undefined) return undefined;
  const language = languages.find((l) => canonicalTag(l) === found.language) ?? languages.find((l) => primaryLanguage(l) === found.language);
  return language === undefined ? undefined : { language, country: found.country };
}

/**
 * The two-letter codes of ISO 639-1 that name a language in current use, each
 * one CLDR names (test/locale.test.ts holds them to the runtime's `Intl`): a
 * project's `languages` are checked against country codes on every start, and
 * asking `Intl.DisplayNames` loads ICU's tables of names, some 17 ms of a
 * `validate` that takes 190. Codes withdrawn from the standard (`iw`, `in`,
 * `mo`, …) are left to `Intl`.
 */
const LANGUAGE_CODES: ReadonlySet<string> = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga '
    + 'gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu '
    + 'lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so '
    + 'sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

/**
 * Two-letter region codes that CLDR names but that are no country, so no
 * language is theirs: the codes ISO 3166 leaves to private use (`aa`, `qm`–`qz`,
 * `xa`–`xz`, `zz`: CLDR calls `zz` "Unknown Region" and `xa` "Pseudo-Accents"),
 * but for `xk`, Kosovo, and the groupings `eu`, `ez` and `un`. Their "likely
 * language" is English by default, which made `--lang zz` "the code of a
 * country, Unknown Region".
 */
const NO_COUNTRY = /^(?:aa|q[m-z]|x[a-jl-z]|zz|eu|ez|un)$/;

/**
 * Whether `code` is two letters that are no language's code: not in ISO 639-1,
 * nor a withdrawn code the runtime still names (`iw`, `in`), nor a country's
 * (see `countryCode`). `zz`, `xx` and `qq` are such codes; a message can say
 * so rather than ask for them to be added to the project's languages.
 */
export function isNoLanguageCode(code: string): boolean {
  if (!/^[a-zA-Z]{2}$/.test(code)) return false;
  const lower = code.toLowerCase();
  if (LANGUAGE_CODES.has(lower) || countryCode(lower) !== undefined) return false;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lower) === lower;
  } catch {
    return false;
  }
}

/**
 * The country whose two-letter code `code` is, and its likely language
 * (CLDR's), when `code` is no language's code (`ua`: Ukraine, uk); undefined
 * for a language's code, though a country has the same letters (`be`
 * Belarusian, `ar` Arabic), and for anything else.
 */
export function countryCode(code: string): { language: string; country: string } | undefined {
  if (!/^[a-zA-Z]{2}$/.test(code)) return undefined;
  const lower = code.toLowerCase();
  if (LANGUAGE_CODES.has(lower) || NO_COUNTRY.test(lower)) return undefined;
  try {
    if (new Intl.DisplayNames(['en'], { type: 'language' }).of(lower) !== lower) return undefined;
    const region = lower.toUpperCase();
    const country = new Intl.DisplayNames(['en'], { type: 'region' }).of(region);
    if (country === undefined || country === region) return undefined;
    return { language: new Intl.Locale(`und-${region}`).maximize().language, country };
  } catch {
    return undefined;
  }
}

/** Names people give languages in English that CLDR's English names are not: Farsi is Persian, Mandarin Chinese. */
const OTHER_NAMES: Readonly<Record<string, string>> = { farsi: 'fa', mandarin: 'zh' };

/** The configured language whose name, in English or in itself, `word` begins like (its first three letters): `english` is en. */
function namedLanguage(word: string, languages: readonly Language[]): Language | undefined {
  const start = word.toLowerCase().slice(0, 3);
  if (start.length < 3 || !/^\p{L}+$/u.test(word)) return undefined;
  const other = Object.hasOwn(OTHER_NAMES, word.toLowerCase()) ? OTHER_NAMES[word.toLowerCase()] : undefined;
  const named = other === undefined ? undefined : languages.find((tag) => primaryLanguage(tag) === other);
  if (named !== undefined) return named;
  return languages.find((tag) => {
    try {
      const names = [new Intl.DisplayNames(['en'], { type: 'language' }).of(tag), new Intl.DisplayNames([tag], { type: 'language' }).of(tag)];
      return names.some((name) => name !== undefined && name.toLowerCase().startsWith(start));
    } catch {
      return false;
    }
  });
}

/**
 * A hint for a `lang` that is not one of `languages`: the one it likely
 * means, and, where that is the same language under another tag (`ru-RU`
 * for `ru`), how to keep the tag as written.
 */
export function languageHint(written: string, languages: readonly Language[]): string | undefined {
  const meant = configuredLanguage(written, languages);
  if (meant === undefined) {
    const primary = written.trim().split(/[-_]/)[0] ?? '';
    return isNoLanguageCode(primary) ? `\`${primary}\` is the code of no language, nor of a country; use one of ${languages.join(', ')}, or add a language's code (ISO 639) to \`languages\` in the config file.` : undefined;
  }
  const tag = written.trim().replace(/_/g, '-');
  // The same tag, which `languages` spells in other letters than its usual ones (`EN`, `en-gb`): asked for as it is listed, the
  // hint would have the release written in those letters, where the tag's usual spelling belongs in the config.
  const usual = canonicalTag(meant);
  if (usual !== meant && isLanguageTag(tag) && canonicalTag(tag) === usual) {
    return `Did you mean \`${meant}\`, as \`languages\` in the config file spells it? Better, write \`${usual}\` there, the tag's usual spelling${written.trim() === usual ? ' (as here)' : ''}, and in each release: tags are the same whatever their case, but a release spells its \`lang\` as \`languages\` does.`;
  }
  const variant = isLanguageTag(tag) && canonicalTag(tag) !== canonicalTag(meant) && primaryLanguage(tag) === primaryLanguage(meant);
  const country = variant ? undefined : countryLanguage(written.trim(), languages);
  if (country?.language === meant) return `Did you mean \`${meant}\`? \`${written.trim()}\` is the code of a country, ${country.country}, not of a language.`;
  return variant ? `Did you mean \`${meant}\`? To publish ${canonicalTag(tag)} apart from it, add \`${canonicalTag(tag)}\` to \`languages\` in the config file instead.` : `Did you mean \`${meant}\`?`;
}

/**
 * The month a word names in any built-in language, by its first three
 * letters or more (`Dec`, `dekabr`, `декабря`, `сент`): undefined when it
 * names none, or could be more than one (`iyu`, June or July).
 */
export function monthOfName(word: string): number | undefined {
  // Azerbaijani İ lower-cases to i with a dot above, which no month name has.
  const lower = word.toLowerCase().replace(/i\u0307/g, 'i');
  if ([...lower].length < 3) return undefined;
  const months = new Set<number>();
  for (const locale of Object.values(BUILT_IN)) {
    locale.monthNames?.forEach((forms, i) => {
      if (forms.some((form) => form.startsWith(lower))) months.add(i + 1);
    });
  }
  return months.size === 1 ? [...months][0] : undefined;
}

const cache = new Map<string, Locale>();

/**
 * The locale of a language tag. A regional variant of a built-in language
 * (`en-GB`, `ru-KZ`) keeps the built-in wording but its own tag.
 */
export function localeFor(tag: string): Locale {
  const known = cache.get(tag);
  if (known) return known;
  const builtIn = BUILT_IN[tag];
  let locale: Locale;
  if (builtIn) locale = builtIn;
  else if (!isLanguageTag(tag)) locale = en;
  else {
    const primary = BUILT_IN[primaryLanguage(tag)];
    // A regional or script variant keeps its language's words, and its own script's direction and comma (`az-Arab` is written right to left, with `،`).
    locale = primary ? { ...FRESH, ...primary, tag, ogLocale: openGraphLocale(tag), direction: directionOfTag(tag), comma: commaOfTag(tag), colon: colonOfTag(tag) } : genericLocale(tag);
  }
  if (cache.size < 256) cache.set(tag, locale);
  return locale;
}

