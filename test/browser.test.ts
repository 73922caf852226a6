import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './helpers/browser.js';
import { EXAMPLES, NOW, ROOT, fixture, removeFixture, runMain } from './helpers/cli.js';
import { isSiteFile, releaseOutputs } from './helpers/site-files.js';

/**
 * The built pages as a reader's browser sees them: headless Chromium loads
 * every HTML output of the examples (drafts and embargoed ones included),
 * runs axe-core in each page with markup no page before it had (the others
 * differ from one of those only in their words) and, with
 * MIGRATION_NEWS_SCREENSHOTS=1, keeps screenshots in test-artifacts/browser/
 * for a person to look at (they cost
 * the suite some seconds and assert nothing, so they are taken only when
 * asked for). Skipped with a notice when there is no Chromium (see
 * test/helpers/browser.ts), except under CI.
 */

const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
const SCREENSHOTS = process.env.MIGRATION_NEWS_SCREENSHOTS === '1';
/** axe-core's script, at the address a page of the build (a file) loads it from. */
const AXE = pathToFileURL(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')).href;

// A stand-in for every remote image, since the machine running the tests may have no network.
const PLACEHOLDER = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675" fill="#c9d3dd"/><path d="M0 675 420 300 700 560 900 400 1200 675z" fill="#9fb0c1"/><circle cx="930" cy="170" r="70" fill="#e6ebf0"/></svg>';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Tables no phone's screen holds: many columns, an address that cannot break, a long number in raw HTML with a caption. */
const WIDE_TABLES = [
  '---', 'title: Quotas by city', 'date: 2026-03-01', 'lang: en', 'status: published', '---',
  'Quotas for the year:', '',
  `| City | ${MONTHS.join(' | ')} |`, `|---|${MONTHS.map(() => '---|').join('')}`, `| Baku | ${MONTHS.map((_, i) => 1200 + i * 100).join(' | ')} |`, '',
  '| Form | Address |', '|---|---|', '| Residence | https://e-services.example.az/forms/residence-permit/application/2026/temporary-residence-permit.pdf |', '',
  '<table><caption>Fees in manat</caption><tr><th>Service</th><th>Reference</th></tr><tr><td>Permit</td><td>1234567890123456789012345678901234567890123456</td></tr></table>', '',
].join('\n');

describe.skipIf(skipWithoutChromium())('the built pages in Chromium', () => {
  let dir: string;
  let browser: Browser;
  /** One context for every page: a page opens far faster in it than in a context of its own. */
  let context: BrowserContext;
  const pages: Record<'default' | 'email', string[]> = { default: [], email: [] };
  /** The default set's home, listing and tag pages. */
  let sitePages: string[] = [];

  interface Source { lang: string; title: string; subtitle?: string; summary?: string; tags?: string[]; image?: unknown; location?: string }
  let sources: Source[];

  beforeAll(async () => {
    dir = await fixture({});
    for (const set of ['default', 'email'] as const) {
      const out = join(dir, set);
      const result = await runMain(['build', EXAMPLES, '--out', out, '--now', NOW, '--drafts', '--template', set, '--format', 'html']);
      expect(result.code, result.stderr).toBe(0);
      const html = (await readdir(out, { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => f.endsWith('.html')).sort();
      pages[set] = releaseOutputs(html).map((f) => join(out, f));
      if (set === 'default') sitePages = html.filter(isSiteFile).map((f) => join(out, f));
      else expect(html.filter(isSiteFile)).toEqual([]);
    }
    const { parseReleaseFile } = await import('../src/core/parse.js');
    const files = (await readdir(EXAMPLES, { recursive: true })).filter((f) => f.endsWith('.md'));
    sources = await Promise.all(files.map(async (f) => parseReleaseFile(await readFile(join(EXAMPLES, f), 'utf8'), f).data as unknown as Source));
    if (SCREENSHOTS) await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext();
    await context.route(/^https?:/, (route) =>
      route.request().resourceType() === 'image'
        ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PLACEHOLDER })
        : route.abort());
  });

  afterAll(async () => {
    await browser?.close();
    await removeFixture(dir);
  });

  interface Loaded { page: Page; errors: string[] }

  const DESKTOP = { width: 1024, height: 800 };

  /** Tabs kept from one test to the next, each with what the page it shows logged: a new tab costs more than the page it shows (a renderer of its own). */
  const tabs: Loaded[] = [];

  async function tab(i: number): Promise<Loaded> {
    while (tabs.length <= i) {
      const kept: Loaded = { page: await context.newPage(), errors: [] };
      kept.page.on('console', (message) => { if (message.type() === 'error') kept.errors.push(message.text()); });
      kept.page.on('pageerror', (error) => kept.errors.push(error.message));
      tabs.push(kept);
    }
    return tabs[i]!;
  }

  /** Shows `file` in the first tab, on a screen (an earlier test may have printed), with nothing logged yet. */
  async function open(file: string, viewport = DESKTOP): Promise<Loaded> {
    const { page } = await tab(0);
    // In front, as a new tab would be: a tab behind others draws no frames, and a smooth scroll never ends.
    await page.bringToFront();
    await page.emulateMedia({ media: null });
    await page.setViewportSize(viewport);
    const errors: string[] = (tabs[0]!.errors = []);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, errors };
  }

  interface AxeResult { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] }

  async function seriousViolations(page: Page): Promise<string[]> {
    // axe-core is put into the page only here: in every page opened (each new tab's blank one too), its half a megabyte took the browser more time than the pages did.
    // The browser reads it from its file, by a script element taken out again once it has run, so the page axe-core checks is the page
    // as built: sent through the connection as the text of an evaluation, the half megabyte cost this process some 0.05 s a page.
    await page.evaluate(`new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = ${JSON.stringify(AXE)};
      script.onload = () => { script.remove(); resolve(); };
      script.onerror = () => { script.remove(); reject(new Error('axe-core could not be loaded from ' + script.src)); };
      document.head.append(script);
    })`);
    // Only violations are looked at: axe then keeps one node of each passing rule instead of all of them. Only the rules on by
    // default whose impact is serious or critical (or not given) are run: axe-core gives every violation of a rule the rule's own
    // impact, so a minor or moderate rule can find nothing that is counted here.
    const result = await page.evaluate<AxeResult>(`axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'rule', values: axe._audit.rules.filter((r) => r.enabled && r.impact !== 'minor' && r.impact !== 'moderate').map((r) => r.id) },
    })`);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }

  /**
   * What axe-core's rules read of a page, data aside: each element by its place (the names and classes of the elements it is in,
   * which give it its colours and its role), its own classes and attributes (the values of those that change what is checked:
   * language, direction, role, type, rel, inline style, an empty alternative text), and whether it holds text of its own, only
   * within elements it holds, or none at all (a link or a heading without a name). Pages of one template that differ only in
   * their words give the same list, and axe-core the same answer.
   */
  const STRUCTURE = `(() => {
    const name = (e) => e.localName + [...e.classList].sort().map((c) => '.' + c).join('');
    const attribute = (a) => ['lang', 'dir', 'role', 'type', 'rel', 'style'].includes(a.name) ? '[' + a.name + '=' + a.value + ']' : a.name === 'alt' && a.value === '' ? '[alt=""]' : '[' + a.name + ']';
    const text = (e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '') ? ':text' : e.textContent.trim() === '' ? ':blank' : '';
    const place = (e) => { const names = []; for (let p = e.parentElement; p; p = p.parentElement) names.unshift(name(p)); return names.join('>'); };
    return [...new Set([...document.querySelectorAll('*')].map((e) => place(e) + '>' + name(e) + [...e.attributes].map(attribute).sort().join('') + text(e)))];
  })()`;

  /**
   * For one test's pages: whether `page` has an element of a structure that no page before it had, and so needs axe-core itself;
   * its structures are counted as checked. Each structure is thus checked on at least one page, whichever tab gets there first.
   */
  function structureCover(): { isNew(page: Page): Promise<boolean>; checked: number } {
    const seen = new Set<string>();
    const cover = {
      checked: 0,
      async isNew(page: Page): Promise<boolean> {
        const fresh = (await page.evaluate<string[]>(STRUCTURE)).filter((s) => !seen.has(s));
        for (const s of fresh) seen.add(s);
        if (fresh.length > 0) cover.checked++;
        return fresh.length > 0;
      },
    };
    return cover;
  }

  /** How wide the page is drawn, against how wide the window is. */
  function pageWidths(page: Page): Promise<{ scroll: number; view: number }> {
    return page.evaluate('({ scroll: document.documentElement.scrollWidth, view: window.innerWidth })');
  }

  /**
   * Checks the pages three at a time: a page mostly waits on the browser, so they overlap well even
   * on two cores. Each of three tabs goes from file to file; what one page logged is not counted
   * against the next.
   */
  async function eachPage(files: readonly string[], viewport: { width: number; height: number }, check: (file: string, loaded: Loaded) => Promise<void>): Promise<void> {
    const threeTabs: Loaded[] = [];
    for (let i = 0; i < 3; i++) threeTabs.push(await tab(i));
    const queue = [...files];
    const worker = async (tab: Loaded) => {
      await tab.page.emulateMedia({ media: null });
      await tab.page.setViewportSize(viewport);
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        tab.errors = [];
        await tab.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await check(file, { page: tab.page, errors: tab.errors });
      }
    };
    // A check that fails ends every tab's round before the next test takes the tabs.
    const rounds = await Promise.allSettled(threeTabs.map((tab) => worker(tab).catch((error: unknown) => {
      queue.length = 0;
      throw error;
    })));
    for (const round of rounds) if (round.status === 'rejected') throw round.reason;
  }

  function screenshotName(set: string, file: string, suffix = ''): string {
    const [lang, name] = file.split(/[\\/]/).slice(-2);
    return join(ARTIFACTS, `${set}-${lang}-${name!.replace(/\.html$/, '')}${suffix}.png`);
  }

  describe('the default set in a browser', () => {
    it('loads every page without console errors, with valid NewsArticle JSON-LD and no serious axe violations', async () => {
      expect(pages.default.length).toBe(sources.length);
      // axe-core on each page with an element of a structure not checked yet: the rest, of the same template, differ only in words.
      const cover = structureCover();
      await eachPage(pages.default, DESKTOP, async (file, { page, errors }) => {
        // What the checks read of a page, in one evaluation: each locator's query is a round of messages through Playwright of its own,
        // and the first in a page puts Playwright's own script into it. A list where a locator would have been strict, so one element.
        const { lang, blocks, raw, headings, titles } = await page.evaluate<{ lang: string | null; blocks: string[]; raw: string | undefined; headings: number; titles: string[] }>(`(() => {
          const blocks = [...document.querySelectorAll('script[type="application/ld+json"]')];
          return {
            lang: document.documentElement.getAttribute('lang'),
            blocks: blocks.map((e) => e.textContent),
            raw: blocks[0]?.innerHTML,
            headings: document.querySelectorAll('h1').length,
            titles: [...document.querySelectorAll('article h1')].map((e) => e.textContent),
          };
        })()`);

        expect(blocks, file).toHaveLength(1);
        const data = JSON.parse(blocks[0]!) as Record<string, unknown>;
        const source = sources.find((s) => s.title === data.headline && s.lang === lang);
        expect(source, `${file}: no example has the headline ${String(data.headline)}`).toBeDefined();
        expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'NewsArticle', inLanguage: source!.lang });
        for (const key of ['datePublished', 'dateModified']) expect(String(data[key]), key).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
        expect(data.dateline).toContain(source!.location ?? '');
        expect(data.publisher).toMatchObject({ '@type': 'GovernmentOrganization', name: expect.any(String) });
        if (source!.subtitle) expect(data.alternativeHeadline).toBe(source!.subtitle);
        if (source!.summary) expect(data.description).toBe(source!.summary);
        if (source!.tags?.length) expect(data.keywords).toEqual(source!.tags);
        if (source!.image) expect(data.image).toMatchObject({ '@type': 'ImageObject', url: expect.stringMatching(/^https:\/\//) });
        // The raw block must keep "<" escaped so no value can close the script element early.
        expect(raw).not.toContain('<');

        expect(headings, file).toBe(1);
        expect(titles).toEqual([source!.title]);
        if (await cover.isNew(page)) expect(await seriousViolations(page), file).toEqual([]);
        expect(errors, file).toEqual([]);
        if (file.includes(`${join('en', '')}`) || pages.default.indexOf(file) % 4 === 0) {
          if (SCREENSHOTS) await page.screenshot({ path: screenshotName('default', file), fullPage: true });
        }
      });
      expect(cover.checked).toBeGreaterThan(0);
    });

    it('loads the home, listing and tag pages without console errors or serious axe violations, with working links', async () => {
      expect(sitePages.some((f) => f.endsWith(join('en', 'index.html')))).toBe(true);
      // The home page, each language's listing and the first tag page of each language: one of each template per language.
      const firstTags = ['az', 'en', 'ru'].map((lang) => sitePages.find((f) => f.includes(join(lang, 'tags', ''))));
      expect(firstTags.every((f) => f !== undefined)).toBe(true);
      const checked = [...sitePages.filter((f) => f.endsWith('index.html')), ...firstTags.map((f) => f!)];
      expect(checked).toHaveLength(7);
      const cover = structureCover();
      await eachPage(checked, DESKTOP, async (file, { page, errors }) => {
        const { headings, blocks, links } = await page.evaluate<{ headings: number; blocks: string[]; links: string[] }>(`({
          headings: document.querySelectorAll('h1').length,
          blocks: [...document.querySelectorAll('script[type="application/ld+json"]')].map((e) => e.textContent),
          links: [...document.querySelectorAll('.release-list a:not([rel="tag"])')].map((a) => a.href),
        })`);
        expect(headings, file).toBe(1);
        const data = JSON.parse(blocks[0]!) as Record<string, unknown>;
        expect(data['@type'], file).toBe('CollectionPage');
        // Every link to a release leads to a page that was built.
        for (const href of links) {
          expect(pages.default.map((f) => pathToFileURL(f).href), `${file}: ${href}`).toContain(href);
        }
        if (await cover.isNew(page)) expect(await seriousViolations(page), file).toEqual([]);
        expect(errors, file).toEqual([]);
        if (SCREENSHOTS) await page.screenshot({ path: screenshotName('default-site', file), fullPage: true });
      });
      expect(cover.checked).toBeGreaterThan(0);
    });

    it('fits a phone screen without sideways scrolling, and prints with a letterhead, link addresses and no navigation', async () => {
      const file = pages.default.find((f) => /trafficking|parliament/.test(f) && f.includes(join('en', '')))!;
      const { page, errors } = await open(file, { width: 360, height: 740 });
      const widths = await pageWidths(page);
      expect(widths.scroll).toBeLessThanOrEqual(widths.view);
      const image = await page.locator('.lead-image img').boundingBox();
      expect(image!.width).toBeLessThanOrEqual(360);
      if (SCREENSHOTS) await page.screenshot({ path: screenshotName('default', file, '-phone'), fullPage: true });

      await page.emulateMedia({ media: 'print' });
      // The letterhead: the organisation's name stays at the top; breadcrumbs, translations, tags and the footer go.
      expect(await page.locator('.site-header .site-name').isVisible()).toBe(true);
      expect(await page.locator('.site-header .site-name').textContent()).toBe('State Migration Service of the Republic of Azerbaijan');
      expect(await page.locator('.breadcrumbs').isVisible()).toBe(false);
      expect(await page.locator('.translations').isVisible()).toBe(false);
      expect(await page.locator('.tags').isVisible()).toBe(false);
      expect(await page.locator('.site-footer').isVisible()).toBe(false);
      // A link in the release prints its address after it.
      const after = await page.locator('.release-body a[href^="http"]').first().evaluate((a) => (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }).getComputedStyle(a, '::after').content);
      expect(after).toMatch(/https?:\/\//);
      if (SCREENSHOTS) await page.screenshot({ path: screenshotName('default', file, '-print'), fullPage: true });
      expect(await page.locator('article h1').isVisible()).toBe(true);
      expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toMatch(/Georgia|serif/);
      expect(errors).toEqual([]);
    });
    it('fits a phone screen with a line of code wider than the screen, which wraps', async () => {
      const code = `curl --fail --silent https://e-services.example.az/api/v1/applications/status?number=${'0'.repeat(40)}`;
      const project = await fixture({
        'releases/en/api.md': `---\ntitle: Application status can be checked from scripts\ndate: 2026-03-01\nlang: en\nstatus: published\n---\nAsk for the status of an application:\n\n\`\`\`\n${code}\n\`\`\`\n`,
      });
      try {
        const result = await runMain(['build', 'releases', '--out', 'site', '--now', NOW, '--format', 'html'], { cwd: project });
        expect(result.code, result.stderr).toBe(0);
        const { page, errors } = await open(join(project, 'site', 'en', 'application-status-can-be-checked-from-scripts.html'), { width: 360, height: 740 });
        const widths = await pageWidths(page);
        expect(widths.scroll).toBeLessThanOrEqual(widths.view);
        // The line is kept as written, only drawn over several lines.
        expect(await page.locator('pre').textContent()).toBe(`${code}\n`);
        expect((await page.locator('pre code').boundingBox())!.height).toBeGreaterThan(60);
        expect(await seriousViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await removeFixture(project);
      }
    });

    it('fits a phone screen with tables wider than the screen, each scrolling in a region the keyboard reaches, whole', async () => {
      const project = await fixture({ 'migration-news.config.yaml': 'html: safe\nlanguages: [en]\n', 'releases/en/quotas.md': WIDE_TABLES });
      try {
        const result = await runMain(['build', 'releases', '--out', 'site', '--now', NOW, '--format', 'html'], { cwd: project });
        expect(result.code, result.stderr).toBe(0);
        const { page, errors } = await open(join(project, 'site', 'en', 'quotas-by-city.html'), { width: 360, height: 740 });
        // The page itself does not scroll sideways: before, the tables made it some 1,000 px wide.
        expect(await page.evaluate<number>('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(360);
        const regions = page.locator('.table-scroll');
        expect(await regions.count()).toBe(3);
        for (let i = 0; i < 3; i++) {
          const region = regions.nth(i);
          // Each region scrolls over the whole table: its start where the region starts, scrolled to the end its end where the region ends.
          const widths = await region.evaluate((e) => ({ client: e.clientWidth, scroll: e.scrollWidth, table: e.querySelector('table')!.getBoundingClientRect().width }));
          expect(widths.scroll, `region ${i}`).toBeGreaterThan(widths.client);
          expect(Math.abs(widths.scroll - widths.table), `region ${i}`).toBeLessThanOrEqual(1);
          const box = (await region.boundingBox())!;
          const table = region.locator('table').first();
          expect(Math.abs((await table.boundingBox())!.x - box.x), `region ${i}`).toBeLessThanOrEqual(1);
          await region.evaluate((e) => { e.scrollLeft = e.scrollWidth; });
          const end = (await table.boundingBox())!;
          expect(Math.abs(end.x + end.width - (box.x + box.width)), `region ${i}`).toBeLessThanOrEqual(1);
          await region.evaluate((e) => { e.scrollLeft = 0; });
        }
        // The keyboard reaches the first region with Tab (past the skip link and the header's links) and scrolls it with the arrow keys.
        let focused = '';
        for (let tab = 0; tab < 20 && !focused.includes('table-scroll'); tab++) {
          await page.keyboard.press('Tab');
          focused = await page.evaluate<string>('document.activeElement.className');
        }
        expect(focused).toBe('table-scroll');
        expect(await page.evaluate<string | null>('document.activeElement.getAttribute("aria-label")')).toBe('Table 1');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        // The browser scrolls smoothly: what an arrow key does takes some frames.
        await expect.poll(() => regions.first().evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
        // The captioned table's region is named by its caption.
        expect(await regions.nth(2).getAttribute('aria-labelledby')).toBe(await page.locator('caption').getAttribute('id'));
        // Short words stay whole: a column is as wide as its longest word, not a letter.
        const header = (await page.locator('th', { hasText: 'September' }).boundingBox())!;
        expect(header.height).toBeLessThan(50);
        expect(await seriousViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        if (SCREENSHOTS) await page.screenshot({ path: screenshotName('default', 'en/quotas-by-city.html', '-phone'), fullPage: true });
      } finally {
        await removeFixture(project);
      }
    });

    it('fits a phone screen with a word longer than the screen in the site\'s name, a release\'s title and a tag', async () => {
      const word = 'Antidiskriminierungsbeauftragtenstellenbesetzungsverfahren';
      const project = await fixture({
        'migration-news.config.yaml': 'organisation:\n  name: Bundesamt für Migrations- und Flüchtlingsangelegenheitenverwaltungsbehörde\nlanguages: [en]\n',
        'releases/en/long.md': `---\ntitle: ${word} concluded\ndate: 2026-03-01\nlang: en\nstatus: published\ntags: [${word}]\n---\nText.\n`,
      });
      try {
        const result = await runMain(['build', 'releases', '--out', 'site', '--now', NOW, '--format', 'html'], { cwd: project });
        expect(result.code, result.stderr).toBe(0);
        const slug = word.toLowerCase();
        // The release page holds all three: the site's name in its header (as every page), the title in its breadcrumbs, the tag.
        for (const name of [`en/${slug}-concluded.html`]) {
          const { page, errors } = await open(join(project, 'site', name), { width: 360, height: 740 });
          const widths = await pageWidths(page);
          expect(widths.scroll, name).toBeLessThanOrEqual(widths.view);
          expect(errors, name).toEqual([]);
        }
      } finally {
        await removeFixture(project);
      }
    });

    it('lays out a page written right to left from the right, without sideways scrolling on a phone or serious axe violations, on a release page and on the site\'s pages', async () => {
      const labels = (await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8')).replace(/^press_releases: .*$/m, 'press_releases: اطلاعیه‌ها');
      const project = await fixture({
        'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nlanguages: [fa]\n',
        'templates/default/labels/fa.yaml': labels,
        'releases/fa/centre.md': '---\nid: 2026-03-01-centre\ntitle: مرکز جدید در گنجه افتتاح شد\ndate: 2026-03-01\nlang: fa\nstatus: published\ntags: [مراکز]\n---\nمرکز امروز افتتاح شد.\n',
      });
      try {
        const result = await runMain(['build', 'releases', '--out', 'site', '--now', NOW, '--format', 'html'], { cwd: project });
        expect(result.code, result.stderr).toBe(0);
        for (const name of ['fa/2026-03-01-centre.html', 'fa/index.html']) {
          const { page, errors } = await open(join(project, 'site', name), { width: 360, height: 740 });
          expect(await page.evaluate<string>('getComputedStyle(document.body).direction'), name).toBe('rtl');
          const widths = await pageWidths(page);
          expect(widths.scroll, name).toBeLessThanOrEqual(widths.view);
          // The first tag starts where the text does, on the right, as the first tag of a page written left to right starts on the left.
          const first = await page.locator('.tags li').first().boundingBox();
          const tags = await page.locator('.tags ul, ul.tags').first().boundingBox();
          expect(Math.abs(first!.x + first!.width - (tags!.x + tags!.width)), name).toBeLessThan(1);
          // The skip link still comes into view where the reader starts, once it has the focus.
          await page.keyboard.press('Tab');
          const link = await page.locator('.skip-link').boundingBox();
          expect(link!.x, name).toBeGreaterThanOrEqual(0);
          expect(link!.x + link!.width, name).toBeLessThanOrEqual(360);
          expect(errors, name).toEqual([]);
          // No page written left to right has these pages' direction and language: axe-core is run on each.
          expect(await seriousViolations(page), name).toEqual([]);
        }
      } finally {
        await removeFixture(project);
      }
    });
  });

  describe('the email set in a browser', () => {
    it('renders every page at most 600 px wide, without scripts, console errors or serious axe violations', async () => {
      expect(pages.email.length).toBe(sources.length);
      const cover = structureCover();
      await eachPage(pages.email, { width: 900, height: 800 }, async (file, { page, errors }) => {
        const { scripts, words, stylesheets, sheets, headings } = await page.evaluate<{ scripts: number; words: string; stylesheets: number; sheets: number[]; headings: number }>(`({
          scripts: document.querySelectorAll('script').length,
          words: document.body.innerText,
          stylesheets: document.querySelectorAll('link[rel="stylesheet"]').length,
          sheets: [...document.querySelectorAll('table.sheet')].map((e) => e.getBoundingClientRect().width),
          headings: document.querySelectorAll('h1').length,
        })`);
        expect(scripts, file).toBe(0);
        if (words.includes('NOT FOR PUBLICATION')) expect(words, file).not.toContain('FOR IMMEDIATE RELEASE');
        expect(stylesheets, file).toBe(0);
        expect(sheets, file).toHaveLength(1);
        expect(sheets[0], file).toBeLessThanOrEqual(600);
        expect(sheets[0], file).toBeGreaterThan(500);
        expect(headings, file).toBe(1);
        if (await cover.isNew(page)) expect(await seriousViolations(page), file).toEqual([]);
        expect(errors, file).toEqual([]);
        if (SCREENSHOTS && /choose-legal|quota/.test(file)) await page.screenshot({ path: screenshotName('email', file), fullPage: true });
      });
      expect(cover.checked).toBeGreaterThan(0);
    });

    it('keeps a line of code wider than the message inside it, on a desktop and on a phone', async () => {
      const code = `curl --fail --silent https://e-services.example.az/api/v1/applications/status?number=${'0'.repeat(40)}`;
      const project = await fixture({
        'releases/en/api.md': `---\ntitle: Application status can be checked from scripts\ndate: 2026-03-01\nlang: en\nstatus: published\n---\nAsk for the status of an application:\n\n\`\`\`\n${code}\n\`\`\`\n`,
      });
      try {
        const result = await runMain(['build', 'releases', '--out', 'site', '--now', NOW, '--format', 'html', '--template', 'email'], { cwd: project });
        expect(result.code, result.stderr).toBe(0);
        const file = join(project, 'site', 'en', 'application-status-can-be-checked-from-scripts.html');
        const { page, errors } = await open(file, { width: 900, height: 800 });
        expect((await page.locator('table.sheet').boundingBox())!.width).toBeLessThanOrEqual(600);
        expect(await page.locator('pre').textContent()).toBe(`${code}\n`);
        await page.setViewportSize({ width: 360, height: 740 });
        const widths = await pageWidths(page);
        expect(widths.scroll).toBeLessThanOrEqual(widths.view);
        expect(errors).toEqual([]);
      } finally {
        await removeFixture(project);
      }
    });

    it('keeps tables wider than the message inside it on a phone, each scrolling in a region of its own', async () => {
      const project = await fixture({ 'migration-news.config.yaml': 'html: safe\nlanguages: [en]\n', 'releases/en/quotas.md': WIDE_TABLES });
      try {
        const result = await runMain(['build', 'releases', '--out', 'site', '--now', NOW, '--format', 'html', '--template', 'email'], { cwd: project });
        expect(result.code, result.stderr).toBe(0);
        const { page, errors } = await open(join(project, 'site', 'en', 'quotas-by-city.html'), { width: 900, height: 800 });
        expect((await page.locator('table.sheet').boundingBox())!.width).toBeLessThanOrEqual(600);
        await page.setViewportSize({ width: 360, height: 740 });
        expect(await page.evaluate<number>('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(360);
        for (const region of await page.locator('.table-scroll').all()) {
          const widths = await region.evaluate((e) => ({ client: e.clientWidth, scroll: e.scrollWidth }));
          expect(widths.scroll).toBeGreaterThan(widths.client);
        }
        expect(await seriousViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await removeFixture(project);
      }
    });

    it('shrinks to a phone screen', async () => {
      const file = pages.email.find((f) => /choose-legal/.test(f))!;
      const { page, errors } = await open(file, { width: 360, height: 740 });
      const widths = await pageWidths(page);
      expect(widths.scroll).toBeLessThanOrEqual(widths.view);
      if (SCREENSHOTS) await page.screenshot({ path: screenshotName('email', file, '-phone'), fullPage: true });
      expect(errors).toEqual([]);
    });
  });
});
