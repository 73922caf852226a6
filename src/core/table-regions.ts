import { escapeHtml } from './text.js';

/**
 * A table wider than a phone's screen (many columns, an address or a long
 * number in a cell) would widen the whole page, which then scrolls sideways.
 * On a web page each table is put in a region of its own that scrolls
 * instead: `<section class="table-scroll" tabindex="0">`, which a keyboard
 * can reach to scroll it (a region that scrolls and cannot take the focus
 * cannot be read without a mouse), named by the table's caption, or by the
 * set's `table` label in the page's language when it has none: a section
 * with a name is a region, as `role="region"` would make a `div`.
 *
 * It works on the body's HTML as this tool writes it, Markdown's or what the
 * sanitizer kept of raw HTML: there a `<` is always markup, since text and
 * attribute values have theirs escaped (`&lt;`), and every element is closed.
 */

/** What names a table's region: its caption, given an id, or else the set's word. */
export interface TableRegionsResult {
  html: string;
  /** Whether a table without a caption needed the label, which the caller had none of (`label` undefined): nothing was wrapped. */
  needsLabel: boolean;
}

const TAG = /<(\/?)(table|caption)(?=[\s/>])[^>]*>/gi;
const ID = /\sid="([^"]*)"/g;

interface Found {
  start: number;
  end: number;
  /** Where an id goes in the caption's start tag, and whether the caption has any text to name the region with. */
  caption?: { nameAt: number; hasText: boolean };
}

/** The tables that no other table holds, each with its caption (the table's own, not a nested table's). */
function outermostTables(html: string): Found[] {
  const tables: Found[] = [];
  let depth = 0;
  let current: Found | undefined;
  let captionOpen: number | undefined;
  for (const match of html.matchAll(TAG)) {
    const closing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    const at = match.index;
    if (name === 'table') {
      if (!closing) {
        if (depth === 0) current = { start: at, end: html.length };
        depth++;
      } else if (depth > 0) {
        depth--;
        if (depth === 0 && current) {
          current.end = at + match[0].length;
          tables.push(current);
          current = undefined;
        }
      }
    } else if (depth === 1 && current && current.caption === undefined) {
      if (!closing) captionOpen = at;
      else if (captionOpen !== undefined) {
        const open = html.slice(captionOpen, html.indexOf('>', captionOpen) + 1);
        const text = html.slice(captionOpen + open.length, at).replace(/<[^>]*>/g, '').replace(/&(?:nbsp|#160|#x0*a0);/gi, ' ');
        current.caption = { nameAt: captionOpen + '<caption'.length, hasText: /\S/.test(text) };
        captionOpen = undefined;
      }
    }
  }
  // A table never closed (none is, in this tool's HTML) is left as it is.
  return tables;
}

/**
 * `html` with each table that no other table holds in a region of its own
 * (see above). A captioned table's region is labelled by its caption, which
 * gets an id no element of the body has (`table-caption-1` …); the others
 * are named by `label`, numbered after it (`Table 1`, `Table 2`) when there
 * are several, so that each region, a landmark, has a name of its own.
 */
export function wrapTables(html: string, label: string | undefined): TableRegionsResult {
  if (!/<table[\s/>]/i.test(html)) return { html, needsLabel: false };
  const tables = outermostTables(html);
  const unnamed = tables.filter((t) => !t.caption?.hasText).length;
  if (unnamed > 0 && label === undefined) return { html, needsLabel: true };
  const taken = new Set(Array.from(html.matchAll(ID), (m) => m[1]));
  let nextId = 1;
  const freshId = (): string => {
    while (taken.has(`table-caption-${nextId}`)) nextId++;
    return `table-caption-${nextId++}`;
  };
  let out = '';
  let from = 0;
  let numbered = 0;
  for (const table of tables) {
    let name: string;
    let body = html.slice(table.start, table.end);
    if (table.caption?.hasText) {
      const id = freshId();
      const at = table.caption.nameAt - table.start;
      body = `${body.slice(0, at)} id="${id}"${body.slice(at)}`;
      name = `aria-labelledby="${id}"`;
    } else {
      numbered++;
      const text = unnamed > 1 ? `${label!} ${numbered}` : label!;
      name = `aria-label="${escapeHtml(text)}"`;
    }
    out += `${html.slice(from, table.start)}<section class="table-scroll" tabindex="0" ${name}>${body}</section>`;
    from = table.end;
  }
  return { html: out + html.slice(from), needsLabel: false };
}
