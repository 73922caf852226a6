import { countProblems } from '../core/diagnostic.js';
import { ruleDocsUrl } from '../core/rules.js';
import { printableJson } from '../core/text.js';
import type { Reporter } from './types.js';

export const JSON_REPORT_VERSION = 1;

/** The documented machine report (README, "Reporters"): stable keys, one object. */
export const json: Reporter = (diagnostics, options) => {
  // Every problem found, as the exit code counts them: a diagnostic that says N more of its rule are not listed counts as N, and
  // --quiet, which changes what is listed and not what is counted, leaves its hidden warnings and infos in the count.
  const listed = countProblems(diagnostics);
  const counts = { errors: listed.errors, warnings: listed.warnings + (options.hidden?.warnings ?? 0), infos: listed.infos + (options.hidden?.infos ?? 0) };
  const report = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'migration-news', version: options.version },
    summary: { files: options.fileCount, filesWithProblems: new Set(diagnostics.map((d) => d.file)).size, ...counts },
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine ?? null,
      endColumn: d.endColumn ?? null,
      severity: d.severity,
      ruleId: d.ruleId,
      url: ruleDocsUrl(d.ruleId),
      message: d.message,
      hint: d.hint ?? null,
      actual: d.actual ?? null,
      expected: d.expected ?? null,
      related: d.related
        ? { file: d.related.file, line: d.related.line, column: d.related.column, endLine: d.related.endLine ?? null, endColumn: d.related.endColumn ?? null, message: d.related.message }
        : null,
      unlisted: d.unlisted ?? null,
    })),
    build: options.build ?? null,
  };
  return `${printableJson(JSON.stringify(report, null, 2))}\n`;
};
