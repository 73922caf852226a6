import { FRESH } from './objects.js';
import { STATUSES } from './schema.js';

/** A set's `labels/<lang>.yaml`: the words its templates use in one language. */
export interface LabelFile {
  lang: string;
  values: Readonly<Record<string, string>>;
  /** Where each value came from (a set's file wins over the file of the set it extends), for messages. */
  path: string;
  /** The file is the built-in set's, which the project does not have (and `templates eject` can copy). */
  builtIn?: boolean;
}

/** The writing system a tag is in, as CLDR's likely subtags give it (`sr` → Cyrl, `sr-Latn` → Latn, `zh` → Hans); undefined when unknown. */
function scriptOf(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined;
  }
}

/**
 * The tags whose labels serve `lang`, most specific first, in lower case:
 * the tag, then each shorter form of it (RFC 4647 lookup: `zh-hant-tw`,
 * `zh-hant`, `zh`), but only those written in the same script, so that
 * `sr-Latn` never takes Cyrillic `sr` words, nor `zh-Hant` Simplified `zh`
 * ones, while `en-GB` takes `en`'s and `az-Latn` `az`'s.
 */
export function labelFallbacks(lang: string): string[] {
  const tag = lang.toLowerCase();
  // A tag of one part has no shorter form, and its script need not be known (asking ICU for it the first time costs some 3 ms).
  if (!tag.includes('-')) return [tag];
  const script = scriptOf(tag);
  const tags = [tag];
  const parts = tag.split('-');
  for (let n = parts.length - 1; n >= 1; n--) {
    const shorter = parts.slice(0, n).join('-');
    // A single-letter part starts an extension (`-u-…`, `-x-…`): what follows it is not a shorter tag.
    if (parts[n - 1]!.length === 1) continue;
    if (scriptOf(shorter) === script) tags.push(shorter);
  }
  return tags;
}

/**
 * The labels a set has for a language. Language tags are compared without
 * regard to case (`labels/en-gb.yaml` serves `en-GB`), and a tag takes the
 * words of its shorter forms in the same script under its own
 * (`labelFallbacks`): `en-GB` has the words of `labels/en.yaml` under those
 * of its own file, if it has one, just as it has its language's
 * boilerplate. A language with none of them has none.
 */
export function labelsFor(labels: ReadonlyMap<string, LabelFile> | undefined, lang: string): LabelFile | undefined {
  if (labels === undefined) return undefined;
  let known = resolved.get(labels);
  if (known === undefined) resolved.set(labels, (known = new Map()));
  const key = lang.toLowerCase();
  if (known.has(key)) return known.get(key);
  const byTag = (tag: string): LabelFile | undefined => {
    const exact = labels.get(tag);
    if (exact) return exact;
    for (const [name, file] of labels) if (name.toLowerCase() === tag) return file;
    return undefined;
  };
  const files = labelFallbacks(key).map(byTag).filter((file): file is LabelFile => file !== undefined);
  // The most specific file names the path (where a missing word is to be added); the words of the shorter ones lie under its own.
  const found = files.length <= 1 ? files[0] : { ...FRESH, lang: files[0]!.lang, path: files[0]!.path, values: Object.assign({ ...FRESH }, ...files.map((f) => f.values).reverse()) as Record<string, string> };
  known.set(key, found);
  return found;
}

/** The labels that some file of a set has and `file` (a language's, with its fallbacks) has not, in order. */
export function lackedLabels(file: Pick<LabelFile, 'values'>, files: Iterable<Pick<LabelFile, 'values'>>): string[] {
  const lacked = new Set<string>();
  // A status's word is never lacked: where a file has none, the status is said in English, as the built-in labels say the notice.
  for (const other of files) for (const name of Object.keys(other.values)) if (!Object.hasOwn(file.values, name) && !STATUS_LABELS.has(name)) lacked.add(name);
  return [...lacked].sort();
}

/** How many labels a message names before it counts the rest. */
const MAX_NAMED_LABELS = 12;

/** Labels as a message names them: `` `a`, `b` or `c` ``, past a dozen `` `a`, … and 3 more ``. */
export function namedLabels(names: readonly string[]): string {
  const keys = names.slice(0, MAX_NAMED_LABELS).map((key) => `\`${key}\``);
  if (names.length > MAX_NAMED_LABELS) return `${keys.join(', ')} and ${names.length - MAX_NAMED_LABELS} more`;
  return keys.length <= 1 ? keys.join('') : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)!}`;
}

/** Each label map's answers by lower-case tag: a build asks once per page, for a handful of languages. */
const resolved = new WeakMap<ReadonlyMap<string, LabelFile>, Map<string, LabelFile | undefined>>();

/**
 * How to start a language's labels file for `set`: from English words the
 * project already has, else from the built-in ones, which `templates eject`
 * copies into the project's own default set.
 */
export function labelsAdvice(lang: string, set: { name: string; labels?: ReadonlyMap<string, LabelFile> | undefined }): string {
  const english = labelsFor(set.labels, 'en');
  // A project that has English words of its own already: they are the ones to start from (an eject would refuse to overwrite them).
  if (english && !english.builtIn) return `copy ${english.path} to ${lang.toLowerCase()}.yaml beside it and translate it`;
  return set.name === 'default'
    ? `\`migration-news templates eject default labels/en.yaml\` copies the English words to templates/default/labels/en.yaml: rename the copy to ${lang.toLowerCase()}.yaml and translate it`
    : 'copy labels/en.yaml of the default set and translate it';
}

/**
 * The site's own words (the listings', tag pages' and home page's), in
 * English: what those pages say where a set's labels file for their
 * language lacks one (`template/labels-incomplete` warns of it).
 */
export const SITE_WORDS: Readonly<Record<string, string>> = { press_releases: 'Press releases', tagged: 'Press releases tagged “{tag}”', page_of: 'Page {page} of {count}', latest: 'Latest press releases', all_releases: 'All press releases' };

/** The labels that give a status's word (`status_draft` …), which `statusLabel` reads. */
const STATUS_LABELS: ReadonlySet<string> = new Set(STATUSES.map((status) => `status_${status}`));

/**
 * A release's status as the notice of a release not for publication says it
 * (`NOT FOR PUBLICATION — DRAFT`, the e-mail's subject): the set's
 * `status_<status>` label in the release's language, so that a set that
 * puts the notice in its own words puts the status in them too; else the
 * status in English capitals, as wire services write it.
 */
export function statusLabel(status: string, labels: Readonly<Record<string, string>> | undefined): string {
  return labels?.[`status_${status}`] ?? status.toUpperCase();
}
