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
  | { kind: 'class'; negated: boolean; ranges: [string, string][] };

/** A segment of a path pattern: `**`, or the parts of one name. */
type Segment = { globstar: true } | { globstar: false; parts: Part[] };

/** Most patterns one glob may expand to through its braces (`{a,b}{c,d}` is four). */
export const MAX_BRACE_EXPANSIONS = 64;
/** Longest glob, in characters. */
export const MAX_GLOB_LENGTH = 256;

export const GLOB_TOO_LONG = `is longer than ${MAX_GLOB_LENGTH} characters`;
export const GLOB_TOO_MANY = `expands through its braces to more than ${MAX_BRACE_EXPANSIONS} globs`;

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

/** The first `{…}` with a comma at its own level: where it starts and ends, and its options. */
function findBrace(glob: string): { start: number; end: number; options: string[] } | undefined {
  for (let start = 0; start < glob.length; start++) {
    if (glob[start] === '\\') {
      start++;
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
      const close = chars.indexOf(']', i + 2);
      if (close === -1) {
        parts.push({ kind: 'char', char: c });
        continue;
      }
      const body = chars.slice(i + 1, close);
      const negated = body[0] === '!' || body[0] === '^';
      const members = negated ? body.slice(1) : body;
      const ranges: [string, string][] = [];
      for (let j = 0; j < members.length; j++) {
        if (members[j + 1] === '-' && j + 2 < members.length) {
          ranges.push([members[j]!, members[j + 2]!]);
          j += 2;
        } else ranges.push([members[j]!, members[j]!]);
      }
      parts.push({ kind: 'class', negated, ranges });
      i = close;
    } else parts.push({ kind: 'char', char: c });
  }
  return { globstar: false, parts };
}

function matchesOne(part: Part, char: string): boolean {
  switch (part.kind) {
    case 'char': return part.char === char;
    case 'any': return true;
    case 'class': return part.ranges.some(([low, high]) => char >= low && char <= high) !== part.negated;
    default: return false;
  }
}

/**
 * The classic two-pointer wildcard match of `items` against `pattern`:
 * a star takes any run of items, and on a mismatch the match goes back
 * only to the last star, so at most items × pattern steps. Used for the
 * characters of a name (`*`) and for the names of a path (`**`).
 */
function wildcard<P, I>(pattern: readonly P[], items: readonly I[], isStar: (part: P) => boolean, matches: (part: P, item: I) => boolean): boolean {
  let p = 0;
  let i = 0;
  let star = -1;
  let resume = 0;
  while (i < items.length) {
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

const matchName = (parts: readonly Part[], name: readonly string[]): boolean =>
  wildcard(parts, name, (part) => part.kind === 'star', matchesOne);

const matchPath = (segments: readonly Segment[], names: readonly (readonly string[])[]): boolean =>
  wildcard(segments, names, (segment) => segment.globstar, (segment, name) => !segment.globstar && matchName(segment.parts, name));

/** A matcher of `/`-separated paths for `glob`; one that matches nothing when the glob has a problem (see `globProblem`). */
export function globMatcher(glob: string): (path: string) => boolean {
  const expanded = globProblem(glob) === undefined ? expandBraces(glob) ?? [] : [];
  const patterns = expanded.map((pattern) => pattern.split('/').filter((segment) => segment !== '').map(parseSegment));
  return (path) => {
    const names = path.split('/').filter((name) => name !== '').map((name) => Array.from(name));
    return patterns.some((segments) => matchPath(segments, names));
  };
}
