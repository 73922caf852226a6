import type { Diagnostic } from './diagnostic.js';
import { positionAt } from './diagnostic.js';
import { INVISIBLE_CHARACTERS, INVISIBLE_PATTERN as PATTERN, LEADING_INVISIBLE } from './characters.js';
import { codePoint } from './text.js';
import { offerFix } from './fix-offer.js';

export { INVISIBLE_CHARACTERS } from './characters.js';

/** The invisible characters `validate --fix` deletes, which say nothing where they stand: a slug made from a title drops them too. */
export const DELETED_INVISIBLE = new RegExp(`[${Object.entries(INVISIBLE_CHARACTERS).filter(([, c]) => c.fix === '').map(([c]) => c).join('')}]`, 'g');
/** No-break spaces (and their narrow and figure kin) where YAML reads indentation. */
const YAML_INDENT = /^[ \t]*[\u00A0\u202F\u2007][ \t\u00A0\u202F\u2007]*/;
const NO_BREAK = /[\u00A0\u202F\u2007]/g;
const HAS_NO_BREAK = /[\u00A0\u202F\u2007]/;
/**
 * No-break spaces between a key's colon and its value (`title:\u00A0Baku`), as a word processor
 * or a keyboard's Option+Space types them: YAML separates a key from its value only with an
 * ordinary space or tab, so it reads the whole line as text, and the error it gives shows nothing.
 */
const KEY_COLON = /^([ \t]*(?:-[ \t]+)*[A-Za-z_][\w-]*:)([ \t]*[\u00A0\u202F\u2007][ \t\u00A0\u202F\u2007]*)/;
/**
 * No-break spaces at the end of a value (`location: Bakı\u00A0`, copied with the space after
 * a word): YAML keeps them as part of it, so the dateline reads `BAKI , 1 March`.
 */
const VALUE_END = /(?<=\S)[ \t]*[\u00A0\u202F\u2007][ \t\u00A0\u202F\u2007]*$/;
/**
 * A list item's marker followed by a no-break space (`1.\u00A0Register`, `-\u00A0passport`), as webmail and word processors paste
 * a list: Markdown starts an item only after an ordinary space or tab, so it runs the lines together into one paragraph.
 */
// The blanks and quote marks before the marker are one class: two runs of blanks side by side would try each split of a long one.
const LIST_MARKER = /^([ \t>]*(?:[-+*]|\d{1,9}[.)]))([\u00A0\u202F\u2007][ \t\u00A0\u202F\u2007]*)(?=\S)/;
/** A line that opens a fenced code block, whose lines are code as written: in a quote or a list item too (`- ```). */
const FENCE = /^[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])[ \t]*)*(`{3,}|~{3,})/;
/** A line that closes one: in a quote, as it opened; a list marker before it is a line of the code (`- ```` in a fence). */
const FENCE_END = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/;

/** The quote marks that open a line (`> > `), each with the one blank after it that belongs to it. */
const QUOTE_PREFIX = /^(?:[ ]{0,3}>[ ]?)*/;
/** A list item's marker after its indentation, with the blanks after it, ordinary or no-break, or none at the end of the line. */
const ITEM_MARKER = /^([-+*]|\d{1,9}[.)])([ \t\u00A0\u202F\u2007]+|$)/;
/** An ATX heading, after which an indented line is code without a blank line between. */
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
/** A thematic break (`***`, `- - -`), which ends a paragraph and a list item's marker would not start: an indented line after it is code. */
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** A cell of a table's delimiter row: dashes, perhaps with a colon at either end. */
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;

/**
 * Whether a line is a table's delimiter row (`|---|:--:|`, `--|--`), which under its header makes a table: the rows below it are
 * the table's, and an indented line after one is code. Read cell by cell: one pattern for the whole row tried each way of sharing
 * a long run of blanks between the cells around a bar, and took seconds.
 */
function isTableDelimiter(text: string): boolean {
  if (!text.includes('|')) return false;
  const row = text.trim();
  return row.slice(row.startsWith('|') ? 1 : 0, row.endsWith('|') && row.length > 1 ? -1 : undefined).split('|').every((cell) => DELIMITER_CELL.test(cell));
}
/** A link's definition, `[label]: address`, perhaps with a title after it. */
const LINK_DEFINITION = /^\[(?:[^\]\\]|\\.)+\]:[ \t]*\S/;
/** A definition's title on a line of its own: in double or single quotes, or in parentheses. */
const LINK_TITLE = /^(?:"[^"]*"|'[^']*'|\([^()]*\))[ \t]*$/;
/** A setext heading's underline, under a paragraph's line: it makes that line a heading, after which an indented line is code. */
const SETEXT_UNDERLINE = /^(?:=+|-+)[ \t]*$/;

/** The most items read as starting in one line (`- - 1. text`). */
const MAX_ITEMS_IN_LINE = 32;

/** How many columns blanks take, a tab reaching the next multiple of four, as Markdown counts indentation. */
function columns(blanks: string, from = 0): number {
  let column = from;
  for (const c of blanks) column = c === '\t' ? column + 4 - (column % 4) : column + 1;
  return column - from;
}

/**
 * How far the blanks after a line's quote marks indent its text, as marked counts it: a tab right after a `>` is the blank
 * that belongs to the mark and two columns more (`>\t- item` is an item, `>\t\t` indents code), any other tab four.
 */
function indentIn(quote: string, blanks: string): number {
  return columns(blanks) - (quote.endsWith('>') && blanks.startsWith('\t') ? 2 : 0);
}

/**
 * Each body line that holds a list marker followed by a no-break space, outside code: where it starts, its marker and the blanks.
 * Code is a fenced block, or an indented one: four columns past the content of the list item the line is in (none: its start),
 * where no paragraph goes on (after a blank line, a heading, a break, a fence, a table, a link's definition, or code). A marker
 * with a no-break space counts as the item it is meant to be, which `--fix` makes it, but holds no fenced block.
 */
function listMarkerLines(body: string, bodyStart: number): { offset: number; marker: string; blanks: string }[] {
  const found: { offset: number; marker: string; blanks: string }[] = [];
  if (!HAS_NO_BREAK.test(body)) return found;
  let fence: string | undefined;
  let lineStart = bodyStart;
  const lines = body.split('\n');
  const candidates: { index: number; offset: number; marker: string; blanks: string }[] = [];
  /** The columns where the content of each list item open at this line starts, innermost last. */
  let items: number[] = [];
  /** Of each item in `items`, whether Markdown reads it as one as written: not one opened by a no-break space, which `--fix` would make one. */
  let typed: boolean[] = [];
  /** Ends the items deeper than `indent`: a line less indented than their content that is no lazy line of a paragraph. */
  const closeItems = (indent: number) => {
    while (items.length > 0 && items.at(-1)! > indent) items.pop();
    typed.length = items.length;
  };
  let depth = 0;
  let afterBlank = true;
  let mayOpenCode = true;
  let inCode = false;
  /** The quotes a fenced block is in, and the column of the list item's content it is in: it ends with them. */
  let fenceDepth = 0;
  let fenceBase = 0;
  /** Whether the line before was a line of a paragraph, which may be a table's header; whether a table's rows go on. */
  let header = false;
  let inTable = false;
  /** Whether the line before was a link's definition, whose title may follow on this line. */
  let afterDefinition = false;
  for (const [index, line] of lines.entries()) {
    if (fence !== undefined) {
      const prefix = QUOTE_PREFIX.exec(line)![0];
      const text = line.slice(prefix.length);
      const indent = indentIn(prefix, /^[ \t]*/.exec(text)![0]);
      // A fenced block's lines are never lazy: a line out of its quote, or less indented than its item's content, ends it and is read.
      const quotes = prefix.split('>').length - 1;
      if (quotes < fenceDepth || (text.trim() !== '' && indent < fenceBase)) {
        // As after a closing fence, no paragraph goes on: an indented line may open code.
        fence = undefined;
        mayOpenCode = true;
      } else {
        // A closing fence is indented less than four columns past the content it is in: one indented further is a line of the code.
        const closes = FENCE_END.exec(line)?.[1];
        // In as many quotes as it opened in: a `>` more is a line of the code (`> ```` in a fence of an example e-mail).
        if (closes !== undefined && closes[0] === fence[0] && closes.length >= fence.length && quotes === fenceDepth && indent < fenceBase + 4) {
          fence = undefined;
          mayOpenCode = true;
        }
        lineStart += line.length + 1;
        continue;
      }
    }
    const quote = QUOTE_PREFIX.exec(line)![0];
    const quotes = quote.split('>').length - 1;
    const rest = line.slice(quote.length);
    const quoted = quotes !== depth;
    if (quoted) {
      // A quote's content is read on its own: its lists are not the ones around it. A line out of a quote may be a lazy part of its paragraph.
      // Only a paragraph goes on lazily: after code, a heading or a blank line, an indented line out of the quote is code. A heading's
      // underline and a table's delimiter row are never lazy: under a paragraph in another quote, they are no part of it.
      items = [];
      typed = [];
      mayOpenCode = quotes > depth || inCode || mayOpenCode;
      inCode = false;
      depth = quotes;
      header = false;
      inTable = false;
    }
    if (rest.trim() === '') {
      afterBlank = true;
      mayOpenCode = true;
      header = false;
      inTable = false;
      lineStart += line.length + 1;
      continue;
    }
    const blanks = /^[ \t]*/.exec(rest)![0];
    const indent = indentIn(quote, blanks);
    const head = rest.slice(blanks.length);
    // Under a line of a paragraph, `---` and `===` make it a heading (a lazy line of an item's paragraph is no heading's underline).
    const underline: boolean = !quoted && !mayOpenCode && !inCode && indent < 4 + (items.at(-1) ?? 0) && indent >= (items.at(-1) ?? 0) && SETEXT_UNDERLINE.test(head);
    const thematic: boolean = indent < 4 + (items.at(-1) ?? 0) && THEMATIC_BREAK.test(head);
    const item: RegExpExecArray | null = underline || thematic ? null : ITEM_MARKER.exec(head);
    // After a blank line a line less indented than an item's content ends the item; a new marker ends those deeper than it anyway.
    // Code goes on lazily no more than a heading does: a line less indented than its item's content after it ends the item.
    if (afterBlank || inCode || item || thematic || ATX_HEADING.test(head)) closeItems(indent);
    afterBlank = false;
    if ((inCode || mayOpenCode) && indent - (items.at(-1) ?? 0) >= 4) {
      inCode = true;
      header = false;
      inTable = false;
      lineStart += line.length + 1;
      continue;
    }
    // Under a header, a delimiter row makes a table, whose rows go on to a blank line or another block; marked reads an indented line
    // after one as code, as it does after a heading.
    const text: boolean = !item && !underline && !thematic && !ATX_HEADING.test(head);
    // A link's definition (`[guide]: https://…`, perhaps with its title on the next line) where no paragraph goes on is no paragraph
    // either: an indented line after it is code.
    const opensDefinition: boolean = text && !inTable && (mayOpenCode || inCode) && LINK_DEFINITION.test(head);
    const definition: boolean = opensDefinition || (text && afterDefinition && LINK_TITLE.test(head));
    afterDefinition = opensDefinition;
    inTable = text && !definition && (inTable || (header && isTableDelimiter(head)));
    // Any line of a paragraph may be a header: marked reads `Title` over `|---|` as a table of one column.
    header = text && !inTable && !definition;
    inCode = false;
    mayOpenCode = false;
    if (item) {
      // An item's first line starts its content anew: an item in it (`- 1. step`), a heading, a break, or code after five blanks or
      // more, whose item's content starts one column after the marker; an item with nothing on its line may open code on the next.
      let marker: RegExpExecArray | null = item;
      let at = indent;
      let content = head;
      // Items are read in a line as deep as anyone nests them, not thousands deep: each reading copies the rest of the line.
      for (let nested = 0; marker && nested < MAX_ITEMS_IN_LINE; nested++) {
        const end = at + marker[1]!.length;
        const after = columns(marker[2]!, end);
        content = content.slice(marker[0].length);
        if (content === '' || after > 4) {
          items.push(end + 1);
          typed.push(!/[\u00A0\u202F\u2007]/.test(marker[2]!));
          if (content === '') mayOpenCode = true;
          else inCode = true;
          break;
        }
        items.push((at = end + after));
        typed.push(!/[\u00A0\u202F\u2007]/.test(marker[2]!));
        if (ATX_HEADING.test(content) || THEMATIC_BREAK.test(content)) {
          mayOpenCode = true;
          break;
        }
        marker = ITEM_MARKER.exec(content);
      }
    } else mayOpenCode = underline || thematic || inTable || definition || ATX_HEADING.test(head);
    const opens = FENCE.exec(line)?.[1];
    if (opens !== undefined) {
      inTable = false;
      header = false;
      // A fence is no lazy line of a paragraph: one less indented than an item's content, on a line of its own, ends the item.
      if (!item) closeItems(indent);
      fence = opens;
      fenceDepth = depth;
      // In an item that a no-break space opens, the fence is not in it as Markdown reads the text before --fix (nor after, when the
      // marker is left as it is): its end is found by its closing fence or its quote, never by the item's indentation.
      fenceBase = typed.at(-1) === false ? 0 : items.at(-1) ?? 0;
    } else {
      const m = LIST_MARKER.exec(line);
      if (m) candidates.push({ index, offset: lineStart + m[1]!.length, marker: m[1]!.replace(/^[ \t>]*/, ''), blanks: m[2]! });
    }
    lineStart += line.length + 1;
  }
  const at = new Set(candidates.map((c) => c.index));
  for (const { index, ...line } of candidates) {
    // A number is an item; a dash, which also opens a line of dialogue, only beside another such line or under a line ending with a colon.
    if (/\d/.test(line.marker) || at.has(index - 1) || at.has(index + 1) || /:[ \t]*$/.test(lines[index - 1] ?? '')) found.push(line);
  }
  return found;
}

/** A line that is only a comment, whose blanks are nobody's value. */
const COMMENT_LINE = /^[ \t]*#/;
/** A line that starts a block scalar (`summary: >`, `- |-`): the lines indented below it are text, where a colon is only a colon. */
const BLOCK_SCALAR = /(?:^|[ \t])[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$/;

/**
 * Each front matter line, with where it starts, and whether it is a line of
 * a block scalar's text (more indented than the line that opened it).
 */
function frontMatterLines(lines: readonly string[]): { line: string; index: number; inText: boolean }[] {
  const out: { line: string; index: number; inText: boolean }[] = [];
  let block: number | undefined;
  lines.forEach((line, index) => {
    const indent = /^ */.exec(line)![0].length;
    if (block !== undefined && line.trim() !== '' && indent <= block) block = undefined;
    const inText = block !== undefined;
    if (!inText && BLOCK_SCALAR.test(line) && /:|^[ \t]*-/.test(line)) block = indent;
    out.push({ line, index, inText });
  });
  return out;
}

/** A line of a table or a heading, perhaps in a quote or a list item: one line of Markdown, which a line break would split. */
const STRUCTURED_LINE = /^[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])[ \t]*)*(?:#|.*\|)/;

/** The code point of a character as U+XXXX. */

/** What stands in for an invisible character in a code frame: one visible column where it is. */
const SHOWN = '·';

/** At most this many places are reported per file; a pasted document can hold thousands. */
const MAX_REPORTED = 20;

export interface InvisibleFinding {
  offset: number;
  /** How many characters the finding covers (a run of no-break spaces in one line's indentation), 1 otherwise. */
  length?: number;
  name: string;
  /** False for characters that need a person: a no-break space could be meant. */
  fixable: boolean;
  /** What to do, where deleting the character is not it. */
  hint?: string;
}

/** The front matter's lines, as offsets in `text`: from after the opening `---` to before the closing one. */
function frontMatterRange(text: string): [number, number] | undefined {
  if (!text.startsWith('---\n')) return undefined;
  const close = text.indexOf('\n---\n', 3);
  const end = close === -1 ? (text.endsWith('\n---') ? text.length - 3 : -1) : close + 1;
  return end === -1 ? undefined : [4, end];
}

/** Every invisible character in a release's text (BOM already removed, line endings `\n`). */
export function findInvisible(text: string): InvisibleFinding[] {
  const found: InvisibleFinding[] = [];
  for (const match of text.matchAll(PATTERN)) {
    found.push({ offset: match.index, name: INVISIBLE_CHARACTERS[match[0]]!.name, fixable: true });
  }
  const range = frontMatterRange(text);
  // What is looked for line by line below is no-break spaces: a front matter without any (nearly every one) is not split into lines.
  if (range && HAS_NO_BREAK.test(text.slice(range[0], range[1]))) {
    let lineStart = range[0];
    for (const { line, inText } of frontMatterLines(text.slice(range[0], range[1]).split('\n'))) {
      const m = inText ? null : YAML_INDENT.exec(line);
      if (m) {
        // One finding per line, from the first no-break space to the last, however many it holds. Only ordinary blanks are
        // trimmed after it: `trimEnd` takes no-break spaces too, all of an indentation, and the range would end before it starts.
        const first = m[0].search(NO_BREAK);
        const count = m[0].match(NO_BREAK)!.length;
        const code = codePoint(m[0][first]!);
        found.push({ offset: lineStart + first, length: m[0].replace(/[ \t]+$/, '').length - first, name: count === 1 ? `a no-break space (${code}) in the YAML indentation` : `${count} no-break spaces (${code}) in the YAML indentation`, fixable: true });
      }
      const key = inText ? null : KEY_COLON.exec(line);
      if (key) {
        // From the first no-break space; only ordinary blanks are trimmed after it (`trimEnd` would take the no-break spaces too).
        const first = key[2]!.search(NO_BREAK);
        const run = key[2]!.slice(first).replace(/[ \t]+$/, '');
        found.push({ offset: lineStart + key[1]!.length + first, length: run.length, name: `a no-break space (${codePoint(run)}) after \`${key[1]!.trim().replace(/^(?:-[ \t]+)*/, '')}\``, fixable: true,
          hint: `Type an ordinary space in its place${offerFix('does')}.` });
      }
      const end = inText || COMMENT_LINE.test(line) || (key && key[0].length === line.length) ? null : VALUE_END.exec(line);
      if (end) {
        const first = end[0].search(NO_BREAK);
        found.push({ offset: lineStart + end.index + first, length: end[0].length - first, name: `a no-break space (${codePoint(end[0][first]!)}) at the end of a value`, fixable: true,
          hint: `Delete it${offerFix('does')}: YAML keeps it as part of the value, where it drops an ordinary space.` });
      }
      lineStart += line.length + 1;
    }
  }
  const bodyStart = range ? range[1] + 4 : 0;
  for (const { offset, marker, blanks } of listMarkerLines(text.slice(bodyStart), bodyStart)) {
    found.push({ offset, length: blanks.replace(/[ \t]+$/, '').length, name: `a no-break space (${codePoint(blanks.trimStart()[0] ?? blanks[0]!)}) after the list marker \`${marker}\``, fixable: true,
      hint: `Type an ordinary space in its place${offerFix('does')}: Markdown starts a list item only after one, and runs these lines together into one paragraph.` });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * Text as a code frame shows it: each invisible character as a visible dot
 * in its own column, so that a caret under one points at something, in the
 * frame of any rule.
 */
export function showInvisible(text: string): string {
  return text.replace(PATTERN, SHOWN);
}

/** The line as a code frame shows it: each invisible character as a visible dot in its own column. */
function visibleLine(text: string, offset: number, frontMatter: boolean): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  const line = showInvisible(text.slice(start, end === -1 ? undefined : end));
  return frontMatter ? frontMatterLineShown(line) : line.replace(LIST_MARKER, (_, marker: string, run: string) => marker + run.replace(NO_BREAK, SHOWN));
}

/**
 * A line of the front matter as every code frame shows it: a no-break space
 * where YAML reads it as no space (in the indentation, after a key's colon,
 * at the end of a value) as a dot in its column, as content/invisible-character
 * frames show it, so that a caret under one points at something whatever the
 * rule; one inside a value, where it is meant, as it is.
 */
export function frontMatterLineShown(line: string): string {
  if (!HAS_NO_BREAK.test(line)) return line;
  return line.replace(YAML_INDENT, (indent) => indent.replace(NO_BREAK, SHOWN)).replace(KEY_COLON, (_, key: string, run: string) => key + run.replace(NO_BREAK, SHOWN))
    .replace(VALUE_END, (run) => run.replace(NO_BREAK, SHOWN));
}

/** Warnings for the invisible characters of a release, each at its exact place. */
export function invisibleDiagnostics(text: string): Omit<Diagnostic, 'severity' | 'ruleId' | 'file'>[] {
  const found = findInvisible(text);
  const frontMatterEnd = frontMatterRange(text)?.[1] ?? 0;
  return found.slice(0, MAX_REPORTED).map((f, i) => {
    const { line, column } = positionAt(text, f.offset);
    const more = i === MAX_REPORTED - 1 && found.length > MAX_REPORTED ? ` (${found.length - MAX_REPORTED} more in this file are not listed)` : '';
    return {
      line, column, endLine: line, endColumn: column + (f.length ?? 1),
      message: `The text contains ${f.name}, which cannot be seen but changes how the text is searched, broken or read${more}.`,
      hint: f.hint ?? `Delete it${offerFix('removes the invisible characters that are safe to remove')}.`,
      sourceLine: visibleLine(text, f.offset, f.offset < frontMatterEnd),
    };
  });
}

/**
 * The file's text with the safe fixes made: zero-width characters, soft
 * hyphens and stray byte-order marks removed, and any invisible character
 * before the text (see `LEADING_INVISIBLE`), line and paragraph separators
 * turned into line breaks (into spaces in the front matter and on a line of
 * a table or a heading, which a line break would split), no-break spaces in
 * YAML indentation into spaces.
 * Only a closed front matter is read as one.
 * Works on the raw text (any line endings; a leading byte-order mark is kept).
 */
export function fixInvisible(raw: string): { text: string; fixed: number } {
  let fixed = 0;
  const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
  // Those before the text go whatever they are (direction marks and joiners too, which elsewhere may be meant): nothing stands there for them to join or turn.
  const leading = LEADING_INVISIBLE.exec(raw.slice(bom.length))?.[0].length ?? 0;
  fixed += leading;
  const rest = raw.slice(bom.length + leading);
  const lines = rest.split(/(\r\n|\n|\r)/);
  // The front matter, from its opening line to its closing one: only a front matter that is closed, so that no line of a body is
  // ever read as a field (a `--- ` with a space after it closes nothing, and the fields' end is then anybody's guess).
  const close = lines[0] === '---' ? lines.findIndex((line, i) => i > 0 && i % 2 === 0 && line === '---') : -1;
  // A file written on an old Mac ends its lines with CR alone: a separator becomes a CR there too, not a line ending of another kind.
  const newline = raw.includes('\r\n') ? '\r\n' : !raw.includes('\n') && raw.includes('\r') ? '\r' : '\n';
  const fieldsEnd = close === -1 ? 0 : lines.slice(0, close).join('').length;
  // A line or paragraph separator is the line break it stands for in running text, and a space in a field (a line break there
  // would end the value, or start another field) and on a line of a table or a heading (it would split the row or the heading).
  const replace = (part: string, inFields: boolean) => (part.search(PATTERN) === -1 ? part : part.split(/(\r\n|\n|\r)/).map((line, i) => (i % 2 === 1 || line.search(PATTERN) === -1 ? line : line.replace(PATTERN, (c) => {
    fixed++;
    const fix = INVISIBLE_CHARACTERS[c]!.fix;
    return fix === '' ? '' : inFields || STRUCTURED_LINE.test(line) ? ' ' : fix.replace(/\n/g, newline);
  }))).join(''));
  let text = replace(rest.slice(0, fieldsEnd), true) + replace(rest.slice(fieldsEnd), false);
  if (close !== -1) {
    const lines = text.split(/(\r\n|\n|\r)/);
    const inside = lines.filter((_, i) => i % 2 === 0).slice(1, close / 2);
    for (const { line, index, inText } of frontMatterLines(inside)) {
      // A block scalar's text keeps its no-break spaces, at the start of a line too: there they are text, after its indentation.
      let changed = inText ? line : line.replace(YAML_INDENT, (indent) => indent.replace(NO_BREAK, () => {
        fixed++;
        return ' ';
      }));
      // The blanks between a key and its value are no part of the value: one space says what they meant.
      if (!inText) {
        changed = changed.replace(KEY_COLON, (_, key: string) => {
          fixed++;
          return `${key} `;
        });
        // Blanks at the end of a value were never meant as part of it; YAML drops ordinary ones by itself.
        if (!COMMENT_LINE.test(changed)) {
          changed = changed.replace(VALUE_END, () => {
            fixed++;
            return '';
          });
        }
      }
      lines[2 * (index + 1)] = changed;
    }
    text = lines.join('');
  }
  // A list marker's no-break space is the ordinary one Markdown needs there.
  const bodyAt = close === -1 ? 0 : text.split(/(\r\n|\n|\r)/).slice(0, close + 2).join('').length;
  if (HAS_NO_BREAK.test(text.slice(bodyAt))) {
    const parts = text.slice(bodyAt).split(/(\r\n|\n|\r)/);
    const body = parts.filter((_, i) => i % 2 === 0).join('\n');
    const marked = new Set(listMarkerLines(body, 0).map(({ offset }) => body.lastIndexOf('\n', offset - 1) + 1));
    let lineStart = 0;
    for (let i = 0; i < parts.length; i += 2) {
      // Lines are found by where they start in the body as it was read: a run of several blanks made one space shortens its line.
      const line = parts[i]!;
      if (marked.has(lineStart)) {
        parts[i] = line.replace(LIST_MARKER, (_, marker: string) => {
          fixed++;
          return `${marker} `;
        });
      }
      lineStart += line.length + 1;
    }
    text = text.slice(0, bodyAt) + parts.join('');
  }
  return { text: bom + text, fixed };
}
