import { decodeHTMLStrict } from 'entities';
import { parse as parseToml, TomlError } from 'smol-toml';
import { normaliseText, parseReleaseFile } from '../core/parse.js';
import { MAX_YAML_DEPTH } from '../core/parse.js';
import type { SiteKind } from './paths.js';
import { caselessValue } from './cascade.js';

/**
 * Reading a post's front matter as the old site's generator would: YAML
 * between `---` lines (both), TOML between `+++` lines or a JSON object
 * (Hugo). The YAML is read by the same guarded reader as releases: no
 * custom tags, no code, aliases limited.
 */

export interface SplitPost {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  /** The 1-based line of a top-level key, or of the front matter's start. */
  lineOf(key: string): number;
}

export type SplitResult = { ok: true; post: SplitPost } | { ok: false; line: number; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Finds the line of `key` in front matter lines by a pattern that names it; 1 when not found. */
function keyLineFinder(lines: readonly string[], pattern: (key: string) => RegExp): (key: string) => number {
  // Each key is looked for once: a post's notes may name the same key thousands of times.
  const found = new Map<string, number>();
  return (key) => {
    let line = found.get(key);
    if (line === undefined) {
      const re = pattern(key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const index = lines.findIndex((l) => re.test(l));
      line = index === -1 ? 1 : index + 1;
      found.set(key, line);
    }
    return line;
  };
}

export function splitPost(source: string, display: string, site: SiteKind = 'jekyll'): SplitResult {
  const text = normaliseText(source);
  const lines = text.split('\n');
  // Hugo reads past blank lines to the front matter, where Jekyll takes it on the first line only.
  const start = site === 'hugo' ? lines.findIndex((line) => !/^[ \t]*$/.test(line)) : 0;
  if (start > 0 && lines[start]!.startsWith('{')) return splitJson(lines.slice(start), start);
  if (start > 0 && /^(?:---|\+\+\+)[ \t]*$/.test(lines[start]!)) {
    // The opening line takes the first one's place, and the blank lines are below it, so that every other line number is
    // still the post's; what is said of the opening line is said of its own.
    const moved = [lines[start]!, ...lines.slice(0, start), ...lines.slice(start + 1)].map((line, i) => (i > 0 && i <= start ? '' : line));
    const result = splitFromFirstLine(moved.join('\n'), moved, display);
    return result.ok || result.line !== 1 ? result : { ok: false, line: start + 1, reason: result.reason.replace(' on line 1 ', ` on line ${start + 1} `) };
  }
  return splitFromFirstLine(text, lines, display);
}

function splitFromFirstLine(text: string, lines: string[], display: string): SplitResult {
  if (lines[0]?.trimEnd() === '+++') return splitToml(lines, display);
  if (lines[0]?.startsWith('{')) return splitJson(lines);
  const parsed = parseReleaseFile(asReleaseDelimiters(text, lines), display);
  const problem = parsed.diagnostics.find((d) => d.severity === 'error');
  if (problem) {
    const reason = problem.ruleId === 'frontmatter/missing' ? 'the file has no front matter block' : `the front matter cannot be read: ${problem.message}`;
    return { ok: false, line: problem.line, reason };
  }
  if (!isPlainObject(parsed.data)) return { ok: false, line: 1, reason: 'the front matter is not a mapping of fields' };
  const data = parsed.data;
  return {
    ok: true,
    post: { data, body: parsed.body, bodyLine: parsed.bodyLine, lineOf: (key) => (Object.hasOwn(data, key) ? parsed.locate([key], 'key').line : 1) },
  };
}

/**
 * The post with its YAML front matter's lines written as a release writes
 * them: Jekyll (and Hugo) take `---` with spaces after it, and a block closed
 * by `...`, the end of a YAML document, where a release takes neither. The
 * lines stay where they are, so every line number is the post's.
 */
function asReleaseDelimiters(text: string, lines: string[]): string {
  if (lines[0] === undefined || lines[0].trimEnd() !== '---') return text;
  const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line));
  if (close === -1 || (lines[0] === '---' && lines[close] === '---')) return text;
  const fixed = [...lines];
  fixed[0] = '---';
  fixed[close] = '---';
  return fixed.join('\n');
}

function splitToml(lines: readonly string[], display: string): SplitResult {
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '+++');
  if (close === -1) return { ok: false, line: 1, reason: 'the TOML front matter opened by `+++` on line 1 is never closed' };
  let data: unknown;
  try {
    data = parseToml(lines.slice(1, close).join('\n'), { maxDepth: MAX_YAML_DEPTH });
  } catch (cause) {
    const line = cause instanceof TomlError ? cause.line + 1 : 1;
    const message = cause instanceof Error ? cause.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '') : String(cause);
    return { ok: false, line, reason: `the TOML front matter of ${display} cannot be read: ${message}` };
  }
  if (!isPlainObject(data)) return { ok: false, line: 1, reason: 'the front matter is not a table of fields' };
  const finder = keyLineFinder(lines.slice(0, close), (key) => new RegExp(`^\\s*(?:${key}|"${key}"|'${key}')\\s*=`));
  return { ok: true, post: { data, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2, lineOf: finder } };
}

/**
 * Hugo reads a JSON object at the start of the file (below `skipped` blank
 * lines) as front matter; it ends at the first `}` line that closes it.
 */
function splitJson(lines: readonly string[], skipped = 0): SplitResult {
  // Only the line on which the object's brackets balance can end it: reading the lines up to every earlier `}` line
  // as JSON read the front matter again for each (2,000 such lines, a megabyte, took 3.7 s).
  const i = jsonObjectEnd(lines, 2000);
  if (i !== -1) {
    const text = lines.slice(0, i + 1).join('\n');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (isPlainObject(data)) {
      const finder = keyLineFinder(lines.slice(0, i + 1), (key) => new RegExp(`"${key}"\\s*:`));
      return { ok: true, post: { data, body: lines.slice(i + 1).join('\n'), bodyLine: skipped + i + 2, lineOf: (key) => skipped + finder(key) } };
    }
    // Placed at the first character JSON does not allow there (a comma before `]`, a missing quote), when the object is complete.
    const wrong = jsonErrorAt(text);
    if (wrong !== undefined) {
      const line = skipped + text.slice(0, wrong).split('\n').length;
      const found = wrong < text.length ? `\`${text[wrong]}\`` : 'the end of the object';
      return { ok: false, line, reason: `the JSON front matter cannot be read: ${found} on line ${line} is not allowed there` };
    }
  }
  return { ok: false, line: skipped + 1, reason: 'the JSON front matter cannot be read: no complete JSON object starts the file' };
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- a JSON string may hold no control character unescaped
const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const JSON_BLANKS = /[ \t\n\r]*/y;

/**
 * The offset of the first character of `text` that JSON does not allow
 * where it stands, or undefined when `text` is one JSON value. Read
 * without recursion, so that no nesting runs it out of stack.
 */
export function jsonErrorAt(text: string): number | undefined {
  let at = 0;
  const blanks = () => {
    JSON_BLANKS.lastIndex = at;
    JSON_BLANKS.exec(text);
    at = JSON_BLANKS.lastIndex;
  };
  const token = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.exec(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  /** The containers open, innermost last: `}` for an object, `]` for a list. */
  const open: string[] = [];
  for (;;) {
    // A value.
    blanks();
    const c = text[at];
    if (c === '{' || c === '[') {
      at++;
      blanks();
      const closer = c === '{' ? '}' : ']';
      if (text[at] === closer) {
        at++;
      } else {
        open.push(closer);
        if (closer === '}') {
          if (!token(JSON_STRING)) return at;
          blanks();
          if (text[at] !== ':') return at;
          at++;
        }
        continue;
      }
    } else if (c === '"') {
      if (!token(JSON_STRING)) return at;
    } else if (text.startsWith('true', at) || text.startsWith('null', at)) {
      at += 4;
    } else if (text.startsWith('false', at)) {
      at += 5;
    } else if (!token(JSON_NUMBER)) {
      return at;
    }
    // After a value: the next member, the end of its container, or the end.
    for (;;) {
      blanks();
      const closer = open.at(-1);
      if (closer === undefined) return at === text.length ? undefined : at;
      if (text[at] === closer) {
        at++;
        open.pop();
        continue;
      }
      if (text[at] !== ',') return at;
      at++;
      if (closer === '}') {
        blanks();
        if (!token(JSON_STRING)) return at;
        blanks();
        if (text[at] !== ':') return at;
        at++;
      }
      break;
    }
  }
}

/**
 * The index of the line, among the first `maxLines`, on which the brackets
 * opened by the JSON value that starts `lines` are all closed, strings
 * skipped; -1 when none is. In valid JSON that is where the value ends.
 */
function jsonObjectEnd(lines: readonly string[], maxLines: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < lines.length && i < maxLines; i++) {
    const line = lines[i]!;
    for (let k = 0; k < line.length; k++) {
      const c = line[k];
      if (inString) {
        if (c === '\\') k++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i;
    }
  }
  return -1;
}

/** What the front matter says, in release terms. */
export interface MappedFields {
  title?: string;
  /** The raw date value and the key it came from. */
  date?: { value: unknown; key: string };
  /** Hugo `publishDate` (or `pubDate`, or a `published` date) beside a `date`: Hugo published the page from then, whatever date it showed. */
  publishAt?: { value: unknown; key: string };
  lang?: { value: string; key: string };
  draft: boolean;
  summary?: string;
  subtitle?: string;
  location?: string;
  tags: string[];
  /** `categories` and `category` alone, for Jekyll addresses. */
  categories: string[];
  /** An explicit `slug`. */
  slug?: string;
  /** The post's address as the old site set it: `permalink` (Jekyll; its `url` is not read) or `url` (Hugo; its `permalink` is not read). */
  url?: string;
  /** Earlier addresses that already redirected to it: `aliases` (Hugo), `redirect_from` (jekyll-redirect-from). */
  oldUrls: string[];
  /** `ref` or `translationKey`, or jekyll-polyglot's `page_id`. */
  translationKey?: string;
  /** Hugo `expiryDate`: after it, Hugo no longer publishes the page. */
  expiry?: { value: unknown; key: string };
  /** Why Hugo made no page of it (`build: {render: never}`, `headless: true`), in the words of its front matter, and the key. */
  notRendered?: { setting: string; key: string };
  /** jekyll-redirect-from's `redirect_to`: the old site sent readers there instead of showing the post. */
  redirectTo?: string;
  /** Jekyll `excerpt_separator`, as written: where the post's excerpt ended, before the site's (see `excerptSeparator`). */
  excerptSeparator?: string;
  /** Keys with no place in a release, in the order written. */
  dropped: string[];
  /** Values that could not be used, by key. */
  unusable: { key: string; message: string }[];
}

/** Tags whose place in a text field of the old site stands for a space once the tags are taken out. */
const BREAKING_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr', 'tr', 'td', 'th', 'table', 'section', 'article']);

/**
 * Text from a scalar; runs of white space (a folded YAML block) become one
 * space. Themes print titles and excerpts as HTML, so authors wrote `&amp;`
 * and `<em>`; release fields are plain text, so references are decoded
 * (only complete ones: `R&D` stays) and tags removed, a line break or a
 * block's edge leaving a space.
 */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    let text = value;
    // A line break or a block's edge parts words (`Line one<br>Line two`); an inline tag does not (`<em>Baku</em>'s`).
    if (text.includes('<')) text = text.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]{0,200}>/g, (_tag, _close: string, name: string) => (BREAKING_TAGS.has(name.toLowerCase()) ? ' ' : ''));
    if (text.includes('&')) text = decodeHTMLStrict(text);
    return text.replace(/\s+/g, ' ').trim() || undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

/**
 * Jekyll's `excerpt_separator` as Jekyll reads it (`value.to_s`): text as
 * written, '' too (no excerpt), and a number or `true` as text; undefined for
 * none (`~`, `false`: Jekyll takes the next one, the post's then the site's).
 */
export function excerptSeparator(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || value === true) return String(value);
  return undefined;
}

/**
 * Whether a front matter value says nothing: `description: ""`, `images: []`
 * or `cover: {image: ""}`, as a theme's template for new posts leaves them.
 * Nothing of such a key is dropped, so none is counted among the dropped.
 */
export function isBlankValue(value: unknown): boolean {
  return !someLeaf(value, (leaf) => leaf !== null && leaf !== undefined && !(typeof leaf === 'string' && leaf.trim() === ''));
}

/** Whether a value holds text that is not blank, in a list or a mapping too (`cover: {image: photo.jpg}`). */
export function holdsText(value: unknown): boolean {
  return someLeaf(value, (leaf) => typeof leaf === 'string' && leaf.trim() !== '');
}

/** Whether a value (a scalar, or one in its lists and mappings, read without recursion) passes `test`. */
function someLeaf(value: unknown, test: (leaf: unknown) => boolean): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    const inner = Array.isArray(next) ? next : isPlainObject(next) ? Object.values(next) : undefined;
    if (inner === undefined) {
      if (test(next)) return true;
    } else {
      for (const item of inner) stack.push(item);
    }
  }
  return false;
}

/** A flag as Jekyll's YAML and Hugo read it (`yes`, `off` …); undefined for a value that is neither true nor false. */
export function truthy(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(?:true|yes|on)$/i.test(value.trim())) return true;
  if (typeof value === 'string' && /^(?:false|no|off)$/i.test(value.trim())) return false;
  return undefined;
}

const SUMMARY_KEYS = ['summary', 'description', 'excerpt'];
const SUBTITLE_KEYS = ['subtitle', 'deck'];
const LANG_KEYS = ['lang', 'language', 'locale'];
const DATE_KEYS = ['date', 'publishDate', 'pubDate', 'published_at'];
/** Hugo's names for the moment a page is published from. */
const PUBLISH_KEYS = ['publishDate', 'pubDate'];
/** The same, in Hugo's order, on a page whose `published` is a date: Hugo's third name for `publishDate` (see `mapFrontMatter`). */
const HUGO_DATE_KEYS = ['date', 'publishDate', 'pubDate', 'published', 'published_at'];
const HUGO_PUBLISH_KEYS = ['publishDate', 'pubDate', 'published'];
/** Hugo dates a page that names none of those by when it was last changed, as its `[frontmatter]` defaults have it. */
const HUGO_CHANGED_KEYS = ['lastmod', 'modified'];
/** Hugo's names for the moment a page stops being published (in any letter case, as `caseless` reads them: `expirydate` is `expiryDate`). */
const EXPIRY_KEYS = ['expiryDate', 'unpublishdate'];

/** Every key `mapFrontMatter` reads, as it spells them. */
const KNOWN_KEYS = [
  'title', ...DATE_KEYS, ...HUGO_CHANGED_KEYS, ...LANG_KEYS, 'published', 'draft', ...SUMMARY_KEYS, ...SUBTITLE_KEYS, 'location', 'tags', 'categories', 'category',
  'slug', 'permalink', 'url', 'aliases', 'redirect_from', ...EXPIRY_KEYS, 'translationKey', 'ref', 'build', '_build', 'headless',
];
const KNOWN_BY_LOWER_CASE = new Map<string, string>();
for (const key of KNOWN_KEYS) if (!KNOWN_BY_LOWER_CASE.has(key.toLowerCase())) KNOWN_BY_LOWER_CASE.set(key.toLowerCase(), key);

/**
 * Hugo reads front matter keys in any letter case (`Title`, `Draft`,
 * `publishdate`, `translationkey`): the keys it knows, under the names this
 * module reads, with how each was written, for notes at its line. A second
 * spelling of a key already seen is not read, and is counted as dropped.
 */
function caseless(frontMatter: Record<string, unknown>): { data: Record<string, unknown>; written: (key: string) => string } {
  // No prototype: a key such as `__proto__` or `constructor` is just a key.
  const data = Object.create(null) as Record<string, unknown>;
  const original = new Map<string, string>();
  for (const [key, value] of Object.entries(frontMatter)) {
    const name = KNOWN_BY_LOWER_CASE.get(key.toLowerCase()) ?? key;
    if (Object.hasOwn(data, name)) continue;
    data[name] = value;
    original.set(name, key);
  }
  return { data, written: (key) => original.get(key) ?? key };
}

/**
 * Maps one post's front matter to release fields. Every key is either used,
 * or listed in `dropped`; values of a used key that cannot be used are
 * listed in `unusable` so a person can look at them. On a jekyll-polyglot
 * site (`polyglot`), `page_id` names the post's translations, as there.
 */
export function mapFrontMatter(frontMatter: Record<string, unknown>, site: SiteKind, polyglot = false): MappedFields {
  const { data, written } = site === 'hugo' ? caseless(frontMatter) : { data: frontMatter, written: (key: string) => key };
  const result: MappedFields = { draft: false, tags: [], categories: [], oldUrls: [], dropped: [], unusable: [] };
  const used = new Set<string>();
  const use = (key: string) => used.add(key);
  // The same note for the same key is given once, with how often: a list of 150,000 empty entries is one note, not 150,000.
  const repeats = new Map<string, { key: string; message: string; count: number }>();
  const unusable = (key: string, message: string) => {
    const id = `${key}\0${message}`;
    const seen = repeats.get(id);
    if (seen) seen.count++;
    else repeats.set(id, { key: written(key), message, count: 1 });
  };
  const has = (key: string) => Object.hasOwn(data, key) && data[key] !== null && data[key] !== undefined && data[key] !== '';

  if (has('title')) {
    use('title');
    const title = scalarText(data.title);
    if (title !== undefined) result.title = title;
    else unusable('title', 'the title is not text');
  }
  // Hugo reads `published` as another name of `publishDate` (Jekyll, as a flag): a value that is no flag is the moment it published the page from.
  const publishedDate = site === 'hugo' && Object.hasOwn(data, 'published') && truthy(data.published) === undefined;
  const dateKey = [...(publishedDate ? HUGO_DATE_KEYS : DATE_KEYS), ...(site === 'hugo' ? HUGO_CHANGED_KEYS : [])].find(has);
  if (dateKey) {
    use(dateKey);
    result.date = { value: data[dateKey], key: written(dateKey) };
  }
  const publishKey = site === 'hugo' ? (publishedDate ? HUGO_PUBLISH_KEYS : PUBLISH_KEYS).find((key) => key !== dateKey && has(key)) : undefined;
  if (publishKey) {
    use(publishKey);
    result.publishAt = { value: data[publishKey], key: written(publishKey) };
  }
  const langKey = LANG_KEYS.find(has);
  if (langKey) {
    use(langKey);
    const lang = scalarText(data[langKey]);
    if (lang !== undefined) result.lang = { value: lang, key: written(langKey) };
  }
  for (const key of ['published', 'draft'] as const) {
    if (!Object.hasOwn(data, key) || (key === 'published' && publishedDate)) continue;
    use(key);
    const flag = truthy(data[key]);
    if (flag === undefined) unusable(key, `\`${written(key)}\` is neither true nor false; the release is imported as a draft`);
    if (key === 'published' ? flag !== true : flag !== false) result.draft = true;
  }
  const pick = (keys: readonly string[], field: 'summary' | 'subtitle' | 'location') => {
    for (const key of keys) {
      if (!has(key) || result[field] !== undefined) continue;
      const value = scalarText(data[key]);
      if (value === undefined) continue;
      use(key);
      result[field] = value;
    }
  };
  pick(SUMMARY_KEYS, 'summary');
  pick(SUBTITLE_KEYS, 'subtitle');
  pick(['location'], 'location');
  // Hugo (from 0.123) reads a page's own parameters from its `params` too (`.Params.subtitle` either way, in any letter case):
  // those the release has a field for are read from there when the page has none of its own; the others are dropped by name.
  const params = site === 'hugo' && isPlainObject(data.params) ? caseless(data.params) : undefined;
  const fromParams = new Set<string>();
  if (params) {
    use('params');
    for (const [keys, field] of [[SUBTITLE_KEYS, 'subtitle'], [['location'], 'location']] as const) {
      const key = keys.find((k) => result[field] === undefined && scalarText(params.data[k]) !== undefined && params.data[k] !== '');
      if (key === undefined) continue;
      result[field] = scalarText(params.data[key])!;
      fromParams.add(params.written(key));
    }
  }

  const tags: string[] = [];
  // Jekyll reads a single `tag` as it reads `tags`.
  for (const key of site === 'jekyll' ? ['tags', 'tag', 'categories', 'category'] : ['tags', 'categories', 'category']) {
    if (!Object.hasOwn(data, key)) continue;
    use(key);
    const value = data[key];
    // Jekyll reads a string of `tags` or `categories` as a space-separated list, and a `tag` or `category` as one; Hugo reads each as one term.
    const spaced = site === 'jekyll' && (key === 'tags' || key === 'categories');
    const items = typeof value === 'string' ? (spaced ? value.split(/\s+/) : [value]) : Array.isArray(value) ? value : value === null ? [] : [value];
    for (const item of items) {
      const tag = scalarText(item);
      if (tag !== undefined) {
        tags.push(tag);
        if (key === 'categories' || key === 'category') result.categories.push(tag);
      }
      else if (item !== null && item !== '') unusable(key, `a ${key} entry is not text and was left out`);
    }
  }
  result.tags = [...new Set(tags)];

  if (has('slug')) {
    use('slug');
    const slug = scalarText(data.slug);
    if (slug !== undefined) result.slug = slug;
  }
  // Jekyll reads a post's address from `permalink` alone (a post's `url` is a field like any other, often a link post's
  // outside address), Hugo from `url` alone: the other is left to the report's fields left out.
  const addressKey = site === 'hugo' ? 'url' : 'permalink';
  if (has(addressKey)) {
    use(addressKey);
    const url = scalarText(data[addressKey]);
    if (url !== undefined) result.url = url;
  }
  for (const key of ['aliases', 'redirect_from']) {
    if (!Object.hasOwn(data, key)) continue;
    use(key);
    const value = data[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      const url = scalarText(item);
      if (url !== undefined) result.oldUrls.push(url);
    }
  }
  const expiryKey = site === 'hugo' ? EXPIRY_KEYS.find(has) : undefined;
  if (expiryKey) {
    use(expiryKey);
    result.expiry = { value: data[expiryKey], key: written(expiryKey) };
  }
  // Polyglot pairs translations by `page_id` whatever else the post says.
  if (site === 'jekyll' && has('redirect_to')) {
    const target = scalarText(Array.isArray(data.redirect_to) ? data.redirect_to[0] : data.redirect_to);
    if (target !== undefined) {
      use('redirect_to');
      result.redirectTo = target;
    }
  }
  if (site === 'hugo') {
    // A page Hugo never wrote out (its build options, or a headless bundle) was never public at an address of its own.
    const buildKey = ['build', '_build'].find(has);
    const build = buildKey === undefined ? undefined : data[buildKey];
    // Hugo reads the keys inside it in any letter case too (`build: {Render: never}`).
    const render = typeof build === 'object' && build !== null && !Array.isArray(build) ? caselessValue(build as Record<string, unknown>, 'render') : undefined;
    if (buildKey !== undefined && (render === false || (typeof render === 'string' && /^(?:never|link|false)$/i.test(render.trim())))) {
      use(buildKey);
      result.notRendered = { setting: `${written(buildKey)}.render: ${String(render)}`, key: written(buildKey) };
    } else if (has('headless') && truthy(data.headless) === true) {
      use('headless');
      result.notRendered = { setting: `${written('headless')}: true`, key: written('headless') };
    }
  }
  if (site === 'jekyll' && Object.hasOwn(data, 'excerpt_separator')) {
    use('excerpt_separator');
    const separator = excerptSeparator(data.excerpt_separator);
    if (separator !== undefined) result.excerptSeparator = separator;
    else if (data.excerpt_separator !== null && data.excerpt_separator !== false) unusable('excerpt_separator', '`excerpt_separator` is not text; the site\'s is used');
  }
  const keyName = [...(polyglot ? ['page_id'] : []), 'translationKey', 'ref'].find(has);
  if (keyName) {
    use(keyName);
    const key = scalarText(data[keyName]);
    if (key !== undefined) result.translationKey = key;
  }
  const usedAsWritten = new Set([...used].map(written));
  result.dropped = Object.keys(frontMatter).filter((key) => !usedAsWritten.has(key) && !isBlankValue(frontMatter[key]));
  if (params) {
    const own = data.params as Record<string, unknown>;
    result.dropped.push(...Object.keys(own).filter((key) => !fromParams.has(key) && !isBlankValue(own[key])).map((key) => `${written('params')}.${key}`));
  }
  result.unusable = [...repeats.values()].map(({ key, message, count }) => ({ key, message: count > 1 ? `${message} (${count.toLocaleString('en')} times)` : message }));
  return result;
}
