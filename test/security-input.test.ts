import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReleaseFile } from '../src/core/parse.js';
import { launchChromium, skipWithoutChromium } from './helpers/browser.js';
import { NOW, fixture, release, removeFixture, runMain, type CliResult } from './helpers/cli.js';
import { releaseOutputs } from './helpers/site-files.js';
import { jsonReport, type JsonReport } from './helpers/report.js';
import { HOSTILE, STACK_LINE, TERMINAL_HAZARDS, copyCorpus, hashTree, listTree, scriptHazards } from './helpers/hostile.js';

/**
 * Hostile releases run through the real CLI: front matter never runs code and
 * never turns into body text, and no page can carry script. Each corpus
 * folder is built once with --keep-going, so that what survives validation
 * is rendered and can be inspected.
 */

async function buildCorpus(folder: string): Promise<{ dir: string; result: CliResult; report: JsonReport; before: Record<string, string> }> {
  const dir = await copyCorpus(folder);
  const before = await hashTree(join(dir, folder));
  const result = await runMain(['build', folder, '--out', 'out', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir });
  return { dir, result, report: jsonReport(result), before };
}

/** `file → rule ids` of the errors, for exact comparison. */
function errorsByFile(report: JsonReport): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of report.diagnostics) if (d.severity === 'error') (out[d.file] ??= []).push(d.ruleId);
  return out;
}

async function outputs(dir: string): Promise<{ path: string; text: string }[]> {
  const files = await listTree(join(dir, 'out'));
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(join(dir, 'out', path), 'utf8') })));
}

describe('front matter is data: nothing in a release runs code', () => {
  let run: Awaited<ReturnType<typeof buildCorpus>>;
  beforeAll(async () => {
    run = await buildCorpus('code');
  });
  afterAll(() => removeFixture(run.dir));

  it('refuses every front matter language but YAML, custom tags, merge keys and alias bombs, file by file', () => {
    expect(run.result.code).toBe(1);
    // The release's three files, and the site around it (home, its language's listing, releases.json; no feeds without site.url).
    expect(run.result.stderr).toMatch(/^Built 1 release, skipped 0 \(0 not approved, 0 embargoed\), failed 17\. Wrote 6 files to out\.\nFeeds and sitemaps were not built: they need absolute URLs, so set `site.url` in the config file\.\n$/);
    expect(errorsByFile(run.report)).toEqual({
      'code/alias-bomb.md': ['yaml/alias-limit'],
      'code/lang-coffee.md': ['frontmatter/language'],
      'code/lang-javascript-space.md': ['frontmatter/language'],
      'code/lang-js-tab.md': ['frontmatter/language'],
      'code/lang-js-two-spaces.md': ['frontmatter/language'],
      'code/lang-js-upper.md': ['frontmatter/language'],
      'code/lang-js.md': ['frontmatter/language'],
      'code/lang-json.md': ['frontmatter/language'],
      'code/lang-yaml-named.md': ['frontmatter/language'],
      'code/merge-key.md': ['yaml/merge-key'],
      'code/no-front-matter.md': ['frontmatter/missing'],
      'code/not-a-mapping.md': ['frontmatter/not-a-mapping'],
      'code/not-at-start.md': ['frontmatter/not-at-start'],
      'code/space-after-dashes.md': ['frontmatter/not-at-start'],
      'code/tag-custom.md': ['yaml/tag'],
      'code/tag-js-function.md': ['yaml/tag'],
      'code/unclosed.md': ['frontmatter/unclosed'],
    });
    const language = run.report.diagnostics.filter((d) => d.ruleId === 'frontmatter/language').map((d) => d.message.match(/marked as "(.*?)"/)?.[1]);
    expect(language.sort()).toEqual(['JS', 'coffee', 'javascript', 'js', 'js', 'js', 'json', 'yaml']);
  });

  it('runs none of the code: the JavaScript front matter would have created a file', async () => {
    expect(await listTree(run.dir)).not.toContain('PWNED');
    expect((await listTree(run.dir)).filter((f) => !f.startsWith('code/') && !f.startsWith('out/'))).toEqual([]);
    expect(await hashTree(join(run.dir, 'code'))).toEqual(run.before);
  });

  it('never renders the metadata of a file with a broken front matter block as its body', async () => {
    for (const { text } of await outputs(run.dir)) expect(text).not.toContain('SECRET-METADATA-MARKER');
    for (const name of ['no-front-matter', 'not-at-start', 'unclosed', 'space-after-dashes', 'lang-js']) {
      const parsed = parseReleaseFile(await readFile(join(HOSTILE, 'code', `${name}.md`), 'utf8'), `${name}.md`);
      expect(parsed.body, name).toBe('');
      expect(parsed.data, name).toBeUndefined();
    }
  });

  it('treats __proto__, constructor and hasOwnProperty as plain keys that change nothing and reach no output', async () => {
    const pristine = Object.getOwnPropertyNames(Object.prototype).sort();
    const parsed = parseReleaseFile(await readFile(join(HOSTILE, 'code', 'prototype-keys.md'), 'utf8'), 'prototype-keys.md');
    const data = parsed.data as Record<string, unknown> & { image: Record<string, unknown> };
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristine);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data.image)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(data.title).toBe('Prototype keys are plain keys');
    expect(data.hasOwnProperty).toBe('HIJACKED-HASOWN');

    expect(run.report.diagnostics.filter((d) => d.file === 'code/prototype-keys.md').map((d) => `${d.line} ${d.severity} ${d.ruleId}`)).toEqual([
      '7 warning schema/unknown-key', '10 warning schema/unknown-key', '13 warning schema/unknown-key', '15 warning schema/unknown-key',
    ]);
    const built = await outputs(run.dir);
    // Every file is searched below, the site's own pages included; these are the release's.
    expect(releaseOutputs(built.map((f) => f.path))).toEqual(['en/prototype-keys.html', 'en/prototype-keys.json', 'en/prototype-keys.txt']);
    for (const { path, text } of built) {
      expect(text, path).not.toMatch(/POLLUTED|HIJACKED|javascript:/);
      if (releaseOutputs([path]).length > 0) expect(text, path).toContain('Prototype keys are plain keys');
    }
    const json = JSON.parse(built.find((f) => f.path === 'en/prototype-keys.json')!.text) as { image: { src: string } };
    expect(json.image.src).toBe('https://press.example.org/photo.jpg');
  });

  it('reads the same text to the same result every time: no cache between files', () => {
    const text = '---\ntitle: First reading\ndate: 2026-05-14\nlang: en\n---\nBody.\n';
    const first = parseReleaseFile(text, 'a.md');
    (first.data as Record<string, unknown>).title = 'changed by the caller';
    const second = parseReleaseFile(text, 'b.md');
    expect(second.data).toEqual({ title: 'First reading', date: '2026-05-14', lang: 'en' });
    expect(second.data).not.toBe(first.data);
    expect(second.diagnostics).toEqual([]);
  });
});

describe('the HTML output cannot carry script', () => {
  let run: Awaited<ReturnType<typeof buildCorpus>>;
  let pages: { path: string; text: string }[];
  beforeAll(async () => {
    run = await buildCorpus('html');
    pages = (await outputs(run.dir)).filter((f) => f.path.endsWith('.html'));
  });
  afterAll(() => removeFixture(run.dir));

  it('refuses unsafe image URLs and control or bidi characters in metadata, naming file and place', () => {
    expect(run.result.code).toBe(1);
    const errors = run.report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`);
    expect(errors).toEqual([
      'html/bidi-summary.md:6:10 schema/control-character',
      'html/control-in-body.md:8:16 content/control-character',
      'html/control-in-body.md:8:33 content/control-character',
      'html/control-title.md:2:8 schema/control-character',
      'html/image-src-data.md:7:8 schema/url-scheme',
      'html/image-src-entity.md:7:8 schema/url-scheme',
      'html/image-src-file.md:7:8 schema/url-scheme',
      'html/image-src-javascript.md:7:8 schema/url-scheme',
      'html/image-src-padded.md:7:8 schema/url-scheme',
      'html/image-src-vbscript.md:7:8 schema/url-scheme',
    ]);
    expect(releaseOutputs(pages.map((p) => p.path))).toEqual([
      'en/autolinks.html', 'en/images.html', 'en/key.html', 'en/links.html', 'en/raw-block-text.html', 'en/raw-html.html',
      'en/reference-links.html', 'en/script-in-title.html', 'en/template-syntax.html',
    ]);
  });

  it('reports every script URL in the body, in every spelling, at its own line', () => {
    const links = run.report.diagnostics.filter((d) => d.file === 'html/links.md' && d.ruleId === 'content/link-scheme');
    expect(links.map((d) => d.line)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    const references = run.report.diagnostics.filter((d) => d.file === 'html/reference-links.md' && d.ruleId === 'content/link-scheme');
    expect(references.map((d) => d.line)).toEqual([8, 8, 8, 8, 10, 11, 12, 13]);
  });

  it('leaves no script but the JSON-LD block, no event handler and no unsafe URL in any page', () => {
    for (const page of pages) {
      expect(scriptHazards(page.text), page.path).toEqual([]);
      expect(page.text.match(/<script\b/gi), page.path).toHaveLength(1);
    }
  });

  it('keeps the safe links and the text of the unsafe ones, so the check above has something to find', () => {
    const links = pages.find((p) => p.path === 'en/links.html')!.text;
    expect(links).toContain('<a href="https://example.az/safe">safe</a>');
    expect(links).toContain('<a href="../az/other.html">relative</a>');
    expect(links).toContain('<a href="mailto:press@example.az">mail</a>');
    expect(links).toContain('title="x&quot; onmouseover=&quot;alert(&#39;title&#39;)"');
    for (const text of ['plain', 'mixed case', 'entity', 'no semicolon', 'angle tab', 'vbscript']) expect(links).toContain(`${text}\n`);
    const raw = pages.find((p) => p.path === 'en/raw-html.html')!.text;
    expect(raw).toContain('&lt;script&gt;window.PWNED = 1; alert(&#39;script&#39;)&lt;/script&gt;');
    expect(raw).toContain('&lt;img src=https://images.invalid/x onerror=&quot;alert(&#39;onerror&#39;)&quot;&gt;');
  });

  it('shows text that looks like template syntax literally, in the body and in metadata', async () => {
    const page = pages.find((p) => p.path === 'en/template-syntax.html')!.text;
    expect(page).toContain('<h1>{{ site.url }} {% include &#39;partials/meta&#39; %}</h1>');
    expect(page).toContain('Literal {{ release.title }} and {% include &#39;partials/meta&#39; %} and {% raw %}{{ x }}{% endraw %} and {{ 7 | times: 6 }}.');
    expect(page).toContain('{{ release.title | upcase }} {% raw %}');
    expect(page).not.toContain('42');
    const json = JSON.parse(await readFile(join(run.dir, 'out/en/template-syntax.json'), 'utf8')) as { title: string; tags: string[]; location: string };
    expect(json.title).toBe("{{ site.url }} {% include 'partials/meta' %}");
    expect(json.tags).toEqual(['{{ 7 | plus: 1 }}', '{% assign x = 1 %}']);
    expect(json.location).toBe('{%- comment -%}');
  });

  it('keeps "</script>" in the title from closing the JSON-LD block', () => {
    const page = pages.find((p) => p.path === 'en/script-in-title.html')!.text;
    const block = /<script type="application\/ld\+json">([^]*?)<\/script>/.exec(page)![1]!;
    const data = JSON.parse(block) as { headline: string; alternativeHeadline: string; description: string };
    expect(data.headline).toBe("</script><script>alert('title')</script><!--");
    expect(data.alternativeHeadline).toBe('</SCRIPT ><img src=x onerror=alert(1)>');
    expect(data.description).toBe('\u2028</script>\u2029');
    expect(page).toContain('<h1>&lt;/script&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;&lt;!--</h1>');
  });

  it('never lets control or bidi characters from a release reach the terminal, with any reporter', async () => {
    expect(run.result.stdout).not.toMatch(TERMINAL_HAZARDS);
    expect(run.result.stderr).not.toMatch(TERMINAL_HAZARDS);
    for (const reporter of ['stylish', 'github', 'sarif']) {
      const result = await runMain(['validate', 'html', '--reporter', reporter, '--now', NOW], { cwd: run.dir });
      expect(result.code, reporter).toBe(1);
      expect(result.stdout, reporter).toMatch(/control-in-key|control-title/);
      expect(result.stdout, reporter).not.toMatch(TERMINAL_HAZARDS);
      expect(result.stderr, reporter).not.toMatch(TERMINAL_HAZARDS);
    }
    // The hazards are really in the sources: the assertions above are not vacuous.
    expect(await readFile(join(HOSTILE, 'html', 'control-in-key.md'), 'utf8')).toMatch(TERMINAL_HAZARDS);
  });

  it('prints no stack trace for any of it', () => {
    expect(run.result.stderr).not.toMatch(STACK_LINE);
  });

  it.skipIf(skipWithoutChromium())('runs no script and opens no dialog when a browser loads the pages', async () => {
    const browser = await launchChromium();
    try {
      // One context for every page: a page opens far faster in it than in a context of its own.
      const context = await browser.newContext();
      await context.route(/^(https?|data):/, (route) => route.abort());
      // One tab going from page to page: a new tab costs more than the page it shows. A dialog a page opens as it is left still counts, against the next.
      const page = await context.newPage();
      let dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      for (const file of (await readdir(join(run.dir, 'out/en'))).filter((f) => f.endsWith('.html'))) {
        dialogs = [];
        await page.goto(pathToFileURL(join(run.dir, 'out/en', file)).href, { waitUntil: 'load' });
        const found = await page.evaluate<{ handlers: string[]; scripts: string[]; protocols: string[]; pwned: unknown }>(`(() => {
          const handlers = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => e.tagName + ' ' + a.name));
          const scripts = [...document.scripts].map((s) => s.type);
          const protocols = [...document.querySelectorAll('a[href], img[src]')].map((e) => new URL(e.href || e.src).protocol);
          return { handlers, scripts, protocols: [...new Set(protocols)].sort(), pwned: window.PWNED };
        })()`);
        expect(dialogs, file).toEqual([]);
        expect(found.handlers, file).toEqual([]);
        expect(found.scripts, file).toEqual(['application/ld+json']);
        expect(found.pwned, file).toBeUndefined();
        for (const protocol of found.protocols) expect(['http:', 'https:', 'mailto:', 'file:'], `${file} ${protocol}`).toContain(protocol);
      }
      // The last page's own way out.
      await page.goto('about:blank');
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('a release file whose name carries terminal control characters', () => {
  it('is named with them made visible in the summary lines of build --verbose, validate --fix and serve', async () => {
    const name = 'r/draft\u001b[2J\u001b]0;owned\u0007.md';
    const dir = await fixture({ [name]: release({ title: 'A draft', status: 'draft' }, 'A zero\u200bwidth space.\n') });
    try {
      const result = await runMain(['build', 'r', '--verbose', '--now', NOW], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/ {2}skipped r\/draft.*\.md: status is draft/);
      expect(result.stdout).not.toMatch(TERMINAL_HAZARDS);
      const fixed = await runMain(['validate', 'r', '--fix', '--now', NOW], { cwd: dir });
      expect(fixed.stderr).toMatch(/Removed or replaced 1 invisible character in 1 file: r\/draft.*\.md\./);
      expect(fixed.stderr + fixed.stdout).not.toMatch(TERMINAL_HAZARDS);
      const { unlistedLines } = await import('../src/cli/commands/serve.js');
      const lines = unlistedLines([{ file: name, reason: 'draft', page: 'en/a-draft.html' }], 'http://127.0.0.1:4000/', true);
      expect(lines).toContain('http://127.0.0.1:4000/en/a-draft.html');
      expect(lines).not.toMatch(TERMINAL_HAZARDS);
    } finally {
      await removeFixture(dir);
    }
  });

  it('is quoted with them made visible when the command line takes it for an option', async () => {
    // A file name that starts with `-`, as a pre-commit hook or `xargs` passes it.
    const result = await runMain(['validate', '--reporter', 'stylish', '-\u001b]0;owned\u0007\u001b[2J.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^migration-news: unknown option '-\\u001B\]0;owned\\u0007\\u001B\[2J\.md'\n/);
    expect(result.stderr).not.toMatch(TERMINAL_HAZARDS);
    // A line break in it cannot forge a line of its own (a CI annotation); commander's own suggestion keeps its line.
    const forged = await runMain(['build', '-x\n::error file=README.md::forged']);
    expect(forged.stderr.split('\n')[0]).toBe("migration-news: unknown option '-x\\u000A::error file=README.md::forged'");
    expect(forged.stderr).not.toMatch(/^::error/m);
    expect((await runMain(['build', '--formt', 'x'])).stderr).toMatch(/^migration-news: unknown option '--formt'\n\(Did you mean --format\?\)\n/);
  });

  it('is named with them made visible in the note on an output folder that has no manifest', async () => {
    const out = 'site\u001b[41m';
    const dir = await fixture({ 'r/a.md': release(), [`${out}/robots.txt`]: 'User-agent: *\n' });
    try {
      const result = await runMain(['build', 'r', '--out', out, '--now', NOW], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/site\\u001B\[41m has no \.migration-news-manifest\.json/);
      expect(result.stdout).not.toMatch(TERMINAL_HAZARDS);
    } finally {
      await removeFixture(dir);
    }
  });
});
