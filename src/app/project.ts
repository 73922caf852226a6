import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Config } from '../core/schema.js';
import { findConfigFile, loadConfig } from '../io/config.js';
import { findInputs, type InputFile } from '../io/find.js';
import { DEFAULT_MAX_FILE_SIZE } from '../io/read.js';
import type { TemplateSearch } from '../io/template-sets.js';
import { UsageError } from './errors.js';

export interface ProjectOptions {
  cwd: string;
  paths: readonly string[];
  configPath?: string;
  /** Folders never searched for inputs (the output folder). */
  exclude?: readonly string[];
}

/** The inputs of one run and the config that applies to them. */
export interface Project {
  cwd: string;
  config: Config;
  configPath?: string;
  files: InputFile[];
  /** Folders the inputs were found in (real paths). */
  roots: string[];
  /** Problems in the config file. */
  diagnostics: Diagnostic[];
}

/** Finds the inputs and the config file that applies to them. */
export async function openProject(options: ProjectOptions): Promise<Project> {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const found = await findInputs(paths, options.cwd, options.exclude);
  if (found.missing.length > 0) {
    throw new UsageError(`No such file, folder or match: ${found.missing.join(', ')}.`, 'Name release files, folders holding them, or a glob such as "releases/**/*.md".');
  }
  const configPath = options.configPath
    ? resolve(options.cwd, options.configPath)
    : await findConfigFile(found.roots[0] ?? options.cwd);
  const config = await openConfig(configPath, options);
  return { cwd: options.cwd, ...config, files: found.files, roots: found.roots };
}

/**
 * Loads the config file at `configPath` (none: the defaults). A config file
 * named on the command line that cannot be read is a usage error; one found
 * by searching is reported like any other problem.
 */
export async function openConfig(configPath: string | undefined, options: { cwd: string; configPath?: string }): Promise<Pick<Project, 'config' | 'configPath' | 'diagnostics'>> {
  const loaded = await loadConfig(configPath, options.cwd);
  if (options.configPath && loaded.diagnostics.some((d) => d.ruleId === 'file/unreadable')) {
    throw new UsageError(`The config file ${options.configPath} cannot be read.`);
  }
  return { config: loaded.config, ...(configPath ? { configPath } : {}), diagnostics: loaded.diagnostics };
}

/** The config that applies to a file or folder that is not searched (standard input named by `--stdin-filename`, a template command). */
export async function configFor(folder: string, options: { cwd: string; configPath?: string }): Promise<Pick<Project, 'config' | 'configPath' | 'diagnostics'>> {
  const configPath = options.configPath ? resolve(options.cwd, options.configPath) : await findConfigFile(folder);
  return openConfig(configPath, options);
}

/** The largest release file read under this config. */
export const maxFileSize = (config: Config): number => config.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;

/** Where template sets are looked for: the project's `templates` folder, the config's `templates`, then the built-in sets. */
export function templateSearch(project: Pick<Project, 'configPath' | 'config'>, cwd: string): TemplateSearch {
  const projectRoot = project.configPath ? dirname(project.configPath) : cwd;
  return {
    cwd,
    projectFolder: join(projectRoot, 'templates'),
    ...(project.config.templates && project.configPath ? { configFolder: resolve(dirname(project.configPath), project.config.templates) } : {}),
  };
}
