/**
 * Regular expressions in Go's syntax (RE2), as Hugo's `ignoreFiles` lists
 * them, from the old site's configuration, which may be anyone's. Go runs
 * any of them in linear time; JavaScript's engine backtracks, and a pattern
 * such as `(a+)+$` or `a?a?a?…aaa` takes it minutes over one path. So a
 * pattern is run here only when its form bounds the backtracking: no
 * repeated group that holds a repeat or a choice, and, for each text, no
 * more ways to try it than `MAX_TRIES` (each start in the text, times each
 * repeat's possible counts, times each choice's branches). Otherwise, and
 * for syntax Go and JavaScript read differently, whether it matches is not
 * known, and `test` says so rather than guess.
 */
export interface GoRegexp {
  /** As written. */
  readonly pattern: string;
  /** Whether the pattern matches somewhere in `text`; undefined when that cannot be told safely. */
  test(text: string): boolean | undefined;
}

/** Ways to try one text: a pattern with a repeat or two over a path of some hundred characters takes far fewer. */
const MAX_TRIES = 1_000_000;
/** Longest pattern read; a longer one is no real pattern. */
const MAX_PATTERN = 1000;

const unknown = (pattern: string): GoRegexp => ({ pattern, test: () => undefined });

/** Go's escapes that mean the same in JavaScript (without the `u` flag): classes, boundaries, control characters. */
const SAME_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 't', 'n', 'r', 'f', 'v']);

export function goRegexp(pattern: string): GoRegexp {
  if (pattern.length > MAX_PATTERN) return unknown(pattern);
  let source = '';
  let flags = '';
  /** The most times each repeat may take its atom (Infinity for `*`, `+`, `{n,}`). */
  const repeats: number[] = [];
  let choices = 1;
  /** Open groups: how many branches, and whether a repeat or a choice is inside. */
  const groups: { branches: number; complex: boolean }[] = [];
  /** What a repeat would apply to: nothing, an atom, or a group (complex when it holds a repeat or a choice). */
  let last: 'none' | 'atom' | 'group' | 'complex' = 'none';
  let i = 0;
  const repeat = (max: number): boolean => {
    if (last === 'none' || last === 'complex') return false;
    repeats.push(max);
    for (const g of groups) g.complex = true;
    last = 'none';
    // A lazy repeat (`*?`) tries the same counts in another order.
    if (pattern[i] === '?') source += pattern[i++];
    return true;
  };
  if (pattern.startsWith('(?')) {
    const set = /^\(\?([ims]+)\)/.exec(pattern);
    if (set) {
      flags = [...new Set(set[1])].join('');
      i = set[0].length;
    }
  }
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return unknown(pattern);
      if (next === 'A' || next === 'z') {
        source += next === 'A' ? '^' : '$';
        last = 'none';
      } else if (SAME_ESCAPES.has(next) || /[^\p{L}\p{N}]/u.test(next)) {
        source += `\\${next}`;
        last = next === 'b' || next === 'B' ? 'none' : 'atom';
      } else return unknown(pattern);
      i += 2;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end === undefined) return unknown(pattern);
      source += pattern.slice(i, end);
      last = 'atom';
      i = end;
    } else if (c === '(') {
      const named = /^\(\?P?(<[A-Za-z_]\w*>)/.exec(pattern.slice(i));
      if (pattern.startsWith('(?:', i)) {
        source += '(?:';
        i += 3;
      } else if (named) {
        source += `(?${named[1]}`;
        i += named[0].length;
      } else if (pattern[i + 1] === '?') return unknown(pattern);
      else {
        source += '(';
        i++;
      }
      groups.push({ branches: 1, complex: false });
      last = 'none';
    } else if (c === ')') {
      const group = groups.pop();
      if (group === undefined) return unknown(pattern);
      choices *= group.branches;
      if (group.branches > 1) for (const g of groups) g.complex = true;
      source += ')';
      last = group.complex || group.branches > 1 ? 'complex' : 'group';
      i++;
    } else if (c === '|') {
      const group = groups.at(-1);
      if (group) group.branches++;
      else choices++;
      source += '|';
      last = 'none';
      i++;
    } else if (c === '*' || c === '+' || c === '?') {
      source += c;
      i++;
      if (!repeat(c === '?' ? 1 : Infinity)) return unknown(pattern);
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(pattern.slice(i))) {
      const [written, low, comma, high] = /^\{(\d+)(,?)(\d*)\}/.exec(pattern.slice(i))!;
      source += written;
      i += written.length;
      if (!repeat(comma === '' ? Number(low) : high === '' ? Infinity : Number(high))) return unknown(pattern);
    } else {
      // `{` that is not a repeat is itself in Go, and needs its escape in JavaScript's stricter readings.
      source += c === '{' || c === '}' ? `\\${c}` : c;
      last = c === '^' || c === '$' ? 'none' : 'atom';
      i++;
    }
  }
  if (groups.length > 0) return unknown(pattern);
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, flags);
  } catch {
    return unknown(pattern);
  }
  return {
    pattern,
    test(text) {
      let tries = (text.length + 1) * choices;
      for (const max of repeats) tries *= Math.min(max, text.length) + 1;
      return tries > MAX_TRIES ? undefined : compiled.test(text);
    },
  };
}

/** The offset after the character class opened at `start`, or undefined for one Go and JavaScript read differently (`[]a]`, `[[:alpha:]]`) or left open. */
function classEnd(pattern: string, start: number): number | undefined {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') return undefined;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === ']') return i + 1;
    if (c === '[' && pattern[i + 1] === ':') return undefined;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || !(SAME_ESCAPES.has(next) || /[^\p{L}\p{N}]/u.test(next))) return undefined;
      i += 2;
    } else i++;
  }
  return undefined;
}
