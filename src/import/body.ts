import { isHeadingIdName, isPageOwnId } from '../core/markdown.js';
import { countBefore } from '../core/sorted.js';
import type { SiteKind } from './paths.js';
import { longestRun } from '../core/text.js';
import { blockAt, codeBlocks, type CodeBlock } from './code-blocks.js';
import { FRESH } from '../core/objects.js';

/**
 * Converts a post's body from a site generator's Markdown to plain Markdown:
 * the template tags with a Markdown equivalent are rewritten, every other
 * tag is left where it is and reported, so nothing the author wrote is lost.
 * One pass over the original text, so each report names the line of the
 * post it came from and the line of the release it went to.
 */

export interface BodyNote {
  /** Offset of the tag in the post's body. */
  offset: number;
  /** Offset of the same place in the converted body. */
  outputOffset: number;
  message: string;
}

export interface ConvertedBody {
  text: string;
  notes: BodyNote[];
  /** The offset in `text` of an offset in the post's body: in text copied as written, the same character; in a tag, where what it made starts. */
  outputAt(offset: number): number;
  /** Where the first summary divider was, in the post and in the converted body, and how it was written: the text before it was the old site's summary. */
  divider?: { offset: number; outputOffset: number; mark: string };
}

/**
 * Maps a reference to another post (`{% post_url %}`, `{% link %}`, Hugo
 * `ref`) to its new address, when it was imported; `unread` says why one
 * that names posts is left as written (it names several).
 */
/** The new address of the post a reference names (`lang`: the language Hugo's `ref` asks for, else the linking post's). */
export type LinkResolver = (reference: string, lang?: string) => { url: string; warning?: string } | { unread: string } | undefined;

/**
 * The file of the old site (relative to its folder) that an address on it
 * (`/assets/a.jpg`) served, or that a path from the post's folder
 * (`photo.jpg` in a page bundle) names, when there is one.
 */
export type OldSiteFile = (address: string) => string | undefined;

/** Longest tag read as one; an unclosed `{%` does not make the scan read the rest of the file for each one. */
const MAX_TAG = 2000;

export const shorten = (tag: string) => {
  const flat = tag.replace(/\s+/g, ' ');
  return flat.length > 70 ? `${flat.slice(0, 67)}…` : flat;
};

/** A fence longer than any run of backticks in the code, so the code cannot close it. */
function fenced(code: string, language: string): string {
  const longest = longestRun(code, '`');
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const inner = code.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
  return `${fence}${language}\n${inner}\n${fence}`;
}

/** A URL usable as a Markdown link destination as written. */
function destination(url: string): string {
  return url.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * What Hugo's figure shows under its image, as one line of Markdown: its
 * title in bold, its caption in italics (as written where it has emphasis
 * of its own), and the credit, linked where the figure links it. Undefined
 * for a figure with none of them.
 */
function figureCaption(title: string | undefined, caption: string | undefined, attr: string | undefined, attrlink: string | undefined): string | undefined {
  const parts = [
    ...(title ? [`**${title}**`] : []),
    ...(caption ? [caption.includes('*') ? caption : `*${caption}*`] : []),
    ...(attr ? [attrlink ? `[${escapeLinkText(attr)}](${destination(attrlink)})` : attr] : []),
  ];
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * What a line that continues the block a line starts in begins with: the
 * quote marks of a block quote (`> `), and the indentation of a list item's
 * text (`- ` as two spaces), so that a paragraph added after a figure stays
 * in the quote or item the figure stands in.
 */
function continuation(line: string): string {
  const found = CONTAINER.exec(line)!;
  return `${found[1]}${' '.repeat(found[2]!.replace(/\t/g, '    ').length)}`;
}

/** The quote marks and list item marker or indentation a line opens with. */
const CONTAINER = /^((?:[ \t]*>[ \t]?)*)([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*)/;

function escapeLinkText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** Strips one pair of matching quotes. */
function unquote(value: string): string {
  const m = /^(["'`])([\s\S]*)\1$/.exec(value.trim());
  return m ? m[2]! : value.trim();
}

/** A converted body, and where in the post any place of it came from. */
interface Conversion extends ConvertedBody {
  /** The offset in the post of an offset in `text`: in text copied as written, the same character; in text a tag made, that tag. */
  sourceAt(outputOffset: number): number;
}

class Writer {
  out = '';
  notes: BodyNote[] = [];
  divider: ConvertedBody['divider'];
  /** The runs of the post copied as written, in order: where each starts in the output and in the post. */
  private readonly runs: { output: number; source: number; length: number }[] = [];
  constructor(private readonly body: string) {}
  /** The summary divider, removed here (unless it is text the old page showed); only the first one ends the old site's summary. */
  more(offset: number, mark: string) {
    this.divider ??= { offset, outputOffset: this.out.length, mark };
  }
  note(offset: number, message: string, outputOffset = this.out.length) {
    this.notes.push({ offset, outputOffset, message });
  }
  /** Copies the post's text from `from` to `to` as it is. */
  copy(from: number, to: number) {
    if (to <= from) return;
    this.runs.push({ output: this.out.length, source: from, length: to - from });
    this.out += this.body.slice(from, to);
  }
  /**
   * A highlight block's code as a fenced block, which starts on a line of its
   * own, in the list item or block quote the tag stands in: each line opens
   * with what continues it (see `continuation`), the fences too. The code's
   * lines carry it in the post already, and keep the rest of their
   * indentation; one that does not (a blank line in a quote) is given it.
   */
  fence(code: string, language: string) {
    const line = this.out.slice(this.out.lastIndexOf('\n') + 1);
    const prefix = continuation(line);
    // Not a test with `$`: where it failed, the quote marks' blanks could be split in ways as many as two to the number of marks.
    const bare = CONTAINER.exec(line)![0].length === line.length;
    const own = code.split('\n').map((l) => (l.startsWith(prefix) ? l.slice(prefix.length) : l.startsWith(prefix.trimEnd()) ? l.slice(prefix.trimEnd().length) : l));
    const lines = fenced(own.join('\n'), language).split('\n').map((l) => (l === '' ? prefix.trimEnd() : `${prefix}${l}`));
    // After text on its line the fence starts the next, in the same item or quote; opening it, right after the item's marker.
    if (bare) this.out += lines.join('\n').slice(prefix.length);
    else this.out = `${this.out.replace(/[ \t]+$/, '')}\n${lines.join('\n')}`;
  }
  done(): Conversion {
    const runs = this.runs;
    return {
      text: this.out,
      notes: this.notes,
      ...(this.divider ? { divider: this.divider } : {}),
      outputAt: (offset) => {
        // The last run that starts at or before the offset; past its end, the offset is in a tag, whose output follows the run.
        const run = runs[countBefore(runs, (r) => r.source <= offset) - 1];
        if (run === undefined) return 0;
        return run.output + Math.min(offset - run.source, run.length);
      },
      sourceAt: (outputOffset) => {
        // The last run that starts at or before the offset.
        const run = runs[countBefore(runs, (r) => r.output <= outputOffset) - 1];
        if (run === undefined) return 0;
        return run.source + Math.min(outputOffset - run.output, run.length);
      },
    };
  }
}

interface Tag {
  index: number;
  /** Offset just past the tag. */
  end: number;
  /** The opening delimiter, or 'more' for the summary divider (`inner`: as written). */
  open: string;
  /** The text between the delimiters. */
  inner: string;
  /** The code block the tag is written in, which shows it as text. */
  code?: CodeBlock;
}

/**
 * Finds template tags left to right in linear time: the search for a closing
 * delimiter is remembered, so a file full of unclosed tags is not read again
 * from each of them. `divider`: the summary divider, when it is not
 * `<!--more-->` (see `convertBody`).
 */
function* scanTags(body: string, pairs: Readonly<Record<string, string>>, from: () => number, code: readonly CodeBlock[], divider?: string): Generator<Tag> {
  const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
  // The divider first: it may start as a tag does (`<!--cut-->`, `{% more %}`).
  const opens = new RegExp([...(divider ? [escape(divider)] : []), ...Object.keys(pairs).map(escape), ...(divider === undefined ? ['<!--'] : [])].join('|'), 'g');
  const shown = divider !== undefined && !isHiddenDivider(divider);
  const nextClose = new Map<string, number>();
  const closing = (close: string, at: number) => {
    const known = nextClose.get(close);
    if (known !== undefined && (known === -1 || known >= at)) return known;
    const found = body.indexOf(close, at);
    nextClose.set(close, found);
    return found;
  };
  opens.lastIndex = from();
  for (let m = opens.exec(body); m; m = opens.exec(body)) {
    const index = m.index;
    const inCode = blockAt(code, index);
    if (divider !== undefined && m[0] === divider) {
      // In code the divider is text the post shows; so is one that is no comment, which the old page showed where it stands.
      if (inCode !== undefined) continue;
      if (shown) yield { index, end: index, open: 'more', inner: divider };
      else {
        const after = /[ \t]*\n?/y;
        after.lastIndex = index + divider.length;
        after.exec(body);
        yield { ...FRESH, ...moreSeparator(body, index, after.lastIndex, from()), inner: divider };
      }
    } else if (m[0] === '<!--') {
      const more = /<!--\s*more\s*-->[ \t]*\n?/y;
      more.lastIndex = index;
      // In code the divider is text the post shows.
      if (inCode === undefined && more.exec(body)) yield { ...FRESH, ...moreSeparator(body, index, more.lastIndex, from()), inner: body.slice(index, body.indexOf('-->', index) + 3) };
    } else {
      const close = pairs[m[0]]!;
      const end = closing(close, index + m[0].length);
      // A tag begun in code ends there too, or it is only text.
      if (end !== -1 && end - index <= MAX_TAG && (inCode === undefined || end + close.length <= inCode.end)) {
        yield { index, end: end + close.length, open: m[0], inner: body.slice(index + m[0].length, end), ...(inCode ? { code: inCode } : {}) };
      } else {
        opens.lastIndex = index + 1;
        continue;
      }
    }
    // The caller may have consumed more (a block up to its end tag).
    opens.lastIndex = Math.max(from(), opens.lastIndex);
  }
}

/**
 * The code blocks of a post's body. The text of a highlight block or a
 * comment is not Markdown, so it is blanked first (keeping every offset):
 * a fence written in it does not turn what follows into code.
 */
function codeBlocksOutside(body: string, blocks: RegExp, ends: (name: string) => RegExp): CodeBlock[] {
  const missing = new Set<string>();
  let masked = '';
  let last = 0;
  for (const m of body.matchAll(blocks)) {
    const name = m[1]!;
    if (m.index < last || missing.has(name)) continue;
    const end = ends(name);
    end.lastIndex = m.index + m[0].length;
    const found = end.exec(body);
    // Once an end tag is missing past one place, it is missing past every later one.
    if (!found) {
      missing.add(name);
      continue;
    }
    const to = found.index + found[0].length;
    masked += body.slice(last, m.index) + body.slice(m.index, to).replace(/[^\n]/g, ' ');
    last = to;
  }
  return codeBlocks(masked + body.slice(last));
}

/**
 * The summary divider as a tag to remove. On a line of its own it takes its
 * line with it (indentation kept before it would turn what follows into
 * code), and after a blank line the blank lines after it too: removed alone,
 * it left the blank lines on both sides, two where the paragraphs had one.
 */
function moreSeparator(body: string, index: number, end: number, written: number): Tag {
  // The blanks before it, stepped over back to the line's start: a search for the line's start from each divider of a line of
  // a hundred thousand went back over all those before it.
  let lineStart = index;
  while (lineStart > written && (body[lineStart - 1] === ' ' || body[lineStart - 1] === '\t')) lineStart--;
  const alone = (lineStart === 0 || body[lineStart - 1] === '\n') && lineStart >= written && body[end - 1] === '\n';
  // In running text only the comment goes: the line break after it still ends the line (`centre.<!--more-->` then `It serves`
  // became `centre.It serves`), and a blank line after it still ends the paragraph.
  if (!alone) return { index, end: body[end - 1] === '\n' ? end - 1 : end, open: 'more', inner: '' };
  // The line before ends at lineStart - 1; there is none when the divider starts the body.
  const previousLine = lineStart === 0 ? '' : body.slice(body.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1);
  let after = end;
  if (/^[ \t]*$/.test(previousLine)) {
    const blank = /(?:[ \t]*\n)*/y;
    blank.lastIndex = end;
    blank.exec(body);
    after = blank.lastIndex;
  } else if (end < body.length && body[end] !== '\n' && !/^[ \t]*(?:\n|$)/.test(body.slice(end, end + 200))) {
    // Between two lines of text, the divider's line ended the paragraph above, as an HTML comment on a line of its own does
    // in Markdown: a blank line takes its place, so the two stay two paragraphs.
    after = end - 1;
  }
  return { index: lineStart, end: after, open: 'more', inner: '' };
}

/** Whether a summary divider is an HTML comment (`<!--more-->`), which no page shows. */
export function isHiddenDivider(divider: string): boolean {
  return /^<!--(?:(?!-->)[\s\S])*-->$/.test(divider);
}

/**
 * `divider`: Jekyll's `excerpt_separator`, where the site or the post sets
 * one, in place of `<!--more-->` ('' for none: Jekyll then made no excerpt).
 * One that is a comment is removed as `<!--more-->` is; one the old page
 * showed (any other text) stays, and only marks where the summary ended.
 * `fromHtml`: the Markdown was made from an HTML post, whose headings the old
 * site gave no ids of its own.
 */
export function convertBody(body: string, site: SiteKind, resolve: LinkResolver, oldSiteFile?: OldSiteFile, base = '', divider?: string, fromHtml = false): ConvertedBody {
  const converted = site === 'jekyll' ? convertJekyll(body, resolve, base, divider) : convertHugo(body, resolve, oldSiteFile);
  // An HTML post's headings had only the ids its elements were written with: the old site made none.
  return withImageNotes(withExtraSyntaxNotes(fromHtml ? converted : withLinkedHeadingIds(converted, site), site), oldSiteFile);
}

/** A heading's opening marks on a line of its own (`## `). */
const ATX_OPENING = /^ {0,3}#{1,6}(?=[ \t]|$)/;
/** Longer headings are left alone: no heading a link leads to is, and the text of each is read in time bounded by it. */
const MAX_HEADING = 300;

/** The text of a heading on `line` (`## Fees ##` is `Fees`), or undefined when the line is none, or too long to be read. */
function atxHeadingText(line: string): string | undefined {
  const opening = ATX_OPENING.exec(line);
  if (opening === null || line.length > MAX_HEADING) return undefined;
  const text = line.slice(opening[0].length).trim();
  // Its closing `#`s, after a blank, are no part of it.
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  const own = end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t' ? text.slice(0, end).trimEnd() : text;
  return own === '' ? undefined : own;
}
/**
 * A link to a part of its own page, in a link (`](#fees)`) or a reference's definition (`[fees]: #fees`). The part's name
 * holds no bracket or parenthesis, so that a line of links left open (`](#a](#a…`) is read once, not again from each.
 */
const FRAGMENT_LINK = /\]\([ \t]*<?#([^\s()<>[\]]+)>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?#([^\s>]+)>?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/gm;

/** A heading's text as the old site made its id from it: the text of its links and code, without emphasis marks or tags. */
function headingText(markdown: string): string {
  return markdown.replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1').replace(/<[^<>]*>/g, '').replace(/`/g, '')
    .replace(/\\(.)/g, '$1').replace(/[*~]+/g, '').replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1');
}

/**
 * The id the old site gave a heading without one written: kramdown's (Jekyll), its Latin letters, digits, blanks as `-`
 * and hyphens, from its first letter, lower-cased, `section` when none is left; Goldmark's (Hugo, GitHub's way), its letters
 * and digits of any script, `_`, and blanks and hyphens as `-`, lower-cased. A second heading of an id takes `-1`, then `-2`.
 */
function autoHeadingIds(site: SiteKind): (text: string) => string {
  // kramdown counts the headings of each id; Goldmark takes the first number free among every id given, looked for from the
  // number the last heading of that text took (`next`), so that thousands of headings alike are numbered in one pass.
  const counts = new Map<string, number>();
  const given = new Set<string>();
  const next = new Map<string, number>();
  return (text) => {
    if (site === 'jekyll') {
      const base = text.replace(/^[^a-zA-Z]+/, '').replace(/[^a-zA-Z0-9 -]/g, '').replace(/ /g, '-').toLowerCase() || 'section';
      const count = counts.get(base);
      counts.set(base, count === undefined ? 0 : count + 1);
      return count === undefined ? base : `${base}-${count + 1}`;
    }
    const base = [...text.trim()].map((c) => (c === '-' || /\s/u.test(c) ? '-' : /[\p{L}\p{Nd}_]/u.test(c) ? c.toLowerCase() : '')).join('') || 'heading';
    let id = base;
    let n = next.get(base) ?? 1;
    if (given.has(id)) {
      while (given.has((id = `${base}-${n}`))) n++;
      next.set(base, n + 1);
    }
    given.add(id);
    return id;
  };
}

/**
 * A link to a part of its own page (`[the fees](#fees)`) led to a heading the old site gave that id itself, as kramdown and
 * Goldmark give every heading one; a release's headings have only the ids written after them. Such a heading is given its
 * id, written after it (`## Fees {#fees}`), when it is one a release reads, so that the link still leads to it; any other
 * is left to the check, which names the link. Headings inside lists or quotes, or underlined, are left alone.
 */
function withLinkedHeadingIds(converted: Conversion, site: SiteKind): Conversion {
  const text = converted.text;
  if (!text.includes('#')) return converted;
  const code = codeBlocks(text);
  const linked = new Set<string>();
  for (const m of text.matchAll(FRAGMENT_LINK)) {
    if (blockAt(code, m.index) !== undefined) continue;
    try {
      linked.add(decodeURIComponent(m[1] ?? m[2]!));
    } catch {
      // Not an escape a browser decodes: no heading's id.
    }
  }
  if (linked.size === 0) return converted;
  const headings: { end: number; text: string; written?: string }[] = [];
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    const heading = blockAt(code, start) === undefined ? atxHeadingText(text.slice(start, stop)) : undefined;
    if (heading !== undefined) {
      const written = /\{#([^{}\s]+)\}$/.exec(heading)?.[1];
      headings.push({ end: start + text.slice(start, stop).trimEnd().length, text: heading, ...(written !== undefined ? { written } : {}) });
    }
    if (end === -1) break;
    start = end + 1;
  }
  const taken = new Set(headings.flatMap((h) => (h.written !== undefined ? [h.written] : [])));
  const autoId = autoHeadingIds(site);
  const inserts: { at: number; text: string }[] = [];
  for (const heading of headings) {
    if (heading.written !== undefined) continue;
    const id = autoId(headingText(heading.text));
    if (!linked.has(id) || taken.has(id) || !isHeadingIdName(id) || isPageOwnId(id)) continue;
    taken.add(id);
    inserts.push({ at: heading.end, text: ` {#${id}}` });
  }
  if (inserts.length === 0) return converted;
  let out = '';
  let from = 0;
  for (const insert of inserts) {
    out += text.slice(from, insert.at) + insert.text;
    from = insert.at;
  }
  out += text.slice(from);
  // Every offset after an id written in moves along by its length: `before[k]`, the length of the first k written, and
  // `placed[k]`, where the k-th starts in the text with them, are searched, not summed again for each offset.
  const before = [0];
  for (const insert of inserts) before.push(before.at(-1)! + insert.text.length);
  const placed = inserts.map((insert, k) => insert.at + before[k]!);
  const shift = (offset: number) => offset + before[countBefore(inserts, (i) => i.at <= offset)]!;
  const unshift = (offset: number) => {
    const k = countBefore(placed, (at) => at <= offset) - 1;
    if (k >= 0 && offset < placed[k]! + inserts[k]!.text.length) return converted.sourceAt(inserts[k]!.at);
    return converted.sourceAt(offset - before[k + 1]!);
  };
  return {
    text: out,
    notes: converted.notes.map((n) => ({ ...FRESH, ...n, outputOffset: shift(n.outputOffset) })),
    ...(converted.divider ? { divider: { ...FRESH, ...converted.divider, outputOffset: shift(converted.divider.outputOffset) } } : {}),
    outputAt: (offset) => shift(converted.outputAt(offset)),
    sourceAt: unshift,
  };
}

/** kramdown's abbreviation, `*[HTML]: HyperText Markup Language`, on a line of its own (indented at most three spaces, as a block may be). */
const ABBREVIATION = /^ {0,3}\*\[[^\]\n]+\]:.*$/;
/** A definition of a definition list, `: The meaning`, which kramdown and Hugo's Goldmark read after a line of text, its term. */
const DEFINITION = /^ {0,3}:[ \t]+\S/;

/**
 * A note for each kramdown abbreviation (Jekyll) and each definition list
 * (kramdown's, and Hugo's Goldmark's, which reads them by default), outside
 * code: a release's Markdown has neither, and shows the lines as text (`:
 * The meaning` under its term, `*[HTML]: …` as a paragraph) rather than
 * what the old site made of them. Left in place, where a person can see
 * what was meant and write it another way.
 */
function withExtraSyntaxNotes(converted: Conversion, site: SiteKind): Conversion {
  const text = converted.text;
  const code = codeBlocks(text);
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start <= text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    lines.push({ start, text: text.slice(start, stop) });
    if (end === -1) break;
    start = end + 1;
  }
  const blank = (i: number) => lines[i] === undefined || lines[i]!.text.trim() === '';
  const note = (at: number, message: string) => converted.notes.push({ offset: converted.sourceAt(at), outputOffset: at, message });
  /** Whether the list of the last definition noted goes on here: a definition, its term, a blank line or a continued line. */
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (blockAt(code, line.start) !== undefined) {
      inList = false;
      continue;
    }
    if (site === 'jekyll' && ABBREVIATION.test(line.text)) {
      note(line.start, `kramdown abbreviation \`${shorten(line.text.trim())}\` left in place: a release shows it as text; spell the term out where it is first used and remove the line`);
      inList = false;
      continue;
    }
    if (DEFINITION.test(line.text)) {
      // A term is a line of text just above, or above one blank line.
      const term = !blank(i - 1) ? i - 1 : !blank(i - 2) ? i - 2 : undefined;
      if (term !== undefined && !inList) {
        note(line.start, `${site === 'jekyll' ? 'kramdown' : 'Goldmark'} definition list left in place: a release shows \`${shorten(line.text.trim())}\` as text under its term; write the terms and their meanings as a list or as paragraphs`);
      }
      inList = term !== undefined || inList;
      continue;
    }
    // The list ends at two blank lines, or at text that is no term of a definition below it.
    if (inList && (blank(i) ? blank(i - 1) : !(DEFINITION.test(lines[i + 1]?.text ?? '') || (blank(i + 1) && DEFINITION.test(lines[i + 2]?.text ?? '')) || /^[ \t]/.test(line.text)))) inList = false;
  }
  return converted;
}

/**
 * The note on an image whose file the build will not find: one at a path of
 * the old site (a page bundle's `photo.jpg`), which the build looks for next
 * to the release, or at an address of the old site (`/assets/a.jpg`), which
 * the new site does not serve; none on a full address or a fragment.
 */
function imageNote(src: string, oldSiteFile: OldSiteFile | undefined): string | undefined {
  if (isRelativePath(src)) {
    if (src.startsWith('#')) return undefined;
    // Named, since the release's folder holds every release of its language: two page bundles' `photo.jpg` are two pictures.
    const file = oldSiteFile?.(src);
    return file === undefined
      ? `the image ${shorten(src)} is a file of the old site: copy it next to the release (the path is read from the release file's folder), or write its full address`
      : `the image ${shorten(src)} is the old site's ${shorten(file)}: copy it next to the release (the path is read from the release file's folder, which other releases of the language share: give it a name of its own if another picture has this one), or write its full address`;
  }
  if (!src.startsWith('/') || src.startsWith('//')) return undefined;
  const file = oldSiteFile?.(src);
  return file === undefined
    ? `the image ${shorten(src)} is at an address of the old site, and no such file is in it: copy the picture next to the release and write its path from the release file's folder, or write its full address`
    : `the image ${shorten(src)} is at an address of the old site (its file there is ${shorten(file)}): copy the file next to the release and write its path from the release file's folder, or write its full address`;
}

/** A Markdown image, `![alt](path "title")`: its destination. */
const MARKDOWN_IMAGE = /!\[(?:[^\]\\\n]|\\.){0,500}\]\(\s*<?([^\s()<>]{1,2000})>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;

/** An HTML `<img>` tag, which `html: safe` keeps; no `<` inside, so that a run of unclosed ones is read once. */
const HTML_IMAGE = /<img\b[^<>]{0,4000}>/gi;
const HTML_SRC = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/**
 * A note for each image of the converted body, Markdown or `<img>`, whose
 * file the build will not find (see `imageNote`), outside code. An image a
 * shortcode made is noted where it was converted.
 */
function withImageNotes(converted: Conversion, oldSiteFile: OldSiteFile | undefined): ConvertedBody {
  const noted = new Set(converted.notes.map((n) => n.outputOffset));
  // Read in the converted text, so that a highlight block, now fenced, counts as code too.
  const code = codeBlocks(converted.text);
  const images = (pattern: RegExp, srcOf: (m: RegExpExecArray) => string | undefined) => {
    for (const m of converted.text.matchAll(pattern)) {
      if (blockAt(code, m.index) !== undefined) continue; // an image written in code is shown as text
      const src = srcOf(m);
      const message = src === undefined || noted.has(m.index) ? undefined : imageNote(src, oldSiteFile);
      if (message !== undefined) converted.notes.push({ offset: converted.sourceAt(m.index), outputOffset: m.index, message });
    }
  };
  images(MARKDOWN_IMAGE, (m) => m[1]);
  images(HTML_IMAGE, (m) => {
    const src = HTML_SRC.exec(m[0]);
    const value = src ? (src[1] ?? src[2] ?? src[3])?.trim() : undefined;
    return value === '' ? undefined : value;
  });
  converted.notes.sort((a, b) => a.outputOffset - b.outputOffset);
  return { text: converted.text, notes: converted.notes, outputAt: converted.outputAt, ...(converted.divider ? { divider: converted.divider } : {}) };
}

/** Block ends found so far, by pattern: one that is missing is not searched for again from every opening tag. */
type BlockEnds = Map<string, { from: number; match: RegExpExecArray | null }>;

function findClosing(body: string, from: number, pattern: RegExp, cache: BlockEnds): RegExpExecArray | null {
  const known = cache.get(pattern.source);
  if (known && (known.match === null ? known.from <= from : known.match.index >= from)) return known.match;
  const re = new RegExp(pattern.source, 'g');
  re.lastIndex = from;
  const match = re.exec(body);
  cache.set(pattern.source, { from, match });
  return match;
}

/**
 * `text` with each span from a match of `open` to the first match of `close` after it given by `replace`, as
 * `text.replace(/open([\s\S]*?)close/g, …)` gives it, in one pass: that pattern looked for a close again from each later
 * open when none was left, a time with the square of the text's length, and more where blanks end the text inside.
 */
function replaceSpans(text: string, open: RegExp, close: RegExp, replace: (opened: RegExpExecArray, inside: string, closed: RegExpExecArray) => string): string {
  const opens = new RegExp(open.source, 'g');
  const closes = new RegExp(close.source, 'g');
  let out = '';
  let at = 0;
  for (;;) {
    opens.lastIndex = at;
    const opened = opens.exec(text);
    if (!opened) break;
    closes.lastIndex = opened.index + opened[0].length;
    const closed = closes.exec(text);
    // No close after this open, so none after a later one either.
    if (!closed) break;
    out += text.slice(at, opened.index) + replace(opened, text.slice(opened.index + opened[0].length, closed.index), closed);
    at = closed.index + closed[0].length;
  }
  return out + text.slice(at);
}

/**
 * An id written at the end of a line (`{#visa-rules}`), as kramdown and
 * Hugo's Goldmark read it after a heading's text: whether it is one, and
 * whether a release reads it, as it does after a heading's text
 * (`## Visa rules {#visa-rules}`, or a line underlined with `---`, with
 * an id `isHeadingIdName` takes); elsewhere it shows as text.
 */
function headingId(body: string, t: Tag): { read: boolean } | undefined {
  if (!/^[A-Za-z][\w.:-]*$/.test(t.inner)) return undefined;
  const lineEnd = body.indexOf('\n', t.end);
  if (body.slice(t.end, lineEnd === -1 ? body.length : lineEnd).trim() !== '') return undefined;
  // What comes before it on its line, past the marks of the lists and quotes it is in (`- `, `> `, `1. `): one pass each.
  const before = body.slice(body.lastIndexOf('\n', t.index - 1) + 1, t.index);
  const marks = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]))*/.exec(before)![0];
  const text = before.slice(marks.length);
  const atx = /^[ \t]{0,3}#{1,6}[ \t]/.exec(text);
  let read = atx !== null && text.slice(atx[0].length).trim() !== '';
  if (!read && marks === '' && text.trim() !== '' && lineEnd !== -1) {
    // A line underlined with `===` or `---` (after a list item or a quote, `---` is a rule, not an underline).
    const nextEnd = body.indexOf('\n', lineEnd + 1);
    read = /^ {0,3}(?:=+|-+)[ \t]*$/.test(body.slice(lineEnd + 1, nextEnd === -1 ? body.length : nextEnd));
  }
  return { read: read && isHeadingIdName(t.inner) };
}

/**
 * A `{#…}` copied as written, named as needing a person when it is an id
 * (`what` it is called on that site) a release shows as text; any other
 * `{#` is text, read on after its two characters. Where the copy ends.
 */
function copyHeadingId(body: string, t: Tag, w: Writer, what: string): number {
  const id = headingId(body, t);
  if (id && !id.read) w.note(t.index, `${what} \`${shorten(body.slice(t.index, t.end))}\` left in place`);
  const end = id ? t.end : t.index + 2;
  w.copy(t.index, end);
  return end;
}

/**
 * A kramdown extension, `{::name}…{:/name}` (or `{:/}`), or `{::name /}` with nothing in it, as kramdown read it: a
 * `comment`'s text was never shown, and goes (an editor's note kept out of the page must not be published by the
 * import); a `nomarkdown` block's text was written as it is, and stays, its tags gone; `options` only set how kramdown read
 * the post. Each is noted. Returns where the text after it starts; one never closed is left in place, noted.
 */
function kramdownExtension(body: string, t: { index: number; end: number }, name: string, empty: boolean, w: Writer, ends: BlockEnds): number {
  const tag = body.slice(t.index, t.end);
  if (name === 'options' || empty) {
    w.note(t.index, `kramdown ${name === 'options' ? 'options' : `${name} tag`} \`${shorten(tag)}\` removed: ${name === 'options' ? 'they only set how the old site read the post' : 'it held nothing'}`);
    return t.end;
  }
  const closing = findClosing(body, t.end, new RegExp(`\\{:/(?:${name})?\\}`), ends);
  if (!closing) {
    w.note(t.index, `kramdown \`${shorten(tag)}\` has no \`{:/${name}}\`; left as it was`);
    w.copy(t.index, t.end);
    return t.end;
  }
  if (name === 'comment') w.note(t.index, 'kramdown comment removed: the old site never showed its text');
  else {
    w.note(t.index, 'kramdown `{::nomarkdown}` tags removed; the text between them is kept as written');
    w.copy(t.end, closing.index);
  }
  return closing.index + closing[0].length;
}

function convertJekyll(body: string, resolve: LinkResolver, base: string, divider: string | undefined): Conversion {
  const w = new Writer(body);
  let last = 0;
  const ends: BlockEnds = new Map();
  const code = codeBlocksOutside(body, /\{%-?\s*(highlight|comment)\b/g, (name) => new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g'));
  for (const t of scanTags(body, { '{%': '%}', '{{': '}}', '{:': '}', '{#': '}' }, () => last, code, divider)) {
    // In code only `{% raw %}` is read: it is how the post wrote template tags for the old site to show as they are.
    if (t.code && !(t.open === '{%' && /^-?\s*raw\s*-?$/.test(t.inner))) continue;
    const m = { index: t.index, 0: body.slice(t.index, t.end) };
    w.copy(last, t.index);
    last = t.end;
    if (t.open === 'more') {
      w.more(t.index, t.inner); // the excerpt separator: listings use `summary` instead
      continue;
    }
    if (t.open === '{#') {
      last = copyHeadingId(body, t, w, 'kramdown heading id');
      continue;
    }
    if (t.open === '{:') {
      const extension = /^:(comment|nomarkdown|options)(?=[\s/]|$)[^]*?(\/?)\s*$/.exec(t.inner);
      if (extension && !t.code) {
        last = kramdownExtension(body, t, extension[1]!, extension[2] === '/', w, ends);
        continue;
      }
      // A kramdown attribute list (`{: .lead}`, `{:target="_blank"}`, `{:toc}`) would show as text; Ruby's `{:a => 1}` is not one.
      if (/^(?::|\s|[.#]|[\w-]+(?:=|:\s|$))/.test(t.inner)) w.note(t.index, `kramdown attribute list \`${shorten(m[0])}\` left in place`);
      w.copy(t.index, t.end);
      continue;
    }
    // `{%-` and `-%}` only trim white space around the tag.
    const content = t.inner.replace(/^-/, '').replace(/-$/, '');
    if (t.open === '{%') {
      const tag = content.trim();
      const [name = '', ...rest] = tag.split(/\s+/);
      const argument = rest.join(' ');
      if (name === 'raw' || name === 'comment' || name === 'highlight') {
        const closing = findClosing(body, last, new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`), ends);
        if (t.code && (!closing || closing.index + closing[0].length > t.code.end)) {
          w.copy(t.index, t.end);
          continue;
        }
        if (!closing) {
          w.note(m.index, `\`{% ${shorten(tag)} %}\` has no \`{% end${name} %}\`; left as it was`);
          w.copy(t.index, t.end);
          continue;
        }
        const innerStart = last;
        last = closing.index + closing[0].length;
        // Liquid prints a raw block's text as it is and a comment not at all.
        if (name === 'raw') w.copy(innerStart, closing.index);
        // Liquid renders a highlight's code as it renders the page: a `{% raw %}` in it shows its text, without the tags.
        else if (name === 'highlight') w.fence(replaceSpans(body.slice(innerStart, closing.index), /\{%-?\s*raw\s*-?%\}/, /\{%-?\s*endraw\s*-?%\}/, (_, inside) => inside), rest[0] ?? '');
        continue;
      }
      if ((name === 'post_url' || name === 'link') && argument !== '' && !argument.includes('{{')) {
        const link = resolve(unquote(argument));
        if (link !== undefined && 'url' in link) {
          if (link.warning) w.note(m.index, link.warning);
          // `{{ site.baseurl }}{% post_url … %}`, as Jekyll before 4 needed it written: the base once.
          w.out += base !== '' && w.out.endsWith(base) && link.url.startsWith(`${base}/`) ? link.url.slice(base.length) : link.url;
          continue;
        }
        w.note(m.index, `\`{% ${shorten(tag)} %}\` ${link?.unread ?? 'links to a post that was not imported'}; left in place`);
      } else {
        w.note(m.index, `template tag \`{% ${shorten(tag)} %}\` left in place`);
      }
      w.copy(t.index, t.end);
      continue;
    }
    const expression = content.trim();
    // Links become site-relative, under the path the new site is served at (`base`, from `site.url`, else the old `baseurl`).
    if (expression === 'site.url') continue;
    if (expression === 'site.baseurl') {
      w.out += base;
      continue;
    }
    const filtered = /^(["'])([^"']*)\1\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.(?:baseurl|url))$/.exec(expression);
    if (filtered) {
      const path = filtered[2]!;
      w.out += /^[a-z][a-z0-9+.-]*:|^\/\//i.test(path) ? path : `${base}${path.startsWith('/') ? path : `/${path}`}`;
      continue;
    }
    w.note(m.index, `template expression \`{{ ${shorten(expression)} }}\` left in place`);
    w.copy(t.index, t.end);
  }
  w.copy(last, body.length);
  return w.done();
}

/** Named and positional parameters of a shortcode, after its name. */
export function shortcodeParameters(text: string): { named: Map<string, string>; positional: string[] } {
  const named = new Map<string, string>();
  const positional: string[] = [];
  const re = /(?:([A-Za-z_][\w-]*)=)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^']*)'|([^\s"'`]+))/g;
  for (const m of text.matchAll(re)) {
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? m[4] ?? m[5] ?? '');
    if (m[1] !== undefined) named.set(m[1].toLowerCase(), value);
    else positional.push(value);
  }
  return { named, positional };
}

function isRelativePath(src: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(src);
}

function convertHugo(body: string, resolve: LinkResolver, oldSiteFile: OldSiteFile | undefined): Conversion {
  const w = new Writer(body);
  let last = 0;
  const ends: BlockEnds = new Map();
  const code = codeBlocksOutside(body, /\{\{[<%]\s*(highlight)\b/g, () => /\{\{[<%]\s*\/highlight\s*[>%]\}\}/g);
  for (const t of scanTags(body, { '{{<': '>}}', '{{%': '%}}', '{#': '}' }, () => last, code)) {
    // In code only `{{</* x */>}}` is read: it is how the post wrote a shortcode for the old site to show as it is.
    if (t.code && !/^\s*\/\*[\s\S]*\*\/\s*$/.test(t.inner)) continue;
    const m = { index: t.index, 0: body.slice(t.index, t.end) };
    w.copy(last, t.index);
    last = t.end;
    if (t.open === 'more') {
      w.more(t.index, t.inner); // the summary divider
      continue;
    }
    if (t.open === '{#') {
      last = copyHeadingId(body, t, w, 'heading attribute');
      continue;
    }
    const delimiter = t.open === '{{<' ? '<' : '%';
    const raw = t.inner;
    const closingDelimiter = delimiter === '<' ? '>' : '%';
    // `{{</* x */>}}` is how Hugo writes a shortcode as text.
    const escaped = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(raw);
    const inner = raw.trim().replace(/\/$/, '').trim();
    if (escaped) {
      w.out += `{{${delimiter} ${escaped[1]!.trim()} ${closingDelimiter}}}`;
      continue;
    }
    const name = /^\S+/.exec(inner)?.[0] ?? '';
    const parameters = shortcodeParameters(inner.slice(name.length));
    if (name === 'figure' || name === 'img' || name === 'image') {
      const src = parameters.named.get('src') ?? parameters.positional[0];
      if (src === undefined || src === '') {
        w.note(m.index, `\`{{${delimiter} ${shorten(inner)} ${closingDelimiter}}}\` has no src; left in place`);
        w.copy(t.index, t.end);
        continue;
      }
      const caption = parameters.named.get('caption')?.trim() || undefined;
      const title = parameters.named.get('title')?.trim() || undefined;
      // Hugo's figure takes its alternative text from the caption when it has none; the title is the next best.
      const alt = parameters.named.get('alt') ?? parameters.positional[1] ?? caption ?? title ?? '';
      const link = parameters.named.get('link');
      let image = `![${escapeLinkText(alt)}](${destination(src)})`;
      if (link) image = `[${image}](${destination(link)})`;
      if (alt.trim() === '') w.note(m.index, `the image ${shorten(src)} has no alternative text; write one`);
      // Noted where the image itself starts, inside a link's `[`, so that it is not noted again as a Markdown image.
      const fileNote = imageNote(src, oldSiteFile);
      if (fileNote !== undefined) w.note(m.index, fileNote, w.out.length + (link ? 1 : 0));
      const shown = figureCaption(title, caption, parameters.named.get('attr')?.trim() || undefined, parameters.named.get('attrlink')?.trim() || undefined);
      if (shown === undefined) w.out += image;
      else {
        // The caption is a paragraph of its own under the image, in the list item or quote the figure stands in.
        const prefix = continuation(w.out.slice(w.out.lastIndexOf('\n') + 1));
        w.out += `${image}\n${prefix.trimEnd()}\n${prefix}${shown}`;
      }
      continue;
    }
    if (name === 'highlight') {
      const closing = findClosing(body, last, /\{\{[<%]\s*\/highlight\s*[>%]\}\}/, ends);
      if (closing) {
        // A shortcode written as text in the code (`{{</* figure */>}}`) is shown by Hugo as the shortcode, as it is outside code.
        const code = replaceSpans(body.slice(last, closing.index), /\{\{([<%])\/\*/, /\*\/([>%])\}\}/, (opened, inside, closed) => `{{${opened[1]!} ${inside.trim()} ${closed[1]!}}}`);
        w.fence(code, parameters.positional[0] ?? '');
        last = closing.index + closing[0].length;
        continue;
      }
    }
    if (name === 'ref' || name === 'relref') {
      const target = parameters.named.get('path') ?? parameters.positional[0];
      const [path = '', anchor] = (target ?? '').split('#');
      const link = path === '' ? undefined : resolve(path, parameters.named.get('lang'));
      if (link !== undefined && 'url' in link) {
        if (link.warning) w.note(m.index, link.warning);
        w.out += anchor ? `${link.url}#${anchor}` : link.url;
        continue;
      }
      w.note(m.index, `\`{{${delimiter} ${shorten(inner)} ${closingDelimiter}}}\` ${link?.unread ?? 'links to a page that was not imported'}; left in place`);
      w.copy(t.index, t.end);
      continue;
    }
    // A closing `{{< /name >}}` is reported with its opening tag.
    if (!name.startsWith('/')) w.note(m.index, `shortcode \`{{${delimiter} ${shorten(inner)} ${closingDelimiter}}}\` left in place`);
    w.copy(t.index, t.end);
  }
  w.copy(last, body.length);
  return w.done();
}
