/**
 * The globs an old site's configuration chooses pages with: Hugo's cascade
 * `_target` and Jekyll's `defaults` scope. They come from the archive, which
 * may be anyone's: a regular expression made of one (`**a**a**a**a**b`,
 * `*a*a*a*a*a*a*a*b`) backtracks for minutes over one page's path. Here a
 * glob is an automaton that reads the path once, keeping every place in the
 * glob the text so far can have reached, so a test takes steps in
 * proportion to the path times the glob, whatever either holds.
 */

/** One piece of a glob, as read from its text. */
type Piece =
  | { kind: 'char'; char: string }
  /** One character but `/` (Hugo's `?`). */
  | { kind: 'one' }
  /** Any run of characters but `/` (Hugo's `*`). */
  | { kind: 'star' }
  /** Any run of characters but a line break, `/` included (Hugo's `**`, Jekyll's `*`): what the regular expression `.*` read. */
  | { kind: 'any' }
  | { kind: 'either'; options: Piece[][] };

/** A state of the automaton: read a character and go on, or go on at once to several states, or accept. */
type State =
  | { kind: 'char'; char: string; next: number }
  | { kind: 'one' | 'line'; next: number }
  | { kind: 'split'; next: number[] }
  | { kind: 'match' };

/** A glob made ready to test texts with: the whole text. */
export interface CompiledGlob {
  /** The glob as written. */
  readonly pattern: string;
  /** Whether the glob matches all of `text`; each state the automaton holds at a character is a step of `budget`. */
  test(text: string, budget?: MatchBudget): boolean;
}

/**
 * Steps that matching what an old site's configuration hands down may take
 * for one page: the entries of its cascades or defaults, the keys they hand
 * down, and the states of their globs at each character of the page's path.
 * Each glob is linear, but a configuration of thousands of entries, each
 * tried against each of thousands of pages, multiplies.
 */
export interface MatchBudget {
  steps: number;
}

/** Steps of one page's matching: an ordinary page under a few cascades or defaults takes some thousands. */
export const MATCH_STEPS = 50_000;

/** Thrown when a page's matching has taken its budget. */
export class MatchBudgetSpent extends Error {
  constructor() {
    super(`matching took more than ${MATCH_STEPS.toLocaleString('en')} steps`);
  }
}

/** Takes `steps` from the budget, throwing when it is spent. */
export function spend(budget: MatchBudget | undefined, steps = 1): void {
  if (budget !== undefined && (budget.steps -= steps) < 0) throw new MatchBudgetSpent();
}

function compile(pattern: string, pieces: readonly Piece[], caseless: boolean): CompiledGlob {
  const states: State[] = [{ kind: 'match' }];
  const add = (state: State) => states.push(state) - 1;
  // Built from the end: each piece knows the state after it.
  const sequence = (items: readonly Piece[], next: number): number => {
    for (let i = items.length - 1; i >= 0; i--) next = piece(items[i]!, next);
    return next;
  };
  const piece = (item: Piece, next: number): number => {
    switch (item.kind) {
      case 'char': return add({ kind: 'char', char: item.char, next });
      case 'one': return add({ kind: 'one', next });
      case 'either': return add({ kind: 'split', next: item.options.map((option) => sequence(option, next)) });
      default: {
        const loop: State & { kind: 'split' } = { kind: 'split', next: [] };
        const at = add(loop);
        loop.next = [add({ kind: item.kind === 'star' ? 'one' : 'line', next: at }), next];
        return at;
      }
    }
  };
  return new Automaton(pattern, states, sequence(pieces, 0), caseless);
}

/**
 * A compiled glob. Its buffers are made once for every test (a test runs to
 * its end before the next starts), so that a test allocates nothing: when
 * each state was last added, so that a state is held once per character
 * however many ways lead to it; the states held before and after a
 * character (each at most once); and the states still to follow through
 * splits, at most one for each way in. A class, so that the globs of a
 * site's thousands of cascade entries share one `test` to call.
 */
class Automaton implements CompiledGlob {
  private readonly added: Float64Array;
  private round = 0;
  private current: Int32Array;
  private next: Int32Array;
  private readonly pending: Int32Array;

  constructor(readonly pattern: string, private readonly states: readonly State[], private readonly start: number, private readonly caseless: boolean) {
    this.added = new Float64Array(states.length).fill(-1);
    this.current = new Int32Array(states.length);
    this.next = new Int32Array(states.length);
    this.pending = new Int32Array(1 + states.reduce((ways, state) => ways + (state.kind === 'split' ? state.next.length : 0), 0));
  }

  test(text: string, budget?: MatchBudget): boolean {
    this.round++;
    let held = this.reach(this.start, this.current, 0, budget);
    for (let i = 0; i < text.length && held > 0; i++) {
      const c = text[i]!;
      const code = c.charCodeAt(0);
      const folded = this.caseless ? c.toLowerCase() : c;
      this.round++;
      let after = 0;
      for (let k = 0; k < held; k++) {
        const state = this.states[this.current[k]!]!;
        const passes = state.kind === 'char' ? state.char === folded
          : state.kind === 'one' ? code !== 0x2f
          : state.kind === 'line' ? !isLineBreak(code)
          : false;
        if (passes) after = this.reach((state as { next: number }).next, this.next, after, budget);
      }
      const previous = this.current;
      this.current = this.next;
      this.next = previous;
      held = after;
    }
    for (let k = 0; k < held; k++) if (this.current[k] === 0) return true;
    return false;
  }

  /** Adds the states `from` leads to, through splits, to `into` after its first `size`; returns its new size. */
  private reach(from: number, into: Int32Array, size: number, budget: MatchBudget | undefined): number {
    const { added, pending, states, round } = this;
    let top = 0;
    pending[top++] = from;
    while (top > 0) {
      const s = pending[--top]!;
      if (added[s] === round) continue;
      added[s] = round;
      spend(budget);
      const state = states[s]!;
      if (state.kind === 'split') for (let k = state.next.length - 1; k >= 0; k--) pending[top++] = state.next[k]!;
      else into[size++] = s;
    }
    return size;
  }
}

/** What the regular expression `.` does not match: line feed, carriage return, line and paragraph separators. */
const isLineBreak = (code: number) => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;

/** What a glob that cannot be read becomes: it matches no page, so what it hands down reaches none. */
export const matchingNothing = (pattern: string): CompiledGlob => ({ pattern, test: () => false });

/** Longest glob read; a longer one is no real pattern. */
const MAX_GLOB_LENGTH = 500;

/**
 * Hugo's glob (`**` across folders, `*` and `?` within one, `{a,b}` either,
 * nested too), in any letter case; undefined for one too long to be a real
 * pattern or with a brace left open.
 */
export function hugoGlob(pattern: string): CompiledGlob | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return undefined;
  const top: Piece[] = [];
  const open: (Piece & { kind: 'either' })[] = [];
  let into = top;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      into.push({ kind: 'any' });
      i++;
    } else if (c === '*') into.push({ kind: 'star' });
    else if (c === '?') into.push({ kind: 'one' });
    else if (c === '{') {
      const either: Piece & { kind: 'either' } = { kind: 'either', options: [[]] };
      into.push(either);
      open.push(either);
      into = either.options[0]!;
    } else if (c === '}' && open.length > 0) {
      open.pop();
      into = open.length > 0 ? open.at(-1)!.options.at(-1)! : top;
    } else if (c === ',' && open.length > 0) {
      const option: Piece[] = [];
      open.at(-1)!.options.push(option);
      into = option;
    } else into.push({ kind: 'char', char: c.toLowerCase() });
  }
  if (open.length > 0) return undefined;
  return compile(pattern, top, true);
}

/**
 * A Jekyll scope's glob, as Ruby's `fnmatch` reads it without
 * FNM_PATHNAME: `*` is any run of characters, `/` included, and the rest is
 * itself, in its own letter case; undefined for one too long to be a real
 * pattern.
 */
export function jekyllScope(scope: string): CompiledGlob | undefined {
  if (scope.length > MAX_GLOB_LENGTH) return undefined;
  const pieces: Piece[] = [];
  // Code units, as the path is read.
  for (let i = 0; i < scope.length; i++) pieces.push(scope[i] === '*' ? { kind: 'any' } : { kind: 'char', char: scope[i]! });
  return compile(scope, pieces, false);
}
