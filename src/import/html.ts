import { DomHandler, isComment, isTag, isText, type ChildNode, type Document, type Element } from 'domhandler';
import { Parser, type ParserOptions } from 'htmlparser2';
import { longestRun, rejoined } from '../core/text.js';

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
  /** What a person should look at, in words. */
  notes: string[];
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
 * left as they are there. The rest stays escaped: a `*` could close emphasis.
 */
const BARE_ADDRESS = /((?:https?:\/\/|www\.)[^\s<]*)/i;

/** Text as Markdown reads it literally: its punctuation escaped, template tags left alone. */
function escapeText(text: string): string {
  // A `&` that would start a character reference (`&copy;` written on the old page as `&amp;copy;`) is escaped: the page showed it as written.
  const escapeAll = (part: string) => part.replace(/[\\`*_[\]<>#|~]|&(?=#\d{1,7};|#[xX][\da-fA-F]{1,6};|[A-Za-z][A-Za-z\d]{1,31};)/g, (c) => `\\${c}`);
  const escapeAddress = (address: string) => address.replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`);
  const escape = (part: string) => part.split(BARE_ADDRESS).map((piece, i) => (i % 2 === 1 ? escapeAddress(piece) : escapeAll(piece))).join('');
  return splitTemplateTags(text).map((part, i) => (i % 2 === 1 ? part : escape(part))).join('');
}

/** A line that Markdown would read as a list item, heading or quote if it began a paragraph. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([-+=]|\d+(?=[.)]))/, (_, space: string, mark: string) => (/^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));
}

/** A URL usable as a Markdown link destination as written; template tags in it stay as written for the body conversion. */
function destination(url: string): string {
  const escape = (part: string) => part.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
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
  const source = element.attribs.src ?? element.attribs.data ?? element.attribs.action;
  return `<${element.name}${source ? ` ${element.name === 'form' ? 'action' : 'src'}="${source.slice(0, 80)}"` : ''}>`;
}

class Converter {
  readonly notes: string[] = [];
  private readonly noted = new Set<string>();

  note(message: string): void {
    if (this.noted.has(message)) return;
    this.noted.add(message);
    this.notes.push(message);
  }

  /** Markdown blocks of a list of nodes: runs of inline nodes become paragraphs. */
  blocks(nodes: readonly ChildNode[]): string[] {
    const out: string[] = [];
    let run: ChildNode[] = [];
    const flush = () => {
      // The blanks around each hard break (`\` at a line's end) go.
      const text = rejoined(this.inline(run), '\\\n', '\\\n').trim();
      if (text !== '') out.push(text.split('\n').map(escapeLineStart).join('\n'));
      run = [];
    };
    for (const node of nodes) {
      if (isTag(node) && BLOCKS.has(node.name)) {
        flush();
        for (const block of this.block(node)) out.push(block);
      } else run.push(node);
    }
    flush();
    return out;
  }

  private block(element: Element): string[] {
    const name = element.name;
    if (PAGE_PARTS.has(name)) return [];
    if (LEFT_OUT.has(name)) {
      this.note(`${describe(element)} has no Markdown form and was left out`);
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

  private list(element: Element, depth = 0): string {
    const ordered = element.name === 'ol';
    // Markdown numbers a list from 0 to 999,999,999: a start outside that, or none, starts it at 1.
    const start = Number.parseInt(element.attribs.start ?? '1', 10);
    const inRange = Number.isInteger(start) && start >= 0 && start <= 999_999_999;
    if (ordered && !inRange && element.attribs.start !== undefined) this.note(`a list numbered from ${element.attribs.start.slice(0, 20)}, which Markdown cannot number from, starts at 1`);
    let number = inRange ? start : 1;
    const items: string[] = [];
    for (const item of element.children) {
      if (!isTag(item) || item.name !== 'li') continue;
      const marker = ordered ? `${number++}.` : '-';
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
   * blocks in it (paragraphs, a list, as a cell of a browser's table may
   * hold) are kept, one after another, with a note when there were several.
   */
  private oneLine(nodes: readonly ChildNode[], where: string): string {
    const blocks = nodes.some((node) => isTag(node) && BLOCKS.has(node.name)) ? this.blocks(nodes) : [this.inline(nodes)];
    if (blocks.length > 1) this.note(`${where} holds paragraphs or a list, which Markdown cannot break there; they were joined on one line: check how it reads`);
    // A hard break's backslash ends its line: there is no line to end.
    return blocks.join(' ').replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
  }

  private table(element: Element): string {
    const rows: Element[] = [];
    const collect = (node: Element) => {
      for (const child of node.children) {
        if (!isTag(child)) continue;
        if (child.name === 'tr') rows.push(child);
        else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') collect(child);
      }
    };
    collect(element);
    // A row without cells shows nothing in a browser: it is left out.
    const cells = rows.map((row) => row.children.filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th'))).filter((row) => row.length > 0);
    if (cells.some((row) => row.some((cell) => cell.attribs.colspan !== undefined || cell.attribs.rowspan !== undefined))) {
      this.note('a table has merged cells, which Markdown tables cannot show; check how it reads');
    }
    const width = cells.reduce((widest, row) => Math.max(widest, row.length), 0);
    if (width === 0) return '';
    this.inCell = true;
    const text = cells.map((row) => row.map((cell) => this.oneLine(cell.children, 'a table cell')));
    this.inCell = false;
    const line = (row: readonly string[]) => `| ${row.join(' | ')} |`;
    const [head, ...body] = text;
    // The header row and the line under it have a cell for each column of the widest row, and a row with fewer cells has the
    // rest made empty by the reader: rows are not filled out, whose cells would grow as the widest row times the rows.
    const columns = (row: readonly string[]) => [...row, ...Array.from({ length: width - row.length }, () => '')];
    return [line(columns(head!)), line(Array.from({ length: width }, () => '---')), ...body.map(line)].join('\n');
  }

  /** Whether the text converted is a table cell's, where a `|` in code would end the cell. */
  private inCell = false;

  inline(nodes: readonly ChildNode[]): string {
    let out = '';
    for (const node of nodes) {
      let piece = this.inlineNode(node);
      if (out !== '' && piece !== '') {
        // Text ending in `!` before a link would make it an image: the `!` is escaped.
        if (piece.startsWith('[') && out.endsWith('!') && !out.endsWith('\\!')) out = `${out.slice(0, -1)}\\!`;
        // Emphasis of one kind run into the next (`<b>a</b><b>b</b>`) is one, which `**a****b**` is not to a Markdown reader.
        const mark = /(?:\*\*|\*|~~)$/.exec(out)?.[0];
        if (mark !== undefined && piece.startsWith(mark) && !piece.startsWith(`${mark}${mark[0]}`) && this.closesMark(out, mark)) {
          out = out.slice(0, -mark.length);
          piece = piece.slice(mark.length);
        }
      }
      out += piece;
    }
    return out;
  }

  /** Whether `text` ends with `mark` as `wrap` closes emphasis, not with an escaped or a longer run of its character. */
  private closesMark(text: string, mark: string): boolean {
    const before = text.slice(0, -mark.length);
    return !before.endsWith(mark[0]!) && !before.endsWith('\\');
  }

  private inlineNode(node: ChildNode): string {
    if (isText(node)) return escapeText(node.data.replace(/[ \t\n\r\f]+/g, ' '));
    // The summary divider stays, for the body's conversion to find as in a Markdown post; any other comment goes.
    if (isComment(node)) return node.data.trim().toLowerCase() === 'more' ? '<!--more-->' : '';
    if (!isTag(node)) return '';
    const name = node.name;
    if (PAGE_PARTS.has(name)) return '';
    if (LEFT_OUT.has(name)) {
      this.note(`${describe(node)} has no Markdown form and was left out`);
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
        // In a table cell, `\|` is a `|` of the code, where `|` would end the cell.
        const code = this.inCell ? textOf(node).replace(/\s+/g, ' ').replaceAll('|', '\\|') : textOf(node).replace(/\s+/g, ' ');
        if (code.trim() === '') return code;
        const ticks = '`'.repeat(longestRun(code, '`') + 1);
        return /^`|`$/.test(code) ? `${ticks} ${code} ${ticks}` : `${ticks}${code}${ticks}`;
      }
      case 'a': {
        const text = this.oneLine(node.children, 'a link');
        const href = node.attribs.href?.trim();
        if (!href || href.startsWith('#')) return text;
        const title = node.attribs.title ? ` "${node.attribs.title.replace(/["\\]/g, (c) => `\\${c}`)}"` : '';
        return `[${text === '' ? escapeText(href) : text}](${destination(href)}${title})`;
      }
      case 'img': {
        const src = node.attribs.src?.trim();
        if (!src) return '';
        const alt = (node.attribs.alt ?? '').replace(/\s+/g, ' ').trim();
        if (alt === '') this.note(`the image ${src.slice(0, 80)} has no alternative text; add it`);
        return `![${escapeText(alt)}](${destination(src)})`;
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

/** Converts an HTML body to Markdown (see the module comment), or refuses one nested deeper than `MAX_HTML_NESTING`. */
export function htmlToMarkdown(html: string): HtmlConversion | HtmlRefusal {
  const document = parseShallow(html);
  if (document instanceof TooDeep) {
    return { ok: false, reason: `its HTML nests elements more than ${MAX_HTML_NESTING} levels deep; flatten the nesting, or convert it by hand`, offset: document.offset };
  }
  hoistBlocks(document);
  const converter = new Converter();
  const text = converter.blocks(document.children).join('\n\n');
  return { ok: true, text: text === '' ? '' : `${text}\n`, notes: converter.notes };
}
