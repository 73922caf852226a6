/**
 * One diagnostic model for every problem the tool finds: in a release, in a
 * config file, in a template, or in the tool's own work. Reporters turn a list
 * of these into text; the exit code is computed from their severities.
 */

import type { RuleId, Severity } from './rules.js';
import { FRESH } from './objects.js';

export type { RuleId, Severity } from './rules.js';

/** A place in a file. Lines and columns are 1-based; `endLine`/`endColumn` are exclusive. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * A location that keeps the text of its line, so that a check across files
 * can show a code frame without reading the file again.
 */
export interface SourceLocation extends Location {
  sourceLine?: string;
}

/** `location` with the text of its line in `text` (normalised to `\n` line endings). */
export function withSourceLine(location: Location, text: string): SourceLocation {
  let start = 0;
  for (let line = 1; line < location.line; line++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return location;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { ...FRESH, ...location, sourceLine: text.slice(start, end === -1 ? undefined : end) };
}

/**
 * `withSourceLine` for many places in one text: where each line starts is
 * found once, and only as far as the furthest line asked for, so that a body
 * of 60,000 images is not read from its start again for each, and the few
 * places in a release's front matter do not split its whole body into lines.
 */
export function sourceLineReader(text: string): (location: Location) => SourceLocation {
  // starts[i]: where line i + 1 starts; `next` is where to look for the next line's start, -1 past the last line.
  const starts = [0];
  let next = 0;
  return (location) => {
    if (location.line < 1) return location;
    while (starts.length <= location.line && next !== -1) {
      const end = text.indexOf('\n', next);
      next = end === -1 ? -1 : end + 1;
      if (next !== -1) starts.push(next);
    }
    const start = starts[location.line - 1];
    if (start === undefined) return location;
    const following = starts[location.line];
    return { ...FRESH, ...location, sourceLine: text.slice(start, following === undefined ? undefined : following - 1) };
  };
}

/**
 * How a file of the built-in template sets is named in diagnostics: by its place in the package
 * (`migration-news:templates/default/release.html.liquid`), the same on every machine and in every
 * report, rather than by where the package happens to be installed (`/usr/lib/node_modules/…`), which
 * is no file of the project and differs from one machine to the next.
 */
export const BUILTIN_FILE_PREFIX = 'migration-news:templates/';

/** Whether a diagnostic's file is one of the built-in template sets (see `BUILTIN_FILE_PREFIX`), not a file of the project. */
export function isBuiltinFile(file: string): boolean {
  return file.startsWith(BUILTIN_FILE_PREFIX);
}

export interface Diagnostic extends Location {
  severity: Severity;
  /** Stable rule id such as `schema/required`; see `rules.ts`. */
  ruleId: RuleId;
  /** What happened, in a full sentence. */
  message: string;
  /** What to do about it. */
  hint?: string;
  actual?: string;
  expected?: string;
  /** A second place that explains this one ("first defined here"). */
  related?: Location & { message: string };
  /** The text of the line at `line`, for code frames. */
  sourceLine?: string;
  /**
   * On the one diagnostic that says how many more of its rule a file has (`limitedPush`): that many, which are not listed but are
   * still problems, and count as such for `--max-warnings`.
   */
  unlisted?: number;
}

/** Attaches the offending source line to each diagnostic of `file`, for code frames. */
export function attachSourceLines(diagnostics: Diagnostic[], file: string, text: string): void {
  let lines: string[] | undefined;
  for (const d of diagnostics) {
    if (d.file !== file || d.sourceLine !== undefined) continue;
    lines ??= text.split('\n');
    const line = lines[d.line - 1];
    if (line !== undefined) d.sourceLine = line;
  }
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || severityRank[a.severity] - severityRank[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The diagnostics as listed, one each. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  return tally(diagnostics, () => 1);
}

/**
 * Every problem found, listed or not: a diagnostic that stands for the unlisted problems of its rule counts as all of them. A gate such
 * as `--max-warnings 120` must not pass a file with 150 warnings of one rule because only 100 of them, and one line for the rest, are listed.
 */
export function countProblems(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  return tally(diagnostics, (d) => d.unlisted ?? 1);
}

function tally(diagnostics: readonly Diagnostic[], weight: (d: Diagnostic) => number): DiagnosticCounts {
  const counts: DiagnosticCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    const n = weight(d);
    if (d.severity === 'error') counts.errors += n;
    else if (d.severity === 'warning') counts.warnings += n;
    else counts.infos += n;
  }
  return counts;
}

/**
 * What tells two reports of one template problem for the same: its place and its words (see `TemplateProblems`,
 * `PageProblems`), but for the values it quotes. A template that reads a key of a tag, which is text, says what the text was
 * (`t is the text "visas" here`): that is one mistake, at one place, in every release it fails on, not one for each tag.
 */
export function problemKey(d: Pick<Diagnostic, 'file' | 'line' | 'column' | 'message'>): string {
  return `${d.file}:${d.line}:${d.column}:${d.message.replace(/"(?:[^"\\]|\\.)*"/g, '""')}`;
}

/**
 * Where each line of a text starts, for finding many offsets' lines and
 * columns: each by a binary search over the line starts, found once, where
 * `positionAt` and LiquidJS's `getPosition` read the text from its start
 * for each (a template of 60,000 includes took a minute to load). Columns
 * count UTF-16 code units, as both do.
 */
export class LineStarts {
  readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The line and column of `offset`; one past the text's end is on its last line. */
  position(offset: number): { line: number; column: number } {
    // The last line that starts at or before `offset`.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

/** `positionAt` for many offsets in one text (the tags of a template, read in one pass), each kept within the text. */
export function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  const lines = new LineStarts(text);
  return (offset) => lines.position(Math.max(0, Math.min(offset, text.length)));
}

/** Turns a 0-based offset in `text` into a 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
