import type { Token, Tokens } from 'marked';
import { localeFor, type Language } from './locale/index.js';
import type { BodyTokens } from './markdown.js';

/**
 * `typography: smart`: straight quotes become the language's quotation
 * marks (“…” and ‘…’ in English, «…» and „…“ in Russian, «…» and “…” in
 * Azerbaijani; double quotes opened inside double quotes take the inner
 * pair: "a "b" c" is «a „b“ c»), and an apostrophe inside a word, or after one
 * where no single quotation opened (Klaus' Buch, l'"Europe"), becomes ’;
 * after a number, a quote that closes no quotation is a prime (5′10″, a 12″
 * screen), while one that does closes it ("Room 12" is “Room 12”); after Chinese
 * or Japanese, which put no space before a quotation, a quote opens where
 * none is open and closes where one is (他说"你好" is 他说“你好”); between
 * Hebrew letters, a quote is the word's own gershayim or geresh (צה"ל is
 * צה״ל, ג'ירפה is ג׳ירפה), in a release of any language. In the body,
 * code spans, code blocks, raw HTML (and the text of a raw `<code>`, `<kbd>`
 * or `<samp>`) and link targets are never touched, nor
 * is the text of a link that shows its own URL; in the plain fields (title,
 * subtitle, summary) text in backticks and web addresses are left as typed.
 */

/**
 * A letter of Chinese or Japanese, or their punctuation (`，。：「」`): these
 * languages put no space before a quotation, so that after one of them a
 * quote opens where no quotation is open and closes where one is, and no
 * quote is an apostrophe.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFF65]/u;

/**
 * A Hebrew letter, or a point on one. Hebrew marks an acronym with a
 * gershayim between its last two letters (צה"ל, ארה"ב), and a loan sound, an
 * abbreviation or a number written in letters with a geresh after a letter
 * (ג'ירפה, גב', ה'), which people type as straight quotes: there, a quotation
 * mark would misspell the word.
 */
const HEBREW_LETTER = /(?=[\p{L}\p{M}])\p{Script=Hebrew}/u;

/** Hebrew's prefix letters, one to three of which a word can open with: ה"ארץ" is "the Haaretz", וב"ארץ" "and in the Haaretz". */
const HEBREW_PREFIX = /^[ובהכלמש]{1,3}$/u;

/**
 * Whether the `"` at `at`, between two Hebrew letters, opens a quotation
 * after a prefix (ה"ארץ") rather than marking an acronym (צה"ל, ש"ח): the
 * letters before it in its word are prefix letters, and the next `"` that is
 * no acronym's stands after the quoted word, where it closes. One that opens
 * (after a space, or another prefix) says the quote at `at` opened nothing.
 */
function opensAfterPrefix(text: string, at: number): boolean {
  if (!afterPrefix(text, at)) return false;
  for (let next = text.indexOf('"', at + 1); next !== -1; next = text.indexOf('"', next + 1)) {
    const before = text[next - 1]!;
    if (!HEBREW_LETTER.test(before) || !HEBREW_LETTER.test(text[next + 1] ?? '')) return !/\s/u.test(before);
    if (afterPrefix(text, next)) return false;
  }
  return false;
}

/** Whether the word before `at` is, up to there, one to three Hebrew prefix letters (the ה of ה"ארץ"). */
function afterPrefix(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && at - start <= 3 && HEBREW_LETTER.test(text[start - 1]!)) start--;
  return HEBREW_PREFIX.test(text.slice(start, at)) && (start === 0 || !HEBREW_LETTER.test(text[start - 1]!));
}

/** The inches after a feet mark (`10"` of `5'10"`, ` 2"` of `6' 2"`), read where the mark ends: no copy of the text after it. */
const FEET_AND_INCHES = / ?\p{Nd}+(?:[.,]\p{Nd}+)?"/uy;

/**
 * A converter for one text read in order: it remembers the character
 * before each piece, so a quote at the start of a piece opens or closes as
 * the text around it says.
 */
function quoteConverter(lang: Language) {
  const [open, close, innerOpen, innerClose] = localeFor(lang).quotes;
  // The language's own closing marks, which some languages share with another's opening ones (Russian and German close with “, German
  // with ‘ too): a quote right after one closes ("Он сказал "план"" is «Он сказал „план“», not «Он сказал „план“„).
  const closeMark = close.at(-1);
  const innerCloseMark = innerClose.at(-1);
  let previous = ' ';
  /** Double quotes open and not yet closed in this block: one opened inside another takes the inner marks (« „…“ »). */
  let depth = 0;
  /**
   * Whether a `'` in this block stood where a single quotation opens (an opening mark, or the apostrophe of a year cut short, which
   * may open one too: '24 hours in 2024'): until one does, a `'` after a number is a prime. Not a count of those still open: a `'`
   * that closes after a letter may be a plural's apostrophe ('The companies' results in 2024'), and a prime there would end the
   * quotation with a foot mark.
   */
  let singleOpened = false;
  /** Whether the piece before was an apostrophe after a letter that joins no letters (`l'` of `l'"Europe"`): a quote after it opens. */
  let elided = false;
  /** Whether a single quotation is open now, as far as its marks say: what decides a `'` after Chinese or Japanese. */
  let singleOpen = false;
  return {
    convert(text: string): string {
      let out = '';
      // The character before as written out, kept aside: reading it back from `out`, a string built by appending, copies all of
      // `out` each time (a paragraph of 200,000 characters took 30 s).
      let before = previous;
      /** Where the inch mark of a measurement in feet and inches (5'10") stands, once its feet mark is read. */
      let inchAt = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        let elidedNow = false;
        // A quote just turned into an opening mark opens the one after it too ("'old' ones").
        // After a space, an opening bracket, a dash, a slash or an opening quotation mark, a quote opens.
        const opening = /[\s([{\u2014\u2013\-/“‘«„‚]/u.test(before) && before !== closeMark && before !== innerCloseMark;
        let piece = c;
        const afterNumber = /\p{Nd}/u.test(before);
        const afterCjk = CJK.test(before);
        if (c === '"') {
          // Between two Hebrew letters, a gershayim, unless it opens a quotation after a prefix (ה"ארץ") where none is open.
          if (HEBREW_LETTER.test(before) && HEBREW_LETTER.test(text[i + 1] ?? '')) {
            if (depth === 0 && opensAfterPrefix(text, i)) {
              piece = open;
              depth = 1;
            }
            else piece = '\u05F4';
          }
          // Inches after a number (a 12" screen) while no quotation is open: one that is ("Room 12") closes here.
          else if (i === inchAt || (afterNumber && depth === 0)) piece = '″';
          // After Chinese or Japanese, which put no space before a quotation, one opens where none is open (他说"你好"。).
          else if (opening || (elided && /\p{L}/u.test(text[i + 1] ?? '')) || (afterCjk && depth === 0)) piece = depth++ > 0 ? innerOpen : open;
          else piece = depth > 0 && --depth > 0 ? innerClose : close;
        }
        else if (c === "'") {
          const after = text[i + 1] ?? '';
          FEET_AND_INCHES.lastIndex = i + 1;
          const inches = afterNumber ? FEET_AND_INCHES.exec(text) : null;
          // Feet and inches (5'10", 6' 2"): a prime, and a double prime after them, inside a quotation too.
          if (inches) {
            piece = '′';
            inchAt = i + inches[0].length;
          }
          else if (afterCjk) {
            piece = singleOpen ? innerClose : innerOpen;
            singleOpened = true;
            singleOpen = !singleOpen;
          }
          // After a Hebrew letter, a geresh where an apostrophe would be: between two letters (ג'ירפה), or after one where no
          // single quotation has opened (the number ה' of ביום ה'), since Hebrew writes no apostrophe.
          else if (HEBREW_LETTER.test(before) && (HEBREW_LETTER.test(after) || (!singleOpened && !/[\p{L}\p{N}]/u.test(after)))) piece = '\u05F3';
          else if (/[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) piece = '’';
          // After a letter where no single quotation has opened, it is an apostrophe too, not a closing mark, which French,
          // Russian and German write with another character (”, “, ‘): an elision before a quotation (l'"Europe", which then
          // opens) or a genitive (Klaus' Buch).
          else if (/\p{L}/u.test(before) && !singleOpened) {
            piece = '’';
            elidedNow = true;
          }
          // A year cut short ('90s, '26) starts with an apostrophe, not an opening quote.
          else if (opening && /^\d\d(?:s\b|(?!\d)\b)/u.test(text.slice(i + 1, i + 4))) {
            piece = '’';
            singleOpened = true;
          }
          // Feet after a number (a 6' fence) while no single quotation may be open: one that may ('Room 6') closes here.
          else if (afterNumber && !singleOpened) piece = '′';
          else if (opening) {
            piece = innerOpen;
            singleOpened = singleOpen = true;
          }
          else {
            piece = innerClose;
            singleOpen = false;
          }
        }
        out += piece;
        elided = elidedNow;
        if (piece !== '') before = piece[piece.length - 1]!;
      }
      if (out.length > 0) previous = before;
      return out;
    },
    /** Code, an address or raw HTML stands before the next piece, as a word would: a quote right after it closes. */
    afterKept(): void {
      previous = 'x';
      elided = false;
    },
    /** A line break stands before the next piece, as a space would: a quote right after it opens. */
    afterBreak(): void {
      previous = ' ';
      elided = false;
    },
    /** A new block (a paragraph, heading, list item or table cell): a quote at its start opens, and no quote is open. */
    startBlock(): void {
      previous = ' ';
      depth = 0;
      singleOpened = false;
      singleOpen = false;
      elided = false;
    },
  };
}

/** Backtick spans and web addresses in a plain field: kept exactly as typed. */
const KEEP_AS_TYPED = /`[^`\n]*`|\b(?:https?:\/\/|www\.)[^\s<>«»“”]+/giu;

/** A plain field (title, subtitle, summary) with the language's quotation marks; see above for what is left alone. */
export function smartQuotesText(text: string, lang: Language): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const converter = quoteConverter(lang);
  let out = '';
  let from = 0;
  for (const match of text.matchAll(KEEP_AS_TYPED)) {
    out += converter.convert(text.slice(from, match.index));
    out += match[0];
    converter.afterKept();
    from = match.index + match[0].length;
  }
  return out + converter.convert(text.slice(from));
}

/** The body's text with the language's quotation marks, changed in place. */
export function applySmartQuotes(body: BodyTokens, lang: Language): void {
  const marked = body as BodyTokens & { typography?: string };
  // The tokens are changed in place; a second pass over them would find no straight quote anyway.
  if (marked.typography === lang) return;
  marked.typography = lang;
  const converter = quoteConverter(lang);
  const convert = (text: string) => converter.convert(text);
  // Raw `<code>`, `<kbd>`, `<samp>` or `<pre>` open in the paragraph (`<code/>` too, as HTML reads it): their text is code, kept
  // as typed, as a code span's is.
  let inCode = 0;
  const startBlock = () => {
    converter.startBlock();
    inCode = 0;
  };
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      const t = token as Token & { tokens?: Token[]; items?: Token[]; text?: string; href?: string; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
      switch (token.type) {
        case 'code':
        case 'codespan':
          converter.afterKept();
          continue;
        case 'br':
          converter.afterBreak();
          continue;
        case 'html':
          // A tag inside a line stands for no character: a quote after `<i>` opens as it would after the space before it, one
          // after `</i>` closes; a `<br>` breaks the line, as a space would. A block of HTML is kept as a word would be.
          if ((token as Tokens.HTML).block) converter.afterKept();
          else if (/^<br\b/i.test(token.raw)) converter.afterBreak();
          else {
            const code = /^<(\/?)(?:code|kbd|samp|pre)(?=[\s/>])/i.exec(token.raw);
            if (code?.[1] === '/') {
              inCode = Math.max(0, inCode - 1);
              converter.afterKept();
            } else if (code) inCode++;
          }
          continue;
        case 'link':
          // An address written as itself (`https://…`, `www.…`, an e-mail address, or one in angle brackets): its text is kept as typed.
          if (t.text === t.href || token.raw === t.text || token.raw === `<${t.text}>`) {
            converter.afterKept();
            continue;
          }
          break;
        case 'text':
          if (inCode > 0) converter.afterKept();
          else if (!t.tokens && typeof t.text === 'string') t.text = convert(t.text);
          break;
        default:
          if (token.type === 'paragraph' || token.type === 'heading' || token.type === 'list_item' || token.type === 'table') startBlock();
      }
      if (t.tokens) visit(t.tokens);
      if (t.items && token.type !== 'footnotes') visit(t.items);
      // Each table cell starts afresh: a quote at its start opens.
      if (t.header) for (const cell of t.header) {
        startBlock();
        visit(cell.tokens);
      }
      if (t.rows) for (const row of t.rows) for (const cell of row) {
        startBlock();
        visit(cell.tokens);
      }
      const content = (t as { content?: Token[] }).content;
      if (content && token.type === 'footnote') visit(content);
    }
  };
  visit(body.tokens);
}
