import type { Location } from './diagnostic.js';
import type { ParsedFile } from './parse.js';
import { parseReleaseFile } from './parse.js';

/**
 * Tabs inside the front matter's text fields. A tab pasted with a headline
 * or a city from a spreadsheet looks like a space in an editor, but it is a
 * tab in every output: the page's title and dateline, the plain text, the
 * feeds and the JSON. Replacing it with a space is what was meant, so
 * `validate --fix` does; a tab written as `\t` in quotes is left to a person.
 */

/** The paths of the front matter's text fields that hold a string, in the order they are written in the format. */
function textFields(data: unknown): (string | number)[][] {
  if (!isRecord(data)) return [];
  const paths: (string | number)[][] = [];
  for (const key of ['title', 'subtitle', 'summary', 'location']) if (typeof data[key] === 'string') paths.push([key]);
  if (Array.isArray(data.tags)) data.tags.forEach((tag, i) => typeof tag === 'string' && paths.push(['tags', i]));
  if (Array.isArray(data.contacts)) {
    data.contacts.forEach((contact, i) => {
      if (!isRecord(contact)) return;
      for (const key of ['name', 'role']) if (typeof contact[key] === 'string') paths.push(['contacts', i, key]);
    });
  }
  if (isRecord(data.image)) for (const key of ['alt', 'caption', 'credit']) if (typeof data.image[key] === 'string') paths.push(['image', key]);
  if (typeof data.withdrawn_reason === 'string') paths.push(['withdrawn_reason']);
  return paths;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value;
}

export interface FieldTab {
  /** The field as the format names it: `title`, `tags[2]`, `contacts[0].name`. */
  field: string;
  /** The first tab as typed in the file; the value's place when the tab is written as an escape (`\t`). */
  at: Location;
  /** Tabs typed in the value, which a space replaces safely; 0 when they are escapes. */
  typed: { line: number; column: number }[];
}

/** Each text field of the front matter whose value holds a tab. */
export function findFieldTabs(parsed: ParsedFile): FieldTab[] {
  const found: FieldTab[] = [];
  let lines: string[] | undefined;
  for (const path of textFields(parsed.data)) {
    if (!(valueAt(parsed.data, path) as string).includes('\t')) continue;
    const where = parsed.locate(path, 'value');
    lines ??= parsed.text.split('\n');
    const typed: { line: number; column: number }[] = [];
    // A block scalar's value starts at its header (`summary: |  # from the sheet`), whose line holds no text of it: a tab in
    // the header's comment is nobody's.
    const block = /^[|>]/.test((lines[where.line - 1] ?? '').slice(where.column - 1));
    for (let line = block ? where.line + 1 : where.line; line <= (where.endLine ?? where.line); line++) {
      const text = lines[line - 1] ?? '';
      const from = line === where.line ? where.column - 1 : 0;
      const to = line === where.endLine && where.endColumn !== undefined ? where.endColumn - 1 : text.length;
      for (let i = text.indexOf('\t', from); i !== -1 && i < to; i = text.indexOf('\t', i + 1)) typed.push({ line, column: i + 1 });
    }
    const first = typed[0];
    found.push({
      field: path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join(''),
      at: first ? { file: parsed.path, line: first.line, column: first.column, endLine: first.line, endColumn: first.column + 1 } : where,
      typed,
    });
  }
  return found;
}

/**
 * The file's text with every tab typed in a text field of its front matter
 * replaced by a space, or deleted beside a space of its own (`Centre\t opens`),
 * which would make two. Works on the raw text, as `fixInvisible` does (any
 * line endings; a leading byte-order mark is kept): only the character is
 * replaced, so every other character stays where it was.
 */
export function fixFieldTabs(raw: string, path: string): { text: string; fixed: number } {
  if (!raw.includes('\t')) return { text: raw, fixed: 0 };
  const tabs = findFieldTabs(parseReleaseFile(raw, path)).flatMap((t) => t.typed);
  if (tabs.length === 0) return { text: raw, fixed: 0 };
  const bom = raw.startsWith('\uFEFF') ? 1 : 0;
  // The lines of the raw text, each with the line ending after it: the parsed text's lines, one for one.
  const parts = raw.slice(bom).split(/(\r\n|\n|\r)/);
  // Each line is made again once, however many of its tabs go: one at a time, a line of many tabs took seconds.
  const columns = new Map<number, Set<number>>();
  for (const { line, column } of tabs) columns.set(line, (columns.get(line) ?? new Set()).add(column - 1));
  for (const [line, at] of columns) {
    parts[2 * (line - 1)] = parts[2 * (line - 1)]!.replace(/[ \t]+/g, (run, start: number, text: string) => {
      if (!run.includes('\t')) return run;
      // A run of blanks between words that holds a space already keeps its spaces alone; a run of tabs becomes as many spaces,
      // as typed. At the start of a line the blanks are a block's indentation too, which a tab deleted would change.
      const spaced = run.includes(' ') && start > 0 && start + run.length < text.length;
      let kept = '';
      for (let i = 0; i < run.length; i++) kept += run[i] === '\t' && at.has(start + i) ? (spaced ? '' : ' ') : run[i];
      return kept;
    });
  }
  return { text: raw.slice(0, bom) + parts.join(''), fixed: tabs.length };
}
