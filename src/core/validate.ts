import type { z } from 'zod';
import { positionAt, sourceLineReader, withSourceLine, type Diagnostic, type Location, type SourceLocation } from './diagnostic.js';
import { limitedPush, MAX_PER_RULE } from './diagnostic-limit.js';
import { createReporter } from './reporter.js';
import { clockInstant, inZone, isAfter, isRealDate, onClocksOf, readDate, suggestDate, toDateTime, withNearestYear, type DateReading, type ZonedTime } from './dates.js';
import { hasPublishableStatus, isUnderEmbargo, withdrawalNoticeDue, type PublicationFacts } from './publication.js';
import { checkBody, lexBody, PAGE_IDS, showsNothing, type BodyTokens } from './markdown.js';
import { githubFolderHint, wordsInComment, type ParsedFile } from './parse.js';
import { findFieldTabs, fixFieldTabs } from './field-tabs.js';
import { keepsMeaning } from './fix-check.js';
import { invisibleDiagnostics } from './invisible.js';
import { isLocalImage, type LocalImageRef } from './images.js';
import { MAX_SITE_LINKS, pastSiteLinks, siteLinksOf, type SiteLinkRef } from './site-links.js';
import type { HtmlMode } from './markdown.js';
import { canonicalTag, countryCode, isLanguageTag, languageHint, localeFor } from './locale/index.js';
import { repeatedParts } from './release-parts.js';
import { RULES, SUMMARY_MAX, TITLE_MAX, type RuleId } from './rules.js';
import { aboutText, addressMeant, siteAddressMeant, ID_PATTERN, isEmailAddress, isLineBreakIssue, releaseContacts, releaseSchema, SLUG_PATTERN, type Config, type Language, type ReleaseMeta } from './schema.js';
import { jsonFeedPath, releasePath, RESERVED_SLUGS, tagSlug } from './site/paths.js';
import { smartQuotesText } from './typography.js';
import { isPathAlias, readAliasPath, reservedAliasFile, reservedSlugAlias } from './aliases.js';
import { isReservedName, releaseSlug, slugify } from './slug.js';
import { codePoint, excerpt, headlineLength, printable, quote, textDigest, trimWhere } from './text.js';
import { offerFix } from './fix-offer.js';
import { describeIsolateProblem, INVISIBLE_PATTERN, LONE_SURROGATE, REFUSED_CHARACTERS, unbalancedIsolate } from './characters.js';
import { FRESH } from './objects.js';
import { ARCHETYPE_PLACEHOLDERS, TRANSLATION_NOTE_OPENING, unreservedSlug } from './draft.js';
import { closest, editDistance } from './suggest.js';

export { SUMMARY_MAX, TITLE_MAX } from './rules.js';
export { limitedPush, MAX_PER_RULE } from './diagnostic-limit.js';
export { createReporter } from './reporter.js';

/** A release that passed validation, with its derived id and slug. */
export interface Release extends ReleaseMeta {
  file: string;
  id: string;
  slug: string;
  lang: Language;
  /** Where the slug comes from, for "first defined here" notes. */
  slugAt: SourceLocation;
  idAt: SourceLocation;
  dateAt: SourceLocation;
  statusAt: SourceLocation;
  /** Where each entry of `aliases` is, for the checks across files. */
  aliasesAt?: SourceLocation[];
  /** A digest of the body's words, for the checks across files: a translation whose body is its original's was not translated. */
  bodyDigest?: string;
  /** The images the release names by a relative path (`image.src`, body images), for the build to copy; absent when none. */
  localImages?: LocalImageRef[];
  /** Times written under keys the format does not read as an embargo (see `publication/embargo-key`): its check changes when the clock passes one. */
  unreadEmbargoes?: string[];
  /**
   * The files of the site the body links (`../en/quota-2027.html`), each once, judged across the project (`checkSiteLinks`);
   * absent when none. The text of a line is given with the first link on it only, as for `localImages`.
   */
  siteLinks?: SiteLinkRef[];
}

export interface ValidateOptions {
  config: Config;
  /** The clock for embargo and future-date checks, in ms since the epoch. */
  now: number;
  /**
   * The ids the template set's release page gives elements around the body (`pageIdsOf`), which a link in the body to a
   * part of its page may lead to; without it, those of the default pages (`PAGE_IDS`).
   */
  pageIds?: readonly string[];
}

export interface ValidationResult {
  /** Present when the release has no errors. */
  release?: Release;
  body?: BodyTokens;
  diagnostics: Diagnostic[];
  /** When the release has errors: the local images it names where they could be read (its validated `image.src`, its body's), to look for all the same. */
  localImages?: LocalImageRef[];
  /**
   * When the release has errors but its front matter could be read and its
   * `status` and `embargo` are valid: whether it is public can still be told,
   * so a build never keeps the earlier pages of one that is no longer public.
   */
  publication?: FailedPublication;
}

/** The status and embargo of a release with errors, and where its status is (or would be: the top of the front matter). */
export interface FailedPublication extends PublicationFacts {
  statusAt: SourceLocation;
  /**
   * Where its pages would be, as far as its fields can be read (`lang`, and `slug` or the slug its title gives, its `aliases`):
   * a link to a release that fails and is not public tells its slug as well (`checkSiteLinks`).
   */
  lang?: string;
  slug?: string;
  aliases?: string[];
}

/** A release's `status` and `embargo` from front matter that has errors elsewhere; undefined when either is not valid. */
function publicationFacts(parsed: ParsedFile, timeZone: string): FailedPublication | undefined {
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const fields = data as Record<string, unknown>;
  // Where `status` is, or else the title's key, as a release's `statusAt` points at its id when `status` is left out (and so is a draft).
  const status = Object.hasOwn(fields, 'status') ? { value: fields.status, at: parsed.locate(['status']) } : { value: undefined, at: parsed.locate(['title'], 'key') };
  return factsOf([status], Object.hasOwn(fields, 'embargo') ? [fields.embargo] : [], Object.hasOwn(fields, 'withdrawn_date') ? [fields.withdrawn_date] : [], parsed.text, timeZone);
}

/**
 * The status and embargo of a release whose YAML has errors, from the
 * top-level values the errors left readable (`ParsedFile.readable`):
 * undefined without a valid `status`, since a key the errors swallowed is
 * not found (and its default would be a guess).
 */
function readablePublication(parsed: ParsedFile, timeZone: string): FailedPublication | undefined {
  const statuses = [...(parsed.readable?.('status') ?? []), ...(parsed.closeLine > 0 ? marginStatuses(parsed) : [])];
  const embargoes = (parsed.readable?.('embargo') ?? []).map((e) => e.value);
  // A line of the fields that starts with the key, which the error left unreadable, is an embargo written that cannot be read.
  if (embargoes.length === 0 && parsed.closeLine > 0 && EMBARGO_LINE.test(parsed.text.slice(0, parsed.bodyStart))) embargoes.push(UNREADABLE_EMBARGO);
  return factsOf(statuses, embargoes, (parsed.readable?.('withdrawn_date') ?? []).map((w) => w.value), parsed.text, timeZone);
}

/**
 * The statuses written whole on a line of their own at the margin of the
 * front matter (`status: draft`, quoted or not, a comment after it), which
 * an error above may have made part of another value: YAML reads the lines
 * after `title: Centre: new` as a mapping inside the title. Read only to
 * make a failing release less public, as every value read through an error is.
 */
function marginStatuses(parsed: ParsedFile): { value: unknown; at: Location }[] {
  const found: { value: unknown; at: Location }[] = [];
  const fields = parsed.text.slice(0, parsed.bodyStart);
  // Lines counted as the matches go, once through the text: from the start for each would take seconds over thousands of them.
  let line = 1;
  let counted = 0;
  for (const match of fields.matchAll(STATUS_LINE)) {
    for (let i = fields.indexOf('\n', counted); i !== -1 && i < match.index; i = fields.indexOf('\n', i + 1)) line++;
    counted = match.index;
    const column = match[0].indexOf(match[2]!) + 1 - match[1]!.length;
    found.push({ value: match[2], at: { file: parsed.path, line, column, endLine: line, endColumn: column + match[2]!.length + 2 * match[1]!.length } });
  }
  return found;
}

/**
 * A `status` line at the margin with a one-word value, quoted or not, and perhaps a comment: group 1 the quote, group 2 the word. A
 * no-break space after the colon, as pasted text brings it, is a YAML error of the line itself, which `validate --fix` makes a space.
 */
const STATUS_LINE = /^status[ \t]*:[ \t\u00a0]+(['"]?)([A-Za-z]+)\1[ \t\u00a0]*(?:#.*)?$/gm;

/** Quotation marks around a word, as word processors and web pages write them in any language (“…”, „…“, «…», »…«, ‘…’). */
const TYPOGRAPHIC_QUOTES = /^[\u2018-\u201f\u00ab\u00bb\u2039\u203a"']+|[\u2018-\u201f\u00ab\u00bb\u2039\u203a"']+$/gu;

/**
 * An embargo that is written but cannot be read as a time: it holds until
 * it can be, so the failing release's earlier pages are taken down.
 */
const UNREADABLE_EMBARGO = '9999-12-31T23:59:59Z';

/**
 * A line at the margin of the front matter that starts with the key
 * `embargo`, however the rest of it is broken (`embargo 2026-…`,
 * `embargo:2026-…`, `embargo: [2026-…`, a no-break space after the colon):
 * where YAML reads no embargo from it, the release is read as embargoed.
 */
const EMBARGO_LINE = /^embargo(?=[:\s\u00a0]|$)/m;

/**
 * Publication facts from the values written for `status` (each with its
 * place) and `embargo`, of a release that fails: each read as far as it can
 * be (`Draft` as `draft`, a status left empty as none given, a draft, an embargo without its offset as the hint reads
 * it, the later where the hint offers two, an embargo that cannot be read
 * at all as holding), and of several (a key written twice) the least
 * public: a status that is not publishable, the latest embargo, and a
 * withdrawal date only when one valid one is written (without it, no
 * withdrawal notice is due). It only ever makes a failing release less
 * public than its earlier pages; an unknown status tells nothing.
 */
function factsOf(statuses: readonly { value: unknown; at: Location }[], embargoes: readonly unknown[], withdrawnDates: readonly unknown[], text: string, timeZone: string): FailedPublication | undefined {
  const valid = statuses.flatMap(({ value, at }) => {
    // A status left empty (`status:`, `status: ""`) is one not given, which is a draft, as a release without the key is.
    const checked = releaseSchema.shape.status.safeParse(value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);
    if (checked.success) return [{ value: checked.data, at }];
    // As `validate --fix` would leave it: without the invisible characters pasted text brings (`draft` and a zero-width space), and
    // without the quotation marks a word processor makes of `"draft"` (`“draft”`, `«draft»`), which YAML reads as part of the word.
    const read = typeof value === 'string' ? releaseSchema.shape.status.safeParse(value.replace(INVISIBLE_PATTERN, '').trim().replace(TYPOGRAPHIC_QUOTES, '').toLowerCase()) : undefined;
    return read?.success ? [{ value: read.data, at }] : [];
  });
  const status = valid.find((s) => !hasPublishableStatus(s.value)) ?? valid[0];
  if (!status) return undefined;
  const statusAt = withSourceLine(status.at, text);
  const embargo = embargoes.flatMap((value) => {
    if (value === undefined || value === null || value === '') return [];
    const checked = releaseSchema.shape.embargo.safeParse(value);
    if (checked.success) return checked.data === undefined ? [] : [checked.data];
    const suggested = typeof value === 'string' ? suggestDate(value, true, timeZone) : undefined;
    return [suggested !== undefined && releaseSchema.shape.embargo.safeParse(suggested).success ? suggested : UNREADABLE_EMBARGO];
  }).reduce<string | undefined>((latest, value) => (latest === undefined || clockInstant(value, timeZone) > clockInstant(latest, timeZone) ? value : latest), undefined);
  const dates = withdrawnDates.map((value) => releaseSchema.shape.withdrawn_date.safeParse(value));
  const withdrawn = dates.length === 1 && dates[0]!.success ? dates[0]!.data : undefined;
  return { status: status.value, ...(embargo !== undefined ? { embargo } : {}), ...(withdrawn !== undefined ? { withdrawn_date: withdrawn } : {}), statusAt };
}


/** Just after the `:` (or the `-` of a list item) before the comment at `where`, on its line: where a value with none is placed. */
function afterColon(lines: LineReader, where: Location): Location {
  const before = (lines(where).sourceLine ?? '').slice(0, where.column - 1);
  const mark = /[:-][ \t]+$/.exec(before);
  if (!mark) return where;
  const column = mark.index + 2;
  return { file: where.file, line: where.line, column, endLine: where.line, endColumn: column };
}

/** Checks one parsed release against the schema and the content rules. */
export function validateRelease(parsed: ParsedFile, options: ValidateOptions): ValidationResult {
  const result = validateParsed(parsed, options);
  if (result.release) return result;
  const publication = parsed.data === undefined ? readablePublication(parsed, options.config.timezone)
    : parsed.diagnostics.some((d) => d.severity === 'error') ? undefined : publicationFacts(parsed, options.config.timezone);
  return publication ? { ...FRESH, ...result, publication: { ...FRESH, ...publication, ...failedAddress(parsed) } } : result;
}

/** The language, slug and aliases of a release that fails, where its front matter gives them as a release's would be read. */
function failedAddress(parsed: ParsedFile): Pick<FailedPublication, 'lang' | 'slug' | 'aliases'> {
  const data = parsed.data ?? parsed.checkable;
  // Through a YAML error, the top-level values it left readable, each only where it is written once.
  const readable = (key: string) => {
    const values = parsed.readable?.(key) ?? [];
    return values.length === 1 ? values[0]!.value : undefined;
  };
  const fields: Record<string, unknown> = data !== null && typeof data === 'object' && !Array.isArray(data) ? data as Record<string, unknown>
    : data === undefined && parsed.readable ? { lang: readable('lang'), slug: readable('slug'), title: readable('title'), id: readable('id'), aliases: readable('aliases') } : {};
  const { lang, slug, title, id, aliases } = fields;
  if (typeof lang !== 'string' || !isLanguageTag(lang)) return {};
  const given = typeof id === 'string' ? id : derivedId(parsed.path);
  const named = typeof slug === 'string' && SLUG_PATTERN.test(slug) ? slug : typeof title === 'string' && title.trim() !== '' && given !== '' ? releaseSlug(title, given, lang as Language).slug : undefined;
  if (named === undefined) return {};
  const kept = Array.isArray(aliases) ? aliases.filter((alias): alias is string => typeof alias === 'string') : [];
  return { lang, slug: named, ...(kept.length > 0 ? { aliases: kept } : {}) };
}

/**
 * The error for a file in GitHub's own folder whose front matter has neither of a release's
 * `date` and `lang` (an issue template's `name`, `about`, `title` and `labels`): it is no release.
 */
function githubFrontMatter(parsed: ParsedFile, data: unknown): Parameters<Report>[1] | undefined {
  const hint = githubFolderHint(parsed.path);
  if (hint === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  if (keys.includes('date') || keys.includes('lang')) return undefined;
  const listed = keys.slice(0, 4).map((key) => `\`${key}\``).join(', ');
  return {
    ...FRESH, ...parsed.locate([], 'key'),
    message: `The front matter has neither \`date\` nor \`lang\`, which every release has${keys.length > 0 ? `: its fields (${listed}${keys.length > 4 ? ', …' : ''}) are not a release's` : ''}.`,
    hint,
  };
}

function validateParsed(parsed: ParsedFile, options: ValidateOptions): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const report = createReporter(parsed.path, options.config.rules, diagnostics);
  const push = limitedPush(diagnostics);
  // Through the rule settings: a warning the parser found (yaml/comment-in-value) may be turned off or up.
  for (const d of parsed.diagnostics) {
    if (RULES[d.ruleId].fixed) push(d);
    else report(d.ruleId, d);
  }
  // A front matter whose only errors are repeated keys is checked as YAML reads it (`checkable`), so that one run reports every
  // problem in it; it stays failed by those errors, and nothing is built from it.
  const data = parsed.data ?? parsed.checkable;
  const frontMatterRead = data !== undefined && !diagnostics.some((d) => d.severity === 'error' && d.ruleId !== 'yaml/duplicate-key');
  const source: DataSource = { text: parsed.text, locate: parsed.locate, rootName: 'the front matter' };
  const github = frontMatterRead ? githubFrontMatter(parsed, data) : undefined;
  if (github) {
    // An issue template's front matter (`name`, `about`, `labels`) is GitHub's: one error that says so, not a release's dozen.
    report('schema/required', github);
    return { diagnostics };
  }
  const meta = frontMatterRead ? checkData(releaseSchema, data, source, report, 'the release format', { timeZone: options.config.timezone, languages: options.config.languages, now: options.now }) : undefined;
  if (meta) withoutEmptyText(meta);
  if (meta) checkMeta(meta, parsed, options, report);
  if (frontMatterRead) checkLanguage(parsed, options.config, report);
  if (meta) checkLanguageFolder(meta.lang, parsed, options.config, report);

  // The body is checked whenever the file could be split, even when the front
  // matter has errors, so that one run reports every problem in the file.
  const bodyImages: LocalImageRef[] = [];
  // The lead image's address is on every page, feed and JSON document of the release: judged as a body's links are.
  const bodyLinks: BodyLink[] = meta?.image && !isLocalImage(meta.image.src) ? [{ ...FRESH, ...parsed.locate(['image', 'src']), href: meta.image.src }] : [];
  const body = parsed.bodyLine > 1 ? checkReleaseBody(parsed, report, meta?.title, meta?.lang, options.config.html, { images: bodyImages, links: bodyLinks }, pageIds(meta, options)) : undefined;
  limitLocalImages(bodyImages, report);
  limitSiteLinks(bodyLinks, options.config.site?.url, report);
  if (parsed.bodyLine > 1) checkTranslatorNote(parsed, report);
  if (parsed.bodyLine > 1 && meta && hasPublishableStatus(meta.status)) checkPlaceholders(parsed, meta.status, report);
  if (meta && hasPublishableStatus(meta.status)) checkElidedValues(meta, parsed, report);
  // Also when the front matter has errors (a date typed as `14.05.2026`), from the `lang` and `location` it holds as written, so
  // that one run reports every problem in the body.
  const parts = meta ?? writtenParts(data);
  if (body && parts) checkRepeatedParts(parsed, parts, report);
  for (const d of invisibleDiagnostics(parsed.text)) report('content/invisible-character', d);
  const tabs = findFieldTabs(parsed);
  // `--fix` leaves a file whose front matter its fix would change (a tab that starts a line of a block's text is its indentation
  // to YAML, and a space there another): the hint offers it only where it will be made.
  const fixesTabs = tabs.some((tab) => tab.typed.length > 0) && keepsMeaning(parsed, fixFieldTabs(parsed.text, parsed.path).text);
  for (const tab of tabs) {
    const count = tab.typed.length > 1 ? `${tab.typed.length} tabs` : 'a tab';
    report('content/invisible-character', {
      ...FRESH, ...tab.at,
      message: `\`${tab.field}\` holds ${count} (U+0009), which looks like a space in an editor but is a tab in every output: the page, the plain text, the feeds and the JSON.`,
      hint: tab.typed.length === 0 ? 'Write a space instead of the `\\t`.'
        : fixesTabs ? `Type a space in its place${offerFix('does')}.`
          : 'Delete it, or retype the text around it by hand: `validate --fix` leaves it, since a space in its place would change what YAML reads there (more indentation at the start of a block\'s line, or a `#` after it read as a comment).',
    });
  }

  // The checks across files, and the search for images, report at these places long after the text is gone: each keeps its line for the code frame.
  const at = sourceLineReader(parsed.text);
  if (!meta || !body || diagnostics.some((d) => d.severity === 'error')) {
    // Its local images can still be looked for, so that one run reports every problem in the file.
    const localImages = withImageLines([
      ...(meta?.image && isLocalImage(meta.image.src) ? [{ ...FRESH, ...parsed.locate(['image', 'src']), src: meta.image.src }] : []),
      ...bodyImages,
    ], at);
    return localImages.length > 0 ? { diagnostics, localImages } : { diagnostics };
  }
  const id = meta.id ?? derivedId(parsed.path);
  if (!id) {
    report('schema/format', {
      ...FRESH, ...parsed.locate(['title'], 'key'),
      message: `The file name ${quote(defaultId(parsed.path))} gives no usable id: an id is lower-case letters, digits, ".", "_" or "-".`,
      hint: 'Add an `id` field, such as `id: residence-permit-centre`, or rename the file.',
    });
    return { diagnostics };
  }
  const derived = meta.slug === undefined ? releaseSlug(meta.title, id, meta.lang) : undefined;
  const slug = meta.slug ?? derived!.slug;
  // A slug is pointed at where it comes from: the `slug` field, the title, or the id when the title gave none (the file name when it has no `id`).
  const slugAt = parsed.locate([meta.slug !== undefined ? 'slug' : derived!.fromId && meta.id !== undefined ? 'id' : 'title']);
  const gives = derived === undefined ? '' : !derived.fromId ? 'title' : meta.id !== undefined ? 'id' : 'file name';
  if (isReservedName(slug)) {
    report('slug/reserved', {
      ...FRESH, ...slugAt,
      message: meta.slug !== undefined
        ? `The slug "${slug}" is a device name that Windows reserves; a file ${slug}.html cannot be written or opened there.`
        : `The ${gives} gives the slug "${slug}", a device name that Windows reserves; a file ${slug}.html cannot be written or opened there.`,
      hint: `Set \`slug\` to a longer name, such as \`slug: ${unreservedSlug(slug, meta.lang, meta.date)!.slug}\`.`,
    });
    return { diagnostics };
  }
  if (RESERVED_SLUGS.has(slug)) {
    // The file the release's pages would overwrite: `index` its page, the listing; `feed` its JSON, the JSON feed.
    const taken = slug === 'index' ? `${releasePath(meta.lang, slug)} is the language's listing` : `${jsonFeedPath(meta.lang)} is the language's JSON feed`;
    report('slug/reserved', {
      ...FRESH, ...slugAt,
      message: `The ${meta.slug !== undefined ? 'slug' : `${gives} gives the slug`} "${slug}", which the site's own files take: ${taken}.`,
      hint: `Set \`slug\` to a longer name, such as \`slug: ${unreservedSlug(slug, meta.lang, meta.date)!.slug}\`.`,
    });
    return { diagnostics };
  }
  const idAt = at(parsed.locate([meta.id !== undefined ? 'id' : 'title']));
  const written = parsed.data as Record<string, unknown>;
  const release: Release = {
    ...FRESH, ...meta,
    // The headline fields get the body's quotation marks, here, so that every output (page, meta, feeds, listings, JSON) agrees.
    ...(options.config.typography === 'smart' ? smartFields(meta) : {}),
    ...(meta.tags !== undefined ? { tags: distinctTags(meta.tags, meta.lang) } : {}),
    file: parsed.path,
    id,
    slug,
    slugAt: at(slugAt),
    idAt,
    dateAt: at(parsed.locate(['date'])),
    // `status` may be left out (it defaults to draft); then the release is pointed at by its id.
    statusAt: Object.hasOwn(written, 'status') ? at(parsed.locate(['status'])) : idAt,
    ...(meta.aliases !== undefined ? { aliasesAt: meta.aliases.map((_, i) => at(parsed.locate(['aliases', i]))) } : {}),
    bodyDigest: textDigest(parsed.body),
  };
  const unread = unreadEmbargoes(written, options.config.timezone);
  if (unread.length > 0) release.unreadEmbargoes = unread;
  const localImages = withImageLines([
    ...(meta.image && isLocalImage(meta.image.src) ? [{ ...FRESH, ...parsed.locate(['image', 'src']), src: meta.image.src }] : []),
    ...bodyImages,
  ], at);
  if (localImages.length > 0) release.localImages = localImages;
  const siteLinks = siteLinksOf(bodyLinks, release.lang, slug, options.config.site?.url);
  if (siteLinks.length > 0) {
    release.siteLinks = siteLinks.map((link, i) => {
      const { sourceLine } = i > 0 && siteLinks[i - 1]!.line === link.line ? {} : at(link);
      return sourceLine === undefined ? link : { ...FRESH, ...link, sourceLine };
    });
  }
  return { release, body, diagnostics };
}

/**
 * A release's tags, each once: tags that name the same tag page (`visa`,
 * `Visa`, `visa `) are one, as the author wrote it first, without the
 * blanks around it.
 */
function distinctTags(tags: readonly string[], lang: Language): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const trimmed = tag.trim();
    const page = tagSlug(trimmed, lang);
    if (seen.has(page)) continue;
    seen.add(page);
    out.push(trimmed);
  }
  return out;
}

/**
 * An optional text that is empty, as written (`subtitle: ""`) or once the
 * spaces around it are gone (`summary: " "`), is no value: the page showed
 * an empty subtitle paragraph and an empty description, the JSON `""` where
 * it says `null` of a value not given.
 */
function withoutEmptyText(meta: ReleaseMeta): void {
  for (const field of ['subtitle', 'summary', 'location', 'withdrawn_reason'] as const) if (meta[field] === '') delete meta[field];
  for (const contact of meta.contacts ?? []) if (contact.role === '') delete contact.role;
  if (meta.image?.caption === '') delete meta.image.caption;
  if (meta.image?.credit === '') delete meta.image.credit;
}

/** `typography: smart` for the plain text fields (title, subtitle, summary, image caption); the slug was made from the title as typed. */
function smartFields(meta: ReleaseMeta): Partial<ReleaseMeta> {
  const out: Partial<ReleaseMeta> = { title: smartQuotesText(meta.title, meta.lang) };
  if (meta.subtitle !== undefined) out.subtitle = smartQuotesText(meta.subtitle, meta.lang);
  if (meta.summary !== undefined) out.summary = smartQuotesText(meta.summary, meta.lang);
  // A caption is text on the page too; the address and the alternative text are left as written.
  if (meta.image?.caption !== undefined) out.image = { ...FRESH, ...meta.image, caption: smartQuotesText(meta.image.caption, meta.lang) };
  return out;
}

/**
 * A well-formed language tag that the project does not use. Checked even when
 * other fields fail the schema, so that one run reports every problem.
 */
function checkLanguage(parsed: ParsedFile, config: Config, report: Report): void {
  const lang = ((parsed.data ?? parsed.checkable) as Record<string, unknown>).lang;
  if (typeof lang !== 'string' || !isLanguageTag(lang) || config.languages.includes(lang)) return;
  // The same tag in another case (`EN`) or with a region the project does not name (`ru-RU`), or a language's name where its tag goes (`english`).
  const hint = languageHint(lang, config.languages);
  report('schema/enum', {
    ...FRESH, ...parsed.locate(['lang']),
    message: `\`lang\` is ${quote(lang)}, but this project's languages are ${config.languages.join(', ')}.`,
    hint: hint ?? 'Use one of the configured languages, or add this one to `languages` in the config file.',
    actual: lang, expected: config.languages.join(', '),
  });
}

/**
 * A release whose `lang` is not the language its folder is named after
 * (`releases/en/` holding `lang: ru`). The nearest of the file's last three
 * folders that names a configured language counts, so `releases/en/2026/`
 * is an English folder and a language in the path above the project
 * (`/home/ru/newsroom/releases/…`) is too far up to count.
 */
function checkLanguageFolder(lang: Language, parsed: ParsedFile, config: Config, report: Report): void {
  // A language the project does not have is `schema/enum`'s to report.
  if (!config.languages.includes(lang)) return;
  const folder = folderLanguage(parsed.path, config.languages);
  if (folder === undefined || canonicalTag(folder) === canonicalTag(lang)) {
    // `centre.ru.md`, as `new --translate-from` names a translation beside its original: the name says the language too.
    const named = suffixLanguage(parsed.path, config.languages);
    if (named === undefined || canonicalTag(named) === canonicalTag(lang)) return;
    const file = parsed.path.split(/[\\/]/).pop()!;
    report('content/language-folder', {
      ...FRESH, ...parsed.locate(['lang']),
      message: `\`lang\` is ${quote(lang)}, but the file's name, ${quote(file)}, is that of its ${quote(named)} version.`,
      hint: `If the text is in ${quote(named)}, write \`lang: ${named}\`; if it is in ${quote(lang)}, rename the file.`,
      actual: lang, expected: named,
    });
    return;
  }
  report('content/language-folder', {
    ...FRESH, ...parsed.locate(['lang']),
    message: `\`lang\` is ${quote(lang)}, but the release lies in the folder of ${quote(folder)}.`,
    hint: `If the text is in ${quote(lang)}, move the file to the ${quote(lang)} folder; if it is in ${quote(folder)}, write \`lang: ${folder}\`.`,
    actual: lang, expected: folder,
  });
}

/** The configured language a file's name ends with before its extension (`centre.ru.md`), if one does. */
function suffixLanguage(path: string, languages: readonly Language[]): Language | undefined {
  const tag = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.(?:md|markdown)$/i.exec(path.split(/[\\/]/).pop() ?? '')?.[1];
  if (tag === undefined || !isLanguageTag(tag)) return undefined;
  const canonical = canonicalTag(tag);
  return languages.find((l) => canonicalTag(l) === canonical);
}

/** The configured language that the nearest of the last three folders of `path` is named after, if one is. */
function folderLanguage(path: string, languages: readonly Language[]): Language | undefined {
  const folders = path.split(/[\\/]/).slice(0, -1).slice(-3).reverse();
  for (const folder of folders) {
    if (!isLanguageTag(folder)) continue;
    const canonical = canonicalTag(folder);
    const match = languages.find((l) => canonicalTag(l) === canonical);
    if (match !== undefined) return match;
  }
  return undefined;
}

/** How `headlineLength` counted `text`, when it counted some of its characters twice. */
function countedWide(text: string, length: number): string {
  return length > [...text].length ? ', counting each Chinese, Japanese or Korean character (or emoji) as two, as it takes the room of two' : '';
}

/** Rules on the front matter's values that the schema cannot express. */
function checkMeta(meta: ReleaseMeta, parsed: ParsedFile, options: ValidateOptions, report: Report): void {
  const { config, now } = options;
  const titleLength = headlineLength(meta.title);
  if (titleLength > TITLE_MAX) {
    report('content/title-length', {
      ...FRESH, ...parsed.locate(['title']),
      message: `The title is ${titleLength} characters long${countedWide(meta.title, titleLength)}; headlines should be at most ${TITLE_MAX}.`,
      hint: 'Shorten the headline and move detail into `subtitle`.',
      actual: String(titleLength), expected: `at most ${TITLE_MAX}`,
    });
  }
  const summaryLength = meta.summary === undefined ? 0 : headlineLength(meta.summary);
  if (summaryLength > SUMMARY_MAX) {
    report('content/summary-length', {
      ...FRESH, ...parsed.locate(['summary']),
      message: `The summary is ${summaryLength} characters long${countedWide(meta.summary!, summaryLength)}; search snippets show about ${SUMMARY_MAX}.`,
      hint: 'Keep the summary to one or two short sentences.',
      actual: String(summaryLength), expected: `at most ${SUMMARY_MAX}`,
    });
  }
  for (const field of ['title', 'subtitle', 'summary'] as const) {
    const value = meta[field];
    if (value === undefined) continue;
    const plain = withoutInlineMarkdown(value);
    if (plain === value) continue;
    report('content/inline-markdown', {
      ...FRESH, ...parsed.locate([field], 'value'),
      message: `\`${field}\` holds Markdown, which is not read there: pages, feeds and the plain text would show ${quote(value, 50)} as it stands.`,
      hint: `Write it as plain text: ${quote(plain, 80)}. Emphasis and links belong in the body.`,
      actual: value, expected: plain,
    });
  }
  checkAliases(meta, parsed, config, report);
  const timeZone = config.timezone;
  // A withdrawn release's embargo says whether it was ever out (see the withdrawal notices): it is no reminder to publish.
  if (meta.embargo !== undefined && meta.status !== 'published' && meta.status !== 'withdrawn' && !isUnderEmbargo(meta, now, timeZone)) {
    report('embargo/past', {
      ...FRESH, ...parsed.locate(['embargo']),
      message: `The embargo (${meta.embargo}) has passed, but the release is still "${meta.status}".`,
      hint: 'Publish the release, or remove the embargo.',
    });
  }
  if (meta.embargo !== undefined) {
    // Days as the site's clocks show them (`toDateTime` gives a time written in another zone on them): a release dated 1 March
    // with an embargo to 09:00 that day is the usual case.
    const embargoDay = toDateTime(meta.embargo, timeZone).slice(0, 10);
    const dateDay = toDateTime(meta.date, timeZone).slice(0, 10);
    if (embargoDay > dateDay) {
      report('embargo/after-date', {
        ...FRESH, ...parsed.locate(['date']),
        message: `The release is dated ${dateDay}, but its embargo ends on ${embargoDay}: its pages, feeds, sitemaps and JSON give ${dateDay} as the day it came out, when nobody could read it, and the news sitemap, which lists the last two days' releases by their dates, may never list it.`,
        hint: `Date the release the day its embargo ends: \`date: ${embargoDay}\`.`,
        actual: dateDay, expected: `${embargoDay} or later`,
      });
    }
  }
  if (meta.status === 'approved' && meta.embargo === undefined && isAfter(meta.date, timeZone, now)) {
    report('date/future-approved', {
      ...FRESH, ...parsed.locate(['date']),
      message: `The release is "approved" and dated ${meta.date}, in the future, but has no \`embargo\`: a build today publishes it at once as FOR IMMEDIATE RELEASE.`,
      hint: `Add \`embargo:\` with the date and time it may go out, or set \`status: review\` until then.`,
    });
  }
  const onClocks = onClocksOf(meta.date, timeZone);
  if (onClocks !== undefined && onClocks.slice(0, 10) !== meta.date.slice(0, 10)) {
    const offset = /[+-]\d{2}:\d{2}$|z$/i.exec(meta.date)?.[0].toUpperCase() ?? '';
    report('date/other-day', {
      ...FRESH, ...parsed.locate(['date'], 'value'),
      message: `The date is written with the UTC offset ${offset}, which puts it on ${meta.date.slice(0, 10)}; in the config's \`timezone\`, ${timeZone}, that moment is on ${onClocks.slice(0, 10)}. Its pages give the day as written, while listings and feeds order releases by the moment, so it shows a day out of order beside releases dated in ${timeZone}.`,
      hint: `Write the date as ${timeZone}'s clocks show it: \`date: ${onClocks}\`.`,
      actual: meta.date, expected: onClocks,
    });
  }
  if (meta.status === 'withdrawn' && meta.withdrawn_date === undefined && config.withdrawnNotices) {
    report('publication/withdrawn-undated', {
      ...FRESH, ...parsed.locate(['status'], 'value'),
      message: 'The release is "withdrawn" without a `withdrawn_date`, so it gets no withdrawal notice: if it was published, its pages are removed, and links to them break.',
      hint: 'If it was published, add `withdrawn_date: YYYY-MM-DD` (and `withdrawn_reason:`) to keep its address with a notice; if it never went out, set `status: draft` instead, which writes nothing. A site that keeps no notices says `withdrawnNotices: false` in its config.',
    });
  }
  // Setting `withdrawn` ahead of the day meant takes the release down now: the date only dates the notice, and the pages it left.
  if (meta.status === 'withdrawn' && meta.withdrawn_date !== undefined && isAfter(meta.withdrawn_date, timeZone, now)) {
    report('publication/withdrawn-future', {
      ...FRESH, ...parsed.locate(['withdrawn_date']),
      message: `The release is "withdrawn" with a \`withdrawn_date\` still to come, ${meta.withdrawn_date}: its pages are taken down now, not on that day${config.withdrawnNotices ? ', and its withdrawal notice says it was withdrawn on a day that has not come' : ''}.`,
      hint: 'Write the day it was taken down; to take it down on a later day, keep its `status` as it is until then.',
    });
  }
  // A notice that says a release was withdrawn before it was first published: one of its two days is mistyped.
  if (meta.status === 'withdrawn' && config.withdrawnNotices && withdrawalNoticeDue(meta, timeZone)) {
    const withdrawnDay = toDateTime(meta.withdrawn_date, timeZone).slice(0, 10);
    const publishedDay = toDateTime(meta.date, timeZone).slice(0, 10);
    if (withdrawnDay < publishedDay) {
      report('publication/withdrawn-before-date', {
        ...FRESH, ...parsed.locate(['withdrawn_date']),
        message: `The \`withdrawn_date\`, ${meta.withdrawn_date}, is before the release's \`date\`, ${meta.date}: its withdrawal notice would say it was withdrawn on ${withdrawnDay}, and first published on ${publishedDay}, after that.`,
        hint: 'Correct the day that is wrong: the release went out on its `date`, and was withdrawn on or after it.',
      });
    }
  }
  if (meta.status === 'published' && isAfter(meta.date, timeZone, now)) {
    report('date/future-published', {
      ...FRESH, ...parsed.locate(['date']),
      message: `The release is "published" but dated ${meta.date}, in the future.`,
      hint: 'Set `status: approved` with an `embargo`, or correct the date.',
    });
  }
}

/**
 * Each alias on its own: a path must be a safe site-relative address, and
 * neither kind may land on a page the site keeps for itself. Clashes between
 * releases are found across files (collection.ts) and against the files a
 * build writes (build.ts).
 */
function checkAliases(meta: ReleaseMeta, parsed: ParsedFile, config: Config, report: Report): void {
  (meta.aliases ?? []).forEach((alias, i) => {
    const where = parsed.locate(['aliases', i]);
    if (!isPathAlias(alias)) {
      const reserved = reservedSlugAlias(alias);
      if (reserved) report('alias/reserved', { ...FRESH, ...where, message: `The alias ${quote(alias)} cannot have a redirect page: ${reserved}.`, hint: 'Remove it from `aliases`.' });
      return;
    }
    const read = readAliasPath(alias);
    if (!read.ok) {
      report('alias/invalid', { ...FRESH, ...where, message: `The alias ${quote(alias)} ${read.problem}.`, hint: read.hint, actual: alias });
      return;
    }
    const reserved = reservedAliasFile(read.alias.file, config.languages);
    if (reserved) {
      report('alias/reserved', {
        ...FRESH, ...where,
        message: `The alias ${quote(alias)} would put a redirect page at ${read.alias.file}, which is ${reserved}.`,
        hint: 'Remove it from `aliases`: that address is the site\'s own, or a folder\'s; if it must keep working, redirect it in the server\'s configuration.',
      });
    }
  });
}

/**
 * The text without the inline Markdown people type into plain fields: strong
 * and emphasis (`**`, `__`, `*`, `_` around words), code spans and links.
 * Underscores and asterisks inside words (snake_case, 5*3) are left alone.
 */
export function withoutInlineMarkdown(value: string): string {
  return withoutLinks(value)
    .replace(/(\*\*|__)(?=\S)([^*_\n]*?\S)\1/g, '$2')
    .replace(/(^|[\s(«"“])([*_])(?=[^\s*_])([^*_\n]*?[^\s*_])\2(?=$|[\s).,;:!?»"”])/g, '$1$3')
    .replace(/`([^`\n]+)`/g, '$1');
}

/** A link's address and title, after its text in brackets: `(https://example.az/a_(b) "Title")`. */
const LINK_ADDRESS = /\((?:[^()\s]|\([^()\s]*\))+(?:\s+"[^"]*")?\)/y;

/**
 * `value` with each link `[text](address)` on one line replaced by its text,
 * as `/\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+"[^"]*")?\)/g` would
 * replace it with `$1`, in one pass: that pattern reads from every `[` to the
 * first `]` or line break after it, so a run of `[` without one took time
 * growing with the square of its length (50,000: 3 s, 100,000: 10 s). Every
 * `[` before the same `]` ends its text there, and the address after it is
 * read once for them all.
 */
function withoutLinks(value: string): string {
  if (!value.includes('](')) return value;
  let out = '';
  let from = 0;
  // The first `]` or line break after the `[` being read.
  let end = 0;
  for (let open = value.indexOf('['); open !== -1; open = value.indexOf('[', open + 1)) {
    if (end <= open) {
      end = open + 1;
      while (end < value.length && value[end] !== ']' && value[end] !== '\n') end++;
    }
    if (end === open + 1) continue;
    if (value[end] === ']') {
      LINK_ADDRESS.lastIndex = end + 1;
      if (LINK_ADDRESS.test(value)) {
        out += value.slice(from, open) + value.slice(open + 1, end);
        from = LINK_ADDRESS.lastIndex;
        end = from;
        open = from - 1;
        continue;
      }
    }
    // No link begins at any `[` before this `]` or line break.
    open = end;
  }
  return out + value.slice(from);
}

/** The body's own rules, with positions in the file; returns the lexed body when it can be rendered. */

/** A translation that still holds the note `new --translate-from` put at its top: it would be published with it, and likely untranslated. */
function checkTranslatorNote(parsed: ParsedFile, report: Report): void {
  // At the start of a line, as `new --translate-from` writes it (see `translationNote`).
  const at = `\n${parsed.body}`.indexOf(`\n${TRANSLATION_NOTE_OPENING}`);
  if (at === -1) return;
  const line = parsed.bodyLine + positionAt(parsed.body, at).line - 1;
  report('translation/untranslated', {
    file: parsed.path, line, column: 1, endLine: line, endColumn: 27,
    message: 'The body still opens with the translator\'s note of `new --translate-from`: the text has likely not been translated yet, and the note would be published with it.',
    hint: 'Translate the title, subtitle, summary and body, then delete the note.',
  });
}

/** The `lang` and `location` of a front matter that has errors, as far as they are text: what `checkRepeatedParts` goes by. */
function writtenParts(data: unknown): { lang: string; location?: string } | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const { lang, location } = data as { lang?: unknown; location?: unknown };
  const city = typeof location === 'string' ? location.trim() : '';
  return { lang: typeof lang === 'string' ? lang.trim() : 'en', ...(city !== '' ? { location: city } : {}) };
}

/** The release line, the dateline and the end mark typed into the body, which the outputs print themselves. */
function checkRepeatedParts(parsed: ParsedFile, meta: { lang: string; location?: string | undefined }, report: Report): void {
  const locale = localeFor(meta.lang);
  for (const part of repeatedParts(parsed.body, meta.location, (text) => locale.upper(text))) {
    const from = positionAt(parsed.body, part.start);
    const to = positionAt(parsed.body, part.end);
    const where = { file: parsed.path, line: parsed.bodyLine + from.line - 1, column: from.column, endLine: parsed.bodyLine + to.line - 1, endColumn: to.column };
    if (part.kind === 'release-line') {
      report('content/repeated-part', {
        ...FRESH, ...where,
        message: `The body opens with the release line ${quote(part.text)}, which every output prints above the title itself (from \`status\` and \`embargo\`): it would be there twice.`,
        hint: 'Delete the line; to hold the release back until a time, set `embargo`.',
      });
    } else if (part.kind === 'dateline') {
      report('content/repeated-part', {
        ...FRESH, ...where,
        message: `The body opens with a dateline, ${quote(part.text)}, which every output prints itself from \`location\` and \`date\`: it would be there twice.`,
        hint: meta.location === undefined ? 'Delete it, start the body with the lead, and set `location` to the dateline\'s city.' : 'Delete it and start the body with the lead.',
      });
    } else {
      report('content/repeated-part', {
        ...FRESH, ...where,
        message: `The body ends with the end mark ${quote(part.text)}, which the plain text prints itself${part.text.startsWith('#') ? ': Markdown reads it as a heading with no text, which no output shows, so it stands for nothing' : ': it would be there twice, and on the page as text'}.`,
        hint: 'Delete it.',
      });
    }
  }
}

/**
 * A run of white space that may stand for a space of a placeholder: spaces
 * and tabs, and line breaks, each followed by the indentation and `>` of a
 * quotation's next line. Each character can be read one way only (a line
 * break is no space of the run before it): written as `(?:\s|\n\s*>)+`, a
 * line break was both, and a body of `Write` and thirty `\n\n>` took half a
 * minute to be found not to match.
 */
const PLACEHOLDER_SPACE = '(?:[^\\S\\n]+(?:\\n[^\\S\\n]*(?:>[^\\S\\n]*)?)*|(?:\\n[^\\S\\n]*(?:>[^\\S\\n]*)?)+)';

/** Each of `ARCHETYPE_PLACEHOLDERS` as a pattern in which any run of white space matches its spaces, across a line break in a quotation too (`>`). */
const PLACEHOLDER_PATTERNS: readonly (readonly [string, RegExp, string])[] = ARCHETYPE_PLACEHOLDERS.map((p) => [p, new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, PLACEHOLDER_SPACE), 'u'), p.split(' ')[0]!]);

/**
 * A field whose whole value is an ellipsis (`alt: …`), as the tool's hints write the part left to fill in
 * (`image: {src: "…", alt: …}`): pasted as it is, it would be published so.
 */
function checkElidedValues(meta: ReleaseMeta, parsed: ParsedFile, report: Report): void {
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      if (!ELIDED.test(value)) return;
      report('content/placeholder', {
        ...FRESH, ...parsed.locate(path),
        message: `\`${path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('')}\` is \`${value.trim()}\`, a part left to fill in, and the release is "${meta.status}": it would be published so.`,
        hint: 'Write the text it stands for, or leave the field out.',
      });
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (value !== null && typeof value === 'object' && !(value instanceof Date)) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  // Not in tags, where a mark of punctuation may be a tag of its own (`…`), nor in the fields a pattern checks (status, dates).
  for (const [key, value] of Object.entries(meta)) if (!['status', 'tags', 'aliases', 'id', 'slug', 'lang'].includes(key)) visit(value, [key]);
}

/** A value that is only an ellipsis, of one character or three dots. */
const ELIDED = /^\s*(?:…|\.{3})\s*$/;

/** The instructions and names of `new`'s skeleton, still in a release that is to go out. */
function checkPlaceholders(parsed: ParsedFile, status: string, report: Report): void {
  for (const [placeholder, pattern, firstWord] of PLACEHOLDER_PATTERNS) {
    // The pattern only where its first word is: a body has none of them, and a search for a word is the cheaper.
    if (!parsed.body.includes(firstWord)) continue;
    // Where the text was wrapped by hand, a line break (and a quotation's `>`) may stand for any of its spaces.
    const found = pattern.exec(parsed.body);
    if (!found) continue;
    const { line, column } = positionAt(parsed.body, found.index);
    const bodyLine = parsed.bodyLine + line - 1;
    const end = positionAt(parsed.body, found.index + found[0].length);
    const name = placeholder === placeholder.toUpperCase();
    report('content/placeholder', {
      file: parsed.path, line: bodyLine, column, endLine: parsed.bodyLine + end.line - 1, endColumn: end.column,
      message: name
        ? `The quotation still names \`${placeholder}\`, as \`migration-news new\` wrote it, and the release is "${status}": it would be published so.`
        : `The body still holds the instruction \`${placeholder}…\` that \`migration-news new\` wrote, and the release is "${status}": it would be published as it stands.`,
      hint: name ? 'Write the name and role of the person quoted.' : 'Replace the instruction with the release\'s own text, or delete it.',
    });
  }
}

/**
 * The ids the set's page gives elements around the body (`ValidateOptions.pageIds`, else the default pages' `PAGE_IDS`),
 * each with whether the release's page has it, for a link to a part of it: the contacts' heading with contacts (its own,
 * else the config's for its language), the about section's with the config's `about` for its language, any other always.
 * Without the release's metadata (a front matter that could not be read), each is taken to be there.
 */
function pageIds(meta: ReleaseMeta | undefined, { config, pageIds: ids = PAGE_IDS }: ValidateOptions): ReadonlyMap<string, boolean> {
  return new Map(ids.map((id) => [id,
    meta === undefined ? true
      : id === 'contacts-heading' ? releaseContacts(meta, config).length > 0
        : id === 'about-heading' ? aboutText(config, meta.lang) !== null
          : true,
  ]));
}

/** A link of the body, with the address the page gives it, where it is written. */
type BodyLink = { href: string } & Location;

function checkReleaseBody(parsed: ParsedFile, report: Report, title: string | undefined, lang: string | undefined, html: HtmlMode, found: { images: LocalImageRef[]; links: BodyLink[] }, pageIds: ReadonlyMap<string, boolean>): BodyTokens | undefined {
  if (parsed.body.trim() === '') {
    report('content/empty-body', {
      // An empty body has no line of its own: the closing `---` is where text should follow.
      file: parsed.path, line: parsed.closeLine, column: 1, endLine: parsed.closeLine, endColumn: 4,
      message: 'The release has no body text after the front matter.',
      hint: 'Write the release text below the closing `---`.',
    });
    return undefined;
  }
  const lexed = lexBody(parsed.body);
  if (!lexed.ok) {
    report('content/too-complex', { line: parsed.bodyLine + lexed.line - 1, column: 1, message: lexed.message, hint: lexed.hint });
    return undefined;
  }
  if (showsNothing(lexed.body)) {
    // At its first line that is not blank: a comment (a reminder left to fill in), or a link's definition.
    const first = parsed.bodyLine + (parsed.body.slice(0, parsed.body.search(/\S/)).match(/\n/g)?.length ?? 0);
    report('content/empty-body', {
      file: parsed.path, line: first, column: 1,
      message: 'The release has no body text: what is below the front matter is HTML comments and link definitions, which no output shows.',
      hint: 'Write the release text below the closing `---`; a comment may stay, for the people who edit the file.',
    });
  }
  checkBody(lexed.body, { file: parsed.path, bodyLine: parsed.bodyLine, body: parsed.body, ...(title !== undefined ? { title } : {}), ...(lang !== undefined ? { lang } : {}), html, pageIds, report: (ruleId, d) => report(ruleId, d),
    onLocalImage: (src, where) => found.images.push({ file: parsed.path, ...where, src }),
    // Every address: `pastSiteLinks` and `siteLinksOf` keep those that may name a file of the site (`mayNameSiteFile`).
    onLink: (href, where) => found.links.push({ ...FRESH, file: parsed.path, ...where, href }),
  });
  return lexed.body;
}

/**
 * Local images with their places, the text of a line given with the first
 * image on it only: `findReleaseImages` gives it to those after it on the
 * line. With a copy each, a line of 16,000 images made a build record too
 * long to write, after 19 s.
 */
function withImageLines(refs: readonly LocalImageRef[], at: (location: Location) => SourceLocation): LocalImageRef[] {
  return refs.map((ref, i) => (i > 0 && refs[i - 1]!.line === ref.line ? { ...FRESH, ...ref } : { ...FRESH, ...at(ref), src: ref.src }));
}

/**
 * Holds a body's links to files of the site to `MAX_SITE_LINKS` addresses,
 * an error at the first link past them, which keeps the links before it.
 */
function limitSiteLinks(links: BodyLink[], siteUrl: string | undefined, report: Report): void {
  const past = pastSiteLinks(links, siteUrl);
  if (past === undefined) return;
  report('content/too-complex', {
    line: past.line, column: past.column,
    message: `The body has more than ${MAX_SITE_LINKS.toLocaleString('en')} links that may lead to pages of the site, too many to judge against every release; this is the first past the limit.`,
    hint: 'Link the pages the release needs, and list the rest on a page of its own.',
  });
  links.length = links.indexOf(past);
}

/** Most local image files a release's body may name: each is looked for on disk, and copied. */
export const MAX_LOCAL_IMAGES = 10_000;

/**
 * Holds a body's local images to `MAX_LOCAL_IMAGES` files, an error at the
 * first reference past them, which keeps only the references to the files
 * before it: looking for each on disk, a body of 100,000 distinct missing
 * images took half a minute.
 */
function limitLocalImages(images: LocalImageRef[], report: Report): void {
  if (images.length <= MAX_LOCAL_IMAGES) return;
  const sources = new Set<string>();
  const past = images.find((image) => {
    if (sources.has(image.src)) return false;
    if (sources.size === MAX_LOCAL_IMAGES) return true;
    sources.add(image.src);
    return false;
  });
  if (past === undefined) return;
  report('content/too-complex', {
    line: past.line, column: past.column,
    message: `The body names more than ${MAX_LOCAL_IMAGES.toLocaleString('en')} local image files, too many to look for; this is the first past the limit.`,
    hint: 'Keep the images the release needs, and link a gallery on a page of its own for the rest.',
  });
  const kept = images.filter((image) => sources.has(image.src));
  images.length = 0;
  for (const image of kept) images.push(image);
}

/** The file name without folders and extension. */
export function defaultId(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.[^.]*$/, '');
}

/**
 * The id of a release without an `id` field: its file name, held to the
 * rules of a written id. A name that breaks them (`Über Uns.md`) is
 * transliterated the same way in every language (`uber-uns`), so that
 * translations named alike still share it; empty when nothing is left.
 */
export function derivedId(path: string): string {
  const name = defaultId(path);
  if (ID_PATTERN.test(name)) return name;
  const ascii = slugify(name, undefined, 120);
  return ID_PATTERN.test(ascii) ? ascii : '';
}

type Report = ReturnType<typeof createReporter>;

/** Where data came from: enough to point at a key path and quote the author's text. */
export interface DataSource {
  text: string;
  locate(path: readonly PropertyKey[], part?: 'key' | 'value'): Location;
  /** What holds the top-level fields, for hints ("the front matter"). */
  rootName?: string;
}

/**
 * Validates data against a zod schema: unknown keys, then every schema issue,
 * each as a diagnostic at the exact YAML node. Returns the parsed data, or
 * undefined when there were errors.
 */
export function checkData<T extends z.ZodType>(schema: T, data: unknown, source: DataSource, report: Report, formatName: string, hints: HintContext = {}): z.output<T> | undefined {
  reportUnknownKeys(schema as unknown as { _zod: { def: unknown } }, data, [], source, report, formatName, hints);
  // Only an escape (`\uD800`, `\U0000D800`) writes half a character: text without one is not walked.
  const halfCharacters = /\\[uU]/.test(source.text) && reportLoneSurrogates(data, [], source, report);
  const result = schema.safeParse(data);
  if (result.success) return halfCharacters ? undefined : result.data;
  // zod keeps checking a value after its first failure (a date that fails its pattern
  // also fails the calendar check); the first issue of each field says what to fix.
  const reported = new Set<string>();
  // The lines are found once for all the issues: a file may have thousands.
  const lines = sourceLineReader(source.text);
  for (const issue of result.error.issues.flatMap((i) => unionIssues(i, data, schema as unknown as { _zod: { def: ZodDef } }))) {
    const field = formatPath(issue.path);
    if (reported.has(field)) continue;
    reported.add(field);
    reportIssue(issue, data, source, lines, report, hints, schema as unknown as { _zod: { def: ZodDef } });
  }
  return undefined;
}
type Path = readonly PropertyKey[];


/**
 * Reports each text value holding half of a character, which only an
 * escape can write (YAML's `"\uD800"`): no UTF-8 can hold it, so every
 * output would carry a replacement character or an escape that strict JSON
 * readers refuse. Whether one was found.
 */
function reportLoneSurrogates(value: unknown, path: Path, source: DataSource, report: Report): boolean {
  if (typeof value === 'string') {
    const index = /[\uD800-\uDFFF]/.test(value) ? value.search(LONE_SURROGATE) : -1;
    if (index === -1) return false;
    const code = `U+${value.charCodeAt(index).toString(16).toUpperCase()}`;
    report('schema/control-character', {
      ...FRESH, ...source.locate(path, 'value'),
      message: `\`${formatPath(path)}\` contains half of a character (${code}, a surrogate written as an escape) at position ${index + 1}, which no UTF-8 text can hold: pages would show a replacement character, and JSON readers may refuse the file.`,
      hint: 'Write the character itself, or both halves of its escape (`"\\uD83D\\uDE00"`); or delete it.',
    });
    return true;
  }
  let found = false;
  if (Array.isArray(value)) value.forEach((item, i) => { found = reportLoneSurrogates(item, [...path, i], source, report) || found; });
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) found = reportLoneSurrogates(item, [...path, key], source, report) || found;
  return found;
}

function formatPath(path: Path): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${keyExcerpt(String(segment))}` : keyExcerpt(String(segment))), '');
}

/** Longest key a message names whole: a key of a thousand characters is a mistake the code frame shows, not one to print in full. */
const KEY_EXCERPT = 60;

function keyExcerpt(key: string): string {
  if (key.length <= KEY_EXCERPT) return key;
  return `${[...key].slice(0, KEY_EXCERPT - 1).join('')}…`;
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describeType(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return 'text';
    // YAML's `.nan` and `.inf`, and a number too large to hold (`1e400`), are numbers to JavaScript, but no number a field can take.
    case 'number':
      if (Number.isNaN(value)) return 'not a number (`.nan`)';
      return Number.isFinite(value) ? `the number ${value}` : `infinite (\`${value > 0 ? '' : '-'}.inf\`, or a number too large to hold, such as 1e400)`;
    case 'boolean': return `the boolean ${value}`;
    case 'object': return 'a mapping';
    default: return typeof value;
  }
}

/** Bytes in each unit a size may be written with, binary or decimal alike: a limit is read in bytes. */
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, kib: 1024, k: 1024, mb: 1024 ** 2, mib: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3, g: 1024 ** 3 };

/**
 * What to write for text where a number or `true`/`false` goes: a number or a word in quotes (`feedSize: "50"`,
 * `withdrawnNotices: "yes"`), or a size with its unit (`maxFileSize: 2MB`), which is a number of bytes.
 */
function textForScalarHint(key: PropertyKey | undefined, value: string, expected: string): string | undefined {
  const name = typeof key === 'string' ? `${key}: ` : '- ';
  const text = value.trim();
  if (expected === 'number' || expected === 'int') {
    if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(text)) return `Write the number without quotes: \`${name}${text}\`.`;
    const size = /^(\d+(?:\.\d+)?) ?([kmg]i?b?|b)$/i.exec(text);
    const bytes = size ? Math.round(Number(size[1]) * SIZE_UNITS[size[2]!.toLowerCase()]!) : undefined;
    if (bytes !== undefined && Number.isSafeInteger(bytes)) return `A size is a number of bytes, without a unit: \`${name}${bytes}\` for ${size![1]} ${size![2]!.toUpperCase().replace(/^([KMG])I?B?$/, '$1iB')}.`;
    return undefined;
  }
  if (expected === 'boolean') {
    const word = text.toLowerCase();
    const meant = ['true', 'yes', 'on', 'y'].includes(word) ? 'true' : ['false', 'no', 'off', 'n'].includes(word) ? 'false' : undefined;
    return meant ? `Write \`true\` or \`false\`, without quotes: \`${name}${meant}\`.` : undefined;
  }
  return undefined;
}

const EXPECTED: Record<string, string> = { string: 'text', array: 'a list', object: 'a mapping of fields', record: 'a mapping', number: 'a number', int: 'a whole number', boolean: 'true or false' };

/**
 * What is wrong with a value that matches none of the forms a field takes
 * (`contacts`: a list, or a list per language), in the terms of the form it
 * has the shape of: zod says only "Invalid input" at the field. With no form
 * of its shape, it is the wrong type for all of them (text first, so that an
 * unquoted number gets the quoting hint).
 */
function unionIssues(issue: z.core.$ZodIssue, data: unknown, schema: { _zod: { def: ZodDef } }): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !Array.isArray(issue.errors) || issue.errors.length === 0) return [issue];
  const wrongType = (branch: readonly z.core.$ZodIssue[]) => branch.find((i) => i.path.length === 0 && i.code === 'invalid_type') as (z.core.$ZodIssue & { expected: string }) | undefined;
  const fitting = issue.errors.filter((branch) => !wrongType(branch));
  // One item written without the `- ` that makes it one (`contacts:` with `name:` and `email:` below it) fits a mapping by
  // language only in shape: it is the list, written wrong, not languages named `name` and `email`.
  const value = valueAt(data, issue.path);
  const item = listForm(defAt(schema, issue.path))?.element;
  const itemFields = item && unwrapped(item._zod.def).shape;
  if (itemFields && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => Object.hasOwn(itemFields, key))) {
    const asList = issue.errors.map(wrongType).find((wrong) => wrong?.expected === 'array');
    if (asList) return [{ ...FRESH, ...asList, path: issue.path } as z.core.$ZodIssue];
  }
  if (fitting.length === 1) return fitting[0]!.flatMap((inner) => unionIssues({ ...FRESH, ...inner, path: [...issue.path, ...inner.path] }, data, schema));
  if (fitting.length > 0) return [issue];
  const expected = issue.errors.map((branch) => wrongType(branch)!.expected);
  const scalar = typeof value === 'number' || typeof value === 'boolean' || value === null;
  const first = scalar && expected.includes('string') ? 'string' : expected[0]!;
  const words = [first, ...expected.filter((e) => e !== first)].map((e) => EXPECTED[e] ?? (e === 'record' ? 'a mapping' : e));
  return [{ ...FRESH, ...wrongType(issue.errors[expected.indexOf(first)]!)!, path: issue.path, expected: first === 'string' && scalar ? 'string' : words.join(' or ') } as z.core.$ZodIssue];
}

/** What a hint may assume: the zone a date-time written without an offset is read in (the config's `timezone`). */
export interface HintContext {
  timeZone?: string;
  /** The project's languages, which a `lang` that is no language tag (`en_GB`) may be meant as. */
  languages?: readonly string[];
  /** The time the release is checked at (`--now`): an embargo under a key this format does not read matters only while it is still to come. */
  now?: number;
}

function reportIssue(issue: z.core.$ZodIssue, data: unknown, parsed: DataSource, lines: LineReader, report: Report, hints: HintContext, schema: { _zod: { def: ZodDef } }): void {
  const path = issue.path;
  const field = formatPath(path);
  const value = valueAt(data, path);
  const where = parsed.locate(path);
  // A missing key fails whichever check its schema starts with (a type, an enum); it is reported as missing.
  if (value === undefined && path.length > 0) {
    const parent = formatPath(path.slice(0, -1));
    const key = String(path[path.length - 1]);
    const expected = issue.code === 'invalid_type' ? EXPECTED[issue.expected] ?? issue.expected
      : issue.code === 'invalid_value' ? `one of ${issue.values.map(String).join(', ')}` : undefined;
    // The field is there, behind an invisible character pasted before it (`\uFEFFlang:`), which makes it another key: said at that key.
    const holder = valueAt(data, path.slice(0, -1));
    const hidden = holder !== null && typeof holder === 'object' && !Array.isArray(holder)
      ? Object.keys(holder).find((k) => k !== key && k.replace(INVISIBLE_IN_KEY, '') === key) : undefined;
    if (hidden !== undefined) {
      const character = codePoint(hidden.match(INVISIBLE_IN_KEY)![0]!);
      report('schema/required', {
        ...FRESH, ...parsed.locate([...path.slice(0, -1), hidden], 'key'),
        message: `The required field \`${key}\` is written with an invisible character (${character}) in its name, which makes it another key; \`${key}\` is missing.`,
        hint: `Retype the key${offerFix('deletes the character')}.`,
        ...(expected ? { expected } : {}),
      });
      return;
    }
    report('schema/required', {
      ...FRESH, ...where,
      message: parent ? `\`${parent}\` is missing the required field \`${key}\`.` : `The required field \`${key}\` is missing.`,
      hint: `Add \`${key}: …\` ${parent ? `under \`${parent}\`` : parsed.rootName ? `to ${parsed.rootName}` : 'at the top level'}.`,
      ...(expected ? { expected } : {}),
    });
    return;
  }
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    const source = sourceText(lines, where);
    // Nothing, a comment of the author's own (`title: # TODO`) or the end of a `{…}` or `[…]` (`{alt: }`): YAML reads no value,
    // which is what to say, just after the `:`.
    if (value === null && (source === '' || /^(?:#(?:\s|$)|[}\],])/.test(source))) {
      report('schema/type', {
        ...FRESH, ...(source === '' ? where : afterColon(lines, where)),
        message: `\`${field}\` has no value, but it must be ${expected}.`,
        hint: typeof path[path.length - 1] === 'number' ? 'Write the value after the `-`, or delete the empty item.' : `Write the value after \`${String(path[path.length - 1])}:\`, or delete the line if the field is optional.`,
        actual: 'nothing', expected,
      });
      return;
    }
    const unquoted = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean' || value === null) && !/^["']/.test(source);
    if (unquoted) {
      const last = path[path.length - 1];
      // `title: #Visas2027 # checked` is all a comment to YAML: the words right after the `#` are the value meant, and a comment
      // written `# like this` after them stays one, after the closing quote.
      const hashtag = value === null ? wordsInComment(source) : undefined;
      const text = hashtag ? hashtag.text : source;
      const after = hashtag ? `${hashtag.gap}${hashtag.comment}`.replaceAll('\t', ' ') : '';
      const quoted = `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      // Quoted, the value may still be refused as text (`timezone: 5`, which no time zone is): the hint says what the text must be.
      const asText = schemaAt(schema, path)?.safeParse(text);
      const still = asText && !asText.success ? asText.error.issues[0]?.message : undefined;
      report('yaml/unquoted-value', {
        ...FRESH, ...where,
        message: `\`${field}\` is read as ${describeType(value)} because it is not quoted, but it must be text.`,
        hint: still
          ? `Quoted, ${quoted} would still be refused: ${/^must /.test(still) ? `\`${field}\` ${still}` : still}.`
          : `Put the value in quotes, exactly as it should appear: ${typeof last === 'number' ? `- ${quoted}` : `${String(last)}: ${quoted}`}${after}.`,
        actual: actualText(source), expected,
      });
      return;
    }
    // `tags: security` is one string where a list is wanted; other tools accept both.
    // A number becomes one item of text, as written (`.nan` is no word, and an unquoted item would be read as a number again).
    // Tags written as hashtags (`tags: #visas #permits`): a `#` after a space starts a YAML comment, so the field is empty.
    // A comment of the author's own, `# like this`, is no tag.
    const hashtags = value === null && /^#\S/.test(source.trim()) ? source.trim().split(/\s#(?:\s|$)/)[0]!.split(/[\s,;]+/).map((tag) => tag.replace(/^#+/, '')).filter((tag) => tag !== '') : undefined;
    const items = typeof value === 'number' ? [JSON.stringify(source.trim() || String(value))] : typeof value === 'string' ? listItems(value) : hashtags ? listItems(hashtags.join(',')) : undefined;
    const wanted = issue.expected === 'array' ? listForm(defAt(schema, path)) : defAt(schema, path);
    const hint = issue.expected === 'array' && wanted?.type === 'array' && wanted.element && unwrapped(wanted.element._zod.def).shape
      ? mappingListHint(String(path[path.length - 1]), value, unwrapped(wanted.element._zod.def))
      : issue.expected === 'array' && items ? `${hashtags ? 'A `#` starts a YAML comment, so the line holds no value. ' : ''}Write a list: \`${String(path[path.length - 1])}: [${items.join(', ')}]\`.`
        : issue.expected === 'object' && wanted?.shape && (typeof value === 'string' || typeof value === 'number') ? mappingHint(path[path.length - 1], source.trim() || String(value), wanted)
          : typeof value === 'string' ? textForScalarHint(path[path.length - 1], value, issue.expected) : undefined;
    report('schema/type', { ...FRESH, ...where, message: `\`${field}\` must be ${expected}, but it is ${describeType(value)}.`, ...(hint ? { hint } : {}), actual: describeType(value), expected });
    return;
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String).join(', ');
    const suggestion = typeof value === 'string' ? closest(value.trim(), issue.values.map(String)) : undefined;
    report('schema/enum', {
      ...FRESH, ...where,
      message: `\`${field}\` is ${quote(value)}, but must be one of ${allowed}.`,
      ...(suggestion ? { hint: `Did you mean \`${suggestion}\`?` } : {}),
      actual: actualText(typeof value === 'string' ? value : JSON.stringify(value)), expected: allowed,
    });
    return;
  }
  if (typeof value === 'string' && REFUSED_CHARACTERS.test(value)) {
    const index = value.search(REFUSED_CHARACTERS);
    const code = codePoint(String.fromCodePoint(value.codePointAt(index)!));
    report('schema/control-character', {
      ...FRESH, ...where,
      message: `\`${field}\` contains the invisible control character ${code} at position ${index + 1}.`,
      hint: 'Delete the character; retype the text if you cannot see it.',
    });
    return;
  }
  const isolate = typeof value === 'string' ? unbalancedIsolate(value) : undefined;
  if (typeof value === 'string' && isolate) {
    const { what, hint } = describeIsolateProblem(value, isolate, 'the value');
    report('schema/control-character', {
      ...FRESH, ...characterWhere(parsed.text, where, value, isolate.index),
      message: `\`${field}\` contains, at position ${isolate.index + 1}, ${what}.`,
      hint,
    });
    return;
  }
  if (issue.code === 'invalid_key' && path.length > 0) {
    // A key of a map by language (`about`, `contacts`) that is no language tag: said at the key, with the key's own rule.
    const parent = formatPath(path.slice(0, -1));
    const key = String(path[path.length - 1]);
    const rule = issue.issues[0]?.message ?? 'is not a valid key';
    report('schema/format', {
      ...FRESH, ...parsed.locate(path, 'key'),
      message: `\`${parent}\` has the key ${quote(key)}, which ${/^(must|is)\b/.test(rule) ? rule : `is not valid: ${rule}`}.`,
      hint: `Use a language tag as the key, such as \`en:\`, or write one value for every language.`,
      actual: actualText(key),
    });
    return;
  }
  const params = (issue as { params?: { ruleId?: RuleId } }).params;
  const ruleId: RuleId = params?.ruleId ?? 'schema/format';
  const dateField = path.length === 1 && (path[0] === 'date' || path[0] === 'embargo');
  // Curly quotes around a value (a word processor's, pasted in) are part of it to YAML: the value inside is what was meant.
  const curly = typeof value === 'string' ? CURLY_QUOTED.exec(value.trim())?.[1] : undefined;
  const written = curly ?? value;
  // The value inside the quotes is suggested as it is, but for a language, which it may only name (see checkLanguage).
  // A day without its year (`May 14`, `14 мая`) is read in the year that puts it nearest to the time of the check, said to be a guess.
  const yearless = dateField && typeof written === 'string' && hints.now !== undefined ? withNearestYear(written, hints.now) : undefined;
  const dateText = yearless?.value ?? written;
  const exact = dateField && typeof dateText === 'string' ? readDate(dateText, path[0] === 'embargo', hints.timeZone) : undefined;
  // An embargo written as a day: that day with a time to correct, said to be a guess.
  const fromDay = dateField && exact === undefined ? embargoFromDay(path, dateText, hints.timeZone) : undefined;
  // Text that must be one line (a headline, a name): its lines joined by a space, as they would read on one. Each run of blanks
  // that holds a line break is one space, found as one run: matched from each blank before it, a long run took minutes.
  const joined = isLineBreakIssue(issue) && typeof written === 'string' ? written.replace(/\s+/g, (run) => (/[\r\n\u2028\u2029]/.test(run) ? ' ' : run)).trim() : undefined;
  const suggested = dateField ? (exact ?? fromDay)?.date : path[0] === 'lang' ? undefined : fieldSuggestion(path, written) ?? joined ?? curly;
  // A language written as a locale is elsewhere (`en_GB`): the project's language it means, said in full by languageHint.
  const language = path.length === 1 && path[0] === 'lang' && typeof written === 'string' && hints.languages ? languageHint(written, hints.languages) : undefined;
  // A value already in the right form (out of range, say) gets no suggestion of itself.
  const meant = suggested === value ? undefined : suggested;
  // A time read in the config's zone (one written without an offset, or the guess for a day) is a guess: the hint says so, and where the clocks change over it.
  const zoned = meant === undefined ? undefined : (exact ?? fromDay)?.zoned;
  const zoneNote = zoned === undefined ? ''
    : `${fromDay !== undefined ? ` An embargo lifts at an instant, not on a day: set the hour it lifts (09:00 here is a guess, in the config's \`timezone\`, ${zoned.timeZone}).` : ` The time has no UTC offset, so it is read in the config's \`timezone\`, ${zoned.timeZone}.`}${clockChangeNote(zoned)}`;
  const question = zoned?.reading.kind === 'twice' ? `Did you mean \`${zoned.reading.earlier}\` or \`${zoned.reading.later}\`?` : `Did you mean \`${meant}\`?`;
  const yearNote = yearless === undefined ? '' : ` The date has no year, which it needs: ${yearless.year} is a guess, the year that puts the day nearest to today.`;
  report(ruleId, {
    ...FRESH, ...where,
    message: `\`${field}\` ${boundWords(issue) ?? issue.message}; it is ${Array.isArray(value) ? `a list of ${value.length.toLocaleString('en')}` : quote(value)}.`,
    ...(meant ? { hint: `${question}${yearNote}${zoneNote}${path.length === 1 && path[0] === 'timezone' ? offsetZoneHint(meant) : ''}${joined !== undefined ? ONE_LINE_HINT : ''}${curly !== undefined ? CURLY_HINT : ''}` } : language ? { hint: `${language}${curly !== undefined ? CURLY_HINT : ''}` } : curly !== undefined ? { hint: CURLY_HINT.trim() } : {}),
    actual: actualText(typeof value === 'string' ? value : JSON.stringify(value)),
  });
}

/** An embargo written as a day alone (`2026-12-01`, or a day `suggestDate` reads): that day at 09:00 in the config's zone, as a suggestion to correct. */
function embargoFromDay(path: readonly PropertyKey[], value: unknown, timeZone: string | undefined): DateReading | undefined {
  if (path[0] !== 'embargo' || typeof value !== 'string' || timeZone === undefined) return undefined;
  const day = suggestDate(value, false) ?? value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isRealDate(day) ? inZone(`${day}T09:00:00`, timeZone) : undefined;
}

/**
 * What a hint adds where the clocks change over a time read in the config's
 * zone: that the time does not exist there that day (and which reading is
 * suggested instead), or that it comes twice (and at which offsets).
 */
function clockChangeNote({ local, reading }: ZonedTime): string {
  if (reading.kind === 'once') return '';
  const { before, after, offsetBefore, offsetAfter, shift } = reading.change;
  const day = local.slice(0, 10);
  // The clocks' readings with their days where the change crosses midnight (Pacific/Apia went from 30 December straight to 31 December).
  const changeDay = before.startsWith(day) && after.startsWith(day) ? day : '';
  const [time, from, to] = [clockTime(local, day), clockTime(before, changeDay), clockTime(after, changeDay)];
  if (reading.kind === 'twice') {
    return ` ${time} occurs twice there on ${day}, as the clocks go back from ${from} to ${to}: first at ${offsetBefore}, then ${durationWords(-shift)} later at ${offsetAfter}. Choose the one meant.`;
  }
  const gap = ` ${time} does not exist there on ${day}: the clocks go forward from ${from} to ${to} (${offsetBefore} to ${offsetAfter}).`;
  return reading.dateTime === reading.firstAfter ? `${gap} The suggestion is that moment, as the clocks show it.`
    : `${gap} The suggestion is ${time} read at the offset before the change (${offsetBefore}), written as the clocks show it after; for the moment they change, write \`${reading.firstAfter}\`.`;
}

/** A wall-clock time as a hint says it: `02:30`, with its seconds when it has some, and its day unless that is `day`. */
function clockTime(local: string, day: string): string {
  const time = local.endsWith(':00') ? local.slice(11, 16) : local.slice(11);
  return day !== '' && local.startsWith(day) ? time : `${local.slice(0, 10)} ${time}`;
}

/** Minutes in words: `an hour`, `30 minutes`, `an hour and 30 minutes`. */
function durationWords(minutes: number): string {
  const hours = Math.floor(minutes / 60), rest = minutes % 60;
  const words = [hours === 1 ? 'an hour' : hours > 1 ? `${hours} hours` : '', rest === 1 ? 'a minute' : rest > 1 ? `${rest} minutes` : ''];
  return words.filter((w) => w !== '').join(' and ');
}

/** A bound a value passes (`too_big`, `too_small`) in words, where the schema gave it none of its own. */
function boundWords(issue: z.core.$ZodIssue): string | undefined {
  if ((issue.code !== 'too_big' && issue.code !== 'too_small') || !/^Too (?:big|small)\b/.test(issue.message)) return undefined;
  const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
  const most = issue.code === 'too_big';
  const exact = (issue as { exact?: boolean }).exact === true;
  const limit = `${exact ? 'exactly' : issue.inclusive === false ? (most ? 'less than' : 'more than') : most ? 'at most' : 'at least'} ${String(bound)}`;
  if (issue.origin === 'array' || issue.origin === 'set') return `must have ${limit} ${Number(bound) === 1 ? 'item' : 'items'}`;
  if (issue.origin === 'string') return `must be ${limit} ${Number(bound) === 1 ? 'character' : 'characters'} long`;
  return `must be ${limit}`;
}

/** The items of a list written as one string: `security, borders` → security, borders. */
export function listItems(value: string): string[] {
  // Each item is trimmed: a pattern that took the blanks around each separator as well (`/\s*[,;]\s*/`) tried every run of them
  // to its end, and a value with a run of 100,000 spaces took 13 s.
  const items = value.split(/[,;]/).map((v) => v.trim()).filter((v) => v !== '');
  return (items.length > 0 ? items : [value]).map((v) => (/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(v) ? v : JSON.stringify(v)));
}


/** `UTC+4`, `GMT+04:00`, `+04`: a whole number of hours from UTC, as an offset is written. */
const UTC_OFFSET = /^(?:UTC|GMT)?\s*([+\u2212-])\s*(\d{1,2})(?::?00)?$/i;

/**
 * The fixed zone of a UTC offset written where a zone goes (`UTC+4` is Etc/GMT-4, whose sign POSIX turns the other way), for
 * a whole number of hours that such a zone exists for.
 */
function offsetZone(value: string): string | undefined {
  const offset = UTC_OFFSET.exec(value.trim());
  if (offset === null) return undefined;
  const hours = Number(offset[2]);
  if (hours === 0) return 'UTC';
  const zone = `Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`;
  // The runtime's list of zones leaves out the Etc ones it knows.
  return isKnownZoneName(zone) ? zone : undefined;
}

function isKnownZoneName(zone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone !== undefined;
  } catch {
    return false;
  }
}

/** What a hint adds to a fixed zone suggested for an offset (`Etc/GMT-4`): which way its sign runs, and that a place's zone keeps its summer time. */
function offsetZoneHint(zone: string): string {
  const [, sign, hours] = /^Etc\/GMT([+-])(\d+)$/.exec(zone) ?? [];
  if (hours === undefined) return '';
  return ` Its sign runs the other way, as POSIX has it: ${zone} is ${hours} ${hours === '1' ? 'hour' : 'hours'} ${sign === '-' ? 'ahead of' : 'behind'} UTC, and never changes for summer time, where a place's zone (Asia/Baku, Europe/Berlin) follows its clocks.`;
}

/**
 * What a config value was likely meant to be: a time zone by its city
 * (`Baku` is Asia/Baku), an address without its scheme
 * (`press.example.az` is https://press.example.az).
 */
function fieldSuggestion(path: readonly PropertyKey[], value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const last = path.at(-1);
  if (path.length === 1 && last === 'timezone') {
    const wanted = value.trim().replace(/\s+/g, '_').toLowerCase();
    if (wanted === '') return undefined;
    return Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === wanted || zone.toLowerCase().endsWith(`/${wanted}`)) ?? offsetZone(value);
  }
  if (last === 'url' && /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s]*)?$/i.test(value.trim())) {
    // `site.url` is the site's address alone: the one meant has no query, fragment or page's file name, which would be refused in turn.
    return path.length === 2 && path[0] === 'site' ? `https://${siteAddressMeant(value)}` : `https://${value.trim()}`;
  }
  if (path.length === 2 && path[0] === 'site' && last === 'url' && URL.canParse(value.trim())) return siteAddressMeant(value);
  // An image's or a logo's address without its scheme (`www.…`, `https//…`).
  if (last === 'url' || last === 'src' || last === 'logo') return addressMeant(value);
  // A language written as its country's code (`ua`, Ukraine): the country's language, with the rest of the tag (`ua-UA` → uk-UA).
  if (path.length === 2 && path[0] === 'languages') {
    const [primary = '', ...rest] = value.trim().split('-');
    const country = countryCode(primary);
    return country === undefined ? undefined : [country.language, ...rest].join('-');
  }
  if (isAddressField(path)) return addressSuggestion(value, last !== 'email' && last !== 'address');
  // A slug in capitals, with spaces or underscores: the same words as one is written (`Visa_Rules` → visa-rules).
  if (path.length === 1 && last === 'slug') return slugify(value, 100) || undefined;
  // An id keeps what an id may hold (`_`, `.`): `Visa_Rules` → visa_rules, so that a translation's id still matches.
  if (path.length === 1 && last === 'id') {
    const isAsciiAlnum = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
    const written = /^[\x20-\x7e]*$/.test(value) ? trimWhere(value.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-'), (code) => !isAsciiAlnum(code), true) : slugify(value, 120);
    return ID_PATTERN.test(written) ? written : undefined;
  }
  return undefined;
}

/** An e-mail address's place: a contact's `email`, a mailbox's `address`, or the config's `email.from`, `replyTo` and an item of `to`, `cc` or `bcc`. */
function isAddressField(path: readonly PropertyKey[]): boolean {
  const last = path.at(-1);
  if (path.length > 1 && (last === 'email' || last === 'address')) return true;
  if (path[0] !== 'email') return false;
  return path.length === 2 ? last === 'from' || last === 'replyTo' : path.length === 3 && typeof last === 'number' && ['to', 'cc', 'bcc'].includes(String(path[1]));
}

/**
 * The address meant by one written as a mail program shows it, `Press Office <press@example.az>` (for a `mailbox`, the
 * mapping of its name and address), as a link copied from a page or a document gives it, `mailto:press@example.az`, or
 * with a domain in letters beyond ASCII, `press@пример.рф`, which no message header may hold: its domain as the DNS has
 * it, `press@xn--e1afmkfd.xn--p1ai`. Undefined where none gives an address.
 */
function addressSuggestion(value: string, mailbox: boolean): string | undefined {
  const named = namedAddress(value.trim());
  const address = asciiAddress(linkedAddress(named ? named.address : value.trim()));
  if (address === undefined) return undefined;
  const name = named?.name.trim() ?? '';
  if (name === '' || !mailbox) return address;
  return `{ name: ${/^[\p{L}\p{N}][\p{L}\p{N} ._'-]*$/u.test(name) ? name : JSON.stringify(name)}, address: ${address} }`;
}

/**
 * A name and an address in angle brackets after it, `Press Office <press@example.az>` or `"Office, Press" <…>`, read from
 * the last `<` (no address holds one) without a pattern that would try each run of blanks in the name as the one before it.
 */
function namedAddress(text: string): { name: string; address: string } | undefined {
  const open = text.lastIndexOf('<');
  if (open === -1 || !text.endsWith('>')) return undefined;
  const address = text.slice(open + 1, -1);
  const before = text.slice(0, open).trim();
  if (!/^[^<>\s]+$/.test(address)) return undefined;
  if (/^"[^"]*"$/.test(before)) return { name: before.slice(1, -1), address };
  return /^[^<>"]*$/.test(before) ? { name: before, address } : undefined;
}

/**
 * The address a `mailto:` link leads to, without what the link adds for the mail program (`?subject=…`) and with its
 * escapes read (`%40` is `@`); any other text as it is.
 */
function linkedAddress(text: string): string {
  const link = /^mailto:([^?#]*)/i.exec(text);
  if (!link) return text;
  try {
    return decodeURIComponent(link[1]!);
  } catch {
    return link[1]!;
  }
}

/** `text` with the domain after its `@` in the ASCII form a URL parser gives a host, when that makes an address. */
function asciiAddress(text: string): string | undefined {
  const at = text.lastIndexOf('@');
  const domain = text.slice(at + 1);
  if (at <= 0 || !/^[^\s/\\:?#@[\]%]+$/u.test(domain)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
  const address = `${text.slice(0, at)}@${host}`;
  return isEmailAddress(address) ? address : undefined;
}

/** A value wholly inside typographic quotes, and what is inside them. */
const CURLY_QUOTED = /^[“”„‟‘’‚‛«»]([^“”„‟‘’‚‛«»]*)[“”„‟‘’‚‛«»]$/u;
/** How a value that must be one line is written on one, whichever way YAML was given its line breaks. */
const ONE_LINE_HINT = ' Write it on one line: YAML keeps the lines of a `|` block apart, and `\\n` in quotes is a line break.';
const CURLY_HINT = ' The curly quotes around it are part of the value, as a word processor types them: YAML quotes with straight ones ("…"), and most values need none.';

export { suggestDate } from './dates.js';

/** Invisible characters a key can carry from a paste, which `validate --fix` deletes or makes spaces. */
const INVISIBLE_IN_KEY = /[\u00a0\u00ad\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]/gu;

/** A value as a diagnostic's `actual` carries it: at most a short excerpt, as messages quote values. */
const actualText = (value: string): string => excerpt(value, 80);

/** The source text at a location (on its first line), for quoting the author's own spelling back. */
/**
 * Where the character at `index` of a value is in the file, when the value
 * is written as it reads (no escapes, on one line): the same occurrence of
 * that character in the value's source. Else the value's own place.
 */
function characterWhere(text: string, where: Location, value: string, index: number): Location {
  const character = value[index]!;
  let nth = 0;
  for (let i = value.indexOf(character); i !== -1 && i < index; i = value.indexOf(character, i + 1)) nth++;
  const line = text.split('\n', where.line)[where.line - 1] ?? '';
  const end = where.endLine === where.line && where.endColumn ? where.endColumn - 1 : line.length;
  let at = line.indexOf(character, where.column - 1);
  for (let k = 0; k < nth && at !== -1; k++) at = line.indexOf(character, at + 1);
  if (at === -1 || at >= end || line.slice(where.column - 1, end).split(character).length !== value.split(character).length) return where;
  return { file: where.file, line: where.line, column: at + 1 };
}

/** The lines of a file, found as far as they are asked for (`sourceLineReader`). */
type LineReader = ReturnType<typeof sourceLineReader>;

function sourceText(lines: LineReader, where: Location): string {
  const line = lines(where).sourceLine ?? '';
  const end = where.endLine === where.line && where.endColumn ? where.endColumn - 1 : line.length;
  return line.slice(where.column - 1, end).trim();
}

interface ZodDef { type: string; shape?: Record<string, { _zod: { def: ZodDef } }>; element?: { _zod: { def: ZodDef } }; innerType?: { _zod: { def: ZodDef } }; options?: readonly { _zod: { def: ZodDef } }[]; keyType?: { _zod: { def: ZodDef } }; valueType?: { _zod: { def: ZodDef } }; checks?: readonly unknown[] }

/** What a misspelt `status` costs a release: without one it is a draft, and no build publishes it. */
function missingStatus(path: readonly PropertyKey[], suggestion: string, data: object): string {
  return path.length === 0 && suggestion === 'status' && !Object.hasOwn(data, 'status') ? ' Without a `status` the release is a draft, and no build publishes it.' : '';
}

/**
 * The schema of the value at `path`, through mappings and lists (its optional or default wrapper kept, to try a value against it:
 * `"5"` as a `timezone`); undefined past a union or a path it has not.
 */
function schemaAt(root: { _zod: { def: ZodDef } }, path: readonly PropertyKey[]): z.ZodType | undefined {
  let schema = root;
  for (const segment of path) {
    const next = stepInto(unwrapped(schema._zod.def), segment);
    if (next === undefined) return undefined;
    schema = next;
  }
  return schema as unknown as z.ZodType;
}

/** The schema of a list's item or a mapping's field; of a value given in one of two forms (`contacts`), the form the path goes on in. */
function stepInto(def: ZodDef, segment: PropertyKey): { _zod: { def: ZodDef } } | undefined {
  if (def.type === 'union') {
    const forms = (def.options ?? []).map((option) => unwrapped(option._zod.def));
    // A mapping's own field before a mapping by key (a language's list of `contacts`).
    const form = typeof segment === 'number' ? forms.find((f) => f.type === 'array')
      : forms.find((f) => f.shape !== undefined && Object.hasOwn(f.shape, segment)) ?? forms.find((f) => f.type === 'record');
    return form && stepInto(form, segment);
  }
  if (typeof segment === 'number') return def.element;
  if (def.type === 'record') return def.valueType;
  return def.shape && Object.hasOwn(def.shape, segment) ? def.shape[segment as string] : undefined;
}

/** Of a value given as a list or in another form (`contacts`), the list form. */
function listForm(def: ZodDef | undefined): ZodDef | undefined {
  if (def?.type === 'union') return (def.options ?? []).map((option) => unwrapped(option._zod.def)).find((f) => f.type === 'array');
  return def;
}

/** The definition of the value at `path`, unwrapped (see `schemaAt`). */
function defAt(root: { _zod: { def: ZodDef } }, path: readonly PropertyKey[]): ZodDef | undefined {
  const schema = schemaAt(root, path) as unknown as { _zod: { def: ZodDef } } | undefined;
  return schema && unwrapped(schema._zod.def);
}

/** The fields a mapping must have (`src` and `alt` of an image), in the order the format lists them. */
function requiredFields(def: ZodDef): string[] {
  return Object.entries(def.shape ?? {}).filter(([, field]) => field._zod.def.type !== 'optional' && field._zod.def.type !== 'default').map(([name]) => name);
}

/** A value as it can stand in a one-line YAML mapping: quoted when it holds what YAML would read otherwise. */
function flowValue(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} _.@+-]*$/u.test(value) ? value : JSON.stringify(value);
}

/**
 * A hint for one value where a mapping of fields is wanted (`image:
 * https://…/a.jpg`, `site: https://press.example.az`): the value as the
 * mapping's first required field, the others to fill in.
 */
function mappingHint(key: PropertyKey | undefined, value: string, def: ZodDef): string | undefined {
  // Without a required field (`site`), the first the format lists: `site: {url: …}`.
  const required = requiredFields(def);
  const [first, ...rest] = required.length > 0 ? required : Object.keys(def.shape ?? {}).slice(0, 1);
  if (first === undefined || value.length > 80) return undefined;
  const fields = [`${first}: ${flowValue(value)}`, ...rest.map((name) => `${name}: …`)];
  // An item of a list (`- Press Office` under `contacts:`) stays an item, its first field after its dash.
  if (typeof key === 'number') return `Write the item as a mapping of its fields: \`- ${fields.join(', ')}\`${rest.length > 0 ? `, each field after the first on a line of its own, indented as far as \`${first}\`` : ''}.`;
  return `Write it as a mapping of its fields: \`${String(key)}: {${fields.join(', ')}}\`.`;
}

/**
 * A hint for a list of mappings (`contacts`) written as one string, or as one
 * mapping without the `- ` that makes it an item: a list of strings is not
 * what is wanted, so the hint is the item as it is written.
 */
function mappingListHint(key: string, value: unknown, item: ZodDef): string {
  const fields = requiredFields(item);
  const first = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value)[0] : undefined;
  if (first !== undefined) {
    return `Each item of \`${key}\` starts with \`- \`: write \`- ${first}: …\` where the first field is, and indent the fields below it as far as \`${first}\`.`;
  }
  const names = Object.keys(item.shape ?? {});
  const lead = fields[0] ?? names[0] ?? 'name';
  const others = names.filter((name) => name !== lead);
  return `Write one item per line below \`${key}:\`, each starting with \`- \`: \`  - ${lead}: …\`${others.length > 0 ? `, with its other fields (${others.join(', ')}) on the lines below it, indented as far as \`${lead}\`` : ''}.`;
}

/** The definition under optional, default and nullable wrappers. */
function unwrapped(def: ZodDef): ZodDef {
  while ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) def = def.innerType._zod.def;
  return def;
}

/**
 * The hint for a top-level key written at the left margin right below a
 * list of mappings whose items have that field, and whose last item lacks
 * it (`email:` below `contacts:` and its `- name: Anna`): YAML reads it as
 * a field of the release, where the author meant it for the item above.
 * Undefined when the key is not that.
 */
function belowListItem(key: string, data: Record<string, unknown>, shape: NonNullable<ZodDef['shape']>, parsed: DataSource): string | undefined {
  const at = parsed.locate([key], 'key');
  let lines: string[] | undefined;
  // The format's fields, not the front matter's keys: a front matter of 50,000 keys is read once, not once per key shown.
  for (const [name, field] of Object.entries(shape)) {
    // Own keys only: `__proto__` is a key like any other in front matter, and no field.
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    if (!Array.isArray(value) || value.length === 0) continue;
    const list = unwrapped(field._zod.def);
    const item = list.type === 'array' && list.element ? unwrapped(list.element._zod.def) : undefined;
    if (!item?.shape || !Object.hasOwn(item.shape, key)) continue;
    const last = value[value.length - 1] as unknown;
    if (last === null || typeof last !== 'object' || Array.isArray(last) || Object.hasOwn(last, key)) continue;
    const end = parsed.locate([name], 'value');
    if ((end.endLine ?? end.line) >= at.line) continue;
    // The key's line follows the list's last line, with only blank lines and comments between (the lines read only now: rarely).
    lines ??= parsed.text.split('\n', at.line);
    if (lines.slice(end.endLine ?? end.line, at.line - 1).some((line) => !/^\s*(?:#.*)?$/.test(line))) continue;
    const first = Object.keys(last)[0];
    if (first === undefined) continue;
    const column = parsed.locate([name, value.length - 1, first], 'key').column;
    const written = lines[at.line - 1]!.trim();
    return `\`${key}\` is a field of each item of \`${name}\`: to make it one of the item above, indent it as far as that item's \`${first}\`${written.length <= 120 ? `: \`${' '.repeat(column - 1)}${printable(written)}\`` : ''}.`;
  }
  return undefined;
}

/** Unknown keys are reported rather than silently dropped, with a spelling suggestion where one is close. */
function reportUnknownKeys(schema: { _zod: { def: unknown } }, data: unknown, path: PropertyKey[], parsed: DataSource, report: Report, formatName: string, hints: HintContext = {}): void {
  const def = unwrapped(schema._zod.def as ZodDef);
  if (def.type === 'object' && def.shape && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const known = Object.keys(def.shape);
    let unknown = 0;
    for (const key of Object.keys(data)) {
      const child = def.shape[key];
      if (Object.hasOwn(def.shape, key) && child) {
        reportUnknownKeys(child, (data as Record<string, unknown>)[key], [...path, key], parsed, report, formatName);
        continue;
      }
      // Past the number shown, an unknown key is only counted: no place, no spelling suggestion to compute.
      if (++unknown > MAX_PER_RULE + 1) {
        report('schema/unknown-key', { line: 1, column: 1, message: '' });
        continue;
      }
      const field = formatPath([...path, key]);
      const held = path.length === 0 && formatName === 'the release format' ? heldBack(key, data as Record<string, unknown>) : undefined;
      // Another tool's way of keeping a post back, beside a status that publishes it: the author meant it to wait, and it would go out.
      // With the rule off, the key is still one the format does not read, and said so.
      if (held && report('publication/draft-key', {
          ...FRESH, ...parsed.locate([...path, key], 'key'),
          message: `\`${held}\` keeps a post back in other tools, but not here: the release's \`status: ${String((data as Record<string, unknown>).status)}\` publishes it.`,
          hint: 'To keep it back, replace both lines with `status: draft`; if it is to go out, delete this line.',
        })) continue;
      const lifts = path.length === 0 && formatName === 'the release format' ? embargoKeptBack(key, data as Record<string, unknown>, hints) : undefined;
      // An embargo this format does not read, still to come, beside a status that publishes: the release would go out before it lifts.
      if (lifts && report('publication/embargo-key', {
          ...FRESH, ...parsed.locate([...path, key], 'key'),
          message: `\`${printable(key)}\` is not read as an embargo (the field is \`embargo\`), so the release's \`status: ${String((data as Record<string, unknown>).status)}\` publishes it now, before ${lifts}.`,
          hint: `To hold it until then, rename the key \`embargo\` (a date-time with its offset${lifts.includes('T') ? `, such as \`embargo: ${lifts}\`` : ': the day and the time it lifts'}); if it is to go out now, delete this line.`,
        })) continue;
      const suggestion = closest(key, known);
      const foreign = path.length === 0 && formatName === 'the release format' ? foreignKeyHint(key, (data as Record<string, unknown>)[key], (data as Record<string, unknown>).id) : undefined;
      // A no-break space pasted into the indentation is no indentation to YAML: it becomes part of the key, which lands a level too high.
      const invisible = /^[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/u.exec(key);
      // A byte-order mark or a zero-width space is no space anybody typed as indentation: it came with pasted text.
      const pasted = invisible && /^[\u200b\ufeff]+$/u.test(invisible[0]) ? `The key starts with an invisible character (${codePoint(invisible[0])}) that came with pasted text: delete it${offerFix()}.` : undefined;
      const indented = pasted ?? (invisible ? `The key starts with ${invisible[0].length === 1 ? 'an invisible space' : `${invisible[0].length} invisible spaces`} (${codePoint(invisible[0])}${invisible[0].codePointAt(0) === 0xa0 ? ', a no-break space' : ''}), which YAML does not read as indentation: retype the indentation with ordinary spaces${offerFix()}.` : undefined);
      const itemField = path.length === 0 && !indented ? belowListItem(key, data as Record<string, unknown>, def.shape, parsed) : undefined;
      report('schema/unknown-key', {
        ...FRESH, ...parsed.locate([...path, key], 'key'),
        message: key === ''
          ? `A key YAML reads as empty (written \`null\`, \`~\` or as nothing before the colon)${path.length > 0 ? ` in \`${formatPath(path)}\`` : ''} is not a field of ${formatName}; it is ignored.`
          : `\`${field}\` is not a field of ${formatName}; it is ignored.`,
        hint: indented ?? itemField ?? foreign ?? (suggestion ? `Did you mean \`${suggestion}\`?${missingStatus(path, suggestion, data)}` : `Known fields here: ${known.join(', ')}.`),
      });
    }
  } else if (def.type === 'array' && def.element && Array.isArray(data)) {
    data.forEach((item, i) => reportUnknownKeys(def.element!, item, [...path, i], parsed, report, formatName));
  } else if (def.type === 'record' && def.valueType && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      // A map whose keys are checked (a language's text) keeps no `__proto__` key: the schema passes over it, so it is said here, as a
      // field's is. A map of any names (`rules`) has its names checked where it is read.
      if (key === '__proto__' && (def.keyType?._zod.def.checks?.length ?? 0) > 0) {
        report('schema/unknown-key', {
          ...FRESH, ...parsed.locate([...path, key], 'key'),
          message: `\`${formatPath([...path, key])}\` is not a key of ${formatName}; it is ignored.`,
          hint: 'Delete it, or write the language tag (`en`, `az` …) or the name it is meant for.',
        });
        continue;
      }
      reportUnknownKeys(def.valueType, value, [...path, key], parsed, report, formatName);
    }
  } else if (def.type === 'union' && def.options) {
    // The config's contacts, one list or a list per language, and its mailboxes, an address or a mapping: the form written is the one checked.
    const kind = (option: { _zod: { def: ZodDef } }) => unwrapped(option._zod.def).type;
    const form = Array.isArray(data) ? def.options.find((o) => kind(o) === 'array')
      : data !== null && typeof data === 'object' ? def.options.find((o) => kind(o) === 'object') ?? def.options.find((o) => kind(o) === 'record') : undefined;
    if (form) reportUnknownKeys(form, data, path, parsed, report, formatName);
  }
}

/**
 * `draft: true` or `published: false`, as Jekyll and Hugo write them, beside
 * a `status` that publishes the release: the line as written, else undefined.
 */
function heldBack(key: string, data: Record<string, unknown>): string | undefined {
  const name = key.toLowerCase();
  const value = yamlBoolean(data[key]);
  const held = (name === 'draft' && value === true) || (name === 'published' && value === false);
  return held && (data.status === 'published' || data.status === 'approved') ? `${key}: ${String(data[key])}` : undefined;
}

/**
 * The time `key`, a key the release format does not know, holds the release
 * back to, when it is an embargo written another way (`isEmbargoKey`) whose
 * value is a date or time still to come at `hints.now`, while the release's
 * `status` publishes it and it has no `embargo` of its own: it would go out
 * at once, before that time. Undefined otherwise: a note under such a key
 * (`embargo_note: none`), or a time already past, holds nothing back, and
 * stays an unknown key. Its check changes when the clock passes that time
 * (`Release.unreadEmbargoes`).
 */
function embargoKeptBack(key: string, data: Record<string, unknown>, hints: HintContext): string | undefined {
  const { now, timeZone } = hints;
  if (now === undefined || timeZone === undefined || !holdsUnreadEmbargoes(data)) return undefined;
  const date = unreadEmbargo(key, data[key], timeZone, data.date);
  return date !== undefined && isAfter(date, timeZone, now) ? date : undefined;
}

/** Whether a release's embargo, if written under a key the format does not read, would matter: its status publishes it and it has no `embargo`. */
const holdsUnreadEmbargoes = (data: Record<string, unknown>) => !Object.hasOwn(data, 'embargo') && (data.status === 'published' || data.status === 'approved');

/**
 * The date or time `value` names, when `key` is an embargo written another way (`isEmbargoKey`). A day written without its year
 * (`embargo_until: December 14`, `14 декабря 10:00`) is read in the year that puts it nearest to the release's own `date`, the
 * day it is to go out: it holds the release back as the author meant, and, read from the release, not from the clock, lifts for good.
 */
function unreadEmbargo(key: string, value: unknown, timeZone: string, releaseDate: unknown): string | undefined {
  if (typeof value !== 'string' || key === 'embargo' || !isEmbargoKey(key)) return undefined;
  let date = readDate(value, false, timeZone)?.date;
  if (date === undefined && typeof releaseDate === 'string') {
    const day = readDate(releaseDate, false, timeZone)?.date;
    const anchor = day === undefined ? NaN : Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
    const dated = Number.isNaN(anchor) ? undefined : withNearestYear(value, anchor);
    date = dated === undefined ? undefined : readDate(dated.value, false, timeZone)?.date;
  }
  return date !== undefined && isRealDate(date) ? date : undefined;
}

/**
 * Whether a key names an embargo time the way another tool or a slip of the
 * keyboard writes it: `Embargo` in another letter case, `embargo_until` and
 * kin, `embargoed`, Hugo's `publishDate` and other tools' keys of the time a
 * post goes out (`EMBARGO_KEYS`), or `embargo` with two letters swapped or
 * one wrong, left out or added (`embrago`, `embarg`). Not a key that only
 * starts with it (`embargo_note`), nor a word like it (`embryo`).
 */
function isEmbargoKey(key: string): boolean {
  let known = embargoKeys.get(key);
  if (known === undefined) {
    const name = key.toLowerCase().replace(/[\s_-]+/g, '');
    known = EMBARGO_KEYS.has(name) || (name.length >= 6 && name.length <= 8 && (editDistance(name, 'embargo') <= 1 || [...name].sort().join('') === 'abegmor'));
    // The keys of an archive's releases are mostly the same few: each is looked at once, up to a bound a front matter of made-up keys cannot pass.
    if (embargoKeys.size < MAX_EMBARGO_KEYS_KNOWN) embargoKeys.set(key, known);
  }
  return known;
}

/** `isEmbargoKey`'s answers so far, by key. */
const embargoKeys = new Map<string, boolean>();
const MAX_EMBARGO_KEYS_KNOWN = 1_000;

/** Keys of an embargo time, spelt without case, `_` or `-`: this format's own, other tools', and the usual ways of saying "until". */
const EMBARGO_KEYS: ReadonlySet<string> = new Set([
  'embargo', 'embargoed', 'embargountil', 'embargoeduntil', 'embargotill', 'embargodate', 'embargotime', 'embargodatetime', 'embargoat',
  'embargoend', 'embargoends', 'embargolift', 'embargolifts', 'embargoliftsat', 'embargoexpires',
  'publishdate', 'publishat', 'publishon', 'publishafter', 'publicationdate', 'releasedate', 'releaseat', 'releaseon', 'notbefore', 'golive',
]);

/**
 * The dates or times written under keys the format does not read as an
 * embargo (`isEmbargoKey`) of a release whose status publishes it and that
 * has no `embargo`: whether one is still to come decides an error, so the
 * release is checked again when the clock passes one.
 */
function unreadEmbargoes(data: Record<string, unknown>, timeZone: string): string[] {
  if (!holdsUnreadEmbargoes(data)) return [];
  return Object.keys(data).flatMap((key) => unreadEmbargo(key, data[key], timeZone, data.date) ?? []);
}

/**
 * A yes-or-no value as other tools read it: YAML 1.2's `true` and `false`,
 * and YAML 1.1's `yes`, `no`, `on`, `off` (Jekyll's), in any case, which
 * YAML 1.2 reads as words. Undefined for anything else.
 */
function yamlBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return ['true', 'yes', 'on'].includes(word) ? true : ['false', 'no', 'off'].includes(word) ? false : undefined;
}

/**
 * Keys that Jekyll, Hugo and other tools use for what the release format
 * calls something else, with what to write instead.
 */
function foreignKeyHint(key: string, value: unknown, id: unknown): string | undefined {
  switch (key.toLowerCase()) {
    // Hugo's, Jekyll's and jekyll-polyglot's link between translations, or one made up: here versions share their `id`.
    case 'translationkey':
    case 'translation_key':
    case 'translation_of':
    case 'translationof':
    case 'ref':
    case 'page_id':
      return typeof id === 'string'
        ? `Translations are one release when they share their \`id\`, which no other key links: this release's is \`${printable(id)}\`; give each of its versions that \`id\`, and delete this line.`
        : `Translations are one release when they share their \`id\`, which no other key links: write \`id: ${typeof value === 'string' && value.trim() !== '' ? printable(value.trim()) : '…'}\` in this release and in each of its versions${typeof value === 'string' && value.trim() !== '' ? ' in place of this line' : ''}.`;
    case 'excerpt':
    case 'description':
      return `Other tools call it \`${key}\`; here it is \`summary\`: rename the key.`;
    case 'categories':
    case 'category':
    case 'keywords':
      return `Other tools call it \`${key}\`; here it is \`tags\`, a list: \`tags: [${Array.isArray(value) ? value.join(', ') : String(value ?? '…')}]\`.`;
    case 'published':
      return yamlBoolean(value) === false ? `Write \`status: draft\` instead of \`${key}: ${String(value)}\`.` : `Write \`status: published\` instead of \`${key}: ${String(value)}\`.`;
    case 'draft':
      return yamlBoolean(value) === true ? `Write \`status: draft\` instead of \`${key}: ${String(value)}\`.` : `Write \`status: published\` (or approved) instead of \`${key}: ${String(value)}\`.`;
    case 'author':
    case 'authors':
      return 'Releases name people to contact instead: `contacts: [{name: …, email: …}]` (or leave the config\'s contacts to apply).';
    case 'permalink':
    case 'url':
      return 'The address comes from `slug` (and the language): `slug: …`.';
    case 'lastmod':
    case 'updated':
      return 'A release has one `date`; a correction is a new release.';
    case 'layout':
    case 'type':
      return 'The look comes from the template set (`--template`), not from the release: delete the key.';
    case 'language':
    case 'locale':
      return `Write \`lang: ${typeof value === 'string' ? value : '…'}\` instead.`;
    default:
      return undefined;
  }
}

