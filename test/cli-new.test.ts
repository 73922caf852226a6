import { readFile, readdir, rename, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dateInZone } from '../src/core/draft.js';
import { ROOT, release, runMain, useProjects } from './helpers/cli.js';
import { runWithFullDisk } from './helpers/full-disk.js';

const CONFIG = [
  'timezone: Pacific/Kiritimati',
  'contacts:',
  '  az:',
  '    - name: Nərmin Əlizadə',
  '      role: Mətbuat xidməti',
  '      email: press@migration.example.az',
  '      phone: "+994 12 555 01 00"',
  '  en:',
  '    - name: Narmin Alizada',
  '      role: "Press Office: media enquiries"',
  '      email: press@migration.example.az',
  '',
].join('\n');

const project = useProjects();

function frontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  expect(match, 'the file starts with front matter').not.toBeNull();
  return parse(match![1]!) as Record<string, unknown>;
}

describe('migration-news new', () => {
  it('writes a valid draft dated today in the configured time zone, with the language\'s contacts and the archetype', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const today = dateInZone(Date.now(), 'Pacific/Kiritimati');
    const result = await runMain(['new', 'Xidmət yeni mərkəz açır: İş icazələri', '--lang', 'az', '--dir', 'releases/az'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = `releases/az/${today}-xidmet-yeni-merkez-achir-ish-icazeleri.md`;
    expect(result.stdout).toContain(`Created ${file}`);
    const text = await readFile(join(dir, file), 'utf8');
    const data = frontMatter(text);
    expect(data).toEqual({
      id: `${today}-xidmet-yeni-merkez-achir-ish-icazeleri`,
      title: 'Xidmət yeni mərkəz açır: İş icazələri',
      date: today,
      lang: 'az',
      status: 'draft',
      contacts: [{ name: 'Nərmin Əlizadə', role: 'Mətbuat xidməti', email: 'press@migration.example.az', phone: '+994 12 555 01 00' }],
    });
    // The body is the built-in set's Azerbaijani archetype.
    expect(text).toContain('phone: "+994 12 555 01 00"');
    const archetype = await readFile(new URL('../templates/default/archetype.az.md', import.meta.url), 'utf8');
    expect(text.endsWith(`---\n${archetype}`)).toBe(true);
    const check = await runMain(['validate', 'releases', '--strict'], { cwd: dir });
    expect(check.stdout + check.stderr).toMatch(/No problems in 1 file/);
    expect(check.code).toBe(0);
    // Approved as it stands, the skeleton's instructions would be published: every one of them is an error.
    await writeFile(join(dir, file), text.replace('status: draft', 'status: approved'));
    const approved = await runMain(['validate', 'releases', '--reporter', 'json'], { cwd: dir });
    expect(approved.code).toBe(1);
    const placeholders = (JSON.parse(approved.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/placeholder');
    expect(placeholders).toHaveLength(5);
  });

  it('is known by content/placeholder in every instruction and name of every built-in archetype and of its own fallback', async () => {
    const { ARCHETYPE_PLACEHOLDERS } = await import('../src/core/draft.js');
    const folder = new URL('../templates/default/', import.meta.url);
    const names = (await readdir(folder)).filter((f) => /^archetype(\.[a-z-]+)?\.md$/.test(f));
    expect(names.length).toBeGreaterThanOrEqual(3);
    const source = await readFile(new URL('../src/io/archetype.ts', import.meta.url), 'utf8');
    const fallback = /const FALLBACK: Archetype = \{ defaults: \{\}, body: '([^']*)/.exec(source)![1]!;
    for (const [name, text] of [...await Promise.all(names.map(async (n) => [n, await readFile(new URL(n, folder), 'utf8')] as const)), ['fallback', fallback] as const]) {
      // Every paragraph but a heading is an instruction; a quotation also leaves a name to fill in, in capitals.
      for (const paragraph of text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'))) {
        expect(ARCHETYPE_PLACEHOLDERS.some((p) => paragraph.includes(p)), `${name}: ${paragraph}`).toBe(true);
        const capitals = /\p{Lu}{2,}(?: \p{Lu}{2,})*, \p{Lu}{2,}/u.exec(paragraph)?.[0];
        if (capitals) expect(ARCHETYPE_PLACEHOLDERS, `${name}: ${capitals}`).toContain(capitals);
      }
    }
  });

  it('leaves no file behind when the disk fills while it writes, so that the next try, with room, makes it', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const args = ['new', 'Annual statistics', '--lang', 'en', '--id', 'stats-2026', '--date', '2027-01-15', '--dir', 'en'];
    const full = await runWithFullDisk(args, dir, ['stats-2026.md']);
    expect(full.code, full.stderr).toBe(2);
    expect(full.stderr).toMatch(/^migration-news: Cannot write en\/stats-2026\.md \(ENOSPC: .*\); nothing was left there\.$/m);
    expect(full.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readdir(join(dir, 'en'))).toEqual([]);
    const again = await runMain(args, { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(frontMatter(await readFile(join(dir, 'en/stats-2026.md'), 'utf8'))).toMatchObject({ id: 'stats-2026' });
  });

  it('takes the id, date and folder given, and refuses to overwrite an existing file', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const args = ['new', 'Annual statistics', '--lang', 'en', '--id', 'stats-2026', '--date', '2027-01-15'];
    const first = await runMain(args, { cwd: dir });
    expect(first.code).toBe(0);
    const text = await readFile(join(dir, 'stats-2026.md'), 'utf8');
    expect(frontMatter(text)).toMatchObject({ id: 'stats-2026', date: '2027-01-15', lang: 'en', contacts: [{ name: 'Narmin Alizada', role: 'Press Office: media enquiries' }] });
    await writeFile(join(dir, 'stats-2026.md'), 'my own words\n');
    const again = await runMain(args, { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/Refusing to overwrite stats-2026\.md: the file exists\./);
    expect(await readFile(join(dir, 'stats-2026.md'), 'utf8')).toBe('my own words\n');
    // A folder of the name is said to be one, not a file, and stays as it is.
    await mkdir(join(dir, 'folder', 'stats-2026.md'), { recursive: true });
    const folder = await runMain([...args, '--dir', 'folder'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/Refusing to overwrite folder\/stats-2026\.md: a folder of that name is there\./);
    // A file whose name differs only in case is the same file on macOS and Windows.
    await rename(join(dir, 'stats-2026.md'), join(dir, 'Stats-2026.md'));
    const twin = await runMain(args, { cwd: dir });
    expect(twin.code).toBe(2);
    expect(twin.stderr).toMatch(/Refusing to write stats-2026\.md: Stats-2026\.md is there, a name that differs only in case/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.md'))).toEqual(['Stats-2026.md']);
  });

  it('gives a release whose title an earlier one of its language made its slug a slug of its own, and says so', async () => {
    const dir = await project({ 'en/2026-01-15-annual-statistics.md': release({ id: '2026-01-15-annual-statistics', title: 'Annual statistics', date: '2026-01-15' }) });
    const result = await runMain(['new', 'Annual statistics', '--lang', 'en', '--dir', 'en', '--date', '2027-01-15'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created en/2027-01-15-annual-statistics.md');
    expect(result.stderr).toBe('migration-news: note: its title gives the slug "annual-statistics", which en/2026-01-15-annual-statistics.md has in English, so this draft has `slug: annual-statistics-2`; change it if you like.\n');
    expect(frontMatter(await readFile(join(dir, 'en/2027-01-15-annual-statistics.md'), 'utf8'))).toMatchObject({ id: '2027-01-15-annual-statistics', slug: 'annual-statistics-2' });
    const check = await runMain(['validate', 'en'], { cwd: dir });
    expect(check.stdout).not.toContain('slug/duplicate');
    expect(check.code).toBe(0);
  });

  it('gives a release whose title\'s slug another release keeps as an old address (aliases) a slug of its own, so that validate refuses neither', async () => {
    const dir = await project({
      'en/2026-05-14-permits-online.md': release({ id: '2026-05-14-permits-online', title: 'Work permits to be issued online', aliases: '[new-rules-for-work-permits, /en/work-permit-rules.html, /news/old-rules/]' }),
      'ru/2026-05-14-permits-online.md': release({ id: '2026-05-14-permits-online', lang: 'ru', title: 'Разрешения онлайн', aliases: '\n  - /en/rules-2026.html' }, 'Текст.\n'),
    });
    const created: string[] = [];
    for (const [title, date] of [['New rules for work permits', '2026-06-01'], ['Work permit rules', '2026-06-02'], ['Old rules', '2026-06-03'], ['Rules 2026', '2026-06-04']] as const) {
      const result = await runMain(['new', title, '--lang', 'en', '--dir', 'en', '--date', date], { cwd: dir });
      expect(result.code).toBe(0);
      created.push(result.stderr);
    }
    expect(created).toEqual([
      'migration-news: note: its title gives the slug "new-rules-for-work-permits", which en/2026-05-14-permits-online.md keeps as an old address (`aliases`), so this draft has `slug: new-rules-for-work-permits-2`; change it if you like.\n',
      'migration-news: note: its title gives the slug "work-permit-rules", which en/2026-05-14-permits-online.md keeps as an old address (`aliases`), so this draft has `slug: work-permit-rules-2`; change it if you like.\n',
      // An old address in no language's folder is no release's page.
      '',
      // A release in another language keeps one in this language's folder all the same.
      'migration-news: note: its title gives the slug "rules-2026", which ru/2026-05-14-permits-online.md keeps as an old address (`aliases`), so this draft has `slug: rules-2026-2`; change it if you like.\n',
    ]);
    const check = await runMain(['validate', '.', '--reporter', 'json'], { cwd: dir });
    expect((JSON.parse(check.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId)).not.toContain('alias/duplicate');
  });

  it('gives a release whose title\'s slug a release in another language keeps as an old address in its language\'s folder a slug of its own, and translates that release all the same', async () => {
    const dir = await project({
      'en/2026-05-14-quota.md': release({ id: '2026-05-14-quota', title: 'Quota for 2026', aliases: '[/ru/kvota.html]' }),
      'ru/.keep': '',
    });
    const result = await runMain(['new', 'Квота', '--lang', 'ru', '--dir', 'ru', '--date', '2026-06-01'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([0, 'migration-news: note: its title gives the slug "kvota", which en/2026-05-14-quota.md keeps as an old address (`aliases`), so this draft has `slug: kvota-2`; change it if you like.\n']);
    expect(frontMatter(await readFile(join(dir, 'ru/2026-06-01-kvota.md'), 'utf8')).slug).toBe('kvota-2');
    // The English release shares its id with its translation, which is no other Russian release's.
    const translated = await runMain(['new', '--translate-from', 'en/2026-05-14-quota.md', '--lang', 'ru'], { cwd: dir });
    expect(translated.code).toBe(0);
    const check = await runMain(['validate', '.', '--reporter', 'json'], { cwd: dir });
    expect(check.code).toBe(0);
    expect((JSON.parse(check.stdout) as { diagnostics: { severity: string }[] }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  // validate refuses these slugs (slug/reserved) with a hint to set `slug`, which new has no option for: it refused the title with that hint and wrote nothing.
  it('gives a title whose slug is a name no release may have (Index, Feed, Con) the slug validate\'s hint writes, and says so', async () => {
    const dir = await project({ 'en/.keep': '' });
    for (const [title, slug, why] of [['Index', 'index-2027', 'the name of the site\'s own files in each language (the listing, the feed)'], ['Feed', 'feed-2027', 'the name of the site\'s own files in each language (the listing, the feed)'], ['Con', 'con-en-2027', 'a device name that Windows reserves']] as const) {
      const result = await runMain(['new', title, '--lang', 'en', '--dir', 'en', '--date', '2027-01-15'], { cwd: dir });
      expect([title, result.code, result.stderr]).toEqual([title, 0, `migration-news: note: its title gives the slug "${slug.split('-')[0]!}", ${why}, so this draft has \`slug: ${slug}\`; change it if you like.\n`]);
      expect(frontMatter(await readFile(join(dir, `en/2027-01-15-${title.toLowerCase()}.md`), 'utf8')).slug).toBe(slug);
    }
    // A second "Index" finds the first one's slug taken, and says why it had to look for another.
    const again = await runMain(['new', 'Index', '--lang', 'en', '--dir', 'en', '--id', 'index-again', '--date', '2027-02-01'], { cwd: dir });
    expect(again.stderr).toBe('migration-news: note: its title gives the slug "index", the name of the site\'s own files in each language (the listing, the feed), and "index-2027" in its place, which en/2027-01-15-index.md has in English, so this draft has `slug: index-2027-2`; change it if you like.\n');
    const check = await runMain(['validate', 'en'], { cwd: dir });
    expect([check.code, check.stdout]).toEqual([0, 'No problems in 4 files.\n']);
  });

  it('sees a release with the title\'s slug in another folder of the project, whatever its file is called, and says which file has it', async () => {
    const dir = await project({
      'releases/2025/2025-01-15-annual-statistics.md': release({ id: '2025-01-15-annual-statistics', title: 'Annual statistics', date: '2025-01-15' }),
      // Named after neither its slug nor its id, with the slug `-2` would give: the draft gets `-3`.
      'releases/2024/figures.md': release({ id: 'figures-2024', title: 'Figures for the year', date: '2024-01-15', slug: 'annual-statistics-2' }),
      // Another language's release may have the same slug.
      'releases/2025/az/statistika.md': release({ id: 'statistika', title: 'Annual statistics', lang: 'az' }),
    });
    const result = await runMain(['new', 'Annual statistics', '--lang', 'en', '--dir', 'releases/2026', '--date', '2026-01-15'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('migration-news: note: its title gives the slug "annual-statistics", which releases/2025/2025-01-15-annual-statistics.md has in English, so this draft has `slug: annual-statistics-3`; change it if you like.\n');
    expect(frontMatter(await readFile(join(dir, 'releases/2026/2026-01-15-annual-statistics.md'), 'utf8'))).toMatchObject({ slug: 'annual-statistics-3' });
    const check = await runMain(['validate', '--reporter', 'json', '--now', '2026-01-01'], { cwd: dir });
    expect((JSON.parse(check.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId)).not.toContain('slug/duplicate');
  });

  it('sees a release whose file is named otherwise than its slug, and one anywhere under the config file\'s folder when run below it', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, az]\n',
      'archive/old-site-post-17.md': release({ id: 'post-17', title: 'Service opens new residence permit centre' }),
    });
    await mkdir(join(dir, 'releases/2026'), { recursive: true });
    const result = await runMain(['new', 'Service opens new residence permit centre', '--lang', 'en', '--date', '2026-05-14'], { cwd: join(dir, 'releases/2026') });
    expect(result.code).toBe(0);
    // Outside the working folder, the file is named by its full path, as `validate` names it.
    expect(result.stderr).toBe(`migration-news: note: its title gives the slug "service-opens-new-residence-permit-centre", which ${join(dir, 'archive/old-site-post-17.md')} has in English, so this draft has \`slug: service-opens-new-residence-permit-centre-2\`; change it if you like.\n`);
    const check = await runMain(['validate'], { cwd: dir });
    expect(check.stdout).not.toContain('slug/duplicate');
    expect(check.code).toBe(0);
  });

  it('passes over the releases validate does not read or cannot, without a word', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'ignore: [drafts/]\n',
      'drafts/annual-statistics.md': release({ title: 'Annual statistics' }),
      'releases/broken.md': '---\ntitle: Annual statistics\nlang: en\ntitle: twice\n---\nText.\n',
      'releases/unclosed.md': '---\ntitle: Annual statistics\nlang: en\n',
    });
    await writeFile(join(dir, 'releases/latin1.md'), Buffer.from('---\ntitle: Annual statistics\nlang: en\nsummary: caf\xe9\n---\n', 'latin1'));
    const result = await runMain(['new', 'Annual statistics', '--lang', 'en', '--dir', 'releases', '--date', '2026-01-15'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(frontMatter(await readFile(join(dir, 'releases/2026-01-15-annual-statistics.md'), 'utf8')).slug).toBeUndefined();
  });

  it('makes the same name of a title whether its letters are composed (NFC) or a base letter and a mark (NFD)', async () => {
    const title = 'Şəki və Gəncədə iş icazəsi: Йошкар-Ола, Ёлка';
    for (const [form, folder] of [['NFC', 'composed'], ['NFD', 'decomposed']] as const) {
      const dir = await project({ 'migration-news.config.yaml': CONFIG });
      const result = await runMain(['new', title.normalize(form), '--lang', 'az', '--dir', folder, '--date', '2026-03-01'], { cwd: dir });
      expect(result.code).toBe(0);
      expect(await readdir(join(dir, folder))).toEqual(['2026-03-01-sheki-ve-gencede-ish-icazesi-yoshkar-ola-yolka.md']);
    }
  });

  it('writes a tab typed or pasted into the title as a space, so that validate has nothing to say of it', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await runMain(['new', 'Work permits:\tnew quota', '--lang', 'en', '--dir', 'r', '--date', '2026-03-01'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const [file] = await readdir(join(dir, 'r'));
    expect(await readFile(join(dir, 'r', file!), 'utf8')).toContain('\ntitle: "Work permits: new quota"\n');
    // Before, the tab was written as typed, and validate warned of it.
    const checked = await runMain(['validate', 'r', '--now', '2026-03-01T12:00:00+04:00'], { cwd: dir });
    expect([checked.code, checked.stdout]).toEqual([0, 'No problems in 1 file.\n']);
  });

  it('says a title of digits and signs alone has no letter, not that its script is not transliterated', async () => {
    const dir = await project({});
    const result = await runMain(['new', '2026-01-15', '--lang', 'en'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No id can be made from the title "2026-01-15": an id keeps only Latin letters and digits, and this title has no letter at all\.\nhint: Name the release with --id/);
    expect(result.stderr).not.toMatch(/Persian|transliterated/);
  });

  it('refuses an --id that would name a file Windows reserves for a device, and writes nothing', async () => {
    const dir = await project({});
    for (const id of ['con', 'nul.2026', 'com1']) {
      const result = await runMain(['new', 'Quota news', '--lang', 'en', '--id', id, '--date', '2026-12-03'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--id "${id}" would name the file ${id}.md, a name Windows reserves for a device.\nhint: Choose a longer id, such as --id 2026-12-03-${id}.`);
    }
    expect((await readdir(dir)).filter((name) => name.endsWith('.md'))).toEqual([]);
    expect((await runMain(['new', 'Quota news', '--lang', 'en', '--id', 'console'], { cwd: dir })).code).toBe(0);
  });

  it('spells the Cyrillic letters of Kazakh, Tajik, Uzbek, Serbian and Azerbaijani in the name, rather than cutting their words', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [az, kk, tg, uz, sr]\n' });
    const titles: [string, string, string][] = [
      ['kk', 'Қазақстан азаматтарына жаңа ереже', 'qazaqstan-azamattaryna-zhanga-erezhe'],
      ['tg', 'Ҷумҳурии Тоҷикистон: муҳоҷирати меҳнатӣ', 'jumhurii-tojikiston-muhojirati-mehnati'],
      ['uz', 'Ўзбекистон фуқаролари учун қоидалар', 'uzbekiston-fuqarolari-uchun-qoidalar'],
      ['sr', 'Ђорђе Џаја и Љиљана Његош', 'djordje-dzaja-i-ljiljana-njegos'],
      ['az', 'Әһали ҹәмијјәти', 'ehali-cemiyyeti'],
    ];
    for (const [lang, title, slug] of titles) {
      const result = await runMain(['new', title, '--lang', lang, '--dir', lang, '--date', '2026-03-01'], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(await readdir(join(dir, lang))).toEqual([`2026-03-01-${slug}.md`]);
    }
  });

  it('gives no contacts to a language that has none of its own in a per-language mapping', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await runMain(['new', 'Новый центр', '--lang', 'ru', '--date', '2026-12-01'], { cwd: dir });
    expect(result.code).toBe(0);
    const text = await readFile(join(dir, '2026-12-01-novyy-tsentr.md'), 'utf8');
    expect(frontMatter(text).contacts).toBeUndefined();
    expect(text).toContain('## Подробности');
  });

  it('asks for --id when the title keeps no Latin letter for a name (Persian), and then writes a release that validates', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en, fa]\n', 'templates/default/labels/fa.yaml': english });
    const title = 'گزارش سالانه ۲۰۲۶';
    const refused = await runMain(['new', title, '--lang', 'fa', '--date', '2026-12-01'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('hint: Name the release with --id, such as --id 2026-12-01-annual-report; its address is made from the id too.\n');
    expect(refused.stderr).toContain('no letter of this title becomes one (the Arabic script is not transliterated).');
    // The message names the script the title is in; before, a Hindi one was told that Persian, Arabic, Hebrew or Chinese letters are not.
    const hindi = await runMain(['new', 'वार्षिक रिपोर्ट', '--lang', 'fa', '--date', '2026-12-01'], { cwd: dir });
    expect(hindi.stderr).toContain('no letter of this title becomes one (the Devanagari script is not transliterated).');
    expect(await readdir(dir)).toEqual(['migration-news.config.yaml', 'templates']);
    const made = await runMain(['new', title, '--lang', 'fa', '--date', '2026-12-01', '--id', '2026-annual-report'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    expect(frontMatter(await readFile(join(dir, '2026-annual-report.md'), 'utf8'))).toMatchObject({ id: '2026-annual-report', title, lang: 'fa' });
    expect((await runMain(['validate', '.'], { cwd: dir })).code).toBe(0);
  });

  it('uses the project\'s own archetype, with its front matter as defaults', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'templates/default/archetype.md': '---\nlocation: Baku\ntags: [press]\ntitle: ignored\n---\nOur own skeleton.\n',
    });
    const result = await runMain(['new', 'Our release', '--lang', 'en', '--date', '2026-12-01'], { cwd: dir });
    expect(result.stderr).toBe('');
    const text = await readFile(join(dir, '2026-12-01-our-release.md'), 'utf8');
    expect(frontMatter(text)).toMatchObject({ title: 'Our release', location: 'Baku', tags: ['press'] });
    expect(text.endsWith('---\nOur own skeleton.\n')).toBe(true);
  });

  it('reads an archetype that starts with an invisible character before its `---` as a release is read, and copies none of it', async () => {
    const skeleton = '---\nlocation: Baku\ntags: [press]\n---\nOur own skeleton.\n';
    for (const [name, text] of [
      ['archetype.md', `\u200B${skeleton}`],
      ['archetype.md', `\uFEFF\uFEFF${skeleton.replace(/\n/g, '\r\n')}`],
      ['archetype.en.md', `\uFEFF\u2060\u200E${skeleton}`],
    ] as const) {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, [`templates/default/${name}`]: text });
      const result = await runMain(['new', 'Our release', '--lang', 'en', '--date', '2026-12-01'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      // Its lines end as the archetype's do (see the test of line endings below): here they are read as LF.
      const draft = (await readFile(join(dir, '2026-12-01-our-release.md'), 'utf8')).replace(/\r\n/g, '\n');
      expect(draft.startsWith('---\nid: 2026-12-01-our-release\n')).toBe(true);
      expect(frontMatter(draft)).toMatchObject({ title: 'Our release', location: 'Baku', tags: ['press'] });
      expect(draft.endsWith('---\nOur own skeleton.\n')).toBe(true);
      expect(draft).not.toMatch(/[\uFEFF\u200B-\u200F\u2060]/);
      expect((await runMain(['validate', '2026-12-01-our-release.md'], { cwd: dir })).code).toBe(0);
    }
    // An archetype of body alone keeps none of them either.
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'templates/default/archetype.md': '\u200BOur own skeleton.\n' });
    expect((await runMain(['new', 'Our release', '--lang', 'en', '--date', '2026-12-01'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, '2026-12-01-our-release.md'), 'utf8')).toMatch(/\n---\nOur own skeleton\.\n$/);
  });

  it('ends the draft\'s lines as the project\'s archetype ends its own, CRLF as a newsroom on Windows saves it', async () => {
    for (const [archetype, lineBreak] of [['---\r\nlocation: Baku\r\n---\r\nOur own skeleton.\r\n\r\nMore.\r\n', '\r\n'], ['Our own skeleton.\r\n', '\r\n'], ['Our own skeleton.\n', '\n']] as const) {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, 'templates/default/archetype.md': archetype });
      expect((await runMain(['new', 'Our release', '--lang', 'en', '--date', '2026-12-01'], { cwd: dir })).code).toBe(0);
      const draft = await readFile(join(dir, '2026-12-01-our-release.md'), 'utf8');
      expect(draft.split(lineBreak).length, archetype).toBeGreaterThan(5);
      expect(draft.replace(/\r\n/g, '').includes(lineBreak === '\n' ? '\r' : '\n'), archetype).toBe(false);
      expect((await runMain(['validate', '2026-12-01-our-release.md'], { cwd: dir })).stdout).toBe('No problems in 1 file.\n');
    }
    // The built-in archetype's are LF.
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    expect((await runMain(['new', 'Our release', '--lang', 'en', '--date', '2026-12-01'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, '2026-12-01-our-release.md'), 'utf8')).not.toContain('\r');
  });

  it('refuses an archetype that would make an invalid release, and bad arguments, with exit 2 and no file', async () => {
    const dir = await project({ 'templates/default/archetype.md': '---\nimage: nope\n---\nBody.\n' });
    const broken = await runMain(['new', 'A release', '--lang', 'en', '--date', '2026-12-01'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/would not be valid/);
    expect(broken.stderr).toMatch(/archetype/);
    const noTitle = await runMain(['new', '--lang', 'en'], { cwd: dir });
    expect(noTitle.code).toBe(2);
    const badLang = await runMain(['new', 'X', '--lang', 'fr'], { cwd: dir });
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toMatch(/This project's languages are az, en, ru; "fr" is not one of them\.\nhint: Add it to `languages` in the config file\.\n/);
    // A language the project has, written otherwise: the hint names it, rather than asking for the other spelling to be added.
    const capitals = await runMain(['new', 'X', '--lang', 'EN'], { cwd: dir });
    expect(capitals.code).toBe(2);
    expect(capitals.stderr).toMatch(/"EN" is not one of them\.\nhint: Did you mean `en`\?\n/);
    const locale = await runMain(['new', 'X', '--lang', 'ru_RU'], { cwd: dir });
    expect(locale.code).toBe(2);
    expect(locale.stderr).toMatch(/not "ru_RU"\.\nhint: Did you mean `ru`\? To publish ru-RU apart from it, add `ru-RU` to `languages` in the config file instead\.\n/);
    const badDate = await runMain(['new', 'X', '--lang', 'en', '--date', '2026-02-30'], { cwd: dir });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/Expected a real date: the calendar has no 2026-02-30\.\n/);
    const dotted = await runMain(['new', 'X', '--lang', 'en', '--date', '17.03.2026'], { cwd: dir });
    expect(dotted.code).toBe(2);
    expect(dotted.stderr).toMatch(/Expected a calendar date YYYY-MM-DD\.\n\(Did you mean --date 2026-03-17\?\)\n/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.md'))).toEqual([]);
  });

  it('says a --lang that is the code of no language, nor of a country, is none, rather than naming an "Unknown Region"', async () => {
    const dir = await project({});
    for (const code of ['zz', 'ZZ', 'xx', 'xa', 'qq']) {
      const result = await runMain(['new', 'X', '--lang', code], { cwd: dir });
      expect(result.code, code).toBe(2);
      expect(result.stderr, code).toBe(`migration-news: This project's languages are az, en, ru; "${code}" is not one of them.\nhint: \`${code}\` is the code of no language, nor of a country; use one of az, en, ru, or add a language's code (ISO 639) to \`languages\` in the config file.\n`);
    }
    // A country's code still names the country's language when the project has it.
    const country = await runMain(['new', 'X', '--lang', 'ua'], { cwd: await project({ 'migration-news.config.yaml': 'languages: [en, uk]\n' }) });
    expect(country.stderr).toMatch(/hint: Did you mean `uk`\? `ua` is the code of a country, Ukraine, not of a language\.\n/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.md'))).toEqual([]);
  });

  it('refuses a --dir that is a file, in one line', async () => {
    const dir = await project({ 'r/en/a.md': release() });
    for (const folder of ['r/en/a.md', 'r/en/a.md/deeper']) {
      const result = await runMain(['new', 'X', '--lang', 'en', '--date', '2026-12-01', '--dir', folder], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Cannot create the folder r\/en\/a\.md.* \((EEXIST|ENOTDIR): a file is where a folder should be\)/);
      expect(result.stderr).not.toMatch(/internal error| {4}at /);
    }
    expect(await readFile(join(dir, 'r/en/a.md'), 'utf8')).toBe(release());
  });

  it('points a title or --date that validate would refuse at the command line, not at the archetype', async () => {
    const dir = await project({});
    const twoLines = await runMain(['new', 'Xidmət yeni mərkəz açır\nİş icazələri', '--lang', 'az', '--date', '2026-12-01'], { cwd: dir });
    expect(twoLines.code).toBe(2);
    expect(twoLines.stderr).toMatch(/would not be valid: `title` must be one line/);
    expect(twoLines.stderr).toMatch(/hint: The title is written as it was given on the command line/);
    expect(twoLines.stderr).not.toMatch(/archetype/);
    const yearZero = await runMain(['new', 'A release', '--lang', 'en', '--date', '0000-01-01'], { cwd: dir });
    expect(yearZero.code).toBe(2);
    expect(yearZero.stderr).toMatch(/`date` is outside the years 1000 to 9999/);
    expect(yearZero.stderr).toMatch(/hint: The date is the one given with --date/);
    expect(yearZero.stderr).not.toMatch(/archetype/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.md'))).toEqual([]);
  });

  it('writes a draft in a language the set has no labels for, and says which file to add', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en, de]\n', 'r/en/a.md': release({ id: 'a' }) });
    const created = await runMain(['new', 'Hallo Welt', '--lang', 'de', '--date', '2026-12-01', '--dir', 'r/de'], { cwd: dir });
    expect(created.code).toBe(0);
    const advice = '`migration-news templates eject default labels/en.yaml` copies the English words to templates/default/labels/en.yaml: rename the copy to de.yaml and translate it';
    expect(created.stderr).toContain(`the template set "default" has no labels for de, so validate and build refuse this release until it has: add templates/default/labels/de.yaml to the project (${advice}).`);
    const translated = await runMain(['new', '--translate-from', 'r/en/a.md', '--lang', 'de', '--dir', 'r/de'], { cwd: dir });
    expect(translated.code).toBe(0);
    expect(translated.stderr).toContain('has no labels for de');
    const refused = await runMain(['validate', 'r/de', '--reporter', 'json'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stdout) as { diagnostics: { hint: string }[] }).diagnostics[0]!.hint).toContain(advice);
    // A symbolic link where another set keeps its labels is passed over, as the tool passes it over when it reads sets.
    await mkdir(join(dir, 'templates/linked'), { recursive: true });
    await mkdir(join(dir, 'elsewhere'), { recursive: true });
    await writeFile(join(dir, 'elsewhere/de.yaml'), 'contacts: Kontakte\n');
    await symlink(join(dir, 'elsewhere'), join(dir, 'templates/linked/labels'));
    const linked = await runMain(['validate', 'r/de', '--reporter', 'json'], { cwd: dir });
    expect((JSON.parse(linked.stdout) as { diagnostics: { hint: string }[] }).diagnostics[0]!.hint).toContain(advice);
    await rm(join(dir, 'templates/linked'), { recursive: true });
    // The words put in place as the advice says: new says nothing more and validate accepts both drafts.
    expect((await runMain(['templates', 'eject', 'default', 'labels/en.yaml'], { cwd: dir })).code).toBe(0);
    await rename(join(dir, 'templates/default/labels/en.yaml'), join(dir, 'templates/default/labels/de.yaml'));
    const again = await runMain(['new', 'Zweite', '--lang', 'de', '--date', '2026-12-01', '--dir', 'r/de'], { cwd: dir });
    expect(again.stderr).toBe('');
    expect((await runMain(['validate', 'r/de'], { cwd: dir })).code).toBe(0);
  });

  it('points a set that lacks a language\'s labels at another of the project\'s sets that has them', async () => {
    const english = await readFile(join(import.meta.dirname, '../templates/default/labels/en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, tr]\n',
      'templates/default/labels/tr.yaml': english,
      'r/a.md': release({ title: 'Göç raporu', lang: 'tr' }),
    });
    expect((await runMain(['validate', 'r'], { cwd: dir })).code).toBe(0);
    // A set ejected beside the project's own default one has the built-in words only.
    expect((await runMain(['templates', 'eject', 'default', '--to', 'templates/press'], { cwd: dir })).code).toBe(0);
    const result = await runMain(['validate', 'r', '--template', 'press', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { diagnostics: { ruleId: string; hint: string }[] }).diagnostics).toMatchObject([{
      ruleId: 'template/labels',
      hint: 'Add templates/press/labels/tr.yaml to the set: templates/default/labels/tr.yaml, of another of the project\'s sets, has labels for this language; copy it.',
    }]);
  });

  it('never copies a file from outside the set through an archetype that is a symbolic link', async () => {
    const dir = await project({ 'secret.txt': 'TOP SECRET\n', 'templates/default/template.yaml': 'name: default\n' });
    await symlink(join(dir, 'secret.txt'), join(dir, 'templates/default/archetype.en.md'));
    const result = await runMain(['new', 'X', '--lang', 'en', '--date', '2026-12-01'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/archetype\.en\.md is a symbolic link/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.md'))).toEqual([]);
  });

  it('writes nothing through a --dir that is, or lies under, a symbolic link leading out of the working folder, where validate reads no release', async () => {
    const outside = await project({ 'keep.txt': 'kept\n' });
    const dir = await project({ 'releases/en/.keep': '' });
    await symlink(outside, join(dir, 'releases/ru'));
    await symlink(join(outside, 'missing'), join(dir, 'releases/az'));
    for (const folder of ['releases/ru', 'releases/ru/deeper', 'releases/az']) {
      const result = await runMain(['new', 'Квота', '--lang', 'ru', '--date', '2026-12-01', '--dir', folder], { cwd: dir });
      expect(result.code, folder).toBe(2);
      expect(result.stderr, folder).toBe(`migration-news: Refusing to write ${folder}/2026-12-01-kvota.md: ${folder} is, or lies under, a symbolic link that leads out of the working folder, where validate and build read no release.\nhint: Give --dir the folder the link leads to, or a folder of the project.\n`);
    }
    expect(await readdir(outside)).toEqual(['keep.txt']);
    // A translation is written the same way: not through the link either.
    await writeFile(join(dir, 'releases/en/quota.md'), release({ id: 'quota', title: 'Quota approved', lang: 'en' }));
    const translation = await runMain(['new', '--translate-from', 'releases/en/quota.md', '--lang', 'ru'], { cwd: dir });
    expect(translation.code).toBe(2);
    expect(translation.stderr).toMatch(/^migration-news: Refusing to write releases\/ru\/quota\.md: releases\/ru is, or lies under, a symbolic link that leads out/);
    expect(await readdir(outside)).toEqual(['keep.txt']);
  });

  it('writes a draft into a folder named after another of the project\'s languages, and says so', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await runMain(['new', 'Quota news', '--lang', 'ru', '--dir', 'releases/en', '--date', '2026-03-01'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created releases/en/2026-03-01-quota-news.md');
    expect(result.stderr).toBe('migration-news: note: releases/en is named after English, and this draft is in Russian; move it to releases/ru if that is where the project keeps its Russian releases.\n');
    // Its own language's folder, or one named after no language, is no reason for a note.
    for (const folder of ['releases/ru', 'releases/2026']) {
      const quiet = await runMain(['new', `Quota news ${folder.slice(-2)}`, '--lang', 'ru', '--dir', folder, '--date', '2026-03-02'], { cwd: dir });
      expect(quiet.stdout + quiet.stderr).toContain('Created');
      expect(quiet.stderr).not.toContain('named after');
    }
    // A translation written with --dir into another language's folder too.
    const original = release({ id: 'q1', title: 'Quotas' });
    await writeFile(join(dir, 'releases/en/q.md'), original);
    const translated = await runMain(['new', '--translate-from', 'releases/en/q.md', '--lang', 'az', '--dir', 'releases/ru'], { cwd: dir });
    expect(translated.code).toBe(0);
    expect(translated.stderr).toContain('note: releases/ru is named after Russian, and this draft is in Azerbaijani; move it to releases/az');
  });
});

describe('migration-news new --translate-from', () => {
  const original = release({
    id: 'e-services-2026',
    title: 'Residence permits go online',
    date: '2026-03-17T10:00:00+04:00',
    embargo: '2026-03-17T10:00:00+04:00',
    status: 'approved',
    location: 'Baku',
    tags: '[e-services, permits]',
    summary: 'Apply online.',
    image: '{ src: "https://example.az/a.jpg", alt: "A laptop" }',
  }, 'From today, permits can be applied for online.\n\nSecond paragraph.\n');

  it('writes the translation beside the language folder: same id, date, embargo, tags and image, the words left for the translator', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/e-services.md': original });
    const result = await runMain(['new', '--translate-from', 'releases/en/e-services.md', '--lang', 'ru'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created releases/ru/e-services.md');
    const text = await readFile(join(dir, 'releases/ru/e-services.md'), 'utf8');
    expect(frontMatter(text)).toEqual({
      id: 'e-services-2026',
      title: 'Residence permits go online',
      date: '2026-03-17T10:00:00+04:00',
      lang: 'ru',
      status: 'draft',
      embargo: '2026-03-17T10:00:00+04:00',
      location: 'Baku',
      summary: 'Apply online.',
      tags: ['e-services', 'permits'],
      image: { src: 'https://example.az/a.jpg', alt: 'A laptop' },
    });
    const body = text.slice(text.indexOf('\n---\n') + 5);
    expect(body).toMatch(/^> \*\*Translation needed\.\*\* This draft is a copy of e-services\.md \(English\)\. .*into Russian/);
    expect(body.endsWith('\n\nFrom today, permits can be applied for online.\n\nSecond paragraph.\n')).toBe(true);
    // The two files are one release in two languages, both valid: the draft status differs until the translation is approved, and the note says it is not translated.
    const diagnosticsOf = async () => {
      const check = await runMain(['validate', 'releases', '--reporter', 'json', '--now', '2026-01-01'], { cwd: dir });
      expect(check.code).toBe(0);
      return (JSON.parse(check.stdout) as { diagnostics: { ruleId: string; file: string; line: number }[] }).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`);
    };
    const noteLine = text.slice(0, text.indexOf('> **Translation needed.**')).split('\n').length;
    expect(await diagnosticsOf()).toEqual(['releases/ru/e-services.md:6 translation/mismatch', `releases/ru/e-services.md:${noteLine} translation/untranslated`]);
    // The note deleted, the text not translated: the body is the original's, word for word.
    const withoutNote = text.replace(/^> \*\*Translation needed\.\*\*.*\n\n/m, '');
    await writeFile(join(dir, 'releases/ru/e-services.md'), withoutNote);
    expect(await diagnosticsOf()).toEqual(['releases/ru/e-services.md:6 translation/mismatch', 'releases/ru/e-services.md:6 translation/untranslated']);
    // Translated: only the status is left to change.
    await writeFile(join(dir, 'releases/ru/e-services.md'), withoutNote.replace('From today, permits can be applied for online.', 'С сегодняшнего дня разрешения можно запросить онлайн.'));
    expect(await diagnosticsOf()).toEqual(['releases/ru/e-services.md:6 translation/mismatch']);
  });

  it('gives a translation of a draft that still holds its translator\'s note one note, its own, and says whose copy the text is', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/e-services.md': original });
    expect((await runMain(['new', '--translate-from', 'releases/en/e-services.md', '--lang', 'ru'], { cwd: dir })).code).toBe(0);
    const result = await runMain(['new', '--translate-from', 'releases/ru/e-services.md', '--lang', 'az'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('its title and body are that file\'s, whose translator\'s note, left out here, says it is still a copy of e-services.md (English).');
    const text = await readFile(join(dir, 'releases/az/e-services.md'), 'utf8');
    const body = text.slice(text.indexOf('\n---\n') + 5);
    expect(body).toBe('> **Translation needed.** This draft is a copy of e-services.md (Russian). Translate the title, subtitle, summary, image text and body into Azerbaijani, then delete this note.\n\nFrom today, permits can be applied for online.\n\nSecond paragraph.\n');
  });

  it('says that the original is withdrawn, whose translation would be published on its own once approved', async () => {
    const withdrawn = release({ id: 'q1', title: 'Quota for 2027', date: '2026-03-17', status: 'withdrawn', withdrawn_date: '2026-04-01' });
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/q.md': withdrawn });
    const result = await runMain(['new', '--translate-from', 'releases/en/q.md', '--lang', 'ru'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created releases/ru/q.md');
    expect(result.stderr).toBe('migration-news: note: releases/en/q.md is withdrawn: this translation, once approved, would be published in Russian while the original stays withdrawn (validate warns of it, translation/mismatch); give it status: withdrawn as well unless the release comes back.\n');
    // As the note says: approved, the translation is built while the original keeps only its notice.
    await writeFile(join(dir, 'releases/ru/q.md'), (await readFile(join(dir, 'releases/ru/q.md'), 'utf8')).replace('status: draft', 'status: approved'));
    const built = await runMain(['build', 'releases', '--out', 'out', '--now', '2026-05-01', '--reporter', 'json'], { cwd: dir });
    const report = JSON.parse(built.stdout) as { diagnostics: { ruleId: string }[]; build: { written: string[] } };
    expect(report.build.written).toContain('ru/quota-for-2027.html');
    expect(report.diagnostics.map((d) => d.ruleId)).toContain('translation/mismatch');
  });

  it('reads past a first line that opens as a translator\'s note but is none, however many times it says ". Translate ", in one pass', async () => {
    // A third of a megabyte of ". Translate " with no end to the note: each one was tried against the rest of the line, some 7 s.
    const opening = '> **Translation needed.** This draft is a copy of ';
    const line = `${opening}${'a. Translate '.repeat(25_000)}`;
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/q.md': release({ id: 'q1', title: 'Quota', date: '2026-03-17', status: 'draft' }, `${line}\n\nText.\n`) });
    const started = performance.now();
    const result = await runMain(['new', '--translate-from', 'releases/en/q.md', '--lang', 'ru'], { cwd: dir });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('translator\'s note');
    // Not a note, so it is the text to translate, kept under the draft's own note.
    const text = await readFile(join(dir, 'releases/ru/q.md'), 'utf8');
    expect(text).toContain(`into Russian, then delete this note.\n\n${line}\n\nText.\n`);
  });

  it('reads an original that starts with invisible characters as validate does: they are no reason to refuse it', async () => {
    // A second byte-order mark and a zero-width space before the opening `---`, which `validate` warns of at 1:1 and reads past.
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'en/a.md': `\uFEFF\uFEFF\u200B${original}` });
    const check = await runMain(['validate', 'en', '--reporter', 'json', '--now', '2026-01-01'], { cwd: dir });
    expect((JSON.parse(check.stdout) as { diagnostics: { ruleId: string; line: number; column: number }[] }).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:1 content/invisible-character']);
    const made = await runMain(['new', '--translate-from', 'en/a.md', '--lang', 'ru'], { cwd: dir });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const text = await readFile(join(dir, 'ru/a.md'), 'utf8');
    expect(text.startsWith('---\n')).toBe(true);
    expect(frontMatter(text)).toMatchObject({ id: 'e-services-2026', lang: 'ru', title: 'Residence permits go online' });
  });

  it('ends the translation\'s lines as the original\'s end, CRLF or LF', async () => {
    for (const lineBreak of ['\r\n', '\n', '\r']) {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/e-services.md': original.replace(/\n/g, lineBreak) });
      const made = await runMain(['new', '--translate-from', 'releases/en/e-services.md', '--lang', 'ru'], { cwd: dir });
      expect(made.code).toBe(0);
      const text = await readFile(join(dir, 'releases/ru/e-services.md'), 'utf8');
      expect(text.split(lineBreak).length, JSON.stringify(lineBreak)).toBeGreaterThan(10);
      // No line ends otherwise: no LF without its CR, no CR without its LF.
      expect(text.split(lineBreak).join('')).not.toMatch(/[\r\n]/);
      expect(frontMatter(text.replace(/\r\n?/g, '\n'))).toMatchObject({ id: 'e-services-2026', lang: 'ru', status: 'draft' });
    }
  });

  it('copies the original\'s own contacts, or else gives the new language its configured ones', async () => {
    const withContacts = release({ id: 'x1', contacts: '[{ name: Press Office, email: press@example.az }]' });
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'en/a.md': withContacts, 'en/b.md': release({ id: 'x2', title: 'Other' }) });
    const made = await runMain(['new', '--translate-from', 'en/a.md', '--lang', 'az'], { cwd: dir });
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('Created az/a.md, an Azerbaijani translation draft of en/a.md');
    expect(frontMatter(await readFile(join(dir, 'az/a.md'), 'utf8')).contacts).toEqual([{ name: 'Press Office', email: 'press@example.az' }]);
    expect((await runMain(['new', '--translate-from', 'en/b.md', '--lang', 'az', '--dir', 'out'], { cwd: dir })).code).toBe(0);
    expect(frontMatter(await readFile(join(dir, 'out/b.md'), 'utf8')).contacts).toEqual([
      { name: 'Nərmin Əlizadə', role: 'Mətbuat xidməti', email: 'press@migration.example.az', phone: '+994 12 555 01 00' },
    ]);
  });

  it('gives a translation in another folder the original\'s local images, read from where it is', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000030000000208060000009d74661a0000000d49444154789c63f8ffff3f0300050001ff8dd5e1a10000000049454e44ae426082', 'hex');
    const withImages = release({ id: 'photos', lang: 'en', title: 'The new centre in photos', image: '{ src: photos/centre.png, alt: The centre }' },
      'The hall ![The hall](photos/centre.png "Hall") and the queue ![The queue][queue], and [the map](https://example.az/map.png).\n\n[queue]: <./centre.png>\n');
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/photos.md': withImages });
    await mkdir(join(dir, 'releases/en/photos'));
    for (const file of ['releases/en/photos/centre.png', 'releases/en/centre.png']) await writeFile(join(dir, file), png);
    expect((await runMain(['validate', 'releases', '--now', '2026-11-28'], { cwd: dir })).code).toBe(0);
    const result = await runMain(['new', '--translate-from', 'releases/en/photos.md', '--lang', 'az'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(join(dir, 'releases/az/photos.md'), 'utf8');
    expect(frontMatter(text).image).toEqual({ src: '../en/photos/centre.png', alt: 'The centre' });
    // Before, the addresses were copied as written, and the draft failed validate: releases/az/photos/centre.png is no file.
    expect(text).toContain('![The hall](../en/photos/centre.png "Hall")');
    expect(text).toContain('[queue]: <../en/centre.png>');
    expect(text).toContain('[the map](https://example.az/map.png)');
    const check = await runMain(['validate', 'releases', '--reporter', 'json', '--now', '2026-11-28'], { cwd: dir });
    expect((JSON.parse(check.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/image-file')).toEqual([]);
    expect(check.code).toBe(0);
  });

  it('gives a translation the original\'s local images in its images, links and definitions only, never in code, which stays as written', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000030000000208060000009d74661a0000000d49444154789c63f8ffff3f0300050001ff8dd5e1a10000000049454e44ae426082', 'hex');
    const body = [
      'The hall ![The hall](pic.png), [its file](pic.png) and [![The map](pic.png)](pic.png).',
      '',
      'Write `![The hall](pic.png)` and ``[its file](pic.png)`` for them.',
      '',
      '    ![Indented](pic.png)',
      '',
      '~~~markdown',
      '![Fenced](pic.png)',
      '[map]: pic.png',
      '~~~',
      '',
      '- In a list: ![Listed](pic.png) and `![listed](pic.png)`.',
      '',
      '> ![Quoted][map]',
      '',
      '[map]: pic.png',
      '',
    ].join('\n');
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/code.md': release({ id: 'code', lang: 'en', title: 'Images and code' }, body), 'releases/en/pic.png': '' });
    await writeFile(join(dir, 'releases/en/pic.png'), png);
    expect((await runMain(['validate', 'releases', '--now', '2026-11-28'], { cwd: dir })).code).toBe(0);
    const result = await runMain(['new', '--translate-from', 'releases/en/code.md', '--lang', 'az'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(join(dir, 'releases/az/code.md'), 'utf8');
    expect(text.slice(text.indexOf('The hall'))).toBe(body
      .replace('![The hall](pic.png), [its file](pic.png) and [![The map](pic.png)](pic.png)', '![The hall](../en/pic.png), [its file](../en/pic.png) and [![The map](../en/pic.png)](../en/pic.png)')
      .replace('![Listed](pic.png) and', '![Listed](../en/pic.png) and')
      .replace(/\n\[map\]: pic\.png\n$/, '\n[map]: ../en/pic.png\n'));
    const check = await runMain(['validate', 'releases', '--reporter', 'json', '--now', '2026-11-28'], { cwd: dir });
    expect((JSON.parse(check.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/image-file')).toEqual([]);
  });

  it('gives a translation whose title another release of its language already made its slug a slug of its own, and says so', async () => {
    // Two releases that share a title: in English one of them had to set its own slug; their Russian drafts both start with that title.
    const dir = await project({
      'releases/en/2026-03-17-annual-report.md': release({ id: '2026-03-17-annual-report', title: 'Annual report', date: '2026-03-17' }),
      'releases/en/2027-03-17-annual-report.md': release({ id: '2027-03-17-annual-report', title: 'Annual report', date: '2027-03-17', slug: 'annual-report-2027' }),
    });
    const first = await runMain(['new', '--translate-from', 'releases/en/2026-03-17-annual-report.md', '--lang', 'ru'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(frontMatter(await readFile(join(dir, 'releases/ru/2026-03-17-annual-report.md'), 'utf8')).slug).toBeUndefined();
    const second = await runMain(['new', '--translate-from', 'releases/en/2027-03-17-annual-report.md', '--lang', 'ru'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Created releases/ru/2027-03-17-annual-report.md');
    expect(second.stderr).toBe('migration-news: note: its title gives the slug "annual-report", which releases/ru/2026-03-17-annual-report.md has in Russian, so this draft has `slug: annual-report-2`; delete that line once the title is translated if the new title\'s slug is free.\n');
    expect(frontMatter(await readFile(join(dir, 'releases/ru/2027-03-17-annual-report.md'), 'utf8')).slug).toBe('annual-report-2');
    const check = await runMain(['validate', 'releases', '--reporter', 'json', '--now', '2026-01-01'], { cwd: dir });
    expect((JSON.parse(check.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId)).not.toContain('slug/duplicate');
    expect(check.code).toBe(0);
  });

  it('translates a release whose title gives a slug no release may have, which has a slug of its own, giving the draft one in its place', async () => {
    const dir = await project({ 'releases/en/feed-story.md': release({ id: 'feed-story', title: 'Feed', slug: 'feed-story', date: '2026-03-17' }) });
    const result = await runMain(['new', '--translate-from', 'releases/en/feed-story.md', '--lang', 'ru'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('migration-news: note: its title gives the slug "feed", the name of the site\'s own files in each language (the listing, the feed), so this draft has `slug: feed-2026`; delete that line once the title is translated if the new title\'s slug is free.\n');
    expect(frontMatter(await readFile(join(dir, 'releases/ru/feed-story.md'), 'utf8')).slug).toBe('feed-2026');
    const check = await runMain(['validate', 'releases', '--reporter', 'json', '--now', '2026-01-01'], { cwd: dir });
    expect((JSON.parse(check.stdout) as { diagnostics: { severity: string }[] }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses a second translation of a release into a language it already has there, naming the first', async () => {
    // The Azerbaijani draft, its title not yet translated, is the same release as the English original, under another name.
    const dir = await project({
      'releases/en/annual-report.md': release({ id: 'annual-report-2026', title: 'Annual report' }),
      'releases/az/annual-report-2026.md': release({ id: 'annual-report-2026', title: 'Annual report', lang: 'az', status: 'draft' }),
    });
    expect((await runMain(['new', '--translate-from', 'releases/en/annual-report.md', '--lang', 'ru'], { cwd: dir })).code).toBe(0);
    const again = await runMain(['new', '--translate-from', 'releases/az/annual-report-2026.md', '--lang', 'ru'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('migration-news: releases/ru/annual-report.md is already the Russian version of this release (id annual-report-2026): a second one would share its id.\nhint: Translate that file, or move it away first.\n');
    expect(await readdir(join(dir, 'releases/ru'))).toEqual(['annual-report.md']);
  });

  it('refuses a translation into a language a release already has in another folder of the project, naming that file', async () => {
    const dir = await project({
      'releases/en/annual-report.md': release({ id: 'annual-report-2026', title: 'Annual report' }),
      'archive/russian/godovoy-otchet.md': release({ id: 'annual-report-2026', title: 'Годовой отчёт', lang: 'ru', status: 'draft' }),
    });
    const again = await runMain(['new', '--translate-from', 'releases/en/annual-report.md', '--lang', 'ru'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('migration-news: archive/russian/godovoy-otchet.md is already the Russian version of this release (id annual-report-2026): a second one would share its id.\nhint: Translate that file, or move it away first.\n');
    expect(await readdir(join(dir, 'releases'))).toEqual(['en']);
  });

  it('refuses to overwrite an existing translation, to translate into the same language, or from an invalid release', async () => {
    const dir = await project({ 'en/a.md': release({ id: 'a' }), 'ru/a.md': 'Перевод, уже начатый.\n', 'en/bad.md': release({ date: '2026-13-01' }) });
    const clash = await runMain(['new', '--translate-from', 'en/a.md', '--lang', 'ru'], { cwd: dir });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/Refusing to overwrite ru\/a\.md/);
    expect(await readFile(join(dir, 'ru/a.md'), 'utf8')).toBe('Перевод, уже начатый.\n');
    // A translation takes no --id: the hint names only what can change, and says when --dir names the original's own folder.
    expect(clash.stderr).toMatch(/hint: Choose another --dir, or move the existing file away\.\n/);
    const onItself = await runMain(['new', '--translate-from', 'en/a.md', '--lang', 'ru', '--dir', 'en'], { cwd: dir });
    expect(onItself.code).toBe(2);
    expect(onItself.stderr).toMatch(/Refusing to overwrite en\/a\.md: the file exists\.\nhint: That is the original itself: give --dir another folder/);
    expect(await readFile(join(dir, 'en/a.md'), 'utf8')).toBe(release({ id: 'a' }));
    const same = await runMain(['new', '--translate-from', 'en/a.md', '--lang', 'en'], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/already in English/);
    const invalid = await runMain(['new', '--translate-from', 'en/bad.md', '--lang', 'az'], { cwd: dir });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/en\/bad\.md:\d+:\d+/);
    const missing = await runMain(['new', '--translate-from', 'en/none.md', '--lang', 'az'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    await mkdir(join(dir, 'az'), { recursive: true });
    expect(await readdir(join(dir, 'az'))).toEqual([]);
  });
});
