/**
 * What a release may not hold anywhere: `UNSAFE_CHARACTERS` but the
 * bidirectional isolates. The isolates (U+2066–U+2069) are how Unicode asks
 * right-to-left text to embed a Latin name or a number without reordering
 * it, and Persian or Arabic editors insert them; only an isolate left open,
 * or a closing one with nothing to close, reorders text, which
 * `unbalancedIsolate` finds. The overrides and embeddings (U+202A–U+202E)
 * have no such use that an isolate does not serve better.
 */
export const REFUSED_CHARACTER_RANGES = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\uFFFE\\uFFFF';
export const REFUSED_CHARACTERS = new RegExp(`[${REFUSED_CHARACTER_RANGES}]`);

/** Half of a character: a high surrogate without its low one after it, or a low one without its high one before it. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of a text (a label) that no output may carry: a control character, a bidirectional override, or half of a character; where it is and what it is, for a message. */
export function refusedCharacterIn(value: string): { index: number; what: string } | undefined {
  const control = value.search(REFUSED_CHARACTERS);
  const half = /[\uD800-\uDFFF]/.test(value) ? value.search(LONE_SURROGATE) : -1;
  if (control === -1 && half === -1) return undefined;
  const index = control === -1 ? half : half === -1 ? control : Math.min(control, half);
  const code = `U+${value.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
  return { index, what: index === half ? `half of a character (${code}, a surrogate written as an escape)` : `the invisible control character ${code}` };
}

/** The bidirectional isolates, LRI, RLI, FSI and PDI. */
const ISOLATE_RANGE = '\\u2066-\\u2069';
const HAS_ISOLATE = new RegExp(`[${ISOLATE_RANGE}]`);

/**
 * C0 and C1 control characters (tab and newline excepted), and the Unicode
 * bidirectional overrides and isolates that can make text read differently
 * from how it is stored ("Trojan Source"), and the noncharacters U+FFFE and
 * U+FFFF, which XML (feeds, sitemaps) may not hold: what never reaches a
 * terminal raw. One definition, used by the terminal escaping and the
 * reporters; the schema and the body checks refuse `REFUSED_CHARACTERS`
 * and check the isolates with `unbalancedIsolate`. `UNSAFE_CHARACTER_RANGES`
 * is the character class alone (without brackets), for building other patterns.
 */
export const UNSAFE_CHARACTER_RANGES = `${REFUSED_CHARACTER_RANGES}${ISOLATE_RANGE}`;
export const UNSAFE_CHARACTERS = new RegExp(`[${UNSAFE_CHARACTER_RANGES}]`);

/** The same characters, for replacing every occurrence. */
export const UNSAFE_CHARACTERS_GLOBAL = new RegExp(UNSAFE_CHARACTERS.source, 'g');

/** Whether a text holds any bidirectional isolate: what `unbalancedIsolate` and the cell breaks it takes are worked out for. */
export function hasIsolate(text: string): boolean {
  return HAS_ISOLATE.test(text);
}

/** The isolates as the diagnostics name them. */
const ISOLATE_NAMES: Readonly<Record<string, string>> = {
  '\u2066': 'a left-to-right isolate (U+2066, LRI)',
  '\u2067': 'a right-to-left isolate (U+2067, RLI)',
  '\u2068': 'a first-strong isolate (U+2068, FSI)',
  '\u2069': 'a pop directional isolate (U+2069, PDI)',
};

/** How deep the bidirectional algorithm nests isolates (UAX #9's max_depth); past it, it ignores them. */
const MAX_ISOLATE_DEPTH = 125;

export interface IsolateProblem {
  /** Where the offending character is in the text. */
  index: number;
  /** An isolate not closed before its paragraph ends, a PDI that closes none, or an isolate nested past `MAX_ISOLATE_DEPTH`. */
  kind: 'unclosed' | 'stray' | 'too-deep';
  /** Where its paragraph ends, for `unclosed`: a line break, a table cell's `|`, or the end of the text. */
  end?: 'line' | 'cell' | 'text';
}

/**
 * The first bidirectional isolate in `text` that is not balanced within its
 * paragraph. The bidirectional algorithm closes every isolate at the end of
 * a paragraph: in plain text, in a terminal and in an editor that is a line
 * break; in a page, a block (a paragraph, a heading, a list item, a table
 * cell), which never spans a line break of its own. So an isolate must be
 * closed on its line, and before `cellBreaks` (offsets of the `|` that part
 * table cells): one left open reorders everything after it to the line's
 * end, and a PDI with nothing to close is there to confuse a reader.
 */
export function unbalancedIsolate(text: string, cellBreaks: ReadonlySet<number> = new Set()): IsolateProblem | undefined {
  for (const problem of unbalancedIsolates(text, cellBreaks)) return problem;
  return undefined;
}

/** Each line's or cell's first problem of `unbalancedIsolate`'s, in order: a body's every one, told in one run. */
export function* unbalancedIsolates(text: string, cellBreaks: ReadonlySet<number> = new Set()): Generator<IsolateProblem> {
  if (!hasIsolate(text)) return;
  const open: number[] = [];
  /** Whether this line or cell already had its problem: the rest of it is passed over. */
  let told = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    const ends = i === text.length ? 'text' : c === 0x0a || c === 0x0d || c === 0x2029 ? 'line' : cellBreaks.has(i) ? 'cell' : undefined;
    if (ends) {
      if (!told && open.length > 0) yield { index: open[0]!, kind: 'unclosed', end: ends };
      open.length = 0;
      told = false;
      continue;
    }
    if (told) continue;
    if (c >= 0x2066 && c <= 0x2068) {
      if (open.length === MAX_ISOLATE_DEPTH) {
        yield { index: i, kind: 'too-deep' };
        told = true;
      } else open.push(i);
    } else if (c === 0x2069 && open.pop() === undefined) {
      yield { index: i, kind: 'stray' };
      told = true;
    }
  }
}

/**
 * Characters that word processors and web pages leave in pasted text, which
 * nobody can see in an editor but which break searches, slugs, line breaks
 * and YAML: each is named in the warning, and `validate --fix` removes or
 * replaces the ones whose fix cannot change what the text says.
 */
export const INVISIBLE_CHARACTERS: Readonly<Record<string, { name: string; fix: string }>> = {
  '\u200B': { name: 'a zero-width space (U+200B)', fix: '' },
  '\u2060': { name: 'a word joiner (U+2060)', fix: '' },
  '\u00AD': { name: 'a soft hyphen (U+00AD)', fix: '' },
  '\uFEFF': { name: 'a byte-order mark (U+FEFF) inside the text', fix: '' },
  // Markdown and YAML know no line separators: a line break says the same.
  '\u2028': { name: 'a line separator (U+2028)', fix: '\n' },
  '\u2029': { name: 'a paragraph separator (U+2029)', fix: '\n\n' },
};

/** Any of `INVISIBLE_CHARACTERS`, for finding or replacing every one (matchAll, replace: never `test`, which a global pattern makes stateful). */
export const INVISIBLE_PATTERN = new RegExp(`[${Object.keys(INVISIBLE_CHARACTERS).join('')}]`, 'g');
/** The invisible characters `validate --fix` deletes, which say nothing where they stand: a slug made from a title drops them too. */
export const DELETED_INVISIBLE = new RegExp(`[${Object.entries(INVISIBLE_CHARACTERS).filter(([, c]) => c.fix === '').map(([c]) => c).join('')}]`, 'g');

/**
 * Invisible characters a release file may start with: byte-order marks (the
 * encoding's signature, and any a tool added after it) and the zero-width
 * characters and direction marks that a copy from a web page or a word
 * processor brings before the text. None is a column an editor shows, so
 * before the opening `---` a user cannot find one: the file is read without
 * them, and each after the signature is named in a warning at 1:1 (see
 * `parseReleaseFile`), which `validate --fix` removes.
 */
export const LEADING_INVISIBLE = /^[\uFEFF\u200B-\u200F\u2060\u00AD]+/;

/** Whether a text's first character is one of `LEADING_INVISIBLE`'s: one comparison, for the release path, before any pattern runs. */
export function startsInvisible(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0xfeff || (first >= 0x200b && first <= 0x200f) || first === 0x2060 || first === 0x00ad;
}

/** The names of `LEADING_INVISIBLE`'s characters, as the warnings say them. */
export const LEADING_INVISIBLE_NAMES: Readonly<Record<string, string>> = {
  '\uFEFF': 'a byte-order mark (U+FEFF)',
  '\u200B': 'a zero-width space (U+200B)',
  '\u200C': 'a zero-width non-joiner (U+200C)',
  '\u200D': 'a zero-width joiner (U+200D)',
  '\u200E': 'a left-to-right mark (U+200E)',
  '\u200F': 'a right-to-left mark (U+200F)',
  '\u2060': 'a word joiner (U+2060)',
  '\u00AD': 'a soft hyphen (U+00AD)',
};

/**
 * What is wrong with an unbalanced isolate and what to do, in words both the
 * schema and the body checks use: `whole` names the text that ends at its
 * end (`the value`, `its line`).
 */
export function describeIsolateProblem(text: string, problem: IsolateProblem, whole: string): { what: string; hint: string } {
  const name = ISOLATE_NAMES[text[problem.index]!]!;
  const unit = problem.end === 'cell' ? 'its table cell' : problem.end === 'line' ? 'its line' : whole;
  const within = problem.end === 'cell' ? 'in the same table cell' : 'on the same line';
  switch (problem.kind) {
    case 'unclosed': return {
      what: `${name} that is not closed before the end of ${unit}: everything after it there shows reordered, not in the order it is stored`,
      hint: `Close it with a pop directional isolate (U+2069, PDI) where the embedded text ends, ${within}; or delete it.`,
    };
    case 'stray': return {
      what: `${name} that closes no isolate: such characters can make text read in a different order than it is stored`,
      hint: `Delete it, or open the isolate it closes (U+2068, FSI, suits text of either direction) where the embedded text starts, ${within}.`,
    };
    case 'too-deep': return {
      what: `${name} nested inside ${MAX_ISOLATE_DEPTH} others, deeper than the bidirectional algorithm follows`,
      hint: 'Close some of the isolates before it.',
    };
  }
}

/**
 * Letters of the scripts written right to left, and the right-to-left and Arabic letter marks: what the bidirectional algorithm takes
 * for a strong right-to-left character.
 */
const RIGHT_TO_LEFT_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mandaic}\p{Script=Samaritan}\u200F\u061C]/u;
const STRONG_LETTER = /[\p{L}\u200E\u200F\u061C]/u;

/**
 * The direction of a text as the bidirectional algorithm finds it, by its first letter (a strong character; digits, spaces and
 * punctuation have none): `rtl` for `تهران`, `ltr` for `Baku` or `巴库`, nothing for `2026` or `—`.
 */
export function textDirection(text: string): 'ltr' | 'rtl' | undefined {
  const match = STRONG_LETTER.exec(text);
  if (match === null) return undefined;
  return RIGHT_TO_LEFT_LETTER.test(match[0]) ? 'rtl' : 'ltr';
}

/**
 * A name or a place in plain text whose direction is `direction`'s other: closed by a mark of `direction` (U+200F in right-to-left
 * text, U+200E in left-to-right), so that a number after it is not laid out as part of it (`BAKU، 5 يونيو` shown as `BAKU، 5`
 * apart from its month). A value written `direction`'s way, or with no letter, is returned as it is.
 */
export function isolatedInText(text: string, direction: 'ltr' | 'rtl'): string {
  const own = textDirection(text);
  return own === undefined || own === direction ? text : `${text}${direction === 'rtl' ? '\u200F' : '\u200E'}`;
}

/** The longest run of combining marks `streamSafe` keeps: the Stream-Safe Text Format's 30 (UAX #15). */
const MAX_MARK_RUN = 30;
const LONG_MARK_RUN = /\p{M}{31,}/u;
const LONG_MARK_RUNS = /\p{M}{31,}/gu;

/**
 * `text` in Unicode's Stream-Safe Text Format (UAX #15) before it is
 * normalized: no run of more than 30 combining marks, the rest of a longer
 * run dropped. The runtime puts a run of marks in order by sorting it in
 * place, in time growing with the square of its length: a title of one
 * letter and 100,000 marks (text "Zalgo" writes) took seconds for each slug,
 * tag key and comparison made of it. No script stacks more than a few marks
 * on a letter; it is used for what is made of a text (a slug, a key), never
 * for the text a page shows.
 */
export function streamSafe(text: string): string {
  return LONG_MARK_RUN.test(text) ? text.replace(LONG_MARK_RUNS, (run) => Array.from(run).slice(0, MAX_MARK_RUN).join('')) : text;
}
