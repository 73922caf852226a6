import type { Diagnostic, Location, SourceLocation } from './diagnostic.js';
import { collisionKey } from './names.js';
import { aliasFiles, ClaimedFiles } from './aliases.js';
import type { RuleSettings } from './rules.js';
import { createReporter } from './validate.js';
import type { Language, Status } from './schema.js';
import { releasePath } from './site/paths.js';
import { FRESH } from './objects.js';
import { primaryLanguage } from './locale/index.js';
import { clockTime } from './dates.js';

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
  /** See `PublicationFacts.withdrawn_date`. */
  withdrawn_date?: string;
  /** Earlier slugs and old paths, each kept as a redirect. */
  aliases?: string[];
  /** Where each alias is written. */
  aliasesAt?: SourceLocation[];
  slugAt: SourceLocation;
  idAt: SourceLocation;
  dateAt: SourceLocation;
  statusAt: SourceLocation;
  /** See `Release.bodyDigest`. */
  bodyDigest?: string;
}

export interface Translation {
  lang: Language;
  title: string;
  slug: string;
}

/** A second place for a diagnostic: where it is, without the code line kept for the first. */
function relatedPlace({ sourceLine: _line, ...location }: SourceLocation, message: string): Location & { message: string } {
  return { ...FRESH, ...location, message };
}

export { collisionKey } from './names.js';

/**
 * Checks that need every release at once: duplicate slugs and ids, and
 * translations that disagree. Entries must be sorted by file.
 */
export function checkCollection(entries: readonly IndexEntry[], rules: RuleSettings | undefined, now?: number): Diagnostic[] {
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
        ...FRESH, ...entry.slugAt,
        message: `The slug "${entry.slug}" (${entry.lang}) is already used by ${firstSlug.file}; both would be written to ${releasePath(entry.lang, entry.slug)}.`,
        hint: 'Give one of the releases its own `slug`.',
        related: relatedPlace(firstSlug.slugAt, 'First used here.'),
      });
    } else bySlug.set(slugKey, entry);

    const idKey = `${entry.lang}/${entry.id}`;
    const firstId = byId.get(idKey);
    if (firstId) {
      // Without an `id` field, a release's id is its file's name: two files of the same name in two folders clash.
      const fromName = !/^\s*["']?id["']?\s*:/.test(entry.idAt.sourceLine ?? 'id:');
      report('id/duplicate', {
        ...FRESH, ...entry.idAt,
        message: fromName
          ? `The id "${entry.id}" in language ${entry.lang}, which this file's name gives (it has no \`id\` field), is already used by ${firstId.file}.`
          : `The id "${entry.id}" in language ${entry.lang} is already used by ${firstId.file}.`,
        hint: fromName
          ? `Files of the same name in different folders need an \`id\` of their own: add one to this release, such as \`id: ${entry.id}-${entry.date.slice(0, 4)}\`.`
          : 'Translations share an id but differ in `lang`: if this file is a translation, correct its `lang`; if it is another release, give it an `id` of its own.',
        related: relatedPlace(firstId.idAt, 'First used here.'),
      });
    } else byId.set(idKey, entry);

    const group = groups.get(entry.id);
    if (group) group.push(entry);
    else groups.set(entry.id, [entry]);
  }
  checkAliasClaims(entries, rules, diagnostics);
  for (const group of groups.values()) {
    // Compared with the version furthest along (withdrawn, then published, approved, review, draft; the first by path among equals): the
    // translation that lags behind is told, not the published original a translator has just started a draft of.
    const first = group.reduce((best, entry) => (STATUS_STAGE[entry.status] > STATUS_STAGE[best.status] ? entry : best));
    for (const other of group) {
      if (other === first || other.lang === first.lang) continue;
      const report = createReporter(other.file, rules, diagnostics);
      for (const field of ['date', 'status'] as const) {
        // Dates are compared by the day: a translation that went out later that day, or is dated without its time, is the same day's.
        if (field === 'date' ? other.date.slice(0, 10) !== first.date.slice(0, 10) : other[field] !== first[field]) {
          const at = field === 'date' ? 'dateAt' : 'statusAt';
          report('translation/mismatch', {
            ...FRESH, ...other[at],
            message: `This translation's ${field} is "${other[field]}", but the ${first.lang} version's (${first.file}) is "${first[field]}".`,
            hint: `Translations of one release should share their ${field}.`,
            actual: other[field], expected: first[field],
            related: relatedPlace(first[at], `The ${first.lang} version's ${field}.`),
          });
        }
      }
    }
  }
  for (const group of groups.values()) reportEarlyTranslations(group, rules, diagnostics, now);
  for (const group of groups.values()) reportUntranslated(group, rules, diagnostics);
  reportIdSpellings(groups, rules, diagnostics);
  return diagnostics;
}

/**
 * A translation that goes out before another version's embargo lifts: `approved` or `published` with no `embargo`, or an earlier
 * one, beside a version of another language held until later and dated the same day. Published first, it would break the embargo in
 * its language. Told at its `status`, which is what publishes it, naming the version with the latest embargo; only while that embargo
 * holds at `now`.
 */
function reportEarlyTranslations(group: readonly IndexEntry[], rules: RuleSettings | undefined, diagnostics: Diagnostic[], now: number | undefined): void {
  let latest: IndexEntry | undefined;
  for (const entry of group) {
    if (entry.embargo === undefined || entry.status === 'withdrawn') continue;
    if (latest === undefined || clockTime(entry.embargo) > clockTime(latest.embargo!)) latest = entry;
  }
  if (latest === undefined) return;
  const until = clockTime(latest.embargo!);
  if (now !== undefined && !(until > now)) return;
  for (const entry of group) {
    if (entry.lang === latest.lang || (entry.status !== 'approved' && entry.status !== 'published')) continue;
    // Dated another day, it is no version going out with the embargoed one (an original out long before a translation held for
    // later): the dates' own mismatch is told above.
    if (entry.date.slice(0, 10) !== latest.date.slice(0, 10)) continue;
    if (entry.embargo !== undefined && !(clockTime(entry.embargo) < until)) continue;
    const report = createReporter(entry.file, rules, diagnostics);
    report('translation/mismatch', {
      ...FRESH, ...entry.statusAt,
      message: entry.embargo === undefined
        ? `This translation is "${entry.status}" with no \`embargo\`, but the ${latest.lang} version (${latest.file}) is embargoed until ${latest.embargo}: it would go out first and break the embargo.`
        : `This translation's embargo (${entry.embargo}) lifts before the ${latest.lang} version's (${latest.file}), ${latest.embargo}: it would go out first and break that embargo.`,
      hint: `Give it the same \`embargo: ${latest.embargo}\`, so that the versions go out together.`,
      ...(entry.embargo !== undefined ? { actual: entry.embargo } : {}), expected: latest.embargo!,
      related: relatedPlace(latest.statusAt, `The ${latest.lang} version, embargoed until ${latest.embargo}.`),
    });
  }
}

/** A release not yet on its way out: a draft, or one in review. */
const isUnpublishedStage = (status: Status): boolean => status === 'draft' || status === 'review';

/** How far along a release is, for which of its translations the others are compared with. */
const STATUS_STAGE: Readonly<Record<Status, number>> = { draft: 0, review: 1, approved: 2, published: 3, withdrawn: 4 };

/**
 * Releases whose ids differ only in their separators (`new_centre` in
 * Russian, `new-centre` in English), with no language in common: most likely
 * one release whose translator typed its id another way, so that neither
 * links to the other. Each such release after the first spelling is named;
 * two in one language are two releases, and are left alone.
 */
function reportIdSpellings(groups: ReadonlyMap<string, readonly IndexEntry[]>, rules: RuleSettings | undefined, diagnostics: Diagnostic[]): void {
  const bySpelling = new Map<string, (readonly IndexEntry[])[]>();
  for (const group of groups.values()) {
    const key = group[0]!.id.replace(/[._-]+/g, '-');
    const same = bySpelling.get(key);
    if (same) same.push(group);
    else bySpelling.set(key, [group]);
  }
  for (const spellings of bySpelling.values()) {
    if (spellings.length < 2) continue;
    const first = spellings[0]!;
    const firstLanguages = new Set(first.map((entry) => entry.lang));
    for (const other of spellings.slice(1)) {
      if (other.some((entry) => firstLanguages.has(entry.lang))) continue;
      for (const entry of other) {
        createReporter(entry.file, rules, diagnostics)('translation/id-spelling', {
          ...FRESH, ...entry.idAt,
          message: `The id "${entry.id}" differs from "${first[0]!.id}" (${first[0]!.lang}, ${first[0]!.file}) only in its separators, so the two are not linked as translations.`,
          hint: `If they are one release in two languages, give both the same id, such as \`id: ${first[0]!.id}\`; if not, give one an id of its own.`,
          related: relatedPlace(first[0]!.idAt, `The ${first[0]!.lang} version's id.`),
        });
      }
    }
  }
}

/** How public a status is, to tell an original from the copy made of it: the copy is the draft. */
const STATUS_RANK: Readonly<Record<Status, number>> = { published: 4, approved: 3, withdrawn: 2, review: 1, draft: 0 };

/**
 * Translations of one release whose bodies are word for word the same, in
 * different languages: the most public of them (then the first) is taken
 * for the original, and each other one is reported as not translated yet.
 * Regional versions of one language (`de`, `de-CH`) may well say the same.
 */
function reportUntranslated(group: readonly IndexEntry[], rules: RuleSettings | undefined, diagnostics: Diagnostic[]): void {
  const byBody = new Map<string, IndexEntry[]>();
  for (const entry of group) {
    if (entry.bodyDigest === undefined) continue;
    const same = byBody.get(entry.bodyDigest);
    if (same) same.push(entry);
    else byBody.set(entry.bodyDigest, [entry]);
  }
  for (const same of byBody.values()) {
    if (same.length < 2) continue;
    const original = same.reduce((best, entry) => (STATUS_RANK[entry.status] > STATUS_RANK[best.status] ? entry : best));
    for (const other of same) {
      if (other === original || primaryLanguage(other.lang) === primaryLanguage(original.lang)) continue;
      createReporter(other.file, rules, diagnostics)('translation/untranslated', {
        ...FRESH, ...other.statusAt,
        message: `This translation's body is word for word the ${original.lang} version's (${original.file}): it has not been translated yet.`,
        hint: other.status === 'draft' || other.status === 'review' ? 'Translate the body before the release is approved.' : 'Translate the body, or set `status: draft` until it is.',
        related: relatedPlace(original.statusAt, `The ${original.lang} version.`),
      });
    }
  }
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

/**
 * Every old address belongs to one release: an alias may not be a release's
 * page, another release's alias (letter case and Unicode form ignored, as
 * macOS and Windows ignore them), or a file where another redirect needs a
 * folder. Releases of every status count, so that publishing one later
 * never turns a clean project into a broken build.
 */
function checkAliasClaims(entries: readonly IndexEntry[], rules: RuleSettings | undefined, diagnostics: Diagnostic[]): void {
  interface Claim { entry: IndexEntry; at: SourceLocation; file: string; alias: string }
  type Holder = { page: IndexEntry } | { claim: Claim };
  // Without aliases there is nothing to clash: an archive's every page need not be claimed.
  if (!entries.some((entry) => (entry.aliases?.length ?? 0) > 0)) return;
  const files = new ClaimedFiles<Holder>();
  for (const entry of entries) {
    const page = releasePath(entry.lang, entry.slug);
    if (!files.has(page)) files.claim(page, { page: entry });
  }
  // Every alias is claimed before any is checked for folders: of a file and a path through it, the path is reported, whichever comes first.
  const claims: Claim[] = [];
  for (const entry of entries) {
    const report = createReporter(entry.file, rules, diagnostics);
    for (const alias of aliasFiles(entry)) {
      const at = entry.aliasesAt?.[alias.index] ?? entry.slugAt;
      const held = files.holder(alias.file);
      if (held && 'page' in held) {
        const page = held.page;
        // A draft or a release in review given the slug a release on its way out keeps as an old address: the draft, not yet out,
        // is told to take another, and fails, rather than the other, whose redirect was there first and is built with --keep-going.
        if (page !== entry && isUnpublishedStage(page.status) && !isUnpublishedStage(entry.status)) {
          createReporter(page.file, rules, diagnostics)('alias/duplicate', {
            ...FRESH, ...page.slugAt,
            message: `The slug "${page.slug}" gives this release the address ${alias.file}, which ${entry.file} keeps as an old address (its \`aliases\`): its page would replace that redirect.`,
            hint: 'Give this release a slug of its own (`slug: …`), or remove the alias from the other release.',
            related: relatedPlace(at, 'The old address.'),
          });
          continue;
        }
        report('alias/duplicate', {
          ...FRESH, ...at,
          message: page === entry
            ? `The alias "${alias.alias}" is this release's own address, ${alias.file}; a redirect there would replace the page.`
            : `The alias "${alias.alias}" would redirect from ${alias.file}, the page of ${page.file}.`,
          hint: page === entry ? 'Remove it from `aliases`: the page is already at that address.' : 'Remove the alias, or give the other release another slug.',
          ...(page === entry ? {} : { related: relatedPlace(page.slugAt, 'That release\'s slug.') }),
        });
        continue;
      }
      if (held) {
        const first = held.claim;
        report('alias/duplicate', {
          ...FRESH, ...at,
          message: `The alias "${alias.alias}" would redirect from ${alias.file}, which ${first.entry === entry ? 'another alias of this release' : first.entry.file} already claims.`,
          hint: 'An old address leads to one release: keep it in the `aliases` of one of them.',
          related: relatedPlace(first.at, 'First claimed here.'),
        });
        continue;
      }
      const claim = { entry, at, file: alias.file, alias: alias.alias };
      files.claim(alias.file, { claim });
      claims.push(claim);
    }
  }
  for (const claim of claims) {
    const above = files.fileAbove(claim.file);
    if (!above) continue;
    const { folder, holder } = above;
    const [what, related] = 'claim' in holder
      ? [`the redirect page of "${holder.claim.alias}" in ${holder.claim.entry.file}`, relatedPlace(holder.claim.at, 'The other alias.')]
      : [`the page of ${holder.page.file}`, relatedPlace(holder.page.slugAt, 'That release\'s slug.')];
    createReporter(claim.entry.file, rules, diagnostics)('alias/duplicate', {
      ...FRESH, ...claim.at,
      message: `The alias "${claim.alias}" needs ${folder} to be a folder, but it is ${what}.`,
      hint: 'A path cannot be both a page and a folder: remove one of the two.',
      related,
    });
  }
}
