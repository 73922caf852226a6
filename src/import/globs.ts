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
  test(text: string): boolean;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

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
  const start = sequence(pieces, 0);
  return {
    pattern,
    test(text: string): boolean {
      // When each state was last added, so that a state is held once per character however many ways lead to it.
      const added = new Int32Array(states.length).fill(-1);
      let current: number[] = [];
      const reach = (from: number, into: number[], round: number) => {
        const pending = [from];
        while (pending.length > 0) {
          const s = pending.pop()!;
          if (added[s] === round) continue;
          added[s] = round;
          const state = states[s]!;
          if (state.kind === 'split') for (let k = state.next.length - 1; k >= 0; k--) pending.push(state.next[k]!);
          else into.push(s);
        }
      };
      reach(start, current, 0);
      for (let i = 0; i < text.length && current.length > 0; i++) {
        const c = text[i]!;
        const folded = caseless ? c.toLowerCase() : c;
        const next: number[] = [];
        for (const s of current) {
          const state = states[s]!;
          const passes = state.kind === 'char' ? state.char === folded
            : state.kind === 'one' ? c !== '/'
            : state.kind === 'line' ? !LINE_BREAK.test(c)
            : false;
          if (passes) reach((state as { next: number }).next, next, i + 1);
        }
        current = next;
      }
      return current.includes(0);
    },
  };
}

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
