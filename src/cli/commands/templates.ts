import { access, copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { translationsById } from '../../core/collection.js';
import { compareDiagnostics, type Diagnostic } from '../../core/diagnostic.js';
import { buildView, OUTPUT_FORMATS } from '../../core/model.js';
import { ReleaseRenderer } from '../../core/templates.js';
import { findConfigFile, loadConfig } from '../../io/config.js';
import { displayPath } from '../../io/find.js';
import { BUILTIN_TEMPLATES, listSets, loadTemplateSet } from '../../io/template-sets.js';
import { checkFile, checkProject, openProject, templateSearch } from '../../pipeline.js';
import { VERSION } from '../../version.js';
import { CliUsageError, EXIT, type CliEnvironment } from '../main.js';
import { report } from '../report.js';

async function projectSearch(configOption: string | undefined, env: CliEnvironment) {
  const configPath = configOption ? resolve(env.cwd, configOption) : await findConfigFile(env.cwd);
  const loaded = await loadConfig(configPath, env.cwd);
  return templateSearch({ config: loaded.config, ...(configPath ? { configPath } : {}) }, env.cwd);
}

export async function runTemplatesList(options: { template: string; config?: string }, env: CliEnvironment): Promise<number> {
  const search = await projectSearch(options.config, env);
  const sets = await listSets(search);
  const out: string[] = ['Template sets (first match wins):'];
  const seen = new Set<string>();
  for (const s of sets) {
    const shadowed = seen.has(s.name);
    seen.add(s.name);
    out.push(`  ${s.name.padEnd(16)} ${s.origin.padEnd(9)} ${displayPath(s.folder, env.cwd)}${shadowed ? '  (hidden by the one above)' : ''}`);
  }
  const loaded = await loadTemplateSet(options.template, search);
  if (!loaded.ok) throw new CliUsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
  out.push('', `Set "${loaded.set.name}"${loaded.set.description ? ` — ${loaded.set.description}` : ''}`);
  out.push(`  formats: ${loaded.set.formats.join(', ')}`);
  out.push(`  chain:   ${loaded.chain.map((c) => `${c.name} (${c.origin})`).join(' → ')}`);
  out.push('  files:');
  for (const file of [...loaded.set.files.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    out.push(`    ${file.name.padEnd(32)} from ${file.set}: ${file.path}`);
  }
  env.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

async function listFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(folder, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

export async function runTemplatesEject(options: { set: string; file?: string; to?: string }, env: CliEnvironment): Promise<number> {
  const source = join(BUILTIN_TEMPLATES, options.set);
  if (!/^[a-z0-9_-]+$/i.test(options.set) || !(await stat(source).catch(() => undefined))?.isDirectory()) {
    throw new CliUsageError(`There is no built-in template set named "${options.set}".`, 'Run `migration-news templates list` to see the sets.');
  }
  const destination = resolve(env.cwd, options.to ?? join('templates', options.set));
  let files = await listFiles(source);
  if (options.file) {
    const wanted = options.file.split('/').join(sep);
    if (!files.includes(wanted)) throw new CliUsageError(`The set "${options.set}" has no file ${options.file}.`, `Its files: ${files.join(', ')}.`);
    files = [wanted];
  }
  const clashes: string[] = [];
  for (const f of files) if (await exists(join(destination, f))) clashes.push(displayPath(join(destination, f), env.cwd));
  if (clashes.length > 0) {
    env.stderr.write(`migration-news: refusing to overwrite ${clashes.join(', ')}.\nhint: Move or delete ${clashes.length === 1 ? 'it' : 'them'} first, or eject to another folder with --to.\n`);
    return EXIT.problems;
  }
  for (const f of files) {
    await mkdir(dirname(join(destination, f)), { recursive: true });
    await copyFile(join(source, f), join(destination, f), 1 /* COPYFILE_EXCL */);
  }
  const manifest = join(destination, 'template.yaml');
  if (options.file && !(await exists(manifest))) {
    await writeFile(manifest, `# Files missing here are taken from the "${options.set}" set.\nname: ${options.set}-custom\nextends: ${options.set}\n`, { flag: 'wx' });
    files.push('template.yaml');
  }
  env.stdout.write(`Copied ${files.length} file${files.length === 1 ? '' : 's'} to ${displayPath(destination, env.cwd)}:\n${files.map((f) => `  ${f.split(sep).join('/')}\n`).join('')}`);
  return EXIT.ok;
}

export async function runTemplatesCheck(options: { set: string; paths: readonly string[]; config?: string; now: number; color: boolean }, env: CliEnvironment): Promise<number> {
  const paths = options.paths.length > 0 ? options.paths : (await exists(join(env.cwd, 'examples'))) ? ['examples'] : ['.'];
  const project = await openProject({ cwd: env.cwd, paths, now: options.now, ...(options.config ? { configPath: options.config } : {}) });
  const loaded = await loadTemplateSet(options.set, templateSearch(project, env.cwd));
  if (!loaded.ok) return report(loaded.diagnostics, 0, { reporter: 'stylish', strict: false, quiet: false, color: options.color, debug: false }, env);
  const renderer = new ReleaseRenderer(loaded.set, { strictVariables: true });
  const formats = OUTPUT_FORMATS.filter((f) => loaded.set.formats.includes(f));
  const problems = new Map<string, Diagnostic>(renderer.check(formats).map((d) => [`${d.file}:${d.line}:${d.column}`, d]));
  const checked = await checkProject(project, options.now);
  const translations = translationsById(checked.index);
  const byDisplay = new Map(project.files.map((f) => [f.display, f]));
  let rendered = 0;
  for (const entry of checked.index) {
    const result = await checkFile(byDisplay.get(entry.file)!, project.config, options.now);
    if (!result.release || !result.body) continue;
    const view = buildView(result.release, result.body, { config: project.config, now: options.now, translations: translations.get(entry.id) ?? [], version: VERSION });
    for (const format of formats) {
      const out = renderer.render(format, view);
      rendered++;
      if (!out.ok) for (const d of out.diagnostics) problems.set(`${d.file}:${d.line}:${d.column}:${d.message}`, { ...d, message: `${d.message} (rendering ${entry.file} as ${format})` });
    }
  }
  const diagnostics = [...problems.values()].sort(compareDiagnostics);
  env.stderr.write(`Checked the "${loaded.set.name}" set: ${rendered} render${rendered === 1 ? '' : 's'} of ${checked.index.length} release${checked.index.length === 1 ? '' : 's'} in ${formats.join(', ')}.\n`);
  return report(diagnostics, loaded.set.files.size, { reporter: 'stylish', strict: false, quiet: false, color: options.color, debug: false }, env);
}
