import { findExcess } from '../core/markdown.js';
import { countBefore } from '../core/sorted.js';
import { lineBreaksIn } from '../core/text.js';
import { Lexer, type Token } from 'marked';

/**
 * Where a post's body has code blocks (fenced with ``` or ~~~, or indented),
 * as Markdown reads them, also inside lists and block quotes. What is written
 * there is shown as it is, so the importer copies it without reading tags,
 * images or the summary divider in it.
 */

export interface CodeBlock {
  /** Offset of the start of the block's first line. */
  start: number;
  /** Offset of the end of its last line, before the line break. */
  end: number;
}

/** Deeper than this, quotes and lists are not searched; marked recurses once per level. */
const MAX_DEPTH = 64;

class TooDeep extends Error {}

/**
 * The code blocks of `text`, in order. Only marked's block pass runs, so
 * inline Markdown is never lexed. A block is kept only when each of its
 * lines ends the line of the text it was read from: marked hands a list
 * item or a quote the text without its markers, and lines are all it keeps
 * of where that text was, so a block that does not line up is left out
 * (read as text, as before) rather than placed wrongly.
 */
export function codeBlocks(text: string): CodeBlock[] {
  // marked turns `\r\n` into `\n`; a space in place of each `\r` keeps every offset and line where it was.
  const source = text.replace(/\r\n/g, ' \n').replace(/\r/g, '\n');
  // A body marked would read in time out of proportion to it (quoted lines starting again after lazy ones thousands of
  // times, a wide table over many rows) is converted as if it had no code blocks; the build refuses it, with its line.
  if (findExcess(source)) return [];
  const lexer = new Lexer({ gfm: true });
  const block = lexer.blockTokens.bind(lexer) as (src: string, tokens?: Token[], clipped?: boolean) => Token[];
  let depth = 0;
  lexer.blockTokens = ((src: string, tokens?: Token[], clipped?: boolean) => {
    if (++depth > MAX_DEPTH) throw new TooDeep();
    try {
      return block(src, tokens, clipped);
    } finally {
      depth--;
    }
  }) as typeof lexer.blockTokens;
  let tokens: Token[];
  try {
    tokens = lexer.blockTokens(source, []);
  } catch (error) {
    // A body nested this deep is converted as if it had no code blocks, as it was before they were looked for.
    if (error instanceof TooDeep) return [];
    throw error;
  }

  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineEnd = (line: number) => (line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : source.length);
  const found: CodeBlock[] = [];

  const visit = (children: readonly Token[], firstLine: number) => {
    let line = firstLine;
    for (const token of children) {
      if (token.type === 'code') add(token.raw.replace(/\n+$/, ''), line);
      else if (token.type === 'blockquote' && token.tokens) visit(token.tokens, line);
      else if (token.type === 'list') {
        // An item's text is found in the list's own, past the item before it: items leave the blank lines between them out.
        // Lines are counted on from the item before, not from the list's start: a list of many items is read once.
        let at = 0;
        let itemLine = line;
        for (const item of (token as Token & { items: { raw: string; tokens: Token[] }[] }).items) {
          const start = token.raw.indexOf(item.raw, at);
          if (start === -1) break;
          itemLine += lineBreaksIn(token.raw, at, start);
          visit(item.tokens, itemLine);
          itemLine += lineBreaksIn(item.raw);
          at = start + item.raw.length;
        }
      }
      line += lineBreaksIn(token.raw);
    }
  };
  const add = (raw: string, firstLine: number) => {
    const lines = raw.split('\n');
    const lastLine = firstLine + lines.length - 1;
    if (lastLine >= lineStarts.length) return;
    for (let i = 0; i < lines.length; i++) {
      const written = source.slice(lineStarts[firstLine + i]!, lineEnd(firstLine + i)).trimEnd();
      if (!written.endsWith(lines[i]!.trimEnd())) return;
    }
    found.push({ start: lineStarts[firstLine]!, end: lineEnd(lastLine) });
  };
  visit(tokens, 0);
  return found;
}

/** Whether `offset` falls in one of `blocks` (in order), found by binary search. */
export function blockAt(blocks: readonly CodeBlock[], offset: number): CodeBlock | undefined {
  const block = blocks[countBefore(blocks, (b) => b.start <= offset) - 1];
  return block !== undefined && offset < block.end ? block : undefined;
}
