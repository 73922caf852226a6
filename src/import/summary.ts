import { Lexer } from 'marked';
import { SUMMARY_MAX } from '../core/rules.js';
import { headlineLength } from '../core/text.js';
import { withoutInlineMarkdown } from '../core/validate.js';

/**
 * The old site's summary of a post, the text before its summary divider
 * (Jekyll's excerpt, Hugo's summary), as a release's `summary`: plain text,
 * one line, as long as the tool lets a summary be. Only a single short
 * paragraph of plain text is taken; anything more is left for a person, who
 * is told why, rather than cut or flattened into a summary nobody wrote.
 */
export type OldSummary = { ok: true; summary: string } | { ok: false; reason: string };

/** Longer Markdown than this is no short paragraph, whatever its links' addresses; it is not lexed. */
const MAX_SOURCE = 4000;

/** What a summary cannot hold, written anywhere in the paragraph: images, HTML, escapes, entities, strike-through, template tags. */
const NOT_PLAIN = /!\[|[<>\\]|~~|\{[{%:]|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** Markdown still there once links, emphasis and code spans are read as text: a reference link, a stray backtick. */
const LEFT_OVER = /[[\]`]/;

export function oldSummary(markdown: string): OldSummary | undefined {
  const text = markdown.trim();
  // The divider opened the post: there was no summary to keep.
  if (text === '') return undefined;
  if (text.length > MAX_SOURCE) return { ok: false, reason: `it is longer than the ${SUMMARY_MAX} characters a summary may have` };
  const blocks = new Lexer({ gfm: true }).blockTokens(text, []).filter((t) => t.type !== 'space');
  if (blocks.length !== 1 || blocks[0]!.type !== 'paragraph') return { ok: false, reason: 'it is not a single paragraph' };
  const flat = text.replace(/\s+/g, ' ');
  const plain = withoutInlineMarkdown(flat);
  // Markdown left after the tool's own reading of it would show as it stands, so it is not guessed at.
  if (NOT_PLAIN.test(flat) || LEFT_OVER.test(plain) || withoutInlineMarkdown(plain) !== plain) return { ok: false, reason: 'it holds Markdown or HTML that plain text cannot keep' };
  // Measured as `validate` measures a summary, a Chinese, Japanese or Korean character counting two: a summary kept is one that passes.
  const length = headlineLength(plain);
  if (length > SUMMARY_MAX) return { ok: false, reason: `it is ${length} characters long${length > [...plain].length ? ' (a Chinese, Japanese or Korean character counting two)' : ''}, more than the ${SUMMARY_MAX} a summary may have` };
  return { ok: true, summary: plain };
}
