/** What the tool needs to know about a language, wherever a language matters. */
export interface Locale {
  /** The BCP 47 tag, canonical form: `en`, `en-GB`, `az`. */
  tag: string;
  /** The language's own name for itself, for language switchers: `Azərbaycanca`. */
  name: string;
  /** Open Graph locale, language_TERRITORY: `az_AZ`. */
  ogLocale: string;
  /** The direction the language's script is written in, for `dir`: `rtl` for Arabic, Persian, Hebrew, Urdu … */
  direction: 'ltr' | 'rtl';
  /** A calendar day as the language writes it in running text: `24 July 2014`, `24 июля 2014 г.` */
  formatDay(year: number, month: number, day: number): string;
  /** Upper case as the language writes it (Azerbaijani and Turkish dotted İ), for datelines and release lines. */
  upper(text: string): string;
  /**
   * Words a cut-short headline or slug must not end on: conjunctions,
   * prepositions and articles, lower-case, as written in the language.
   */
  stopWords: ReadonlySet<string>;
  /** Typographic quotation marks: outer pair, then the pair for quotes inside quotes. */
  quotes: readonly [open: string, close: string, innerOpen: string, innerClose: string];
  /**
   * The names a person writes the months with, January first, each in the
   * forms a date takes (Russian: `декабря` in a date, `декабрь` alone), so
   * that a date written in words can be read back for a hint. Built-in
   * languages only.
   */
  monthNames?: readonly (readonly string[])[];
  /** The comma between a dateline's place and its date, with the space the language writes after it (none in Chinese and Japanese): `, `, `، `, `，`. */
  comma: string;
  /** The colon after a label (`Media contacts:`), with the space the language writes after it: `: `, Chinese and Japanese `：`. */
  colon: string;
}
