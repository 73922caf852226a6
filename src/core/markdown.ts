import { decodeHTML, decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import { Lexer, Marked, Tokenizer, type MarkedExtension, type MarkedOptions, type Token, type Tokens, type TokensList } from 'marked';
import markedFootnote from 'marked-footnote';
import sanitizeHtml from 'sanitize-html';
import type { Diagnostic } from './diagnostic.js';
import { LineStarts, positionAt } from './diagnostic.js';
import { MAX_PER_RULE } from './diagnostic-limit.js';
import { inDigitsOf, listedDateWords, type ListedDateWords } from './dates.js';
import { isLocalImage, type ImageFacts } from './images.js';
import { addressMeant, isImageUrl, isSafeUrl, SCHEME_WITHOUT_COLON, UNSAFE_CHARACTERS, WWW_WITHOUT_SCHEME } from './schema.js';
import { describeIsolateProblem, hasIsolate, isolatedInText, REFUSED_CHARACTERS, streamSafe, unbalancedIsolates } from './characters.js';
import { localeFor } from './locale/index.js';
import { displayWidth, escapeHtml, lineBreaksAsSpaces, quote, rejoined, wordCount, wrapText } from './text.js';
import { FRESH } from './objects.js';
import { linksIn, nestsPast } from './html-nesting.js';
import { blocksOutOfPhrasing, FLOW_ONLY_ELEMENTS } from './html-phrasing.js';
import { isEndMark } from './release-parts.js';
import { toAscii } from './locale/index.js';
import { closest } from './suggest.js';

/**
 * The release body: Markdown lexed once by marked, inspected for content
 * rules, and rendered to safe HTML and to plain text.
 */

/** Deepest nesting a body may have: quotes inside lists inside quotes, or emphasis inside links inside emphasis. */
export const MAX_NESTING = 32;
/**
 * Largest body, in characters, that is lexed at all: as many as the
 * default file size limit has bytes, whatever `limits.maxFileSize` says.
 */
export const MAX_BODY_LENGTH = 1024 * 1024;
/**
 * Longest run of ASCII characters in a stretch without white space. Several
 * of marked's patterns rescan such a run (`a_a_a_…`, `1_1_…`) from every
 * position in it, so its cost grows with the square of its length; no
 * sentence, address or link comes near. Those patterns look at ASCII letters,
 * digits and marks only, so the characters of other scripts in the stretch
 * are not counted: Chinese, Japanese and Thai, written without spaces, make
 * paragraphs of thousands of characters on one line, which marked reads in
 * one pass (measured: a megabyte of them in some 50 ms, while 32,000
 * characters of `a_` took a second and 128,000 twenty).
 */
export const MAX_WORD_LENGTH = 2048;
/**
 * Characters of the body counted once per quote or list level they lie at.
 * marked reads a nested line again at each level: a megabyte of text 31
 * quotes deep took 27 s, against 0.4 s flat. Real releases count a few
 * hundred thousand; a whole megabyte two levels deep still passes.
 */
export const MAX_NESTED_TEXT = 3_000_000;
/**
 * Characters of a block quote counted once per place above them in it where
 * a quoted line follows a lazy one (a line without `>` that goes on with the
 * quote's paragraph): marked reads the rest of the quote again at each. 200 KB
 * of `> - a` and `b` lines took 36 s; a quote a person writes counts its
 * length a few times.
 */
export const MAX_QUOTE_REREAD = 3_000_000;
/** Cells of one table (columns × rows): a press release's tables have some hundreds; a megabyte of body filled with cells makes at most some 500,000, each row as long as its cells. */
export const MAX_TABLE_CELLS = 200_000;
/**
 * Characters of a block (up to a blank line) counted once per line above them
 * in it that reads as a table's header over a line of `---` cells of another
 * number: marked takes each such pair for a table, reads every line after it
 * as the table's rows, then gives the table up. 8,000 pairs of `| a | b |`
 * and `|---|` took 3.7 s, 16,000 four times that; a release with a mistaken
 * table or two counts its length a few times.
 */
export const MAX_TABLE_REREAD = 3_000_000;
/**
 * Characters of a list item read again for each of its lines: marked copies
 * the item's text read so far for each lazy line of it (one not indented to
 * its content), and the paragraph's for each line of a paragraph in it. One
 * item of 48,000 short lines (96 KB) took 11 s, of 100,000 lines 50 s; an
 * item a person writes, a few paragraphs of some lines, counts some thousands.
 */
export const MAX_ITEM_REREAD = 500_000_000;
/**
 * Most footnote marks (`[^…`, references and definitions together) in one
 * body: the footnote extension looks through every earlier one for each,
 * so 40,000 took 46 s. A release needs a handful.
 */
export const MAX_FOOTNOTE_MARKS = 2_000;
/**
 * How many closing-delimiter candidates marked may try, in the whole body,
 * while matching emphasis (`*`, `_`) and strike-through (`~`). An opener that
 * finds no closer tries every candidate after it, which is quadratic in a
 * text made of unmatched delimiters; ordinary emphasis closes within a few.
 */
export const MAX_DELIMITER_SCANS = 2_000_000;
/**
 * How many characters, per character of the body, those tries may scan in
 * all. One try can run to the end of a paragraph (an intraword `_` is never
 * a closer), so counting tries alone would let a body of such markers take
 * time that grows with the square of its length.
 */
export const MAX_DELIMITER_WORK_PER_CHARACTER = 16;
/**
 * Deepest nesting of elements in a body's raw HTML, where `html: safe` keeps
 * it: tags left open count until a tag closes them. The HTML parsers of the
 * sanitizer and of the image search go through their open elements at each
 * tag: a block of 160,000 unclosed `<b>` took 15 s to check, and 40,000
 * unclosed links and as many end tags that close nothing 5 s to build.
 */
export const MAX_HTML_NESTING = 256;

/**
 * A Markdown reader with GFM footnotes. marked-footnote keeps its state (the
 * footnote list, the numbering) in the extension object and shares it with
 * every token it made, so each body gets its own instance: one body's
 * footnotes can never be renumbered or emptied by the next one read.
 */
function footnoteMarked(): Marked {
  const extension = markedFootnote({ prefixId: 'fn-' });
  for (const ext of extension.extensions ?? []) {
    if (ext.name === 'footnote' && 'tokenizer' in ext && ext.tokenizer) ext.tokenizer = withLazyLines(ext.tokenizer);
    if (ext.name === 'footnoteRef' && 'tokenizer' in ext && ext.tokenizer) ext.tokenizer = outsideLinks(ext.tokenizer);
  }
  return new Marked({ gfm: true, breaks: false, async: false }).use(extension);
}

type BlockTokenizer = NonNullable<Extract<NonNullable<MarkedExtension['extensions']>[number], { tokenizer?: unknown }>['tokenizer']>;

/**
 * A line that starts a block of its own, which ends a paragraph rather than going on with it (CommonMark's interruptions), or a
 * note's or link's definition, which a body lists at its end one line after another.
 */
const STARTS_BLOCK = /^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>|#{1,6}(?:[ \t]|$)|```|~~~|<[a-zA-Z/!?]|\[[^\]\n]+\]:|(?:[-*_][ \t]*){3,}$)/;

/**
 * marked-footnote's citations, but none in a link's text or an image's
 * description: a citation is a link of its own, which a link may not hold
 * (the page had one `<a>` inside another), and a picture's alternative text
 * can hold no link at all (its note was listed, numbered, with a way back to
 * a citation the page did not have). There the `[^1]` is text, and
 * `content/footnote` says so.
 */
function outsideLinks(tokenizer: BlockTokenizer): BlockTokenizer {
  return function (this: ThisParameterType<BlockTokenizer>, src: string, tokens: Token[] | TokensList) {
    return this.lexer.state.inLink ? undefined : tokenizer.call(this, src, tokens);
  };
}

/**
 * marked-footnote's reading of a note, given the lines that go on with its
 * paragraphs as GitHub reads them: a line right below a line of a paragraph
 * of the note, indented by fewer than four spaces or not at all (GitHub's own
 * example indents it by two; Pandoc's, under a later paragraph, not at all),
 * is more of that paragraph's text, as in any paragraph, where the extension
 * would end the note and leave the line to the body (and a note after it
 * with it). Such lines are given to it indented by four, as it wants them;
 * the text it read is the same lines as written.
 */
/** The start of a footnote's definition, as marked-footnote reads one: `[^label]:`. */
const FOOTNOTE_DEFINITION = /^\[\^[^\]\n]+\]:/;

function withLazyLines(tokenizer: BlockTokenizer): BlockTokenizer {
  return function (this: ThisParameterType<BlockTokenizer>, src: string, tokens: Token[] | TokensList) {
    // Only a note's definition (`[^1]: …`) has lines of its own: a block that opens with a citation (`[^1] says …`) is none, and
    // its lines are left unread (below an indented code block, each such paragraph would read to the end of the body).
    const first = FOOTNOTE_DEFINITION.test(src) ? src.indexOf('\n') : -1;
    if (first === -1) return tokenizer.call(this, src, tokens);
    // Only the note's own lines are looked at and given (a body may hold thousands of notes, each read from where it starts).
    const lineAt = (from: number) => {
      const end = src.indexOf('\n', from);
      return end === -1 ? { line: src.slice(from), next: src.length + 1 } : { line: src.slice(from, end), next: end + 1 };
    };
    // The note's lines as the extension takes them, blank ones and those indented by four, with the lazy ones among them
    // indented; `inParagraph` says whether the line before was text a lazy line goes on with (the note's first, or a
    // paragraph's, an item's or a quote's inside it), not a code block, a fence's line, a heading or a break.
    const given: string[] = [];
    let lazy = false;
    let inParagraph = true;
    let fence: string | undefined;
    let pos = first + 1;
    while (pos < src.length) {
      const { line, next } = lineAt(pos);
      if (line.trim() === '') inParagraph = false;
      else if (/^ {4}/.test(line)) {
        const inner = line.slice(4);
        const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(inner)?.[1];
        if (fence !== undefined) {
          if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(inner)) fence = undefined;
        } else if (fenceMark !== undefined) {
          fence = fenceMark;
          inParagraph = false;
        } else if (!inParagraph || STARTS_BLOCK.test(inner)) {
          // A new block of the note: text, an item's or a quote's with text, may go on lazily; a heading, a break, HTML, a table or code may not.
          inParagraph = !/^ {4}/.test(inner) && !/^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|<|\||\[[^\]\n]+\]:)/.test(inner) && /^ {0,3}(?:[-+*]|\d{1,9}[.)]|>)?[ \t]*\S/.test(inner);
        }
      } else if (inParagraph && fence === undefined && !STARTS_BLOCK.test(line)) {
        given.push(`    ${line.trimStart()}`);
        lazy = true;
        pos = next;
        continue;
      } else break;
      given.push(line);
      pos = next;
    }
    if (!lazy) return tokenizer.call(this, src, tokens);
    const token = tokenizer.call(this, `${src.slice(0, first + 1)}${given.join('\n')}${pos < src.length ? '\n' : ''}`, tokens);
    if (!token) return token;
    // The same lines of the text as written, and its line break after them if it took one.
    const ended = token.raw.endsWith('\n');
    let count = token.raw.split('\n').length - (ended ? 1 : 0);
    let end = 0;
    while (count-- > 0) end = lineAt(end).next;
    token.raw = src.slice(0, Math.min(end, src.length + 1) - (ended ? 0 : 1));
    return token;
  };
}

/**
 * The reader for a body with no `[^` in it, which can hold neither a
 * footnote nor a reference to one: the footnote extension would match
 * nothing there, so the tokens are the same, without setting up an
 * extension for every body. It keeps no state between bodies.
 */
const plainMarked = new Marked({ gfm: true, breaks: false, async: false });



export interface BodyTokens {
  /** Heading levels are already shifted so that the body's top level is h2: the title is the page's h1. */
  tokens: Token[];
}

export type LexResult = { ok: true; body: BodyTokens } | { ok: false; message: string; line: number; hint: string };

const FLATTEN = 'Flatten the nesting or split the text.';
const UNMATCHED = 'Escape emphasis markers that do not emphasise anything with a backslash (\\*), or split the text.';
const SPACELESS = 'Break the run up with spaces or line breaks; pasted data does not belong in a release.';

/** Thrown from inside marked to stop it; `source` is the text it was lexing, to find the line. */
class TooComplex extends Error {
  constructor(message: string, readonly source: string, readonly hint = FLATTEN) {
    super(message);
  }
}

/**
 * CJK symbols and punctuation, and the full-width forms (`，。、「」（）：`),
 * which end a bare address; not the iteration and number marks (々 〆 〇 〻,
 * the kana repeat marks) nor full-width letters and digits, which are part of
 * words and may be part of an address's path.
 */
const CJK_PUNCTUATION = /(?![\u3005-\u3007\u3021-\u3029\u3031-\u3035\u303B\u303C\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A])[\u3000-\u303F\uFF00-\uFF65]/;

/**
 * Where a bare address ends before the text goes on: CJK punctuation, and the
 * quotation marks other than `"` and `'` (which marked drops from an
 * address's end itself), as an address quoted in Russian, Azerbaijani or
 * French guillemets or a word processor's curly quotes is written
 * (`«https://example.az/guide»`, `“https://example.az/guide”`): no address
 * holds them unencoded. A single curly quote ends one only where no letter
 * or digit follows, since `’` may stand for an apostrophe in a path.
 */
const ADDRESS_END = new RegExp(String.raw`${CJK_PUNCTUATION.source}|[«»“”„‟‹›]|[‘’](?![\p{L}\p{N}])`, 'u');

/**
 * Text that ends in a Latin letter beyond ASCII (`ə`, `é`, `ş`), or one
 * written with a combining mark: a word the ASCII letters after it go on.
 */
const LATIN_WORD_END = /\p{Script=Latin}\p{M}*$/u;

/** What marked reads as a bare e-mail address (its `url` rule's last part), where `lastIndex` is set: sticky, so that no copy of the rest is made. */
const BARE_EMAIL = /[A-Za-z0-9._+-]+@[a-zA-Z0-9-_]+(?:\.[a-zA-Z0-9-_]*[a-zA-Z0-9])+(?![\w-])/y;

/** The C1 control characters, which a numeric character reference from 128 to 159 names in Windows-1252 (see `GuardedTokenizer.inlineText`). */
const C1_CONTROL = /[\u0080-\u009f]/;
const C1_CONTROLS = /[\u0080-\u009f]/g;

/** A letter of Chinese or Japanese, which is written without spaces between words. */
const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_LETTER_SOURCE = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]`;

/**
 * marked's pattern for `*` runs that may close emphasis, read as Chinese and
 * Japanese are written: a run after punctuation and before one of their
 * letters (`**“重要”**的`, `**「重要」**な`) may close it, as one before a
 * space may, instead of only opening it (CommonMark reads both sides by
 * spaces, which these languages do not put between words, so the page
 * showed the asterisks and emphasised the wrong words). The two
 * alternatives are changed in place; a marked whose pattern reads otherwise
 * is left as it is.
 */
function cjkClosers(pattern: RegExp): RegExp {
  let changed = cjkPatterns.get(pattern);
  if (changed === undefined) {
    changed = cjkClosersOf(pattern);
    cjkPatterns.set(pattern, changed);
  }
  return changed;
}

/** marked's patterns with `cjkClosers`'s change, made once each: a pattern of Unicode classes costs V8 a compile per new copy. */
const cjkPatterns = new WeakMap<RegExp, RegExp>();

function cjkClosersOf(pattern: RegExp): RegExp {
  const openOnly = String.raw`(?!\*)(?!~)[\s\p{P}\p{S}](\*+)(?=(?:[^\s\p{P}\p{S}]|~))`;
  const both = String.raw`(?!\*)(?!~)[\p{P}\p{S}](\*+)(?!\*)(?=(?!~)[\p{P}\p{S}])`;
  if (!pattern.source.includes(openOnly) || !pattern.source.includes(both)) return pattern;
  const source = pattern.source
    .replace(openOnly, String.raw`(?!\*)(?!~)(?:[\s]|[\p{P}\p{S}](?!\*+${CJK_LETTER_SOURCE}))(\*+)(?=(?:[^\s\p{P}\p{S}]|~))`)
    .replace(both, String.raw`(?!\*)(?!~)[\p{P}\p{S}](\*+)(?!\*)(?=(?!~)[\p{P}\p{S}]|${CJK_LETTER_SOURCE})`);
  return new RegExp(source, pattern.flags);
}

/**
 * marked's tokenizer with this tool's readings: raw HTML never switches
 * marked to passing text through, a bare address stops at CJK punctuation,
 * and a `*` run after a Chinese or Japanese letter may open emphasis. One
 * class, not closures set on each tokenizer: marked calls these at every
 * position of a body, and V8 compiles and inlines a method of one class
 * once, where a fresh closure per body kept each thread's first thousand
 * bodies slow (a third of the lexing time of a build).
 */
class GuardedTokenizer extends Tokenizer {
  // After a raw <script>, <style> or <pre> tag marked passes the text that follows through unescaped,
  // trusting the tag to be rendered as markup. Ours is escaped, so that text must be too.
  override tag(src: string): Tokens.Tag | undefined {
    const token = super.tag(src);
    this.lexer.state.inRawBlock = false;
    if (token) token.inRawBlock = false;
    return token;
  }

  // A bare address ends where CJK punctuation starts (`访问https://example.az/guide，或…`): it is no part of an address, and Chinese
  // and Japanese put no space before it; so does one a closing quotation mark follows (`«https://example.az/guide»`). The address is read again up to there, so that marked drops a trailing stop as it does elsewhere.
  override url(src: string): Tokens.Link | undefined {
    const token = super.url(src);
    const end = token ? token.raw.search(ADDRESS_END) : -1;
    return end > 0 ? super.url(src.slice(0, end)) : token;
  }

  // marked decodes a numeric character reference to its code point, where HTML reads 128–159 as Windows-1252: `&#146;` is ’,
  // not the invisible control U+0092 (old pages and imported posts are full of them). Read as the pages and `unsafeReferences` read it;
  // a control character written as itself is an error of its own (`content/control-character`), and is never built.
  override inlineText(src: string): Tokens.Text | undefined {
    const token = super.inlineText(src);
    // marked stops a text before the ASCII letters of a bare e-mail address wherever they start, so an address whose name has a
    // letter beyond ASCII (`nərmin.əliyeva@example.az`, `café-info@example.fr`) was linked from the letters after it, to
    // another mailbox (`mailto:liyeva@example.az`): those letters and the rest of the address stay text with the word they go on.
    // The address is looked for first: anchored where the text ends, it fails at once nearly always, where the word's end is a
    // Unicode expression run over the whole text of every token.
    if (token && !token.escaped) {
      BARE_EMAIL.lastIndex = token.raw.length;
      const glued = BARE_EMAIL.exec(src);
      if (glued && LATIN_WORD_END.test(token.raw)) {
        token.raw += glued[0];
        token.text += glued[0];
      }
    }
    if (token && !token.escaped && token.raw.includes('&#') && C1_CONTROL.test(token.text)) token.text = token.text.replace(C1_CONTROLS, (c) => decodeHTML(`&#${c.charCodeAt(0)};`));
    return token;
  }

  // A `*` run after a Chinese or Japanese letter may open emphasis before punctuation (`是**“重要”**的`), as one after a space may:
  // these languages put no space before it (see `cjkClosers` for the run that closes it).
  override emStrong(src: string, maskedSrc: string, prevChar = ''): Tokens.Em | Tokens.Strong | undefined {
    return super.emStrong(src, maskedSrc, src.startsWith('*') && CJK_LETTER.test(prevChar) ? '' : prevChar);
  }
}

/** marked's inline patterns with the closing-delimiter patterns `counted` and read as `cjkClosers` reads them, made once per marked pattern set. */
type InlineRules = Tokenizer['rules']['inline'];
const guardedInlineRules = new WeakMap<InlineRules, InlineRules>();

function guardedInline(inline: InlineRules): InlineRules {
  let guarded = guardedInlineRules.get(inline);
  if (guarded === undefined) {
    guarded = {
      ...FRESH, ...inline,
      emStrongRDelimAst: counted(cjkClosers(inline.emStrongRDelimAst)),
      emStrongRDelimUnd: counted(inline.emStrongRDelimUnd),
      delRDelim: counted(inline.delRDelim),
    };
    guardedInlineRules.set(inline, guarded);
  }
  return guarded;
}

/**
 * A lexer that counts how deep marked recurses and how many closing
 * delimiters it tries. Emphasis, links and quotes are lexed by re-lexing
 * their content, so each level costs a pass over the text: stopping at the
 * limits keeps a hostile body from taking quadratic time or exhausting the stack.
 * One lexer reads one body.
 */
class GuardedLexer extends Lexer {
  private blockDepth = 0;
  /** The inline texts being lexed, innermost last: where a problem is placed. */
  private readonly inlineSources: string[] = [];
  private readonly work: DelimiterWork;

  constructor(marked: Marked, sourceLength: number) {
    // A fresh options object and tokenizer: marked stores the tokenizer on the options it is given, and the tokenizer its lexer.
    const options: MarkedOptions = { ...marked.defaults };
    const tokenizer = new GuardedTokenizer(options);
    options.tokenizer = tokenizer;
    super(options);
    const rules = tokenizer.rules;
    tokenizer.rules = { ...FRESH, ...rules, inline: guardedInline(rules.inline) };
    // marked finds closing delimiters by calling these patterns' exec once per candidate. One call may
    // scan far without finding one (intraword `_` is never a closer), so the characters scanned count too.
    this.work = { scans: 0, scanned: 0, limit: MAX_DELIMITER_WORK_PER_CHARACTER * sourceLength + MAX_DELIMITER_SCANS, inlineSources: this.inlineSources };
  }

  private tooDeep(src: string): TooComplex {
    return new TooComplex(`The body nests quotes, lists, emphasis or links more than ${MAX_NESTING} levels deep.`, src);
  }

  override lex(src: string): TokensList {
    const outer = delimiterWork;
    delimiterWork = this.work;
    try {
      return super.lex(src);
    } finally {
      delimiterWork = outer;
    }
  }

  override blockTokens(src: string, tokens?: Token[], lastParagraphClipped?: boolean): Token[];
  override blockTokens(src: string, tokens?: TokensList, lastParagraphClipped?: boolean): TokensList;
  override blockTokens(src: string, tokens?: Token[], lastParagraphClipped?: boolean): Token[] {
    if (++this.blockDepth > MAX_NESTING + 1) throw this.tooDeep(src);
    try {
      return super.blockTokens(src, tokens, lastParagraphClipped);
    } finally {
      this.blockDepth--;
    }
  }

  override inlineTokens(src: string, tokens?: Token[]): Token[] {
    if (this.inlineSources.length > MAX_NESTING) throw this.tooDeep(src);
    this.inlineSources.push(src);
    try {
      return super.inlineTokens(src, tokens);
    } finally {
      this.inlineSources.pop();
    }
  }
}

/** What the lexer running now has spent on finding closing delimiters (see `counted`). */
interface DelimiterWork {
  scans: number;
  scanned: number;
  readonly limit: number;
  /** The inline texts being lexed, innermost last: where a problem is placed. */
  readonly inlineSources: readonly string[];
}

let delimiterWork: DelimiterWork | undefined;

/** `counted`'s copies of marked's patterns, made once each, so that V8 compiles each once. */
const countedPatterns = new WeakMap<RegExp, RegExp>();

/**
 * A copy of one of marked's closing-delimiter patterns whose every exec is
 * counted against the work of the lexer running now (`delimiterWork`), which
 * is stopped past its limits. Lexing is synchronous, so one copy serves
 * every lexer; a copy's `lastIndex` is set by marked before each exec.
 */
function counted(pattern: RegExp): RegExp {
  const known = countedPatterns.get(pattern);
  if (known) return known;
  const copy = new RegExp(pattern.source, pattern.flags);
  const exec = copy.exec.bind(copy);
  copy.exec = (text: string) => {
    const work = delimiterWork;
    if (work && (++work.scans > MAX_DELIMITER_SCANS || work.scanned > work.limit)) {
      throw new TooComplex('The body has too many unmatched emphasis markers (`*`, `_` or `~`) to be read in reasonable time.', work.inlineSources.at(-1) ?? '', UNMATCHED);
    }
    const from = copy.lastIndex;
    const found = exec(text);
    if (work) work.scanned += (found ? copy.lastIndex : text.length) - from;
    return found;
  };
  countedPatterns.set(pattern, copy);
  return copy;
}

/**
 * Lexes a body, refusing input whose size or nesting could exhaust the
 * parser's time or stack. `withFootnotes` reads it with the footnote
 * extension even when it has no `[^` (to compare the two readers).
 */
export function lexBody(body: string, withFootnotes = body.includes('[^')): LexResult {
  if (body.length > MAX_BODY_LENGTH) return { ok: false, message: `The body is ${body.length} characters long, over the limit of ${MAX_BODY_LENGTH}.`, line: 1, hint: 'Split the release, or move long annexes to a linked document.' };
  const excess = findExcess(body);
  if (excess) return { ok: false, ...excess };
  let tokens: Token[];
  try {
    const marked = withFootnotes ? footnoteMarked() : plainMarked;
    tokens = new GuardedLexer(marked, body.length).lex(body);
    // The footnote extension moves the notes to the end of the body in its token walk, which `lex` alone does not run.
    const walk = marked.defaults.walkTokens;
    if (walk) marked.walkTokens(tokens, walk);
    // A body without footnotes still gets the extension's empty list as its first token.
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i] as Token & { items?: unknown[] };
      if (t.type === 'footnotes' && (t.items?.length ?? 0) === 0) tokens.splice(i, 1);
    }
    // marked adds a lone line break to the token before it; with the extension's list first, a body's opening one went there: so here too.
    if (!withFootnotes && tokens[0]?.type === 'space' && tokens[0].raw.length === 1) tokens.shift();
  } catch (cause) {
    if (cause instanceof TooComplex) {
      const found = body.indexOf(cause.source.slice(0, 200));
      return { ok: false, message: cause.message, line: found === -1 ? 1 : positionAt(body, found).line, hint: cause.hint };
    }
    if (cause instanceof RangeError) return { ok: false, message: 'The body is nested too deeply to be read.', line: 1, hint: FLATTEN };
    throw cause;
  }
  normaliseHeadings(tokens);
  return { ok: true, body: { tokens } };
}

/**
 * A heading's id written after its text, as Pandoc, kramdown and Hugo read it (`## Visa rules {#visa-rules}`), from its
 * `{#` to the end: Latin letters, digits, `-` and `_` after a letter, which any HTML checker takes.
 */
const HEADING_ID = /^\{#([A-Za-z][\w-]*)\}[ \t\n]*$/;

/** Whether `name` is an id as `HEADING_ID` reads one, for import to tell an id a release reads from one it shows as text. */
export function isHeadingIdName(name: string): boolean {
  return HEADING_ID.test(`{#${name}}`);
}
/** Whether `name` is an id the default pages give an element of their own (`main`, a footnote's `fn-1`): no heading may take it. */
export function isPageOwnId(name: string): boolean {
  return TAKEN_IDS.test(name);
}
/** What was meant for one (`{#fees.2027}`, `{#ü}`), from its `{#` to the end. */
const MEANT_HEADING_ID = /^\{#[^{}\s]+\}[ \t\n]*$/;

/**
 * Ids the default pages give elements of their own (the skip link's target, the contacts' and the
 * about section's headings) and the footnotes' marks and notes: a heading that took one would
 * make two elements of one id.
 */
const TAKEN_IDS = /^(?:main|about-heading|contacts-heading|fn-\d+|fn-ref-\d+(?:-\d+)?)$/;

/** A heading with the id written after it (`HEADING_ID`), or why the id it was written with is not its. */
type HeadingWithId = Tokens.Heading & { id?: string; refusedId?: { id: string; reason: 'again' | 'taken' | 'form' } };

/**
 * Takes each heading's id written after its text (`HEADING_ID`) out of its
 * text, as its `id`: the page gives the heading that id, so that a link to
 * `#visa-rules` leads to it; no output shows the braces. An id the body's
 * headings already have, or one the page gives an element of its own
 * (`TAKEN_IDS`), is not given, and braces meant as one that are none
 * (`{#fees.2027}`) stay text (`refusedId`, which the check reports). Only
 * the body's own headings, in the page's order: not one in a footnote, nor
 * one with no text besides, which the page does not show. Linear: the id
 * is looked for from the text's last `{#` only, which it cannot contain.
 */
function takeHeadingIds(headings: readonly HeadingWithId[]): void {
  let given: Set<string> | undefined;
  for (const heading of headings) {
    const last = heading.tokens.at(-1);
    if (last?.type !== 'text') continue;
    const at = last.text.lastIndexOf('{#');
    if (at === -1) continue;
    const written = last.text.slice(at);
    // As written: braces made of entities (`&#123;#x}`) are text.
    if (!last.raw.trimEnd().endsWith(written.trimEnd())) continue;
    let end = at;
    while (end > 0 && /[ \t\n]/.test(last.text[end - 1]!)) end--;
    let kept = last.text.slice(0, end);
    if (!heading.tokens.slice(0, -1).some(showsText) && kept.trim() === '') continue;
    const id = HEADING_ID.exec(written)?.[1];
    if (id === undefined) {
      if (MEANT_HEADING_ID.test(written)) heading.refusedId = { id: written.trim().slice(2, -1), reason: 'form' };
      continue;
    }
    // An ATX heading may close with its `#`s before the id, as Pandoc writes it (`## Visa rules ## {#visa-rules}`): no text either.
    let raw = last.raw.slice(0, last.raw.lastIndexOf('{#')).trimEnd();
    let text = heading.text.slice(0, heading.text.lastIndexOf('{#')).trimEnd();
    const closing = /^ {0,3}#/.test(heading.raw) ? /(?:^|[ \t])#+$/.exec(kept) : null;
    if (closing && /(?:^|[ \t])#+$/.test(raw) && (closing.index > 0 || heading.tokens.slice(0, -1).some(showsText))) {
      kept = kept.slice(0, closing.index).trimEnd();
      raw = raw.replace(/#+$/, '').trimEnd();
      text = text.replace(/#+$/, '').trimEnd();
    }
    last.text = kept;
    last.raw = raw;
    if (kept === '') heading.tokens.pop();
    heading.text = text;
    given ??= new Set();
    if (given.has(id) || TAKEN_IDS.test(id)) heading.refusedId = { id, reason: given.has(id) ? 'again' : 'taken' };
    else {
      heading.id = id;
      given.add(id);
    }
  }
}

/** Whether an inline token shows something on the page: not white space, nor an HTML comment. */
function showsText(token: Token): boolean {
  if (token.type === 'html') return !token.raw.trimStart().startsWith('<!--');
  return token.type !== 'text' || (token as Tokens.Text).text.trim() !== '';
}

/**
 * Heading levels for a page whose only h1 is the title: the body's top level
 * becomes h2, and no heading is more than one level below the one before it
 * (`#` then `###` gives h2 then h3), so the outline a screen reader reads has
 * no gaps, whatever levels the author typed; nor is a heading ever put below
 * one the author typed at a deeper level (`####` then `##` gives h2 twice,
 * not h2 then h3): each is one level below the nearest heading before it
 * that the author typed at a higher level, or h2 where there is none.
 */
function normaliseHeadings(tokens: Token[]): void {
  const headings: Tokens.Heading[] = [];
  walk(tokens, (t) => {
    if (t.type === 'heading') headings.push(t as Tokens.Heading);
  });
  if (headings.length === 0) return;
  if (headings.some((h) => h.text.includes('{#'))) {
    const own: Tokens.Heading[] = [];
    // A note's definition (`footnote`) and the notes as the page lists them (`footnotes`) hold the same headings.
    walk(tokens.filter((t) => t.type !== 'footnote' && t.type !== 'footnotes'), (t) => {
      if (t.type === 'heading') own.push(t as Tokens.Heading);
    });
    takeHeadingIds(own);
  }
  // The headings above the current one, as typed and as given: the outline so far.
  // A heading with no text is not rendered (see `isEmptyHeading`), so it sets no level for the others.
  const open: { typed: number; given: number }[] = [];
  for (const heading of headings) {
    if (isEmptyHeading(heading)) continue;
    while (open.length > 0 && open[open.length - 1]!.typed >= heading.depth) open.pop();
    const typed = heading.depth;
    heading.depth = Math.min(6, (open.length > 0 ? open[open.length - 1]!.given : 1) + 1);
    open.push({ typed, given: heading.depth });
  }
}

/**
 * A heading with no text: a line of `#` marks alone (`##`, `### ###`). No
 * output shows one: the plain text has nothing to underline, and the page
 * leaves out the element, which a screen reader would announce as an empty
 * heading (`content/empty-heading` says where it is).
 */
export function isEmptyHeading(heading: Tokens.Heading): boolean {
  return heading.text.trim() === '';
}

/** The code of `text`'s character at `k`, or -1 from `end` on (the end of a line). */
function codeIn(text: string, k: number, end: number): number {
  return k < end ? text.charCodeAt(k) : -1;
}

/** A space or a tab: what must follow a list marker. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isWhiteSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * A cheap scan, before marked sees the body, for what would make it slow or
 * recurse too deep: block quotes and lists nested by their markers and
 * indentation, runs of opening brackets, and over-long runs without white
 * space. It also finds the line to point at.
 */
export function findExcess(body: string): { message: string; line: number; hint: string } | undefined {
  let line = 0;
  // The table being read: its columns (0: none) and rows so far. marked gives every row a cell for each column,
  // however short the row, so a wide header over many one-word lines costs columns × rows cells.
  let tableColumns = 0;
  let tableRows = 0;
  // The quote and list level of the line before, and the characters read so far counted once per level they lie at.
  let nested = 0;
  let nestedText = 0;
  // In the block quote being read (it ends at a blank line): the places where its quoted lines start again after a lazy
  // one, and its characters counted once per such place above them.
  let quoteStarts = 0;
  let lastQuoted = false;
  let quoteReread = 0;
  // In the block being read (it ends at a blank line): the lines that read as a table's header over a line of `---` cells of
  // another number (the first of them), the block's characters counted once per such line above them, and the line before.
  let failedTables = 0;
  let failedTableLine = 0;
  let tableReread = 0;
  let previousStart = -1;
  let previousEnd = -1;
  // In the list item being read (-1: none): its characters so far, those of its paragraph being read (since a blank line),
  // whether the line before was blank, and the characters copied again for its lines, as `MAX_ITEM_REREAD` counts them.
  let itemText = -1;
  let itemQuotes = 0;
  // The column (after its quote marks) where its content starts, its innermost marker's (`- 1. a`), and whether the line
  // before was a line of indented code in it, which is read in one piece, not a line at a time.
  let itemContent = 0;
  let inCode = false;
  let paragraphText = 0;
  let afterBlank = false;
  let itemReread = 0;
  for (let start = 0; start <= body.length; line++) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const blank = isBlankLine(body, start, end);
    const delimiter = blank ? 0 : delimiterColumns(body, start, end);
    // marked reads a list item's or a quote's paragraphs by themselves: a line opening an item, or a quote's line of `>` alone, ends
    // the block as a blank line does. A line of cells needs no pipe when it has a colon (`:-:`), which a thematic break has not.
    const quoteBlank = !blank && isQuoteBlank(body, start, end);
    const opensItem = !blank && !quoteBlank && opensListItem(body, start, end);
    // A line of one or two dashes alone (`-`, `--`: no thematic break) under a line of text is read as a table's delimiter row too, one
    // with neither a pipe nor a colon, which makes no table however many cells its header has: a `-` alone opens no item there.
    const dashes = previousStart >= 0 && !blank && !quoteBlank && isDashesRow(body, start, end);
    // A marker indented four columns or more (`\t- a`) under a line of text opens no item: it goes on the paragraph, as its text.
    const item = opensItem && !dashes && !(previousStart >= 0 && indentColumns(body, start, end) >= 4);
    if (blank || quoteBlank || item) failedTables = 0;
    if (!blank && !quoteBlank) {
      const cells = item || previousStart < 0 ? 0 : delimiter || delimiterColumns(body, start, end, true);
      // A header of another number of cells makes no table, nor does one indented as code (four columns, or a tab: `\t- a`
      // over `|---|`, `      x` over `:-:`), which goes on the paragraph above it: marked reads the block's rest as rows all the same.
      const failed = dashes || (cells > 0 && (indentColumns(body, previousStart, previousEnd) >= 4 || rowCells(body.slice(previousStart, previousEnd).replace(/^[ \t>]*/, '')) !== cells));
      if (failed && failedTables++ === 0) failedTableLine = line;
      if (failedTables > 0) tableReread += failedTables * (end - start + 1);
      if (tableReread > MAX_TABLE_REREAD) {
        return { message: `The body has so many lines written as a table's header over a line of \`---\` cells of another number (or indented as code), with no blank line between them, that it would take too long to read (${MAX_TABLE_REREAD.toLocaleString('en')} characters counted once per such line above them, by line ${line + 1}).`, line: failedTableLine, hint: 'Give each table a line of one `---` for each cell of its header, and a blank line before and after it.' };
      }
    }
    previousStart = blank || quoteBlank ? -1 : start;
    previousEnd = end;
    const length = end - start + 1;
    // The line's quote marks (each with the space after it), after which its text is read as the quote's.
    let text = start;
    let quotes = 0;
    for (let k = start; k < end && k - text < 4; k++) {
      const c = body.charCodeAt(k);
      if (c === 62 /* > */) {
        quotes++;
        text = codeIn(body, k + 1, end) === 32 ? k + 2 : k + 1;
        k = text - 1;
      } else if (c !== 32) break;
    }
    if (opensItem) {
      itemText = length;
      itemQuotes = quotes;
      itemContent = contentColumn(body, text, end);
      inCode = false;
      paragraphText = length;
    } else if (blank || quoteBlank) {
      if (itemText >= 0) itemText += length;
      paragraphText = 0;
    } else if (itemText >= 0) {
      const column = indentColumns(body, text, end);
      // A line less indented than the item's content is a lazy line of it (as is one out of its quote). One indented less than two
      // columns, which no item's content is, after a blank line ends the list, as a quote, a heading or a fence there does.
      const lazy = quotes < itemQuotes || column < itemContent;
      // Indented code in the item (four columns past its content, after a blank line or code) is read in one piece.
      inCode = !lazy && column >= itemContent + 4 && (afterBlank || inCode);
      if ((quotes < itemQuotes || column < 2) && (afterBlank || quotes > itemQuotes || /^(?:#{1,6}(?:[ \t]|$)|`{3}|~{3})/.test(body.slice(text, Math.min(end, text + 8))))) itemText = -1;
      else if (inCode) itemText += length;
      else {
        itemReread += paragraphText + (lazy ? itemText : 0);
        itemText += length;
        paragraphText += length;
        if (itemReread > MAX_ITEM_REREAD) {
          return { message: `The body has a list item of so many lines that it would take too long to read (${MAX_ITEM_REREAD.toLocaleString('en')} characters of it read again for the lines below them, by this line).`, line: line + 1, hint: 'Break the item\'s text into paragraphs with blank lines, and make a long text after a list a paragraph of its own, after a blank line.' };
        }
      }
    }
    afterBlank = blank || quoteBlank;
    if (blank) tableColumns = 0;
    else if (tableColumns > 0) {
      if (tableColumns * ++tableRows > MAX_TABLE_CELLS) {
        return { message: `The body has a table of ${tableColumns} columns that reaches ${tableColumns * tableRows} cells by this row, over the limit of ${MAX_TABLE_CELLS}.`, line: line + 1, hint: 'Split the table, or publish the data as a linked spreadsheet.' };
      }
    } else {
      tableColumns = delimiter;
      tableRows = 0;
    }
    let markers = 0;
    let i = start;
    let spaces = 0;
    while (i < end) {
      const c = body.charCodeAt(i);
      if (c === 62 /* > */) {
        markers++;
        // The space after `>` belongs to the marker, not to the indentation.
        if (codeIn(body, i + 1, end) === 32) i++;
      } else if (c === 32) spaces++;
      else if (c === 9) spaces += 4;
      else if ((c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) && isBlank(codeIn(body, i + 1, end))) {
        markers++;
        i++;
      } else if (c >= 48 && c <= 57) {
        // An ordered list marker, "1." or "1)", nests like a bullet.
        let j = i;
        while (j < end && j - i < 9 && body.charCodeAt(j) >= 48 && body.charCodeAt(j) <= 57) j++;
        const after = codeIn(body, j, end);
        if ((after === 46 /* . */ || after === 41 /* ) */) && isBlank(codeIn(body, j + 1, end))) {
          markers++;
          i = j + 1;
        } else break;
      } else break;
      i++;
    }
    // The indentation before a line's markers nests them too, two spaces a level (`- a`, `  - b`, `    - c` are three levels); a line
    // without markers (text, code, a blank line of pasted spaces) opens no level, however far it is indented.
    const depth = markers + (markers > 0 ? Math.floor(spaces / 2) : 0);
    if (depth > MAX_NESTING) return { message: `The body nests quotes or lists ${depth} levels deep, over the limit of ${MAX_NESTING}.`, line: line + 1, hint: FLATTEN };
    // marked reads a nested line again at every level: a line with markers is at as many levels as it has; one without (an indented
    // continuation, a lazy one, a line of code) goes on at the level before it, and a blank line ends it. Indentation alone is no level.
    nested = markers > 0 ? markers : blank ? 0 : nested;
    nestedText += nested * (end - start + 1);
    if (nestedText > MAX_NESTED_TEXT) {
      return { message: `The body nests so much of its text in quotes and lists (${MAX_NESTED_TEXT.toLocaleString('en')} characters counted once per level, by this line) that it would take too long to read.`, line: line + 1, hint: FLATTEN };
    }
    // After at most three spaces, `>` quotes the line, and a bullet ends the quote (a list item interrupts its paragraph).
    let first = start;
    while (first < end && first - start < 3 && body.charCodeAt(first) === 32) first++;
    const mark = codeIn(body, first, end);
    const quoted = mark === 62 /* > */;
    if (blank || ((mark === 45 || mark === 42 || mark === 43) && isBlank(codeIn(body, first + 1, end)))) quoteStarts = 0;
    else if (quoted && !lastQuoted) quoteStarts++;
    lastQuoted = quoted;
    quoteReread += quoteStarts * (end - start + 1);
    if (quoteReread > MAX_QUOTE_REREAD) {
      return { message: `The body has a block quote whose quoted lines start again after lines without \`>\` so often that it would take too long to read (${MAX_QUOTE_REREAD.toLocaleString('en')} characters counted once per such place above them, by this line).`, line: line + 1, hint: 'Start every line of a quote with `>`, or end the quote with a blank line before the text that follows it.' };
    }
    start = end + 1;
  }
  let open = 0;
  let word = 0;
  let footnoteMarks = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    // Opening brackets without a closing one, which marked backtracks over for every one.
    if (c === 91) {
      // An escaped `\[^` is text, not a mark.
      if (body.charCodeAt(i + 1) === 94 /* ^ */ && !isEscaped(body, i) && ++footnoteMarks > MAX_FOOTNOTE_MARKS) {
        return { message: `The body has more than ${MAX_FOOTNOTE_MARKS.toLocaleString('en')} footnote marks ([^…], references and notes together), too many to read in reasonable time.`, line: positionAt(body, i).line, hint: 'Keep the footnotes to the few a release needs, and write a literal "[^" as "\\[^".' };
      }
      // One escaped (`\\[`, as the hint below asks, and as import writes a bracket of text) opens nothing.
      if (!isEscaped(body, i) && ++open > MAX_NESTING * 4) return { message: `The body opens ${open} brackets without closing them, over the limit of ${MAX_NESTING * 4}.`, line: positionAt(body, i).line, hint: 'Close the brackets, or escape those that are text with a backslash (\\[).' };
    } else if (c === 93 || c === 10) open = 0;
    if (isWhiteSpace(c)) word = 0;
    else if (c < 0x80 && ++word > MAX_WORD_LENGTH) {
      return { message: `The body has a run of more than ${MAX_WORD_LENGTH} Latin letters, digits and punctuation marks without a space, too long to read in reasonable time.`, line: positionAt(body, i).line, hint: SPACELESS };
    }
  }
  return undefined;
}

/** Whether the line from `start` to `end` holds only white space. */
function isBlankLine(body: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhiteSpace(body.charCodeAt(i))) return false;
  return true;
}

/**
 * The number of columns of a GFM table's delimiter row (`| --- | :-: |`),
 * or 0 when the line is not one: after any indentation and quote markers,
 * cells of dashes with optional colons, separated by pipes, with at least
 * one pipe.
 */
function delimiterColumns(body: string, start: number, end: number, colonWithoutPipe = false): number {
  let i = start;
  // Indentation and block quote markers: a table in a quote or a list item is padded as one at the top level.
  while (i < end && (body.charCodeAt(i) === 32 || body.charCodeAt(i) === 9 || body.charCodeAt(i) === 62 /* > */)) i++;
  let pipes = 0;
  let colons = 0;
  let cells = 0;
  let dashes = 0;
  let inCell = false;
  for (; i < end; i++) {
    const c = body.charCodeAt(i);
    if (c === 124 /* | */) {
      pipes++;
      if (inCell) {
        if (dashes === 0) return 0;
        cells++;
      }
      inCell = false;
      dashes = 0;
    } else if (c === 45 /* - */) {
      inCell = true;
      dashes++;
    } else if (c === 58 /* : */) {
      inCell = true;
      colons++;
    } else if (c !== 32 && c !== 9) return 0;
  }
  if (inCell) {
    if (dashes === 0) return 0;
    cells++;
  }
  return pipes > 0 || (colonWithoutPipe && colons > 0) ? cells : 0;
}

/** Whether the line is one or two dashes and spaces after them, after its indentation and quote marks (`-`, `> --`). */
function isDashesRow(body: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (body.charCodeAt(i) === 32 || body.charCodeAt(i) === 62 /* > */)) i++;
  let dashes = 0;
  while (i < end && body.charCodeAt(i) === 45 /* - */) {
    dashes++;
    i++;
  }
  while (i < end && body.charCodeAt(i) === 32) i++;
  return i === end && dashes > 0 && dashes < 3;
}

/** Whether the line is a block quote's line of `>` marks alone, which ends a paragraph of the quote as a blank line does. */
function isQuoteBlank(body: string, start: number, end: number): boolean {
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = body.charCodeAt(i);
    if (c === 62 /* > */) quoted = true;
    else if (!isWhiteSpace(c)) return false;
  }
  return quoted;
}

/** How many columns the blanks from `at` take, a tab reaching the next multiple of four. */
function indentColumns(body: string, at: number, end: number): number {
  let column = 0;
  for (let i = at; i < end && isBlank(body.charCodeAt(i)); i++) column += body.charCodeAt(i) === 9 ? 4 - (column % 4) : 1;
  return column;
}

/** The column (from `at`, after the line's quote marks) where the content of the list item the line opens starts: its innermost marker's. */
function contentColumn(body: string, at: number, end: number): number {
  let i = at;
  let column = 0;
  for (let markers = 0; markers <= MAX_NESTING; markers++) {
    while (i < end && isBlank(body.charCodeAt(i))) column += body.charCodeAt(i++) === 9 ? 4 - (column % 4) : 1;
    let j = i;
    const c = codeIn(body, i, end);
    if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) j = i + 1;
    else {
      while (j < end && j - i < 9 && body.charCodeAt(j) >= 48 && body.charCodeAt(j) <= 57) j++;
      const after = codeIn(body, j, end);
      if (j === i || (after !== 46 /* . */ && after !== 41 /* ) */)) return column;
      j++;
    }
    if (j < end && !isBlank(body.charCodeAt(j))) return column;
    const marker = column + (j - i);
    // One to four columns of blanks after the marker go before the content; none, or five and more (code), count as one.
    let k = j;
    let after = marker;
    while (k < end && isBlank(body.charCodeAt(k))) after += body.charCodeAt(k++) === 9 ? 4 - (after % 4) : 1;
    if (k === end || after - marker > 4) return marker + 1;
    i = k;
    column = after;
  }
  return column;
}

/** Whether the line opens a list item: after at most three spaces (and any quote marks), a bullet or a number of up to nine digits with `.` or `)`, then a blank or the line's end. */
function opensListItem(body: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (body.charCodeAt(i) === 62 /* > */ || isBlank(body.charCodeAt(i)))) i++;
  const c = codeIn(body, i, end);
  if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) return i + 1 === end || isBlank(codeIn(body, i + 1, end));
  let j = i;
  while (j < end && j - i < 9 && body.charCodeAt(j) >= 48 && body.charCodeAt(j) <= 57) j++;
  if (j === i) return false;
  const after = codeIn(body, j, end);
  return (after === 46 /* . */ || after === 41 /* ) */) && (j + 1 === end || isBlank(codeIn(body, j + 1, end)));
}

/** Visits every token, depth first; a visit that gives `false` skips what lies inside that token. */
function walk(tokens: readonly Token[], visit: (token: Token) => void | boolean): void {
  for (const token of tokens) {
    if (visit(token) === false) continue;
    const t = token as Token & { tokens?: Token[]; items?: Token[]; content?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    if (t.tokens) walk(t.tokens, visit);
    // The footnotes list holds the same footnotes as their definitions, which are visited where they stand.
    if (t.items && token.type !== 'footnotes') walk(t.items, visit);
    if (t.content && token.type === 'footnote') walk(t.content, visit);
    if (t.header) for (const cell of t.header) walk(cell.tokens, visit);
    if (t.rows) for (const row of t.rows) for (const cell of row) walk(cell.tokens, visit);
  }
}

/**
 * Where the body's Markdown images, links and references' definitions whose
 * address is one of `addresses` are written, as offsets of the body: never
 * in code, where the same text is a sample to be kept as it is. A token
 * whose text cannot be found where it stands (a block of several lines in a
 * list item, which the lexer reads without its indent) is left out.
 */
export function addressSpans(body: string, addresses: ReadonlySet<string>): [number, number][] {
  const lexed = lexBody(body);
  if (!lexed.ok) return [];
  const locator = new BodyLocator(body, 1);
  const spans: [number, number][] = [];
  walk(lexed.body.tokens, (token) => {
    const t = token as Token & { tokens?: Token[]; items?: Token[]; href?: string };
    const span = locator.span(token.raw, t.tokens !== undefined || t.items !== undefined);
    if (span && (token.type === 'image' || token.type === 'link' || token.type === 'def') && addresses.has(effectiveUrl(t.href!))) spans.push(span);
  });
  return spans;
}

/**
 * A host name written as a link's whole address or its start (`migration.gov.az`, `e-gov.az/services?x`), whose last part is a
 * top-level domain of the region's governments and portals or a generic one, none of them also the extension of a file a site
 * links (Moldova's `.md` is a Markdown file's, and `markdownSource` speaks of it).
 */
const BARE_HOST = /^(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+(?:com|org|net|gov|edu|int|info|biz|eu|az|ru|tr|ge|ua|kz|uz|kg|tj|tm|by|am|ir|ae|sa|qa|cn|de|fr|uk|us|il|jp|kr)(?=$|[/?#:])/i;

/** Extensions of files a site links: an address with an `@` that ends in one names a file (`logo@2x.png`), not a mailbox. */
const FILE_EXTENSION = /\.(?:html?|pdf|docx?|xlsx?|pptx?|odt|rtf|txt|csv|zip|png|jpe?g|gif|webp|avif|svg|mp[34]|json|xml)$/i;

/**
 * The address a link written as a path was meant to have, when it is no
 * path: a web address without its scheme (`www.example.az`), an e-mail
 * address without `mailto:`, or a scheme without its colon (`https//…`). A
 * browser resolves each against the page, so the link leads to a page of the
 * site that does not exist. A name with a dot (`report.pdf`, `../en/x.html`)
 * is left alone: it may well be a file of the site; but not a host name that
 * ends in a top-level domain no file is named with (`migration.gov.az`,
 * `e-gov.az/services`), as the portals a release names are written.
 */
function meantAddress(href: string): { address: string; lacks: string } | undefined {
  const colonless = SCHEME_WITHOUT_COLON.exec(href);
  if (colonless) return { address: addressMeant(href)!, lacks: `has no colon after \`${colonless[1]!}\`` };
  if (WWW_WITHOUT_SCHEME.test(href)) return { address: addressMeant(href)!, lacks: 'has no `https://` in front' };
  if (BARE_HOST.test(href)) return { address: `https://${href}`, lacks: 'has no `https://` in front' };
  if (/^\+\d[\d().-]{5,30}$/.test(href)) return { address: `tel:${href}`, lacks: 'is a telephone number without `tel:` in front' };
  // A file named with an `@` (`logo@2x.png`) is a file: its last part is no top-level domain.
  if (/^[^\s@/:?#<>]+@[^\s@/:?#<>.]+(?:\.[^\s@/:?#<>.]+)*\.[a-z]{2,}$/i.test(href) && !FILE_EXTENSION.test(href)) return { address: `mailto:${href}`, lacks: 'is an e-mail address without `mailto:` in front' };
  return undefined;
}

/** An address with a scheme (`https:`, `mailto:`), which reads the same wherever it is shown. */
export const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * A link's address relative to the page that names a Markdown file
 * (`other-release.md`, `../ru/kvota.md#fees`): a release's source, which no
 * build publishes. With the folder it is in, as written (`../ru/`).
 */
function markdownSource(href: string): { folder: string } | undefined {
  if (HAS_SCHEME.test(href) || href.startsWith('//')) return undefined;
  const path = href.replace(/[?#].*$/s, '');
  if (!/\.(?:md|markdown)$/i.test(path)) return undefined;
  return { folder: path.slice(0, path.lastIndexOf('/') + 1) };
}

/** Ids the default pages give elements of their own around the body: the skip link's target, the contacts' and the about section's headings. */
export const PAGE_IDS: readonly string[] = ['main', 'contacts-heading', 'about-heading'];

/**
 * The id a link to a part of its own page (`#quotas`) leads to, as a browser looks for it: the fragment percent-decoded as
 * UTF-8 (`#%D0%BF` is `п`; an escape that is none stays as written). Undefined for any other address, and for the page's
 * top, which every page has: an empty fragment (`#`) and `#top` in any letter case, which browsers scroll to the top for.
 */
function pageFragment(href: string): string | undefined {
  if (href.charCodeAt(0) !== 35 /* # */) return undefined;
  const fragment = href.slice(1);
  let id = fragment;
  if (fragment.includes('%')) {
    try {
      id = decodeURIComponent(fragment);
    } catch {
      id = fragment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
        try {
          return decodeURIComponent(escapes);
        } catch {
          return escapes;
        }
      });
    }
  }
  return id === '' || id.toLowerCase() === 'top' ? undefined : id;
}

/**
 * The ids raw HTML that `html: safe` keeps gives its elements: a link's or a list item's (the only elements whose `id` the
 * sanitizer keeps, `withFreeId`), unless inside an element it drops with its content, or one the page gives an element of
 * its own (`TAKEN_IDS`), which it drops. Entities decoded, as a browser decodes an attribute.
 */
function rawIds(html: string, linksOpen = 0): string[] {
  const found: string[] = [];
  if (!/\sid\s*=/i.test(html)) return found;
  let dropped = 0;
  // Whether each link opens inside another, which the sanitizer keeps as text of the link around it, with no id (`withFreeId`).
  const nested: boolean[] = [];
  if (/<a[\s/>]/i.test(html)) linksIn(html, linksOpen, MAX_OPEN_INLINE, (inside) => nested.push(inside));
  let linksRead = 0;
  const parser: Parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'a' && nested[linksRead++] === true) return;
      if (DROPPED.has(name)) dropped++;
      else if ((name === 'a' || name === 'li') && dropped === 0 && attributes.id !== undefined) {
        const id = attributes.id.includes('&') ? decodeHTMLAttribute(attributes.id) : attributes.id;
        if (id !== '' && !TAKEN_IDS.test(id)) found.push(id);
      }
    },
    onclosetag(name) {
      if (DROPPED.has(name) && dropped > 0) dropped--;
    },
  }, { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);
  return found;
}

/**
 * How many links are open before each raw HTML token of a block's text (`tokens`), as the sanitizer reads the page: raw
 * `<a>` tags of the text before it, and a Markdown link whose text holds it. Emphasis, struck-out text and a link end with
 * any raw link opened in them, as the parser closes it with them. A token already counted, in a block around it, keeps its count.
 */
function linksOpenBefore(tokens: readonly Token[], into: Map<Token, number>, open = 0): number {
  let links = open;
  for (const token of tokens) {
    const children = (token as InlineToken).tokens;
    if (token.type === 'html') {
      if (!into.has(token)) into.set(token, links);
      if (/<\/?a[\s/>]/i.test(token.raw)) links = linksIn(token.raw, links, MAX_OPEN_INLINE);
    } else if (children) {
      const inside = linksOpenBefore(children, into, token.type === 'link' ? links + 1 : links);
      if (token.type !== 'link' && token.type !== 'em' && token.type !== 'strong' && token.type !== 'del') links = inside;
    }
  }
  return links;
}

/**
 * A character reference as CommonMark reads one, ended by its `;`: a name, or a number in at most seven decimal or six
 * hexadecimal digits. `&#87654321;` is text, which HTML (and `decodeHTMLStrict`, reading the text whole) would make U+FFFD.
 */
const REFERENCE = /&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]*);/g;

/** Text with its character references decoded as CommonMark reads them (see `REFERENCE`). */
function decodeReferences(text: string): string {
  return text.includes('&') ? text.replace(REFERENCE, (reference) => decodeHTMLStrict(reference)) : text;
}

/**
 * The URL a browser would follow: entity references decoded, as Markdown
 * reads them, each ended by its `;` (CommonMark): `?lang=en&section=2` is
 * no `&sect` and `=2`, which HTML's legacy names without a semicolon would make it.
 */
function effectiveUrl(href: string): string {
  return decodeReferences(href);
}

export function isSafeBodyUrl(href: string): boolean {
  return isSafeUrl(href) && isSafeUrl(effectiveUrl(href));
}

/**
 * A telephone number's address, `tel:` and the number's digits (`tel:+994125550100`, `tel:+994-12-555-01-00`), as the
 * contacts of every page link theirs and a phone dials it when tapped: nothing but digits, a `+` first, and the marks that
 * part their groups.
 */
const TEL_ADDRESS = /^tel:\+?\d[\d().-]{2,30}$/i;

/**
 * The hint for a `tel:` address written with spaces (`tel:+994 12 555 00 00`), which no phone dials as a link: the number's
 * digits alone, or its groups parted by hyphens, as `TEL_ADDRESS` takes them. `written` writes an address as the link would.
 */
function telephoneHint(address: string, written: (address: string) => string): string {
  const number = address.slice('tel:'.length).trim();
  const digits = `tel:${number.replace(/[\s().-]+/g, '')}`;
  const grouped = `tel:${number.replace(/\s+/g, '-')}`;
  const valid = (tel: string) => TEL_ADDRESS.test(tel);
  if (!valid(digits)) return 'A telephone number\'s address is `tel:` and its digits, with no spaces: tel:+994125550100.';
  return `Write the number without spaces, ${written(digits)}${valid(grouped) && grouped !== digits ? `, or with hyphens between its groups, ${written(grouped)}` : ''}: a telephone number's address takes no spaces, even in angle brackets.`;
}

/** The text of HTML kept on one line, as the `no_break` filter keeps a contact's number: no-break spaces and hyphens, tags as they are. */
function unbrokenText(html: string): string {
  return html.replace(/(^|>)([^<]+)/g, (_, before: string, text: string) => `${before}${text.replace(/ /g, '\u00A0').replace(/-/g, '\u2011')}`);
}

/** Whether a link may lead where `href` does: where any body address may (`isSafeBodyUrl`), or to a telephone number. */
export function isSafeLinkUrl(href: string): boolean {
  return isSafeBodyUrl(href) || TEL_ADDRESS.test(effectiveUrl(href));
}

/**
 * An address as a page links it: spaces and letters beyond ASCII percent-encoded, an escape already there kept; but a
 * host in other letters (`bücher.example`, `мвд.рф`) in punycode, as a URL parser writes it and the DNS knows it.
 * Percent-encoded, `https://b%C3%BCcher.example/`, it is a host a browser decodes, but the URL parsers of feed readers
 * and mail clients that follow RFC 3986 look it up as written, and find nothing.
 */
function encodeHref(href: string): string {
  const url = effectiveUrl(href);
  try {
    const authority = /^((?:https?:)?\/\/)([^/?#@]*?)(:\d*)?(?=[/?#]|$)/i.exec(url);
    if (authority && /[^\p{ASCII}]/u.test(authority[2]!)) {
      const host = new URL(`http://${authority[2]}`).hostname;
      return `${authority[1]}${host}${authority[3] ?? ''}${encodeURI(url.slice(authority[0].length)).replace(/%25/g, '%')}`;
    }
    return encodeURI(url).replace(/%25/g, '%');
  } catch {
    return url;
  }
}

/**
 * Where characters of a token's text are, from where the token is: a
 * function of `start` and `end`, asked in increasing order, so that the
 * places of every image in a block cost one pass over it.
 */
function placesWithin(where: Pick<Diagnostic, 'line' | 'column'>, raw: string): (start: number, end: number) => Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
  let line = where.line;
  let lineStart = -1;
  let next = raw.indexOf('\n');
  const at = (offset: number) => {
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next;
      next = raw.indexOf('\n', next + 1);
    }
    return { line, column: lineStart === -1 ? where.column + offset : offset - lineStart };
  };
  return (start, end) => {
    const from = at(start);
    const to = at(end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };
}

/**
 * Finds where tokens are in the body. marked keeps no offsets, so each token's
 * raw text is searched for from the last place found; lines are found by
 * binary search. A token whose raw text is not in the source (list content
 * is dedented) costs a search to the end, so such searches share a budget in
 * proportion to the body's length: locations may then be approximate, but
 * the time stays linear whatever the body.
 */
class BodyLocator {
  private readonly lines: LineStarts;
  private cursor = 0;
  private budget: number;
  /** The last text of several lines `locate` found by `placeLines`, its places, and the search's place it left. */
  private placed: { text: string; cursor: number; places: (start: number, end: number) => Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> } | undefined;

  constructor(private readonly source: string, private readonly bodyLine: number) {
    this.lines = new LineStarts(source);
    this.budget = 8 * source.length + 65_536;
  }

  private find(raw: string): number {
    const nearby = this.source.slice(this.cursor, this.cursor + raw.length + 4096).indexOf(raw);
    if (nearby !== -1) return this.cursor + nearby;
    if (this.budget <= 0) return -1;
    const found = this.source.indexOf(raw, this.cursor);
    this.budget -= (found === -1 ? this.source.length : found + raw.length) - this.cursor;
    return found;
  }

  /** The place of a token; the next search starts just after its start. */
  locate(raw: string): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
    const found = this.find(raw);
    if (found === -1 && raw.includes('\n')) {
      // A token of several lines in a quote or a list item, whose text lacks their marks.
      const places = this.findLines(raw);
      if (places) {
        const place = places(0, raw.length);
        this.cursor = this.lines.starts[place.line - this.bodyLine]! + place.column;
        this.placed = { text: raw, cursor: this.cursor, places };
        return place;
      }
    }
    const offset = found === -1 ? this.cursor : found;
    if (found !== -1) this.cursor = found + 1;
    const start = this.lines.position(offset);
    const end = this.lines.position(offset + raw.length);
    return { line: start.line + this.bodyLine - 1, column: start.column, endLine: end.line + this.bodyLine - 1, endColumn: end.column };
  }

  /**
   * Where a token stands in the source, as offsets, or undefined where its raw text is not found (list content is dedented).
   * The next search starts at its start when it holds other tokens (`container`), else after its end, so that nothing inside
   * it, a code block's text, is taken for a later token of the same text.
   */
  span(raw: string, container: boolean): [number, number] | undefined {
    const found = this.find(raw);
    if (found === -1) return undefined;
    this.cursor = container ? found : found + raw.length;
    return [found, found + raw.length];
  }

  /**
   * Where a text of several lines stands in the source when its later lines there start with marks it lacks: a token's text
   * inside a quote or a list item has neither the `>` nor the indent of its later lines. Its first line is looked for from the
   * search's place, within reach; each next line must end the source's next line (the last one, start it) after nothing but
   * `>`, spaces and tabs. A function from offsets in the text to places in the file, or undefined where it is not so found;
   * the search stays where it was.
   */
  placeLines(text: string): ((start: number, end: number) => Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>) | undefined {
    // The token `locate` just placed so, whose start the search has passed: not another of the same text further on.
    if (this.placed?.text === text && this.placed.cursor === this.cursor) return this.placed.places;
    return this.findLines(text);
  }

  private findLines(text: string): ((start: number, end: number) => Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>) | undefined {
    const lines = text.split('\n');
    const first = lines[0]!;
    if (lines.length < 2 || first === '' || this.budget <= 0) return undefined;
    // Looked for within reach of the search's place, at a cost the body's budget is charged (see the class).
    const reach = Math.min(this.source.length, this.cursor + 2 * text.length + 1024);
    this.budget -= 4 * (reach - this.cursor);
    const area = this.source.slice(this.cursor, reach);
    for (let found = area.indexOf(first), tries = 0; found !== -1 && tries < 4; found = area.indexOf(first, found + 1), tries++) {
      const at = this.cursor + found;
      const starts = this.linesFrom(at, lines);
      if (!starts) continue;
      const offsetOf = (offset: number) => {
        let i = 0;
        let lineStart = 0;
        while (i < lines.length - 1 && offset > lineStart + lines[i]!.length) lineStart += lines[i++]!.length + 1;
        return starts[i]! + offset - lineStart;
      };
      return (start, end) => {
        const from = this.lines.position(offsetOf(start));
        const to = this.lines.position(offsetOf(end));
        return { line: from.line + this.bodyLine - 1, column: from.column, endLine: to.line + this.bodyLine - 1, endColumn: to.column };
      };
    }
    return undefined;
  }

  /** Where each of `lines` starts in the source, the first at `at`, the others after their marks (see `placeLines`); undefined if they are not there. */
  private linesFrom(at: number, lines: readonly string[]): number[] | undefined {
    const starts = [at];
    let end = at + lines[0]!.length;
    for (let i = 1; i < lines.length; i++) {
      if (this.source.charCodeAt(end) !== 10) return undefined;
      const lineStart = end + 1;
      let lineEnd = this.source.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = this.source.length;
      const line = lines[i]!;
      const last = i === lines.length - 1;
      let found = -1;
      for (let p = lineStart; p + line.length <= lineEnd; p++) {
        if ((last || p + line.length === lineEnd) && this.source.startsWith(line, p)) {
          found = p;
          break;
        }
        const c = this.source.charCodeAt(p);
        if (c !== 62 /* > */ && c !== 32 && c !== 9) break;
      }
      if (found === -1) return undefined;
      starts.push(found);
      end = found + line.length;
    }
    return starts;
  }

  /** The place of a token, leaving the search where it was (for one look aside, such as a single finding per file). */
  peek(raw: string): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
    const { cursor, budget } = this;
    const at = this.locate(raw);
    this.cursor = cursor;
    this.budget = budget;
    return at;
  }

  /**
   * The place of line `index` of a paragraph whose `lines` start at `start` (the search's place), leaving the search where it was: each
   * line before it is looked for in turn, so that a line written again further down, or one that opens an earlier line of the
   * paragraph (`Tel.: …` under `Tel.: … \\`), is found at its own place.
   */
  peekLine(lines: readonly string[], index: number, start = this.cursor): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
    const { cursor, budget } = this;
    this.cursor = start;
    for (let i = 0; i < index; i++) this.locatePast(lines[i]!);
    const at = this.locate(lines[index]!);
    this.cursor = cursor;
    this.budget = budget;
    return at;
  }

  /**
   * Where a paragraph given by its `lines` as the lexer reads them starts: the nearest place past the last paragraph found where
   * its lines stand one under another, each after nothing but blanks and a quote's `>` marks (a quoted paragraph's text lacks
   * them), else the first place its text stands whole; -1 where neither is. Paragraphs come in the body's order, and are looked
   * for one after another, not from the search's place, which the paragraph's own links may have moved past its start; the
   * search stays where it was.
   */
  paragraphAt(lines: readonly string[]): number {
    const first = lines[0]!;
    const from = this.lastParagraph + 1;
    if (first !== '') {
      for (let at = this.source.indexOf(first, from), tries = 0; at !== -1 && tries < 8; at = this.source.indexOf(first, at + 1), tries++) {
        if (this.standsAt(at, lines)) return (this.lastParagraph = at);
      }
    }
    const cursor = this.cursor;
    this.cursor = from;
    const found = this.find(lines.join('\n'));
    this.cursor = cursor;
    if (found !== -1) this.lastParagraph = found;
    return found;
  }

  /** Where the last paragraph `paragraphAt` found starts. */
  private lastParagraph = -1;

  /** Whether `lines` stand one under another from `at`, each line of the source holding nothing else before it but blanks and `>` (and before the first, a list item's marker). */
  private standsAt(at: number, lines: readonly string[]): boolean {
    let lineStart = this.source.lastIndexOf('\n', at - 1) + 1;
    let from = at;
    for (let i = 0; i < lines.length; i++) {
      // Blanks and a quote's marks; before the first line a list item's marker too (`- `, `1. `).
      for (let k = lineStart; k < from; k++) {
        const c = this.source.charCodeAt(k);
        if (c !== 32 && c !== 9 && c !== 62 /* > */ && !(i === 0 && (c === 45 || c === 42 || c === 43 || c === 46 || c === 41 || (c >= 48 && c <= 57)))) return false;
      }
      const line = lines[i]!.trimStart();
      let lineEnd = this.source.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = this.source.length;
      if (i > 0) {
        // The line's own text after its marks and blanks.
        from = lineStart;
        while (from < lineEnd && (this.source.charCodeAt(from) === 32 || this.source.charCodeAt(from) === 9 || this.source.charCodeAt(from) === 62)) from++;
      }
      if (this.source.slice(from, lineEnd).trimEnd() !== (i === 0 ? lines[i]! : line).trimEnd()) return false;
      lineStart = lineEnd + 1;
    }
    return true;
  }

  /** Moves the search to a block, so that a later identical link is found at its own place. */
  skipTo(raw: string): void {
    const found = this.find(raw);
    if (found !== -1) this.cursor = found;
  }

  /** The place of a token with nothing inside it to look for, the search moved past it (a shorter token after it is not found within it). */
  locatePast(raw: string): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
    const before = this.cursor;
    const at = this.locate(raw);
    // Found (the search moved to just after its start): moved on past its end.
    if (this.cursor !== before) this.cursor += raw.length - 1;
    return at;
  }

  /** Moves the search past code, whose text may look like a link but is not one. */
  skipPast(raw: string): void {
    const found = this.find(raw);
    if (found !== -1) this.cursor = found + raw.length;
  }
}

export interface ContentCheckOptions {
  file: string;
  /** The 1-based file line on which the body starts. */
  bodyLine: number;
  body: string;
  /** The release's title, to find a body heading that repeats it. */
  title?: string;
  /** The release's language, whose letter case the title and a heading are compared in. */
  lang?: string;
  /** With `safe`, raw HTML is meant to be kept, so it is not reported. */
  html?: HtmlMode;
  /**
   * The ids the template set's page gives elements around the body (`pageIdsOf`), each with whether the release's page has
   * it: `contacts-heading` only with contacts, `about-heading` only with the config's `about` for its language, any other
   * always. Without it, the default pages' (`PAGE_IDS`), each taken to be there.
   */
  pageIds?: ReadonlyMap<string, boolean>;
  report(ruleId: ContentRuleId, diagnostic: Omit<Diagnostic, 'severity' | 'ruleId' | 'file'>): void;
  /** Told of each image with a relative address (`isLocalImage`), by its key in `ImageFacts`, and where it is. */
  onLocalImage?(src: string, where: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): void;
  /**
   * Told of each address a link of the body gives the page, where it is written (an inline link, an autolink, a reference's
   * definition, and with `html: safe` a kept `<a href>`), with a scheme it may have (`isSafeLinkUrl`), as the page has it;
   * so is each image's that is not copied (`/en/other-release/map.png`, a full address), which the page fetches from there.
   */
  onLink?(href: string, where: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): void;
}

/**
 * A problem past the most one rule lists for a file (`MAX_PER_RULE`): it is
 * reported unplaced, which costs no search of the body, and only counted in
 * the one diagnostic that says how many more there are (see `limitedPush`),
 * so that `--max-warnings` counts it too.
 */
function countOnly(options: ContentCheckOptions, ruleId: ContentRuleId): void {
  options.report(ruleId, { line: options.bodyLine, column: 1, message: '' });
}

export type ContentRuleId = 'content/image-alt' | 'content/link-scheme' | 'content/link-address' | 'content/link-target' | 'content/raw-html' | 'content/control-character' | 'content/repeated-title' | 'content/template-syntax' | 'content/unread-link' | 'content/unread-list' | 'content/listed-date' | 'content/joined-lines' | 'content/indented-text' | 'content/unread-heading' | 'content/empty-heading' | 'content/underlined-text' | 'content/heading-id' | 'content/too-complex' | 'content/footnote' | 'content/table-cells' | 'content/spaced-emphasis' | 'content/unclosed-emphasis';

/**
 * Each character reference in `text` that decodes, as the outputs decode
 * the body (`decodeHTML`: with or without its semicolon, any number of
 * leading zeros, 128–159 as Windows-1252), to a character the body may not
 * hold (`UNSAFE_CHARACTERS`), in the order they are written.
 */
function* unsafeReferences(text: string): Generator<{ reference: string; code: string; index: number }> {
  if (!text.includes('&')) return;
  for (const match of text.matchAll(/&#?[0-9a-zA-Z]+;?/g)) {
    const decoded = decodeHTML(match[0]);
    if (decoded === match[0]) continue;
    const at = decoded.search(UNSAFE_CHARACTERS);
    if (at !== -1) yield { reference: match[0], code: decoded.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0'), index: match.index };
  }
}

/** Text compared for sameness: case, punctuation and spacing aside. */
function comparable(text: string, lang: string | undefined): string {
  // In the release's language: a Turkish or Azerbaijani heading in capitals (İKAMET İZİNLERİ) is its title (İkamet izinleri) only
  // where İ lower-cases to i and I to ı; by the machine's locale it was not, whatever the machine.
  let lower: string;
  const safe = streamSafe(text);
  try {
    lower = safe.normalize('NFC').toLocaleLowerCase(lang ?? 'en');
  } catch {
    lower = safe.normalize('NFC').toLocaleLowerCase('en');
  }
  // Greek capitals are written without their accents (ΑΔΕΙΕΣ ΔΙΑΜΟΝΗΣ is the heading of Άδειες διαμονής, as `toLocaleUpperCase('el')`
  // writes it): a Greek letter's tonos and dialytika are no difference here.
  if (GREEK.test(lower)) lower = lower.normalize('NFD').replace(GREEK_ACCENTS, '').normalize('NFC');
  // A Turkish or Azerbaijani name in a release of another language (İzmir in an English title) is written in capitals by Turkish
  // rules (İZMİR, as the tool's own dateline writes it) or by the release's (IZMIR): its i is one letter here, whatever its dot.
  if (lower.includes('\u0307') || lower.includes('ı')) lower = lower.replace(/i\u0307/g, 'i').replace(/ı/g, 'i');
  return lower.replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
}

/** Greek text, whose accents `comparable` sets aside. */
const GREEK = /\p{Script=Greek}/u;
/** A Greek letter's tonos and dialytika, decomposed (`ΐ` has both). */
const GREEK_ACCENTS = /(?<=\p{Script=Greek}[\u0301\u0308]*)[\u0301\u0308]/gu;

/**
 * The offsets in `body` of the pipes that part the cells of its tables,
 * where a page ends one cell's text and so closes its isolates: each
 * unescaped `|` of a table's lines, as GFM splits them. Only for a body
 * holding an isolate, and only tables written where their text is (not
 * inside a quote or a list, whose markers the tokens leave out).
 */
function tableCellBreaks(body: string, tokens: readonly Token[]): Set<number> {
  const breaks = new Set<number>();
  let cursor = 0;
  for (const token of tokens) {
    if (token.type !== 'table') continue;
    const start = body.indexOf(token.raw, cursor);
    if (start === -1) continue;
    cursor = start + token.raw.length;
    for (let i = token.raw.indexOf('|'); i !== -1; i = token.raw.indexOf('|', i + 1)) {
      let backslashes = 0;
      while (token.raw[i - 1 - backslashes] === '\\') backslashes++;
      if (backslashes % 2 === 0) breaks.add(start + i);
    }
  }
  return breaks;
}

const ALL_REFUSED_CHARACTERS = new RegExp(REFUSED_CHARACTERS.source, 'g');

/** Finds control characters, links with unsafe schemes, images without alt text and raw HTML, with their file positions. */
export function checkBody(body: BodyTokens, options: ContentCheckOptions): void {
  const locator = new BodyLocator(options.body, options.bodyLine);
  // Each one, as the invisible characters are: one told of hides the others until the next run. Lines are counted as the search goes.
  const hasControl = REFUSED_CHARACTERS.test(options.body);
  if (hasControl) {
    let listed = 0;
    let line = options.bodyLine;
    let lineStart = 0;
    let counted = 0;
    for (const match of options.body.matchAll(ALL_REFUSED_CHARACTERS)) {
      if (++listed > MAX_PER_RULE) {
        countOnly(options, 'content/control-character');
        continue;
      }
      for (let i = options.body.indexOf('\n', counted); i !== -1 && i < match.index; i = options.body.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
      counted = match.index;
      const column = match.index - lineStart + 1;
      const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      options.report('content/control-character', {
        line, column, endLine: line, endColumn: column + 1,
        message: `The body contains the invisible control character U+${code}; such characters can hide text or make it read in a different order than it is stored.`,
        hint: 'Delete the character; retype the text around it if you cannot see it.',
      });
    }
  }
  // The body is scanned for an isolate once; its tables only when it has one.
  let isolates = 0;
  for (const isolate of hasIsolate(options.body) ? unbalancedIsolates(options.body, tableCellBreaks(options.body, body.tokens)) : []) {
    if (++isolates > MAX_PER_RULE) {
      countOnly(options, 'content/control-character');
      continue;
    }
    const { line, column } = positionAt(options.body, isolate.index);
    const { what, hint } = describeIsolateProblem(options.body, isolate, 'its line');
    options.report('content/control-character', {
      line: line + options.bodyLine - 1, column, endLine: line + options.bodyLine - 1, endColumn: column + 1,
      message: `The body contains ${what}.`,
      hint,
    });
  }
  const rawHtml: { token: Token; where: ReturnType<BodyLocator['locate']> }[] = [];
  // Raw HTML that `html: safe` keeps and that nests too deep is an error at the HTML token where it passes the limit.
  const tooDeep = options.html === 'safe' ? tooDeepHtml(body.tokens) : -1;
  let htmlTokens = 0;
  const title = options.title === undefined ? '' : comparable(options.title, options.lang);
  // The same characters written as numeric references (`&#x202E;`) in text or HTML, which every output decodes; in code they stay as written.
  // Each one, as the characters themselves are, and whether or not the body also holds one: one told of hid the others until the next run.
  let controlReferences = 0;
  /** Footnote definitions, where they are, and the labels the text cites: a note never cited is in no output. */
  const definitions: { label: string; where: ReturnType<BodyLocator['locate']> }[] = [];
  const cited = new Set<string>();
  /** Links written `[text][label]` or `[label][]` that Markdown left as text, and the labels the body defines. */
  const references: { text: string; label: string; where: ReturnType<BodyLocator['locate']> }[] = [];
  const defined = new Set<string>();
  /** Footnote citations (`[^1]`) that no definition gives a note. */
  const citations: { text: string; where: ReturnType<BodyLocator['locate']> }[] = [];
  let spacedEmphases = 0;
  let unclosedEmphases = 0;
  let listedDates = 0;
  let emptyLinks = 0;
  let unaddressed = 0;
  let spacedImages = 0;
  /** Links to a part of the page (`#quotas`), judged once the walk has found every id the body gives the page, and those ids. */
  const fragmentLinks: { href: string; id: string; where: ReturnType<BodyLocator['locate']> }[] = [];
  /** The addresses of references' definitions (`[guide]: …`), told (`onLink`) once the walk has seen a link or an image use them. */
  const definedLinks: { href: string; where: ReturnType<BodyLocator['locate']> }[] = [];
  const usedReferences = new Set<string>();
  const bodyIds = new Set<string>();
  /** `html: safe`: how many links are open before each raw HTML token of a block's text (`linksOpenBefore`). */
  const linksBefore = new Map<Token, number>();
  // A hashtag alone on the body's last line is a tag, not a heading missing its space: link definitions and an end mark (`###`, `-30-`) after it show nothing of their own.
  const lastBlock = body.tokens.findLast((t) => t.type !== 'space' && t.type !== 'footnotes' && t.type !== 'def' && !isEndMark(t.raw.trim()));
  // The end mark `###` on the body's last line, which `content/repeated-part` reports (`repeatedParts`): not the body's one block.
  const closing = body.tokens.findLast((t) => t.type !== 'space' && t.type !== 'footnotes' && t.type !== 'def' && !(t.type === 'html' && withoutComments(t.raw).trim() === ''));
  const closingEndMark = closing?.type === 'heading' && isEndMark(closing.raw.trim()) && closing !== body.tokens.find((t) => t.type !== 'space') ? closing : undefined;
  // A paragraph's lines, and those of a tight list item's text, which is a paragraph to every output but the lexer's.
  const checkParagraph = (token: Token): void => {
    const rows = unreadTable(token.raw);
    // Lines that each end with a break of their own (`\\`, two spaces, `<br>`) are shown one under another: no list run together.
    const byLine = keepsBreaks(token.raw);
    const numbers = byLine ? undefined : numberedItems(token.raw);
    const letters = byLine ? undefined : letteredItems(token.raw);
    const joined = labelledLines(token.raw);
    const bullets = byLine ? undefined : pastedBullets(token.raw) ?? dashedItems(token.raw);
    // Each is found by its line's place in the paragraph, from the paragraph on: a line such as `| --- |` is in many an earlier table.
    const paragraphLines = rows || numbers || letters || joined || bullets ? token.raw.replace(/\n+$/, '').split('\n') : [];
    const start = paragraphLines.length > 0 ? locator.paragraphAt(paragraphLines) : -1;
    const lineAt = (line: string) => {
      const index = paragraphLines.findIndex((each) => each === line || each.trimStart() === line);
      if (start === -1) return locator.peek(line);
      return index === -1 ? locator.peekLine([line], 0, start) : locator.peekLine(paragraphLines, index, start);
    };
    if (rows) {
      const at = lineAt(rows.line);
      const delimiter = `|${' --- |'.repeat(rows.header)}`;
      options.report('content/table-cells', {
        ...FRESH, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + rows.line.trimEnd().length,
        message: rows.delimiter === undefined
          ? `These ${rows.count} lines are written as a table's rows, but no line of \`---\` cells follows the first, so Markdown does not read them as a table: every output runs them together into one paragraph, pipes and all.`
          : `The line under the table's header has ${rows.delimiter} ${rows.delimiter === 1 ? 'cell' : 'cells'}, but the header has ${rows.header}, so Markdown does not read the lines as a table: every output runs them together into one paragraph, pipes and all.`,
        hint: rows.delimiter === undefined
          ? `Put a line of one \`---\` for each column under the header row: \`${delimiter}\`.`
          : `Give the line under the header one \`---\` for each of its cells: \`${delimiter}\`.`,
      });
    }
    if (numbers) {
      const at = lineAt(numbers.line);
      options.report('content/unread-list', {
        ...FRESH, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + numbers.marker.length,
        message: `This paragraph has ${numbers.count} lines that start with a number (${quote(numbers.marker)}, ${quote(numbers.next)} …), but a numbered list that does not start at 1 cannot begin right under a line of text: every output runs them together into one paragraph.`,
        hint: `Put a blank line before the list, before ${quote(numbers.line.trim(), 50)}.`,
      });
    }
    if (letters) {
      const at = lineAt(letters.line);
      options.report('content/unread-list', {
        ...FRESH, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + letters.marker.length,
        message: `This paragraph has ${letters.count} lines that start with a lettered item (${quote(letters.marker)}, ${quote(letters.next)} …), which Markdown does not read as a list: every output runs them together into one paragraph.`,
        hint: `Make them a list: start each item with \`1. \`, \`2. \` … (Markdown numbers items in digits, not letters), or with \`- \` to keep the letter (${quote(`- ${letters.marker} ${letters.item}`, 50)}).`,
      });
    }
    if (joined) {
      const at = lineAt(joined.line);
      options.report('content/joined-lines', {
        ...FRESH, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + joined.line.trimEnd().length,
        message: `These ${joined.count} lines each open with ${joined.kind === 'time' ? 'a time' : 'a label'} (${joined.starts.map((s) => quote(s)).join(', ')}${joined.count > joined.starts.length ? ' …' : ''}), as ${joined.kind === 'time' ? 'a schedule' : 'a contact block'} is written, but Markdown joins the lines of a paragraph: every output runs them together into one line.`,
        hint: `End each line but the last with a backslash (\`\\\`) to keep its line break, or make the lines a list (${quote(`- ${joined.line.trim()}`, 60)}).`,
      });
    }
    if (bullets) {
      // Found by the line itself: in a quote the paragraph's text lacks the `> ` its later lines have in the file.
      const at = lineAt(bullets.line);
      const nested = bullets.nested;
      options.report('content/unread-list', {
        ...FRESH, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + bullets.marker.length,
        message: nested
          ? `This paragraph has ${bullets.count} ${bullets.count === 1 ? 'line that starts' : 'lines that start'} with ${quote(bullets.marker)} and ${nested.count} with ${quote(nested.marker)} and a tab, as Word writes an item under another, which Markdown does not read as list markers: every output runs them together into one paragraph.`
          : `This paragraph has ${bullets.count} lines that start with ${quote(bullets.marker)}, which Markdown does not read as a list marker: every output runs them together into one paragraph.`,
        hint: nested
          ? `Make them a list: start each item with \`- \` instead (${quote(`- ${bullets.item}`, 50)}), and each item under another with two spaces before it (${quote(`  - ${nested.item}`, 50)}).`
          : `Make them a list: start each item with \`- \` instead (${quote(`- ${bullets.item}`, 50)}).`,
      });
    }
    let headings = 0;
    for (const heading of gluedHeadings(token.raw, token === lastBlock)) {
      if (++headings > MAX_PER_RULE) {
        countOnly(options, 'content/unread-heading');
        continue;
      }
      const at = locator.peek(heading.line);
      const written = heading.line.trimEnd();
      options.report('content/unread-heading', {
        ...FRESH, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + heading.hashes.length,
        message: `This line starts with ${quote(heading.hashes)} and no space after it, so Markdown does not read it as a heading: every output shows ${quote(written, 50)} as text.`,
        hint: heading.hashes.length === 1
          ? `Put a space after the \`#\` to make it a heading (${quote(`# ${written.slice(1)}`, 50)}); if the line opens with a hashtag, write its \`#\` as \`\\#\`.`
          : `Put a space after the \`${heading.hashes}\` to make it a heading (${quote(`${heading.hashes} ${written.slice(heading.hashes.length)}`, 50)}).`,
      });
    }
    locator.skipTo(token.raw);
  };
  walk(body.tokens, (token) => {
    if (options.html === 'safe') {
      if (token.type === 'paragraph' || token.type === 'heading' || token.type === 'text') linksOpenBefore((token as InlineToken).tokens ?? [], linksBefore);
      else if (token.type === 'table') for (const cell of [...(token as Tokens.Table).header, ...(token as Tokens.Table).rows.flat()]) linksOpenBefore(cell.tokens, linksBefore);
    }
    if ((token.type === 'text' && !(token as Tokens.Text).tokens) || token.type === 'html' || token.type === 'link' || token.type === 'image' || token.type === 'def') {
      // A link's text is its own tokens; its title (and an image's description) are the token's.
      const inText = token.type === 'text' || token.type === 'html';
      let places: ((index: number, text: string) => ReturnType<BodyLocator['locate']>) | undefined;
      let tokenAt: ReturnType<BodyLocator['locate']> | undefined;
      for (const found of unsafeReferences(inText ? token.raw : `${(token as Tokens.Link).title ?? ''} ${token.type === 'image' ? (token as Tokens.Image).text : ''}`)) {
        if (++controlReferences > MAX_PER_RULE) {
          countOnly(options, 'content/control-character');
          continue;
        }
        tokenAt ??= locator.peek(token.raw);
        // At the reference itself when it is in text; else at the link.
        const where = inText ? (places ??= placesInToken(locator, tokenAt, token.raw))(found.index, found.reference) : tokenAt;
        options.report('content/control-character', {
          ...FRESH, ...where,
          message: `The body writes the invisible control character U+${found.code} as ${quote(found.reference)}; such characters can hide text or make it read in a different order than it is stored.`,
          hint: 'Delete the reference.',
        });
      }
    }
    for (const spaced of spacedImagesIn(token)) {
      if (++spacedImages > MAX_PER_RULE) {
        countOnly(options, 'content/unread-link');
        continue;
      }
      // Found by its own text: the `!` lies in the text before the link, which the locator has not passed yet.
      const written = `!${spaced.blanks}${spaced.link.raw}`;
      options.report('content/unread-link', {
        ...FRESH, ...locator.peek(written),
        message: `The image ${quote(written, 60)} is not read as an image: a space parts the \`!\` from the \`[\`, so the page shows "!" and a link instead of the picture${isLocalImage(effectiveUrl(spaced.link.href)) ? ', and the file is not copied' : ''}.`,
        hint: `Delete the space after the \`!\`: ${quote(`!${spaced.link.raw}`, 80)}.`,
        actual: written,
      });
    }
    switch (token.type) {
      case 'link':
      case 'image':
      case 'def': {
        if (token.type === 'def') defined.add(referenceLabel((token as Tokens.Def).tag));
        const t = token as Tokens.Link | Tokens.Image | Tokens.Def;
        const where = locator.locate(t.raw);
        if (token.type === 'image' ? !isSafeBodyUrl(t.href) : !isSafeLinkUrl(t.href)) {
          const url = effectiveUrl(t.href);
          // A number with spaces, written in angle brackets (`[call](<tel:+994 12 555 00 00>)`), is a telephone number: it lacks only the right spelling.
          const spacedTel = token.type !== 'image' && /^tel:/i.test(url) && /\s/.test(url);
          options.report('content/link-scheme', {
            ...FRESH, ...where,
            message: spacedTel
              ? `The link URL ${quote(url)} is a telephone number with spaces, which a telephone number's address cannot have; it is removed from the output.`
              : `The ${token.type === 'image' ? 'image' : 'link'} URL ${quote(url)} uses a scheme other than http, https or mailto${token.type === 'image' ? '' : ' (or tel: with a telephone number)'}; it is removed from the output.`,
            hint: spacedTel ? telephoneHint(url, (address) => address)
              : token.type === 'image' ? 'Link to an http or https address, a mailto: address, or a relative path.' : 'Link to an http or https address, a mailto: address, a telephone number (tel:+994125550100), or a relative path.',
            actual: url,
          });
        }
        // A reference link (`[the guide][guide]`) is said once, at the line that defines its address.
        const written = token.type === 'def' || (token.type === 'link' && t.raw.endsWith(')'));
        // `[the form]()`, a link whose address was left to fill in: an escaped page links it to itself, a safe one to nothing.
        if ((written || (token.type === 'image' && t.raw.endsWith(')'))) && t.href.trim() === '') {
          const kind = token.type === 'image' ? 'image' : token.type === 'def' ? 'definition' : 'link';
          if (++unaddressed > MAX_PER_RULE) countOnly(options, 'content/unread-link');
          else options.report('content/unread-link', {
            ...FRESH, ...where,
            message: `The ${kind} ${quote(t.raw.trimEnd(), 60)} has no address, so ${token.type === 'image' ? 'the page shows no picture' : 'it leads nowhere'}.`,
            hint: token.type === 'def' ? 'Write the address after the colon, as [label]: https://….' : `Write the address between the parentheses, as ${token.type === 'image' ? '![…]' : '[…]'}(https://…).`,
          });
        }
        const meant = !written || !isSafeBodyUrl(t.href) ? undefined : meantAddress(effectiveUrl(t.href));
        if (meant) {
          options.report('content/link-address', {
            ...FRESH, ...where,
            message: `The link's address ${quote(effectiveUrl(t.href))} ${meant.lacks}, so a browser takes it for a page of this site and the link leads nowhere.`,
            hint: `Write the address as ${quote(meant.address)}.`,
            actual: effectiveUrl(t.href), expected: meant.address,
          });
        }
        const source = !written || token.type === 'image' || meant || !isSafeBodyUrl(t.href) ? undefined : markdownSource(effectiveUrl(t.href));
        if (source) {
          options.report('content/link-address', {
            ...FRESH, ...where,
            message: `The link's address ${quote(effectiveUrl(t.href))} is a Markdown file, which the site does not have: a release is published as the page the build makes of it, so the link leads nowhere.`,
            hint: `Link the release's page instead: its slug with \`.html\` (\`${source.folder}<slug>.html\`), or its full address (a site in Moldova's \`.md\` domain with \`https://\` in front).`,
            actual: effectiveUrl(t.href),
          });
        }
        // A reference link's part of the page, as its address, is said at its definition.
        const fragment = token.type === 'image' || !written ? undefined : pageFragment(effectiveUrl(t.href));
        if (fragment !== undefined) fragmentLinks.push({ href: effectiveUrl(t.href), id: fragment, where });
        // An autolink (`<https://…>`, or an address written bare) gives its address where it is written, as an inline link does. A
        // reference's definition gives it at the definition, once a link or an image uses it: one nothing uses is on no page.
        if (token.type === 'def') {
          if (isSafeLinkUrl(t.href)) definedLinks.push({ href: effectiveUrl(t.href), where });
        } else if (token.type === 'image' ? !t.raw.endsWith(')') : !written && t.raw.startsWith('[')) usedReferences.add(effectiveUrl(t.href));
        else if (token.type !== 'image' && isSafeLinkUrl(t.href)) options.onLink?.(effectiveUrl(t.href), where);
        // An image that is not copied (`/en/other-release/map.png`, or in full) is fetched from where it is written, as a link leads there.
        if (token.type === 'image' && t.raw.endsWith(')') && isSafeBodyUrl(t.href) && !isLocalImage(effectiveUrl(t.href))) options.onLink?.(effectiveUrl(t.href), where);
        if (token.type === 'link' && (t as Tokens.Link).text.trim() === '' && written) {
          if (++emptyLinks > MAX_PER_RULE) countOnly(options, 'content/unread-link');
          else options.report('content/unread-link', {
            ...FRESH, ...where,
            message: `The link ${quote(t.raw, 60)} has no text, so the page shows nothing to click, and a screen reader reads out its address instead.`,
            hint: `Write what the link leads to between the brackets: ${quote(`[the application form](${t.href || 'https://…'})`, 80)}.`,
          });
        }
        if (token.type === 'image' && isSafeBodyUrl(t.href) && isLocalImage(effectiveUrl(t.href))) options.onLocalImage?.(effectiveUrl(t.href), where);
        if (token.type === 'image' && imageAlt(token as Tokens.Image).trim() === '') {
          options.report('content/image-alt', {
            ...FRESH, ...where,
            message: 'The image has no alternative text.',
            hint: 'Describe the image between the brackets: ![Officers at the border checkpoint](photo.jpg).',
          });
        }
        break;
      }
      case 'html': {
        const where = locator.locate(token.raw);
        if (htmlTokens++ === tooDeep) {
          options.report('content/too-complex', {
            ...FRESH, ...where,
            message: `The body's HTML nests elements more than ${MAX_HTML_NESTING} levels deep, counting the tags left open, too deep to read in reasonable time.`,
            hint: 'Close the tags you open, or flatten the nesting.',
          });
        }
        // A closing tag ends an occurrence already counted: `<b>bold</b>` is one place, not two. A comment is shown nowhere.
        if (!/^\s*<\//.test(token.raw) && withoutComments(token.raw).trim() !== '') rawHtml.push({ token, where });
        // With `html: safe` an <img> of the author's is kept, so a local one is copied like a Markdown image, and one without
        // an `alt` (an invalid page, and a screen reader reads out its file name) is the error a Markdown image's would be.
        if (options.html === 'safe' && tooDeep === -1) {
          // In a quote or a list item the token's text lacks the `> ` and the indent of its later lines: past its first line,
          // places are found in the file itself.
          const multiline = token.raw.includes('\n');
          const place = (multiline ? locator.placeLines(token.raw) : undefined) ?? placesWithin(where, token.raw);
          for (const id of rawIds(token.raw, linksBefore.get(token))) bodyIds.add(id);
          for (const { tag: element, src, alt, start, end, tagStart, tagEnd } of rawAddresses(token.raw, true)) {
            if (!isSafeBodyUrl(src)) continue;
            const tag = token.raw.slice(tagStart, tagEnd);
            const at = tag.includes('\n') || token.raw.lastIndexOf('\n', tagStart) === -1 ? undefined : locator.peek(tag);
            if (element === 'a') {
              const fragment = pageFragment(src);
              const tagAt = at ? { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + tag.length } : place(tagStart, tagEnd);
              if (fragment !== undefined) fragmentLinks.push({ href: src, id: fragment, where: tagAt });
              options.onLink?.(src, tagAt);
              continue;
            }
            if (options.onLocalImage && isLocalImage(src)) {
              options.onLocalImage(src, at ? { line: at.line, column: at.column + start - tagStart, endLine: at.line, endColumn: at.column + end - tagStart } : place(start, end));
            }
            // Found once: a place within the token is found going forward only.
            const tagAt = isLocalImage(src) && alt ? undefined : at ? { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + tag.length } : place(tagStart, tagEnd);
            if (!isLocalImage(src) && tagAt) options.onLink?.(src, tagAt);
            if (!alt && tagAt) {
              options.report('content/image-alt', {
                ...FRESH, ...tagAt,
                message: `The image ${quote(tag.replace(/\s+/g, ' '), 60)} has no alternative text: an image of the page has an \`alt\`, and a screen reader reads out its address instead.`,
                hint: 'Describe the image in an `alt` attribute: <img src="…" alt="Officers at the border checkpoint">, or write alt="" for one that only decorates.',
              });
            }
          }
        }
        break;
      }
      case 'heading': {
        const heading = token as Tokens.Heading;
        if (isEmptyHeading(heading)) {
          // Past it: a line of fewer marks after `### ###` is not found inside it.
          const where = locator.locatePast(heading.raw.trimEnd());
          // The end mark closing the body is said by `content/repeated-part`, once.
          if (token !== closingEndMark) {
            options.report('content/empty-heading', {
              ...FRESH, ...where,
              message: `The line ${quote(heading.raw.trim())} is a heading with no text, so no output shows it; a heading's words written on the next line are a paragraph of their own.`,
              hint: `Write the heading's words after the marks, on the same line (${quote(`${heading.raw.trim().split(/[ \t]/)[0]!} About the Service`)}), or delete the line.`,
            });
          }
        } else {
          const given = (heading as HeadingWithId).id;
          if (given !== undefined) bodyIds.add(given);
          const refused = (heading as HeadingWithId).refusedId;
          const repeats = title !== '' && comparable(inlineText(heading.tokens), options.lang) === title;
          const underlined = underlinedText(heading);
          if (!repeats && !refused && !underlined) {
            locator.skipTo(token.raw);
            break;
          }
          const where = locator.locate(heading.raw.trimEnd());
          if (underlined) {
            options.report('content/underlined-text', {
              ...FRESH, ...where,
              message: `${underlined === 'lines' ? 'These lines are' : 'This sentence is'} read by Markdown as a heading: the line of \`-\` right under ${underlined === 'lines' ? 'them' : 'it'} underlines ${underlined === 'lines' ? 'them' : 'it'}, so every output shows ${underlined === 'lines' ? 'them' : 'it'} as a heading, not as a paragraph with a line after it.`,
              hint: 'To draw a line after the paragraph, put a blank line before the `---`; for a heading, write it on one line as `## …`, without a full stop.',
            });
          }
          if (repeats) {
            options.report('content/repeated-title', {
              ...FRESH, ...where,
              message: 'The body has a heading that repeats the title; the page would show the headline twice.',
              hint: 'Delete the heading: the title is printed above the body.',
            });
          }
          if (refused) {
            options.report('content/heading-id', {
              ...FRESH, ...where,
              message: refused.reason === 'again'
                ? `The heading's id ${quote(`#${refused.id}`)} is an earlier heading's; an id names one element of a page, so this heading gets none, and a link to it leads to the first.`
                : refused.reason === 'taken'
                  ? `The heading's id ${quote(`#${refused.id}`)} is one the page gives an element of its own (the main content, the contacts or the about section, or a footnote), so the heading gets none.`
                  : `${quote(`{#${refused.id}}`)} is not read as the heading's id, which is Latin letters, digits, \`-\` and \`_\` after a letter, so every output shows it as text.`,
              hint: refused.reason === 'form'
                ? `Write the id with those only (${quote(`{#${idMeant(refused.id, options.lang)}}`)}), or leave it out.`
                : `Give the heading an id of its own (${quote(`{#${refused.id}-2}`)}), or none.`,
            });
          }
        }
        break;
      }
      case 'code': {
        const code = token as Tokens.Code;
        if (code.codeBlockStyle === 'indented' && readsAsProse(code.text)) {
          const at = locator.peek(token.raw);
          const indent = /^[ \t]*/.exec(token.raw)![0];
          const first = code.text.split('\n', 1)[0]!;
          options.report('content/indented-text', {
            ...FRESH, line: at.line, column: at.column + indent.length, endLine: at.line, endColumn: at.column + indent.length + first.length,
            message: `${/\n[ \t]*\n/.test(code.text) ? 'These paragraphs are' : 'This paragraph is'} indented by ${indent.includes('\t') ? 'a tab' : `${indent.length} spaces`}, so Markdown reads ${/\n[ \t]*\n/.test(code.text) ? 'them' : 'it'} as a code block: every output shows it as written, in a fixed-width font on the page and unwrapped in the text.`,
            hint: 'Delete the indent before the lines: a paragraph\'s first-line indent is the page\'s style to give, not the text\'s. To show code, put it between lines of ``` instead.',
          });
        }
        locator.skipPast(token.raw);
        break;
      }
      case 'codespan':
        locator.skipPast(token.raw);
        break;
      case 'text': {
        // A tight list item's text, whose lines Markdown joins as a paragraph's: `- Documents:` above `  a) passport` and `  b) photo`.
        if ((token as Tokens.Text).tokens) {
          checkParagraph(token);
          break;
        }
        for (const emphasis of spacedEmphasis(token.raw)) {
          if (++spacedEmphases > MAX_PER_RULE) {
            countOnly(options, 'content/spaced-emphasis');
            continue;
          }
          // Found by its own text, which lies on one line: in a quote or a list the token's later lines lack the `> ` or indent the file has.
          const at = locator.peek(emphasis.written);
          const strong = emphasis.marker.length > 1;
          options.report('content/spaced-emphasis', {
            ...FRESH, ...at,
            message: `The ${emphasis.marker.length === 3 ? 'bold italic' : strong ? 'bold' : 'italic'} text ${quote(emphasis.written, 60)} has a space inside its \`${emphasis.marker}\` markers, so Markdown does not read it as emphasis: every output shows the ${emphasis.marker[0] === '*' ? 'asterisks' : 'underscores'}.`,
            hint: `Write the markers against the words: ${quote(emphasis.meant, 60)}.`,
            actual: emphasis.written, expected: emphasis.meant,
          });
        }
        for (const unclosed of unclosedEmphasis(token.raw)) {
          if (++unclosedEmphases > MAX_PER_RULE) {
            countOnly(options, 'content/unclosed-emphasis');
            continue;
          }
          const what = unclosed.marker.length === 3 ? 'bold italic' : 'bold';
          const signs = unclosed.marker[0] === '*' ? 'asterisks' : 'underscores';
          options.report('content/unclosed-emphasis', {
            ...FRESH, ...locator.peek(unclosed.written),
            message: `The \`${unclosed.marker}\` in ${quote(unclosed.written, 60)} opens ${what} text that nothing closes, so Markdown does not read it as emphasis: every output shows the ${signs}.`,
            hint: `Write \`${unclosed.marker}\` again where the ${what} text ends, or \`${escapedMarker(unclosed.marker)}\` to show the ${signs}.`,
            actual: unclosed.written,
          });
        }
        // Citations and reference links left as text: the footnotes extension reads each citation whose note is defined, marked each defined link.
        if (!(token.raw.includes('[^') || token.raw.includes(']['))) break;
        const tokenAt = locator.peek(token.raw);
        const citationAt = placesInToken(locator, tokenAt, token.raw);
        for (const match of token.raw.matchAll(UNDEFINED_CITATION)) citations.push({ text: match[0], where: citationAt(match.index, match[0]) });
        const referenceAt = placesInToken(locator, tokenAt, token.raw);
        for (const match of token.raw.matchAll(UNRESOLVED_REFERENCE)) {
          // Words in brackets: numbers (`reported[1][2]`) or a signature's optional parts (`f(a[, b][, c])`) were meant as written.
          if (LINK_LIKE_TEXT.test(match[1]!)) references.push({ text: match[0], label: match[2] || match[1]!, where: referenceAt(match.index, match[0]) });
        }
        break;
      }
      case 'table': {
        // GFM drops the cells of a row past its header's: said at each row that has some.
        const table = token as Tokens.Table;
        const lines = table.raw.split('\n');
        let at: ReturnType<BodyLocator['locate']> | undefined;
        for (let i = 2; i < lines.length; i++) {
          const cells = rowCells(lines[i]!);
          if (cells <= table.header.length) continue;
          at ??= locator.peek(table.raw);
          options.report('content/table-cells', {
            line: at.line + i, column: 1, endLine: at.line + i, endColumn: lines[i]!.length + 1,
            message: `Row ${i - 1} of the table has ${cells} cells, but its header has ${table.header.length}: the last ${cells - table.header.length === 1 ? 'one is' : `${cells - table.header.length} are`} not shown.`,
            hint: 'Give the header a cell (and the line under it a `---`) for each column, or join the extra cells to the others.',
          });
        }
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const words = list.ordered && options.lang !== undefined ? listedDateWords(options.lang) : null;
        if (!words) break;
        for (const [index, item] of list.items.entries()) {
          const date = listedDate(item.raw, words);
          if (!date) continue;
          if (++listedDates > MAX_PER_RULE) {
            countOnly(options, 'content/listed-date');
            continue;
          }
          const at = locator.peek(date.line);
          const shown = `${Number(list.start === '' ? 1 : list.start) + index}.`;
          options.report('content/listed-date', {
            ...FRESH, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + date.written.length,
            message: shown === date.number
              ? `The line that opens with ${quote(date.written)} is read by Markdown as a numbered list's item, not as a date: every output shows it as a list apart from the text around it, with the ${date.number.length > 3 ? 'year' : 'day'} as the item's number.`
              : `The line that opens with ${quote(date.written)} is read by Markdown as a numbered list's item, not as a date: every output shows it as the next item of the list above it, ${quote(`${shown} ${date.word}`)}.`,
            hint: `Write the stop after the ${date.number.length > 3 ? 'year' : 'day'} as \`\\.\` (\`${date.number.slice(0, -1)}\\. ${date.word}\`), which Markdown shows as a stop and reads as no list.`,
          });
        }
        break;
      }
      case 'footnote':
        definitions.push({ label: (token as unknown as FootnoteToken).label, where: locator.peek(token.raw.trimEnd()) });
        break;
      case 'footnotes':
        for (const note of (token as unknown as FootnotesToken).items) {
          if (note.refs.length === 0) continue;
          cited.add(note.label);
          // The note and each of its marks, as the renderer gives them ids: `fn-1`, `fn-ref-1`, `fn-ref-1-2` for the second mark.
          const n = footnoteNumber(note);
          bodyIds.add(`fn-${n}`);
          note.refs.forEach((_, i) => bodyIds.add(`fn-ref-${n}${i > 0 ? `-${i + 1}` : ''}`));
        }
        break;
      case 'paragraph':
        checkParagraph(token);
        break;
      default:
        if (token.type === 'list_item' || token.type === 'blockquote') locator.skipTo(token.raw);
    }
  });
  reportFragmentLinks(fragmentLinks, bodyIds, options);
  for (const { href, where } of definedLinks) if (usedReferences.has(href)) options.onLink?.(href, where);
  const undefinedReferences = references.filter((r) => !defined.has(referenceLabel(r.label)));
  for (const { text, label, where } of undefinedReferences.slice(0, MAX_PER_RULE)) {
    options.report('content/unread-link', {
      ...FRESH, ...where,
      message: `The link ${quote(text, 60)} is not read as a link: Markdown finds no definition of ${quote(`[${label}]`, 40)} in the body, so the page shows it as text.`,
      hint: `Add a line such as ${quote(`[${label}]: https://…`, 60)} after a blank line (a space, not a tab, after the colon), or write the address in the link, as [text](https://…).`,
    });
  }
  // A citation of a note that is defined was left as text only inside a link's text or an image's description (see `outsideLinks`).
  const definedLabels = new Set(definitions.map((d) => d.label));
  const citedInLinks = new Set<string>();
  for (const { text, where } of citations.slice(0, MAX_PER_RULE)) {
    const label = text.slice(2, -1);
    if (definedLabels.has(label)) {
      citedInLinks.add(label);
      options.report('content/footnote', {
        ...FRESH, ...where,
        message: `The footnote ${quote(text, 40)} is cited inside a link's text or an image's description, which cannot hold a citation (it is a link of its own), so the page shows the brackets as text there.`,
        hint: `Cite it after the link or the image: ${quote(`…](…)${text}`, 40)}.`,
      });
      continue;
    }
    options.report('content/footnote', {
      ...FRESH, ...where,
      message: `The footnote ${quote(text, 40)} is cited, but no ${quote(`${text}: …`, 44)} line defines its note, so the page shows the brackets as text.`,
      hint: `Add the note as a line of its own, ${quote(`${text}: The note's text.`, 60)}, or delete the citation.`,
    });
  }
  for (let i = MAX_PER_RULE; i < undefinedReferences.length; i++) countOnly(options, 'content/unread-link');
  for (let i = MAX_PER_RULE; i < citations.length; i++) countOnly(options, 'content/footnote');
  // Markdown keeps the first note of a label, as it keeps the first definition of a link's; a later one is in no output.
  const firstDefinitions = new Map<string, ReturnType<BodyLocator['locate']>>();
  for (const { label, where } of definitions) {
    const first = firstDefinitions.get(label);
    if (first) {
      options.report('content/footnote', {
        ...FRESH, ...where,
        message: `The footnote ${quote(`[^${label}]`, 40)} is defined again: Markdown reads only its first note, on line ${first.line}, so no output shows this one.`,
        hint: `Give this note a label of its own, as ${quote(`[^${label}-2]: …`, 40)}, and cite it where it belongs, or join its text to the first note.`,
      });
      continue;
    }
    firstDefinitions.set(label, where);
    if (cited.has(label) || citedInLinks.has(label)) continue;
    options.report('content/footnote', {
      ...FRESH, ...where,
      message: `The footnote ${quote(`[^${label}]`, 40)} is never cited in the text, so no output shows it.`,
      hint: `Cite it where it belongs, as ${quote(`text[^${label}]`, 40)}, or delete it.`,
    });
  }
  checkTemplateSyntax(body, options);
  checkUnreadLinks(body, options);
  checkSpacedLinks(body, options);
  checkSpacedTelephoneAutolinks(body, options);
  const first = options.html === 'safe' ? undefined : rawHtml[0];
  if (first) {
    const others = rawHtml.slice(1).map((h) => h.where.line);
    const lines = [...new Set(others)];
    options.report('content/raw-html', {
      ...FRESH, ...first.where,
      message: rawHtml.length === 1
        ? `The body contains raw HTML (${quote(first.token.raw.trim(), 40)}); it is shown as text, not as markup.`
        : `The body contains raw HTML in ${rawHtml.length} places (first ${quote(first.token.raw.trim(), 40)}; also on line${lines.length === 1 ? '' : 's'} ${abbreviateList(lines)}); it is shown as text, not as markup.`,
      hint: 'Use Markdown instead of HTML: **bold**, *italic*, [link](https://…).',
    });
  }
}

/**
 * Links to a part of their own page (`#quotas`) that no element of the page has: not a heading of the body (its id written
 * after it, `## Quotas {#quotas}`), a footnote's note or mark as the renderer numbers them, an element of raw HTML that
 * `html: safe` keeps with its id, nor one the template set's page gives an element around the body (`pageIds`, as the
 * release's page has them; the default pages' `PAGE_IDS` without it). Ids are compared as browsers compare them, letter
 * case and all. The hint names the id likely meant: the same in another letter case (of the body's, then the page's),
 * else the closest of those the body gives (a footnote's only for a link of a footnote's form).
 */
function reportFragmentLinks(links: readonly { href: string; id: string; where: ReturnType<BodyLocator['locate']> }[], bodyIds: ReadonlySet<string>, options: ContentCheckOptions): void {
  if (links.length === 0) return;
  let reported = 0;
  let candidates: { own: string[]; page: readonly string[]; notes: string[] } | undefined;
  for (const { href, id, where } of links) {
    const onPage = options.pageIds ? options.pageIds.get(id) : PAGE_IDS.includes(id) || undefined;
    if (bodyIds.has(id) || onPage === true) continue;
    if (++reported > MAX_PER_RULE) {
      countOnly(options, 'content/link-target');
      continue;
    }
    candidates ??= {
      own: [...bodyIds].filter((c) => !FOOTNOTE_ID.test(c)),
      page: options.pageIds ? [...options.pageIds].filter(([, on]) => on).map(([c]) => c) : PAGE_IDS,
      notes: [...bodyIds].filter((c) => FOOTNOTE_ID.test(c)),
    };
    const note = FOOTNOTE_ID.test(id);
    // One the set's page gives only to a section this page lacks.
    const section = onPage === false ? (id === 'contacts-heading' ? 'contacts' : id === 'about-heading' ? 'about' : undefined) : undefined;
    const lower = id.toLowerCase();
    // A note's number is no spelling of another's: only another letter case is suggested for one.
    const meant = section ? undefined : note ? candidates.notes.find((c) => c.toLowerCase() === lower) : candidates.own.find((c) => c.toLowerCase() === lower) ?? candidates.page.find((c) => c.toLowerCase() === lower) ?? closest(id, candidates.own);
    const shown = quote(href, 60);
    options.report('content/link-target', {
      ...FRESH, ...where,
      message: section === 'contacts'
        ? `The link ${shown} leads to the contacts' heading, but the page has no contacts section: the release names no contacts, nor does the config for its language, so the link leads nowhere.`
        : section === 'about'
          ? `The link ${shown} leads to the heading of the about section, but the page has none: the config's \`about\` has no text for the release's language, so the link leads nowhere.`
          : note
            ? `The link ${shown} leads to a footnote's ${id.startsWith('fn-ref-') ? 'mark' : 'note'} the page does not have, so it leads nowhere: the notes are numbered in the order the text cites them.`
            : `The link ${shown} leads to a part of the page that no element has: no heading${options.html === 'safe' ? ' or kept HTML element' : ''} has the id ${quote(id, 60)}, so the link leads nowhere.`,
      hint: meant !== undefined
        ? `Did you mean ${quote(`#${meant}`, 60)}?${meant.toLowerCase() === lower ? ' An id is matched in its letter case.' : ''}`
        : section === 'contacts'
          ? 'Add the people to contact (`contacts: [{name: …, email: …}]`), or delete the link.'
          : section === 'about'
            ? 'Add the text to the config\'s `about` for the release\'s language, or delete the link.'
            : note
              ? 'Link the note by the number the page shows for it (`#fn-1` for the first one cited), or cite it, or delete the link.'
              : `Give the heading it should lead to that id after its text (${quote(`## Heading {#${ID_WRITTEN.test(id) ? id : 'heading-id'}}`, 80)}), or correct the link.`,
      actual: href,
      ...(meant !== undefined ? { expected: `#${meant}` } : {}),
    });
  }
}

/** An id of a footnote's form, the renderer's own (`fn-2`, `fn-ref-2-3`). */
const FOOTNOTE_ID = /^fn-(?:ref-)?\d/;
/** An id a heading may be given, as `HEADING_ID` reads one. */
const ID_WRITTEN = /^[A-Za-z][\w-]*$/;

/**
 * Another tool's template syntax left in the text: Liquid and Jekyll tags
 * (`{% … %}`), expressions (`{{ … }}`) and Hugo shortcodes (`{{< … >}}`,
 * `{{% … %}}`). It would be published verbatim. Code is left alone: there
 * it is what the author means to show.
 */
const TEMPLATE_SYNTAX = /\{\{<[^\n]{0,200}?>\}\}|\{\{%[^\n]{0,200}?%\}\}|\{%[^\n]{0,200}?%\}|\{\{[^\n]{0,200}?\}\}/g;

function checkTemplateSyntax(body: BodyTokens, options: ContentCheckOptions): void {
  if (!options.body.includes('{{') && !options.body.includes('{%')) return;
  const code = sourceRanges(body, options.body, CODE_TYPES);
  let reported = 0;
  for (const match of options.body.matchAll(TEMPLATE_SYNTAX)) {
    const start = match.index;
    if (within(code, start)) continue;
    if (++reported > MAX_PER_RULE) {
      countOnly(options, 'content/template-syntax');
      continue;
    }
    const from = positionAt(options.body, start);
    const to = positionAt(options.body, start + match[0].length);
    const kind = match[0].startsWith('{{<') || match[0].startsWith('{{%') ? 'a Hugo shortcode' : match[0].startsWith('{%') ? 'a Liquid or Jekyll tag' : 'a template expression';
    options.report('content/template-syntax', {
      line: from.line + options.bodyLine - 1, column: from.column, endLine: to.line + options.bodyLine - 1, endColumn: to.column,
      message: `The body contains ${kind} from another tool, ${quote(match[0], 50)}, which would be published as it stands.`,
      hint: 'Replace it with what it stood for (a link, an image, the text), or put it in `backticks` if the release is about the syntax itself.',
    });
  }
}

const CODE_TYPES: ReadonlySet<string> = new Set(['code', 'codespan']);
const CODE_AND_LINK_TYPES: ReadonlySet<string> = new Set(['code', 'codespan', 'link', 'image']);

/**
 * Where tokens of `types` lie in `source`, as [start, end) offsets, each
 * found after the one before; what lies inside one (a code span in a link)
 * is within its range already, and is not looked for. A token of several
 * lines is found by its first line, and then line by line a little way on:
 * inside a quote or a list the source holds `> ` or an indent between them,
 * which the token's text lacks. A token whose first line is not in the
 * source is left out.
 */
function sourceRanges(body: BodyTokens, source: string, types: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  let cursor = 0;
  // A token is looked for a little way on first; one not found there is looked for to the end of the body, at most MAX_FAR_SEARCHES times
  // in all, so that the search stays linear however many tokens are not where their text says (the source holds `\|` where a table
  // cell's token has `|`, `> ` where a quoted one has nothing).
  let farSearches = 0;
  walk(body.tokens, (token) => {
    if (!types.has(token.type)) return true;
    const forms = token.raw.includes('|') ? [token.raw, token.raw.replace(/\|/g, '\\|')] : [token.raw];
    let found: [number, number] | undefined;
    for (const form of forms) found ??= locateRaw(source, form, cursor, cursor + NEAR_SEARCH + form.length);
    for (const form of forms) if (!found && farSearches < MAX_FAR_SEARCHES) {
      farSearches++;
      found = locateRaw(source, form, cursor, source.length);
    }
    if (found) {
      ranges.push(found);
      cursor = found[1];
    }
    return false;
  });
  return ranges;
}

/**
 * The lines (counted from 0) on which Markdown starts a list item in `body`,
 * as its pages read it (with the footnote extension when it has a `[^`: a
 * line the plain reading takes for a link's definition, `[^2]:`, may open a
 * footnote whose HTML or code holds the lines after it): at the top level,
 * in quotes and in other items, not in footnotes. Each token is found in
 * the text it was read from, after the one before it, and its line counted
 * there: a container's content keeps the lines of its source (a quote's
 * `>` and an item's indent are taken off each line, no line taken away), so
 * a token inside it is on the container's line plus the lines before it in
 * that content. Undefined when the body is not read (too long or too deep,
 * as `lexBody` refuses it).
 */
export function listItemLines(body: string): Set<number> | undefined {
  const lexed = lexBody(body);
  if (!lexed.ok) return undefined;
  const starts = new Set<number>();
  const visit = (tokens: readonly Token[], text: string, firstLine: number): void => {
    let cursor = 0;
    let line = firstLine;
    for (const token of tokens) {
      if (token.raw === '') continue;
      // Where it is read from, next (a lone line break marked drops may come first); a token not found near is passed over.
      const at = text.startsWith(token.raw, cursor) ? cursor : text.slice(cursor, cursor + NEAR_SEARCH + token.raw.length).indexOf(token.raw);
      if (at === -1) continue;
      const start = at === cursor ? cursor : cursor + at;
      line += newlinesIn(text, cursor, start);
      const t = token as Token & { tokens?: Token[]; items?: Tokens.ListItem[]; text?: string };
      if (token.type === 'list') visit(t.items!, token.raw, line);
      else if (token.type === 'list_item') {
        starts.add(line);
        if (t.tokens && t.text !== undefined) visit(t.tokens, t.text, line);
      } else if (token.type === 'blockquote' && t.tokens && t.text !== undefined) visit(t.tokens, t.text, line);
      line += newlinesIn(text, start, start + token.raw.length);
      cursor = start + token.raw.length;
    }
  };
  visit(lexed.body.tokens, body, 0);
  return starts;
}

function newlinesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** How far on from the last token found the next is looked for first. */
const NEAR_SEARCH = 4096;
/** Searches to the end of the body, for tokens not found near. */
const MAX_FAR_SEARCHES = 32;

/** How far past a line of a token its next line may start in the source: the markers of some levels of quotes and lists. */
const LINE_PREFIX_ROOM = 64;

/** Where `raw` lies in `source`, starting at `from` and before `until`: its first line found, its other lines a little way on each. */
function locateRaw(source: string, raw: string, from: number, until: number): [number, number] | undefined {
  const lines = raw.split('\n');
  const first = source.slice(from, until).indexOf(lines[0]!);
  if (first === -1) return undefined;
  const at = from + first;
  let end = at + lines[0]!.length;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const next = source.slice(end, end + 1 + LINE_PREFIX_ROOM + line.length).indexOf(line, 1);
    if (next === -1) break;
    end += next + line.length;
  }
  return [at, end];
}

/** Whether `offset` lies in one of `ranges` (in order, as `sourceRanges` gives them). */
function within(ranges: readonly [number, number][], offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle]!;
    if (offset < from) high = middle - 1;
    else if (offset >= to) low = middle + 1;
    else return true;
  }
  return false;
}

/** `](address)` on one line, the address without brackets of its own: what a link or image that was not read as one leaves in the text. */
const LINK_TAIL = /\]\(([^()\n]{1,500})\)/g;

/**
 * A line opening with a bullet as word processors and e-mail clients write
 * one (U+F0B7 is Word's Symbol-font bullet), then a blank. Dashes are not
 * bullets here: a line opening with one may be dialogue, or a dash used as
 * itself; `dashedItems` takes them for a list only where they are punctuated as one.
 */
const BULLET_LINE = /^[ \t]*([•◦▪▫●○■□‣⁃∙·\uF0B7])[ \t\u00A0]+(\S.*)$/;
const BULLET = /[•◦▪▫●○■□‣⁃∙·\uF0B7]/;
/**
 * A line opening with the bullet Word writes, with a tab after it, for an item under another when a list is pasted as text:
 * `o` (the second level's, in Courier New) or `§` (the third's, Wingdings' square, U+F0A7 in its own font). Read only in a
 * paragraph that has a bullet of the first level.
 */
const NESTED_BULLET_LINE = /^[ \t]*([o§\uF0A7])\t[ \t]*(\S.*)$/;

/** A list pasted as lines of a paragraph: its first line, marker and item's text, how many lines, and those of items under others. */
interface PastedList {
  line: string;
  marker: string;
  item: string;
  count: number;
  nested?: { marker: string; item: string; count: number };
}

/** Whether a line ends with a line break of its own: a backslash, two spaces, or `<br>` (which `html: safe` keeps). */
function endsWithBreak(line: string): boolean {
  return line.endsWith('\\') || line.endsWith('  ') || /<br\s*\/?>\s*$/i.test(line.slice(-16));
}

/**
 * Whether a heading is text a line of `-` right under it made one (a setext heading, `Text.` then `---`), as a line drawn
 * after a paragraph is written without the blank line between them: `'sentence'` for one line ending with a full stop, as
 * no heading ends, `'lines'` for more than one line of text, as no heading is written; undefined for any other heading.
 */
function underlinedText(heading: Tokens.Heading): 'sentence' | 'lines' | undefined {
  const lines = heading.raw.trimEnd().split('\n');
  if (lines.length < 2 || !/^ {0,3}-+[ \t]*$/.test(lines[lines.length - 1]!)) return undefined;
  if (lines.length > 2) return 'lines';
  return /[.。।](?:["'”’»)\]]*)$/u.test(heading.text.trimEnd()) && !/\.\.$/.test(heading.text.trimEnd()) ? 'sentence' : undefined;
}

/**
 * The day and month, or the year and the word after it, that an ordered list's item opens with (`1. Januar`, `17. März`,
 * `3. Okt.`, Hungarian `2027. január`, Latvian `2027. gada`), as a language that writes a day or a year with a stop writes
 * a date (`listedDateWords`); undefined for any other item.
 */
function listedDate(raw: string, words: ListedDateWords): { line: string; written: string; number: string; word: string } | undefined {
  const line = raw.split('\n', 1)[0]!;
  const match = /^[ \t]*((\d{1,4}\.)[ \t]+([\p{L}\p{M}]+)(\.?))/u.exec(line);
  if (!match) return undefined;
  const value = Number.parseInt(match[2]!, 10);
  const digits = match[2]!.length - 1;
  const names = digits <= 2 && value >= 1 && value <= 31 ? words.afterDay : digits === 4 ? words.afterYear : [];
  const lower = match[3]!.normalize('NFC').toLowerCase();
  // `Jan.` is a short name with its stop; `Mai.` a name that ends a sentence.
  const word = match[4] && names.includes(`${lower}.`) ? `${match[3]!}.` : names.includes(lower) ? match[3]! : undefined;
  if (word === undefined) return undefined;
  return { line: line.trim(), written: `${match[2]!} ${word}`, number: match[2]!, word };
}

/** Whether every line of a paragraph but its last ends with a line break of its own, so that each is shown on a line of its own. */
function keepsBreaks(raw: string): boolean {
  // Most paragraphs are one line (their text may end with a line break): not split.
  const firstBreak = raw.indexOf('\n');
  if (firstBreak === -1 || firstBreak >= raw.trimEnd().length) return false;
  const lines = raw.replace(/\n+$/, '').split('\n');
  return lines.length > 1 && lines.slice(0, -1).every(endsWithBreak);
}

/** A line opening with an en or em dash and a blank, as Russian, Azerbaijani and Ukrainian texts mark a list's items. */
const DASHED_LINE = /^[ \t]*([–—])[ \t\u00A0]+(\S.*)$/;

/**
 * A paragraph in which two lines or more open with a dash (`– миграция;`)
 * where they are a list's items, not a dialogue's lines: the line before the
 * first ends with a colon, or every item but the last ends with `;` or `,`,
 * as such lists are punctuated. Markdown reads no dash as a list marker, so
 * the items run together. As `pastedBullets` gives a bullet's.
 */
function dashedItems(raw: string): PastedList | undefined {
  // Nearly every paragraph has no line opening with a dash: most are not split into lines.
  if (!/(?:^|\n)[ \t]*[–—]/.test(raw)) return undefined;
  const lines = raw.replace(/\n+$/, '').split('\n');
  const items = lines.map((line) => DASHED_LINE.exec(line));
  const first = items.findIndex((m) => m !== null);
  const dashed = items.filter((m): m is RegExpExecArray => m !== null);
  if (first === -1 || dashed.length < 2) return undefined;
  // A dialogue's lines: a question or an exclamation, or the author's words after a dash inside the line (`— Yes, — he said.`).
  if (dashed.some((m) => /[?!…][»”"')]*\s*$/u.test(m[2]!.slice(-8)) || /\s[–—]\s/u.test(m[2]!))) return undefined;
  const leading = dashed.slice(0, -1);
  // Under a colon, items ending as sentences end are direct speech (`He said:` / `– We answer in ten days.`), not a list's.
  const introduced = first > 0 && /[:：]\s*$/.test(lines[first - 1]!) && leading.every((m) => !/[.]\s*$/.test(m[2]!.slice(-4)));
  // Without one, items punctuated as a list's: with semicolons, or with commas from three items on (two lines ending in a comma
  // and a stop may be a sentence wrapped at its dashes: `— the wait is ten days,` / `— said the head of the office.`).
  const punctuated = leading.every((m) => /[;؛]\s*$/.test(m[2]!)) || (dashed.length >= 3 && leading.every((m) => /[;,؛]\s*$/.test(m[2]!)));
  if (!introduced && !punctuated) return undefined;
  const m = items[first]!;
  return { line: m[0].trimStart(), marker: m[1]!, item: m[2]!.trim(), count: dashed.length };
}

/**
 * A paragraph in which two lines or more open with a pasted bullet: the list
 * its author saw, which Markdown reads as one paragraph. The first of them,
 * its bullet and its item's text, and how many there are.
 */
function pastedBullets(raw: string): PastedList | undefined {
  // Nearly every paragraph has no bullet at all: it is not split into lines.
  if (!BULLET.test(raw)) return undefined;
  let first: RegExpExecArray | undefined;
  let nested: RegExpExecArray | undefined;
  let count = 0;
  let nestedCount = 0;
  for (const line of raw.split('\n')) {
    const m = BULLET_LINE.exec(line);
    if (m) {
      first ??= m;
      count++;
      continue;
    }
    const under = NESTED_BULLET_LINE.exec(line);
    if (!under) continue;
    nested ??= under;
    nestedCount++;
  }
  if (first === undefined || count + nestedCount < 2) return undefined;
  return {
    line: first[0].trimStart(), marker: first[1]!, item: first[2]!.trim(), count,
    ...(nested ? { nested: { marker: nested[1]!, item: nested[2]!.trim(), count: nestedCount } } : {}),
  };
}

/**
 * A line opening with a lettered item as word processors number lists in
 * letters and legal texts write them (`a)`, `(b)`, `в)`, `ii.`, `B)`), then
 * a blank: Markdown numbers list items in digits only, so such lines stay one
 * paragraph. The letter is lower-case, or one capital, or a Roman numeral in capitals.
 */
const LETTERED_LINE = /^[ \t]*(\(?)(\p{Ll}{1,4}|\p{Lu}|[IVX]{2,4})([.)])[ \t\u00A0]+(\S.*)$/u;
/** The first two letters of a lettered list: Latin, Cyrillic, and Roman numerals (`i.`, `ii.`), in either case. */
const FIRST_LETTERS: ReadonlyMap<string, string> = new Map([['a', 'b'], ['а', 'б'], ['i', 'ii'], ['A', 'B'], ['А', 'Б'], ['I', 'II']]);

/**
 * A paragraph whose lines hold a lettered list that Markdown reads as one
 * paragraph: a line opening with a first letter (`a)`) and a later one with
 * the second, written alike (`b)`, not `b.`). Only a list that starts so is
 * taken for one, so that a line opening with a word and a stop is not. The
 * first line, its letter and the second's as written, its item's text, and how
 * many lines open with a letter written alike.
 */
function letteredItems(raw: string): { line: string; marker: string; next: string; item: string; count: number } | undefined {
  // Nearly every paragraph has neither a `)` nor a line break followed by a letter and a stop: most are not split into lines.
  if (!raw.includes('\n') || !/[.)][ \t\u00A0]/u.test(raw)) return undefined;
  let first: RegExpExecArray | undefined;
  let second: string | undefined;
  let count = 0;
  for (const line of raw.split('\n')) {
    const m = LETTERED_LINE.exec(line);
    // A capital and a stop is most often a name's initial (`A. Mammadov`), a Roman numeral (`I.`, `II.`) aside.
    if (!m || (m[3] === '.' && m[1] === '' && /^\p{Lu}$/u.test(m[2]!) && m[2] !== 'I')) continue;
    if (first === undefined) {
      if (FIRST_LETTERS.has(m[2]!)) {
        first = m;
        count = 1;
      }
      continue;
    }
    // Written as the first is: the same bracket before the letter and the same mark after it.
    if (m[1] !== first[1] || m[3] !== first[3]) continue;
    if (second === undefined) {
      if (m[2] !== FIRST_LETTERS.get(first[2]!)) return undefined;
      second = m[0].trimStart().slice(0, m[1]!.length + m[2]!.length + m[3]!.length);
    }
    count++;
  }
  if (first === undefined || second === undefined) return undefined;
  return { line: first[0].trimStart(), marker: `${first[1]!}${first[2]!}${first[3]!}`, next: second, item: first[4]!.trim(), count };
}

/**
 * A line opening with a label and its colon, as a contact block or a form
 * is written (`Phone: +994 …`, `E-mail: press@…`, `Тел.: …`, `电话：…`): at most
 * three words of at most 40 letters before the colon, and something after
 * it. Or a line opening with a time, as a schedule is written (`10:00 …`,
 * `09.30–10.00 …`).
 */
const LABEL_LINE = /^[ \t]{0,3}(\p{L}[\p{L}\p{M}.'’-]*(?:[ \t/&][\p{L}\p{M}.'’-]+){0,2}?[:：])[ \t\u00A0]*\S/u;
const TIME_LINE = /^[ \t]{0,3}((?:[01]?\d|2[0-3])[:.][0-5]\d)(?![\d:.]\d)/u;

/**
 * Two lines or more in a row of a paragraph, each a label and its value or
 * a time and what happens then, that Markdown joins: the lines a contact
 * block or a schedule was written in (`Phone: …` under `Contact: …`), run
 * together into one line on every output. A line ending with a hard break
 * (`\`, two spaces) keeps the next apart, and a run that a line of prose
 * breaks is no such block. The run's first line, how its lines open, and how
 * many there are.
 */
function labelledLines(raw: string): { line: string; kind: 'label' | 'time'; starts: string[]; count: number } | undefined {
  // Nearly every paragraph is one line, or has no colon or stop where a label or a time ends: most are not split.
  if (!raw.includes('\n') || !/[:：.]/u.test(raw)) return undefined;
  const lines = raw.replace(/\n+$/, '').split('\n');
  const opening = (line: string): { kind: 'label' | 'time'; start: string } | undefined => {
    const time = TIME_LINE.exec(line);
    if (time) return { kind: 'time', start: time[1]! };
    const label = LABEL_LINE.exec(line);
    if (label && label[1]!.length <= 41) return { kind: 'label', start: label[1]! };
    return undefined;
  };
  let run: { first: number; kind: 'label' | 'time'; starts: string[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const open = opening(lines[i]!);
    // Tested by its end alone: a pattern for the blanks before a line's end would try every run of blanks inside the line.
    const joinedToPrevious = i > 0 && !endsWithBreak(lines[i - 1]!);
    if (open && run && joinedToPrevious && open.kind === run.kind) {
      run.starts.push(open.start);
      continue;
    }
    if (run && run.starts.length >= 2) break;
    // A schedule's times open its paragraph or follow its heading's colon: a time at the start of a line wrapped by hand (`close at` /
    // `20:00 on weekdays`) is the sentence's, as is a decimal (`rose to` / `12.40 thousand`).
    const schedule = open?.kind !== 'time' || i === 0 || /[:：]\s*$/u.test(lines[i - 1]!.slice(-8));
    run = open && schedule ? { first: i, kind: open.kind, starts: [open.start] } : undefined;
  }
  if (!run || run.starts.length < 2) return undefined;
  return { line: lines[run.first]!, kind: run.kind, starts: run.starts.slice(0, 3), count: run.starts.length };
}

/** What code has and sentences seldom do: brackets, operators, a path or an address, a shell's prompt or a comment. */
const CODE_MARKS = /[{}<>=$\\|`_@#*[\]]|:\/\/|^[ \t]*(?:\/\/|--|\/\*)|;[ \t]*$|\(\)/mu;
const PROSE_WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

/**
 * Whether an indented block's text reads as sentences, not code: six words or
 * more, nearly all its characters letters, spaces and a sentence's marks,
 * nothing code has and prose seldom does, and a sentence's end after its last
 * word. What an editor typed a first-line indent before, as a word processor
 * indents a paragraph, and Markdown took for code.
 */
function readsAsProse(text: string): boolean {
  if (CODE_MARKS.test(text) || !/[.!?…:»”"')]\s*$/u.test(text)) return false;
  const words = text.match(PROSE_WORD) ?? [];
  if (words.length < 6) return false;
  const letters = words.reduce((sum, word) => sum + word.length, 0);
  return letters >= 0.7 * text.replace(/\s+/g, '').length;
}

/**
 * A line opening with an item's number and its `.` or `)` (`4. Register`), as a numbered list's items are written: at most
 * three digits, since lines opening with years (`2025. A good year`) are no list's.
 */
const NUMBERED_LINE = /^ {0,3}(\d{1,3})([.)])[ \t]+\S/;

/**
 * Lines of a paragraph, past its first, that hold a numbered list starting
 * at another number than 1 (`4.`, `5.` … under `The remaining steps:`):
 * CommonMark lets only a list starting at 1 interrupt a paragraph, so these
 * stay its text, run together. Two lines or more numbered one after another,
 * written alike. The first, its number and mark, the next one's, and how many.
 */
function numberedItems(raw: string): { line: string; marker: string; next: string; count: number } | undefined {
  // Nearly every paragraph is one line, or has no line opening with a digit.
  if (!/\n {0,3}\d/.test(raw)) return undefined;
  const lines = raw.replace(/\n+$/, '').split('\n');
  // One pass: a run starts at a number other than 1 and goes on with the next number, written alike; the lines between
  // numbered ones are their items' next lines. The first run of two lines or more is the list.
  let run: { line: string; mark: string; marker: string; last: number; next?: string; count: number } | undefined;
  for (let i = 1; i < lines.length; i++) {
    const m = NUMBERED_LINE.exec(lines[i]!);
    if (!m) continue;
    const number = Number(m[1]);
    if (run && m[2] === run.mark && number === run.last + 1) {
      run.next ??= `${m[1]!}${m[2]!}`;
      run.last = number;
      run.count++;
      continue;
    }
    if (run && run.count >= 2) break;
    run = number === 1 ? undefined : { line: lines[i]!, mark: m[2]!, marker: `${m[1]!}${m[2]!}`, last: number, count: 1 };
  }
  return run?.next === undefined ? undefined : { line: run.line, marker: run.marker, next: run.next, count: run.count };
}

/** Whether a line is written as a table's row: a pipe first and last, as editors write them and GFM's tables are most often written. */
function isPipedRow(line: string): boolean {
  const text = line.trimEnd();
  return text.length > 1 && text.endsWith('|') && /^ {0,3}\|/.test(text);
}

/**
 * Whether a line is a table's delimiter cells (`|---|:--:|`), as GFM reads one under a header. Matched on the trimmed line,
 * so that no two runs of blanks in the pattern meet: such a pattern tries every split of a long run of blanks between them.
 */
function isDelimiterRow(line: string): boolean {
  return /^\|?[ \t]*:?-+:?(?:[ \t]*\|[ \t]*:?-+:?)*[ \t]*\|?$/.test(line.trim());
}

/**
 * Lines of a paragraph written as a table that Markdown did not read as one:
 * GFM wants a line of delimiter cells (`|---|---|`) under the header, with as
 * many cells as the header has. A header row whose delimiter line has another
 * number of cells (a column added to one and not the other) gives that line,
 * its cells and the header's; two rows or more with no delimiter line under
 * the first give the first of them and how many there are. Either way the
 * page shows the pipes and cells run together into one paragraph.
 */
function unreadTable(raw: string): { line: string; header: number; delimiter?: number; count: number } | undefined {
  // Nearly every paragraph has no pipe at all: it is not split into lines.
  if (!raw.includes('|')) return undefined;
  const lines = raw.replace(/\n+$/, '').split('\n');
  /** The first run of two rows or more, each of two cells or more: one row alone is too little to tell a table from a line between pipes. */
  let rows: { start: number; count: number } | undefined;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isPipedRow(line) || rowCells(line) < 2) {
      start = -1;
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && next.includes('|') && isDelimiterRow(next)) {
      const header = rowCells(line);
      const delimiter = rowCells(next);
      return delimiter === header ? undefined : { line: next, header, delimiter, count: 2 };
    }
    // A line of delimiter cells under no header row is no table's either, but not one of rows written without it.
    if (isDelimiterRow(line)) return undefined;
    if (start < 0) start = i;
    if (i - start + 1 >= 2 && (rows === undefined || rows.start === start)) rows = { start, count: i - start + 1 };
  }
  if (rows === undefined) return undefined;
  const first = lines[rows.start]!;
  return { line: first, header: rowCells(first), count: rows.count };
}

const GLUED_HASHES = /^ {0,3}(#{1,6})(?=[\p{L}\p{N}])/u;
const OTHER_HASHTAG = /\s#[\p{L}\p{N}_]/u;
const HASHTAG_WORD = /\p{Ll}\p{Lu}|\p{N}/u;
const ACRONYM_TAG = /^#\p{Lu}[\p{Lu}\p{N}]+$/u;
const MAX_HEADING_WORDS = 12;

/**
 * A line that would be a heading if a space followed its hashes (`##About
 * the Service`): CommonMark wants one, so the line stays text. Two hashes or
 * more open no hashtag, so such a line is one wherever it stands in a
 * paragraph; one hash may be a hashtag (`#visas`), so it is taken for a
 * heading only where a heading stands: the paragraph's first line, short,
 * with no other hashtag (a list of tags), not ending like a sentence or a
 * clause, and followed by nothing or by a new sentence; not when its first
 * word is written like a tag (`#StopTrafficking`, `#Migration2026`, `#DMX`)
 * or in small letters (`#migration`), nor when a lone word (`#Background`)
 * is all the body's last paragraph holds.
 */
function gluedHeadings(raw: string, last: boolean): { line: string; hashes: string }[] {
  // Nearly every paragraph has no hash at all: it is not split into lines.
  if (!raw.includes('#')) return [];
  const found: { line: string; hashes: string }[] = [];
  const lines = raw.replace(/\n+$/, '').split('\n');
  lines.forEach((line, i) => {
    const m = GLUED_HASHES.exec(line);
    if (!m) return;
    const hashes = m[1]!;
    if (hashes.length === 1) {
      const text = line.trim();
      const words = text.split(/\s+/);
      const next = lines[i + 1];
      // A heading starts with a capital; a hashtag is often all small letters (#migration) or all capitals (#DMX, #ГМС).
      if (i > 0 || !/^#\p{Lu}/u.test(text) || ACRONYM_TAG.test(words[0]!) || OTHER_HASHTAG.test(text) || /[.,;…]$/.test(text) || words.length > MAX_HEADING_WORDS) return;
      if (next !== undefined && !/^\s*\p{Lu}/u.test(next)) return;
      if (HASHTAG_WORD.test(words[0]!) || (words.length === 1 && last && next === undefined)) return;
    }
    found.push({ line: line.trimStart(), hashes });
  });
  return found;
}


/**
 * The id to suggest for one that is none (`{#rates.2027}`, `{#правила}`,
 * `{#qaydalar-ə}`): letters of other scripts transliterated as a slug
 * writes them in the release's language (`pravila`, `qaydalar-e`), anything
 * else an id cannot hold a hyphen, starting at its first Latin letter.
 */
function idMeant(id: string, lang: string | undefined): string {
  const latin = id.replace(/[^ -~]+/g, (run) => toAscii(run, lang));
  return latin.replace(/[^\w-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '') || 'section';
}

/** A `*` or `_` with a blank or a line's end on one side: the quick test before a text is read run by run. */
const SPACED_MARKER = /[*_](?:[ \t\n]|$)|(?:^|[ \t\n])[*_]/;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/**
 * Emphasis whose markers have a space on their inner side (`** bold **`,
 * `*text *`, `__ x __`), in text as marked left it: markers that emphasise
 * something, code and list bullets are never text here, and an escaped `\*`
 * is a token of its own. A pair is two runs of the same marker, one to three
 * long, on one line, with no run of that marker between; the words between
 * hold a letter (`2 * 3 * 4` is arithmetic), and no letter or digit touches
 * either marker from outside (`Baku* and Ganja*` are footnote marks). A lone
 * `*` or `_`, or `___`, with blanks on both sides may be a sign or a
 * separator (`Baku * Ganja * Sumgait`, `5 * 3 for children*`, a blank `___`
 * to fill in), so it is taken for a marker only when the other marker is
 * spaced inside too and touches punctuation outside (`* very *.`).
 */
function spacedEmphasis(text: string): { marker: string; written: string; meant: string }[] {
  // Nearly every text has no marker next to a blank: it is not read run by run.
  if (!SPACED_MARKER.test(text)) return [];
  const found: { marker: string; written: string; meant: string }[] = [];
  for (const line of text.split('\n')) {
    const runs: { start: number; end: number }[] = [];
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c !== '*' && c !== '_') continue;
      const start = i;
      while (line[i + 1] === c) i++;
      runs.push({ start, end: i + 1 });
    }
    const blank = (at: number) => at < 0 || at >= line.length || line[at] === ' ' || line[at] === '\t';
    for (let k = 0; k < runs.length; k++) {
      const open = runs[k]!;
      const marker = line.slice(open.start, open.end);
      // The next run of the same marker: each run is looked past once for each marker, so a line costs time in proportion to its length.
      let n = k + 1;
      while (n < runs.length && line[runs[n]!.start] !== marker[0]) n++;
      const close = runs[n];
      if (close === undefined || marker.length > 3 || close.end - close.start !== marker.length) continue;
      const spacedOpen = blank(open.end);
      const spacedClose = blank(close.start - 1);
      if (!spacedOpen && !spacedClose) continue;
      if (WORD_CHARACTER.test(line[open.start - 1] ?? '') || WORD_CHARACTER.test(line[close.end] ?? '')) continue;
      const words = line.slice(open.end, close.start);
      if (!LETTER.test(words)) continue;
      if (marker.length === 1 || marker === '___') {
        const openAlone = spacedOpen && blank(open.start - 1);
        const closeAlone = spacedClose && blank(close.end);
        if ((openAlone && closeAlone) || (openAlone && !spacedClose) || (closeAlone && !spacedOpen)) continue;
      }
      found.push({ marker, written: line.slice(open.start, close.end), meant: `${marker}${words.trim()}${marker}` });
      k = n;
    }
  }
  return found;
}

/** A marker as written to show it: each character escaped (`\\*\\*`). */
const escapedMarker = (marker: string) => marker.replace(/[*_]/g, (c) => `\\${c}`);

/** Two or three `*` or `_` in a row: the quick test before a text is read run by run. */
const DOUBLE_MARKER = /\*\*|__/;

/**
 * Bold markers (`**`, `__`, `***`, `___`) left in text before a word, after
 * a blank or at the text's start: bold that nothing closes (`**important`).
 * Markers that emphasise something are never text here, nor code, nor an
 * escaped `\*`. A run inside a word (`2**10`, `file__name`), one with blanks
 * on both sides (`a ** b`), one after a word (`permits**`, as often a
 * footnote mark as a closer whose opener is missing), and a text with
 * another run of the same marker (a pair with a space inside it,
 * `content/spaced-emphasis`'s, or markers too tangled to say which is meant)
 * are left alone. `written` is the run with the word it opens.
 */
function unclosedEmphasis(text: string): { marker: string; written: string }[] {
  if (!DOUBLE_MARKER.test(text)) return [];
  const runs: { start: number; end: number; marker: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '*' && c !== '_') continue;
    const start = i;
    while (text[i + 1] === c) i++;
    runs.push({ start, end: i + 1, marker: text.slice(start, i + 1) });
  }
  const found: { marker: string; written: string }[] = [];
  const count = new Map<string, number>();
  for (const run of runs) count.set(run.marker, (count.get(run.marker) ?? 0) + 1);
  const blank = (at: number) => at < 0 || at >= text.length || /\s/.test(text[at]!);
  for (const run of runs) {
    if (run.marker.length < 2 || run.marker.length > 3 || count.get(run.marker) !== 1) continue;
    if (!blank(run.start - 1) || !WORD_CHARACTER.test(text[run.end] ?? '')) continue;
    // The word it opens, up to a blank: what a reader finds in the file.
    let to = run.end;
    while (to < text.length && !blank(to) && to - run.end < 40) to++;
    found.push({ marker: run.marker, written: text.slice(run.start, to) });
  }
  return found;
}

/** `[text][label]` or `[label][]` left in text: Markdown found no definition of the label. Brackets inside are not paired, as no link's are here. */
const UNRESOLVED_REFERENCE = /\[([^[\]\n]{1,200})\]\[([^[\]\n^]{0,200})\]/g;

/**
 * How many cells GFM reads in a table row: one more than the pipes between
 * them, a backslash escaping the character after it (a pipe in a code span
 * still parts cells, as GFM says), with a pipe at either end not counted.
 */
function rowCells(line: string): number {
  const text = line.trim();
  let pipes = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 124 /* | */) {
      pipes++;
      last = i;
    }
  }
  const leading = text.charCodeAt(0) === 124 ? 1 : 0;
  const trailing = pipes > leading && last === text.length - 1 ? 1 : 0;
  return pipes - leading - trailing + 1;
}

/**
 * Where each text found at an index in a token's raw text is in the file; columns count UTF-16 code units, as every other place does (an emoji is two).
 * A find past the token's first line is placed on its own line of the file, not at the token's start: a paragraph wrapped over
 * several lines is the common case, and an editor or an annotation must land on the line that holds it. In a quote or a list item
 * those lines lack the `> ` and the indent the file has, so they are looked for in the file (`placeLines`), from the search's
 * place, which is the token's own: `tokenAt` is a `peek`.
 */
function placesInToken(locator: BodyLocator, tokenAt: ReturnType<BodyLocator['locate']>, raw: string): (index: number, text: string) => ReturnType<BodyLocator['locate']> {
  const firstLineEnd = raw.indexOf('\n');
  let laterLines: ((start: number, end: number) => ReturnType<BodyLocator['locate']>) | undefined;
  return (index, text) => {
    if (firstLineEnd !== -1 && index > firstLineEnd) {
      laterLines ??= locator.placeLines(raw) ?? placesWithin(tokenAt, raw);
      return laterLines(index, index + text.length);
    }
    const column = tokenAt.column + index;
    return { line: tokenAt.line, column, endLine: tokenAt.line, endColumn: column + text.length };
  };
}

/** The text of what was meant as a link: it starts with no blank or separator, and has a letter. */
const LINK_LIKE_TEXT = /^(?![\s,;:])[^]*\p{L}/u;

/** A footnote citation left in text. */
const UNDEFINED_CITATION = /\[\^[^\]\s]{1,100}\]/g;

/** A reference label as Markdown compares labels: blanks as one space, letter case ignored. */
const referenceLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase();

/** How far back from `](` the `[` of a link's text is looked for. */
const LINK_TEXT_MAX = 1000;

/**
 * The links and images of `candidates` (each match found at the `]` that ends
 * a link's text) that Markdown did not read: outside code and the links it
 * read, not escaped (a `\]` is text the author escaped: no link was meant),
 * with the `[` that opens their text (on the same line and at most
 * LINK_TEXT_MAX characters back; brackets inside it are paired), whose text
 * `accept` takes. Each with where it starts (its `!`, for an image) and its
 * place in the file; past MAX_PER_RULE of them the rest are only counted.
 */
function* unreadLinks(body: BodyTokens, options: ContentCheckOptions, candidates: readonly RegExpExecArray[], accept: (text: string) => boolean = () => true): Generator<{ match: RegExpExecArray; start: number; image: boolean; place: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> }> {
  const taken = sourceRanges(body, options.body, CODE_AND_LINK_TYPES);
  const reach = bracketReach(options.body);
  let reported = 0;
  for (const match of candidates) {
    if (within(taken, match.index) || isEscaped(options.body, match.index)) continue;
    const open = openingBracket(options.body, match.index, LINK_TEXT_MAX, reach);
    if (open === undefined || isEscaped(options.body, open) || within(taken, open)) continue;
    if (!accept(options.body.slice(open + 1, match.index))) continue;
    const start = open > 0 && options.body[open - 1] === '!' ? open - 1 : open;
    if (++reported > MAX_PER_RULE) {
      countOnly(options, 'content/unread-link');
      continue;
    }
    const from = positionAt(options.body, start);
    const to = positionAt(options.body, match.index + match[0].length);
    yield { match, start, image: options.body[start] === '!', place: { line: from.line + options.bodyLine - 1, column: from.column, endLine: to.line + options.bodyLine - 1, endColumn: to.column } };
  }
}

/**
 * A link or image that Markdown did not read as one because its address has
 * a space (`![Centre](photos/new centre.jpg)`): the page would show the
 * brackets and the address as text, and a local image would not be copied.
 * Links and images that were read (an address with a title, `(a "t")`) and
 * code are left alone.
 */
function checkUnreadLinks(body: BodyTokens, options: ContentCheckOptions): void {
  if (!options.body.includes('](')) return;
  // An address with another tool's template syntax is content/template-syntax's to report.
  const candidates = [...options.body.matchAll(LINK_TAIL)].filter((match) => {
    const address = match[1]!.trim();
    return /\s/.test(address) && !address.startsWith('<') && !/\{[{%]/.test(address);
  });
  // Most bodies have none: the links and code are found only when one may be unread.
  if (candidates.length === 0) return;
  for (const { match, start, image, place } of unreadLinks(body, options, candidates)) {
    const address = match[1]!.trim();
    const text = options.body.slice(start, match.index + 1);
    const shown = quote(options.body.slice(start, match.index + match[0].length), 60);
    // An address without a space, then a title in quotes that holds the same quote mark (`"The "2026" report"`): the title's own
    // quote ends it, and the rest is no title. The space is the title's, which the address needs no escape for.
    const quoted = /^(\S+)\s+(["'])([^]*)\2$/.exec(address);
    if (quoted && quoted[3]!.includes(quoted[2]!)) {
      const [, url, mark, inner] = quoted as unknown as [string, string, string, string];
      const other = mark === '"' ? "'" : '"';
      options.report('content/unread-link', {
        ...FRESH, ...place,
        message: `The ${image ? 'image' : 'link'} ${shown} is not read as ${image ? 'an image' : 'a link'}: its title holds a ${mark} of its own, which Markdown takes for the title's end, so the page shows it as text.`,
        hint: `Put a backslash before each ${mark} inside the title, ${text}(${url} ${mark}${inner.replaceAll(mark, `\\${mark}`)}${mark})${inner.includes(other) ? '' : `, or write it in ${other === '"' ? 'double' : 'single'} quotes, ${text}(${url} ${other}${inner}${other})`}.`,
        actual: inner,
      });
      continue;
    }
    // A title after the address (`(my file.pdf "The guide")`) stays a title in both ways of writing it.
    const titled = /^(.*?\S)\s+("[^"]*"|'[^']*'|\([^()]*\))$/.exec(address);
    const url = titled ? titled[1]! : address;
    const title = titled ? ` ${titled[2]}` : '';
    const encoded = url.replace(/\s/g, (space) => (space === ' ' ? '%20' : encodeURIComponent(space)));
    options.report('content/unread-link', {
      ...FRESH, ...place,
      message: `The ${image ? 'image' : 'link'} ${shown} is not read as ${image ? 'an image' : 'a link'}: its address has a space, so the page shows it as text.`,
      // A telephone number's address takes neither `%20` nor a space in angle brackets (`TEL_ADDRESS`): both ways would be content/link-scheme errors.
      hint: !image && /^tel:/i.test(url)
        ? telephoneHint(url, (address) => `${text}(${address}${title})`)
        : `Write the address without spaces, ${text}(${encoded}${title}), or in angle brackets, ${text}(<${url}>${title}).${image ? ' A file name without spaces is simplest.' : ''}`,
      actual: url,
    });
  }
}

/** An address that names a picture by its file's extension, a query or fragment aside. */
const IMAGE_ADDRESS = /\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#][^]*)?$/i;
/** Most blanks looked for between a `!` and the link after it. */
const MAX_IMAGE_GAP = 8;

/**
 * `! [alt](src)`: an image whose `!` is parted from its `[` by a space, in
 * the text inside `token`, which marked reads as a `!` and a link. A `!`
 * after a word ends a sentence (`Apply now! [Form](…)`), and French puts a
 * space before one, so only a `!` that opens a line, or one after a space
 * before a link to a picture file, is taken for an image's.
 */
function spacedImagesIn(token: Token): { blanks: string; link: Tokens.Link }[] {
  const children = (token as { tokens?: Token[] }).tokens;
  if (!children || children.length < 2) return [];
  const found: { blanks: string; link: Tokens.Link }[] = [];
  for (let i = 1; i < children.length; i++) {
    const link = children[i]!;
    const before = children[i - 1]!;
    if (link.type !== 'link' || before.type !== 'text' || !link.raw.startsWith('[')) continue;
    const raw = before.raw;
    let bang = raw.length - 1;
    while (bang >= 0 && raw.length - 1 - bang < MAX_IMAGE_GAP && (raw[bang] === ' ' || raw[bang] === '\t')) bang--;
    if (bang === raw.length - 1 || raw[bang] !== '!') continue;
    // Text that comes first in a paragraph, a heading or a list item's text starts a line; inside emphasis or a link it does not.
    const opensLine = bang === 0 ? i === 1 && LINE_BLOCKS.has(token.type) : raw[bang - 1] === '\n';
    const afterBlank = raw[bang - 1] === ' ' || raw[bang - 1] === '\t';
    if (opensLine || (afterBlank && IMAGE_ADDRESS.test(effectiveUrl((link as Tokens.Link).href)))) found.push({ blanks: raw.slice(bang + 1), link: link as Tokens.Link });
  }
  return found;
}

const LINE_BLOCKS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'text']);

/**
 * `] (address)`: a link's text and its address parted by a space, so that
 * Markdown reads no link. Only an address that can be nothing else (a web
 * or e-mail address with its scheme, or `www.`) is taken for one: words in
 * brackets followed by words in parentheses are prose.
 */
const SPACED_LINK_TAIL = /\][ \t]+\(<?((?:https?:\/\/|mailto:|www\.)[^\s()<>]{1,500})>?\)/gi;

function checkSpacedLinks(body: BodyTokens, options: ContentCheckOptions): void {
  if (!options.body.includes('] (') && !options.body.includes(']\t(')) return;
  const candidates = [...options.body.matchAll(SPACED_LINK_TAIL)];
  if (candidates.length === 0) return;
  // A note's number in brackets (`reported [1] (https://…)`) is no link's text.
  for (const { match, start, image, place } of unreadLinks(body, options, candidates, (text) => LINK_LIKE_TEXT.test(text))) {
    const written = options.body.slice(start, match.index + match[0].length);
    options.report('content/unread-link', {
      ...FRESH, ...place,
      message: `The ${image ? 'image' : 'link'} ${quote(written, 60)} is not read as ${image ? 'an image' : 'a link'}: a space parts its text from its address, so the page shows the brackets and the address as text.`,
      hint: `Delete the space after the \`]\`: ${options.body.slice(start, match.index + 1)}(${match[1]!}).`,
      actual: written,
    });
  }
}

/** `<tel:+994 12 555 00 00>`: a telephone number in angle brackets with spaces, which no autolink may have. */
const SPACED_TEL_AUTOLINK = /<(tel:[^<>\n]{0,100}?\s[^<>\n]{0,100}?)>/gi;

/**
 * A telephone number written as an autolink with spaces (`<tel:+994 12 555 00 00>`): Markdown reads no link in it, and the
 * page shows it as text, angle brackets and all. The same in a link's address (`[call](<tel:…>)`) is content/link-scheme's.
 */
function checkSpacedTelephoneAutolinks(body: BodyTokens, options: ContentCheckOptions): void {
  if (!/<tel:/i.test(options.body)) return;
  const candidates = [...options.body.matchAll(SPACED_TEL_AUTOLINK)].filter((match) => !options.body.startsWith('](', match.index - 2));
  if (candidates.length === 0) return;
  const taken = sourceRanges(body, options.body, CODE_AND_LINK_TYPES);
  let reported = 0;
  for (const match of candidates) {
    if (within(taken, match.index) || isEscaped(options.body, match.index)) continue;
    if (++reported > MAX_PER_RULE) {
      countOnly(options, 'content/unread-link');
      continue;
    }
    const from = positionAt(options.body, match.index);
    const to = positionAt(options.body, match.index + match[0].length);
    options.report('content/unread-link', {
      line: from.line + options.bodyLine - 1, column: from.column, endLine: to.line + options.bodyLine - 1, endColumn: to.column,
      message: `The address ${quote(match[0], 60)} is not read as a link: it has spaces, which a telephone number's address cannot have, so the page shows it as text, angle brackets and all.`,
      hint: telephoneHint(match[1]!, (address) => `<${address}>`),
      actual: match[1]!,
    });
  }
}

/**
 * Where the `[` is that the `]` at `close` ends, pairing the brackets
 * between (`[see [annex] now]`): looked for on the same line, at most
 * `limit` characters back; undefined when there is none. From `reach`, the
 * body's `[` and line breaks, a line that has no `[` within the limit before
 * `close` is known at once, without walking back over it: a body of
 * thousands of `](a b)` on one line took a thousand steps for each.
 */
function openingBracket(body: string, close: number, limit: number, reach: BracketReach): number | undefined {
  const last = lastBefore(reach.opens, close);
  if (last < close - limit || last < lastBefore(reach.breaks, close)) return undefined;
  let depth = 0;
  for (let i = close - 1; i >= 0 && i >= close - limit; i--) {
    const c = body.charCodeAt(i);
    if (c === 10) return undefined;
    if ((c === 91 || c === 93) && isEscaped(body, i)) continue;
    if (c === 93 /* ] */) depth++;
    else if (c === 91 /* [ */) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** The offsets of a body's `[` and of its line breaks, each in order. */
interface BracketReach {
  opens: number[];
  breaks: number[];
}

function bracketReach(body: string): BracketReach {
  const opens: number[] = [];
  const breaks: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 91 /* [ */) opens.push(i);
    else if (c === 10) breaks.push(i);
  }
  return { opens, breaks };
}

/** The greatest of the ascending `offsets` below `at`, or -1. */
function lastBefore(offsets: readonly number[], at: number): number {
  let low = 0;
  let high = offsets.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (offsets[middle]! < at) {
      found = offsets[middle]!;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Whether the character at `at` is escaped: an odd number of backslashes before it (`\[` is, `\\[` is not). */
export function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  // A run of backslashes is counted up to 64 back: none longer is written, and each `[` of a long line is asked about.
  for (let i = at - 1; i >= 0 && i >= at - 64 && text.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** At most ten numbers, then how many more. */
function abbreviateList(numbers: readonly number[]): string {
  return numbers.length <= 10 ? numbers.join(', ') : `${numbers.slice(0, 10).join(', ')} and ${numbers.length - 10} more`;
}

/** What marked-footnote puts in the token tree (its own types are not exported from the package root). */
interface FootnoteRefToken { type: 'footnoteRef'; raw: string; index: number; id: string; label: string }
interface FootnoteToken { type: 'footnote'; raw: string; label: string; refs: FootnoteRefToken[]; content: Token[] }
interface FootnotesToken { type: 'footnotes'; raw: string; items: FootnoteToken[] }

/** The number a footnote shows: the order of its first reference in the text. */
const footnoteNumber = (note: FootnoteToken) => note.refs[0]?.id ?? '';

/**
 * What marks an element with an id as the Markdown renderer's (a heading's written id, a footnote's mark and note) for the
 * sanitizer of `html: safe`, which reads them in one text with the raw HTML and so could not tell them from a raw
 * `<h2 id="quotas">` or `<a id="fn-1">`: only these keep such an id (`markdownHeading`, `withFreeId`), and the mark goes
 * with every attribute the allowlist does not name. A value made anew each run is one no body can write.
 */
const RENDERER_MARK = `data-rendered-${globalThis.crypto.randomUUID()}`;

/**
 * What the renderer of `html: safe` writes a Markdown paragraph as, until `blocksOutOfPhrasing` writes it as <p>: the
 * sanitizer's parser closes a <p> where a block opens in it, as a browser does, and its end tag then stands alone, so that
 * a raw <div> in a paragraph left the text after it outside any paragraph. A name no body can write, as `RENDERER_MARK`.
 */
const MARKDOWN_PARAGRAPH = `p-${globalThis.crypto.randomUUID()}`;

/**
 * The HTML renderer. With `escape` (the default) raw HTML in the body is shown
 * as text; with `safe` it is passed on, and the whole rendered body then goes
 * through the sanitizer's allowlist (`sanitizeBody`).
 */
function createHtmlMarked(mode: HtmlMode): Marked {
const htmlMarked = new Marked({ gfm: true, async: false });
htmlMarked.use({
  renderer: {
    heading(token: HeadingWithId) {
      // No empty heading element: see `isEmptyHeading`. One whose text renders to nothing (a comment alone) is left out too.
      const inner = isEmptyHeading(token) ? '' : this.parser.parseInline(token.tokens);
      if (token.id !== undefined && inner.trim() !== '') headingIdsRendered?.add(token.id);
      const id = token.id === undefined ? '' : ` id="${escapeHtml(token.id)}"${mode === 'safe' ? ` ${RENDERER_MARK}` : ''}`;
      return inner.trim() === '' ? '' : `<h${token.depth}${id}>${inner}</h${token.depth}>\n`;
    },
    paragraph({ tokens }: Tokens.Paragraph) {
      const name = mode === 'safe' ? MARKDOWN_PARAGRAPH : 'p';
      return `<${name}>${this.parser.parseInline(tokens)}</${name}>\n`;
    },
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      if (mode !== 'safe') {
        const escaped = escapeHtml(withoutComments(text));
        if (!block) return escaped;
        return escaped.trim() === '' ? '' : `<p>${escaped.trim()}</p>\n`;
      }
      return current.images || current.linkBase !== undefined || current.linkRoot !== undefined || RAW_ADDRESS.test(text) ? withRawAddresses(text) : text;
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeLinkUrl(href)) return inner;
      const titleAttr = title ? ` title="${escapeHtml(decodeReferences(title))}"` : '';
      // A telephone number as the contacts write theirs: on one line, its groups in their order on a right-to-left page too.
      // A number as the link's text is kept on one line and left to right; words (`the hotline`) are text as any link's.
      if (TEL_ADDRESS.test(effectiveUrl(href))) return /^[\d\s+().\u2011-]+$/.test(inner) ? `<a href="${escapeHtml(encodeHref(href))}"${titleAttr} dir="ltr">${unbrokenText(inner)}</a>` : `<a href="${escapeHtml(encodeHref(href))}"${titleAttr}>${inner}</a>`;
      return `<a href="${escapeHtml(addressFor(encodeHref(href), true))}"${titleAttr}>${inner}</a>`;
    },
    image(image: Tokens.Image) {
      const { href, title } = image;
      const alt = escapeHtml(imageAlt(image));
      if (!isSafeBodyUrl(href)) return alt;
      const titleAttr = title ? ` title="${escapeHtml(decodeReferences(title))}"` : '';
      // A local image the build copied: the copy's address, and its size so the page does not jump as it loads.
      const copied = current.images?.[effectiveUrl(href)];
      if (copied) copiedImagesShown++;
      const src = copied ? copied.href : addressFor(encodeHref(href), true);
      const size = copied?.width !== undefined && copied.height !== undefined ? ` width="${copied.width}" height="${copied.height}"` : '';
      return `<img src="${escapeHtml(src)}" alt="${alt}"${titleAttr}${size} loading="lazy">`;
    },
    // Text as CommonMark reads it: a character reference only where it names one (`&copy;`), else text (`&copyright;`, `&pound1;`),
    // which marked writes as it is and a browser would read as `©right;`, as the plain text does not.
    text(token: Tokens.Text | Tokens.Escape) {
      if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
      if ('escaped' in token && token.escaped) return token.text;
      return escapeHtml(decodeReferences(token.text));
    },
    checkbox({ checked }: Tokens.Checkbox) {
      return `<input type="checkbox" disabled${checked ? ' checked' : ''}> `;
    },
    tablecell({ tokens, header, align }: Tokens.TableCell) {
      // HTML5 retired `align`; a class keeps the column's alignment for the template's stylesheet,
      // and `scope` tells screen readers which cells a header heads.
      const tag = header ? 'th' : 'td';
      return `<${tag}${header ? ' scope="col"' : ''}${align ? ` class="align-${align}"` : ''}>${this.parser.parseInline(tokens)}</${tag}>\n`;
    },
  },
});

htmlMarked.use({
  extensions: [
    // A definition renders where the notes are collected, at the end of the body.
    { name: 'footnote', renderer: () => '' },
    {
      name: 'footnoteRef',
      renderer(token) {
        const ref = token as unknown as FootnoteRefToken;
        const again = ref.index > 0 ? `-${ref.index + 1}` : '';
        return `<sup class="footnote-ref"><a id="fn-ref-${ref.id}${again}"${mode === 'safe' ? ` ${RENDERER_MARK}` : ''} href="#fn-${ref.id}">${numeral(ref.id)}</a></sup>`;
      },
    },
    {
      name: 'footnotes',
      renderer(token) {
        const notes = (token as unknown as FootnotesToken).items;
        if (notes.length === 0) return '';
        const items = notes.map((note) => {
          const n = footnoteNumber(note);
          const back = note.refs.map((_, i) => ` <a class="footnote-back" href="#fn-ref-${n}${i > 0 ? `-${i + 1}` : ''}">↩${i > 0 ? `<sup>${i + 1}</sup>` : ''}</a>`).join('');
          const content = this.parser.parse(note.content).trimEnd();
          // The way back goes at the end of the note's last paragraph, not on a line of its own.
          const end = `</${mode === 'safe' ? MARKDOWN_PARAGRAPH : 'p'}>`;
          const body = content.endsWith(end) ? `${content.slice(0, -end.length)}${back}${end}` : `${content}${back}`;
          return `<li id="fn-${n}"${mode === 'safe' ? ` ${RENDERER_MARK}` : ''}>${body}</li>\n`;
        }).join('');
        const heading = current.footnotesHeading === undefined ? '' : `<h2 class="footnotes-heading">${escapeHtml(current.footnotesHeading)}</h2>\n`;
        return `<section class="footnotes" role="doc-endnotes">\n<hr>\n${heading}<ol>\n${items}</ol>\n</section>\n`;
      },
    },
  ],
});
return htmlMarked;
}

/**
 * An image's description as its alternative text: its plain text, as
 * CommonMark gives it (`**new**` as `new`, `\_` as `_`, a link's text
 * without its address, entity references decoded), without the comments in
 * it, a note for the editor as anywhere in the body. Only what Markdown
 * reads as a comment goes, not an escaped `\<!--` or one in a code span.
 */
function imageAlt(image: { text: string; tokens?: Token[] }): string {
  if (!image.tokens) return decodeReferences(image.text);
  const parts: string[] = [];
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens as InlineToken[]) {
      if (token.type === 'html') {
        if (withoutComments(token.raw).trim() !== '') parts.push(token.raw);
      } else if (token.type === 'image') parts.push(imageAlt(token as Tokens.Image));
      else if (token.type === 'br') parts.push(' ');
      else if (token.type === 'escape' || token.type === 'codespan') parts.push(token.text ?? '');
      else if (token.tokens) walk(token.tokens);
      else if (token.type === 'text') parts.push(decodeReferences(token.text ?? ''));
    }
  };
  walk(image.tokens);
  return parts.join('');
}

/**
 * `html` without its complete comments (`<!-- … -->`, and the empty `<!-->`
 * and `<!--->`): a comment is a note for whoever edits the file, which no
 * browser shows, so no output shows it either. An unclosed `<!--` stays, and
 * everything after it: shown as text, it tells the author something is wrong.
 */
/**
 * Whether a body shows nothing in any output: only blank lines, HTML comments
 * (left out of every output) and link reference definitions (read by the
 * links that use them, shown nowhere).
 */
export function showsNothing(body: BodyTokens): boolean {
  return body.tokens.every((token) => token.type === 'space' || token.type === 'def' || (token.type === 'html' && withoutComments(token.raw).trim() === ''));
}

export function withoutComments(html: string): string {
  let start = html.indexOf('<!--');
  if (start === -1) return html;
  let out = '';
  let from = 0;
  while (start !== -1) {
    const empty = html.startsWith('>', start + 4) ? 5 : html.startsWith('->', start + 4) ? 6 : 0;
    const close = empty > 0 ? start + empty : html.indexOf('-->', start + 4);
    if (close === -1) break;
    out += html.slice(from, start);
    from = empty > 0 ? close : close + 3;
    start = html.indexOf('<!--', from);
  }
  return out + html.slice(from);
}

/** Thrown from inside an HTML parser's callbacks to stop it at `MAX_HTML_NESTING`. */
class HtmlTooDeep extends Error {}

/**
 * The index, among the body's raw HTML tokens, of the one in which elements
 * left open pass `MAX_HTML_NESTING` levels, or -1. The tokens are read
 * together, each after a void <wbr> that names it, by the sanitizer's own
 * parser: in the page, the elements Markdown writes between them can only
 * close what was left open inside them, and add Markdown's own levels.
 */
function tooDeepHtml(tokens: readonly Token[]): number {
  const html: string[] = [];
  let tags = 0;
  walk(tokens, (token) => {
    if (token.type !== 'html') return;
    html.push(token.raw);
    for (let i = token.raw.indexOf('<'); i !== -1; i = token.raw.indexOf('<', i + 1)) if (/[a-z]/i.test(token.raw[i + 1] ?? '')) tags++;
  });
  // Each element opens at a `<` before a letter: with no more of those than the limit, the body cannot nest past it,
  // and is not read again.
  if (tags <= MAX_HTML_NESTING) return -1;
  let at = -1;
  // The sanitizer's parser with its options: it closes elements where the sanitizer does.
  const deep = nestsPast(html.map((raw, i) => `<wbr data-token="${i}">${raw}`).join(''), MAX_HTML_NESTING, (name, attributes) => {
    if (name === 'wbr' && attributes['data-token'] !== undefined) at = Number(attributes['data-token']);
  }, SANITIZE);
  return deep ? at : -1;
}

/** Elements whose content the sanitizer drops with them (`SANITIZE.nonTextTags`): an <img> there is never shown. */
const DROPPED_ELEMENTS: readonly string[] = ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'xmp', 'iframe', 'object', 'noembed', 'noframes'];
const DROPPED = new Set(DROPPED_ELEMENTS);

/** An address found in raw HTML: the `src` of an <img> or, where asked for, the `href` of an <a>, entities decoded, with where its value and its tag are. */
interface RawAddress {
  tag: 'img' | 'a';
  src: string;
  /** Whether the tag has an `alt`, empty or not. */
  alt: boolean;
  start: number;
  end: number;
  tagStart: number;
  tagEnd: number;
}

/**
 * The `src` of each <img> tag in raw HTML that the sanitizer keeps (and,
 * with `links`, the `href` of each <a>), read by the HTML parser the
 * sanitizer reads it with (htmlparser2), so that comments, elements whose
 * content it drops (closed implicitly or not) and quoted `<` or `>` in
 * attributes are taken as it takes them. Each comes with where its value is
 * in the text, entities decoded, and where its tag is. Past
 * `MAX_HTML_NESTING` open elements the search stops, with the addresses
 * found before: the check refuses a body nested so deep.
 */
function rawAddresses(html: string, links: boolean): RawAddress[] {
  const found: RawAddress[] = [];
  // No <img> (or <a>), none to find: most raw HTML is a <sup> or a <br>, and the parser need not even be loaded (scripts/bundle.js).
  if (!(links ? /<(?:img|a)[\s/>]/i : /<img/i).test(html)) return found;
  let dropped = 0;
  let depth = 0;
  const parser: Parser = new Parser({
    onopentag(name, attributes) {
      if (++depth > MAX_HTML_NESTING) throw new HtmlTooDeep();
      if (DROPPED.has(name)) dropped++;
      else if ((name === 'img' || (links && name === 'a')) && dropped === 0) {
        const tagStart = parser.startIndex;
        const tagEnd = parser.endIndex + 1;
        const value = attributeValue(html, tagStart, tagEnd, name === 'img' ? 'src' : 'href');
        if (value) {
          // Decoded as a browser decodes an attribute: `&region=` in a query is no `&reg;`.
          const written = html.slice(value.start, value.end);
          found.push({ tag: name, src: written.includes('&') ? decodeHTMLAttribute(written) : written, alt: attributes.alt !== undefined, start: value.start, end: value.end, tagStart, tagEnd });
        }
      }
    },
    onclosetag(name) {
      depth--;
      if (DROPPED.has(name) && dropped > 0) dropped--;
    },
  }, { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true });
  try {
    parser.end(html);
  } catch (cause) {
    if (!(cause instanceof HtmlTooDeep)) throw cause;
  }
  return found;
}

/**
 * Where the value of attribute `name` is in the tag from `start` to `end`
 * of `html`, read as HTML reads attributes (names, `=`, quoted or bare
 * values), in one pass; undefined without one.
 */
function attributeValue(html: string, start: number, end: number, name: string): { start: number; end: number } | undefined {
  let i = start + 1;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  // The tag's name.
  while (i < end && !isSpace(html[i]) && html[i] !== '>' && html[i] !== '/') i++;
  while (i < end) {
    while (i < end && (isSpace(html[i]) || html[i] === '/')) i++;
    const nameStart = i;
    while (i < end && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>' && html[i] !== '/') i++;
    if (i === nameStart) return undefined;
    const attribute = html.slice(nameStart, i).toLowerCase();
    while (i < end && isSpace(html[i])) i++;
    if (html[i] !== '=') continue;
    i++;
    while (i < end && isSpace(html[i])) i++;
    const quote = html[i] === '"' || html[i] === "'" ? html[i] : undefined;
    const valueStart = quote ? i + 1 : i;
    let valueEnd = valueStart;
    if (quote) {
      valueEnd = html.indexOf(quote, valueStart);
      if (valueEnd === -1 || valueEnd > end) valueEnd = end;
      i = valueEnd + 1;
    } else {
      while (valueEnd < end && !isSpace(html[valueEnd]) && html[valueEnd] !== '>') valueEnd++;
      i = valueEnd;
    }
    if (attribute === name) return { start: valueStart, end: valueEnd };
  }
  return undefined;
}

/**
 * Raw HTML (kept by `html: safe`) with its local <img> pointing at the
 * copies, with their size, and, where the rendering has a `linkBase`, the
 * other addresses of its <img> and <a> tags resolved against it (counted
 * in any case: see `addressFor`); the sanitizer runs after. An empty
 * address is left empty: the sanitizer drops it from the page.
 */
function withRawAddresses(html: string): string {
  const images = current.images;
  let out = '';
  let from = 0;
  for (const { tag, src, start, end, tagStart, tagEnd } of rawAddresses(html, true)) {
    const copied = tag === 'img' ? images?.[src] : undefined;
    if (!copied) {
      if (src.trim() === '') continue;
      const address = addressFor(src);
      if (address === src) continue;
      out += html.slice(from, start) + escapeHtml(address);
      from = end;
      continue;
    }
    copiedImagesShown++;
    out += html.slice(from, start) + escapeHtml(copied.href);
    from = end;
    // The size goes right after the address, unless the author gave one.
    const sized = attributeValue(html, tagStart, tagEnd, 'width') ?? attributeValue(html, tagStart, tagEnd, 'height');
    if (copied.width !== undefined && copied.height !== undefined && !sized) {
      const quote = html[end] === '"' || html[end] === "'" ? html[end] : '';
      out += `${quote} width="${copied.width}" height="${copied.height}"`;
      from = end + quote.length;
    }
  }
  return out + html.slice(from);
}

/** Raw HTML that may hold an address: an `href` or a `src` written in it (read by `rawAddresses`). */
const RAW_ADDRESS = /href|src/i;

/**
 * A link's or image's address as the rendering in progress writes it: one
 * relative to the page (`forms/list.html`, `/en/rates.html`, `#fees`)
 * resolved against `linkBase`, the page's full address, where
 * the rendering has one (what is read away from the page: plain text, the
 * JSON's HTML, feeds, e-mail); as it is otherwise. `markdown`: the address
 * of a Markdown link or image, which the page keeps when it leads to
 * another host without its scheme (`//cdn.example.org/report.pdf`; with
 * `html: safe` the sanitizer drops it, and it is left to be dropped): read
 * away from the page there is no page to take a scheme from (plain text
 * shows it as written, a mail client links nothing), so it is given the
 * page's. Counts the relative addresses met, so that `renderBodyHtmls`
 * renders a body a second time only when it has one.
 */
function addressFor(url: string, markdown = false): string {
  if (HAS_SCHEME.test(url)) return url;
  relativeAddressesShown++;
  const root = current.linkBase === undefined ? current.linkRoot : undefined;
  if (root !== undefined) return url.startsWith('/') ? url : fromOutputRoot(url, root);
  const base = current.linkBase;
  if (base === undefined) return url;
  try {
    // Only to the page's own site: raw HTML's ` javascript:…` (a space first) is an address with a scheme to the URL
    // parser, and `//host/x` (tabs or backslashes between the slashes too) another host's, which the page does not link
    // (with `html: safe` the sanitizer drops both): either is left as written, to be taken as the page takes it.
    const resolved = new URL(url, base);
    return resolved.origin === new URL(base).origin || (markdown && current.html !== 'safe' && url.startsWith('//')) ? resolved.href : url;
  } catch {
    return url;
  }
}

/** `copiedImageHref` of an image an e-mail message carries in a part of its own: the text shows its description alone. */
const CARRIED = '';

/**
 * The address of the copy of a local image the plain text shows, counted as the HTML's are (see `renderBodyHtmls`); undefined
 * for any other. `CARRIED` for one an e-mail message carries in a part of its own, which its HTML shows at a `cid:` address
 * (RFC 2392): no reader of its text part can open that.
 */
function copiedImageHref(url: string): string | undefined {
  const href = current.images?.[url]?.href;
  if (href !== undefined) copiedImagesShown++;
  return href !== undefined && /^cid:/i.test(href) ? CARRIED : href;
}

/**
 * A made-up origin, and folders above the output root in it, under which a
 * path from the output root is resolved as a URL is (`fromOutputRoot`): an
 * address that climbs above the root keeps its climb (`../up.html`).
 */
const OUTPUT_ROOT = 'https://output-root.invalid/';
const ABOVE_ROOT = 64;

/** `url`, written relative to the page at `page` (a path from the output root), as a path from the output root (`./` for the root itself); another host's as written. */
function fromOutputRoot(url: string, page: string): string {
  let resolved: string;
  try {
    resolved = new URL(url, `${OUTPUT_ROOT}${'_/'.repeat(ABOVE_ROOT)}${page}`).href;
  } catch {
    return url;
  }
  if (!resolved.startsWith(OUTPUT_ROOT)) return url;
  let path = resolved.slice(OUTPUT_ROOT.length);
  let kept = 0;
  while (kept < ABOVE_ROOT && path.startsWith('_/')) {
    path = path.slice(2);
    kept++;
  }
  const from = '../'.repeat(ABOVE_ROOT - kept) + path;
  return from === '' || from.startsWith('?') || from.startsWith('#') ? `./${from}` : from;
}

/**
 * `addressFor`, for plain text: `url` (as written, entities decoded) where
 * it stays as it is, else the address the HTML links (`href` encoded as
 * the renderer encodes it; `url` itself for raw HTML) resolved, with the
 * letters, marks and digits of other scripts that the address encodes
 * (`%D0%B0`) shown as themselves, as an address with a scheme is shown as
 * written. Nothing else is decoded: a space, a control or a direction mark
 * would cut the address or disguise it.
 */
function textAddressFor(url: string, href?: string): string {
  if (HAS_SCHEME.test(url)) return whole(url);
  const encoded = href === undefined ? url : encodeHref(href);
  const address = addressFor(encoded, true);
  if (address === encoded) return whole(url);
  return address.replace(/(?:%[C-F][\dA-F](?:%[89AB][\dA-F]){1,3})+/gi, (run) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(run);
    } catch {
      return run;
    }
    let shown = '';
    for (const character of decoded) shown += /[\p{L}\p{M}\p{N}]/u.test(character) ? character : encodeURIComponent(character);
    return shown;
  });
}

/**
 * An address as written, with the characters that would end it in plain
 * text (white space, `<` and `>`) percent-encoded as the page's link has them: a space
 * (`<https://…/Residence permit form.pdf>`, which Markdown takes between
 * angle brackets) would let a mail client link only the part before it,
 * and the text's wrapping break the address there.
 */
function whole(address: string): string {
  return /[\s<>]/u.test(address) ? address.replace(/[\s<>]/gu, (character) => encodeURIComponent(character)) : address;
}

/** What a body's rendering needs besides its tokens. */
export interface BodyRenderOptions {
  /** How raw HTML is treated (HTML only). */
  html?: HtmlMode;
  /** The release's local images as the build copied them: links to the copies, with their sizes. */
  images?: ImageFacts;
  /** The footnote section's heading, in the release's language (the template set's `footnotes` label). */
  footnotesHeading?: string;
  /**
   * The page's full address, for a rendering read away from the page (plain text, the JSON's HTML, feeds, e-mail): the
   * addresses of links and images written relative to the page are resolved against it (see `addressFor`).
   */
  linkBase?: string;
  /**
   * Without a `linkBase`, the page's path from the output root, for the JSON documents, whose every address is one from the
   * output root where the site's URL is not known: the addresses written relative to the page are given from the root
   * (`other.html` of `en/a.html` is `en/other.html`); one from the server's root (`/en/x.html`) is left as written.
   */
  linkRoot?: string;
  /**
   * For the plain text of an e-mail message without the site's URL: an address written relative to the page, which a mail client
   * cannot follow, is left out and the link's text (an image's description) kept, as the message's HTML leaves it out.
   */
  unlinked?: boolean;
  /**
   * The release's language, in which plain text finds the words of Thai, Lao, Khmer and Myanmar to break lines between, and whose
   * digits number its lists and notes (Persian ۱. and [۱]; the HTML's note references too, its lists by the page's `list_style`).
   */
  lang?: string;
}

/**
 * The options of the rendering in progress. marked's renderers are made
 * once per module; rendering is synchronous, so one body's options are
 * never seen by another's.
 */
let current: BodyRenderOptions = {};

function withOptions<T>(options: BodyRenderOptions, render: () => T): T {
  const outer = current;
  current = options;
  try {
    return render();
  } finally {
    current = outer;
  }
}

/** How many times a rendering has linked to a copied image: a body that links none renders the same whatever the copies' addresses. */
let copiedImagesShown = 0;

/** How many addresses relative to the page a rendering has met (`addressFor`): a body with none renders the same whatever its `linkBase`. */
let relativeAddressesShown = 0;

/**
 * The body's HTML for the page, and for documents read away from it (the JSON and ninjs, feeds, e-mail), which link the
 * copied images at `documentImages` (the same images at other addresses) and resolve the other addresses relative to the
 * page against `linkBase` (the page's full address, where the site's URL is known). Rendered a second time only when the
 * body shows a copied image or, with a `linkBase`, an address relative to the page: a release whose only local image is its
 * lead image has it outside the body, and most bodies link only full addresses.
 */
export function renderBodyHtmls(body: BodyTokens, options: BodyRenderOptions, documentImages: () => ImageFacts | undefined, link: { linkBase: string } | { linkRoot: string }): { page: string; document: string } {
  const { page, document } = forDocuments((o) => renderBodyHtml(body, o), options, () => {
    const images = documentImages();
    return { ...FRESH, ...options, ...(images ? { images } : {}), ...link };
  });
  return { page, document: document.includes(' class="align-') ? withAlignment(document) : document };
}

/**
 * A table column's alignment, which the page gives its cells by a class of
 * its stylesheet (`align-right`), written into each cell of a document read
 * away from the page as well: a feed reader, a partner's site that takes the
 * JSON, or a mail client has no such stylesheet, and a column of figures
 * would come out aligned left. The cells are this renderer's own, or those
 * the sanitizer wrote again (`html: safe`), so each is written one way; a
 * cell's text has its `<` escaped.
 */
function withAlignment(html: string): string {
  return html.replace(/<(t[hd])\b([^>]*) class="align-(left|right|center)"/g, '<$1$2 class="align-$3" style="text-align: $3"');
}

/**
 * A rendering for the page (or the plain text beside it) with `options`, and
 * for the documents read away from it with `documentOptions()`: rendered a
 * second time only when the first showed a copied image or an address
 * relative to the page, the only parts that differ.
 */
export function forDocuments<T>(render: (options: BodyRenderOptions) => T, options: BodyRenderOptions, documentOptions: () => BodyRenderOptions): { page: T; document: T } {
  const shown = copiedImagesShown;
  const relative = relativeAddressesShown;
  const page = render(options);
  if (copiedImagesShown === shown && relativeAddressesShown === relative) return { page, document: page };
  return { page, document: render(documentOptions()) };
}

/** Renders the body to HTML in which raw HTML is escaped and only safe URLs survive. */
export function renderBodyHtml(body: BodyTokens, options: BodyRenderOptions = {}): string {
  const mode = options.html ?? 'escape';
  const renderer = mode === 'safe' ? safeHtmlMarked : escapingHtmlMarked;
  if (mode !== 'safe') return withOptions(options, () => renderer.parser(body.tokens as Parameters<typeof renderer.parser>[0]));
  const ids = new Set<string>();
  headingIdsRendered = ids;
  try {
    return sanitizeBody(withOptions(options, () => renderer.parser(body.tokens as Parameters<typeof renderer.parser>[0])), ids);
  } finally {
    headingIdsRendered = undefined;
  }
}

/** The ids the rendering in progress gave its headings, for the sanitizer (`html: safe` only). */
let headingIdsRendered: Set<string> | undefined;

/** Whether the body has footnotes, so that its rendering needs the footnote section's heading. */
export function hasFootnotes(body: BodyTokens): boolean {
  return body.tokens.some((t) => t.type === 'footnotes' && ((t as Token & { items?: unknown[] }).items?.length ?? 0) > 0);
}

/** How raw HTML in a body is treated: shown as text (`escape`), or kept within an allowlist (`safe`). */
export type HtmlMode = 'escape' | 'safe';

const escapingHtmlMarked = createHtmlMarked('escape');
const safeHtmlMarked = createHtmlMarked('safe');

/**
 * What `html: safe` lets through: the documented allowlist for authors
 * (tables, images with http, https or relative sources and alt text, links,
 * abbreviations, superscript and subscript, line breaks, figures) and the
 * elements the Markdown renderer itself writes. Everything else is removed
 * (script, style, iframe, forms, event handlers, `style`, `javascript:` and
 * `data:` URLs), its text kept where it is text.
 *
 * A block that goes would take its bounds with it, and its text would run
 * into the next block's ("Dear colleagues,The centre opens", from the one
 * `<div>` a line that webmail pastes): `div` is kept, and the other blocks
 * (`<dl>`, `<details>`, `<article>` …) become one, an `<h1>` the `<h2>` a
 * Markdown heading becomes under the title. `lang` and `dir` are kept on
 * every element, with `span` and `bdi` to carry them: a name in another
 * script keeps its language and direction (`dir` makes an element a
 * bidirectional isolate, which a release may hold, never an override).
 */
const DIRECTIONS: ReadonlySet<string> = new Set(['ltr', 'rtl', 'auto']);

/**
 * An element without a `dir` that names no direction (`dir="sideways"`), which a browser ignores and a validator refuses;
 * one that names a direction with spaces around it (`dir=" rtl "`), which a browser ignores too, gets the bare keyword.
 */
/**
 * A heading as the sanitizer keeps it: with an `id` only where the Markdown renderer gave it (`RENDERER_MARK`: one each, none
 * the page's own, `HeadingWithId`). A raw `<h2 id="main">` would give the page's own id to a second element, or another
 * heading's; a raw `<h2 id="quotas">` before `## Quotas {#quotas}` took the id from the heading it was written for.
 */
function markdownHeading(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  if (attribs.id === undefined || attribs[RENDERER_MARK] !== undefined) return { tagName, attribs };
  const kept = { ...attribs };
  delete kept.id;
  return { tagName, attribs: kept };
}

/** Every id the Markdown renderer gave the body's headings, and the ids raw links and list items have kept so far (see `withFreeId`). */
let headingIdsAll: ReadonlySet<string> | undefined;
let rawIdsKept: Set<string> | undefined;

/**
 * A link or list item as the sanitizer keeps it: with an `id` no other element of the page has. A raw `<a id="main">` gave the
 * skip link's target a second element, `<a id="quotas">` a heading's id (`## Quotas {#quotas}`) a second one, as a second raw
 * `<a id="quotas">` did the first's, and a raw `<a id="fn-1">` a footnote's; a footnote's mark and note, which the Markdown
 * renderer marked as its own (`RENDERER_MARK`), keep theirs.
 */
function withFreeId(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  if (tagName === 'a' && anchorsOpen > 1) return { tagName: NESTED_LINK, attribs: {} };
  const id = attribs.id;
  if (id === undefined || attribs[RENDERER_MARK] !== undefined) return { tagName, attribs };
  if (!TAKEN_IDS.test(id) && !headingIdsAll?.has(id) && !rawIdsKept?.has(id)) {
    rawIdsKept?.add(id);
    return { tagName, attribs };
  }
  const kept = { ...attribs };
  delete kept.id;
  return { tagName, attribs: kept };
}

/**
 * The values HTML takes for the allowlist's attributes of numbers and keywords: an image's size in pixels, a cell's spans, a
 * list's first number, a header cell's scope. What pasted HTML often has instead (`width="100%"`, `height="auto"`,
 * `scope="column"`, `rowspan="abc"`) makes an invalid page, and a browser reads it as the attribute's absence or guesses.
 */
const ATTRIBUTE_VALUES: Readonly<Record<string, RegExp>> = {
  width: /^\d+$/, height: /^\d+$/, colspan: /^0*[1-9]\d*$/, rowspan: /^\d+$/, start: /^-?\d+$/, scope: /^(?:row|col|rowgroup|colgroup)$/i,
};

/** The attributes with such a value as HTML takes it, spaces around it dropped; one with another value is left out. */
function withValidNumbers(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  let kept: sanitizeHtml.Attributes | undefined;
  for (const [name, pattern] of Object.entries(ATTRIBUTE_VALUES)) {
    const value = attribs[name];
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed === value && pattern.test(value)) continue;
    kept ??= { ...attribs };
    if (pattern.test(trimmed)) kept[name] = trimmed;
    else delete kept[name];
  }
  return kept ?? attribs;
}

function withKnownDirection(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  if (attribs.dir === undefined) return { tagName, attribs };
  const direction = attribs.dir.trim().toLowerCase();
  if (!DIRECTIONS.has(direction)) return { tagName, attribs: withoutDirection(attribs) };
  if (direction === attribs.dir) return { tagName, attribs };
  const normalised = { ...attribs };
  normalised.dir = direction;
  return { tagName, attribs: normalised };
}

function withoutDirection(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const kept = { ...attribs };
  delete kept.dir;
  return kept;
}

/** How many tables are open where the sanitizer is reading (`SANITIZE.onOpenTag`), for `tablePart`. */
let tablesOpen = 0;

/**
 * How many links are open where the sanitizer is reading, this one included (`SANITIZE.onOpenTag`), for `withFreeId`. A link
 * inside a link (`[text <a href="…">more</a>](…)`, a Markdown link in a raw `<a>`) is no HTML a page may hold, and a browser
 * ends the first where the second starts: the one inside goes, its text kept in the link around it.
 */
let anchorsOpen = 0;

/**
 * What a link inside a link becomes: an element the allowlist keeps, whose tags `sanitizeBody` then takes out, its content
 * staying where it was. Not a name the allowlist drops: sanitize-html, dropping an element it renamed, writes that name as the
 * end tag of the next element closed at its depth, so that the `</strong>` of `[b](…) **d** y` in a raw `<a>` was lost and a
 * browser, closing the `<strong>` with the link, made " y" bold. A name no body can write, as `MARKDOWN_PARAGRAPH`.
 */
const NESTED_LINK = `nested-link-${globalThis.crypto.randomUUID()}`;
const NESTED_LINK_TAGS = new RegExp(`</?${NESTED_LINK}>`, 'g');

/**
 * Whether each element open where the sanitizer is reading holds an image it keeps (not one in a dropped element's content), and
 * whether the element it closed last did, for `exclusiveFilter`: emphasis around no text is dropped with what it holds, and the
 * sanitizer counts only an image right inside it, so that `**[![Map](map.png)](…)**`, a bold linked image, left the page.
 */
const imagesInside: boolean[] = [];
let closedHeldImage = false;

/** How many of `DROPPED_ELEMENTS` are open where the sanitizer is reading: an image in one goes with it. */
let droppedOpen = 0;

const TABLE_PARTS = ['caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'];

/**
 * A table's part outside any table (a `<td>` or `<tr>` pasted without its `<table>`) is kept as a `div`, its text where it was:
 * the page's browser passes over such a tag, but the e-mail message holds the body in a cell of its layout's table, which the
 * tag closes, so that everything after it falls out of the message's layout.
 */
function tablePart(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return { tagName: tablesOpen > 0 ? tagName : 'div', attribs };
}

const BLOCKS_KEPT_AS_DIV = ['address', 'article', 'aside', 'center', 'dd', 'details', 'dl', 'dt', 'footer', 'header', 'hgroup', 'main', 'nav', 'summary'];

/** Emphasis as written or pasted, by the tag the sanitizer's filter sees (before `transformTags` names `b` and `i` anew); one with no text and no image is an icon pasted from a web page. */
const EMPHASIS_TAGS = new Set(['em', 'strong', 'i', 'b']);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'img', 'a', 'abbr', 'sup', 'sub', 'br', 'figure', 'figcaption',
    'div', 'span', 'bdi',
    // What Markdown itself renders to.
    MARKDOWN_PARAGRAPH, NESTED_LINK, 'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'hr', 'section', 'input',
  ],
  transformTags: Object.fromEntries([
    ...BLOCKS_KEPT_AS_DIV.map((tag) => [tag, 'div'] as const),
    ...TABLE_PARTS.map((tag) => [tag, tablePart] as const),
    ...['a', 'li'].map((tag) => [tag, withFreeId] as const),
    ['h1', (_: string, attribs: sanitizeHtml.Attributes) => markdownHeading('h2', attribs)] as const,
    // Bold and italic as pasted from a word processor or webmail: the emphasis Markdown's `**` and `*` make, styled as they are.
    ...([['b', 'strong'], ['i', 'em']] as const).map(([tag, kept]) => [tag, (_: string, attribs: sanitizeHtml.Attributes) => withKnownDirection(kept, withValidNumbers(attribs))] as const),
    ...['h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, markdownHeading] as const),
    ['*', (tagName: string, attribs: sanitizeHtml.Attributes) => withKnownDirection(tagName, withValidNumbers(attribs))] as const,
  ]),
  allowedAttributes: {
    '*': ['lang', 'dir'],
    a: ['href', 'id', 'title', 'class'],
    img: ['src', 'alt', 'title', 'loading', 'width', 'height'],
    abbr: ['title'],
    th: ['scope', 'class', 'colspan', 'rowspan'],
    td: ['class', 'colspan', 'rowspan'],
    ol: ['start'],
    li: ['id'],
    sup: ['class'],
    // A fenced block's language (```json), as Markdown renders it: what a page's highlighter or style goes by.
    code: ['class'],
    // A heading's id written after its text (`HEADING_ID`), kept only where the Markdown renderer wrote it (`MARKDOWN_HEADING`).
    h2: ['class', 'id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    section: ['class', 'role'],
    input: ['type', 'disabled', 'checked', 'aria-hidden'],
  },
  allowedClasses: {
    a: ['footnote-back'], sup: ['footnote-ref'], section: ['footnotes'], h2: ['footnotes-heading'],
    th: ['align-left', 'align-right', 'align-center'], td: ['align-left', 'align-right', 'align-center'],
    code: ['language-*'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // `cid:`: a local image an e-mail message carries in a part of its own (no browser loads one on a page).
  allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // A checkbox is the only input Markdown makes, and it is disabled. Emphasis around nothing goes: a web page's icon pasted with
  // its text (`<i class="fa fa-phone"></i>`), which would be an empty <em>.
  exclusiveFilter: (frame) => (frame.tag === 'input' && (frame.attribs.type !== 'checkbox' || frame.attribs.disabled === undefined))
    || (EMPHASIS_TAGS.has(frame.tag) && frame.text === '' && frame.mediaChildren.length === 0 && !closedHeldImage),
  disallowedTagsMode: 'discard',
  nonTextTags: [...DROPPED_ELEMENTS],
  // Called with each tag as written, before `transformTags`: a table's parts inside it see it open.
  onOpenTag: (name) => {
    if (name === 'table') tablesOpen++;
    else if (name === 'a') anchorsOpen++;
    else if (DROPPED.has(name)) droppedOpen++;
    imagesInside.push(name === 'img' && droppedOpen === 0);
  },
  // Called before the sanitizer's `exclusiveFilter` sees the element closed.
  onCloseTag: (name) => {
    if (name === 'table') tablesOpen--;
    else if (name === 'a') anchorsOpen--;
    else if (DROPPED.has(name)) droppedOpen--;
    closedHeldImage = imagesInside.pop() ?? false;
    if (closedHeldImage && imagesInside.length > 0) imagesInside[imagesInside.length - 1] = true;
  },
};

/**
 * The rendered body of a `html: safe` project, reduced to the allowlist, with no block left in a paragraph or an inline
 * element (`blocksOutOfPhrasing`); of its headings' ids only those the Markdown renderer gave, `headingIds` (see `markdownHeading`).
 */
export function sanitizeBody(html: string, headingIds?: Set<string>): string {
  headingIdsAll = new Set(headingIds);
  rawIdsKept = new Set();
  tablesOpen = 0;
  anchorsOpen = 0;
  resetImagesInside();
  try {
    return blocksOutOfPhrasing(sanitizeHtml(html, SANITIZE).replace(NESTED_LINK_TAGS, ''), MARKDOWN_PARAGRAPH);
  } finally {
    headingIdsAll = undefined;
    rawIdsKept = undefined;
    tablesOpen = 0;
    anchorsOpen = 0;
    resetImagesInside();
  }
}

function resetImagesInside(): void {
  imagesInside.length = 0;
  closedHeldImage = false;
  droppedOpen = 0;
}

type InlineToken = Token & { tokens?: Token[]; text?: string };

/**
 * Text as a reader sees it: entities decoded, and a soft line break (a
 * line ending inside a paragraph, as hard-wrapped source has them) one
 * space, as in the HTML; only a hard break (`br`) ends a line.
 */
function flowingText(text: string, decode: (text: string) => string = decodeReferences): string {
  return decode(joinedLines(text));
}

/** Text whose soft line breaks are one space each (none between Chinese or Japanese, see `rejoinedWide`), its entities as written. */
function joinedLines(text: string): string {
  if (!text.includes('\n')) return text;
  return WIDE.test(text) ? rejoinedWide(text) : rejoined(text, '\n', ' ');
}

/** Chinese and Japanese letters and punctuation, full-width forms: text written without spaces between words. (Korean has spaces.) */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const WIDE_LAST = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFF60\uFFE0-\uFFE6]$/u;
const WIDE_FIRST = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/**
 * Lines of one paragraph joined, as `rejoined` joins them, but with nothing
 * between two lines where one ends and the next starts with Chinese or
 * Japanese (as CSS joins them): a source wrapped by its editor
 * (`在巴库` / `开设了`) would otherwise read `在巴库 开设了`, a space that
 * language never writes.
 */
function rejoinedWide(text: string): string {
  const lines = rejoined(text, '\n', '\n').split('\n');
  let out = lines[0]!;
  for (let i = 1; i < lines.length; i++) {
    // The end of the line before, not of the text so far: that would be copied for each line.
    const next = lines[i]!;
    out += (WIDE_LAST.test(lines[i - 1]!.slice(-2)) && WIDE_FIRST.test(next) ? '' : ' ') + next;
  }
  return out;
}

/**
 * A text token with the line break it starts or ends with left out where
 * the characters either side of it, in this token and the one before or
 * after it (`重要` in bold, a code span), are Chinese or Japanese, as
 * `rejoinedWide` leaves out those inside one token: `**重要**` / `的决定`
 * would otherwise read `重要 的决定`.
 */
function wideJoined(text: string, before: string | undefined, after: string | undefined): string {
  // Only the line break between two such tokens (`**重要**` / `**决定**`): both sides are the tokens'.
  if (before !== undefined && after !== undefined && /^[ \t]*\n[ \t]*$/.test(text)) return WIDE_LAST.test(before.slice(-2)) && WIDE_FIRST.test(after) ? '' : text;
  let out = text;
  if (out.startsWith('\n') && before !== undefined && WIDE_LAST.test(before.slice(-2))) {
    const rest = out.replace(/^\n[ \t]*/, '');
    if (WIDE_FIRST.test(rest)) out = rest;
  }
  if (out.endsWith('\n') && after !== undefined && WIDE_FIRST.test(after)) {
    const rest = out.replace(/[ \t]*\n$/, '');
    if (WIDE_LAST.test(rest.slice(-2))) out = rest;
  }
  return out;
}

/** Plain text of inline tokens: emphasis dropped, links as `text <url>`, entities decoded, soft line breaks as spaces. */
function inlineText(tokens: readonly Token[]): string {
  return linesAtBlockEdges(inlinePieces(tokens));
}

/**
 * Stands where raw HTML opens or closes a block in a paragraph (`Some text <div>block</div> more text.`): the page
 * shows the block on lines of its own, and so does the text (`linesAtBlockEdges`), not `Some text block more text.`
 * nor, from `<li>x</li><li>y</li>`, `xy`. A character that no body may hold (`REFUSED_CHARACTERS`).
 */
const BLOCK_EDGE = '\uFFFF';

/** Text with one line break for each run of `BLOCK_EDGE`, the blanks and line breaks around it dropped, and none at its ends. */
function linesAtBlockEdges(text: string): string {
  if (!text.includes(BLOCK_EDGE)) return text;
  const pieces = text.split(BLOCK_EDGE);
  const last = pieces.length - 1;
  // Trimmed by hand: a pattern anchored at a run's end tries again from each blank of a long run, in time of its square.
  return pieces.map((piece, i) => withoutBlanks(piece, i > 0, i < last)).filter((piece) => piece !== '').join('\n');
}

/** `text` without the spaces, tabs and line breaks at its start (`start`) and its end (`end`). */
function withoutBlanks(text: string, start: boolean, end: boolean): string {
  const blank = (code: number) => code === 32 || code === 9 || code === 10;
  let from = 0;
  let to = text.length;
  if (start) while (from < to && blank(text.charCodeAt(from))) from++;
  if (end) while (to > from && blank(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/**
 * The plain text of inline tokens as `inlineText` gives it, with `BLOCK_EDGE` where raw HTML opens or closes a block. `inLink`:
 * the tokens are a link's text, where the page keeps no link of their own (see `sanitizeBody`), so none is followed by its address.
 */
function inlinePieces(tokens: readonly Token[], inLink = false): string {
  // The pieces of the text, joined at the end: a raw link's or superscript's text is the pieces since it opened, read and replaced
  // without copying all that came before (a paragraph of thousands of them would be copied once for each).
  const parts: string[] = [];
  /** The element written as raw HTML whose content is left out, as the sanitizer leaves it out (`DROPPED`), until it closes. */
  let dropped = '';
  /** Raw `<a href>` tags open (`html: safe`): the address each links to, if the page keeps it, and where its text starts in `parts`. */
  const anchors: { href: string | undefined; start: number }[] = [];
  /** Raw `<sup>` and `<sub>` open, and where their text starts in `parts`. */
  const scripts: { sup: boolean; start: number }[] = [];
  /** Raw `<pre>` elements open that the page keeps (`html: safe`): their text is shown line for line, as the page shows it, not run into one line. */
  let pre = 0;
  const list = tokens as InlineToken[];
  /** Whether a link written here is inside another, in a Markdown link's text or a raw `<a>` the page keeps as a link. */
  const linked = () => inLink || (current.html === 'safe' && anchors.length > 0);
  for (let index = 0; index < list.length; index++) {
    const token = list[index]!;
    if (token.type === 'html' || dropped !== '') {
      const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(token.type === 'html' ? (token.text ?? '').trim() : '');
      const name = tag?.[2]?.toLowerCase();
      if (dropped !== '') {
        if (tag?.[1] === '/' && name === dropped) dropped = '';
        continue;
      }
      if (name !== undefined && tag?.[1] !== '/' && DROPPED.has(name)) {
        dropped = name;
        continue;
      }
    }
    switch (token.type) {
      case 'text':
        if (pre > 0 && !token.tokens) parts.push(decodeReferences(token.text ?? ''));
        else parts.push(token.tokens ? inlinePieces(token.tokens, linked()) : flowingText(wideJoined(token.text ?? '', parts.at(-1), list[index + 1]?.text)));
        break;
      case 'escape':
      case 'codespan':
        // As written: marked gives both their own text, and in code a character reference is what the author means to show.
        parts.push(token.text ?? '');
        break;
      case 'del':
        // Struck-out text stays marked as struck out: dropping the marks would print a deleted word as if it stood.
        parts.push(`~~${inlinePieces(token.tokens ?? [], linked())}~~`);
        break;
      case 'br':
        parts.push('\n');
        break;
      case 'footnoteRef':
        parts.push(`[${numeral((token as unknown as FootnoteRefToken).id)}]`);
        break;
      case 'html': {
        const tag = (token.text ?? '').trim();
        // A line break written as HTML ends the line in plain text too, as the page shows it; an image `html: safe` keeps, as Markdown's.
        // What an escaped page shows as it is written, since no browser would read it as an element: so does the text.
        if (shownAsWritten(tag)) parts.push(tag.replace(/[ \t]*\n[ \t]*/g, ' '));
        else if (/^<br\s*\/?>$/i.test(tag)) parts.push('\n');
        else if (FLOW_ONLY_ELEMENTS.has(/^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(tag)?.[1]?.toLowerCase() ?? '')) {
          parts.push(BLOCK_EDGE);
          // As the page shows it with `html: safe`; an escaped page shows the tag as text, in a paragraph's one run of text.
          if (/^<pre[\s>]/i.test(tag) && current.html === 'safe') pre++;
          else if (/^<\/pre[\s>]/i.test(tag)) pre = Math.max(0, pre - 1);
        }
        else if (/^<img[\s/>]/i.test(tag)) parts.push(rawImageText(tag));
        // A raised or lowered figure (m<sup>2</sup>, 10<sup>6</sup>, H<sub>2</sub>O) in the characters that show it so.
        else if (/^<su[pb][\s>]/i.test(tag)) scripts.push({ sup: tag[3] === 'p' || tag[3] === 'P', start: scripts.length < MAX_OPEN_INLINE ? parts.length : -1 });
        else if (/^<\/su[pb][\s>]/i.test(tag)) {
          const script = scripts.pop();
          if (script && script.start >= 0 && parts.length - script.start <= MAX_RAISED) {
            const written = parts.slice(script.start).join('');
            if (written.length <= MAX_RAISED) parts.splice(script.start, parts.length - script.start, raisedOrLowered(written, script.sup));
          }
        }
        // A link `html: safe` keeps is followed by its address, as a Markdown link is.
        else if (/^<a[\s/>]/i.test(tag)) anchors.push({ href: anchors.length < MAX_OPEN_INLINE && !linked() ? rawLinkHref(tag) : undefined, start: parts.length });
        else if (/^<\/a[\s>]/i.test(tag)) {
          const anchor = anchors.pop();
          if (anchor?.href !== undefined) {
            const written = parts.slice(anchor.start).join('');
            parts.splice(anchor.start, parts.length - anchor.start, linkedText(written, anchor.href));
          }
        }
        break;
      }
      case 'link': {
        const link = token as Tokens.Link;
        const text = inlinePieces(link.tokens, true);
        // A link with no address (`[the form]()`, warned of) is its text alone, not followed by an empty `<>`.
        parts.push(isSafeLinkUrl(link.href) && !linked() && link.href.trim() !== '' ? linkedText(text, link.href) : text);
        break;
      }
      case 'image': {
        const image = token as Tokens.Image;
        const alt = joinedLines(imageAlt(image));
        const url = effectiveUrl(image.href);
        if (!isSafeBodyUrl(image.href) || image.href.trim() === '') {
          parts.push(alt);
          break;
        }
        const address = copiedImageHref(url) ?? textAddressFor(url, image.href);
        if (address === CARRIED || unfollowable(address)) {
          parts.push(alt);
          break;
        }
        countAddress(address);
        parts.push(`${alt} <${address}>`);
        break;
      }
      default:
        parts.push(token.tokens ? inlinePieces(token.tokens, linked()) : flowingText(token.text ?? ''));
    }
  }
  // A link left open ends with the paragraph, or the emphasis, it opened in, as the page's sanitizer closes it: its address follows there.
  for (let anchor = anchors.pop(); anchor; anchor = anchors.pop()) {
    if (anchor.href !== undefined) parts.splice(anchor.start, parts.length - anchor.start, linkedText(parts.slice(anchor.start).join(''), anchor.href));
  }
  return parts.join('');
}

/**
 * Renders the body as press-release plain text, wrapped at `width` columns.
 * `lead` (the dateline, "BAKU, 12 June 2026 —") opens the first paragraph.
 */
export function renderBodyText(body: BodyTokens, width = 72, lead?: string, options: BodyRenderOptions = {}): string {
  return withOptions(options, () => bodyText(body, width, lead));
}

/** The body's plain text wrapped at `width`, and the same opened by `lead` (see `renderBodyText`), laid out together. */
export function renderBodyTexts(body: BodyTokens, width: number, lead: string, options: BodyRenderOptions = {}): { text: string; withLead: string } {
  return withOptions(options, () => {
    // Both open with the first paragraph, with or without the lead; the blocks after it are the same lines in both.
    const { before, opening, rest } = openingParagraph(body.tokens);
    const headings = blocksToLines(before, width);
    const lines = blocksToLines(rest, width);
    return {
      text: textOfLines([...headings, '', ...(opening === undefined ? lines : [...wrap(opening, width), '', ...lines])]),
      withLead: textOfLines([...headings, '', ...leadLines(lead, opening, width), '', ...lines]),
    };
  });
}

/** The headings a body opens with, the text of the paragraph under them, and the blocks after it; else all its blocks. */
function openingParagraph(tokens: Token[]): { before: Token[]; opening?: string; rest: Token[] } {
  // Headings the body opens with come first: the dateline runs into the paragraph under them, not alone above them.
  const firstIndex = tokens.findIndex((t) => t.type !== 'space' && t.type !== 'def' && t.type !== 'footnote' && t.type !== 'heading');
  const first = tokens[firstIndex];
  return first?.type === 'paragraph'
    ? { before: tokens.slice(0, firstIndex), opening: inlineText((first as Tokens.Paragraph).tokens), rest: tokens.slice(firstIndex + 1) }
    : { before: [], rest: tokens };
}

/** The lead wrapped with the opening paragraph it runs into, or alone when the body opens otherwise. */
function leadLines(lead: string, opening: string | undefined, width: number): string[] {
  return wrap(opening === undefined ? lead : `${lead} ${opening}`, width);
}

/** A list item's or a note's number in the digits of the release's language, as its dates have them. */
function numeral(number: string): string {
  return current.lang === undefined ? number : inDigitsOf(number, current.lang);
}

/** Lines of `text` at most `width` columns wide (see `wrapText`), words found in the release's language. */
function wrap(text: string, width: number): string[] {
  return wrapText(text, width, '', '', current.lang);
}

function textOfLines(lines: readonly string[]): string {
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function bodyText(body: BodyTokens, width: number, lead: string | undefined): string {
  if (!lead) return textOfLines(blocksToLines(body.tokens, width));
  const { before, opening, rest } = openingParagraph(body.tokens);
  return textOfLines([...blocksToLines(before, width), '', ...leadLines(lead, opening, width), '', ...blocksToLines(rest, width)]);
}

/**
 * The widest table written as aligned columns, in the unwrapped text too: there
 * every row is padded to the widest cell, and a cell of a hundred thousand
 * characters above a thousand short rows made a gigabyte of spaces.
 */
const ALIGNED_TABLE_WIDTH = 72;
/** Characters of headers a table's `header: value` lines may repeat, all rows together; far above any table written for people. */
const MAX_REPEATED_HEADERS = 1_000_000;

/**
 * A table as aligned columns when it fits the width (at most
 * `ALIGNED_TABLE_WIDTH`); otherwise each row as `header: value` lines, rows
 * apart, so no cell is ever cut or wrapped into its neighbour.
 */
function tableLines(table: Tokens.Table, width: number): string[] {
  const cell = (c: { tokens: Token[] }) => lineBreaksAsSpaces(inlineText(c.tokens)).trim();
  const header = table.header.map(cell);
  const rows = table.rows.map((r) => header.map((_, i) => (r[i] ? cell(r[i]) : '')));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const total = widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  if (total <= Math.min(width, ALIGNED_TABLE_WIDTH)) {
    // A cell written the other way from the release (a Latin name in a Persian table, a Persian one in an English table) is
    // closed by a mark of the release's direction, which takes no room: else the bidirectional algorithm lays out the number
    // in the next cell as part of it, and the two trade columns on that row.
    const direction = localeFor(current.lang ?? 'en').direction;
    const line = (cells: readonly string[]) => cells.map((written, i) => {
      const room = widths[i]! - displayWidth(written);
      const text = i < cells.length - 1 ? isolatedInText(written, direction) : written;
      return table.align[i] === 'right' ? ' '.repeat(room) + text : table.align[i] === 'center' ? ' '.repeat(Math.floor(room / 2)) + text + ' '.repeat(Math.ceil(room / 2)) : text + ' '.repeat(room);
    }).join('  ').trimEnd();
    return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  }
  const out: string[] = [];
  // Each row repeats the headers; where that would write more than the table's cells hold several times over (a header of
  // a hundred thousand characters above a thousand rows took a minute and gigabytes), the headers are written once, numbered,
  // and the rows give the numbers.
  const headerLength = header.reduce((sum, h) => sum + h.length, 0);
  const numbered = headerLength * rows.length > MAX_REPEATED_HEADERS;
  if (numbered) {
    header.forEach((h, i) => {
      for (const l of wrapText(`${i + 1}: ${h}`, width, '  ', '', current.lang)) out.push(l);
    });
  }
  rows.forEach((r, index) => {
    if (index > 0 || numbered) out.push('');
    header.forEach((h, i) => {
      const label = h === '' || numbered ? `${i + 1}` : h;
      for (const l of wrapText(`${label}: ${r[i]}`, width, '  ', '', current.lang)) out.push(l);
    });
  });
  return out;
}

/**
 * The names of HTML's elements, those of today and those browsers still
 * read: a raw tag of another name (`<Enter>`, `<Passport No.>`, `<Narmin
 * Alizada>`) is words in angle brackets, not markup. A name with a hyphen is
 * a custom element's.
 */
const HTML_ELEMENT_NAMES: ReadonlySet<string> = new Set((
  'a abbr acronym address area article aside audio b base basefont bdi bdo bgsound big blink blockquote body br button canvas caption center cite '
  + 'code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset '
  + 'h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend li link listing main map mark marquee '
  + 'math menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript object ol optgroup option output p param picture plaintext '
  + 'pre progress q rb rp rt rtc ruby s samp script search section select slot small source spacer span strike strong style sub summary sup svg '
  + 'table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp '
  // SVG's and MathML's, in lower case as tags are compared.
  + 'animate animatemotion animatetransform circle clippath defs desc ellipse feblend fecolormatrix fecomponenttransfer fecomposite '
  + 'feconvolvematrix fediffuselighting fedisplacementmap fedistantlight fedropshadow feflood fefunca fefuncb fefuncg fefuncr fegaussianblur '
  + 'feimage femerge femergenode femorphology feoffset fepointlight fespecularlighting fespotlight fetile feturbulence filter foreignobject g '
  + 'line lineargradient marker mask metadata mpath path pattern polygon polyline radialgradient rect set stop switch symbol text textpath '
  + 'tspan use view '
  + 'annotation annotation-xml maction menclose merror mfrac mi mlabeledtr mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow '
  + 'ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder munderover none semantics'
).split(' '));

/**
 * Whether raw HTML the escaped page shows as text is shown as written in
 * plain text too: a tag of no element's name, and a declaration or
 * processing instruction (`<!DOCTYPE html>`, `<?php … ?>`, `<![CDATA[`),
 * which no browser shows but the page, escaping it, does. Other tags are
 * laid out as a browser lays them out (see `htmlBlockText`). With
 * `html: safe` the page drops them all, and so does the text.
 */
function shownAsWritten(tag: string): boolean {
  if (current.html === 'safe') return false;
  if (/^<[!?]/.test(tag)) return !tag.startsWith('<!--');
  const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(tag)?.[1]?.toLowerCase();
  return name !== undefined && !name.includes('-') && !HTML_ELEMENT_NAMES.has(name);
}

/** Raw links, superscripts and subscripts open at once whose text plain text keeps track of: HTML nests none of them in another. */
const MAX_OPEN_INLINE = 8;
/** The longest text of a `<sup>` or `<sub>` written in raised or lowered characters: a figure, an exponent. */
const MAX_RAISED = 16;

const SUPERSCRIPTS: Readonly<Record<string, string>> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ' };
const SUBSCRIPTS: Readonly<Record<string, string>> = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎' };

/**
 * The text of a raw `<sup>` or `<sub>` as plain text shows it: in raised or
 * lowered characters where Unicode has them all (`m²`, `10⁶`, `H₂O`), where
 * run in with the text before it they read as another number (`106`);
 * otherwise as it is (`1<sup>st</sup>` is `1st`).
 */
function raisedOrLowered(text: string, sup: boolean): string {
  const table = sup ? SUPERSCRIPTS : SUBSCRIPTS;
  let out = '';
  for (const character of text) {
    const shown = table[character];
    if (shown === undefined) return text;
    out += shown;
  }
  return out;
}

/**
 * A link's text in plain text, followed by the address it links to in angle
 * brackets (`the form <https://…>`), or the address alone when it is the
 * text. An e-mail address is shown without its `mailto:`, unless it carries
 * a subject or the like (`?subject=…`), which makes it no address alone.
 */
function linkedText(text: string, href: string): string {
  const url = effectiveUrl(href);
  const address = textAddressFor(url, href);
  // A telephone number linked by its own digits, as a contact's is, is the number alone: its address would say it twice.
  // In a right-to-left release, after a left-to-right mark, as the `ltr` filter writes a contact's: else its groups read right to left.
  if (/^tel:/i.test(address) && text.replace(/\D/g, '') === address.replace(/\D/g, '')) return current.lang !== undefined && localeFor(current.lang).direction === 'rtl' ? `\u200E${text}` : text;
  if (unfollowable(address)) return text;
  const shown = address.startsWith('mailto:') && !address.includes('?') ? address.slice(7) : address;
  // An address written without its scheme (`www.example.az/x`, which Markdown links as http://) is shown as written, once.
  if (address === `http://${text}`) return text;
  if (text === shown || text === url) return `<${shown}>`;
  countAddress(shown);
  return `${text} <${shown}>`;
}

/** Whether the plain text in progress leaves out `address`: one without a scheme, in a message's text without the site's URL (`unlinked`). */
function unfollowable(address: string): boolean {
  return current.unlinked === true && !HAS_SCHEME.test(address);
}

/** Whether a rendering counts the words of the addresses it writes (`renderBodyTextCounted`), and how many it has written. */
let countingAddresses = false;
let addressWords = 0;

/** Counts an address the plain text writes beside a link's text or an image's description: none of its words are the release's. */
function countAddress(address: string): void {
  if (countingAddresses) addressWords += wordCount(address);
}

/**
 * The body's plain text (see `renderBodyText`), with how many of its words are addresses written beside a link's text or an
 * image's description (`portal <https://e-services.example.az/apply>`): the words of the release are the others, the same
 * whether its addresses are written whole (with `site.url`) or from the page.
 */
export function renderBodyTextCounted(body: BodyTokens, width: number, lead: string | undefined, options: BodyRenderOptions): { text: string; addressWords: number } {
  countingAddresses = true;
  addressWords = 0;
  try {
    const text = renderBodyText(body, width, lead, options);
    return { text, addressWords };
  } finally {
    countingAddresses = false;
  }
}

/**
 * The address a raw tag's `href` or `src` holds, decoded as a browser
 * decodes an attribute, when the page keeps it: with `html: safe`, one the
 * sanitizer keeps (`kept`: a link's or an image's schemes, or relative; never
 * one that starts with `//`). Undefined otherwise: an escaped tag is text on
 * the page.
 */
function keptRawAddress(tag: string, name: 'href' | 'src', kept: (url: string) => boolean): string | undefined {
  if (current.html !== 'safe') return undefined;
  const value = attributeValue(tag, 0, tag.length, name);
  if (!value) return undefined;
  const written = tag.slice(value.start, value.end).trim();
  const url = written.includes('&') ? decodeHTMLAttribute(written) : written;
  return url !== '' && kept(url) && !/^[/\\]{2}/.test(effectiveUrl(url).trimStart()) ? url : undefined;
}

/** The address a raw `<a>` links to, when the page keeps it (see `keptRawAddress`). */
const rawLinkHref = (tag: string): string | undefined => keptRawAddress(tag, 'href', isSafeLinkUrl);

/**
 * The plain text of a raw `<img>` tag, as of a Markdown image: its `alt`
 * and its address (the copy's, for a local image), or its `alt` alone for
 * an address the page does not keep. Only `html: safe` shows the image; an
 * escaped tag is text on the page, and nothing here.
 */
function rawImageText(tag: string): string {
  if (current.html !== 'safe') return '';
  const written = attributeValue(tag, 0, tag.length, 'alt');
  // Written in raw HTML: its references decoded as a browser decodes an attribute's.
  const alt = flowingText(written ? tag.slice(written.start, written.end) : '', decodeHTMLAttribute).trim();
  const url = keptRawAddress(tag, 'src', isImageUrl);
  if (url === undefined) return alt;
  const href = copiedImageHref(url) ?? textAddressFor(url);
  if (href === CARRIED || unfollowable(href)) return alt;
  countAddress(href);
  return alt === '' ? `<${href}>` : `${alt} <${href}>`;
}

/** Elements a browser sets apart with space above and below: in plain text, a paragraph of their own. */
const HTML_PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'dl', 'table', 'pre', 'figure', 'hr', 'details', 'address']);
/** Elements a browser starts on a line of their own, without space around them. */
const HTML_LINES = new Set([
  'div', 'li', 'tr', 'dt', 'dd', 'caption', 'figcaption', 'thead', 'tbody', 'tfoot', 'section', 'article', 'header', 'footer', 'nav',
  'aside', 'main', 'center', 'hgroup', 'summary', 'fieldset', 'legend', 'form', 'body', 'html',
]);
/** What HTML counts as white space between words (not the no-break space). */
const HTML_SPACE = new Set([' ', '\t', '\n', '\r', '\f']);

/**
 * What holds a line of raw HTML's text: a list item (`first` its marker,
 * its other lines indented as many spaces) or a quote (`> ` on every line),
 * within those that hold it (`up`); `prefix`: what starts a line inside all
 * of them once each has had its first. A list of them shared by the lines
 * they hold.
 */
interface HtmlContainer {
  quote: boolean;
  /** How many containers hold it (0: none). */
  level: number;
  first: string;
  prefix: string;
  up: HtmlContainer | undefined;
  /** Whether a line inside it has been written: its first line opens with `first`, the others with `rest`. */
  used: boolean;
}

/** A line of raw HTML's text: `lead` opens it, `hang` each line it wraps onto; `inside`, what holds it. */
interface HtmlTextLine {
  lead: string;
  hang: string;
  text: string;
  inside: HtmlContainer | undefined;
}

/** A paragraph of raw HTML's text; `pre`: preformatted, line for line. */
interface HtmlTextParagraph {
  lines: HtmlTextLine[];
  pre: boolean;
}

/**
 * Columns of indent and quote marks that raw HTML's lists and quotes give
 * a line at most: those nested deeper are marked no further. Each of
 * Markdown's levels costs its source the same columns on every line, but
 * a raw `<ol><li>` costs eight characters once, and without a bound each
 * short line of a body could grow to hundreds of columns in plain text.
 */
const MAX_HTML_PREFIX = 16;
/** The longest number an ordered list of raw HTML starts at, as CommonMark's nine digits. */
const MAX_LIST_START = 999_999_999;

/**
 * The plain text of a block of raw HTML, as paragraphs of lines, laid out as
 * a browser lays it out: each block element (`<div>`, as webmail pastes one
 * a line, `<li>`, `<tr>`) on a line of its own, a paragraph, heading, list
 * or table set apart by an empty line, `<br>` ending a line (an empty
 * `<div><br></div>` is an empty line), spaces and line breaks in the source
 * collapsed to one space, inline elements adding nothing (`<b>Bak</b>ı` is
 * one word), table cells apart by a space, list items and quotes marked
 * and nested as Markdown's are (a line in an item indented under its text,
 * one in a quote marked `> `, in the order they hold each other), an image
 * as Markdown's (`rawImageText`), and comments and what the sanitizer drops
 * with its content (`DROPPED`: scripts, styles …) left out. Entities are
 * decoded. A `<pre>` is kept line for line (`pre`), to be shown as a code
 * block is.
 */
function htmlBlockText(raw: string): HtmlTextParagraph[] {
  const paragraphs: HtmlTextParagraph[] = [];
  let lines: HtmlTextLine[] = [];
  let line = '';
  /** Whether the line ends with a space: kept rather than read, since reading the end of a string built by `+=` copies it all. */
  let spaceAtEnd = false;
  let pre = 0;
  /** Whether the last tag opened a `<pre>`: a line break right after it is dropped. */
  let preOpened = false;
  let unshown = '';
  /** The innermost list item or quote open, how many are, and how many quotes are open past `MAX_NESTING`, which hold nothing of their own. */
  let inside: HtmlContainer | undefined;
  let depth = 0;
  let uncountedQuotes = 0;
  /** An item outside any list, open. */
  let strayItem: HtmlContainer | undefined;
  /** The lists open, each with its open item; those past `MAX_NESTING` are counted in `listDepth` only. */
  const lists: { ordered: boolean; count: number; item: HtmlContainer | undefined; mark: number; holder: HtmlContainer | undefined; context: HtmlContainer | undefined }[] = [];
  let listDepth = 0;
  /** Opens an item (`first` its marker) or a quote; past `MAX_NESTING`, none. */
  const open = (quote: boolean, first: string): HtmlContainer | undefined => {
    if (depth >= MAX_NESTING) {
      if (quote) uncountedQuotes++;
      return undefined;
    }
    const outer = inside?.prefix ?? '';
    const rest = quote ? first : ' '.repeat(first.length);
    // Past the columns allowed, an item is marked but not indented, a quote not marked.
    const room = outer.length + rest.length <= MAX_HTML_PREFIX;
    inside = { quote, level: depth, first: room || !quote ? first : '', prefix: room ? outer + rest : outer, up: inside, used: false };
    depth++;
    return inside;
  };
  /** Closes `container`, with those open inside it; one closed already (with a container around it) stays so. */
  const close = (container: HtmlContainer | undefined) => {
    let closed = 0;
    for (let c = inside; c; c = c.up) {
      closed++;
      if (c !== container) continue;
      inside = c.up;
      depth -= closed;
      // Quotes opened past the nesting limit were inside it: they end with it.
      uncountedQuotes = 0;
      return;
    }
  };
  /** The innermost quote open, if any. */
  const openQuote = () => {
    for (let c = inside; c; c = c.up) if (c.quote) return c;
    return undefined;
  };
  /** What opens the line written now: the marks of the containers no line has opened yet, under the indent of the others. */
  const leadOf = (): string => {
    let firsts = '';
    let c = inside;
    for (; c && !c.used; c = c.up) {
      firsts = c.first + firsts;
      c.used = true;
    }
    return (c?.prefix ?? '') + firsts;
  };
  /** Ends the line being written; `hard` (a `<br>`) keeps it even when it is empty. */
  const endLine = (hard: boolean) => {
    // Trimmed by hand: a pattern anchored at the end tries every start in a long run of spaces that `<pre>` keeps.
    let first = 0;
    let last = line.length;
    while (last > first && HTML_SPACE.has(line[last - 1]!)) last--;
    if (pre === 0) while (first < last && HTML_SPACE.has(line[first]!)) first++;
    const text = line.slice(first, last);
    line = '';
    spaceAtEnd = false;
    // An item that opens with a block (`<li><p>`) keeps its marker for the block's first line, as it does past an empty line.
    if (text === '' && !hard) return;
    const hang = inside?.prefix ?? '';
    // A line of no-break spaces alone (`<div>&nbsp;</div>`) shows as an empty line.
    const shown = /^\u00a0+$/.test(text) ? '' : text;
    lines.push({ lead: shown === '' ? hang : leadOf(), hang, text: shown, inside });
  };
  const endParagraph = () => {
    endLine(false);
    // Empty lines around a paragraph (`<div><br></div>` first or last) are the space around it.
    const blank = (l: HtmlTextLine) => l.text === '';
    while (lines.length > 0 && blank(lines[lines.length - 1]!)) lines.pop();
    const first = lines.findIndex((l) => !blank(l));
    if (first !== -1) paragraphs.push({ lines: first === 0 ? lines : lines.slice(first), pre: pre > 0 });
    lines = [];
  };
  /** Raw `<a href>` tags open: the address each links to, if the page keeps it, and the text written in it. */
  const anchors: { href: string | undefined; text: string | undefined }[] = [];
  /** Raw `<sup>` and `<sub>` open, and the text written in each (undefined past `MAX_OPEN_INLINE`, which is not kept). */
  const scripts: { sup: boolean; text: string | undefined }[] = [];
  const text = (chunk: string) => {
    if (chunk !== '') append(decodeHTML(chunk));
  };
  /** Closes the innermost raw `<a>` open: the text is written already, and the address follows it, unless the text is the address. */
  const closeAnchor = () => {
    const anchor = anchors.pop();
    if (anchor?.href === undefined) return;
    const written = (anchor.text ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();
    const shown = linkedText(written, anchor.href);
    if (shown.startsWith(`${written} <`)) append(shown.slice(written.length));
  };
  /** Adds text, its entities decoded already, to the line being written. */
  const append = (decoded: string) => {
    if (decoded === '') return;
    // Kept for the few innermost open only: each piece of text is added to at most `MAX_OPEN_INLINE` of them.
    for (let i = Math.max(0, anchors.length - MAX_OPEN_INLINE); i < anchors.length; i++) if (anchors[i]!.text !== undefined) anchors[i]!.text += decoded;
    for (let i = Math.max(0, scripts.length - MAX_OPEN_INLINE); i < scripts.length; i++) {
      const script = scripts[i]!;
      // Past the length of a figure it is kept no more: written as it is.
      if (script.text !== undefined) script.text = script.text.length + decoded.length > MAX_RAISED ? undefined : script.text + decoded;
    }
    if (pre > 0) {
      // As a browser reads it, a line break right after `<pre>` is not the text's.
      if (preOpened) decoded = decoded.replace(/^(?:\r\n|\r|\n)/, '');
      preOpened = false;
      decoded.split(/\r\n|\r|\n/).forEach((part, i) => {
        if (i > 0) endLine(true);
        line += part;
      });
      return;
    }
    let collapsed = decoded.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed.startsWith(' ') && (line.length === 0 || spaceAtEnd)) collapsed = collapsed.slice(1);
    if (collapsed === '') return;
    line += collapsed;
    spaceAtEnd = collapsed.endsWith(' ');
  };
  const html = withoutComments(raw);
  const quoteAfter = quoteFinder(html);
  const tagName = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)?/y;
  let from = 0;
  for (let start = html.indexOf('<'); start !== -1; start = html.indexOf('<', start + 1)) {
    // Inside a script, style or the like, what looks like an attribute is text: only the end tag counts.
    const end = unshown === '' ? tagEnd(html, start, quoteAfter) : plainTagEnd(html, start);
    if (end === -1) continue;
    tagName.lastIndex = start;
    const found = tagName.exec(html)!;
    if (unshown === '') text(html.slice(from, start));
    const tag = html.slice(start, end);
    from = end;
    start = end - 1;
    const name = (found[2] ?? '').toLowerCase();
    const closing = found[1] === '/';
    preOpened = name === 'pre' && !closing;
    if (unshown !== '') {
      if (closing && name === unshown) unshown = '';
      continue;
    }
    // A link left open ends with the block it is in, as the page's sanitizer closes it: its address follows its text there.
    if (closing && anchors.length > 0 && (HTML_PARAGRAPHS.has(name) || HTML_LINES.has(name) || name === 'li' || name === 'td' || name === 'th') && !shownAsWritten(tag)) while (anchors.length > 0) closeAnchor();
    // `<!DOCTYPE …>` and `<?xml …?>` show nothing (but on an escaped page, which shows them as written); a `<` that opens no tag (`a <-> b`) is text.
    if (name === '') text(tag[1] === '!' || tag[1] === '?' ? (shownAsWritten(tag) ? tag : '') : tag);
    else if (shownAsWritten(tag)) append(tag);
    // As the sanitizer drops them, with what they hold; `<script/>` holds what follows, as HTML reads it.
    else if (DROPPED.has(name)) unshown = closing ? '' : name;
    else if (name === 'br') endLine(true);
    else if (name === 'img') append(rawImageText(tag));
    else if (name === 'sup' || name === 'sub') {
      if (!closing) scripts.push({ sup: name === 'sup', text: scripts.length < MAX_OPEN_INLINE ? '' : undefined });
      else {
        const script = scripts.pop();
        const written = script?.text;
        const shown = written === undefined || written === '' || written.length > MAX_RAISED ? undefined : raisedOrLowered(written, script!.sup);
        if (shown !== undefined && shown !== written && line.endsWith(written!)) line = line.slice(0, line.length - written!.length) + shown;
      }
    } else if (name === 'a') {
      if (!closing) {
        // Only a link the page keeps has its text kept, to follow it with the address; one inside another is its text there, as on the page.
        const href = anchors.length === 0 ? rawLinkHref(tag) : undefined;
        anchors.push({ href, text: href === undefined ? undefined : '' });
      }
      else closeAnchor();
    }
    else if (name === 'td' || name === 'th') {
      if (!closing && line.length > 0 && !spaceAtEnd) {
        line += ' ';
        spaceAtEnd = true;
      }
    } else if (name === 'li') {
      endLine(false);
      const list = lists.at(-1);
      // An item ends at the next, or at its end tag; one outside any list is marked as a list's.
      close(list ? list.item : strayItem);
      const mark = closing ? '' : list?.ordered ? `${numeral(String(++list.count))}. ` : '- ';
      const item = closing ? undefined : open(false, mark);
      if (list) {
        list.item = item;
        if (!closing) list.mark = mark.length;
      } else strayItem = item;
    } else if (HTML_PARAGRAPHS.has(name)) {
      const list = name === 'ul' || name === 'ol';
      // A list right inside a list item (not in a quote in it) goes on below the item's text, as Markdown's do.
      const outerList = list && !closing && listDepth > 0 && listDepth <= lists.length ? lists[listDepth - 1] : undefined;
      const context = closing ? (listDepth <= lists.length ? lists.at(-1)?.context : inside) : inside;
      if (list && listDepth > (closing ? 1 : 0) && ((context !== undefined && !context.quote) || (outerList !== undefined && !outerList.item))) endLine(false);
      else endParagraph();
      if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
      if (name === 'blockquote') {
        if (!closing) open(true, '> ');
        else if (uncountedQuotes > 0) uncountedQuotes--;
        else close(openQuote());
      }
      if (list && closing && listDepth > 0) {
        if (listDepth <= lists.length) {
          const ended = lists.pop()!;
          close(ended.holder ?? ended.item);
        }
        listDepth--;
      } else if (list && !closing) {
        // An ordered list numbered from its `start`, which the page keeps.
        const start = name === 'ol' ? attributeValue(tag, 0, tag.length, 'start') : undefined;
        const first = start ? Number.parseInt(tag.slice(start.start, start.end), 10) : 1;
        // A list straight inside a list, outside its items (as some editors nest them), is indented as if in the item before it.
        const holder = outerList && !outerList.item ? open(false, ' '.repeat(outerList.mark)) : undefined;
        if (++listDepth <= MAX_NESTING) lists.push({ ordered: name === 'ol', count: (Number.isSafeInteger(first) && Math.abs(first) <= MAX_LIST_START ? first : 1) - 1, item: undefined, mark: 2, holder, context: holder ?? inside });
      }
      if (name === 'hr') paragraphs.push({ lines: [{ lead: leadOf(), hang: inside?.prefix ?? '', text: '* * *', inside }], pre: false });
    } else if (HTML_LINES.has(name)) endLine(false);
  }
  if (unshown === '') text(html.slice(from));
  while (anchors.length > 0) closeAnchor();
  endParagraph();
  return paragraphs;
}

/**
 * Where the tag that starts at `start` ends, just past its `>`: a `>` or `<`
 * inside an attribute value quoted after `=` (`title="a>b"`, `alt="Rates <
 * 5%"`) belongs to the value, as HTML reads it. A tag whose quote is not
 * closed, or that meets a `<` outside its quotes, ends at its first `>` as
 * if nothing in it were quoted (`plainTagEnd`). -1: what starts at `start`
 * is no tag. Each quoted value is read once: the quotes of two tags' values
 * never overlap, so the whole text is read in time linear in its length.
 */
function tagEnd(html: string, start: number, quoteAfter: (quote: string, from: number) => number): number {
  let at = start + 1;
  for (;;) {
    const c = html[at];
    if (c === undefined || c === '<') return plainTagEnd(html, start);
    at++;
    if (c === '>') return at;
    if (c !== '=') continue;
    while (HTML_SPACE.has(html[at] ?? '')) at++;
    const quote = html[at];
    if (quote !== '"' && quote !== "'") continue;
    const close = quoteAfter(quote, at + 1);
    if (close === -1) return plainTagEnd(html, start);
    at = close + 1;
  }
}

/** Where the tag that starts at `start` ends if nothing in it is quoted: at its first `>`, unless a `<` comes first (-1). */
function plainTagEnd(html: string, start: number): number {
  for (let at = start + 1; at < html.length; at++) {
    const c = html[at];
    if (c === '>') return at + 1;
    if (c === '<') return -1;
  }
  return -1;
}

/**
 * Where the next `"` or `'` of `html` is, at or after a place: each answer
 * is kept, and serves every later question from a place between where it
 * was asked and what it found, so that reading the tags of a text left to
 * right finds its quotes in time linear in its length.
 */
function quoteFinder(html: string): (quote: string, from: number) => number {
  const known = new Map<string, { from: number; at: number }>();
  return (quote, from) => {
    const last = known.get(quote);
    if (last && from >= last.from && (last.at === -1 || from <= last.at)) return last.at;
    const at = html.indexOf(quote, from);
    known.set(quote, { from, at });
    return at;
  };
}

/**
 * Raw HTML's text as plain text lines at `width` (see `htmlBlockText`):
 * each line wrapped under its lead, preformatted lines as a code block's,
 * and an empty line between paragraphs, marked as the quotes that hold
 * both paragraphs are (`>`), as Markdown's are.
 */
function htmlTextLines(raw: string, width: number): string[] {
  const out: string[] = [];
  let before: HtmlContainer | undefined;
  for (const { lines, pre } of htmlBlockText(raw)) {
    if (out.length > 0) out.push((commonContainer(before, lines[0]!.inside)?.prefix ?? '').trimEnd());
    for (const l of lines) {
      if (pre) out.push(l.text.trim() === '' ? l.lead.trimEnd() : `${l.lead}    ${l.text}`);
      else if (l.text === '') out.push(l.lead.trimEnd());
      // Not push(...): a paragraph may wrap to more lines than a call takes arguments.
      else for (const wrapped of wrapText(l.text, width, l.hang, l.lead, current.lang)) out.push(wrapped);
    }
    before = lines[lines.length - 1]!.inside;
  }
  return out;
}

/** The innermost container that holds both `a` and `b`. */
function commonContainer(a: HtmlContainer | undefined, b: HtmlContainer | undefined): HtmlContainer | undefined {
  while (a && b && a !== b) {
    if (a.level >= b.level) a = a.up;
    else b = b.up;
  }
  return a === b ? a : undefined;
}

/** Preformatted lines as plain text shows them: indented four spaces, as they stand (a line of spaces alone empty). */
function codeLines(lines: readonly string[]): string[] {
  return lines.map((l) => (l.trim() === '' ? '' : `    ${l}`));
}

/**
 * The plain text of blocks, a blank line between them; `tight`, the blocks
 * of an item of a tight list, without one (a nested list under its item's
 * text), as the page shows them.
 */
function blocksToLines(tokens: readonly Token[], width: number, tight = false): string[] {
  const lines: string[] = [];
  const paragraph = (block: string[]) => {
    if (!tight && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    // Not push(...block): a code block of a hundred thousand lines would overflow the call's arguments.
    for (const line of block) lines.push(line);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'def':
        break;
      case 'hr':
        // The break between sections the page draws as a rule, as plain text marks one.
        paragraph(['* * *']);
        break;
      case 'heading': {
        // Underlined, as plain text marks a heading, so that it does not read as a paragraph of its own.
        const heading = wrap(inlineText((token as Tokens.Heading).tokens), width).filter((line) => line.trim() !== '');
        const longest = heading.reduce((most, line) => Math.max(most, displayWidth(line)), 0);
        // An empty heading (`#` alone) is nothing to underline; deep in nested lists, where the width left may be below zero, one dash.
        if (heading.length > 0) paragraph([...heading, '-'.repeat(Math.max(1, Math.min(Math.max(longest, 3), width)))]);
        break;
      }
      case 'paragraph':
        paragraph(wrap(inlineText((token as Tokens.Paragraph).tokens), width));
        break;
      case 'text': {
        const t = token as Tokens.Text;
        paragraph(wrap(t.tokens ? inlineText(t.tokens) : flowingText(t.text), width));
        break;
      }
      case 'blockquote': {
        // Marked with "> ", as plain-text mail quotes: an indent alone reads as code.
        const inner = blocksToLines((token as Tokens.Blockquote).tokens, width - 2);
        paragraph(inner.map((l) => (l === '' ? '>' : `> ${l}`)));
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        const block: string[] = [];
        list.items.forEach((item, index) => {
          // A task item keeps its box, ticked or not: `- [x] `.
          const marker = `${list.ordered ? `${numeral(String(start + index))}. ` : '- '}${item.task ? (item.checked ? '[x] ' : '[ ] ') : ''}`;
          const pad = ' '.repeat(marker.length);
          const inner = blocksToLines(item.tokens, width - marker.length, !list.loose);
          // An empty item keeps its marker, as the page shows its bullet: a numbered list would otherwise skip a number.
          if (inner.length === 0) block.push(marker.trimEnd());
          inner.forEach((l, i) => block.push(i === 0 ? (l === '' ? marker.trimEnd() : marker + l) : l === '' ? '' : pad + l));
          if (list.loose && index < list.items.length - 1) block.push('');
        });
        paragraph(block);
        break;
      }
      case 'code':
        // Preformatted text is kept exactly, line for line, however long: rewrapping would change what it says.
        paragraph(codeLines((token as Tokens.Code).text.split('\n')));
        break;
      case 'footnote':
        break;
      case 'footnotes': {
        const notes = (token as unknown as FootnotesToken).items;
        const block: string[] = [];
        const noteLines = notes.map((note) => blocksToLines(note.content, width - `[${numeral(footnoteNumber(note))}] `.length));
        // A note of several paragraphs sets every note apart with a blank line, as a loose list does, so the next one does not run on from it.
        const loose = noteLines.some((lines) => lines.includes(''));
        notes.forEach((note, index) => {
          const marker = `[${numeral(footnoteNumber(note))}] `;
          const pad = ' '.repeat(marker.length);
          if (loose && index > 0) block.push('');
          noteLines[index]!.forEach((l, i) => block.push(i === 0 ? marker + l : l === '' ? '' : pad + l));
        });
        if (block.length > 0) {
          paragraph(['-----']);
          if (current.footnotesHeading !== undefined) paragraph(wrap(current.footnotesHeading, width));
          paragraph(block);
        }
        break;
      }
      case 'html':
        // Preformatted text as a code block is shown; the rest wrapped.
        paragraph(htmlTextLines(token.raw, width));
        break;
      case 'table':
        paragraph(tableLines(token as Tokens.Table, width));
        break;
      default: {
        const generic = token as InlineToken;
        if (generic.tokens) paragraph(wrap(inlineText(generic.tokens), width));
      }
    }
  }
  return lines;
}
