/**
 * Front matter in the shape nearly every release has — one `key: value`
 * per line, each value a plain word or phrase, a quoted string without
 * escapes, or a one-line list of those (`tags: [a, "b c"]`) — read without
 * the YAML parser, which spends most of a file's check on it.
 *
 * It reads only what it can read exactly as the YAML 1.2 core schema does,
 * and only strings: a value that YAML would read as a number, a boolean or
 * null, a comment, an indented line, a repeated key, an escape, a character
 * the YAML reader has a diagnostic or hint for — anything else makes it give
 * up, and the YAML parser reads the file as before. It records where each
 * key, value and list item is, as the parser's ranges give them.
 */

/** A range of the source: start and end offsets. */
export type Span = readonly [number, number];

export interface SimpleField {
  key: Span;
  value: Span;
  /** Each item's range, when the value is a list. */
  items?: Span[];
}

export interface SimpleYaml {
  data: Record<string, unknown>;
  fields: ReadonlyMap<string, SimpleField>;
}

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

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*?))? *$/;

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

/** Reads `source` if it has the simple shape described above; undefined when the YAML parser must. */
export function readSimpleYaml(source: string): SimpleYaml | undefined {
  if (UNUSUAL.test(source)) return undefined;
  const data: Record<string, unknown> = {};
  const fields = new Map<string, SimpleField>();
  let offset = 0;
  for (const line of source.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    const match = KEY_LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    const text = match[2];
    // An empty value (null, or a block below) and a repeated key are the parser's; `__proto__` is a key like any other to it.
    if (text === undefined || key === '__proto__' || fields.has(key)) return undefined;
    const valueStart = start + line.indexOf(text, key.length + 1);
    const field: SimpleField = { key: [start, start + key.length], value: [valueStart, valueStart + text.length] };
    if (text[0] === '[') {
      const list = flowList(text, valueStart);
      if (!list) return undefined;
      data[key] = list.values;
      field.items = list.items;
    } else if (text[0] === '"' || text[0] === "'") {
      const value = quoted(text);
      if (value === undefined) return undefined;
      data[key] = value;
    } else if (plainString(text, false)) {
      data[key] = text;
    } else return undefined;
    fields.set(key, field);
  }
  return fields.size > 0 ? { data, fields } : undefined;
}
