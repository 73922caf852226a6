import { Chalk } from 'chalk';
import { countDiagnostics, type Diagnostic, type Severity } from '../core/diagnostic.js';
import { displayWidth, printable } from '../core/text.js';
import type { Reporter } from './types.js';

type Paint = InstanceType<typeof Chalk>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Widest source text a code frame shows; longer lines are cut around the span, so a frame never wraps. */
const FRAME_WIDTH = 100;
/** Most of the line shown before the span when a line is cut. */
const FRAME_LEAD = 40;

const LABEL: Record<Severity, string> = { error: 'error  ', warning: 'warning', info: 'info   ' };

function paintSeverity(paint: Paint, severity: Severity, text: string): string {
  return severity === 'error' ? paint.red(text) : severity === 'warning' ? paint.yellow(text) : paint.blue(text);
}

/** The last `width` columns of `text`, marked as cut. */
function keepEnd(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `…${chars.slice(chars.length - width + 1).join('')}`;
}

/** The first `width` columns of `text`, marked as cut. */
function keepStart(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/**
 * A code frame: the offending line with its number and a caret under the span.
 * Columns count UTF-16 code units, as editors do; the caret is placed by
 * display width, after control characters are made visible.
 */
function codeFrame(d: Diagnostic, paint: Paint): string[] {
  if (d.sourceLine === undefined) return [];
  const line = d.sourceLine.replace(/\t/g, ' ');
  const start = Math.min(Math.max(1, d.column), line.length + 1) - 1;
  // A span over several lines is underlined to the end of its first line.
  const end = d.endLine === d.line && d.endColumn !== undefined ? Math.min(Math.max(d.endColumn - 1, start), line.length)
    : d.endLine !== undefined && d.endLine > d.line ? line.length
      : start + 1;
  let before = printable(line.slice(0, start));
  let marked = printable(line.slice(start, Math.max(end, start)));
  let after = printable(line.slice(Math.max(end, start)));
  before = keepEnd(before, FRAME_LEAD);
  marked = keepStart(marked, FRAME_WIDTH - displayWidth(before));
  after = keepStart(after, Math.max(1, FRAME_WIDTH - displayWidth(before) - displayWidth(marked)));
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
      lines.push(paint.underline(printable(d.file)));
    }
    const position = `${d.line}:${d.column}`.padEnd(7);
    lines.push(`  ${paint.dim(position)} ${paintSeverity(paint, d.severity, LABEL[d.severity])}  ${printable(d.message)}  ${paint.dim(d.ruleId)}`);
    if (d.hint) lines.push(`  ${' '.repeat(7)} ${paint.cyan('hint')}     ${printable(d.hint)}`);
    if (d.related) lines.push(`  ${' '.repeat(7)} ${paint.dim('see')}      ${printable(d.related.file)}:${d.related.line}:${d.related.column}: ${printable(d.related.message)}`);
    lines.push(...codeFrame(d, paint));
  }
  const counts = countDiagnostics(diagnostics);
  const files = new Set(diagnostics.map((d) => d.file)).size;
  if (diagnostics.length > 0) lines.push('');
  const problems = counts.errors + counts.warnings + counts.infos;
  const summary = problems === 0
    ? `No problems in ${plural(options.fileCount, 'file')}.`
    // Problems may be in files that were not among those checked (the config file, a template), so the two counts stand apart.
    : `${counts.errors > 0 ? '✖' : '⚠'} ${plural(problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info) in ${plural(files, 'file')}; ${plural(options.fileCount, 'file')} checked.`;
  lines.push(counts.errors > 0 ? paint.red.bold(summary) : counts.warnings > 0 ? paint.yellow.bold(summary) : paint.green(summary));
  return `${lines.join('\n')}\n`;
};
