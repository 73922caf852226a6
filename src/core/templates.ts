import { hash } from 'node:crypto';
import { AssignTag, BlockTag, CaptureTag, Context, Drop, filters as liquidFilters, ForTag, IfTag, IncludeTag, isTruthy, LayoutTag, Liquid, LiquidError, Output, RenderError, TokenKind, toValue, UnlessTag, type TagToken, type Template } from 'liquidjs';
import { positionAt, positionsIn, type Diagnostic } from './diagnostic.js';
import { calendarFor, formatDate, formatDateTime, isRealDate, toDateTime, type Calendar } from './dates.js';
import { jsonDocument, ninjsDocument, type OutputFormat, type ReleaseView } from './model.js';
import { isLanguageTag, localeFor, type Language } from './locale/index.js';
import { isKnownTimeZone } from './schema.js';
import { slugify } from './slug.js';
import { escapeHtml, escapeRegExp, excerpt, printable, quote, trimLineEnds, wrapText } from './text.js';
import { isolatedInText, textDirection } from './characters.js';
import { shortenTitle } from './title.js';
import { FRESH } from './objects.js';
import { lackedLabels, labelsAdvice, labelsFor, namedLabels, statusLabel, type LabelFile } from './labels.js';
import { closest } from './suggest.js';
import { wrapTables } from './table-regions.js';
import { argumentCount, defaultTokenOptions, FILTER_ARGUMENTS, limitNesting, MAX_RENDER_NESTING, misplacedTag, SyntaxRecovery, templateTags, templateTokens } from './template-syntax.js';

export type { LabelFile } from './labels.js';

/**
 * Rendering through LiquidJS templates. A template set is handed over as an
 * in-memory map of its files, so templates can include only files of their
 * own set (and the sets it extends) and never read the file system.
 */

export interface TemplateFile {
  /** Name inside the set, e.g. `partials/contacts.liquid`. */
  name: string;
  source: string;
  /**
   * Where the file came from, for diagnostics and `templates list`: from the working folder, or for a file of a built-in set
   * its place in the package (`migration-news:templates/default/release.html.liquid`), the same wherever the tool is installed.
   */
  path: string;
  /** The set that provided this file. */
  set: string;
}

export interface TemplateSet {
  name: string;
  description?: string;
  /** Formats with their own template; json and ninjs also have a built-in rendering. */
  formats: readonly OutputFormat[];
  files: ReadonlyMap<string, TemplateFile>;
  /** Labels by language tag. A language without a file has no labels; a template that uses one is an error naming it. */
  labels?: ReadonlyMap<Language, LabelFile>;
  /** The names of the set and of the sets it extends, nearest first (a name twice where a set fills its gaps from one of its name). */
  lineage?: readonly string[];
  /** The folder of the nearest of them that is the project's own, as messages name it; none for a built-in set. */
  ownFolder?: string;
}

export const ENTRY_TEMPLATES: Record<OutputFormat, string> = {
  html: 'release.html.liquid',
  text: 'release.txt.liquid',
  json: 'release.json.liquid',
  ninjs: 'release.ninjs.liquid',
};

/** The site's own pages, each from its template in the set; sets without them (email) build release pages only. */
export const SITE_PAGE_TEMPLATES = { index: 'index.html.liquid', tag: 'tag.html.liquid', home: 'home.html.liquid' } as const;
export type SitePage = keyof typeof SITE_PAGE_TEMPLATES;

/** Limits that keep a hostile template from hanging or exhausting a build: characters per file, milliseconds and bytes per render. */
export const TEMPLATE_LIMITS = { parseLimit: 1_000_000, renderLimit: 5_000, memoryLimit: 16 * 1024 * 1024 };


/**
 * Most characters one render may write, captured text included, and all
 * renders of one run together. A page of the largest release is a few
 * MiB; a template that loops over the body or doubles a capture is stopped
 * here, long before its output could exhaust memory or fill a disk.
 */
export const OUTPUT_LIMITS = { perRender: 16 * 1024 * 1024, perRun: 1024 * 1024 * 1024 };

/** Characters written by the render in progress, and by the run so far. */
interface OutputMeter { render: number; run: number; perRender: number; perRun: number }

class OutputLimitError extends Error {}

/** LiquidJS's `stringify`: its emitters' conversion of what they are given to text. */
function stringify(value: unknown): string {
  // Nearly every write is a string: it is told apart before anything else is looked at.
  if (typeof value === 'string') return value;
  const plain: unknown = toValue(value);
  if (typeof plain === 'string') return plain;
  if (plain === null || plain === undefined) return '';
  if (Array.isArray(plain)) return plain.map(stringify).join('');
  return String(plain);
}

/** An emitter that counts every character against the meter before keeping it. */
class MeteredEmitter {
  buffer = '';
  constructor(private readonly meter: OutputMeter, private readonly inner?: { write(html: unknown): void; buffer: unknown }) {}
  write(html: unknown): void {
    const text = stringify(html);
    const meter = this.meter;
    meter.render += text.length;
    if (meter.render > meter.perRender) throw new OutputLimitError(`output limit exceeded: one render may write at most ${meter.perRender.toLocaleString('en')} characters, captured text included`);
    if (meter.run + meter.render > meter.perRun) throw new OutputLimitError(`output limit exceeded: one run may write at most ${meter.perRun.toLocaleString('en')} characters in all`);
    if (this.inner) this.inner.write(text);
    else this.buffer += text;
  }
}

/** LiquidJS's renderer's `renderTemplates`: a generator; as replaced below, also a value at once (`renderList`). */
type RenderTemplates = (templates: unknown, ctx: unknown, emitter?: unknown) => unknown;

/**
 * Routes every write of the engine, including `capture` and nested blocks,
 * through a metered emitter. LiquidJS counts memory for filters and ranges
 * but not for output, so a loop over the body could otherwise write gigabytes.
 */
function meterOutput(engine: Liquid, run: EngineRun, quick: boolean): void {
  const renderer = engine.renderer as unknown as { renderTemplates: RenderTemplates };
  const original = renderer.renderTemplates.bind(renderer) as (templates: unknown, ctx: unknown, emitter?: unknown) => Generator<unknown, unknown, unknown>;
  // LiquidJS's renderer gives back the buffer of the emitter it wrote to: here, the metered one.
  const metered = (emitter: unknown) => new MeteredEmitter(run.meter, emitter as ConstructorParameters<typeof MeteredEmitter>[1]);
  // Nested blocks mostly pass the metered emitter on: they need no generator of their own around the engine's (a render runs hundreds).
  renderer.renderTemplates = (templates, ctx, emitter) => {
    const into = emitter instanceof MeteredEmitter ? emitter : metered(emitter);
    if (!quick) return original(templates, ctx, into);
    quickenTemplates(templates);
    return renderList(templates as ListTemplate[], ctx as ListContext, into);
  };
}

type ParseFile = (file: string, sync?: boolean, currentFile?: string) => unknown;

/**
 * Partials and layouts, once parsed, given straight to the tags that ask for
 * them. LiquidJS's own cache (`cache: true`) holds them too, but it makes a
 * parser and a file loader and runs a generator on every `include` of every
 * page before it looks there. Only a synchronous parse that succeeded is
 * remembered, by file and including file (a superset of LiquidJS's cache
 * key), so a file that fails fails again as it did; an asynchronous one goes
 * to LiquidJS, as does a name that is not a string.
 */
function rememberParsedFiles(engine: Liquid): void {
  const parts = engine as unknown as { _parsePartialFile: ParseFile; _parseLayoutFile: ParseFile };
  for (const method of ['_parsePartialFile', '_parseLayoutFile'] as const) {
    const parse = parts[method].bind(engine);
    const parsed = new Map<string, unknown>();
    parts[method] = (file, sync, currentFile) => {
      // A name that is not a string (`{% include 1 %}`, a list from the data) is LiquidJS's to refuse, every time.
      if (!sync || typeof file !== 'string') return parse(file, sync, currentFile);
      const key = `${file}\0${currentFile}`;
      // A value a step yields that is not an iterator is handed back as the step's result, by LiquidJS's driver and by `runToEnd`.
      return parsed.get(key) ?? (function* () {
        const templates: unknown = yield parse(file, sync, currentFile);
        parsed.set(key, templates);
        return templates;
      })();
    };
  }
}

/** The parts of a template in a list that `renderList` uses. */
interface ListTemplate {
  render(ctx: ListContext, emitter: MeteredEmitter): unknown;
}

/** The parts of LiquidJS's render context that `renderList` uses, as its renderer does. */
interface ListContext {
  renderLimit: { check(now: number): void };
  breakCalled?: boolean;
  continueCalled?: boolean;
}

/** Steps of `renderList` between two looks at the clock. */
const STEPS_PER_CLOCK_CHECK = 32;
let stepsToClockCheck = 0;

/**
 * LiquidJS's check of the render's time limit (`renderLimit`), made at one
 * step in `STEPS_PER_CLOCK_CHECK`: reading the clock before every template of
 * every list took a sixth of a release page's render (127 against 108 µs,
 * measured in-process on the default set), and a render past its limit is
 * still stopped a few steps later.
 */
function checkRenderTime(ctx: ListContext): void {
  if (--stepsToClockCheck > 0) return;
  stepsToClockCheck = STEPS_PER_CLOCK_CHECK;
  ctx.renderLimit.check(performance.now());
}

/**
 * LiquidJS's `renderTemplates`, step for step (the render time checked
 * before the list and before each template, though the clock is read at one
 * check in `STEPS_PER_CLOCK_CHECK`, each template's render run to
 * its end, a value it returns written, `break` and `continue` heeded, an
 * error that is not LiquidJS's wrapped as a `RenderError` of its template),
 * run at once instead of as a generator: every list of every tag is one,
 * and a page renders hundreds. Its callers in LiquidJS take the value a
 * step gives as they take a generator run to its end. (LiquidJS's
 * `catchAllErrors`, which collects errors instead, is never set: see
 * `createEngine`.)
 */
function renderList(templates: readonly ListTemplate[], ctx: ListContext, emitter: MeteredEmitter): unknown {
  checkRenderTime(ctx);
  renderNesting++;
  try {
    for (const template of templates) {
      checkRenderTime(ctx);
      try {
        if (renderNesting > MAX_RENDER_NESTING) throw new Error(`renders nested more than ${MAX_RENDER_NESTING} levels deep`);
        const html = ranToEnd(template.render(ctx, emitter));
        if (html) emitter.write(html);
        if (ctx.breakCalled || ctx.continueCalled) break;
      } catch (cause) {
        throw placedError(cause, template);
      }
    }
  } finally {
    renderNesting--;
  }
  return emitter.buffer;
}

/** Errors already placed by the `renderList` that first met them (the innermost): the lists around it pass them on. */
const placedErrors = new WeakSet<object>();

/**
 * An error met rendering `template`, as LiquidJS's renderer gives it: a
 * LiquidJS error as it is, any other wrapped with the template's place. An
 * expression a filter reads apart from any file (`where: "x"`, `where_exp`)
 * has a token of its own, at 1:1 of that text: its error is placed at the
 * output or tag it came from (LiquidJS keeps an error's token read-only).
 */
function placedError(cause: unknown, template: ListTemplate): unknown {
  if (typeof cause === 'object' && cause !== null && placedErrors.has(cause)) return cause;
  let error: object = LiquidError.is(cause) ? cause : new RenderError(cause as Error, template as unknown as Template);
  const own = (error as { token?: { file?: string; input?: string } }).token;
  const here = (template as { token?: { file?: string; input?: string } }).token;
  if (own && own.file === undefined && here?.file !== undefined && own.input !== here.input) error = Object.create(error, { token: { value: here } }) as object;
  placedErrors.add(error);
  return error;
}

/** How many `renderList` calls are under way: blocks and includes, one within another (renders run one at a time). */
let renderNesting = 0;

/** The parts of LiquidJS's parsed values (`a.b | f`) that the quick renders read. */
interface ValueParts {
  initial: { postfix: { kind: number; variable?: unknown; props?: { content?: unknown }[]; content?: unknown; operator?: unknown }[] };
  filters: { name: string; args: unknown[]; handler: (...args: unknown[]) => unknown; token: unknown; liquid: unknown }[];
  value(ctx: ContextParts, lenient: boolean): Iterator<unknown>;
}

type Emitter = { write(value: unknown): void };

/** The parts of LiquidJS's output tags (`{{ }}`) that `quickenTemplates` reads. */
interface OutputParts {
  value: ValueParts;
  render(ctx: ContextParts, emitter: Emitter): unknown;
}

/** The parts of LiquidJS's `if` and `unless` tags that `quickenTemplates` reads. */
interface ConditionParts {
  liquid: { renderer: { renderTemplates(templates: unknown, ctx: ContextParts, emitter: Emitter): unknown } };
  branches: { value: ValueParts; templates: unknown[]; test?: (value: unknown, ctx: unknown) => boolean }[];
  elseTemplates?: unknown[];
  render(ctx: ContextParts, emitter: Emitter): unknown;
}

/** The parts of LiquidJS's render context that the quick renders use, as its own lookups do. */
interface ContextParts {
  opts: { lenientIf?: boolean; operators: Record<string, (...operands: unknown[]) => unknown> };
  strictVariables: boolean;
  findScope(key: string | number): object;
  readProperty(scope: unknown, key: string | number): unknown;
}

/** What a quick lookup gives when LiquidJS must look the value up itself. */
const SLOW = Symbol('slow');

/**
 * A lookup of `value` when it is a name and plain keys (`a.b.c`, `a["b"]`)
 * or a literal, with filters whose arguments are literals or such names;
 * undefined for any other value. It reads as LiquidJS does (`findScope`,
 * `readProperty`, each filter called with LiquidJS's `this` and its
 * arguments as `evalToken` gives them) and gives SLOW where LiquidJS would do
 * more than that: an undefined value under strict variables (an error to
 * report with its place), a lookup that throws, a value that is itself an
 * iterator. Reading changes nothing (see `readerOf`), so a lookup that gives
 * up part-way may be done again by LiquidJS from the start.
 * (`lenientIf`, under which `default` reads leniently, is never set: see
 * `createEngine`.)
 */
function lookupOf(value: ValueParts): ((ctx: ContextParts) => unknown) | undefined {
  const postfix = value.initial.postfix;
  const read = postfix.length === 1 ? readerOf(postfix[0]!) : undefined;
  if (!read) return undefined;
  const filters: { handler: ValueParts['filters'][number]['handler']; token: unknown; liquid: unknown; args?: unknown[]; readers?: ((ctx: ContextParts) => unknown)[] }[] = [];
  for (const f of value.filters) {
    // Literal arguments (`wrap: 72`) are what LiquidJS's `evalToken` gives for them, their `content`, once for all; names are read at each render.
    if (f.args.every(isLiteral)) {
      filters.push({ handler: f.handler, token: f.token, liquid: f.liquid, args: (f.args as { content: unknown }[]).map((arg) => arg.content) });
      continue;
    }
    // A keyword argument (`key: value`) is a pair, an array: left to LiquidJS.
    const readers = f.args.map((arg) => (Array.isArray(arg) ? undefined : readerOf(arg as PostfixToken)));
    if (!readers.every((reader) => reader !== undefined)) return undefined;
    filters.push({ handler: f.handler, token: f.token, liquid: f.liquid, readers });
  }
  const named = filters.some((filter) => filter.readers !== undefined);
  return (ctx) => {
    let found = read(ctx);
    if (found === SLOW) return found;
    // Every argument is read before any filter runs: a filter charges LiquidJS's memory limit, and one that ran before a later
    // argument gave up would run again, and be charged twice, when LiquidJS evaluates the output from the start.
    let lists: unknown[][] | undefined;
    if (named) {
      lists = [];
      for (const filter of filters) {
        if (filter.args) {
          lists.push(filter.args);
          continue;
        }
        const args: unknown[] = [];
        for (const reader of filter.readers!) {
          const arg = reader(ctx);
          if (arg === SLOW) return SLOW;
          args.push(arg);
        }
        lists.push(args);
      }
    }
    for (let i = 0; i < filters.length; i++) {
      const filter = filters[i]!;
      found = filter.handler.apply({ context: ctx, token: filter.token, liquid: filter.liquid }, [found, ...(lists ? lists[i]! : filter.args!)]);
      found = ranToEnd(found);
    }
    return found;
  };
}

type PostfixToken = ValueParts['initial']['postfix'][number];

/**
 * A literal token: numbers, quoted strings, true, nil, empty and the rest.
 * LiquidJS's `evalToken` takes a token's `content` first, as it stands. (A
 * filter's keyword argument is a pair, an array: never a literal here.)
 */
function isLiteral(token: unknown): token is { content: unknown } {
  return typeof token === 'object' && token !== null && !Array.isArray(token) && 'content' in token;
}

/** The value of one token of an expression: a name and plain keys, read as `lookupOf` says, or a literal's own value. */
function readerOf(token: PostfixToken): ((ctx: ContextParts) => unknown) | undefined {
  if (isLiteral(token)) {
    const content = token.content;
    return () => content;
  }
  if (token.kind !== TokenKind.PropertyAccess || token.variable !== undefined) return undefined;
  const props = token.props ?? [];
  if (props.length === 0) return undefined;
  if (props.every((p) => typeof p.content === 'string' || typeof p.content === 'number')) {
    const keys = props.map((p) => p.content as string | number);
    // `forloop.next` moves the loop on: a read that changes something is LiquidJS's, so that it happens once even when a quick render gives up.
    if (keys.includes('next')) return undefined;
    return (ctx) => readKeys(ctx, keys);
  }
  // A key that is itself a name (`labels[crumb.label]`): read first, and taken as LiquidJS's `evalTokenValue` takes it.
  const parts = props.map((p) => (typeof p.content === 'string' || typeof p.content === 'number' ? p.content : readerOf(p as PostfixToken)));
  if (parts.some((part) => part === undefined || part === 'next')) return undefined;
  return (ctx) => {
    const keys: (string | number)[] = [];
    for (const part of parts as (string | number | ((ctx: ContextParts) => unknown))[]) {
      if (typeof part !== 'function') {
        keys.push(part);
        continue;
      }
      // A key of another kind is turned into text by LiquidJS (`['next']` is `next`): LiquidJS's to read.
      const key = settled(part(ctx));
      if (key === SLOW || (typeof key !== 'string' && typeof key !== 'number') || key === 'next') return SLOW;
      keys.push(key as string | number);
    }
    return readKeys(ctx, keys);
  };
}

/** The value at `keys` from the scope that has the first, read as LiquidJS's `_get` reads it; SLOW where LiquidJS must read it itself (see `lookupOf`). */
function readKeys(ctx: ContextParts, keys: readonly (string | number)[]): unknown {
  try {
    let found: unknown = ctx.findScope(keys[0]!);
    for (const key of keys) {
      found = ctx.readProperty(found, key);
      if ((found === undefined && ctx.strictVariables) || isIterator(found)) return SLOW;
    }
    return found;
  } catch {
    return SLOW;
  }
}

/** LiquidJS's operators, by the number of operands each takes; any other is left to LiquidJS. */
const OPERANDS: Readonly<Record<string, 1 | 2>> = { '==': 2, '!=': 2, '>': 2, '<': 2, '>=': 2, '<=': 2, contains: 2, and: 2, or: 2, not: 1 };

/**
 * A condition of names, literals and operators (`a.b and c == "x"`,
 * `list.size > 0`) worked out as LiquidJS's `Expression.evaluate` does: its
 * postfix order, every operand evaluated (no short cut), each operator
 * LiquidJS's own, run to its end. A name it cannot read quickly makes the
 * whole condition SLOW, for LiquidJS to evaluate again from the start:
 * reading plain values changes nothing. Undefined for a condition with
 * filters or anything else.
 */
function conditionOf(value: ValueParts): ((ctx: ContextParts) => unknown) | undefined {
  const postfix = value.initial.postfix;
  if (postfix.length < 2 || value.filters.length > 0) return undefined;
  type Step = { operator: string; operands: 1 | 2 } | { read: (ctx: ContextParts) => unknown };
  const steps: Step[] = [];
  for (const token of postfix) {
    if (token.kind === TokenKind.Operator) {
      const operator = String(token.operator);
      const operands = Object.hasOwn(OPERANDS, operator) ? OPERANDS[operator]! : undefined;
      if (operands === undefined) return undefined;
      steps.push({ operator, operands });
    } else {
      const read = readerOf(token);
      if (!read) return undefined;
      steps.push({ read });
    }
  }
  return (ctx) => {
    const stack: unknown[] = [];
    for (const step of steps) {
      if ('read' in step) {
        const found = step.read(ctx);
        if (found === SLOW) return SLOW;
        stack.push(found);
        continue;
      }
      const apply = ctx.opts.operators[step.operator]!;
      const right = stack.pop();
      stack.push(ranToEnd(step.operands === 1 ? apply(right, ctx) : apply(stack.pop(), right, ctx)));
    }
    return stack[0];
  };
}

/** LiquidJS's `toValue`, then run if it gives an iterator, as its driver would. */
function settled(value: unknown): unknown {
  return ranToEnd(toValue(value));
}

/** Template lists already looked at: a list is rendered many times, and looked at once. */
const quickened = new WeakSet<object>();

/**
 * Gives the commonest templates in `templates` a render of their own that
 * does what LiquidJS's does without its generators, which cost more than
 * the work itself (a page takes a few thousand):
 * - `{{ a.b.c | f }}`: the value is looked up and filtered directly
 *   (`lookupOf`); anything else goes to LiquidJS's own render, from the start;
 * - `{% if %}` and `{% unless %}`: each condition is worked out on the spot
 *   (looked up directly when it can be, else by LiquidJS's own evaluation)
 *   and the branch taken is rendered by LiquidJS's renderer, run to its end.
 * Errors are thrown from the same template to the same renderer as before,
 * so they are reported alike.
 */
function quickenTemplates(templates: unknown): void {
  if (!Array.isArray(templates) || quickened.has(templates)) return;
  quickened.add(templates);
  for (const template of templates) {
    if (typeof template !== 'object' || template === null || Object.hasOwn(template, 'render')) continue;
    if (template instanceof Output) quickenOutput(template as unknown as OutputParts);
    else if (template instanceof IfTag || template instanceof UnlessTag) quickenCondition(template as unknown as ConditionParts);
    else if (template instanceof ForTag) quickenFor(template as unknown as ForParts);
    else if (template instanceof IncludeTag) quickenInclude(template as unknown as IncludeParts);
    else if (template instanceof AssignTag) quickenAssign(template as unknown as AssignParts);
    else if (template instanceof CaptureTag) quickenCapture(template as unknown as CaptureParts);
    else if (template instanceof LayoutTag) quickenLayout(template as unknown as LayoutParts);
    else if (template instanceof BlockTag) quickenBlock(template as unknown as BlockParts);
    else if (isHtml(template)) quickenHtml(template);
  }
}

/** The parts of LiquidJS's HTML templates (the text between tags and outputs) that `quickenHtml` reads. */
interface HtmlParts {
  token: { kind: number };
  str: string;
  render(ctx: unknown, emitter: Emitter): unknown;
}

/** LiquidJS does not export its HTML template's class: its token says what it is. */
function isHtml(template: object): template is HtmlParts {
  const parts = template as Partial<HtmlParts>;
  return parts.token?.kind === TokenKind.HTML && typeof parts.str === 'string';
}

/** LiquidJS's HTML render writes its text: here without a generator for every piece of text of every page. */
function quickenHtml(html: HtmlParts): void {
  html.render = (_ctx, emitter) => {
    emitter.write(html.str);
    return undefined;
  };
}

function quickenOutput(output: OutputParts): void {
  const lookup = lookupOf(output.value);
  if (!lookup) return;
  const slow = output.render;
  output.render = function (ctx, emitter) {
    const found = lookup(ctx);
    if (found === SLOW) return slow.call(this, ctx, emitter);
    emitter.write(settled(found));
    return undefined;
  };
}

function quickenCondition(tag: ConditionParts): void {
  const branches = tag.branches.map((branch) => ({ ...FRESH, ...branch, lookup: lookupOf(branch.value) ?? conditionOf(branch.value), test: branch.test ?? (isTruthy as (value: unknown, ctx: unknown) => boolean) }));
  const otherwise = tag.elseTemplates ?? [];
  const renderer = tag.liquid.renderer;
  tag.render = (ctx, emitter) => {
    for (const branch of branches) {
      let found: unknown = branch.lookup ? branch.lookup(ctx) : SLOW;
      if (found === SLOW) found = runToEnd(branch.value.value(ctx, ctx.opts.lenientIf ?? false));
      if (branch.test(settled(found), ctx)) {
        ranToEnd(renderer.renderTemplates(branch.templates, ctx, emitter));
        return undefined;
      }
    }
    ranToEnd(renderer.renderTemplates(otherwise, ctx, emitter));
    return undefined;
  };
}

/** The parts of LiquidJS's renderer and registers that the quick tags use. */
interface TagContext extends ContextParts {
  getRegister(key: string, defaultValue?: unknown): unknown;
  setRegister(key: string, value: unknown): unknown;
  saveRegister(...keys: string[]): unknown;
  restoreRegister(saved: unknown): void;
  push(scope: object): void;
  pop(): void;
  bottom(): Record<string, unknown>;
  breakCalled: boolean;
  continueCalled: boolean;
  sync: boolean;
}

type TagRenderer = { renderTemplates(templates: unknown, ctx: TagContext, emitter?: Emitter): unknown };

/** An argument list of a tag (`key: value, …`): LiquidJS's `Hash`, whose values are tokens, or undefined for a key alone. */
type HashParts = { hash: Record<string, PostfixToken | undefined> };

/**
 * The arguments of a tag, each read as LiquidJS's `Hash.render` reads it (a
 * key alone is true), when every value is a literal or a plain name:
 * undefined otherwise. The reader gives SLOW where LiquidJS must read.
 */
function argumentsOf(hash: HashParts): ((ctx: ContextParts) => Record<string, unknown> | typeof SLOW) | undefined {
  const entries: [string, ((ctx: ContextParts) => unknown) | undefined][] = [];
  for (const [key, token] of Object.entries(hash.hash)) {
    if (token === undefined) {
      entries.push([key, undefined]);
      continue;
    }
    const read = readerOf(token);
    if (!read) return undefined;
    entries.push([key, read]);
  }
  return (ctx) => {
    const values: Record<string, unknown> = {};
    for (const [key, read] of entries) {
      const found = read ? read(ctx) : true;
      if (found === SLOW) return SLOW;
      values[key] = found;
    }
    return values;
  };
}

/** LiquidJS's scopes: objects without a prototype, so that no name of Object's is found in them. */
function createScope(from?: object): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, from);
}

/** LiquidJS's `toEnumerable`: what a `for` loop goes over. */
function toEnumerable(value: unknown): unknown[] {
  const plain: unknown = toValue(value);
  if (Array.isArray(plain)) return plain;
  if (typeof plain === 'string') return plain.length > 0 ? [plain] : [];
  if (plain === null || (typeof plain !== 'object' && typeof plain !== 'function')) return [];
  if (Symbol.iterator in plain) return Array.from(plain as Iterable<unknown>);
  return Object.keys(plain).map((key) => [key, (plain as Record<string, unknown>)[key]]);
}

/**
 * LiquidJS's `forloop` (its `ForloopDrop`, which it does not export): the
 * same name, the same properties in the same order, so that `{{ forloop }}`
 * writes the same JSON, and the same methods.
 */
class ForloopDrop extends Drop {
  i: number;
  length: number;
  name: string;
  constructor(length: number, collection: string, variable: string) {
    super();
    this.i = 0;
    this.length = length;
    this.name = `${variable}-${collection}`;
  }
  next(): void {
    this.i++;
  }
  index0(): number {
    return this.i;
  }
  index(): number {
    return this.i + 1;
  }
  first(): boolean {
    return this.i === 0;
  }
  last(): boolean {
    return this.i === this.length - 1;
  }
  rindex(): number {
    return this.length - this.i;
  }
  rindex0(): number {
    return this.length - this.i - 1;
  }
  override valueOf(): string {
    return JSON.stringify(this);
  }
}

/** The parts of LiquidJS's `for` tag that `quickenFor` reads. */
interface ForParts {
  liquid: { renderer: TagRenderer };
  variable: string;
  collection: PostfixToken & { getText(): string };
  hash: HashParts;
  templates: unknown[];
  elseTemplates: unknown[];
  render(ctx: TagContext, emitter: Emitter): unknown;
}

/**
 * `{% for x in a.b %}` without `limit`, `offset` or `reversed`, as LiquidJS's
 * `ForTag.render` does it, step for step (its register for `offset:
 * continue` kept as it keeps it), without a generator around every loop.
 */
function quickenFor(tag: ForParts): void {
  const read = readerOf(tag.collection);
  // A loop variable named `forloop` hides the counter LiquidJS moves on (and fails on): left to LiquidJS.
  if (!read || Object.keys(tag.hash.hash).length > 0 || tag.variable === 'forloop') return;
  const slow = tag.render;
  const renderer = tag.liquid.renderer;
  const name = tag.collection.getText();
  const continueKey = `continue-${tag.variable}-${name}`;
  tag.render = function (ctx, emitter) {
    const found = read(ctx);
    if (found === SLOW) return slow.call(this, ctx, emitter);
    const collection = toEnumerable(found);
    if (collection.length === 0) {
      ranToEnd(renderer.renderTemplates(tag.elseTemplates, ctx, emitter));
      return undefined;
    }
    ctx.setRegister(continueKey, collection.length);
    const forloop = new ForloopDrop(collection.length, name, tag.variable);
    const scope = createScope({ forloop });
    ctx.push(scope);
    for (const item of collection) {
      scope[tag.variable] = item;
      ctx.continueCalled = ctx.breakCalled = false;
      ranToEnd(renderer.renderTemplates(tag.templates, ctx, emitter));
      if (ctx.breakCalled) break;
      forloop.next();
    }
    ctx.continueCalled = ctx.breakCalled = false;
    ctx.pop();
    return undefined;
  };
}

/** The parts of LiquidJS's `include` tag that `quickenInclude` reads. */
interface IncludeParts {
  liquid: { renderer: TagRenderer; options: { jekyllInclude?: unknown }; _parsePartialFile: ParseFile };
  file: unknown;
  currentFile?: string;
  hash: HashParts;
  withVar?: unknown;
  render(ctx: TagContext, emitter: Emitter): unknown;
}

/**
 * `{% include 'name', key: value %}` of a partial named by a string, with
 * arguments that are literals or plain names, as LiquidJS's
 * `IncludeTag.render` does it: the blocks saved and emptied around the
 * partial, its arguments a scope of their own.
 */
function quickenInclude(tag: IncludeParts): void {
  const file = tag.file;
  const values = argumentsOf(tag.hash);
  if (typeof file !== 'string' || !file || !values || tag.withVar !== undefined || tag.liquid.options.jekyllInclude) return;
  const slow = tag.render;
  const liquid = tag.liquid;
  tag.render = function (ctx, emitter) {
    // The partial is parsed as the render runs: a render that is not synchronous is LiquidJS's, as for `layout`.
    const found = ctx.sync ? values(ctx) : SLOW;
    if (found === SLOW) return slow.call(this, ctx, emitter);
    const saved = ctx.saveRegister('blocks', 'blockMode');
    ctx.setRegister('blocks', {});
    ctx.setRegister('blockMode', BLOCK_MODE_OUTPUT);
    const templates = ranToEnd(liquid._parsePartialFile(file, true, tag.currentFile));
    ctx.push(createScope(found));
    ranToEnd(liquid.renderer.renderTemplates(templates, ctx, emitter));
    ctx.pop();
    ctx.restoreRegister(saved);
    return undefined;
  };
}

/** LiquidJS's `BlockMode` (an enum it does not export): blocks are written where they stand (OUTPUT), or kept for the layout (STORE). */
const BLOCK_MODE_OUTPUT = 0;
const BLOCK_MODE_STORE = 1;

/** The parts of LiquidJS's `layout` tag that `quickenLayout` reads. */
interface LayoutParts {
  liquid: { renderer: TagRenderer; _parseLayoutFile: ParseFile };
  file: unknown;
  currentFile?: string;
  args: HashParts;
  templates: unknown[];
  render(ctx: TagContext, emitter: Emitter): unknown;
}

/**
 * `{% layout 'name' %}` without arguments (which LiquidJS reads after the
 * page's own blocks, so they could not be read first), as LiquidJS's
 * `LayoutTag.render` does it: the page's blocks kept, the whole page as the
 * anonymous block when it has none, then the layout written with them.
 */
function quickenLayout(tag: LayoutParts): void {
  const file = tag.file;
  if ((file !== undefined && (typeof file !== 'string' || !file)) || Object.keys(tag.args.hash).length > 0) return;
  const slow = tag.render;
  const liquid = tag.liquid;
  tag.render = function (ctx, emitter) {
    if (!ctx.sync) return slow.call(this, ctx, emitter);
    const renderer = liquid.renderer;
    if (file === undefined) {
      ctx.setRegister('blockMode', BLOCK_MODE_OUTPUT);
      ranToEnd(renderer.renderTemplates(tag.templates, ctx, emitter));
      return undefined;
    }
    const templates = ranToEnd(liquid._parseLayoutFile(file, true, tag.currentFile));
    ctx.setRegister('blockMode', BLOCK_MODE_STORE);
    const html = ranToEnd(renderer.renderTemplates(tag.templates, ctx));
    const blocks = ctx.getRegister('blocks', {}) as Record<string, BlockRender>;
    if (blocks[''] === undefined) blocks[''] = (_parent, into) => into.write(html);
    ctx.setRegister('blockMode', BLOCK_MODE_OUTPUT);
    ctx.push(createScope({}));
    ranToEnd(renderer.renderTemplates(templates, ctx, emitter));
    ctx.pop();
    return undefined;
  };
}

/** How a block is written, given the block it overrides (`{{ block.super }}`): LiquidJS's own give a generator, the quick ones nothing. */
type BlockRender = (superBlock: unknown, emitter: Emitter) => unknown;

/**
 * LiquidJS's `block` (its `BlockDrop`, which it does not export, by the same
 * name): `{{ block.super }}` writes the block this one overrides. What
 * writes it is a generator, as LiquidJS's is, so that merely reading it
 * (`{{ block.superBlockRender }}`) writes nothing.
 */
class BlockDrop extends Drop {
  constructor(readonly superBlockRender: (emitter: Emitter) => unknown = () => '') {
    super();
  }
  *super(): Generator<unknown, string, unknown> {
    const emitter = { buffer: '', write(html: unknown) { this.buffer += stringify(html); } };
    yield this.superBlockRender(emitter);
    return emitter.buffer;
  }
}

/** The parts of LiquidJS's `block` tag that `quickenBlock` reads. */
interface BlockParts {
  liquid: { renderer: TagRenderer };
  block: string;
  templates: unknown[];
  render(ctx: TagContext, emitter: Emitter): unknown;
}

/**
 * `{% block name %}`, as LiquidJS's `BlockTag.render` does it: kept for the
 * layout while a page's blocks are gathered, else written, through the
 * block of the same name a page gave (which may write this one as
 * `block.super`), or as it stands.
 */
function quickenBlock(tag: BlockParts): void {
  const renderer = tag.liquid.renderer;
  const render = (ctx: TagContext): BlockRender => {
    const renderChild = (ctx.getRegister('blocks', {}) as Record<string, BlockRender | undefined>)[tag.block];
    const renderCurrent: BlockRender = (superBlock, emitter) => {
      const stack = ctx.getRegister('blockStack', []) as unknown[];
      if (stack.includes(tag)) throw new Error('block tag cannot be nested');
      stack.push(tag);
      ctx.push(createScope({ block: superBlock }));
      ranToEnd(renderer.renderTemplates(tag.templates, ctx, emitter));
      ctx.pop();
      stack.pop();
      return undefined;
    };
    return renderChild ? (superBlock, emitter) => renderChild(new BlockDrop((into) => (function* () { yield renderCurrent(superBlock, into); })()), emitter) : renderCurrent;
  };
  tag.render = (ctx, emitter) => {
    const blockRender = render(ctx);
    if (ctx.getRegister('blockMode') === BLOCK_MODE_STORE) (ctx.getRegister('blocks', {}) as Record<string, BlockRender>)[tag.block] = blockRender;
    else ranToEnd(blockRender(new BlockDrop(), emitter));
    return undefined;
  };
}

/** The parts of LiquidJS's `assign` tag that `quickenAssign` reads. */
interface AssignParts {
  key: string;
  value: ValueParts;
  render(ctx: TagContext, emitter: Emitter): unknown;
}

/** `{% assign x = a.b | f %}`, looked up as an output is (`lookupOf`), else by LiquidJS's own evaluation. */
function quickenAssign(tag: AssignParts): void {
  const lookup = lookupOf(tag.value);
  if (!lookup) return;
  tag.render = (ctx) => {
    let found = lookup(ctx);
    if (found === SLOW) found = runToEnd(tag.value.value(ctx, ctx.opts.lenientIf ?? false));
    ctx.bottom()[tag.key] = found;
    return undefined;
  };
}

/** The parts of LiquidJS's `capture` tag that `quickenCapture` reads. */
interface CaptureParts {
  liquid: { renderer: TagRenderer; options: { outputEscape?: unknown } };
  variable: string;
  templates: unknown[];
  render(ctx: TagContext, emitter: Emitter): unknown;
}

/**
 * `{% capture x %}…{% endcapture %}`: the text rendered by the renderer, run
 * to its end, and kept; in an HTML or JSON template also named as captured
 * (see `capturedTexts`), as LiquidJS's own capture does here.
 */
function quickenCapture(tag: CaptureParts): void {
  const renderer = tag.liquid.renderer;
  const encoded = tag.liquid.options.outputEscape !== undefined;
  tag.render = (ctx) => {
    const text = ranToEnd(renderer.renderTemplates(tag.templates, ctx));
    ctx.bottom()[tag.variable] = text;
    if (encoded && typeof text === 'string') captured(ctx as unknown as { memoryLimit?: unknown }).add(text);
    return undefined;
  };
}

/**
 * The texts each render's `{% capture %}` tags made in an HTML or JSON
 * template, by the render (its memory limit, which a partial's scope of its
 * own, `{% render %}`, shares with the render that spawned it): text already in the output's own form
 * (escaped for HTML, encoded as JSON), which `{{ x }}` and `{% echo x %}`
 * write as they are instead of escaping them a second time (a captured
 * `<b>R&amp;D</b>` shown as `&lt;b&gt;R&amp;amp;D…`). The value stays a
 * plain text, so every tag, operator and filter reads it as before (an
 * include's name, `== blank`, a date filter); what a filter makes of it is
 * another text, and is escaped. A value of the release equal to a captured
 * text, character for character, is written as that text: the same bytes the
 * template wrote itself, so nothing a template could not write reaches the page.
 */
const capturedTexts = new WeakMap<object, Set<string>>();
/** Whether any render has captured in an HTML or JSON template: until one has (the built-in sets never do), no output is looked up. */
let anyCaptured = false;

function captured(ctx: { memoryLimit?: unknown }): Set<string> {
  anyCaptured = true;
  const render = ctx.memoryLimit as object;
  let texts = capturedTexts.get(render);
  if (!texts) capturedTexts.set(render, (texts = new Set()));
  return texts;
}

/** Whether `value` is a text a `{% capture %}` of the render `self` belongs to made (see `capturedTexts`). */
function isCaptured(self: { context?: { memoryLimit?: unknown } } | undefined, value: unknown): boolean {
  if (!anyCaptured) return false;
  const render = self?.context?.memoryLimit;
  return typeof value === 'string' && typeof render === 'object' && render !== null && capturedTexts.get(render)?.has(value) === true;
}

/** LiquidJS's `capture`, naming what it captures in an HTML or JSON template as captured, as `quickenCapture` does. */
class EncodedCaptureTag extends CaptureTag {
  override *render(ctx: Parameters<CaptureTag['render']>[0]): Generator<unknown, void, unknown> {
    const text = yield this.liquid.renderer.renderTemplates(this.templates, ctx);
    ctx.bottom()[this.variable] = text;
    if (typeof text === 'string') captured(ctx as unknown as { memoryLimit?: unknown }).add(text);
  }
}

/** LiquidJS's test for a value to run rather than keep: anything with `next`, `throw` and `return`. */
function isIterator(value: unknown): value is Iterator<unknown> {
  if (typeof value !== 'object' && typeof value !== 'function') return false;
  if (value === null) return false;
  const v = value as Partial<Generator>;
  return typeof v.next === 'function' && typeof v.throw === 'function' && typeof v.return === 'function';
}

/**
 * Runs a render's generators to the end, step for step as LiquidJS's
 * `renderSync` does (every value a step yields that is itself an iterator
 * is run first, and an error it throws is thrown into the step that yielded
 * it), without its per-step costs: a render takes thousands of steps, and
 * most yield a string or nothing, which is told apart here before any
 * property is looked up.
 */
function runToEnd(iterator: Iterator<unknown>): unknown {
  let value: unknown;
  let failed = false;
  for (;;) {
    const step = failed ? iterator.throw!(value) : iterator.next(value);
    failed = false;
    value = step.value;
    if (isIterator(value)) {
      try {
        value = runToEnd(value);
      } catch (cause) {
        failed = true;
        value = cause;
      }
    }
    if (step.done) return value;
  }
}

/** A value a step gives, run to its end if it is an iterator (a render of a list may be either, see `renderList`). */
function ranToEnd(value: unknown): unknown {
  return isIterator(value) ? runToEnd(value) : value;
}

/**
 * The scope of the page being rendered: what the filters read the page's
 * language, calendars and time zone from (`pageScope`). A partial rendered
 * with `{% render %}` has a scope of its own, holding only what it was
 * given; its filters still work for the page it is part of. Renders run to
 * their end synchronously, one at a time on a thread, so this is the
 * render's own while it runs.
 */
let renderScope: object | undefined;

/** `engine.renderSync(template, scope)`, run by `runToEnd`. */
function renderSync(engine: Liquid, template: Template[], scope: object): unknown {
  const outer = renderScope;
  renderScope = scope;
  lastAbsentKey = undefined;
  try {
    return ranToEnd(engine._render(template, scope, { sync: true }));
  } finally {
    renderScope = outer;
  }
}

/** The page's scope, for a filter (see `renderScope`): the scope it runs in outside a render. */
function pageScope(self: FilterThis): unknown {
  return renderScope ?? self.context.environments;
}

const SCRIPT_TYPES: readonly string[] = ['application/ld+json', 'application/json'];

/** HTML that needs no escaping. Only the rendered body is ever marked so, and the elements `json_script` makes. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

function escapeOutput(this: FilterThis | void, value: unknown): string {
  if (value instanceof SafeHtml) return value.html;
  if (isCaptured(this as FilterThis | undefined, value)) return value as string;
  if (typeof value === 'object' && value !== null) refuseObject(value);
  if (typeof value === 'number') refuseNoNumber(value);
  return escapeHtml(value === null || value === undefined ? '' : String(value));
}

/**
 * A number that is none, printed (`{{ 5 | divided_by: 0 }}` is Infinity, `{{ 0 | modulo: 0 }}` NaN, text counting as 0), would
 * put `NaN` or `Infinity` on the page where a figure was meant: the template's mistake, told where it is, as an object is.
 */
function refuseNoNumber(value: number): void {
  if (!Number.isFinite(value)) throw new Error(`the value printed is ${value}, no number: a math filter divided by zero (divided_by: 0, modulo: 0; text counts as 0)`);
}

/**
 * An object, or a list of them, printed as it is (`{{ release.contacts }}`, `{{ dates }}`) would be `[object Object]` on the page:
 * the template's mistake, told where it is, as the filters tell theirs (`textArgument`).
 */
function refuseObject(value: object): void {
  const isObject = (item: unknown) => typeof item === 'object' && item !== null && !(item instanceof SafeHtml) && !(item instanceof Date);
  if (Array.isArray(value) ? value.some(isObject) : isObject(value)) {
    throw new Error(`the value printed is ${Array.isArray(value) ? 'a list of objects' : 'an object'}, which would show as [object Object]: name one of its fields (release.contacts.first.name, dates.published), or loop over it`);
  }
}

/**
 * A plain text's output as LiquidJS writes it (a list of texts as its items run together), but an object, or a list of
 * them, refused as a page refuses it (`refuseObject`): the text, and the e-mail message's text part made from it, would
 * say [object Object].
 */
function textOutput(value: unknown): string {
  if (typeof value === 'object' && value !== null) refuseObject(value);
  if (typeof value === 'number') refuseNoNumber(value);
  // Given on as it is: LiquidJS's writer makes it text, as it makes every output of a template without this.
  return value as string;
}

/** A JSON template's output: LiquidJS's `json`, but a captured text, which is JSON already, as it is (see `capturedTexts`). */
function encodeOutput(this: FilterThis, value: unknown): string {
  if (isCaptured(this, value)) return value as string;
  return (liquidFilters.json as (this: FilterThis, value: unknown) => string).call(this, value);
}

/** What may not stand as itself in a `<script>` element's JSON (it could end the element, or the line in older parsers), all in one pass. */
const SCRIPT_UNSAFE = /[<>&'\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', "'": '\\u0027', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON that can neither end a `<script>` block nor start a comment in it, and
 * holds no quote or apostrophe of its own inside strings, so even where a
 * template misplaces it (in an attribute) it cannot open new markup.
 */
export function jsonForScript(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return escapeQuotesInStrings(JSON.stringify(value ?? null, replacer) ?? 'null').replace(SCRIPT_UNSAFE, (c) => SCRIPT_ESCAPES[c]!);
}

/**
 * Writes a quote inside a JSON string as `\u0022`, so that only the JSON's
 * own structure holds quote characters. JSON.stringify writes a backslash
 * only to start an escape inside a string, so escapes are read two
 * characters at a time from the start: `\\` is one escape, never the start
 * of `\"`.
 */
function escapeQuotesInStrings(json: string): string {
  return json.includes('\\"') ? json.replace(/\\[\s\S]/g, (escape) => (escape === '\\"' ? '\\u0022' : escape)) : json;
}

export type RenderResult = { ok: true; output: string } | { ok: false; diagnostics: Diagnostic[] };

interface FilterThis { context: { environments: unknown; memoryLimit?: { use(count: number): void } } }

/**
 * Charges what one of this tool's filters made to LiquidJS's memory count,
 * as LiquidJS's own filters charge theirs (`upcase` its text, `join` what it
 * joins). A value kept by `assign` costs nothing more and one kept by `push`
 * one unit, so a filter that charged nothing could fill the memory in a loop
 * with no limit reached: a `wrap` with a long indent makes hundreds of
 * megabytes of a few thousand characters, `paragraphs` millions of strings.
 */
function charge(filter: FilterThis, units: number): void {
  filter.context.memoryLimit?.use(units);
}

/** `text`, once charged to the memory count (see `charge`). */
function chargedText(filter: FilterThis, text: string): string {
  charge(filter, text.length);
  return text;
}

/**
 * The language a filter works in when it is given none: the release's on a
 * release's page (or e-mail), else the page's own (a listing, a tag page,
 * the home page), as the page's words are in it.
 */
function scopeLanguage(self: FilterThis): Language {
  const environments = pageScope(self) as { release?: { lang?: Language }; page?: { lang?: Language } } | undefined;
  return environments?.release?.lang ?? environments?.page?.lang ?? 'en';
}

function languageArgument(self: FilterThis, filter: string, lang: unknown): Language {
  if (lang === undefined || lang === null) return scopeLanguage(self);
  if (typeof lang !== 'string' || !isLanguageTag(lang)) throw new Error(`${filter}: the language must be a BCP 47 tag such as en, az or ru, not ${quote(lang, 40)}`);
  return lang;
}

/**
 * The text a filter of this tool works on: a text, a number or a yes/no as
 * written, nothing as ''; a list or an object is a mistake in the template
 * (`release.contacts | upper` wrote `[OBJECT OBJECT]`), told as the
 * filter's error rather than written.
 */
function textArgument(filter: string, value: unknown): string {
  const plain: unknown = toValue(value);
  if (plain === null || plain === undefined) return '';
  if (typeof plain === 'string') return plain;
  if (typeof plain === 'number' || typeof plain === 'boolean') return String(plain);
  if (value instanceof SafeHtml) return value.html;
  throw new Error(`${filter}: the value must be text, not ${Array.isArray(plain) ? 'a list' : 'an object'} (name one of its fields, or loop over it)`);
}

/** The date text `format_date` and `format_datetime` read, or undefined for none; anything but text is the template's mistake. */
function dateArgument(filter: string, value: unknown): string | undefined {
  const plain: unknown = toValue(value);
  if (plain === null || plain === undefined || plain === '') return undefined;
  // A text that is no date (a date already in words, `entry.date`; `"now"`) or no day of the calendar (`2026-13-45`, which the
  // arithmetic would roll on into 2027) is told as the filter's, not the date reader's "not a date" at the value.
  if (typeof plain === 'string' && isRealDate(plain)) return plain;
  const what = typeof plain === 'string' ? quote(plain, 40) : Array.isArray(plain) ? 'a list' : typeof plain === 'object' ? 'an object' : `the ${typeof plain} ${String(plain)}`;
  throw new Error(`${filter}: the value must be a date written as text (release.date, dates.embargo_iso …), not ${what}`);
}

/** A time zone a template names (`format_datetime: 'az', 'Europe/London'`): an IANA name, else the filter's error, not the date library's. */
function zoneArgument(filter: string, zone: unknown): string {
  if (typeof zone !== 'string' || !isKnownTimeZone(zone)) throw new Error(`${filter}: the time zone must be an IANA name such as Europe/London or Asia/Baku, not ${quote(zone, 40)}`);
  return zone;
}

function wholeNumber(filter: string, what: string, value: unknown, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${filter}: the ${what} must be a whole number from ${min} to ${max}, not ${quote(value, 40)}`);
  return n;
}

/**
 * Text cut at a word boundary to at most `length` characters (code points, a
 * wide one such as Chinese counting two), with an ellipsis when cut; a
 * conjunction or preposition of `lang` never ends it.
 */
export function shorten(value: string, length: number, lang?: Language): string {
  return shortenTitle(value, length, lang);
}

/** The calendar the config shows `lang`'s dates in, from the page's `site.calendars` (see `calendarFor`). */
function configCalendar(filter: FilterThis, lang: Language): Calendar | undefined {
  const calendars = (pageScope(filter) as { site?: { calendars?: unknown } } | undefined)?.site?.calendars;
  return calendars !== null && typeof calendars === 'object' ? calendarFor(calendars as Readonly<Record<string, Calendar>>, lang) : undefined;
}

/** LiquidJS's filters that read a date, each in the zone of the engine's options when given none of its own. */
const DATE_FILTERS = ['date', 'date_to_xmlschema', 'date_to_rfc822', 'date_to_string', 'date_to_long_string'];

/**
 * LiquidJS's date filters show a date in the time zone of the machine that
 * runs the build and name its months in the machine's locale, so
 * `{{ release.date | date: "%d.%m.%Y" }}` gave 28.01.2026 on a runner in
 * Baku and 27.01.2026 on one in New York. Here they show it in the config's
 * zone (the page's `site.timezone`), a calendar date as its midnight there,
 * as `dates.published_iso` reads it, with English month and day names (the
 * release's language has `format_date`). `"now"` and `"today"` are the
 * build's clock (`--now`) where the renderer was given it, so that a page
 * that shows them is the same in every build at that time.
 */
function fixDateFilters(engine: Liquid, run: EngineRun): void {
  for (const name of DATE_FILTERS) {
    const filter = engine.filters[name];
    if (filter === undefined) continue;
    const handler = (typeof filter === 'function' ? filter : filter.handler) as (this: unknown, ...args: unknown[]) => unknown;
    engine.registerFilter(name, function (this: FilterThis & { context: { opts: object } }, value: unknown, ...args: unknown[]) {
      const zone = (pageScope(this) as { site?: { timezone?: unknown } } | undefined)?.site?.timezone;
      const timeZone = typeof zone === 'string' ? zone : 'UTC';
      let date = value;
      const now = run.now;
      if (now !== undefined && (value === 'now' || value === 'today')) date = new Date(now).toISOString();
      else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        try {
          date = toDateTime(value, timeZone);
        } catch {
          // Not a day of the calendar: LiquidJS gives it back as it is.
        }
      }
      // A zone of the template's own (`date: "%H:%M", "Europe/London"`) that is none: said as the filter's error, not the date library's.
      if (name === 'date' && typeof args[1] === 'string') zoneArgument(name, args[1]);
      const context = Object.create(this.context, { opts: { value: { ...FRESH, ...this.context.opts, timezoneOffset: timeZone, locale: 'en-US' } } }) as unknown;
      return handler.call({ ...FRESH, ...this, context }, date, ...args);
    });
  }
}

/**
 * Whether a template of the set names the build's clock, `"now"` or `"today"`, which LiquidJS's date filters show (see
 * `fixDateFilters`): its pages then change with the clock alone, which no release, config or template change says, so an
 * incremental build renders them again whenever its clock is another (the build's fingerprint holds it). Read from the
 * templates' text: a clock word put together while rendering (`'no' | append: 'w'`) is not seen.
 */
export function readsClock(set: TemplateSet): boolean {
  for (const file of set.files.values()) if (/(["'])(?:now|today)\1/.test(file.source)) return true;
  return false;
}

/** LiquidJS's filters whose result holds an object of some size for each item: charged these units of memory more for each. */
const ITEM_SURCHARGE: Readonly<Record<string, number>> = { sort: 8, sort_natural: 8, group_by: 64, group_by_exp: 64 };

type Steps = Generator<unknown, unknown, unknown>;

/**
 * LiquidJS's filters that go through a list item by item (`where_exp`,
 * `has_exp`, `group_by`, `sort`, `map`, `sum` …) are generators run within
 * one step of the render, where its time limit is never looked at: a filter
 * over a range of millions, or one inside the expression another runs for
 * each item (`r | has_exp: "y", "r | has_exp: 'z', 'z == 0'"`), ran for hours
 * in a template a pull request brought. Each now looks at the clock as a
 * list's templates do (`checkRenderTime`), at one item in
 * `STEPS_PER_CLOCK_CHECK`. Those that make an object for each item are
 * charged for it (`ITEM_SURCHARGE`), before they start: a group for each of
 * a million numbers took a gigabyte, where the count, one unit an item,
 * allowed sixteen million.
 */
function limitListFilters(engine: Liquid): void {
  for (const name of Object.keys(engine.filters)) wrapFilter<FilterThis & { context: ListContext }>(engine, name, (handler) => {
    if (Object.getPrototypeOf(handler) !== GENERATOR_FUNCTION) return undefined;
    const surcharge = ITEM_SURCHARGE[name] ?? 0;
    return function* (this: FilterThis & { context: ListContext }, ...args: unknown[]): Steps {
      if (surcharge > 0 && Array.isArray(args[0])) charge(this, args[0].length * surcharge);
      const steps = handler.apply(this, args) as Steps;
      let step = steps.next();
      while (!step.done) {
        checkRenderTime(this.context);
        let answer: unknown;
        try {
          answer = yield step.value;
        } catch (cause) {
          step = steps.throw(cause);
          continue;
        }
        step = steps.next(answer);
      }
      return step.value;
    };
  });
}

/**
 * LiquidJS's filter `name` replaced by what `wrap` makes of its handler, with its options (`raw` …) kept; left as it is when
 * `wrap` makes nothing of it, or when there is no such filter.
 */
function wrapFilter<This>(engine: Liquid, name: string, wrap: (handler: (this: This, ...args: unknown[]) => unknown) => ((this: This, ...args: unknown[]) => unknown) | undefined): void {
  const filter = engine.filters[name];
  if (filter === undefined) return;
  const wrapped = wrap((typeof filter === 'function' ? filter : filter.handler) as (this: This, ...args: unknown[]) => unknown);
  if (wrapped === undefined) return;
  engine.registerFilter(name, (typeof filter === 'function' ? wrapped : { ...FRESH, ...filter, handler: wrapped }) as Parameters<Liquid['registerFilter']>[1]);
}

/** A filter reading a field of each item, named by its first argument (see `nameItemFields`, `demandItemFields`). */
type FieldFilterThis = FilterThis & { context: FieldReader; token?: { args?: unknown[] } };

/** `error` placed at the filter's quoted field (a token of the template's own text), not at 1:1 of the text LiquidJS read it from. */
function atField(filter: FieldFilterThis, error: ItemFieldError): RenderError {
  const argument = filter.token?.args?.[0] as { getPosition?: unknown } | undefined;
  return new RenderError(error, { token: typeof argument?.getPosition === 'function' ? argument : filter.token } as unknown as Template);
}

const GENERATOR_FUNCTION = Object.getPrototypeOf(function* () {});

/** LiquidJS's filters that read a field of each item of a list, named by their first argument (`where: 'lang', 'en'`), strictly. */
const ITEM_FIELD_FILTERS = ['where', 'reject', 'group_by', 'has', 'find', 'find_index'];

/**
 * A field an item of a list lacks, named by a filter's quoted argument: what LiquidJS reports as an
 * undefined variable (`undefined variable: lang`) read from a text of its own, though the quoted name is
 * no variable of the template but a field of the items (see `describeItemField`).
 */
class ItemFieldError extends Error {
  /** `count`: the number of items of the list when none of them has the field (a filter that reads it leniently, `sort`). */
  constructor(readonly filter: string, readonly field: string, readonly missing: string, readonly item: unknown, readonly count?: number) {
    super(`filter ${filter}: ${count === undefined ? `an item has no ${missing}` : `no item has ${missing}`}`);
  }
}

/**
 * LiquidJS reads `where: 'lang'` as the name `lang` looked up in each item, and under strict variables reports an item without
 * it as the template's variable `lang`: each of these filters now says which of its items lacks which field, at its argument.
 */
function nameItemFields(engine: Liquid): void {
  for (const name of ITEM_FIELD_FILTERS) wrapFilter<FieldFilterThis>(engine, name, (handler) => function* (this: FieldFilterThis, list: unknown, field: unknown, ...rest: unknown[]): Steps {
    try {
      return yield* handler.call(this, list, field, ...rest) as Steps;
    } catch (cause) {
      const missing = (cause as { originalError?: { variableName?: unknown } } | undefined)?.originalError?.variableName;
      if ((cause as { name?: unknown } | undefined)?.name !== 'UndefinedVariableError' || typeof missing !== 'string') throw cause;
      const path = String(field);
      const items = Array.isArray(list) ? list : [list];
      throw atField(this, new ItemFieldError(name, path, missing, items.find((each) => valueAt(each, path) === undefined)));
    }
  });
}

/** LiquidJS's filters that read a field of each item named by their first argument leniently: an item without it gives nil. */
const LENIENT_FIELD_FILTERS = ['sort', 'sort_natural', 'map', 'sum'];

/** What reading a field of an item takes: the context's own read, which the filters use (`nilForAbsentValues` included). */
interface FieldReader { readProperty(obj: unknown, key: unknown): unknown }

/**
 * LiquidJS's `sort`, `sort_natural`, `map` and `sum` read an item without the field as nil, so a misspelt field
 * (`sort: 'dat'`) gave a listing in its own order, a list of nils or 0, and no error. An item may lack a value (null,
 * which reads as present), but a field that no item of a list has is a misspelling: each of these filters now reports
 * it at its argument, as `nameItemFields` reports a field an item lacks. Only given a field, and over a list with items.
 */
function demandItemFields(engine: Liquid): void {
  for (const name of LENIENT_FIELD_FILTERS) wrapFilter<FieldFilterThis>(engine, name, (handler) => function* (this: FieldFilterThis, list: unknown, field: unknown, ...rest: unknown[]): Steps {
    // Most calls name a field the first item has as its own (`map: 'og_locale'` on each page): nothing to look further for.
    const first: unknown = Array.isArray(list) ? list[0] : undefined;
    const plain = typeof field === 'string' && !field.includes('.') && typeof first === 'object' && first !== null && !(first instanceof Drop) && Object.hasOwn(first, field);
    if (!plain && typeof field === 'string' && field !== '' && Array.isArray(list) && list.length > 0) {
      const keys = field.split('.');
      const without = itemWithoutField(this.context, list, keys);
      if (without !== undefined) throw atField(this, new ItemFieldError(name, field, keys.slice(0, without.depth + 1).join('.'), without.item, list.length));
    }
    return yield* handler.call(this, list, field, ...rest) as Steps;
  });
}

/**
 * The first item that reads undefined somewhere along `keys`, and where, when no item reads the whole path (the field is
 * none of theirs); undefined as soon as one does, even as nil. An item that reads nil on the way (`image.url` of a release
 * without an image) tells nothing either way. One read a key and nothing made for an item: these filters go through every
 * release of a site, and a field written right is found on the first item.
 */
function itemWithoutField(context: FieldReader, items: readonly unknown[], keys: readonly string[]): { item: unknown; depth: number } | undefined {
  let without = -1;
  let withoutDepth = 0;
  for (let i = 0; i < items.length; i++) {
    let here = items[i];
    let depth = 0;
    for (; depth < keys.length && here !== null && here !== undefined; depth++) {
      here = context.readProperty(here, keys[depth]);
      if (here === undefined) break;
    }
    if (depth === keys.length) return undefined;
    if (here === undefined && without < 0) {
      without = i;
      withoutDepth = depth;
    }
  }
  return without < 0 ? undefined : { item: items[without], depth: withoutDepth };
}

/** The engines made here (`createEngine`): what `nilForAbsentValues` changes is theirs alone, not a library caller's own LiquidJS. */
const ENGINES = new WeakSet<Liquid>();

/**
 * Under strict variables LiquidJS takes every value it reads as undefined for a name that is not there: the first element of an
 * empty list (`release.tags.first`, `release.tags[0]`, `.last`) and a name the template assigned such a value
 * (`{% assign t = release.tags | first %}{% if t %}`) too, so a template that tests them breaks the day a release has no tags.
 * Both are nil, as every value a release may lack is: only a name that no object has (a misspelling) is an error.
 */
function nilForAbsentValues(): void {
  const read = Context.prototype.readProperty;
  Context.prototype.readProperty = function (this: Context, obj: Parameters<typeof read>[0], key: Parameters<typeof read>[1]): unknown {
    const value: unknown = read.call(this, obj, key);
    if (value !== undefined || !ENGINES.has(this.liquid as Liquid)) return value;
    const name = toValue(key) as unknown;
    if (Array.isArray(obj)) {
      if (name === 'first' || name === 'last' || typeof name === 'number') return null;
    } else if (typeof obj === 'object' && obj !== null && (typeof name === 'string' || typeof name === 'number') && Object.hasOwn(obj, name)) {
      return null;
    }
    lastAbsentKey = { owner: obj, key: name };
    return value;
  };
}

/**
 * The value the last read of an absent key was made of, and the key: under strict variables the read an undefined-variable
 * error comes from, since LiquidJS throws at once (`_getFromScope`). It tells what a name stood for where the template used
 * it, which its text cannot: a loop's item in a partial the loop includes or renders (`item.titel`), a value given to a
 * `{% render %}` under another name. Reads run one at a time on a thread, and the error is described before the next render.
 */
let lastAbsentKey: { owner: unknown; key: unknown } | undefined;
nilForAbsentValues();

/**
 * What an engine's render is charged to and the clock `"now" | date` reads:
 * an engine serves every renderer of its set in the process (see
 * `CompiledTemplates`), each with a meter and a clock of its own, set before
 * each of its renders (renders run to the end, one at a time).
 */
interface EngineRun {
  meter: OutputMeter;
  now: number | undefined;
}

function createEngine(set: TemplateSet, format: OutputFormat, strictVariables: boolean, run: EngineRun, quick = true): Liquid {
  const templates: Record<string, string> = {};
  for (const [name, file] of set.files) templates[name] = file.source;
  const html = format === 'html';
  const engine = new Liquid({
    templates,
    extname: '.liquid',
    strictFilters: true,
    strictVariables,
    // The quick renders (`quickenTemplates`, `renderList`) do what LiquidJS does with `lenientIf` off and `catchAllErrors` unset, as here.
    lenientIf: false,
    ownPropertyOnly: true,
    jsTruthy: false,
    greedy: false,
    // Layouts and partials are parsed once per run, not once per release.
    cache: true,
    ...(html ? { outputEscape: escapeOutput } : format === 'text' ? { outputEscape: textOutput } : { outputEscape: encodeOutput }),
    ...TEMPLATE_LIMITS,
  });
  ENGINES.add(engine);
  if (html || format === 'json' || format === 'ninjs') engine.registerTag('capture', EncodedCaptureTag);
  meterOutput(engine, run, quick);
  if (quick) rememberParsedFiles(engine);
  // Before `limitNesting`, which wraps the `_exp` filters in functions that are no generators.
  limitListFilters(engine);
  nameItemFields(engine);
  demandItemFields(engine);
  limitNesting(engine);
  fixDateFilters(engine, run);
  engine.registerFilter('format_date', function (this: FilterThis, value: unknown, lang?: unknown) {
    const date = dateArgument('format_date', value);
    if (date === undefined) return '';
    const language = languageArgument(this, 'format_date', lang);
    return formatDate(date, language, configCalendar(this, language));
  });
  engine.registerFilter('format_datetime', function (this: FilterThis, value: unknown, lang?: unknown, timeZone?: unknown) {
    const environments = pageScope(this) as { site?: { timezone?: string } } | undefined;
    const zone = timeZone === undefined || timeZone === null ? environments?.site?.timezone ?? 'UTC' : zoneArgument('format_datetime', timeZone);
    const date = dateArgument('format_datetime', value);
    if (date === undefined) return '';
    const language = languageArgument(this, 'format_datetime', lang);
    return formatDateTime(date, language, zone, configCalendar(this, language));
  });
  engine.registerFilter('wrap', function (this: FilterThis, value: unknown, width: unknown = 72, indent: unknown = '') {
    // An indent given as a number is that many spaces (`wrap: 30, 4`), not the digits at the start of every line.
    const prefix = typeof indent === 'number' ? ' '.repeat(wholeNumber('wrap', 'indent', indent, 0, 200)) : textArgument('wrap', indent);
    const lines = wrapText(textArgument('wrap', value), wholeNumber('wrap', 'width', width, 8, 1000), prefix, prefix, scopeLanguage(this));
    // Charged before the lines are joined: each holds the indent, a cheap reference until the join copies it into every line.
    let size = lines.length;
    for (const line of lines) size += line.length;
    charge(this, size);
    return lines.join('\n');
  });
  // Text written in paragraphs (the config's `about`, as `|` keeps them): one for each `<p>` of a page, where a blank line shows nothing.
  engine.registerFilter('paragraphs', function (this: FilterThis, value: unknown) {
    const paragraphs = textParagraphs(chargedText(this, textArgument('paragraphs', value)));
    charge(this, paragraphs.length);
    return paragraphs;
  });
  engine.registerFilter('slugify', function (this: FilterThis, value: unknown) {
    return chargedText(this, slugify(textArgument('slugify', value), scopeLanguage(this)));
  });
  engine.registerFilter('shorten', function (this: FilterThis, value: unknown, length: unknown = 70) {
    return shorten(textArgument('shorten', value), wholeNumber('shorten', 'length', length, 8, 10_000), scopeLanguage(this));
  });
  // Upper case by the release's language (`upcase` is Liquid's, language-blind): a dotted İ in Azerbaijani, a lower-case "г." after a Russian year.
  engine.registerFilter('upper', function (this: FilterThis, value: unknown) {
    return chargedText(this, localeFor(scopeLanguage(this)).upper(textArgument('upper', value)));
  });
  engine.registerFilter('no_break', function (this: FilterThis, value: unknown) {
    return chargedText(this, textArgument('no_break', value).replace(/ /g, '\u00A0').replace(/-/g, '\u2011'));
  });
  // A telephone number in a right-to-left release: to the bidirectional algorithm its groups are numbers parted by spaces, which it lays
  // out right to left (+994 12 555 01 00 read as 00 01 555 12 994+). A left-to-right mark before it keeps the number as written.
  engine.registerFilter('ltr', function (this: FilterThis, value: unknown) {
    const text = chargedText(this, textArgument('ltr', value));
    return text !== '' && localeFor(scopeLanguage(this)).direction === 'rtl' ? `\u200E${text}` : text;
  });
  // A name or a place in a script written the other way from the page's (an English organisation on a Persian page, a Latin city in
  // an Arabic dateline): the bidirectional algorithm joins the number after it to it (`BAKU، 5` laid out apart from `يونيو 2026`), so
  // the page isolates it in a `<bdi>` and the plain text closes it with a mark of the page's direction. A value written the page's way,
  // or with no letter, is left as it is.
  // A page that shows a text of another language (a home page's section of each language's newest releases) names it: `isolate: entry.lang`.
  engine.registerFilter('isolate', function (this: FilterThis, value: unknown, lang?: unknown) {
    const text = chargedText(this, textArgument('isolate', value));
    const direction = localeFor(languageArgument(this, 'isolate', lang)).direction;
    const own = textDirection(text);
    if (own === undefined || own === direction) return text;
    if (html) return new SafeHtml(`<bdi>${escapeHtml(text)}</bdi>`);
    return format === 'json' || format === 'ninjs' ? text : isolatedInText(text, direction);
  });
  const jsonScript = function (this: FilterThis, value: unknown, type: unknown = SCRIPT_TYPES[0]) {
    // Charged value by value as it is written, as LiquidJS's `json` does: a list of one long text many times over is short to keep and long to write.
    const chargeValue = (_key: string, item: unknown) => {
      charge(this, typeof item === 'string' ? item.length : Array.isArray(item) ? item.length + 1 : 2);
      return item;
    };
    if (!html) return jsonForScript(value, chargeValue);
    if (typeof type !== 'string' || !SCRIPT_TYPES.includes(type)) throw new Error(`json_script: the script type must be ${SCRIPT_TYPES.join(' or ')}, not ${quote(type, 40)}`);
    return new SafeHtml(`<script type="${type}">${jsonForScript(value, chargeValue)}</script>`);
  };
  // The body on a web page: each table in a region of its own that scrolls, so that a wide one does not widen the page. Only the
  // body's HTML is touched; any other value, and every value of a plain text or JSON, passes as it is.
  engine.registerFilter('scroll_tables', function (this: FilterThis, value: unknown) {
    if (!(value instanceof SafeHtml)) return value;
    const labels = (pageScope(this) as { labels?: Record<string, unknown> } | undefined)?.labels;
    const label = labels?.table;
    const wrapped = wrapTables(value.html, typeof label === 'string' ? label : undefined);
    // As `{{ labels.table }}` would stop: the words of a language that lacks it are the set's to add (`template/labels`).
    if (wrapped.needsLabel) throw new Error('undefined variable: labels.table');
    return wrapped.html === value.html ? value : new SafeHtml(chargedText(this, wrapped.html));
  });
  // In JSON templates every output is JSON-encoded already; the filter's JSON must not be encoded twice.
  engine.registerFilter('json_script', format === 'json' || format === 'ninjs' ? { handler: jsonScript, raw: true } : jsonScript);
  if (html) {
    // `raw` may keep safe HTML unescaped, but cannot smuggle a release value past the escaping.
    engine.registerFilter('raw', { handler(this: FilterThis, value: unknown) { return chargedText(this, escapeOutput.call(this, value)); }, raw: true });
    // Every output of a page is escaped already: `escape` and `escape_once`, written out of habit (`{{ release.title | escape }}`),
    // escape once, not a second time over their own `&amp;` (`Tom &amp;amp; Jerry` on the page).
    for (const name of ['escape', 'escape_once'] as const) {
      const escape = liquidFilters[name] as (this: FilterThis, value: unknown) => string;
      engine.registerFilter(name, { handler(this: FilterThis, value: unknown) { return chargedText(this, escape.call(this, value instanceof SafeHtml ? value.html : value)); }, raw: true });
    }
  } else if (format === 'json' || format === 'ninjs') {
    // In JSON every value is written as a JSON value; `raw` cannot turn a title into keys of its own.
    engine.registerFilter('raw', (value: unknown) => value);
    // LiquidJS's `json` (and `jsonify`), written out of habit at the end of an output (`{{ release.title | json }}`), encodes once,
    // as every output is encoded, not a second time over its own quotes (`"\"Title\""`); a captured text is JSON already.
    const json = liquidFilters.json as (this: FilterThis, value: unknown, space?: unknown) => string;
    for (const name of ['json', 'jsonify'] as const) {
      engine.registerFilter(name, { handler(this: FilterThis, value: unknown, space?: unknown) { return isCaptured(this, value) ? value as string : json.call(this, value, space); }, raw: true });
    }
  } else {
    // `raw` writes a text as it is, as every output of a plain text is, and refuses an object as they do.
    engine.registerFilter('raw', { handler: textOutput, raw: true });
  }
  return engine;
}

type Compiled = { engine: Liquid; run: EngineRun; template: Template[] } | { error: Diagnostic[] } | null;

/** A template's syntax errors, kept with its set's engines, as new objects for each render that reports them: the caller's to change. */
function copies(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => ({ ...FRESH, ...d }));
}

/** A set's engines (one per format) and the templates they parsed, by format and name. */
interface SetEngines {
  engines: Map<OutputFormat, { engine: Liquid; run: EngineRun }>;
  parsed: Map<string, Compiled>;
}

/**
 * What a set's parsed templates depend on: its files' names, sources, paths and sets, and its own name and lineage. Taken
 * anew for each renderer, never remembered for the set object: a library caller may keep one set and change a file's
 * source between two renders (a preview of a template being edited), and the second must show the template as it is then.
 */
function fingerprint(set: TemplateSet): string {
  const files = [...set.files.values()].map((file) => [file.name, file.set, file.path, file.source]);
  return hash('sha256', JSON.stringify([set.name, set.lineage ?? null, set.ownFolder ?? null, files]), 'base64');
}

/**
 * The parsed templates of the sets a process renders with, shared by its
 * renderers: a build makes several (releases, the site's pages, e-mail), and
 * `serve` or `validate --watch` builds again after every save, where parsing
 * the set's layouts and partials anew took a fifth of a small build. A set
 * is known by what its files hold, not by the object read from disk, so a
 * template edited between two builds is parsed again; the few sets used
 * last are kept.
 */
export class CompiledTemplates {
  private readonly sets = new Map<string, SetEngines>();

  constructor(private readonly size = 4) {}

  /** The engines of `set` as rendered with these options, the most recently used kept last. */
  of(set: TemplateSet, strictVariables: boolean, quick: boolean): SetEngines {
    const key = `${strictVariables ? 1 : 0}${quick ? 1 : 0}${fingerprint(set)}`;
    let entry = this.sets.get(key);
    if (entry) this.sets.delete(key);
    else entry = { engines: new Map(), parsed: new Map() };
    this.sets.set(key, entry);
    if (this.sets.size > this.size) this.sets.delete(this.sets.keys().next().value!);
    return entry;
  }
}

/**
 * Renders releases through one template set: one engine and one compiled
 * template per format, made once per run. Variables are strict: every
 * documented value is present (null when absent), so an unknown name is a
 * mistake in the template and is reported, not rendered as nothing.
 */
export class ReleaseRenderer {
  private readonly meter: OutputMeter;
  private shared: SetEngines | undefined;
  private readonly labels = new Map<string, { from: Record<string, unknown>; labels: Record<string, unknown> }>();

  /**
   * `quickOutputs: false` renders every output through LiquidJS's own
   * generators (see `quickenTemplates`), to compare against.
   */
  /**
   * `now`: the build's clock, which `"now" | date` shows; without it, the machine's.
   * `compiled`: the parsed templates to share with other renderers; without it, the renderer's own.
   */
  constructor(readonly set: TemplateSet, private readonly options: { strictVariables?: boolean; outputLimits?: Partial<typeof OUTPUT_LIMITS>; quickOutputs?: boolean; now?: number; compiled?: CompiledTemplates } = {}) {
    this.meter = { render: 0, run: 0, ...OUTPUT_LIMITS, ...options.outputLimits };
  }

  /** The set's engines and parsed templates, looked up once. */
  private engines(): SetEngines {
    this.shared ??= (this.options.compiled ?? new CompiledTemplates(1)).of(this.set, this.options.strictVariables ?? true, this.options.quickOutputs ?? true);
    return this.shared;
  }

  /** One engine per format, shared by the release's page and the site's pages: layouts and partials they share are parsed once. */
  private engine(format: OutputFormat): { engine: Liquid; run: EngineRun } {
    const { engines } = this.engines();
    let made = engines.get(format);
    if (!made) {
      const run: EngineRun = { meter: this.meter, now: this.options.now };
      made = { engine: createEngine(this.set, format, this.options.strictVariables ?? true, run, this.options.quickOutputs ?? true), run };
      engines.set(format, made);
    }
    return made;
  }

  /** Parses a format's entry template (and what it includes) once; null when the set has none. */
  private compiled(format: OutputFormat): Compiled {
    return this.parse(ENTRY_TEMPLATES[format], format);
  }

  /** The set's template `name`, parsed once by an engine for `format`; null when the set has none, its syntax error when it does not parse. */
  private parse(name: string, format: OutputFormat): Compiled {
    const { parsed } = this.engines();
    const key = `${format}\0${name}`;
    if (parsed.has(key)) return parsed.get(key)!;
    const file = this.set.files.get(name);
    let compiled: Compiled = null;
    if (file) {
      const { engine, run } = this.engine(format);
      const result = parseTemplate(engine, this.set, name, file.source);
      compiled = 'errors' in result ? { error: result.errors } : { engine, run, template: result.template };
    }
    parsed.set(key, compiled);
    return compiled;
  }

  /** Renders a parsed template with this renderer's meter and clock. */
  private renderWith(compiled: { engine: Liquid; run: EngineRun; template: Template[] }, scope: object): string {
    compiled.run.meter = this.meter;
    compiled.run.now = this.options.now;
    this.meter.render = 0;
    const output = renderSync(compiled.engine, compiled.template, scope) as string;
    this.meter.run += output.length;
    return output;
  }

  /**
   * Whether the set has the templates of the site's own pages, from the same
   * set as its release page or a nearer one: a set with a design of its own
   * for releases (email) does not get listings in its parent's design, while
   * a set that changes its listings and takes its release page from its
   * parent does.
   */
  hasSitePages(): boolean {
    return this.sitePagesMissing() === undefined;
  }

  /** Why the set does not build the site's own pages, in a sentence for the build's summary; undefined when it does. */
  sitePagesMissing(): string | undefined {
    return sitePagesMissing(this.set);
  }

  /** Parses the entry template of `format` now, if it is not yet: a render that is timed then times the render alone. */
  compile(format: OutputFormat): void {
    this.compiled(format);
  }

  /** The template that renders `format`: its entry template's name, or `built-in json` (`ninjs`) where the set has none. */
  templateOf(format: OutputFormat): string {
    const name = ENTRY_TEMPLATES[format];
    return this.set.files.has(name) ? name : `built-in ${format}`;
  }

  /** Parses the template of the site's pages of `kind` now, if it is not yet: a render that is timed then times the render alone. */
  compilePage(kind: SitePage): void {
    this.pageTemplate(kind);
  }

  /** The template of the site's pages of `kind`, parsed once; null when the set has none. */
  private pageTemplate(kind: SitePage): Compiled {
    return this.parse(SITE_PAGE_TEMPLATES[kind], 'html');
  }

  /** Renders one of the site's own pages (a listing, a tag page, the home page) as HTML. */
  renderPage(kind: SitePage, view: object): RenderResult {
    const compiled = this.pageTemplate(kind);
    const name = SITE_PAGE_TEMPLATES[kind];
    if (compiled === null) {
      return {
        ok: false,
        diagnostics: [{
          file: this.set.name, line: 1, column: 1, severity: 'error', ruleId: 'template/syntax',
          message: `The template set "${this.set.name}" has no ${name}, so it cannot build the site's ${kind} page.`,
          hint: `Add ${name} to the set; the default set's can be copied with \`migration-news templates eject\`.`,
        }],
      };
    }
    if ('error' in compiled) return { ok: false, diagnostics: copies(compiled.error) };
    try {
      const output = this.renderWith(compiled, view);
      const empty = emptyOutput(output, this.set, name);
      if (empty) return { ok: false, diagnostics: [empty] };
      return { ok: true, output };
    } catch (cause) {
      // A page in one language (a listing, the home page in the site's first) says which labels file lacks a label, as a release's page does.
      const lang = (view as { page?: { lang?: unknown } }).page?.lang;
      return { ok: false, diagnostics: this.renderFailure(cause, compiled.engine, name, typeof lang === 'string' ? lang : undefined, view) };
    }
  }

  /**
   * The diagnostics of a render of `entry` that failed. A partial is parsed
   * when a render first includes it, so its syntax error is met here, not
   * when the entry template is parsed: its other syntax errors are found
   * then, as the entry template's are.
   */
  private renderFailure(cause: unknown, engine: Liquid, entry: string, lang: Language | undefined, scope: unknown): Diagnostic[] {
    const diagnostic = withWayFromEntry(templateDiagnostic(cause, this.set, entry, 'template/render', lang, scope), this.set, entry);
    const error = cause as LiquidLikeError;
    if (!isSyntaxError(error)) return [diagnostic];
    const name = fileOfToken(error.token, this.set, entry);
    const file = this.set.files.get(name);
    if (!file || error.token?.input !== file.source) return [diagnostic];
    const parsed = parseTemplate(engine, this.set, name, file.source);
    const same = (d: Diagnostic) => d.file === diagnostic.file && d.line === diagnostic.line && d.column === diagnostic.column && d.message === diagnostic.message;
    return 'errors' in parsed && parsed.errors.some(same) ? parsed.errors : [diagnostic];
  }

  /** Syntax errors in any file of the set, used or not, for `templates check`. */
  check(only?: ReadonlySet<string>): Diagnostic[] {
    const { engine } = this.engine('html');
    const problems: Diagnostic[] = [];
    for (const [name, file] of this.set.files) {
      if (only !== undefined && !only.has(name)) continue;
      const parsed = parseTemplate(engine, this.set, name, file.source);
      if ('errors' in parsed) problems.push(...parsed.errors);
    }
    return problems;
  }

  /** The view's labels (its language's name and locale) under the set's own for its language: made once per language. */
  private labelsFor(view: ReleaseView): Record<string, unknown> {
    const lang = view.release.lang;
    const known = this.labels.get(lang);
    const own: Record<string, unknown> = view.labels ?? {};
    const keys = Object.keys(own);
    if (known && keys.length === Object.keys(known.from).length && keys.every((key) => known.from[key] === own[key])) return known.labels;
    const labels = { ...FRESH, ...own, ...labelsFor(this.set.labels, lang)?.values };
    this.labels.set(lang, { from: { ...own }, labels });
    return labels;
  }

  render(format: OutputFormat, view: ReleaseView): RenderResult {
    const compiled = this.compiled(format);
    // The footnotes' heading is a label the body itself prints, so no template line names it: the labels file is the place. The
    // built-in JSON and ninjs hold the body too, so they need it as a template does (one wrote the body without its heading).
    if (view.has_footnotes && (compiled === null || !('error' in compiled)) && this.labelsFor(view).footnotes === undefined) {
      return { ok: false, diagnostics: [missingLabel(this.set, view.release.lang, 'footnotes', 'the heading of the body\'s footnotes')] };
    }
    if (compiled === null) {
      if (format === 'json') return { ok: true, output: `${JSON.stringify(jsonDocument(view), null, 2)}\n` };
      if (format === 'ninjs') return { ok: true, output: `${JSON.stringify(ninjsDocument(view), null, 2)}\n` };
      return {
        ok: false,
        diagnostics: [{
          file: this.set.name, line: 1, column: 1, severity: 'error', ruleId: 'template/syntax',
          message: `The template set "${this.set.name}" has no ${ENTRY_TEMPLATES[format]}, so it cannot render ${format}.`,
          hint: `Add ${ENTRY_TEMPLATES[format]} to the set, or leave ${format} out of --format.`,
        }],
      };
    }
    if ('error' in compiled) return { ok: false, diagnostics: copies(compiled.error) };
    // The rendered body is the one value a template may output as HTML.
    const labels = this.labelsFor(view);
    // The status in this set's words (its labels for the release's language, made once per language), which the view, made once
    // for every set a build renders with, cannot know; a view made by hand (the exported renderer's callers') may have no status,
    // and then has no word for it (null).
    const status: unknown = view.release.status;
    const statusWord = typeof status === 'string' ? statusLabel(status, labels as Readonly<Record<string, string>>) : null;
    const scope = format === 'html'
      ? { ...FRESH, ...view, labels, status_label: statusWord, body_html: new SafeHtml(view.body_html) }
      : { ...FRESH, ...view, labels, status_label: statusWord };
    try {
      const output = this.renderWith(compiled, scope);
      if (format === 'json' || format === 'ninjs') {
        const problem = jsonProblem(output);
        if (problem) {
          const file = this.set.files.get(ENTRY_TEMPLATES[format]);
          // The commonest cause, a value written inside quotes of the template's own (`"{{ release.title }}"`, two strings once
          // encoded), is told at those quotes; anything else where the output went wrong, since no template line is known for it.
          const at = outputPlace(output, problem);
          // Told at the quotes only where the output went wrong at a value inside quotes of its own (`""Residence…`).
          const doubled = at !== undefined && output.slice(Math.max(0, at.offset - 2), at.offset) === '""';
          const quoted = file && doubled ? /"[ \t]*\{\{-?|-?\}\}[ \t]*"/.exec(file.source) : null;
          // The next commonest, a loop that writes a comma after every item, the last too (`"a","b",]`): told at that comma.
          const trailing = !quoted && /,\s*[\]}]/.test(output) && file ? /,[ \t]*(?:\r?\n[ \t]*)?\{%-?\s*endfor\b/.exec(file.source) : null;
          if (file && trailing) {
            const place = positionAt(file.source, trailing.index);
            return { ok: false, diagnostics: [{
              file: file.path, ...place, severity: 'error', ruleId: 'template/render',
              message: 'The template\'s output is not valid JSON: a comma comes before a `]` or `}`, as a loop that writes one after every item writes it after the last.',
              hint: 'Write the comma between the items, `{% unless forloop.last %},{% endunless %}`, or print a list whole: `"tags": {{ release.tags }}`.',
              sourceLine: file.source.split('\n')[place.line - 1] ?? '',
            }] };
          }
          const where = file && quoted ? positionAt(file.source, quoted.index) : { line: 1, column: 1 };
          return { ok: false, diagnostics: [{
            file: file?.path ?? this.set.name, ...where, severity: 'error', ruleId: 'template/render',
            message: quoted
              // Without the place in the output, which differs from release to release: one problem of the template, told once.
              ? `The template's output is not valid JSON: ${problem.replace(/ at position \d+/, '')}. A value written with {{ }} is JSON-encoded, quotes and all, so quotes of the template's own around it make two strings.`
              : `The template's output is not valid JSON: ${problem}${at ? ` (line ${at.line}, column ${at.column} of the output: ${at.excerpt})` : ''}.`,
            hint: quoted ? 'Take out the quotes around {{ }}: `"title": {{ release.title }}`.' : 'Write every value with {{ }} (it is JSON-encoded there), and keep the template\'s own braces, commas and quotes balanced.',
            ...(quoted && file ? { sourceLine: file.source.split('\n')[where.line - 1] ?? '' } : {}),
          }] };
        }
      }
      if (format === 'html' || format === 'text') {
        const empty = emptyOutput(output, this.set, ENTRY_TEMPLATES[format]);
        if (empty) return { ok: false, diagnostics: [empty] };
      }
      return { ok: true, output: format === 'text' ? tidyText(output, view.release.dir) : output };
    } catch (cause) {
      return { ok: false, diagnostics: this.renderFailure(cause, compiled.engine, ENTRY_TEMPLATES[format], view.release.lang, view) };
    }
  }
}

/**
 * A page or text that a template rendered as nothing but white space: an
 * `{% if %}` around everything that was false, a block the layout never
 * outputs. Written, it would replace the page an earlier build published
 * with an empty file.
 */
function emptyOutput(output: string, set: TemplateSet, name: string): Diagnostic | undefined {
  if (/\S/.test(output)) return undefined;
  return {
    file: set.files.get(name)?.path ?? set.name, line: 1, column: 1, severity: 'error', ruleId: 'template/render',
    message: `The template ${name} wrote nothing${output === '' ? '' : ' but white space'}, so its page would be empty.`,
    hint: 'Check what decides whether it writes anything, such as an {% if %} around the whole template.',
  };
}

/** Why `text` is not one JSON value, or undefined when it is. */
/** Where in a JSON template's output its parser stopped (`… at position 15`), with the output's line there, shortened. */
function outputPlace(output: string, problem: string): { offset: number; line: number; column: number; excerpt: string } | undefined {
  const position = /at position (\d+)/.exec(problem);
  if (!position) return undefined;
  const offset = Math.min(Number(position[1]), output.length);
  const { line, column } = positionAt(output, offset);
  const text = output.split('\n')[line - 1] ?? '';
  const from = Math.max(0, column - 31);
  return { offset, line, column, excerpt: quote(`${from > 0 ? '…' : ''}${text.slice(from, column + 30)}${column + 30 < text.length ? '…' : ''}`, 80) };
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (cause) {
    // Newer versions of V8 (Node 22 on) add the line and column to the position; the message adds its own, with the output's line.
    const message = (cause instanceof Error ? cause.message : String(cause)).replace(/( at position \d+) \(line \d+ column \d+\)/, '$1');
    return printable(message.slice(0, 120));
  }
}

/** Plain text: no trailing spaces, at most one blank line in a row, one final newline. */
export function tidyText(text: string, dir: 'ltr' | 'rtl' = 'ltr'): string {
  const tidy = `${trimLineEnds(text).replace(/\n{3,}/g, '\n\n').trim()}\n`;
  // Plain text has no `dir`: a reader takes each line's direction from its first letter, so a line of a right-to-left release that
  // opens with a Latin dateline, a number or a list marker would run left to right. A right-to-left mark (U+200F) opens every line.
  return dir === 'rtl' ? tidy.replace(/^(?=.)/gm, '\u200F') : tidy;
}

interface LiquidLikeError {
  name?: string;
  message?: string;
  token?: { file?: string; input?: string; begin?: number; end?: number; getPosition(): [number, number] };
  originalError?: unknown;
}

/**
 * The file of the set an error happened in. LiquidJS does not record the file
 * on every token (not on variable look-ups), but every token holds the whole
 * source of its file, which identifies it.
 */
function fileOfToken(token: LiquidLikeError['token'], set: TemplateSet, entry: string): string {
  if (token?.file) {
    if (set.files.has(token.file)) return token.file;
    if (set.files.has(`${token.file}.liquid`)) return `${token.file}.liquid`;
  }
  if (token?.input !== undefined) {
    if (set.files.get(entry)?.source === token.input) return entry;
    for (const [name, file] of set.files) if (file.source === token.input) return name;
  }
  return entry;
}

/** The paragraphs of `text`, parted by blank lines, each without the spaces around it; none for text of white space alone. */
export function textParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  for (const paragraph of text.split(/\n[ \t]*(?:\n[ \t]*)+/)) {
    const trimmed = paragraph.trim();
    if (trimmed !== '') paragraphs.push(trimmed);
  }
  return paragraphs;
}

const CUSTOM_FILTERS = 'format_date, format_datetime, wrap, paragraphs, shorten, no_break, ltr, isolate, slugify, json_script, upper, scroll_tables';

/** The error one of this tool's filters, or `date` given a zone, throws (`shorten: the length must be …`): the filter, what it says, and what of its input it is about. */
const OWN_FILTER_ERROR = new RegExp(`^(${[...CUSTOM_FILTERS.split(', '), 'date'].join('|')}): (the (value|language|time zone|length|width|indent|script type) [\\s\\S]*)$`);

/** The names of LiquidJS's filters and ours, and of its tags, for a spelling suggestion: read once from an engine, as every engine here has them. */
let names: { filters: string[]; tags: string[] } | undefined;
function liquidNames(): { filters: string[]; tags: string[] } {
  if (!names) {
    const engine = new Liquid();
    names = { filters: [...Object.keys(engine.filters), ...CUSTOM_FILTERS.split(', ')], tags: Object.keys(engine.tags).filter((tag) => /^\w+$/.test(tag)) };
  }
  return names;
}

/**
 * The name a misspelt variable (`release.titel`, `c.nmae` in a loop over
 * `release.contacts`) was likely meant to be: the closest key where the path
 * leaves what `scope` (the page's view) has. `before` is the template's text
 * before the variable, where a loop or an `assign` gave a name its value.
 */
function variableSuggestion(path: string, scope: unknown, before = ''): string | undefined {
  if (!/^[\w-]+(?:\.[\w-]+)*$/.test(path)) return undefined;
  const segments = path.split('.');
  let here: unknown = scope;
  // A name the page's context does not have may be a loop's (`{% for c in release.contacts %}`) or an `assign`'s: its value is looked up from what it was given.
  if (here !== null && typeof here === 'object' && !Object.hasOwn(here, segments[0]!)) {
    const bound = boundTo(segments[0]!, before);
    if (!bound) return undefined;
    here = valueAt(scope, bound.path);
    if (bound.loop) here = Array.isArray(here) ? here[0] : undefined;
    if (segments.length === 1) return undefined;
    return suggestFrom(segments, 1, here);
  }
  return suggestFrom(segments, 0, here);
}

/**
 * The name a misspelt key of a path (`item.titel`) was likely meant to be, from the value the render read it of
 * (`lastAbsentKey`): what the first names of the path held there, whichever loop, include or render gave them. Only a key
 * after the first: the first is a name of the template's own, which the page's names would only guess at (`iten`, `site`).
 */
function absentKeyOwner(path: string): { owner: unknown } | undefined {
  const absent = lastAbsentKey;
  lastAbsentKey = undefined;
  if (!/^[\w-]+(?:\.[\w-]+)+$/.test(path) || absent === undefined || absent.key !== path.split('.').at(-1) || absent.owner instanceof Drop) return undefined;
  return { owner: absent.owner };
}

/**
 * A name a partial uses that a template rendering it with `{% render %}` gave a value of its own before the tag (a loop's
 * item, an assign) but did not pass: render gives a partial only the values named in its tag.
 */
function unpassedToRender(name: string, partial: string, set: TemplateSet): { message: string; hint: string; related: NonNullable<Diagnostic['related']> } | undefined {
  for (const [from, edges] of includeEdges(set)) {
    const source = set.files.get(from)?.source;
    if (source === undefined) continue;
    for (const edge of edges) {
      if (edge.kind !== 'render' || edge.to !== partial) continue;
      const bound = boundTo(name, source.slice(0, edge.begin));
      if (!bound) continue;
      const target = partial.replace(/\.liquid$/, '');
      return {
        message: `The template uses the variable ${name}, which ${from.replace(/\.liquid$/, '')} gives ${bound.loop ? `its {% for ${name} in ${bound.path} %} loop's items` : 'a value'} but does not pass to this partial: {% render %} gives a partial only the values named in its tag.`,
        hint: `Name it in the tag: {% render '${target}', ${name}: ${name} %}, or include the partial with {% include '${target}' %}, which sees the values of the template that includes it.`,
        related: { file: set.files.get(from)!.path, line: edge.line, column: edge.column, message: `${target} is rendered here without ${name}` },
      };
    }
  }
  return undefined;
}

/**
 * A partial's own short name (`card` in partials/card) used for the value an include or render gave it with `with` and no
 * `as`: LiquidJS gives that value the partial's whole name, `partials/card`, which a template cannot write as a variable.
 */
function givenUnderItsPath(name: string, partial: string, set: TemplateSet): { message: string; hint: string; related: NonNullable<Diagnostic['related']> } | undefined {
  const target = partial.replace(/\.liquid$/, '');
  if (!target.includes('/') || target.split('/').at(-1) !== name) return undefined;
  for (const [from, edges] of includeEdges(set)) {
    const file = set.files.get(from);
    if (file === undefined) continue;
    for (const edge of edges) {
      if (edge.to !== partial || edge.kind === 'layout') continue;
      const tag = /^\{%-?\s*(?:include|render)\s+(['"])[^'"]+\1\s+(with|for)\s+(.+?)\s*-?%\}/.exec(file.source.slice(edge.begin, edge.begin + 500));
      if (!tag || /\sas\s+[\w-]+$/.test(tag[3]!)) continue;
      const value = tag[3]!;
      return {
        message: `The template uses the variable ${name}, but {% ${edge.kind} '${target}' ${tag[2]} … %} gives the value the partial's whole name, ${target}, not ${name}: a name with a / cannot be written as a variable.`,
        hint: `Give the value a name in the tag: ${edge.kind === 'render' ? `{% render '${target}' ${tag[2]} ${value} as ${name} %}` : `{% include '${target}', ${name}: ${value} %}`}.`,
        related: { file: file.path, line: edge.line, column: edge.column, message: `${target} is given the value here` },
      };
    }
  }
  return undefined;
}

/** The keys Liquid reads of a value: an object's own, a list's `first`, `last` and `size`, a text's `size`. */
function liquidKeys(value: unknown): string[] {
  if (typeof value === 'string') return ['size'];
  if (value === null || typeof value !== 'object') return [];
  return Array.isArray(value) ? ARRAY_PROPERTIES : Object.keys(value);
}

/** The key of `owner` closest to the last of `path`, as the path the template meant (`item.name` for `item.nmae`). */
function absentKeySuggestion(path: string, owner: unknown): string | undefined {
  const segments = path.split('.');
  const found = closest(segments.at(-1)!, liquidKeys(owner));
  return found === undefined ? undefined : [...segments.slice(0, -1), found].join('.');
}

/**
 * A key of a value that is no object (`c.name` where `c` is a text or a list), with no key of it close: what the value was,
 * and, for a loop's item, what the loop went through (a text is one item, itself; an object its [key, value] pairs).
 */
function notAnObject(path: string, owner: unknown, scope: unknown, before: string): { message: string; hint: string } | undefined {
  const segments = path.split('.');
  const parent = segments.slice(0, -1).join('.');
  const key = segments.at(-1)!;
  const loop = segments.length === 2 ? boundTo(segments[0]!, before) : undefined;
  const over = loop?.loop && scope !== undefined ? valueAt(scope, loop.path) : undefined;
  if (typeof owner === 'string' || typeof owner === 'number' || typeof owner === 'boolean') {
    const what = typeof owner === 'string' ? `the text ${quote(owner)}` : `the ${typeof owner} ${String(owner)}`;
    return {
      message: `The template uses ${path}, but ${parent} is ${what} here, which has no ${key}.`,
      hint: loop?.loop && over === owner
        ? `{% for ${segments[0]} in ${loop.path} %} goes through ${loop.path}, which is ${typeof owner === 'string' ? 'a text' : `a ${typeof owner}`}, not a list: its one item is the value itself. Loop over a list, such as release.contacts or release.tags.`
        : `Write {{ ${parent} }} for the value itself, or name an object that has ${key}.`,
    };
  }
  if (Array.isArray(owner)) {
    const pairs = loop?.loop && over !== null && typeof over === 'object' && !Array.isArray(over) ? over : undefined;
    const field = pairs && (Object.hasOwn(pairs, key) ? key : closest(key, Object.keys(pairs)));
    return {
      message: `The template uses ${path}, but ${parent} is a list here, which has no ${key}: a list has its items, first, last and size.`,
      hint: pairs
        ? `{% for ${segments[0]} in ${loop!.path} %} goes through an object, one [key, value] pair at a time: ${segments[0]}[0] is a key and ${segments[0]}[1] its value. To use one of its fields, name it: {{ ${loop!.path}.${field ?? '…'} }}.`
        : `Take one of its items ({{ ${parent}.first.${key} }}), or loop over it: {% for item in ${parent} %}{{ item.${key} }}{% endfor %}.`,
    };
  }
  return undefined;
}

/** The closest key where `segments`, from `start`, leave what `here` has; an array's own (`first`, `last`, `size`) for an array. */
function suggestFrom(segments: readonly string[], start: number, here: unknown): string | undefined {
  for (let i = start; i < segments.length; i++) {
    const key = segments[i]!;
    const next = property(here, key);
    if (next.found) {
      here = next.value;
      continue;
    }
    if (i === 0 || here === null || typeof here !== 'object') return undefined;
    const found = closest(key, liquidKeys(here));
    return found === undefined ? undefined : [...segments.slice(0, i), found].join('.');
  }
  return undefined;
}

/** What Liquid reads on an array besides its items. */
const ARRAY_PROPERTIES = ['first', 'last', 'size'];

/** A value's property as Liquid reads it: an object's own key, an array's `first`, `last` or `size`. */
function property(here: unknown, key: string): { found: boolean; value?: unknown } {
  if (Array.isArray(here)) {
    if (!ARRAY_PROPERTIES.includes(key)) return { found: false };
    return { found: true, value: key === 'size' ? here.length : here[key === 'first' ? 0 : here.length - 1] };
  }
  if (here === null || typeof here !== 'object' || !Object.hasOwn(here, key)) return { found: false };
  return { found: true, value: (here as Record<string, unknown>)[key] };
}

/**
 * The path a template last gave `name`, before the place of an error: a
 * `{% for name in path %}` (`loop`: its value is an item of it) or an
 * `{% assign name = path %}`, in a tag or a `{% liquid %}` line. Only a
 * plain path counts; one with filters or a range gives no guess.
 */
function boundTo(name: string, before: string): { path: string; loop: boolean } | undefined {
  let bound: { path: string; loop: boolean } | undefined;
  // `name` is a path's first segment: word characters and hyphens, none special in a pattern.
  const binding = new RegExp(`(?:\\{%-?|^)[ \\t]*(?:for[ \\t]+${name}[ \\t]+in[ \\t]+([\\w.-]+)[ \\t]*(?:-?%\\}|[ \\t]|$)|assign[ \\t]+${name}[ \\t]*=[ \\t]*([\\w.-]+)[ \\t]*(?:-?%\\}|$))`, 'gm');
  for (const m of before.matchAll(binding)) bound = m[1] !== undefined ? { path: m[1], loop: true } : { path: m[2]!, loop: false };
  return bound;
}

/** The value at a dotted path of the page's context, or undefined. */
function valueAt(scope: unknown, path: string): unknown {
  let here = scope;
  for (const key of path.split('.')) {
    const next = property(here, key);
    if (!next.found) return undefined;
    here = next.value;
  }
  return here;
}

/**
 * The hint for a label a language's file lacks when the file has a key no
 * other language has, close to it (`contcts:` in de.yaml for `contacts`):
 * the word is there, under a misspelt name.
 */
function misspeltLabel(key: string, file: LabelFile, files: readonly LabelFile[]): string | undefined {
  const elsewhere = new Set(files.filter((f) => f !== file).flatMap((f) => Object.keys(f.values)));
  const near = closest(key, Object.keys(file.values).filter((name) => !elsewhere.has(name)));
  return near === undefined ? undefined : `${file.path} has \`${near}\`, which no other language has: did you mean \`${key}\`? Rename it, or add \`${key}: …\`.`;
}

/** The fields of an item a filter's quoted name may have meant, as a text for a hint: the first few, in the item's order. */
function fieldList(item: object): string {
  const keys = Object.keys(item);
  return keys.length > 12 ? `${keys.slice(0, 12).join(', ')} …` : keys.join(', ');
}

/**
 * A field a filter reads of each item (`where: 'lang', 'en'`) that an item lacks: the quoted name is the field's, never a
 * variable of the template, and the likely field is looked for among the item's own.
 */
function describeItemField(error: ItemFieldError): { message: string; hint: string } {
  const { filter, field, missing, item, count } = error;
  const segments = missing.split('.');
  const owner = segments.length > 1 ? valueAt(item, segments.slice(0, -1).join('.')) : item;
  const quoted = `'${field}'`;
  if (owner === null || typeof owner !== 'object' || Array.isArray(owner)) {
    const what = owner === null || owner === undefined ? 'nothing' : Array.isArray(owner) ? 'a list' : `the ${typeof owner === 'string' ? 'text' : typeof owner} ${JSON.stringify(owner)}`;
    return {
      message: `The filter ${filter} reads the field ${quoted} of each item of the list it is given, and ${segments.length > 1 ? `${segments.slice(0, -1).join('.')} of an item` : 'an item'} is ${what}, which has no fields.`,
      hint: (segments.length > 1 && count !== undefined ? `${filter} reads a path of fields of each item: each name before the last must be a field that holds an object (\`sort: 'tags.first.name'\`).` : undefined)
        ?? LENIENT_FIELD_HINTS[filter]
        ?? `${filter} picks items of a list of objects by one of their fields (\`where: 'lang', 'en'\`); to test the items themselves, use \`${filter === 'group_by' ? 'group_by_exp' : `${filter}_exp`}\` with a name for the item (\`where_exp: 'tag', 'tag == "Visas"'\`), or \`contains\`.`,
    };
  }
  const meant = closest(segments.at(-1)!, Object.keys(owner));
  const suggestion = meant === undefined ? '' : `Did you mean '${[...segments.slice(0, -1), meant].join('.')}'? `;
  return {
    message: count === undefined
      ? `The filter ${filter} reads the field ${quoted} of each item of the list it is given, and an item has no ${missing}: the quoted name is a field of the items, not a variable.`
      : `The filter ${filter} reads the field ${quoted} of each item of the list it is given, and ${count === 1 ? `its one item has no ${missing}` : `none of its ${count} items has ${missing}`}: ${NO_FIELD_GIVES[filter] ?? 'it would read nil for each'}.`,
    hint: `${suggestion}${segments.length > 1 ? `Its ${segments.slice(0, -1).join('.')} has` : 'The items have'} ${fieldList(owner)}.`,
  };
}

/** What `sort`, `map` … would make of a field no item has, had they not been stopped (`demandItemFields`). */
const NO_FIELD_GIVES: Readonly<Record<string, string>> = {
  sort: 'the list would come out in its own order, not sorted',
  sort_natural: 'the list would come out in its own order, not sorted',
  map: 'it would give a list of nils, one for each item',
  sum: 'it would add up to 0',
};

/** What to write instead of a field of items that have none (a list of texts or numbers), for the filters that read one leniently. */
const LENIENT_FIELD_HINTS: Readonly<Record<string, string>> = {
  sort: "sort orders a list of objects by one of their fields (`sort: 'date'`); to order the items themselves, leave the field out (`release.tags | sort`).",
  sort_natural: "sort_natural orders a list of objects by one of their fields (`sort_natural: 'title'`); to order the items themselves, leave the field out (`release.tags | sort_natural`).",
  map: "map takes one field of each item of a list of objects (`release.contacts | map: 'name'`); a list of texts or numbers has no fields to take.",
  sum: "sum adds up one field of each item of a list of objects (`sum: 'count'`); to add up the numbers themselves, leave the field out (`sum`).",
};

type PageKind = 'release' | 'index' | 'tag' | 'home';

/** The names of the template context that only some kinds of page have (README, "The template context"), and those kinds. */
const PAGE_KIND_NAMES: ReadonlyMap<string, readonly PageKind[]> = new Map<string, readonly PageKind[]>([
  ...[
    'release', 'body_html', 'body_html_document', 'has_footnotes', 'body_text', 'body_text_dateline', 'body_text_unwrapped', 'body_text_document',
    'body_text_unwrapped_document', 'dateline', 'dateline_comma', 'comma', 'colon', 'word_count', 'embargoed', 'status_label', 'dates', 'translations', 'tag_links',
  ].map((name): [string, readonly PageKind[]] => [name, ['release']]),
  ['listing', ['index', 'tag']],
  ['tag', ['index', 'tag']],
  ['languages', ['home']],
  ...['page.title', 'page.canonical_url', 'page.alternates', 'page.description', 'page.robots_noindex'].map((name): [string, readonly PageKind[]] => [name, ['index', 'tag', 'home']]),
]);

/** What a release's page has in place of a site page's own key. */
const RELEASE_PAGE_INSTEAD: ReadonlyMap<string, string> = new Map([['page.title', 'release.page_title'], ['page.canonical_url', 'release.canonical_url'], ['page.description', 'release.summary']]);

/** The pages of each kind, as a name of theirs is said to be given on them. */
const PAGE_KIND_WORDS: Readonly<Record<PageKind, string>> = { release: "the releases' pages", index: "the languages' listings", tag: 'the tag pages', home: 'the home page' };

/**
 * A name of the context of other kinds of page than the one rendered (`tag` in a header a release's page shares with the tag
 * pages, `languages` on a listing): the README lists it, so "the context does not have it" would send the author looking for a
 * misspelling. A layout or partial that several kinds of page share tests `page.kind` first. Said in the same words whichever
 * page met it, so that a mistake in a shared file is told once.
 */
function otherPagesName(name: string, scope: unknown, owner: unknown): { message: string; hint: string } | undefined {
  const page = scope !== null && typeof scope === 'object' && Object.hasOwn(scope, 'page') ? (scope as { page?: unknown }).page : undefined;
  // A name no loop, assign or include gave a value (LiquidJS names only the first segment then: `tag` of `tag.name`), or a key
  // the page's own `page` lacks (`page.title`): a loop's item called `tag` that lacks a key is the template's, and told so elsewhere.
  if (name.includes('.') && !(/^page\.[\w-]+$/.test(name) && owner !== undefined && owner === page)) return undefined;
  const kinds = PAGE_KIND_NAMES.get(name);
  const kind = page !== null && typeof page === 'object' && Object.hasOwn(page, 'kind') ? (page as { kind?: unknown }).kind : undefined;
  if (kinds === undefined || typeof kind !== 'string' || !Object.hasOwn(PAGE_KIND_WORDS, kind) || kinds.includes(kind as PageKind)) return undefined;
  const given = kinds.map((k) => PAGE_KIND_WORDS[k]);
  const instead = RELEASE_PAGE_INSTEAD.get(name);
  return {
    message: `The template uses the variable ${name}, which only ${given.length > 1 ? `${given.slice(0, -1).join(', ')} and ${given.at(-1)!}` : given[0]!} ${kinds.length === 1 && kinds[0] === 'home' ? 'has' : 'have'}.`,
    hint: `A layout or partial that pages of several kinds share uses it only where it is given: {% if ${kinds.map((k) => `page.kind == '${k}'`).join(' or ')} %}…{% endif %}${instead ? `, and ${instead} on a release's page` : ''}.`,
  };
}

/** What went wrong, in words a template author can act on. */
function describe(raw: string, isParse: boolean, set: TemplateSet, lang?: Language, scope?: unknown, file?: string, before?: string): { message: string; hint: string; ruleId?: 'template/labels'; related?: Diagnostic['related'] } {
  let m: RegExpExecArray | null;
  if (lang !== undefined && (m = /^undefined variable: labels\.([^.\s[]+)/.exec(raw))) {
    const file = labelsFor(set.labels, lang);
    const key = m[1]!;
    const files = [...(set.labels?.values() ?? [])];
    // A key no language has, close to one they have, is a misspelling in the template (labels.contact), not a word a language lacks:
    // one diagnostic for it, not one per language.
    const meant = file && !files.some((f) => Object.hasOwn(f.values, key))
      ? closest(key, [...new Set(['language_name', 'og_locale', ...files.flatMap((f) => Object.keys(f.values))])])
      : undefined;
    if (meant) {
      return {
        message: `The template uses the label "${key}", which no labels file of the "${set.name}" set has.`,
        hint: `Did you mean labels.${meant}? A new label needs \`${key}: …\` in the labels file of each language, such as ${file!.path}.`,
        ruleId: 'template/labels',
      };
    }
    // The file's other gaps are named at once: a build stops at the first label a page prints that the language lacks.
    const others = file ? lackedLabels(file, files).filter((name) => name !== key) : [];
    const nor = others.length === 0 ? '' : ` Nor has it ${namedLabels(others)}, which the set's other labels files have: a page that prints one would stop there next.`;
    return {
      message: file
        ? `The label "${m[1]}" is missing for language ${lang}: ${file.path} has no \`${m[1]}\`.${nor}`
        : `The template uses the label "${m[1]}", but the "${set.name}" set has no labels for language ${lang} (labels/${lang}.yaml).`,
      hint: file
        ? `${misspeltLabel(key, file, files) ?? `Add \`${key}: …\`${others.length === 0 ? '' : ' and the others'} to ${labelsFileToEdit(file, set)}.`}`
        : `Add labels/${lang}.yaml to the template set, with the words this language uses (${labelsAdvice(lang, set)}).`,
      ruleId: 'template/labels',
    };
  }
  if ((m = /^undefined variable: (.+)$/.exec(raw))) {
    const first = /^[\w-]+/.exec(m[1]!)?.[0];
    // A name the page's context has, unknown where it is used: only a partial that {% render %} renders sees less than the page.
    if (first !== undefined && first === m[1] && scope !== null && typeof scope === 'object' && Object.hasOwn(scope, first)) {
      const partial = file?.replace(/\.liquid$/, '') ?? 'partials/…';
      return {
        message: `The template uses the variable ${m[1]}, which the page has but a partial rendered with {% render %} does not see: render gives a partial only the values named in its tag.`,
        hint: `Include it with {% include '${partial}' %}, which sees the page's values, or name the value in the tag: {% render '${partial}', ${first}: ${first} %}.`,
      };
    }
    const unpassed = first !== undefined && first === m[1] && file !== undefined ? unpassedToRender(first, file, set) ?? givenUnderItsPath(first, file, set) : undefined;
    if (unpassed) return unpassed;
    const absent = absentKeyOwner(m[1]!);
    // A name the README lists for other kinds of page is no misspelling, whatever name it is close to.
    const otherKinds = otherPagesName(m[1]!, scope, absent?.owner);
    if (otherKinds) return otherKinds;
    const meant = absent ? absentKeySuggestion(m[1]!, absent.owner) : scope === undefined ? undefined : variableSuggestion(m[1]!, scope, before);
    const notObject = absent && meant === undefined ? notAnObject(m[1]!, absent.owner, scope, before ?? '') : undefined;
    if (notObject) return notObject;
    const owner = absent?.owner;
    const contextName = first !== undefined && scope !== null && typeof scope === 'object' && Object.hasOwn(scope, first);
    if (meant === undefined && !contextName && owner !== null && typeof owner === 'object' && !Array.isArray(owner) && Object.keys(owner).length > 0) {
      // A loop's item or a filter expression's name, with no key of its value close: the README describes the context's names,
      // not what this one holds, so what it has is the help.
      const parent = m[1]!.slice(0, m[1]!.lastIndexOf('.'));
      return {
        message: `The template uses ${m[1]}, but ${parent} has no ${m[1]!.slice(parent.length + 1)} here.`,
        hint: `${parent} has ${fieldList(owner)}. Check the name against the template context ("Writing templates" in the README).`,
      };
    }
    return {
      message: `The template uses the variable ${m[1]}, which the template context does not have.`,
      hint: `${meant ? `Did you mean ${meant}? ` : ''}Check the name against the template context ("Writing templates" in the README). Values a release may lack are null; test them with {% if %}.`,
    };
  }
  if ((m = /^undefined filter: (.+)$/.exec(raw))) {
    const meant = closest(m[1]!, liquidNames().filters);
    return { message: `The template uses the filter ${m[1]}, which does not exist.`, hint: `${meant ? `Did you mean ${meant}? ` : ''}Use a LiquidJS filter or one of ${CUSTOM_FILTERS}.` };
  }
  if ((m = /^tag (\{%-?\s*([\w#]+)[\s\S]*-?%\}) not closed$/.exec(raw))) {
    return { message: `The tag ${m[1]} is never closed: no {% end${m[2]} %} follows it.`, hint: `Add {% end${m[2]} %} where the block ends.` };
  }
  if ((m = /^(tag|output) "(\{[{%]-?\s*\S*)[\s\S]*" not closed$/.exec(raw)) || (m = /^(tag|output) (\{[{%]-?\s*\S*)[\s\S]* runs into the next tag$/.exec(raw))) {
    const end = m[1] === 'tag' ? '%}' : '}}';
    const runs = raw.endsWith('runs into the next tag');
    return {
      message: `The ${m[1]} ${m[2]} … has no ${end}: it ${runs ? 'runs on into the next tag' : 'runs on to the end of the file'}.`,
      hint: `Close it with ${end} where it ends.`,
    };
  }
  if ((m = /^value follows a value: (.+)$/.exec(raw))) {
    return liquidNames().filters.includes(m[1]!)
      ? { message: `\`${m[1]}\` follows a value without a \`|\`, so it is read as a second value, not as a filter.`, hint: `Write \`| ${m[1]}\`.` }
      : { message: `\`${m[1]}\` follows a value with nothing between them; LiquidJS would use one of the two and drop the other without a word.`, hint: 'Put an operator between two values (==, !=, <, >, <=, >=, contains, and, or), or a `|` before a filter.' };
  }
  if ((m = /^expression (starts|ends) with (.+)$/.exec(raw))) {
    return {
      message: `The expression ${m[1]} with \`${m[2]}\`, which needs a value ${m[1] === 'starts' ? 'before' : 'after'} it; as written, LiquidJS would give the expression no value without a word.`,
      hint: `Add a value ${m[1] === 'starts' ? 'before' : 'after'} \`${m[2]}\`, or take it out.`,
    };
  }
  if ((m = /^filter (\w+) given (\d+)$/.exec(raw)) && FILTER_ARGUMENTS[m[1]!]) {
    const [min, max, usage] = FILTER_ARGUMENTS[m[1]!]!;
    const given = Number(m[2]);
    return {
      message: `The filter ${m[1]} takes ${argumentCount(min, max)}, and is given ${given === 0 ? 'none' : given}.`,
      hint: `Write it as \`| ${usage.replace(/ or /g, '` or `| ')}\`.`,
    };
  }
  if ((m = /^filter (\w+) argument (\d) no number: ([\s\S]+)$/.exec(raw)) && FILTER_ARGUMENTS[m[1]!]?.[3]?.[Number(m[2])] !== undefined) {
    const [, , usage, numbers] = FILTER_ARGUMENTS[m[1]!]!;
    return {
      message: `The filter ${m[1]} takes a number as its ${Number(m[2]) === 0 ? 'first' : 'second'} argument, ${numbers![Number(m[2])]!}, and is given \`${m[3]}\`, which is none: LiquidJS would compute with it all the same and write something other than meant, without a word.`,
      hint: `Write it as \`| ${usage.replace(/ or /g, '` or `| ')}\`.`,
    };
  }
  if ((m = /^unexpected token "(\.\.[\s\S]*|\)[\s\S]*)", value expected$/.exec(raw)) && before !== undefined) {
    // `(1..)` or `(..3)`: LiquidJS finds no value where a range's first or last number goes, and says only that a value was expected.
    const start = /\(\s*(?:[^\s().]+(?:\.[^\s().]+)*\s*\.\.\s*)?$/.exec(before);
    const rest = m[1]!.startsWith(')') ? ')' : /^\.\.\s*(?:[^\s()]+\s*)?\)/.exec(m[1]!)?.[0];
    if (start && rest !== undefined && (start[0].includes('..') || rest.startsWith('..'))) {
      const range = `${start[0]}${rest}`.replace(/\s+/g, '');
      const lacks = range === '(..)' ? 'neither a first nor a last number' : range.startsWith('(..') ? 'no first number' : 'no last number';
      return {
        message: `The range ${range} has ${lacks}: a range goes from a first number to a last, and LiquidJS reads none without both.`,
        hint: 'Write both ends, numbers or values that hold them: (1..3), (1..release.tags.size).',
      };
    }
  }
  if ((m = /^operator follows operator: (.+)$/.exec(raw))) {
    return m[1] === '<>'
      ? { message: '`<>` is not an operator in LiquidJS: it is read as `<` and then `>`, which compare nothing.', hint: 'Write `!=` for "is not".' }
      : { message: `The operators \`${m[1]}\` follow each other with no value between them.`, hint: 'Put a value between two operators, or take one out.' };
  }
  if ((m = /^the value printed is (NaN|-?Infinity), no number: (a math filter [\s\S]*)$/.exec(raw))) {
    return {
      message: `The value printed here is ${m[1]}, not a number: ${m[2]}.`,
      hint: 'Test the divisor first: {% if count > 0 %}{{ total | divided_by: count }}{% endif %}.',
    };
  }
  if ((m = /^the value printed is (an object|a list of objects), (which would show as \[object Object\]: [\s\S]*)$/.exec(raw))) {
    return {
      message: `The value printed here is ${m[1]}, ${m[2]}.`,
      hint: 'Print one of its fields ({{ release.contacts.first.name }}, {{ dates.published }}), or go through it with {% for item in … %}.',
    };
  }
  if ((m = /^(include|render) given ([\w-]+) without a value$/.exec(raw))) {
    return { message: `\`${m[2]}\` is named in the {% ${m[1]} %} tag without a value: LiquidJS gives the partial ${m[2]} as \`true\`, not the value of that name.`, hint: `Write \`${m[2]}: ${m[2]}\`, the name the partial uses and the value it is given.` };
  }
  if ((m = /^(else|elsif|when) after else of (\w+)$/.exec(raw))) {
    return {
      message: `The tag {% ${m[1]} %} comes after the {% else %} of its {% ${m[2]} %}, which is the last branch: ${m[1] === 'else' ? 'a block has one {% else %}' : `a {% ${m[1]} %} goes before it`}.`,
      hint: m[1] === 'else' ? `Keep one {% else %} in the {% ${m[2]} %}, or make this branch an {% ${m[2] === 'case' ? 'when …' : 'elsif …'} %} before the {% else %}.` : `Move this {% ${m[1]} %} and what it holds before the {% else %}.`,
    };
  }
  if ((m = /^tag (\w+) given ([\s\S]+)$/.exec(raw))) return argumentsNotTaken(m[1]!, m[2]!);
  if ((m = /^character out of place: ([\s\S]+)$/.exec(raw))) {
    const typographic = /^[“”„‟‘’‚‛«»]$/.test(m[1]!);
    return {
      message: typographic
        ? `\`${m[1]}\` is a typographic quote, which Liquid does not read as a quote: LiquidJS would drop the rest of the expression from here, without a word.`
        : `\`${m[1]}\` cannot stand here: it is no value, operator or \`|\` to LiquidJS, which would drop the rest of the expression from here.`,
      hint: typographic
        ? 'Write the text in straight quotes: "en" or \'en\'.'
        : m[1] === '\\'
          ? 'Write a text in quotes alone, without backslashes before them: "en" or \'en\'.'
          : 'Take it out, or write what was meant: a value, an operator (==, !=, <, >, <=, >=, contains, and, or) or a `|` before a filter.',
    };
  }
  if ((m = /^quote never closed: (.)$/.exec(raw))) {
    return {
      message: `The text opened here with ${m[1]} is never closed: LiquidJS would take the rest of the tag as the text, and compare or write something other than what is written, without a word.`,
      hint: `Close it with ${m[1]} where the text ends (a text opened with ' is closed with ', one opened with " with ").`,
    };
  }
  if (raw === 'filter missing after |') {
    return { message: 'A `|` ends the expression with no filter after it: LiquidJS would leave it out without a word.', hint: 'Name the filter after `|` (`| upcase`), or take the `|` out.' };
  }
  if (raw === 'invalid value expression: ""') {
    return { message: 'The tag has nothing to test or compare after its name: its condition or value is missing.', hint: 'Write the value after the tag\'s name: {% if release.subtitle %}, {% case release.lang %}, {% when "en" %}.' };
  }
  if (/^empty candidates: /.test(raw)) {
    return { message: 'The tag {% cycle %} names no values to go through, one each time it is reached.', hint: "Name them after the tag: {% cycle 'odd', 'even' %}." };
  }
  if (raw === 'invalid capture name') {
    return { message: 'The tag {% capture %} names no variable to hold what it captures.', hint: 'Name it after the tag: {% capture lead %}…{% endcapture %}, then {{ lead }}.' };
  }
  if (raw === 'illegal file path') {
    return { message: 'The tag names no file to include, render or lay out the page in.', hint: "Name the file by its path in the set, in quotes: {% include 'partials/contacts' %}, {% layout 'layouts/page' %}." };
  }
  if (/^invalid value expression: "=/.test(raw)) {
    return { message: 'The tag {% assign %} sets a variable with one `=`, not `==`, which compares.', hint: 'Write {% assign name = value %}; a comparison is written in an {% if %}, or assigned whole: {% assign same = a == b %}.' };
  }
  if (raw === 'expected variable name') {
    return { message: 'The tag names no variable to set.', hint: 'Write the name and the value: {% assign lead = release.summary %}, {% capture lead %}…{% endcapture %}.' };
  }
  if ((m = /^illegal tag: \{%-?\s*(for|tablerow)\s*-?%\}$/.exec(raw))) {
    return { message: `The tag {% ${m[1]} %} names no list to go through.`, hint: `Write the item's name and the list: {% ${m[1]} tag in release.tags %}.` };
  }
  if ((m = /^illegal tag: \{%-?\s*(for|tablerow)\s+([\s\S]*?)\s*-?%\}$/.exec(raw))) {
    // `{% for c of release.contacts %}`, `{% for c in %}`, `{% for release.contacts %}`: LiquidJS says only that the tag is illegal.
    const list = /\b(?:in|of)\s+(\S+)/.exec(m[2]!)?.[1] ?? (/^[\w.-]+$/.test(m[2]!) && m[2]!.includes('.') ? m[2]! : undefined);
    const item = (list === m[2] ? undefined : /^([\w-]+)(?:\s|$)/.exec(m[2]!)?.[1]) ?? 'item';
    return {
      message: `The tag {% ${m[1]} ${m[2]} %} cannot be read as a loop: it is written as the item's name, \`in\` and the list to go through.`,
      hint: list !== undefined ? `Write {% ${m[1]} ${item} in ${list} %}.` : `Name the list after \`in\`, such as {% ${m[1]} ${item} in release.contacts %}.`,
    };
  }
  if (raw === 'echo with nothing to write') {
    return { message: 'The tag {% echo %} names nothing to write, so it writes nothing.', hint: 'Name a value after it, as in an output: {% echo release.title %}.' };
  }
  if ((m = /^(include|render) (with|for) with no value after it$/.exec(raw))) {
    // Without `as`, LiquidJS gives the value the partial's whole name (`partials/tags`), which no template can write as a variable.
    const named = m[1] === 'render' ? `{% render 'partials/tags' ${m[2]} release.tags as tags %}` : "{% include 'partials/tags', tags: release.tags %}";
    return { message: `The tag {% ${m[1]} %} ends with \`${m[2]}\` and no value after it, so the partial is given nothing by it.`, hint: `Name the value and what the partial calls it (${named}), or take \`${m[2]}\` out.` };
  }
  if (raw === 'single = in an expression') {
    return { message: '`=` is not a comparison.', hint: 'Write `==` to compare two values; to set a variable, use {% assign name = value %}.' };
  }
  if ((m = /^tag "(end\w+|else|elsif|when)" not found$/.exec(raw))) {
    return { message: `The tag {% ${m[1]} %} does not fit where it stands: no block it ${m[1]!.startsWith('end') ? 'closes' : 'belongs to'} is open here.`, hint: 'Check the blocks opened before it: each {% if %}, {% for %}, {% capture %} … needs its own end tag, in the order they were opened.' };
  }
  if ((m = /^tag "(.+)" not found$/.exec(raw))) {
    // The branch tags are no tags of their own to LiquidJS, but the likelier meaning of `elif` and `elseif` than `if`.
    const meant = closest(m[1]!, [...liquidNames().tags, 'elsif', 'else', 'when']);
    return { message: `The template uses the tag {% ${m[1]} %}, which does not exist.`, hint: `${meant ? `Did you mean {% ${meant} %}? ` : ''}Use a LiquidJS tag such as if, for, assign, capture, include, render, layout or block.` };
  }
  if ((m = /^ENOENT: Failed to lookup "(.*)" in/.exec(raw))) {
    // A name a letter or a folder away from a file of the set (partials/contact, partial/contacts) is a typo, not an attempt to leave
    // the set; a file is named without its .liquid, which LiquidJS adds to every name.
    const files = [...set.files.keys()].map((name) => name.replace(/\.liquid$/, ''));
    const bare = m[1]!.replace(/\.liquid$/, '');
    const meant = bare !== m[1] && files.includes(bare) ? bare : closest(bare, files);
    return {
      message: `The template includes ${JSON.stringify(m[1])}, which is not a file of the "${set.name}" set or of a set it extends.`,
      hint: `${meant ? (meant === bare && bare !== m[1] ? `Name it without .liquid: ${meant}. ` : `Did you mean ${meant}? `) : ''}Templates can include only files of their own set, by their path inside it, such as partials/contacts; they cannot reach other folders.`,
    };
  }
  if ((m = /^blocks nested more than (\d+) levels deep$/.exec(raw))) {
    return {
      message: `The template nests blocks ({% if %}, {% for %}, {% capture %}, …) more than ${m[1]} levels deep.`,
      hint: 'Close blocks before opening others: a template needs only a few levels, and each level is read within the one around it.',
    };
  }
  if ((m = /^expressions nested more than (\d+) levels deep$/.exec(raw))) {
    return {
      message: `The template nests brackets and parentheses in an expression (a[b[c]], ((1..2))) more than ${m[1]} levels deep.`,
      hint: 'Assign the inner values to variables first: a template needs only a few levels, and each level is read within the one around it.',
    };
  }
  if ((m = /^renders nested more than (\d+) levels deep$/.exec(raw))) {
    return {
      message: `The template renders blocks and includes nested more than ${m[1]} levels deep: a partial that includes itself, directly or through another, never ends.`,
      hint: 'Make sure no partial includes itself, directly or through the partials it includes.',
    };
  }
  if (/limit exceeded/.test(raw)) {
    return {
      message: `The template went over a limit: ${raw}.`,
      hint: `A template may take at most ${TEMPLATE_LIMITS.renderLimit / 1000} s, ${TEMPLATE_LIMITS.memoryLimit / 1024 / 1024} Mi units of memory (a range counts one per number) and ${OUTPUT_LIMITS.perRender / 1024 / 1024} Mi characters of output to render one release, and a file may hold at most ${TEMPLATE_LIMITS.parseLimit.toLocaleString('en')} characters.`,
    };
  }
  if ((m = OWN_FILTER_ERROR.exec(raw))) {
    // This tool's filters say what they were given; an argument of the wrong kind is the template's to write otherwise.
    const usage = m[1] === 'date' ? 'date: "%H:%M", "Europe/London"' : FILTER_ARGUMENTS[m[1]!]?.[2];
    return {
      message: `In the filter ${m[1]}: ${m[2]}.`,
      hint: m[3] !== 'value' && usage !== undefined
        ? `Write it as \`| ${usage.replace(/ or /g, '` or `| ')}\`.`
        : m[1] === 'format_date' || m[1] === 'format_datetime'
          ? 'Give it a date as the template context holds one, 2026-06-12 or 2026-06-12T10:00:00+04:00 (release.date, dates.published_iso, a listing\'s entry.date_iso), not one already in words (dates.published, entry.date); a filter that fails here fails on this release\'s values.'
          : 'Give it text; a filter that fails here fails on this release\'s values.',
    };
  }
  return {
    message: `Template ${isParse ? 'syntax' : 'rendering'} error: ${raw}.`.replace(/\.\.$/, '.'),
    hint: isParse ? 'Fix the template at this position.' : 'Fix the template at this position; a filter that fails here fails on this release\'s values.',
  };
}

/**
 * The labels file to add a word to: the language's file where the project has one, else one of the project's set (its own folder,
 * or a project `default` set, which fills its gaps from the built-in one) rather than the built-in file, which an upgrade replaces.
 */
function labelsFileToEdit(file: LabelFile, set: TemplateSet): string {
  if (!file.builtIn) return file.path;
  const folder = set.ownFolder ?? 'templates/default';
  return `${folder.replace(/\/$/, '')}/labels/${file.lang.toLowerCase()}.yaml (a file of the project's set, which takes every other word from ${file.path}; the built-in file is replaced when the tool is updated)`;
}

/** A label the rendering needs that the set has no text for in `lang`: at the language's labels file, or at the set when it has none. */
function missingLabel(set: TemplateSet, lang: Language, key: string, what: string): Diagnostic {
  const { message, hint } = describe(`undefined variable: labels.${key}`, false, set, lang);
  return { file: labelsFor(set.labels, lang)?.path ?? set.name, line: 1, column: 1, severity: 'error', ruleId: 'template/labels', message: `${message} It is ${what}.`, hint };
}

/**
 * LiquidJS places an unknown filter at the start of its `{{ }}`, and a name unknown in the expression of a `where_exp` (or
 * another `_exp` filter) at the start of the tag: point at the filter, or at the name in the quoted expression, itself.
 */
function exactPosition(token: NonNullable<LiquidLikeError['token']>, raw: string): [number, number] {
  const [line, column] = token.getPosition();
  if (token.input === undefined || token.begin === undefined || token.end === undefined) return [line, column];
  const text = token.input.slice(token.begin, token.end);
  const filter = /^undefined filter: (.+)$/.exec(raw)?.[1] ?? OWN_FILTER_ERROR.exec(raw)?.[1];
  const variable = filter === undefined ? /^undefined variable: ([\w-]+(?:\.[\w-]+)*)$/.exec(raw)?.[1] : undefined;
  let offset: number | undefined;
  if (filter !== undefined) {
    const at = new RegExp(`\\|\\s*${escapeRegExp(filter)}(?![\\w-])`).exec(text);
    if (at) offset = at.index + at[0].length - filter.length;
  } else if (variable !== undefined) {
    const expression = /_exp\s*:/.exec(text);
    const at = expression ? new RegExp(`(?<![\\w.-])${escapeRegExp(variable)}(?![\\w-])`).exec(text.slice(expression.index)) : null;
    if (expression && at) offset = expression.index + at.index;
  }
  if (offset === undefined) return [line, column];
  const lines = token.input.slice(0, token.begin + offset).split('\n');
  return [lines.length, lines.at(-1)!.length + 1];
}

/**
 * A render error in a file the set takes from another (the built-in layout of a project's own listing template) is told there, where
 * the project cannot change it: the place in the project's own template that leads to it (its `{% layout %}` or `{% include %}`)
 * is given beside it, the first step of the way from the template being rendered.
 */
function withWayFromEntry(diagnostic: Diagnostic, set: TemplateSet, entry: string): Diagnostic {
  const entryFile = set.files.get(entry);
  const failed = [...set.files.values()].find((file) => file.path === diagnostic.file);
  // Two sets may share a name (a project's `default`, which fills its gaps from the built-in one): their folders tell them apart.
  const sameSet = (a: TemplateFile, b: TemplateFile) => a.set === b.set && setFolder(a) === setFolder(b);
  if (!entryFile || !failed || failed.name === entry || sameSet(failed, entryFile) || diagnostic.related) return diagnostic;
  const edges = includeEdges(set);
  // The edge by which each file is first reached from the entry, found breadth first: the way back from the failing file.
  const reachedBy = new Map<string, IncludeEdge>();
  const pending = [entry];
  while (pending.length > 0) {
    const name = pending.shift()!;
    for (const edge of edges.get(name) ?? []) {
      if (edge.to === entry || reachedBy.has(edge.to)) continue;
      reachedBy.set(edge.to, edge);
      pending.push(edge.to);
    }
  }
  if (!reachedBy.has(failed.name)) return diagnostic;
  // The block the failure lies in: the failing file's own, else the one around the tag that includes it, and so on back
  // towards the entry (a partial the layout includes in its {% block head %} fails in that block, which the entry can fill).
  let block = enclosingBlock(failed.source, diagnostic.line, diagnostic.column);
  let step = reachedBy.get(failed.name)!;
  while (step.from !== entry) {
    block ??= enclosingBlock(set.files.get(step.from)?.source ?? '', step.line, step.column);
    step = reachedBy.get(step.from)!;
  }
  const fills = block === undefined ? '' : `; it fails in its {% block ${block} %}, which this template can fill with a {% block ${block} %} of its own`;
  return { ...FRESH, ...diagnostic, related: { file: entryFile.path, line: step.line, column: step.column, message: `this template leads to ${failed.name.replace(/\.liquid$/, '')} of the "${failed.set}" set${failed.set === entryFile.set ? ' it fills its gaps from' : ''} here${fills}` } };
}

/** The folder a template file of a set was read from: its path without its name in the set. */
function setFolder(file: TemplateFile): string {
  const path = file.path.replace(/\\/g, '/');
  return path.endsWith(file.name) ? path.slice(0, -file.name.length) : path;
}

/** The name of the innermost named `{% block %}` open at a line and column of a template, if any. */
function enclosingBlock(source: string, line: number, column: number): string | undefined {
  const tags = templateTags(source, defaultTokenOptions());
  if (tags === undefined) return undefined;
  const lines = source.split('\n');
  let offset = column - 1;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  const open: string[] = [];
  for (const tag of tags) {
    if (tag === null || tag.begin >= offset) break;
    if (tag.name === 'block') open.push(blockName(tag.args));
    else if (tag.name === 'endblock') open.pop();
  }
  return open.filter((name) => name !== '').at(-1);
}

/** An include, render or layout tag that names a file of the set by a quoted name. */
interface IncludeEdge { from: string; to: string; line: number; column: number; sourceLine: string; kind: 'include' | 'render' | 'layout'; begin: number }

/**
 * Each file's include edges, read once for its name and source: loading a
 * set, checking it and a build's parse before rendering all ask for them. By
 * what the file holds, not by the set: a program using the library may edit
 * a set's files in place between two builds.
 */
const fileEdges = new WeakMap<TemplateFile, { name: string; source: string; edges: IncludeEdge[] | undefined }>();

/** The files each file of the set names in an include, render or layout tag with a quoted name, in the order they are written. */
function includeEdges(set: TemplateSet): Map<string, IncludeEdge[]> {
  const edges = new Map<string, IncludeEdge[]>();
  for (const [name, file] of set.files) {
    let known = fileEdges.get(file);
    if (known?.name !== name || known.source !== file.source) {
      known = { name, source: file.source, edges: edgesOf(name, file.source) };
      fileEdges.set(file, known);
    }
    if (known.edges) edges.set(name, known.edges);
  }
  return edges;
}

/** The edges from one file (see `includeEdges`); undefined when LiquidJS cannot read its tags. */
function edgesOf(name: string, source: string): IncludeEdge[] | undefined {
  const tags = templateTags(source, defaultTokenOptions());
  if (tags === undefined) return undefined;
  const lines = source.split('\n');
  const position = positionsIn(source);
  const own: IncludeEdge[] = [];
  for (const tag of tags) {
    // A {% liquid %} tag whose lines LiquidJS cannot read names no file.
    if (tag === null) continue;
    const target = (tag.name === 'include' || tag.name === 'render' || tag.name === 'layout') ? /^\s*(['"])([^'"]+)\1/.exec(tag.args)?.[2] : undefined;
    if (target === undefined) continue;
    const { line, column } = position(tag.begin);
    own.push({ from: name, to: target.endsWith('.liquid') ? target : `${target}.liquid`, line, column, sourceLine: lines[line - 1] ?? '', kind: tag.name as IncludeEdge['kind'], begin: tag.begin });
  }
  return own;
}

/** What a template written inside a layout holds that the page never shows (see `unshownContent`). */
export interface UnshownContent {
  /** The template's name in the set. */
  name: string;
  line: number;
  column: number;
  sourceLine: string;
  /** The layout it names, without `.liquid`. */
  layout: string;
  /** A block the layout chain has no place for (or, with `repeated`, one the template fills a second time), or, when undefined, text or an output written outside every block. */
  block?: string;
  /** The template fills `block` a second time: LiquidJS shows only the first. */
  repeated?: boolean;
  /** The layout chain's named blocks, in the order they are written. */
  blocks: string[];
  /**
   * For a template `own` does not pick (one of the set it extends), laid out in a layout chain that holds a file `own` picks:
   * that file, the first of the chain's, whose blocks leave `block` without a place. Only a block is told so.
   */
  by?: string;
}

/** The name LiquidJS gives a `{% block %}` from its arguments: their first word, or '' for the anonymous block. */
function blockName(args: string): string {
  return /\w+/.exec(args)?.[0] ?? '';
}

/**
 * What the templates among those `own` picks write that LiquidJS never shows
 * because they are laid out in a layout named by a quoted name
 * (`{% layout 'layouts/page' %}`): a block the layout, the layouts it is laid
 * out in and the partials they include have no `{% block %}` of that name for
 * (`{% block contnet %}`), a block the template fills a second time (LiquidJS
 * shows the first), and, unless one of them has an anonymous `{% block %}`,
 * the first text or output written outside every block. Each leaves a page
 * without what the designer wrote, and without a word from LiquidJS. At most
 * one of each kind a template.
 */
export function unshownContent(set: TemplateSet, own: (file: TemplateFile) => boolean): UnshownContent[] {
  const options = defaultTokenOptions();
  const edges = includeEdges(set);
  const fileName = (name: string) => (name.endsWith('.liquid') ? name : `${name}.liquid`);
  // The blocks of a layout and of all it leads to (its own layout, the partials it includes), each file read once.
  const blocksOf = (layout: string): { names: string[]; anonymous: boolean; owned?: string } | undefined => {
    const names: string[] = [];
    let anonymous = false;
    let owned: string | undefined;
    const seen = new Set<string>();
    const pending = [layout];
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const file = set.files.get(name);
      if (!file) return undefined;
      owned ??= own(file) ? name : undefined;
      const tags = templateTags(file.source, options);
      if (tags === undefined) return undefined;
      for (const tag of tags) {
        if (tag?.name !== 'block') continue;
        const block = blockName(tag.args);
        if (block === '') anonymous = true;
        else if (!names.includes(block)) names.push(block);
      }
      for (const edge of edges.get(name) ?? []) pending.push(edge.to);
    }
    return { names, anonymous, ...(owned !== undefined ? { owned } : {}) };
  };
  const found: UnshownContent[] = [];
  for (const [name, file] of set.files) {
    // A template of the set it extends is looked at too when the set's own layout takes it in (a layout whose
    // `{% block content %}` was renamed leaves the inherited pages' content out): for its blocks only, told at that layout.
    const mine = own(file);
    if (!file.source.includes('layout')) continue;
    const tokens = templateTokens(file.source, options);
    if (tokens === undefined) continue;
    const lines = file.source.split('\n');
    const at = (offset: number) => {
      const place = positionAt(file.source, offset);
      return { ...FRESH, ...place, sourceLine: lines[place.line - 1] ?? '' };
    };
    let layout: string | undefined;
    let blocks: { names: string[]; anonymous: boolean; owned?: string } | undefined;
    let depth = 0;
    let captures = 0;
    let unknownBlock = false;
    let outside = false;
    /** The blocks the template has filled so far: LiquidJS shows the first of a name, and drops a second without a word. */
    const filled = new Set<string>();
    let repeated = false;
    for (const token of tokens) {
      if (token === null) break;
      if (layout === undefined) {
        if (token.kind !== TokenKind.Tag || (token as TagToken).name !== 'layout') continue;
        const quoted = /^\s*(['"])([^'"]+)\1/.exec((token as TagToken).args)?.[2];
        // `{% layout none %}`, or a layout named by a value: which blocks it has is known only when it renders.
        if (quoted === undefined) break;
        layout = quoted;
        blocks = blocksOf(fileName(quoted));
        if (blocks === undefined || (!mine && blocks.owned === undefined)) break;
        continue;
      }
      if (token.kind === TokenKind.Tag) {
        const tag = token as TagToken;
        // What a capture holds is kept, not written: it reaches the page where a block writes it.
        if (tag.name === 'capture') captures++;
        else if (tag.name === 'endcapture') captures = Math.max(0, captures - 1);
        else if (tag.name === 'block') {
          const block = blockName(tag.args);
          if (depth === 0 && !unknownBlock && block !== '' && !blocks!.names.includes(block)) {
            unknownBlock = true;
            found.push({ name, ...at(tag.begin), layout, block, blocks: blocks!.names, ...(mine ? {} : { by: blocks!.owned! }) });
          } else if (!mine) {
            // Nothing else of a template of the set it extends is the set's doing.
          } else if (depth === 0 && !repeated && filled.has(block)) {
            repeated = true;
            found.push({ name, ...at(tag.begin), layout, block, blocks: blocks!.names, repeated: true });
          }
          if (depth === 0) filled.add(block);
          depth++;
        } else if (tag.name === 'endblock') depth = Math.max(0, depth - 1);
        continue;
      }
      if (!mine || depth > 0 || captures > 0 || outside || blocks!.anonymous) continue;
      const text = token.getText();
      const start = token.kind === TokenKind.HTML ? text.search(/\S/) : 0;
      if (start === -1) continue;
      outside = true;
      found.push({ name, ...at(token.begin + start), layout, blocks: blocks!.names });
    }
  }
  return found;
}

/**
 * The ids a set's release page gives elements of its own around the body
 * (`<main id="main">`, a project set's `<section id="downloads">`), for a
 * link in the body to a part of its page (`content/link-target`): each id
 * written whole in an HTML tag of a template the page's template reaches,
 * or of any of the set's templates when one names another by a value. An id
 * made by Liquid (`id="latest-{{ lang }}"`) is known only when the page
 * renders, and is left out; so is the page's own body, whose ids the check
 * reads from the body. In the order found, each once.
 */
export function pageIdsOf(set: TemplateSet): string[] {
  const reached = templatesReached(set, [ENTRY_TEMPLATES.html]);
  const ids = new Set<string>();
  for (const [name, file] of set.files) {
    if (reached ? !reached.has(name) : !name.endsWith('.liquid')) continue;
    for (const found of withoutComments(file.source).matchAll(TAG_ID)) {
      const id = found[1] ?? found[2] ?? found[3] ?? '';
      if (id !== '' && !/\{[{%]/.test(id)) ids.add(id);
    }
  }
  return [...ids];
}

/**
 * A template's source without its HTML comments and Liquid `{% comment %}` blocks, whose elements no page has: each found in
 * one pass, a comment never closed running to the end.
 */
function withoutComments(source: string): string {
  if (!source.includes('<!--') && !/\{%-?\s*comment/.test(source)) return source;
  const opening = /<!--|\{%-?\s*comment\s*-?%\}/g;
  let out = '';
  let from = 0;
  for (let found = opening.exec(source); found; found = opening.exec(source)) {
    out += source.slice(from, found.index);
    const closing = found[0] === '<!--' ? /-->/g : /\{%-?\s*endcomment\s*-?%\}/g;
    closing.lastIndex = opening.lastIndex;
    const end = closing.exec(source);
    if (!end) return out;
    from = opening.lastIndex = closing.lastIndex;
  }
  return out + source.slice(from);
}

/** An `id` attribute in an HTML start tag, its value in double quotes, single quotes or none (a Liquid tag between the tag's attributes passes). */
const TAG_ID = /<[a-z][a-z0-9-]*\s(?:[^<>]*?\s)?id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * The templates `entries` (the entry templates of a build's formats and
 * pages) reach through the quoted names of their include, render and layout
 * tags, themselves included; undefined when a template of the set names one
 * by a value, since which it reaches is known only when it renders.
 */
export function templatesReached(set: TemplateSet, entries: readonly string[]): Set<string> | undefined {
  if (dynamicIncludes(set)) return undefined;
  const edges = includeEdges(set);
  const reached = new Set<string>();
  const pending = entries.filter((name) => set.files.has(name));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const edge of edges.get(name) ?? []) if (set.files.has(edge.to)) pending.push(edge.to);
  }
  return reached;
}

/**
 * The set's templates that nothing uses, among those `own` picks: not an
 * entry template of a format or of the site's pages, and not included,
 * rendered or used as a layout by a template that is used, each with the
 * name it was likely meant to be (`release.text.liquid` for
 * `release.txt.liquid`, `partial/contacts.liquid` for
 * `partials/contacts.liquid`). None when a template names a file by a value
 * (`{% include name %}`): which files it reaches is known only when it renders.
 */
export function unusedTemplates(set: TemplateSet, own: (file: TemplateFile) => boolean): { name: string; meant?: string }[] {
  const entries = [...Object.values(ENTRY_TEMPLATES), ...Object.values(SITE_PAGE_TEMPLATES)];
  const used = templatesReached(set, entries);
  if (used === undefined) return [];
  const edges = includeEdges(set);
  const known = [...new Set([...entries, ...used, ...[...edges.values()].flat().map((edge) => edge.to)])];
  return [...set.files.values()]
    .filter((file) => !used.has(file.name) && own(file))
    .map((file) => {
      // Never a name the set's own folder has already: renamed to it, the file would take the place of one of its own; nor one
      // whose folder or file name is unlike the file's own, which the whole path's length would let through (a new
      // `partials/card.liquid`, not yet included, is no misspelt `partials/tags.liquid`).
      const meant = closest(file.name, known.filter((name) => name !== file.name && !(set.files.has(name) && own(set.files.get(name)!)) && partsAlike(file.name, name)));
      return { name: file.name, ...(meant ? { meant } : {}) };
    });
}

/**
 * Whether `meant` could be what `name` was meant to be, part by part: the same file name in another folder
 * (`layouts/contacts.liquid` for `partials/contacts.liquid`), or a folder and a file name (without `.liquid`) each the same
 * or close enough to suggest on their own (`partial/` for `partials/`, `release.text` for `release.txt`).
 */
function partsAlike(name: string, meant: string): boolean {
  const split = (path: string) => {
    const slash = path.lastIndexOf('/');
    return [path.slice(0, slash + 1), path.slice(slash + 1).replace(/\.liquid$/, '')];
  };
  const [folder, file] = split(name);
  const [meantFolder, meantFile] = split(meant);
  const alike = (word: string, other: string) => word === other || closest(word, [other]) !== undefined;
  return file === meantFile || (alike(folder!, meantFolder!) && alike(file!, meantFile!));
}

/** Whether a template of the set names a partial or layout by a value rather than a quoted name. */
function dynamicIncludes(set: TemplateSet): boolean {
  return [...set.files.values()].some((file) => /\{%-?\s*(?:include|render|layout)\s+(?!['"])[^\s%]/.test(file.source) || /^\s*(?:include|render|layout)\s+(?!['"])\S/m.test(liquidLines(file.source)));
}

/**
 * The lines of a file's `{% liquid %}` tags, where tags are written without
 * delimiters. Each tag's end is looked for once, from where the tag opens:
 * a lazy pattern looked for it from every `{% liquid` to the end of a file
 * that has none (65,000 of them in one partial took 10 s).
 */
function liquidLines(source: string): string {
  const lines: string[] = [];
  const opening = /\{%-?\s*liquid\b/g;
  for (let found = opening.exec(source); found; found = opening.exec(source)) {
    const end = source.indexOf('%}', opening.lastIndex);
    // No tag opened later can end either.
    if (end === -1) break;
    const inside = source.slice(opening.lastIndex, end);
    lines.push(inside.endsWith('-') ? inside.slice(0, -1) : inside);
    opening.lastIndex = end + 2;
  }
  return lines.join('\n');
}

/**
 * A circle of includes that `start` is on or leads to (`a` includes `b`,
 * which includes `a`), as the tags that make it, first to last; undefined
 * when the names written in the set's tags make none (a name built at run
 * time, a partial that includes itself only under a condition that ends).
 */
function includeCircle(set: TemplateSet, start: string): IncludeEdge[] | undefined {
  const edges = includeEdges(set);
  const path: IncludeEdge[] = [];
  const onPath = new Set<string>([start]);
  const done = new Set<string>();
  const walk = (name: string): IncludeEdge[] | undefined => {
    for (const edge of edges.get(name) ?? []) {
      if (onPath.has(edge.to)) {
        const from = path.findIndex((e) => e.from === edge.to);
        return [...path.slice(from === -1 ? path.length : from), edge];
      }
      if (done.has(edge.to) || !set.files.has(edge.to)) continue;
      path.push(edge);
      onPath.add(edge.to);
      const found = walk(edge.to);
      if (found) return found;
      onPath.delete(edge.to);
      path.pop();
      done.add(edge.to);
    }
    return undefined;
  };
  return walk(start);
}

/**
 * The diagnostic of a render that nested past its limit, at the tag that
 * closes a circle of includes when the set's tags make one: the place where
 * the limit was reached is anywhere in the circle, often a line that has
 * nothing to do with it.
 */
function circleDiagnostic(set: TemplateSet, name: string, entry: string, ruleId: Diagnostic['ruleId']): Diagnostic | undefined {
  // The limit is reached in a file on the circle or in one a file on it includes: the entry template leads to the circle either way.
  const circle = includeCircle(set, name) ?? includeCircle(set, entry);
  if (!circle) return undefined;
  const last = circle[circle.length - 1]!;
  const bare = (file: string) => file.replace(/\.liquid$/, '');
  const names = [...circle.map((edge) => bare(edge.from)), bare(last.to)];
  return {
    file: set.files.get(last.from)?.path ?? last.from, line: last.line, column: last.column, severity: 'error', ruleId,
    message: names.length === 2
      ? `The template ${names[0]} includes itself, so the includes never end.`
      : `The template ${bare(last.from)} includes ${bare(last.to)}, which leads back to it: ${names.join(' → ')}; the includes never end.`,
    hint: 'Take one of these includes out of the circle, or put it under a condition that stops it.',
    sourceLine: last.sourceLine,
  };
}

/** How many syntax errors of one template file are reported: past a few, a file needs reading again anyway. */
const MAX_SYNTAX_ERRORS_PER_FILE = 10;

/** How many times a file with syntax errors is parsed to find them: errors that follow from one taken out cost a parse each too. */
const MAX_SYNTAX_PARSES = 3 * MAX_SYNTAX_ERRORS_PER_FILE;

/**
 * Parses one template file of the set; when it does not parse, its syntax
 * errors, in the order they stand. LiquidJS stops at the first error, so
 * each is taken out of the text (see `SyntaxRecovery`) and the file parsed
 * again, to report every error a compiler would in one run rather than one
 * a run. A file that parses is parsed once.
 */
function parseTemplate(engine: Liquid, set: TemplateSet, name: string, source: string): { template: Template[] } | { errors: Diagnostic[] } {
  let cause: unknown;
  try {
    return { template: engine.parse(source, name) };
  } catch (error) {
    cause = error;
  }
  const errors = [templateDiagnostic(cause, set, name, 'template/syntax')];
  const recovery = new SyntaxRecovery(source);
  const lines = source.split('\n');
  for (let parses = 1; parses < MAX_SYNTAX_PARSES && errors.length < MAX_SYNTAX_ERRORS_PER_FILE; parses++) {
    const error = cause as LiquidLikeError;
    // An error in another file, or one that is not the text's (a limit), ends the reading.
    if (!isSyntaxError(error) || error.token?.input !== recovery.source) break;
    const { consequence, changed } = recovery.takeOut(error.token, errorMessage(error));
    if (parses > 1 && !consequence) {
      const diagnostic = templateDiagnostic(cause, set, name, 'template/syntax');
      // The code frame shows the line as written, not with the errors before it taken out.
      errors.push(diagnostic.sourceLine === undefined ? diagnostic : { ...FRESH, ...diagnostic, sourceLine: lines[diagnostic.line - 1] ?? diagnostic.sourceLine });
    }
    if (!changed) break;
    try {
      engine.parse(recovery.source, name);
      break;
    } catch (next) {
      cause = next;
    }
  }
  return { errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** Whether a LiquidJS error is one of a template's syntax, found when it is parsed. */
function isSyntaxError(error: LiquidLikeError | undefined): boolean {
  return error?.name === 'ParseError' || error?.name === 'TokenizationError' || /^undefined filter: /.test(errorMessage(error));
}

/**
 * How much of a LiquidJS error's message a diagnostic quotes: a message can
 * hold a value the template made (`Invalid time zone specified: …` of a
 * megabyte built with `append`), which went whole into every report.
 */
const ENGINE_MESSAGE = 300;

/** A LiquidJS error's message without the place LiquidJS appends to it, cut short (`ENGINE_MESSAGE`). */
function errorMessage(cause: unknown): string {
  const error = cause as LiquidLikeError | undefined;
  return printable(excerpt(String(error?.message ?? cause).replace(/, file:[^,]*(?=, line:)/, '').replace(/, line:\d+, col:\d+$/, ''), ENGINE_MESSAGE));
}

/** A tag that takes nothing after its name given words: an `{% else if %}` written for `{% elsif %}`, a condition after an end tag. */
function argumentsNotTaken(name: string, args: string): { message: string; hint: string } {
  const condition = /^if\s+([\s\S]+)$/.exec(args)?.[1];
  if (name === 'else' && condition !== undefined) {
    return { message: '{% else if … %} is no tag of Liquid: LiquidJS reads it as {% else %} given words it does not take, or drops them without a word.', hint: `Write {% elsif ${condition} %} in an {% if %} or {% unless %}, {% when … %} in a {% case %}.` };
  }
  return { message: `The tag {% ${name} %} takes nothing after its name, and is given \`${excerpt(args, 60)}\`.`, hint: `Write {% ${name} %}${name === 'else' ? ' alone, or {% elsif … %} for a branch with a condition' : ''}.` };
}

/** A LiquidJS error as a diagnostic in the template's own file, without the stack. */
export function templateDiagnostic(cause: unknown, set: TemplateSet, entry: string, ruleId: 'template/syntax' | 'template/render', lang?: Language, scope?: unknown): Diagnostic {
  const error = cause as LiquidLikeError;
  const token = error?.token;
  const name = fileOfToken(token, set, entry);
  const file = set.files.get(name);
  const raw = errorMessage(cause);
  if (/^renders nested more than \d+ levels deep$/.test(raw)) {
    const circle = circleDiagnostic(set, name, entry, ruleId);
    if (circle) return circle;
  }
  const [line, column] = token ? exactPosition(token, raw) : [1, 1];
  const isParse = isSyntaxError(error);
  const sourceLine = (token?.input ?? file?.source)?.split('\n')[line - 1];
  const unknownTag = /^tag "(.+)" not found$/.exec(raw)?.[1];
  const misplaced = unknownTag !== undefined && token ? misplacedTag(unknownTag, token, file?.path ?? name) : undefined;
  const itemField = error?.originalError instanceof ItemFieldError ? describeItemField(error.originalError) : undefined;
  const { message, hint, ruleId: described, related }: { message: string; hint: string; ruleId?: 'template/labels'; related?: Diagnostic['related'] } = misplaced ?? itemField ?? describe(raw, isParse, set, lang, scope, name, token?.input?.slice(0, token.begin ?? 0));
  return {
    file: file?.path ?? name,
    line,
    column,
    severity: 'error',
    ruleId: isParse ? 'template/syntax' : described ?? ruleId,
    message,
    hint,
    ...(related ? { related } : {}),
    ...(sourceLine !== undefined ? { sourceLine } : {}),
  };
}

/** Why `set` does not build the site's own pages, in a sentence for the build's summary; undefined when it does (see `ReleaseRenderer.hasSitePages`). */
export function sitePagesMissing(set: TemplateSet): string | undefined {
  const release = set.files.get(ENTRY_TEMPLATES.html);
  const lineage = set.lineage ?? [set.name];
  // How far from the set itself a file's set is; a set of the same name (a project's `default` over the built-in one) counts as one.
  const distance = (file: TemplateFile) => {
    const at = lineage.indexOf(file.set);
    return at === -1 ? lineage.length : at;
  };
  const names = Object.values(SITE_PAGE_TEMPLATES);
  const missing = names.filter((name) => !set.files.has(name));
  if (missing.length > 0) return `The site's home page, listings and tag pages were not built: the template set "${set.name}" has no ${missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)!}`}.`;
  // Without its lineage (a set made by a library caller), a site page from another set than the release page's counts as its parent's.
  const inherited = names.map((name) => set.files.get(name)!).filter((file) => release !== undefined && (set.lineage ? distance(file) > distance(release) : file.set !== release.set));
  if (inherited.length === 0) return undefined;
  const taken = inherited.map((file) => file.name);
  const list = taken.length === 1 ? taken[0]! : `${taken.slice(0, -1).join(', ')} and ${taken.at(-1)!}`;
  return `The site's home page, listings and tag pages were not built: the template set "${set.name}" has a release page of its own (release.html.liquid), but would take ${list} from "${inherited[0]!.set}", in that set's design; add ${taken.length === 1 ? 'it' : 'them'} to "${release!.set}" (\`templates eject\` copies ${taken.length === 1 ? 'it' : 'them'}) to build the site's pages.`;
}
