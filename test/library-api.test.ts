import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative as relativePath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, build, checkRelease, loadTemplateSet, renderRelease } from '../src/index.js';
import { idleThreadCount, threadScript } from '../src/app/pool.js';
import { buildProject } from '../src/app/build.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { listTree } from './helpers/hostile.js';
import { jsonReport } from './helpers/report.js';

/**
 * The high-level library API gives what the commands give: the same
 * diagnostics as `validate`, the same pages as `build`, the same counts as
 * the build summary. Each case is compared with the CLI run on the same input.
 */

const project = useProjects();
const CONFIG = { organisation: { name: 'State Migration Service' }, site: { url: 'https://press.example.az' } };
const CONFIG_YAML = 'organisation:\n  name: State Migration Service\nsite:\n  url: https://press.example.az\n';
const TEXT = release({ location: 'Baku', summary: 'A centre opens.', tags: '[permits, Ganja]' }, 'The **Service** opened a [centre](https://example.az/centre).\n');

describe('checkRelease', () => {
  it('accepts a valid release and returns its metadata', () => {
    const checked = checkRelease(TEXT, { config: CONFIG, now: NOW, file: 'releases/centre.md' });
    expect(checked).toMatchObject({ ok: true, diagnostics: [] });
    expect(checked.release).toMatchObject({ id: 'centre', lang: 'en', slug: 'service-opens-new-residence-permit-centre', tags: ['permits', 'Ganja'] });
  });

  it('reports what validate reports, at the same places', async () => {
    const text = release({ date: '2026-13-45', status: 'live', auther: 'x' }, 'See ![](photo.jpg).\n');
    const checked = checkRelease(text, { file: 'bad.md', now: NOW });
    const cli = jsonReport(await runMain(['validate', '-', '--stdin-filename', 'bad.md', '--reporter', 'json', '--now', NOW], { input: text }));
    expect(checked.ok).toBe(false);
    expect(checked.release).toBeUndefined();
    const place = (d: { file: string; line: number; column: number; severity: string; ruleId: string }) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`;
    // Named, standard input also has its local images looked for beside that file, which checkRelease, reading nothing, does not.
    expect(cli.diagnostics.filter((d) => d.ruleId === 'content/image-file').map(place)).toEqual(['bad.md:8:5 error content/image-file']);
    expect(checked.diagnostics.map(place)).toEqual(cli.diagnostics.filter((d) => d.ruleId !== 'content/image-file').map(place));
    expect(checked.diagnostics.length).toBeGreaterThanOrEqual(3);
  });

  it('gives the hints validate gives standard input: what to do by hand, no `validate --fix`, which has no file to rewrite', async () => {
    // A tab typed in the title, and a key that starts with a no-break space: hints that offer --fix for a file.
    const text = release({ title: 'Service\topens a centre', '\u00a0location': 'Baku' });
    const dir = await project({ 'r/a.md': text });
    const onFile = jsonReport(await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    const offered = onFile.diagnostics.filter((d) => d.hint?.includes('validate --fix'));
    expect(offered.length).toBeGreaterThanOrEqual(2);
    const withoutOffer = (hint: string | null | undefined) => hint?.replace(/, or run `migration-news validate --fix`(?:, which [^.:;]*)?/, '');
    const fromStdin = jsonReport(await runMain(['validate', '-', '--reporter', 'json', '--now', NOW], { input: text }));
    const checked = checkRelease(text, { now: NOW });
    const rendered = await renderRelease(text, { now: NOW, config: CONFIG });
    for (const diagnostics of [checked.diagnostics, rendered.diagnostics]) {
      expect(diagnostics.filter((d) => d.hint?.includes('--fix'))).toEqual([]);
      expect(diagnostics.filter((d) => offered.some((o) => o.ruleId === d.ruleId)).map((d) => d.hint)).toEqual(offered.map((o) => withoutOffer(o.hint)));
      expect(diagnostics.map((d) => d.hint)).toEqual(fromStdin.diagnostics.map((d) => d.hint));
    }
  });

  it('holds bytes to the file rules, and follows the config\'s rule settings', () => {
    const bytes = checkRelease(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
    expect(bytes.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['release.md file/encoding']);
    const html = release({}, 'Opening hours: <b>09:00</b>.\n');
    expect(checkRelease(html).ok).toBe(true);
    const strict = checkRelease(html, { config: { rules: { 'content/raw-html': 'error' } } });
    expect(strict.ok).toBe(false);
    expect(strict.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['error content/raw-html']);
  });

  it('refuses options of the wrong kind with a TypeError', () => {
    expect(() => checkRelease(TEXT, { now: 'next Tuesday' })).toThrow(TypeError);
    // A moment is read as --now reads it: a time without its offset, or a date written otherwise, would be read on the
    // machine's clock, and a day the calendar does not have would roll over into the next month.
    for (const now of ['2026-06-12T05:30', '12/06/2026', 'June 12, 2026 05:30', '2026-02-30', '2026-02-31T00:00:00Z']) {
      expect(() => checkRelease(TEXT, { now }), now).toThrow(`\`now\` is not a valid moment: ${now}.`);
    }
    expect(checkRelease(TEXT, { now: '2026-06-12' }).ok).toBe(true);
    // Milliseconds past the range of a Date name no moment either: a template that shows the date would fail on it.
    expect(() => checkRelease(TEXT, { now: 1e20 })).toThrow('`now` is not a valid moment: 100000000000000000000.');
    expect(checkRelease(TEXT, { now: 8.64e15 }).ok).toBe(true);
    expect(checkRelease(TEXT, { now: '2026-06-12 05:30:00+04:00' }).ok).toBe(true);
    expect(() => checkRelease(42 as never)).toThrow("The release's text must be a string or a Uint8Array (a Buffer); it is a number (42).");
    expect(() => checkRelease(TEXT, { file: 7 as never })).toThrow('`file` must be a string; it is a number (7).');
    // Options that are no object say so, in every function, rather than fail reading the first of them.
    expect(() => checkRelease(TEXT, null as never)).toThrow('The options must be an object; they are null.');
    expect(() => checkRelease(TEXT, { config: { site: { url: 42 } } as never })).toThrow(/site\.url/);
    // A rule id the config file would be warned of is no setting at all: the rule would stay at its default without a word.
    expect(() => checkRelease(TEXT, { config: { rules: { 'content/raw-htm': 'error' } } })).toThrow('The config is not valid: rules names the unknown rule "content/raw-htm" (did you mean "content/raw-html"?).');
  });

  it('refuses a config value in the words the config file\'s problem has, with the value it likely meant', () => {
    // Before, zod's own words: `typography: must be plain or smart`, `withdrawnNotices: Invalid input: expected boolean, received string`.
    const cases: [object, string][] = [
      [{ typography: 'Smart' }, '`typography` is "Smart", but must be one of plain, smart (did you mean `smart`?)'],
      [{ rules: { 'content/raw-html': 'warn' } }, '`rules.content/raw-html` is "warn", but must be one of off, info, warning, error (did you mean `warning`?)'],
      [{ email: { from: 'Press <press@example.az>' } }, '`email.from` must be an e-mail address; it is "Press <press@example.az>" (did you mean `{ name: Press, address: press@example.az }`?)'],
      [{ withdrawnNotices: 'yes' }, '`withdrawnNotices` must be true or false, but it is text'],
      [{ organisation: {} }, '`organisation` is missing the required field `name`'],
    ];
    for (const [config, problem] of cases) expect(() => checkRelease(TEXT, { config } as never)).toThrow(new TypeError(`The config is not valid: ${problem}.`));
  });

  it('refuses a config key that is no setting, which the config file is warned of, naming the setting it likely meant', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'timeZone: Asia/Baku\n', 'r/a.md': TEXT });
    const cli = jsonReport(await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(cli.diagnostics.map((d) => `${d.ruleId} ${d.hint}`)).toEqual(['schema/unknown-key Did you mean `timezone`?']);
    expect(() => checkRelease(TEXT, { config: { timeZone: 'Asia/Baku' } as never })).toThrow(new TypeError('The config is not valid: timeZone is no setting (did you mean `timezone`?).'));
    // Nested keys too, and before what their misspelling left missing; in renderRelease as in checkRelease.
    await expect(renderRelease(TEXT, { config: { organisation: { nmae: 'Service' } } as never })).rejects.toThrow(new TypeError('The config is not valid: organisation.nmae is no setting (did you mean `name`?); `organisation` is missing the required field `name`.'));
    expect(() => checkRelease(TEXT, { config: { contacts: [{ name: 'Press', emial: 'press@example.az' }] } as never })).toThrow('contacts[0].emial is no setting (did you mean `email`?)');
    expect(() => checkRelease(TEXT, { config: { site: { url: 'https://press.example.az', titel: 'News' } } as never })).toThrow(/site\.titel is no setting \(the settings there: url, name, /);
    expect(checkRelease(TEXT, { config: CONFIG }).ok).toBe(true);
  });

  it('refuses to turn off or weaken a rule that always stays an error, which the config file is warned of', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'rules:\n  yaml/syntax: off\n', 'r/a.md': TEXT });
    const cli = jsonReport(await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(cli.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['warning config/rule-fixed']);
    expect(() => checkRelease(TEXT, { config: { rules: { 'yaml/syntax': 'off' } } })).toThrow(new TypeError('The config is not valid: rules sets "yaml/syntax" to off, but it reports a problem that stops a release from being built and always stays an error.'));
    await expect(renderRelease(TEXT, { config: { rules: { 'yaml/syntax': 'warning' } } })).rejects.toThrow(TypeError);
    expect(checkRelease(TEXT, { config: { rules: { 'yaml/syntax': 'error', 'content/raw-html': 'off' } } }).ok).toBe(true);
  });
});

describe('renderRelease', () => {
  it('renders every format exactly as build writes it', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG_YAML, 'r/centre.md': TEXT });
    const built = await runMain(['build', 'r', '--format', 'html,text,json,ninjs', '--now', NOW], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const templates = await loadTemplateSet('default');
    if (!templates.ok) throw new Error('the default set does not load');
    for (const format of ['html', 'text', 'json', 'ninjs'] as const) {
      const page = await renderRelease(TEXT, { format, templates: templates.set, config: CONFIG, now: NOW, file: 'r/centre.md' });
      if (!page.ok) throw new Error(JSON.stringify(page.diagnostics));
      expect(page.output, format).toBe(await readFile(join(dir, 'dist', page.path), 'utf8'));
    }
  });

  it('renders a release not public at now as a build of it alone writes it: its tags and language link to no listing', async () => {
    const embargoed = TEXT.replace('status: published', 'status: approved\nembargo: 2026-12-01T09:00:00+04:00');
    const dir = await project({ 'migration-news.config.yaml': CONFIG_YAML, 'r/centre.md': embargoed });
    const built = await runMain(['build', 'r', '--embargoed', '--format', 'html,json', '--now', NOW], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    for (const format of ['html', 'json'] as const) {
      const page = await renderRelease(embargoed, { format, config: CONFIG, now: NOW, file: 'r/centre.md' });
      if (!page.ok) throw new Error(JSON.stringify(page.diagnostics));
      expect(page.output, format).toBe(await readFile(join(dir, 'dist', page.path), 'utf8'));
      expect(page.output, format).not.toContain('tags/');
    }
  });

  it('renders drafts and embargoed releases for a preview, and says whether a build would publish them', async () => {
    const embargoed = release({ embargo: '2026-12-01T09:00:00+04:00' });
    const before = await renderRelease(embargoed, { now: NOW, format: 'text' });
    expect(before).toMatchObject({ ok: true, path: 'en/service-opens-new-residence-permit-centre.txt', publication: { public: false, reason: 'embargoed' } });
    const after = await renderRelease(embargoed, { now: new Date('2026-12-01T05:00:00Z'), format: 'text' });
    expect(after).toMatchObject({ ok: true, publication: { public: true } });
    const draft = await renderRelease(release({ status: 'draft' }), { now: NOW, templates: 'email' });
    expect(draft).toMatchObject({ ok: true, publication: { public: false, reason: 'draft' } });
  });

  it('reports a language the set has no labels for, which checkRelease, using no set, does not', async () => {
    const turkish = release({ lang: 'tr', location: 'Bakü' });
    const config = { ...CONFIG, languages: ['tr', 'en'] };
    expect(checkRelease(turkish, { config, now: NOW }).ok).toBe(true);
    const page = await renderRelease(turkish, { config, now: NOW });
    expect(page.ok).toBe(false);
    expect(page.diagnostics.map((d) => d.ruleId)).toContain('template/labels');
  });

  it('finds a set named by the config\'s templates folder, as build with that config does', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG_YAML}templates: sets\n`,
      'sets/brand/template.yaml': 'extends: default\n',
      'sets/brand/partials/about.liquid': '<p class="brand-about">About us</p>\n',
      'r/centre.md': TEXT,
    });
    const built = await runMain(['build', 'r', '--template', 'brand', '--now', NOW], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    // The object has no file to be relative to: its folder is relative to the project's, `cwd`, here one without a config file.
    const bare = await project({ 'sets/brand/template.yaml': 'extends: default\n', 'sets/brand/partials/about.liquid': '<p class="brand-about">About us</p>\n' });
    const page = await renderRelease(TEXT, { templates: 'brand', config: { ...CONFIG, templates: 'sets' }, cwd: bare, now: NOW, file: 'r/centre.md' });
    if (!page.ok) throw new Error(JSON.stringify(page.diagnostics));
    expect(page.output).toContain('<p class="brand-about">About us</p>');
    expect(page.output).toBe(await readFile(join(dir, 'dist', page.path), 'utf8'));
    // A folder that is not there is named as the config's, relative to `cwd`: there is no config file to name, or to be relative to.
    const missing = await renderRelease(TEXT, { templates: 'brand', config: { templates: 'stes' }, cwd: bare }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UsageError);
    expect((missing as UsageError).message).toMatch(/ `templates` in the config names stes, which does not exist, so no set is found there\.$/);
    expect((missing as UsageError).hint).toBe('Correct the path in `templates` (it is relative to the working folder), or make the folder.');
  });

  it('returns the diagnostics of a release with errors; a set that does not exist is a UsageError, as in build', async () => {
    const broken = await renderRelease(release({ date: 'soon' }), { now: NOW });
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map((d) => d.ruleId)).toEqual(['schema/format']);
    const missing = await renderRelease(TEXT, { templates: 'nonesuch' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UsageError);
    expect((missing as UsageError).message).toMatch(/^There is no template set named "nonesuch"/);
    expect((missing as UsageError).hint).toBeDefined();
    await expect(renderRelease(TEXT, { format: 'pdf' as never })).rejects.toThrow(TypeError);
    // `null` is no format, as it is no value of any other option: said as they say it.
    await expect(renderRelease(TEXT, { format: null as never })).rejects.toThrow('`format` must be one of "html", "text", "json", "ninjs"; it is null.');
    await expect(renderRelease(TEXT, { format: 'pdf' as never })).rejects.toThrow('`format` must be one of "html", "text", "json", "ninjs"; it is a string ("pdf").');
    // A set that is not one, such as the whole result of loadTemplateSet, is a TypeError that says so, not an error from inside.
    const loaded = await loadTemplateSet('default');
    await expect(renderRelease(TEXT, { templates: loaded as never })).rejects.toThrow("`templates` must be a template set that `loadTemplateSet` loaded, or a set's name; it is an object (the result of `loadTemplateSet`: give its `set`).");
    await expect(renderRelease(TEXT, { templates: null as never })).rejects.toThrow('`templates` must be a string; it is null.');
    // A set named empty (`templates: process.env.SET ?? 'default'` with SET set empty) would be the working folder read as a set.
    const dir = await project({ 'r/centre.md': TEXT });
    for (const templates of ['', ' ']) await expect(renderRelease(TEXT, { templates, cwd: dir })).rejects.toThrow(new TypeError(`\`templates\` must name a template set; it is a string (${JSON.stringify(templates)}).`));
    await expect(renderRelease(TEXT, 'html' as never)).rejects.toThrow('The options must be an object; they are a string ("html").');
    // Text of the wrong kind is a TypeError that says what was given, not an error from inside.
    await expect(renderRelease(42 as never)).rejects.toThrow("The release's text must be a string or a Uint8Array (a Buffer); it is a number (42).");
  });
});

describe('loadTemplateSet', () => {
  it('finds a project\'s own set, which extends a built-in one, as --template does', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG_YAML,
      'templates/brand/template.yaml': 'extends: default\n',
      'templates/brand/partials/about.liquid': '<p class="brand-about">About us</p>\n',
    });
    const loaded = await loadTemplateSet('brand', { cwd: dir });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const page = await renderRelease(TEXT, { templates: loaded.set, config: CONFIG, now: NOW });
    expect(page.ok && page.output).toContain('<p class="brand-about">About us</p>');
    expect(page.ok && page.output).toContain('<article class="release">');
    // A working folder given relative to the process's is the same project, with a config file or without one.
    const bare = await project({ 'templates/brand/template.yaml': 'extends: default\n', 'templates/brand/partials/about.liquid': '<p>About us</p>\n' });
    for (const folder of [dir, bare]) {
      const relative = await loadTemplateSet('brand', { cwd: relativePath(process.cwd(), folder) });
      expect(relative.ok ? relative.set.ownFolder : relative.diagnostics[0]?.message, folder).toBe('templates/brand');
    }
    const cycle = await project({ 'templates/a/template.yaml': 'extends: b\n', 'templates/b/template.yaml': 'extends: a\n' });
    const broken = await loadTemplateSet('a', { cwd: cycle });
    expect(broken.ok).toBe(false);
  });

  it('returns the set\'s warnings, as build reports them, and renderRelease reports them for a set it loads by name', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG_YAML,
      'templates/brand/template.yaml': 'extends: default\n',
      'templates/brand/partials/about.liquid': '<p>About us</p>\n',
      'templates/brand/styles.css': 'p { color: red }\n',
      'r/centre.md': TEXT,
    });
    const cli = jsonReport(await runMain(['build', 'r', '--template', 'brand', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    const place = (d: { file: string; severity: string; ruleId: string }) => `${d.file} ${d.severity} ${d.ruleId}`;
    expect(cli.diagnostics.map(place)).toEqual(['templates/brand/styles.css warning template/unused-file']);
    const loaded = await loadTemplateSet('brand', { cwd: dir });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.diagnostics.map(place)).toEqual(cli.diagnostics.map(place));
    const page = await renderRelease(TEXT, { templates: 'brand', config: CONFIG, cwd: dir, now: NOW });
    expect(page.ok && page.diagnostics.map(place)).toEqual(cli.diagnostics.map(place));
    // At the severity the config gives the rule, or not at all.
    const quiet = await renderRelease(TEXT, { templates: 'brand', config: { ...CONFIG, rules: { 'template/unused-file': 'off' } }, cwd: dir, now: NOW });
    expect(quiet.diagnostics).toEqual([]);
  });

  it('refuses arguments of the wrong kind with a TypeError that says what was given', async () => {
    await expect(loadTemplateSet(42 as never)).rejects.toThrow('The template set must be named by a string, its name or folder; it is a number (42).');
    await expect(loadTemplateSet('default', { cwd: 5 as never })).rejects.toThrow('`cwd` must be a string; it is a number (5).');
    await expect(loadTemplateSet('default', { configFile: ['a.yaml'] as never })).rejects.toThrow('`configFile` must be a string; it is an array.');
    await expect(loadTemplateSet('default', { configFile: '' })).rejects.toThrow('`configFile` must name a file; it is a string ("").');
    await expect(loadTemplateSet('default', null as never)).rejects.toThrow('The options must be an object; they are null.');
    // An empty name would be the working folder, read as a set: the whole project.
    const dir = await project({ 'r/centre.md': TEXT });
    await expect(loadTemplateSet('', { cwd: dir })).rejects.toThrow(new TypeError('The template set must be named by its name or folder; it is a string ("").'));
  });
});

describe('build', () => {
  it('returns what the CLI reports in its summary', async () => {
    const files = {
      'migration-news.config.yaml': CONFIG_YAML,
      'r/centre.md': TEXT,
      'r/draft.md': release({ title: 'A draft', status: 'draft' }),
      'r/broken.md': release({ title: 'Broken', date: 'soon' }),
    };
    const dir = await project(files);
    const result = await build({ cwd: dir, paths: ['r'], out: 'site', now: NOW, keepGoing: true });
    expect(result).toMatchObject({ fileCount: 3, built: 1, failed: 1, committed: true, skipped: [{ file: 'r/draft.md', reason: 'draft' }] });
    expect(await listTree(join(dir, 'site'))).toHaveLength(result.written);
    expect(result.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['r/broken.md schema/format']);
    const cli = await runMain(['build', 'r', '--out', 'site', '--keep-going', '--now', NOW], { cwd: await project(files) });
    expect(cli.stderr + cli.stdout).toContain(`Built 1 release, skipped 1 (1 not approved, 0 embargoed), failed 1. Wrote ${result.written} files to site.`);
  });

  it('refuses options of the wrong kind with a TypeError, before anything is read or written', async () => {
    const dir = await project({ 'r/centre.md': TEXT });
    const cases: [Record<string, unknown>, string][] = [
      [{ mode: 'preview' }, '`mode` must be one of "public", "embargoed", "drafts"; it is a string ("preview").'],
      [{ paths: 'r' }, '`paths` must be a list of strings; it is a string ("r").'],
      [{ formats: ['html', 'pdf'] }, '`formats` must be a list of "html", "text", "json", "ninjs", "eml"; it is an array ("html", "pdf").'],
      [{ out: 3 }, '`out` must be a string; it is a number (3).'],
      [{ keepGoing: 'yes' }, '`keepGoing` must be true or false; it is a string ("yes").'],
      [{ force: 1 }, '`force` must be true or false; it is a number (1).'],
      [{ formats: [] }, '`formats` must name at least one of "html", "text", "json", "ninjs", "eml"; it is an empty list.'],
      // Empty names, refused as --out '' and --config '' are: the working folder, or the config found by searching, without a word.
      [{ out: '' }, '`out` must name a folder; it is a string ("").'],
      [{ configFile: ' ' }, '`configFile` must name a file; it is a string (" ").'],
      // The working folder read as a template set, or a build's default set left for an empty name.
      [{ template: '' }, '`template` must name a template set; it is a string ("").'],
      [{ jobs: 0 }, '`jobs` must be a whole number of threads from 1 to 256; it is a number (0).'],
      [{ jobs: 1.5 }, '`jobs` must be a whole number of threads from 1 to 256; it is a number (1.5).'],
      [{ jobs: '2' }, '`jobs` must be a whole number of threads from 1 to 256; it is a string ("2").'],
      [{ jobs: 257 }, '`jobs` must be a whole number of threads from 1 to 256; it is a number (257).'],
      [{ keepThreads: 'yes' }, '`keepThreads` must be true or false; it is a string ("yes").'],
      [{ cacheDir: '' }, '`cacheDir` must name a folder; it is a string ("").'],
    ];
    for (const [options, message] of cases) await expect(build({ cwd: dir, paths: ['r'], now: NOW, ...options } as never)).rejects.toThrow(message);
    await expect(build(null as never)).rejects.toThrow('The options must be an object; they are null.');
    expect(await listTree(dir)).toEqual(['r/centre.md']);
  });

  it('refuses a misspelt option or value with the one it likely meant, as the command line does, before anything is written', async () => {
    const dir = await project({ 'r/centre.md': TEXT });
    // Before, an unknown option was passed over: `outDir` built into `dist`, `keepgoing` stayed false, `fromat` rendered HTML.
    await expect(build({ cwd: dir, paths: ['r'], now: NOW, outDir: 'site', keepgoing: true } as never)).rejects.toThrow(new TypeError(
      '`outDir` is no option (did you mean `out`?); `keepgoing` is no option (did you mean `keepGoing`?). The options are `paths`, `cwd`, `out`, `formats`, `template`, `mode`, `keepGoing`, `force`, `configFile`, `now`, `jobs`, `keepThreads`, `cacheDir`.',
    ));
    expect(await listTree(dir)).toEqual(['r/centre.md']);
    expect(() => checkRelease(TEXT, { confg: CONFIG } as never)).toThrow(new TypeError('`confg` is no option (did you mean `config`?). The options are `config`, `now`, `file`.'));
    await expect(renderRelease(TEXT, { fromat: 'text' } as never)).rejects.toThrow('`fromat` is no option (did you mean `format`?).');
    await expect(loadTemplateSet('default', { CWD: dir } as never)).rejects.toThrow('`CWD` is no option (did you mean `cwd`?).');
    await expect(build({ cwd: dir, cacheDirectory: 'cache' } as never)).rejects.toThrow('`cacheDirectory` is no option (did you mean `cacheDir`?).');
    // A value of a few: the one meant, as `--format txt` gets on the command line.
    await expect(renderRelease(TEXT, { format: 'txt' } as never)).rejects.toThrow('`format` must be one of "html", "text", "json", "ninjs"; it is a string ("txt") (did you mean `text`?).');
    await expect(build({ cwd: dir, mode: 'draft' } as never)).rejects.toThrow('`mode` must be one of "public", "embargoed", "drafts"; it is a string ("draft") (did you mean `drafts`?).');
    await expect(build({ cwd: dir, formats: ['html', 'emal'] } as never)).rejects.toThrow('it is an array ("html", "emal") (for "emal", did you mean `eml`?).');
  });

  it('keeps the record that makes the next build incremental in cacheDir, relative to cwd, as the command keeps it in the user\'s cache folder', async () => {
    const dir = await project({ 'r/centre.md': TEXT, 'r/other.md': release({ title: 'Another release' }) });
    const first = await build({ cwd: dir, paths: ['r'], out: 'site', now: NOW, cacheDir: 'cache' });
    expect(first).toMatchObject({ rendered: 2, upToDate: 0 });
    expect((await listTree(join(dir, 'cache'))).length).toBeGreaterThan(0);
    await writeFile(join(dir, 'r/other.md'), release({ title: 'Another release, corrected' }));
    expect(await build({ cwd: dir, paths: ['r'], out: 'site', now: NOW, cacheDir: 'cache' })).toMatchObject({ rendered: 1, upToDate: 1 });
    // Without it, nothing is recorded, and every build renders everything.
    expect(await build({ cwd: dir, paths: ['r'], out: 'plain', now: NOW })).toMatchObject({ rendered: 2 });
    expect(await build({ cwd: dir, paths: ['r'], out: 'plain', now: NOW })).toMatchObject({ rendered: 2, upToDate: 0 });
  });

  it('builds on as many threads as jobs allows, and leaves them waiting for the next build with keepThreads', async () => {
    // Threads asked for (`jobs`) start from 400 releases (200 for each); JSON alone, to keep the builds short.
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`r/r-${i}.md`] = release({ title: `Release number ${i}` }, 'Text.\n');
    const dir = await project(files);
    const once = { cwd: dir, paths: ['r'], formats: ['json'] as const, now: NOW, keepThreads: true };
    const script = threadScript();
    const waiting = Math.min(2, availableParallelism());
    /** A one-shot build on every core takes the threads waiting, and stops them once done (test/parallel-build.test.ts), as build() does without keepThreads. */
    const drain = (out: string) => buildProject({ cwd: dir, paths: ['r/r-1.md', 'r/r-2.md'], out, formats: ['json'], template: 'default', mode: 'public', keepGoing: false, now: Date.parse(NOW), jobs: Math.max(2, availableParallelism()), minReleasesPerThread: 1 });
    // Threads an earlier test file left waiting would be counted with this build's; with none waiting, a drain would only start two.
    if (idleThreadCount(script) > 0) await drain('drained-before');
    expect(idleThreadCount(script)).toBe(0);
    try {
      expect(await build({ ...once, out: 'kept', jobs: 2 })).toMatchObject({ built: 400, threads: 2 });
      expect(idleThreadCount(script)).toBe(waiting);
      expect(await build({ ...once, out: 'one', jobs: 1 })).toMatchObject({ built: 400, threads: 0 });
      expect(idleThreadCount(script)).toBe(waiting);
    } finally {
      await drain('drained');
    }
    expect(idleThreadCount(script)).toBe(0);
  });

  it('builds e-mail messages, as --format eml does', async () => {
    const files = { 'migration-news.config.yaml': `${CONFIG_YAML}email:\n  from: press@migration.example.az\n`, 'r/centre.md': TEXT };
    const dir = await project(files);
    const result = await build({ cwd: dir, paths: ['r'], out: 'site', formats: ['html', 'eml'], now: NOW });
    expect(result.diagnostics).toEqual([]);
    const cli = await project(files);
    const built = await runMain(['build', 'r', '--out', 'site', '--format', 'html,eml', '--now', NOW], { cwd: cli });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(await listTree(join(dir, 'site'))).toEqual(await listTree(join(cli, 'site')));
    expect(result.writtenFiles).toContain('en/service-opens-new-residence-permit-centre.eml');
  });

  it('builds with a project\'s own set from a working folder given relative to the process\'s', async () => {
    const dir = await project({ 'r/centre.md': TEXT, 'templates/brand/template.yaml': 'extends: default\n', 'templates/brand/partials/about.liquid': '<p class="brand-about">About us</p>\n' });
    const result = await build({ cwd: relativePath(process.cwd(), dir), paths: ['r'], out: 'site', template: 'brand', formats: ['html'], now: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(await readFile(join(dir, 'site/en/service-opens-new-residence-permit-centre.html'), 'utf8')).toContain('<p class="brand-about">About us</p>');
  });

  it('builds a format named twice once, as --format html,html does', async () => {
    const dir = await project({ 'r/centre.md': TEXT });
    const result = await build({ cwd: dir, paths: ['r'], out: 'site', formats: ['text', 'text'], now: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.writtenFiles).toContain('en/service-opens-new-residence-permit-centre.txt');
  });

  it('writes a preview into a folder a public build wrote only when forced, as --force does', async () => {
    const dir = await project({ 'r/centre.md': TEXT, 'r/draft.md': release({ title: 'A draft', status: 'draft' }) });
    expect((await build({ cwd: dir, paths: ['r'], out: 'site', now: NOW })).built).toBe(1);
    const refused = await build({ cwd: dir, paths: ['r'], out: 'site', mode: 'drafts', now: NOW }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).hint).toMatch(/--force/);
    const forced = await build({ cwd: dir, paths: ['r'], out: 'site', mode: 'drafts', force: true, now: NOW });
    expect(forced).toMatchObject({ built: 2, committed: true });
  });

  it('throws a UsageError with a hint for a build that cannot be carried out', async () => {
    const dir = await project({ 'r/centre.md': TEXT });
    const error = await build({ cwd: dir, paths: ['r'], out: 'r/site' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).hint).toMatch(/--out/);
  });

  it('refuses a working folder that is not there, which a build would make and the others search in vain', async () => {
    const dir = await project({ 'r/centre.md': TEXT, 'templates/default/template.yaml': 'extends: default\n', 'templates/default/partials/about.liquid': '<p class="own">Ours</p>\n' });
    const missing = join(dir, 'projcet');
    const calls = [
      () => build({ cwd: missing, paths: [join(dir, 'r')], out: 'site', now: NOW }),
      () => renderRelease(TEXT, { cwd: missing, now: NOW }),
      () => loadTemplateSet('default', { cwd: missing }),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(`The working folder ${missing} does not exist.`);
    }
    const file = await build({ cwd: join(dir, 'r/centre.md'), paths: [join(dir, 'r')], out: 'site', now: NOW }).catch((e: unknown) => e);
    expect((file as UsageError).message).toBe(`The working folder ${join(dir, 'r/centre.md')} is a file, not a folder.`);
    // Nothing was made, and the project's own default set is what its folder renders with.
    expect(await listTree(dir)).toEqual(['r/centre.md', 'templates/default/partials/about.liquid', 'templates/default/template.yaml']);
    const page = await renderRelease(TEXT, { cwd: dir, now: NOW });
    expect(page.ok && page.output).toContain('<p class="own">Ours</p>');
  });
});
