import type { Translation } from './collection.js';
import { formatDate, formatDateTime, toDateTime, toInstant } from './dates.js';
import { renderBodyHtml, renderBodyText, type BodyTokens } from './markdown.js';
import type { Config, Contact, Image, Language } from './schema.js';
import { wordCount } from './text.js';
import type { Release } from './validate.js';

/**
 * The view model: everything a template or the JSON output sees of one
 * release. Built from the validated release only, so unknown front matter keys
 * can never reach an output.
 */

export const JSON_FORMAT_VERSION = 1;

export const OUTPUT_EXTENSIONS = { html: 'html', text: 'txt', json: 'json', ninjs: 'ninjs.json' } as const;
export type OutputFormat = keyof typeof OUTPUT_EXTENSIONS;
export const OUTPUT_FORMATS = Object.keys(OUTPUT_EXTENSIONS) as OutputFormat[];

const LABELS: Record<Language, { contacts: string; about: string; embargoed: string; immediate: string; end: string; translations: string; languageName: string }> = {
  en: { contacts: 'Media contacts', about: 'About', embargoed: 'EMBARGOED UNTIL', immediate: 'FOR IMMEDIATE RELEASE', end: '###', translations: 'Also available in', languageName: 'English' },
  az: { contacts: 'Media üçün əlaqə', about: 'Haqqında', embargoed: 'EMBARGOED UNTIL', immediate: 'FOR IMMEDIATE RELEASE', end: '###', translations: 'Digər dillərdə', languageName: 'Azərbaycanca' },
  ru: { contacts: 'Контакты для СМИ', about: 'Справка', embargoed: 'EMBARGOED UNTIL', immediate: 'FOR IMMEDIATE RELEASE', end: '###', translations: 'На других языках', languageName: 'Русский' },
};

export interface TranslationLink {
  lang: Language;
  language_name: string;
  title: string;
  url: string;
}

export interface ReleaseView {
  release: {
    id: string; slug: string; lang: Language; title: string; subtitle?: string; summary?: string; location?: string;
    status: string; date: string; embargo?: string; tags: string[]; contacts: Contact[];
    image?: Image;
    /** Path of the HTML page inside the output folder, e.g. `en/annual-statistics.html`. */
    path: string;
    /** Absolute URL when the site URL is configured, otherwise `path`. */
    url: string;
    /** This page's address as written in links from its own page: absolute, or relative to the page. */
    self_href: string;
    canonical_url?: string;
  };
  body_html: string;
  body_text: string;
  /** The body as text with the dateline opening its first paragraph, as wire copy is written. */
  body_text_dateline: string;
  /** `BAKU, 12 June 2026 —` */
  dateline: string;
  word_count: number;
  embargoed: boolean;
  dates: { published: string; published_iso: string; embargo?: string; embargo_iso?: string };
  site: { url?: string; name?: string; organisation?: string; organisation_url?: string; logo?: string; about?: string; timezone: string };
  translations: TranslationLink[];
  labels: (typeof LABELS)[Language];
  jsonld: Record<string, unknown>;
  generator: { name: string; version: string };
}

export interface ViewOptions {
  config: Config;
  now: number;
  translations: readonly Translation[];
  version: string;
}

export function localizedValue(value: string | Partial<Record<Language, string>> | undefined, lang: Language): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[lang] ?? value.en ?? Object.values(value)[0];
}

export function pagePath(lang: string, slug: string, format: OutputFormat = 'html'): string {
  return `${lang}/${slug}.${OUTPUT_EXTENSIONS[format]}`;
}

function absoluteUrl(siteUrl: string | undefined, path: string): string | undefined {
  if (!siteUrl) return undefined;
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}

export function buildView(release: Release, body: BodyTokens, options: ViewOptions): ReleaseView {
  const { config, now } = options;
  const lang = release.lang;
  const path = pagePath(lang, release.slug);
  const canonical = absoluteUrl(config.site?.url, path);
  const timeZone = config.timezone;
  const embargoed = release.embargo !== undefined && toInstant(release.embargo, timeZone) > now;
  const bodyText = renderBodyText(body);
  const published = formatDate(release.date, lang);
  const dateline = `${release.location ? `${release.location.toLocaleUpperCase(lang)}, ` : ''}${published} —`;
  const organisation = localizedValue(config.organisation?.name, lang);
  const siteName = localizedValue(config.site?.name, lang) ?? organisation;
  const translations: TranslationLink[] = options.translations
    .filter((t) => t.lang !== lang)
    .map((t) => {
      const tPath = pagePath(t.lang, t.slug);
      return { lang: t.lang, language_name: LABELS[t.lang].languageName, title: t.title, url: absoluteUrl(config.site?.url, tPath) ?? `../${tPath}` };
    });
  const view: ReleaseView = {
    release: {
      id: release.id, slug: release.slug, lang, title: release.title,
      ...(release.subtitle !== undefined ? { subtitle: release.subtitle } : {}),
      ...(release.summary !== undefined ? { summary: release.summary } : {}),
      ...(release.location !== undefined ? { location: release.location } : {}),
      status: release.status, date: release.date,
      ...(release.embargo !== undefined ? { embargo: release.embargo } : {}),
      tags: release.tags ?? [],
      contacts: release.contacts ?? config.contacts ?? [],
      ...(release.image ? { image: release.image } : {}),
      path,
      url: canonical ?? path,
      self_href: canonical ?? `../${path}`,
      ...(canonical ? { canonical_url: canonical } : {}),
    },
    body_html: renderBodyHtml(body),
    body_text: bodyText,
    body_text_dateline: renderBodyText(body, 72, dateline),
    dateline,
    word_count: wordCount(bodyText),
    embargoed,
    dates: {
      published,
      published_iso: toDateTime(release.date, timeZone),
      ...(release.embargo !== undefined
        ? { embargo: formatDateTime(release.embargo, lang, timeZone), embargo_iso: toDateTime(release.embargo, timeZone) }
        : {}),
    },
    site: {
      ...(config.site?.url ? { url: config.site.url } : {}),
      ...(siteName ? { name: siteName } : {}),
      ...(organisation ? { organisation } : {}),
      ...(config.organisation?.url ? { organisation_url: config.organisation.url } : {}),
      ...(config.organisation?.logo ? { logo: config.organisation.logo } : {}),
      ...(config.about?.[lang] ? { about: config.about[lang] } : {}),
      timezone: timeZone,
    },
    translations,
    labels: LABELS[lang],
    jsonld: {},
    generator: { name: 'migration-news', version: options.version },
  };
  view.jsonld = newsArticle(view);
  return view;
}

/** schema.org NewsArticle structured data for search engines. */
function newsArticle(view: ReleaseView): Record<string, unknown> {
  const r = view.release;
  const article: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: r.title,
    ...(r.subtitle ? { alternativeHeadline: r.subtitle } : {}),
    datePublished: view.dates.published_iso,
    dateModified: view.dates.published_iso,
    inLanguage: r.lang,
    ...(r.location ? { dateline: `${r.location}, ${view.dates.published}` } : { dateline: view.dates.published }),
    ...(r.summary ? { description: r.summary } : {}),
    ...(r.tags.length > 0 ? { keywords: r.tags.join(', ') } : {}),
    ...(r.image ? { image: r.canonical_url ? new URL(r.image.src, r.canonical_url).href : r.image.src } : {}),
    wordCount: view.word_count,
    ...(r.canonical_url ? { url: r.canonical_url, mainEntityOfPage: r.canonical_url } : {}),
  };
  if (view.site.organisation) {
    article.publisher = {
      '@type': 'GovernmentOrganization',
      name: view.site.organisation,
      ...(view.site.organisation_url ? { url: view.site.organisation_url } : {}),
      ...(view.site.logo ? { logo: { '@type': 'ImageObject', url: view.site.logo } } : {}),
    };
    article.author = article.publisher;
  }
  return article;
}

/** The documented, versioned JSON output (see README, "JSON output"). */
export function jsonDocument(view: ReleaseView): Record<string, unknown> {
  const r = view.release;
  return {
    format: 'migration-news/release',
    version: JSON_FORMAT_VERSION,
    id: r.id,
    lang: r.lang,
    slug: r.slug,
    url: r.url,
    title: r.title,
    subtitle: r.subtitle ?? null,
    summary: r.summary ?? null,
    location: r.location ?? null,
    status: r.status,
    date: r.date,
    datePublished: view.dates.published_iso,
    embargo: r.embargo ?? null,
    embargoed: view.embargoed,
    tags: r.tags,
    contacts: r.contacts,
    image: r.image ?? null,
    body: { html: view.body_html, text: view.body_text, wordCount: view.word_count },
    translations: view.translations.map((t) => ({ lang: t.lang, title: t.title, url: t.url })),
    publisher: view.site.organisation ?? null,
    generator: view.generator,
  };
}

/** IPTC ninjs 3.1 (News in JSON) document for wire systems. */
export function ninjsDocument(view: ReleaseView): Record<string, unknown> {
  const r = view.release;
  const uri = r.canonical_url ?? `urn:migration-news:${r.lang}:${r.id}`;
  return {
    uri,
    standard: { name: 'ninjs', version: '3.1', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#' },
    type: 'text',
    profile: 'migration-news-press-release',
    language: r.lang,
    firstCreated: view.dates.published_iso,
    versionCreated: view.dates.published_iso,
    ...(view.embargoed && view.dates.embargo_iso ? { embargoedUntil: view.dates.embargo_iso } : {}),
    pubStatus: r.status === 'withdrawn' ? 'canceled' : view.embargoed || (r.status !== 'published' && r.status !== 'approved') ? 'withheld' : 'usable',
    headlines: [
      { role: 'main', value: r.title },
      ...(r.subtitle ? [{ role: 'subhead', value: r.subtitle }] : []),
    ],
    ...(r.summary ? { descriptions: [{ role: 'summary', contentType: 'text/plain', value: r.summary }] } : {}),
    bodies: [
      { role: 'main', contentType: 'text/html', charCount: [...view.body_text].length, wordCount: view.word_count, value: view.body_html },
      { role: 'main', contentType: 'text/plain', charCount: [...view.body_text].length, wordCount: view.word_count, value: view.body_text },
    ],
    ...(r.location ? { located: r.location } : {}),
    ...(r.tags.length > 0 ? { subjects: r.tags.map((tag) => ({ name: tag, rel: 'about' })) } : {}),
    genres: [{ name: 'Press Release', uri: 'http://cv.iptc.org/newscodes/genre/PressRelease' }],
    ...(view.site.organisation ? { by: view.site.organisation } : {}),
    altIds: [
      { role: 'release-id', value: r.id },
      ...view.translations.map((t) => ({ role: `translation:${t.lang}`, value: t.url })),
    ],
  };
}
