import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';

/**
 * A newsroom's project under a sequence of the edits its people make (a
 * status or embargo changed, a translation added, moved to another language
 * or given another id, a slug, tag, date or alias changed, a release
 * deleted, the clock moved, the config or a template of the project
 * changed, a build of other formats; and, where asked for, a file broken
 * past building), for the properties of builds that follow one another in
 * one output folder (test/incremental-property.test.ts,
 * test/keep-going-property.test.ts).
 */

export const LANGS = ['en', 'az', 'ru'] as const;
const STATUSES = ['published', 'published', 'approved', 'draft', 'withdrawn'] as const;
const TAGS = ['visas', 'permits', 'citizenship', 'trafficking'] as const;
const NOWS = ['2026-05-01T12:00:00+04:00', '2026-07-01T12:00:00+04:00', '2026-12-02T12:00:00+04:00'] as const;
const EMBARGOES = ['2026-06-01T09:00:00+04:00', '2026-12-01T09:00:00+04:00'] as const;
const FORMATS = ['html,text,json,ninjs', 'html', 'html,json'] as const;
/** The addresses the config gives `site.url` (see `configFile`). */
export const SITE_URLS = ['https://press.example.az', 'https://press.example.az/news'] as const;

interface Model {
  id: number;
  lang: (typeof LANGS)[number];
  /** Unique to the release: what a leak of its title would show. */
  mark: number;
  status: (typeof STATUSES)[number];
  day: number;
  tags: readonly string[];
  embargo?: string | undefined;
  slug?: string | undefined;
  withdrawn?: string | undefined;
  alias?: string | undefined;
  edits: number;
  /** 1: a link with an unsafe scheme in the body; 2: front matter YAML cannot read. */
  broken?: number | undefined;
}

export type Edit =
  | { kind: 'add'; id: number; lang: number; status: number }
  | { kind: 'delete' | 'title' | 'body'; at: number }
  | { kind: 'status'; at: number; status: number }
  | { kind: 'embargo'; at: number; embargo: number }
  | { kind: 'tags'; at: number; tags: boolean[] }
  | { kind: 'date'; at: number; day: number }
  | { kind: 'lang'; at: number; lang: number }
  | { kind: 'id'; at: number; id: number }
  | { kind: 'slug'; at: number; slug: number }
  | { kind: 'withdrawn'; at: number; date: number }
  | { kind: 'alias'; at: number; alias: number }
  | { kind: 'now'; now: number }
  | { kind: 'config'; version: number }
  | { kind: 'template'; version: number }
  | { kind: 'formats'; formats: number }
  | { kind: 'break'; at: number; how: number };

/**
 * One edit. `breaks`: files are also broken past building (as often as
 * twice any other edit), and a config without `site.url` is among the
 * configs (see `configFile`).
 */
export function editArbitrary({ breaks = false } = {}): fc.Arbitrary<Edit> {
  const at = fc.nat(20);
  const broken = fc.record({ kind: fc.constant('break' as const), at, how: fc.nat(2) });
  return fc.oneof(
    fc.record({ kind: fc.constant('add' as const), id: fc.nat(4), lang: fc.nat(2), status: fc.nat(4) }),
    fc.record({ kind: fc.constantFrom('delete' as const, 'title' as const, 'body' as const), at }),
    fc.record({ kind: fc.constant('status' as const), at, status: fc.nat(4) }),
    fc.record({ kind: fc.constant('embargo' as const), at, embargo: fc.nat(2) }),
    fc.record({ kind: fc.constant('tags' as const), at, tags: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('date' as const), at, day: fc.integer({ min: 1, max: 28 }) }),
    fc.record({ kind: fc.constant('lang' as const), at, lang: fc.nat(2) }),
    fc.record({ kind: fc.constant('id' as const), at, id: fc.nat(4) }),
    fc.record({ kind: fc.constant('slug' as const), at, slug: fc.nat(2) }),
    fc.record({ kind: fc.constant('withdrawn' as const), at, date: fc.nat(2) }),
    fc.record({ kind: fc.constant('alias' as const), at, alias: fc.nat(2) }),
    fc.record({ kind: fc.constant('now' as const), now: fc.nat(2) }),
    fc.record({ kind: fc.constant('config' as const), version: fc.nat(breaks ? 6 : 5) }),
    fc.record({ kind: fc.constant('template' as const), version: fc.nat(2) }),
    fc.record({ kind: fc.constant('formats' as const), formats: fc.nat(2) }),
    ...(breaks ? [broken, broken] : []),
  );
}

/** The project's config by version; version 6 has no `site.url`. */
export function configFile(version: number): string {
  return [
    'organisation:',
    `  name: State Migration Service ${version % 3}`,
    ...(version === 6 ? [] : ['site:', `  url: ${SITE_URLS[version % 4 === 3 ? 1 : 0]}`]),
    `timezone: ${version === 4 ? 'Europe/Moscow' : 'Asia/Baku'}`,
    `languages: [${version % 3 === 2 ? 'en, az, ru' : 'az, en, ru'}]`,
    ...(version === 1 ? ['withdrawnNotices: false'] : []),
    '',
  ].join('\n');
}

const title = (r: Model) => `Release ${r.id} in ${r.lang} M${r.mark}M${' edited'.repeat(r.edits)}`;

function releaseFile(r: Model): string {
  const text = [
    '---',
    `id: rel-${r.id}`,
    `title: ${title(r)}`,
    `date: 2026-03-${String(r.day).padStart(2, '0')}T10:00:00+04:00`,
    `lang: ${r.lang}`,
    `status: ${r.status}`,
    ...(r.embargo ? [`embargo: ${r.embargo}`] : []),
    ...(r.slug ? [`slug: ${r.slug}`] : []),
    ...(r.tags.length > 0 ? [`tags: [${r.tags.join(', ')}]`] : []),
    ...(r.withdrawn ? [`withdrawn_date: ${r.withdrawn}`] : []),
    ...(r.alias ? [`aliases: [${r.alias}]`] : []),
    '---',
    `What the Service announced about release ${r.id}.`,
    ...(r.broken === 1 ? ['[Apply](javascript:alert(1)) here.'] : []),
    '',
    ...Array.from({ length: r.edits }, (_, i) => `A paragraph added in edit ${i + 1}.\n`),
  ].join('\n');
  return r.broken === 2 ? text.replace(/^title: .*$/m, (line) => `${line}: broken`) : text;
}

/** Whether a release is kept from a normal build at `now`, title and all: a draft, or one under embargo (README, "build"). */
const hidden = (r: Model, now: string) => r.status === 'draft' || (r.status !== 'withdrawn' && r.embargo !== undefined && Date.parse(r.embargo) > Date.parse(now));

/**
 * Public releases no edit touches, beside the edited ones: with them, most edits change less than half of the output folder's
 * files, which a build then updates in place, page by page, instead of making the folder anew (see README, "build"), so that
 * what the build record lets a build leave as it is gets tested.
 */
const UNTOUCHED = 12;

function untouchedFile(k: number): string {
  return `---\nid: kept-${k}\ntitle: Kept release ${k}\ndate: 2026-02-${String(k + 1).padStart(2, '0')}T10:00:00+04:00\nlang: ${LANGS[k % 3]}\nstatus: published\ntags: [${TAGS[k % TAGS.length]}]\n---\nWhat the Service announced, ${k}.\n`;
}

/** A project in `dir` (its config written as version 0), with four releases that `apply` edits and `UNTOUCHED` it does not. */
export class Newsroom {
  private readonly releases: Model[] = [];
  private marks = 0;
  private untouchedWritten = false;
  now: string = NOWS[0];
  formats: string = FORMATS[0];

  constructor(private readonly dir: string) {
    this.add(0, 'en', 'published');
    this.add(0, 'az', 'published');
    this.add(1, 'ru', 'approved');
    this.add(2, 'en', 'draft');
  }

  /** Makes the edit, and writes the releases as they now are: each in a file named by its mark, so that an edit of `lang` or `id` keeps the file and a deleted release's goes. */
  async apply(edit: Edit): Promise<void> {
    const { dir, releases } = this;
    const r = 'at' in edit ? releases[edit.at % Math.max(releases.length, 1)] : undefined;
    switch (edit.kind) {
      case 'add': this.add(edit.id, LANGS[edit.lang]!, STATUSES[edit.status]!); break;
      case 'delete': if (r && releases.length > 1) releases.splice(releases.indexOf(r), 1); break;
      case 'title': case 'body': if (r) r.edits++; break;
      case 'status': if (r) r.status = STATUSES[edit.status]!; break;
      case 'embargo': if (r) r.embargo = EMBARGOES[edit.embargo]; break;
      case 'tags': if (r) r.tags = TAGS.filter((_, i) => edit.tags[i]); break;
      case 'date': if (r) r.day = edit.day; break;
      case 'lang': if (r && !this.taken(r.id, LANGS[edit.lang]!, r)) r.lang = LANGS[edit.lang]!; break;
      case 'id': if (r && !this.taken(edit.id, r.lang, r)) r.id = edit.id; break;
      case 'slug': if (r) r.slug = edit.slug === 0 ? undefined : `s${edit.slug}-${r.mark}`; break;
      case 'withdrawn': if (r) r.withdrawn = ['2026-04-01', '2026-08-01', undefined][edit.date]; break;
      case 'alias': if (r) r.alias = edit.alias === 0 ? undefined : `old-${edit.alias}-${r.mark}`; break;
      case 'now': this.now = NOWS[edit.now]!; break;
      case 'config': await writeFile(join(dir, 'migration-news.config.yaml'), configFile(edit.version)); break;
      case 'template': {
        const partial = join(dir, 'templates', 'default', 'partials', 'site-footer.liquid');
        if (edit.version === 0) await rm(partial, { force: true });
        else await mkdir(join(dir, 'templates', 'default', 'partials'), { recursive: true }).then(() => writeFile(partial, `<footer>Footer ${edit.version}</footer>\n`));
        break;
      }
      case 'formats': this.formats = FORMATS[edit.formats]!; break;
      case 'break': if (r) r.broken = edit.how; break;
    }
    await mkdir(join(dir, 'releases'), { recursive: true });
    if (!this.untouchedWritten) {
      await mkdir(join(dir, 'kept'), { recursive: true });
      for (let k = 0; k < UNTOUCHED; k++) await writeFile(join(dir, 'kept', `k${k}.md`), untouchedFile(k));
      this.untouchedWritten = true;
    }
    const names = new Set(releases.map((m) => `r${m.mark}.md`));
    for (const gone of (await readdir(join(dir, 'releases'))).filter((f) => !names.has(f))) await rm(join(dir, 'releases', gone));
    for (const m of releases) await writeFile(join(dir, 'releases', `r${m.mark}.md`), releaseFile(m));
  }

  /** The folders of release files to build: the edited releases' and the untouched ones'. */
  readonly folders = ['releases', 'kept'] as const;

  /**
   * The environment of a build that keeps its record (`XDG_CACHE_HOME`), in the project beside the output folders: a build with
   * none (`runMain` passes no `HOME`) checks and renders everything again, and so tests nothing of what the record decides.
   */
  get recording(): Record<string, string> {
    return { XDG_CACHE_HOME: join(this.dir, '.cache') };
  }

  /** The files of `files` in `out` that hold the title of a release not public at the newsroom's clock, each as `file: title`. */
  async leaks(out: string, files: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    const secret = this.releases.filter((m) => hidden(m, this.now));
    for (const file of files) {
      const text = await readFile(join(out, file), 'utf8');
      for (const r of secret) if (text.includes(`M${r.mark}M`)) found.push(`${file}: ${title(r)}`);
    }
    return found;
  }

  private taken(id: number, lang: string, self?: Model): boolean {
    return this.releases.some((r) => r !== self && r.id === id && r.lang === lang);
  }

  private add(id: number, lang: (typeof LANGS)[number], status: (typeof STATUSES)[number]): void {
    if (!this.taken(id, lang)) this.releases.push({ id, lang, status, mark: this.marks++, day: 10 + id, tags: [TAGS[id % TAGS.length]!], edits: 0 });
  }
}
