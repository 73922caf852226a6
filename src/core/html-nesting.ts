import sanitizeHtml from 'sanitize-html';
import { FRESH } from './objects.js';

/** Thrown from inside the parser's callbacks to stop it at the limit. */
class NestedTooDeep extends Error {}

/**
 * Whether `html` nests elements more than `limit` deep, counting those left
 * open, as the sanitizer's parser (htmlparser2) reads it, and read only that
 * far; `onOpen` sees each element as it opens. The sanitizer goes through its
 * open elements at each tag, and the e-mail CSS inliner writes a page out
 * again by recursion: HTML nested this deep is refused before either reads it.
 */
export function nestsPast(html: string, limit: number, onOpen?: (name: string, attributes: Record<string, string>) => void, options: sanitizeHtml.IOptions = {}): boolean {
  let depth = 0;
  try {
    sanitizeHtml(html, {
      ...FRESH, ...options, allowedTags: [], allowedAttributes: {},
      onOpenTag(name, attributes) {
        onOpen?.(name, attributes);
        if (++depth > limit) throw new NestedTooDeep();
      },
      onCloseTag() {
        depth--;
      },
    });
  } catch (cause) {
    if (cause instanceof NestedTooDeep) return true;
    throw cause;
  }
  return false;
}

/** A tag no body can write, put after the HTML read by `linksIn`: the parser closes what is left open only after it. */
const END_MARK = `data-end-${globalThis.crypto.randomUUID()}`;

/**
 * How many links (`<a>`) are open at the end of `html`, read as the sanitizer's parser (htmlparser2) reads it after `open`
 * links left open before it; `onLink` is told of each of its own, in order, whether it opens inside another (which the
 * sanitizer keeps as text of the link around it). The sanitizer's parser, unlike the newer htmlparser2 the checks import,
 * closes no link where another opens; and an `</a>` read alone closes nothing, so the links open before are written first,
 * up to `limit`.
 */
export function linksIn(html: string, open: number, limit: number, onLink?: (nested: boolean) => void): number {
  // A tag alone, as Markdown's inline HTML comes, is counted without the parser: a body of thousands of raw links took twice as long.
  if (/^<\/a\s*>$/i.test(html)) return Math.max(0, open - 1);
  if (/^<a(?:\s[^<>]*)?>$/i.test(html)) {
    onLink?.(open > 0);
    return open + 1;
  }
  const before = Math.min(open, limit);
  let links = 0;
  let seen = 0;
  let atEnd = open;
  sanitizeHtml(`${'<a>'.repeat(before)}${html}<wbr ${END_MARK}>`, {
    ...FRESH, allowedTags: [], allowedAttributes: {},
    onOpenTag(name, attributes) {
      if (name === 'a' && seen++ >= before) onLink?.(links > 0);
      if (name === 'a') links++;
      else if (name === 'wbr' && attributes[END_MARK] !== undefined) atEnd = links + open - before;
    },
    onCloseTag(name) {
      if (name === 'a') links--;
    },
  });
  return Math.max(0, atEnd);
}
