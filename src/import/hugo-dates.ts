import { FRESH } from '../core/objects.js';
import { truthy, type MappedFields } from './front-matter.js';

/**
 * Hugo's `[frontmatter]` configuration: where a page's `date`,
 * `publishDate` and `expiryDate` come from, each a list of sources tried in
 * order, the first found winning: a front matter key (in any letter case),
 * `:filename` (the date a file name starts with), `:fileModTime` (when the
 * file was last changed), `:git` (its last commit, with `enableGitInfo`),
 * or `:default`, Hugo's own list. The last two are facts of the machine that
 * built the site, which an import cannot know: a page dated by them is kept
 * back. Pure.
 */
export type HugoDateField = 'date' | 'publishDate' | 'expiryDate';

/** Hugo's own lists, which `:default` stands for. */
const DEFAULTS: Record<HugoDateField, readonly string[]> = {
  date: ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
  publishDate: ['publishdate', 'pubdate', 'published', 'date'],
  expiryDate: ['expirydate', 'unpublishdate'],
};

const FIELDS = Object.keys(DEFAULTS) as HugoDateField[];

/** The lists a site's `[frontmatter]` sets (keys in any letter case, as Hugo reads them), `:default` put in its place, each token lower-cased. */
export function readHugoDateSources(frontmatter: unknown): Partial<Record<HugoDateField, string[]>> {
  const sources: Partial<Record<HugoDateField, string[]>> = {};
  if (typeof frontmatter !== 'object' || frontmatter === null || Array.isArray(frontmatter)) return sources;
  for (const [key, value] of Object.entries(frontmatter)) {
    const field = FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
    if (field === undefined) continue;
    const tokens = (Array.isArray(value) ? value : [value]).filter((t): t is string => typeof t === 'string').map((t) => t.trim().toLowerCase());
    sources[field] = tokens.flatMap((t) => (t === ':default' ? DEFAULTS[field] : [t]));
  }
  return sources;
}

/** Where a date came from: a front matter key (as written) and its value, or the file name's date. */
type Found = { key: string; value: unknown };

/** The first source of `tokens` that the page has, and the first before it that cannot be known here (`:fileModTime`, `:git`). */
function pick(data: Record<string, unknown>, tokens: readonly string[], fileNameDate: string | undefined, gitInfo: boolean): { found?: Found; unknowable?: string } {
  let unknowable: string | undefined;
  for (const token of tokens) {
    if (token === ':filename') {
      if (fileNameDate !== undefined) return { found: { key: 'file name', value: fileNameDate }, ...(unknowable !== undefined ? { unknowable } : {}) };
    } else if (token === ':filemodtime' || (token === ':git' && gitInfo)) {
      unknowable ??= token === ':git' ? ':git' : ':fileModTime';
    } else if (!token.startsWith(':')) {
      const key = Object.keys(data).find((k) => k.toLowerCase() === token);
      const value = key === undefined ? undefined : data[key];
      // Hugo reads `published: false`, a flag Jekyll sites carry over, as no date.
      if (key === undefined || value === null || value === undefined || value === '' || (token === 'published' && truthy(value) !== undefined)) continue;
      return { found: { key, value }, ...(unknowable !== undefined ? { unknowable } : {}) };
    }
  }
  return unknowable !== undefined ? { unknowable } : {};
}

const MACHINE_FACT: Record<string, string> = {
  ':fileModTime': 'the time its file was last changed',
  ':git': 'the date of its file\'s last Git commit',
};

/**
 * A Hugo page's `date`, `publishAt` and `expiry` as the site's
 * `[frontmatter]` lists (`sources`) choose them, in place of Hugo's own
 * lists that `mapFrontMatter` reads: the keys they name are used, not
 * dropped. A date taken from what cannot be known here keeps the page
 * back, with a note; the next source found, if any, dates the release.
 */
export function withHugoDates(fields: MappedFields, data: Record<string, unknown>, sources: Partial<Record<HugoDateField, string[]>>, fileNameDate: string | undefined, gitInfo: boolean): { fields: MappedFields; notes: string[]; keepBack: boolean } {
  const result: MappedFields = { ...FRESH, ...fields };
  const notes: string[] = [];
  const used = new Set<string>();
  const read = (field: HugoDateField, why: (fact: string, token: string) => string) => {
    const tokens = sources[field];
    if (tokens === undefined) return undefined;
    const { found, unknowable } = pick(data, tokens, fileNameDate, gitInfo);
    if (unknowable !== undefined) notes.push(why(`${MACHINE_FACT[unknowable]!} on the machine that built the site (\`${unknowable}\` in its \`[frontmatter] ${field}\`), which is not known here`, unknowable));
    if (found !== undefined && found.key !== 'file name') used.add(found.key);
    return { found };
  };
  const date = read('date', (fact) => `Hugo dated it by ${fact}, so when it was published is not known; imported as a draft`);
  if (date !== undefined) {
    delete result.date;
    if (date.found !== undefined) result.date = date.found;
  }
  const publish = read('publishDate', (fact) => `Hugo published it from ${fact}; imported as a draft`);
  if (publish !== undefined) {
    delete result.publishAt;
    // The date itself is no second moment to publish from.
    if (publish.found !== undefined && publish.found.key !== result.date?.key) result.publishAt = publish.found;
  }
  const expiry = read('expiryDate', (fact) => `Hugo stopped publishing it at ${fact}, so whether it had expired is not known; imported as a draft`);
  if (expiry !== undefined) {
    delete result.expiry;
    if (expiry.found !== undefined) result.expiry = expiry.found;
  }
  result.dropped = fields.dropped.filter((key) => !used.has(key));
  return { fields: result, notes, keepBack: notes.length > 0 };
}
