import type { OutputFormat } from '../../core/model.js';
import { displayPath } from '../../io/find.js';
import { buildProject } from '../../pipeline.js';
import { CliUsageError, EXIT, type CliEnvironment, type ReportOptions } from '../main.js';
import { report } from '../report.js';

export interface BuildCommandOptions {
  paths: readonly string[];
  out: string;
  formats: readonly OutputFormat[];
  template: string;
  drafts: boolean;
  keepGoing: boolean;
  config?: string;
  now: number;
  report: ReportOptions;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function runBuild(options: BuildCommandOptions, env: CliEnvironment): Promise<number> {
  const summary = await buildProject({
    cwd: env.cwd,
    paths: options.paths,
    out: options.out,
    formats: options.formats,
    template: options.template,
    drafts: options.drafts,
    keepGoing: options.keepGoing,
    now: options.now,
    ...(options.config ? { configPath: options.config } : {}),
  });
  if (summary.fileCount === 0) throw new CliUsageError(`No release files (*.md) found in ${options.paths.join(', ')}.`);
  const code = await report(summary.diagnostics, summary.fileCount, options.report, env);
  const skipped = summary.skippedDraft + summary.skippedEmbargoed;
  const out = displayPath(summary.out, env.cwd);
  const line = `Built ${plural(summary.built, 'release')}, skipped ${skipped} (${summary.skippedDraft} not approved, ${summary.skippedEmbargoed} embargoed), failed ${summary.failed}. `
    + (summary.committed ? `Wrote ${plural(summary.written, 'file')} to ${out}.` : `Nothing was written; ${out} is unchanged${options.keepGoing ? '' : ' (use --keep-going to write the releases that succeeded)'}.`);
  (options.report.reporter === 'stylish' ? env.stdout : env.stderr).write(`${line}\n`);
  if (summary.diagnostics.some((d) => d.ruleId === 'output/write')) return EXIT.usage;
  return code;
}
