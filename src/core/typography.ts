import type { Token } from 'marked';
import { localeFor, type Language } from './locale/index.js';
import type { BodyTokens } from './markdown.js';

/**
 * `typography: smart`: straight quotes in the body's text become the
 * language's quotation marks (“…” and ‘…’ in English, «…» and „…“ in Russian,
 * «…» and “…” in Azerbaijani), and an apostrophe inside a word becomes ’.
 * Code spans, code blocks, raw HTML and link targets are never touched, nor
 * is the text of a link that shows its own URL.
 */
export function applySmartQuotes(body: BodyTokens, lang: Language): void {
  const marked = body as BodyTokens & { typography?: string };
  // The tokens are changed in place; a second pass over them would find no straight quote anyway.
  if (marked.typography === lang) return;
  marked.typography = lang;
  const [open, close, innerOpen, innerClose] = localeFor(lang).quotes;
  let previous = ' ';
  const convert = (text: string): string => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      const before = i === 0 ? previous : text[i - 1]!;
      const opening = /[\s([{\u2014\u2013-]/u.test(before);
      if (c === '"') out += opening ? open : close;
      else if (c === "'") {
        const after = text[i + 1] ?? '';
        if (/[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) out += '’';
        else out += opening ? innerOpen : innerClose;
      } else out += c;
    }
    if (text.length > 0) previous = text[text.length - 1]!;
    return out;
  };
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      const t = token as Token & { tokens?: Token[]; items?: Token[]; text?: string; href?: string; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
      switch (token.type) {
        case 'code':
        case 'codespan':
        case 'html':
          previous = 'x';
          continue;
        case 'link':
          // An autolink's text is its address.
          if (t.text === t.href || t.text === `mailto:${t.href}`) {
            previous = 'x';
            continue;
          }
          break;
        case 'text':
          if (!t.tokens && typeof t.text === 'string') t.text = convert(t.text);
          break;
        default:
          if (token.type === 'paragraph' || token.type === 'heading' || token.type === 'list_item' || token.type === 'table') previous = ' ';
      }
      if (t.tokens) visit(t.tokens);
      if (t.items && token.type !== 'footnotes') visit(t.items);
      if (t.header) for (const cell of t.header) visit(cell.tokens);
      if (t.rows) for (const row of t.rows) for (const cell of row) visit(cell.tokens);
      const content = (t as { content?: Token[] }).content;
      if (content && token.type === 'footnote') visit(content);
    }
  };
  visit(body.tokens);
}
