import { dirname, resolve } from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../../core/diagnostic.js';
import { decodeUtf8Strict } from '../../core/decode.js';
import { findConfigFile, loadConfig } from '../../io/config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../io/read.js';
import { checkProject, checkText, openProject } from '../../pipeline.js';
import { CliUsageError, type CliEnvironment, type ReportOptions } from '../main.js';
import { report } from '../report.js';

export interface ValidateOptions {
  paths: readonly string[];
  stdinFilename?: string;
  config?: string;
  now: number;
  report: ReportOptions;
}

/** Reads one release from standard input, for editors and pre-commit hooks. */
async function validateStdin(options: ValidateOptions, env: CliEnvironment): Promise<{ diagnostics: Diagnostic[]; fileCount: number }> {
  const display = options.stdinFilename ?? '<stdin>';
  const configPath = options.config ? resolve(env.cwd, options.config) : await findConfigFile(options.stdinFilename ? dirname(resolve(env.cwd, options.stdinFilename)) : env.cwd);
  const loaded = await loadConfig(configPath, env.cwd);
  const maxSize = loaded.config.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const bytes = await env.readStdin(maxSize);
  const decoded = bytes.length > maxSize ? undefined : decodeUtf8Strict(bytes);
  if (!decoded?.ok) {
    const diagnostic: Diagnostic = decoded
      ? { file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/encoding', message: `The input is not valid UTF-8 text; the first bad byte is at offset ${decoded.offset}.`, hint: 'Save the file as UTF-8 text.' }
      : { file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/too-large', message: `The input is over the limit of ${maxSize} bytes; it was not read further.`, hint: 'Split the release, or raise `limits.maxFileSize` in the config file.' };
    return { diagnostics: [...loaded.diagnostics, diagnostic], fileCount: 1 };
  }
  // One release alone: the checks across files (duplicates, translations) have nothing to compare it with.
  const result = checkText(decoded.text, display, loaded.config, options.now);
  return { diagnostics: [...loaded.diagnostics, ...result.diagnostics].sort(compareDiagnostics), fileCount: 1 };
}

export async function runValidate(options: ValidateOptions, env: CliEnvironment): Promise<number> {
  if (options.paths.includes('-')) {
    if (options.paths.length > 1) throw new CliUsageError('"-" (standard input) cannot be combined with other paths.');
    const { diagnostics, fileCount } = await validateStdin(options, env);
    return report(diagnostics, fileCount, options.report, env);
  }
  const project = await openProject({ cwd: env.cwd, paths: options.paths, now: options.now, ...(options.config ? { configPath: options.config } : {}) });
  if (project.files.length === 0) throw new CliUsageError(`No release files (*.md) found in ${options.paths.join(', ')}.`);
  const checked = await checkProject(project, options.now);
  return report(checked.diagnostics, checked.fileCount, options.report, env);
}
