/**
 * Glob matching in time proportional to the name times the glob, whatever
 * either holds. An `ignore` glob comes from the config file, which a pull
 * request may change: a regular expression made of it (`*a*a*a*a*a*a*b`)
 * can backtrack for hours over one long file name.
 *
 * The syntax: `*` (any characters but `/`), `?` (one character but `/`),
 * `[abc]`, `[a-z]` and `[!a-z]` (or `[^a-z]`), `{a,b}` (either, nested too),
 * a `**` segment (any number of folders, none included) and `\` before a
 * character to take it as it is. Dots are not special: `*` matches
 * `.hidden`.
 */

/** One part of a segment's pattern. */
type Part =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; ranges: [string, string][]; named: RegExp[] };

/** A segment of a path pattern: `**`, or the parts of one name. */
type Segment = { globstar: true } | { globstar: false; parts: Part[] };

/** Most patterns one glob may expand to through its braces (`{a,b}{c,d}` is four). */
export const MAX_BRACE_EXPANSIONS = 16;
/** Longest glob, in characters. */
export const MAX_GLOB_LENGTH = 256;

const GLOB_TOO_LONG = `is longer than ${MAX_GLOB_LENGTH} characters`;
const GLOB_TOO_MANY = `expands through its braces to more than ${MAX_BRACE_EXPANSIONS} globs`;

/** Why a glob cannot be used (too long, too many alternatives), or undefined. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return GLOB_TOO_LONG;
  if (expandBraces(glob) === undefined) return GLOB_TOO_MANY;
  return undefined;
}

/**
 * `{a,b}` alternatives expanded (nested ones too), or undefined past
 * `MAX_BRACE_EXPANSIONS`. A brace without its partner, or without a comma
 * at its own level, is a character like any other.
 */
export function expandBraces(glob: string): string[] | undefined {
  const open = findBrace(glob);
  if (!open) return [glob];
  const { start, end, options } = open;
  const out: string[] = [];
  for (const option of options) {
    const rest = expandBraces(glob.slice(0, start) + option + glob.slice(end + 1));
    if (rest === undefined) return undefined;
    for (const expanded of rest) {
      out.push(expanded);
      if (out.length > MAX_BRACE_EXPANSIONS) return undefined;
    }
  }
  return out;
}

/** POSIX character classes inside brackets (`[[:alpha:]]`), as Unicode classes. */
const NAMED_CLASSES: Readonly<Record<string, RegExp>> = {
  alpha: /\p{L}/u, digit: /\p{Nd}/u, alnum: /[\p{L}\p{Nd}]/u, upper: /\p{Lu}/u, lower: /\p{Ll}/u, space: /\s/u, punct: /\p{P}/u, xdigit: /[0-9a-fA-F]/,
};

/**
 * The bracket class that opens at `chars[start]` (a `[`): its members and
 * the index of its closing `]`, or undefined when it is not closed (the
 * `[` is then a character like any other). A `]` right after `[` or `[!`
 * is a member; `\` takes the next character as it is; `[:alpha:]` and the
 * like are classes of letters.
 */
function readClass(chars: readonly string[], start: number): { part: Extract<Part, { kind: 'class' }>; end: number } | undefined {
  let i = start + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  const named: RegExp[] = [];
  const first = i;
  const member = (): string | undefined => {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) i++;
    return chars[i++];
  };
  while (i < chars.length) {
    if (chars[i] === ']' && i > first) return { part: { kind: 'class', negated, ranges, named }, end: i };
    if (chars[i] === '[' && chars[i + 1] === ':') {
      const close = chars.indexOf(']', i + 2);
      const name = close === -1 ? '' : chars.slice(i + 2, close).join('');
      if (name.endsWith(':') && Object.hasOwn(NAMED_CLASSES, name.slice(0, -1))) {
        named.push(NAMED_CLASSES[name.slice(0, -1)]!);
        i = close + 1;
        continue;
      }
    }
    const low = member()!;
    if (chars[i] === '-' && i + 1 < chars.length && chars[i + 1] !== ']') {
      i++;
      const high = member()!;
      ranges.push([low, high]);
    } else ranges.push([low, low]);
  }
  return undefined;
}

/** The first `{…}` with a comma at its own level: where it starts and ends, and its options. */
function findBrace(glob: string): { start: number; end: number; options: string[] } | undefined {
  // Code units, not characters: the positions are the glob's own. A bracket class is skipped whole: a brace in it is a member.
  const units = glob.split('');
  const skipClass = (at: number): number => readClass(units, at)?.end ?? at;
  for (let start = 0; start < glob.length; start++) {
    if (glob[start] === '\\') {
      start++;
      continue;
    }
    if (glob[start] === '[') {
      start = skipClass(start);
      continue;
    }
    if (glob[start] !== '{') continue;
    let depth = 0;
    let from = start + 1;
    const options: string[] = [];
    for (let i = start; i < glob.length; i++) {
      const c = glob[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '[') {
        i = skipClass(i);
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        if (options.length === 0) break;
        options.push(glob.slice(from, i));
        return { start, end: i, options };
      } else if (c === ',' && depth === 1) {
        options.push(glob.slice(from, i));
        from = i + 1;
      }
    }
  }
  return undefined;
}

function parseSegment(pattern: string): Segment {
  if (pattern === '**') return { globstar: true };
  const parts: Part[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) parts.push({ kind: 'char', char: chars[++i]! });
    else if (c === '*') {
      // `**` inside a name is one `*`; runs of stars are one.
      if (parts.at(-1)?.kind !== 'star') parts.push({ kind: 'star' });
    } else if (c === '?') parts.push({ kind: 'any' });
    else if (c === '[') {
      const found = readClass(chars, i);
      if (!found) parts.push({ kind: 'char', char: c });
      else {
        parts.push(found.part);
        i = found.end;
      }
    } else parts.push({ kind: 'char', char: c });
  }
  return { globstar: false, parts };
}

function matchesOne(part: Part, char: string): boolean {
  switch (part.kind) {
    case 'char': return part.char === char;
    case 'any': return true;
    case 'class': return (part.ranges.some(([low, high]) => char >= low && char <= high) || part.named.some((test) => test.test(char))) !== part.negated;
    default: return false;
  }
}

/**
 * The classic two-pointer wildcard match of `items` against `pattern`:
 * a star takes any run of items, and on a mismatch the match goes back
 * only to the last star, so at most items × pattern steps. Used for the
 * characters of a name (`*`) and for the names of a path (`**`).
 */
function wildcard<P, I>(pattern: readonly P[], items: readonly I[], isStar: (part: P) => boolean, matches: (part: P, item: I) => boolean, budget: GlobBudget): boolean {
  let p = 0;
  let i = 0;
  let star = -1;
  let resume = 0;
  while (i < items.length) {
    if (--budget.steps < 0) throw new GlobBudgetSpent();
    const part = pattern[p];
    if (part !== undefined && isStar(part)) {
      star = p++;
      resume = i;
    } else if (part !== undefined && matches(part, items[i]!)) {
      p++;
      i++;
    } else if (star !== -1) {
      p = star + 1;
      i = ++resume;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}

const matchName = (parts: readonly Part[], name: readonly string[], budget: GlobBudget): boolean =>
  wildcard(parts, name, (part) => part.kind === 'star', matchesOne, budget);

const matchPath = (segments: readonly Segment[], names: readonly (readonly string[])[], budget: GlobBudget): boolean =>
  wildcard(segments, names, (segment) => segment.globstar, (segment, name) => !segment.globstar && matchName(segment.parts, name, budget), budget);

/**
 * Steps the glob matching of one run may take in all. Each match is bounded
 * (name × glob), but a thousand globs, each spread by its braces, over deep
 * paths of long names multiply: past the budget the run stops and says so,
 * instead of taking hours.
 */
export interface GlobBudget {
  steps: number;
}

/** Steps of a run's `ignore` matching: ordinary globs over an archive of 10,000 files take some millions. */
export const GLOB_STEPS = 50_000_000;

/** Thrown when the glob matching of a run has spent its budget. */
export class GlobBudgetSpent extends Error {
  constructor() {
    super('the ignore globs take too long to match');
  }
}

/**
 * A matcher of `/`-separated paths for `glob`; one that matches nothing when
 * the glob has a problem (see `globProblem`). `within`: it also matches a
 * path inside a folder the glob matches (`drafts/old` matches
 * `drafts/old/a.md`). It throws `GlobBudgetSpent` once `budget` is spent.
 */
export function globMatcher(glob: string, budget: GlobBudget = { steps: GLOB_STEPS }, within = false): (path: string) => boolean {
  const expanded = globProblem(glob) === undefined ? expandBraces(glob) ?? [] : [];
  // A trailing `**` takes any folder's contents in one match, rather than one match for each folder of the path.
  const patterns = expanded.map((pattern) => [...pattern.split('/').filter((segment) => segment !== '').map(parseSegment), ...(within ? [{ globstar: true } as const] : [])]);
  return (path) => {
    const names = path.split('/').filter((name) => name !== '').map((name) => Array.from(name));
    return patterns.some((segments) => matchPath(segments, names, budget));
  };
}
