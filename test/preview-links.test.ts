import { readFileSync } from 'node:fs';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, ROOT, runMain, useProjects } from './helpers/cli.js';
import { hashTree } from './helpers/hostile.js';
import { brokenLinks } from './helpers/links.js';

/**
 * A preview (`--drafts`, `--embargoed`) writes the pages of releases no
 * listing names: such a page links only to the site's pages the preview
 * writes. A tag only unpublished releases have is shown without a link, and
 * a language with no public release has no listing or feeds to link to.
 */

const project = useProjects();

const SITE = 'https://press.example.org';
const CONFIG = `languages: [en, az]\nsite:\n  url: ${SITE}\n`;
const PUBLIC = release({ id: 'pub', slug: 'pub', title: 'Public release', tags: '[shared]' });
const DRAFT = release({ id: 'draft', slug: 'draft', title: 'Draft release', status: 'draft', tags: '[shared, draft-only]' });
const AZ_DRAFT = release({ id: 'az-draft', slug: 'az-draft', lang: 'az', title: 'Qaralama', status: 'review', tags: '[qanunvericilik]' });
const EMBARGOED = release({ id: 'emb', slug: 'emb', title: 'Embargoed release', embargo: '2026-12-24T10:00:00+04:00', tags: '[shared, embargo-only]' });

describe('a preview build', () => {
  for (const mode of ['--drafts', '--embargoed']) {
    it(`${mode} links an unpublished release's page to the tag pages and listings the preview writes, and to no other`, async () => {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, 'r/pub.md': PUBLIC, 'r/draft.md': DRAFT, 'r/az-draft.az.md': AZ_DRAFT, 'r/emb.md': EMBARGOED });
      const result = await runMain(['build', 'r', '--now', NOW, mode, '--out', 'preview'], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const out = join(dir, 'preview');
      expect(await brokenLinks(out, SITE)).toEqual([]);
      const embargoed = await readFile(join(out, 'en/emb.html'), 'utf8');
      expect(embargoed).toContain('href="tags/shared.html"');
      expect(embargoed).toMatch(/<li>embargo-only<\/li>/);
      expect(embargoed).toContain('href="index.html"');
      if (mode !== '--drafts') return;
      const draft = await readFile(join(out, 'en/draft.html'), 'utf8');
      expect(draft).toContain('href="tags/shared.html"');
      expect(draft).toMatch(/<li>draft-only<\/li>/);
      // Azerbaijani has no public release: no listing or feeds, so the trail goes from the home page to the page itself.
      const az = await readFile(join(out, 'az/az-draft.html'), 'utf8');
      expect(az).toMatch(/<li>qanunvericilik<\/li>/);
      expect(az).not.toContain('feed.xml');
      expect(az).toContain('href="../index.html"');
    });
  }

  it('renders an unpublished release\'s page again when a tag page or listing it names comes or goes, as a fresh build writes it', async () => {
    // Releases the edits leave alone, so that a build updates the folder in place rather than swapping in a new one, in which every page is new.
    const unchanged = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`r/old-${i}.md`, release({ id: `old-${i}`, slug: `old-${i}`, title: `Older release ${i}`, date: `2026-03-${String(i + 1).padStart(2, '0')}` })]));
    const dir = await project({ ...unchanged, 'migration-news.config.yaml': CONFIG, 'r/pub.md': release({ id: 'pub', slug: 'pub', title: 'Public release', tags: '[other]' }), 'r/draft.md': DRAFT, 'r/az-draft.az.md': AZ_DRAFT });
    const build = async () => {
      const args = ['build', 'r', '--now', NOW, '--drafts'];
      const incremental = await runMain([...args, '--out', 'out'], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
      expect(incremental.code, incremental.stdout + incremental.stderr).toBe(0);
      await rm(join(dir, 'fresh'), { recursive: true, force: true });
      expect((await runMain([...args, '--out', 'fresh'], { cwd: dir })).code).toBe(0);
      expect(await hashTree(join(dir, 'out'))).toEqual(await hashTree(join(dir, 'fresh')));
      expect(await brokenLinks(join(dir, 'out'), SITE)).toEqual([]);
    };
    await build();
    // The draft's tag `shared` and the Azerbaijani listing get their pages: the drafts' pages link to them.
    await writeFile(join(dir, 'r/pub.md'), PUBLIC);
    await writeFile(join(dir, 'r/az-pub.az.md'), release({ id: 'az-pub', slug: 'az-pub', lang: 'az', title: 'İctimai reliz', tags: '[qanunvericilik]' }));
    await build();
    expect(await readFile(join(dir, 'out/en/draft.html'), 'utf8')).toContain('href="tags/shared.html"');
    expect(await readFile(join(dir, 'out/az/az-draft.html'), 'utf8')).toContain('href="tags/qanunvericilik.html"');
    // And they go again.
    await unlink(join(dir, 'r/az-pub.az.md'));
    await writeFile(join(dir, 'r/pub.md'), release({ id: 'pub', slug: 'pub', title: 'Public release', tags: '[other]' }));
    await build();
    expect(await readFile(join(dir, 'out/en/draft.html'), 'utf8')).not.toContain('href="tags/shared.html"');
  });

  it('with --keep-going, renders an unpublished release\'s page again without its link to a tag page that only a release that failed while rendered had', async () => {
    // A template error only a release's data trigger, met while rendering it.
    const template = `{% if release.summary contains "Broken" %}{{ release.no_such_field.deeper }}{% endif %}${readFileSync(join(ROOT, 'templates/default/release.html.liquid'), 'utf8')}`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'templates/default/release.html.liquid': template,
      'r/pub.md': release({ id: 'pub', slug: 'pub', title: 'Public release', summary: 'Broken on purpose', tags: '[shared]' }),
      'r/other.md': release({ id: 'other', slug: 'other', title: 'Other release', date: '2026-05-13', tags: '[other]' }),
      'r/draft.md': DRAFT,
    });
    const args = ['build', 'r', '--now', NOW, '--drafts', '--keep-going'];
    for (const out of ['out', 'out']) {
      const result = await runMain([...args, '--out', out], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(await brokenLinks(join(dir, out), SITE)).toEqual([]);
      expect(await readFile(join(dir, out, 'en/draft.html'), 'utf8')).toMatch(/<li>shared<\/li>/);
    }
    expect((await runMain([...args, '--out', 'fresh'], { cwd: dir })).code).toBe(1);
    expect(await hashTree(join(dir, 'out'))).toEqual(await hashTree(join(dir, 'fresh')));
  });
});
