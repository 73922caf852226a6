import { Document, isPair, isScalar, visit } from 'yaml';
import type { Contact, Image, Language, ReleaseMeta } from './schema.js';
import { FRESH } from './objects.js';
import { collisionKey } from './names.js';
import { isReservedName, MAX_SLUG_LENGTH } from './slug.js';
import { RESERVED_SLUGS } from './site/paths.js';
import { addressSpans } from './markdown.js';

/**
 * The text of a new release or of a translation to be written, as pure
 * functions of their inputs: the command finds the date, the contacts and the
 * archetype, and writes the file.
 */

/** A language's name in English, for messages and the translator's note: `ru` → Russian, `pt-BR` → Brazilian Portuguese. */
export function languageName(lang: Language): string {
  try {
    return new Intl.DisplayNames('en', { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** Front matter keys in the order a person reads them; anything else follows. */
const KEY_ORDER = ['id', 'title', 'slug', 'subtitle', 'date', 'lang', 'status', 'embargo', 'location', 'summary', 'tags', 'contacts', 'image'];

/** Keys the command decides; an archetype's front matter cannot set them. */
export const DECIDED_KEYS: ReadonlySet<string> = new Set(['id', 'title', 'date', 'lang', 'status', 'slug']);

function frontMatter(fields: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (fields[key] !== undefined) ordered[key] = fields[key];
  for (const [key, value] of Object.entries(fields)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
  const doc = new Document(ordered);
  // Telephone numbers are quoted, as the README asks people to write them, so an edit can never turn one into a number.
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'phone' && isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
    },
  });
  // Long values stay on one line: a wrapped title is harder to edit and to diff.
  return doc.toString({ lineWidth: 0 });
}

function contactData(contacts: readonly Contact[]): Record<string, string>[] {
  return contacts.map((c) => ({
    name: c.name,
    ...(c.role !== undefined ? { role: c.role } : {}),
    ...(c.email !== undefined ? { email: c.email } : {}),
    ...(c.phone !== undefined ? { phone: c.phone } : {}),
  }));
}

function imageData(image: Image): Record<string, string> {
  return {
    src: image.src,
    alt: image.alt,
    ...(image.caption !== undefined ? { caption: image.caption } : {}),
    ...(image.credit !== undefined ? { credit: image.credit } : {}),
  };
}

export interface NewReleaseInput {
  title: string;
  lang: Language;
  id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  contacts: readonly Contact[];
  /** Front matter defaults from the archetype (location, tags …); the keys in DECIDED_KEYS are ignored. */
  defaults?: Record<string, unknown>;
  /** The body skeleton. */
  body: string;
  /** Only when the title's own slug is taken (see `freeSlug`). */
  slug?: string;
}

/** A draft release: front matter and the archetype's body skeleton. */
export function newReleaseText(input: NewReleaseInput): string {
  const defaults = Object.fromEntries(Object.entries(input.defaults ?? {}).filter(([key]) => !DECIDED_KEYS.has(key)));
  const fields: Record<string, unknown> = {
    ...FRESH, ...defaults,
    id: input.id,
    title: input.title,
    date: input.date,
    lang: input.lang,
    status: 'draft',
    slug: input.slug,
    ...(input.contacts.length > 0 && defaults.contacts === undefined ? { contacts: contactData(input.contacts) } : {}),
  };
  return `---\n${frontMatter(fields)}---\n${withFinalNewline(input.body)}`;
}

export interface TranslationInput {
  /** The validated front matter of the original, with its id. */
  source: ReleaseMeta & { id: string };
  /** The original's body, as written. */
  body: string;
  /** How the original is named in the note, e.g. `en/2026-03-17-e-services.md`. */
  sourceName: string;
  lang: Language;
  /** Contacts for the new language, used when the original relies on the config's. */
  contacts: readonly Contact[];
  /** Only when the title's own slug is taken in the new language (see `freeSlug`). */
  slug?: string;
}

/**
 * The opening words of each instruction the built-in archetypes
 * (templates/default/archetype*.md) and `new`'s own fallback put in a new
 * release's body, and the names its quotation leaves to fill in: text that
 * must never be published (`content/placeholder`).
 */
export const ARCHETYPE_PLACEHOLDERS: readonly string[] = [
  'Write the lead here', 'Give the facts in order of importance', 'Put a quotation here that explains', 'Add the context a journalist needs', 'FULL NAME, ROLE',
  'Əsas məlumatı burada', 'Faktları əhəmiyyət sırası ilə verin', 'Qərarı və ya onun mənasını izah edən sitatı burada yazın', 'Jurnalist üçün lazım olan konteksti əlavə edin', 'AD SOYAD, VƏZİFƏ',
  'Напишите здесь лид', 'Изложите факты в порядке важности', 'Приведите здесь цитату', 'Добавьте контекст, нужный журналисту', 'ИМЯ ФАМИЛИЯ, ДОЛЖНОСТЬ',
];

/** How the note below opens, for `validate` to find one left in a release. */
export const TRANSLATION_NOTE_OPENING = '> **Translation needed.** This draft is a copy of ';

/** The note that opens a translation's body until the translator removes it. */
export function translationNote(sourceName: string, from: Language, to: Language): string {
  return `${TRANSLATION_NOTE_OPENING}${sourceName} (${languageName(from)}). `
    + `Translate the title, subtitle, summary, image text and body into ${languageName(to)}, then delete this note.`;
}

/**
 * The note `translationNote` put at the top of `body`, left as it was written, and the body without it; undefined when the
 * body does not open with one. A draft translated from another draft that still holds its note would otherwise open with two
 * notes, the second telling its translator to translate into the other draft's language.
 */
export function leadingTranslationNote(body: string): { copyOf: string; body: string } | undefined {
  const opening = TRANSLATION_NOTE_OPENING.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The name ends at the line's first ". Translate " (the name cannot hold one): as a lazy `[^\n]+?`, each later one was tried
  // in turn against the rest of the line, a time with the square of the line's length for a line of thousands of them.
  const match = new RegExp(`^(?:[ \\t]*\\r?\\n)*${opening}((?:(?!\\. Translate )[^\\n])+)\\. Translate [^\\n]*, then delete this note\\.[ \\t]*(?:\\r?\\n[ \\t]*)*(?:\\r?\\n|$)`).exec(body);
  return match ? { copyOf: match[1]!, body: body.slice(match[0].length) } : undefined;
}

/**
 * A translation draft: the original's id, date, embargo, location, tags,
 * contacts and image, so the two stay one release in every output; its
 * words are left as they are for the translator, with a note saying so.
 */
export function translationText(input: TranslationInput): string {
  const s = input.source;
  const fields: Record<string, unknown> = {
    id: s.id,
    title: s.title,
    slug: input.slug,
    subtitle: s.subtitle,
    date: s.date,
    lang: input.lang,
    status: 'draft',
    embargo: s.embargo,
    location: s.location,
    summary: s.summary,
    tags: s.tags && s.tags.length > 0 ? [...s.tags] : undefined,
    contacts: s.contacts ? contactData(s.contacts) : input.contacts.length > 0 ? contactData(input.contacts) : undefined,
    image: s.image ? imageData(s.image) : undefined,
  };
  const body = input.body.replace(/^\n+/, '');
  return `---\n${frontMatter(fields)}---\n${translationNote(input.sourceName, s.lang, input.lang)}\n\n${withFinalNewline(body)}`;
}

/**
 * A body whose image addresses relative to its file (`srcs`, as written)
 * are made to read from another folder (`rebase`): where a Markdown image
 * or link gives them (`](photo.png`, `](<photo.png>`) or a reference
 * defines them (`[map]: photo.png`), never in code, whose samples stay as
 * written. A translation's file lies in another language's folder, where
 * `photo.png` names nothing.
 */
export function rebasedImages(body: string, srcs: readonly string[], rebase: (src: string) => string): string {
  const addresses = new Set(srcs);
  if (addresses.size === 0) return body;
  // Each address's patterns, made once for every place it may be written.
  const rewrites = [...addresses].map((src) => {
    const pattern = src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const to = rebase(src);
    return { inline: new RegExp(`(\\]\\(\\s*<?)${pattern}(?=[>\\s)])`, 'g'), definition: new RegExp(`^( {0,3}\\[[^\\]\\n]+\\]:[ \\t]*<?)${pattern}(?=[>\\s]|$)`, 'gm'), to };
  });
  const pieces: string[] = [];
  let done = 0;
  for (const [start, end] of addressSpans(body, addresses)) {
    // An image inside a link (`[![Map](map.png)](map.png)`) was rewritten with the link.
    if (start < done) continue;
    let written = body.slice(start, end);
    for (const { inline, definition, to } of rewrites) {
      written = written.replace(inline, (_m, before: string) => `${before}${to}`).replace(definition, (_m, before: string) => `${before}${to}`);
    }
    pieces.push(body.slice(done, start), written);
    done = end;
  }
  pieces.push(body.slice(done));
  return pieces.join('');
}

/**
 * The slug a draft is given in place of one its title gives that no release
 * may have (`slug/reserved`), as that rule's hint writes it: a name Windows
 * reserves for a device (`con` → `con-en-2026`), or that of the site's own
 * files in each language (`index`, `feed` → `feed-2026`). Undefined when the
 * slug is neither. With it, a title such as "Index", or a translation of
 * a release titled so that has a `slug` of its own, gets a draft that
 * `validate` accepts, where `new` refused it with a hint to set a `slug` in a
 * file it had not written.
 */
export function unreservedSlug(slug: string, lang: Language, date: string): { slug: string; why: string } | undefined {
  if (isReservedName(slug)) return { slug: `${slug}-${lang.toLowerCase()}-${date.slice(0, 4)}`, why: 'a device name that Windows reserves' };
  if (RESERVED_SLUGS.has(slug)) return { slug: `${slug}-${date.slice(0, 4)}`, why: 'the name of the site\'s own files in each language (the listing, the feed)' };
  return undefined;
}

/**
 * The first of `slug-2`, `slug-3` … that no release in `taken` (slugs as
 * `collisionKey` gives them) has, cut to fit `maxLength`: the suffix the
 * importer gives two posts of one language with one slug.
 */
export function freeSlug(slug: string, taken: ReadonlySet<string>, maxLength = MAX_SLUG_LENGTH): string {
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slug.slice(0, maxLength - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(collisionKey(candidate))) return candidate;
  }
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** Today's date, `YYYY-MM-DD`, in a time zone. */
export function dateInZone(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A line break as a file ends its lines: LF, CRLF (as Windows editors save), or CR alone (as old Mac editors did). */
export type LineBreak = '\n' | '\r\n' | '\r';

/** The line break `text` ends its first line with; LF for text of one line. */
export function lineBreakOf(text: string): LineBreak {
  return (/\r\n?|\n/.exec(text)?.[0] ?? '\n') as LineBreak;
}

/** A draft's text, made with LF, with its lines ended as `lineBreak` ends them. */
export function withLineBreaks(text: string, lineBreak: LineBreak): string {
  return lineBreak === '\n' ? text : text.replace(/\n/g, lineBreak);
}
