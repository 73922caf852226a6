import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLES, NOW, ROOT, release, runMain, useProjects } from './helpers/cli.js';
import { jsonReport, type JsonReport } from './helpers/report.js';
import { isSiteFile } from './helpers/site-files.js';

/** Template sets as a user meets them: swapping, overriding, ejecting, checking, and the errors and limits. */

const CONFIG = [
  'organisation:\n  name: State Migration Service',
  'site:\n  url: https://press.example.az',
  'contacts:\n  - name: Press Office\n    email: press@migration.example.az\n    phone: "+994 12 555 01 00"',
  'about:\n  en: The Service implements migration policy.',
  '',
].join('\n');

const BUILTIN = join(ROOT, 'templates');

const projects = useProjects();
/** A project with a config and one release in r/, plus the given files. */
const project = (files: Record<string, string>) =>
  projects({ 'migration-news.config.yaml': CONFIG, 'r/a.md': release({ location: 'Baku', summary: 'A summary.' }, 'The **Service** opened a centre.\n'), ...files });

async function outputs(dir: string, out = 'dist'): Promise<Record<string, string>> {
  // The site's own pages are tested in site.test.ts; these tests are about each release's files.
  const files = (await readdir(join(dir, out), { recursive: true }).catch(() => [] as string[])).filter((f) => f.includes('.') && !isSiteFile(f));
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f.split('\\').join('/'), await readFile(join(dir, out, f), 'utf8')] as const)));
}

async function build(dir: string, args: string[] = []) {
  const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json', ...args], { cwd: dir });
  // A usage error (exit 2) prints no report.
  const report: Pick<JsonReport, 'diagnostics'> = result.code === 2 ? { diagnostics: [] } : jsonReport(result);
  return { ...result, report, files: await outputs(dir) };
}

/** No user mistake may show the tool's own insides. */
function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
  expect(text).not.toMatch(/node_modules|liquidjs\/dist/);
}

describe('swapping template sets', () => {
  it('takes one overridden partial from a third-party set in its own folder and everything else from default', async () => {
    const dir = await project({
      'brand/template.yaml': 'name: brand\ndescription: Our look\nextends: default\n',
      'brand/partials/contacts.liquid': '<section class="brand-contacts" aria-label="{{ labels.contacts }}">{% for c in release.contacts %}<p>{{ c.name }} · {{ c.email }}</p>{% endfor %}</section>\n',
    });
    const branded = await build(dir, ['--template', './brand']);
    expect(branded.code, branded.stderr).toBe(0);
    const html = branded.files['en/service-opens-new-residence-permit-centre.html']!;
    expect(html).toContain('<section class="brand-contacts" aria-label="Media contacts"><p>Press Office · press@migration.example.az</p></section>');
    expect(html).not.toContain('id="contacts-heading"');
    // Everything else is the default set's.
    expect(html).toContain('<article class="release">');
    expect(html).toContain('<script type="application/ld+json">');
    expect(html).toContain('<h2 id="about-heading">');

    const plain = await runMain(['build', 'r', '--now', NOW, '--out', 'plain'], { cwd: dir });
    expect(plain.code).toBe(0);
    const original = await outputs(dir, 'plain');
    expect(branded.files['en/service-opens-new-residence-permit-centre.txt']).toBe(original['en/service-opens-new-residence-permit-centre.txt']);
    expect(branded.files['en/service-opens-new-residence-permit-centre.json']).toBe(original['en/service-opens-new-residence-permit-centre.json']);
    expect(original['en/service-opens-new-residence-permit-centre.html']).toContain('id="contacts-heading"');
  });

  it('overrides a partial of default with one file at the same path in the project\'s templates folder', async () => {
    const dir = await project({ 'templates/default/partials/contacts.liquid': '<p class="one-file">{{ release.contacts.size }} contact</p>\n' });
    const result = await build(dir);
    expect(result.code, result.stderr).toBe(0);
    const html = result.files['en/service-opens-new-residence-permit-centre.html']!;
    expect(html).toContain('<p class="one-file">1 contact</p>');
    expect(html).toContain('<article class="release">');
  });

  it('looks in the project\'s templates folder first, then the config\'s folder, then the built-in sets', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}templates: shared-sets\n`,
      'shared-sets/house/template.yaml': 'extends: default\n',
      'shared-sets/house/partials/about.liquid': '<p>about from the config folder</p>\n',
      'shared-sets/house/partials/tags.liquid': '<p>tags from the config folder</p>\n',
      'templates/house/partials/about.liquid': '<p>about from the project</p>\n',
    });
    const result = await build(dir, ['--template', 'house']);
    expect(result.code, result.stderr).toBe(0);
    const html = result.files['en/service-opens-new-residence-permit-centre.html']!;
    expect(html).toContain('<p>about from the project</p>');
    expect(html).not.toContain('about from the config folder');
    expect(html).toContain('<p>tags from the config folder</p>');
    expect(html).toContain('<article class="release">');

    const list = await runMain(['templates', 'list', '--template', 'house'], { cwd: dir });
    expect(list.code, list.stderr).toBe(0);
    const order = ['templates/house', 'shared-sets/house', `${join(BUILTIN, 'default')}`].map((p) => list.stdout.indexOf(p));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(list.stdout).toMatch(/partials\/about\.liquid\s+templates\/house\/partials\/about\.liquid/);
    expect(list.stdout).toMatch(/partials\/tags\.liquid\s+shared-sets\/house\/partials\/tags\.liquid/);
    expect(list.stdout).toContain(`release.html.liquid`);
    // A file of a built-in set by its place in the package, as diagnostics name it; the set's folder above says where that is.
    expect(list.stdout).toMatch(/release\.html\.liquid\s+migration-news:templates\/default\/release\.html\.liquid$/m);
  });

  it('builds the examples with the email set, which extends default', async () => {
    const dir = await projects({});
    const result = await runMain(['build', EXAMPLES, '--template', 'email', '--out', join(dir, 'out'), '--now', NOW, '--format', 'html,text']);
    expect(result.code, result.stderr).toBe(0);
    const files = await outputs(dir, 'out');
    const html = Object.entries(files).filter(([f]) => f.endsWith('.html'));
    expect(html.length).toBeGreaterThan(0);
    for (const [file, page] of html) {
      expect(page, file).toContain('role="presentation"');
      expect(page, file).not.toMatch(/<script|<link /);
    }
  });

  it('names the project\'s sets folder when the set is in a templates folder of the working folder that is not the project\'s', async () => {
    // The config file is in the releases' folder, so its templates folder is the project's; the set was made beside it.
    const dir = await project({ 'r/migration-news.config.yaml': 'organisation:\n  name: Press office\n', 'templates/mine/template.yaml': 'extends: default\n' });
    const result = await runMain(['build', 'r', '--template', 'mine', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no template set named "mine" (no folder r/templates/mine, and no built-in set of that name).');
    expect(result.stderr).toContain("hint: The folder templates/mine is not one of this project's sets, which are in r/templates (beside its config file): move it there, or name it as a folder, `--template ./templates/mine`.");
    expect((await runMain(['build', 'r', '--template', './templates/mine', '--now', NOW], { cwd: dir })).code).toBe(0);
  });

  it('reports a set that does not exist as a usage error, and an extends cycle with the set\'s file', async () => {
    const dir = await project({
      'templates/a/template.yaml': 'extends: b\n',
      'templates/b/template.yaml': 'extends: a\n',
    });
    const missing = await build(dir, ['--template', 'nonesuch']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no template set named "nonesuch" (no folder templates/nonesuch, and no built-in set of that name).');
    expect(missing.stderr).toContain('hint: The built-in sets are default and email;');
    // A near name is offered, the project's sets among them.
    expect((await build(dir, ['--template', 'emial'])).stderr).toContain('hint: Did you mean email?');
    expect((await build(dir, ['--template', 'aa'])).stderr).toContain('hint: Did you mean a?');
    const cycle = await runMain(['templates', 'check', 'a', 'r', '--now', NOW], { cwd: dir });
    expect(cycle.code).toBe(1);
    expect(cycle.stdout).toContain('templates/b/template.yaml');
    expect(cycle.stdout).toMatch(/extends "a", which extends it in turn: a → b → a/);
    expectNoStackTrace(cycle.stdout + cycle.stderr);
  });

  it('names the set past the limit of sets extending each other by its path in the project', async () => {
    const dir = await project(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`templates/s${i}/template.yaml`, `extends: ${i < 9 ? `s${i + 1}` : 'default'}\n`])));
    const result = await runMain(['validate', 'r', '--template', 's0', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(jsonReport(result).diagnostics.map((d) => `${d.file} ${d.ruleId} ${d.message}`)).toEqual([
      'templates/s8 template/manifest Template sets extend each other more than 8 levels deep: s0 → s1 → s2 → s3 → s4 → s5 → s6 → s7.',
    ]);
  });
});

describe('a set\'s template.yaml', () => {
  it('has four fields: a misspelt one, an unknown format or a set that is not there is an error at its place, with the name meant', async () => {
    const cases: [string, [number, number], RegExp, string][] = [
      ['name: house\nextend: default\n', [2, 1], /^`extend` is not a field of template\.yaml\.$/, 'Did you mean `extends`?'],
      ['format: [html]\nextends: default\n', [1, 1], /^`format` is not a field of template\.yaml\.$/, 'Did you mean `formats`?'],
      ['formats: [html, txt]\nextends: default\n', [1, 17], /"txt" is none of them\.$/, 'Did you mean text?'],
      ['formats: html\nextends: default\n', [1, 10], /^`formats` must be a list/, 'Write a list: `formats: [html]`.'],
      ['name: house\nextends: defualt\n', [2, 10], /^The template set "house" extends "defualt", which cannot be found\.$/, 'Did you mean default? Run `migration-news templates list` to see the sets.'],
      ['author: Press Office\n', [1, 1], /^`author` is not a field of template\.yaml\.$/, 'A set\'s template.yaml has the fields name, description, formats, extends.'],
      // A release's example field is no template.yaml's.
      ['- extends: default\n', [1, 1], /^The file is a list, not a mapping of fields\.$/, 'Write one `field: value` per line.'],
    ];
    for (const [manifest, [line, column], message, hint] of cases) {
      const result = await build(await project({ 'templates/house/template.yaml': manifest }), ['--template', 'house']);
      expect(result.code, manifest).toBe(1);
      expect(result.report.diagnostics, manifest).toEqual([expect.objectContaining({ file: 'templates/house/template.yaml', line, column, ruleId: expect.stringMatching(/^template\/manifest$|^frontmatter\/not-a-mapping$/), message: expect.stringMatching(message), hint })]);
      expect(result.files, manifest).toEqual({});
    }
  });
});

describe('a set\'s template.yaml with several formats it has not', () => {
  it('has each told at its place, not only the first', async () => {
    const result = await build(await project({ 'templates/house/template.yaml': 'formats: [html, txt, pdf]\nextends: default\n' }), ['--template', 'house']);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics.map((d) => [d.line, d.column, d.message, d.hint])).toEqual([
      [1, 17, '`formats` must be a list of html, text, json, ninjs; "txt" is none of them.', 'Did you mean text?'],
      [1, 22, '`formats` must be a list of html, text, json, ninjs; "pdf" is none of them.', null],
    ]);
  });
});

describe('a problem in a set\'s template.yaml, in the default report', () => {
  it('shows the line of template.yaml with a caret under the place, as for a release or the config file', async () => {
    const cases: [string, string[]][] = [
      ['name: house\r\nextend: default\r\n', ['    2 | extend: default', '      | ^^^^^^']],
      ['name: house\nextends: defualt\n', ['    2 | extends: defualt', '      |          ^^^^^^^']],
      ['name: house\nformats: [html, txt]\nextends: default\n', ['    2 | formats: [html, txt]', '      |                 ^^^']],
    ];
    for (const [manifest, frame] of cases) {
      const dir = await project({ 'templates/house/template.yaml': manifest });
      const result = await runMain(['build', 'r', '--template', 'house', '--now', NOW], { cwd: dir });
      expect(result.code, manifest).toBe(1);
      const lines = result.stdout.split('\n');
      const at = lines.findIndex((line) => /template\/manifest$/.test(line));
      expect(lines.slice(at + 2, at + 4), manifest).toEqual(frame);
    }
  });
});

describe('files of a set that no build reads', () => {
  it('are each a warning with the file meant, only for the set\'s own folders, and the config can turn them off', async () => {
    const dir = await project({
      'templates/default/release.text.liquid': 'Plain\n',
      'templates/default/partial/contacts.liquid': '<p>{{ labels.contacts }}</p>\n',
      'templates/default/partials/tags.html': '<p>tags</p>\n',
      'templates/default/README.md': 'Our set.\n',
    });
    const built = await build(dir);
    expect(built.code, built.stdout).toBe(0);
    expect(built.report.diagnostics.map((d) => [d.file, d.severity, d.ruleId, d.hint])).toEqual([
      ['templates/default/partial/contacts.liquid', 'warning', 'template/unused-file', 'Did you mean partials/contacts.liquid? A file of that name takes the place of the one of the set it extends.'],
      ['templates/default/partials/tags.html', 'warning', 'template/unused-file', 'Did you mean partials/tags.liquid?'],
      ['templates/default/release.text.liquid', 'warning', 'template/unused-file', 'Did you mean release.txt.liquid? A file of that name takes the place of the one of the set it extends.'],
    ]);
    const check = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/templates\/default\/release\.text\.liquid\n {2}1:1 +warning +The template release\.text\.liquid is not used: no format renders it and no template includes it\. +template\/unused-file/);
    // A set built on the project's default uses other files of it: those are its parent's, not idle files of its own.
    const email = await runMain(['templates', 'check', 'email', 'r', '--now', NOW], { cwd: dir });
    expect(email.stdout).not.toContain('unused-file');
    await writeFile(join(dir, 'migration-news.config.yaml'), `${CONFIG}rules:\n  template/unused-file: off\n`);
    expect((await build(dir)).report.diagnostics).toEqual([]);
  });

  it('are not told to take the name of a file of the set\'s own, nor, named as a file of the set it extends, to be renamed', async () => {
    // An ejected set whose plain text no longer includes its partials: each was told "Did you mean" another partial of its own.
    const dir = await project({
      'templates/default/release.txt.liquid': '{{ release.title }}\n\n{{ body_text }}\n',
      'templates/default/partials/about-text.liquid': '{{ site.about | wrap: 72 }}\n',
      'templates/default/partials/about.liquid': '<p>{{ site.about }}</p>\n',
      'templates/default/partials/abot.liquid': '<p>{{ site.about }}</p>\n',
    });
    const built = await build(dir);
    expect(built.code, built.stdout).toBe(0);
    expect(built.report.diagnostics.map((d) => [d.file, d.hint])).toEqual([
      // Not "Did you mean partials/about.liquid?": the set has that file, which the page includes.
      ['templates/default/partials/abot.liquid', expect.not.stringContaining('partials/about.liquid')],
      ['templates/default/partials/about-text.liquid', 'It is named as the partials/about-text.liquid of the set it extends, which no template of this set includes: include it from a template ({% include \'partials/about-text\' %}), or delete it.'],
    ]);
  });

  it('are told of a file of another name only where its folder and its own name are each like the file\'s', async () => {
    // A new partial not yet included was told "Did you mean partials/tags.liquid?": close as a whole path, unlike as a name,
    // and renamed so it would replace the set's tag list.
    const dir = await project({
      'templates/press/template.yaml': 'name: press\nextends: default\n',
      'templates/press/partials/card.liquid': '<p>{{ release.title }}</p>\n',
      'templates/press/partials/lead.liquid': '<p>{{ release.summary }}</p>\n',
      'templates/press/layouts/contacts.liquid': '<p>{{ labels.contacts }}</p>\n',
      'templates/press/partial/about.liquid': '<p>{{ site.about }}</p>\n',
    });
    const built = await build(dir, ['--template', 'press']);
    expect(built.code, built.stdout).toBe(0);
    expect(built.report.diagnostics.map((d) => [d.file, d.ruleId, d.hint])).toEqual([
      ['templates/press/layouts/contacts.liquid', 'template/unused-file', 'Did you mean partials/contacts.liquid? A file of that name takes the place of the one of the set it extends.'],
      ['templates/press/partial/about.liquid', 'template/unused-file', 'Did you mean partials/about.liquid? A file of that name takes the place of the one of the set it extends.'],
      ['templates/press/partials/card.liquid', 'template/unused-file', 'Include it from a template ({% include \'partials/card\' %}), or delete it.'],
      ['templates/press/partials/lead.liquid', 'template/unused-file', 'Include it from a template ({% include \'partials/lead\' %}), or delete it.'],
    ]);
  });

  it('are a warning for words written where no build reads them, and a labels file\'s extension is read in any letter case', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, de]\n`,
      'r/de.md': release({ id: 'de', lang: 'de', slug: 'de', title: 'Zahlen' }),
      'templates/default/labels/de.YAML': (await readFile(join(BUILTIN, 'default/labels/en.yaml'), 'utf8')).replace(/^contacts:.*$/m, 'contacts: Pressekontakt'),
      'templates/default/labels/fr.json': '{"contacts": "Contacts presse"}\n',
      'templates/default/label/tr.yaml': 'contacts: Basın iletişimi\n',
      'templates/default/template.yml': 'name: default\n',
    });
    const built = await build(dir, ['--format', 'html']);
    expect(built.code, built.stdout).toBe(0);
    expect(built.files['de/de.html']).toContain('Pressekontakt');
    expect(built.report.diagnostics.map((d) => [d.file, d.ruleId, d.message, d.hint])).toEqual([
      ['templates/default/label/tr.yaml', 'template/unused-file', 'The file label/tr.yaml is not read: a set\'s words are read from labels/<language>.yaml alone.', 'Write them as YAML in labels/tr.yaml.'],
      ['templates/default/labels/fr.json', 'template/unused-file', 'The file labels/fr.json is not read: a set\'s words are read from labels/<language>.yaml alone.', 'Write them as YAML in labels/fr.yaml.'],
      ['templates/default/template.yml', 'template/unused-file', 'The file template.yml is not read: a set\'s settings are read from template.yaml alone.', 'Rename it template.yaml.'],
    ]);
  });

  it('are not told where a `{% liquid %}` tag includes a partial by a name it works out, and are where its tags only write', async () => {
    const partial = { 'templates/default/partials/extra.liquid': '<p>extra</p>\n' };
    const named = await project({ ...partial, 'templates/default/partials/site-footer.liquid': "{%- liquid\n  assign which = 'partials/extra'\n  include which\n-%}\n" });
    expect((await build(named)).report.diagnostics).toEqual([]);
    const writes = await project({ ...partial, 'templates/default/partials/site-footer.liquid': "{% liquid\n  echo 'footer'\n%}{% liquid echo 'more' %}\n" });
    expect((await build(writes)).report.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['templates/default/partials/extra.liquid template/unused-file']);
  });

  it('of the e-mail set are warned of by a build that writes messages, once where the site\'s set shares the folder', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}email:\n  from: press@migration.example.az\n`,
      'templates/email/release.text.liquid': 'Plain\n',
      'templates/default/partials/tags.html': '<p>tags</p>\n',
    });
    const warned = (result: Awaited<ReturnType<typeof build>>) => result.report.diagnostics.map((d) => [d.file, d.ruleId]);
    const built = await build(dir, ['--format', 'html,eml']);
    expect(built.code, built.stdout).toBe(0);
    expect(warned(built)).toEqual([
      ['templates/default/partials/tags.html', 'template/unused-file'],
      ['templates/email/release.text.liquid', 'template/unused-file'],
    ]);
    // Without messages the e-mail set is not read.
    expect(warned(await build(dir, ['--format', 'html']))).toEqual([['templates/default/partials/tags.html', 'template/unused-file']]);
    // `--template` names the set of the pages and of the messages: its warning once.
    expect(warned(await build(dir, ['--format', 'html,eml', '--template', 'default']))).toEqual([['templates/default/partials/tags.html', 'template/unused-file']]);
  });

  it('include those only a comment names: an include in {% comment %} or {% raw %} reaches no file', async () => {
    const dir = await project({
      'templates/default/partials/contacts.liquid': "{% comment %}{% include 'partials/old-contacts' %}{% endcomment %}{% raw %}{% include 'partials/example' %}{% endraw %}<p>{{ labels.contacts }}</p>\n",
      'templates/default/partials/old-contacts.liquid': '<p>old</p>\n',
      'templates/default/partials/example.liquid': '<p>example</p>\n',
    });
    const built = await build(dir);
    expect(built.code, built.stdout).toBe(0);
    expect(built.report.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([
      ['templates/default/partials/example.liquid', 'template/unused-file'],
      ['templates/default/partials/old-contacts.liquid', 'template/unused-file'],
    ]);
  });
});

describe('migration-news templates list', () => {
  it('shows the built-in sets with their descriptions and where each file of the chosen set comes from', async () => {
    const dir = await project({});
    const result = await runMain(['templates', 'list', '--template', 'email'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    for (const set of await readdir(BUILTIN)) {
      const description = /description: (.+)/.exec(await readFile(join(BUILTIN, set, 'template.yaml'), 'utf8'))![1]!;
      expect(result.stdout).toContain(description);
      expect(result.stdout).toMatch(new RegExp(`^  ${set}\\s+built-in`, 'm'));
    }
    expect(result.stdout).toMatch(/chain: +email \(built-in.*\) → default \(built-in/);
    expect(result.stdout).toMatch(new RegExp(`release\\.html\\.liquid\\s+\\S*templates/email/release\\.html\\.liquid`));
    expect(result.stdout).toMatch(new RegExp(`partials/contacts-text\\.liquid\\s+\\S*templates/default/partials/contacts-text\\.liquid`));
  });
});

describe('migration-news templates list and check, with an error in the config file', () => {
  it('report the config\'s problems at their place, exit 1, and list or render nothing with sets found without it', async () => {
    // The list of languages never closed: the `templates` folder above it would be passed over.
    const dir = await project({ 'migration-news.config.yaml': 'templates: shared\nlanguages: [en\n', 'shared/house/template.yaml': 'extends: default\n', 'r/a.md': release() });
    for (const args of [['templates', 'list', '--template', 'house'], ['templates', 'check', 'house', 'r', '--now', NOW]]) {
      const result = await runMain(args, { cwd: dir });
      expect(result.code, args[1]).toBe(1);
      expect(result.stdout, args[1]).toMatch(/^migration-news\.config\.yaml\n {2}2:12 +error +The list that opens here with `\[` is never closed/);
      expect(result.stdout + result.stderr, args[1]).not.toMatch(/Template sets|Checked the|no template set/);
    }
  });
});

describe('migration-news templates list, with sets of one name in several places', () => {
  it('says of each that comes later which set above it fills its gaps from it, or that it is not used', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}templates: shared\n`,
      'templates/brand/template.yaml': 'description: Our look\n',
      'templates/child/template.yaml': 'extends: brand\n',
      'templates/default/partials/contacts.liquid': '<p>Press office</p>\n',
      'shared/child/template.yaml': 'description: A child in the shared folder\n',
      'shared/email/template.yaml': 'extends: default\n',
    });
    const result = await runMain(['templates', 'list'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const line = (folder: string) => result.stdout.split('\n').find((l) => l.includes(` ${folder}`) && !l.includes('chain')) ?? '';
    expect(line('shared/child')).toMatch(/ {2}\(not used: the project set "child" above extends "brand"\)$/);
    expect(line('templates/default')).toMatch(/templates\/default$/);
    expect(result.stdout).toMatch(/^ {2}default +built-in +\S+ {2}\(fills the gaps of the project set "default" above\)$/m);
    expect(result.stdout).toMatch(/^ {2}email +built-in +\S+ {2}\(not used: the config set "email" above extends "default"\)$/m);
    expect(line('templates/brand')).toMatch(/templates\/brand$/);
  });

  it('says a set is extended by the one above that extends its own name, as an ejected file\'s template.yaml does, or reaches it through another', async () => {
    const dir = await project({});
    const ejected = await runMain(['templates', 'eject', 'default', 'partials/contacts.liquid'], { cwd: dir });
    expect(ejected.code, ejected.stderr).toBe(0);
    expect(await readFile(join(dir, 'templates/default/template.yaml'), 'utf8')).toMatch(/^extends: default$/m);
    const own = await runMain(['templates', 'list'], { cwd: dir });
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toMatch(/^ {2}default +built-in +\S+ {2}\(extended by the project set "default" above\)$/m);
    expect(own.stdout).toMatch(/chain: +default \(project: templates\/default\) → default \(built-in/);

    // Its labels files are among the files it lists, a language the project adds with the project's file.
    expect(own.stdout).toMatch(/^ {2}labels:\n {4}labels\/az\.yaml +\S*templates\/default\/labels\/az\.yaml\n/m);
    await mkdir(join(dir, 'templates/default/labels'), { recursive: true });
    await writeFile(join(dir, 'templates/default/labels/tr.yaml'), 'contacts: Basın iletişimi\n');
    expect((await runMain(['templates', 'list'], { cwd: dir })).stdout).toMatch(/^ {4}labels\/tr\.yaml +templates\/default\/labels\/tr\.yaml$/m);

    await writeFile(join(dir, 'templates/default/template.yaml'), 'extends: email\n');
    const through = await runMain(['templates', 'list'], { cwd: dir });
    expect(through.code, through.stderr).toBe(0);
    expect(through.stdout).toMatch(/^ {2}default +built-in +\S+ {2}\(extended by the project set "default" above, through "email"\)$/m);
    expect(through.stdout).toMatch(/chain: +default \(project: templates\/default\) → email \(built-in: \S+\) → default \(built-in/);
  });
});

describe('a render error in a file the set takes from another', () => {
  it('is told there, with the place in the project\'s own template that leads to it, and the block to fill', async () => {
    const dir = await project({
      'templates/mine/template.yaml': 'extends: default\n',
      // A listing laid out in the default layout, without the title block: the layout's own title reads `release`, which a listing has not.
      'templates/mine/index.html.liquid': '{% comment %}Our listing{% endcomment %}\n{% layout "layouts/page" %}{% block content %}<h1>{{ listing.heading }}</h1>{% endblock %}\n',
    });
    const result = await build(dir, ['-t', 'mine', '--format', 'html']);
    expect(result.code).toBe(1);
    const failed = result.report.diagnostics.find((d) => d.ruleId === 'template/render')!;
    expect(failed.file).toMatch(/templates\/default\/layouts\/page\.liquid$/);
    expect(failed.related).toMatchObject({ file: 'templates/mine/index.html.liquid', line: 2, column: 1, message: 'this template leads to layouts/page of the "default" set here; it fails in its {% block title %}, which this template can fill with a {% block title %} of its own' });
  });

  it('names the layout\'s block around the include of the partial that fails, which the template can fill', async () => {
    const dir = await project({
      'templates/mine/template.yaml': 'extends: default\n',
      // The title block filled, the head block not: the layout's head includes partials/meta, which reads `release`.
      'templates/mine/index.html.liquid': '{% layout "layouts/page" %}\n{% block title %}{{ page.title }}{% endblock %}{% block content %}<h1>{{ listing.heading }}</h1>{% endblock %}\n',
    });
    const result = await build(dir, ['-t', 'mine', '--format', 'html']);
    expect(result.code).toBe(1);
    const failed = result.report.diagnostics.find((d) => d.ruleId === 'template/render')!;
    expect(failed.file).toMatch(/templates\/default\/partials\/meta\.liquid$/);
    expect(failed.related).toMatchObject({ file: 'templates/mine/index.html.liquid', line: 1, column: 1, message: 'this template leads to partials/meta of the "default" set here; it fails in its {% block head %}, which this template can fill with a {% block head %} of its own' });
  });

  it('is told so for a project set named default too, which fills its gaps from the built-in set of that name', async () => {
    const dir = await project({
      'templates/default/index.html.liquid': '{% comment %}Our listing{% endcomment %}\n{% layout "layouts/page" %}{% block content %}<h1>{{ listing.heading }}</h1>{% endblock %}\n',
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code).toBe(1);
    const failed = result.report.diagnostics.find((d) => d.ruleId === 'template/render')!;
    // The built-in file is named by its place in the package, not by the folder the tool is installed in.
    expect(failed.file).toBe('migration-news:templates/default/layouts/page.liquid');
    expect(failed.related).toMatchObject({ file: 'templates/default/index.html.liquid', line: 2, column: 1, message: 'this template leads to layouts/page of the "default" set it fills its gaps from here; it fails in its {% block title %}, which this template can fill with a {% block title %} of its own' });
  });
});

describe('a problem in a file of a built-in set', () => {
  /** A project set that adds German with one word: the built-in templates print words labels/de.yaml lacks, and fail in their own files. */
  const german = () => project({
    'migration-news.config.yaml': `${CONFIG}languages: [de, en]\n`,
    'templates/default/labels/de.yaml': 'contacts: Pressekontakt\n',
    'r/a.md': release({ lang: 'de', location: 'Baku', summary: 'Eine Zusammenfassung.' }, 'Der Dienst hat ein Zentrum eröffnet.\n'),
  });
  const BUILT_IN_TEXT = 'migration-news:templates/default/release.txt.liquid';

  it('is named by its place in the package in every report for people and in JSON, the same on every machine, and in SARIF by the file: URI where the tool has it, as code scanning takes it', async () => {
    const dir = await german();
    const check = (reporter: string, env: Record<string, string> = {}) => runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--reporter', reporter], { cwd: dir, env });
    const stylish = await check('stylish');
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toMatch(new RegExp(`^${BUILT_IN_TEXT.replace(/\./g, '\\.')}\n {2}\\d+:\\d+ +error +The label "\\w+" is missing for language de`, 'm'));

    const jsonRun = await check('json');
    const files = jsonReport(jsonRun).diagnostics.map((d) => d.file);
    expect(files).toContain(BUILT_IN_TEXT);
    expect(files.filter((file) => !file.startsWith('migration-news:templates/default/'))).toEqual(['templates/default/labels/de.yaml']);

    for (const env of [{}, { GITHUB_WORKSPACE: dir }]) {
      const sarif = await check('sarif', env);
      const log = JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] };
      const locations = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
      // The absolute file: URI of where the tool has it, joined to no base, as a file outside the checkout is: code scanning
      // turns down a whole report with a URI of a scheme other than its checkout's (`migration-news:`).
      expect(locations).toContainEqual({ uri: pathToFileURL(join(BUILTIN, 'default/release.txt.liquid')).href });
      expect(locations.filter((l) => !l.uri.startsWith('file:') && l.uriBaseId === undefined)).toEqual([]);
      // The project's own labels file is still named from the base, as before.
      expect(locations).toContainEqual(expect.objectContaining({ uri: 'templates/default/labels/de.yaml', uriBaseId: '%SRCROOT%' }));
    }

    const github = await check('github', { GITHUB_WORKSPACE: dir });
    // No file of the repository: the annotation names none, and says where in its message.
    expect(github.stdout).toMatch(new RegExp(`^::error title=template/labels::${BUILT_IN_TEXT.replace(/\./g, '\\.')}:\\d+:\\d+: The label "\\w+" is missing`, 'm'));
    expect(github.stdout).not.toMatch(/file=[^,]*migration-news/);
    expect(github.stdout).toMatch(/^::warning file=templates\/default\/labels\/de\.yaml,line=1,col=1,/m);

    // Every report for people, and the JSON, name it the same on every machine.
    for (const result of [stylish, jsonRun, await check('github')]) expect(result.stdout).not.toContain(BUILTIN);
  });
});

describe('a block a template fills twice', () => {
  it('is a template/unshown warning at the second, in build and templates check, and the page shows the first', async () => {
    const dir = await project({
      'templates/dup/template.yaml': 'extends: default\n',
      'templates/dup/release.html.liquid': '{% layout "layouts/page" %}{% block title %}T{% endblock %}{% block content %}<p id="one">first</p>{% endblock %}\n{% block content %}<p id="two">second</p>{% endblock %}\n',
    });
    for (const args of [['build', 'r', '-t', 'dup', '--format', 'html', '--reporter', 'json'], ['templates', 'check', 'dup', 'r']]) {
      const result = await runMain([...args, '--now', NOW], { cwd: dir });
      expect(result.stdout, args[0]).toContain('The block content is filled a second time in this template: the page shows only the first, so what this one holds never reaches it.');
      if (args[0] === 'build') expect(jsonReport(result).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toContain('templates/dup/release.html.liquid:2:1 template/unshown');
      else expect(result.stdout).toMatch(/templates\/dup\/release\.html\.liquid\n {2}2:1 +warning/);
    }
    const page = Object.entries((await build(dir, ['-t', 'dup', '--format', 'html'])).files).find(([path]) => path.endsWith('.html'))![1];
    expect(page).toContain('<p id="one">first</p>');
    expect(page).not.toContain('second');
  });
});

describe('a layout of the project\'s that has no block the templates of the set it extends fill', () => {
  it('is a template/unshown warning at the layout, naming them, in validate, build and templates check', async () => {
    // `{% block content %}` renamed in an ejected layout: every release page and listing had an empty <main>, and nothing said so.
    const dir = await project({});
    expect((await runMain(['templates', 'eject', 'default', 'layouts/page.liquid'], { cwd: dir })).code).toBe(0);
    const layout = join(dir, 'templates/default/layouts/page.liquid');
    await writeFile(layout, (await readFile(layout, 'utf8')).replace('{% block content %}{% endblock %}', '{% block main %}{% endblock %}'));
    const message = 'The layout layouts/page, whose blocks are title, head, main, has no block content, which home.html.liquid, index.html.liquid, release.html.liquid and tag.html.liquid, of the set it extends, fill: what they hold there never reaches the page.';
    for (const command of [['validate', 'r'], ['build', 'r', '--format', 'html']]) {
      const result = await runMain([...command, '--now', NOW, '--reporter', 'json'], { cwd: dir });
      expect(result.code, command[0]).toBe(0);
      expect(jsonReport(result).diagnostics, command[0]).toEqual([expect.objectContaining({ file: 'templates/default/layouts/page.liquid', line: 1, column: 1, severity: 'warning', ruleId: 'template/unshown', message })]);
    }
    const checked = await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--no-color'], { cwd: dir });
    expect(checked.stdout).toContain(`templates/default/layouts/page.liquid\n  1:1     warning  ${message}`);
    // With the block back, nothing is said.
    await writeFile(layout, (await readFile(layout, 'utf8')).replace('{% block main %}{% endblock %}', '{% block content %}{% endblock %}'));
    expect(jsonReport(await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir })).diagnostics).toEqual([]);
  });
});

describe('a template that is a binary file', () => {
  it('is a file/encoding error that calls it a file, not a release, in validate, build and templates check', async () => {
    const dir = await project({ 'templates/default/partials/contacts.liquid': '<p>\u0000{{ release.title }}</p>\n' });
    for (const args of [['validate', 'r'], ['build', 'r'], ['templates', 'check', 'default', 'r']]) {
      const result = await runMain([...args, '--now', NOW, '--no-color'], { cwd: dir });
      expect(result.code, args[0]).toBe(1);
      expect(result.stdout, args[0]).toContain('templates/default/partials/contacts.liquid\n  1:1     error    The file is binary (it contains a NUL byte), not a text file. The first bad byte is at offset 3.  file/encoding');
    }
  });
});

describe('migration-news templates eject', () => {
  it('copies a built-in set into templates/<set>, and then refuses to overwrite it', async () => {
    const dir = await project({});
    const result = await runMain(['templates', 'eject', 'email'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const own = (await readdir(join(BUILTIN, 'email'), { recursive: true })).filter((f) => f.includes('.')).sort();
    const copied = (await readdir(join(dir, 'templates/email'), { recursive: true })).filter((f) => f.includes('.')).sort();
    expect(copied).toEqual(own);
    for (const f of own) expect(await readFile(join(dir, 'templates/email', f), 'utf8')).toBe(await readFile(join(BUILTIN, 'email', f), 'utf8'));
    expect(result.stdout).toContain(`Copied ${own.length} files to templates/email`);

    await writeFile(join(dir, 'templates/email/release.html.liquid'), 'my own work\n');
    const again = await runMain(['templates', 'eject', 'email'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('refusing to overwrite templates/email/');
    expect(await readFile(join(dir, 'templates/email/release.html.liquid'), 'utf8')).toBe('my own work\n');
    expectNoStackTrace(again.stderr);
  });

  it('names a whole set copied into a folder of another name after that folder, so that it is the same set however it is named', async () => {
    const dir = await project({});
    expect((await runMain(['templates', 'eject', 'default', '--to', 'templates/press'], { cwd: dir })).code).toBe(0);
    const manifest = await readFile(join(dir, 'templates/press/template.yaml'), 'utf8');
    expect(manifest).toBe((await readFile(join(BUILTIN, 'default/template.yaml'), 'utf8')).replace('name: default', 'name: press'));
    // Named by its name or by its folder, it is one set, which extends none: the same pages either way.
    for (const [name, out] of [['press', 'by-name'], ['./templates/press', 'by-folder']]) {
      const built = await runMain(['build', 'r', '--now', NOW, '-t', name!, '--out', out!], { cwd: dir });
      expect(built.code, built.stdout + built.stderr).toBe(0);
    }
    expect(await outputs(dir, 'by-folder')).toEqual(await outputs(dir, 'by-name'));
    const listed = await runMain(['templates', 'list'], { cwd: dir });
    expect(listed.stdout).toMatch(/press/);
    expect(listed.stdout).not.toMatch(/press[^\n]*→ default/);
  });

  it('says of a set ejected into a folder whose name no set may have (letters beyond ASCII, a space) how to name it', async () => {
    // `-t prəss` was "The template folder prəss does not exist." beside a templates/prəss the user had just made.
    const dir = await project({});
    for (const folder of ['prəss', 'my press']) {
      expect((await runMain(['templates', 'eject', 'default', '--to', `templates/${folder}`], { cwd: dir })).code).toBe(0);
      for (const command of [['validate', 'r'], ['build', 'r'], ['templates', 'check', folder, 'r']]) {
        const result = await runMain([...command, ...(command[0] === 'templates' ? [] : ['-t', folder]), '--now', NOW], { cwd: dir });
        expect(result.code, command.join(' ')).toBe(2);
        expect(result.stderr, command.join(' ')).toBe(`migration-news: There is no template set named "${folder}": a set's name is made of ASCII letters, digits, "-" and "_", so the folder templates/${folder} is not looked up by it.\nhint: Name the set by its folder, \`--template "./templates/${folder}"\`, or rename the folder with those characters alone.\n`);
      }
      const byFolder = await runMain(['build', 'r', '-t', `./templates/${folder}`, '--now', NOW, '--out', 'dist'], { cwd: dir });
      expect(byFolder.code, byFolder.stdout + byFolder.stderr).toBe(0);
      await rm(join(dir, 'dist'), { recursive: true });
    }
    // From a folder below, the way to it is written from there.
    const below = await runMain(['validate', '.', '-t', 'prəss', '--now', NOW], { cwd: join(dir, 'r') });
    expect(below.stderr).toContain('`--template "../templates/prəss"`');
  });

  it('copies one file, even one the set takes from default, and the build then uses it', async () => {
    const dir = await project({});
    const one = await runMain(['templates', 'eject', 'default', 'partials/contacts.liquid'], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    expect(await readFile(join(dir, 'templates/default/partials/contacts.liquid'), 'utf8')).toBe(await readFile(join(BUILTIN, 'default/partials/contacts.liquid'), 'utf8'));
    await writeFile(join(dir, 'templates/default/partials/contacts.liquid'), '<p class="ejected">{{ labels.contacts }}</p>\n');
    const built = await build(dir);
    expect(built.code, built.stderr).toBe(0);
    expect(built.files['en/service-opens-new-residence-permit-centre.html']).toContain('<p class="ejected">Media contacts</p>');

    const inherited = await runMain(['templates', 'eject', 'email', 'partials/contacts-text.liquid', '--to', 'mail'], { cwd: dir });
    expect(inherited.code, inherited.stderr).toBe(0);
    expect(await readFile(join(dir, 'mail/partials/contacts-text.liquid'), 'utf8')).toBe(await readFile(join(BUILTIN, 'default/partials/contacts-text.liquid'), 'utf8'));
    expect(await readFile(join(dir, 'mail/template.yaml'), 'utf8')).toMatch(/^extends: email$/m);

    const twice = await runMain(['templates', 'eject', 'default', 'partials/contacts.liquid'], { cwd: dir });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('refusing to overwrite templates/default/partials/contacts.liquid');
    expect(await readFile(join(dir, 'templates/default/partials/contacts.liquid'), 'utf8')).toContain('ejected');
  });

  it('leaves the ejected archetypes out of a search of the project\'s folder: they are skeletons for new, not releases', async () => {
    const dir = await project({ 'migration-news.config.yaml': `${CONFIG}templates: shared\n`, 'shared/house/archetype.md': 'Write the lead here.\n' });
    expect((await runMain(['templates', 'eject', 'default'], { cwd: dir })).code).toBe(0);
    // The output folder may not lie inside the folder searched: the site goes beside the project.
    const site = join(await projects({}), 'site');
    for (const args of [['validate'], ['build', '--out', site]]) {
      const result = await runMain([...args, '--now', NOW, '--reporter', 'json'], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(jsonReport(result).diagnostics).toEqual([]);
    }
    expect(await readdir(join(site, 'en'))).toContain('service-opens-new-residence-permit-centre.html');
    // Named on the command line, a file is read as asked.
    const named = await runMain(['validate', 'templates/default/archetype.md', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(jsonReport(named).diagnostics.map((d) => d.ruleId)).toEqual(['frontmatter/missing']);
  });

  it('refuses unknown sets, unknown files and paths out of the set as usage errors', async () => {
    const dir = await project({});
    for (const args of [['nonesuch'], ['default', 'partials/nonesuch.liquid'], ['default', '../../package.json'], ['../templates']]) {
      const result = await runMain(['templates', 'eject', ...args], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(2);
      expectNoStackTrace(result.stderr);
    }
    expect(await readdir(dir)).not.toContain('templates');
  });

  it('says what is in the way, copies nothing and never writes through a link', async () => {
    const dir = await project({ 'afile': 'hi\n', 'd2/partials': 'mine\n' });
    await mkdir(join(dir, 'd1/partials'), { recursive: true });
    await symlink('/nonexistent', join(dir, 'd1/partials/contacts.liquid'));
    await mkdir(join(dir, 'elsewhere'));
    await symlink(join(dir, 'elsewhere'), join(dir, 'linked'));
    const cases: [string[], number, RegExp][] = [
      [['default', '--to', 'afile'], 2, /Cannot eject into afile: afile is not a folder/],
      [['default', 'partials/contacts.liquid', '--to', 'afile/x'], 2, /afile is not a folder/],
      [['default', 'partials/contacts.liquid', '--to', 'd1'], 1, /refusing to overwrite d1\/partials\/contacts\.liquid/],
      [['default', '--to', 'd2'], 2, /d2\/partials is not a folder/],
      [['default', '--to', 'linked'], 2, /linked is not a folder \(a file, or a symbolic link, which eject does not write through\)/],
    ];
    for (const [args, code, message] of cases) {
      const result = await runMain(['templates', 'eject', ...args], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expectNoStackTrace(result.stderr);
    }
    expect((await readdir(dir)).sort()).toEqual(['afile', 'd1', 'd2', 'elsewhere', 'linked', 'migration-news.config.yaml', 'r']);
    expect(await readdir(join(dir, 'd1/partials'))).toEqual(['contacts.liquid']);
    expect(await readdir(join(dir, 'elsewhere'))).toEqual([]);
  });
});

describe('migration-news templates check', () => {
  it('says how many release files it left out for errors of their own, and when that was all of them', async () => {
    const dir = await project({ 'r/a.md': release(), 'r/b.md': release({ title: 'Broken', date: 'soon' }) });
    const some = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: dir });
    expect(some.code).toBe(0);
    expect(some.stderr).toMatch(/of 1 release in html, text, json, ninjs, and \d+ pages of the site\. 1 release file with errors was left out: `migration-news validate` names the errors\.\n/);
    const none = await runMain(['templates', 'check', 'default', 'r/b.md', '--now', NOW], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No releases to render in r\/b\.md\. 1 release file with errors was left out/);
    expect(none.stderr).toMatch(/hint: Fix the errors `migration-news validate` names, then check the set again\./);
  });

  it('renders every example with every built-in set and finds nothing wrong', async () => {
    for (const set of ['default', 'email']) {
      const result = await runMain(['templates', 'check', set, EXAMPLES, '--now', NOW, '--no-color']);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stderr).toMatch(new RegExp(`Checked the "${set}" set, \\d+ template files: \\d+ renders of \\d+ releases`));
    }
  });

  it('composes the e-mail set\'s messages as build --format eml does, in a project that sends e-mail', async () => {
    const dir = await project({ 'migration-news.config.yaml': `${CONFIG}email:\n  from: press@migration.example.az\n` });
    expect((await runMain(['templates', 'eject', 'email'], { cwd: dir })).code).toBe(0);
    const styles = join(dir, 'templates/email/partials/styles.liquid');
    // A stylesheet written as browsers now read it, with a rule nested in another: every page shows it, no message can be made.
    await writeFile(styles, `p { color: #111; a { color: #00f; } }\n${await readFile(styles, 'utf8')}`);
    const built = await runMain(['build', 'r', '--now', NOW, '--format', 'html,eml'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(built.stdout).toContain('The styles of the e-mail message\'s HTML could not be written into its elements');
    const checked = await runMain(['templates', 'check', 'email', 'r', '--now', NOW], { cwd: dir });
    expect(checked.code, checked.stdout + checked.stderr).toBe(1);
    expect(checked.stdout).toMatch(/templates\/email\/release\.html\.liquid\n {2}1:1 +error +The styles of the e-mail message's HTML could not be written into its elements .* It happened while rendering r\/a\.md as eml\. +template\/render/);
    expect(checked.stderr).toMatch(/: 4 renders of 1 release in html, text, json, ninjs, and 0 e-mail messages composed\.\n/);
    // The set as it was makes its message, as the build does.
    await writeFile(styles, (await readFile(styles, 'utf8')).replace('p { color: #111; a { color: #00f; } }\n', ''));
    const fixed = await runMain(['templates', 'check', 'email', 'r', '--now', NOW], { cwd: dir });
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stderr).toMatch(/, and 1 e-mail message composed\.\n/);
    // Another set makes no messages unless a build names it: not composed.
    expect((await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: dir })).stderr).not.toContain('e-mail message');
  });

  it('renders the site\'s own pages too, and finds in them what a build would', async () => {
    const dir = await project({ 'r/b.md': release({ title: 'Second', tags: '[Visas]', status: 'draft' }), 'templates/default/tag.html.liquid': '<h1>{{ tag.nmae }}</h1>\n' });
    const result = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    // The home page, the English listing and the tag page of the draft's tag, which a preview would list.
    expect(result.stderr).toMatch(/: 8 renders of 2 releases in html, text, json, ninjs, and 3 pages of the site\.\n/);
    expect(result.stdout).toMatch(/templates\/default\/tag\.html\.liquid\n {2}1:\d+ +error +The template uses the variable tag\.nmae, which the template context does not have\. It happened while building en\/tags\/visas\.html\. +template\/render\n +hint +Did you mean tag\.name\?/);
  });

  it('says which pages have a name of the context that the page met does not, once for a file every kind of page shares', async () => {
    const builtIn = await readFile(join(BUILTIN, 'default/partials/site-header.liquid'), 'utf8');
    const dir = await project({
      'r/b.md': release({ title: 'Second', tags: '[Visas]' }),
      // A header shared by every page that shows the tag of a tag page, and the home page's languages, without testing page.kind.
      'templates/default/partials/site-header.liquid': `${builtIn}{% if tag %}<p>{{ tag.name }}</p>{% endif %}\n{{ languages.size }}\n`,
      // The site pages' own title, which a release's page has as release.page_title.
      'templates/default/release.txt.liquid': '{{ page.title }}\n',
    });
    const result = await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const found = jsonReport(result).diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.message.replace(/ It happened .*/, '')} | ${d.hint}`);
    const lines = builtIn.split('\n').length;
    // Before, "which the template context does not have", for a name the README lists.
    expect(found).toEqual([
      `templates/default/partials/site-header.liquid ${lines}:7 The template uses the variable tag, which only the languages' listings and the tag pages have. | A layout or partial that pages of several kinds share uses it only where it is given: {% if page.kind == 'index' or page.kind == 'tag' %}…{% endif %}.`,
      `templates/default/partials/site-header.liquid ${lines + 1}:4 The template uses the variable languages, which only the home page has. | A layout or partial that pages of several kinds share uses it only where it is given: {% if page.kind == 'home' %}…{% endif %}.`,
      `templates/default/release.txt.liquid 1:4 The template uses the variable page.title, which only the languages' listings, the tag pages and the home page have. | A layout or partial that pages of several kinds share uses it only where it is given: {% if page.kind == 'index' or page.kind == 'tag' or page.kind == 'home' %}…{% endif %}, and release.page_title on a release's page.`,
    ]);
    // A loop's item that happens to be called as such a name is the template's own, and told as before.
    await writeFile(join(dir, 'templates/default/release.txt.liquid'), '{{ release.title }}{% for tag in release.tags %}{{ tag.name }}{% endfor %}\n');
    await writeFile(join(dir, 'templates/default/partials/site-header.liquid'), builtIn);
    const loop = jsonReport(await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir })).diagnostics;
    expect(loop.map((d) => d.message)).toEqual([expect.stringMatching(/^The template uses tag\.name, but tag is the text "Visas" here, which has no name\./)]);
  });

  it('reports a problem of a file that releases\' pages and the site\'s pages share once, not once for each kind of page', async () => {
    const builtIn = await readFile(join(BUILTIN, 'default/layouts/page.liquid'), 'utf8');
    const unclosed = await project({
      'templates/default/layouts/page.liquid': builtIn.replace("{% include 'partials/site-header' %}", "{% include 'partials/banner' %}{% include 'partials/site-header' %}"),
      'templates/default/partials/banner.liquid': '<div>\n{% if site.name %}<p>{{ site.name }}</p>\n</div>\n',
    });
    const misspelt = await project({ 'templates/default/layouts/page.liquid': builtIn.replace('{{ page.lang }}', '{{ page.lnag }}') });
    for (const [dir, message] of [
      [unclosed, /^The tag \{% if site\.name %\} is never closed/],
      [misspelt, /^The template uses the variable page\.lnag, which the template context does not have\. It happened while rendering r\/a\.md as html\.$/],
    ] as const) {
      const result = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect([...result.stdout.matchAll(/^ {2}\d+:\d+ +error +(.+?)  +template\/\S+$/gm)].map((m) => m[1])).toEqual([expect.stringMatching(message)]);
    }
  });

  it('reports, in a build too, a problem of a file releases\' pages and the site\'s pages share once, with the release it was met in', async () => {
    // A build told it a second time, "It happened while building index.html.", where templates check told it once.
    const builtIn = await readFile(join(BUILTIN, 'default/layouts/page.liquid'), 'utf8');
    const dir = await project({ 'templates/default/layouts/page.liquid': builtIn.replace('{{ page.lang }}', '{{ page.lnag }}') });
    const result = await build(dir);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.report.diagnostics.map((d) => [d.file, d.ruleId, d.message])).toEqual([
      ['templates/default/layouts/page.liquid', 'template/render', 'The template uses the variable page.lnag, which the template context does not have. It happened while rendering r/a.md as html.'],
    ]);
    // A problem only a site page meets is still told, with that page.
    await writeFile(join(dir, 'templates/default/layouts/page.liquid'), builtIn.replace('{{ page.lang }}', '{% if page.kind == "home" %}{{ page.lnag }}{% else %}{{ page.lang }}{% endif %}'));
    const home = await build(dir);
    expect(home.report.diagnostics.map((d) => d.message)).toEqual(['The template uses the variable page.lnag, which the template context does not have. It happened while building index.html.']);
  });

  it('reports an unknown variable in a text-only partial and a syntax error in a partial nothing includes', async () => {
    const dir = await project({
      'r/draft.md': release({ title: 'Draft one', status: 'draft' }),
      'sets/broken/template.yaml': 'extends: default\n',
      'sets/broken/partials/contacts-text.liquid': 'Contacts\n{{ release.contact_name }}\n',
      'sets/broken/partials/unused.liquid': '{% if x %}never closed\n',
    });
    const result = await runMain(['templates', 'check', './sets/broken', 'r', '--now', NOW, '--no-color'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/sets\/broken\/partials\/contacts-text\.liquid\n\s+2:4\s+error\s+The template uses the variable release\.contact_name/);
    expect(result.stdout).toMatch(/sets\/broken\/partials\/unused\.liquid\n\s+1:1\s+error\s+The tag \{% if x %\} is never closed: no \{% endif %\} follows it\./);
    expect(result.stdout).toContain('{{ release.contact_name }}');
    expectNoStackTrace(result.stdout + result.stderr);
  });
});

/** A config under which the partials a test leaves unincluded, for `templates check` to read each, are not warned of as unused. */
const UNUSED_OFF = { 'migration-news.config.yaml': `${CONFIG}rules:\n  template/unused-file: off\n` };

/** A project whose default set differs in one partial. */
const partial = (source: string) => ({ 'templates/default/partials/contacts.liquid': source });

describe('template errors', () => {
  it('reports a syntax error at the template\'s own file, line and column with a code frame, and exits 1', async () => {
    const dir = await project(partial('<section>\n<p>{{ release.title }}</p>\n{% for c in release.contacts %}<p>{{ c.name }}</p>\n</section>\n'));
    const result = await build(dir);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 3, column: 1, ruleId: 'template/syntax', severity: 'error',
      message: expect.stringContaining('The tag {% for c in release.contacts %} is never closed: no {% endfor %} follows it.'),
    })]);
    expect(result.files).toEqual({});
    const stylish = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toContain('templates/default/partials/contacts.liquid\n  3:1 ');
    expect(stylish.stdout).toMatch(/ {4}3 \| \{% for c in release\.contacts %\}<p>\{\{ c\.name \}\}<\/p>\n {6}\| \^/);
    expectNoStackTrace(stylish.stdout + stylish.stderr);
  });

  it('reports a syntax error in a partial that no release of the build reaches, with an error found while rendering, and writes nothing', async () => {
    // Only `build` read the templates a render reached: it stopped at the render's error, and a broken partial behind a false condition was never told.
    const dir = await project({
      ...partial('<p>{{ release.titel }}</p>{% if release.title == "never" %}{% include \'partials/broken\' %}{% endif %}\n'),
      'templates/default/partials/broken.liquid': '<p>{{ "x" | nope }}</p>\n',
    });
    const result = await build(dir);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'templates/default/partials/broken.liquid:1:13 template/syntax',
      'templates/default/partials/contacts.liquid:1:7 template/render',
    ]);
    expect(result.files).toEqual({});
    // With the render's error put right, the broken partial alone still stops the build, as it stops validate.
    await writeFile(join(dir, 'templates/default/partials/contacts.liquid'), '<p>{{ release.title }}</p>{% if release.title == "never" %}{% include \'partials/broken\' %}{% endif %}\n');
    for (const command of [['build', 'r', '--out', 'dist'], ['validate', 'r']]) {
      const again = await runMain([...command, '--now', NOW, '--reporter', 'json'], { cwd: dir });
      expect(again.code, command[0]).toBe(1);
      expect(jsonReport(again).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`), command[0]).toEqual(['templates/default/partials/broken.liquid:1:13 template/syntax']);
    }
    expect(await outputs(dir)).toEqual({});
  });

  it('fails only the builds of a format whose templates reach a partial with a syntax error', async () => {
    // partials/about-text is the plain text's: an HTML build does not read it, and is built.
    const dir = await project({ 'templates/default/partials/about-text.liquid': '{{ site.about | nope }}\n' });
    const html = await build(dir, ['--format', 'html']);
    expect(html.code, html.stdout).toBe(0);
    expect(html.report.diagnostics).toEqual([]);
    const text = await runMain(['build', 'r', '--now', NOW, '--format', 'text', '--out', 'text-out', '--reporter', 'json'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(jsonReport(text).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['templates/default/partials/about-text.liquid:1:17 template/syntax']);
  });

  it('says which block is left open when an end tag or a branch tag does not fit, and where a tag without its %} runs on', async () => {
    // Each case: the partial, then the reported place, the message, and the place of the block open there.
    const cases: [string, [number, number], RegExp, [number, number]?][] = [
      ['{% if release.title %}\n<p>{% for c in release.contacts %}{{ c.name }}\n{% endif %}\n',
        [3, 1], /^The tag \{% endif %\} closes the \{% if %\} at line 1, column 1, but the \{% for %\} at line 2, column 4, inside it, is not closed\./, [2, 4]],
      ['<p>\n  {% endif %}\n', [2, 3], /^The tag \{% endif %\} has no \{% if %\} to close: no block is open here\./],
      ['{% capture x %}\n{% endfor %}{% endcapture %}\n', [2, 1], /^The tag \{% endfor %\} has no \{% for %\} to close: the block open here is the \{% capture %\} at line 1, column 1\./, [1, 1]],
      ['{% liquid\n  for c in release.contacts\n    echo c.name\n  endif\n%}\n', [4, 3], /^The tag \{% endif %\} has no \{% if %\} to close: the block open here is the \{% for %\} at line 2, column 3\./, [2, 3]],
      ['{% raw %}{% endif %}{% endraw %}{% else %}\n', [1, 33], /^The tag \{% else %\} belongs inside \{% if %\}, \{% unless %\}, \{% for %\} or \{% case %\}, and none is open here\./],
      ['{% unless release.title %}{% when 1 %}{% endunless %}\n', [1, 27], /^The tag \{% when %\} belongs inside \{% case %\}, but the block open here is the \{% unless %\} at line 1, column 1\./, [1, 1]],
      ['<p>{% if release.title\n{% endif %}</p>\n', [1, 4], /^The tag \{% if … has no %\}: it runs on into the next tag\./],
      ['{% capture x %}\n  {% layout "layouts/page" %}\n{% endcapture %}\n', [3, 1], /^The tag \{% endcapture %\} has nothing to close: the \{% layout %\} at line 2, column 3 takes the rest of the file as its content/, [2, 3]],
      ['<p>{{ release.title | upcase </p>\n{{ release.id }}\n', [1, 4], /^The output \{\{ release\.title … has no \}\}: it runs on into the next tag\./],
      // What it runs on into reads as an operator with nothing after it (`release.title </h1>`): the slip is the missing }}.
      ['<h1>{{ release.title </h1>\n<p>{{ release.id }}</p>\n', [1, 5], /^The output \{\{ release\.title … has no \}\}: it runs on into the next tag\./],
    ];
    // templates check reads every file of the set: one run for all the cases, each in a partial of its own.
    const files = Object.fromEntries(cases.map(([source], i) => [`templates/default/partials/case-${i}.liquid`, source]));
    const result = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: await project({ ...files, ...UNUSED_OFF, 'templates/default/partials/quoted.liquid': '<p>{{ "{% if %}" | append: "{{" }}</p>\n' }) });
    expect(result.code).toBe(1);
    const source = (message: RegExp) => message.source.replace(/^\^/, '');
    cases.forEach(([, [line, column], message, open], i) => {
      const file = `templates/default/partials/case-${i}.liquid`;
      expect(result.stdout).toMatch(new RegExp(`${file}\\n {2}${line}:${column} +error +${source(message)}`));
      // The block open where the tag stands is named as a second place.
      if (open) expect(result.stdout).toMatch(new RegExp(`${file}\\n[^]*?see +${file}:${open[0]}:${open[1]}: `));
      else expect(result.stdout).not.toMatch(new RegExp(`see +${file}:`));
    });
    // A quoted {% or {{ is text, not the next tag.
    expect(result.stdout).not.toContain('quoted.liquid');
    expectNoStackTrace(result.stdout + result.stderr);
  });

  it('reports every syntax error of a template in one run, each at its own line and column with its code frame', async () => {
    // Three unrelated mistakes: a filter without its `|`, a tag without its %}, and a tag that does not exist.
    const source = [
      '<section>',
      '<p>{{ release.title upcase }}</p>',
      '{% assign lead = release.summary | upcase',
      '<p>{{ lead }}</p>',
      '{% for c in release.contacts %}<p>{% iff c.name %}{{ c.name }}</p>{% endfor %}',
      '</section>',
      '',
    ].join('\n');
    const dir = await project(partial(source));
    const expected = [
      { line: 2, column: 21, message: expect.stringMatching(/^`upcase` follows a value without a `\|`/) },
      { line: 3, column: 1, message: expect.stringMatching(/^The tag \{% assign … has no %\}: it runs on into the next tag\./) },
      { line: 5, column: 35, message: expect.stringMatching(/^The template uses the tag \{% iff %\}, which does not exist\./) },
    ].map((place) => ({ file: 'templates/default/partials/contacts.liquid', ruleId: 'template/syntax', ...place }));
    const validated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(validated.code).toBe(1);
    expect(jsonReport(validated).diagnostics).toEqual(expected.map((d) => expect.objectContaining(d)));
    const built = await build(dir);
    expect(built.code).toBe(1);
    expect(built.report.diagnostics.filter((d) => d.severity === 'error')).toEqual(expected.map((d) => expect.objectContaining(d)));
    expect(built.files).toEqual({});
    // Each code frame shows its line as written, also where an error before it on the same line was taken out to read on.
    const sameLine = await runMain(['validate', 'r', '--now', NOW, '--no-color'], { cwd: await project(partial('<p>{{ release.title upcase }}</p>{% iff release.id %}\n')) });
    expect(sameLine.stdout).toMatch(/1:21 +error +`upcase`[^]*1:34 +error +The template uses the tag \{% iff %\}/);
    expect(sameLine.stdout.match(/ {4}1 \| <p>\{\{ release\.title upcase \}\}<\/p>\{% iff release\.id %\}\n/g)).toHaveLength(2);
    expectNoStackTrace(sameLine.stdout + sameLine.stderr);
    // A file of many mistakes is reported at its first ten.
    const many = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: await project(partial(Array.from({ length: 15 }, (_, i) => `<p>{% iff release.id %}${i}</p>\n`).join(''))) });
    expect(jsonReport(many).diagnostics.map((d) => d.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reports a block left open once, not again at every end tag after it', async () => {
    const source = [
      '{% for c in release.contacts %}',
      '  {% if c.name %}<p>{{ c.name }}</p>',
      '{% endfor %}',
      '{% if release.title %}<p>{{ release.title }}</p>{% endif %}',
      '{% if release.id %}<p>{{ release.id }}</p>{% endif %}',
      '',
    ].join('\n');
    const dir = await project(partial(source));
    const expected = [expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 3, column: 1, ruleId: 'template/syntax',
      message: expect.stringMatching(/^The tag \{% endfor %\} closes the \{% for %\} at line 1, column 1, but the \{% if %\} at line 2, column 3, inside it, is not closed\./),
    })];
    const validated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(jsonReport(validated).diagnostics).toEqual(expected);
    expect((await build(dir)).report.diagnostics.filter((d) => d.severity === 'error')).toEqual(expected);

    // What taking one mistake out leaves behind is not reported either: each partial holds one mistake, and is reported once.
    const cases: [string, [number, number]][] = [
      ['{% if release.title %}<p>x</p>\n{% if release.id %}<p>y</p>{% endif %}\n', [1, 1]],
      ['{% if release.title = "x" %}<p>x</p>{% else %}<p>y</p>{% endif %}\n{% if release.id %}{% endif %}\n', [1, 21]],
      ['{% iff release.title %}<p>x</p>{% endif %}\n', [1, 1]],
      ['<p>{% if release.title\n{% endif %}</p>\n{% if release.id %}{% endif %}\n', [1, 4]],
      ['{% for c in release.contacts %}{{ c.name }}{% endif %}\n', [1, 44]],
      ['{% if release.title %}x{% endif\n{{ release.id }}\n', [1, 24]],
      ['{% raw %}{% iff %}{{ x y }}\n', [1, 10]],
      ['{% liquid\n  if release.title\n    echo release.title upcase\n  endif\n%}\n', [3, 24]],
      // An end tag of the wrong name for the block open there, inside another: that block's end, misnamed, not an end left out.
      ['{% capture x %}{% if release.title %}<p>x</p>\n{% endunless %}\n{% endcapture %}{{ x }}\n', [2, 1]],
      ['{% for c in release.contacts %}\n  {% if c.name %}{{ c.name }}{% endfor %}\n{% endif %}\n', [2, 30]],
    ];
    const files = Object.fromEntries(cases.map(([text], i) => [`templates/default/partials/case-${i}.liquid`, text]));
    const checked = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: await project({ ...files, ...UNUSED_OFF }) });
    expect(checked.code, checked.stderr).toBe(1);
    // Each error's place, under its file's name.
    let file = '';
    const found: string[] = [];
    for (const line of checked.stdout.split('\n')) {
      if (/^\S+\.liquid$/.test(line)) file = line;
      const place = /^ {2}(\d+):(\d+) +error /.exec(line);
      if (place) found.push(`${file}:${place[1]}:${place[2]}`);
    }
    expect(found.sort()).toEqual(cases.map(([, [line, column]], i) => `templates/default/partials/case-${i}.liquid:${line}:${column}`).sort());
  });

  it('reports an end tag written for the end of the block inside the one it names once, at that tag, as that block\'s end misnamed', async () => {
    // Each partial: an end tag naming the block around the one open there, whose own end tag follows. Read as written, the inner
    // block is left open and the later end tag closes nothing (two errors); read as the inner block's end, misnamed, one.
    const cases: [string, [number, number], string, string, [number, number]][] = [
      ['{% for c in release.contacts %}\n  {% if c.name %}<p>{{ c.name }}</p>\n  {% endfor %}\n{% endfor %}\n', [3, 3], 'for', 'if', [2, 3]],
      ['{% if release.title %}{% for c in release.contacts %}{{ c.name }}\n{% endif %}\n{% endif %}\n', [2, 1], 'if', 'for', [1, 23]],
      ['{% capture x %}{% unless release.id %}<p>x</p>{% endcapture %}\n{% endcapture %}{{ x }}\n', [1, 47], 'capture', 'unless', [1, 16]],
      // With a block between the two, closed in its turn before the outer block's end.
      ['{% for c in release.contacts %}{% case c.name %}{% when "a" %}{% if c.email %}x{% endfor %}{% endcase %}\n{% endfor %}\n', [1, 80], 'for', 'if', [1, 63]],
    ];
    const files = Object.fromEntries(cases.map(([text], i) => [`templates/default/partials/case-${i}.liquid`, text]));
    const checked = await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--reporter', 'json'], { cwd: await project({ ...files, ...UNUSED_OFF }) });
    expect(checked.code, checked.stderr).toBe(1);
    const diagnostics = jsonReport(checked).diagnostics;
    expect(diagnostics).toHaveLength(cases.length);
    cases.forEach(([, [line, column], outer, inner, [innerLine, innerColumn]], i) => {
      const file = `templates/default/partials/case-${i}.liquid`;
      expect(diagnostics.find((d) => d.file === file)).toMatchObject({
        line, column, ruleId: 'template/syntax',
        message: expect.stringMatching(new RegExp(`^The tag \\{% end${outer} %\\} stands where the \\{% ${inner} %\\} at line ${innerLine}, column ${innerColumn} is open, inside the \\{% ${outer} %\\} at line \\d+, column \\d+, which the \\{% end${outer} %\\} at line \\d+, column \\d+ closes: this one is likely the \\{% ${inner} %\\}'s end, misnamed\\.$`)),
        hint: `Write {% end${inner} %} here, to close the {% ${inner} %}.`,
        related: { file, line: innerLine, column: innerColumn, message: `The {% ${inner} %} this tag likely ends.` },
      });
    });
  });

  it('reads an end tag as written when the tags after it close every block so: the inner block\'s end left out, not misnamed', async () => {
    // A `{% for %}` in a `{% for %}`: the first `{% endfor %}` closes the inner one and the second the outer one, so only the
    // `{% endif %}` is missing. Read as the `{% if %}`'s end misnamed, writing `{% endif %}` there would leave the outer `{% for %}` open.
    const source = '{% for a in release.tags %}{% for b in release.tags %}{% if b %}x{% endfor %}{% endfor %}\n';
    const checked = await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--reporter', 'json'], { cwd: await project({ 'templates/default/partials/nested.liquid': source, ...UNUSED_OFF }) });
    expect(checked.code, checked.stderr).toBe(1);
    expect(jsonReport(checked).diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/nested.liquid', line: 1, column: 66, ruleId: 'template/syntax',
      message: 'The tag {% endfor %} closes the {% for %} at line 1, column 28, but the {% if %} at line 1, column 55, inside it, is not closed.',
      hint: 'Add {% endif %} where the {% if %} ends, before this tag.',
    })]);
  });

  it('reads an element an empty list lacks, and a name assigned one, as nil: a template that tests them builds a release without tags', async () => {
    const tests = '{% assign t = release.tags | first %}{% if t %}T{% endif %}{% assign l = release.tags | last %}{% if l == nil %}L{% endif %}'
      + '{% if release.tags.first %}F{% endif %}{% if release.tags[0] %}Z{% endif %}{% if release.contacts.first.name %}N{% endif %}<p id="t">{{ release.tags.last }}|{{ t }}</p>\n';
    const dir = await project({ ...partial(tests), 'r/a.md': release({ contacts: undefined }) });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, JSON.stringify(result.report.diagnostics)).toBe(0);
    // No tag: neither T, F nor Z; the last tag nil (L); the config's contact gives a name (N).
    expect(Object.values(result.files).join('')).toContain('LN<p id="t">|</p>');
    // A name nothing has is still one: a misspelt element, a name never assigned.
    for (const wrong of ['{{ release.tags.frist }}', '{% if never_assigned %}x{% endif %}']) {
      const broken = await build(await project({ ...partial(`${wrong}\n`), 'r/a.md': release() }), ['--format', 'html']);
      expect(broken.report.diagnostics.map((d) => d.ruleId), wrong).toEqual(['template/render']);
    }
  });

  it('reports an object printed as it is, which would show as [object Object], where it is; a list of texts or an empty list prints', async () => {
    for (const [source, column] of [['<p>{{ dates }}</p>', 4], ['<p>x</p>{{ release.contacts }}', 9], ['{{ site }}', 1]] as const) {
      const result = await build(await project(partial(`${source}\n`)), ['--format', 'html']);
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file: 'templates/default/partials/contacts.liquid', line: 1, column, ruleId: 'template/render',
        message: expect.stringContaining('which would show as [object Object]: name one of its fields') as unknown,
      })]);
      // Told in its own words, not as "Template rendering error: …" with a hint about a filter.
      expect(result.report.diagnostics[0]!.message, source).toMatch(/^The value printed here is (an object|a list of objects), which would show as \[object Object\]/);
      expect(result.report.diagnostics[0]!.hint, source).toBe('Print one of its fields ({{ release.contacts.first.name }}, {{ dates.published }}), or go through it with {% for item in … %}.');
    }
    const fine = await build(await project({ ...partial('<p id="tags">{{ release.tags }}</p>\n'), 'r/a.md': release({ tags: '[Visas, Work]' }) }), ['--format', 'html']);
    expect(fine.code).toBe(0);
    expect(Object.values(fine.files).join('')).toContain('<p id="tags">Visas,Work</p>');
  });

  it('reports an object printed as it is in a plain text, which would say [object Object] there and in the e-mail message made from it', async () => {
    for (const [source, column] of [['Dates: {{ dates }}', 8], ['{{ release.contacts }}', 1], ['{{ site | raw }}', 1]] as const) {
      const result = await build(await project({ 'templates/default/partials/contacts-text.liquid': `${source}\n` }), ['--format', 'text']);
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file: 'templates/default/partials/contacts-text.liquid', line: 1, column, ruleId: 'template/render',
        message: expect.stringContaining('which would show as [object Object]: name one of its fields') as unknown,
      })]);
      expect(result.files, source).toEqual({});
    }
    // A list of texts is written as before, its items run together, and a name of an object's is written as it is.
    const fine = await build(await project({ 'templates/default/partials/contacts-text.liquid': '[{{ release.tags }}] [{{ release.contacts.first.name | raw }}]\n', 'r/a.md': release({ tags: '[Visas, Work]' }) }), ['--format', 'text']);
    expect(fine.code).toBe(0);
    expect(Object.values(fine.files).join('')).toContain('[VisasWork] [Press Office]');
  });

  it('reports NaN or Infinity printed, a division by zero, in a page and in a plain text, where it is; a number prints', async () => {
    const cases = [
      ['html', 'templates/default/partials/contacts.liquid', '<p>{{ word_count | divided_by: 0 }}</p>', 4, 'Infinity'],
      ['html', 'templates/default/partials/contacts.liquid', '<p>x</p>{{ release.title | modulo: 0 | raw }}', 9, 'NaN'],
      ['text', 'templates/default/partials/contacts-text.liquid', 'Words: {{ 0 | minus: word_count | divided_by: 0 }}', 8, '-Infinity'],
    ] as const;
    for (const [format, file, source, column, value] of cases) {
      const result = await build(await project({ [file]: `${source}\n` }), ['--format', format]);
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file, line: 1, column, ruleId: 'template/render',
        message: `The value printed here is ${value}, not a number: a math filter divided by zero (divided_by: 0, modulo: 0; text counts as 0). It happened while rendering r/a.md as ${format}.`,
      })]);
      expect(result.files, source).toEqual({});
    }
    const fine = await build(await project(partial('<p id="n">{{ word_count | divided_by: 2 }}|{{ 0.5 | times: 3 }}</p>\n')), ['--format', 'html']);
    expect(fine.code).toBe(0);
    expect(Object.values(fine.files).join('')).toContain('<p id="n">2.5|1.5</p>');
  });

  it('reports an unknown variable and an unknown filter where they are', async () => {
    const variable = await build(await project(partial('<p>\n  {{ release.titel }}</p>\n')));
    expect(variable.code).toBe(1);
    expect(variable.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 2, column: 6, ruleId: 'template/render',
      message: expect.stringMatching(/^The template uses the variable release\.titel, which the template context does not have\./),
      hint: expect.stringMatching(/^Did you mean release\.title\? /),
    })]);
    // A page of the site's own is asked the same way, of its own context; a name nothing is near gets no guess.
    const listing = await build(await project({ ...partial('<p></p>\n'), 'templates/default/index.html.liquid': '{{ listing.headng }}' }));
    expect(listing.report.diagnostics[0]).toMatchObject({ ruleId: 'template/render', hint: expect.stringMatching(/^Did you mean listing\.heading\? /) });
    const far = await build(await project(partial('{{ release.zzzzzzzz }}\n')));
    expect(far.report.diagnostics[0]!.hint).toMatch(/^Check the name against the template context/);
    // A name the context does not start with may be a loop's: no guess from the page's own names.
    const loop = await build(await project(partial('{% for item in release.tags %}{{ item.nmae }}{% endfor %}{{ iten.title }}\n')));
    expect(loop.report.diagnostics.map((d) => d.hint)).toEqual([expect.stringMatching(/^Check the name against the template context/)]);
    // A loop's or an assign's name is looked up from what it was given: an item of the list, the value assigned.
    const bound: [string, string][] = [
      ['{% for c in release.contacts %}{{ c.nmae }}{% endfor %}', 'c.name'],
      ['{% for c in release.contacts limit: 1 %}{{ c.emial }}{% endfor %}', 'c.email'],
      ['{%- liquid\n  for person in release.contacts\n    echo person.phnoe\n  endfor\n-%}', 'person.phone'],
      ['{% assign tags = release.tags %}{{ tags.frist }}', 'tags.first'],
      ['{% assign who = release.contacts.first %}{{ who.rol }}', 'who.role'],
    ];
    for (const [source, meant] of bound) {
      const result = await build(await project(partial(`${source}\n`)));
      expect(result.report.diagnostics.map((d) => d.hint), source).toEqual([expect.stringMatching(new RegExp(`^Did you mean ${meant.replace('.', '\\.')}\\? `))]);
    }

    const source = '<p>{{ release.title | upcase | shout: 3 }}</p>\n';
    const filter = await build(await project(partial(source)));
    expect(filter.code).toBe(1);
    expect(filter.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 1, column: source.indexOf('shout') + 1, ruleId: 'template/syntax',
      message: expect.stringMatching(/^The template uses the filter shout, which does not exist\./),
    })]);
    expectNoStackTrace(variable.stdout + variable.stderr + filter.stdout + filter.stderr);
  });

  it('reports an expression LiquidJS would read other than as written, at the part that is out of place', async () => {
    // Each case: the partial, the reported line and the text that starts at the reported column, the message and the hint.
    // LiquidJS took each as valid, or said a `|` was missing.
    const cases: [string, number, string, RegExp, string][] = [
      ['<p>{{ release.title upcase }}</p>\n', 1, 'upcase }}', /^`upcase` follows a value without a `\|`, so it is read as a second value, not as a filter\./, 'Write `| upcase`.'],
      ['<p>{{ release.title "x" }}</p>\n', 1, '"x" }}', /^`"x"` follows a value with nothing between them;/, 'Put an operator between two values (==, !=, <, >, <=, >=, contains, and, or), or a `|` before a filter.'],
      ['{% if release.title and %}<p>x</p>{% endif %}\n', 1, 'and %}', /^The expression ends with `and`, which needs a value after it;/, 'Add a value after `and`, or take it out.'],
      ['{% if release.title = "x" %}<p>x</p>{% endif %}\n', 1, '= "x"', /^`=` is not a comparison\.$/, 'Write `==` to compare two values; to set a variable, use {% assign name = value %}.'],
      ['{% assign t = release.title shorten %}{{ t }}\n', 1, 'shorten %}', /^`shorten` follows a value without a `\|`/, 'Write `| shorten`.'],
      ['{% liquid\n  if release.title\n    echo release.title upcase\n  endif\n%}\n', 3, 'upcase', /^`upcase` follows a value without a `\|`/, 'Write `| upcase`.'],
      ['{% if release.title <> "x" %}<p>x</p>{% endif %}\n', 1, '<> "x"', /^`<>` is not an operator in LiquidJS: it is read as `<` and then `>`, which compare nothing\.$/, 'Write `!=` for "is not".'],
      ['{% if release.title == and release.id %}<p>x</p>{% endif %}\n', 1, '== and', /^The operators `== and` follow each other with no value between them\.$/, 'Put a value between two operators, or take one out.'],
      // A filter given more or fewer arguments than it takes: LiquidJS passes over the extra ones, and gives a missing one no value.
      ['<p>{{ release.title | shorten: 60, 70 }}</p>\n', 1, 'shorten: 60', /^The filter shorten takes at most one argument, and is given 2\.$/, 'Write it as `| shorten: 70`.'],
      ['<p>{{ release.title | upcase: true }}</p>\n', 1, 'upcase: true', /^The filter upcase takes no argument, and is given 1\.$/, 'Write it as `| upcase`.'],
      ['{% assign n = release.tags.size | plus %}{{ n }}\n', 1, 'plus %}', /^The filter plus takes one argument, and is given none\.$/, 'Write it as `| plus: 1`.'],
      // `default` with no value to fall back on printed nothing for a release without a subtitle, without a word.
      ['<p>{{ release.subtitle | default }}</p>\n', 1, 'default }}', /^The filter default takes one or two arguments, and is given none\.$/, "Write it as `| default: 'none'`."],
      ['<p>{{ release.date | date: "%d", "UTC", 3 }}</p>\n', 1, 'date: "%d"', /^The filter date takes at most two arguments, and is given 3\.$/, 'Write it as `| date: "%d.%m.%Y"` or `| date: "%H:%M", "Europe/London"`.'],
      ['<p>{{ release.title | replace: "-" }}</p>\n', 1, 'replace: "-"', /^The filter replace takes two arguments, and is given 1\.$/, "Write it as `| replace: 'old', 'new'`."],
      // A text, nil or a range where a number goes: LiquidJS cut any title to `...`, added nothing, divided to Infinity, without a word.
      ["<p>{{ release.title | truncate: 'x' }}</p>\n", 1, "'x' }}", /^The filter truncate takes a number as its first argument, the length, and is given `'x'`, which is none: LiquidJS would compute with it all the same and write something other than meant, without a word\.$/, "Write it as `| truncate: 50` or `| truncate: 50, '…'`."],
      ['<p>{{ release.summary | truncatewords: "" }}</p>\n', 1, '"" }}', /^The filter truncatewords takes a number as its first argument, the number of words, and is given `""`, which is none:/, "Write it as `| truncatewords: 15` or `| truncatewords: 15, '…'`."],
      ['{% assign n = release.tags.size | plus: nil %}{{ n }}\n', 1, 'nil %}', /^The filter plus takes a number as its first argument, the number to add, and is given `nil`, which is none:/, 'Write it as `| plus: 1`.'],
      ["{% assign half = release.tags.size | divided_by: 'two' %}{{ half }}\n", 1, "'two'", /^The filter divided_by takes a number as its first argument, the number to divide by, and is given `'two'`, which is none:/, 'Write it as `| divided_by: 2`.'],
      ['<p>{{ release.title | slice: 0, (1..3) }}</p>\n', 1, '(1..3) }}', /^The filter slice takes a number as its second argument, the length, and is given `\(1\.\.3\)`, which is none:/, 'Write it as `| slice: 0, 10`.'],
      // A range without one of its ends: "Template syntax error: unexpected token ")", value expected".
      ['{% for i in (1..) %}<p>{{ i }}</p>{% endfor %}\n', 1, ') %}', /^The range \(1\.\.\) has no last number: a range goes from a first number to a last, and LiquidJS reads none without both\.$/, 'Write both ends, numbers or values that hold them: (1..3), (1..release.tags.size).'],
      ['<p>{{ (.. release.tags.size) | join: "," }}</p>\n', 1, '.. release', /^The range \(\.\.release\.tags\.size\) has no first number:/, 'Write both ends, numbers or values that hold them: (1..3), (1..release.tags.size).'],
      ['{% assign r = (..) %}{{ r }}\n', 1, '..) %}', /^The range \(\.\.\) has neither a first nor a last number:/, 'Write both ends, numbers or values that hold them: (1..3), (1..release.tags.size).'],
      // Incomplete: a `|` with no filter, an echo of nothing, an include `with` nothing.
      ['<p>{{ release.title | }}</p>\n', 1, '| }}', /^A `\|` ends the expression with no filter after it: LiquidJS would leave it out without a word\.$/, 'Name the filter after `|` (`| upcase`), or take the `|` out.'],
      ['<p>{% echo %}</p>\n', 1, '{% echo %}', /^The tag \{% echo %\} names nothing to write, so it writes nothing\.$/, 'Name a value after it, as in an output: {% echo release.title %}.'],
      ['{% if %}<p>x</p>{% endif %}\n', 1, ' %}<p>', /^The tag has nothing to test or compare after its name: its condition or value is missing\.$/, 'Write the value after the tag\'s name: {% if release.subtitle %}, {% case release.lang %}, {% when "en" %}.'],
      ['{% for %}<p>x</p>{% endfor %}\n', 1, '{% for %}', /^The tag \{% for %\} names no list to go through\.$/, "Write the item's name and the list: {% for tag in release.tags %}."],
      // A loop written otherwise: "Template syntax error: illegal tag: {% for c of release.contacts %}".
      ['{% for c of release.contacts %}<p>{{ c.name }}</p>{% endfor %}\n', 1, '{% for c of', /^The tag \{% for c of release\.contacts %\} cannot be read as a loop: it is written as the item's name, `in` and the list to go through\.$/, 'Write {% for c in release.contacts %}.'],
      ['{% for release.tags %}<p>x</p>{% endfor %}\n', 1, '{% for release', /^The tag \{% for release\.tags %\} cannot be read as a loop:/, 'Write {% for item in release.tags %}.'],
      ['{% for c in %}<p>x</p>{% endfor %}\n', 1, '{% for c in', /^The tag \{% for c in %\} cannot be read as a loop:/, 'Name the list after `in`, such as {% for c in release.contacts %}.'],
      ['{% assign %}\n', 1, ' %}', /^The tag names no variable to set\.$/, 'Write the name and the value: {% assign lead = release.summary %}, {% capture lead %}…{% endcapture %}.'],
      // LiquidJS's own words, "Template syntax error: invalid capture name", "illegal file path", "invalid value expression: "= 1"".
      ['<ul>{% for t in release.tags %}<li class="{% cycle %}">{{ t }}</li>{% endfor %}</ul>\n', 1, ' %}">', /^The tag \{% cycle %\} names no values to go through, one each time it is reached\.$/, "Name them after the tag: {% cycle 'odd', 'even' %}."],
      ['{% capture %}<p>x</p>{% endcapture %}\n', 1, ' %}<p>', /^The tag \{% capture %\} names no variable to hold what it captures\.$/, 'Name it after the tag: {% capture lead %}…{% endcapture %}, then {{ lead }}.'],
      ['<p>{% include %}</p>\n', 1, ' %}</p>', /^The tag names no file to include, render or lay out the page in\.$/, "Name the file by its path in the set, in quotes: {% include 'partials/contacts' %}, {% layout 'layouts/page' %}."],
      // A name given to a partial without its value: LiquidJS gave it `true`, and the partial failed on "release is the boolean true here".
      ["{% render 'partials/right', sep: ', ', release %}\n", 1, 'release %}', /^`release` is named in the \{% render %\} tag without a value: LiquidJS gives the partial release as `true`, not the value of that name\.$/, 'Write `release: release`, the name the partial uses and the value it is given.'],
      ['{% assign n == 1 %}{{ n }}\n', 1, '= 1', /^The tag \{% assign %\} sets a variable with one `=`, not `==`, which compares\.$/, 'Write {% assign name = value %}; a comparison is written in an {% if %}, or assigned whole: {% assign same = a == b %}.'],
      ["{% include 'partials/right' with %}\n", 1, "{% include", /^The tag \{% include %\} ends with `with` and no value after it, so the partial is given nothing by it\.$/, "Name the value and what the partial calls it ({% include 'partials/tags', tags: release.tags %}), or take `with` out."],
      // A text whose quote is never closed: LiquidJS read it to the end of the tag, `{% if release.lang == 'en" %}` true for en, `'abc` as `ab`.
      ["{% if release.lang == 'en\" %}<p>x</p>{% endif %}\n", 1, "'en\" %}", /^The text opened here with ' is never closed: LiquidJS would take the rest of the tag as the text, and compare or write something other than what is written, without a word\.$/, 'Close it with \' where the text ends (a text opened with \' is closed with \', one opened with " with ").'],
      ['{% liquid\n  assign t = release.title | append: " —\n  echo t\n%}\n', 2, '" —', /^The text opened here with " is never closed:/, 'Close it with " where the text ends (a text opened with \' is closed with \', one opened with " with ").'],
      // A character LiquidJS cannot read, after which it dropped the rest: told as `==` with no value after it, or "expected "|" before filter".
      ['{% if release.lang == “en” %}<p>x</p>{% endif %}\n', 1, '“en”', /^`“` is a typographic quote, which Liquid does not read as a quote: LiquidJS would drop the rest of the expression from here, without a word\.$/, 'Write the text in straight quotes: "en" or \'en\'.'],
      ['{% if release.lang == \\"en\\" %}<p>x</p>{% endif %}\n', 1, '\\"en', /^`\\` cannot stand here: it is no value, operator or `\|` to LiquidJS, which would drop the rest of the expression from here\.$/, 'Write a text in quotes alone, without backslashes before them: "en" or \'en\'.'],
      ['<p>{{ release.title ; }}</p>\n', 1, '; }}', /^`;` cannot stand here:/, 'Take it out, or write what was meant: a value, an operator (==, !=, <, >, <=, >=, contains, and, or) or a `|` before a filter.'],
      // `{% else if %}`: an `{% unless %}` took it for `{% else %}`, and an `{% if %}` was reported at its own tag, "Template syntax error: unexpected …".
      ['{% unless release.title %}<p>x</p>{% else if release.id %}<p>y</p>{% endunless %}\n', 1, '{% else if', /^\{% else if … %\} is no tag of Liquid: LiquidJS reads it as \{% else %\} given words it does not take, or drops them without a word\.$/, 'Write {% elsif release.id %} in an {% if %} or {% unless %}, {% when … %} in a {% case %}.'],
      ['<p>{% if release.lang == "en" %}E{% else if release.lang == "ru" %}R{% endif %}</p>\n', 1, '{% else if', /^\{% else if … %\} is no tag of Liquid:/, 'Write {% elsif release.lang == "ru" %} in an {% if %} or {% unless %}, {% when … %} in a {% case %}.'],
      // A branch after the last: a {% case %} wrote "OP" for a release in ru and dropped a second {% else %}, an {% if %} said "duplicated else" at the {% if %}.
      ["{% case release.lang %}{% when 'en' %}E{% else %}O{% when 'ru' %}P{% endcase %}\n", 1, "{% when 'ru'", /^The tag \{% when %\} comes after the \{% else %\} of its \{% case %\}, which is the last branch: a \{% when %\} goes before it\.$/, 'Move this {% when %} and what it holds before the {% else %}.'],
      ['{% if release.title %}a{% else %}b{% else %}c{% endif %}\n', 1, '{% else %}c', /^The tag \{% else %\} comes after the \{% else %\} of its \{% if %\}, which is the last branch: a block has one \{% else %\}\.$/, 'Keep one {% else %} in the {% if %}, or make this branch an {% elsif … %} before the {% else %}.'],
      ['<ul>{% for c in release.contacts %}<li>{{ c.name }}</li>{% endfor c %}</ul>\n', 1, '{% endfor c', /^The tag \{% endfor %\} takes nothing after its name, and is given `c`\.$/, 'Write {% endfor %}.'],
    ];
    const files = Object.fromEntries(cases.map(([source], i) => [`templates/default/partials/case-${i}.liquid`, source]));
    // Written as they should be, the same expressions are read without a word.
    const right = '{% if release.title == empty or release.tags contains "visa" and not release.id %}{% endif %}{{ release.title | truncate: 40, "…" | replace: "a", "b" | append: "." }}{{ release.date | format_datetime: "en", "UTC" }}{% if not release.title %}{% endif %}{% assign t = release.title | shorten: 20 %}{% assign same = t == release.title %}{{ (1..3) | join: "," }}{{ release.title | strip: "-" | lstrip: " " | rstrip: "." }}{{ release.tags | concat | size }}{% if release.title and release.id or false %}{{ release.title | upcase }}{% endif %}{% assign q = "it\'s" | append: \'a\\\'b\' %}{{ q }}{% capture c %}x{% endcapture c %}{% for c in release.contacts %}{% if c.name %}a{% else %}b{% endif %}{% else %}none{% endfor %}{% case release.lang %}{% when "en" %}{% if release.id %}{% else %}{% endif %}{% else %}o{% endcase %}{{ release.subtitle | default: "none", allow_false: true }}{{ release.contacts | where: "role" | json: 2 }}{{ release.date | date: "%H", "UTC" }}{{ release.date | date }}{% if false %}{% render \'partials/none\', sep: \', x\', label: "a, b", id: release.id %}{% endif %}{% if release.id %}{% block x %}{% endblock x %}{% endif %}{{ release.title | truncate: "12" | truncatewords: 3, "…" | slice: 0, 3 }}{{ release.tags.size | plus: release.tags.size | times: -1 | round: 2 | at_least: 0 }}\n';
    const result = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: await project({ ...files, ...UNUSED_OFF, 'templates/default/partials/right.liquid': right }) });
    expect(result.code).toBe(1);
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    cases.forEach(([source, line, at, message, hint], i) => {
      const column = source.split('\n')[line - 1]!.indexOf(at) + 1;
      expect(result.stdout).toMatch(new RegExp(`partials/case-${i}\\.liquid\\n {2}${line}:${column} +error +${message.source.replace(/^\^|\$$/g, '')}[^\\n]*template/syntax\\n +hint +${escape(hint)}\\n`));
    });
    expect(result.stdout).not.toContain('right.liquid');
    expectNoStackTrace(result.stdout + result.stderr);
  });

  it('places an expression read other than as written in an included partial at the partial\'s own line, as a build meets it', async () => {
    // A build parses a partial when the page first includes it, not beforehand as validate does.
    const result = await build(await project(partial('<section>\n<p>{{ release.title upcase }}</p>\n</section>\n')));
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 2, column: 21, ruleId: 'template/syntax',
      message: expect.stringMatching(/^`upcase` follows a value without a `\|`/),
    })]);
  });

  it('suggests the filter, tag or file a misspelt name was meant to be', async () => {
    const files = {
      'templates/default/partials/a.liquid': '<p>{{ release.title | upcasee }}</p>\n',
      'templates/default/partials/b.liquid': '<p>{{ release.date | format_dates }}</p>\n',
      'templates/default/partials/c.liquid': '{% asign x = 1 %}\n',
      'templates/default/partials/d.liquid': '{% zzzzzz %}\n',
      // As Python and other languages write it: was "Did you mean {% if %}?", and `elseif` had no suggestion.
      'templates/default/partials/e.liquid': '{% if release.id %}a{% elif release.title %}b{% endif %}\n',
      'templates/default/partials/f.liquid': '{% if release.id %}a{% elseif release.title %}b{% endif %}\n',
    };
    const check = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: await project({ ...files, ...UNUSED_OFF }) });
    expect(check.code).toBe(1);
    const hints = [...check.stdout.matchAll(/^ {10}hint +(.+)$/gm)].map((m) => m[1]!.replace(/ (Use a LiquidJS|Templates can).*/, ''));
    expect(hints).toEqual(['Did you mean upcase?', 'Did you mean format_date?', 'Did you mean {% assign %}?', expect.not.stringMatching(/Did you mean/), 'Did you mean {% elsif %}?', 'Did you mean {% elsif %}?']);
    // An include names a file of the set, without .liquid; one a letter or a folder away gets the file's name.
    const includes: [string, string][] = [
      ["{% include 'partials/contact' %}", 'Did you mean partials/contacts? '],
      ["{% include 'partial/about' %}", 'Did you mean partials/about? '],
      ["{% include 'partials/tags.liquid' %}", 'Name it without .liquid: partials/tags. '],
      ["{% layout 'layouts/pages' %}", 'Did you mean layouts/page? '],
      ["{% include '../../package.json' %}", ''],
    ];
    for (const [source, hint] of includes) {
      const result = await build(await project(partial(`${source}\n`)));
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({ ruleId: 'template/render', hint: expect.stringMatching(new RegExp(`^${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}Templates can include only`)) })]);
    }
  });

  it('says that a partial rendered with {% render %} does not see the page\'s values, instead of calling them unknown', async () => {
    const result = await build(await project({
      'templates/default/partials/contacts.liquid': "<div>{% render 'partials/lead' %}</div>\n",
      'templates/default/partials/lead.liquid': '<p>{{ release.summary }}</p>\n',
    }));
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/lead.liquid', line: 1, column: 7, ruleId: 'template/render',
      message: expect.stringMatching(/^The template uses the variable release, which the page has but a partial rendered with \{% render %\} does not see: render gives a partial only the values named in its tag\./),
      hint: "Include it with {% include 'partials/lead' %}, which sees the page's values, or name the value in the tag: {% render 'partials/lead', release: release %}.",
    })]);
    const passed = await build(await project({
      'templates/default/partials/contacts.liquid': "<div>{% render 'partials/lead', release: release %}</div>\n",
      'templates/default/partials/lead.liquid': '<p>{{ release.summary }}</p>\n',
    }));
    expect(passed.code, passed.stdout).toBe(0);
    expect(passed.files['en/service-opens-new-residence-permit-centre.html']).toContain('<div><p>A summary.</p>\n</div>');
  });

  it('suggests the key a loop\'s item was meant to have in a partial the loop includes or renders, from the item itself', async () => {
    const cases: [string, string, string][] = [
      ["{% for item in release.contacts %}{% include 'partials/card' %}{% endfor %}", '<p>{{ item.nmae }}</p>\n', 'item.name'],
      ["{% for c in release.contacts %}{% render 'partials/card', item: c %}{% endfor %}", '<p>{{ item.emial }}</p>\n', 'item.email'],
      ["{% render 'partials/card' for release.contacts as person %}", '<p>{{ person.rol }}</p>\n', 'person.role'],
      ["{% for item in release.contacts %}{% include 'partials/card' %}{% endfor %}", '<p>{{ item.name.sise }}</p>\n', 'item.name.size'],
    ];
    for (const [includer, card, meant] of cases) {
      const result = await build(await project({ ...partial(`${includer}\n`), 'templates/default/partials/card.liquid': card }));
      expect(result.code, card).toBe(1);
      expect(result.report.diagnostics, card).toEqual([expect.objectContaining({
        file: 'templates/default/partials/card.liquid', line: 1, column: 7, ruleId: 'template/render',
        hint: expect.stringMatching(new RegExp(`^Did you mean ${meant.replace(/\./g, '\\.')}\\? `)) as unknown,
      })]);
    }
  });

  it('says what a value was when a key is read of a text or a list, and what a loop over one went through', async () => {
    const cases: [string, string, RegExp, string][] = [
      ['<ul>\n{% for c in release.title %}<li>{{ c.name }}</li>{% endfor %}</ul>\n', 'c.name',
        /^The template uses c\.name, but c is the text "Service opens new residence permit centre" here, which has no name\./,
        '{% for c in release.title %} goes through release.title, which is a text, not a list: its one item is the value itself. Loop over a list, such as release.contacts or release.tags.'],
      ['<ul>\n{% for c in release %}<li>{{ c.titel }}</li>{% endfor %}</ul>\n', 'c.titel',
        /^The template uses c\.titel, but c is a list here, which has no titel: a list has its items, first, last and size\./,
        '{% for c in release %} goes through an object, one [key, value] pair at a time: c[0] is a key and c[1] its value. To use one of its fields, name it: {{ release.title }}.'],
      ['<p>\n{{ release.contacts.name }}</p>\n', 'release.contacts.name',
        /^The template uses release\.contacts\.name, but release\.contacts is a list here, which has no name/,
        'Take one of its items ({{ release.contacts.first.name }}), or loop over it: {% for item in release.contacts %}{{ item.name }}{% endfor %}.'],
    ];
    for (const [source, at, message, hint] of cases) {
      const result = await build(await project(partial(source)));
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file: 'templates/default/partials/contacts.liquid', line: 2, column: source.split('\n')[1]!.indexOf(at) + 1, ruleId: 'template/render',
        message: expect.stringMatching(message) as unknown, hint,
      })]);
    }
  });

  it('reports a key read of a value that has none once, however many releases, each with values of its own, run into it', async () => {
    // Each of the tags was one error of its own, at the same place: `t is the text "Visas" here`, then "Permits", then "Quotas".
    const dir = await project({
      ...partial('<ul>{% for t in release.tags %}<li>{{ t.name }}</li>{% endfor %}</ul>\n'),
      'r/a.md': release({ tags: '[Visas, Permits]' }),
      'r/b.md': release({ slug: 'quotas', title: 'Quotas set', tags: '[Quotas]' }),
    });
    const built = await build(dir);
    expect(built.code).toBe(1);
    expect(built.report.diagnostics).toEqual([expect.objectContaining({ file: 'templates/default/partials/contacts.liquid', line: 1, column: 39, message: expect.stringMatching(/^The template uses t\.name, but t is the text "(Visas|Quotas)" here, which has no name\./) })]);
    const checked = await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--no-color'], { cwd: dir });
    expect(checked.code).toBe(1);
    expect(checked.stdout.match(/ error /g)).toHaveLength(1);
  });

  it('says a quoted name a filter reads of each item (where: \'nmae\') is a field the items lack, not a variable, at the quoted name', async () => {
    const cases: [string, string, RegExp, RegExp][] = [
      ["{% assign press = release.contacts | where: 'nmae', 'Press Office' %}{{ press.size }}", "'nmae'",
        /^The filter where reads the field 'nmae' of each item of the list it is given, and an item has no nmae: the quoted name is a field of the items, not a variable\./,
        /^Did you mean 'name'\? The items have name, .*email/],
      ["{{ release.contacts | group_by: 'name.first' | size }}", "'name.first'",
        /^The filter group_by reads the field 'name\.first' of each item of the list it is given, and name of an item is the text "Press Office", which has no fields\./,
        /^group_by picks items of a list of objects by one of their fields/],
      ["{{ release.tags | where: 'x' | size }}", "'x'",
        /^The filter where reads the field 'x' of each item of the list it is given, and an item is the text "Visas", which has no fields\./,
        /use `where_exp` with a name for the item/],
    ];
    for (const [source, at, message, hint] of cases) {
      const result = await build(await project({ ...partial(`<p>\n${source}</p>\n`), 'r/a.md': release({ tags: '[Visas]' }) }));
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file: 'templates/default/partials/contacts.liquid', line: 2, column: source.indexOf(at) + 1, ruleId: 'template/render',
        message: expect.stringMatching(message) as unknown, hint: expect.stringMatching(hint) as unknown,
      })]);
      expect(result.report.diagnostics[0]!.message, source).not.toMatch(/variable (nmae|x|name)\b/);
    }
    const fine = await build(await project({ ...partial("{% assign press = release.contacts | where: 'name', 'Press Office' %}<p>{{ press.first.email }}</p>\n") }));
    expect(fine.code, fine.stdout).toBe(0);
  });

  it('says a field that sort, sort_natural, map or sum reads of each item and no item has (sort: \'nmae\') is misspelt, at the quoted name', async () => {
    const contacts = "[{ name: Press Office, email: press@example.az }, { name: Aysel Mammadova, role: Spokesperson, email: aysel@example.az }]";
    const cases: [string, string, RegExp, RegExp][] = [
      ["{% assign people = release.contacts | sort: 'nmae' %}{{ people.first.email }}", "'nmae'",
        /^The filter sort reads the field 'nmae' of each item of the list it is given, and none of its 2 items has nmae: the list would come out in its own order, not sorted\./,
        /^Did you mean 'name'\? The items have name, role, email, phone\.$/],
      ["{{ release.contacts | sort_natural: 'rol' | size }}", "'rol'",
        /^The filter sort_natural reads the field 'rol' of each item .*, and none of its 2 items has rol: the list would come out in its own order, not sorted\./,
        /^Did you mean 'role'\? /],
      ["{{ release.contacts | map: 'emial' | join: ', ' }}", "'emial'",
        /^The filter map reads the field 'emial' of each item .*, and none of its 2 items has emial: it would give a list of nils, one for each item\./,
        /^Did you mean 'email'\? /],
      ["{{ release.contacts | sum: 'phnoe' }}", "'phnoe'",
        /^The filter sum reads the field 'phnoe' of each item .*, and none of its 2 items has phnoe: it would add up to 0\./,
        /^Did you mean 'phone'\? /],
      ["{{ release.contacts | sort: 'email.domain' | size }}", "'email.domain'",
        /^The filter sort reads the field 'email\.domain' of each item of the list it is given, and email of an item is the text "press@example\.az", which has no fields\./,
        /^sort reads a path of fields of each item: each name before the last must be a field that holds an object/],
      ["{{ release.tags | sort: 'name' | join: ', ' }}", "'name'",
        /^The filter sort reads the field 'name' of each item of the list it is given, and an item is the text "Visas", which has no fields\./,
        /^sort orders a list of objects by one of their fields .*leave the field out \(`release\.tags \| sort`\)/],
    ];
    for (const [source, at, message, hint] of cases) {
      const result = await build(await project({ ...partial(`<p>\n${source}</p>\n`), 'r/a.md': release({ tags: '[Visas, Asylum]', contacts }) }));
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file: 'templates/default/partials/contacts.liquid', line: 2, column: source.indexOf(at) + 1, ruleId: 'template/render',
        message: expect.stringMatching(message) as unknown, hint: expect.stringMatching(hint) as unknown,
      })]);
    }
  });

  it('takes a field that sort, map or sum reads as written where an item has it, null on the others, and a list given no field as it is', async () => {
    // The first contact has no role or phone (null), the second no email: none of them is a misspelling.
    const contacts = "[{ name: Press Office, email: press@example.az }, { name: Aysel Mammadova, role: Spokesperson, phone: '+994 12 555 01 00' }]";
    const source = [
      "{% assign by_role = release.contacts | sort: 'role' %}{% for c in by_role %}[{{ c.name }}]{% endfor %}",
      "{{ release.contacts | sort_natural: 'phone' | map: 'name' | join: '/' }}",
      "{{ release.contacts | map: 'role' | compact | join: ',' }}|{{ release.contacts | sum: 'phone' }}",
      "{{ release.contacts | sort: 'name.size' | map: 'name.size' | join: ',' }}|{{ release.tags | sort | join: ',' }}|{{ release.tags | sort_natural | join: ',' }}",
    ].join('\n');
    const result = await build(await project({ ...partial(`<p>\n${source}</p>\n`), 'r/a.md': release({ tags: '[Visas, Asylum]', contacts }) }));
    expect(result.code, result.stdout).toBe(0);
    expect(result.files['en/service-opens-new-residence-permit-centre.html']).toContain(
      '<p>\n[Aysel Mammadova][Press Office]\nAysel Mammadova/Press Office\nSpokesperson|0\n12,15|Asylum,Visas|Asylum,Visas</p>');
  });

  it('says a field no entry of a listing has (sort: \'dat\', a dotted path too) is misspelt, on the site\'s own pages, and sorts by one that some lack', async () => {
    const releases = {
      'r/a.md': release({ title: 'Older release with a place', date: '2026-05-01', location: 'Baku', tags: '[Visas]' }),
      'r/b.md': release({ title: 'Newer release without one', date: '2026-05-20' }),
    };
    const builtin = await readFile(join(BUILTIN, 'default/index.html.liquid'), 'utf8');
    const index = (line: string) => ({ 'templates/default/index.html.liquid': `${line}\n${builtin}` });
    const cases: [string, string, RegExp][] = [
      ["{% assign entries = listing.entries | sort: 'dat' %}", "'dat'", /^Did you mean 'date'\? The items have title, href, url, date, date_iso, location, /],
      ["{% assign places = listing.entries | map: 'loction' %}", "'loction'", /^Did you mean 'location'\? /],
      // The entry without tags reads nil on the way (tags.first) and tells nothing; the one with tags lacks nme.
      ["{% assign entries = listing.entries | sort: 'tags.first.nme' %}", "'tags.first.nme'", /^Did you mean 'tags\.first\.name'\? Its tags\.first has name, href\.$/],
    ];
    for (const [line, at, hint] of cases) {
      const result = await build(await project({ ...releases, ...index(line) }));
      expect(result.code, line).toBe(1);
      expect(result.report.diagnostics, line).toEqual([expect.objectContaining({
        file: 'templates/default/index.html.liquid', line: 1, column: line.indexOf(at) + 1, ruleId: 'template/render',
        message: expect.stringMatching(/, and none of its 2 items has /) as unknown, hint: expect.stringMatching(hint) as unknown,
      })]);
    }
    const dir = await project({
      ...releases,
      'templates/default/index.html.liquid': "<!doctype html><title>{{ page.title }}</title>{% assign entries = listing.entries | sort: 'location' %}<p class=\"by-place\">{% for e in entries %}[{{ e.title }}]{% endfor %}|{{ listing.entries | sort: 'tags.first.name' | map: 'summary' | size }}|{{ listing.entries | sort: 'date_iso' | map: 'title' | first }}</p>\n",
    });
    const fine = await build(dir);
    expect(fine.code, fine.stdout).toBe(0);
    const page = await readFile(join(dir, 'dist/en/index.html'), 'utf8');
    expect(page).toContain('<p class="by-place">[Older release with a place][Newer release without one]|2|Older release with a place</p>');
  });

  it('says that a loop\'s item the template rendering a partial does not pass is unseen there, naming the loop and the tag', async () => {
    const result = await build(await project({
      'templates/default/partials/contacts.liquid': "<ul>\n{% for item in release.contacts %}{% render 'partials/card' %}{% endfor %}</ul>\n",
      'templates/default/partials/card.liquid': '<li>{{ item.name }}</li>\n',
    }));
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/card.liquid', line: 1, column: 8, ruleId: 'template/render',
      message: expect.stringMatching(/^The template uses the variable item, which partials\/contacts gives its \{% for item in release\.contacts %\} loop's items but does not pass to this partial: \{% render %\} gives a partial only the values named in its tag\./) as unknown,
      hint: "Name it in the tag: {% render 'partials/card', item: item %}, or include the partial with {% include 'partials/card' %}, which sees the values of the template that includes it.",
      related: expect.objectContaining({ file: 'templates/default/partials/contacts.liquid', line: 2, column: 35, message: 'partials/card is rendered here without item' }) as unknown,
    })]);
  });

  it('says that include or render `with` and no `as` gives the value the partial\'s whole name, not its short one, and how to name it', async () => {
    const card = { 'templates/default/partials/card.liquid': '<p>{{ card.name }}</p>\n' };
    const cases: [string, string][] = [
      ["<div>\n{% include 'partials/card' with release.contacts.first %}</div>\n", "{% include 'partials/card', card: release.contacts.first %}"],
      ["<div>\n{% render 'partials/card' with release.contacts.first %}</div>\n", "{% render 'partials/card' with release.contacts.first as card %}"],
    ];
    for (const [includer, fixed] of cases) {
      const result = await build(await project({ ...card, ...partial(includer) }));
      expect(result.code, includer).toBe(1);
      expect(result.report.diagnostics, includer).toEqual([expect.objectContaining({
        file: 'templates/default/partials/card.liquid', line: 1, column: 7, ruleId: 'template/render',
        message: expect.stringMatching(/^The template uses the variable card, but \{% (include|render) 'partials\/card' with … %\} gives the value the partial's whole name, partials\/card, not card: a name with a \/ cannot be written as a variable\./) as unknown,
        hint: `Give the value a name in the tag: ${fixed}.`,
        related: expect.objectContaining({ file: 'templates/default/partials/contacts.liquid', line: 2, column: 1 }) as unknown,
      })]);
      // Written as the hint says, the partial sees the value by its short name.
      const right = await build(await project({ ...card, ...partial(`<div>\n${fixed}</div>\n`) }));
      expect(right.code, right.stdout).toBe(0);
      expect(right.files['en/service-opens-new-residence-permit-centre.html']).toContain('<p>Press Office</p>');
    }
  });

  it('reports a filter that throws on this release\'s values', async () => {
    const result = await build(await project(partial('<p>{{ release.date | format_date: "fr_FR" }}</p>\n')));
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 1, ruleId: 'template/render',
      message: expect.stringContaining('format_date: the language must be a BCP 47 tag such as en, az or ru, not "fr_FR"'),
    })]);
  });

  it('reports an argument a filter refuses at the filter, in the filter\'s words, with how to write it', async () => {
    // Each case: the partial's line, the column of the filter's name, the message and the hint. A time zone that is none was
    // the date library's `Invalid time zone specified`, and every case `Template rendering error: …` at the `{{`.
    const cases: [string, number, string, string][] = [
      ["<p>{{ release.title | upcase | shorten: 'abc' }}</p>", 32, 'In the filter shorten: the length must be a whole number from 8 to 10000, not "abc".', 'Write it as `| shorten: 70`.'],
      ["<p>{{ release.date | format_datetime: 'en', 'Mars/Olympus' }}</p>", 22, 'In the filter format_datetime: the time zone must be an IANA name such as Europe/London or Asia/Baku, not "Mars/Olympus".', "Write it as `| format_datetime` or `| format_datetime: 'az', 'Europe/London'`."],
      ['<p>{{ release.date | date: "%H:%M", "Mars/Olympus" }}</p>', 22, 'In the filter date: the time zone must be an IANA name such as Europe/London or Asia/Baku, not "Mars/Olympus".', 'Write it as `| date: "%H:%M", "Europe/London"`.'],
      ['<p>{% assign people = release.contacts | upper %}</p>', 42, 'In the filter upper: the value must be text, not a list (name one of its fields, or loop over it).', 'Give it text; a filter that fails here fails on this release\'s values.'],
    ];
    for (const [source, column, message, hint] of cases) {
      const result = await build(await project(partial(`${source}\n`)));
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({ file: 'templates/default/partials/contacts.liquid', line: 1, column, ruleId: 'template/render', hint })]);
      expect(result.report.diagnostics[0]!.message.startsWith(`${message} It happened while rendering`), result.report.diagnostics[0]!.message).toBe(true);
    }
    // The zone written right renders.
    const right = await build(await project(partial('<p id="t">{{ release.date | date: "%H:%M", "Europe/London" }}|{{ release.date | format_datetime: "en", "Asia/Baku" }}</p>\n')));
    expect(right.code, right.stdout).toBe(0);
  });

  it('fails the release in every format: with --keep-going none of its outputs is written, and the formats without the template are', async () => {
    const dir = await project(partial('{{ nope }}\n'));
    const strict = await build(dir, ['--format', 'html,text,json']);
    expect(strict.code).toBe(1);
    expect(strict.files).toEqual({});
    const keepGoing = await build(dir, ['--format', 'html,text,json', '--keep-going']);
    expect(keepGoing.code).toBe(1);
    expect(Object.keys(keepGoing.files).filter((path) => path.includes('residence-permit-centre'))).toEqual([]);
    expect(keepGoing.report.diagnostics).toHaveLength(1);
    // Built without the broken format, the release is whole.
    const withoutHtml = await build(dir, ['--format', 'text,json', '--keep-going']);
    expect(withoutHtml.code).toBe(0);
    expect(Object.keys(withoutHtml.files).sort()).toEqual(['en/service-opens-new-residence-permit-centre.json', 'en/service-opens-new-residence-permit-centre.txt']);
  });

  it('reports an unknown variable once, not once per release', async () => {
    const many: Record<string, string> = partial('{{ nope }}\n');
    for (let i = 0; i < 5; i++) many[`r/b${i}.md`] = release({ title: `Release number ${i}` });
    const result = await build(await project(many));
    expect(result.code).toBe(1);
    expect(result.report.diagnostics.filter((d) => d.ruleId.startsWith('template/'))).toHaveLength(1);
  });
});

describe('a template file over the size limit', () => {
  it('holds at most 1,000,000 characters, whatever bytes they take, and is an error at the file with a hint about templates', async () => {
    const dir = await project({ 'templates/big/template.yaml': 'extends: default\n', 'templates/big/release.txt.liquid': `{{ body_text }}${'é'.repeat(600_000)}\n` });
    // 1.2 MB of two-byte letters: within the characters.
    expect((await runMain(['templates', 'check', 'big', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    for (const [letter, count] of [['é', 1_000_001], ['€', 1_400_000]] as const) {
      await writeFile(join(dir, 'templates/big/release.txt.liquid'), `{{ body_text }}${letter.repeat(count)}\n`);
      const result = await runMain(['templates', 'check', 'big', 'r', '--now', NOW], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^templates\/big\/release\.txt\.liquid\n {2}1:1 +error +The template (holds 1,000,0\d\d characters,|is) over the limit of 1,000,000 characters a template file may hold\. +file\/too-large\n +hint +Move parts of it into partials/);
    }
  });
});

describe('escape and escape_once in a page', () => {
  it('escape once: a page escapes every output already, and the habit of writing them does not escape it twice', async () => {
    const dir = await project({ ...partial('<p id="e">{{ release.title | escape }}|{{ release.title | escape_once }}|{{ "a &amp; b" | escape_once }}|{{ body_html | escape | size }}</p>\n'), 'r/a.md': release({ title: '"Tom & Jerry <b>"' }) });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code).toBe(0);
    expect(Object.values(result.files).join('')).toMatch(/<p id="e">Tom &amp; Jerry &lt;b&gt;\|Tom &amp; Jerry &lt;b&gt;\|a &amp; b\|\d+<\/p>/);
  });
});

describe('template safety', () => {
  const hostile = {
    title: '"Title <img src=x onerror=alert(1)> & <script>alert(2)</script>"',
    summary: '"</script><script>alert(3)</script>"',
    subtitle: '"x\\" onmouseover=\\"alert(4)"',
  };

  it('escapes every release value in HTML, even through | raw, echo, capture and json_script; only the body is HTML', async () => {
    const dir = await project({
      'r/a.md': release(hostile, 'Body with **bold** and <b>raw</b>.\n'),
      'templates/default/partials/contacts.liquid': [
        '<p id="raw">{{ release.title | raw }}</p>',
        '<p id="echo">{% echo release.title | raw %}</p>',
        '<p id="liquid">{% liquid echo release.summary | raw %}</p>',
        '{% capture t %}{{ release.title }}{% endcapture %}<p id="capture">{{ t | raw }}</p>',
        '<p id="append">{{ body_html | append: release.title | raw }}</p>',
        '<p id="attr" title="{{ release.subtitle | raw }}">x</p>',
        '<p id="json" title="{{ release | json_script }}">x</p>',
        '<div id="body">{{ body_html }}</div>',
        '',
      ].join('\n'),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const html = Object.values(result.files)[0]!;
    expect(html).not.toMatch(/<img src=x|<script>alert|onmouseover="alert|" onmouseover/);
    expect(html).toContain('<p id="raw">Title &lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;</p>');
    expect(html).toContain('<p id="attr" title="x&quot; onmouseover=&quot;alert(4)">x</p>');
    expect(html).toContain('<div id="body"><p>Body with <strong>bold</strong> and &lt;b&gt;raw&lt;/b&gt;.</p>');
    // The only script element is the structured data; no value opened one of its own.
    expect(html.match(/<script\b[^>]*>/g)!.every((tag) => tag === '<script type="application/ld+json">')).toBe(true);
  });

  it('writes what a capture holds once escaped in HTML and once encoded in JSON, reading it as text everywhere else', async () => {
    const dir = await project({
      'r/a.md': release({ title: '"R&D <centre>"', slug: 'a', location: 'Baku', summary: 'A summary.' }, 'Body.\n'),
      'templates/default/partials/contacts.liquid': [
        "{% capture x %}<b>{{ release.title }}</b>{% endcapture %}{% assign y = x %}",
        '<p id="cap">{{ x }}|{{ y }}|{{ x | raw }}|{% echo x %}|{{ x.size }}|{{ x | size }}|{% if x == "" %}empty{% else %}full{% endif %}|{{ x | upcase }}</p>',
        // Still a text wherever a text is read: a partial's name, `blank`, a date filter.
        "{% capture name %}partials/extra{% endcapture %}{% include name %}{% capture c %}  {% if false %}{% endif %}\n{% endcapture %}",
        // Handed to a partial rendered in a scope of its own, it is still the text the render captured.
        "{% render 'partials/shown', text: x, title: release.title %}",
        '<p id="text">{% if c == blank %}blank{% endif %}|{% capture d %}{{ release.date }}{% endcapture %}{{ d | format_date }}</p>',
        '',
      ].join('\n'),
      'templates/default/partials/extra.liquid': '<p id="extra">extra</p>',
      'templates/default/partials/shown.liquid': '<p id="shown">{{ text }}|{{ title }}</p>',
      'templates/default/release.json.liquid': '{ "title": {% capture t %}{{ release.title }}{% endcapture %}{{ t }}, "upper": {{ t | upcase }} }\n',
      'templates/default/template.yaml': 'name: default\nformats: [html, text, json]\n',
    });
    const result = await build(dir, ['--format', 'html,json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const escaped = '<b>R&amp;D &lt;centre&gt;</b>';
    expect(Object.keys(result.files).sort()).toEqual(['en/a.html', 'en/a.json']);
    // A filter's result is text again, and escaped, as a filtered body_html is.
    expect(result.files['en/a.html']).toContain(`<p id="cap">${escaped}|${escaped}|${escaped}|${escaped}|${escaped.length}|${escaped.length}|full|&lt;B&gt;R&amp;AMP;D &amp;LT;CENTRE&amp;GT;&lt;/B&gt;</p>`);
    expect(result.files['en/a.html']).toContain(`<p id="shown">${escaped}|R&amp;D &lt;centre&gt;</p>`);
    expect(result.files['en/a.html']).toContain('<p id="extra">extra</p>\n<p id="shown">');
    expect(result.files['en/a.html']).toContain('</p>\n<p id="text">blank|');
    expect(result.files['en/a.html']).toMatch(/<p id="text">blank\|\d{1,2} [A-Z][a-z]+ \d{4}<\/p>/);
    expect(JSON.parse(result.files['en/a.json']!)).toEqual({ title: 'R&D <centre>', upper: '"R&D <CENTRE>"' });
  });

  it('confines includes to the set: relative paths out, absolute paths and symbolic links all fail with a diagnostic', async () => {
    const cases = [
      "{% include '../../package.json' %}",
      "{% include '../../../../../../../../etc/passwd' %}",
      "{% include '/etc/passwd' %}",
      "{% render '../default/release.html.liquid' %}",
      "{% layout '/etc/hostname' %}",
    ];
    for (const source of cases) {
      const dir = await project(partial(`<p>before</p>\n  ${source}\n`));
      const result = await build(dir);
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file: 'templates/default/partials/contacts.liquid', line: 2, column: 3, ruleId: 'template/render',
        message: expect.stringMatching(/^The template includes ".+", which is not a file of the "default" set or of a set it extends\./),
      })]);
      expect(result.files, source).toEqual({});
      expectNoStackTrace(result.stdout + result.stderr);
    }
    // A template or a folder of the set that is a link is not read, and says so: passed over, the set it extends would fill its place.
    const dir = await project(partial("<p>before</p>\n  {% include 'partials/link' %}\n"));
    await symlink(join(ROOT, 'package.json'), join(dir, 'templates/default/partials/link.liquid'));
    await mkdir(join(dir, 'shared'));
    await writeFile(join(dir, 'shared/lead.liquid'), '<p>lead</p>\n');
    await symlink(join(dir, 'shared'), join(dir, 'templates/default/layouts'));
    const result = await build(dir);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([
      expect.objectContaining({ file: 'templates/default/layouts', line: 1, column: 1, ruleId: 'file/unreadable', message: 'The folder layouts of the template set "default" is a symbolic link; it is not read.' }),
      expect.objectContaining({ file: 'templates/default/partials/link.liquid', line: 1, column: 1, ruleId: 'file/unreadable', message: 'The template partials/link.liquid of the template set "default" is a symbolic link; it is not read.' }),
    ]);
    expect(result.files).toEqual({});
    expectNoStackTrace(result.stdout + result.stderr);
  });

  it('stops a template that allocates too much or runs too long, with a diagnostic', async () => {
    const memory = await build(await project(partial('{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}\n')));
    expect(memory.code).toBe(1);
    expect(memory.report.diagnostics).toEqual([expect.objectContaining({ file: 'templates/default/partials/contacts.liquid', ruleId: 'template/render', message: expect.stringContaining('limit') })]);

    // One range, made once: the loops take time, not memory, so the time limit is the one they reach however fast the machine.
    // The limit is lowered for the test (it renders on this thread): the mechanism is the same at 5 s, which would be 5 s of the suite for each.
    // At 100 ms it is still many times what the release's text takes up to the partial that loops, on a busy machine. A text build
    // renders nothing else: no listing or home page, which a pause of a busy machine could take over so short a limit too.
    const { TEMPLATE_LIMITS } = await import('../src/core/templates.js');
    const limit = TEMPLATE_LIMITS.renderLimit;
    TEMPLATE_LIMITS.renderLimit = 100;
    // Loops in tags, and loops within one filter: over a long list, and in the expression another filter runs for each item (for hours).
    const loops = [
      '{% assign r = (1..1000) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}',
      '{% assign r = (1..3000000) %}{{ r | has_exp: "y", "y == 0" }}',
      '{% assign r = (1..100000) %}{{ r | has_exp: "y", "r | has_exp: \'z\', \'z == 0\'" }}',
      '{% assign r = (1..100000) %}{{ r | reject_exp: "y", "r | find_exp: \'z\', \'z == 0\'" | size }}',
    ];
    const times = [];
    try {
      for (const loop of loops) times.push(await build(await project({ 'templates/default/partials/contacts-text.liquid': `${loop}\n` }), ['--format', 'text']));
    } finally {
      TEMPLATE_LIMITS.renderLimit = limit;
    }
    for (const [i, time] of times.entries()) {
      expect(time.code, loops[i]).toBe(1);
      expect(time.report.diagnostics, loops[i]).toEqual([expect.objectContaining({ file: 'templates/default/partials/contacts-text.liquid', ruleId: 'template/render', message: expect.stringContaining('render limit exceeded') })]);
      expectNoStackTrace(time.stdout + time.stderr);
    }
    expectNoStackTrace(memory.stdout + memory.stderr);
  });
});

describe('filters', () => {
  it('format dates in a language and zone, wrap, shorten, slugify, keep phone numbers whole and encode JSON for <script>', async () => {
    const dir = await project({
      'r/a.md': release({ title: '"İnsan alverinə qarşı mübarizə: yeni tədbirlər"', lang: 'az', date: '2014-07-24', embargo: '2027-03-01T05:00:00Z' }),
      'sets/filters/template.yaml': 'formats: [text, html]\n',
      'sets/filters/release.txt.liquid': [
        'date-ru: {{ release.date | format_date: "ru" }}',
        'date-own: {{ release.date | format_date }}',
        'embargo-en: {{ release.embargo | format_datetime: "en" }}',
        'embargo-ny: {{ release.embargo | format_datetime: "en", "America/New_York" }}',
        'slug: {{ release.title | slugify }}',
        'short: {{ release.title | shorten: 30 }}',
        '{{ "one two three four five six seven eight nine ten" | wrap: 14, "> " }}',
        '',
      ].join('\n'),
      'sets/filters/release.html.liquid': '{{ release | json_script }}{{ "+994 12-555" | no_break }}\n',
    });
    const result = await build(dir, ['--template', './sets/filters', '--format', 'text,html', '--drafts']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = result.files['az/insan-alverine-qarshi-mubarize-yeni-tedbirler.txt']!;
    expect(text).toContain('date-ru: 24 июля 2014 г.\n');
    expect(text).toContain('date-own: 24 iyul 2014\n');
    expect(text).toContain('embargo-en: 1 March 2027, 09:00 (UTC+04:00)\n');
    expect(text).toContain('embargo-ny: 1 March 2027, 00:00 (UTC-05:00)\n');
    expect(text).toContain('slug: insan-alverine-qarshi-mubarize-yeni-tedbirler\n');
    expect(text).toContain('short: İnsan alverinə qarşı mübarizə…\n');
    expect(text).toContain('> one two\n> three four\n> five six\n> seven eight\n> nine ten\n');
    const html = result.files['az/insan-alverine-qarshi-mubarize-yeni-tedbirler.html']!;
    const script = /^<script type="application\/ld\+json">(.*)<\/script>/.exec(html)!;
    expect(JSON.parse(script[1]!)).toMatchObject({ title: 'İnsan alverinə qarşı mübarizə: yeni tədbirlər', lang: 'az' });
    expect(html).toContain('+994\u00a012\u2011555');
  });

  it('tell a list or an object given where they take text, and read a number as the indent\'s spaces', async () => {
    const cases: [string, RegExp][] = [
      ['{{ release.contacts | upper }}', /upper: the value must be text, not a list \(name one of its fields, or loop over it\)/],
      ['{{ release.tags | format_date }}', /format_date: the value must be a date written as text \(release\.date, dates\.embargo_iso …\), not a list/],
      ['{{ release | shorten: 20 }}', /shorten: the value must be text, not an object/],
    ];
    for (const [source, message] of cases) {
      const result = await build(await project(partial(`<p>${source}</p>\n`)));
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics.map((d) => d.message), source).toEqual([expect.stringMatching(message)]);
    }
    // A text that is no date, or no day of the calendar, is the date filters' error too, at the filter, with the dates they take:
    // it was "Template rendering error: not a date: …" at the value, or, for `2026-02-30`, a date in March on the page.
    const dates: [string, number, string][] = [
      ['<p>{{ dates.published | format_date }}</p>', 25, '"14 May 2026"'],
      ['<p>{{ "2026-02-30" | format_datetime }}</p>', 22, '"2026-02-30"'],
      ['<p>{{ "now" | format_date }}</p>', 15, '"now"'],
    ];
    for (const [source, column, value] of dates) {
      const result = await build(await project(partial(`${source}\n`)));
      expect(result.code, source).toBe(1);
      expect(result.report.diagnostics, source).toEqual([expect.objectContaining({
        file: 'templates/default/partials/contacts.liquid', line: 1, column, ruleId: 'template/render',
        message: expect.stringMatching(new RegExp(`^In the filter format_date(time)?: the value must be a date written as text \\(release\\.date, dates\\.embargo_iso …\\), not ${value}\\.`)) as unknown,
        hint: expect.stringMatching(/^Give it a date as the template context holds one, 2026-06-12 or 2026-06-12T10:00:00\+04:00 \(release\.date, dates\.published_iso, a listing's entry\.date_iso\), not one already in words/) as unknown,
      })]);
    }
    const dir = await project({ 'sets/w/template.yaml': 'formats: [text]\n', 'sets/w/release.txt.liquid': 'Notes:\n{{ "one two three four" | wrap: 10, 4 }}\n' });
    const result = await build(dir, ['--template', './sets/w', '--format', 'text']);
    expect(result.code, result.stdout).toBe(0);
    expect(Object.values(result.files)[0]).toBe('Notes:\n    one\n    two\n    three\n    four\n');
  });
});

describe('a template that writes nothing', () => {
  it('fails its format, as a release page or a site page, and leaves the earlier output as it was', async () => {
    const dir = await project({});
    expect((await build(dir, ['--format', 'html,text'])).code).toBe(0);
    const before = await outputs(dir);
    await mkdir(join(dir, 'templates/default'), { recursive: true });
    await writeFile(join(dir, 'templates/default/release.txt.liquid'), '{% if release.lang == "az" %}\nAZ\n{% endif %}\n');
    const text = await build(dir, ['--format', 'html,text']);
    expect(text.code).toBe(1);
    expect(text.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/release.txt.liquid', line: 1, column: 1, ruleId: 'template/render',
      message: expect.stringMatching(/^The template release\.txt\.liquid wrote nothing but white space, so its page would be empty\./),
    })]);
    expect(text.files).toEqual(before);
    await writeFile(join(dir, 'templates/default/release.txt.liquid'), 'Text\n');
    await writeFile(join(dir, 'templates/default/index.html.liquid'), '');
    const page = await build(dir, ['--format', 'html,text']);
    expect(page.report.diagnostics).toEqual([expect.objectContaining({ file: 'templates/default/index.html.liquid', ruleId: 'template/render', message: expect.stringMatching(/^The template index\.html\.liquid wrote nothing, so its page would be empty\./) })]);
  });
});

describe('a template problem met while rendering a release', () => {
  it('names the release and format when it depends on what is rendered, and not when the template cannot be read at all', async () => {
    const dir = await project({
      'r/a.md': release({ title: 'First' }),
      'templates/default/release.txt.liquid': '{{ release.nosuchfield }}\n',
      'templates/default/partials/contacts.liquid': '{% if release.title %}\n',
    });
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code).toBe(1);
    const byRule = Object.fromEntries(result.report.diagnostics.map((d) => [d.ruleId, d.message]));
    expect(byRule['template/render']).toMatch(/ It happened while rendering .*a\.md as text\.$/);
    expect(byRule['template/syntax']).toBeDefined();
    expect(byRule['template/syntax']).not.toMatch(/happened while rendering/);
  });
});

describe('an error in an expression a filter reads', () => {
  it('is placed at the name in the expression the filter is given, not at the start of the page or of the output, and says what the item has', async () => {
    const dir = await project({
      'r/a.md': release({ title: 'First' }),
      'templates/default/partials/contacts.liquid': '<p>\n  {{ release.contacts | where_exp: "c", "c.nosuch == 1" | size }}</p>\n',
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 2, column: 42, ruleId: 'template/render',
      message: expect.stringMatching(/^The template uses c\.nosuch, but c has no nosuch here\./) as unknown,
      hint: expect.stringMatching(/^c has name, role, email, phone\. /) as unknown,
    })]);
    // On a later line of its tag, the expression's name is found where it is written.
    const assigned = await build(await project({
      'r/a.md': release({ title: 'First' }),
      'templates/default/partials/contacts.liquid': '{% assign named = release.contacts\n  | where_exp: "person",\n    "person.rank == 1" %}{{ named.size }}\n',
    }), ['--format', 'html']);
    expect(assigned.report.diagnostics).toEqual([expect.objectContaining({ line: 3, column: 6, message: expect.stringMatching(/^The template uses person\.rank, but person has no rank here\./) as unknown })]);
  });
});

describe('LiquidJS\'s date filters', () => {
  it('show a date in the config\'s time zone with English names, whatever the zone and locale of the machine that builds', async () => {
    // A zone no build machine is likely to be in: the old filters showed the machine's.
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}timezone: Pacific/Kiritimati\n`,
      'r/a.md': release({ title: 'Dated', date: '2026-01-28' }),
      'sets/dates/template.yaml': 'extends: default\nformats: [text]\n',
      'sets/dates/release.txt.liquid': [
        '{{ release.date | date: "%d.%m.%Y %H:%M %z" }}',
        '{{ dates.published_iso | date: "%A %-d %B %Y" }}',
        '{{ release.date | date_to_xmlschema }} / {{ release.date | date_to_rfc822 }} / {{ release.date | date_to_long_string }}',
        '{{ release.date | date: "%d.%m %H:%M", "UTC" }}',
        '{{ "now" | date: "%Y-%m-%d %H:%M %z" }} / {{ "today" | date: "%d.%m.%Y" }}',
        '',
      ].join('\n'),
    });
    const result = await build(dir, ['--template', './sets/dates', '--format', 'text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.files['en/dated.txt']).toBe([
      '28.01.2026 00:00 +1400',
      'Wednesday 28 January 2026',
      '2026-01-28T00:00:00+14:00 / Wed, 28 Jan 2026 00:00:00 +1400 / 28 January 2026',
      '27.01 10:00',
      // The build's clock (--now 2026-11-28T12:00:00+04:00), not the machine's.
      '2026-11-28 22:00 +1400 / 28.11.2026',
      '',
    ].join('\n'));
  });
});

describe('a set that shows the build\'s clock', () => {
  it('is rendered again by an incremental build at another clock, as a fresh build renders it', async () => {
    const dir = await project({
      'templates/default/partials/site-footer.liquid': '<footer>© {{ "now" | date: "%Y" }} · {{ "today" | date: "%d.%m.%Y" }}</footer>\n',
    });
    const cache = { XDG_CACHE_HOME: join(dir, 'cache') };
    const at = (now: string, ...args: string[]) => runMain(['build', 'r', '--now', now, ...args], { cwd: dir, env: cache });
    const page = 'en/service-opens-new-residence-permit-centre.html';
    expect((await at('2026-12-31T12:00:00+04:00')).code).toBe(0);
    expect(await readFile(join(dir, 'dist', page), 'utf8')).toContain('<footer>© 2026 · 31.12.2026</footer>');
    // Nothing but the clock changed: the pages still show the day they are built on, the listings and home page too.
    const next = await at('2027-01-01T12:00:00+04:00');
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect((await at('2027-01-01T12:00:00+04:00', '--out', 'fresh', '--force')).code).toBe(0);
    const incremental = await outputs(dir);
    expect(incremental[page]).toContain('<footer>© 2027 · 01.01.2027</footer>');
    expect(incremental).toEqual(await outputs(dir, 'fresh'));
    expect(await readFile(join(dir, 'dist/en/index.html'), 'utf8')).toBe(await readFile(join(dir, 'fresh/en/index.html'), 'utf8'));
  });

  it('is still built incrementally when no template names the clock', async () => {
    const dir = await project({});
    const cache = { XDG_CACHE_HOME: join(dir, 'cache') };
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir, env: cache })).code).toBe(0);
    const next = await runMain(['build', 'r', '--now', '2026-12-01T12:00:00+04:00'], { cwd: dir, env: cache });
    expect(next.stdout).toMatch(/Wrote 0 files to dist \(1 release already up to date\)/);
  });
});

describe('the JSON and text formats', () => {
  it('lets a set bring its own JSON template, where every output is JSON-encoded', async () => {
    const dir = await project({
      'sets/feed/template.yaml': 'extends: default\nformats: [html, text, json]\n',
      'sets/feed/release.json.liquid': '{"headline": {{ release.title }}, "tags": {{ release.tags }}, "lead": {{ release.summary | upcase }}, "html": {{ body_html }}}\n',
    });
    await mkdir(join(dir, 'r'), { recursive: true });
    await writeFile(join(dir, 'r/a.md'), release({ title: '\'"Quoted" <title>\'', summary: 'lead', tags: '[a, b]' }));
    const result = await build(dir, ['--template', './sets/feed', '--format', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(Object.values(result.files)[0]!)).toEqual({ headline: '"Quoted" <title>', tags: ['a', 'b'], lead: 'LEAD', html: '<p>The State Migration Service announced new measures today.</p>\n' });
  });

  it('encodes a value once in a JSON template that ends its output with | json or | jsonify, as it encodes every output', async () => {
    const dir = await project({
      'sets/feed/template.yaml': 'extends: default\nformats: [html, text, json]\n',
      'sets/feed/release.json.liquid': '{"headline": {{ release.title | json }}, "tags": {{ release.tags | jsonify }}, "id": {% capture id %}{{ release.id }}{% endcapture %}{{ id | json }}, "length": {{ release.title | json | size }}}\n',
    });
    await writeFile(join(dir, 'r/a.md'), release({ title: '\'"Quoted" <title>\'', tags: '[a, b]' }));
    const result = await build(dir, ['--template', './sets/feed', '--format', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // The title as written, not its JSON text in a string of its own (`"\"\\\"Quoted…"`); a filter after `json` gets its text, as any filter.
    expect(JSON.parse(Object.values(result.files)[0]!)).toEqual({ headline: '"Quoted" <title>', tags: ['a', 'b'], id: 'a', length: '"\\"Quoted\\" <title>"'.length });
  });
});

describe('a renderer\'s labels', () => {
  it('are each view\'s own under the set\'s, however many views of one language it renders', async () => {
    const { ReleaseRenderer } = await import('../src/core/templates.js');
    const source = '{{ labels.language_name }} / {{ labels.og_locale }} / {{ labels.press_release }}';
    const renderer = new ReleaseRenderer({
      name: 't', formats: ['text'],
      files: new Map([['release.txt.liquid', { name: 'release.txt.liquid', source, path: 't/release.txt.liquid', set: 't' }]]),
      labels: new Map([['en', { lang: 'en', values: { press_release: 'Press release', og_locale: 'en_GB' }, path: 't/labels/en.yaml' }]]),
    });
    const view = (labels: Record<string, string>) => ({ release: { lang: 'en' }, labels }) as unknown as Parameters<typeof renderer.render>[1];
    const outputs = [{ language_name: 'English', og_locale: 'en_US' }, { language_name: 'Anglais', og_locale: 'en_US' }, { language_name: 'English', og_locale: 'en_US' }, { language_name: 'English' }]
      .map((labels) => renderer.render('text', view(labels)));
    // The set's labels win over the view's; a view's own labels are never those of the view before it.
    expect(outputs.map((o) => (o.ok ? o.output : o.diagnostics))).toEqual(['English', 'Anglais', 'English', 'English'].map((name) => `${name} / en_GB / Press release\n`));
  });
});

describe('labels for a release\'s language', () => {
  it('are found without regard to case, and a regional tag falls back to its language key by key', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, en-GB, en-US]\n`,
      // en-GB has one word of its own, in a file named in lower case; en-US has none.
      'templates/default/labels/en-gb.yaml': 'immediate: FOR RELEASE FORTHWITH\n',
      'r/gb.md': release({ id: 'gb', lang: 'en-GB', slug: 'gb' }),
      'r/us.md': release({ id: 'us', lang: 'en-US', slug: 'us' }),
    });
    const validated = await runMain(['validate', 'r', '--now', NOW], { cwd: dir });
    expect(validated.code, validated.stdout).toBe(0);
    const built = await runMain(['build', 'r', '--now', NOW, '--format', 'text'], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const files = await outputs(dir);
    expect(files['en-gb/gb.txt']).toMatch(/^FOR RELEASE FORTHWITH$/m);
    expect(files['en-gb/gb.txt']).toMatch(/^Media contacts:$/m);
    expect(files['en-us/us.txt']).toMatch(/^FOR IMMEDIATE RELEASE$/m);
  });

  it('fall back to shorter forms of a tag in the same script only', async () => {
    const { labelFallbacks, labelsFor } = await import('../src/core/labels.js');
    expect(['en-GB', 'zh-Hant-TW', 'sr-Latn', 'az-Latn', 'az-Cyrl', 'ru'].map(labelFallbacks)).toEqual([
      ['en-gb', 'en'], ['zh-hant-tw', 'zh-hant'], ['sr-latn'], ['az-latn', 'az'], ['az-cyrl'], ['ru'],
    ]);
    // A tag of one part is its own only fallback: no script is looked up for it, which costs the first lookup's loading of ICU's data.
    const scripts = vi.spyOn(Intl, 'Locale');
    try {
      expect(['en', 'AZ', 'x'].map(labelFallbacks)).toEqual([['en'], ['az'], ['x']]);
      expect(scripts).not.toHaveBeenCalled();
    } finally {
      scripts.mockRestore();
    }
    const file = (lang: string, values: Record<string, string>) => [lang, { lang, values, path: `labels/${lang}.yaml` }] as const;
    const labels = new Map([file('zh', { a: 'Simplified' }), file('zh-Hant', { a: 'Traditional', b: 'Hant' }), file('sr', { a: 'Ћирилица' })]);
    expect(labelsFor(labels, 'zh-Hant-TW')).toMatchObject({ path: 'labels/zh-Hant.yaml', values: { a: 'Traditional', b: 'Hant' } });
    expect(labelsFor(labels, 'zh-CN')?.values).toEqual({ a: 'Simplified' });
    expect(labelsFor(labels, 'sr-Latn')).toBeUndefined();
  });

  it('are parsed by validate as build needs them: a template of the project that does not parse fails validate at its line, one no build reads does not', async () => {
    const broken = "{% layout 'layouts/page' %}{% block content %}{{ release.title }{% endblock %}\n";
    // The project's own default set, which a build uses without --template, and a set named on the command line.
    for (const [set, args] of [['default', []], ['mine', ['-t', 'mine']]] as const) {
      const dir = await project({ [`templates/${set}/template.yaml`]: 'extends: default\n', [`templates/${set}/release.html.liquid`]: broken, [`templates/${set}/partials/spare.liquid`]: '{% if x %}\n' });
      const validated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json', ...args], { cwd: dir });
      expect(validated.code).toBe(1);
      const found = jsonReport(validated).diagnostics.map((d) => ({ file: d.file, ruleId: d.ruleId, line: d.line, column: d.column }));
      // The partial no template includes is only warned of, as build warns of it.
      expect(found).toEqual([
        { file: `templates/${set}/partials/spare.liquid`, ruleId: 'template/unused-file', line: 1, column: 1 },
        { file: `templates/${set}/release.html.liquid`, ruleId: 'template/syntax', line: 1, column: 47 },
      ]);
      const built = await build(dir, [...args]);
      expect(built.code).toBe(1);
      expect(built.report.diagnostics.map((d) => ({ file: d.file, ruleId: d.ruleId, line: d.line, column: d.column }))).toEqual(found);
      // Mended, both pass; the partial no template includes stops neither (build warns of it as unused).
      await writeFile(join(dir, `templates/${set}/release.html.liquid`), broken.replace('title }', 'title }}'));
      expect((await runMain(['validate', 'r', '--now', NOW, ...args], { cwd: dir })).code).toBe(0);
      expect((await build(dir, [...args])).code).toBe(0);
    }
  });

  it('are warned of by validate as build warns of them: a file of the set no build reads and a block no page shows, at the same place and severity, and not at all when the config turns the rule off', async () => {
    const files = {
      'templates/house/template.yaml': 'extends: default\n',
      // A partial under a misspelt folder, which no template includes.
      'templates/house/partial/contacts.liquid': '<section class="own-contacts">{{ release.contacts.size }}</section>\n',
      // A block of the listing the layout has no place for.
      'templates/house/index.html.liquid': "{% layout 'layouts/page' %}\n{% block title %}{{ page.title }}{% endblock %}\n{% block head %}{% include 'partials/listing-meta', pagination: listing.pagination %}{% endblock %}\n{% block contnet %}<h1>{{ listing.heading }}</h1>{% endblock %}\n{% block content %}<h1>{{ listing.heading }}</h1>{% endblock %}\n",
    };
    const place = (d: JsonReport['diagnostics'][number]) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, ruleId: d.ruleId, message: d.message });
    // The set named on the command line, and the project's own default set, which both commands use without --template.
    for (const [set, args] of [['house', ['-t', 'house']], ['default', []]] as const) {
      const dir = await project(Object.fromEntries(Object.entries(files).map(([name, text]) => [name.replace('templates/house/', `templates/${set}/`), text])));
      const validated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json', ...args], { cwd: dir });
      expect(validated.code, validated.stdout).toBe(0);
      const found = jsonReport(validated).diagnostics.map(place);
      expect(found.map(({ file, line, severity, ruleId }) => ({ file, line, severity, ruleId }))).toEqual([
        { file: `templates/${set}/index.html.liquid`, line: 4, severity: 'warning', ruleId: 'template/unshown' },
        { file: `templates/${set}/partial/contacts.liquid`, line: 1, severity: 'warning', ruleId: 'template/unused-file' },
      ]);
      const built = await build(dir, [...args]);
      expect(built.code, JSON.stringify(built.report.diagnostics)).toBe(0);
      expect(built.report.diagnostics.map(place)).toEqual(found);
      // The config's severities apply to both: an error fails both, a rule turned off is said by neither.
      await writeFile(join(dir, 'migration-news.config.yaml'), `${CONFIG}rules:\n  template/unused-file: error\n  template/unshown: "off"\n`);
      const strict = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json', ...args], { cwd: dir });
      expect(strict.code).toBe(1);
      expect(jsonReport(strict).diagnostics.map(({ ruleId, severity }) => ({ ruleId, severity }))).toEqual([{ ruleId: 'template/unused-file', severity: 'error' }]);
      const strictBuild = await build(dir, [...args, '--out', 'strict']);
      expect(strictBuild.code).toBe(1);
      expect(strictBuild.report.diagnostics.map(place)).toEqual(jsonReport(strict).diagnostics.map(place));
    }
  });

  it('of the e-mail set are checked by validate in a project that sends e-mail, as build --format eml checks them, each problem once', async () => {
    const EMAIL = `${CONFIG}email:\n  from: press@migration.example.az\n`;
    const dir = await project({ 'templates/email/partials/contacts.liquid': '{% if release.contacts %}{{ release.contacts.size }\n' });
    const place = (d: JsonReport['diagnostics'][number]) => `${d.file} ${d.line}:${d.column} ${d.ruleId}`;
    const validate = async (input?: string) => jsonReport(await runMain(['validate', input ? '-' : 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir, ...(input ? { input } : {}) }));
    // A project that builds no message: its e-mail set is no build's, and validate leaves it alone, as build does.
    expect((await validate()).diagnostics).toEqual([]);
    expect((await build(dir)).code).toBe(0);
    // One that does (the config's email section): what build --format eml refuses, validate refuses, the file and its places the same.
    await writeFile(join(dir, 'migration-news.config.yaml'), EMAIL);
    const mailed = await build(dir, ['--format', 'html,eml', '--out', 'mail']);
    expect(mailed.code).toBe(1);
    const found = mailed.report.diagnostics.map(place);
    expect(found).toEqual(['templates/email/partials/contacts.liquid 1:1 template/syntax', 'templates/email/partials/contacts.liquid 1:26 template/syntax']);
    expect((await validate()).diagnostics.map(place)).toEqual(found);
    expect((await validate(await readFile(join(dir, 'r/a.md'), 'utf8'))).diagnostics.map(place)).toEqual(found);
    // A partial of the project's default set, which the e-mail set takes its files from, is told once, not once for each set.
    await rm(join(dir, 'templates/email'), { recursive: true });
    await mkdir(join(dir, 'templates/default/partials'), { recursive: true });
    await writeFile(join(dir, 'templates/default/partials/contacts.liquid'), '{% if release.contacts %}{{ release.contacts.size }\n');
    expect((await validate()).diagnostics.map(place)).toEqual(['templates/default/partials/contacts.liquid 1:1 template/syntax', 'templates/default/partials/contacts.liquid 1:26 template/syntax']);
  });

  it('are checked by templates check as by validate: a language the set has no words for fails at its lang, not at each label of the set', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, tr]\n`,
      'r/tr.md': release({ id: 'tr', lang: 'tr', slug: 'tr' }),
    });
    const checked = await runMain(['templates', 'check', 'default', 'r', '--now', NOW], { cwd: dir });
    expect(checked.code).toBe(1);
    const validated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const [found] = jsonReport(validated).diagnostics;
    expect(found).toMatchObject({ file: 'r/tr.md', line: 4, column: 7, ruleId: 'template/labels' });
    // The same error at the same place, and none in the set's own files, which are not where the mistake is.
    expect(checked.stdout).toContain(`r/tr.md\n  4:7     error    ${found!.message}  template/labels\n`);
    expect(checked.stdout).toMatch(/^✖ 1 problem \(1 error/m);
    expect(checked.stderr).toMatch(/: 4 renders of 2 releases in html, text, json, ninjs/);
    // In any of validate's reporters: a CI job's annotations, a script's JSON.
    const json = jsonReport(await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir }));
    expect(json.diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.ruleId}`)).toEqual(['r/tr.md 4:7 template/labels']);
    const github = await runMain(['templates', 'check', 'default', 'r', '--now', NOW, '--reporter', 'github'], { cwd: dir });
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=r\/tr\.md,line=4,col=7,endLine=4,endColumn=9,title=template\/labels::The release is in tr/);
  });

  it('are checked by validate as build needs them: a language the set has no words for fails at its lang', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, tr]\n`,
      'r/tr.md': release({ id: 'tr', lang: 'tr', slug: 'tr' }),
    });
    const json = async (args: string[], input?: string) => jsonReport(await runMain([...args, '--reporter', 'json', '--now', NOW], { cwd: dir, ...(input ? { input } : {}) }));
    const validated = await json(['validate', 'r']);
    for (const report of [validated, await json(['validate', '-', '--stdin-filename', 'r/tr.md'], release({ id: 'tr', lang: 'tr', slug: 'tr' }))]) {
      const found = report.diagnostics.map((d) => ({ file: d.file, ruleId: d.ruleId, line: d.line, column: d.column, hint: d.hint }));
      expect(found).toEqual([{ file: 'r/tr.md', ruleId: 'template/labels', line: 4, column: 7, hint: expect.stringContaining('templates/default/labels/tr.yaml') }]);
    }
    // Build fails on the same release with the same error, before rendering anything, once also when the e-mail set (built on
    // the default one) lacks the words as well; with the words in place both pass.
    const built = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(jsonReport(built).diagnostics).toEqual(validated.diagnostics);
    await writeFile(join(dir, 'migration-news.config.yaml'), `${CONFIG}languages: [en, tr]\nemail:\n  from: press@migration.example.az\n`);
    const mail = await runMain(['build', 'r', '--now', NOW, '--format', 'html,eml', '--out', 'mail', '--reporter', 'json'], { cwd: dir });
    expect(mail.code).toBe(1);
    expect(jsonReport(mail).diagnostics).toEqual((await json(['validate', 'r'])).diagnostics);
    // A draft the build does not write needs no words; in a preview it does.
    await writeFile(join(dir, 'r/tr.md'), release({ id: 'tr', lang: 'tr', slug: 'tr', status: 'draft' }));
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect((await runMain(['build', 'r', '--now', NOW, '--drafts', '--out', 'preview'], { cwd: dir })).code).toBe(1);
    // A withdrawn release gets a notice in its language, in the set's words: the build refuses it as validate does.
    await writeFile(join(dir, 'r/tr.md'), release({ id: 'tr', lang: 'tr', slug: 'tr', status: 'withdrawn', withdrawn_date: '2026-07-01' }));
    const withdrawn = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(withdrawn.code).toBe(1);
    expect(jsonReport(withdrawn).diagnostics).toEqual((await json(['validate', 'r'])).diagnostics);
    await writeFile(join(dir, 'r/tr.md'), release({ id: 'tr', lang: 'tr', slug: 'tr' }));
    const en = await readFile(join(BUILTIN, 'default/labels/en.yaml'), 'utf8');
    await mkdir(join(dir, 'templates/default/labels'), { recursive: true });
    await writeFile(join(dir, 'templates/default/labels/tr.yaml'), en);
    expect((await runMain(['validate', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    // An e-mail set of its own (built on no other, named through the library) without the words fails the release at its lang
    // too, naming that set.
    expect((await runMain(['templates', 'eject', 'email', '--to', 'templates/mail'], { cwd: dir })).code).toBe(0);
    const setFile = join(dir, 'templates/mail/template.yaml');
    await writeFile(setFile, (await readFile(setFile, 'utf8')).replace('name: email', 'name: mail').replace(/^extends: default\n/m, ''));
    const { buildProject } = await import('../src/app/build.js');
    const mailed = await buildProject({ cwd: dir, paths: ['r'], out: 'mail', formats: ['html', 'eml'], template: 'default', emailTemplate: 'mail', keepGoing: false, now: Date.parse(NOW) });
    expect(mailed.built).toBe(0);
    // (The English release fails on the set's own gaps: a set built on no other has only what it holds.)
    expect(mailed.diagnostics.filter((d) => d.file === 'r/tr.md').map((d) => ({ file: d.file, ruleId: d.ruleId, line: d.line, message: d.message, hint: d.hint }))).toEqual([{
      file: 'r/tr.md', ruleId: 'template/labels', line: 4,
      message: 'The release is in tr, but the template set "mail" has no labels for tr, so it cannot be built.',
      hint: 'Add templates/mail/labels/tr.yaml to the set: templates/default/labels/tr.yaml, of another of the project\'s sets, has labels for this language; copy it.',
    }]);
    // The set build would use is named as build names it.
    const other = await runMain(['validate', 'r', '--template', 'no-such-set', '--now', NOW], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/no template set named "no-such-set"/);
  });

  it('take a misspelt key, which no language has, for a misspelling: one error, with the label meant', async () => {
    const dir = await project({ ...partial('<h2>{{ labels.contact }}</h2>\n'), 'r/az.md': release({ id: 'az', lang: 'az', slug: 'az' }) });
    const typo = await build(dir);
    expect(typo.code).toBe(1);
    expect(typo.report.diagnostics).toEqual([expect.objectContaining({
      file: 'templates/default/partials/contacts.liquid', line: 1, column: 8, ruleId: 'template/labels',
      message: expect.stringMatching(/^The template uses the label "contact", which no labels file of the "default" set has\./),
      hint: expect.stringMatching(/^Did you mean labels\.contacts\? A new label needs `contact: …` in the labels file of each language, such as .+labels\/(az|en)\.yaml\.$/),
    })]);
    // A new word, near no label, is asked of each language that lacks it.
    const added = await build(await project({ ...partial('<h2>{{ labels.press_office }}</h2>\n'), 'r/az.md': release({ id: 'az', lang: 'az', slug: 'az' }) }));
    expect(added.report.diagnostics.map((d) => d.message.replace(/ It happened.*/, '')).sort()).toEqual([
      expect.stringMatching(/^The label "press_office" is missing for language az: .+labels\/az\.yaml has no `press_office`\.$/),
      expect.stringMatching(/^The label "press_office" is missing for language en: .+labels\/en\.yaml has no `press_office`\.$/),
    ]);
    // To be added to the project's own labels, not to the built-in file, which an update of the tool replaces.
    expect(added.report.diagnostics.map((d) => d.hint).sort()).toEqual(['az', 'en'].map((lang) => expect.stringMatching(new RegExp(`^Add \`press_office: …\` to templates/default/labels/${lang}\\.yaml \\(a file of the project's set, which takes every other word from .+templates/default/labels/${lang}\\.yaml; the built-in file is replaced when the tool is updated\\)\\.$`))));
  });

  it('point at a key of the language\'s file that is a misspelling of the missing one', async () => {
    const en = await readFile(join(BUILTIN, 'default/labels/en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, de]\n`,
      'r/de.md': release({ id: 'de', lang: 'de', slug: 'de' }),
      'templates/default/labels/de.yaml': en.replace(/^contacts:/m, 'contcts:'),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics).toEqual([expect.objectContaining({
      ruleId: 'template/labels',
      message: expect.stringMatching(/^The label "contacts" is missing for language de: templates\/default\/labels\/de\.yaml has no `contacts`\./),
      hint: 'templates/default/labels/de.yaml has `contcts`, which no other language has: did you mean `contacts`? Rename it, or add `contacts: …`.',
    })]);
  });

  it('name every other label the language\'s file lacks, so that a build does not stop at them one at a time', async () => {
    const en = await readFile(join(BUILTIN, 'default/labels/en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, de]\n`,
      'r/de.md': release({ id: 'de', lang: 'de', slug: 'de' }),
      'templates/default/labels/de.yaml': en.replace(/^(?:contacts|tags|newer|breadcrumbs):.*\n/gm, ''),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code).toBe(1);
    const labels = result.report.diagnostics.filter((d) => d.ruleId === 'template/labels');
    expect(labels.length).toBeGreaterThan(0);
    for (const d of labels) {
      const missing = /^The label "(\w+)" is missing for language de: templates\/default\/labels\/de\.yaml has no `\1`\. Nor has it (.+), which the set's other labels files have: a page that prints one would stop there next\./.exec(d.message);
      expect(missing, d.message).not.toBeNull();
      expect([missing![1], ...missing![2]!.split(/, | or /).map((k) => k.replace(/`/g, ''))].sort()).toEqual(['breadcrumbs', 'contacts', 'newer', 'tags']);
      expect(d.hint).toBe(`Add \`${missing![1]}: …\` and the others to templates/default/labels/de.yaml.`);
    }
  });

  it('come from one file per language', async () => {
    const dir = await project({ 'templates/default/labels/en.yml': 'contacts: Press\n', 'templates/default/labels/EN.yaml': 'contacts: Media\n' });
    const built = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(jsonReport(built).diagnostics.map((d) => `${d.ruleId} ${d.message}`)).toEqual([expect.stringMatching(/^template\/labels The labels files EN\.yaml and en\.yml are both for en/)]);
  });
});
