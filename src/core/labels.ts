import { FRESH } from './objects.js';

/** A set's `labels/<lang>.yaml`: the words its templates use in one language. */
export interface LabelFile {
  lang: string;
  values: Readonly<Record<string, string>>;
  /** Where each value came from (a set's file wins over the file of the set it extends), for messages. */
  path: string;
}

/**
 * The labels a set has for a language. Language tags are compared without
 * regard to case (`labels/en-gb.yaml` serves `en-GB`), and a regional or
 * script tag falls back to its language: `en-GB` has the words of
 * `labels/en.yaml` under those of its own file, if it has one, just as it
 * has its language's boilerplate. A language with neither has none.
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
  const own = byTag(key);
  const primary = key.split('-')[0]!;
  const language = primary === key ? undefined : byTag(primary);
  const found = own && language
    ? { ...FRESH, lang: own.lang, path: own.path, values: { ...FRESH, ...language.values, ...own.values } }
    : own ?? language;
  known.set(key, found);
  return found;
}

/** Each label map's answers by lower-case tag: a build asks once per page, for a handful of languages. */
const resolved = new WeakMap<ReadonlyMap<string, LabelFile>, Map<string, LabelFile | undefined>>();
