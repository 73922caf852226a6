import { Chalk } from 'chalk';
import { countDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { displayWidth, printable } from '../core/text.js';
import type { Reporter } from './types.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A code frame: the offending line with its number and, for errors and warnings, a caret under the span. */
function codeFrame(d: Diagnostic, paint: InstanceType<typeof Chalk>): string[] {
  if (d.sourceLine === undefined) return [];
  const text = printable(d.sourceLine.replace(/\t/g, ' '));
  const gutter = String(d.line);
  const start = Math.max(1, d.column);
  const endColumn = d.endLine === d.line && d.endColumn && d.endColumn > start ? d.endColumn : start + 1;
  const before = displayWidth(text.slice(0, start - 1));
  const width = Math.max(1, Math.min(displayWidth(text.slice(start - 1, endColumn - 1)), displayWidth(text) - before || 1));
  const caret = paint[d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'blue']('^'.repeat(width));
  return [
    paint.dim(`    ${gutter} | `) + text,
    paint.dim(`    ${' '.repeat(gutter.length)} | `) + ' '.repeat(before) + caret,
  ];
}

/** Grouped by file, compiler style: `line:col  severity  message  rule-id`. */
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
    const severity = d.severity === 'error' ? paint.red('error  ') : d.severity === 'warning' ? paint.yellow('warning') : paint.blue('info   ');
    lines.push(`  ${paint.dim(`${d.line}:${d.column}`.padEnd(7))} ${severity}  ${printable(d.message)}  ${paint.dim(d.ruleId)}`);
    if (d.hint) lines.push(`  ${' '.repeat(7)} ${paint.cyan('hint')}     ${printable(d.hint)}`);
    if (d.related) lines.push(`  ${' '.repeat(7)} ${paint.dim('see')}      ${printable(d.related.file)}:${d.related.line}:${d.related.column}: ${printable(d.related.message)}`);
    if (d.severity !== 'info') lines.push(...codeFrame(d, paint));
  }
  const counts = countDiagnostics(diagnostics);
  const files = new Set(diagnostics.map((d) => d.file)).size;
  if (diagnostics.length > 0) lines.push('');
  const problems = counts.errors + counts.warnings + counts.infos;
  const summary = problems === 0
    ? `No problems in ${plural(options.fileCount, 'file')}.`
    : `${counts.errors > 0 ? '✖' : '⚠'} ${plural(problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info) in ${plural(files, 'file')} of ${options.fileCount} checked.`;
  lines.push(counts.errors > 0 ? paint.red.bold(summary) : counts.warnings > 0 ? paint.yellow.bold(summary) : paint.green(summary));
  return `${lines.join('\n')}\n`;
};
