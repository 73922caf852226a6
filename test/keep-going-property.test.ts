import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMain, useProjects } from './helpers/cli.js';
import { hashTree } from './helpers/hostile.js';
import { brokenLinks } from './helpers/links.js';

/**
 * `build --keep-going` into the folder of the builds before, after any
 * sequence of the edits a newsroom makes (those of
 * incremental-property.test.ts, a config without `site.url` among them)
 * and of files broken past building (a body error, a front matter YAML
 * cannot read), some of which keep their earlier pages: the folder never
 * links to a file it does not hold (pages, feeds, sitemaps, releases.json,
 * redirects), and no file in it holds the title of a release that is not
 * public at `--now`.
 */

const LANGS = ['en', 'az', 'ru'] as const;
const STATUSES = ['published', 'published', 'approved', 'draft', 'withdrawn'] as const;
const TAGS = ['visas', 'permits', 'citizenship', 'trafficking'] as const;
const NOWS = ['2026-05-01T12:00:00+04:00', '2026-07-01T12:00:00+04:00', '2026-12-02T12:00:00+04:00'] as const;
const EMBARGOES = ['2026-06-01T09:00:00+04:00', '2026-12-01T09:00:00+04:00'] as const;

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
  broken?: number | undefined;
}

type Edit =
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

const at = fc.nat(20);
const EDIT: fc.Arbitrary<Edit> = fc.oneof(
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
  fc.record({ kind: fc.constant('config' as const), version: fc.nat(5) }),
  fc.record({ kind: fc.constant('template' as const), version: fc.nat(2) }),
  fc.record({ kind: fc.constant('formats' as const), formats: fc.nat(2) }),
  fc.record({ kind: fc.constant('break' as const), at, how: fc.nat(2) }),
  fc.record({ kind: fc.constant('break' as const), at, how: fc.nat(2) }),
);

const FORMATS = ['html,text,json,ninjs', 'html', 'html,json'] as const;

function configFile(version: number): string {
  return [
    'organisation:',
    `  name: State Migration Service ${version % 3}`,
    ...(version === 5 ? [] : ['site:', `  url: https://press.example.az${version % 4 === 3 ? '/news' : ''}`]),
    `timezone: ${version === 4 ? 'Europe/Moscow' : 'Asia/Baku'}`,
    `languages: [${version % 3 === 2 ? 'en, az, ru' : 'az, en, ru'}]`,
    ...(version === 1 ? ['withdrawnNotices: false'] : []),
    '',
  ].join('\n');
}

const title = (r: Model) => `Release ${r.id} in ${r.lang} M${r.mark}M${' edited'.repeat(r.edits)}`;

function releaseFile(r: Model): string {
  if (r.broken === 2) return releaseLines(r).replace(/^title: .*$/m, (line) => `${line}: broken`);
  return releaseLines(r);
}

function releaseLines(r: Model): string {
  return [
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
}

/** Whether a release is kept from a normal build at `now`, title and all: a draft, or one under embargo (README, "build"). */
const hidden = (r: Model, now: string) => r.status === 'draft' || (r.status !== 'withdrawn' && r.embargo !== undefined && Date.parse(r.embargo) > Date.parse(now));

describe('build --keep-going into the same folder', () => {
  const project = useProjects();

  it('keeps no broken link and no trace of a release that is not public, whatever fails', async () => {
    await fc.assert(fc.asyncProperty(fc.array(EDIT, { minLength: 4, maxLength: 7 }), async (edits) => {
      const dir = await project({ 'migration-news.config.yaml': configFile(0) });
      const releases: Model[] = [];
      let marks = 0;
      let now: string = NOWS[0];
      let formats: string = FORMATS[0];
      const taken = (id: number, lang: string, self?: Model) => releases.some((r) => r !== self && r.id === id && r.lang === lang);
      const add = (id: number, lang: (typeof LANGS)[number], status: (typeof STATUSES)[number]) => {
        if (!taken(id, lang)) releases.push({ id, lang, status, mark: marks++, day: 10 + id, tags: [TAGS[id % TAGS.length]!], edits: 0 });
      };
      add(0, 'en', 'published');
      add(0, 'az', 'published');
      add(1, 'ru', 'approved');
      add(2, 'en', 'draft');
      for (const edit of edits) {
        const r = 'at' in edit ? releases[edit.at % Math.max(releases.length, 1)] : undefined;
        switch (edit.kind) {
          case 'add': add(edit.id, LANGS[edit.lang]!, STATUSES[edit.status]!); break;
          case 'delete': if (r && releases.length > 1) releases.splice(releases.indexOf(r), 1); break;
          case 'title': case 'body': if (r) r.edits++; break;
          case 'status': if (r) r.status = STATUSES[edit.status]!; break;
          case 'embargo': if (r) r.embargo = EMBARGOES[edit.embargo]; break;
          case 'tags': if (r) r.tags = TAGS.filter((_, i) => edit.tags[i]); break;
          case 'date': if (r) r.day = edit.day; break;
          case 'lang': if (r && !taken(r.id, LANGS[edit.lang]!, r)) r.lang = LANGS[edit.lang]!; break;
          case 'id': if (r && !taken(edit.id, r.lang, r)) r.id = edit.id; break;
          case 'slug': if (r) r.slug = edit.slug === 0 ? undefined : `s${edit.slug}-${r.mark}`; break;
          case 'withdrawn': if (r) r.withdrawn = ['2026-04-01', '2026-08-01', undefined][edit.date]; break;
          case 'alias': if (r) r.alias = edit.alias === 0 ? undefined : `old-${edit.alias}-${r.mark}`; break;
          case 'now': now = NOWS[edit.now]!; break;
          case 'config': await writeFile(join(dir, 'migration-news.config.yaml'), configFile(edit.version)); break;
          case 'template': {
            const partial = join(dir, 'templates', 'default', 'partials', 'site-footer.liquid');
            if (edit.version === 0) await rm(partial, { force: true });
            else await mkdir(join(dir, 'templates', 'default', 'partials'), { recursive: true }).then(() => writeFile(partial, `<footer>Footer ${edit.version}</footer>\n`));
            break;
          }
          case 'formats': formats = FORMATS[edit.formats]!; break;
          case 'break': if (r) r.broken = edit.how; break;
        }
        // Each release in a file named by its mark, so that an edit of `lang` or `id` keeps the file and a deleted release's goes.
        await mkdir(join(dir, 'releases'), { recursive: true });
        const names = new Set(releases.map((m) => `r${m.mark}.md`));
        for (const gone of (await readdir(join(dir, 'releases'))).filter((f) => !names.has(f))) await rm(join(dir, 'releases', gone));
        for (const m of releases) await writeFile(join(dir, 'releases', `r${m.mark}.md`), releaseFile(m));

        const args = ['build', 'releases', '--now', now, '--format', formats, '--keep-going'];
        const incremental = await runMain([...args, '--out', 'out'], { cwd: dir });
        if (incremental.code === 2) throw new Error(incremental.stderr + incremental.stdout);
        if ((await readdir(join(dir, 'out')).catch(() => [])).length === 0) continue;
        const files = await hashTree(join(dir, 'out'));
        expect(await brokenLinks(join(dir, 'out'), ['https://press.example.az', 'https://press.example.az/news']), `${JSON.stringify(edits)}\n${incremental.stdout}`).toEqual([]);
        const leaks: string[] = [];
        for (const file of Object.keys(files)) {
          if (file.startsWith('.')) continue;
          const text = await readFile(join(dir, 'out', file), 'utf8');
          for (const r of releases.filter((m) => hidden(m, now))) if (text.includes(`M${r.mark}M`)) leaks.push(`${file}: ${title(r)}`);
        }
        expect(leaks, `${JSON.stringify(edits)}\n${incremental.stdout}`).toEqual([]);
      }
    }), { numRuns: 4 });
  });
});
