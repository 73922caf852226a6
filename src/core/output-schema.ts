import * as z from 'zod';
import { STATUSES } from './schema.js';
import { FRESH } from './objects.js';

/**
 * The shapes of the JSON documents the tool writes, as zod schemas: the one
 * source of the TypeScript types the writers must produce and of the JSON
 * Schemas `migration-news schema --output` prints, so the published schema
 * cannot drift from the output.
 */

export const JSON_FORMAT_VERSION = 2;

const lang = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/).describe('BCP 47 language tag, such as az, en or en-GB.');
const nullableText = (description: string) => z.string().nullable().describe(description);
const url = (description: string) =>
  z.string().min(1).describe(`${description} Absolute when the config sets \`site.url\`; otherwise a path relative to the output folder's root, such as en/annual-statistics.html.`);

export const releaseDocumentSchema = z.strictObject({
  format: z.literal('migration-news/release'),
  version: z.literal(JSON_FORMAT_VERSION).describe('Changes only when a field changes meaning or disappears.'),
  id: z.string().describe('Stable id shared by the translations of one release.'),
  lang,
  slug: z.string(),
  url: url('The release page.'),
  title: z.string(),
  subtitle: nullableText('Sub-headline.'),
  summary: nullableText('Lead for listings.'),
  location: nullableText('Dateline city.'),
  status: z.enum(STATUSES),
  date: z.string().describe('The date as written in the release.'),
  datePublished: z.string().describe('The date as an RFC 3339 date-time in the config\'s time zone.'),
  embargo: nullableText('The embargo as written.'),
  embargoed: z.boolean().describe('Whether the embargo still holds at the build\'s --now.'),
  tags: z.array(z.string()),
  contacts: z.array(z.strictObject({ name: z.string(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })),
  image: z.strictObject({
    src: z.string().describe('As written in the release; for a local image the build copied, the copy, relative to the release page.'),
    url: url('The image, resolved against the release page.'),
    alt: z.string(),
    caption: z.string().nullable(),
    credit: z.string().nullable(),
    width: z.number().int().positive().nullable().describe('Width in pixels, read from a local image the build copied; null for a remote image.'),
    height: z.number().int().positive().nullable().describe('Height in pixels, read from a local image the build copied; null for a remote image.'),
  }).nullable(),
  body: z.strictObject({
    html: z.string().describe('The body as safe HTML; a copied local image in it at the one base of the document (absolute with site.url, else from the output root).'),
    text: z.string().describe('The body as plain text wrapped at 72 columns.'),
    textUnwrapped: z.string().describe('The body as plain text, one line per paragraph or list item, paragraphs separated by a blank line.'),
    wordCount: z.number().int().nonnegative(),
  }),
  translations: z.array(z.strictObject({ lang, title: z.string(), url: url('The translation\'s page.') })).describe('The other languages this release is published in.'),
  publisher: nullableText('The organisation\'s name in the release\'s language.'),
  generator: z.strictObject({ name: z.string(), version: z.string() }),
});

export type ReleaseDocument = z.output<typeof releaseDocumentSchema>;

export const MANIFEST_FORMAT_VERSION = 1;

export const manifestSchema = z.strictObject({
  format: z.literal('migration-news/releases'),
  version: z.literal(MANIFEST_FORMAT_VERSION).describe('Changes only when a field changes meaning or disappears.'),
  site: z.string().nullable().describe('The config\'s `site.url`, or null when URLs are relative to the output folder\'s root.'),
  languages: z.array(lang).describe('The config\'s `languages`, in order. A language with no public release is listed here but has no listing or feeds, and no release below.'),
  count: z.number().int().nonnegative(),
  releases: z.array(z.strictObject({
    id: z.string(),
    lang,
    slug: z.string(),
    url: url('The release page.'),
    title: z.string(),
    date: z.string().describe('The date as written in the release.'),
    datePublished: z.string().describe('The date as an RFC 3339 date-time in the config\'s time zone.'),
    summary: z.string().nullable(),
    tags: z.array(z.string()),
    translations: z.array(z.strictObject({ lang, slug: z.string(), url: url('The translation\'s page.'), title: z.string() })),
    files: z.array(z.string()).describe('The release\'s documents written by this build, one per format, relative to the output folder\'s root; the copies of its local images are not listed.'),
    image: z.strictObject({
      url: url('The lead image, as the release\'s JSON gives it: for a local image the build copied, the copy.'),
      alt: z.string(),
      caption: z.string().nullable(),
      credit: z.string().nullable().describe('Whom the picture is credited to.'),
      width: z.number().int().positive().nullable().describe('Width in pixels, read from a local image the build copied; null for a remote image.'),
      height: z.number().int().positive().nullable().describe('Height in pixels, read from a local image the build copied; null for a remote image.'),
    }).nullable().describe('The lead image, or null.'),
    aliases: z.array(z.strictObject({
      url: url('The old address.'),
      from: z.string().describe('The old address as redirects.json gives it: site-relative and percent-encoded, as a browser requests it.'),
    })).describe('The release\'s old addresses, each a page that redirects to it (listed in redirects.json); none when HTML is not built, since only a page can redirect.'),
  })).describe('Every public release, newest first.'),
});

export type Manifest = z.output<typeof manifestSchema>;

export const OUTPUT_SCHEMAS = {
  release: { schema: releaseDocumentSchema, id: 'https://migration-news.dev/schema/output/release.json', title: 'migration-news JSON output of one release (--format json)' },
  releases: { schema: manifestSchema, id: 'https://migration-news.dev/schema/output/releases.json', title: 'migration-news releases.json manifest' },
} as const;

export type OutputSchemaName = keyof typeof OUTPUT_SCHEMAS;

/** The JSON Schema of one of the tool's JSON outputs. */
export function outputJsonSchema(name: OutputSchemaName): Record<string, unknown> {
  const { schema, id, title } = OUTPUT_SCHEMAS[name];
  return { ...FRESH, ...z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }), $id: id, title };
}
