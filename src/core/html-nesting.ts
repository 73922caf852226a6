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
