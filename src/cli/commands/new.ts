import { lstat, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { makeFolder } from '../../io/folders.js';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { dateInZone, freeSlug, languageName, leadingTranslationNote, lineBreakOf, newReleaseText, rebasedImages, translationText, unreservedSlug, withLineBreaks } from '../../core/draft.js';
import { isLocalImage } from '../../core/images.js';
import { parseReleaseFile } from '../../core/parse.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { isLanguageTag, languageHint } from '../../core/locale/index.js';
import { defaultContacts, ID_PATTERN, type Config, type Language } from '../../core/schema.js';
import { describeIsolateProblem, REFUSED_CHARACTERS, unbalancedIsolate } from '../../core/characters.js';
import { isReservedName, releaseSlug, titleSlug } from '../../core/slug.js';
import { validateRelease } from '../../core/validate.js';
import { loadArchetype } from '../../io/archetype.js';
import { findConfigFile, loadConfig } from '../../io/config.js';
import { displayPath } from '../../io/find.js';
import { collisionKey } from '../../core/names.js';
import { aliasFiles } from '../../core/aliases.js';
import { FRESH } from '../../core/objects.js';
import type { Release } from '../../core/validate.js';
import { printable } from '../../core/text.js';
import { readReleaseFile } from '../../io/read.js';
import { loadTemplateSet, type LoadedSet } from '../../io/template-sets.js';
import { labelsAdvice, labelsFor } from '../../core/labels.js';
import { checkText } from '../../app/check.js';
import { labelsFileToAdd } from '../../app/labels-check.js';
import { templateSearch } from '../../app/project.js';
import { addressesOf, type ClaimedAddress } from '../../app/addresses.js';
import { UsageError, EXIT, type CliEnvironment } from '../environment.js';
import { systemErrorText } from '../../io/system-errors.js';
import { leadsOut, realOrSelf } from '../../io/confine.js';
import { isInside } from '../../io/paths.js';

export interface NewOptions {
  title?: string;
  lang: string;
  id?: string;
  dir?: string;
  /** `YYYY-MM-DD`; default: today in the configured time zone. */
  date?: string;
  template: string;
  translateFrom?: string;
  config?: string;
  /** The clock for "today", ms since the epoch. */
  now: number;
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined;
}

async function nearestExisting(folder: string): Promise<string> {
  let current = folder;
  while (!(await exists(current)) && dirname(current) !== current) current = dirname(current);
  return current;
}

async function projectConfig(configOption: string | undefined, near: string, env: CliEnvironment): Promise<{ config: Config; configPath?: string; diagnostics: Diagnostic[] }> {
  const configPath = configOption ? resolve(env.cwd, configOption) : await findConfigFile(await nearestExisting(near));
  const loaded = await loadConfig(configPath, env.cwd);
  const broken = loaded.diagnostics.find((d) => d.severity === 'error');
  if (broken) throw new UsageError(`The config file has a problem: ${broken.file}:${broken.line}:${broken.column} ${broken.message}`, 'Run `migration-news validate` to see every problem.');
  return { config: loaded.config, ...(configPath ? { configPath } : {}), diagnostics: loaded.diagnostics };
}

function language(value: string, config: Config): Language {
  const hint = languageHint(value, config.languages);
  if (!isLanguageTag(value)) throw new UsageError(`--lang must be a BCP 47 language tag such as ${config.languages.join(', ')}, not "${value}".`, hint);
  const lang: Language = value;
  if (!config.languages.includes(lang)) throw new UsageError(`This project's languages are ${config.languages.join(', ')}; "${lang}" is not one of them.`, hint ?? 'Add it to `languages` in the config file.');
  return lang;
}

/**
 * Writes the file only if nothing is there: a draft never replaces what
 * someone wrote, not even another draft.
 */
async function writeNew(path: string, text: string, env: CliEnvironment, elsewhere = 'Choose another --dir or --id, or move the existing file away.'): Promise<void> {
  // validate and build refuse a file named inside the working folder that lies under a link leading out of it (`releases/en ->
  // /srv/elsewhere`): a draft written there would be one they never read, and a link in a cloned project could make `new`
  // write a file anywhere its user may.
  const folder = dirname(resolve(path));
  if (isInside(folder, resolve(env.cwd)) && await leadsOut(folder, [await realOrSelf(env.cwd)])) {
    throw new UsageError(`Refusing to write ${printable(displayPath(path, env.cwd))}: ${printable(displayPath(folder, env.cwd))} is, or lies under, a symbolic link that leads out of the working folder, where validate and build read no release.`,
      'Give --dir the folder the link leads to, or a folder of the project.');
  }
  try {
    makeFolder(dirname(path));
  } catch (cause) {
    throw new UsageError(`Cannot create the folder ${displayPath(dirname(path), env.cwd)} (${systemErrorText(cause)}).`, 'Give --dir a folder, or a path where one can be made.');
  }
  // A name that differs only in case (or in a form Unicode counts the same) from a file already there is that file on macOS and
  // Windows: whoever checks the project out there gets one of the two.
  const key = collisionKey(basename(path));
  const twin = (await readdir(dirname(path)).catch(() => [] as string[])).find((name) => name !== basename(path) && collisionKey(name) === key);
  if (twin !== undefined) {
    throw new UsageError(`Refusing to write ${displayPath(path, env.cwd)}: ${displayPath(join(dirname(path), twin), env.cwd)} is there, a name that differs only in case, which macOS and Windows read as the same file.`, elsewhere);
  }
  let file: FileHandle;
  try {
    file = await open(path, 'wx');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      // What is there may be no file: a folder (`quota.md/`), or a link, whatever it leads to; nothing there is touched.
      const there = await lstat(path).catch(() => undefined);
      const what = there?.isDirectory() ? 'a folder of that name is there' : there?.isSymbolicLink() ? 'a symbolic link of that name is there' : 'the file exists';
      throw new UsageError(`Refusing to overwrite ${displayPath(path, env.cwd)}: ${what}.`, elsewhere);
    }
    throw new UsageError(`Cannot write ${displayPath(path, env.cwd)} (${systemErrorText(cause)}).`);
  }
  try {
    await file.writeFile(text);
    await file.close();
  } catch (cause) {
    // The file is this run's own, made just now: one cut short (a full disk) goes, or it would stand in the way of the next try.
    await file.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw new UsageError(`Cannot write ${displayPath(path, env.cwd)} (${systemErrorText(cause)}); nothing was left there.`);
  }
}

/**
 * Where the value of each front matter field `new` writes itself comes from,
 * for the hint of a value `validate` refuses: the user's own title or
 * `--date` is to be put right on the command line, not in the archetype.
 */
const GIVEN_BY: Readonly<Record<string, string>> = {
  title: 'The title is written as it was given on the command line: give it as one line of text.',
  date: 'The date is the one given with --date: give another.',
  id: 'The id is the one given with --id, or made from the date and the title: give another with --id.',
};

/** The top-level front matter key whose value holds `line` (1-based, the opening `---` being line 1) of a new release's text. */
function keyAtLine(text: string, line: number): string | undefined {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i > 0; i--) {
    const key = /^([A-Za-z_][\w-]*):/.exec(lines[i]!)?.[1];
    if (key !== undefined) return key;
    if (lines[i] === '---') return undefined;
  }
  return undefined;
}

/** The text must be a release that `validate` accepts before it is written; an archetype can break it, and so can a title or a date. */
function assertValid(text: string, display: string, config: Config, now: number, fromCommandLine: boolean): Release {
  const checked = checkText(text, display, { config, now });
  const error = checked.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    // A rule of its own (a reserved slug) has its own hint; a value the schema refuses is the archetype's unless the command wrote it.
    const schema = error.ruleId.startsWith('schema/') || error.ruleId.startsWith('yaml/');
    const given = fromCommandLine && schema ? GIVEN_BY[keyAtLine(text, error.line) ?? ''] : undefined;
    throw new UsageError(`The new release would not be valid: ${error.message}`, given ?? (schema
      ? 'Check the front matter of the archetype (archetype.md in the template set).'
      : error.hint));
  }
  // A release is what a check without an error gives.
  if (!checked.release) throw new Error(`${display} was checked without an error and without a release.`);
  return checked.release;
}

/**
 * The releases of the draft's language in its project, and those of other
 * languages with an old address in its folder (see `addressesOf`): `new`
 * never writes a draft that `validate` then refuses with `id/duplicate`,
 * `slug/duplicate` or `alias/duplicate`. The draft's own path is left out: a
 * file there is refused as such when the draft is written.
 */
async function neighbours(draft: Release, path: string, configPath: string | undefined, cwd: string): Promise<ClaimedAddress[]> {
  const found = await addressesOf(draft.lang, { cwd, ...(configPath ? { configPath } : {}), folder: dirname(path) });
  return found.filter((other) => other.path !== path);
}

/**
 * The slug the draft is given when the one its title gives is another
 * release's in the project (see `neighbours`), and the note that says so
 * once it is written; undefined when the title's is free.
 */
function slugBeside(draft: Release, found: readonly ClaimedAddress[], afterwards: string, gives = `its title gives the slug "${draft.slug}"`): { slug: string; note: string } | undefined {
  const key = collisionKey(draft.slug);
  const holder = found.find((n) => n.lang === draft.lang && collisionKey(n.slug) === key);
  // A release's old address in the language's folder (`aliases: [old-name]`, `/en/old-name.html`) is its redirect page's, which
  // `validate` keeps from any other release (`alias/duplicate`).
  const kept = holder ? undefined : found.find((n) => aliasSlugs(n, draft.lang).has(key));
  if (!holder && !kept) return undefined;
  const slug = freeSlug(draft.slug, new Set(found.flatMap((n) => [...(n.lang === draft.lang ? [collisionKey(n.slug)] : []), ...aliasSlugs(n, draft.lang)])));
  const which = holder ? `which ${holder.display} has in ${languageName(draft.lang)}` : `which ${kept!.display} keeps as an old address (\`aliases\`)`;
  return { slug, note: `migration-news: note: ${gives}, ${which}, so this draft has \`slug: ${slug}\`; ${afterwards}\n` };
}

/** The slugs whose pages in `lang` a release's aliases write redirect pages at, as collision keys. */
function aliasSlugs(release: ClaimedAddress, lang: Language): Set<string> {
  const slugs = new Set<string>();
  if (release.aliases === undefined) return slugs;
  for (const { file } of aliasFiles(release)) {
    const page = /^([^/]+)\/([^/]+)\.html$/.exec(file);
    if (page && collisionKey(page[1]!) === collisionKey(lang)) slugs.add(collisionKey(page[2]!));
  }
  return slugs;
}

/**
 * The slug a draft has in place of the one its title gives when no release may have that one (see `unreservedSlug`),
 * what a note about another release's slug then calls it, and the note that says so once it is written.
 */
function slugInstead(title: string, id: string, lang: Language, date: string, afterwards: string): { slug: string; gives: string; note: string } | undefined {
  const { slug: given, fromId } = releaseSlug(title, id, lang);
  const instead = unreservedSlug(given, lang, date);
  if (!instead) return undefined;
  const gives = `its ${fromId ? 'id' : 'title'} gives the slug "${given}", ${instead.why}`;
  return {
    slug: instead.slug,
    gives: `${gives}, and "${instead.slug}" in its place`,
    note: `migration-news: note: ${gives}, so this draft has \`slug: ${instead.slug}\`; ${afterwards}\n`,
  };
}

/** Scripts whose letters no slug keeps, by their ISO 15924 codes. */
const UNTRANSLITERATED = ['Arab', 'Hebr', 'Hani', 'Hira', 'Kana', 'Hang', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda', 'Mlym', 'Sinh', 'Thai', 'Laoo', 'Tibt', 'Mymr', 'Khmr', 'Ethi', 'Grek', 'Armn', 'Thaa', 'Syrc'];

/**
 * What the message that no id can be made of a title says is not
 * transliterated: the scripts of its letters, named in English (`the
 * Devanagari script is`, `the Han and Hiragana scripts are`), or the common
 * ones when none is known.
 */
function scriptsOf(title: string): string {
  const found = UNTRANSLITERATED.filter((code) => new RegExp(`\\p{Script=${code}}`, 'u').test(title));
  if (found.length === 0) return 'Persian, Arabic, Hebrew or Chinese letters are';
  const names = new Intl.DisplayNames(['en'], { type: 'script' });
  const named = [...new Set(found.map((code) => names.of(code) ?? code))];
  return named.length === 1 ? `the ${named[0]!} script is` : `the ${named.slice(0, -1).join(', ')} and ${named.at(-1)!} scripts are`;
}

export async function runNew(options: NewOptions, env: CliEnvironment): Promise<number> {
  if (options.translateFrom !== undefined) return runTranslate(options, options.translateFrom, env);
  // A tab typed or pasted into the title is a space, as `validate --fix` makes it: in a title it is one in no output.
  const title = options.title?.replace(/\t/g, ' ').trim() ?? '';
  if (title === '') throw new UsageError('A new release needs a title: migration-news new "Title" --lang en.', 'To start a translation instead, use --translate-from FILE.');
  if (REFUSED_CHARACTERS.test(title)) throw new UsageError('The title contains control or bidirectional-override characters.');
  // Balanced isolates are how a Persian or Arabic title embeds a Latin name, and `validate` accepts them: only those it refuses are refused here.
  const isolate = unbalancedIsolate(title);
  if (isolate) {
    const { what, hint } = describeIsolateProblem(title, isolate, 'the title');
    throw new UsageError(`The title given on the command line contains, at position ${isolate.index + 1}, ${what}.`, hint);
  }
  const dir = resolve(env.cwd, options.dir ?? '.');
  const { config, configPath, diagnostics } = await projectConfig(options.config, dir, env);
  const lang = language(options.lang, config);
  const date = options.date ?? dateInZone(options.now, config.timezone);
  // The id and the file name are made from the title as its slug would be. A title that keeps no letter in a slug (one in
  // Persian or Arabic, whose letters are not transliterated) would give a name of digits at best, and its release takes
  // its id as its address: the id is asked for, not guessed.
  const slug = titleSlug(title, lang);
  if (options.id === undefined && slug === undefined) {
    // A title of digits and signs alone (a date typed as the headline) has no letter of any script to blame.
    const why = /\p{L}/u.test(title) ? `no letter of this title becomes one (${scriptsOf(title)} not transliterated)` : 'this title has no letter at all';
    throw new UsageError(`No id can be made from the title "${title}": an id keeps only Latin letters and digits, and ${why}.`,
      `Name the release with --id, such as --id ${date}-annual-report; its address is made from the id too.`);
  }
  const id = options.id ?? `${date}-${slug}`;
  if (!ID_PATTERN.test(id)) throw new UsageError(`--id "${id}" must be lower-case letters, digits, ".", "_" or "-", at most 120 characters.`);
  // The id names the file: on Windows `con.md` (or `com1.md`) opens a device, and whoever clones the project there cannot check it out.
  if (isReservedName(id)) throw new UsageError(`--id "${id}" would name the file ${id}.md, a name Windows reserves for a device.`, `Choose a longer id, such as --id ${date}-${id}.`);

  const loaded = await loadTemplateSet(options.template, templateSearch({ config, diagnostics, ...(configPath ? { configPath } : {}) }, env.cwd));
  if (!loaded.ok) throw new UsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
  const archetype = await loadArchetype(loaded.chain.map((c) => c.folder), lang, env.cwd);
  if (!archetype.ok) {
    const d = archetype.diagnostics[0]!;
    throw new UsageError(`The archetype cannot be used: ${d.file}:${d.line}:${d.column} ${d.message}`, d.hint);
  }

  const path = join(dir, `${id}.md`);
  const display = printable(displayPath(path, env.cwd));
  const input = { title, lang, id, date, contacts: defaultContacts(config, lang), defaults: archetype.archetype.defaults, body: archetype.archetype.body };
  const instead = slugInstead(title, id, lang, date, 'change it if you like.');
  let text = newReleaseText(instead ? { ...FRESH, ...input, slug: instead.slug } : input);
  const draft = assertValid(text, display, config, options.now, true);
  const found = await neighbours(draft, path, configPath, env.cwd);
  const sameId = found.find((n) => n.lang === draft.lang && n.id === draft.id);
  if (sameId) throw new UsageError(`The id "${draft.id}" is already used in ${languageName(lang)} by ${sameId.display}.`, 'Choose another --id.');
  const own = slugBeside(draft, found, 'change it if you like.', instead?.gives);
  if (own) {
    text = newReleaseText({ ...FRESH, ...input, slug: own.slug });
    assertValid(text, display, config, options.now, true);
  }
  await writeNew(path, withLineBreaks(text, archetype.archetype.lineBreak), env);
  env.stdout.write(`Created ${display}, a draft in ${languageName(lang)} dated ${date} (id ${id}).\n`);
  const note = own ?? instead;
  if (note) env.stderr.write(note.note);
  warnOtherLanguageFolder(path, lang, config, env);
  warnWithoutLabels(loaded, lang, env);
  return EXIT.ok;
}

/**
 * A draft written into a folder named after another of the project's
 * languages (`--lang ru --dir releases/en`): `validate` and `build` go by its
 * `lang`, not its folder, so nothing refuses it, but whoever looks for the
 * Russian releases will not find it there. Said, not refused: a project may
 * name its folders as it likes.
 */
function warnOtherLanguageFolder(path: string, lang: Language, config: Config, env: CliEnvironment): void {
  const folder = basename(dirname(path));
  const named = config.languages.find((l) => l !== lang && l.toLowerCase() === folder.toLowerCase());
  if (named === undefined) return;
  const beside = join(dirname(dirname(path)), lang);
  env.stderr.write(`migration-news: note: ${printable(displayPath(dirname(path), env.cwd))} is named after ${languageName(named)}, and this draft is in ${languageName(lang)}; move it to ${printable(displayPath(beside, env.cwd))} if that is where the project keeps its ${languageName(lang)} releases.\n`);
}

/**
 * A release in a language the template set has no words for is refused by
 * `validate` and `build` (`template/labels`): the draft is written all the
 * same (the words may come next), and `new` says what is missing.
 */
function warnWithoutLabels(loaded: LoadedSet, lang: Language, env: CliEnvironment): void {
  if (!loaded.ok || labelsFor(loaded.set.labels, lang) !== undefined) return;
  env.stderr.write(`migration-news: note: the template set "${printable(loaded.set.name)}" has no labels for ${lang}, so validate and build refuse this release until it has: add ${printable(labelsFileToAdd(loaded, lang, env.cwd))} (${labelsAdvice(lang, loaded.set)}).\n`);
}

/**
 * Where a translation goes by default: beside the original's language folder
 * when the original lives in one (`en/x.md` → `ru/x.md`), else beside the
 * original with the language in its name.
 */
function translationPath(sourcePath: string, from: Language, to: Language, dirOption: string | undefined, cwd: string): string {
  const name = basename(sourcePath);
  if (dirOption !== undefined) return join(resolve(cwd, dirOption), name);
  const folder = dirname(sourcePath);
  if (basename(folder) === from) return join(dirname(folder), to, name);
  const stem = name.slice(0, name.length - extname(name).length).replace(new RegExp(`\\.${from}$`), '');
  return join(folder, `${stem}.${to}.md`);
}

async function runTranslate(options: NewOptions, from: string, env: CliEnvironment): Promise<number> {
  if (options.title !== undefined) throw new UsageError('A translation keeps the original\'s title for the translator; leave the title out with --translate-from.');
  if (options.id !== undefined) throw new UsageError('A translation shares the original\'s id; --id cannot be combined with --translate-from.');
  if (options.date !== undefined) throw new UsageError('A translation shares the original\'s date; --date cannot be combined with --translate-from.');
  const sourcePath = resolve(env.cwd, from);
  const sourceDisplay = printable(displayPath(sourcePath, env.cwd));
  const { config, configPath, diagnostics } = await projectConfig(options.config, dirname(sourcePath), env);
  const lang = language(options.lang, config);
  const read = await readReleaseFile(sourcePath, sourceDisplay, config.limits?.maxFileSize);
  if (!read.ok) throw new UsageError(`Cannot translate ${sourceDisplay}: ${read.diagnostic.message}`, read.diagnostic.hint);
  const parsed = parseReleaseFile(read.text, sourceDisplay);
  const checked = validateRelease(parsed, { config, now: options.now });
  const release = checked.release;
  if (!release) {
    const d = checked.diagnostics.find((x) => x.severity === 'error')!;
    throw new UsageError(`Cannot translate ${sourceDisplay} until it is valid: ${d.file}:${d.line}:${d.column} ${d.message}`, 'Run `migration-news validate` on it to see every problem.');
  }
  if (release.lang === lang) throw new UsageError(`${sourceDisplay} is already in ${languageName(lang)}; choose another --lang.`);
  const path = translationPath(sourcePath, release.lang, lang, options.dir, env.cwd);
  const display = printable(displayPath(path, env.cwd));
  // The original's local images are read from its folder: the translation, in another, gives their addresses from there.
  const rebase = (src: string) => relative(dirname(path), join(dirname(sourcePath), src)).split(sep).join('/');
  const local = (release.localImages ?? []).map((ref) => ref.src).filter((src) => isLocalImage(src));
  const image = release.image && isLocalImage(release.image.src) ? { ...FRESH, ...release.image, src: rebase(release.image.src) } : release.image;
  // An original that is itself a draft still opening with its translator's note: this draft gets its own note in its place.
  const earlier = leadingTranslationNote(parsed.body);
  const input = {
    source: image === release.image ? release : { ...FRESH, ...release, image },
    body: rebasedImages(earlier?.body ?? parsed.body, local, rebase),
    sourceName: basename(sourcePath),
    lang,
    contacts: defaultContacts(config, lang),
  };
  // The original's title may give a slug no release may have (`Feed`, the original having a `slug` of its own): the draft gets one in its place.
  const afterwards = 'delete that line once the title is translated if the new title\'s slug is free.';
  const instead = slugInstead(release.title, release.id, lang, release.date, afterwards);
  let text = translationText(instead ? { ...FRESH, ...input, slug: instead.slug } : input);
  // The translation's title, date and id are the original's, which is valid: a refusal here is the archetype's or the config's.
  const draft = assertValid(text, display, config, options.now, false);
  const found = await neighbours(draft, path, configPath, env.cwd);
  const sameId = found.find((n) => n.lang === draft.lang && n.id === draft.id);
  if (sameId) throw new UsageError(`${sameId.display} is already the ${languageName(lang)} version of this release (id ${draft.id}): a second one would share its id.`, 'Translate that file, or move it away first.');
  // The draft keeps the slug given here when its title is translated, unless the translator deletes it: the note says so.
  const own = slugBeside(draft, found, afterwards, instead?.gives);
  if (own) {
    text = translationText({ ...FRESH, ...input, slug: own.slug });
    assertValid(text, display, config, options.now, false);
  }
  // A translation shares the original's id and file name: only its folder can change (--dir naming the original's own is taken).
  // Its lines end as the original's do: a newsroom on Windows saves its releases with CRLF.
  await writeNew(path, withLineBreaks(text, lineBreakOf(read.text)), env, path === sourcePath
    ? 'That is the original itself: give --dir another folder, or leave --dir out to write beside the language folder.'
    : 'Choose another --dir, or move the existing file away.');
  env.stdout.write(`Created ${display}, ${withArticle(languageName(lang))} translation draft of ${sourceDisplay} (id ${release.id}); ${earlier
    ? `its title and body are that file's, whose translator's note, left out here, says it is still a copy of ${printable(earlier.copyOf)}`
    : `its title and body are still in ${languageName(release.lang)}`}.\n`);
  const note = own ?? instead;
  if (note) env.stderr.write(note.note);
  if (release.status === 'withdrawn') {
    env.stderr.write(`migration-news: note: ${sourceDisplay} is withdrawn: this translation, once approved, would be published in ${languageName(lang)} while the original stays withdrawn (validate warns of it, translation/mismatch); give it status: withdrawn as well unless the release comes back.\n`);
  }
  warnOtherLanguageFolder(path, lang, config, env);
  warnWithoutLabels(await loadTemplateSet(options.template, templateSearch({ config, diagnostics, ...(configPath ? { configPath } : {}) }, env.cwd)), lang, env);
  return EXIT.ok;
}

/** "a" or "an" before a language's English name, by its first letter: an Azerbaijani, an English, a Russian. */
function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}
