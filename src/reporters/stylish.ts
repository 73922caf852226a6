import { Chalk } from 'chalk';
import { countProblems, type Diagnostic, type Severity } from '../core/diagnostic.js';
import { plural } from '../core/plural.js';
import { showInvisible } from '../core/invisible.js';
import { displayWidth, printable, printableLineStart } from '../core/text.js';
import type { Reporter } from './types.js';

type Paint = InstanceType<typeof Chalk>;


/** Widest source text a code frame shows; longer lines are cut around the span, so a frame never wraps. */
const FRAME_WIDTH = 100;
/** Most of the line shown before the span when a line is cut; a line that fits the frame is shown whole. */
const FRAME_LEAD = 40;

const LABEL: Record<Severity, string> = { error: 'error  ', warning: 'warning', info: 'info   ' };

function paintSeverity(paint: Paint, severity: Severity, text: string): string {
  return severity === 'error' ? paint.red(text) : severity === 'warning' ? paint.yellow(text) : paint.blue(text);
}

/** Where each code point of `text` starts, in UTF-16 units, and the text's length last. */
function codePointStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) starts.push(i);
  starts.push(text.length);
  return starts;
}

/**
 * The last `width` terminal columns of `text`, marked as cut. Columns, not characters: a line of Chinese or of emoji cut to
 * as many characters as the frame has columns is twice as wide as the terminal, and wraps, and its carets with it.
 * Adding a character in front never narrows the rest, so the widest end that fits is found by halving.
 */
function keepEnd(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const starts = codePointStarts(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (displayWidth(text.slice(starts[mid])) <= width - 1) high = mid;
    else low = mid + 1;
  }
  return `…${text.slice(starts[low])}`;
}

/** The first `width` terminal columns of `text`, marked as cut; see `keepEnd`. */
function keepStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const starts = codePointStarts(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (displayWidth(text.slice(0, starts[mid])) <= width - 1) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, starts[low])}…`;
}

/**
 * A code frame: the offending line with its number and a caret under the span.
 * Columns count UTF-16 code units, as editors do; the caret is placed by
 * display width, after control characters are made visible.
 */
function codeFrame(d: Diagnostic, paint: Paint): string[] {
  if (d.sourceLine === undefined) return [];
  const raw = d.sourceLine;
  const start = Math.min(Math.max(1, d.column), raw.length + 1) - 1;
  // A span over several lines is underlined to the end of its first line.
  const end = d.endLine === d.line && d.endColumn !== undefined ? Math.min(Math.max(d.endColumn - 1, start), raw.length)
    : d.endLine !== undefined && d.endLine > d.line ? raw.length
      : start + 1;
  // Only the part of the line a frame can show is escaped and measured, so a frame costs the same on a line
  // of any length: one long line with thousands of problems is reported in linear time. A window holds twice
  // as many code units as the frame has columns (astral characters take two), and a cut window gets one
  // character more, which the cut then drops for its "…".
  const width = 2 * (FRAME_WIDTH + 1);
  const lead = width;
  // A tab is drawn as → (one column): a space would hide it, and a tab is often what is wrong (YAML refuses one in indentation).
  // A zero-width space, a soft hyphen or a byte-order mark is drawn as · (one column), as content/invisible-character's own frames
  // draw them: whatever rule the frame is for, a caret under one points at something, and the line does not look like what was meant.
  const window = (from: number, to: number) => printable(showInvisible(raw.slice(Math.max(0, from), Math.max(from, to))).replace(/\t/g, '→'));
  const stop = Math.max(end, start);
  let before = window(start - lead, start);
  let marked = window(start, Math.min(stop, start + width));
  let after = window(stop, Math.min(raw.length, stop + width));
  if (start - lead > 0) before = `…${before}`;
  if (stop > start + width) marked = `${marked}…`;
  if (raw.length > stop + width) after = `${after}…`;
  // What comes before the span gets FRAME_LEAD columns, or all the span and the rest of the line leave: a frame is cut
  // only where the line is too long for it, never at the start of a line that fits.
  before = keepEnd(before, Math.max(FRAME_LEAD, FRAME_WIDTH - displayWidth(marked) - displayWidth(after)));
  const wholeSpan = marked;
  marked = keepStart(marked, FRAME_WIDTH - displayWidth(before));
  // A span cut short already ends in "…": what follows it would only add a second one past the frame's width.
  after = marked !== wholeSpan ? '' : keepStart(after, Math.max(1, FRAME_WIDTH - displayWidth(before) - displayWidth(marked)));
  const gutter = String(d.line);
  const caret = paintSeverity(paint, d.severity, '^'.repeat(Math.max(1, displayWidth(marked))));
  return [
    `${paint.dim(`    ${gutter} |`)} ${before}${marked}${after}`.trimEnd(),
    `${paint.dim(`    ${' '.repeat(gutter.length)} |`)} ${' '.repeat(displayWidth(before))}${caret}`,
  ];
}

/** Grouped by file, compiler style: `line:col  severity  message  rule-id`, then hint, related place and code frame. */
export const stylish: Reporter = (diagnostics, options) => {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      currentFile = d.file;
      lines.push(paint.underline(printableLineStart(d.file)));
    }
    const position = `${d.line}:${d.column}`.padEnd(7);
    lines.push(`  ${paint.dim(position)} ${paintSeverity(paint, d.severity, LABEL[d.severity])}  ${printable(d.message)}  ${paint.dim(d.ruleId)}`);
    if (d.hint) lines.push(`  ${' '.repeat(7)} ${paint.cyan('hint')}     ${printable(d.hint)}`);
    if (d.related) lines.push(`  ${' '.repeat(7)} ${paint.dim('see')}      ${printable(d.related.file)}:${d.related.line}:${d.related.column}: ${printable(d.related.message)}`);
    for (const line of codeFrame(d, paint)) lines.push(line);
  }
  // Every problem found, as the exit code counts them: the line that says how many more of its rule are not listed counts as those.
  const counts = countProblems(diagnostics);
  const files = new Set(diagnostics.map((d) => d.file)).size;
  if (diagnostics.length > 0) lines.push('');
  const problems = counts.errors + counts.warnings + counts.infos;
  // With --quiet the summary says what it did not show: "No problems" would be untrue when warnings were hidden.
  const hiddenCount = (options.hidden?.warnings ?? 0) + (options.hidden?.infos ?? 0);
  const hidden = hiddenCount === 0 ? '' : ` (${[
    options.hidden!.warnings > 0 ? plural(options.hidden!.warnings, 'warning') : '',
    options.hidden!.infos > 0 ? `${options.hidden!.infos} info` : '',
  ].filter(Boolean).join(' and ')} hidden by --quiet)`;
  const summary = problems === 0
    ? hidden ? `0 errors in ${plural(options.fileCount, 'file')}${hidden}.` : `No problems in ${plural(options.fileCount, 'file')}.`
    // Problems may be in files that were not among those checked (the config file, a template), so the two counts stand apart.
    : `${counts.errors > 0 ? '✖' : '⚠'} ${plural(problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info) in ${plural(files, 'file')}; ${plural(options.fileCount, 'file')} checked${hidden}.`;
  lines.push(counts.errors > 0 ? paint.red.bold(summary) : counts.warnings > 0 ? paint.yellow.bold(summary) : paint.green(summary));
  return `${lines.join('\n')}\n`;
};
