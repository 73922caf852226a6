import { normaliseText, parseReleaseFile } from './parse.js';
import { isLanguageTag } from './locale/index.js';
import { ID_PATTERN, SLUG_PATTERN, type Language } from './schema.js';
import { readTopLevelStrings } from './simple-yaml.js';
import { releaseSlug } from './slug.js';
import { derivedId } from './validate.js';

/** The address a release claims in its language: what two releases may not share (`id/duplicate`, `slug/duplicate`). */
export interface ReleaseAddress {
  id: string;
  lang: Language;
  slug: string;
  /** The release's `aliases` that are text, when it has any: earlier addresses its redirect pages keep. */
  aliases?: string[];
}

const ADDRESS_KEYS = ['id', 'slug', 'lang', 'title'];

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * The front matter between the opening line and the closing `---`, when the
 * text opens with one and closes it; undefined otherwise (the parser then
 * says what is wrong).
 */
function frontMatterSource(text: string): string | undefined {
  if (!text.startsWith('---\n')) return undefined;
  const close = /\n---(?:\n|$)/.exec(text.slice(3));
  return close ? text.slice(4, 3 + close.index + 1) : undefined;
}

/**
 * The id, language and slug `validate` gives a release in `lang` (without
 * one, in whatever language it is written in), from its front matter alone
 * (the text up to its closing `---` will do: see `readFrontMatterSync`);
 * undefined for a release in another language, and
 * for one whose values of these fields `validate` refuses, which claims no
 * address until it is put right. For `new`, which looks at every release of
 * a project for the slug it is about to give: these four values are read
 * line by line where they can be (`readTopLevelStrings`), and the whole
 * front matter parsed only where they cannot, since parsing ten thousand
 * took a second and a half. Read so, a release whose front matter has an
 * error elsewhere still claims its address: it will once the error is put
 * right, and a draft given a slug of its own meanwhile loses nothing.
 */
export function frontMatterAddress(text: string, path: string, lang?: Language): ReleaseAddress | undefined {
  const source = frontMatterSource(normaliseText(text));
  let fields: Record<string, unknown> | undefined = source === undefined ? undefined : readTopLevelStrings(source, ADDRESS_KEYS);
  if (!fields) {
    const parsed = parseReleaseFile(text, path);
    if (typeof parsed.data !== 'object' || parsed.data === null || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
    fields = parsed.data as Record<string, unknown>;
  }
  const { title, lang: written, id: writtenId, slug: writtenSlug } = fields;
  if (!isText(written) || (lang === undefined ? !isLanguageTag(written) : written !== lang) || !isText(title) || title === '') return undefined;
  if (writtenId !== undefined && !(isText(writtenId) && ID_PATTERN.test(writtenId))) return undefined;
  if (writtenSlug !== undefined && !(isText(writtenSlug) && SLUG_PATTERN.test(writtenSlug))) return undefined;
  const id = writtenId ?? derivedId(path);
  if (!id) return undefined;
  const address: ReleaseAddress = { id, lang: written, slug: writtenSlug ?? releaseSlug(title, id, written).slug };
  // Its old addresses too, which a new release may not take either (`alias/duplicate`): parsed whole, only where a line names them.
  if (source !== undefined && /^["']?aliases["']?[ \t]*:/m.test(source)) {
    const parsed = parseReleaseFile(text, path);
    const aliases = (parsed.data as { aliases?: unknown } | undefined)?.aliases;
    if (Array.isArray(aliases)) address.aliases = aliases.filter(isText);
  }
  return address;
}
