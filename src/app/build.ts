import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { lockOutputFolder, lockPath } from '../io/lock.js';
import { systemErrorText } from '../io/system-errors.js';
import { lstat, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { translationsById, type IndexEntry, type Translation } from '../core/collection.js';
import { compareDiagnostics, countProblems, problemKey, type Diagnostic, type SourceLocation } from '../core/diagnostic.js';
import { emailSetFor, type BuildFormat } from '../core/formats.js';
import { calendarFor, toDateTime } from '../core/dates.js';
import { buildView, localizedValue, ninjsWithdrawal, pagePath, siteAddress, type OutputFormat } from '../core/model.js';
import { absoluteUrl, languageFolder, relativeHref, releasePath } from '../core/site/paths.js';
import { bodyKey, ListedPages, pageProblemKey, type ListedLinks, type RefusedAliases } from '../core/site/index.js';
import { ClaimedFiles, planRedirects, REDIRECT_MAP, redirectMap, type RedirectPlan, type RedirectRecord } from '../core/aliases.js';
import { redirectPage, WITHDRAWN_WORDS_EN, withdrawnPage, type WithdrawnWords } from '../core/notices.js';
import { isIncluded, isPublicationMode, isUnderEmbargo, publicationOf, publicEntries, REASON_TEXT, withdrawalNoticeDue, type NotPublicReason, type PublicationMode } from '../core/publication.js';
import { displayPath } from '../io/find.js';
import { isInside, versionControlFolder } from '../io/paths.js';
import { confinedRealpath, leadsOut, MAX_LINKS, realOfNearest, realOrSelfSync } from '../io/confine.js';
import { keptRedirects } from '../io/redirect-map.js';
import { holdsText, MANIFEST_NAME, ownFileText, OutputError, OutputStage, outputFolderConflict, readManifest, realFolder, recoverOutputFolder, unsafeOutputPath, type ManifestEntry, type OutputManifest, type OutputNames, type OutputNeighbours } from '../io/output.js';
import { loadTemplateSet, setFolderNamed, type LoadedSet, type SetLocation, type TemplateSearch } from '../io/template-sets.js';
import { ENTRY_TEMPLATES, OUTPUT_LIMITS, pageIdsOf, readsClock, SITE_PAGE_TEMPLATES, sitePagesMissing, templatesReached, type TemplateSet } from '../core/templates.js';
import { labelsFor, SITE_WORDS } from '../core/labels.js';
import type { RuleSettings } from '../core/rules.js';
import type { Config } from '../core/schema.js';
import { imageFolder, MAX_CARRIED_IMAGE_BYTES, type ImageFacts } from '../core/images.js';
import { aliasClash, copySource, findReleaseImages, imageFolders as imageFoldersOf, plannedCopies, type ImageCopy } from './images.js';
import { createReporter } from '../core/validate.js';
import { checkProject, loadBody, type CheckedRelease, type CheckResult } from './check.js';
import { incompleteLabels, unlabelled, unlabelledHome } from './labels-check.js';
import { UsageError } from './errors.js';
import { BuildCache, dropCache, fingerprint, folderIdentity, pruneCache, putBackRecord, readCache, translationsKey, writeCache, type ReleaseImagesKey } from './incremental.js';
import { BuildThreads, type RenderItem, type RenderItemOutcome } from './parallel.js';
import { defaultJobs, startThreadsAhead, stopThreadsAhead, threadScript } from './pool.js';
import { openProject, setWarnings, templateSearch, type Project, type ProjectOptions, type ScanCounts } from './project.js';
import type { EmailRendering } from './email.js';
import { ReleaseRendering, type RenderSettings } from './render.js';
import { SiteStep, type SitePageOutput } from './site.js';
import { BUILD_ID, VERSION } from '../version.js';
import { FRESH } from '../core/objects.js';
import { excerpt, printable } from '../core/text.js';
import { linkedFiles } from '../core/links.js';
import { otherScheme, releaseKeyOf } from '../core/site-links.js';

/**
 * `build`: check → decide publication → render → write, each step a module
 * of its own. Outputs are staged beside the output folder and moved into
 * place only when nothing failed (or with `keepGoing`).
 */

export interface BuildOptions extends ProjectOptions {
  out: string;
  formats: readonly BuildFormat[];
  /** A template set name or folder. */
  template: string;
  /** The set whose HTML and text make the `eml` messages; default `email`. */
  emailTemplate?: string;
  /** Which releases are written; see `PublicationMode`. Default `public`. */
  mode?: PublicationMode;
  keepGoing: boolean;
  /**
   * The most warnings the build may have (`--max-warnings`; 0 for `--strict`): with more, it fails as with an error, and
   * writes nothing (but with `keepGoing`, which writes what succeeded). Default: no limit.
   */
  maxWarnings?: number;
  /** The clock for publication decisions, ms since the epoch. */
  now: number;
  /** Told how far the build is, for a progress line on a terminal. */
  progress?: BuildProgress;
  /** Threads to check and render with, at most (default: one per core). Small inputs use the calling thread alone. */
  jobs?: number;
  /** Releases below which another thread is not worth its start-up; for tests. */
  minReleasesPerThread?: number;
  /** Called once, just before the build starts threads of its own (never for a build on the calling thread alone). */
  beforeThreads?: () => void;
  /**
   * Whether the build's threads, once it is done with them, wait for the next build or check of this process (`serve`, `validate
   * --watch`, a program that builds again), which starts faster with them. Default: they are stopped, and give their memory back
   * before the build writes its feeds and sitemaps and commits.
   */
  keepThreads?: boolean;
  /**
   * Check and render everything, trusting nothing an earlier build recorded;
   * let a `drafts` or `embargoed` build write into a folder a normal build
   * wrote, and overwrite the files at output paths in a folder without a
   * manifest (see `CommitOptions.adoptUnlisted`).
   */
  force?: boolean;
  /**
   * A folder for the record that lets the next build into the same output
   * folder redo only what changed (see incremental.ts). Without it, every
   * build checks and renders everything.
   */
  cacheDir?: string;
  /**
   * Build the site when no release file was found: an empty home page and
   * `releases.json`, and the removal of every page an earlier build wrote.
   * Only a preview into a folder of its own (`serve`, after its first build)
   * wants that; otherwise a search that found nothing (a mistyped or empty
   * folder) is a mistake, and the output folder is left as it was.
   */
  allowEmpty?: boolean;
}

/**
 * Releases a thread must have before a one-shot build with a thread per core starts it: below some 2,000 releases on two cores,
 * the threads' start-up and warm-up cost more than they save, in time, processor and memory (400 releases: 1.43 s on one thread
 * against 1.59 s on two, 130 MiB against 155; bench/RESULTS.md). Threads kept for the next build (`serve`), which are warm then,
 * or threads asked for (`--jobs`), start from 200 releases a thread, as `threadsFor` has it.
 */
const RELEASES_PER_THREAD_BY_DEFAULT = 1_000;

/** `call`, run the first time it is asked for and never again: the threads started ahead of a run and its pool share `beforeThreads`. */
function onceOnly(call: (() => void) | undefined): (() => void) | undefined {
  if (!call) return undefined;
  let called = false;
  return () => {
    if (called) return;
    called = true;
    call();
  };
}

/** A set's warning, for telling it once when two sets share a folder. */
const warningKey = (d: Diagnostic): string => `${d.file}\0${d.line}\0${d.ruleId}\0${d.message}`;

/** What a build says about its progress: each phase with its total, then one tick per item done. */
export interface BuildProgress {
  phase(verb: string, noun: string, total: number): void;
  tick(): void;
}

/** The phases of a build, in the order they run; `BuildResult.timings` says how long each took. */
export const BUILD_PHASES = ['prepare', 'check', 'plan', 'render', 'site pages', 'site files', 'commit'] as const;
export type BuildPhase = (typeof BUILD_PHASES)[number];

export interface PhaseTime {
  phase: BuildPhase;
  /** Wall time, in ms. */
  ms: number;
}

/**
 * The wall time of each phase as it ends, each from the end of the one
 * before: `prepare` (the output folder put right after a build killed
 * part-way, the project, the template set, the earlier build's manifest and
 * record, and every input file's stamp), `check` (reading and checking the
 * files that need it), `plan` (what is published, the staging folder, local
 * images, what is already up to date), `render` (the releases), `site pages`
 * (listings, tag and home pages), `site files` (feeds, sitemaps,
 * releases.json, redirects, notices) and `commit` (removing what is stale,
 * moving the outputs into place, the record). A build that stops at an
 * output it cannot write ends its list with the phase it stopped in.
 */
class PhaseClock {
  readonly times: PhaseTime[] = [];
  private last = performance.now();

  done(phase: BuildPhase): void {
    const now = performance.now();
    this.times.push({ phase, ms: now - this.last });
    this.last = now;
  }

  /** Ends the phase under way, whichever it is: the build stopped in it. */
  stopped(): void {
    const next = BUILD_PHASES[this.times.length];
    if (next) this.done(next);
  }
}

/** The time one template of the set took, all its renders on every thread together. */
export interface TemplateTime {
  /** The template's file in the set (`release.html.liquid`), or `built-in json` for a format the tool renders itself. */
  template: string;
  renders: number;
  ms: number;
}

/** Sums the render times of each template, the slowest first. */
class TemplateClock {
  private readonly times = new Map<string, TemplateTime>();

  add(template: string, ms: number): void {
    const time = this.times.get(template);
    if (time) {
      time.renders++;
      time.ms += ms;
    } else this.times.set(template, { template, renders: 1, ms });
  }

  list(): TemplateTime[] {
    return [...this.times.values()].sort((a, b) => b.ms - a.ms || (a.template < b.template ? -1 : 1));
  }
}

/** A file an earlier build wrote that this build removed, and why. */
export interface RemovedOutput {
  path: string;
  reason: string;
}

export interface SkippedRelease {
  file: string;
  reason: NotPublicReason;
}

/** A release a preview build (`drafts`, `embargoed`) writes though it is not public: no listing, feed or sitemap names it. */
export interface UnlistedRelease extends SkippedRelease {
  /** Its HTML page, relative to the output folder; undefined when the build writes no HTML. */
  page?: string;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  fileCount: number;
  /** Releases rendered without a problem. */
  built: number;
  /** Valid releases that this build does not write, and why. */
  skipped: SkippedRelease[];
  /** Releases this build writes that are not public at `now` (only in `drafts` and `embargoed` modes), in the order of their files. */
  unlisted: UnlistedRelease[];
  /** Input files with errors, and releases that could not be rendered. */
  failed: number;
  /** Files moved into the output folder (0 when nothing was committed). */
  written: number;
  /** The files this build wrote, or would have written when nothing was committed; relative to the output folder. */
  writtenFiles: string[];
  /** Files of an earlier build that this one removed (or would have removed). */
  removed: RemovedOutput[];
  /** True when an error part-way left the output folder neither old nor new. */
  partial: boolean;
  /** True when outputs were moved into the output folder. */
  committed: boolean;
  /** True when the config file has errors: nothing is written then, even with `keepGoing`, since every page would be built without the config's settings. */
  configErrors?: boolean;
  /** True when nothing was written for more warnings than `maxWarnings` allows. */
  tooManyWarnings?: boolean;
  /** The output folder (its real path). */
  out: string;
  /** Whether the output folder existed before the build. */
  outExisted: boolean;
  /** Why part of the site was not built (feeds and sitemaps without `site.url`), and why the build record could not be kept, for info lines. */
  notes: string[];
  /** Build threads used besides the calling one (0: the calling thread did everything). */
  threads: number;
  /** Releases rendered by this build. */
  rendered: number;
  /** Releases whose pages an earlier build wrote and that are still what this build would write. */
  upToDate: number;
  /** Of the releases rendered, those whose body was read and lexed again for the render: the thread that checked it had not kept it (see `KeptBodies`). */
  reread: number;
  /** Files whose check an earlier build recorded, unchanged since. */
  reused: number;
  /** What the search for inputs left out. */
  scan?: ScanCounts;
  /** How long each phase took, in order (see `PhaseClock`); a build that stopped early lists the phases up to the one it stopped in. */
  timings: PhaseTime[];
  /** How long each template took to render what it rendered, on every thread together, the slowest first. */
  templateTimings: TemplateTime[];
}

/**
 * The template set for a build. A set that cannot be found is a usage error;
 * a set that is broken is reported like any other problem, at its place.
 */
async function templateSetFor(options: Omit<BuildOptions, 'formats'> & { formats: readonly OutputFormat[] }, search: Parameters<typeof loadTemplateSet>[1]): Promise<LoadedSet> {
  const loaded = await loadTemplateSet(options.template, search);
  if (!loaded.ok) {
    if (loaded.notFound) throw new UsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
    return loaded;
  }
  const missing = options.formats.filter((f) => !loaded.set.formats.includes(f) && f !== 'json' && f !== 'ninjs');
  if (missing.length > 0) throw new UsageError(`The template set "${loaded.set.name}" does not provide ${missing.join(', ')}.`, `It provides ${loaded.set.formats.join(', ')}.`);
  return loaded;
}

/**
 * The build record of `out` through a build's commit: the earlier record is
 * dropped just before the commit first changes the folder (`beforeChange`,
 * see `dropCache`), this build's is written once the commit is done
 * (`keep`), and the earlier one is written again after a commit that failed
 * and put every file back (`restore`).
 */
class RecordKeeping {
  private dropped = false;
  /** Why the earlier record is there still, when it could not be removed. */
  private unremoved: string | undefined;
  /** The folders that were as the earlier record saw them when the commit began to change the output folder. */
  private asRecorded = new Set<string>();

  constructor(private readonly cacheDir: string, private readonly out: string, private readonly earlier: Buffer | undefined, private readonly cache: BuildCache) {}

  /** For `CommitOptions.beforeChange`. */
  readonly beforeChange = (): void => {
    this.dropped = true;
    if (this.earlier) this.asRecorded = this.cache.foldersAsRecorded();
    this.unremoved = dropCache(this.cacheDir, this.out);
  };

  /** Writes this build's record; a record that cannot be kept is named in `notes`. */
  keep(manifest: OutputManifest, notes: string[]): void {
    // A commit may have swapped another folder in: the record is for the folder now there, and the folders in it as the commit left them.
    this.cache.committedInto(Object.keys(manifest.files));
    const unkept = writeCache(this.cacheDir, this.out, this.cache.stateText());
    if (!unkept) {
      pruneCache(this.cacheDir);
      return;
    }
    const next = this.unremoved
      ? `and the earlier one could not be removed (${printable(this.unremoved)}): build with --force next time, since it no longer says what the folder holds`
      : 'the next build into this folder checks and renders everything again';
    notes.push(`The build record could not be kept in ${printable(this.cacheDir)} (${printable(unkept)}); ${next}.`);
  }

  /**
   * After a commit that failed: one that put every file back (not `partial`)
   * leaves the folder as the earlier record says, so the next build is still
   * a rebuild; the put-back changed the times of the folders it moved files
   * in, which the record is brought up to.
   */
  restore(partial: boolean): void {
    if (this.dropped && this.unremoved === undefined && !partial && this.earlier) writeCache(this.cacheDir, this.out, putBackRecord(this.out, this.earlier, this.asRecorded));
  }
}

/** A link on the way to an output folder: shown as `name -> target`, and where it leads. */
interface LinkOnTheWay {
  shown: string;
  real: string;
}

/**
 * The links on the way to `named` from the working folder, as written or
 * through a link to it (a shell's `$PWD`): the links a checkout holds, so
 * the ones a pull request may have committed. A path that does not pass
 * through the working folder is followed from the deepest folder on its way
 * that lies inside it (a link to a folder of the project); undefined when
 * none does (`--out /srv/www`).
 */
async function linksOnTheWay(named: string, realWorkingFolder: string, cwd: string): Promise<LinkOnTheWay[] | undefined> {
  const start = await wayStart(named, realWorkingFolder);
  if (start === undefined) return undefined;
  const links: LinkOnTheWay[] = [];
  let current = start;
  for (const segment of relative(start, named).split(sep)) {
    current = join(current, segment);
    const target = await readlink(current).catch(() => undefined);
    if (target !== undefined) links.push({ shown: `${displayPath(current, cwd)} -> ${target}`, real: await realFolder(current) });
  }
  return links;
}

/** The folder on the way to `named` from which its links are followed (see `linksOnTheWay`): the working folder, or the deepest folder inside it. */
async function wayStart(named: string, realWorkingFolder: string): Promise<string | undefined> {
  let start: string | undefined;
  for (let folder = dirname(named); ; folder = dirname(folder)) {
    const realOfFolder = await realpath(folder).catch(() => undefined);
    if (realOfFolder !== undefined && isInside(realOfFolder, realWorkingFolder)) {
      start ??= folder;
      if (realOfFolder === realWorkingFolder) return folder;
    }
    if (dirname(folder) === folder) return start;
  }
}

/**
 * The repository's folder that a `.git` file names (`gitdir: .gitdata`, as
 * `git init --separate-git-dir`, a worktree or a submodule leave it), for
 * the nearest `.git` above the working folder that is such a file, by its
 * real path; undefined where there is none. It is a version-control folder
 * under any name.
 */
async function gitFolderNamed(realWorkingFolder: string): Promise<string | undefined> {
  for (let folder = realWorkingFolder; ; folder = dirname(folder)) {
    const marker = join(folder, '.git');
    const info = await lstat(marker).catch(() => undefined);
    if (info !== undefined && !info.isFile()) return undefined;
    if (info !== undefined && info.size < 4096) {
      const named = /^gitdir: *(.+?)\s*$/m.exec(await readFile(marker, 'utf8').catch(() => ''))?.[1];
      return named === undefined ? undefined : realFolder(resolve(folder, named));
    }
    if (dirname(folder) === folder) return undefined;
  }
}


/**
 * The link at which the way to `named`, from the working folder, first
 * leads out of it, and where it leads (the rest of the path after it), or
 * undefined. Each link is followed by its text, and nothing is looked at
 * once the way is outside: a link out is refused in the same words whether
 * or not anything is where it leads (`dist -> /etc/nothere` as `dist ->
 * /etc/ssl`), and the place named is the link's, not what the system makes
 * of it there, either of which would tell a pull request what is on the machine.
 */
async function wayOut(named: string, realWorkingFolder: string, cwd: string): Promise<{ shown: string; to: string } | undefined> {
  const start = await wayStart(named, realWorkingFolder);
  if (start === undefined) return undefined;
  let at = await realFolder(start);
  // The names still to follow, the next one last.
  const rest = relative(start, named).split(sep).reverse();
  let links = 0;
  // The way as named, up to the first link followed: a link on it is shown as the path named it (`$PWD/dist`).
  let asNamed: string | undefined = start;
  for (let name = rest.pop(); name !== undefined; name = rest.pop()) {
    if (name === '' || name === '.') continue;
    const next = join(at, name);
    const target = await readlink(next).catch(() => undefined);
    if (target === undefined) {
      at = next;
      if (asNamed !== undefined) asNamed = join(asNamed, name);
      continue;
    }
    if (++links > MAX_LINKS) return undefined;
    // Where the system takes it, `..` after a link included, when that is in the working folder (a link written through a
    // link to the project, `/tmp/...` on macOS) and the way there never leaves it; else by its text, whether or not
    // anything is there.
    const written = resolve(at, target);
    const real = await confinedRealpath(next, [realWorkingFolder]);
    const to = real !== undefined && isInside(real, realWorkingFolder) ? real : written;
    if (!isInside(to, realWorkingFolder)) return { shown: `${displayPath(asNamed !== undefined ? join(asNamed, name) : next, cwd)} -> ${target}`, to: join(to, ...rest.reverse()) };
    rest.push(...relative(realWorkingFolder, to).split(sep).reverse());
    at = realWorkingFolder;
    asNamed = undefined;
  }
  return undefined;
}

/**
 * Why an output folder may not be written, or undefined: checked before its
 * lock is made or anything in it is read. A link a checkout holds would make
 * a build write, and remove its earlier files, wherever it points: out of
 * the working folder (`dist -> /srv/www`, `site -> /`, unless the folder is
 * named there in the first place, `--out /srv/www`); into a version-control
 * folder (`dist -> .git`, where the repository keeps its hooks and its
 * settings, and a CI checkout the token it fetched with), named so or not;
 * or onto the working folder itself or a folder that holds the releases
 * (`dist -> .`), among the project's own files. An output folder that is,
 * holds or lies in an input folder or a folder of template sets, or holds
 * the config file, is refused once the inputs and the config are found
 * (`outputFolderConflict`). Each message names the
 * link at which the way turns where it may not go.
 */
async function refusedOutputFolder(named: string, out: string, options: Pick<BuildOptions, 'cwd' | 'paths'>): Promise<UsageError | undefined> {
  const cwd = options.cwd;
  const realWorkingFolder = await realFolder(resolve(cwd));
  const shown = displayPath(named, cwd);
  const links = await linksOnTheWay(named, realWorkingFolder, cwd);
  const linkHint = 'Remove the link, or name a folder of its own with --out. A link in a checkout may come from anybody\'s pull request.';
  // Where a link out leads, by its text alone (see `wayOut`).
  const away = links ? await wayOut(named, realWorkingFolder, cwd) : undefined;
  const leadsTo = away?.to ?? out;
  // Whether the way leaves the working folder, asked without the system: where it does, what the system makes of the
  // path (`out`) may tell what exists outside, and only the links' text counts.
  const leaves = links !== undefined && links.length > 0 && (await leadsOut(named, [realWorkingFolder]));
  // A link whose text goes out and comes back (`dist -> ../elsewhere/../project/site`), which the system follows only when
  // `elsewhere` exists: refused, as a link out is, whether or not anything is there.
  if (leaves && away === undefined) {
    return new UsageError(
      `${shown} leads out of the working folder and back through a link (${links[0]!.shown}); the system follows such a link only where what it passes outside exists. It was not touched.`,
      'Write the link by a path that stays in the working folder (dist -> site, not dist -> ../elsewhere/../project/site), or name the folder with --out.',
    );
  }
  // First, so that a link into another checkout's .git is not told to be named as --out, which this refuses too.
  const gitFolder = await gitFolderNamed(realWorkingFolder);
  const metadata = versionControlFolder(leadsTo, realWorkingFolder) ?? versionControlFolder(named, resolve(cwd))
    ?? (gitFolder !== undefined && (isInside(leadsTo, gitFolder) || (!leaves && isInside(out, gitFolder))) ? gitFolder : undefined);
  if (metadata !== undefined) {
    const into = away !== undefined && versionControlFolder(away.to, realWorkingFolder) !== undefined ? away.shown
      : links?.find((link) => versionControlFolder(link.real, realWorkingFolder) !== undefined || (metadata === gitFolder && isInside(link.real, gitFolder)))?.shown;
    const where = into ? `leads through a link (${into}) into ${displayPath(metadata, cwd)},` : metadata === leadsTo || metadata === named ? 'is' : `lies in ${displayPath(metadata, cwd)},`;
    return new UsageError(
      `${shown} ${where} a version-control folder, where the repository keeps its history, hooks and settings; the build would write there. It was not touched.`,
      into ? linkHint : 'Build into a folder of its own, outside version-control folders, such as --out dist.',
    );
  }
  if (links && (away !== undefined || !isInside(out, realWorkingFolder))) {
    const leaving = away?.shown ?? links.find((link) => !isInside(link.real, realWorkingFolder))?.shown ?? shown;
    return new UsageError(
      `${shown} leads out of the working folder through a link (${leaving}), to ${leadsTo}; the build would write there. It was not touched.`,
      `A link in a checkout may come from anybody's pull request. If that folder is meant, name it: --out ${leadsTo}`,
    );
  }
  const last = links?.[links.length - 1];
  if (last === undefined) return undefined;
  let what: string | undefined;
  if (out === realWorkingFolder) what = 'the working folder itself';
  else {
    const inputs = await Promise.all((options.paths.length > 0 ? options.paths : ['.']).map(async (path) => {
      const input = resolve(cwd, path);
      // Named in the working folder, by the way that never leaves it: an input that goes out and back is refused once the inputs are found.
      return (await confinedRealpath(input, [realWorkingFolder])) ?? (isInside(input, resolve(cwd)) ? input : realFolder(input));
    }));
    const held = inputs.find((input) => isInside(input, out));
    if (held !== undefined) what = `${displayPath(out, cwd)}, which holds the input ${displayPath(held, cwd)}`;
  }
  if (what === undefined) return undefined;
  return new UsageError(
    `${shown} leads through a link (${last.shown}) to ${what}; the build would write its site among the project's files. It was not touched.`,
    linkHint,
  );
}

/**
 * What a build reads besides its releases, by real paths (see
 * `outputFolderConflict`): the config file, the folders of template sets
 * (`templateSearch`), whether they exist yet or not, and the folder of a set
 * named by its path (`--template ./brand`), which is read as the sets folders
 * are. A folder that holds the project's own folder (a config's
 * `templates: .`, `--template .`) is searched for releases as any other (see
 * `openProject`), and left to the input check: taken as a sets folder, it
 * would refuse every output folder in the project.
 */
async function outputNeighbours(project: Project, options: Pick<BuildOptions, 'cwd' | 'template' | 'emailTemplate'>): Promise<OutputNeighbours> {
  const { cwd } = options;
  const search = templateSearch(project, cwd);
  const root = resolve(cwd, project.configPath ? dirname(project.configPath) : '.');
  const realRoot = await realFolder(root);
  const named = [options.template, options.emailTemplate].flatMap((name) => (name === undefined ? [] : [setFolderNamed(name, cwd)]));
  const written = [
    ...[search.projectFolder, search.configFolder].map((folder) => ({ folder, set: false })),
    ...named.map((folder) => ({ folder, set: true })),
  ].flatMap(({ folder, set }) => (folder === undefined ? [] : [{ folder: resolve(cwd, folder), set }]));
  const templateFolders = await Promise.all(written.filter(({ folder }) => !isInside(root, folder)).map(async ({ folder, set }) => {
    const path = await realFolder(folder);
    return { path, exists: await stat(path).then((info) => info.isDirectory(), () => false), set };
  }));
  return {
    templateFolders: templateFolders.filter(({ path }) => !isInside(realRoot, path)),
    ...(project.configPath ? { configFile: await realFolder(project.configPath) } : {}),
  };
}

/** Whether the earlier build's manifest lists `path` as a file of the site (not a release's, nor a foreign file). */
function isEarlierSiteFile(previous: OutputManifest | undefined, path: string): boolean {
  return previous?.files[path]?.kind === 'site';
}

export async function buildProject(options: BuildOptions): Promise<BuildResult> {
  const named = resolve(options.cwd, options.out);
  const out = await realFolder(named);
  const refused = await refusedOutputFolder(named, out, options);
  if (refused) throw refused;
  if ((await stat(named).then(() => undefined, (cause: NodeJS.ErrnoException) => cause.code)) === 'ELOOP') {
    throw new UsageError(`${displayPath(named, options.cwd)} is, or lies behind, a symbolic link in a circle; the build cannot write there. It was not touched.`, 'Remove the link, or name another folder with --out.');
  }
  // One build at a time per folder, from its recovery of a killed build to its commit and record.
  const lock = await lockOutputFolder(out).catch((cause: unknown) => {
    // A folder beside which nothing can be made (its parent read-only, or another user's) is the command's mistake, not the tool's:
    // the outputs are staged there too, so the build could not go on past the lock either.
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code !== 'string') throw cause;
    const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
    throw new UsageError(
      `Cannot build: cannot make the lock file ${displayPath(lockPath(out), options.cwd)} beside the output folder (${systemErrorText(cause)})${denied ? '; a build locks and stages its outputs beside the output folder, so the folder that holds it must be writable' : ''}.`,
      denied ? 'Choose an output folder in a folder you can write to, such as --out dist.' : 'Choose another output folder, such as --out dist.',
    );
  });
  if (!lock.ok && 'foreign' in lock) {
    throw new UsageError(
      `${displayPath(lock.path, options.cwd)}, where the lock of ${displayPath(out, options.cwd)} goes, is not a lock this tool wrote (a link, a folder, a device or a file of another kind); it was not read.`,
      'Remove it, and build again: the tool makes its lock there while it writes into the folder.',
    );
  }
  if (!lock.ok) {
    const who = lock.host === hostname() ? `process ${lock.pid}` : `process ${lock.pid} on ${lock.host}`;
    throw new UsageError(
      `Another build (${who}) is writing into ${displayPath(out, options.cwd)}; two at once would leave a mix of both.`,
      `Wait for it to finish, or build into another folder. A lock left by a build that was killed is taken over by the next build on the same machine; from another machine, delete ${displayPath(lock.path, options.cwd)} once no build runs.`,
    );
  }
  try {
    return await buildLocked(options, out);
  } finally {
    await lock.release();
  }
}

async function buildLocked(options: BuildOptions, out: string): Promise<BuildResult> {
  const clock = new PhaseClock();
  const mode = options.mode ?? 'public';
  // A build killed part-way is put right first, so that the manifest read below is the folder's own; a failure shows when the output is staged.
  await recoverOutputFolder(out).catch(() => undefined);
  const outExisted = (await lstat(out).catch(() => undefined)) !== undefined;
  const project = await openProject({ ...FRESH, ...options, exclude: [...(options.exclude ?? []), out] });
  // A refused file (a name that is not UTF-8, a device) may have no real path; it is never read or written.
  // One synchronous call each: for an archive of thousands of files, a promise per file costs several times the call.
  // A file that is its own real path lies in a root, which is checked as a whole.
  const realFiles = project.files.flatMap((f) => (f.real ? [] : [f.refused ? f.path : realOrSelfSync(f.path)]));
  const conflict = outputFolderConflict(out, project.roots, realFiles, await outputNeighbours(project, options));
  if (conflict) {
    // With no paths, the releases are searched for in the working folder, where the default output folder lies too.
    const searchedHere = options.paths.length === 0 || options.paths.every((p) => resolve(options.cwd, p) === resolve(options.cwd));
    throw new UsageError(`Refusing to build: ${conflict.reason}.`, conflict.with === 'template-sets'
      ? 'Build into a folder of its own beside the template sets, such as --out dist: the build reads its templates from that folder, and would read its pages there as templates.'
      : conflict.with === 'config'
        ? 'Build into a folder of its own beside the config file, such as --out dist, so that the project\'s files stay out of the site.'
        : searchedHere
          ? 'Name the folder that holds the releases, such as `migration-news build releases`, so that the output folder lies beside it.'
          : 'Choose an output folder outside the folders that hold releases, such as --out dist.');
  }
  /** A build that stops before it reads a release: nothing built, nothing written. */
  const nothingBuilt = (diagnostics: readonly Diagnostic[]): BuildResult => {
    clock.done('prepare');
    return { diagnostics: [...diagnostics].sort(compareDiagnostics), fileCount: project.files.length, built: 0, skipped: [], unlisted: [], failed: 0, written: 0, writtenFiles: [], removed: [], partial: false, committed: false, out, outExisted, notes: [], scan: project.scan, threads: 0, rendered: 0, upToDate: 0, reread: 0, reused: 0, timings: clock.times, templateTimings: [] };
  };
  // Nothing found to build from: building anyway would replace the site with an empty one and take down every page it had.
  if (project.files.length === 0 && !options.allowEmpty) return nothingBuilt(project.diagnostics);
  // The record names releases that are not public: never kept where the output folder, which is published, holds it
  // (a cache folder set inside it, `XDG_CACHE_HOME=dist/.cache`), nor read from there.
  // Both as their links lead, though either may not exist yet (`dist` a link to `site`, and the cache in `dist/.cache`).
  const cacheInOutput = options.cacheDir !== undefined && isInside(await realOfNearest(resolve(options.cwd, options.cacheDir)), await realOfNearest(resolve(options.cwd, out)));
  const cacheDir = cacheInOutput ? undefined : options.cacheDir;
  const recorded = options.force || !cacheDir ? undefined : readCache(cacheDir, out);
  const jobs = options.jobs ?? defaultJobs();
  const perThread = options.minReleasesPerThread ?? (options.jobs === undefined && !options.keepThreads ? RELEASES_PER_THREAD_BY_DEFAULT : undefined);
  const beforeThreads = onceOnly(options.beforeThreads);
  // With no record of an earlier build, every file is read and checked: the threads that will check them start now, and load
  // their code while this thread reads the templates, the output folder's manifest and the files' stamps.
  const script = threadScript();
  const ahead = recorded === undefined && jobs > 0 ? startThreadsAhead(script, project.files.length, jobs, perThread, beforeThreads) : [];
  try {
    // `eml` is not a template of the set: it is composed from the HTML and text of the e-mail set.
    const formats = options.formats.filter((f): f is OutputFormat => f !== 'eml');
    const loaded = await templateSetFor({ ...FRESH, ...options, formats }, templateSearch(project, options.cwd));
    if (!loaded.ok) return nothingBuilt([...project.diagnostics, ...loaded.diagnostics]);
    const set = loaded.set;
    // A home page the set has no words for would stop the build at its first label, in a file of the set: told at the config instead.
    const home = formats.includes('html') && sitePagesMissing(set) === undefined ? unlabelledHome(loaded, project.config, project.configPath, options.cwd) : undefined;
    if (home) return nothingBuilt([...project.diagnostics, home]);

    const previous = outExisted ? await readManifest(out) : undefined;
    if (mode !== 'public' && !options.force) await refusePreviewOverPublic(out, displayPath(out, options.cwd), previous, mode);

    let email: EmailRendering | undefined;
    // A config with errors fails the build with them; its `email` section, invalid or not, is not "missing".
    if (options.formats.includes('eml') && !project.diagnostics.some((d) => d.severity === 'error')) {
      // Loaded only for e-mail: its HTML inliner is large, and other builds never need it.
      const { EmailRendering } = await import('./email.js');
      const setup = await EmailRendering.open(emailSetFor(options.emailTemplate), templateSearch(project, options.cwd), project.config.email, options.now);
      if (!setup.ok) throw new UsageError(setup.message, setup.hint);
      email = setup.rendering;
    }

    const settings = { set, config: project.config, now: options.now, formats };
    // A set that shows the clock ("now" | date: "%Y" in a footer) makes other pages at another clock, with nothing else changed.
    const shownClock = readsClock(set) || (email !== undefined && readsClock(email.set)) ? { clock: options.now } : {};
    const cache = new BuildCache(
      // The e-mail set makes the .eml files: a change to it makes them again, as a change to the set does the pages.
      out, fingerprint({ tool: BUILD_ID, config: project.config, set, formats: options.formats, mode, ...(email ? { emailSet: email.set } : {}), ...shownClock }), options.now, project.config.timezone,
      recorded, cacheDir !== undefined, (path) => isEarlierSiteFile(previous, path), folderIdentity(out),
    );
    // Files an earlier build checked and that are unchanged are not read again: the threads are for the others.
    cache.prepare(project.files);
    // An e-mail build's threads make the messages too, with the set and the `email` config opened here.
    const emailData = email && project.config.email ? { email: { set: email.set, config: project.config.email } } : {};
    const threads = new BuildThreads(jobs, { ...FRESH, render: settings, now: options.now, mode, ...emailData }, perThread, beforeThreads, options.keepThreads);
    clock.done('prepare');
    try {
      const record = cacheDir ? new RecordKeeping(cacheDir, out, recorded, cache) : undefined;
      const result = await checkAndRender(options, { project, loaded, out, outExisted, previous, settings, threads, mode, cache, record, clock, email });
      if (cacheInOutput && result.committed) {
        result.notes.push(`No build record was kept: the cache folder ${printable(displayPath(options.cacheDir!, options.cwd))} lies in the output folder, which is published, and a record names releases that are not public; the next build checks and renders everything again. Keep the cache folder (XDG_CACHE_HOME, or the cacheDir given to the library's build()) outside it.`);
      }
      return result;
    } finally {
      await threads.close();
    }
  } finally {
    // Threads started ahead that no pool took, the build having stopped before it checked a file, are not left waiting (see `IdleThreads`).
    if (!options.keepThreads) stopThreadsAhead(script, ahead);
  }
}

interface BuildContext {
  project: Project;
  /** The template set with where it was found. */
  loaded: { set: TemplateSet; chain: readonly SetLocation[]; warnings: readonly Diagnostic[] };
  out: string;
  outExisted: boolean;
  /** The manifest the output folder had, if any. */
  previous: OutputManifest | undefined;
  settings: RenderSettings;
  threads: BuildThreads;
  mode: PublicationMode;
  /** What an earlier build recorded, and this build's record. */
  cache: BuildCache;
  /** The build record through the commit, when the build keeps one. */
  record: RecordKeeping | undefined;
  clock: PhaseClock;
  /** The e-mail set's rendering, when the build makes .eml files. */
  email: EmailRendering | undefined;
}

async function checkAndRender(options: BuildOptions, { project, loaded, out, outExisted, previous, settings, threads, mode, cache, record, clock, email }: BuildContext): Promise<BuildResult> {
  const { set } = loaded;
  const timeZone = project.config.timezone;
  const formats = settings.formats;
  options.progress?.phase('Checking', 'files', project.files.length);
  // A link in a body to a part of its page is checked against the ids the set's page gives elements around the body.
  const checking = { config: project.config, now: options.now, pageIds: pageIdsOf(set) };
  const checkedFiles = await checkProject(project, options.now, (files, onResult) => cache.check(
    files,
    (items, onItem) => threads.check(items, checking, onItem),
    (outcome, i) => {
      onResult(outcome, i);
      options.progress?.tick();
    },
  ), mode);
  // The e-mail set renders every release again: it needs the words of each language too.
  const sets = [{ ...FRESH, ...loaded, named: options.template !== 'default' }, ...(email ? [{ set: email.set, chain: email.chain, named: true }] : [])];
  const notices = mode !== 'drafts' && project.config.withdrawnNotices && options.formats.includes('html');
  const checked = withoutUnlabelled(checkedFiles, sets, templateSearch(project, options.cwd), { config: project.config, now: options.now, mode, notices });
  clock.done('check');
  // The e-mail set's warnings too: a file of it that no message reads is as much a mistake as one of the site's set (told once where the sets share a folder).
  const told = new Set(loaded.warnings.map(warningKey));
  const warnings = email ? [...loaded.warnings, ...email.warnings.filter((d) => !told.has(warningKey(d)))] : loaded.warnings;
  // A labels file of a language the build writes that lacks some of the site's own words, which its pages then say in English
  // (`validate` names every word a file lacks; a build stops at any other word a page prints, with an error that names them).
  const incomplete = formats.includes('html') ? incompleteLabels(checked.releases.filter(({ entry }) => !checked.failedFiles.has(entry.file)), set, project.config, new Set(Object.keys(SITE_WORDS))) : [];
  const diagnostics = [...checked.diagnostics, ...setWarnings(warnings, project.config.rules), ...incomplete];
  const buildable = checked.releases.filter(({ entry }) => !checked.failedFiles.has(entry.file));

  // The one decision about what this build may show: only these releases are written, and only these are linked to.
  const skipped: SkippedRelease[] = [];
  const unlisted: UnlistedRelease[] = [];
  const included = new Set<IndexEntry>(publicEntries(buildable.map((r) => r.entry), options.now, timeZone, mode));
  for (const { entry, release } of buildable) {
    const publication = publicationOf(entry, options.now, timeZone);
    if (publication.public) continue;
    if (!included.has(entry)) skipped.push({ file: entry.file, reason: publication.reason });
    else unlisted.push({ file: entry.file, reason: publication.reason, ...(formats.includes('html') ? { page: pagePath(release.lang, release.slug, 'html') } : {}) });
  }
  const toBuild = buildable.filter((r) => included.has(r.entry));

  const rendering = new ReleaseRendering(settings);
  // The templates of a set of the project's own that this build's formats and pages reach are parsed before any release renders, as
  // `validate` and `templates check` parse them: a syntax error in a partial that no release reaches this time still stops it, and
  // every one is told in one run; a partial only another format reaches (the plain text's, in an HTML build) is that format's. A set
  // that names a partial by a value is left to its renders. The built-in sets parse by their own tests.
  if (loaded.chain.some((location) => location.origin !== 'built-in')) {
    const entries = [...formats.map((format) => ENTRY_TEMPLATES[format]), ...(formats.includes('html') ? Object.values(SITE_PAGE_TEMPLATES) : [])];
    const reached = templatesReached(set, entries);
    if (reached) rendering.checkTemplates(new Set(loaded.warnings.filter((d) => d.ruleId === 'template/unused-file').map((d) => d.file)), reached);
  }
  // The releases withdrawn after they went out date the pages they left, in the sitemap: the site step takes those it asks for.
  const site = new SiteStep({ config: project.config, set, formats, files: email ? [...formats, 'eml'] : formats, now: options.now, pages: cache }, toBuild.map((r) => r.release), buildable.filter((r) => r.entry.status === 'withdrawn').map((r) => r.release));
  let stage: OutputStage;
  try {
    stage = await OutputStage.create(out);
  } catch (cause) {
    if (cause instanceof OutputError) throw new UsageError(`Cannot build: ${cause.message}.`, 'Choose an output folder that is, or can be, a folder of its own, such as --out dist.');
    throw cause;
  }
  const inputs = new Set(project.files.map((f) => f.display));
  /** The releases built without a problem, by file. */
  const builtFiles = new Set<string>();
  const result: BuildResult = {
    diagnostics, fileCount: project.files.length, built: 0, skipped, unlisted: [], written: 0, writtenFiles: [], removed: [], partial: false, committed: false, out, outExisted, notes: [], scan: project.scan,
    failed: [...checked.failedFiles].filter((f) => inputs.has(f)).length,
    threads: threads.count, rendered: 0, upToDate: 0, reread: 0, reused: cache.reused, timings: clock.times, templateTimings: [],
  };
  if (outExisted && !previous && (await readdir(out).catch(() => [])).length > 0) {
    // Nothing says which of its files an earlier build wrote: none is removed, so pages that build left for releases gone, renamed or taken down stay.
    result.notes.push(`${printable(displayPath(out, options.cwd))} has no ${MANIFEST_NAME}, so no file already in it is removed: pages an earlier build left there for releases since deleted, renamed or taken down stay. To be sure of what it holds, empty it and build again.`);
  }
  const templateClock = new TemplateClock();
  const manifest: OutputManifest = { mode, site: project.config.site?.url ?? null, files: Object.create(null) as Record<string, ManifestEntry> };
  /** What the manifest says of each of the site's own files (listings, feeds, sitemaps, redirects.json). */
  const siteFileEntry: ManifestEntry = { release: '', source: '', kind: 'site', public: mode === 'public' };
  // What the manifest says of a release's outputs, made once per release and kind and shared by its outputs (the entries are never changed):
  // an archive has tens of thousands of outputs, and an entry of each held some 1 MiB at 10,000 releases.
  const owners = new WeakMap<IndexEntry, Partial<Record<'release' | 'image', ManifestEntry>>>();
  const imageFailures = new Set<string>();
  /** Releases that failed while they were rendered, or could not be (see `reserve`), found since the last pass: see `renderWithoutFailures`. */
  let renderFailures: CheckedRelease[] = [];
  /** The local images of each release that has some, as its pages show them: for a render again (see `renderWithoutFailures`). */
  const imageFacts = new Map<CheckedRelease, ImageFacts>();
  /** The files of the local images each release's e-mail message carries, by their paths in the output folder (`RenderItem.imageFiles`). */
  const carriedImages = new Map<CheckedRelease, Readonly<Record<string, string>>>();
  /** How many releases' messages show local images too large in all to carry (`MAX_CARRIED_IMAGE_BYTES`). */
  let uncarriedImages = 0;
  /** See `failingContext`. */
  let failing: FailingContext | undefined;
  /** Each rendered release's images key (`planImages`), for its record. */
  const imagesKeys = new Map<CheckedRelease, string>();
  /** The translations each release was planned with (see `renderWithoutFailures`). */
  let plannedLinks = new Map<string, Translation[]>();
  /** The translations the pages of each release built name, as rendered or kept: see `renderWithoutFailures`. */
  const named = new Map<CheckedRelease, readonly Translation[]>();
  /** The site's pages that the page of each release built that no listing names links to, as rendered or kept (`listedLinksOf`). */
  const linked = new Map<CheckedRelease, ListedLinks | undefined>();
  /** Releases that failed to render in the earlier build as they are now (`BuildCache.failsAsBefore`). */
  let failingAsBefore: CheckedRelease[] = [];
  /** The reports of this build that a page is removed (`Removals.takedowns`), worded again if nothing is taken down. */
  let takedowns: Removals['takedowns'] = [];
  /** The files a redirect page may not take (`claimedFiles`), once an alias asks. */
  let taken: ClaimedFiles<string> | undefined;
  // Local images may come from the project's folder and the folders releases were found in, never from elsewhere.
  const imageFolders = await imageFoldersOf(project, options.cwd);
  // A file with other errors is not built, but a missing image of it is one more problem to report now, as validate does.
  for (const { file, path, localImages } of checked.failedImages) await findReleaseImages({ file, localImages }, path, imageFolders, options.cwd, project.config.rules, diagnostics);
  try {
    options.progress?.phase('Building', 'releases', toBuild.length);
    // Every release's images are looked for before any page is rendered: a release one of them fails is not built, so no other page
    // may name it as a translation (a fresh build would have no page there to link to).
    const plans = new Map<CheckedRelease, NonNullable<Awaited<ReturnType<typeof planImages>>>>();
    for (const item of toBuild) {
      if (!item.release.localImages) continue;
      const planned = await planImages(item);
      if (planned === null) imageFailures.add(item.entry.file);
      else {
        plans.set(item, planned);
        imageFacts.set(item, planned.facts);
        // Without the site's address, a message carries its images; those of more than it may carry in all keep their paths.
        if (email && !project.config.site?.url && planned.copies.length > 0) {
          if (planned.copies.reduce((sum, copy) => sum + (copy.fact.bytes ?? 0), 0) <= MAX_CARRIED_IMAGE_BYTES) carriedImages.set(item, Object.fromEntries(planned.copies.map((copy) => [copy.fact.path, copy.real])));
          else uncarriedImages++;
        }
      }
    }
    const translations = translationsById([...included].filter((entry) => !imageFailures.has(entry.file)));
    plannedLinks = translations;
    const listed = listedPages(imageFailures);
    // A release that failed to render as it is now will fail again: it is rendered again for its error, as a fresh build renders
    // it, but the pages of its translations, which that build renders with it and then again without it, may be kept as the
    // earlier build left them, without it.
    failingAsBefore = toBuild.filter((item) => !imageFailures.has(item.entry.file) && cache.failsAsBefore(item, translations.get(item.release.id) ?? [], imagesKeys.get(item)));
    const failingFiles = new Set(failingAsBefore.map((item) => item.entry.file));
    const failingIds = new Set(failingAsBefore.map((item) => item.release.id));
    const withoutFailing = failingAsBefore.length === 0 ? translations : translationsById([...included].filter((entry) => !imageFailures.has(entry.file) && !failingFiles.has(entry.file)));
    // Releases whose pages are up to date count as built; only the others are rendered.
    const work: RenderItem[] = [];
    // The same releases with their index entries, which the threads do not need.
    const workReleases: CheckedRelease[] = [];
    for (const item of toBuild) {
      const links = translations.get(item.release.id) ?? [];
      // The site (written by every build) needs the body's HTML of the releases its feeds carry in full.
      const bodyHtml = site.needsBody(item.release);
      const planned = plans.get(item);
      plans.delete(item);
      if (imageFailures.has(item.entry.file)) {
        result.failed++;
        options.progress?.tick();
        continue;
      }
      const images = planned?.facts;
      // An image can change without its release changing: its key holds the copies' stamps, so a changed photo renders the pages again.
      const siteLinks = listedLinksOf(item, listed);
      let kept = cache.upToDate(item, links, options.formats, bodyHtml, planned?.key, undefined, siteLinks);
      let names = links;
      if (!kept && failingIds.has(item.release.id) && !failingFiles.has(item.entry.file)) {
        names = withoutFailing.get(item.release.id) ?? [];
        kept = cache.upToDate(item, names, options.formats, bodyHtml, planned?.key, links, siteLinks);
      }
      linked.set(item, siteLinks);
      if (kept) {
        named.set(item, names);
        // Its files stay as an earlier build wrote them, its images' copies too, and are still this build's own.
        // Its .eml too: up to date with its pages, it is this build's own as they are.
        for (const format of options.formats) own(item, pagePath(item.release.lang, item.release.slug, format));
        for (const copy of planned?.copies ?? []) own(item, copy.fact.path, 'image');
        site.recordHtml(item.release, kept.bodyHtml, images);
        result.built++;
        result.upToDate++;
        builtFiles.add(item.entry.file);
        options.progress?.tick();
        continue;
      }
      for (const { fact, real } of planned?.copies ?? []) {
        // A copy the earlier build made with these very bytes stays as it is, as a page rendered again the same does: a
        // template changed, or a comment added to the release, would otherwise write every photo of it again.
        const same = previous?.files[fact.path]?.kind === 'image' && await readFile(real).then((bytes) => holdsText(join(out, fact.path), bytes), () => false);
        if (same) stage.reserve(fact.path);
        else await stage.copy(fact.path, real);
        own(item, fact.path, 'image');
      }
      const reserved = reserve(item);
      if (reserved) {
        named.set(item, links);
        work.push(renderItemOf(item, links, reserved, siteLinks));
        workReleases.push(item);
      } else {
        result.failed++;
        renderFailures.push(item);
      }
    }
    result.rendered = work.length;
    clock.done('plan');
    let keptPages = 0;
    const listSiteFile = (path: string, kept: boolean) => {
      if (kept) keptPages++;
      manifest.files[path] = siteFileEntry;
    };
    // An earlier build's file of the site with the same bytes is not written again.
    const earlierSiteFile = (path: string) => (isEarlierSiteFile(previous, path) ? join(out, path) : undefined);
    const pageOutput: SitePageOutput = {
      reserve: (path) => stage.reserve(path),
      written: (path) => stage.written(path),
      compareWith: earlierSiteFile,
      listed: listSiteFile,
      rendered: (kind, ms) => templateClock.add(SITE_PAGE_TEMPLATES[kind], ms),
    };
    const renders = threads.render(work, rendering, onRendered(work, workReleases, false), email);
    // The site's pages are made by the threads beside the releases, keeping both threads busy to the end, where a build that
    // stops at any failure would leave them idle in turn: a release that fails then fails the build, and nothing is written
    // (see `SiteStep.expectBuilt`). With `keepGoing`, a failed release leaves every listing, so they wait for the releases.
    const pagesAhead = options.keepGoing ? undefined : threads.pageRenderers();
    if (pagesAhead) for (const item of workReleases) site.expectBuilt(item.release, imageFacts.get(item));
    // Each is let finish before either's failure is acted on, as one after the other would: no thread still writes, and nothing
    // comes in, once the build goes on; and a release's failure is reported before the pages', which one thread makes after it.
    const [rendered, pagesMade] = await Promise.allSettled([renders, pagesAhead ? site.writePages(pagesAhead, pageOutput) : undefined]);
    if (rendered.status === 'rejected') throw rendered.reason;
    await renderWithoutFailures(workReleases);
    fillFeedBodies();
    imageFacts.clear();
    carriedImages.clear();
    result.threads = threads.count;
    // A preview's unlisted releases are those it wrote, with their page when it was written.
    result.unlisted = unlisted.filter((u) => builtFiles.has(u.file)).map((u) => (u.page === undefined || manifest.files[u.page] ? u : { file: u.file, reason: u.reason }));
    clock.done('render');
    // The work list is done with: an async function keeps its locals until it returns, and the site and the commit come next.
    work.length = 0;
    workReleases.length = 0;
    // A template problem met by a release's render is told once, with that release, not again for the site's pages that share the template.
    const renderedProblems = new Set(rendering.problems.entries().map(([key]) => key));
    for (const d of rendering.problems.list()) diagnostics.push(d);
    // Otherwise the threads, idle once the releases are built, render and write the site's pages, then give their memory back before the feeds and sitemaps are made.
    const pageProblems = pagesAhead ? aheadPageProblems(pagesMade) : await site.writePages(threads.pageRenderers(), pageOutput);
    // A syntax error of a template the site's pages share with the releases' (a partial), or that the parse before rendering found, is told once.
    const told = new Set(diagnostics.filter((d) => d.ruleId === 'template/syntax').map(problemKey));
    for (const d of pageProblems) if ((d.ruleId !== 'template/syntax' || !told.has(problemKey(d))) && !renderedProblems.has(pageProblemKey(d))) diagnostics.push(d);
    await threads.close();
    clock.done('site pages');
    let redirects: RedirectPlan<CheckedRelease> | undefined;
    if (options.formats.includes('html')) {
      // The notices first: a withdrawn release's aliases lead to its notice, and only where one is written.
      const noticed = mode !== 'drafts' && project.config.withdrawnNotices ? await writeWithdrawnNotices(buildable.filter((r) => r.entry.status === 'withdrawn')) : [];
      // Which aliases get their redirect pages is decided before releases.json is made, which lists them as redirects.json does.
      redirects = planRedirectPages([...toBuild, ...noticed]);
    }
    // Each of the site's other files is written as it is made, and not held: at 10,000 releases they are tens of megabytes.
    const siteFiles = await site.writeFiles(refusedAliases(redirects), async (path, content) => {
      if (content !== undefined) {
        // Encoded once, compared as bytes with the earlier build's file and written as those bytes (releases.json as the parts it is
        // joined from): releases.json and the sitemap are several megabytes at 10,000 releases, and measuring, decoding the earlier file
        // and encoding again to write each took as long.
        const bytes = typeof content === 'string' ? Buffer.from(content) : content;
        const earlier = earlierSiteFile(path);
        if (earlier === undefined || !holdsText(earlier, bytes)) await stage.write(path, bytes);
      }
      listSiteFile(path, content === undefined);
    });
    result.notes.push(...siteFiles.notes);
    // A message is read away from the site: without `site.url`, a local image it does not carry has no address a mail client can load.
    if (uncarriedImages > 0) result.notes.push(`${uncarriedImages === 1 ? 'One e-mail message shows' : `${uncarriedImages} e-mail messages show`} local images of more than ${MAX_CARRIED_IMAGE_BYTES / 1024 / 1024} MiB in all, too many to carry in the message, which have no address a mail client can load without \`site.url\`: they show as broken pictures. Set \`site.url\` in the config file, where the site's copies of them are published.`);
    // None of what a failing release keeps may link to a file the build removes: decided before the redirects are written, which ask what it keeps.
    // Without a failing release nothing is kept for it, and what it would be decided with (a look at every release) is not made.
    if (previous && (checked.failedFiles.size > 0 || imageFailures.size > 0)) failing = { ...FRESH, ...failingContext(), brokenLinks: await keptWithBrokenLinks(previous, new Set(redirects?.kept.map(({ alias }) => alias.file))) };
    // A page left as it was is one the site writes at the path its view names; anything else would be a bug, stopped before the commit.
    if (keptPages !== cache.keptPages) throw new Error(`${cache.keptPages - keptPages} site pages were left as they were at paths the site does not write.`);
    if (redirects) await writeRedirects(redirects);
    clock.done('site files');
    result.writtenFiles = [...stage.writtenFiles].sort();
    // A release that failed for want of an image keeps its earlier pages, like one whose file has errors.
    const failedFiles = new Set([...checked.failedFiles, ...imageFailures]);
    // Releases that failed while they were rendered (`--keep-going`): their pages go with the listings that leave them out.
    const renderFailed = new Set(toBuild.filter((r) => !builtFiles.has(r.entry.file) && !failedFiles.has(r.entry.file)).map((r) => r.entry.file));
    const removals = staleOutputs(previous, manifest, { ...FRESH, ...checked, failedFiles }, included, options.now, timeZone, project.config.rules, failingContext, renderFailed);
    takedowns = removals.takedowns;
    result.removed = removals.removed;
    for (const d of removals.diagnostics) diagnostics.push(d);
    for (const [path, entry] of Object.entries(removals.kept)) manifest.files[path] = entry;
    const hasErrors = diagnostics.some((d) => d.severity === 'error');
    // Pages made beside the releases list every release expected to be built: one that was not, with no error to stop the build, would be a listing's broken link.
    if (site.builtFewerThanPlanned && !hasErrors) throw new Error('A release the site\'s pages list was not built, and nothing stopped the build.');
    // `keepGoing` writes the releases that succeeded; a broken config leaves none that did (its values are the defaults then).
    const configErrors = project.diagnostics.some((d) => d.severity === 'error');
    if (configErrors) result.configErrors = true;
    // A run that fails on its warnings is a failed build, which leaves the output folder as it was.
    const tooManyWarnings = options.maxWarnings !== undefined && countProblems(diagnostics).warnings > options.maxWarnings;
    if (tooManyWarnings && !hasErrors) result.tooManyWarnings = true;
    if ((!hasErrors && !tooManyWarnings) || (options.keepGoing && !configErrors)) {
      const committed = await stage.commit({ remove: result.removed.map((r) => r.path), manifest, previous, adoptUnlisted: options.force === true, ...(record ? { beforeChange: record.beforeChange } : {}) });
      const removed = new Set(committed.removed);
      result.removed = result.removed.filter((r) => removed.has(r.path));
      result.written = stage.count;
      result.committed = true;
      record?.keep(manifest, result.notes);
    } else {
      await stage.abort();
      notRemoved(takedowns);
    }
    clock.done('commit');
  } catch (cause) {
    // No thread may still be writing into the staging folder while it is removed.
    await threads.close();
    await stage.abort();
    if (!(cause instanceof OutputError)) throw cause;
    // Nothing was taken down (or, part-way, not all): the reports of what was to go say it is still there.
    if (!cause.partial) notRemoved(takedowns);
    record?.restore(cause.partial);
    clock.stopped();
    result.partial = cause.partial;
    diagnostics.push({ file: displayPath(join(out, cause.path), options.cwd), line: 1, column: 1, severity: 'error', ruleId: 'output/write', message: `The output was not written: ${cause.message}.` });
  }
  result.templateTimings = templateClock.list();
  diagnostics.sort(compareDiagnostics);
  return result;

  /**
   * The problems of the site's pages made beside the releases. Where a
   * release they list failed after all, the build writes nothing, and a
   * template error of those pages may be one that only the failed release's
   * listing meets: the pages planned from the releases built are rendered
   * again, not written, for the problems a build that made them once the
   * releases were done would report, whatever the number of threads. A page
   * that could not be written stops the build as it would have then.
   */
  function aheadPageProblems(made: PromiseSettledResult<Diagnostic[] | undefined>): Diagnostic[] {
    if (made.status === 'rejected') throw made.reason;
    return site.builtFewerThanPlanned ? site.pageProblemsAsBuilt() : made.value ?? [];
  }

  /** Takes in each outcome of a render of `items` (`releases` their releases), in order; `again` for a render in `renderWithoutFailures`. */
  function onRendered(items: readonly RenderItem[], releases: readonly CheckedRelease[], again: boolean) {
    return async (outcome: RenderItemOutcome, i: number): Promise<void> => {
      const { translations: links, images, reserved, listed: siteLinks } = items[i]!;
      const item = releases[i]!;
      if (!again) options.progress?.tick();
      rendering.problems.merge(outcome.problems);
      for (const [format, ms] of Object.entries(outcome.templateMs ?? {}) as [OutputFormat, number][]) templateClock.add(rendering.templateOf(format), ms);
      if (outcome.reread) result.reread++;
      // The paths as reserved, which the stage holds already, rather than a thread's copies of them, which the stage, the manifest
      // and the record would hold for the rest of the build: some 1.4 MiB at 10,000 releases (a thread writes only what was reserved).
      const staged = outcome.written.map((path) => reserved.find((r) => r === path) ?? path);
      for (const path of staged) stage.written(path);
      // A page with the bytes the earlier build wrote is left in place, the build's own as before.
      const written = outcome.unchanged ? [...staged, ...outcome.unchanged.map((path) => reserved.find((r) => r === path) ?? path)] : staged;
      for (const path of written) own(item, path);
      if (outcome.writeError) throw new OutputError(outcome.writeError.path, outcome.writeError.message);
      if (outcome.diagnostic) diagnostics.push(outcome.diagnostic);
      if (outcome.emailProblems) rendering.problems.add(outcome.emailProblems, `${item.release.file} as eml`);
      if (outcome.ok) {
        // Rendered again, it was counted and recorded for the site the first time, with the same body.
        if (!again) {
          result.built++;
          builtFiles.add(item.entry.file);
          site.recordHtml(item.release, outcome.bodyHtml, images);
        }
        // Rendered again without a translation that failed, it rendered with all those planned first, as a fresh build renders it.
        const first = plannedLinks.get(item.release.id) ?? [];
        named.set(item, links);
        linked.set(item, siteLinks);
        cache.rendered(item, links, written, outcome.bodyHtml, imagesKeys.get(item), again && translationsKey(first) !== translationsKey(links) ? first : undefined, siteLinks);
        return;
      }
      renderFailures.push(item);
      result.failed++;
      if (!again) {
        // With every translation planned: the next build knows it fails, if nothing it is rendered from changes.
        cache.failedToRender(item, links, imagesKeys.get(item));
        // Counted as built if the site's pages were planned beside the releases.
        site.forgetHtml(item.release);
        return;
      }
      // Built the first time, it fails without its failed translation: as if it had failed then, its outputs not written now are not this build's.
      result.built--;
      builtFiles.delete(item.entry.file);
      site.forgetHtml(item.release);
      cache.notRendered(item);
      for (const path of outputPaths(item)) if (!written.includes(path)) delete manifest.files[path];
    };
  }

  /**
   * A release that failed while it was rendered is named by the pages of its
   * translations, rendered before that was known or kept from an earlier
   * build (a failure of its images is known before any page is rendered, see
   * `planImages`): they are rendered again without it, in every format, and
   * recorded with the translations they now name. Whatever that makes fail
   * in turn takes another pass, until none does. Pages kept without a
   * release that failed in the earlier build as it is now
   * (`failingAsBefore`) name only the others already, and stay; should it
   * not fail after all, they are rendered again with it. `renderedFirst` are
   * the releases the first pass rendered, the others were up to date. A
   * build in which nothing failed, and no page was kept without a release,
   * does nothing here.
   */
  async function renderWithoutFailures(renderedFirst: readonly CheckedRelease[]): Promise<void> {
    let ids = new Set(failingAsBefore.filter((item) => builtFiles.has(item.entry.file)).map((item) => item.entry.id));
    if (renderFailures.length === 0 && ids.size === 0) return;
    const rendered = new Set(renderedFirst);
    const unbuilt = new Set<string>(imageFailures);
    while (renderFailures.length > 0 || ids.size > 0) {
      for (const { entry } of renderFailures) {
        unbuilt.add(entry.file);
        ids.add(entry.id);
      }
      renderFailures = [];
      // As the first pass decided them, less the releases that failed: only public releases are linked still.
      const translations = translationsById([...included].filter((entry) => !unbuilt.has(entry.file)));
      // A preview's page that links to a tag page or listing only a release that failed had is rendered again without the link.
      const listed = listedPages(unbuilt);
      const relinked = (item: CheckedRelease) => JSON.stringify(linked.get(item)) !== JSON.stringify(listedLinksOf(item, listed));
      const again = toBuild.filter((item) => builtFiles.has(item.entry.file) && ((ids.has(item.entry.id) && translationsKey(named.get(item) ?? []) !== translationsKey(translations.get(item.release.id) ?? [])) || relinked(item)));
      ids = new Set();
      if (again.length === 0) return;
      stage.discard(again.flatMap(outputPaths));
      const items: RenderItem[] = [];
      const releases: CheckedRelease[] = [];
      for (const item of again) {
        if (!rendered.has(item)) {
          rendered.add(item);
          result.upToDate--;
          result.rendered++;
        }
        const reserved = reserve(item);
        if (reserved) {
          items.push(renderItemOf(item, translations.get(item.release.id) ?? [], reserved, listedLinksOf(item, listed)));
          releases.push(item);
          continue;
        }
        renderFailures.push(item);
        result.failed++;
        result.built--;
        builtFiles.delete(item.entry.file);
        site.forgetHtml(item.release);
        cache.notRendered(item);
        for (const path of outputPaths(item)) delete manifest.files[path];
      }
      await threads.render(items, rendering, onRendered(items, releases, true), email);
    }
  }

  /**
   * A release that failed while it was rendered (`--keep-going`) leaves its
   * place in its language's feeds to the next newest, whose body's HTML was
   * not asked for when it was rendered or found up to date: it is made here,
   * from its file, as its page makes it. A file that cannot be read now
   * leaves the feed an item short, as a release that failed does.
   */
  function fillFeedBodies(): void {
    // Without `keepGoing` a failure writes nothing; without one, every release the feeds carry had its body asked for.
    if (!options.keepGoing || result.failed === 0) return;
    const missing = new Set(site.missingBodies());
    if (missing.size === 0) return;
    for (const item of toBuild) {
      if (!missing.has(bodyKey(item.release)) || !builtFiles.has(item.entry.file)) continue;
      const loaded = loadBody(item, project.config);
      if (!loaded.ok) continue;
      const images = imageFacts.get(item);
      const view = buildView(item.release, loaded.body, { config: project.config, now: options.now, translations: [], version: VERSION, labels: labelsFor(set.labels, item.release.lang)?.values, images });
      site.recordHtml(item.release, view.body_html_document, images);
    }
  }

  /**
   * The listings and tag pages the public releases to be built make, less
   * those of the files `unbuilt`: what the pages of a preview's other
   * releases may link to (see `listedLinksOf`). None in a normal build, all
   * of whose releases are public.
   */
  function listedPages(unbuilt: ReadonlySet<string>): ListedPages | undefined {
    if (mode === 'public') return undefined;
    return new ListedPages(toBuild.filter((item) => !unbuilt.has(item.entry.file) && publicationOf(item.entry, options.now, timeZone).public).map((item) => item.release));
  }

  /** For a release no listing names (a preview's), the site's pages of `listed` its page links to; undefined for a public one, which they all list. */
  function listedLinksOf(item: CheckedRelease, listed: ListedPages | undefined): ListedLinks | undefined {
    return listed && !publicationOf(item.entry, options.now, timeZone).public ? listed.linksOf(item.release) : undefined;
  }

  /** What a thread needs to render a release with the given translations (and `listed`, `listedLinksOf`) into the paths reserved for it. */
  function renderItemOf(item: CheckedRelease, links: readonly Translation[], reserved: readonly string[], listed: ListedLinks | undefined): RenderItem {
    // The site (written by every build) needs the body's HTML of the releases its feeds carry in full.
    const bodyHtml = site.needsBody(item.release);
    const images = imageFacts.get(item);
    const imageFiles = carriedImages.get(item);
    const earlier = reserved.filter((path) => previous?.files[path]?.kind === 'release');
    return {
      item: { release: item.release, source: item.source }, translations: links, staging: stage.staging, reserved,
      ...(bodyHtml ? { bodyHtml } : {}), ...(images ? { images } : {}), ...(imageFiles ? { imageFiles } : {}), ...(listed ? { listed } : {}), ...(earlier.length > 0 ? { earlier: { folder: out, paths: earlier } } : {}),
    };
  }

  /** Every path a release's pages may be written at, its message's too. */
  function outputPaths(item: CheckedRelease): string[] {
    return options.formats.map((format) => pagePath(item.release.lang, item.release.slug, format));
  }

  /** Lists a release's output in the manifest. */
  function own(item: CheckedRelease, path: string, kind: 'release' | 'image' = 'release'): void {
    let entries = owners.get(item.entry);
    if (!entries) owners.set(item.entry, (entries = {}));
    let entry = entries[kind];
    if (!entry) {
      const other = entries[kind === 'release' ? 'image' : 'release'];
      entry = entries[kind] = other
        ? { release: other.release, source: other.source, kind, public: other.public }
        : { release: releaseKey(item.entry), source: item.entry.file, kind, public: publicationOf(item.entry, options.now, timeZone).public };
    }
    manifest.files[path] = entry;
  }

  /**
   * Where a release's local images are copied, next to its page, and the key
   * of what its pages show of them and what the copies are made from; null
   * when one cannot be copied (the problem is reported at its reference, and
   * nothing of the release is copied). Each file is copied once per
   * release, however often it is referenced; the copies are staged only
   * when the release is rendered.
   */
  async function planImages(item: CheckedRelease): Promise<{ facts: ImageFacts; copies: ImageCopy[]; key: ReleaseImagesKey } | null> {
    const { release } = item;
    const { lookups, failed } = await findReleaseImages(release, item.source.path, imageFolders, options.cwd, project.config.rules, diagnostics);
    if (failed) return null;
    const { facts, copies } = plannedCopies(release, lookups);
    const sources = await Promise.all(copies.map(copySource));
    const key = createHash('sha256').update(JSON.stringify([facts, copies.map((c, i) => [c.fact.path, sources[i]])])).digest('hex');
    imagesKeys.set(item, key);
    return { facts, copies, key: { key, paths: copies.map((c) => c.fact.path) } };
  }

  /** Whether the release of a source file fails in this build: its file has errors, or one of its images. */
  function failed(source: string): boolean {
    return checked.failedFiles.has(source) || imageFailures.has(source);
  }

  /** Whether a page an earlier build wrote stays because its release fails now, as staleOutputs decides. */
  function keptWhileFailing(entry: ManifestEntry): boolean {
    return failed(entry.source) && failingFate(entry, failingContext()).stays;
  }

  /** What `failingFate` decides with, made once, when a release fails. */
  function failingContext(): FailingContext {
    return failing ??= { failedPublication: checked.failedPublication, previousMode: previous?.mode, mode, now: options.now, timeZone, withdrawnNotices: project.config.withdrawnNotices, unpublishedIds: unpublishedTranslationIds(previous, checked, included, options.now, timeZone), noticed: noticedReleases(previous), brokenLinks: new Map(), movedFrom: siteMovedFrom(previous, project.config.site?.url) };
  }

  /**
   * The releases whose earlier files would stay while their files fail, but
   * which link to a file an earlier build wrote and this one removes: a tag
   * page only they had, the listing of a language they were the last public
   * release of, a translation's page at its old slug; or to one of their own
   * pages that another release's now takes the place of (a new release given
   * the failing one's slug), where their aliases would lead readers to that
   * release under the failing one's title. Kept, they would be broken links
   * on the published site; they go instead, all of a release's
   * files together (its aliases too, which lead to its page), and what
   * linked to those goes in turn. Decided once the releases, the site's
   * pages and files, the notices and the redirect pages to write
   * (`redirecting`) are known. The notices and the redirects planned asked
   * what a failing release keeps before this: a file it no longer keeps
   * only leaves a notice or an alias out, never a link to nothing. Each
   * earlier file is read only when a release fails and the build removes
   * some earlier file.
   */
  async function keptWithBrokenLinks(earlier: OutputManifest, redirecting: ReadonlySet<string>): Promise<Map<string, string>> {
    const broken = new Map<string, string>();
    if (checked.failedFiles.size === 0 && imageFailures.size === 0) return broken;
    const base = failingContext();
    const failingFiles = Object.entries(earlier.files).filter(([path, entry]) => failed(entry.source) && !Object.hasOwn(manifest.files, path));
    if (failingFiles.length === 0) return broken;
    // What stays unless it links to a file gone: a release's files go together once one of them does (`brokenLinks`).
    const context = { ...FRESH, ...base, brokenLinks: broken };
    const kept = failingFiles.filter(([, entry]) => failingFate(entry, context).stays);
    const keptPaths = new Set(kept.map(([path]) => path));
    const gone = (path: string) => {
      const entry = earlier.files[path];
      return entry !== undefined && path !== MANIFEST_NAME && path !== REDIRECT_MAP && !Object.hasOwn(manifest.files, path) && !keptPaths.has(path) && !redirecting.has(path);
    };
    // A release's page the build wrote over with another release's: what linked to it as the earlier release's leads elsewhere now.
    const taken = (path: string) => {
      const entry = earlier.files[path];
      const now = Object.hasOwn(manifest.files, path) ? manifest.files[path] : undefined;
      return entry?.kind === 'release' && now !== undefined && now.kind === 'release' && now.release !== entry.release;
    };
    if (!Object.keys(earlier.files).some((path) => gone(path) || taken(path))) return broken;
    // A release's page gone with every file of its address: a link to any of them (`x`, `x/`, `X.html`, another format) named it,
    // as the last of its pages gone (in the manifest's order) while no file of its address stays or is written.
    const pagesAt = new Map<string, string[]>();
    for (const path of Object.keys(earlier.files)) {
      const key = /^[^/]+\/[^/]+\.html$/.test(path) && ['release', 'redirect'].includes(earlier.files[path]!.kind) ? releaseKeyOf(path) : undefined;
      if (key !== undefined) listAt(pagesAt, key).push(path);
    }
    const addressOf = (path: string) => (/^[^/]+\/[^/]+$/.test(path) || /^[^/]+\/[^/]+\//.test(path) ? releaseKeyOf(path) : undefined);
    const filesAt = new Map<string, number>();
    for (const path of new Set([...Object.keys(manifest.files), ...keptPaths, ...redirecting])) {
      const key = addressOf(path);
      if (key !== undefined) filesAt.set(key, (filesAt.get(key) ?? 0) + 1);
    }
    const goneRelease = (key: string) => (filesAt.get(key) ? undefined : pagesAt.get(key)?.findLast(gone));
    const goneAs = (path: string) => (gone(path) ? path : goneRelease(releaseKeyOf(path) ?? ''));
    // Each kept page's links, read once, and the pages that link to each file and to each address.
    const siteUrl = project.config.site?.url;
    const links = new Map<string, Set<string>>();
    const linkedBy = new Map<string, string[]>();
    const linkedByAddress = new Map<string, string[]>();
    const linksOf = (path: string): Set<string> => {
      let linked = links.get(path);
      if (linked) return linked;
      // Read as the build's own page only: a regular file of a page's size, never through a link (to /dev/zero, a pipe).
      const text = ownFileText(join(out, path), OUTPUT_LIMITS.perRender * 3) ?? '';
      linked = linkedFiles(text, path, siteUrl);
      // Written with the other of http and https, a full address leads to the same page.
      const other = otherScheme(siteUrl);
      if (other !== undefined) for (const file of linkedFiles(text, path, other)) linked.add(file);
      links.set(path, linked);
      for (const file of linked) {
        listAt(linkedBy, file).push(path);
        const key = releaseKeyOf(file);
        if (key !== undefined) listAt(linkedByAddress, key).push(path);
      }
      return linked;
    };
    // Judged as a fixpoint of rounds would judge them, each round with what the rounds before took away, in the manifest's order
    // (a release's message names the first of its pages' links found gone): each round looks again only at the pages that link to
    // a file the last one took away, or to its address, so that a chain of releases linking each other costs its length, not its square.
    const place = new Map(kept.map(([path], i) => [path, i]));
    const keptOf = new Map<string, string[]>();
    for (const [path, entry] of kept) listAt(keptOf, entry.release).push(path);
    for (let round = kept; round.length > 0;) {
      const broke: string[] = [];
      for (const [path, entry] of round) {
        if (entry.kind === 'image' || broken.has(entry.release)) continue;
        const first = [...linksOf(path)].find((file) => goneAs(file) !== undefined || taken(file));
        if (first === undefined) continue;
        const removed = goneAs(first);
        broken.set(entry.release, removed !== undefined ? `${removed}, which this build removes` : `${first}, now the page of ${manifest.files[first]!.source}`);
        broke.push(entry.release);
      }
      const again = new Set<string>();
      for (const release of broke) {
        for (const path of keptOf.get(release) ?? []) {
          keptPaths.delete(path);
          const key = addressOf(path);
          if (key !== undefined && !redirecting.has(path)) filesAt.set(key, filesAt.get(key)! - 1);
          const address = releaseKeyOf(path);
          for (const page of [...(linkedBy.get(path) ?? []), ...(address !== undefined ? linkedByAddress.get(address) ?? [] : [])]) again.add(page);
        }
      }
      round = [...again].filter((path) => keptPaths.has(path)).sort((a, b) => place.get(a)! - place.get(b)!).map((path) => kept[place.get(path)!]!);
    }
    return broken;
  }

  /**
   * Each alias of a public release keeps its old address as a page that
   * redirects to the release: an earlier slug in the language's folder, a
   * path wherever it was. A withdrawn release's aliases lead to its notice,
   * when this build wrote one. Any other release that is not public at
   * `now` gets none, whatever the mode, so that its old address says
   * nothing before it is out (or once it is gone without a notice). An
   * alias whose page would fall where the build writes anything else (the
   * release pages and notices written, the site's pages, a failing
   * release's earlier files) is refused here, before the site's files are
   * made: the site's own files are reserved by name (`reservedAliasFile`).
   */
  function planRedirectPages(items: readonly CheckedRelease[]): RedirectPlan<CheckedRelease> {
    const redirecting = items.filter(({ release, entry }) => {
      const page = manifest.files[pagePath(release.lang, release.slug, 'html')];
      // A page that failed to render has nothing to redirect to.
      if (page?.release !== releaseKey(entry)) return false;
      // The release's own page if it is public (not a preview's copy of one that is not), or the notice this build wrote in its place.
      return page.kind === 'withdrawn' || publicationOf(entry, options.now, timeZone).public;
    });
    const plan = planRedirects(redirecting, (item) => item.release, claimedFiles);
    for (const { item: { release }, alias, clash } of plan.refused) {
      diagnostics.push({ ...FRESH, ...(release.aliasesAt?.[alias.index] ?? release.slugAt), severity: 'error', ruleId: 'alias/reserved', ...aliasClash(alias, clash) });
    }
    return plan;
  }

  /**
   * The files a redirect page may not take, each held by its own path as it
   * was written (that is what a clash names): made on the first alias, since
   * most builds have none and an archive has tens of thousands of paths.
   */
  function claimedFiles(): ClaimedFiles<string> {
    if (taken) return taken;
    taken = new ClaimedFiles<string>();
    for (const path of Object.keys(manifest.files)) taken.claim(path, path);
    // The pages an earlier build wrote for a release that fails now stay (see staleOutputs): no redirect takes their place.
    for (const [path, entry] of Object.entries(previous?.files ?? {})) if (keptWhileFailing(entry)) taken.claim(path, path);
    return taken;
  }

  /** The aliases `planRedirectPages` refused, for releases.json. */
  function refusedAliases(plan: RedirectPlan<CheckedRelease> | undefined): RefusedAliases {
    const refused = new Map<string, Set<number>>();
    for (const { item: { entry }, alias } of plan?.refused ?? []) {
      const key = releaseKey(entry);
      let indexes = refused.get(key);
      if (!indexes) refused.set(key, (indexes = new Set()));
      indexes.add(alias.index);
    }
    return refused;
  }

  /** Writes the redirect pages `planRedirectPages` kept; `redirects.json` lists them all for servers that answer with a 301. */
  async function writeRedirects(plan: RedirectPlan<CheckedRelease>): Promise<void> {
    const records: RedirectRecord[] = [];
    for (const { item: { release, entry }, alias } of plan.kept) {
      // The site's files made since the plan are reserved by name, so none is where a redirect goes: one that were would be a bug.
      if (Object.hasOwn(manifest.files, alias.file)) throw new Error(`The redirect page ${alias.file} was planned where the build wrote another file.`);
      const target = pagePath(release.lang, release.slug, 'html');
      const canonical = siteAddress(project.config.site?.url, target);
      // A preview's redirect stays in the preview (`serve`, a staging copy): the site's address is only where the page will be.
      const away = mode === 'public' ? canonical : undefined;
      await writeUnlessKept(alias.file, 'redirect', redirectPage({ lang: release.lang, title: release.title, href: away ?? relativeHref(alias.file, target), canonical }), alias.path ? 'wide' : 'plain');
      manifest.files[alias.file] = { release: releaseKey(entry), source: entry.file, kind: 'redirect', public: true };
      records.push({ from: alias.from, path: alias.decoded, to: away ?? `/${target}`, file: alias.file });
    }
    // The redirect pages a failed release keeps (see staleOutputs) stay in the map while the release is public.
    // As staleOutputs decides for the redirect pages themselves.
    const kept = keptRedirects(out, previous, failed, (page) => page.public && keptWhileFailing(page));
    // One whose page this build wrote over (another release's page or alias now lives there) is that one's now.
    for (const record of kept) if (!Object.hasOwn(manifest.files, record.file)) records.push(record);
    if (records.length > 0 && !claimedFiles().has(REDIRECT_MAP)) {
      await writeUnlessKept(REDIRECT_MAP, 'site', redirectMap(records));
      manifest.files[REDIRECT_MAP] = siteFileEntry;
    }
  }

  /**
   * Stages a page no release renders (a redirect page, a withdrawal notice, redirects.json), or, where the earlier build
   * wrote the same kind of file with these very bytes, reserves its path only (for the checks of its name and of
   * the build's other files) and leaves the file as it is: an archive's redirect pages were all written again on every
   * build, and listed as written.
   */
  async function writeUnlessKept(path: string, kind: ManifestEntry['kind'], content: string, names: OutputNames = 'plain'): Promise<void> {
    const bytes = Buffer.from(content);
    if (previous?.files[path]?.kind === kind && holdsText(join(out, path), bytes)) {
      stage.reserve(path, names);
      return;
    }
    await stage.write(path, bytes, names);
  }

  /** A notice's sentences from the set's labels for the release's language. */
  function withdrawnWords(lang: string): WithdrawnWords {
    const labels = labelsFor(set.labels, lang)?.values ?? {};
    return {
      withdrawnOn: labels.withdrawn_on ?? WITHDRAWN_WORDS_EN.withdrawnOn,
      firstPublished: labels.first_published ?? WITHDRAWN_WORDS_EN.firstPublished,
    };
  }

  /** A withdrawn release keeps its address with a notice when one is due (`withdrawalNoticeDue`); the releases it wrote one for. */
  async function writeWithdrawnNotices(items: readonly CheckedRelease[]): Promise<CheckedRelease[]> {
    const noticed: CheckedRelease[] = [];
    for (const item of items) {
      const { release, entry } = item;
      const path = pagePath(release.lang, release.slug, 'html');
      // The withdrawal date says a notice is due, not what an earlier build wrote: a fresh build (a CI job's) writes the same as an incremental one.
      if (!withdrawalNoticeDue(release, timeZone) || Object.hasOwn(manifest.files, path)) continue;
      // A page a failing release keeps there (an alias, say) stays as it is, in redirects.json too, until that file is fixed.
      const earlier = previous?.files[path];
      if (earlier && earlier.release !== releaseKey(entry) && keptWhileFailing(earlier)) continue;
      // A release withdrawn while its embargo holds at --now gets none, even one an earlier build with a later --now wrote: nothing of a release under embargo is in a normal build.
      if (isUnderEmbargo(release, options.now, timeZone)) continue;
      const siteName = localizedValue(project.config.site?.name, release.lang) ?? localizedValue(project.config.organisation?.name, release.lang);
      await writeUnlessKept(path, 'withdrawn', withdrawnPage({
        lang: release.lang, title: release.title, date: release.date, withdrawnDate: release.withdrawn_date, reason: release.withdrawn_reason,
        siteName, canonical: siteAddress(project.config.site?.url, path), words: withdrawnWords(release.lang), calendar: calendarFor(project.config.calendars, release.lang), timeZone,
      }));
      manifest.files[path] = { release: releaseKey(entry), source: entry.file, kind: 'withdrawn', public: true };
      // For the wire systems that took the release's ninjs document: one at its address that takes it back.
      const document = pagePath(release.lang, release.slug, 'ninjs');
      if (options.formats.includes('ninjs') && !Object.hasOwn(manifest.files, document)) {
        const publisher = localizedValue(project.config.organisation?.name, release.lang) ?? siteName;
        await writeUnlessKept(document, 'withdrawn', `${JSON.stringify(ninjsWithdrawal({
          lang: release.lang, id: release.id, title: release.title, url: siteAddress(project.config.site?.url, path) ?? null,
          published: toDateTime(release.date, timeZone), withdrawn: toDateTime(release.withdrawn_date!, timeZone), reason: release.withdrawn_reason, publisher,
        }), null, 2)}\n`);
        manifest.files[document] = { release: releaseKey(entry), source: entry.file, kind: 'withdrawn', public: true };
      }
      noticed.push(item);
    }
    return noticed;
  }

  /** Claims the paths of a release's outputs in the staging folder, in build order; undefined when one of them may not be written. */
  function reserve(item: CheckedRelease): string[] | undefined {
    // The pages, then the e-mail message, which the thread that renders the release writes as well.
    const paths = outputPaths(item);
    for (const path of paths) {
      const problem = unsafeOutputPath(path);
      if (problem) {
        diagnostics.push({ ...FRESH, ...item.release.slugAt, severity: 'error', ruleId: 'output/collision', message: `The output path ${JSON.stringify(path)} is not safe: ${problem}.` });
        return undefined;
      }
    }
    for (const path of paths) stage.reserve(path);
    return paths;
  }
}

const releaseKey = (entry: Pick<IndexEntry, 'lang' | 'id'>) => `${entry.lang}/${entry.id}`;

/**
 * A preview (`--drafts`, `--embargoed`) never goes into a folder that a
 * normal build wrote, so that it is never uploaded by mistake: without a
 * manifest, any folder with files in it counts as one.
 */
async function refusePreviewOverPublic(out: string, shown: string, previous: OutputManifest | undefined, mode: PublicationMode): Promise<void> {
  const option = mode === 'drafts' ? '--drafts' : '--embargoed';
  const hint = `Build the preview into a folder of its own, such as --out preview, or add --force to write into this one.`;
  if (previous?.mode === 'public') {
    throw new UsageError(`Refusing to write a ${option} build into ${shown}: a normal build wrote it, and the preview would put releases that are not public beside the public ones.`, hint);
  }
  if (!previous) {
    const entries = await readdir(out).catch(() => [] as string[]);
    if (entries.length > 0) throw new UsageError(`Refusing to write a ${option} build into ${shown}: the folder is not empty and no earlier preview wrote it.`, hint);
  }
}

interface Removals {
  removed: RemovedOutput[];
  /** Files of the earlier build that stay, with their manifest entries: their release failed this time. */
  kept: Record<string, ManifestEntry>;
  diagnostics: Diagnostic[];
  /**
   * The reports among them that say a page is removed (`publication/unpublished`, `publication/slug-changed`), with what they
   * say instead in a build that writes nothing: the page is still there.
   */
  takedowns: { diagnostic: Diagnostic; stillThere: string }[];
}

/**
 * What an earlier build wrote that this one does not: removed, with the
 * reason, unless the release failed its checks this time (an error never
 * takes a page down; fixing it does).
 */
/** What a build knows when it decides on the earlier pages of releases whose files now fail. */
interface FailingContext {
  /** The status and embargo of each file with errors, where they can be read (`CheckResult.failedPublication`). */
  failedPublication: CheckResult['failedPublication'];
  /** The mode of the build that wrote the folder, and of this one. */
  previousMode: string | undefined;
  mode: string;
  now: number;
  timeZone: string;
  /** Ids with a translation that was public in the last build and is not now: pages rendered then name it. */
  unpublishedIds: ReadonlySet<string>;
  /** The config's `withdrawnNotices`: without notices, a withdrawn release's notice goes too. */
  withdrawnNotices: boolean;
  /** The releases (`lang/id`) the last build wrote a withdrawal notice for. */
  noticed: ReadonlySet<string>;
  /** The releases (`lang/id`) whose earlier files link to a file this build removes or gives another release, with that file and what became of it (see `keptWithBrokenLinks`). */
  brokenLinks: ReadonlyMap<string, string>;
  /** The `site.url` the earlier build wrote its pages for, when it was another (null: none); undefined when it is the same or not known. */
  movedFrom: string | null | undefined;
}

/**
 * Whether an earlier page of a release whose file now has errors stays
 * until the file is fixed, or why it goes: a normal build keeps only what a
 * normal build wrote as public; it takes down the pages of a release whose
 * status and embargo can still be read and say it is not written now, and
 * of one whose translation stopped being public (the page names it). A
 * withdrawn release keeps only its notice, and not even that while its
 * embargo holds or where the config keeps no notices. `report` is set when the release itself is taken down.
 */
function failingFate(entry: ManifestEntry, context: FailingContext): { stays: true } | { stays: false; reason: string; report?: { reason: NotPublicReason; statusAt: SourceLocation; embargo: string | undefined } } {
  const { previousMode, mode, now, timeZone } = context;
  if (mode === 'public' && (previousMode !== 'public' || !entry.public)) return { stays: false, reason: `${previousMode === 'public' ? 'it was not public in the last build' : 'a preview wrote it'}, and its file has errors now` };
  const facts = context.failedPublication.get(entry.source);
  if (facts && isPublicationMode(mode) && !isIncluded(facts, mode, now, timeZone)) {
    const publication = publicationOf(facts, now, timeZone);
    if (!publication.public) {
      const down = { stays: false as const, reason: `${REASON_TEXT[publication.reason]} now (its file has errors too)`, report: { reason: publication.reason, statusAt: facts.statusAt, embargo: facts.embargo } };
      if (publication.reason !== 'withdrawn' || isUnderEmbargo(facts, now, timeZone)) return down;
      // Withdrawn: the notice stays (it has no text of the release) where the site keeps notices and its facts still call for one, and so do
      // the redirects that lead to it; the pages with its text go.
      if (!leadsToNotice(entry, context) || !context.withdrawnNotices || !withdrawalNoticeDue(facts, timeZone)) return down;
    }
  }
  // Its pages give the site's address in full (canonical, feeds, translations): built for another, they link where this site is not.
  if (context.movedFrom !== undefined) {
    return { stays: false, reason: `it was built when site.url was ${context.movedFrom === null ? 'not set' : `"${context.movedFrom}"`}, and its file has errors` };
  }
  // Its pages name the translation; its aliases and images would outlive them. A notice names none.
  if (mode === 'public' && !leadsToNotice(entry, context) && context.unpublishedIds.has(idOf(entry.release))) {
    return { stays: false, reason: 'a translation it names is no longer public, and its file has errors' };
  }
  const gone = context.brokenLinks.get(entry.release);
  if (gone !== undefined) return { stays: false, reason: `it links to ${gone}, and its file has errors` };
  return { stays: true };
}

/** The list at `key` of a map of lists, made empty the first time. */
function listAt<T>(lists: Map<string, T[]>, key: string): T[] {
  let list = lists.get(key);
  if (!list) lists.set(key, (list = []));
  return list;
}

/** Whether an earlier page is a withdrawal notice, or a redirect to one: the last build wrote its release a notice, so its aliases led there. */
function leadsToNotice(entry: ManifestEntry, context: FailingContext): boolean {
  return entry.kind === 'withdrawn' || (entry.kind === 'redirect' && context.noticed.has(entry.release));
}

/** The id in a manifest entry's release key (`lang/id`). */
const idOf = (release: string) => release.slice(release.indexOf('/') + 1);

/**
 * The check with the releases this build would write (and the withdrawn
 * ones it writes a notice for) in a language a template set of the build
 * (the pages', and the e-mail set for `eml`) has no labels for failed, each with an error at its `lang`
 * (`unlabelled`, as `validate` reports it): their pages could not be
 * rendered, and a failure found before rendering names the release and the
 * labels file to add, where one found while rendering could only name the
 * template's first label.
 */
function withoutUnlabelled(checked: CheckResult, sets: readonly { set: TemplateSet; chain: readonly SetLocation[]; named: boolean }[], search: TemplateSearch, { config, now, mode, notices }: { config: Config; now: number; mode: PublicationMode; notices: boolean }): CheckResult {
  const timeZone = config.timezone;
  const valid = checked.releases.filter(({ entry }) => !checked.failedFiles.has(entry.file));
  const written = new Set(publicEntries(valid.map((r) => r.entry), now, timeZone, mode));
  // A withdrawal notice is written in the release's language, with the words of the pages' set (see `writeWithdrawnNotices`).
  const noticed = (entry: IndexEntry) => notices && entry.status === 'withdrawn' && withdrawalNoticeDue(entry, timeZone) && !isUnderEmbargo(entry, now, timeZone);
  const needs = sets.map((_, i) => valid.filter(({ entry }) => written.has(entry) || (i === 0 && noticed(entry))));
  if (sets.every(({ set }, i) => needs[i]!.every(({ entry }) => labelsFor(set.labels, entry.lang) !== undefined))) return checked;
  const problems: Diagnostic[] = [];
  sets.forEach((loaded, i) => {
    // One error per release: the first set without its words is the one named.
    const named = new Set(problems.map((d) => d.file));
    const releases = needs[i]!.filter((r) => !named.has(r.release.file)).map((r) => ({ release: r.release, text: { path: r.source.path } }));
    for (const d of unlabelled(releases, loaded, search, config, loaded.named)) problems.push(d);
  });
  if (problems.length === 0) return checked;
  const failedFiles = new Set(checked.failedFiles);
  const failedPublication = new Map(checked.failedPublication);
  for (const d of problems) failedFiles.add(d.file);
  // As for a failure across files, the release's entry says whether it is public.
  for (const entry of checked.index) if (failedFiles.has(entry.file) && !failedPublication.has(entry.file)) failedPublication.set(entry.file, entry);
  return { ...FRESH, ...checked, diagnostics: [...checked.diagnostics, ...problems].sort(compareDiagnostics), failedFiles, failedPublication };
}

/**
 * The `site.url` the earlier build wrote the folder for, when it is not the
 * one of this build (null: it had none); undefined when they are the same,
 * or the manifest does not say (an earlier version wrote it).
 */
function siteMovedFrom(previous: OutputManifest | undefined, siteUrl: string | undefined): string | null | undefined {
  if (previous?.site === undefined) return undefined;
  const root = (url: string | null | undefined) => (url ? absoluteUrl(url, '') : null);
  return root(previous.site) === root(siteUrl) ? undefined : previous.site;
}

/** The releases the last build wrote a withdrawal notice for. */
function noticedReleases(previous: OutputManifest | undefined): Set<string> {
  const releases = new Set<string>();
  for (const entry of Object.values(previous?.files ?? {})) if (entry.kind === 'withdrawn') releases.add(entry.release);
  return releases;
}

/**
 * The ids with a translation that was public in the last build and is not
 * now: one that checks and is not written, one that is gone from the
 * project, or one whose file fails and whose status and embargo say it is
 * not public (a release that fails only across files, such as a duplicate
 * slug, is still public).
 */
function unpublishedTranslationIds(previous: OutputManifest | undefined, checked: CheckResult, included: ReadonlySet<IndexEntry>, now: number, timeZone: string): Set<string> {
  const ids = new Set<string>();
  if (!previous) return ids;
  const byKey = entriesByKey(checked);
  const bySource = new Map(checked.index.map((e) => [e.file, e]));
  for (const entry of Object.values(previous.files)) {
    if (!entry.public || entry.kind !== 'release') continue;
    if (checked.failedFiles.has(entry.source)) {
      const facts = checked.failedPublication.get(entry.source);
      if (facts && !publicationOf(facts, now, timeZone).public) ids.add(idOf(entry.release));
      continue;
    }
    const current = byKey.get(entry.release);
    // Gone from the project (deleted, its language or id changed, moved where it is ignored) is no longer public either; so is one whose
    // language and id another file has taken: the pages name the release of the file that had them, its title at its address.
    const own = bySource.get(entry.source);
    if (!current || !included.has(current) || (own !== undefined && own !== current)) ids.add(idOf(entry.release));
  }
  return ids;
}

/**
 * The releases of this build by language and id. Two files may claim one
 * (an id used twice is an error of the second): the one whose file checks
 * is that release, not the duplicate, whatever their order.
 */
function entriesByKey(checked: CheckResult): Map<string, IndexEntry> {
  const byKey = new Map<string, IndexEntry>();
  for (const entry of checked.index) {
    const key = releaseKey(entry);
    const known = byKey.get(key);
    if (!known || (checked.failedFiles.has(known.file) && !checked.failedFiles.has(entry.file))) byKey.set(key, entry);
  }
  return byKey;
}

/**
 * The hint of `publication/unpublished`: what brings the page back. A release under embargo again (its `embargo` moved later, or
 * the build's clock earlier) kept its status, which is not the thing to set back.
 */
function unpublishedHint(reason: NotPublicReason, embargo: string | undefined, hasErrors: boolean): string {
  if (reason === 'embargoed') {
    return `Its embargo lifts at ${embargo ?? 'a time still to come'}, after the time of this build (\`--now\`, else the clock): the page returns at the same address with the first build after that${hasErrors ? ' once the file\'s errors are fixed' : ''}. If the embargo or \`--now\` is a mistake, correct it and build again.`;
  }
  return `If that is a mistake, set \`status\` back${hasErrors ? ', fix the file\'s errors' : ''} and build again; the page returns at the same address.`;
}

/** The `publication/unpublished` message: the page is removed, or, in a build that wrote nothing, still there. */
function unpublishedMessage(path: string, reason: string, removed: boolean): string {
  return removed
    ? `${path} was public in the last build and is removed: ${reason} now.`
    : `${path} was public in the last build and is to be removed (${reason} now), but this build has errors and wrote nothing: it is still there.`;
}

/** The reports that a page is removed, in a build that wrote nothing: the pages they name are still there. */
function notRemoved(takedowns: Removals['takedowns']): void {
  for (const { diagnostic, stillThere } of takedowns) diagnostic.message = stillThere;
}

function staleOutputs(previous: OutputManifest | undefined, manifest: OutputManifest, checked: CheckResult, included: ReadonlySet<IndexEntry>, now: number, timeZone: string, rules: RuleSettings | undefined, failing: () => FailingContext, renderFailed: ReadonlySet<string>): Removals {
  const result: Removals = { removed: [], kept: Object.create(null) as Record<string, ManifestEntry>, diagnostics: [], takedowns: [] };
  if (!previous) return result;
  const reportUnpublished = (file: string, path: string, reason: string, at: SourceLocation, hint: string) => {
    const before = result.diagnostics.length;
    createReporter(file, rules, result.diagnostics)('publication/unpublished', { ...FRESH, ...at, message: unpublishedMessage(path, reason, true), hint });
    // Turned off (or past the limit per rule), it reports nothing of its own; else its message changes if the build writes nothing.
    const reported = result.diagnostics.length > before ? result.diagnostics.at(-1)! : undefined;
    if (reported?.message === unpublishedMessage(path, reason, true)) result.takedowns.push({ diagnostic: reported, stillThere: unpublishedMessage(path, reason, false) });
  };
  // The releases by key and by file, and the input files of this build as manifest entries name their sources (`inputs`): made for the
  // first file this build no longer writes, since most rebuilds write every file the earlier one did.
  let lookups: { byKey: Map<string, IndexEntry>; bySource: Map<string, IndexEntry>; inputs: Set<string> } | undefined;
  const reported = new Set<string>();
  /** `publication/slug-changed`, once for a release and its old slug; `taker`, the entry of the release whose page the old address is now. */
  const reportSlugChange = (entry: ManifestEntry, release: IndexEntry, oldSlug: string, taker?: ManifestEntry) => {
    const key = `${entry.release} ${oldSlug}`;
    if (reported.has(key)) return;
    reported.add(key);
    const before = result.diagnostics.length;
    const change = `The slug changed from "${oldSlug}" to "${release.slug}": ${releasePath(release.lang, oldSlug)}`;
    const message = taker ? `${change} is now the page of ${excerpt(taker.source)}, and links to it lead there.` : `${change} is removed, and links to it break.`;
    createReporter(release.file, rules, result.diagnostics)('publication/slug-changed', {
      ...FRESH, ...release.slugAt, message,
      hint: taker
        ? `Links to the old address open the other release now; to keep them leading to this one, give ${excerpt(taker.source)} another slug and add \`aliases: [${oldSlug}]\` here.`
        : `Add \`aliases: [${oldSlug}]\` to keep the old address as a redirect.`,
    });
    // Turned off (or past the limit per rule), it reports nothing of its own; else its message changes if the build writes nothing.
    const reportedChange = result.diagnostics.length > before ? result.diagnostics.at(-1)! : undefined;
    if (reportedChange?.message !== message) return;
    const stillThere = taker
      ? `${change} is to become the page of ${excerpt(taker.source)}, but this build has errors and wrote nothing: it is still this release's.`
      : `${change} is to be removed, and links to it break, but this build has errors and wrote nothing: it is still there.`;
    result.takedowns.push({ diagnostic: reportedChange, stillThere });
  };
  for (const path in previous.files) {
    if (Object.hasOwn(manifest.files, path)) {
      // A page this build writes for another release (one given the old slug of a release renamed in the same edit, or two that swapped
      // slugs): nothing is removed, but links to the old address now open another release.
      const entry = previous.files[path]!;
      const taker = manifest.files[path]!;
      if (entry.kind !== 'release' || !entry.public || taker.kind !== 'release' || taker.release === entry.release) continue;
      lookups ??= { byKey: entriesByKey(checked), bySource: new Map(checked.index.map((e) => [e.file, e])), inputs: new Set([...checked.index.map((e) => e.file), ...checked.failedFiles]) };
      // The same release from the same file: a file that took the language and id of another (which took new ones) is no rename.
      const renamed = lookups.byKey.get(entry.release);
      if (!renamed || renamed.file !== entry.source || !included.has(renamed) || renderFailed.has(renamed.file) || path.startsWith(`${languageFolder(renamed.lang)}/${renamed.slug}.`)) continue;
      reportSlugChange(entry, renamed, path.slice(renamed.lang.length + 1).split('.')[0] ?? '', taker);
      continue;
    }
    if (path === MANIFEST_NAME) continue;
    const entry = previous.files[path]!;
    if (entry.kind === 'site') {
      result.removed.push({ path, reason: 'the site no longer has it (a listing page, tag or feed it does not need now)' });
      continue;
    }
    if (checked.failedFiles.has(entry.source)) {
      // A release whose file has errors keeps its earlier pages until it is fixed, unless the build can tell that it
      // does not write it now (its status and embargo could be read), and never pages that were not public (a preview's).
      const fate = failingFate(entry, failing());
      if (fate.stays) {
        result.kept[path] = entry;
        continue;
      }
      result.removed.push({ path, reason: fate.reason });
      if (fate.report && entry.public && !reported.has(entry.release)) {
        reported.add(entry.release);
        reportUnpublished(entry.source, path, REASON_TEXT[fate.report.reason], fate.report.statusAt, unpublishedHint(fate.report.reason, fate.report.embargo, true));
      }
      continue;
    }
    lookups ??= { byKey: entriesByKey(checked), bySource: new Map(checked.index.map((e) => [e.file, e])), inputs: new Set([...checked.index.map((e) => e.file), ...checked.failedFiles]) };
    const { byKey, bySource, inputs } = lookups;
    // The release its file makes now; another file may have taken its language and id since (a translation given the id of the one pulled back).
    const own = bySource.get(entry.source);
    const keyed = byKey.get(entry.release);
    const now_ = keyed && (!own || keyed === own) ? keyed : undefined;
    let reason: string;
    if (!now_) {
      const publication = own && !included.has(own) ? publicationOf(own, now, timeZone) : undefined;
      if (own && publication && !publication.public) {
        reason = `${REASON_TEXT[publication.reason]} now (its id or language changed too)`;
        if (entry.public && !reported.has(entry.release)) {
          reported.add(entry.release);
          reportUnpublished(own.file, path, REASON_TEXT[publication.reason], own.statusAt, unpublishedHint(publication.reason, own.embargo, false));
        }
      } else {
        reason = inputs.has(entry.source)
          ? 'its release is gone (its file\'s id or language changed)'
          : `its release is gone: ${excerpt(entry.source)} is not among this build's inputs (deleted, or outside the paths given)`;
      }
    }
    else if (!included.has(now_)) {
      const publication = publicationOf(now_, now, timeZone);
      reason = publication.public ? 'it is no longer built' : `${REASON_TEXT[publication.reason]} now`;
      if (entry.public && !publication.public && !reported.has(entry.release)) {
        reported.add(entry.release);
        reportUnpublished(now_.file, path, REASON_TEXT[publication.reason], now_.statusAt, unpublishedHint(publication.reason, now_.embargo, false));
      }
    } else if (renderFailed.has(now_.file)) {
      reason = 'its release failed while it was rendered (the error is reported with it)';
    } else if (entry.kind === 'release' && !path.startsWith(`${languageFolder(now_.lang)}/${now_.slug}.`)) {
      reason = `the slug is now "${now_.slug}"`;
      const oldSlug = path.slice(now_.lang.length + 1).split('.')[0] ?? '';
      if (entry.public && !(now_.aliases ?? []).includes(oldSlug)) reportSlugChange(entry, now_, oldSlug);
    }
    // A copy lies in a folder named by its release's slug: one in another folder was left there by a slug the release no longer has.
    else if (entry.kind === 'image') reason = path.startsWith(`${imageFolder(now_.lang, now_.slug)}/`) ? 'its release no longer shows the image' : `the slug is now "${now_.slug}"`;
    else reason = 'it is no longer built (a format left out, or an old notice or redirect)';
    result.removed.push({ path, reason });
  }
  result.removed.sort((a, b) => (a.path < b.path ? -1 : 1));
  return result;
}

