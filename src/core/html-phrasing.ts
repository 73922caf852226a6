import { Parser } from 'htmlparser2';

/**
 * The elements HTML allows only where blocks may stand (in the body, a <div>, a list item, a cell, a quote), never in a
 * paragraph, a heading, <pre> or a phrasing element such as <span> or <em>.
 */
export const FLOW_ONLY_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'col', 'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Blocks that hold only phrasing content themselves: a block inside one cuts it in two. */
const PARAGRAPH_LIKE: ReadonlySet<string> = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

/** Elements whose content may be what their parent's may: a <div> in a link in a <div> is valid, in a link in a paragraph not. */
const TRANSPARENT: ReadonlySet<string> = new Set(['a', 'del', 'ins']);

const VOID: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Most inline elements around a block that are opened again after it (and inside it): the outermost, the paragraph
 * first. Emphasis in a link in emphasis is three; more are dropped, their text kept, so that the work a block does stays
 * the same however deep it is.
 */
const MAX_REOPENED = 32;

/** An element of the HTML read, and how it is written. */
interface Element {
  name: string;
  /** Its start tag as written, the first time it is shown. */
  tag: string;
  /** Its start tag where it is opened again after a block cut it: without its `id`, which one element alone may have. */
  again: string;
  /** Its start tag without attributes: a paragraph opened again past `budget`. */
  bare: string;
  end: string;
  kind: 'paragraph' | 'inline' | 'block';
  shown: boolean;
  closed: boolean;
  /** The part of it open in the output, if one is. */
  frame: Frame | undefined;
}

/** A part of an element open in the output. */
interface Frame {
  element: Element;
  /** Whether it may hold phrasing content only, so that a block opened in it cuts it. */
  phrasingOnly: boolean;
  inPre: boolean;
  written: boolean;
  /** What closes it: nothing where its start tag was left out. */
  end: string;
  /**
   * The elements a block cut, to be opened again in this frame when text or an inline element comes into it: after the
   * block, the paragraph and the inline elements around it; in the block, the inline elements.
   */
  pending: readonly Element[] | undefined;
}

const BLANK = /^[ \t\n\f\r]*$/;

/**
 * `text` without the blanks at its end, found by hand: a pattern anchored at the end (`/\s+$/`) tries again from each
 * blank of a run that something other follows, in time of the run's square (a paragraph of 200,000 spaces took 18 s).
 */
function withoutTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

/**
 * `html` (the sanitizer's output: well formed, comments gone, text escaped) with no block inside a paragraph, heading,
 * <pre> or phrasing element, as HTML's content model requires. Written there, a browser builds another tree than the one
 * written (`<p>a<div>b</div>c</p>` is a paragraph, a div, the text `c` outside both and an empty paragraph), and a <div>
 * in a <span> is no valid page. So the element holding the block is closed before it and opened again after it, where
 * more text follows, with the inline elements that were around it (also inside it, to keep their language or emphasis);
 * blank text where a paragraph is cut goes, and a paragraph left empty is not written. An element of the name
 * `paragraph` (what the Markdown renderer wrote its paragraphs as, since the parser reading it would otherwise close a
 * <p> at a block as the browser does and lose where it ended) is written as <p>.
 *
 * One pass; each block does work bounded by `MAX_REOPENED`, and the start tags written again are together at most as long
 * as `html` (`budget`), past which a paragraph is opened again without its attributes and an inline element not at all.
 */
export function blocksOutOfPhrasing(html: string, paragraph: string): string {
  const out: string[] = [];
  /** Where in `out` the last tag is: the text after it is what a cut trims. */
  let lastTag = -1;
  /** Where in `out` the start tag of a <pre> opened again is: a browser drops a line break just after it. */
  let preAgainAt = -1;
  /**
   * Whether the last thing read is the start tag of a <pre>: a line break just after it is one a browser drops, which it
   * keeps where the inline elements a block cut are opened again between the two (`<pre><em>` and the line break).
   */
  let afterPreTag = false;
  let budget = html.length;
  const root: Frame = { element: element('', ''), phrasingOnly: false, inPre: false, written: true, end: '', pending: undefined };
  const frames: Frame[] = [root];
  /** How many of `frames`, from the first, are written: those not yet are the last ones, inline elements and paragraphs waiting for content. */
  let written = 1;
  /** The elements the HTML read has open. */
  const open: Element[] = [];

  function element(name: string, tag: string): Element {
    const shownAs = name === paragraph ? 'p' : name;
    const isParagraph = name === paragraph || PARAGRAPH_LIKE.has(name);
    return {
      name,
      tag: name === paragraph ? '<p>' : tag,
      again: name === paragraph ? '<p>' : tag.replace(/ id="[^"]*"/, ''),
      bare: `<${shownAs}>`,
      end: `</${shownAs}>`,
      kind: isParagraph ? 'paragraph' : FLOW_ONLY_ELEMENTS.has(name) ? 'block' : 'inline',
      shown: false,
      closed: false,
      frame: undefined,
    };
  }

  function writeTag(tag: string): void {
    out.push(tag);
    lastTag = out.length - 1;
  }

  function push(opened: Element): Frame {
    const parent = frames.at(-1)!;
    const phrasingOnly = opened.kind === 'paragraph' || (opened.kind === 'inline' && (!TRANSPARENT.has(opened.name) || parent.phrasingOnly));
    const frame: Frame = { element: opened, phrasingOnly, inPre: parent.inPre || opened.name === 'pre', written: false, end: '', pending: undefined };
    opened.frame = frame;
    frames.push(frame);
    return frame;
  }

  /** Writes the start tags of the frames waiting for content. */
  function writeFrames(): void {
    for (; written < frames.length; written++) {
      const frame = frames[written]!;
      const shown = frame.element;
      let tag = shown.tag;
      if (shown.shown) {
        if (shown.again.length <= budget) tag = shown.again;
        else tag = shown.kind === 'paragraph' ? shown.bare : '';
        budget -= tag.length;
      }
      shown.shown = true;
      frame.written = true;
      if (tag === '') continue;
      frame.end = shown.end;
      writeTag(tag);
      if (shown.name === 'pre' && tag !== shown.tag) preAgainAt = out.length - 1;
    }
  }

  function popFrame(): Frame {
    const frame = frames.pop()!;
    if (frame.written && frame.end !== '') writeTag(frame.end);
    if (frame.element.frame === frame) frame.element.frame = undefined;
    written = Math.min(written, frames.length);
    return frame;
  }

  /** Opens, in the frame content comes into, the elements a block cut that are still open; whether there were any. */
  function reopen(): boolean {
    const top = frames.at(-1)!;
    const pending = top.pending;
    if (pending === undefined) return false;
    top.pending = undefined;
    const before = frames.length;
    for (const cut of pending) if (!cut.closed) push(cut);
    return frames.length > before;
  }

  /** Makes room for a block: the paragraph and inline elements it would be in are closed; returns the inline ones, to open in it. */
  function placeBlock(): readonly Element[] | undefined {
    let top = frames.at(-1)!;
    if (!top.phrasingOnly) return top.pending?.filter((e) => e.kind === 'inline');
    let outermost = frames.length - 1;
    while (frames[outermost - 1]!.phrasingOnly) outermost--;
    // The space before a block ends a line a browser does not show; only the cut elements' own, not the text before them.
    if (!top.inPre && outermost < written) {
      while (out.length - 1 > lastTag) {
        const trimmed = withoutTrailingBlanks(out.at(-1)!);
        if (trimmed !== '') {
          out[out.length - 1] = trimmed;
          break;
        }
        out.pop();
      }
    }
    const cut: Element[] = [];
    while (frames.length > outermost) cut.push(popFrame().element);
    cut.reverse();
    top = frames.at(-1)!;
    top.pending = cut.slice(0, MAX_REOPENED);
    return top.pending.filter((e) => e.kind === 'inline');
  }

  function onText(text: string): void {
    const top = frames.at(-1)!;
    // Blank text where a block's box starts is none a browser shows; elsewhere it parts words.
    if (!top.inPre && BLANK.test(text) && (top.pending?.some((e) => !e.closed) === true || (!top.written && top.element.kind === 'paragraph'))) return;
    const fresh = reopen();
    const firstInPre = afterPreTag;
    afterPreTag = false;
    writeFrames();
    let shown = fresh && !frames.at(-1)!.inPre ? text.replace(/^[ \t\n\f\r]+/, '') : text;
    if (out.length - 1 === preAgainAt && shown.startsWith('\n')) shown = `\n${shown}`;
    else if (firstInPre && fresh && shown.startsWith('\n') && !out.at(-1)!.startsWith('<pre')) shown = shown.slice(1);
    out.push(shown);
  }

  function onOpen(name: string, tag: string): void {
    afterPreTag = name === 'pre';
    const opened = element(name, tag);
    if (opened.kind === 'inline') {
      reopen();
      if (VOID.has(name)) {
        writeFrames();
        writeTag(tag);
        return;
      }
      open.push(opened);
      push(opened);
      return;
    }
    const inherited = placeBlock();
    writeFrames();
    if (VOID.has(name)) {
      writeTag(tag);
      return;
    }
    open.push(opened);
    const frame = push(opened);
    if (inherited !== undefined && inherited.length > 0) frame.pending = inherited;
    // A paragraph waits for content, so that one a block left empty is not written.
    if (opened.kind === 'block') writeFrames();
  }

  function close(closed: Element): void {
    closed.closed = true;
    const frame = closed.frame;
    if (frame === undefined) return;
    // An empty inline element of the author's (`<a id="top"></a>`, a place to link to) is kept as it was.
    if (!frame.written && closed.kind === 'inline' && !closed.shown) writeFrames();
    while (popFrame() !== frame);
  }

  const parser = new Parser({
    onopentag(name, _attributes, implied) {
      // The parser opens a <p> of its own at an end tag `</p>` with no paragraph open, as a browser does: here that is
      // the end of a paragraph a block was in, which the parser closed at the block, so it is read as that end.
      if (implied) return;
      onOpen(name, html.slice(parser.startIndex, parser.endIndex + 1));
    },
    ontext: onText,
    onclosetag(name, implied) {
      // Only end tags written close an element: the parser's own closing (a <p> at a block) is not the structure written.
      if (implied) return;
      afterPreTag = false;
      let at = open.length - 1;
      while (at >= 0 && open[at]!.name !== name) at--;
      if (at === -1) return;
      while (open.length > at) close(open.pop()!);
    },
  }, { decodeEntities: false });
  parser.end(html);
  while (open.length > 0) close(open.pop()!);
  while (frames.length > 1) popFrame();
  return out.join('');
}
