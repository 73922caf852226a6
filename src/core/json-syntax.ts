/**
 * The first place where a text is not JSON (RFC 8259), and what is wrong there. A config file named `….json` was read by the
 * YAML parser alone, as the YAML 1.2 subset JSON is; but YAML reads much that JSON does not, and reads it differently: a
 * trailing comma passed, and a `// comment` line became part of the key after it (`// a comment "languages"`), which was then
 * warned of as unknown while `languages` was left at its default. JSON.parse says where it stops in words that change with
 * each version of V8, some with no position and some quoting the whole file: this reader says it in the tool's own words.
 * Iterative, so that no nesting runs it out of stack.
 */
export interface JsonSyntaxProblem {
  /** Where the problem is, as an offset into the text. */
  offset: number;
  message: string;
  hint?: string;
}

type Expecting = 'value' | 'key' | 'colon' | 'next' | 'end';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z_$][\w$-]*/y;
const LITERALS = ['true', 'false', 'null'];

export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  /** The open objects and lists, each with the offset of its bracket. */
  const open: { bracket: '{' | '['; offset: number }[] = [];
  let expecting: Expecting = 'value';
  /** The offset of the comma just read, while nothing but white space follows it. */
  let comma: number | undefined;
  /** Whether the last thing read opened an object or a list, which may close at once: `{}`, `[]`. */
  let opened = false;
  let i = 0;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= text.length) {
      if (expecting === 'end') return undefined;
      const inner = open.at(-1);
      if (inner === undefined) return { offset: text.length, message: 'The file holds no JSON value.', hint: 'Write the settings as an object: `{ "organisation": { "name": "…" } }`.' };
      return { offset: inner.offset, message: `The ${inner.bracket === '{' ? 'object' : 'list'} opened here is not closed: the file ends before its \`${inner.bracket === '{' ? '}' : ']'}\`.` };
    }
    const c = text[i]!;
    if ((c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) || c === '#') {
      return { offset: i, message: 'JSON has no comments.', hint: 'Delete the comment, or write the config as migration-news.config.yaml, where `#` starts one.' };
    }
    const closing = c === '}' || c === ']';
    if (closing && comma !== undefined) {
      return { offset: comma, message: `A comma after the last ${open.at(-1)?.bracket === '{' ? 'member of an object' : 'item of a list'}, which JSON does not allow.`, hint: 'Delete the comma.' };
    }
    comma = undefined;
    if (closing && opened && c === (open.at(-1)?.bracket === '{' ? '}' : ']')) {
      open.pop();
      i++;
      opened = false;
      expecting = open.length === 0 ? 'end' : 'next';
      continue;
    }
    opened = false;
    if (expecting === 'end') return { offset: i, message: 'More text after the end of the JSON value, which JSON does not allow.', hint: 'A config file holds one object: put every setting inside its braces.' };
    if (expecting === 'colon') {
      if (c !== ':') return { offset: i, message: 'A `:` should follow the key here, then its value.' };
      i++;
      expecting = 'value';
      continue;
    }
    if (expecting === 'next') {
      const inner = open.at(-1)!;
      if (c === ',') {
        comma = i++;
        expecting = inner.bracket === '{' ? 'key' : 'value';
      } else if (c === (inner.bracket === '{' ? '}' : ']')) {
        open.pop();
        i++;
        expecting = open.length === 0 ? 'end' : 'next';
      } else {
        return { offset: i, message: `A \`,\` is missing before this, or a \`${inner.bracket === '{' ? '}' : ']'}\` to close the ${inner.bracket === '{' ? 'object' : 'list'} before it.` };
      }
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      expecting = expecting === 'key' ? 'colon' : open.length === 0 ? 'end' : 'next';
      continue;
    }
    if (c === '\'') return { offset: i, message: `JSON quotes ${expecting === 'key' ? 'a key' : 'text'} with double quotes ("…"), not single ones.` };
    if (expecting === 'key') {
      WORD.lastIndex = i;
      const word = WORD.exec(text)?.[0];
      return { offset: i, message: 'A key in JSON is text in double quotes.', ...(word ? { hint: `Write \`"${word}"\`.` } : {}) };
    }
    // A value.
    if (c === '{' || c === '[') {
      open.push({ bracket: c, offset: i++ });
      opened = true;
      expecting = c === '{' ? 'key' : 'value';
      continue;
    }
    NUMBER.lastIndex = i;
    WORD.lastIndex = i;
    const number = /[-0-9]/.test(c) ? NUMBER.exec(text)?.[0] : undefined;
    const word = number === undefined ? WORD.exec(text)?.[0] : undefined;
    const length = number?.length ?? (word !== undefined && LITERALS.includes(word) ? word.length : undefined);
    if (length === undefined || /[\w.$+-]/.test(text.charAt(i + length))) {
      return {
        offset: i,
        message: 'JSON has no such value here: text is in double quotes, and a value is that, a number (`20`, `-1.5`), `true`, `false`, `null`, an object (`{…}`) or a list (`[…]`).',
        ...(word !== undefined ? { hint: `Write \`"${word}"\`.` } : {}),
      };
    }
    i += length;
    expecting = open.length === 0 ? 'end' : 'next';
  }
}

const ESCAPED = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The offset after the string that opens at `start`, or what is wrong in it. */
function stringEnd(text: string, start: number): number | JsonSyntaxProblem {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) {
      return { offset: i, message: `A ${c === 0x0a || c === 0x0d ? 'line break' : c === 0x09 ? 'tab' : 'control character'} inside text in quotes, which JSON does not allow.`, hint: 'Write it as an escape (`\\n`, `\\t`), or close the quotes where the text ends.' };
    }
    if (c === 0x5c) {
      const next = text.charAt(i + 1);
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if (ESCAPED.has(next)) i++;
      else return { offset: i, message: 'An escape that JSON does not have: it knows `\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\u` with four hexadecimal digits.', hint: 'Write a backslash meant as one as `\\\\`.' };
    }
  }
  return { offset: start, message: 'The text in quotes that opens here is not closed.' };
}
