import { decodeHTML } from 'entities';
import { Marked, type Token, type Tokens } from 'marked';
import type { Diagnostic } from './diagnostic.js';
import { positionAt } from './diagnostic.js';
import { isSafeUrl } from './schema.js';
import { escapeHtml, quote, wrapText } from './text.js';

/**
 * The release body: Markdown lexed once by marked, inspected for content
 * rules, and rendered to safe HTML and to plain text.
 */

/** Deepest block nesting (quotes inside lists inside quotes…) a body may have. */
export const MAX_NESTING = 32;
/** Largest body, in characters, that is lexed at all. */
export const MAX_BODY_LENGTH = 512 * 1024;

const marked = new Marked({ gfm: true, breaks: false, async: false });

export interface BodyTokens {
  /** Heading levels are already shifted so that the body's top level is h2: the title is the page's h1. */
  tokens: Token[];
}

export type LexResult = { ok: true; body: BodyTokens } | { ok: false; message: string; line: number };

/** Lexes a body, refusing input whose nesting could exhaust the parser's stack. */
export function lexBody(body: string): LexResult {
  if (body.length > MAX_BODY_LENGTH) return { ok: false, message: `The body is ${body.length} characters long, over the limit of ${MAX_BODY_LENGTH}.`, line: 1 };
  const deep = findDeepNesting(body);
  if (deep) return { ok: false, message: `The body nests quotes or lists ${deep.depth} levels deep, over the limit of ${MAX_NESTING}.`, line: deep.line };
  let tokens: Token[];
  try {
    tokens = marked.lexer(body);
  } catch (cause) {
    if (cause instanceof RangeError) return { ok: false, message: 'The body is nested too deeply to be read.', line: 1 };
    throw cause;
  }
  let minDepth = 7;
  walk(tokens, (t) => {
    if (t.type === 'heading') minDepth = Math.min(minDepth, (t as Tokens.Heading).depth);
  });
  const shift = minDepth < 2 ? 2 - minDepth : 0;
  if (shift > 0) {
    walk(tokens, (t) => {
      if (t.type === 'heading') (t as Tokens.Heading).depth = Math.min(6, (t as Tokens.Heading).depth + shift);
    });
  }
  return { ok: true, body: { tokens } };
}

/** A cheap line scan for nesting of block quotes and list indentation, before marked recurses into it. */
function findDeepNesting(body: string): { depth: number; line: number } | undefined {
  let line = 0;
  for (const text of body.split('\n')) {
    line++;
    let depth = 0;
    let i = 0;
    let spaces = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '>') depth++;
      else if (c === ' ') spaces++;
      else if (c === '\t') spaces += 4;
      else if ((c === '-' || c === '*' || c === '+') && text[i + 1] === ' ') depth++;
      else break;
      i++;
    }
    depth += Math.floor(spaces / 2);
    if (depth > MAX_NESTING) return { depth, line };
  }
  // Inline nesting: brackets and emphasis runs.
  let open = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 91) { if (++open > MAX_NESTING * 4) return { depth: open, line: positionAt(body, i).line }; }
    else if (c === 93 || c === 10) open = 0;
  }
  return undefined;
}

function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    if (t.tokens) walk(t.tokens, visit);
    if (t.items) walk(t.items, visit);
    if (t.header) for (const cell of t.header) walk(cell.tokens, visit);
    if (t.rows) for (const row of t.rows) for (const cell of row) walk(cell.tokens, visit);
  }
}

/** The URL a browser would follow: entity references decoded. */
function effectiveUrl(href: string): string {
  return href.includes('&') ? decodeHTML(href) : href;
}

export function isSafeBodyUrl(href: string): boolean {
  return isSafeUrl(href) && isSafeUrl(effectiveUrl(href));
}

function encodeHref(href: string): string {
  const url = effectiveUrl(href);
  try {
    return encodeURI(url).replace(/%25/g, '%');
  } catch {
    return url;
  }
}

export interface ContentCheckOptions {
  file: string;
  /** The 1-based file line on which the body starts. */
  bodyLine: number;
  body: string;
  report(ruleId: 'content/image-alt' | 'content/link-scheme' | 'content/raw-html', diagnostic: Omit<Diagnostic, 'severity' | 'ruleId' | 'file'>): void;
}

/** Finds links with unsafe schemes, images without alt text and raw HTML, with their file positions. */
export function checkBody(body: BodyTokens, options: ContentCheckOptions): void {
  const { body: source, bodyLine } = options;
  let cursor = 0;
  const at = (raw: string) => {
    const found = source.indexOf(raw, cursor);
    const offset = found === -1 ? cursor : found;
    if (found !== -1) cursor = found + 1;
    const { line, column } = positionAt(source, offset);
    const end = positionAt(source, offset + raw.length);
    return { line: line + bodyLine - 1, column, endLine: end.line + bodyLine - 1, endColumn: end.column };
  };
  let rawHtmlReported = false;
  walk(body.tokens, (token) => {
    switch (token.type) {
      case 'link':
      case 'image':
      case 'def': {
        const t = token as Tokens.Link | Tokens.Image | Tokens.Def;
        const where = at(t.raw);
        if (!isSafeBodyUrl(t.href)) {
          options.report('content/link-scheme', {
            ...where,
            message: `The ${token.type === 'image' ? 'image' : 'link'} URL ${quote(effectiveUrl(t.href))} uses a scheme other than http, https or mailto; it is removed from the output.`,
            hint: 'Link to an http or https address, a mailto: address, or a relative path.',
            actual: effectiveUrl(t.href),
          });
        }
        if (token.type === 'image' && (token as Tokens.Image).text.trim() === '') {
          options.report('content/image-alt', {
            ...where,
            message: 'The image has no alternative text.',
            hint: 'Describe the image between the brackets: ![Officers at the border checkpoint](photo.jpg).',
          });
        }
        break;
      }
      case 'html': {
        const where = at(token.raw);
        if (!rawHtmlReported) {
          rawHtmlReported = true;
          options.report('content/raw-html', {
            ...where,
            message: `The body contains raw HTML (${quote(token.raw.trim(), 40)}); it is shown as text, not as markup.`,
            hint: 'Use Markdown instead of HTML: **bold**, *italic*, [link](https://…).',
          });
        }
        break;
      }
      default:
        if ('raw' in token && (token.type === 'paragraph' || token.type === 'heading' || token.type === 'list_item' || token.type === 'blockquote')) {
          // Keep the cursor near the block so that a later identical link is found at its own place.
          const found = source.indexOf(token.raw, cursor);
          if (found !== -1) cursor = found;
        }
    }
  });
}

const htmlMarked = new Marked({ gfm: true, async: false });
htmlMarked.use({
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      const escaped = escapeHtml(text);
      return block ? `<p>${escaped.trim()}</p>\n` : escaped;
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeBodyUrl(href)) return inner;
      const titleAttr = title ? ` title="${escapeHtml(decodeHTML(title))}"` : '';
      return `<a href="${escapeHtml(encodeHref(href))}"${titleAttr}>${inner}</a>`;
    },
    image({ href, title, text }: Tokens.Image) {
      const alt = escapeHtml(decodeHTML(text));
      if (!isSafeBodyUrl(href)) return alt;
      const titleAttr = title ? ` title="${escapeHtml(decodeHTML(title))}"` : '';
      return `<img src="${escapeHtml(encodeHref(href))}" alt="${alt}"${titleAttr} loading="lazy">`;
    },
    checkbox({ checked }: Tokens.Checkbox) {
      return `<input type="checkbox" disabled${checked ? ' checked' : ''} aria-hidden="true"> `;
    },
  },
});

/** Renders the body to HTML in which raw HTML is escaped and only safe URLs survive. */
export function renderBodyHtml(body: BodyTokens): string {
  return htmlMarked.parser(body.tokens as Parameters<typeof htmlMarked.parser>[0]);
}

type InlineToken = Token & { tokens?: Token[]; text?: string };

/** Plain text of inline tokens: emphasis dropped, links as `text <url>`, entities decoded. */
function inlineText(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens as InlineToken[]) {
    switch (token.type) {
      case 'text':
        out += token.tokens ? inlineText(token.tokens) : decodeHTML(token.text ?? '');
        break;
      case 'escape':
      case 'codespan':
        out += decodeHTML(token.text ?? '');
        break;
      case 'br':
        out += '\n';
        break;
      case 'html':
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const text = inlineText(link.tokens);
        const url = effectiveUrl(link.href);
        if (!isSafeBodyUrl(link.href)) out += text;
        else {
          const shown = url.startsWith('mailto:') ? url.slice(7) : url;
          out += text === shown || text === url ? `<${shown}>` : `${text} <${shown}>`;
        }
        break;
      }
      case 'image': {
        const image = token as Tokens.Image;
        const alt = decodeHTML(image.text);
        out += isSafeBodyUrl(image.href) ? `${alt} <${effectiveUrl(image.href)}>` : alt;
        break;
      }
      default:
        out += token.tokens ? inlineText(token.tokens) : decodeHTML(token.text ?? '');
    }
  }
  return out;
}

/**
 * Renders the body as press-release plain text, wrapped at `width` columns.
 * `lead` (the dateline, "BAKU, 12 June 2026 —") opens the first paragraph.
 */
export function renderBodyText(body: BodyTokens, width = 72, lead?: string): string {
  let tokens = body.tokens;
  const firstIndex = tokens.findIndex((t) => t.type !== 'space' && t.type !== 'def');
  const first = tokens[firstIndex];
  let leadLines: string[] = [];
  if (lead) {
    if (first?.type === 'paragraph') {
      leadLines = wrapText(`${lead} ${inlineText((first as Tokens.Paragraph).tokens)}`, width);
      tokens = tokens.slice(firstIndex + 1);
    } else leadLines = wrapText(lead, width);
  }
  const rest = blocksToLines(tokens, width);
  const lines = leadLines.length > 0 ? [...leadLines, '', ...rest] : rest;
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function blocksToLines(tokens: readonly Token[], width: number): string[] {
  const lines: string[] = [];
  const paragraph = (block: string[]) => {
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    lines.push(...block);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'def':
      case 'hr':
        break;
      case 'heading':
      case 'paragraph':
        paragraph(wrapText(inlineText((token as Tokens.Paragraph).tokens), width));
        break;
      case 'text': {
        const t = token as Tokens.Text;
        paragraph(wrapText(t.tokens ? inlineText(t.tokens) : decodeHTML(t.text), width));
        break;
      }
      case 'blockquote': {
        const inner = blocksToLines((token as Tokens.Blockquote).tokens, width - 4);
        paragraph(inner.map((l) => (l === '' ? '' : `    ${l}`)));
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        const block: string[] = [];
        list.items.forEach((item, index) => {
          const marker = list.ordered ? `${start + index}. ` : '- ';
          const pad = ' '.repeat(marker.length);
          const inner = blocksToLines(item.tokens, width - marker.length);
          inner.forEach((l, i) => block.push(i === 0 ? marker + l : l === '' ? '' : pad + l));
          if (list.loose && index < list.items.length - 1) block.push('');
        });
        paragraph(block);
        break;
      }
      case 'code':
        paragraph((token as Tokens.Code).text.split('\n').map((l) => `    ${l}`.trimEnd()));
        break;
      case 'html':
        paragraph(wrapText(decodeHTML(token.raw.replace(/<[^>]*>/g, ' ')).trim(), width));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: { tokens: Token[] }[]) => cells.map((c) => inlineText(c.tokens)).join(' — ');
        paragraph([table.header, ...table.rows].flatMap((cells) => wrapText(row(cells), width)));
        break;
      }
      default: {
        const generic = token as InlineToken;
        if (generic.tokens) paragraph(wrapText(inlineText(generic.tokens), width));
      }
    }
  }
  return lines;
}
