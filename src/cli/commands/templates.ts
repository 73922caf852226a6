import { copyFile, lstat, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { makeFolder } from '../../io/folders.js';
import { systemErrorText } from '../../io/system-errors.js';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { checkProject, loadBody } from '../../app/check.js';
import { incompleteLabels, unlabelled } from '../../app/labels-check.js';
import { configFor, openProject, setWarnings, templateSearch } from '../../app/project.js';
import { ReleaseRendering } from '../../app/render.js';
import { checkSitePages } from '../../app/site.js';
import { translationsById } from '../../core/collection.js';
import { labelsFor, SITE_WORDS } from '../../core/labels.js';
import { compareDiagnostics, type Diagnostic } from '../../core/diagnostic.js';
import { emailSetFor } from '../../core/formats.js';
import { buildView, OUTPUT_FORMATS } from '../../core/model.js';
import { OUTPUT_LIMITS } from '../../core/templates.js';
import { plural } from '../../core/plural.js';
import { printable, printableLineStart } from '../../core/text.js';
import { displayPath } from '../../io/find.js';
import { listSets, loadTemplateSet, type LoadedSet, type TemplateSearch } from '../../io/template-sets.js';
import { EXIT, UsageError, type CliEnvironment, type ExitCode } from '../environment.js';
import type { ReporterName } from '../../reporters/types.js';
import { pathsEndingSentence, report } from '../report.js';
import { VERSION } from '../../version.js';

async function projectSearch(configOption: string | undefined, env: CliEnvironment): Promise<TemplateSearch> {
  const project = await configFor(env.cwd, { cwd: env.cwd, ...(configOption ? { configPath: configOption } : {}) });
  return templateSearch(project, env.cwd);
}

/**
 * The config's problems, reported as `validate` reports them, when one is an error: the sets would otherwise be listed or
 * checked without the config's `templates` folder, languages and settings, as if all were well.
 */
async function configErrors(diagnostics: readonly Diagnostic[], color: boolean, env: CliEnvironment, reporter: ReporterName = 'stylish'): Promise<ExitCode | undefined> {
  if (!diagnostics.some((d) => d.severity === 'error')) return undefined;
  return report(diagnostics, 1, { reporter, strict: false, quiet: false, color, debug: false }, env);
}

/** A set that cannot be found is a usage error; a set that is broken is reported like any other problem. */
async function setOrReport(loaded: LoadedSet, color: boolean, env: CliEnvironment, reporter: ReporterName = 'stylish'): Promise<Extract<LoadedSet, { ok: true }> | ExitCode> {
  if (loaded.ok) return loaded;
  if (loaded.notFound) throw new UsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
  return report(loaded.diagnostics, 1, { reporter, strict: false, quiet: false, color, debug: false }, env);
}

export async function runTemplatesList(options: { template: string; config?: string; color: boolean }, env: CliEnvironment): Promise<ExitCode> {
  const project = await configFor(env.cwd, { cwd: env.cwd, ...(options.config ? { configPath: options.config } : {}) });
  const stopped = await configErrors(project.diagnostics, options.color, env);
  if (stopped !== undefined) return stopped;
  const search = templateSearch(project, env.cwd);
  const sets = await listSets(search);
  const out: string[] = ['Template sets, in look-up order (the first of a name wins):'];
  // A set of a name further up that has no `extends` fills its gaps from the next of its name; one that extends its own name
  // extends that next one, as a set ejected one file at a time does (`extends: default` in templates/default); one that extends
  // another may still reach it through the sets it extends.
  const above = new Map<string, (typeof sets)[number]>();
  for (const s of sets) {
    const over = above.get(s.name);
    above.set(s.name, s);
    const first = sets.find((set) => set.name === s.name)!;
    const reads = over === undefined ? [] : listedChain(sets, first);
    const via = reads.slice(reads.indexOf(over!) + 1, reads.indexOf(s)).map((set) => `"${printable(set.name)}"`);
    const note = over === undefined ? '' : !reads.includes(s)
      ? `  (not used: the ${over.origin} set "${printable(s.name)}" above extends "${printable(over.extends ?? s.name)}")`
      : over.extends === undefined && via.length === 0
        ? `  (fills the gaps of the ${over.origin} set "${printable(s.name)}" above)`
        : `  (extended by the ${over.origin} set "${printable(s.name)}" above${via.length > 0 ? `, through ${via.join(' → ')}` : ''})`;
    out.push(`  ${printableLineStart(s.name).padEnd(16)} ${s.origin.padEnd(9)} ${printable(displayPath(s.folder, env.cwd))}${note}`);
    if (s.description) out.push(`  ${''.padEnd(16)} ${''.padEnd(9)} ${printableLineStart(s.description)}`);
  }
  const loaded = await setOrReport(await loadTemplateSet(options.template, search), options.color, env);
  if (typeof loaded === 'number') return loaded;
  const { set, chain } = loaded;
  // Names, descriptions and file names come from the project: every one is escaped, so none can drive the terminal or forge a line.
  out.push('', `Set "${printable(set.name)}"${set.description ? ` — ${printable(set.description)}` : ''}`);
  out.push(`  formats: ${set.formats.join(', ')}`);
  out.push(`  chain:   ${chain.map((c) => `${printable(c.name)} (${c.origin}: ${printable(displayPath(c.folder, env.cwd))})`).join(' → ')}`);
  out.push('  files:');
  const width = [...set.files.keys()].reduce((widest, k) => Math.max(widest, printableLineStart(k).length), 10) + 2;
  for (const file of [...set.files.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    out.push(`    ${printableLineStart(file.name).padEnd(width)} ${printable(file.path)}`);
  }
  // The words too: a labels file added for a language, or one correcting a word, is a file of the set as a template is. Each
  // language's file is the nearest of the chain's; the words it lacks come from the sets further down, as the build takes them.
  const labels = [...(set.labels?.values() ?? [])].sort((a, b) => (a.lang < b.lang ? -1 : 1));
  if (labels.length > 0) {
    out.push('  labels:');
    for (const file of labels) out.push(`    ${printableLineStart(`labels/${basename(file.path)}`).padEnd(width)} ${printable(file.path)}`);
  }
  env.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

/**
 * The listed sets a build of `start` reads, in order, as `loadTemplateSet`
 * follows them: the set it `extends`, else the next set of its own name, each
 * found further down the look-up order than a set already read of that name.
 */
function listedChain<T extends { name: string; folder: string; extends?: string }>(sets: readonly T[], start: T): T[] {
  const chain = [start];
  for (let current = start; ;) {
    const wanted = current.extends ?? current.name;
    const next = sets.find((set) => set.name === wanted && !chain.includes(set));
    if (next === undefined) return chain;
    chain.push(next);
    current = next;
  }
}

/** Whether anything is at `path`, a link that leads nowhere included. */
async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/**
 * What stands in the way of writing `name` under `destination`: a file, a
 * link or anything but a folder where a folder of its path (the destination
 * included) must be. Ejected files are never written through a link.
 */
async function inTheWay(destination: string, name: string): Promise<string | undefined> {
  // Above a destination still to be made, the nearest thing that exists must be a folder (or a link to one: that is the user's).
  let above = destination;
  while (!(await exists(above)) && dirname(above) !== above) above = dirname(above);
  if (above !== destination && !(await stat(above).catch(() => undefined))?.isDirectory()) return above;
  const folders = [destination];
  for (const segment of name.split('/').slice(0, -1)) folders.push(join(folders.at(-1)!, segment));
  for (const folder of folders) {
    const info = await lstat(folder).catch(() => undefined);
    if (!info) return undefined;
    if (!info.isDirectory()) return folder;
  }
  return undefined;
}

async function listFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  return out.sort();
}

/**
 * Copies a built-in set, or one file of it, into the project. One file is
 * taken from wherever the set gets it (its own folder or a set it extends);
 * nothing that exists is ever overwritten.
 */
export async function runTemplatesEject(options: { set: string; file?: string; to?: string }, env: CliEnvironment): Promise<ExitCode> {
  const unknown = () => new UsageError(`There is no built-in template set named "${options.set}".`, 'Run `migration-news templates list` to see the sets.');
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(options.set)) throw unknown();
  // Only the built-in sets: the project's own sets are not looked at.
  const loaded = await loadTemplateSet(options.set, { cwd: env.cwd });
  if (!loaded.ok) throw unknown();
  const own = loaded.chain[0]!.folder;
  // By default, where a build would look first: the templates folder beside the project's config file.
  const destination = options.to ? resolve(env.cwd, options.to) : join((await projectSearch(undefined, env)).projectFolder ?? join(env.cwd, 'templates'), options.set);
  // [path inside the set, where to copy it from]
  let copies: [string, string][];
  if (options.file) {
    const wanted = options.file.split(sep).join('/').replace(/^\.\//, '');
    const inherited = loaded.set.files.get(wanted) ?? loaded.set.files.get(`${wanted}.liquid`);
    const ownFiles = await listFiles(own);
    if (ownFiles.includes(wanted)) copies = [[wanted, join(own, wanted)]];
    else if (inherited) copies = [[inherited.name, join(loaded.chain.find((c) => c.name === inherited.set)!.folder, inherited.name)]];
    else {
      const names = [...new Set([...ownFiles, ...loaded.set.files.keys()])].sort();
      throw new UsageError(`The set "${options.set}" has no file ${options.file}.`, `Its files: ${names.join(', ')}.`);
    }
  } else {
    copies = (await listFiles(own)).map((f) => [f, join(own, f)]);
  }
  const blocked = new Set<string>();
  for (const [name] of copies) {
    const folder = await inTheWay(destination, name);
    if (folder) blocked.add(displayPath(folder, env.cwd));
  }
  if (blocked.size > 0) {
    throw new UsageError(`Cannot eject into ${printable(displayPath(destination, env.cwd))}: ${[...blocked].map(printable).join(', ')} ${blocked.size === 1 ? 'is' : 'are'} not a folder (a file, or a symbolic link, which eject does not write through).`, 'Move it away, or eject to another folder with --to.');
  }
  const clashes: string[] = [];
  for (const [name] of copies) if (await exists(join(destination, name))) clashes.push(displayPath(join(destination, name), env.cwd));
  if (clashes.length > 0) {
    env.stderr.write(`migration-news: refusing to overwrite ${clashes.map(printable).join(', ')}.\nhint: Move or delete ${clashes.length === 1 ? 'it' : 'them'} first, or eject to another folder with --to.\n`);
    return EXIT.problems;
  }
  const written: string[] = [];
  const manifest = join(destination, 'template.yaml');
  try {
    for (const [name, from] of copies) {
      makeFolder(dirname(join(destination, name)));
      await copyFile(from, join(destination, name), 1 /* COPYFILE_EXCL */);
      written.push(name);
    }
    // A whole set copied under another name is that set: its template.yaml named the copy after the original, which then
    // called itself by the original's name when named by its folder (`-t ./templates/press`) and by its folder's when named so.
    const folderName = basename(destination);
    if (!options.file && folderName !== options.set && /^[a-z0-9][a-z0-9_-]*$/i.test(folderName) && written.includes('template.yaml')) {
      const text = await readFile(manifest, 'utf8');
      const renamed = text.replace(/^name:.*$/m, `name: ${folderName}`);
      if (renamed !== text) await writeFile(manifest, renamed);
    }
    if (options.file && !(await exists(manifest))) {
      const name = basename(destination);
      await writeFile(manifest, `# Files missing here are taken from the "${options.set}" set.\nname: ${/^[a-z0-9][a-z0-9_-]*$/i.test(name) ? name : `${options.set}-custom`}\nextends: ${options.set}\n`, { flag: 'wx' });
      written.push('template.yaml');
    }
  } catch (cause) {
    const copied = written.length === 0 ? 'Nothing was copied' : `Copied before it: ${written.map(printable).join(', ')}`;
    throw new UsageError(`Cannot write into ${printable(displayPath(destination, env.cwd))} (${systemErrorText(cause, 'error')}). ${copied}.`, 'Put right what stopped it (permissions, disk space), remove what was copied, and eject again.');
  }
  env.stdout.write(`Copied ${plural(written.length, 'file')} to ${printable(displayPath(destination, env.cwd))}:\n${written.map((f) => `  ${printableLineStart(f)}\n`).join('')}`);
  return EXIT.ok;
}

export interface TemplatesCheckOptions {
  set: string;
  paths: readonly string[];
  config?: string;
  now: number;
  color: boolean;
  /** How to report the problems found (`--reporter`), as `validate` does: for a CI job's annotations or a script. */
  reporter?: ReporterName;
}

/**
 * Renders every release found (drafts and embargoed ones too) in every format
 * of the set, with strict variables, and reports each template problem once.
 */
export async function runTemplatesCheck(options: TemplatesCheckOptions, env: CliEnvironment): Promise<ExitCode> {
  const paths = options.paths.length > 0 ? options.paths : (await exists(join(env.cwd, 'examples'))) ? ['examples'] : ['.'];
  const project = await openProject({ cwd: env.cwd, paths, ...(options.config ? { configPath: options.config } : {}) });
  const reporter = options.reporter ?? 'stylish';
  const stopped = await configErrors(project.diagnostics, options.color, env, reporter);
  if (stopped !== undefined) return stopped;
  const loaded = await setOrReport(await loadTemplateSet(options.set, templateSearch(project, env.cwd)), options.color, env, reporter);
  if (typeof loaded === 'number') return loaded;
  const formats = OUTPUT_FORMATS.filter((f) => loaded.set.formats.includes(f));
  const rendering = new ReleaseRendering({ set: loaded.set, config: project.config, now: options.now, formats, strictVariables: true });
  rendering.checkTemplates();
  const checked = await checkProject(project, options.now);
  // Files with errors of their own are not rendered: said, so that a count of renders is not taken for all of them.
  const failing = project.files.length - checked.releases.length;
  const leftOut = failing > 0 ? ` ${plural(failing, 'release file')} with errors ${failing === 1 ? 'was' : 'were'} left out: \`migration-news validate\` names the errors.` : '';
  if (checked.index.length === 0) {
    throw new UsageError(`No releases to render in ${pathsEndingSentence(paths)}${leftOut}`, failing > 0 ? 'Fix the errors `migration-news validate` names, then check the set again.' : 'Name release files or folders after the set, such as: migration-news templates check default releases');
  }
  // A release in a language the set has no words for is an error at its `lang`, as `validate` and `build` say it, and is not
  // rendered: every template that prints a label would fail on it, in the set's files, which are not where the mistake is.
  const search = templateSearch(project, env.cwd);
  const unworded = unlabelled(checked.releases.map((item) => ({ release: item.release, text: { path: item.source.path } })), loaded, search, project.config, true);
  const worded = checked.releases.filter((item) => labelsFor(loaded.set.labels, item.release.lang) !== undefined);
  // Every release, whatever its status: a template must work for the previews of drafts too.
  const translations = translationsById(checked.index);
  // The set `build --format eml` makes the messages with, in a project that sends its releases as e-mail (an `email` section in
  // its config), as `validate` judges its labels: each message is composed as a build composes it, with the set's styles written
  // into the elements, which fails on styles no page minds (a rule nested in another) and on a message too large to inline.
  const sending = project.config.email;
  const composing = sending !== undefined && loaded.set.name === emailSetFor(undefined) && formats.includes('html') && formats.includes('text');
  // Loaded only then, as a build loads it: its HTML inliner is large.
  const email = composing ? (await import('../../app/email.js')).EmailRendering.of(loaded.set, sending, options.now, OUTPUT_LIMITS.perRun) : undefined;
  let rendered = 0;
  let messages = 0;
  for (const item of worded) {
    const body = await loadBody(item, project.config);
    if (!body.ok) continue;
    const { release } = item;
    const others = translations.get(release.id) ?? [];
    const outcome = rendering.render(release, body.body, others);
    rendered += formats.length;
    // As a build: a release whose pages failed makes no message.
    if (!email || !outcome.ok) continue;
    const view = buildView(release, body.body, { config: project.config, now: options.now, translations: others, version: VERSION, labels: labelsFor(loaded.set.labels, release.lang)?.values });
    const message = await email.render(view);
    if (message.ok) messages++;
    else rendering.problems.add(message.diagnostics, `${release.file} as eml`);
  }
  // The site's own pages, which a build makes from the same releases, fail there as they would in a build.
  const site = formats.includes('html') ? checkSitePages(loaded.set, project.config, worded.map((item) => item.release), options.now, rendering.problems.entries().map(([key]) => key)) : { pages: 0, diagnostics: [] };
  // A labels file that lacks some of the site's own words, which the headings the tool writes then say in English, as a build
  // warns of it (any other word it lacks is an error above, at the first template that prints it).
  const incomplete = formats.includes('html') ? incompleteLabels(worded, loaded.set, project.config, new Set(Object.keys(SITE_WORDS))) : [];
  const diagnostics = [...unworded, ...rendering.problems.list(), ...site.diagnostics, ...setWarnings(loaded.warnings, project.config.rules), ...incomplete].sort(compareDiagnostics);
  // The report below counts the set's files: this line says they are the set's, and what was rendered with them.
  const besides = [...(site.pages > 0 ? [`${plural(site.pages, 'page')} of the site`] : []), ...(email ? [`${plural(messages, 'e-mail message')} composed`] : [])];
  const pages = besides.map((what) => `, and ${what}`).join('');
  env.stderr.write(`Checked the "${printable(loaded.set.name)}" set, ${plural(loaded.set.files.size, 'template file')}: ${plural(rendered, 'render')} of ${plural(checked.index.length, 'release')} in ${formats.join(', ')}${pages}.${leftOut}\n`);
  return report(diagnostics, loaded.set.files.size, { reporter, strict: false, quiet: false, color: options.color, debug: false }, env);
}
