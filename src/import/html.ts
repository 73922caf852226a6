import { DomHandler, isComment, isTag, isText, type ChildNode, type Document, type Element } from 'domhandler';
import { Parser, type ParserOptions } from 'htmlparser2';
import { isEscaped } from '../core/markdown.js';
import { countBefore } from '../core/sorted.js';
import { longestRun, rejoined } from '../core/text.js';
import { isHiddenDivider } from './body.js';

/**
 * The body of an HTML post (Jekyll `_posts/*.html`, Hugo `content/*.html`)
 * as Markdown, so that it is a release like any other: paragraphs,
 * headings, emphasis, links, images, lists, quotes, code, rules and simple
 * tables have a Markdown form. What has none (scripts, styles, embedded
 * frames and players, forms) is left out and named, for a person to look
 * at; the text of any other element is kept. Template tags (`{% … %}`,
 * `{{ … }}`) pass through untouched, for the body conversion that follows.
 */

export interface HtmlConversion {
  ok: true;
  text: string;
  /** What a person should look at: in words, at the offset in the HTML of what it is about, and in `text` at the start of the block it went into (or, left out, the one after it). */
  notes: HtmlNote[];
  /** The offset in the HTML of an offset in `text`: where the element (or the run of text) that made its block starts. */
  sourceAt(offset: number): number;
}

export interface HtmlNote {
  message: string;
  offset: number;
  outputOffset: number;
}

/** A body nested too deeply to convert: why, and where (an offset into the HTML). */
export interface HtmlRefusal {
  ok: false;
  reason: string;
  offset: number;
}

/**
 * Deepest nesting of elements converted. The conversion walks the tree by
 * recursion, a few calls per level; no post written by a person comes near,
 * and a body nested deeper is refused before the walk, not left to exhaust
 * the stack.
 */
export const MAX_HTML_NESTING = 256;

/** Elements whose content is not text for the reader: left out, and named. */
const LEFT_OUT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'map', 'frameset', 'frame']);
/**
 * Those left out that stand in running text (a video, a frame or a script between two words of a paragraph): read with the text
 * around them, which stays one paragraph, as a browser shows it, not two.
 */
const LEFT_OUT_INLINE = new Set([...LEFT_OUT].filter((name) => name !== 'form' && name !== 'frameset' && name !== 'frame'));
/** Elements of the page around a post, never its text: left out silently. */
const PAGE_PARTS = new Set(['head', 'title', 'meta', 'link', 'base']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that make blocks of their own; anything else is read as inline text. */
const BLOCKS = new Set([
  'html', 'body', 'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'address', 'center', 'details', 'summary',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'hr', 'table', 'figure', 'figcaption', ...HEADINGS, ...LEFT_OUT, ...PAGE_PARTS,
]);

/**
 * `text` cut at its template tags (`{% … %}`, `{{ … }}`), kept exactly as
 * written: text, tag, text, …, text, as `text.split(/(\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\})/)`
 * cuts it. In one pass: that pattern read from every `{%` or `{{` to the
 * end of the text when nothing closed it (40,000 of them took 1.5 s);
 * once an opening has no closing after it, no later one of its kind has.
 */
export function splitTemplateTags(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  let percentUnclosed = false;
  let braceUnclosed = false;
  for (;;) {
    const percent = percentUnclosed ? -1 : text.indexOf('{%', from);
    const brace = braceUnclosed ? -1 : text.indexOf('{{', from);
    if (percent === -1 && brace === -1) break;
    const isPercent = percent !== -1 && (brace === -1 || percent < brace);
    const start = isPercent ? percent : brace;
    const end = text.indexOf(isPercent ? '%}' : '}}', start + 2);
    if (end === -1) {
      if (isPercent) percentUnclosed = true;
      else braceUnclosed = true;
      continue;
    }
    parts.push(text.slice(from, start), text.slice(start, end + 2));
    from = end + 2;
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * A bare address in text, which Markdown (GFM, as marked reads it: wherever
 * it starts) makes a link of as it stands (`http://…`, `www.…`, up to a space
 * or `<`): a backslash in it would be part of the link,
 * `http://example.az/visa%5C_free`, so the `_`, `~` and `#` addresses hold are
 * left as they are there. An address holding a character that must be
 * escaped (a `*` could close emphasis) is kept from being a link, and all of
 * it escaped as text.
 */
const BARE_ADDRESS = /((?:https?:\/\/|www\.)[^\s<]*)/i;

/** Text as Markdown reads it literally: its punctuation escaped, template tags left alone. */
function escapeText(text: string): string {
  // A `&` that would start a character reference (`&copy;` written on the old page as `&amp;copy;`) is escaped: the page showed it as written.
  const escapeAll = (part: string) => part.replace(/[\\`*_[\]<>#|~]|&(?=#\d{1,7};|#[xX][\da-fA-F]{1,6};|[A-Za-z][A-Za-z\d]{1,31};)/g, (c) => `\\${c}`);
  // An address with a character Markdown would read (`*`, `[`, `>` …) stays text, as the old page showed it: a backslash before the
  // character would become part of the link (`https://example.com%5C%3E`), so the link is kept from starting instead (`https\://`).
  const escapeAddress = (address: string) => (/[\\`*[\]<>|]/.test(address) ? escapeAll(address).replace(/^(https?):/i, '$1\\:').replace(/^(www)\./i, '$1\\.') : address);
  const escape = (part: string) => part.split(BARE_ADDRESS).map((piece, i) => (i % 2 === 1 ? escapeAddress(piece) : escapeAll(piece))).join('');
  return splitTemplateTags(text).map((part, i) => (i % 2 === 1 ? part : escape(part))).join('');
}

/** A line that Markdown would read as a list item, heading or quote if it began a paragraph. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([-+=]|\d+(?=[.)]))/, (_, space: string, mark: string) => (/^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));
}

/** A URL usable as a Markdown link destination as written (in a table cell, if `inCell`); template tags in it stay as written for the body conversion. */
function destination(url: string, inCell = false): string {
  // In a table cell a `|` would end the cell: it is percent-encoded too, the same address.
  const escape = (part: string) => part.replace(inCell ? /[ ()<>|]/g : /[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  // Tabs and line breaks in an address are dropped, as a browser drops them.
  return splitTemplateTags(url.trim().replace(/[\t\n\r]/g, '')).map((part, i) => (i % 2 === 1 ? part : escape(part))).join('');
}

/** A fence longer than any run of backticks in the code, so the code cannot close it. */
function fenced(code: string, language: string): string {
  const longest = longestRun(code, '`');
  const fence = '`'.repeat(Math.max(3, longest + 1));
  // trimEnd, not /\s+$/: that tries every run of white space in the code to its end.
  return `${fence}${language}\n${code.replace(/^\n/, '').trimEnd()}\n${fence}`;
}

/** The text of a node as written, line breaks included: for code. */
function textOf(node: ChildNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node)) return '';
  if (node.name === 'br') return '\n';
  return node.children.map(textOf).join('');
}

function describe(element: Element): string {
  // Named by the attribute that holds it: an `<object>`'s is `data`, a form's `action`.
  const name = (['src', 'data', 'action'] as const).find((key) => element.attribs[key]);
  return `<${element.name}${name ? ` ${name}="${element.attribs[name]!.slice(0, 80)}"` : ''}>`;
}

/** Blocks whose shape a line of text loses (`oneLine`), as a note names them. */
const SHAPES: Readonly<Record<string, string>> = {
  table: 'a table', ul: 'a list', ol: 'a list', dl: 'a list', h1: 'a heading', h2: 'a heading', h3: 'a heading', h4: 'a heading', h5: 'a heading', h6: 'a heading', blockquote: 'a quote',
};

/** The cells of each row of a table (its own rows, in `thead`, `tbody` or `tfoot` too), rows without cells left out: a browser shows nothing of them. */
function tableCells(table: Element): Element[][] {
  const rows: Element[] = [];
  const collect = (node: Element) => {
    for (const child of node.children) {
      if (!isTag(child)) continue;
      if (child.name === 'tr') rows.push(child);
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') collect(child);
    }
  };
  collect(table);
  return rows.map((row) => row.children.filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th'))).filter((row) => row.length > 0);
}

/** A node that shows nothing: white space, or a comment. */
function isBlank(node: ChildNode): boolean {
  return isComment(node) || (isText(node) && /^[ \t\n\r\f]*$/.test(node.data));
}

/** For each node, whether nothing but blanks lies after it up to the next block or the end (one pass, from the end). */
function blankToNextBlock(nodes: readonly ChildNode[]): boolean[] {
  const alone = new Array<boolean>(nodes.length);
  let blank = true;
  for (let i = nodes.length - 1; i >= 0; i--) {
    alone[i] = blank;
    const node = nodes[i]!;
    if (isTag(node) && BLOCKS.has(node.name)) blank = true;
    else if (!isBlank(node)) blank = false;
  }
  return alone;
}

/** The emphasis mark (`**`, `*`, `~~`) that `text` ends with as a close, not escaped, nor part of a longer run of its character. */
function closingMark(text: string): string | undefined {
  for (const mark of ['**', '~~', '*']) {
    if (!text.endsWith(mark)) continue;
    const at = text.length - mark.length;
    return text[at - 1] === mark[0] || isEscaped(text, at) ? undefined : mark;
  }
  return undefined;
}

class Converter {
  readonly notes: { message: string; offset: number; block: number }[] = [];
  private readonly noted = new Set<string>();
  /** The body's own blocks, as they are written, and where in the HTML each starts: what a note's place in the output is read from. */
  readonly top: { blocks: string[]; places: number[] } = { blocks: [], places: [] };
  /** Where in the HTML the body's block being converted starts, for a note about no element of its own. */
  private at = 0;

  /** `divider`: the summary divider, a comment as written (`<!--more-->`), kept where it stands between blocks; undefined for none. */
  constructor(private readonly divider: string | undefined) {}

  /** A note about `about` (an element), else about the body's block being converted; one of the same words is made once, at its first place. */
  note(message: string, about?: ChildNode): void {
    if (this.noted.has(message)) return;
    this.noted.add(message);
    // Made before its block is written, or for an element left out: at the body's next block, where the element stood.
    this.notes.push({ message, offset: about?.startIndex ?? this.at, block: this.top.blocks.length });
  }

  /** Markdown blocks of a list of nodes: runs of inline nodes become paragraphs. */
  blocks(nodes: readonly ChildNode[], top = false): string[] {
    const out: string[] = top ? this.top.blocks : [];
    /** For the body's own blocks (`top`): where in the HTML the next one starts, recorded when it is written. */
    const from = (node: ChildNode | undefined): (() => void) | undefined => {
      if (!top) return undefined;
      const start = node?.startIndex ?? this.at;
      this.at = start;
      return () => {
        this.top.places.push(start);
      };
    };
    let run: ChildNode[] = [];
    /** Whether the run holds nothing but blanks and comments. */
    let runBlank = true;
    /** The list just written, when the last block is one: a list of its kind right after it would continue it in Markdown. */
    let listBefore: { name: string; alternate: boolean } | undefined;
    const flush = () => {
      const placed = from(run.find((node) => !isBlank(node)) ?? run[0]);
      // The blanks around each hard break (`\` at a line's end) go.
      const text = rejoined(this.inline(run), '\\\n', '\\\n').trim();
      if (text !== '') {
        placed?.();
        out.push(text.split('\n').map(escapeLineStart).join('\n'));
        listBefore = undefined;
      }
      run = [];
      runBlank = true;
    };
    const alone = blankToNextBlock(nodes);
    for (const [i, node] of nodes.entries()) {
      if (isTag(node) && (node.name === 'ul' || node.name === 'ol')) {
        flush();
        // Its markers changed (`*` for `-`, `)` for `.`), it is another list, as it was on the page.
        const alternate = listBefore?.name === node.name && !listBefore.alternate;
        const placed = from(node);
        const list = this.list(node, 0, alternate);
        if (list !== '') {
          placed?.();
          out.push(list);
          listBefore = { name: node.name, alternate };
        }
      } else if (isTag(node) && BLOCKS.has(node.name) && !LEFT_OUT_INLINE.has(node.name)) {
        flush();
        const before = out.length;
        const placed = from(node);
        for (const block of this.block(node)) {
          placed?.();
          out.push(block);
        }
        if (out.length > before) listBefore = undefined;
      } else if (isComment(node) && this.divider !== undefined && `<!--${node.data}-->` === this.divider && runBlank && alone[i]) {
        // The summary divider, as Hugo writes it, between blocks: kept for the body's conversion to find, as in a Markdown post.
        flush();
        from(node)?.();
        out.push(this.divider);
        listBefore = undefined;
      } else {
        run.push(node);
        if (runBlank && !isBlank(node) && !(isTag(node) && LEFT_OUT_INLINE.has(node.name))) runBlank = false;
      }
    }
    flush();
    return out;
  }

  private block(element: Element): string[] {
    const name = element.name;
    if (PAGE_PARTS.has(name)) return [];
    if (LEFT_OUT.has(name)) {
      this.note(`${describe(element)} has no Markdown form and was left out`, element);
      return [];
    }
    if (HEADINGS.has(name)) {
      const text = this.oneLine(element.children, 'a heading');
      return text === '' ? [] : [`${'#'.repeat(Number(name[1]))} ${text}`];
    }
    switch (name) {
      case 'ul':
      case 'ol':
        return [this.list(element)].filter((l) => l !== '');
      case 'blockquote': {
        const inner = this.blocks(element.children).join('\n\n');
        return inner === '' ? [] : [inner.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n')];
      }
      case 'pre': {
        const code = element.children.find((c): c is Element => isTag(c) && c.name === 'code');
        const classes = `${code?.attribs.class ?? ''} ${element.attribs.class ?? ''}`;
        const language = /(?:^|\s)(?:language|lang|highlight)-([\w+#.-]+)/.exec(classes)?.[1] ?? '';
        return [fenced(textOf(element), language)];
      }
      case 'hr':
        return ['* * *'];
      case 'table':
        return [this.table(element)].filter((t) => t !== '');
      case 'figcaption': {
        const caption = this.oneLine(element.children, 'a caption');
        return caption === '' ? [] : [`*${caption}*`];
      }
      case 'dt': {
        const term = this.oneLine(element.children, 'a term');
        return term === '' ? [] : [`**${term}**`];
      }
      default:
        return this.blocks(element.children);
    }
  }

  /** `alternate`: with the other markers, `*` and `1)`, for a list right after one of its kind (see `blocks`). */
  private list(element: Element, depth = 0, alternate = false): string {
    const ordered = element.name === 'ol';
    // Markdown numbers a list from 0 to 999,999,999: a start outside that, or none, starts it at 1.
    const start = Number.parseInt(element.attribs.start ?? '1', 10);
    const inRange = Number.isInteger(start) && start >= 0 && start <= 999_999_999;
    if (ordered && !inRange && element.attribs.start !== undefined) this.note(`a list numbered from ${element.attribs.start.slice(0, 20)}, which Markdown cannot number from, starts at 1`, element);
    let number = inRange ? start : 1;
    const items: string[] = [];
    for (const item of element.children) {
      if (!isTag(item) || item.name !== 'li') continue;
      const marker = ordered ? `${number++}${alternate ? ')' : '.'}` : alternate ? '*' : '-';
      const indent = ' '.repeat(marker.length + 1);
      const parts: string[] = [];
      let run: ChildNode[] = [];
      const flush = () => {
        const blocks = this.blocks(run);
        if (blocks.length > 0) parts.push(blocks.join('\n\n'));
        run = [];
      };
      for (const child of item.children) {
        if (isTag(child) && (child.name === 'ul' || child.name === 'ol')) {
          flush();
          parts.push(this.list(child, depth + 1));
        } else run.push(child);
      }
      flush();
      const body = parts.filter((p) => p !== '').join('\n').split('\n').map((line, i) => (i === 0 || line === '' ? line : `${indent}${line}`)).join('\n');
      items.push(`${marker} ${body}`);
    }
    return items.join('\n');
  }

  /**
   * A block's content on one line, for a table cell, a heading or a link's
   * text, which Markdown cannot break: a line break (`<br>`) is a space, and
   * blocks in it (paragraphs, a list, a heading, code, a table, as a cell of
   * a browser's table may hold) are kept as their text, one after another,
   * with a note when there were several.
   */
  private oneLine(nodes: readonly ChildNode[], where: string): string {
    const segments: string[] = [];
    const shapes = new Set<string>();
    this.segments(nodes, segments, shapes);
    if (segments.length > 1) this.note(`${where} holds paragraphs or a list, which Markdown cannot break there; they were joined on one line: check how it reads`);
    // One block alone loses nothing as a paragraph; as a table, a list, a heading or a quote it loses its shape.
    else if (shapes.size > 0) this.note(`${where} holds ${[...shapes].join(', ')}, which Markdown cannot show there; kept as its text: check how it reads`);
    // A hard break's backslash ends its line: there is no line to end.
    return segments.join(' ').replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
  }

  /** The text of each block in `nodes`, and of each run of inline nodes between them, in order, for `oneLine`. */
  private segments(nodes: readonly ChildNode[], into: string[], shapes: Set<string>): void {
    let run: ChildNode[] = [];
    const flush = () => {
      const text = this.inline(run).trim();
      if (text !== '') into.push(text);
      run = [];
    };
    for (const node of nodes) {
      if (!isTag(node) || !BLOCKS.has(node.name) || LEFT_OUT_INLINE.has(node.name)) {
        run.push(node);
        continue;
      }
      flush();
      if (PAGE_PARTS.has(node.name) || node.name === 'hr') continue;
      if (LEFT_OUT.has(node.name)) this.note(`${describe(node)} has no Markdown form and was left out`, node);
      else if (node.name === 'pre') into.push(this.codeSpan(textOf(node)));
      else {
        const shape = SHAPES[node.name];
        if (shape) shapes.add(shape);
        if (node.name === 'table') for (const cell of tableCells(node).flat()) this.segments(cell.children, into, shapes);
        else this.segments(node.children, into, shapes);
      }
    }
    flush();
  }

  /** Code as a code span, on one line; in a table cell, its `|` written `\\|`, which the cell reads as the code's own. */
  private codeSpan(text: string): string {
    const code = (this.inCell ? text.replaceAll('|', '\\|') : text).replace(/\s+/g, ' ');
    if (code.trim() === '') return code;
    const ticks = '`'.repeat(longestRun(code, '`') + 1);
    return /^`|`$/.test(code) ? `${ticks} ${code} ${ticks}` : `${ticks}${code}${ticks}`;
  }

  private table(element: Element): string {
    const cells = tableCells(element);
    if (cells.some((row) => row.some((cell) => cell.attribs.colspan !== undefined || cell.attribs.rowspan !== undefined))) {
      this.note('a table has merged cells, which Markdown tables cannot show; check how it reads', element);
    }
    const width = cells.reduce((widest, row) => Math.max(widest, row.length), 0);
    const caption = element.children.find((c): c is Element => isTag(c) && c.name === 'caption');
    const captionText = caption ? this.oneLine(caption.children, 'a caption') : '';
    if (width === 0) return captionText === '' ? '' : `*${captionText}*`;
    const was = this.inCell;
    this.inCell = true;
    const text = cells.map((row) => row.map((cell) => this.oneLine(cell.children, 'a table cell')));
    this.inCell = was;
    const line = (row: readonly string[]) => `| ${row.join(' | ')} |`;
    const [head, ...body] = text;
    // The header row and the line under it have a cell for each column of the widest row, and a row with fewer cells has the
    // rest made empty by the reader: rows are not filled out, whose cells would grow as the widest row times the rows.
    const columns = (row: readonly string[]) => [...row, ...Array.from({ length: width - row.length }, () => '')];
    const table = [line(columns(head!)), line(Array.from({ length: width }, () => '---')), ...body.map(line)].join('\n');
    // The caption goes above, as a browser shows it.
    return captionText === '' ? table : `*${captionText}*\n\n${table}`;
  }

  /** Whether the text converted is a table cell's, where a `|` in code would end the cell. */
  private inCell = false;

  inline(nodes: readonly ChildNode[]): string {
    // Pieces, joined once: each is looked at only where it meets the next, whatever the length of the text before it.
    const pieces: string[] = [];
    for (const node of nodes) {
      let piece = this.inlineNode(node);
      if (piece === '') continue;
      const last = pieces.length - 1;
      const before = pieces[last];
      if (before !== undefined) {
        // The spaces either side of what was left out between them (`the <video></video> clip`, a comment) are one, as a browser shows them.
        if (before.endsWith(' ') && piece.startsWith(' ')) piece = piece.slice(1);
        if (piece === '') continue;
        // Text ending in `!` before a link would make it an image: the `!` is escaped.
        if (piece.startsWith('[') && before.endsWith('!') && !isEscaped(before, before.length - 1)) pieces[last] = `${before.slice(0, -1)}\\!`;
        // Emphasis of one kind run into the next (`<b>a</b><b>b</b>`) is one, which `**a****b**` is not to a Markdown reader.
        const mark = closingMark(pieces[last]!);
        if (mark !== undefined && piece.startsWith(mark) && piece[mark.length] !== mark[0]) {
          pieces[last] = pieces[last]!.slice(0, -mark.length);
          piece = piece.slice(mark.length);
        }
      }
      pieces.push(piece);
    }
    return pieces.join('');
  }

  private inlineNode(node: ChildNode): string {
    if (isText(node)) return escapeText(node.data.replace(/[ \t\n\r\f]+/g, ' '));
    // A comment in running text goes (a summary divider too: see `blocks`).
    if (isComment(node) || !isTag(node)) return '';
    const name = node.name;
    if (PAGE_PARTS.has(name)) return '';
    if (LEFT_OUT.has(name)) {
      this.note(`${describe(node)} has no Markdown form and was left out`, node);
      return '';
    }
    const wrap = (mark: string) => {
      const inner = this.inline(node.children);
      // The white space at either end stays outside the marks; trimmed in two passes, not by a pattern that rescans it.
      const start = inner.length - inner.trimStart().length;
      const end = inner.trimEnd().length;
      return end <= start ? inner : `${inner.slice(0, start)}${mark}${inner.slice(start, end)}${mark}${inner.slice(end)}`;
    };
    switch (name) {
      case 'br':
        return '\\\n';
      case 'strong':
      case 'b':
        return wrap('**');
      case 'em':
      case 'i':
      case 'cite':
        return wrap('*');
      case 'del':
      case 's':
      case 'strike':
        return wrap('~~');
      case 'code':
      case 'kbd':
      case 'samp':
      case 'tt': {
        return this.codeSpan(textOf(node));
      }
      case 'a': {
        const text = this.oneLine(node.children, 'a link');
        const href = node.attribs.href?.trim();
        if (!href || href.startsWith('#')) return text;
        const title = node.attribs.title ? ` "${node.attribs.title.replace(this.inCell ? /["\\|]/g : /["\\]/g, (c) => `\\${c}`)}"` : '';
        return `[${text === '' ? escapeText(href) : text}](${destination(href, this.inCell)}${title})`;
      }
      case 'img': {
        const src = node.attribs.src?.trim();
        if (!src) return '';
        const alt = (node.attribs.alt ?? '').replace(/\s+/g, ' ').trim();
        if (alt === '') this.note(`the image ${src.slice(0, 80)} has no alternative text; add it`, node);
        return `![${escapeText(alt)}](${destination(src, this.inCell)})`;
      }
      default:
        // span, font, u, sup, sub, small, abbr, mark, time, and blocks inside inline text: their text.
        return this.inline(node.children);
    }
  }
}

/** Blocks that text-level elements cannot hold: a browser closes a paragraph, or an unclosed `<b>`, where one starts. */
const FLOW_BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'address', 'center', 'details', 'ul', 'ol', 'dl', 'blockquote', 'pre', 'hr', 'table', 'figure', ...HEADINGS]);

const ITEMS = new Set(['li', 'dt', 'dd']);
/** The parts of a table, which hold what a cell holds. */
const TABLE_PARTS = new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption']);

/**
 * The children an element cannot hold, which a browser would have closed it
 * before: blocks and list items in a paragraph, a heading or an inline
 * element (a link may wrap blocks, so it is left as written), an item in an
 * item (an unclosed `<li>`). Undefined when it may hold anything.
 */
function cannotHold(node: Element): ((child: Element) => boolean) | undefined {
  // A table's rows and cells hold blocks, as a browser's do: they are converted with the cell.
  if (TABLE_PARTS.has(node.name)) return undefined;
  if (node.name === 'p' || HEADINGS.has(node.name) || (!BLOCKS.has(node.name) && node.name !== 'a')) return (child) => FLOW_BLOCKS.has(child.name) || ITEMS.has(child.name);
  if (node.name === 'li') return (child) => child.name === 'li';
  if (node.name === 'dt' || node.name === 'dd') return (child) => child.name === 'dt' || child.name === 'dd';
  return undefined;
}

/**
 * Moves each block (or list item) that htmlparser2 left inside an element
 * that cannot hold it out beside it, as a browser's parser does. An unclosed tag
 * (`<p>Five <b>bold` then `<p>Six`, `<h2>Seven</h2>`) otherwise put every
 * block after it inside it, and the rest of the post came out as one bold
 * paragraph. What follows such a block moves out with it. The depth is
 * bounded by `MAX_HTML_NESTING`, checked before.
 */
function hoistBlocks(parent: { children: ChildNode[] }): void {
  // The children are made again in one pass (a post may have a hundred thousand blocks: no splice, no spread).
  const children: ChildNode[] = [];
  for (const node of parent.children) {
    if (!isTag(node)) {
      children.push(node);
      continue;
    }
    hoistBlocks(node);
    const misplaced = cannotHold(node);
    const at = misplaced ? node.children.findIndex((child) => isTag(child) && misplaced(child)) : -1;
    if (at === -1) {
      children.push(node);
      continue;
    }
    // What moves out is beside `node` now; if `parent` cannot hold it either, the pass over `parent`'s own parent moves it on.
    const moved = node.children.slice(at);
    node.children = node.children.slice(0, at);
    if (node.children.length > 0) children.push(node);
    for (const child of moved) {
      child.parent = parent as Element;
      children.push(child);
    }
  }
  parent.children = children;
  for (let i = 0; i < children.length; i++) {
    children[i]!.prev = children[i - 1] ?? null;
    children[i]!.next = children[i + 1] ?? null;
  }
}

/** Thrown from the parse at the first element nested deeper than `MAX_HTML_NESTING`. */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('nested too deeply');
  }
}

/**
 * htmlparser2's tree builder, stopped at the first element nested deeper
 * than `MAX_HTML_NESTING`: the parser's own stack of open elements costs
 * time in proportion to its depth at every tag, so a megabyte of unclosed
 * `<b><i><span>` took many seconds before the depth could be checked.
 */
class ShallowHandler extends DomHandler {
  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // The stack holds the document itself under the open elements.
    if (this.tagStack.length - 1 > MAX_HTML_NESTING) throw new TooDeep(this.tagStack.at(-1)!.startIndex ?? 0);
  }
}

function parseShallow(html: string): Document | TooDeep {
  const options: ParserOptions & { withStartIndices: boolean } = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, withStartIndices: true };
  const handler = new ShallowHandler(undefined, options);
  try {
    new Parser(handler, options).end(html);
  } catch (cause) {
    if (cause instanceof TooDeep) return cause;
    throw cause;
  }
  return handler.root;
}

/**
 * Converts an HTML body to Markdown (see the module comment), or refuses one
 * nested deeper than `MAX_HTML_NESTING`. `divider`: Jekyll's
 * `excerpt_separator`, when the post or the site sets one, in place of
 * `<!--more-->` (only a comment is kept; see `convertBody`).
 */
export function htmlToMarkdown(html: string, divider?: string): HtmlConversion | HtmlRefusal {
  const document = parseShallow(html);
  if (document instanceof TooDeep) {
    return { ok: false, reason: `its HTML nests elements more than ${MAX_HTML_NESTING} levels deep; flatten the nesting, or convert it by hand`, offset: document.offset };
  }
  hoistBlocks(document);
  const converter = new Converter(divider === undefined ? '<!--more-->' : isHiddenDivider(divider) ? divider : undefined);
  const blocks = converter.blocks(document.children, true);
  const text = blocks.join('\n\n');
  // Where each block starts in the text; a note after the last one is at the text's end.
  const starts: number[] = [];
  for (let i = 0, offset = 0; i < blocks.length; offset += blocks[i]!.length + 2, i++) starts.push(offset);
  const places = converter.top.places;
  return {
    ok: true,
    text: text === '' ? '' : `${text}\n`,
    notes: converter.notes.map((n) => ({ message: n.message, offset: n.offset, outputOffset: starts[n.block] ?? text.length })),
    sourceAt: (offset) => places[Math.max(0, countBefore(starts, (start) => start <= offset) - 1)] ?? 0,
  };
}
