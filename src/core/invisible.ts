import type { Diagnostic } from './diagnostic.js';
import { positionAt } from './diagnostic.js';
import { INVISIBLE_CHARACTERS, INVISIBLE_PATTERN as PATTERN, LEADING_INVISIBLE } from './characters.js';
import { codePoint } from './text.js';
import { offerFix } from './fix-offer.js';
import { listItemLines } from './markdown.js';

export { INVISIBLE_CHARACTERS } from './characters.js';

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
 * The same in a mapping written in braces on one line (`image: {src:\u00A0a.png, alt: Map}`), after its `{` or a comma. YAML
 * reads no error there: `src:\u00A0a.png` is a key without a value, and the schema's errors (`src` missing, a field it does not
 * know) show a line that looks right. Looked for only in braces that hold no quotation mark, where a comma or a colon could be
 * a value's text. Named, not fixed: the fix would change what the front matter says, which `--fix` never does by itself.
 */
const FLOW_KEY_COLON = /([{,][ \t]*[A-Za-z_][\w-]*:)([ \t]*[\u00A0\u202F\u2007][ \t\u00A0\u202F\u2007]*)/g;
const FLOW_LINE = /^[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][\w-]*:[ \t\u00A0\u202F\u2007]+)?\{[^"'\n{}]*\}[ \t\u00A0\u202F\u2007]*$/;
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
/**
 * Each body line that holds a list marker followed by a no-break space where an ordinary one would start a list item: where
 * it starts, its marker and the blanks. Markdown decides, reading the body as `--fix` makes it (each such marker followed by
 * one space): a line it reads as code, raw HTML, or part of a paragraph an item cannot interrupt (`2.` under a line of text)
 * keeps its blanks as written. A number is an item; a dash, which also opens a line of dialogue, only beside another such
 * line or under a line ending with a colon. None in a body Markdown does not read (too long or nested too deep).
 */
function listMarkerLines(body: string, bodyStart: number): { offset: number; marker: string; blanks: string }[] {
  if (!HAS_NO_BREAK.test(body)) return [];
  const lines = body.split('\n');
  const candidates: { index: number; offset: number; marker: string; blanks: string }[] = [];
  let lineStart = bodyStart;
  for (const [index, line] of lines.entries()) {
    const m = LIST_MARKER.exec(line);
    if (m) candidates.push({ index, offset: lineStart + m[1]!.length, marker: m[1]!.replace(/^[ \t>]*/, ''), blanks: m[2]! });
    lineStart += line.length + 1;
  }
  // A number is an item; a dash, which also opens a line of dialogue, only beside another such line or under a line ending with a colon.
  const at = new Set(candidates.map((c) => c.index));
  const kept = candidates.filter(({ index, marker }) => /\d/.test(marker) || at.has(index - 1) || at.has(index + 1) || /:[ \t]*$/.test(lines[index - 1] ?? ''));
  // Read once, with every such line fixed: one that starts no item then (code, raw HTML, a paragraph's text) reads the same
  // left as written, so the others are read as the file after --fix has them.
  const fixed = lines.slice();
  for (const { index } of kept) fixed[index] = fixed[index]!.replace(LIST_MARKER, (_, marker: string) => `${marker} `);
  const items = listItemLines(fixed.join('\n'));
  if (items === undefined) return [];
  return kept.filter(({ index }) => items.has(index)).map(({ index: _, ...line }) => line);
}

/** How many no-break spaces a run of blanks holds: each is a character `--fix` removes or replaces. */
const noBreaks = (run: string) => run.match(NO_BREAK)?.length ?? 0;

/** A line that is only a comment, whose blanks are nobody's value. */
const COMMENT_LINE = /^[ \t]*#/;
/**
 * A line that starts a block scalar (`summary: >`, `- |-`): the lines indented below it are text, where a colon is only a colon.
 * The header is the whole value after a key's colon or a list item's dash: a value that ends in one (`name: Press office |`) is
 * text, and the lines below it are fields.
 */
const BLOCK_SCALAR = /(?::|^[ \t]*-)[ \t]+[|>][1-9+-]{0,2}(?:[ \t]+#.*)?[ \t]*$/;

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

/** A run's no-break spaces in words, with the first one's code point: `a no-break space (U+00A0)`, `3 no-break spaces (U+00A0)`. */
function spaces(run: string): string {
  const count = noBreaks(run);
  const code = codePoint(run[run.search(NO_BREAK)]!);
  return count === 1 ? `a no-break space (${code})` : `${count} no-break spaces (${code})`;
}

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
        found.push({ offset: lineStart + key[1]!.length + first, length: run.length, name: `${spaces(run)} after \`${key[1]!.trim().replace(/^(?:-[ \t]+)*/, '')}\``, fixable: true,
          hint: `Type an ordinary space in its place${offerFix('does')}.` });
      }
      if (!inText && FLOW_LINE.test(line)) {
        for (const flow of line.matchAll(FLOW_KEY_COLON)) {
          const first = flow[2]!.search(NO_BREAK);
          const run = flow[2]!.slice(first).replace(/[ \t]+$/, '');
          found.push({ offset: lineStart + flow.index + flow[1]!.length + first, length: run.length, name: `${spaces(run)} after \`${flow[1]!.slice(1).trim()}\``, fixable: false,
            hint: 'Type an ordinary space in its place: YAML reads a key and its value only when an ordinary space follows the colon, and reads this one as a key of its own, without a value.' });
        }
      }
      const end = inText || COMMENT_LINE.test(line) || (key && key[0].length === line.length) ? null : VALUE_END.exec(line);
      if (end) {
        const first = end[0].search(NO_BREAK);
        found.push({ offset: lineStart + end.index + first, length: end[0].length - first, name: `${spaces(end[0].slice(first))} at the end of a value`, fixable: true,
          hint: `Delete it${offerFix('does')}: YAML keeps it as part of the value, where it drops an ordinary space.` });
      }
      lineStart += line.length + 1;
    }
  }
  const bodyStart = range ? range[1] + 4 : 0;
  for (const { offset, marker, blanks } of listMarkerLines(text.slice(bodyStart), bodyStart)) {
    found.push({ offset, length: blanks.replace(/[ \t]+$/, '').length, name: `${spaces(blanks)} after the list marker \`${marker}\``, fixable: true,
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
  const shown = line.replace(YAML_INDENT, (indent) => indent.replace(NO_BREAK, SHOWN)).replace(KEY_COLON, (_, key: string, run: string) => key + run.replace(NO_BREAK, SHOWN))
    .replace(VALUE_END, (run) => run.replace(NO_BREAK, SHOWN));
  return FLOW_LINE.test(line) ? shown.replace(FLOW_KEY_COLON, (_, key: string, run: string) => key + run.replace(NO_BREAK, SHOWN)) : shown;
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
  // The line break is the one that ends the line it is made in (or the one before, on the last line): a file whose front matter
  // ends its lines with CRLF and its body with LF keeps each part's.
  const replace = (part: string, inFields: boolean) => (part.search(PATTERN) === -1 ? part : part.split(/(\r\n|\n|\r)/).map((line, i, parts) => (i % 2 === 1 || line.search(PATTERN) === -1 ? line : line.replace(PATTERN, (c) => {
    fixed++;
    const fix = INVISIBLE_CHARACTERS[c]!.fix;
    return fix === '' ? '' : inFields || STRUCTURED_LINE.test(line) ? ' ' : fix.replace(/\n/g, parts[i + 1] ?? parts[i - 1] ?? newline);
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
        changed = changed.replace(KEY_COLON, (_, key: string, run: string) => {
          fixed += noBreaks(run);
          return `${key} `;
        });
        // Blanks at the end of a value were never meant as part of it; YAML drops ordinary ones by itself.
        if (!COMMENT_LINE.test(changed)) {
          changed = changed.replace(VALUE_END, (run) => {
            fixed += noBreaks(run);
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
        parts[i] = line.replace(LIST_MARKER, (_, marker: string, run: string) => {
          fixed += noBreaks(run);
          return `${marker} `;
        });
      }
      lineStart += line.length + 1;
    }
    text = text.slice(0, bodyAt) + parts.join('');
  }
  return { text: bom + text, fixed };
}
