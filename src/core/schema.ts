import { decodeHTML } from 'entities';
import * as z from 'zod';
import { REFUSED_CHARACTER_RANGES, unbalancedIsolate } from './characters.js';
import { CALENDARS, DATE_PATTERN, DATE_TIME_PATTERN, isRealDate } from './dates.js';
import { BUILT_IN_LANGUAGES, canonicalTag, countryCode, isLanguageTag, isNoLanguageCode, primaryLanguage, valueForLanguage, type Language } from './locale/index.js';
import { FRESH } from './objects.js';
import { trimWhere } from './text.js';
import { isReservedName } from './slug.js';
import { ignoreGlobProblem, MAX_IGNORE_GLOBS } from './ignore.js';

export { DATE_PATTERN, DATE_TIME_PATTERN, isRealDate } from './dates.js';

/**
 * The release format and the config format, as zod schemas: the single source
 * of truth for the types, the validation messages and the JSON Schema that
 * editors use (`migration-news schema`).
 */

/** The languages with built-in data, and the default of `languages`; any BCP 47 tag may be configured. */
export const LANGUAGES = BUILT_IN_LANGUAGES;
export type { Language };

const LANGUAGE_TAG_PATTERN = /^[a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*$/;

const languageTag = (description: string) =>
  z
    .string()
    .regex(LANGUAGE_TAG_PATTERN, { error: 'must be a BCP 47 language tag such as en, az, ru, tr or en-GB' })
    .refine(isLanguageTag, { error: 'must be a BCP 47 language tag such as en, az, ru, tr or en-GB' })
    .describe(description);

export const STATUSES = Object.freeze(['draft', 'review', 'approved', 'published', 'withdrawn'] as const);
export type Status = (typeof STATUSES)[number];

export { UNSAFE_CHARACTERS } from './characters.js';

const SAFE_TEXT_PATTERN = new RegExp(`^[^${REFUSED_CHARACTER_RANGES}]*$`);

/**
 * YAML ends a folded or literal value (`title: >`, `summary: |`) with a line
 * break, and `>+` with every blank line after it: how the value was written,
 * not text. Left on, it broke the plain text's dateline (`BAKU` on a line of
 * its own) and ended titles and summaries in the JSON, the feeds and an
 * e-mail's sender name with `\n`. Line breaks inside a value are kept.
 */
const withoutEndingLineBreaks = (value: string) => (value.endsWith('\n') || value.endsWith('\r') ? value.replace(/[\r\n]+$/, '') : value);

const text = (description: string) =>
  z.string().overwrite(withoutEndingLineBreaks).regex(SAFE_TEXT_PATTERN, { error: 'must not contain control or bidirectional-override characters' })
    .refine((value) => unbalancedIsolate(value) === undefined, { error: 'must close every bidirectional isolate it opens, and close none it did not open' })
    .describe(description);

const nonEmptyText = (description: string) => text(description).min(1, { error: 'must not be empty' });

/**
 * Text printed as one line: a headline, a dateline's city, a name. A line
 * break in one (`title: |`, or `\n` in quotes) would break the dateline and
 * `<title>`, and in the plain text could forge a line of its own (a release
 * line, the end mark).
 */
// The line breaks YAML ends a folded or literal value with (`title: >`) are allowed, and dropped (above); one inside the value is not.
const ONE_LINE_PATTERN = /^[^\r\n\u2028\u2029]*[\r\n]*$/;
/**
 * Spaces around a headline, a city or a name, as a quoted value pasted with
 * them has (`location: "Baku "`), are no part of it: tags were always read
 * without them, and every other output printed them (`BAKU , 14 May`).
 */
// Spaces, tabs, line breaks and no-break spaces: not all that JavaScript's trim() takes (a line separator stays, and is reported).
// Counted from each end (`trimWhere`), not matched: a pattern of the blanks at the end is tried from each blank of a long run
// inside, a time with the square of its length (a minute for a headline of 150,000 spaces and a word).
const isAroundBlank = (code: number) => code === 32 || code === 9 || code === 13 || code === 10 || code === 0xa0;
const trimmed = (value: string) => trimWhere(value, isAroundBlank, true);

const lineText = (description: string) => text(description).overwrite(trimmed).regex(ONE_LINE_PATTERN, { error: 'must be one line, but holds a line break' });

/**
 * Whether a schema issue is a one-line text's line break, whose hint offers
 * the value on one line. Told by its pattern: a regex check keeps no
 * `params`, and as a regex the rule is in the JSON Schema editors read.
 */
export const isLineBreakIssue = (issue: { code: string; pattern?: string }): boolean => issue.code === 'invalid_format' && issue.pattern === ONE_LINE_PATTERN.toString();

/** Text of a sentence or more (a summary), without the spaces around it; line breaks inside it are kept. */
const paragraphText = (description: string) => text(description).overwrite(trimmed);
const nonEmptyLine = (description: string) => lineText(description).min(1, { error: 'must not be empty' });

const realDate = (value: string) => isRealDate(value);

/** The last instant a date may name: feeds, sitemaps and JSON write instants as RFC 3339, whose years have four digits. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A year before 1000 is no press release's (and 0000 a year before 0001 in UTC for a zone ahead of it: no date a feed can write), and no offset may carry a date-time past 9999. */
const inFourDigitYears = (value: string) => !value.startsWith('0') && !(value.length > 10 && Date.parse(value) > LAST_INSTANT);

export const dateSchema = z
  .string()
  // Grouped, so that both anchors hold for both forms: editors read this pattern from the JSON Schema without the calendar check.
  .regex(new RegExp(`^(?:${DATE_PATTERN.source.slice(1, -1)}|${DATE_TIME_PATTERN.source.slice(1, -1)})$`), {
    error: 'must be a date as YYYY-MM-DD or an RFC 3339 date-time with an offset, such as 2026-06-12T10:00:00+04:00',
  })
  .refine(realDate, { error: 'is not a real calendar date or time' })
  .refine(inFourDigitYears, { error: 'is outside the years 1000 to 9999 (a date-time also in UTC)' })
  .describe('Publication date: YYYY-MM-DD, or an RFC 3339 date-time with an offset.');

export const dateTimeSchema = z
  .string()
  .regex(DATE_TIME_PATTERN, { error: 'must be an RFC 3339 date-time with an offset, such as 2027-03-01T09:00:00+04:00' })
  .refine(realDate, { error: 'is not a real calendar date or time' })
  .refine(inFourDigitYears, { error: 'is outside the years 1000 to 9999 (a date-time also in UTC)' });

/**
 * Only http, https, mailto and relative URLs are ever accepted, as written
 * and as a browser reads them once HTML character references are decoded
 * (`&#106;avascript:` is `javascript:` in an attribute).
 */
export function isSafeUrl(url: string): boolean {
  return hasSafeScheme(url) && (!url.includes('&') || hasSafeScheme(decodeHTML(url)));
}

/** An address that starts as written with a scheme that is kept, or with what only a relative address starts with: no need to look closer. */
const PLAINLY_SAFE = /^(?:(?:https?|mailto):|[/?#.])/i;

function hasSafeScheme(url: string): boolean {
  if (PLAINLY_SAFE.test(url)) return true;
  // Browsers ignore control characters, spaces, tabs and newlines inside and before a scheme.
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007F]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  if (!scheme) return true; // a path, query, fragment or //host: relative to the page
  return scheme[1] === 'http' || scheme[1] === 'https' || scheme[1] === 'mailto';
}

/**
 * The scheme rule as a pattern, for the JSON Schema that editors read (a
 * refinement cannot be exported): a URL that starts with a scheme names http,
 * https or mailto. `isSafeUrl` also catches schemes hidden by spaces or
 * character references; it runs first, so its issue is the one reported.
 */
const SAFE_SCHEME_PATTERN = /^(?![a-zA-Z][a-zA-Z0-9+.-]*:)|^(?:[hH][tT][tT][pP][sS]?|[mM][aA][iI][lL][tT][oO]):/;

/** Whether an address with a host (`https://…`, `//…`) is one a browser can open: a host with a space, or a port past 65535, is not. */
function isOpenableUrl(url: string): boolean {
  const trimmed = url.trim();
  return !/^(?:https?:|\/\/)/i.test(trimmed) || URL.canParse(trimmed, 'https://base.invalid/');
}

const OPENABLE = { error: 'is not a URL a browser can open: check its host and port', params: { ruleId: 'schema/format' } };

/** A path that ends in a page's file name (`/news/index.html`), where `site.url` wants the folder the site is served from. */
const PAGE_FILE = /\/[^/]*\.(?:s?html?|xhtml|php|aspx?|jsp)$/i;

/** The site's address meant by a `site.url` the config refuses for what follows it: without its query, fragment or page's file name. */
export function siteAddressMeant(url: string): string {
  return url.trim().replace(/[?#].*$/s, '').replace(/^((?:[a-z][a-z\d+.-]*:\/\/)?[^/:]+(?::\d+)?\/(?:[^/]*\/)*)[^/]*\.(?:s?html?|xhtml|php|aspx?|jsp)$/i, '$1');
}

/** A web address written without its scheme: `www.example.az/…`. */
export const WWW_WITHOUT_SCHEME = /^www\d{0,3}\.[^\s/?#.]+\.[^\s/?#]/i;
/** A scheme written without its colon: `https//example.az`. */
export const SCHEME_WITHOUT_COLON = /^(https?)\/\/+/i;

/**
 * The address meant by a web address written without its scheme, or without
 * its scheme's colon (`www.example.az`, `https//example.az`), or undefined
 * for any other URL. To a browser such an address is relative: it leads to a
 * page of this site that is not there, and an image there is looked for as a
 * file of the project.
 */
export function addressMeant(url: string): string | undefined {
  const trimmed = url.trim();
  const colonless = SCHEME_WITHOUT_COLON.exec(trimmed);
  if (colonless) return `${colonless[1]!}://${trimmed.slice(colonless[0].length)}`;
  return WWW_WITHOUT_SCHEME.test(trimmed) ? `https://${trimmed}` : undefined;
}

const SCHEME_NEEDED = { error: 'lacks the `https://` of a web address (or its colon), so a browser reads it as a page of this site', params: { ruleId: 'schema/url-scheme' } };

const urlSchema = (description: string) =>
  text(description)
    .min(1, { error: 'must not be empty' })
    .refine(isSafeUrl, { error: 'must be an http, https, mailto or relative URL', params: { ruleId: 'schema/url-scheme' } })
    .regex(SAFE_SCHEME_PATTERN, { error: 'must be an http, https, mailto or relative URL' })
    .refine((url) => addressMeant(url) === undefined, SCHEME_NEEDED)
    .refine(isOpenableUrl, OPENABLE);

/** `SAFE_SCHEME_PATTERN` without mailto, for images. */
const IMAGE_SCHEME_PATTERN = /^(?![a-zA-Z][a-zA-Z0-9+.-]*:)|^[hH][tT][tT][pP][sS]?:/;

/** An image is fetched, never mailed: mailto is safe in a link but means nothing as an image's address. */
export function isImageUrl(url: string): boolean {
  return isSafeUrl(url) && !isMailto(url) && (!url.includes('&') || !isMailto(decodeHTML(url)));
}

function isMailto(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007F]+/g, '').toLowerCase().startsWith('mailto:');
}

const imageUrlSchema = (description: string) =>
  text(description)
    .min(1, { error: 'must not be empty' })
    .refine(isImageUrl, { error: 'must be an http, https or relative URL', params: { ruleId: 'schema/url-scheme' } })
    .regex(IMAGE_SCHEME_PATTERN, { error: 'must be an http, https or relative URL' })
    .refine((url) => addressMeant(url) === undefined, SCHEME_NEEDED)
    .refine(isOpenableUrl, OPENABLE);

export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,118}[a-z0-9])?$/;
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

/**
 * Longest name of an organisation, a site, a sender or a contact, and their
 * role, in characters; and most contacts in one list. Every release of the
 * config repeats them (its header, its structured data, its contacts, its
 * feeds' entries), so a config with a hundred kilobytes of them, which a pull
 * request may change, made every page that much larger.
 */
export const MAX_NAME_LENGTH = 200;
export const MAX_CONTACTS = 20;
const NAME_TOO_LONG = `is longer than the ${MAX_NAME_LENGTH} characters a name may have`;
const CONTACTS_TOO_MANY = `lists more than the ${MAX_CONTACTS} contacts a release may name: keep those the press should call`;

/**
 * An e-mail address as zod's own pattern takes one, but for the last label of its domain, which may also be an
 * internationalised top-level domain as the DNS and a message's headers write it (`.рф` is `.xn--p1ai`): zod's takes
 * letters only there, which refused every address at such a domain, `press@xn--b1aew.xn--p1ai` (мвд.рф) among them.
 */
const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:[A-Za-z]{2,}|xn--[A-Za-z0-9-]*[A-Za-z0-9])$/;
const emailAddress = z.email({ pattern: EMAIL_PATTERN, error: 'must be an e-mail address' });

const contactSchema = z.object({
  name: nonEmptyLine('Name of the person or office to contact.').max(MAX_NAME_LENGTH, { error: NAME_TOO_LONG }),
  role: lineText('Role or office, for example "Press Office".').max(MAX_NAME_LENGTH, { error: NAME_TOO_LONG }).optional(),
  email: emailAddress.describe('E-mail address.').optional(),
  phone: text('Telephone number, quoted so YAML keeps it as text.')
    .regex(/^\+?[0-9][0-9 ().-]{3,30}$/, { error: 'must be a telephone number such as "+994 12 555 01 00"' })
    .optional(),
});

const imageSchema = z.object({
  src: imageUrlSchema('Image URL: http, https or relative.'),
  alt: nonEmptyLine('Alternative text describing the image for people who cannot see it.'),
  caption: lineText('Caption shown under the image.').optional(),
  credit: lineText('Photographer or source.').optional(),
});

/** Tags of one release. */
export const MAX_TAGS = 50;
/** Earlier addresses of one release. */
export const MAX_ALIASES = 100;
/** Languages of one project: every page links each of its translations, and every sitemap entry lists them all. */
export const MAX_LANGUAGES = 50;
/**
 * Longest "About" boilerplate of a language, in characters: a paragraph or
 * two. Every release of the language repeats it in every format, so a config
 * (one a pull request may change) with a megabyte of it made each release a
 * megabyte larger: 700 releases reached the build's output limit after 33 s.
 */
export const MAX_ABOUT_LENGTH = 5000;

export const releaseSchema = z.object({
  title: nonEmptyLine('Headline, plain text, one line.'),
  date: dateSchema,
  lang: languageTag('Language of this release, a BCP 47 tag listed in the config\'s `languages`.'),
  id: z
    .string()
    .regex(ID_PATTERN, { error: 'must be lower-case letters, digits, ".", "_" or "-", at most 120 characters' })
    .describe('Stable id shared by the translations of one release; default: the file name without extension.')
    .optional(),
  slug: z
    .string()
    .regex(SLUG_PATTERN, { error: 'must be lower-case letters, digits and single hyphens, at most 100 characters' })
    .describe('URL name; default: derived from the title.')
    .optional(),
  subtitle: lineText('Sub-headline.').optional(),
  summary: paragraphText('Lead for listings and the meta description.').optional(),
  location: lineText('Dateline city.').optional(),
  status: z
    .enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` })
    .default('draft')
    .describe('Workflow status; `build` renders approved and published releases only, unless --drafts.'),
  embargo: dateTimeSchema.describe('Not to be published before this RFC 3339 date-time with offset.').optional(),
  // Each tag is a page that lists the release with all its tags: thousands of tags would make millions of lines.
  tags: z.array(nonEmptyLine('A tag.')).max(MAX_TAGS, { error: `has more tags than the ${MAX_TAGS} a release may have: keep those that say what it is about` }).describe(`Subjects of the release, at most ${MAX_TAGS}.`).optional(),
  contacts: z.array(contactSchema).max(MAX_CONTACTS, { error: CONTACTS_TOO_MANY }).describe('Media contacts; default: the config file\'s contacts.').optional(),
  image: imageSchema.describe('Lead image.').optional(),
  // Each is a page of its own, and its place is kept in the build record.
  aliases: z
    .array(z.string().refine((alias) => SLUG_PATTERN.test(alias) || alias.startsWith('/'), { error: 'must be an earlier slug (lower-case letters, digits and single hyphens, at most 100 characters) or a site-relative path starting with "/"' }))
    .max(MAX_ALIASES, { error: `has more aliases than the ${MAX_ALIASES} a release may have: keep the addresses people still link to` })
    .describe('Earlier addresses of this release: slugs, or site-relative paths such as `/2014/01/23/old-title.html`; each gets a page that redirects to the current address, so old links keep working.')
    .optional(),
  withdrawn_date: dateSchema.describe('When a `withdrawn` release was withdrawn; shown on its withdrawal notice.').optional(),
  withdrawn_reason: paragraphText('Why a `withdrawn` release was withdrawn, one or two sentences for its notice.').optional(),
});

export type ReleaseMeta = z.output<typeof releaseSchema>;
export type Contact = z.output<typeof contactSchema>;
export type Image = z.output<typeof imageSchema>;

/**
 * A name, one for every language or one per language: at most `MAX_NAME_LENGTH` characters each (see there). A name that is
 * `oneLine` has its spaces around it trimmed and may hold no line break.
 */
const localized = (description: string, oneLine = false) => {
  const name = () => (oneLine ? nonEmptyLine(description) : nonEmptyText(description)).max(MAX_NAME_LENGTH, { error: NAME_TOO_LONG });
  return z.union([name(), z.record(languageTag('A language tag.'), name())]);
};

/** Whether `value` is an address as the schema takes one (for the hint that offers one). */
export const isEmailAddress = (value: string): boolean => emailAddress.safeParse(value).success;

/**
 * Most recipients in each of an e-mail message's `to`, `cc` and `bcc`: every message repeats them, so a config of ten
 * thousand addresses made megabytes of headers for each release. A press list larger than this is a mailing list's address.
 */
export const MAX_RECIPIENTS = 1000;
const RECIPIENTS_TOO_MANY = `lists more than the ${MAX_RECIPIENTS.toLocaleString('en')} recipients a message may have, which every message repeats: send to a mailing list's address instead`;

/** An address, or an address with a display name (one, or one per language). */
const mailboxSchema = z.union([
  emailAddress,
  // A display name is a phrase of a header line: a line break in one reached the message, encoded, and mail clients showed it broken.
  z.object({ name: localized('Display name, one string or one per language.', true).optional(), address: emailAddress }),
]);

const ruleSetting = z.enum(['off', 'info', 'warning', 'error']);

/**
 * Highest `limits.maxFileSize` a config may set. A body is lexed only up to
 * 1,048,576 characters, which take at most 4 MiB of UTF-8; a larger limit
 * would only let a file use more memory before it is refused.
 */
export const MAX_FILE_SIZE_CEILING = 4 * 1024 * 1024;

export const configSchema = z.object({
  organisation: z
    .object({
      // One line, as an e-mail sender's name is: it is printed where one line is all there is (the publisher in every page's
      // structured data, the author of every feed, the site's name in page and feed titles when it has none of its own).
      name: localized('Name of the organisation, one string or one per language.', true),
      url: urlSchema('Home page of the organisation.').optional(),
      logo: imageUrlSchema('Logo URL for the publisher in structured data: http, https or relative.').optional(),
    })
    .optional(),
  site: z
    .object({
      url: z
        .url({ protocol: /^https?$/, error: 'must be an absolute http or https URL' })
        // Every address of the site is this URL and a path: a query or fragment would be dropped from some and kept in others, and a user name and password would be published in every page.
        .refine((url) => { const u = URL.canParse(url) ? new URL(url) : undefined; return u === undefined || (u.search === '' && u.hash === '' && u.username === '' && u.password === ''); }, { error: 'must be the site\'s address alone, without a query (?), a fragment (#) or a user name and password' })
        // A page's address (`…/news/index.html`) is read as a folder, as every site.url is: each address of the site would be under `index.html/`.
        .refine((url) => !URL.canParse(url) || !PAGE_FILE.test(new URL(url).pathname), { error: 'must be the address of the folder the site is served from, not of a page in it' })
        .describe('Base URL where the built pages are published; enables canonical URLs.')
        .optional(),
      // One line too: it is in the `<title>` of the site's pages and the title of every feed.
      name: localized('Name of the press site.', true).optional(),
      logo: imageUrlSchema('Logo of the press site for the page header and feeds, when it is not the organisation\'s: http, https or relative to the output root.').optional(),
      pageSize: z.number().int().min(1).max(1000).optional().describe('Releases per listing page (default 20).'),
      feedSize: z.number().int().min(1).max(1000).optional().describe('Releases in each language\'s Atom and JSON feeds (default 50).'),
    })
    .optional(),
  timezone: z
    .string()
    .refine(isKnownTimeZone, { error: 'must be an IANA time zone such as Asia/Baku' })
    .default('Asia/Baku')
    .describe('Time zone for dates without an offset and for embargo display.'),
  languages: z
    // A country's code is no language's (`ua` is Ukraine; Ukrainian is uk): its pages would say lang="ua", which no reader or search engine knows.
    .array(languageTag('A BCP 47 language tag.').refine((tag) => countryCode(primaryLanguage(tag)) === undefined, { error: 'must be a language\'s tag, not a country\'s code' })
      .refine((tag) => !isNoLanguageCode(primaryLanguage(tag)), { error: 'must be a language\'s tag (ISO 639): its first part is the code of no language' })
      // A language's pages are in a folder named by its tag: Cofán's `con`, as Windows's device names (`prn`, `aux`, `nul`) are, could not be made there.
      .refine((tag) => !isReservedName(tag), { error: 'is a name Windows reserves for a device (con, prn, aux, nul), and names the folder of the language\'s pages: none could be written or opened there' }))
    .min(1)
    .max(MAX_LANGUAGES, { error: `lists more than the ${MAX_LANGUAGES} languages a project may have` })
    // Tags are the same whatever their case (en, EN): a language listed twice would get its pages, listings and feeds twice.
    .refine((tags) => new Set(tags.map((tag) => tag.toLowerCase())).size === tags.length, { error: 'lists a language more than once (tags are the same whatever their case): list each once' })
    .default([...LANGUAGES])
    .describe('Languages releases may be written in: any BCP 47 tags (az, en, ru, tr, uk, ka, de, en-GB …).'),
  calendars: z
    .record(languageTag('A language tag.'), z.enum(CALENDARS, { error: `must be a calendar: ${CALENDARS.join(', ')}` }))
    .optional()
    .describe('The calendar each language shows its dates in, on pages, in plain text and e-mail (`fa: persian`); default: the Gregorian. Front matter, JSON, feeds and sitemaps stay Gregorian.'),
  about: z.record(languageTag('A language tag.'), nonEmptyText('About boilerplate.')
    .max(MAX_ABOUT_LENGTH, { error: `is longer than the ${MAX_ABOUT_LENGTH.toLocaleString('en')} characters an "About" boilerplate may have: a paragraph or two, which every release repeats` }))
    .optional().describe('The "About" boilerplate per language.'),
  contacts: z
    .union([z.array(contactSchema).max(MAX_CONTACTS, { error: CONTACTS_TOO_MANY }), z.record(languageTag('A language tag.'), z.array(contactSchema).max(MAX_CONTACTS, { error: CONTACTS_TOO_MANY }))])
    .optional()
    .describe('Default media contacts: one list for every language, or a list per language.'),
  email: z
    .object({
      from: mailboxSchema.describe('The sender of `build --format eml` messages.'),
      to: z.array(mailboxSchema).max(MAX_RECIPIENTS, { error: RECIPIENTS_TOO_MANY }).optional().describe('Recipients; default: none, to be filled in the mail client.'),
      cc: z.array(mailboxSchema).max(MAX_RECIPIENTS, { error: RECIPIENTS_TOO_MANY }).optional(),
      bcc: z.array(mailboxSchema).max(MAX_RECIPIENTS, { error: RECIPIENTS_TOO_MANY }).optional(),
      replyTo: mailboxSchema.optional().describe('Where replies go, when not to `from`.'),
    })
    .optional()
    .describe('Headers of the e-mail messages that `build --format eml` writes.'),
  rules: z.record(z.string(), ruleSetting).optional().describe('Rule severities: off, info, warning or error.'),
  templates: z.string().min(1).optional().describe('Folder of template sets, relative to the config file.'),
  ignore: z
    .array(z.string().min(1)
      // One look at each glob, which names its own problem (see ignoreGlobProblem).
      .superRefine((glob, ctx) => {
        const problem = ignoreGlobProblem(glob);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }))
    .max(MAX_IGNORE_GLOBS)
    .optional()
    .describe('Globs of files that are not releases (README.md, _index.md, drafts/**), left out when folders are searched; relative to the config file, a glob without a slash matches a name at any depth.'),
  typography: z
    .enum(['plain', 'smart'], { error: 'must be plain or smart' })
    .default('plain')
    .describe('Quotation marks in bodies: plain (as typed) or smart (the language\'s own: “…” in English, «…» in Russian and Azerbaijani).'),
  html: z
    .enum(['escape', 'safe'], { error: 'must be escape or safe' })
    .default('escape')
    .describe('Raw HTML in release bodies: escape (shown as text) or safe (kept within a documented allowlist, through a sanitizer).'),
  withdrawnNotices: z.boolean().default(true).describe('Whether a withdrawn release with a `withdrawn_date` keeps its address with a withdrawal notice (true), or its pages are removed (false).'),
  limits: z
    .object({
      maxFileSize: z.number().int().positive().max(MAX_FILE_SIZE_CEILING, { error: `must be at most ${MAX_FILE_SIZE_CEILING} bytes (4 MiB): a body is at most 1,048,576 characters in any case` })
        .optional().describe('Largest release file read, in bytes (default 1 MiB, at most 4 MiB).'),
    })
    .optional(),
});

export type Config = z.output<typeof configSchema>;
export type EmailConfig = NonNullable<Config['email']>;
export type Mailbox = EmailConfig['from'];

/**
 * The config's default contacts for releases in `lang`. A mapping has no
 * fallback: a language without its own list gets none, so a page never shows
 * a press officer who does not speak its language.
 */
export function defaultContacts(config: Pick<Config, 'contacts'>, lang: Language): Contact[] {
  const contacts = config.contacts;
  if (contacts === undefined) return [];
  return Array.isArray(contacts) ? contacts : valueForLanguage(contacts, lang) ?? [];
}

/** The people a release's page names to contact: its own, else the config's for its language (`defaultContacts`). */
export function releaseContacts(release: Pick<ReleaseMeta, 'contacts' | 'lang'>, config: Pick<Config, 'contacts'>): Contact[] {
  return release.contacts ?? defaultContacts(config, release.lang);
}

/**
 * The keys of the settings given per language (`about`, `contacts`, `calendars`) that no language of `languages` reads
 * (`fr` in a project without French, `english`): no page shows what they give. `about` and `calendars` serve a regional
 * tag from its language's key (`en` for `en-GB`); `contacts` do not. A key that another of the same tag in other letters
 * (`EN` beside `en`) is read in place of is one too, with the key read: `read`.
 */
export function unreadLanguageKeys(config: Pick<Config, 'languages' | 'about' | 'contacts' | 'calendars'>): { field: 'about' | 'contacts' | 'calendars'; key: string; read?: string }[] {
  const unread: { field: 'about' | 'contacts' | 'calendars'; key: string; read?: string }[] = [];
  const tags = new Set(config.languages.map(canonicalTag));
  const primaries = new Set(config.languages.map(primaryLanguage));
  const fields = [['about', config.about], ['contacts', Array.isArray(config.contacts) ? undefined : config.contacts], ['calendars', config.calendars]] as const;
  for (const [field, record] of fields) {
    // Each key's tag, and the key each tag is read from: of the keys of one tag, a language takes the one spelt as `languages`
    // spells it, else the first (see valueForLanguage). Found in one pass: a config may hold thousands of keys.
    const tagOf = new Map<string, string>();
    const taken = new Map<string, string>();
    for (const key of Object.keys(record ?? {})) {
      const tag = canonicalTag(key);
      tagOf.set(key, tag);
      const first = taken.get(tag);
      if (first === undefined || (!config.languages.includes(first) && config.languages.includes(key))) taken.set(tag, key);
    }
    for (const [key, tag] of tagOf) {
      const read = tags.has(tag) || (field !== 'contacts' && primaries.has(key.toLowerCase()));
      if (!read) unread.push({ field, key });
      else if (taken.get(tag) !== key) unread.push({ field, key, read: taken.get(tag)! });
    }
  }
  return unread;
}

/** The "About" boilerplate in a language, or null: never borrowed from another language, while a regional tag (en-GB) uses its language's (en). */
export function aboutText(config: Pick<Config, 'about'>, lang: Language): string | null {
  return config.about === undefined ? null : valueForLanguage(config.about, lang, true) ?? null;
}
export type ConfigInput = z.input<typeof configSchema>;

let canonicalZones: Set<string> | undefined;

export function isKnownTimeZone(zone: string): boolean {
  // ICU's list of canonical zones costs a process far less than its first date formatter (~15 ms), which only aliases and other spellings need.
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The JSON Schema of the front matter, for editors' YAML language servers. */
export function releaseJsonSchema(): Record<string, unknown> {
  return {
    ...FRESH, ...z.toJSONSchema(releaseSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'https://migration-news.dev/schema/release.json',
    title: 'migration-news release front matter',
  };
}
