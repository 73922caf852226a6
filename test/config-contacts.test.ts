import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

const project = useProjects();

describe('config contacts per language', () => {
  it('gives each language its own list, and none to a language without one', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'contacts:\n  az:\n    - name: Nərmin Əlizadə\n      email: metbuat@example.az\n  en:\n    - name: Narmin Alizada\n      email: press@example.az\n',
      'r/en.md': release({ id: 'a', lang: 'en', title: 'English release' }),
      'r/az.md': release({ id: 'a', lang: 'az', title: 'Azərbaycanca reliz' }),
      'r/ru.md': release({ id: 'a', lang: 'ru', title: 'Русский релиз' }),
    });
    const result = await runMain(['build', 'r', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    const contacts = async (lang: string, slug: string) => (JSON.parse(await readFile(join(dir, 'dist', lang, `${slug}.json`), 'utf8')) as { contacts: { name: string }[] }).contacts.map((c) => c.name);
    expect(await contacts('en', 'english-release')).toEqual(['Narmin Alizada']);
    expect(await contacts('az', 'azerbaycanca-reliz')).toEqual(['Nərmin Əlizadə']);
    expect(await contacts('ru', 'russkiy-reliz')).toEqual([]);
  });

  it('still takes one list for every language', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'contacts:\n  - name: Press Office\n',
      'r/ru.md': release({ lang: 'ru', title: 'Русский релиз' }),
    });
    expect((await runMain(['build', 'r', '--format', 'json', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect((JSON.parse(await readFile(join(dir, 'dist/ru/russkiy-reliz.json'), 'utf8')) as { contacts: { name: string }[] }).contacts).toEqual([{ name: 'Press Office', role: null, email: null, phone: null }]);
  });

  it('points at the bad entry inside a language\'s list', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'contacts:\n  en:\n    - name: Narmin Alizada\n      email: not-an-address\n',
      'r/en.md': release(),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; message: string }[] }).diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'migration-news.config.yaml', line: 4 });
    expect(diagnostics[0]!.message).toMatch(/contacts\.en\[0\]\.email/);
  });

  it('names each bad field of a value given in one of its forms, and the forms a value of neither has', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'contacts:\n  en:\n    - name: A\n      phone: 0125\n      email: not-an-email\norganisation:\n  name: 5\nsite:\n  name: [a, b]\n',
      'r/en.md': release(),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { line: number; ruleId: string; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.message}`)).toEqual([
      '4 yaml/unquoted-value `contacts.en[0].phone` is read as the number 125 because it is not quoted, but it must be text.',
      '5 schema/format `contacts.en[0].email` must be an e-mail address; it is "not-an-email".',
      '7 yaml/unquoted-value `organisation.name` is read as the number 5 because it is not quoted, but it must be text.',
      '9 schema/type `site.name` must be text or a mapping, but it is a list.',
    ]);
  });

  it('reports a misspelt field of a contact or a mailbox, in either form of the list, instead of dropping it without a word', async () => {
    const dir = await project({
      'one/migration-news.config.yaml': 'contacts:\n  - name: A\n    emial: press@example.az\nemail:\n  from: {name: Press, address: press@example.az, adress: x}\n',
      'one/r/en.md': release(),
      'per-language/migration-news.config.yaml': 'contacts:\n  en:\n    - name: A\n      phon: "+994 12 555 01 00"\n',
      'per-language/r/en.md': release(),
    });
    const unknownKeys = async (folder: string) => {
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: join(dir, folder) });
      return (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; ruleId: string; hint: string }[] }).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.hint}`);
    };
    expect(await unknownKeys('one')).toEqual([
      '3:5 schema/unknown-key Did you mean `email`?',
      '5:50 schema/unknown-key Did you mean `address`?',
    ]);
    expect(await unknownKeys('per-language')).toEqual(['4:7 schema/unknown-key Did you mean `phone`?']);
  });

  it('reports a `__proto__` key of a map of languages, which the config\'s checks would pass over, as a key it ignores, and of the rules once', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'contacts: { __proto__: [{name: X, email: x@example.org}], en: [{name: Y, email: y@example.org}] }\nabout:\n  __proto__: Text\nrules:\n  __proto__: off\n',
      'r/en.md': release(),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; ruleId: string; message: string }[] }).diagnostics;
    expect(found.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '1:13 schema/unknown-key `contacts.__proto__` is not a key of the config file; it is ignored.',
      '3:3 schema/unknown-key `about.__proto__` is not a key of the config file; it is ignored.',
      // The rules' names are checked where they are read.
      '5:3 schema/unknown-key `rules` names the unknown rule "__proto__"; it is ignored.',
    ]);
  });
});

describe('the config file\'s site address and name', () => {
  it('refuses a site.url with a query, a fragment or a user name, an empty --config, and a config file that is not UTF-8', async () => {
    const dir = await project({ 'r/en.md': release() });
    const errors = async (config: string | Uint8Array) => {
      await writeFile(join(dir, 'migration-news.config.yaml'), config);
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      return (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; message: string }[] }).diagnostics.map((d) => `${d.ruleId} ${d.message}`);
    };
    for (const url of ['https://press.example.az/en?lang=1', 'https://press.example.az/#top', 'https://editor:secret@press.example.az/']) {
      expect(await errors(`site:\n  url: ${url}\n`), url).toEqual([`schema/format \`site.url\` must be the site's address alone, without a query (?), a fragment (#) or a user name and password; it is "${url}".`]);
    }
    expect(await errors('site:\n  url: https://press.example.az/news/\n')).toEqual([]);
    expect(await errors('site:\n  url: not a url\n')).toEqual(['schema/format `site.url` must be an absolute http or https URL; it is "not a url".']);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'site: {}\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect((await errors(utf16))[0]).toMatch(/^file\/encoding The file is encoded as UTF-16; the tool reads UTF-8 only\./);
    const empty = await runMain(['validate', 'r', '--config', '', '--now', NOW], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/option '--config <file>' argument '' is invalid\. Expected a file name\./);
  });
});

describe('the organisation\'s and the site\'s names in the config', () => {
  it('are refused with a line break or a control character in them, at the config file\'s line, with the name on one line as the hint, by validate and by build, which writes nothing', async () => {
    const config = [
      'organisation:',
      '  name: "State Migration\\nService"',
      'site:',
      '  url: https://press.example.az',
      '  name:',
      '    en: |',
      '      Press',
      '      room',
      '    az: "Mətbuat\\u2028otağı"',
      '    ru: "Пресс\\u0007центр"',
      '',
    ].join('\n');
    const dir = await project({ 'migration-news.config.yaml': config, 'r/en.md': release() });
    const found = (result: { stdout: string }) => (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; ruleId: string; severity: string; message: string; hint?: string }[] }).diagnostics
      .map((d) => ({ file: d.file, line: d.line, ruleId: d.ruleId, severity: d.severity, message: d.message, hint: d.hint }));
    const expected = [
      {
        file: 'migration-news.config.yaml', line: 2, ruleId: 'schema/format', severity: 'error',
        message: '`organisation.name` must be one line, but holds a line break; it is "State Migration\\nService".',
        hint: 'Did you mean `State Migration Service`? Write it on one line: YAML keeps the lines of a `|` block apart, and `\\n` in quotes is a line break.',
      },
      {
        file: 'migration-news.config.yaml', line: 6, ruleId: 'schema/format', severity: 'error',
        message: '`site.name.en` must be one line, but holds a line break; it is "Press\\nroom\\n".',
        hint: 'Did you mean `Press room`? Write it on one line: YAML keeps the lines of a `|` block apart, and `\\n` in quotes is a line break.',
      },
      expect.objectContaining({ file: 'migration-news.config.yaml', line: 9, ruleId: 'schema/format', message: expect.stringMatching(/^`site\.name\.az` must be one line, but holds a line break/), hint: expect.stringMatching(/^Did you mean `Mətbuat otağı`\?/) }),
      expect.objectContaining({ file: 'migration-news.config.yaml', line: 10, ruleId: 'schema/control-character', message: '`site.name.ru` contains the invisible control character U+0007 at position 6.', hint: 'Delete the character; retype the text if you cannot see it.' }),
    ];
    const validated = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(validated.code).toBe(1);
    expect(found(validated)).toEqual(expected);
    const built = await runMain(['build', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(built.code).toBe(1);
    expect(found(built)).toEqual(expected);
    await expect(readFile(join(dir, 'dist/en/feed.xml'), 'utf8')).rejects.toThrow();
    // On one line (the spaces around a name are no part of it, as they are none of a contact's), every title is one line too.
    await writeFile(join(dir, 'migration-news.config.yaml'), 'organisation:\n  name: " State Migration Service "\nsite:\n  url: https://press.example.az\n  name:\n    en: >\n      Press\n      room\n');
    const mended = await runMain(['build', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(mended.code, mended.stdout).toBe(0);
    expect(await readFile(join(dir, 'dist/en/index.html'), 'utf8')).toMatch(/<title>[^<\n]*Press room[^<\n]*<\/title>/);
    expect(await readFile(join(dir, 'dist/en/service-opens-new-residence-permit-centre.json'), 'utf8')).toContain('"State Migration Service"');
  });
});

describe('hints on the config file and a set\'s YAML files', () => {
  it('say what to retype by hand, never to run validate --fix, which rewrites releases only', async () => {
    const NBSP = '\u00A0';
    const dir = await project({
      'migration-news.config.yaml': `languages: [en]\ntimezone:${NBSP}Asia/Baku\n`,
      'r/a.md': release(),
      'templates/house/template.yaml': `name: house\nextends: default\ndescription:${NBSP}Ours\n`,
      'templates/kept/template.yaml': 'name: kept\nextends: default\n',
      'templates/kept/labels/en.yaml': `contacts: Media\nabout:${NBSP}About\n`,
    });
    const hints = async (args: string[]) => {
      const result = await runMain([...args, '--reporter', 'json', '--now', NOW], { cwd: dir });
      return (JSON.parse(result.stdout) as { diagnostics: { file: string; hint?: string }[] }).diagnostics.map((d) => `${d.file}: ${d.hint}`);
    };
    expect(await hints(['validate', 'r'])).toEqual([
      'migration-news.config.yaml: A no-break space (U+00A0) follows `timezone:`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space.',
    ]);
    // One field alone, read by YAML as one text: the hint names the space all the same, in the config file and in a release.
    await writeFile(join(dir, 'migration-news.config.yaml'), `timezone:${NBSP}Asia/Baku\n`);
    await writeFile(join(dir, 'r/b.md'), `---\ntitle:${NBSP}Residence permits\n---\nBody.\n`);
    const space = (key: string) => `A no-break space (U+00A0) follows \`${key}:\`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space`;
    expect(await hints(['validate', 'r/b.md'])).toEqual([
      `migration-news.config.yaml: ${space('timezone')}.`,
      `r/b.md: ${space('title')}, or run \`migration-news validate --fix\`.`,
      'r/b.md: Type an ordinary space in its place, or run `migration-news validate --fix`, which does.',
    ]);
    await rm(join(dir, 'r/b.md'));
    await writeFile(join(dir, 'migration-news.config.yaml'), 'languages: [en]\n');
    expect(await hints(['build', 'r', '--template', 'house'])).toEqual([
      'templates/house/template.yaml: A no-break space (U+00A0) follows `description:`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space.',
    ]);
    // Indented with a no-break space, a line is read as more of the value above it, where the parser stops.
    await writeFile(join(dir, 'templates/house/template.yaml'), `name: house\nextends: default\n ${NBSP}description: Ours\n`);
    expect(await hints(['build', 'r', '--template', 'house'])).toEqual([
      'templates/house/template.yaml: The next line\'s indentation holds a no-break space (U+00A0), which YAML does not read as indentation, so it reads that line as more of this one: retype the indentation with ordinary spaces.',
    ]);
    expect(await hints(['build', 'r', '--template', 'kept'])).toEqual([
      'templates/kept/labels/en.yaml: A no-break space (U+00A0) follows `about:`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space.',
    ]);
  });
});

describe('e-mail addresses', () => {
  it('takes an address at an internationalised top-level domain, written as the DNS writes it, for a contact and a sender', async () => {
    // мвд.рф: .рф is .xn--p1ai, a top-level domain of no letters but ASCII ones, as every message header writes it.
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\nemail:\n  from: { name: Пресс-служба, address: press@xn--b1aew.xn--p1ai }\n',
      'r/ru.md': release({ lang: 'ru', title: 'Русский релиз', contacts: '\n  - name: Пресс-служба\n    email: press@xn--b1aew.xn--p1ai' }),
    });
    const result = await runMain(['build', 'r', '--format', 'json,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(await readFile(join(dir, 'dist/ru/russkiy-reliz.json'), 'utf8')) as { contacts: { email: string }[] };
    expect(json.contacts.map((c) => c.email)).toEqual(['press@xn--b1aew.xn--p1ai']);
    const mail = await readFile(join(dir, 'dist/ru/russkiy-reliz.eml'), 'utf8');
    expect(mail).toMatch(/^From: .*(?:\r\n .*)*<press@xn--b1aew\.xn--p1ai>\r$/m);
  });
});

describe('an e-mail address written as a mail program shows it', () => {
  it('is an error whose hint is the address alone, or a sender\'s or recipient\'s name and address apart, with its domain as the DNS writes it', async () => {
    const dir = await project({
      'migration-news.config.yaml': [
        'email:',
        '  from: \'"Press Office, SMS" <press@example.az>\'',
        '  to: ["Newsdesk <news@example.org>", press@мвд.рф, пресса@мвд.рф]',
        '  cc: ["Редакция <desk@мвд.рф>"]',
        '  replyTo: <press@example.az>',
        'contacts:',
        '  - name: Narmin Alizada',
        '    email: Narmin Alizada <press@example.az>',
        '',
      ].join('\n'),
      'r/en.md': release(),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; hint?: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.hint ?? '(no hint)'}`)).toEqual([
      '2:9 Did you mean `{ name: "Press Office, SMS", address: press@example.az }`?',
      '3:8 Did you mean `{ name: Newsdesk, address: news@example.org }`?',
      '3:39 Did you mean `press@xn--b1aew.xn--p1ai`?',
      // No header may hold letters beyond ASCII before the @ without an extension few servers have: nothing to suggest.
      '3:53 (no hint)',
      '4:8 Did you mean `{ name: Редакция, address: desk@xn--b1aew.xn--p1ai }`?',
      '5:12 Did you mean `press@example.az`?',
      '8:12 Did you mean `press@example.az`?',
    ]);
  });

  it('is an error whose hint is the address alone when it is written as a mailto: link, as one copied from a page or a document is', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'email:\n  from: press@example.az\n  replyTo: MAILTO:press@example.az\n',
      'r/en.md': release({}, 'Body.\n').replace('---\nBody', 'contacts:\n  - name: Narmin Alizada\n    email: mailto:narmin%2Ealizada@example.az?subject=Quota%202027\n  - name: Press Office\n    email: Press Office <mailto:press@мвд.рф>\n---\nBody'),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; hint?: string }[] }).diagnostics;
    // Before, no hint: the value was only said to be no e-mail address.
    expect(diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.hint ?? '(no hint)'}`)).toEqual([
      'migration-news.config.yaml 3:12 Did you mean `press@example.az`?',
      'r/en.md 8:12 Did you mean `narmin.alizada@example.az`?',
      'r/en.md 10:12 Did you mean `press@xn--b1aew.xn--p1ai`?',
    ]);
  });
});

describe('config mappings by language, in any letter case', () => {
  it('finds the about text, contacts and names of a language under its tag in other letters than `languages` gives it', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en-GB, az]\norganisation:\n  name: { EN-gb: Migration Service, az: Miqrasiya Xidməti }\nabout:\n  en-gb: About the service.\ncontacts:\n  EN-GB: [{ name: Narmin Alizada }]\n',
      'r/en.md': release({ lang: 'en-GB', title: 'English release' }),
    });
    expect((await runMain(['build', 'r', '--format', 'html,json', '--now', NOW], { cwd: dir })).code).toBe(0);
    const json = JSON.parse(await readFile(join(dir, 'dist/en-gb/english-release.json'), 'utf8')) as { contacts: { name: string }[] };
    expect(json.contacts.map((c) => c.name)).toEqual(['Narmin Alizada']);
    const html = await readFile(join(dir, 'dist/en-gb/english-release.html'), 'utf8');
    expect(html).toContain('About the service.');
    expect(html).toContain('Migration Service');
    expect(html).not.toContain('Miqrasiya Xidməti');
  });
});

describe('a contact written without the `- ` of a list item', () => {
  it('is one error at the list, with the hint to write the item, in the config\'s list and in a language\'s', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'contacts:\n  name: Press Office\n  email: press@example.az\n',
      'r/en.md': release(),
    });
    const diagnostics = async () => (JSON.parse((await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir })).stdout) as { diagnostics: { line: number; ruleId: string; message: string; hint?: string }[] }).diagnostics.map((d) => [d.line, d.ruleId, d.message, d.hint]);
    expect(await diagnostics()).toEqual([
      [2, 'schema/type', '`contacts` must be a list, but it is a mapping.', 'Each item of `contacts` starts with `- `: write `- name: …` where the first field is, and indent the fields below it as far as `name`.'],
    ]);
    await writeFile(join(dir, 'migration-news.config.yaml'), 'contacts:\n  en:\n    name: Press Office\n    email: press@example.az\n');
    expect(await diagnostics()).toEqual([
      [3, 'schema/type', '`contacts.en` must be a list, but it is a mapping.', 'Each item of `en` starts with `- `: write `- name: …` where the first field is, and indent the fields below it as far as `name`.'],
    ]);
  });
});

describe('settings per language for a language the project does not have', () => {
  it('warn at the key, which no page reads, and leave those a regional tag reads from its language alone', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en-GB, az]\nabout:\n  en: About the service.\n  fr: À propos.\ncalendars:\n  AZ: islamic\n  fa: persian\ncontacts:\n  az: [{ name: Nərmin Əlizadə }]\n  english: [{ name: Narmin Alizada }]\n',
      'r/en.md': release({ lang: 'en-GB' }),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; ruleId: string; severity: string; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual([
      '4:3 warning schema/unknown-key `about` has the key "fr", which is none of this project\'s languages (en-GB, az): no release is in it, so what it gives is ignored.',
      '7:3 warning schema/unknown-key `calendars` has the key "fa", which is none of this project\'s languages (en-GB, az): no release is in it, so what it gives is ignored.',
      '10:3 warning schema/unknown-key `contacts` has the key "english", which is none of this project\'s languages (en-GB, az): no release is in it, so what it gives is ignored.',
    ]);
  });

  it('warn at a key beside another of the same language in other letters, which is read in its place', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, az]\nabout:\n  EN: Upper.\n  en: Lower.\ncontacts:\n  AZ: [{ name: A }]\n  az: [{ name: B }]\n',
      'r/en.md': release({ lang: 'en' }),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; ruleId: string; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '3:3 schema/unknown-key `about` has the key "EN" beside "en", the same language in other letters (tags are the same whatever their case): only "en" is read, so what "EN" gives is ignored.',
      '6:3 schema/unknown-key `contacts` has the key "AZ" beside "az", the same language in other letters (tags are the same whatever their case): only "az" is read, so what "AZ" gives is ignored.',
    ]);
  });
});
