import type { Diagnostic, Location, SourceLocation } from './diagnostic.js';
import { collisionKey } from './names.js';
import type { RuleSettings } from './rules.js';
import { createReporter } from './validate.js';
import type { Language, Status } from './schema.js';

/** What the whole run keeps of each valid release: small, so 10,000 of them fit easily. */
export interface IndexEntry {
  file: string;
  id: string;
  lang: Language;
  slug: string;
  title: string;
  date: string;
  status: Status;
  /** Needed by every decision about publication (`publication.ts`), which links and listings rely on. */
  embargo?: string;
  /** Earlier slugs, each kept as a redirect. */
  aliases?: string[];
  slugAt: SourceLocation;
  idAt: SourceLocation;
  dateAt: SourceLocation;
  statusAt: SourceLocation;
}

export interface Translation {
  lang: Language;
  title: string;
  slug: string;
}

/** A second place for a diagnostic: where it is, without the code line kept for the first. */
function relatedPlace({ sourceLine: _line, ...location }: SourceLocation, message: string): Location & { message: string } {
  return { ...location, message };
}

export { collisionKey } from './names.js';

/**
 * Checks that need every release at once: duplicate slugs and ids, and
 * translations that disagree. Entries must be sorted by file.
 */
export function checkCollection(entries: readonly IndexEntry[], rules: RuleSettings | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const bySlug = new Map<string, IndexEntry>();
  const byId = new Map<string, IndexEntry>();
  const groups = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    const report = createReporter(entry.file, rules, diagnostics);
    const slugKey = `${entry.lang}/${collisionKey(entry.slug)}`;
    const firstSlug = bySlug.get(slugKey);
    if (firstSlug) {
      report('slug/duplicate', {
        ...entry.slugAt,
        message: `The slug "${entry.slug}" (${entry.lang}) is already used by ${firstSlug.file}; both would be written to ${entry.lang}/${entry.slug}.html.`,
        hint: 'Give one of the releases its own `slug`.',
        related: relatedPlace(firstSlug.slugAt, 'First used here.'),
      });
    } else bySlug.set(slugKey, entry);

    const idKey = `${entry.lang}/${entry.id}`;
    const firstId = byId.get(idKey);
    if (firstId) {
      report('id/duplicate', {
        ...entry.idAt,
        message: `The id "${entry.id}" in language ${entry.lang} is already used by ${firstId.file}.`,
        hint: 'Translations share an id but differ in `lang`; give a different release its own `id`.',
        related: relatedPlace(firstId.idAt, 'First used here.'),
      });
    } else byId.set(idKey, entry);

    const group = groups.get(entry.id);
    if (group) group.push(entry);
    else groups.set(entry.id, [entry]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    for (const other of group.slice(1)) {
      if (other.lang === first.lang) continue;
      const report = createReporter(other.file, rules, diagnostics);
      for (const field of ['date', 'status'] as const) {
        if (other[field] !== first[field]) {
          const at = field === 'date' ? 'dateAt' : 'statusAt';
          report('translation/mismatch', {
            ...other[at],
            message: `This translation's ${field} is "${other[field]}", but the ${first.lang} version's (${first.file}) is "${first[field]}".`,
            hint: `Translations of one release should share their ${field}.`,
            actual: other[field], expected: first[field],
            related: relatedPlace(first[at], `The ${first.lang} version's ${field}.`),
          });
        }
      }
    }
  }
  return diagnostics;
}

/** For each id, its translations by language. */
export function translationsById(entries: readonly IndexEntry[]): Map<string, Translation[]> {
  const map = new Map<string, Translation[]>();
  for (const e of entries) {
    const list = map.get(e.id) ?? [];
    if (!list.some((t) => t.lang === e.lang)) list.push({ lang: e.lang, title: e.title, slug: e.slug });
    map.set(e.id, list);
  }
  return map;
}
