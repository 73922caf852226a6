/**
 * What is checked of a template file before LiquidJS parses it, and how a
 * tag out of place is explained: nesting past the limits (LiquidJS reads
 * nested blocks by recursion), tags and outputs left open, expressions
 * LiquidJS would read other than as written, filters given the wrong number
 * of arguments, and end or branch tags that do not fit the block open where
 * they stand; and how a file is read on past a syntax error, to find the
 * errors after it.
 */

import { Liquid, Parser, Token, TokenizationError, Tokenizer, TokenKind, type FilterImplOptions, type TagToken } from 'liquidjs';
import { positionsIn, type Diagnostic } from './diagnostic.js';
import { FRESH } from './objects.js';
import { closest } from './suggest.js';

/**
 * How deep blocks may nest in one template file. LiquidJS reads a block
 * inside another by recursion, and a file of thousands nested ran it out of
 * stack, at a place that depended on the machine; a template needs a few.
 */
export const MAX_BLOCK_NESTING = 64;

/**
 * How deep brackets and parentheses may nest in one tag's arguments or one
 * output (`a[b[c]]`, `((1..2))`): LiquidJS reads each level within the one
 * around it, by recursion, as it reads blocks.
 */
export const MAX_EXPRESSION_NESTING = 64;

/**
 * How deep renders may nest, blocks and includes together: a partial that
 * includes itself, directly or through another, would recurse until the
 * stack ran out.
 */
export const MAX_RENDER_NESTING = 100;

/** Tags whose arguments are not read as an expression: a `{% liquid %}` tag's lines are read as tags of their own, and comments and `raw` ignore theirs. */
const UNREAD_ARGUMENTS = new Set(['liquid', '#', 'raw', 'comment']);

/** The tags whose `end` tag closes what they hold. `raw` and `comment` hold text, not tags: what is in them does not nest. */
const BLOCK_TAGS = new Set(['if', 'unless', 'for', 'case', 'capture', 'tablerow', 'block']);

/**
 * Whether `text`, a tag's arguments or an output's expression, nests `(` and
 * `[` more than `MAX_EXPRESSION_NESTING` deep outside quoted strings.
 */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  return someOutsideQuotes(text, (c) => {
    if (c === '(' || c === '[') return ++depth > MAX_EXPRESSION_NESTING;
    if ((c === ')' || c === ']') && depth > 0) depth--;
    return false;
  });
}

/** Calls `visit` with each character of `text` outside quoted strings, and its index, until it returns true: whether it did. */
function someOutsideQuotes(text: string, visit: (c: string, i: number) => boolean): boolean {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (visit(c, i)) return true;
  }
  return false;
}

/**
 * The first tag that opens a block past `MAX_BLOCK_NESTING`, or tag or output
 * whose expression nests past `MAX_EXPRESSION_NESTING`, in a file's tokens as
 * the tokenizer read them, without recursion. A `{% liquid %}` tag's lines
 * are tags in their place: `lines` reads them.
 */
export function tooDeepNesting(tokens: readonly Token[], lines: (tag: TagToken) => readonly Token[]): { token: Token; nested: 'blocks' | 'expressions' } | undefined {
  let depth = 0;
  for (const token of liveTokens(tokens, lines)) {
    if (token === null) continue;
    if (token.kind === TokenKind.Output && nestsTooDeep((token as Token & { content: string }).content)) return { token, nested: 'expressions' };
    if (token.kind !== TokenKind.Tag) continue;
    const tag = token as TagToken;
    const { name } = tag;
    if (!UNREAD_ARGUMENTS.has(name) && nestsTooDeep(tag.args)) return { token: tag, nested: 'expressions' };
    // A layout holds the rest of its file, parsed as its own: a level that no tag closes.
    if (BLOCK_TAGS.has(name) || name === 'layout') {
      if (++depth > MAX_BLOCK_NESTING) return { token: tag, nested: 'blocks' };
    } else if (name.startsWith('end') && BLOCK_TAGS.has(name.slice(3)) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Whether `text`, a tag's arguments or an output's expression, holds `{%` or `{{` outside quoted strings: the start of the next tag, read into this one because its own `%}` or `}}` is missing. */
function opensAnotherTag(text: string): boolean {
  return someOutsideQuotes(text, (c, i) => c === '{' && (text[i + 1] === '%' || text[i + 1] === '{'));
}

/**
 * The first tag or output in a file's tokens that runs on into the next one
 * (`{% if release.title` without its `%}`): the tokenizer reads up to the
 * next `%}`, so the tag's arguments hold the next tag's start, and LiquidJS
 * reports whatever it cannot read in them (`expected "|" before filter`) at
 * a place in the next tag.
 */
export function unclosedTag(tokens: readonly Token[]): Token | undefined {
  let skipping: string | undefined;
  for (const token of tokens) {
    if (token.kind === TokenKind.Output && !skipping && opensAnotherTag((token as Token & { content: string }).content)) return token;
    if (token.kind !== TokenKind.Tag) continue;
    const { name, args } = token as TagToken;
    if (skipping) {
      if (name === skipping) skipping = undefined;
    } else if (name === 'raw' || name === 'comment') {
      skipping = `end${name}`;
    } else if (!UNREAD_ARGUMENTS.has(name) && opensAnotherTag(args)) {
      return token;
    }
  }
  return undefined;
}

/** A place in a template's text, for an error there that no token of LiquidJS's covers. */
class Spot extends Token {
  constructor(input: string, begin: number, end: number, file: string | undefined) {
    super(TokenKind.Delimited, input, begin, end, file);
  }
}

/**
 * Where a quoted text of the expression between `begin` and `end` opens
 * that no quote closes (`{% if release.lang == 'en" %}`), or undefined.
 * LiquidJS reads such a text to the end of the tag without a word (its
 * tokenizer's `readQuoted`, scanned here the same way, a backslash
 * escaping the character after it), so that `{% assign x = 'abc %}` gives
 * `ab` and the comparison is with a text never written.
 */
function unclosedQuote(input: string, begin: number, end: number): number | undefined {
  for (let p = begin; p < end; p++) {
    const quote = input[p];
    // A quote escaped as JSON escapes it (`\"en\"`) opens no text: the backslash before it is what is out of place.
    if (quote === '\\') return undefined;
    if (quote !== '"' && quote !== "'") continue;
    const open = p;
    let closed = false;
    for (p++; p < end; p++) {
      if (input[p] === '\\') p++;
      else if (input[p] === quote) {
        closed = true;
        break;
      }
    }
    if (!closed) return open;
  }
  return undefined;
}

/** Tags whose arguments are one expression with filters, as an output's are (`assign` after its `name =`). */
const EXPRESSION_TAGS = new Set(['if', 'elsif', 'unless', 'echo', 'assign']);

/** An operator written before its operand. */
const PREFIX_OPERATORS = new Set(['not']);

/**
 * What is wrong with the expression between `begin` and `end` of `input`
 * that LiquidJS would pass over: two values with nothing between them
 * (`{{ release.title upcase }}`, read as two values, not a filter), an
 * operator with nothing after it (`{% if a and %}`, false whatever `a` is),
 * or a single `=`, which LiquidJS reports as a missing `|`.
 */
function expressionProblem(input: string, begin: number, end: number, file: string | undefined, options: Liquid['options']): { token: Token; problem: string } | undefined {
  // Before anything else: what follows an unclosed quote is the text's, and whatever else seems wrong after it is its consequence.
  const quote = unclosedQuote(input, begin, end);
  if (quote !== undefined) return { token: new Spot(input, quote, end, file), problem: `quote never closed: ${input[quote]!}` };
  const tokenizer = new Tokenizer(input, options.operators, file, [begin, end]);
  let parts: Token[];
  try {
    parts = [...tokenizer.readExpressionTokens()];
  } catch {
    // What LiquidJS cannot read it reports itself.
    return undefined;
  }
  // The tokenizer's parts do not carry the file: a part of an included partial would be placed at the include.
  const at = (part: Token) => new Spot(input, part.begin, part.end, file);
  let operand = true;
  let previous: Token | undefined;
  for (const part of parts) {
    const text = input.slice(part.begin, part.end);
    if (part.kind === TokenKind.Operator) {
      if (operand && !PREFIX_OPERATORS.has(text)) {
        if (previous === undefined) return { token: at(part), problem: `expression starts with ${text}` };
        const before = input.slice(previous.begin, previous.end);
        return { token: at(previous), problem: `operator follows operator: ${before}${input.slice(previous.end, part.begin) === '' ? '' : ' '}${text}` };
      }
      previous = part;
      operand = true;
    } else {
      if (!operand) return { token: at(part), problem: `value follows a value: ${text.slice(0, 40)}` };
      previous = part;
      operand = false;
    }
  }
  tokenizer.skipBlank();
  // Where the tokenizer stopped reading values and operators: a filter's `|`, a single `=` (told below), or a character it
  // cannot read (a typographic quote pasted from a document, a `;`), after which LiquidJS drops the rest of the expression.
  const stop = tokenizer.p;
  if (stop < end && input[stop] !== '|' && input[stop] !== '=') {
    const character = String.fromCodePoint(input.codePointAt(stop)!);
    return { token: new Spot(input, stop, stop + character.length, file), problem: `character out of place: ${character}` };
  }
  const last = parts.at(-1);
  if (last && operand) return { token: at(last), problem: `expression ends with ${input.slice(last.begin, last.end)}` };
  if (tokenizer.peek() === '=' && input[tokenizer.p + 1] !== '=') return { token: new Spot(input, tokenizer.p, tokenizer.p + 1, file), problem: 'single = in an expression' };
  let filters: { name: string; args: unknown[]; begin: number; end: number }[];
  try {
    filters = tokenizer.readFilters() as unknown as typeof filters;
  } catch {
    return undefined;
  }
  // `{{ x | }}`: LiquidJS reads a `|` with no filter after it at the end as no filter at all.
  const trailing = /\|\s*$/.exec(input.slice(begin, end));
  if (trailing) return { token: new Spot(input, begin + trailing.index, begin + trailing.index + 1, file), problem: 'filter missing after |' };
  for (const filter of filters) {
    const arity = FILTER_ARGUMENTS[filter.name];
    if (arity && (filter.args.length < arity[0] || filter.args.length > arity[1])) {
      return { token: new Spot(input, filter.begin, filter.end, file), problem: `filter ${filter.name} given ${filter.args.length}` };
    }
    const index = arity?.[3]?.findIndex((what, i) => what !== undefined && isNoNumber(filter.args[i])) ?? -1;
    if (index !== -1) {
      const argument = filter.args[index] as Token;
      return { token: new Spot(input, argument.begin, argument.end, file), problem: `filter ${filter.name} argument ${index} no number: ${input.slice(argument.begin, argument.end).slice(0, 60)}` };
    }
  }
  return undefined;
}

/**
 * Whether a filter's argument, as written, can be no number: a quoted text
 * that reads as none (`'x'`; `'5'` reads as 5), `nil`, `true`, `false`,
 * `empty` or `blank`, or a range. LiquidJS computes with it all the same
 * (`truncate: 'x'` cuts any text to its `...`, `plus: 'x'` adds nothing,
 * `divided_by: 'x'` makes Infinity), without a word. A variable's value is
 * known only when the page is rendered, and is not looked at here.
 */
function isNoNumber(argument: unknown): boolean {
  if (!(argument instanceof Token)) return false;
  if (argument.kind === TokenKind.Quoted) {
    const text = (argument as Token & { content: string }).content;
    return text.trim() === '' || !Number.isFinite(Number(text));
  }
  return argument.kind === TokenKind.Literal || argument.kind === TokenKind.Range;
}

/**
 * How many arguments a filter takes, at least and at most, how it is
 * written, and what each argument that must be a number is (by its place):
 * LiquidJS passes over arguments a filter does not read (`upcase: 1`), gives
 * one it needs and lacks `undefined` (`plus` without its number makes NaN),
 * and computes with a text where a number goes (`truncate: 'x'`), all
 * without a word. Only filters whose arguments are certain are listed;
 * others are left to LiquidJS. This tool's own filters (`shorten`, `wrap`)
 * say of a number they are given that it is none as they run.
 */
export const FILTER_ARGUMENTS: Readonly<Record<string, readonly [number, number, string, (readonly (string | undefined)[])?]>> = {
  format_date: [0, 1, "format_date or format_date: 'ru'"], format_datetime: [0, 2, "format_datetime or format_datetime: 'az', 'Europe/London'"],
  wrap: [0, 2, "wrap: 72 or wrap: 68, '> '"], paragraphs: [0, 0, 'paragraphs'], shorten: [0, 1, 'shorten: 70'], upper: [0, 0, 'upper'], no_break: [0, 0, 'no_break'], ltr: [0, 0, 'ltr'], isolate: [0, 1, "isolate or isolate: 'fa'"],
  slugify: [0, 0, 'slugify'], scroll_tables: [0, 0, 'scroll_tables'], json_script: [0, 1, "json_script or json_script: 'application/json'"],
  upcase: [0, 0, 'upcase'], downcase: [0, 0, 'downcase'], capitalize: [0, 0, 'capitalize'], strip: [0, 1, "strip or strip: '-'"], lstrip: [0, 1, "lstrip or lstrip: '-'"],
  rstrip: [0, 1, "rstrip or rstrip: '-'"], strip_html: [0, 0, 'strip_html'], strip_newlines: [0, 0, 'strip_newlines'], newline_to_br: [0, 0, 'newline_to_br'],
  escape: [0, 0, 'escape'], escape_once: [0, 0, 'escape_once'], url_encode: [0, 0, 'url_encode'], url_decode: [0, 0, 'url_decode'],
  abs: [0, 0, 'abs'], ceil: [0, 0, 'ceil'], floor: [0, 0, 'floor'], size: [0, 0, 'size'], first: [0, 0, 'first'], last: [0, 0, 'last'], reverse: [0, 0, 'reverse'],
  append: [1, 1, "append: ' — '"], prepend: [1, 1, "prepend: '№ '"], remove: [1, 1, "remove: ' '"], remove_first: [1, 1, "remove_first: ' '"],
  remove_last: [1, 1, "remove_last: ' '"], split: [1, 1, "split: ', '"], plus: [1, 1, 'plus: 1', ['the number to add']], minus: [1, 1, 'minus: 1', ['the number to take away']], times: [1, 1, 'times: 2', ['the number to multiply by']],
  modulo: [1, 1, 'modulo: 2', ['the number to divide by']], divided_by: [1, 2, 'divided_by: 2', ['the number to divide by']], at_least: [1, 1, 'at_least: 1', ['the least number']], at_most: [1, 1, 'at_most: 10', ['the greatest number']], concat: [0, 1, 'concat: other_list'],
  map: [1, 1, "map: 'title'"], replace: [2, 2, "replace: 'old', 'new'"], replace_first: [2, 2, "replace_first: 'old', 'new'"], replace_last: [2, 2, "replace_last: 'old', 'new'"],
  truncate: [0, 2, "truncate: 50 or truncate: 50, '…'", ['the length']], truncatewords: [0, 2, "truncatewords: 15 or truncatewords: 15, '…'", ['the number of words']], round: [0, 1, 'round or round: 2', ['the number of decimals']],
  default: [1, 2, "default: 'none'"], date: [0, 2, 'date: "%d.%m.%Y" or date: "%H:%M", "Europe/London"'],
  where: [1, 2, "where: 'role', 'Press'"], json: [0, 1, 'json or json: 2'],
  join: [0, 1, "join: ', '"], sort: [0, 1, "sort or sort: 'date'"], sort_natural: [0, 1, "sort_natural or sort_natural: 'title'"], slice: [1, 2, 'slice: 0, 10', ['the start', 'the length']],
};

/** How a filter's arguments are counted in words: `no argument`, `one argument`, `one or two arguments`. */
export function argumentCount(min: number, max: number): string {
  const words = ['no', 'one', 'two', 'three'];
  if (max === 0) return 'no argument';
  return min === max ? `${words[min]} argument${min === 1 ? '' : 's'}` : `${min === 0 ? 'at most' : `${words[min]} or`} ${words[max]} argument${max === 1 ? '' : 's'}`;
}

/** The blocks whose branches LiquidJS reads in order: what follows their `{% else %}` is the last branch. */
const ELSE_BLOCKS = new Set(['if', 'unless', 'case', 'for']);

/** The first output or tag whose expression LiquidJS would read other than as written (see `expressionProblem`). */
export function misreadExpression(tokens: readonly Token[], options: Liquid['options'], lines: (tag: TagToken) => readonly Token[]): { token: Token; problem: string } | undefined {
  /** The blocks open where a token stands, each with the `{% else %}` it has had. */
  const open: { name: string; otherwise?: TagToken }[] = [];
  for (const token of liveTokens(tokens, lines)) {
    if (token === null) continue;
    if (token.kind === TokenKind.Tag) {
      // A second `{% else %}`, or a branch after one: a `{% case %}` shows both elses without a word, an `{% if %}` was told
      // as "duplicated else" at the `{% if %}`.
      const { name } = token as TagToken;
      if (BLOCK_TAGS.has(name)) open.push({ name });
      else if (name.startsWith('end') && BLOCK_TAGS.has(name.slice(3))) {
        const at = open.findLastIndex((block) => block.name === name.slice(3));
        if (at !== -1) open.length = at;
      } else if ((name === 'else' || name === 'elsif' || name === 'when') && ELSE_BLOCKS.has(open.at(-1)?.name ?? '')) {
        const block = open.at(-1)!;
        if (block.otherwise) return { token, problem: `${name} after else of ${block.name}` };
        if (name === 'else') block.otherwise = token as TagToken;
      }
    }
    if (token.kind === TokenKind.Output) {
      const [begin, end] = (token as Token & { contentRange: [number, number] }).contentRange;
      const found = expressionProblem(token.input, begin, end, token.file, options);
      if (found) return found;
      continue;
    }
    if (token.kind !== TokenKind.Tag) continue;
    const tag = token as TagToken;
    // `{% echo %}` writes nothing, and `{% include 'x' with %}` passes nothing: LiquidJS reads both without a word.
    if (tag.name === 'echo' && tag.args.trim() === '') return { token: tag, problem: 'echo with nothing to write' };
    // `{% else if x %}` for `{% elsif x %}`: an `{% unless %}` or `{% case %}` reads it as a plain `{% else %}`, dropping the
    // condition, and an `{% if %}` or `{% for %}` reports it, as it reports words after its end tag, at the `{% if %}` or
    // `{% for %}` as "unexpected" words. (Words after another end tag, `{% endblock content %}` as Jinja writes it, change nothing.)
    if ((tag.name === 'else' || tag.name === 'endif' || tag.name === 'endfor') && tag.args.trim() !== '') {
      return { token: tag, problem: `tag ${tag.name} given ${tag.args.trim().slice(0, 200)}` };
    }
    if ((tag.name === 'include' || tag.name === 'render') && /\s(?:with|for)\s*$/.test(tag.args)) {
      return { token: tag, problem: `${tag.name} ${/(with|for)\s*$/.exec(tag.args)![1]} with no value after it` };
    }
    if (tag.name === 'include' || tag.name === 'render') {
      // `{% render 'partials/card', release %}`: a name without `: value` is given `true`, not the value of that name.
      const unquoted = tag.args.replace(/"[^"]*"|'[^']*'/g, (text) => ' '.repeat(text.length));
      const bare = /,\s*([A-Za-z_][\w-]*)\s*(?=,|$)/.exec(unquoted);
      if (bare) {
        const at = tag.contentRange[1] - tag.args.length + bare.index + bare[0].indexOf(bare[1]!);
        return { token: new Spot(tag.input, at, at + bare[1]!.length, tag.file), problem: `${tag.name} given ${bare[1]!} without a value` };
      }
    }
    if (EXPRESSION_TAGS.has(tag.name)) {
      const end = tag.contentRange[1];
      let begin = end - tag.args.length;
      if (tag.name === 'assign') {
        const target = /^\s*[\w-]+\s*=(?!=)/.exec(tag.args);
        if (!target) continue;
        begin += target[0].length;
      }
      const found = expressionProblem(tag.input, begin, end, tag.file, options);
      if (found) return found;
    }
  }
  return undefined;
}

/** The tags a branch tag (`{% else %}`) belongs in. */
const BRANCH_TAGS: Record<string, readonly string[]> = { else: ['if', 'unless', 'for', 'case'], elsif: ['if', 'unless'], when: ['case'] };

/** A tag in a file, by its name, where it starts and the stretch of the file's text it takes. */
interface TagPlace { name: string; line: number; column: number; begin: number; end: number }

/**
 * The blocks open where `target` stands in its file, innermost last, read
 * from the file's tokens as `tooDeepNesting` reads them. Undefined when the
 * file cannot be read into tokens or `target` is not among them.
 */
function openBlocksAt(target: { input?: string; begin?: number }, options: Liquid['options']): TagPlace[] | undefined {
  if (target.input === undefined || target.begin === undefined) return undefined;
  const tags = templateTags(target.input, options);
  if (tags === undefined) return undefined;
  const position = positionsIn(target.input);
  const open: TagPlace[] = [];
  for (const tag of tags) {
    if (tag === null) return undefined;
    if (tag.begin === target.begin) return open;
    if (BLOCK_TAGS.has(tag.name) || (tag.name === 'layout' && open.length > 0)) {
      // A layout takes the rest of the file as its content, read apart from the blocks open before it: inside one, it stays
      // open to the end of the file and hides them (at the top of a template, where it belongs, there is nothing to hide).
      const { line, column } = position(tag.begin);
      open.push({ name: tag.name, line, column, begin: tag.begin, end: tag.end });
    } else if (tag.name.startsWith('end') && open.at(-1)?.name === tag.name.slice(3)) {
      open.pop();
    }
  }
  return undefined;
}

/**
 * For an end tag that closes a block further out than the one open where it
 * stands (`{% endfor %}` while an `{% if %}` inside the `{% for %}` is open):
 * the end tag after it that closes that outer block when this one is read as
 * the inner block's end, misnamed, every end tag between them fitting its
 * block. Where there is one, and the tags after it fit that reading better
 * than the one as written, the end tag is likelier the inner block's,
 * misnamed, than one written after an end left out, which would make that
 * later end tag close nothing: one mistake, not two. Undefined otherwise,
 * as for a `{% for %}` in a `{% for %}` whose `{% if %}` is left open before
 * both their ends.
 */
function laterEndIfMisnamed(target: { input?: string; begin?: number }, open: readonly TagPlace[], closes: string, options: Liquid['options']): TagPlace | undefined {
  const innermost = open.at(-1);
  const outer = open.findLastIndex((place) => place.name === closes);
  if (target.input === undefined || innermost === undefined || innermost.name === closes || outer === -1 || open.some((place) => place.name === 'layout')) return undefined;
  const tags = templateTags(target.input, options);
  const at = tags?.findIndex((tag) => tag !== null && tag.begin === target.begin) ?? -1;
  if (tags === undefined || at === -1) return undefined;
  // The blocks open after the tag read as the inner block's end.
  const still = open.slice(0, -1).map((place) => place.name);
  for (const tag of tags.slice(at + 1)) {
    if (tag === null || tag.name === 'layout') return undefined;
    if (BLOCK_TAGS.has(tag.name)) still.push(tag.name);
    else if (tag.name.startsWith('end') && BLOCK_TAGS.has(tag.name.slice(3))) {
      if (still.at(-1) !== tag.name.slice(3)) return undefined;
      still.pop();
      if (still.length === outer) {
        // Read as written instead, the tag closes the outer block and leaves the inner one open: when the tags after it fit that
        // reading as well (`{% endfor %}{% endfor %}` in a `{% for %}` in a `{% for %}`), the inner block's end left out is as
        // likely, and writing its end tag here would leave a block open.
        const rest = tags.slice(at + 1);
        if (unfitEnds(open.slice(0, -1).map((place) => place.name), rest) >= unfitEnds(open.slice(0, outer).map((place) => place.name), rest)) return undefined;
        const { line, column } = positionsIn(target.input)(tag.begin);
        return { name: tag.name, line, column, begin: tag.begin, end: tag.end };
      }
    }
  }
  return undefined;
}

/** How many of `tags`' end tags close no block open where they stand, and blocks are left open at their end, from `open`. */
function unfitEnds(open: readonly string[], tags: readonly ({ name: string } | null)[]): number {
  const still = [...open];
  let unfit = 0;
  for (const tag of tags) {
    if (tag === null) continue;
    if (BLOCK_TAGS.has(tag.name)) still.push(tag.name);
    else if (tag.name.startsWith('end') && BLOCK_TAGS.has(tag.name.slice(3))) {
      if (still.at(-1) === tag.name.slice(3)) still.pop();
      else unfit++;
    }
  }
  return unfit + still.length;
}

/**
 * A template file's outputs and tags in the order they are written, each
 * `{% liquid %}` tag followed by its lines' tokens (as `lines` reads them;
 * `null` where it cannot), and nothing of what a `{% raw %}` or
 * `{% comment %}` holds: its opening tag is given, its end tag is not.
 */
function* liveTokens(tokens: readonly Token[], lines: (tag: TagToken) => readonly Token[] | undefined): Generator<Token | null> {
  let skipping: string | undefined;
  const pending: Token[][] = [tokens.slice().reverse()];
  while (pending.length > 0) {
    const token = pending[pending.length - 1]!.pop();
    if (!token) {
      pending.pop();
      continue;
    }
    if (skipping) {
      if (token.kind === TokenKind.Tag && (token as TagToken).name === skipping) skipping = undefined;
      continue;
    }
    yield token;
    if (token.kind !== TokenKind.Tag) continue;
    const tag = token as TagToken;
    if (tag.name === 'raw' || tag.name === 'comment') skipping = `end${tag.name}`;
    else if (tag.name === 'liquid') {
      const read = lines(tag);
      if (read === undefined) yield null;
      else pending.push(read.slice().reverse());
    }
  }
}

/**
 * The tags of a template file in the order they are written, each
 * `{% liquid %}` tag followed by its lines' tags, and nothing of what a
 * `{% raw %}` or `{% comment %}` holds. `null` stands after a `{% liquid %}`
 * tag whose lines LiquidJS cannot read; undefined when it cannot read the file.
 */
export function templateTags(source: string, options: Liquid['options']): (TagToken | null)[] | undefined {
  const tokens = templateTokens(source, options);
  return tokens?.filter((token): token is TagToken | null => token === null || token.kind === TokenKind.Tag);
}

/** A template file's outputs, text and tags as `templateTags` reads its tags (see `liveTokens`); undefined when LiquidJS cannot read the file. */
export function templateTokens(source: string, options: Liquid['options']): (Token | null)[] | undefined {
  let tokens: Token[];
  try {
    tokens = new Tokenizer(source, options.operators).readTopLevelTokens(options);
  } catch {
    return undefined;
  }
  const lines = (tag: TagToken) => {
    try {
      return new Tokenizer(tag.input, options.operators, tag.file, [tag.tokenizer.p, tag.contentRange[1]]).readLiquidTagTokens(options);
    } catch {
      return undefined;
    }
  };
  return [...liveTokens(tokens, lines)];
}

/** Engine options for reading a file's tokens again when explaining an error: the defaults, as every engine here uses them. */
let tokenOptions: Liquid['options'] | undefined;
export const defaultTokenOptions = (): Liquid['options'] => (tokenOptions ??= new Liquid().options);

/**
 * What an end or branch tag LiquidJS calls unknown (`tag "endblock" not
 * found`) really is: a tag that closes or continues a block other than the
 * one open where it stands. An `{% if %}` left open inside a
 * `{% block %}` makes the block's `{% endblock %}` the first tag the `if`
 * cannot take; a stray `{% endif %}` closes nothing.
 */
export function misplacedTag(name: string, token: { input?: string; begin?: number }, file: string | undefined): { message: string; hint: string; related?: Diagnostic['related'] } | undefined {
  const closes = name.startsWith('end') && (BLOCK_TAGS.has(name.slice(3)) || name === 'endraw' || name === 'endcomment') ? name.slice(3) : undefined;
  const belongs = BRANCH_TAGS[name];
  if (closes === undefined && belongs === undefined) return undefined;
  const open = openBlocksAt(token, defaultTokenOptions());
  if (open === undefined) return undefined;
  const innermost = open.at(-1);
  const at = (place: TagPlace) => `line ${place.line}, column ${place.column}`;
  const here = (message: string) => (innermost && file ? { related: { file, line: innermost.line, column: innermost.column, message } } : {});
  if (innermost?.name === 'layout') {
    return {
      message: `The tag {% ${name} %} has nothing to ${closes !== undefined ? 'close' : 'belong to'}: the {% layout %} at ${at(innermost)} takes the rest of the file as its content, so no block opened before it is open here.`,
      hint: 'Name the layout once, at the top of the template, before any block.',
      ...here('The {% layout %} that takes the rest of the file.'),
    };
  }
  // A tag that fits the block open here, which LiquidJS still did not take: nothing more precise to say than that it does not fit.
  if (closes !== undefined && innermost?.name === closes) return undefined;
  if (closes !== undefined) {
    if (!innermost) return { message: `The tag {% ${name} %} has no {% ${closes} %} to close: no block is open here.`, hint: `Remove it, or add the {% ${closes} %} it closes before it.` };
    const outer = open.findLast((place) => place.name === closes);
    const later = outer && laterEndIfMisnamed(token, open, closes, defaultTokenOptions());
    if (outer && later) {
      return {
        message: `The tag {% ${name} %} stands where the {% ${innermost.name} %} at ${at(innermost)} is open, inside the {% ${closes} %} at ${at(outer)}, which the {% ${name} %} at ${at(later)} closes: this one is likely the {% ${innermost.name} %}'s end, misnamed.`,
        hint: `Write {% end${innermost.name} %} here, to close the {% ${innermost.name} %}.`,
        ...here(`The {% ${innermost.name} %} this tag likely ends.`),
      };
    }
    return outer
      ? { message: `The tag {% ${name} %} closes the {% ${closes} %} at ${at(outer)}, but the {% ${innermost.name} %} at ${at(innermost)}, inside it, is not closed.`, hint: `Add {% end${innermost.name} %} where the {% ${innermost.name} %} ends, before this tag.`, ...here(`This {% ${innermost.name} %} is not closed.`) }
      : { message: `The tag {% ${name} %} has no {% ${closes} %} to close: the block open here is the {% ${innermost.name} %} at ${at(innermost)}.`, hint: `Remove this tag or add the {% ${closes} %} it closes; to close the {% ${innermost.name} %}, write {% end${innermost.name} %}.`, ...here(`The {% ${innermost.name} %} open where the tag stands.`) };
  }
  const tags = belongs!.map((tag) => `{% ${tag} %}`);
  const list = tags.length === 1 ? tags[0]! : `${tags.slice(0, -1).join(', ')} or ${tags.at(-1)!}`;
  return innermost
    ? { message: `The tag {% ${name} %} belongs inside ${list}, but the block open here is the {% ${innermost.name} %} at ${at(innermost)}.`, hint: `Move it into the block it belongs to, or close the {% ${innermost.name} %} before it.`, ...here(`The {% ${innermost.name} %} open where the tag stands.`) }
    : { message: `The tag {% ${name} %} belongs inside ${list}, and none is open here.`, hint: 'Move it into the block it belongs to, or remove it.' };
}

type FilterHandler = Exclude<FilterImplOptions, { handler: unknown }>;

/** The engines whose templates are refused when they nest too deeply: this module's, not others that share LiquidJS in a process. */
const nestingLimited = new WeakSet<Liquid>();

/**
 * Refuses a template file that nests blocks or expressions past the limits
 * before LiquidJS's recursive parse reads it. LiquidJS makes a parser for
 * every file it reads (an entry template, each partial and layout), and each
 * hands the file's tokens to `parseTokens`: that is where they are looked at,
 * once. The expression an `_exp` filter (`where_exp`, `find_exp`, …) is given
 * is read only when the filter runs: it is looked at then.
 */
export function limitNesting(engine: Liquid): void {
  nestingLimited.add(engine);
  for (const [name, filter] of Object.entries(engine.filters)) {
    if (!name.endsWith('_exp')) continue;
    const handler = typeof filter === 'function' ? filter : filter.handler;
    const limited = function (this: ThisParameterType<FilterHandler>, value: unknown, ...args: unknown[]) {
      if (args.some((arg) => typeof arg === 'string' && nestsTooDeep(arg))) throw new Error(`expressions nested more than ${MAX_EXPRESSION_NESTING} levels deep`);
      return handler.call(this, value, ...args) as unknown;
    };
    engine.registerFilter(name, typeof filter === 'function' ? limited : { ...FRESH, ...filter, handler: limited });
  }
  if (limitingNesting) return;
  limitingNesting = true;
  const prototype = Parser.prototype as unknown as { parseTokens(this: { liquid: Liquid }, tokens: Token[] | TokenQueue): unknown };
  const parseTokens = prototype.parseTokens;
  prototype.parseTokens = function (given) {
    // A layout's tags read on from the queue their file's tokens are in, which was looked at whole when it was made: looked at
    // again from each of a file's `{% layout %}` tags (each parses the rest of the file as its own), 3,000 of them took 35 s.
    if (given instanceof TokenQueue) return parseTokens.call(this, given);
    const queue = new TokenQueue(given);
    if (nestingLimited.has(this.liquid)) {
      const tokens = queue.remaining();
      const { options } = this.liquid;
      const lines = (tag: TagToken) => {
        try {
          return new Tokenizer(tag.input, options.operators, tag.file, [tag.tokenizer.p, tag.contentRange[1]]).readLiquidTagTokens(options);
        } catch {
          // Lines LiquidJS cannot read are its to report, when it parses them.
          return [];
        }
      };
      const deep = tooDeepNesting(tokens, lines);
      if (deep) throw new TokenizationError(`${deep.nested} nested more than ${deep.nested === 'blocks' ? MAX_BLOCK_NESTING : MAX_EXPRESSION_NESTING} levels deep`, deep.token);
      // A tag or output left open first: what it runs on into reads as a misplaced expression (`{{ release.title </h1>` an
      // operator with nothing after it), which is its consequence, not the slip.
      const unclosed = unclosedTag(tokens);
      if (unclosed) {
        const opening = unclosed.kind === TokenKind.Tag ? `tag {% ${(unclosed as TagToken).name}` : `output {{ ${(unclosed as Token & { content: string }).content.trim().split(/\s/, 1)[0]!.slice(0, 40)}`;
        throw new TokenizationError(`${opening} runs into the next tag`, unclosed);
      }
      const misread = misreadExpression(tokens, options, lines);
      if (misread) throw new TokenizationError(misread.problem, misread.token);
    }
    return parseTokens.call(this, queue);
  };
}
let limitingNesting = false;

/**
 * A file's tokens as LiquidJS's parser reads them: one at a time from the
 * front (`shift`), the tags of a block going on from where it stands, and
 * nothing else of a list but its `length`. A list's `shift` moves every
 * token after it, once the list is too long for the engine to move its start
 * instead (some 16,000 tokens): a template of 80,000, `{{ x }}` and the text
 * between 40,000 times in 440 KB, took 6 s to parse, and a file parsed again
 * for each of its syntax errors far longer. Here each token is read in
 * constant time.
 */
class TokenQueue {
  readonly #tokens: (Token | undefined)[];
  #next = 0;

  constructor(tokens: readonly Token[]) {
    this.#tokens = [...tokens];
  }

  get length(): number {
    return this.#tokens.length - this.#next;
  }

  shift(): Token | undefined {
    if (this.#next >= this.#tokens.length) return undefined;
    const token = this.#tokens[this.#next];
    // Let go of it, as a list's shift does.
    this.#tokens[this.#next++] = undefined;
    return token;
  }

  /** The tokens not read yet, in order. */
  remaining(): Token[] {
    return this.#tokens.slice(this.#next) as Token[];
  }
}

/** A stretch of a template's text, by its offsets. */
interface TextRange { begin: number; end: number }

/** `text` with the stretch `range` replaced by spaces, its line breaks kept: every other tag stays at its line and column. */
function blankOut(text: string, range: TextRange): string {
  return text.slice(0, range.begin) + text.slice(range.begin, range.end).replace(/[^\r\n]/g, ' ') + text.slice(range.end);
}

/** The error token LiquidJS or `limitNesting` gives: a tag, an output, or a part of one. */
type ErrorToken = { kind?: number; name?: string; input?: string; begin?: number; end?: number };

/**
 * Reads a template file on past its syntax errors, so that one run reports
 * each, not one a run: LiquidJS stops at the first. Each error's tag or
 * output is taken out of the text (blanked to spaces, so every other place
 * keeps its line and column) and the file is parsed again. What taking out a
 * tag leaves behind is not an error of its own: the `{% endif %}` of an
 * `{% if %}` taken out closes nothing, and the `{% if %}` of an
 * `{% endif %}` taken out is never closed; such errors are taken out in
 * turn, unreported.
 */
export class SyntaxRecovery {
  /** The stretches taken out so far: an error inside one is what is left of an error already reported. */
  private readonly blanked: TextRange[] = [];
  /** Blocks whose opening tag was taken out: their end and branch tags after it no longer fit. */
  private readonly openers: { names: string[]; begin: number }[] = [];
  /** End tags taken out: the blocks they may have closed, before them, are now never closed. */
  private readonly ends: { names: string[]; begin: number }[] = [];

  /** The source as written, before anything was taken out. */
  private readonly written: string;

  constructor(public source: string, private readonly options: Liquid['options'] = defaultTokenOptions()) {
    this.written = source;
  }

  /**
   * Takes the error at `token` (whose message is `raw`) out of the source:
   * whether it is a consequence of one taken out before, and whether the
   * source changed (when not, parsing again would only find it again).
   */
  takeOut(token: ErrorToken, raw: string): { consequence: boolean; changed: boolean } {
    const { begin, end } = token;
    if (begin === undefined || end === undefined || /^(blocks|expressions) nested more than/.test(raw)) return { consequence: false, changed: false };
    let consequence = this.blanked.some((range) => range.begin <= begin && begin < range.end);
    let range: TextRange = { begin, end };
    const stray = /^tag "(end\w+|else|elsif|when)" not found$/.exec(raw)?.[1];
    // A `{% liquid %}` tag's line is named without its delimiters; a tag that has no `%}` is named in quotes, and is no tag token.
    const neverClosed = token.kind === TokenKind.Tag && /^tag (?!")[\s\S]* not closed$/.test(raw) ? token.name : undefined;
    if (stray !== undefined) {
      const closes = stray.startsWith('end') ? stray.slice(3) : undefined;
      const open = openBlocksAt(token, this.options) ?? [];
      const innermost = open.at(-1);
      if (closes !== undefined && innermost && laterEndIfMisnamed(token, open, closes, this.options)) {
        // The inner block's end, misnamed (`{% endfor %}` for `{% endif %}`, with the `{% endfor %}` after it): the tag is what is
        // taken out, and the block it was meant to close, now never closed, is its consequence, as is any end tag that follows.
        this.ends.push({ names: [closes, innermost.name], begin });
      } else if (closes !== undefined && innermost && innermost.name !== closes && innermost.name !== 'layout' && open.some((place) => place.name === closes)) {
        // The end tag closes a block further out: the mistake is the block inside it left open, which is what is taken out.
        range = innermost;
        this.openers.push({ names: [innermost.name], begin: innermost.begin });
        // Unless an end tag taken out inside it, misnamed (`{% endunless %}` for `{% endif %}`), was its end: told of already.
        const misnamed = this.ends.findIndex((ending) => ending.begin > innermost.begin && ending.begin < begin && ending.names.includes(innermost.name));
        if (misnamed !== -1) {
          consequence = true;
          this.ends.splice(misnamed, 1);
        }
      } else {
        const taken = this.openers.findIndex((opener) => opener.begin < begin && (closes !== undefined ? opener.names.includes(closes) : BRANCH_TAGS[stray]!.some((name) => opener.names.includes(name))));
        if (taken !== -1) {
          consequence = true;
          // One end tag per block taken out; a block may hold any number of branch tags.
          if (closes !== undefined) this.openers.splice(taken, 1);
        }
        // An end tag where another block is open may be that block's, misnamed (`endif` for `endfor`): without it, that block is not closed.
        if (closes !== undefined) this.ends.push({ names: innermost ? [closes, innermost.name] : [closes], begin });
      }
    } else if (neverClosed !== undefined) {
      const taken = this.ends.findIndex((ending) => ending.begin > begin && ending.names.includes(neverClosed));
      if (taken !== -1) {
        consequence = true;
        this.ends.splice(taken, 1);
      }
      // A stretch taken out after it that held its end tag (an output left open to the end of the file swallows every tag after it).
      const ending = new RegExp(`\\bend${neverClosed}\\b`);
      if (this.blanked.some((stretch) => stretch.begin > begin && ending.test(this.written.slice(stretch.begin, stretch.end)))) consequence = true;
      this.openers.push({ names: [neverClosed], begin });
    } else {
      const around = token.kind === TokenKind.Tag || token.kind === TokenKind.Output ? token as Token : this.tokenAround(begin);
      if (around) range = ownStretch(around);
      // A tag left open to the end of the file is no token: its name is read from its text.
      const name = around ? (around.kind === TokenKind.Tag ? (around as TagToken).name : undefined) : /^\{%-?\s*(\w+)/.exec(this.source.slice(begin, end))?.[1];
      const unknown = /^tag "(.+)" not found$/.exec(raw)?.[1];
      if (unknown !== undefined) {
        // A misspelt block tag (`iff`) leaves the end tag of the block it was meant to open.
        const meant = closest(unknown, [...BLOCK_TAGS]);
        this.openers.push({ names: meant ? [unknown, meant] : [unknown], begin });
      } else if (name !== undefined && BLOCK_TAGS.has(name)) {
        this.openers.push({ names: [name], begin: range.begin });
      } else if (name?.startsWith('end') && BLOCK_TAGS.has(name.slice(3))) {
        this.ends.push({ names: [name.slice(3)], begin: range.begin });
      }
    }
    const source = blankOut(this.source, range);
    this.blanked.push(range);
    const changed = source !== this.source;
    this.source = source;
    return { consequence, changed };
  }

  /** The innermost tag or output that holds `offset` of the source (a `{% liquid %}` tag's line rather than the tag); undefined when the source cannot be read into tokens. */
  private tokenAround(offset: number): Token | undefined {
    let around: Token | undefined;
    for (const token of templateTokens(this.source, this.options) ?? []) {
      if (token === null || (token.kind !== TokenKind.Tag && token.kind !== TokenKind.Output)) continue;
      if (token.begin <= offset && offset < token.end && (!around || token.end - token.begin < around.end - around.begin)) around = token;
    }
    return around;
  }
}

/**
 * The stretch of the text a tag or output takes as its own: all of it, or,
 * when it runs on into the next tag for want of its `%}` or `}}`, up to
 * where that tag starts, which is left to be read.
 */
function ownStretch(token: Token): TextRange {
  const { input, begin, end } = token;
  // A `{% liquid %}` tag's line has no delimiters of its own.
  if (!/^\{[{%]/.test(input.slice(begin, begin + 2))) return { begin, end };
  // Past the token's own `{%` or `{{`.
  const text = input.slice(begin + 2, end);
  let next: number | undefined;
  someOutsideQuotes(text, (c, i) => {
    if (c !== '{' || (text[i + 1] !== '%' && text[i + 1] !== '{')) return false;
    next = begin + 2 + i;
    return true;
  });
  return { begin, end: next ?? end };
}
