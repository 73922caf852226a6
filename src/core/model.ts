import type { Translation } from './collection.js';
import { calendarFor, formatDate, formatDateTime, listStyleOf, toDateTime, type Calendar } from './dates.js';
import { BUILD_EXTENSIONS, type BuildFormat } from './formats.js';
import { forDocuments, hasFootnotes, renderBodyHtmls, renderBodyTextCounted, renderBodyTexts, type BodyRenderOptions, type BodyTokens } from './markdown.js';
import type { ImageFact, ImageFacts } from './images.js';
import { localeFor, valueForLanguage } from './locale/index.js';
import { isolatedInText } from './characters.js';
import { hasPublishableStatus, isUnderEmbargo } from './publication.js';
import { aboutText, releaseContacts, type Config, type Language, type Status } from './schema.js';
import { shortenTitle } from './title.js';
import { applySmartQuotes } from './typography.js';
import { headlineLength, wordCount } from './text.js';
import type { Release } from './validate.js';
import { JSON_FORMAT_VERSION, type ReleaseDocument } from './output-schema.js';
import { absoluteUrl, parsedSiteUrl, atomFeedPath, jsonFeedPath, languageFolder, languageIndexBase, listingPath, relativeHref, SITE_FILES, tagBase, tagSlug } from './site/paths.js';
import { FRESH } from './objects.js';
import { inLanguageOrder, xDefaultVersion, type EntryImage } from './site/entries.js';
import type { ListedLinks } from './site/listing.js';

export { OUTPUT_EXTENSIONS, OUTPUT_FORMATS, type OutputFormat } from './formats.js';

/**
 * The view model: everything a template or the JSON output sees of one
 * release. Built from the validated release only, so unknown front matter keys
 * can never reach an output. Every documented key is always present, `null`
 * when it has no value, so templates can be rendered with strict variables:
 * a misspelt name is an error, an absent subtitle is not.
 */

export { JSON_FORMAT_VERSION } from './output-schema.js';

/** A width no line reaches: the text keeps only its own line breaks. */
const UNWRAPPED = 2 ** 31 - 1;

/**
 * The words templates print, by key (`contacts`, `about`, `translations` …).
 * They come from the template set's `labels/<lang>.yaml`; the view itself
 * carries only what the language's locale knows: `language_name` and `og_locale`.
 */
export type Labels = Readonly<Record<string, string>>;

export interface TranslationLink {
  lang: Language;
  /** The direction of the language's script, `ltr` or `rtl`, for `dir`. */
  dir: 'ltr' | 'rtl';
  language_name: string;
  og_locale: string;
  /** The colon of the translation's language, with its space, between its name and its title (`English: …`, `中文：…`). */
  colon: string;
  title: string;
  /** Absolute when the site URL is configured, otherwise relative to this page. */
  url: string;
  /** Relative to this page, as the page's other links are (`page.home_href`): a link between versions stays in the folder it is opened from, a preview's too. */
  href: string;
  /** The translation's page inside the output folder, e.g. `az/illik-statistika.html`. */
  path: string;
}

export interface ContactView {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

export interface ImageView {
  /** As written in the release. */
  src: string;
  /** `src` as a URL is written: absolute when the page's own URL is known (Open Graph needs it), percent-encoded where `src` holds what a URL may not (see `imageUrl`). */
  url: string;
  /** `src` as the page links it (`<img src>`): relative as `src` is, percent-encoded where it holds what a URL may not, as `url` is. */
  href: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  /** The picture's size in pixels, for a local image the build copied; null for a remote one. */
  width: number | null;
  height: number | null;
}

export interface ReleaseView {
  release: {
    id: string; slug: string; lang: Language; title: string;
    /** The direction of the language's script, `ltr` or `rtl`, for `dir`. */
    dir: 'ltr' | 'rtl';
    /** For `<title>`: the headline cut at a word boundary, with `— Site name` when the site has a name. */
    page_title: string;
    subtitle: string | null; summary: string | null; location: string | null;
    status: Status; date: string; embargo: string | null; tags: string[]; contacts: ContactView[];
    image: ImageView | null;
    /** True for approved and published releases; drafts reach a template only with --drafts. */
    publishable: boolean;
    /** Path of the HTML page inside the output folder, e.g. `en/annual-statistics.html`. */
    path: string;
    /** Absolute URL when the site URL is configured, otherwise `path`. */
    url: string;
    /** This page's address as written in links from its own page: absolute, or relative to the page. */
    self_href: string;
    canonical_url: string | null;
    /** The address, as written in links from this page, of the version `hreflang="x-default"` names (the sitemap's); null without translations. */
    x_default_href: string | null;
  };
  body_html: string;
  /**
   * The body's HTML as a document read away from the page carries it (the
   * JSON, ninjs, feeds, e-mail): the copies of local images at the JSON's one
   * base, absolute with `site.url`, else from the output root; with
   * `site.url`, the other addresses written relative to the page resolved
   * against the page's, else given from the output root. `body_html`
   * itself for a release without local images or relative addresses.
   */
  body_html_document: string;
  /** Whether the body has footnotes: its HTML and text then carry the set's `footnotes` label as the notes' heading. */
  has_footnotes: boolean;
  body_text: string;
  /** The body as text without hard wraps: a paragraph or list item per line, paragraphs separated by a blank line. */
  body_text_unwrapped: string;
  /**
   * `body_text` and `body_text_unwrapped` for the documents (the JSON and ninjs), at their one base: without `site.url`, local
   * images and addresses relative to the page given from the output root, where the plain text beside the page keeps them
   * relative to it. The same text for a release with none.
   */
  body_text_document: string;
  body_text_unwrapped_document: string;
  /** The body as text with the dateline opening its first paragraph, as wire copy is written. */
  body_text_dateline: string;
  /** `BAKU, 12 June 2026 —` */
  dateline: string;
  /** The comma between the dateline's place and its date in the release's language: `, `, Arabic script `، `, Chinese `，`, Japanese `、`. */
  dateline_comma: string;
  /** The comma of the release's language between the parts of a phrase, as `dateline_comma`: between a contact's name and role. */
  comma: string;
  /** The colon of the release's language after a label, with the space it writes after it: `: `, Chinese and Japanese `：`. */
  colon: string;
  word_count: number;
  /** True while the embargo has not passed. */
  embargoed: boolean;
  dates: { published: string; published_iso: string; embargo: string | null; embargo_iso: string | null };
  site: {
    url: string | null; name: string | null; organisation: string | null; organisation_url: string | null;
    logo: string | null; about: string | null; timezone: string;
    /** The config's `calendars`, for `format_date` and `format_datetime`. */
    calendars: Readonly<Record<string, Calendar>>;
  };
  translations: TranslationLink[];
  labels: Labels;
  jsonld: Record<string, unknown>;
  generator: { name: string; version: string };
  page: PageView;
  /** The release's tags with links to their tag pages. */
  tag_links: TagLink[];
}

/** What every page of the site shares, for the layout and the header: where it is, and how it links home. */
export interface PageView {
  kind: 'release' | 'index' | 'tag' | 'home';
  lang: Language;
  /** The direction of the page's language, `ltr` or `rtl`, for `<html dir>`. */
  dir: 'ltr' | 'rtl';
  /** Path inside the output folder. */
  path: string;
  /** Links from this page: relative, so a built folder works wherever it is opened or served; null on a release's page when the build makes no site pages. */
  home_href: string | null;
  index_href: string | null;
  /** The site's logo (`site.logo`, else the organisation's) as this page links it, or null. */
  logo_src: string | null;
  /** Absolute URLs of this language's feeds; null without `site.url`, when no feeds are built, and on the page of a release whose language has none (`ViewOptions.listed`). */
  feeds: { atom: string; json: string } | null;
  /**
   * From the home page down to this page, each with its text in the page's
   * language (`title`: a label's words, or the page's own title) and the
   * label it comes from (`home`, `press_releases`; null for the page's own);
   * the last has no link.
   */
  breadcrumbs: { label: string | null; title: string | null; href: string | null }[];
  /** The skip link's text: the `skip_to_content` label on a release's page, `skip_to_list` on the site's own pages. */
  skip_label: string | null;
  /** The CSS `list-style-type` that numbers ordered lists in the digits the language writes its dates in (`persian`), or null for `decimal`. */
  list_style: string | null;
}

export interface TagLink {
  name: string;
  /** Its tag page; null when the build makes no site pages (see `ViewOptions.sitePages`), or none for this tag (`ViewOptions.listed`). */
  href: string | null;
}

export interface ViewOptions {
  config: Config;
  now: number;
  translations: readonly Translation[];
  version: string;
  /** The template set's labels in the release's language: the body's own words (the footnotes' heading) come from them. */
  labels?: Labels | undefined;
  /** The release's local images as the build copied them (`src/io/images.ts`); without them, addresses stay as written. */
  images?: ImageFacts | undefined;
  /**
   * Whether the build makes the site's own pages (home, listings, tag pages); without them (`false`: a set with a release page of
   * its own and its parent's listings), the page links to none of them: `home_href`, `index_href` and the tags' `href` are null,
   * and there are no breadcrumbs. Default true.
   */
  sitePages?: boolean;
  /**
   * For a release no listing names (a preview's draft or embargoed copy), the site's pages that are there to link to: without
   * its language's listing, the page links to no listing or feed, and a tag without a page is shown as text (`href` null).
   * Absent for a public release, which every one of them lists.
   */
  listed?: ListedLinks | undefined;
  /**
   * Whether the view is an e-mail message's: without the site's URL, its plain text leaves out the addresses written relative to
   * the page, which a mail client cannot follow, as the message's HTML does (`messageAddresses`).
   */
  message?: boolean;
}

/**
 * How a release's body is rendered, the same for its page and for a feed
 * that carries it in full: raw HTML per the config, local images linked to
 * their copies, the footnotes headed in the release's language.
 */
export function bodyRenderOptions(config: Config, labels: Labels | undefined, images: ImageFacts | undefined, lang: Language): BodyRenderOptions {
  return {
    html: config.html,
    lang,
    ...(images ? { images } : {}),
    ...(labels?.footnotes !== undefined ? { footnotesHeading: labels.footnotes } : {}),
  };
}

/**
 * A release's local images at the one base of the JSON's URLs (see README,
 * "JSON output"): each copy's full address with the site's URL, else its path
 * from the output root, for the HTML body a document carries away from the page.
 */
export function documentImages(images: ImageFacts | undefined, siteUrl: string | undefined): ImageFacts | undefined {
  if (!images || siteUrl) return absoluteImages(images, siteUrl);
  const rooted: Record<string, ImageFacts[string]> = Object.create(null) as Record<string, ImageFacts[string]>;
  for (const [src, fact] of Object.entries(images)) rooted[src] = { ...FRESH, ...fact, href: fact.path };
  return rooted;
}

/**
 * A release's local images with each copy's address from the site's root
 * URL, for what is read away from the page (plain text, e-mail), where an
 * address relative to the page leads nowhere; as they are without a site URL.
 */
export function absoluteImages(images: ImageFacts | undefined, siteUrl: string | undefined): ImageFacts | undefined {
  if (!images || !siteUrl) return images;
  const absolute: Record<string, ImageFacts[string]> = Object.create(null) as Record<string, ImageFacts[string]>;
  for (const [src, fact] of Object.entries(images)) absolute[src] = { ...FRESH, ...fact, href: absoluteUrl(siteUrl, fact.path) };
  return absolute;
}

/** A config value given once or per language: the release's language, then its primary language (`en` for `en-GB`), then English, then any. */
export function localizedValue(value: string | Partial<Record<Language, string>> | undefined, lang: Language): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return valueForLanguage(value, lang, true) ?? valueForLanguage(value, 'en') ?? Object.values(value)[0];
}

export { aboutText } from './schema.js';

/** Longest `<title>`, in characters (a wide one, such as Chinese, counting two), before it is cut: about what search results show. */
export const PAGE_TITLE_MAX = 70;

/**
 * The `<title>` of a page: the headline, cut at a word that may end a phrase,
 * and `— Site name` when the site has a name, both fit and the headline is
 * not the name itself (the home page's).
 */
export function pageTitle(title: string, siteName: string | undefined, lang: Language, kept = ''): string {
  const suffix = siteName && siteName !== title ? ` — ${siteName}` : '';
  // `kept` (a listing's ` · Page 2 of 7`) is never cut: it is what tells the pages of one listing apart.
  const keptLength = headlineLength(kept);
  const room = PAGE_TITLE_MAX - headlineLength(suffix);
  // A site name too long to leave the headline half the room is left out, as is one that would, beside `kept`, cut the headline
  // to less than half (a tag page's "Press releases… · Page 1 of 2", without the tag); the headline matters more.
  const cutShort = room - keptLength < PAGE_TITLE_MAX / 2 && headlineLength(title) > room - keptLength;
  if (suffix === '' || room < PAGE_TITLE_MAX / 2 || cutShort) return shortenTitle(title, PAGE_TITLE_MAX - keptLength, lang) + kept;
  return shortenTitle(title, room - keptLength, lang) + kept + suffix;
}

/**
 * A file the config names from the output root (a logo) as a page links
 * it: under the site's URL when that is given (structured data, Open Graph
 * and feeds want it whole), else relative to the page, which is what a
 * browser or a search engine resolves it against. An address with a scheme
 * stands as written; one from the server's root (`/about/`) is on the
 * site's host when its URL is given, and in its place otherwise.
 */
export function rootFileHref(href: string, pagePath: string, siteUrl: string | undefined): string {
  if (isAbsoluteHttp(href)) return httpAddress(href);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  // A path keeps its place but not a space, which no URL holds (`images/logo final.png`): encoded as the parser encodes the whole addresses.
  if (href.startsWith('/')) return siteUrl ? absoluteUrl(siteUrl, href) : encodeUrlCharacters(href);
  return siteUrl ? absoluteUrl(siteUrl, href) : encodeUrlCharacters(relativeHref(pagePath, href));
}

/**
 * The organisation's home page (`organisation.url`) as a page at `pagePath` gives it: an http(s) address as a URL parser
 * writes it (`parsedSiteUrl`: a host in punycode, spaces and letters beyond ASCII percent-encoded, its final slash as
 * written), where Atom's IRI and the structured data's URL hold no space; a page of the site (`about.html`, `/about/`) from the
 * output root, as a logo is (`rootFileHref`), which a page or a feed in a language's folder would take for one beside itself,
 * whole under the site's URL when that is given.
 */
export function organisationHref(url: string, pagePath: string, siteUrl: string | undefined): string {
  return isAbsoluteHttp(url) ? parsedSiteUrl(url) : rootFileHref(url, pagePath, siteUrl);
}

/**
 * The page context of one page of the site. The release pages, listings and
 * the home page all go through here, so their headers and feed links agree.
 */
export function pageView(kind: PageView['kind'], lang: Language, path: string, title: string, config: Config, labels: Labels | undefined): PageView {
  const siteUrl = config.site?.url;
  const home = relativeHref(path, SITE_FILES.home);
  const index = relativeHref(path, listingPath(languageIndexBase(lang), 1));
  const logo = config.site?.logo ?? config.organisation?.logo;
  // The words come from the set's labels, so a crumb names its label; only the page's own title is text.
  const crumbs: PageView['breadcrumbs'] = [{ label: 'home', title: labels?.home ?? null, href: kind === 'home' ? null : home }];
  if (kind !== 'home') crumbs.push({ label: 'press_releases', title: labels?.press_releases ?? null, href: kind === 'index' ? null : index });
  if (kind === 'release' || kind === 'tag') crumbs.push({ label: null, title, href: null });
  return {
    kind, lang, dir: localeFor(lang).direction, path, home_href: home, index_href: index,
    // A relative logo is relative to the output root, like every other site path; the header links it from the page.
    logo_src: logo === undefined ? null : rootFileHref(logo, path, undefined),
    feeds: siteUrl ? { atom: absoluteUrl(siteUrl, atomFeedPath(lang)), json: absoluteUrl(siteUrl, jsonFeedPath(lang)) } : null,
    breadcrumbs: crumbs,
    skip_label: labels?.[kind === 'release' ? 'skip_to_content' : 'skip_to_list'] ?? null,
    list_style: listStyleOf(lang),
  };
}

/** A release page's context where its language has no listing (`ViewOptions.listed`): no link to it or to the language's feeds, which are not there either. */
function withoutListing(page: PageView): PageView {
  return { ...FRESH, ...page, index_href: null, feeds: null, breadcrumbs: page.breadcrumbs.filter((crumb) => crumb.label !== 'press_releases') };
}

/** A release page's context where the build makes no site pages: no link to a home page, listing or breadcrumb trail that is not there. */
function withoutSiteLinks(page: PageView): PageView {
  return { ...FRESH, ...page, home_href: null, index_href: null, breadcrumbs: [] };
}

/** A release page's context, less its links to the site's pages the build does not make (`ViewOptions.sitePages`, `ViewOptions.listed`). */
function releasePageView(page: PageView, options: ViewOptions): PageView {
  if (options.sitePages === false) return withoutSiteLinks(page);
  return options.listed && !options.listed.language ? withoutListing(page) : page;
}

export function pagePath(lang: string, slug: string, format: BuildFormat = 'html'): string {
  return `${languageFolder(lang)}/${slug}.${BUILD_EXTENSIONS[format]}`;
}

/** The absolute address of a path when the site's URL is configured. */
export function siteAddress(siteUrl: string | undefined, path: string): string | undefined {
  return siteUrl ? absoluteUrl(siteUrl, path) : undefined;
}

const isAbsoluteHttp = (url: string) => /^https?:\/\//i.test(url);

/**
 * An absolute http(s) address written in the config (a logo on another
 * host) as a URL parser writes it, as every other address of the outputs
 * is: spaces, `<`, `>`, `"` and letters beyond ASCII percent-encoded, the
 * host in punycode. A feed's `<logo>` must be an IRI, a JSON Feed's `icon` a URL.
 */
export function httpAddress(url: string): string {
  return imageUrl(url, undefined);
}

/**
 * An image's address as a URL is written (for Open Graph, plain text, JSON):
 * absolute against the page's own URL when that is known, and with what an
 * address may not hold as written (spaces, `<`, `>` …) percent-encoded, as
 * a browser would request it; an escape already there is kept.
 */
function imageUrl(src: string, canonical: string | undefined): string {
  if (canonical || isAbsoluteHttp(src) || src.startsWith('//')) {
    try {
      // A protocol-relative address stays one, its host as a parser writes it (punycode).
      return canonical || !src.startsWith('//') ? new URL(src, canonical).href : new URL(`https:${src}`).href.slice('https:'.length);
    } catch {
      // Not a URL (a host with a space): its characters are still made safe to write.
    }
  }
  return encodeUrlCharacters(src);
}

/**
 * What a URL parser percent-encodes in a path, query or fragment, encoded
 * in a URL kept as written (relative to its page): controls, spaces, `"`,
 * `<`, `>`, `` ` ``, `{`, `}` and everything beyond ASCII, as UTF-8; a lone
 * surrogate as the replacement character. `%` is left alone, as the parser leaves it.
 */
function encodeUrlCharacters(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020"<>`{}\u007f-\u{10ffff}]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return '%EF%BF%BD';
    }
  });
}

/**
 * Where a release's lead image is: `src` as its page links it (a local
 * image's copy, relative to the page), `url` as a URL is written (see
 * `imageUrl`: absolute when the page's own URL is known), and what the build
 * found of a local one. The page, Open Graph, the JSON and the feeds all
 * take the image's address from here.
 */
export function leadImageAddress(src: string, images: ImageFacts | undefined, canonical: string | undefined): { src: string; url: string; fact: ImageFact | undefined } {
  const fact = images?.[src];
  const linked = fact?.href ?? src;
  return { src: linked, url: imageUrl(linked, canonical), fact };
}

/**
 * A release's lead image as the site's entries keep it, for releases.json:
 * `src` as its pages link it (a local image's copy, relative to the page)
 * and what the build found of a local one. Made for every public release
 * on every build, so it parses no URL: `documentImageUrl` makes the URL
 * only when releases.json is made.
 */
export function leadImageLink(image: NonNullable<Release['image']>, images: ImageFacts | undefined): EntryImage {
  const fact = images?.[image.src];
  return { src: fact?.href ?? image.src, alt: image.alt, caption: image.caption ?? null, credit: image.credit ?? null, width: fact?.width ?? null, height: fact?.height ?? null };
}

/**
 * The URL of an image linked as `src` from the page at `page`, as the JSON
 * documents give it (`jsonDocument`): resolved against the page's absolute
 * URL with `site.url`, otherwise a path from the output root.
 */
export function documentImageUrl(src: string, page: string, siteUrl: string | null): string {
  return siteUrl ? imageUrl(src, absoluteUrl(siteUrl, page)) : fromRoot(imageUrl(src, undefined), page);
}

export function buildView(release: Release, body: BodyTokens, options: ViewOptions): ReleaseView {
  const { config, now } = options;
  if (config.typography === 'smart') applySmartQuotes(body, release.lang);
  const lang = release.lang;
  const path = pagePath(lang, release.slug);
  const canonical = siteAddress(config.site?.url, path);
  const timeZone = config.timezone;
  const embargoed = isUnderEmbargo(release, now, timeZone);
  const rendering = bodyRenderOptions(config, options.labels, options.images, lang);
  const footnoted = hasFootnotes(body);
  // Only what people read follows the config's calendar; the ISO dates machines read stay Gregorian.
  const calendar = calendarFor(config.calendars, lang);
  const published = formatDate(release.date, lang, calendar);
  const locale = localeFor(lang);
  const dateline = `${release.location ? `${isolatedInText(locale.upper(release.location), locale.direction)}${locale.comma}` : ''}${published} —`;
  // Plain text is read away from the page: where the site's URL is known, its images are the copies' full addresses, and its
  // other addresses relative to the page are resolved against the page's.
  const textRendering = canonical ? { ...FRESH, ...bodyRenderOptions(config, options.labels, absoluteImages(options.images, config.site?.url), lang), linkBase: canonical }
    : options.message ? { ...FRESH, ...rendering, unlinked: true } : rendering;
  // The plain text beside the page, and the JSON documents' (`body_text_document`): without the site's URL, their addresses are
  // paths from the output root, as every address of theirs is.
  const renderTexts = (o: BodyRenderOptions) => {
    const { text: unwrapped, addressWords } = renderBodyTextCounted(body, UNWRAPPED, undefined, o);
    return { ...FRESH, ...renderBodyTexts(body, 72, dateline, o), unwrapped, addressWords };
  };
  const pageTexts = canonical ? renderTexts(textRendering) : undefined;
  const texts = pageTexts
    ? { page: pageTexts, document: pageTexts }
    : forDocuments(renderTexts, textRendering, () => {
        const images = documentImages(options.images, undefined);
        return { ...FRESH, ...textRendering, ...(images ? { images } : {}), linkRoot: path };
      });
  const { text: bodyText, withLead: bodyTextDateline } = texts.page;
  const organisation = localizedValue(config.organisation?.name, lang);
  const siteName = localizedValue(config.site?.name, lang) ?? organisation;
  // In the order of the config's languages, as the sitemap and the feeds list them, whatever order the caller found them in.
  const translations: TranslationLink[] = inLanguageOrder(options.translations, config.languages)
    .filter((t) => t.lang !== lang)
    .map((t) => {
      const tPath = pagePath(t.lang, t.slug);
      return {
        lang: t.lang, dir: localeFor(t.lang).direction, language_name: localeFor(t.lang).name, og_locale: localeFor(t.lang).ogLocale, colon: localeFor(t.lang).colon,
        title: t.title, url: siteAddress(config.site?.url, tPath) ?? `../${tPath}`, href: relativeHref(path, tPath), path: tPath,
      };
    });
  const selfHref = canonical ?? `../${path}`;
  const xDefault = xDefaultVersion([{ lang, href: selfHref }, ...translations.map((t) => ({ lang: t.lang, href: t.url }))], config.languages);
  const image = release.image;
  const lead = image ? leadImageAddress(image.src, options.images, canonical) : undefined;
  // Only a body that shows a copied image has another HTML for documents; nearly every release has none.
  const { page: bodyHtml, document: bodyHtmlDocument } = renderBodyHtmls(body, rendering, () => documentImages(options.images, config.site?.url), canonical ? { linkBase: canonical } : { linkRoot: path });
  const view: ReleaseView = {
    release: {
      id: release.id, slug: release.slug, lang, dir: locale.direction, title: release.title,
      page_title: pageTitle(release.title, siteName, lang),
      subtitle: release.subtitle ?? null,
      summary: release.summary ?? null,
      location: release.location ?? null,
      status: release.status, date: release.date,
      embargo: release.embargo ?? null,
      tags: release.tags ?? [],
      contacts: releaseContacts(release, config).map((c) => ({ name: c.name, role: c.role ?? null, email: c.email ?? null, phone: c.phone ?? null })),
      image: image && lead
        ? {
            src: lead.src,
            url: lead.url,
            href: encodeUrlCharacters(lead.src),
            alt: image.alt, caption: image.caption ?? null, credit: image.credit ?? null,
            width: lead.fact?.width ?? null, height: lead.fact?.height ?? null,
          }
        : null,
      publishable: hasPublishableStatus(release.status),
      path,
      url: canonical ?? path,
      self_href: selfHref,
      canonical_url: canonical ?? null,
      x_default_href: xDefault?.href ?? null,
    },
    body_html: bodyHtml,
    body_html_document: bodyHtmlDocument,
    has_footnotes: footnoted,
    body_text: bodyText,
    body_text_unwrapped: texts.page.unwrapped,
    body_text_document: texts.document.text,
    body_text_unwrapped_document: texts.document.unwrapped,
    body_text_dateline: bodyTextDateline,
    dateline,
    dateline_comma: locale.comma,
    comma: locale.comma,
    colon: locale.colon,
    // The footnotes' heading is the set's word, not the release's: the count leaves it out, the same whatever the label says.
    // The words of the text as it is read, not the addresses written beside a link's text (`portal <https://…>`), nor the footnotes' heading.
    word_count: wordCount(texts.page.unwrapped) - texts.page.addressWords - (footnoted && rendering.footnotesHeading !== undefined ? wordCount(rendering.footnotesHeading) : 0),
    embargoed,
    dates: {
      published,
      published_iso: toDateTime(release.date, timeZone),
      embargo: release.embargo !== undefined ? formatDateTime(release.embargo, lang, timeZone, calendar) : null,
      embargo_iso: release.embargo !== undefined ? toDateTime(release.embargo, timeZone) : null,
    },
    site: {
      url: config.site?.url ? parsedSiteUrl(config.site.url) : null,
      name: siteName ?? null,
      organisation: organisation ?? null,
      organisation_url: config.organisation?.url === undefined ? null : organisationHref(config.organisation.url, path, config.site?.url),
      logo: config.organisation?.logo ?? null,
      about: aboutText(config, lang),
      timezone: timeZone,
      calendars: config.calendars ?? {},
    },
    translations,
    labels: { language_name: locale.name, og_locale: locale.ogLocale },
    jsonld: {},
    generator: { name: 'migration-news', version: options.version },
    page: releasePageView(pageView('release', lang, path, release.title, config, options.labels), options),
    tag_links: (release.tags ?? []).map((tag) => ({ name: tag, href: options.sitePages === false || (options.listed && !options.listed.tags.includes(tag)) ? null : relativeHref(path, listingPath(tagBase(lang, tagSlug(tag, lang)), 1)) })),
  };
  view.jsonld = newsArticle(view);
  return view;
}

/** schema.org NewsArticle structured data for search engines. */
function newsArticle(view: ReleaseView): Record<string, unknown> {
  const r = view.release;
  // The config's logo is a path from the output root, not from the page, which is what a relative URL here is resolved against.
  const logo = view.site.logo === null ? null : rootFileHref(view.site.logo, r.path, view.site.url ?? undefined);
  const publisherName = view.site.organisation ?? view.site.name;
  const publisher = publisherName
    ? {
        '@type': 'GovernmentOrganization',
        name: publisherName,
        ...(view.site.organisation_url ? { url: view.site.organisation_url } : {}),
        ...(logo ? { logo: { '@type': 'ImageObject', url: logo } } : {}),
      }
    : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: r.title,
    ...(r.subtitle ? { alternativeHeadline: r.subtitle } : {}),
    datePublished: view.dates.published_iso,
    // A release has no revision history of its own; its publication is its last change.
    dateModified: view.dates.published_iso,
    inLanguage: r.lang,
    dateline: r.location ? `${r.location}${view.dateline_comma}${view.dates.published}` : view.dates.published,
    ...(r.summary ? { description: r.summary } : {}),
    // One keyword a tag, as schema.org's repeated property: a list parted by commas would split `Visas, work permits` in two.
    ...(r.tags.length > 0 ? { keywords: [...r.tags] } : {}),
    // Search engines want an image for every article; the organisation's logo stands in when a release has none.
    ...(r.image
      ? { image: { '@type': 'ImageObject', url: r.image.url, caption: r.image.caption ?? r.image.alt } }
      : logo ? { image: logo } : {}),
    articleSection: 'Press release',
    wordCount: view.word_count,
    ...(r.canonical_url ? { url: r.canonical_url, mainEntityOfPage: { '@type': 'WebPage', '@id': r.canonical_url } } : {}),
    ...(publisher ? { publisher, author: publisher } : {}),
  };
}

/**
 * The documented, versioned JSON output (see README, "JSON output"), typed by
 * the schema `migration-news schema --output release` prints. Absent values
 * are `null`, never missing. Every URL has one base: absolute when the config
 * sets `site.url`, otherwise relative to the output folder's root.
 */
export function jsonDocument(view: ReleaseView): ReleaseDocument {
  const r = view.release;
  const absolute = view.site.url !== null;
  return {
    format: 'migration-news/release',
    version: JSON_FORMAT_VERSION,
    id: r.id,
    lang: r.lang,
    slug: r.slug,
    url: r.url,
    title: r.title,
    subtitle: r.subtitle,
    summary: r.summary,
    location: r.location,
    status: r.status,
    date: r.date,
    datePublished: view.dates.published_iso,
    embargo: r.embargo,
    embargoed: view.embargoed,
    tags: r.tags,
    contacts: r.contacts,
    image: r.image ? { src: r.image.src, url: absolute ? r.image.url : fromRoot(r.image.url, r.path), alt: r.image.alt, caption: r.image.caption, credit: r.image.credit, width: r.image.width, height: r.image.height } : null,
    body: { html: view.body_html_document, text: view.body_text_document, textUnwrapped: view.body_text_unwrapped_document, wordCount: view.word_count },
    translations: view.translations.map((t) => ({ lang: t.lang, title: t.title, url: absolute ? t.url : t.path })),
    publisher: view.site.organisation,
    generator: view.generator,
  };
}

/**
 * A URL as written on a page, as a path from the output folder's root. A URL
 * with a scheme or a leading slash does not depend on the page and stays as
 * written; a relative one that climbs above the root also stays as written.
 */
export function fromRoot(href: string, pagePath: string): string {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(href)) return href;
  const base = 'https://root.invalid/';
  const resolved = new URL(href, base + pagePath);
  if (resolved.origin !== 'https://root.invalid') return href;
  const path = resolved.pathname.slice(1) + resolved.search + resolved.hash;
  return href.startsWith('../'.repeat(pagePath.split('/').length)) ? href : path;
}

/** The ninjs `uri` of a release in one language: its page's absolute URL, or a URN when no site URL is configured. */
function ninjsUri(lang: Language, id: string, url: string | null): string {
  return url !== null && isAbsoluteHttp(url) ? url : `urn:migration-news:${lang}:${id}`;
}

/** What every ninjs document of the tool says of itself: the standard, its profile, its genre. */
const NINJS_STANDARD = Object.freeze({ name: 'ninjs', version: '3.1', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#' });
const NINJS_PROFILE = 'migration-news-press-release';
const PRESS_RELEASE_GENRE = Object.freeze({ name: 'Press Release', uri: 'http://cv.iptc.org/newscodes/genre/PressRelease' });

/** What a withdrawn release's ninjs notice says (`ninjsWithdrawal`): the release as its notice page shows it. */
export interface NinjsWithdrawal {
  lang: Language;
  id: string;
  title: string;
  /** Its page's absolute URL, which was its `uri` while it was out; null without `site.url`. */
  url: string | null;
  /** The publication date and the withdrawal date, as RFC 3339 date-times (`toDateTime`). */
  published: string;
  withdrawn: string;
  reason?: string | undefined;
  publisher?: string | undefined;
}

/**
 * The ninjs document that takes a withdrawn release back from the wire systems that took it: at the address of its
 * document, with its `uri`, `pubStatus: canceled`, its headline and the reason given, and none of its text, as its
 * notice page (IPTC's "kill" of a news item).
 */
export function ninjsWithdrawal(notice: NinjsWithdrawal): Record<string, unknown> {
  return {
    uri: ninjsUri(notice.lang, notice.id, notice.url),
    standard: NINJS_STANDARD,
    type: 'text',
    representationType: 'partial',
    profile: NINJS_PROFILE,
    language: notice.lang,
    firstCreated: notice.published,
    versionCreated: notice.withdrawn,
    pubStatus: 'canceled',
    headlines: [{ role: 'main', value: notice.title }],
    ...(notice.reason ? { descriptions: [{ role: 'withdrawal', contentType: 'text/plain', value: notice.reason }] } : {}),
    genres: [PRESS_RELEASE_GENRE],
    ...(notice.publisher ? { by: notice.publisher, copyrightHolder: notice.publisher } : {}),
    altIds: [{ role: 'release-id', value: notice.id }],
  };
}

/** IPTC ninjs 3.1 (News in JSON) document for wire systems. */
export function ninjsDocument(view: ReleaseView): Record<string, unknown> {
  const r = view.release;
  // A wire system flows the text to its own width, as it does the HTML: lines cut at 72 columns would stay cut in its editor
  // and on its readers' screens. The text is the one without hard wraps, a paragraph or list item per line.
  const text = view.body_text_unwrapped_document;
  const charCount = [...text].length;
  const publisher = view.site.organisation ?? view.site.name;
  return {
    uri: ninjsUri(r.lang, r.id, r.canonical_url),
    standard: NINJS_STANDARD,
    type: 'text',
    representationType: 'full',
    profile: NINJS_PROFILE,
    language: r.lang,
    firstCreated: view.dates.published_iso,
    versionCreated: view.dates.published_iso,
    ...(view.embargoed && view.dates.embargo_iso ? { embargoedUntil: view.dates.embargo_iso } : {}),
    pubStatus: r.status === 'withdrawn' ? 'canceled' : view.embargoed || !r.publishable ? 'withheld' : 'usable',
    headlines: [
      { role: 'main', value: r.title },
      ...(r.subtitle ? [{ role: 'subhead', value: r.subtitle }] : []),
    ],
    ...(r.summary ? { descriptions: [{ role: 'summary', contentType: 'text/plain', value: r.summary }] } : {}),
    // Both bodies carry the same words; the counts are of the text, as ninjs counts exclude markup.
    bodies: [
      { role: 'main', contentType: 'text/html', charCount, wordCount: view.word_count, value: view.body_html_document },
      { role: 'main', contentType: 'text/plain', charCount, wordCount: view.word_count, value: text },
    ],
    ...(r.location ? { located: r.location } : {}),
    ...(r.tags.length > 0 ? { subjects: r.tags.map((tag) => ({ name: tag, rel: 'about' })) } : {}),
    genres: [PRESS_RELEASE_GENRE],
    ...(publisher ? { by: publisher, copyrightHolder: publisher } : {}),
    ...(r.image && isAbsoluteHttp(r.image.url)
      ? {
          associations: [{
            // The association name ninjs 2 used for a lead picture, still what wire systems look for.
            name: 'featureimage',
            uri: r.image.url,
            type: 'picture',
            ...(r.image.caption ? { headlines: [{ role: 'caption', value: r.image.caption }] } : {}),
            descriptions: [{ role: 'alt', contentType: 'text/plain', value: r.image.alt }],
            ...(r.image.credit ? { by: r.image.credit } : {}),
            renditions: [{ name: 'original', href: r.image.url, ...(r.image.width !== null && r.image.height !== null ? { width: r.image.width, height: r.image.height } : {}) }],
          }],
        }
      : {}),
    altIds: [
      { role: 'release-id', value: r.id },
      ...view.translations.map((t) => ({ role: `translation:${t.lang}`, value: ninjsUri(t.lang, r.id, t.url) })),
    ],
  };
}
