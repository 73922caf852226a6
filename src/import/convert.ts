import { posix } from 'node:path';
import { countBefore } from '../core/sorted.js';
import { ClaimedFiles, readAliasPath, reservedAliasFile } from '../core/aliases.js';
import { collisionKey } from '../core/collection.js';
import { ID_PATTERN, type Language } from '../core/schema.js';
import { releasePath, RESERVED_SLUGS } from '../core/site/paths.js';
import { isReservedName, releaseSlug, slugify, titleSlug } from '../core/slug.js';
import { unreservedSlug } from '../core/draft.js';
import { convertBody, isHiddenDivider, shorten, type BodyNote, type ConvertedBody, type LinkResolver, type OldSiteFile } from './body.js';
import { htmlToMarkdown } from './html.js';
import { oldSummary } from './summary.js';
import { fileNameDate, formatInZone, normaliseDate } from './dates.js';
import { dateInZone } from '../core/draft.js';
import { toInstant } from '../core/dates.js';
import { emitRelease, type ReleaseFields } from './emit.js';
import { holdsText, mapFrontMatter, splitPost, truthy, type MappedFields, type SplitPost } from './front-matter.js';
import { withHugoDates } from './hugo-dates.js';
import { deepestFolder, matchLanguage, type PostPath, type SiteKind } from './paths.js';
import { hugoUglySection, hugoUrl, jekyllUrl, jekyllUrlPath, ofLanguage, polyglotUrlKey, withJekyllDefaults, writtenDate, type SiteSettings } from './site-config.js';
import { FRESH } from '../core/objects.js';
import { caselessValue, readCascade, withCascade, type SectionCascade } from './cascade.js';
import { MATCH_STEPS } from './globs.js';
import { isSlash, lineBreaksIn, trimWhere } from '../core/text.js';
import { SUMMARY_MAX } from '../core/rules.js';

/**
 * Converting a whole site at once, as pure functions over the posts' text:
 * translations have to be paired and links between posts resolved, which
 * needs every post. The I/O part reads the posts and writes the result.
 */

export interface ImportSettings {
  site: SiteKind;
  /** The project's time zone, for date-times. */
  timeZone: string;
  /** The project's languages. */
  languages: readonly Language[];
  /** `--lang`: the language of posts whose path and front matter name none. */
  lang?: Language;
  /** `--lang-from-path`: a language folder or suffix in the path decides. */
  langFromPath: boolean;
  /** Hugo's content folder relative to the site ('' when the site folder is it). */
  contentRoot: string;
  /** What the site's own configuration says. */
  siteSettings?: SiteSettings;
  /** The clock (ms since the epoch) against which a Hugo `expiryDate` is read: a page expired by then is kept back. */
  now?: number;
  /**
   * The path the new site is served under (the path of the project's
   * `site.url`, '' at the root); old addresses become aliases relative to
   * it. Unset: the old site's base (`baseurl`), the new site taking its place.
   */
  siteBase?: string;
  /** Every file of the old site, relative to its folder: where an image at an address of the old site (`/assets/a.jpg`) is. */
  siteFiles?: ReadonlySet<string>;
  /** Hugo's section pages (`_index.md`): what they hand down (`cascade`, a `draft` section) reaches the pages under them. */
  sections?: readonly SectionSource[];
  /**
   * What an earlier run gave each post, by its path in the site (see
   * `readEarlierAssignments`): a post keeps its numbered id and slug
   * (`a-2`) when a post added since comes before it, instead of handing its
   * file and its address to the newcomer.
   */
  earlier?: ReadonlyMap<string, EarlierAssignment>;
}

/** The id and slug an earlier run gave a post. */
export interface EarlierAssignment {
  id: string;
  slug: string;
}

/** Whether `name` is `base` or one of its numbered forms (`base-2`), as `Numbering` makes them with `cut` characters of `base` kept. */
function numberedFrom(name: string, base: string, cut: number): boolean {
  if (name === base) return true;
  const stem = `${base.slice(0, cut)}-`;
  return name.startsWith(stem) && /^[1-9]\d*$/.test(name.slice(stem.length));
}

/** A Hugo section page as read: its text, the folders above it and a language suffix (`_index.ru.md`). */
export interface SectionSource {
  path: string;
  text: string;
  /** Why the file could not be read (too large, not UTF-8): then `text` is empty. */
  unread?: string;
  folders: string[];
  langSuffix?: string;
}

export interface SourcePost {
  where: PostPath;
  text: string;
  /** When the file was last changed (ms since the epoch), for a Jekyll draft: Jekyll dates a draft without a date by it. */
  modified?: number;
  /** Why whether the old site read the file at all is not known (an `ignoreFiles` pattern that cannot be run safely): it is kept back. */
  unsure?: string;
  /** The legacy encoding (`windows-1251`) an HTML post that is not UTF-8 was read in, as its `<meta charset>` declares. */
  encoding?: string;
}

/** Something a person should look at: where in the new release, and where it came from. */
export interface ImportNote {
  /** The release file, relative to the destination folder. */
  file: string;
  line: number;
  source: string;
  sourceLine: number;
  message: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
  line?: number;
  /**
   * A post the site's reading could not read (not UTF-8, over the size
   * limit): the run failed for it, as for every post a plan skips (no date,
   * no language). A file passed over on purpose (a list page, a layout,
   * another format, what the site excluded) is no failure.
   */
  failed?: true;
}

export interface PlannedRelease {
  source: string;
  /** Relative to the destination folder: `<lang>/<id>.md`. */
  target: string;
  lang: Language;
  id: string;
  slug: string;
  status: 'draft' | 'approved' | 'published';
  text: string;
  /**
   * A published release as an import before the post's date made it: held
   * until then (`approved`, under that embargo). A release edited by hand
   * since is no conflict with `text`: only the clock changed. Made when
   * asked, for the few releases edited by hand.
   */
  heldText?: () => string;
  /** The old address, when the post set one. */
  oldUrl?: string;
  dropped: string[];
}

export interface ImportPlan {
  releases: PlannedRelease[];
  skipped: SkippedFile[];
  notes: ImportNote[];
  /** How many posts had each dropped front matter key. */
  dropped: Record<string, number>;
}

interface Draft {
  post: SourcePost;
  split: SplitPost;
  /** The body to convert: the post's, or an HTML post's as Markdown. */
  body: string;
  /** Jekyll's `excerpt_separator`, the summary divider in place of `<!--more-->`, when the post or the site sets one (see `convertBody`). */
  divider?: string;
  fields: MappedFields;
  lang: Language;
  date: string;
  title: string;
  /** From its `slug`, the tail of its old address, its file name or its title, the first that keeps a Latin letter; else its id's, once ids are given. */
  slug: string;
  /** When neither its name (what it names: its `slug`, its old address or its file name) nor its title gives a slug with a Latin letter: it takes its id's, as a release without a slug does. */
  slugFromId?: string;
  /** The post's old addresses that a redirect page can keep, as site-relative paths. */
  aliases: string[];
  /** The address the old site gave the post, when it can be told. */
  oldUrl?: string;
  /** Old addresses that cannot be kept, named in the release's comment. */
  lostUrls: string[];
  /** The old site did not show it: a Jekyll draft it did not build, it redirected elsewhere, Hugo made no page of it, its `expiryDate` had passed, or its `publishDate` cannot be read. */
  keptBack: boolean;
  /** Hugo's `publishDate`, when the post has one beside its date: the moment it was published from. */
  publishAt?: string;
  groupKey: string;
  idBase: string;
  id: string;
  /** `bodyOffset`: where in `body` the note is about (an HTML post's, converted), for the line of the release it is at; else its first. */
  notes: { sourceLine: number; message: string; bodyOffset?: number }[];
  /** An HTML post's: the line of the post of a place in `body`, its Markdown, which no offset of the post's own text gives. */
  sourceLineAt?: (bodyOffset: number) => number;
}

const isDraft = (d: Draft) => d.fields.draft || d.keptBack;

/**
 * A release's status, and its embargo: a post dated after the import's clock
 * is one Jekyll and Hugo do not publish until its date (without `future:
 * true` or `buildFuture`), so it is held until then (`approved`, with its
 * date as the embargo) rather than published at the next build.
 */
function publication(d: Draft, settings: ImportSettings): { status: 'draft' | 'approved' | 'published'; embargo?: string } {
  if (isDraft(d)) return { status: 'draft' };
  const at = settings.now === undefined ? undefined : publishedFrom(d, settings);
  return at !== undefined && at > settings.now! ? { status: 'approved', embargo: formatInZone(at, settings.timeZone) } : { status: 'published' };
}

/**
 * The moment the old site published a post from, which holds it until then
 * when it is still to come; undefined for a draft, on a site that published
 * such posts at once, or for a date that cannot be read.
 */
function publishedFrom(d: Draft, settings: ImportSettings): number | undefined {
  // A site built with `buildFuture` (Jekyll's `future`) published such a post at once: it was public already.
  if (isDraft(d) || settings.siteSettings?.builds?.future === true) return undefined;
  try {
    // Hugo publishes a page from its `publishDate`, later than its date or not; a calendar date from its midnight where
    // the old site read it, which may be after the project's.
    return toInstant(d.publishAt ?? d.date, siteZone(settings, d.lang));
  } catch {
    return undefined;
  }
}

/** The time zone the old site read a date without an offset in: its own setting, else Hugo's UTC, else the project's. */
/** Whether Hugo dated pages by their file names (`[frontmatter] date` with `:filename`), and before their front matter or after. */
const filenameDates = (settings: ImportSettings) => (settings.site === 'hugo' ? settings.siteSettings?.filenameDates : undefined);
/** Whether a date as written holds a time of day without an offset (`2020-01-08 18:00`), which is read in the site's time zone. */
function hasWallTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return /\d:\d\d/.test(text) && !/(?:z|[+-]\d\d(?::?\d\d)?)$/i.test(text);
}

const siteZone = (settings: ImportSettings, lang: string) => ofLanguage(settings.siteSettings?.languageTimeZones, lang) ?? settings.siteSettings?.timeZone ?? (settings.site === 'hugo' ? 'UTC' : settings.timeZone);

const byPath = (a: { post: SourcePost }, b: { post: SourcePost }) => (a.post.where.path < b.post.where.path ? -1 : a.post.where.path > b.post.where.path ? 1 : 0);

/** The posts the old site showed before those it did not (drafts, unpublished), each by path: one that was public at an address keeps it, and its slug. */
const publicFirst = (a: Draft, b: Draft) => Number(isDraft(a)) - Number(isDraft(b)) || byPath(a, b);

/** The last segment of a URL path, without `.html`, decoded; undefined for Jekyll placeholders such as `:title`. */
export function urlTail(url: string): string | undefined {
  const path = trimWhere(url.replace(/[?#].*$/, ''), isSlash);
  const segment = path.slice(path.lastIndexOf('/') + 1).replace(/\.html?$/i, '');
  if (segment === '' || segment.includes(':')) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A title from a file name. Jekyll's, for a Jekyll post, is the one its pages showed (`Utils.titleize_slug`): each word between
 * hyphens capitalised as Ruby does, the rest of it in small letters, an underscore kept (`new-centre_opens` → `New
 * Centre_opens`). A Hugo page without a title had none: it gets one in words, `New centre opens`.
 */
function titleFromName(name: string, site: SiteKind): string {
  if (site === 'jekyll') {
    return name.split('-').filter((word) => word !== '').map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join(' ');
  }
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Which language a post is in, or why it cannot be told: a language folder
 * (with --lang-from-path) or suffix (`post.ru.md`, always: Hugo means
 * nothing else by it), then the front matter, then --lang for the rest.
 */
function detectLanguage(post: PostPath, fields: MappedFields, settings: ImportSettings): { ok: true; lang: Language } | { ok: false; reason: string } {
  const known = (code: string | undefined) => (code === undefined ? undefined : matchLanguage(code, settings.languages));
  // Hugo's own configuration says which language a content folder holds: no guess can override it.
  const contentDir = languageContentDir(post, settings);
  if (contentDir) {
    const lang = known(contentDir.lang);
    if (lang) return { ok: true, lang };
    return { ok: false, reason: `it is in ${contentDir.dir}/, the content folder of the site's language "${contentDir.lang}", which is not one of the project's languages (${settings.languages.join(', ')})` };
  }
  // A suffix names one of the site's languages (Hugo's), which the project may not have: the page is in it all the same.
  if (post.langSuffix !== undefined && known(post.langSuffix) === undefined) {
    return { ok: false, reason: `its file name's suffix names the site's language "${post.langSuffix}", which is not one of the project's languages (${settings.languages.join(', ')})` };
  }
  const fromFolder = post.folders.map(known).find((lang) => lang !== undefined);
  const folderLang = settings.langFromPath ? fromFolder : undefined;
  // Hugo published a page in its suffix's language whatever folder it is in (`en/posts/visa.ru.md` at `/ru/en/posts/visa/`).
  const fromPath = settings.site === 'hugo' ? post.langSuffix ?? folderLang : folderLang ?? post.langSuffix;
  if (fromPath) return { ok: true, lang: fromPath };
  if (fields.lang) {
    const lang = known(fields.lang.value);
    if (lang) return { ok: true, lang };
    return { ok: false, reason: `its language "${fields.lang.value}" is not one of the project's languages (${settings.languages.join(', ')})` };
  }
  // jekyll-polyglot's `lang_from_path`: the site itself took a post's language from its folder when the post named none.
  if (fromFolder && polyglotOf(settings)?.langFromPath) return { ok: true, lang: fromFolder };
  if (settings.lang) return { ok: true, lang: settings.lang };
  // Hugo's default language is English when its configuration names none (see `readSiteSettings`; Jekyll has none); but a post in
  // a folder named for another language is more likely in that one, for --lang-from-path to find.
  const named = settings.siteSettings?.defaultLanguage;
  const english = known('en');
  const siteDefault = named !== undefined ? known(named) : settings.site === 'hugo' && (fromFolder === undefined || fromFolder === english) ? english : undefined;
  if (siteDefault) return { ok: true, lang: siteDefault };
  const hint = fromFolder && !settings.langFromPath ? '; its folder names one, so --lang-from-path would find it' : '; name the language of such posts with --lang';
  return { ok: false, reason: `its language is not known${hint}` };
}

/** The Hugo `contentDir` of a language that holds the post (the longest, when they nest), from the site's configuration. */
function languageContentDir(post: { folders: readonly string[] }, settings: ImportSettings): { dir: string; lang: string } | undefined {
  const dirs = settings.site === 'hugo' ? settings.siteSettings?.contentDirs : undefined;
  if (dirs === undefined) return undefined;
  const dir = deepestFolder(post.folders, (folder) => Object.hasOwn(dirs, folder));
  return dir === undefined ? undefined : { dir, lang: dirs[dir]! };
}

/** The releases of a site: every post converted, or listed as skipped with the reason. */
export function planImport(posts: readonly SourcePost[], settings: ImportSettings): ImportPlan {
  const skipped: SkippedFile[] = [];
  const drafts: Draft[] = [];
  const sections = sectionCascades(settings);
  for (const post of [...posts].sort((a, b) => (a.where.path < b.where.path ? -1 : 1))) {
    const draft = readPost(post, settings, sections);
    if ('reason' in draft) skipped.push(draft);
    else drafts.push(draft);
  }
  const siteLanguage = settings.siteSettings?.defaultLanguage;
  assignIds(drafts, (siteLanguage === undefined ? undefined : matchLanguage(siteLanguage, settings.languages)) ?? settings.lang, settings.earlier);
  slugsFromIds(drafts);
  assignSlugs(drafts, settings.earlier);
  dropClashingAliases(drafts);
  const resolve = linkResolver(drafts, settings);
  const oldSiteFile = oldSiteFileFinder(settings);
  const notes: ImportNote[] = [];
  // No prototype: a post's front matter may hold `constructor` or `__proto__`, which a plain object already has or drops.
  const dropped: Record<string, number> = Object.create(null) as Record<string, number>;
  const releases: PlannedRelease[] = [];
  for (const d of drafts) {
    const target = `${d.lang}/${d.id}.md`;
    const body = convertBody(d.body, settings.site, (ref, lang) => resolve(ref, d, lang), oldSiteFile && besidePost(oldSiteFile, d.post.where.path, settings.siteFiles), newSiteBase(settings), d.divider, d.post.where.html === true);
    const summary = d.fields.summary ?? keptSummary(body);
    const fieldsWith = (status: ReturnType<typeof publication>): ReleaseFields => ({
      id: d.id, title: d.title, date: d.date, lang: d.lang,
      ...status,
      slug: d.slug,
      ...(d.aliases.length > 0 ? { aliases: d.aliases } : {}),
      ...(d.fields.subtitle !== undefined ? { subtitle: d.fields.subtitle } : {}),
      ...(d.fields.location !== undefined ? { location: d.fields.location } : {}),
      ...(summary !== undefined ? { summary } : {}),
      ...(d.fields.tags.length > 0 ? { tags: d.fields.tags } : {}),
    });
    const fields = fieldsWith(publication(d, settings));
    const comment = [`Imported from ${settings.site}: ${d.post.where.path}`];
    for (const url of d.lostUrls) comment.push(`Old address, not redirected: ${url}`);
    const emitted = emitRelease(fields, body.text, comment);
    // An earlier run, before the post's date, held it until then: the same publication, which only the clock changed since.
    const from = fields.status === 'published' ? publishedFrom(d, settings) : undefined;
    const heldText = from === undefined ? undefined : () => emitRelease(fieldsWith({ status: 'approved', embargo: formatInZone(from, settings.timeZone) }), body.text, comment).text;
    // Line numbers by binary search: a post with a tag on every line has as many notes as lines.
    const outputLines = lineCounter(body.text.slice(emitted.bodyShift));
    for (const n of d.notes) {
      const line = n.bodyOffset === undefined ? 1 : emitted.bodyLine + outputLines(Math.max(0, body.outputAt(n.bodyOffset) - emitted.bodyShift));
      notes.push({ file: target, line, source: d.post.where.path, sourceLine: n.sourceLine, message: n.message });
    }
    if (body.notes.length > 0) {
      const sourceLines = lineCounter(d.split.body);
      for (const n of body.notes) notes.push(bodyNote(n, d, target, emitted, outputLines, sourceLines));
    }
    for (const key of d.fields.dropped) dropped[key] = (dropped[key] ?? 0) + 1;
    releases.push({
      source: d.post.where.path, target, lang: d.lang, id: d.id, slug: d.slug, status: fields.status, text: emitted.text,
      ...(heldText !== undefined ? { heldText } : {}), ...(d.oldUrl !== undefined ? { oldUrl: d.oldUrl } : {}), dropped: d.fields.dropped,
    });
  }
  return { releases, skipped, notes, dropped };
}

/**
 * The `summary` of a post whose front matter has none: the text before its
 * summary divider, which the old site showed as its summary, when that is
 * plain enough to be one. When it is not, a note at the divider says so,
 * since a summary dropped without a word is not missed until it is needed.
 */
function keptSummary(body: ConvertedBody): string | undefined {
  if (body.divider === undefined) return undefined;
  const read = oldSummary(body.text.slice(0, body.divider.outputOffset));
  if (read === undefined) return undefined;
  if (read.ok) return read.summary;
  // At the line of text below the divider, past the blank line that may stand in its place (see `moreSeparator`).
  let below = body.divider.outputOffset;
  while (body.text[below] === '\n') below++;
  body.notes.push({
    offset: body.divider.offset,
    outputOffset: below,
    message: `the old site's summary, the text before \`${shorten(body.divider.mark.trim())}\`, is not kept as \`summary\`: ${read.reason}; it is still the start of the body, above this line; write a \`summary\` of at most ${SUMMARY_MAX} characters if the release needs one`,
  });
  body.notes.sort((a, b) => a.outputOffset - b.outputOffset);
  return undefined;
}

/** `find`, which reads addresses on the old site, reading a path that is not one (`photo.jpg`) from the folder of the post at `postPath`. */
function besidePost(find: OldSiteFile, postPath: string, files: ReadonlySet<string> | undefined): OldSiteFile {
  return (address) => {
    if (address.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(address)) return find(address);
    let path = address.replace(/[?#].*$/, '');
    try {
      path = decodeURI(path);
    } catch {
      // A broken escape is looked for as written.
    }
    const file = posix.normalize(posix.join(posix.dirname(postPath), path));
    return !file.startsWith('../') && files?.has(file) ? file : undefined;
  };
}

/**
 * Which file of the old site an address on it served: Jekyll serves the
 * site's own files at their paths, Hugo those of its static folders, both
 * under the site's base (which a post may have written out or left to
 * `{{ site.baseurl }}`, converted away).
 */
function oldSiteFileFinder(settings: ImportSettings): OldSiteFile | undefined {
  const files = settings.siteFiles;
  if (files === undefined) return undefined;
  const base = settings.siteSettings?.baseUrl ?? '';
  // Hugo publishes its static folders at the site's root, and a page bundle's files beside its page, at their path in the content.
  const hugoRoots = () => [...(settings.siteSettings?.staticDirs ?? ['static']), settings.siteSettings?.contentDir ?? 'content', ...Object.keys(settings.siteSettings?.contentDirs ?? {})];
  const roots = settings.site === 'jekyll' ? [''] : hugoRoots().map((dir) => `${dir}/`);
  return (address) => {
    let path = address.replace(/[?#].*$/, '');
    try {
      path = decodeURI(path);
    } catch {
      // A broken escape is looked for as written.
    }
    // An address under the old base, or under the new one the conversion wrote for `{{ site.baseurl }}` (see `newSiteBase`).
    const paths = [path];
    for (const prefix of new Set([trimWhere(base, isSlash), newSiteBase(settings)])) if (prefix !== '' && path.startsWith(`${prefix}/`)) paths.push(path.slice(prefix.length));
    for (const p of paths) {
      for (const root of roots) {
        const file = `${root}${p.replace(/^\/+/, '')}`;
        if (files.has(file)) return file;
      }
    }
    return undefined;
  };
}

/** Counts the line breaks of `text` before an offset, by binary search over where they are: the same answer as `lineBreaksIn` (core/text.ts), for many offsets of one text. */
function lineCounter(text: string): (end: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (end) => countBefore(breaks, (at) => at < end);
}

function bodyNote(n: BodyNote, d: Draft, target: string, emitted: { bodyLine: number; bodyShift: number }, outputLines: (end: number) => number, sourceLines: (end: number) => number): ImportNote {
  const outputOffset = Math.max(0, n.outputOffset - emitted.bodyShift);
  return {
    file: target,
    line: emitted.bodyLine + outputLines(outputOffset),
    source: d.post.where.path,
    // An HTML post's body was rewritten before this conversion: its places are the post's blocks that made the Markdown's.
    sourceLine: d.sourceLineAt ? d.sourceLineAt(n.offset) : d.split.bodyLine + sourceLines(n.offset),
    message: n.message,
  };
}

/** Longest Jekyll `excerpt_separator` read as a summary divider. */
const MAX_DIVIDER = 200;

/** Front matter keys themes read a post's lead image from (Hugo's `images`, Jekyll's `image`, and their common kin). */
const LEAD_IMAGE_KEYS = new Set(['image', 'images', 'cover', 'featured_image', 'feature_image', 'featureimage', 'thumbnail']);

function readPost(post: SourcePost, settings: ImportSettings, sections: SectionFolder): Draft | SkippedFile {
  const path = post.where.path;
  const split = splitPost(post.text, path, settings.site);
  if (!split.ok) return { file: path, line: split.line, reason: split.reason };
  const handedDown = settings.site === 'hugo' ? fromSections(post.where, split.post.data, settings, sections) : undefined;
  const jekyllRoot = settings.site === 'jekyll' ? jekyllPostRoot(post.where, settings) : 0;
  const defaulted = settings.site === 'jekyll' ? withJekyllDefaults(split.post.data, path.split('/').slice(jekyllRoot ?? 0).join('/'), post.where.draft, settings.siteSettings?.defaults) : undefined;
  const data = defaulted?.data ?? handedDown?.data ?? split.post.data;
  const mapped = mapFrontMatter(data, settings.site, polyglotOf(settings) !== undefined);
  const notes: Draft['notes'] = mapped.unusable.map((u) => ({ sourceLine: split.post.lineOf(u.key), message: u.message }));
  const builtDraft = jekyllRoot === undefined ? undefined : builtAllTheSame(data, mapped, settings);
  const hugoSources = settings.site === 'hugo' ? settings.siteSettings?.hugoDates : undefined;
  // Hugo's `[frontmatter]` says which keys date the page, publish it from and expire it, in place of its own lists.
  const configured = hugoSources ? withHugoDates(mapped, data, hugoSources, fileNameDate(post.where.name)?.date, settings.siteSettings?.gitInfo === true) : undefined;
  const dated = configured?.fields ?? mapped;
  const fields = builtDraft ? { ...FRESH, ...dated, draft: false } : dated;
  if (builtDraft) {
    const key = Object.keys(split.post.data).find((k) => /^(?:draft|published)$/i.test(k));
    notes.push({ sourceLine: key === undefined ? 1 : split.post.lineOf(key), message: builtDraft });
  }
  for (const message of handedDown?.notes ?? []) notes.push({ sourceLine: 1, message });
  for (const message of configured?.notes ?? []) notes.push({ sourceLine: 1, message });
  if (post.unsure !== undefined) notes.push({ sourceLine: 1, message: post.unsure });
  // What the rest would give (`published: false`) is not known: the safe side is not to publish it.
  if (defaulted?.unmatched) notes.push({ sourceLine: 1, message: `the \`defaults\` of the site's configuration take more than ${MATCH_STEPS.toLocaleString('en')} steps to match against this post (their scopes read over its path, the values they give), so what they give it is not all known; imported as a draft` });
  for (const key of fields.dropped) {
    // One that names no picture (`image: ""`, `cover: {image: "", hidden: true}`) has none to keep.
    if (!LEAD_IMAGE_KEYS.has(key.toLowerCase()) || !holdsText(data[key])) continue;
    notes.push({ sourceLine: split.post.lineOf(key), message: `the post's lead image (\`${key}\`) is not kept: a release's image needs a description of what it shows, which the post has not; add \`image:\` with \`src\` and \`alt\`` });
  }
  const language = detectLanguage(post.where, fields, settings);
  if (!language.ok) return { file: path, line: fields.lang ? split.post.lineOf(fields.lang.key) : 1, reason: language.reason };

  const fromName = fileNameDate(post.where.name);
  // Hugo, told to date pages by their file names first (`[frontmatter] date = [":filename", …]`), reads the front matter's only for the rest.
  const dateField = filenameDates(settings) === 'first' && fromName ? undefined : fields.date;
  let date: string;
  /** Dated by its file's time, which changes with every checkout: its id must not hold that date. */
  let datedByFile = false;
  if (dateField) {
    const normalised = normaliseDate(dateField.value, settings.timeZone, siteZone(settings, language.lang));
    if (!normalised.ok) return { file: path, line: split.post.lineOf(dateField.key), reason: `\`${dateField.key}\`: ${normalised.reason}` };
    date = normalised.date;
    // A time without its offset is read in the site's time zone: one its configuration names wrongly is told, with how it is read.
    const unknownZone = settings.siteSettings?.unknownTimeZone;
    if (unknownZone !== undefined && ofLanguage(settings.siteSettings?.languageTimeZones, language.lang) === undefined && hasWallTime(dateField.value)) {
      notes.push({
        sourceLine: split.post.lineOf(dateField.key),
        message: settings.site === 'jekyll'
          ? `the site's configuration names the time zone ${JSON.stringify(unknownZone.slice(0, 60))}, which is none: Jekyll read this date, written without its offset, in UTC, as the import does; check the release's date`
          : `the site's configuration names the time zone ${JSON.stringify(unknownZone.slice(0, 60))}, which is none, and Hugo does not build such a site: this date, written without its offset, is read in UTC, Hugo's default; check the release's date`,
      });
    }
  } else if (fromName) {
    date = fromName.date;
  } else if (post.where.draft && post.modified !== undefined) {
    // As Jekyll dates a draft that has none: the day its file was last changed.
    date = dateInZone(post.modified, siteZone(settings, language.lang));
    datedByFile = true;
    notes.push({ sourceLine: 1, message: `a draft without a date: dated ${date}, the day its file was last changed, as Jekyll does; set the release's date` });
  } else {
    return { file: path, line: 1, reason: `it has no date, in the front matter or the file name: add \`date:\` to the ${post.where.draft ? 'draft' : 'post'}` };
  }
  // A configuration the site's generator would have refused says nothing of what it kept back: the safe side is not to publish.
  const unread = settings.siteSettings?.unreadConfig;
  if (unread !== undefined) notes.push({ sourceLine: 1, message: `the site's configuration ${unread} cannot be read (see the skipped files), so what it kept from publication is not known; imported as a draft` });
  let keptBack = unread !== undefined || handedDown?.keepBack === true || defaulted?.unmatched === true || post.unsure !== undefined || configured?.keepBack === true || (fields.expiry ? readExpiry(fields.expiry, settings, language.lang, (message) => notes.push({ sourceLine: split.post.lineOf(fields.expiry!.key), message })) : false);
  // Jekyll builds the posts in `_drafts` only when told to (`show_drafts`, `jekyll build --drafts`); one it built was as public as any other.
  const builtFromDrafts = post.where.draft && jekyllRoot !== undefined && jekyllShowsDrafts(settings);
  if (post.where.draft && !builtFromDrafts) keptBack = true;
  if (builtFromDrafts) notes.push({ sourceLine: 1, message: 'a draft in _drafts, which Jekyll built all the same (`show_drafts`), so it was public on the old site; not imported as a draft' });
  if (fields.redirectTo !== undefined) {
    // jekyll-redirect-from wrote a page that sends readers on, not the post: its text was not what the old site showed there.
    notes.push({ sourceLine: split.post.lineOf('redirect_to'), message: `the old site sent readers of this post to ${fields.redirectTo} (\`redirect_to\`) instead of showing it; imported as a draft` });
    keptBack = true;
  }
  if (fields.notRendered) {
    notes.push({ sourceLine: split.post.lineOf(fields.notRendered.key), message: `Hugo made no page of it (\`${fields.notRendered.setting}\`), so it was never published at an address of its own; imported as a draft` });
    keptBack = true;
  }
  if (jekyllRoot === undefined) {
    notes.push({ sourceLine: 1, message: `Jekyll reads posts and drafts only in its \`collections_dir\` (${settings.siteSettings?.collectionsDir ?? ''}), so it never published this one; imported as a draft` });
    keptBack = true;
  }
  // Jekyll reads a file in `_posts` as a post only when its name starts with a date (its DATE_FILENAME_MATCHER), and ignores the rest.
  else if (settings.site === 'jekyll' && !post.where.draft && !/^\d{2,4}-\d{1,2}-\d{1,2}-/.test(post.where.name)) {
    notes.push({ sourceLine: 1, message: 'Jekyll reads a file in _posts as a post only when its name starts with its date (2014-01-23-title.md), so it never published this one; imported as a draft' });
    keptBack = true;
  }
  const disabled = settings.site === 'hugo' ? disabledLanguage(post.where, settings) : undefined;
  if (disabled) {
    notes.push({ sourceLine: 1, message: `Hugo built no pages in the site's language "${disabled.code}" (\`${disabled.setting}\`), so it was never published; imported as a draft` });
    keptBack = true;
  }
  let publishAt: string | undefined;
  if (fields.publishAt) {
    const read = normaliseDate(fields.publishAt.value, settings.timeZone, siteZone(settings, language.lang));
    if (read.ok) publishAt = read.date;
    else {
      // Hugo would not have built the page with it: the safe side is not to publish it either.
      notes.push({ sourceLine: split.post.lineOf(fields.publishAt.key), message: `\`${fields.publishAt.key}\` cannot be read (${read.reason}); the release is imported as a draft: publish it when it is due` });
      keptBack = true;
    }
  }
  // Jekyll ended a post's excerpt where its own `excerpt_separator`, else the site's, says. Its default, "\n\n" (the first paragraph),
  // and any other blanks alone, are read as none, as before: then `<!--more-->`, which themes split posts at by hand, marks it.
  const separator = settings.site === 'jekyll' ? fields.excerptSeparator ?? settings.siteSettings?.excerptSeparator : undefined;
  let divider = separator === undefined || (separator !== '' && separator.trim() === '') ? undefined : isHiddenDivider(separator.trim()) ? separator.trim() : separator;
  // Searched for as one pattern with the tags: one of thousands of characters is no divider anyone wrote, and past some 30,000 no pattern.
  if (divider !== undefined && divider.length > MAX_DIVIDER) {
    notes.push({ sourceLine: fields.excerptSeparator === undefined ? 1 : split.post.lineOf('excerpt_separator'), message: `\`excerpt_separator\` is longer than the ${MAX_DIVIDER} characters a summary divider is read to; no summary is read from the body` });
    divider = '';
  }
  let body = split.post.body;
  let sourceLineAt: Draft['sourceLineAt'];
  if (post.where.html) {
    const converted = htmlToMarkdown(body, divider);
    if (!converted.ok) return { file: path, line: split.post.bodyLine + lineBreaksIn(body, 0, converted.offset), reason: converted.reason };
    const htmlLines = lineCounter(body);
    const lineOf = (offset: number) => split.post.bodyLine + htmlLines(offset);
    sourceLineAt = (offset) => lineOf(converted.sourceAt(offset));
    body = converted.text;
    notes.push({ sourceLine: split.post.bodyLine, message: 'an HTML post: its body was converted to Markdown; check how it reads', bodyOffset: 0 });
    if (post.encoding !== undefined) notes.push({ sourceLine: 1, message: `the file is not UTF-8: it was read as ${post.encoding}, as its <meta> declares and browsers showed it; check its letters` });
    for (const n of converted.notes) notes.push({ sourceLine: lineOf(n.offset), message: n.message, bodyOffset: n.outputOffset });
  }
  if (body.trim() === '') return { file: path, line: split.post.bodyLine, reason: 'it has no body text' };

  const nameWithoutDate = fromName?.rest ?? post.where.name;
  let title = fields.title;
  if (title === undefined) {
    title = titleFromName(nameWithoutDate, settings.site) || post.where.name;
    notes.push({ sourceLine: 1, message: `the post has no title; "${title}" was made from the file name` });
  }
  // A language's Hugo content folder stands where `content/` would: what follows it is the section.
  const contentDir = languageContentDir(post.where, settings);
  const pathFolders = contentDir === undefined ? post.where.folders
    : [...(settings.contentRoot === '' ? [] : settings.contentRoot.split('/')), ...post.where.folders.slice(contentDir.dir.split('/').length)];
  // The folder of its language; with --lang-from-path, one that names another (a Hugo page whose suffix says otherwise,
  // `en/posts/visa.ru.md`) is a language folder all the same, so that the page is paired with `en/posts/visa.md`.
  const ownFolder = contentDir === undefined ? pathFolders.findIndex((f) => matchLanguage(f, settings.languages) === language.lang) : -1;
  const languageFolder = ownFolder === -1 && contentDir === undefined && settings.langFromPath ? pathFolders.findIndex((f) => matchLanguage(f, settings.languages) !== undefined) : ownFolder;
  const folders = pathFolders.filter((_, i) => i !== languageFolder);
  const urlName = fields.url !== undefined ? urlTail(fields.url) : undefined;
  const slugSource = fields.slug ?? urlName ?? nameWithoutDate;
  // A slug keeps a Latin letter, as the tool's own do (`releaseSlug`): one of digits alone (`2026` from a Persian title)
  // tells a reader nothing and claims the address of every other release of its year. Without one, the id is the slug.
  const slug = titleSlug(slugSource, language.lang) ?? titleSlug(title, language.lang);
  // An id is made from the name as before, digits and all: it names the release's file, which a second import must find again.
  const nameSlug = slugify(slugSource, language.lang) || slugify(title, language.lang) || 'release';
  // Jekyll made the address from the date in its `timezone` (`Time.parse(date).localtime`), whatever offset it was written with; Hugo from the
  // date as written. A site without one was built in its machine's zone, unknown: the offset the post was written with is the best guess of it.
  const jekyllZone = settings.site === 'jekyll' ? settings.siteSettings?.timeZone : undefined;
  const localDate = jekyllZone !== undefined && fields.date ? normaliseDate(fields.date.value, jekyllZone, jekyllZone) : undefined;
  const postFacts = { title, nameWithoutDate, lang: language.lang, date: writtenDate(localDate?.ok === true ? localDate.date : dateField?.value ?? fromName?.date) };
  // Hugo served the page at its path in the content folder, a language folder the language was taken from included (Hugo
  // reads a language from a suffix or a language's content folder, never from a folder's name: to it `en/` is a section).
  const oldUrl = oldAddress(post.where, pathFolders, fields, postFacts, settings, sections);
  // Jekyll put a draft at an address made from the day its file was last changed where the site was built, which this copy cannot tell.
  if (builtFromDrafts && oldUrl === undefined) notes.push({ sourceLine: 1, message: 'its address on the old site was made from its date, and it has none: Jekyll dated it by when its file was last changed on the machine that built the site, so the address is not known and is not kept; add it to the release\'s `aliases`' });
  // Every old address that a redirect page can hold becomes an alias, so that links to it keep working.
  const section = pathFolders[settings.contentRoot === '' ? 0 : settings.contentRoot.split('/').length];
  const uglyAliases = settings.site === 'hugo' && section !== undefined && settings.siteSettings !== undefined && hugoUglySection(section, settings.siteSettings);
  const { aliases, lost } = oldAliases(oldUrl, fields.oldUrls, settings, uglyAliases);
  // The line that gave the address: the post's own `permalink`/`url`, or the list it came from.
  const lineOf = (keys: readonly string[]) => keys.map((k) => split.post.lineOf(k)).find((line) => line > 1) ?? 1;
  for (const l of lost) {
    notes.push({ sourceLine: lineOf(l.listed ? ['aliases', 'redirect_from'] : ['permalink', 'url']), message: `the old address ${l.url} cannot be kept as a redirect: ${l.reason}` });
  }
  const groupKey = fields.translationKey !== undefined ? `key:${fields.translationKey}`
    : polyglotGroup(post.where, fields, postFacts, settings) ?? `path:${[...folders, post.where.name].join('/')}`;
  const datePart = date.slice(0, 10);
  // Room for the date in front of a name without one: an id is at most 120 characters.
  const nameId = slugify(post.where.name, fromName || datedByFile ? 110 : 109);
  const idBase = (fields.translationKey !== undefined ? slugify(fields.translationKey, 110) : '')
    || (fromName || datedByFile ? nameId : nameId && `${datePart}-${nameId}`)
    || (datedByFile ? nameSlug : `${datePart}-${nameSlug}`);
  return { post, split: split.post, body, ...(divider !== undefined ? { divider } : {}), fields, lang: language.lang, date, title, slug: slug ?? '', ...(slug === undefined ? { slugFromId: fields.slug !== undefined ? '`slug`' : urlName !== undefined ? 'old address' : 'file name' } : {}), aliases, lostUrls: lost.map((l) => l.url), ...(oldUrl !== undefined ? { oldUrl } : {}), keptBack, ...(publishAt !== undefined ? { publishAt } : {}), groupKey, idBase, id: idBase, notes, ...(sourceLineAt ? { sourceLineAt } : {}) };
}

/** The content folders of a Hugo file in `folders`: those after its language's content folder, or after the site's. */
function contentFolders(folders: readonly string[], settings: ImportSettings): { folders: string[]; lang?: string } {
  const contentDir = languageContentDir({ folders }, settings);
  if (contentDir) return { folders: folders.slice(contentDir.dir.split('/').length), lang: matchLanguage(contentDir.lang, settings.languages) ?? contentDir.lang };
  return { folders: folders.slice(settings.contentRoot === '' ? 0 : settings.contentRoot.split('/').length) };
}

/** Hugo's section pages by folder: those of a folder, in the order the site lists them, and the folders in it by name. */
interface SectionFolder {
  here: SectionCascade[];
  below: Map<string, SectionFolder>;
}

const sectionFolder = (): SectionFolder => ({ here: [], below: new Map() });

/**
 * What each of Hugo's section pages hands down, read once for the whole
 * site, as a tree of folders: a page finds those above it by going down its
 * own folders, not by a look at every section page of the site.
 */
function sectionCascades(settings: ImportSettings): SectionFolder {
  const root = sectionFolder();
  if (settings.site !== 'hugo') return root;
  for (const section of settings.sections ?? []) {
    // One that cannot be read is listed among the skipped files already, as every section page is; what it would hand down
    // (a `draft`, a `cascade`) is not known, so it keeps the pages under it back.
    const split = section.unread === undefined ? splitPost(section.text, section.path, settings.site) : undefined;
    const unread = section.unread ?? (split?.ok === false ? 'its front matter cannot be read' : undefined);
    const data = split?.ok ? split.post.data : {};
    const draft = caselessValue(data, 'draft');
    const place = contentFolders(section.folders, settings);
    let folder = root;
    for (const name of place.folders) {
      let next = folder.below.get(name);
      if (next === undefined) folder.below.set(name, (next = sectionFolder()));
      folder = next;
    }
    folder.here.push({
      source: section.path, folder: place.folders.join('/'), lang: hugoLanguage(section.langSuffix ?? place.lang, settings),
      entries: readCascade(caselessValue(data, 'cascade')), draft: draft === true || draft === 'true', ...(unread !== undefined ? { unread } : {}),
    });
  }
  return root;
}

/**
 * The language Hugo put a content file in: the one its suffix or its
 * language's content folder names, else the site's default language
 * (`defaultContentLanguage`, English when unset), as the project spells it.
 * A section page hands down to the pages of its own language only, and
 * `_index.md` without a suffix is the default language's, as `one.en.md` is:
 * compared as written, a draft `_index.md` would not keep `one.en.md` back.
 */
function hugoLanguage(named: string | undefined, settings: ImportSettings): string {
  if (named !== undefined) return named;
  const siteDefault = hugoDefaultLanguage(settings);
  return matchLanguage(siteDefault, settings.languages) ?? siteDefault;
}

/** Hugo's default content language as the site's configuration names it: `defaultContentLanguage`, English when unset, on a site of one language or several. */
const hugoDefaultLanguage = (settings: ImportSettings) => settings.siteSettings?.defaultLanguage ?? 'en';

/** The language Hugo gave a page: its file name's suffix, else its language's content folder, else the site's default (see `hugoLanguage`). */
function pageLanguage(where: PostPath, settings: ImportSettings): string {
  return hugoLanguage(where.langSuffix ?? contentFolders(where.folders, settings).lang, settings);
}

/** The setting that kept Hugo from building the page's language (`pageLanguage`), if one did. */
function disabledLanguage(where: PostPath, settings: ImportSettings): { code: string; setting: string } | undefined {
  const same = (code: string) => matchLanguage(code, settings.languages) ?? code.toLowerCase();
  const lang = same(pageLanguage(where, settings));
  return settings.siteSettings?.disabledLanguages?.find((d) => same(d.code) === lang);
}

/** Keys whose value can keep a page back: named when a cascade hands them down, since the page does not show them. */
const PUBLICATION_KEYS = new Set(['draft', 'published', 'build', '_build', 'headless', 'expirydate', 'unpublishdate', 'publishdate', 'pubdate']);

/**
 * A Hugo page's front matter with what the section pages above it (in its
 * language) and the site's configuration hand down, nearest first, as Hugo
 * hands it down; and whether one of those sections is a draft, which keeps
 * everything under it back.
 */
function fromSections(where: PostPath, own: Record<string, unknown>, settings: ImportSettings, sections: SectionFolder): { data: Record<string, unknown>; notes: string[]; keepBack: boolean } {
  const place = contentFolders(where.folders, settings);
  const pageLang = pageLanguage(where, settings);
  // The content's root and the folders down to the page's own, then read nearest first.
  const folders = [sections];
  for (const name of place.folders) {
    const next = folders.at(-1)!.below.get(name);
    if (next === undefined) break;
    folders.push(next);
  }
  const above = folders.reverse().flatMap((folder) => folder.here.filter((s) => s.lang === pageLang));
  const layers = [...above, ...(settings.siteSettings?.cascade ? [{ source: 'the site\'s configuration', entries: settings.siteSettings.cascade }] : [])];
  const name = where.path.slice(where.path.lastIndexOf('/') + 1);
  const { data, from, unmatched } = withCascade(own, layers, { paths: [`/${[...place.folders, where.name].join('/')}`, `/${[...place.folders, name].join('/')}`], lang: hugoSpelling(where, name, settings) });
  const notes = [...from].filter(([key]) => PUBLICATION_KEYS.has(key.toLowerCase())).map(([key, source]) => `\`${key}\` comes from the \`cascade\` of ${source}`);
  // A site built with `buildDrafts` published what is under a draft section as well.
  const unread = above.find((s) => s.unread !== undefined);
  if (unread) notes.push(`its section page ${unread.source} cannot be read (${unread.unread}), so whether it keeps the pages under it back (a \`draft\`, a \`cascade\`) is not known; imported as a draft`);
  const draft = settings.siteSettings?.builds?.drafts === true ? undefined : above.find((s) => s.draft);
  if (draft) notes.push(`its section page ${draft.source} is a draft, and Hugo publishes nothing under a draft section; imported as a draft`);
  // What the rest would hand down (a `draft`, an `expiryDate`) is not known: the safe side is not to publish it.
  if (unmatched !== undefined) notes.push(`the \`cascade\` of ${unmatched} takes more than ${MATCH_STEPS.toLocaleString('en')} steps to match against this page (its entries, the keys they hand down, their \`_target\` globs read over its path), so what it hands down is not all known; imported as a draft`);
  return { data, notes, keepBack: draft !== undefined || unread !== undefined || unmatched !== undefined };
}

/**
 * A page's language as the site spells it, which `_target.lang` is matched
 * against: the suffix as its file name writes it (`one.en.md`), the key of
 * the language whose content folder holds it, else the site's default
 * language (English when unset). Not as the project spells it (`en-GB` for
 * Hugo's `en`), nor --lang, which says what the releases are in, not what
 * Hugo read.
 */
function hugoSpelling(where: PostPath, fileName: string, settings: ImportSettings): string {
  if (where.langSuffix !== undefined) {
    const stem = fileName.slice(0, fileName.lastIndexOf('.'));
    return stem.slice(stem.lastIndexOf('.') + 1).toLowerCase();
  }
  return languageContentDir(where, settings)?.lang ?? settings.siteSettings?.defaultLanguage ?? 'en';
}

/**
 * Whether a Hugo page's `expiryDate` has passed at `settings.now`: Hugo stops
 * publishing it then, so its release must not go out again. A release has no
 * expiry, so one still to come is a note for a person; so is one that cannot
 * be read, and then the release is kept back too, as the safe side.
 */
function readExpiry(expiry: { value: unknown; key: string }, settings: ImportSettings, lang: string, note: (message: string) => void): boolean {
  const read = normaliseDate(expiry.value, settings.timeZone, siteZone(settings, lang));
  if (!read.ok) {
    note(`\`${expiry.key}\` cannot be read (${read.reason}); the release is imported as a draft: publish it if it has not expired`);
    return true;
  }
  const now = settings.now ?? Date.now();
  // A calendar date expires at the start of that day where the old site read it.
  const passed = toInstant(read.date, siteZone(settings, lang)) <= now;
  if (settings.siteSettings?.builds?.expired === true) {
    // Hugo kept publishing expired pages on such a site: the date changed nothing there.
    if (passed) note(`expired on ${read.date} (\`${expiry.key}\`), but the site built expired pages too (\`buildExpired\`), so Hugo still published it; not imported as a draft`);
    return false;
  }
  note(passed
    ? `expired on ${read.date} (\`${expiry.key}\`), so Hugo no longer published it; imported as a draft`
    : `Hugo stops publishing it on ${read.date} (\`${expiry.key}\`); a release does not expire: withdraw it then`);
  return passed;
}

/**
 * The old addresses as aliases: the post's own address (`oldUrl`, under the
 * old site's base) and those its front matter lists (`redirect_from`, Hugo
 * `aliases`: under the base already; one without a leading "/" is read from
 * the site's root by jekyll-redirect-from, its `.` and `..` dropped as
 * Jekyll drops them, and beside the page by Hugo).
 * Each is made relative to the new site's base and held to the rules a
 * build holds it to; the others are returned with the reason.
 */
/** The path the new site is served at, without its last `/` ('' at the root): `site.url`'s, else the old site's `baseurl`, the new site taking its place. */
function newSiteBase(settings: ImportSettings): string {
  return trimWhere(settings.siteBase ?? settings.siteSettings?.baseUrl ?? '', isSlash);
}

function oldAliases(oldUrl: string | undefined, listed: readonly string[], settings: ImportSettings, uglyAliases = false): { aliases: string[]; lost: { url: string; reason: string; listed: boolean }[] } {
  const oldBase = settings.siteSettings?.baseUrl ?? '';
  const newBase = newSiteBase(settings);
  const fullUrl = (url: string) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url);
  // Under `uglyURLs` Hugo wrote an alias page as `old.html`, its trailing slash gone (`/old/` → `/old.html`): no page was at `/old/`.
  const hugoAlias = (path: string) => {
    if (!uglyAliases) return path;
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed === '' || trimmed === oldBase) return path;
    return trimmed.endsWith('.html') ? trimmed : `${trimmed}.html`;
  };
  const own = oldUrl === undefined || fullUrl(oldUrl) ? undefined : oldUrl.startsWith('/') ? oldUrl : `/${oldUrl}`;
  // `listed`: in the front matter's list of old addresses, not the post's own.
  const candidates: { url: string; listed: boolean; absolute?: string; reason?: string }[] = [];
  if (oldUrl !== undefined && own === undefined) candidates.push({ url: oldUrl, listed: false, reason: 'it is a full URL; write the path on this site alone' });
  if (own !== undefined) candidates.push({ url: own, listed: false, absolute: own });
  for (const url of listed) {
    if (fullUrl(url)) candidates.push({ url, listed: true, reason: 'it is a full URL; write the path on this site alone' });
    // jekyll-redirect-from wrote its page where Jekyll writes any page of that path: `..` dropped, never above the root.
    else if (settings.site === 'jekyll') candidates.push({ url, listed: true, absolute: `${oldBase}${jekyllUrlPath(url)}` });
    else if (url.startsWith('/')) candidates.push({ url, listed: true, absolute: hugoAlias(`${oldBase}${url}`) });
    else if (own === undefined) candidates.push({ url, listed: true, reason: 'it is relative, and the post\'s own address is not known' });
    else {
      const folder = trimWhere(own, isSlash);
      candidates.push({ url, listed: true, absolute: hugoAlias(withoutDotSegments(`${folder.slice(0, folder.lastIndexOf('/') + 1)}${url}`, oldBase)) });
    }
  }
  const aliases: string[] = [];
  const lost: { url: string; reason: string; listed: boolean }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const absolute = candidate.absolute;
    if (absolute === undefined) {
      lost.push({ url: candidate.url, listed: candidate.listed, reason: candidate.reason ?? 'it cannot be read' });
      continue;
    }
    if (newBase !== '' && absolute !== newBase && !absolute.startsWith(`${newBase}/`)) {
      // Named as the old site served it (`/newsroom/2019/old.html` for an alias written `/2019/old.html` or `old`), as a server's redirect needs it.
      lost.push({ url: absolute, listed: candidate.listed, reason: `it is outside ${newBase}/, where the new site is served (\`site.url\`)` });
      continue;
    }
    const read = readAliasPath(absolute.slice(newBase.length) || '/');
    if (!read.ok) {
      lost.push({ url: candidate.url, listed: candidate.listed, reason: `it ${read.problem}` });
      continue;
    }
    const reserved = reservedAliasFile(read.alias.file, settings.languages);
    if (reserved) {
      lost.push({ url: candidate.url, listed: candidate.listed, reason: `its page would be ${reserved}` });
      continue;
    }
    const key = collisionKey(read.alias.file);
    if (seen.has(key)) continue;
    seen.add(key);
    aliases.push(read.alias.path);
  }
  return { aliases, lost };
}

/**
 * A path with its `.` and `..` segments resolved, as Hugo joins a relative
 * alias to the page's folder (`../old-name/` beside `/posts/new/` is
 * `/posts/old-name/`): never above `base`, the site's own folder, which is
 * where Hugo wrote its files; a trailing slash stays.
 */
function withoutDotSegments(path: string, base: string): string {
  const root = base !== '' && path.startsWith(`${base}/`) ? base : '';
  const inside = path.slice(root.length);
  const kept: string[] = [];
  for (const segment of inside.split('/').slice(1)) {
    if (segment === '..') kept.pop();
    else if (segment !== '.') kept.push(segment);
  }
  const last = inside.split('/').at(-1);
  const trailing = last === '.' || last === '..' ? '/' : '';
  return `${root}/${kept.join('/')}${trailing}`.replace(/\/{2,}$/, '/');
}

/**
 * How many of a Jekyll post's folders are its site's `collections_dir`, under
 * which Jekyll reads `_posts` and `_drafts` (0 when the site sets none);
 * undefined for a post outside it, which Jekyll never read.
 */
function jekyllPostRoot(where: PostPath, settings: ImportSettings): number | undefined {
  const dir = settings.siteSettings?.collectionsDir;
  if (dir === undefined) return 0;
  const segments = dir.split('/');
  const postsAt = where.folders.findIndex((f) => f === '_posts' || f === '_drafts');
  return postsAt >= segments.length && segments.every((s, i) => where.folders[i] === s) ? segments.length : undefined;
}

/** Whether the old Jekyll site built the posts in `_drafts` (`show_drafts`). */
const jekyllShowsDrafts = (settings: ImportSettings) => settings.site === 'jekyll' && settings.siteSettings?.builds?.drafts === true;

/**
 * Why a post its front matter marks as a draft was public all the same, when
 * it was: Hugo built drafts too on a site that sets `buildDrafts`, Jekyll
 * posts with `published: false` on one that sets `unpublished`. A flag the
 * generator could not read stays on the safe side, and so does Jekyll's
 * `draft: true`, which Jekyll never read: it said the post was not meant to
 * be public, whatever the site did with it.
 */
function builtAllTheSame(data: Record<string, unknown>, mapped: MappedFields, settings: ImportSettings): string | undefined {
  if (!mapped.draft || mapped.unusable.some((u) => /^(?:draft|published)$/i.test(u.key))) return undefined;
  if (settings.site === 'hugo') return settings.siteSettings?.builds?.drafts === true ? 'a draft, which Hugo built all the same (`buildDrafts`), so it was public on the old site; not imported as a draft' : undefined;
  const unpublished = settings.siteSettings?.builds?.unpublished === true && (!Object.hasOwn(data, 'draft') || truthy(data.draft) === false);
  return unpublished ? 'unpublished (`published: false`), which Jekyll built all the same (`unpublished` in its configuration), so it was public on the old site; not imported as a draft' : undefined;
}

/** The jekyll-polyglot settings of the old site, when it is one. */
const polyglotOf = (settings: ImportSettings) => (settings.site === 'jekyll' ? settings.siteSettings?.polyglot : undefined);

/**
 * The translation group jekyll-polyglot put a post in, when the post names
 * no key: the posts whose addresses, as Jekyll made them, differ only by a
 * language (the same `permalink`, or the same file name in language folders).
 */
function polyglotGroup(where: PostPath, fields: MappedFields, post: Parameters<typeof oldAddress>[3], settings: ImportSettings): string | undefined {
  const polyglot = polyglotOf(settings);
  if (polyglot === undefined || settings.siteSettings === undefined) return undefined;
  // The address before Polyglot put the language in front of it.
  const url = oldAddress(where, [], fields, post, { ...FRESH, ...settings, siteSettings: { ...FRESH, ...settings.siteSettings, multilingual: false } });
  return url === undefined ? undefined : `url:${polyglotUrlKey(url, polyglot.languages)}`;
}

/** The post's address on the old site, from its own `permalink`/`url` or the site's pattern. */
function oldAddress(where: PostPath, folders: readonly string[], fields: MappedFields, post: { title: string; nameWithoutDate: string; lang: Language; date: ReturnType<typeof writtenDate> }, settings: ImportSettings, sectionPages?: SectionFolder): string | undefined {
  const configured = settings.siteSettings ?? { baseUrl: '', permalinks: {}, multilingual: false };
  // The site's default language as the project spells it, so that `/<lang>/` is left out for it alone: Hugo's is English when unset.
  const named = settings.site === 'hugo' ? hugoDefaultLanguage(settings) : configured.defaultLanguage;
  const defaultLanguage = named === undefined ? undefined : matchLanguage(named, settings.languages) ?? named;
  const site = { ...FRESH, ...configured, ...(defaultLanguage !== undefined ? { defaultLanguage } : {}) };
  const date = post.date ? { date: post.date } : {};
  if (settings.site === 'jekyll') {
    // Folders above `_posts` (a language folder too) are categories, as Jekyll reads them, below its `collections_dir`.
    const postsAt = where.folders.findIndex((f) => f === '_posts' || f === '_drafts');
    const root = jekyllPostRoot(where, settings);
    // A draft Jekyll did not build had no address, nor a post it never read.
    if (root === undefined || (where.draft && !jekyllShowsDrafts(settings))) return undefined;
    // Jekyll knows no language suffix: `2020-03-01-solo.ru.md` has the slug "solo.ru", and was published at `/2020/03/01/solo.ru.html`.
    const fileStem = where.path.slice(where.path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    const title = where.langSuffix === undefined ? post.nameWithoutDate : `${post.nameWithoutDate}${fileStem.slice(where.name.length)}`;
    return jekyllUrl({
      ...FRESH, ...(fields.url !== undefined ? { permalink: fields.url } : {}), ...(fields.slug !== undefined ? { slug: fields.slug } : {}),
      title, categories: [...where.folders.slice(root, Math.max(root, postsAt)), ...fields.categories], ...date, lang: post.lang,
    }, site);
  }
  const root = settings.contentRoot === '' ? 0 : settings.contentRoot.split('/').length;
  const section = folders[root];
  if (section === undefined) return fields.url;
  // Hugo, dating a page by its name (`2020-01-05-visa.md`), takes the rest of it for the slug the page does not set.
  const slug = fields.slug ?? (filenameDates(settings) !== undefined && post.nameWithoutDate !== where.name ? post.nameWithoutDate : undefined);
  const inContent = folders.slice(root);
  return hugoUrl({
    ...FRESH, ...(fields.url !== undefined ? { url: fields.url } : {}), ...(slug !== undefined ? { slug } : {}),
    title: post.title, name: where.name, section, folders: inContent, sections: inContent.slice(0, currentSectionDepth(inContent, sectionPages)), lang: pageLanguage(where, settings), ...date,
  }, site);
}

/**
 * How many of a page's folders lead down to its current section, which
 * Hugo's `:sections` names: a folder with a section page (`_index.md`) is a
 * section, and so is the first folder, with one or without.
 */
function currentSectionDepth(folders: readonly string[], sectionPages: SectionFolder | undefined): number {
  let depth = 1;
  let folder = sectionPages;
  for (let i = 0; folder !== undefined && i < folders.length; i++) {
    folder = folder.below.get(folders[i]!);
    if (folder !== undefined && folder.here.length > 0) depth = i + 1;
  }
  return depth;
}

/**
 * The first of a name and its numbered forms (`-2`, `-3`, …) that is free.
 * Each name's search starts where the last one for it ended: what was taken
 * then still is, so thousands of posts of one name are numbered in linear
 * time, not each tried against every number before it.
 */
export class Numbering {
  private readonly next = new Map<string, number>();

  /** `name` if it is free, or its first free numbered form; `key` names the search (a slug's is per language). */
  free(key: string, name: string, numberedForm: (n: number) => string, isTaken: (candidate: string) => boolean): string {
    let n = this.next.get(key) ?? 1;
    let candidate = n === 1 ? name : numberedForm(n);
    while (isTaken(candidate)) candidate = numberedForm(++n);
    this.next.set(key, n);
    return candidate;
  }
}

/**
 * One id per translation group; a second post in the same language, or a
 * clash of ids, gets a numbered id. Translations paired by their old address
 * have ids of their own file names: the one in the site's default language
 * (`main`) gives the group its id.
 */
function assignIds(drafts: Draft[], main: Language | undefined, earlier?: ReadonlyMap<string, EarlierAssignment>): void {
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) {
    const group = groups.get(d.groupKey);
    if (group) group.push(d);
    else groups.set(d.groupKey, [d]);
  }
  const taken = new Set<string>();
  const numbered = new Numbering();
  // The id names the release's file, and Windows cannot create `con.md` or `nul.md`.
  const baseOf = (wanted: string) => (isReservedName(wanted) ? `${wanted}-release` : ID_PATTERN.test(wanted) ? wanted : 'release');
  const claim = (wanted: string) => {
    const base = baseOf(wanted);
    const id = numbered.free(base, base, (n) => `${base.slice(0, 110)}-${n}`, (candidate) => taken.has(candidate));
    taken.add(id);
    return id;
  };
  /** Why a post's release has another id than the one it would have had. */
  const why = (wanted: string, id: string) => (taken.has(wanted) && id !== wanted && id.startsWith(`${wanted.slice(0, 110)}-`)
    ? `another post already has the id "${wanted}"; this one is "${id}"`
    : `"${wanted}" cannot be an id (a name Windows reserves, or not 1 to 120 lower-case letters, digits, ".", "_" or "-"); this one is "${id}"`);
  const allSets: Draft[][] = [];
  for (const group of groups.values()) {
    group.sort(byPath);
    // The k-th post of a language goes to the k-th set: each set holds one post of each language, the earliest first.
    const sets: Draft[][] = [];
    const placed = new Map<Language, number>();
    for (const d of group) {
      const k = placed.get(d.lang) ?? 0;
      placed.set(d.lang, k + 1);
      if (k < sets.length) sets[k]!.push(d);
      else sets.push([d]);
    }
    allSets.push(...sets);
  }
  const representative = (set: Draft[]) => set.find((d) => d.lang === main) ?? set[0]!;
  // First the sets whose post an earlier run gave an id of the same name (`a-3`): each keeps it, so that a post added before them
  // in path order takes the next free number instead of their files and addresses.
  const kept = new Map<Draft[], string>();
  for (const set of allSets) {
    const id = earlier?.get(representative(set).post.where.path)?.id;
    if (id === undefined || taken.has(id) || !numberedFrom(id, baseOf(representative(set).idBase), 110)) continue;
    taken.add(id);
    kept.set(set, id);
  }
  const ids = new Map<Draft[], string>();
  for (const set of allSets) ids.set(set, kept.get(set) ?? claim(representative(set).idBase));
  // Said once every id is given: whether another post has the one wanted is known only then.
  for (const set of allSets) {
    const wanted = representative(set).idBase;
    const id = ids.get(set)!;
    for (const d of set) {
      if (id !== wanted) d.notes.push({ sourceLine: 1, message: kept.has(set) ? `this post keeps the id "${id}" an earlier import gave it, with its file and address` : why(wanted, id) });
      d.id = id;
    }
  }
}

/** The id's slug for each release whose name and title gave none with a Latin letter, as `releaseSlug` gives a release without a `slug`. */
function slugsFromIds(drafts: readonly Draft[]): void {
  for (const d of drafts) {
    if (d.slugFromId === undefined) continue;
    // The title keeps no Latin letter, so `releaseSlug` makes the slug from the id.
    d.slug = releaseSlug(d.title, d.id, d.lang).slug;
    d.notes.push({ sourceLine: 1, message: `neither its ${d.slugFromId} nor its title keeps a Latin letter in a slug; its address is made from its id, "${d.slug}": set \`slug\` to name it in Latin letters` });
  }
}

/**
 * Slugs unique within each language, never a name Windows reserves nor one
 * the site's own files take (`index`, `feed`): each changed as `validate`'s
 * hint for it says.
 */
function assignSlugs(drafts: Draft[], earlier?: ReadonlyMap<string, EarlierAssignment>): void {
  const taken = new Set<string>();
  const numbered = new Numbering();
  // As `new` gives it, and `slug/reserved`'s hint writes it: in lower case whatever the language tag's (`con-en-gb-2016`).
  const baseOf = (d: Draft) => unreservedSlug(d.slug, d.lang, d.date)?.slug ?? d.slug;
  const sorted = [...drafts].sort(publicFirst);
  // As for ids: a post keeps the numbered slug an earlier run gave it, and with it its address.
  const kept = new Map<Draft, string>();
  for (const d of sorted) {
    const slug = earlier?.get(d.post.where.path)?.slug;
    if (slug === undefined || taken.has(`${d.lang}/${collisionKey(slug)}`) || !numberedFrom(slug, baseOf(d), 95)) continue;
    taken.add(`${d.lang}/${collisionKey(slug)}`);
    kept.set(d, slug);
  }
  for (const d of sorted) {
    const windows = isReservedName(d.slug);
    const site = RESERVED_SLUGS.has(d.slug);
    const base = baseOf(d);
    const slug = kept.get(d) ?? numbered.free(`${d.lang}/${base}`, base, (n) => `${base.slice(0, 95)}-${n}`, (candidate) => taken.has(`${d.lang}/${collisionKey(candidate)}`));
    if (!kept.has(d)) taken.add(`${d.lang}/${collisionKey(slug)}`);
    if (slug !== d.slug) {
      const why = windows ? 'a name Windows reserves' : site ? 'the name of the site\'s own files in each language (the listing, the feed)' : 'taken by another post';
      d.notes.push({ sourceLine: 1, message: kept.has(d) ? `this post keeps the slug "${slug}" an earlier import gave it, and with it its address` : `the slug "${d.slug}" is ${why}; this release is "${slug}"` });
      d.slug = slug;
    }
  }
}

/**
 * An alias is an old address that redirects to its release, so it must be
 * no release's page and no other post's old address (letter case ignored,
 * as a build checks it), nor a file where another redirect needs a folder.
 * An old address that is the release's new address too needs no redirect.
 */
function dropClashingAliases(drafts: Draft[]): void {
  const files = new ClaimedFiles<{ draft: Draft; page: boolean }>();
  for (const d of drafts) files.claim(releasePath(d.lang, d.slug), { draft: d, page: true });
  for (const d of [...drafts].sort(publicFirst)) {
    d.aliases = d.aliases.filter((alias) => {
      const read = readAliasPath(alias);
      if (!read.ok) return false;
      const file = read.alias.file;
      const clash = files.clash(file);
      if (clash?.kind === 'taken' && clash.holder.draft === d && clash.holder.page) return false;
      const reason = clash === undefined ? undefined
        : clash.kind !== 'taken' ? 'a file where another redirect needs a folder, or the reverse'
        : clash.holder.page ? `the address of ${clash.holder.draft.post.where.path}'s new page`
        : `an old address of ${clash.holder.draft.post.where.path} too`;
      if (reason) {
        d.notes.push({ sourceLine: 1, message: `the old address ${alias} is ${reason}; it is not kept as an alias` });
        d.lostUrls.push(alias);
        return false;
      }
      files.claim(file, { draft: d, page: false });
      return true;
    });
  }
}

/**
 * Finds the post a reference names: Jekyll `post_url` names a post by its
 * file name (`2014-01-23-slug`, maybe with a folder), `link` and Hugo `ref` by its path.
 * Among several, the one in the linking post's language wins.
 */
function linkResolver(drafts: readonly Draft[], settings: ImportSettings): (reference: string, from: Draft, asked?: string) => ReturnType<LinkResolver> {
  const index = new Map<string, Draft[]>();
  const add = (key: string, d: Draft) => {
    const list = index.get(key) ?? [];
    list.push(d);
    index.set(key, list);
  };
  const withoutExtension = (p: string) => p.replace(/\.[^./]+$/, '');
  const root = settings.contentRoot === '' ? '' : `${settings.contentRoot}/`;
  /** A page's path as `ref` names it: from its language's content folder, or from the site's. */
  const inContentOf = (d: Draft) => {
    const path = d.post.where.path;
    const languageDir = languageContentDir(d.post.where, settings)?.dir;
    return languageDir !== undefined ? path.slice(languageDir.length + 1) : path.startsWith(root) ? path.slice(root.length) : path;
  };
  for (const d of drafts) {
    const path = d.post.where.path;
    const inContent = inContentOf(d);
    const bundle = /(?:^|\/)index(?:\.[a-z-]+)?\.[^./]+$/i.test(path) ? inContent.replace(/\/[^/]+$/, '') : undefined;
    for (const key of new Set([path, withoutExtension(path), inContent, withoutExtension(inContent), bundle, d.post.where.name])) {
      if (key !== undefined) add(key.toLowerCase(), d);
    }
    // Hugo resolves a path without its language suffix in the linking page's language.
    add(withoutExtension(inContent).replace(/\.[a-z]{2,3}$/i, '').toLowerCase(), d);
    // Jekyll's `post_url` names a post in a folder by that folder, below `_posts` or above it (`ru/2014-01-23-centre` is
    // `_posts/ru/2014-01-23-centre.md` or `ru/_posts/2014-01-23-centre.md`), whatever the linking post's language.
    const segments = path.split('/');
    const posts = settings.site === 'jekyll' ? segments.indexOf('_posts') : -1;
    if (posts !== -1) {
      const stem = withoutExtension(segments.at(-1)!);
      for (const folders of [segments.slice(posts + 1, -1), segments.slice(0, posts)]) if (folders.length > 0) add([...folders, stem].join('/').toLowerCase(), d);
    }
  }
  const lookUp = (key: string) => index.get(key) ?? index.get(withoutExtension(key));
  return (reference, from, asked) => {
    // `{{< relref path="x.md" lang="ru" >}}` links to the page in that language, as Hugo does.
    const lang = asked === undefined ? from.lang : matchLanguage(asked, settings.languages);
    if (lang === undefined) return { unread: `asks for the language "${asked}", which is not one of the project's languages (${settings.languages.join(', ')})` };
    const written = reference.trim();
    const ref = written.replace(/^\.?\//, '').replace(/\/$/, '').toLowerCase();
    // As Hugo reads a path that does not start with `/`: from the linking page's folder first (`x` from news/y.md is news/x).
    const here = written.startsWith('/') ? undefined : posix.normalize(`${posix.dirname(inContentOf(from)).toLowerCase()}/${ref}`);
    const exact = (here !== undefined && !here.startsWith('../') ? lookUp(here) : undefined) ?? lookUp(ref);
    const named = ref.slice(ref.lastIndexOf('/') + 1);
    let found = exact ?? lookUp(named);
    // A file named with its extension is one language's; the language asked for is its translation, named without (`other.md` → `other.ru.md`).
    if (found && asked !== undefined && !found.some((d) => d.lang === lang)) found = lookUp(withoutExtension(ref)) ?? found;
    if (!found || found.length === 0) return undefined;
    // Named by what more than one post of the language has (a file name alone): Hugo calls such a reference ambiguous.
    const several = [...new Set(found.filter((d) => d.lang === lang).map((d) => d.post.where.path))];
    if (several.length > 1) return { unread: `names more than one post (${several.slice(0, 3).join(', ')}${several.length > 3 ? ' …' : ''}), so it is not known which` };
    const target = found.find((d) => d.lang === lang) ?? found[0]!;
    const url = `${newSiteBase(settings)}/${releasePath(target.lang, target.slug)}`;
    // A link to a draft leads nowhere once the site is built, and names an unpublished page.
    return isDraft(target) ? { url, warning: `the link to ${target.post.where.path} leads to a draft, which a build does not publish` } : { url };
  };
}
