/**
 * Front matter in the shape nearly every release has — one `key: value`
 * per line, each value a plain word or phrase, a quoted string without
 * escapes, or a one-line list of those (`tags: [a, "b c"]`); below a key, a
 * mapping of such values (`image:`) or a list of such values or mappings
 * (`contacts:`) — read without the YAML parser, which spends most of a
 * file's check on it.
 *
 * It reads only what it can read exactly as the YAML 1.2 core schema does,
 * and only strings: a value that YAML would read as a number, a boolean or
 * null, a comment after a value, a line indented any other way, a repeated key, an escape,
 * a character the YAML reader has a diagnostic or hint for — anything else
 * makes it give up, and the YAML parser reads the file as before. It records
 * where each key, value and list item is, as the parser's ranges give them.
 */

import { trimWhere } from './text.js';

/** A range of the source: start and end offsets. */
export type Span = readonly [number, number];

/** Where a key and its value are; a list or a mapping below a key has no value range here (the parser has it). */
export interface Place {
  key?: Span;
  value?: Span;
}

export interface SimpleYaml {
  data: Record<string, unknown>;
  /** By `placeKey(path)`. */
  places: ReadonlyMap<string, Place>;
}

/** The key `places` holds a path's place under. */
export function placeKey(path: readonly PropertyKey[]): string {
  // JSON keeps a list index (0) apart from a key ("0"), and a key with a line break in it from two keys.
  return JSON.stringify(path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)));
}

/** Longest key read here: the parser refuses an implicit key of more than 1,024 characters, with an error of its own. */
const MAX_KEY_LENGTH = 512;

/** What the YAML 1.2 core schema reads as null, a boolean, an integer or a float: those are left to the parser. */
const CORE_SCALARS = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/**
 * Characters this reader leaves to the parser: controls, tabs, line and
 * paragraph separators, no-break and other unusual spaces, invisible
 * formatting characters and the byte-order mark, about which the YAML
 * reader and the checks after it have more to say.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/;

/** Characters that give a plain value's first character a meaning of its own in YAML. */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

/** A key and what follows it on its line, if anything. */
/** A key and, after spaces, its value (spaces at the line's end are the caller's to drop: see `trimWhere`). */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const isSpaceCode = (code: number) => code === 32;

/** A plain value this reader takes as the string it is written as. */
function plainString(text: string, inList: boolean): boolean {
  if (text === '' || INDICATORS.includes(text[0]!)) return false;
  // Comments, flow collections and a `: ` that starts another key are the parser's.
  if (/[#[\]{}]|: |:$/.test(text)) return false;
  // In a list, a comma ends the item, and a colon or a quote inside one reads differently in places: those are the parser's.
  if (inList && /[,:'"]/.test(text)) return false;
  return !CORE_SCALARS.some((pattern) => pattern.test(text));
}

/** A quoted string without escapes: its content, or undefined. */
function quoted(text: string): string | undefined {
  const quote = text[0];
  if ((quote !== '"' && quote !== "'") || text.length < 2 || text[text.length - 1] !== quote) return undefined;
  const inner = text.slice(1, -1);
  if (inner.includes(quote) || (quote === '"' && inner.includes('\\'))) return undefined;
  return inner;
}

/** A one-line list, `[a, "b c"]`: its items and their ranges, or undefined. `at` is the offset of `[`. */
function flowList(text: string, at: number): { values: string[]; items: Span[] } | undefined {
  if (text[0] !== '[' || text[text.length - 1] !== ']') return undefined;
  const values: string[] = [];
  const items: Span[] = [];
  let i = 1;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (i === text.length - 1) return { values, items };
  for (;;) {
    skipSpaces();
    const start = i;
    let end: number;
    let value: string | undefined;
    if (text[i] === '"' || text[i] === "'") {
      const close = text.indexOf(text[i]!, i + 1);
      if (close === -1) return undefined;
      end = close + 1;
      value = quoted(text.slice(start, end));
      if (value === undefined) return undefined;
    } else {
      while (i < text.length - 1 && text[i] !== ',') i++;
      end = i;
      while (end > start && text[end - 1] === ' ') end--;
      const plain = text.slice(start, end);
      if (!plainString(plain, true)) return undefined;
      value = plain;
    }
    values.push(value);
    items.push([at + start, at + end]);
    i = end;
    skipSpaces();
    if (i === text.length - 1) return { values, items };
    // Anything but a comma between items (and no item after a comma at the end) is left to the parser.
    if (text[i] !== ',') return undefined;
    i++;
    skipSpaces();
    if (i >= text.length - 1) return undefined;
  }
}

/** A value written on its key's line: a string or a one-line list, with the list's item ranges; undefined when it is neither. */
function inlineValue(text: string, at: number): { value: unknown; items?: Span[] } | undefined {
  if (text[0] === '[') {
    const list = flowList(text, at);
    return list ? { value: list.values, items: list.items } : undefined;
  }
  if (text[0] === '"' || text[0] === "'") {
    const value = quoted(text);
    return value === undefined ? undefined : { value };
  }
  return plainString(text, false) ? { value: text } : undefined;
}

interface Line {
  start: number;
  indent: number;
  /** The line without its indentation. */
  content: string;
}

class GiveUp extends Error {}

/**
 * Reads `source` if it has the simple shape described above — also a
 * mapping of such values below a key (`image:` with `src:` and `alt:`),
 * and a list below a key of such values or of such mappings (`contacts:`
 * with `- name:` and `role:`); undefined when the YAML parser must.
 */
export function readSimpleYaml(source: string): SimpleYaml | undefined {
  if (UNUSUAL.test(source)) return undefined;
  const lines: Line[] = [];
  let offset = 0;
  for (const text of source.split('\n')) {
    const content = text.replace(/^ +/, '');
    // A line that is only a comment, at any indentation, is no part of the data to the parser either.
    if (content !== '' && content[0] !== '#') lines.push({ start: offset + text.length - content.length, indent: text.length - content.length, content });
    offset += text.length + 1;
  }
  const places = new Map<string, Place>();
  let next = 0;

  /** One `key: value` line into `target` at `path`; a key with nothing after it gets the block below it. */
  const pair = (line: Line, target: Record<string, unknown>, path: readonly PropertyKey[], nested: boolean): void => {
    const match = KEY_LINE.exec(line.content);
    if (!match) throw new GiveUp();
    const key = match[1]!;
    // A repeated key is the parser's to report; `__proto__` is a key like any other to it; `null`, `True` … are not strings to it.
    if (key === '__proto__' || Object.hasOwn(target, key) || key.length > MAX_KEY_LENGTH || CORE_SCALARS.some((pattern) => pattern.test(key))) throw new GiveUp();
    const here = [...path, key];
    const keySpan: Span = [line.start, line.start + key.length];
    const text = match[2] === undefined ? undefined : trimWhere(match[2], isSpaceCode);
    if (text === undefined) {
      // Only a top-level key may open a block; an empty value (null) is the parser's.
      if (nested) throw new GiveUp();
      places.set(placeKey(here), { key: keySpan });
      target[key] = block(here);
      return;
    }
    const valueStart = line.start + line.content.indexOf(text, key.length + 1);
    const read = inlineValue(text, valueStart);
    if (!read) throw new GiveUp();
    target[key] = read.value;
    places.set(placeKey(here), { key: keySpan, value: [valueStart, valueStart + text.length] });
    read.items?.forEach((item, i) => places.set(placeKey([...here, i]), { value: item }));
  };

  /** The mapping or list indented below a top-level key. */
  const block = (path: readonly PropertyKey[]): unknown => {
    const first = lines[next];
    if (!first || first.indent === 0) throw new GiveUp();
    const indent = first.indent;
    if (!first.content.startsWith('- ')) {
      const map: Record<string, unknown> = {};
      for (; lines[next]?.indent === indent; next++) pair(lines[next]!, map, path, true);
      return map;
    }
    const list: unknown[] = [];
    while (lines[next]?.indent === indent && lines[next]!.content.startsWith('- ')) {
      const line = lines[next++]!;
      // The item ends before the spaces that end its line, as a value after a key does.
      const itemText = trimWhere(line.content.slice(2), isSpaceCode);
      const item: Line = { start: line.start + 2, indent: indent + 2, content: itemText };
      const here = [...path, list.length];
      if (itemText === '' || itemText[0] === ' ' || itemText[0] === '[') throw new GiveUp();
      if (KEY_LINE.test(itemText)) {
        // A mapping as the item: its first key on the `- ` line, the others below it, lined up with the first.
        const map: Record<string, unknown> = {};
        pair(item, map, here, true);
        for (; lines[next]?.indent === indent + 2; next++) pair(lines[next]!, map, here, true);
        list.push(map);
      } else {
        const read = inlineValue(itemText, item.start);
        if (!read) throw new GiveUp();
        list.push(read.value);
        places.set(placeKey(here), { value: [item.start, item.start + itemText.length] });
      }
    }
    return list;
  };

  const data: Record<string, unknown> = {};
  try {
    while (next < lines.length) {
      const line = lines[next++]!;
      if (line.indent !== 0) throw new GiveUp();
      pair(line, data, [], false);
    }
  } catch (cause) {
    if (cause instanceof GiveUp) return undefined;
    throw cause;
  }
  // Every line read, and something read: else the parser decides what the text is.
  return places.size > 0 ? { data, places } : undefined;
}

/** A top-level value that a continuation line, a flow collection or a quotation may carry past its own line: then the reader gives up. */
const OPEN_VALUE = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|\[[^\n]*\]|\{[^\n]*\})$/;

/**
 * The values of a few top-level keys (`id`, `slug`, `lang`, `title`) of a
 * front matter of any shape, each a string on its key's line as
 * `readSimpleYaml` reads one, without reading the rest: the other keys'
 * values are passed over, whatever they hold. Undefined when it cannot be
 * sure that these are what the YAML parser would give: a wanted key twice,
 * a wanted value it does not read as a string (a number, a block, a value
 * that goes on on the next line), a line at the left margin that is no
 * `key:` line or list item, a quotation or flow collection at the left
 * margin that does not close on its line (the lines after it could be its
 * own), or a character it leaves to the parser. It does not tell whether
 * the rest is valid YAML.
 */
export function readTopLevelStrings(source: string, keys: readonly string[]): Record<string, string> | undefined {
  if (UNUSUAL.test(source)) return undefined;
  const found: Record<string, string> = {};
  const lines = source.split('\n');
  // A mapping indented as a whole is a mapping all the same to the parser.
  if (lines.find((line) => line.trim() !== '' && line.trimStart()[0] !== '#')?.[0] === ' ') return undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line[0] === ' ' || line[0] === '#' || line.startsWith('- ') || line === '-') continue;
    const match = KEY_LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    const text = match[2] === undefined ? '' : trimWhere(match[2], isSpaceCode);
    const opens = text[0] === '"' || text[0] === "'" || text[0] === '[' || text[0] === '{';
    if (opens && !OPEN_VALUE.test(text)) return undefined;
    if (!keys.includes(key)) continue;
    const read = text === '' ? undefined : inlineValue(text, 0);
    // A value that goes on on the next, indented line is one value to the parser: `title: A long` and `  headline`.
    const continued = lines[i + 1]?.[0] === ' ' && lines[i + 1]!.trim() !== '';
    if (Object.hasOwn(found, key) || typeof read?.value !== 'string' || continued) return undefined;
    found[key] = read.value;
  }
  return found;
}
