import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime } from '../src/core/dates.js';
import { countryCode, isLanguageTag, localeFor } from '../src/core/locale/index.js';
import { pageTitle } from '../src/core/model.js';
import { slugify } from '../src/core/slug.js';
import { shortenTitle } from '../src/core/title.js';
import { NOW, ROOT, release, runMain, useProjects } from './helpers/cli.js';
import { isSiteFile } from './helpers/site-files.js';
import { tagSlug } from '../src/core/site/index.js';

/** Languages beyond the built-in three, labels from the template set, and cut-short headlines and slugs. */

const project = useProjects();

async function outputs(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(join(dir, 'dist'), { recursive: true }).catch(() => [] as string[])).filter((f) => f.includes('.'));
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f.split('\\').join('/'), await readFile(join(dir, 'dist', f), 'utf8')] as const)));
}

async function build(dir: string, args: string[] = []) {
  const result = await runMain(['build', 'r', '--out', 'dist', '--now', NOW, ...args], { cwd: dir });
  return { ...result, files: await outputs(dir) };
}

describe('locales', () => {
  it('accepts any well-formed BCP 47 tag and nothing else', () => {
    for (const tag of ['en', 'az', 'tr', 'uk', 'ka', 'de', 'en-GB', 'sr-Latn-RS']) expect(isLanguageTag(tag), tag).toBe(true);
    for (const tag of ['', 'e', 'english language', 'en_GB', 'en-', '../en', 'root']) expect(isLanguageTag(tag), tag).toBe(false);
  });

  it('tells a country\'s code from a language\'s as the runtime\'s names do, for every two letters, asking for no names for a language\'s', () => {
    // What the names CLDR gives say: no language of that code, and a country of it.
    const byNames = (code: string) => {
      const lower = code.toLowerCase();
      if (new Intl.DisplayNames(['en'], { type: 'language' }).of(lower) !== lower) return undefined;
      // Codes of private use and groupings: CLDR names some ("Unknown Region", "Pseudo-Accents", "United Nations"), but they are no country.
      if (/^(?:aa|q[m-z]|x[a-jl-z]|zz|eu|ez|un)$/.test(lower)) return undefined;
      const country = new Intl.DisplayNames(['en'], { type: 'region' }).of(lower.toUpperCase());
      return country === undefined || country === lower.toUpperCase() ? undefined : { language: new Intl.Locale(`und-${lower.toUpperCase()}`).maximize().language, country };
    };
    const names = vi.spyOn(Intl, 'DisplayNames');
    try {
      for (const code of ['az', 'en', 'ru', 'uk', 'ka', 'fa', 'he', 'zh', 'EN', 'Tr']) expect(countryCode(code), code).toBeUndefined();
      expect(names).not.toHaveBeenCalled();
    } finally {
      names.mockRestore();
    }
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (const a of letters) for (const b of letters) {
      expect(countryCode(a + b), a + b).toEqual(byNames(a + b));
      expect(countryCode((a + b).toUpperCase()), (a + b).toUpperCase()).toEqual(byNames(a + b));
    }
    for (const code of ['zz', 'xa', 'xb', 'qo', 'ez', 'un']) expect(countryCode(code), code).toBeUndefined();
    expect(countryCode('xk')).toEqual({ language: 'sq', country: 'Kosovo' });
    expect([countryCode('ua'), countryCode('ir')]).toEqual([{ language: 'uk', country: 'Ukraine' }, { language: 'fa', country: 'Iran' }]);
  });

  it('writes dates of languages without built-in data from CLDR, on the day the author wrote', () => {
    expect(formatDate('2014-07-24', 'tr')).toBe('24 Temmuz 2014');
    expect(formatDate('2014-07-24', 'de')).toBe('24. Juli 2014');
    expect(formatDate('2014-07-24T23:30:00-05:00', 'uk')).toBe('24 липня 2014 р.');
    // A regional tag of a built-in language keeps its wording.
    expect(formatDate('2014-07-24', 'en-GB')).toBe('24 July 2014');
    // A language CLDR has no dates for (Talysh, Lezgian, spoken in Azerbaijan) is written in the tool's English order, not the runtime's American one.
    expect([formatDate('2014-07-24', 'tly'), formatDate('2014-07-24', 'lez', 'persian'), formatDateTime('2014-01-24T09:30:00Z', 'tly', 'Asia/Baku')]).toEqual(['24 July 2014', '2 Mordad 1393 AP', '24 January 2014, 13:30 (UTC+04:00)']);
    expect(localeFor('en-US').ogLocale).toBe('en_US');
    expect(localeFor('de').ogLocale).toBe('de_DE');
    expect(localeFor('tr').name).toBe('Türkçe');
    // The direction of each language's script; days by the Gregorian calendar in every language; Ukrainian "р." stays lower-case in capitals.
    expect(['ar', 'fa', 'he', 'ur', 'en', 'az', 'ru', 'ka', 'en-GB'].map((tag) => localeFor(tag).direction)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
    expect(localeFor('fa').formatDay(2026, 12, 1)).toBe('۱ دسامبر ۲۰۲۶');
    expect(localeFor('uk').upper('1 грудня 2026 р., 09:00')).toBe('1 ГРУДНЯ 2026 р., 09:00');
    expect(localeFor('bg').upper('1 декември 2026 г.')).toBe('1 ДЕКЕМВРИ 2026 г.');
    // A script variant of a built-in language keeps its words and takes its script's direction.
    expect([localeFor('az-Arab').direction, localeFor('az-Arab').name, localeFor('az-Latn').direction]).toEqual(['rtl', 'Azərbaycanca', 'ltr']);
    expect([localeFor('ka').upper('ბაქო, Tbilisi'), localeFor('en').upper('ბაქო, Tbilisi'), localeFor('ka').name]).toEqual(['ბაქო, TBILISI', 'ბაქო, TBILISI', 'ქართული']);
    // Armenia's reformed spelling writes և in capitals as ԵՎ; Western Armenian keeps the classical ԵՒ.
    expect([localeFor('hy').upper('Երևան'), localeFor('hy-AM').upper('և'), localeFor('hyw').upper('Երևան'), localeFor('hy-arevmda').upper('Երևան')]).toEqual(['ԵՐԵՎԱՆ', 'ԵՎ', 'ԵՐԵՒԱՆ', 'ԵՐԵՒԱՆ']);
  });

  // `en` and `en-GB` both gave en_GB: a release in English of no region claimed Britain, and one with its British version named
  // its own locale again as the alternate. `az-Arab` gave az_AZ, where that script is written in Iran; `es-419` gave es_419.
  it('gives Open Graph the territory a tag names, else its language\'s likely one, and no territory for a region that is no country', async () => {
    const tags = ['en', 'en-GB', 'en-US', 'az', 'ru', 'ru-KZ', 'de', 'az-Arab', 'zh-Hant', 'es-419', 'eo', 'fil'];
    expect(tags.map((tag) => localeFor(tag).ogLocale)).toEqual(['en_US', 'en_GB', 'en_US', 'az_AZ', 'ru_RU', 'ru_KZ', 'de_DE', 'az_IR', 'zh_TW', 'es', 'eo', 'fil_PH']);
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, en-GB]\n',
      'r/a.md': release({ id: 'centre', slug: 'centre' }),
      'r/b.md': release({ id: 'centre', slug: 'centre', lang: 'en-GB' }),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const meta = (path: string) => [...result.files[path]!.matchAll(/<meta property="(og:locale(?::alternate)?)" content="([^"]*)">/g)].map((m) => `${m[1]!}=${m[2]!}`);
    expect(meta('en/centre.html')).toEqual(['og:locale=en_US', 'og:locale:alternate=en_GB']);
    expect(meta('en-gb/centre.html')).toEqual(['og:locale=en_GB', 'og:locale:alternate=en_US']);
    expect(meta('en/index.html')).toEqual(['og:locale=en_US']);
  });

  // `pt` and `pt-BR` are both pt_BR: the page of one named its own locale as another it is available in, and a third
  // version's page named pt_BR twice.
  it('names each other Open Graph locale a release is available in once, and never its own', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [pt, pt-BR, pt-PT]\n',
      'templates/default/labels/pt.yaml': await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8'),
      ...Object.fromEntries(['pt', 'pt-BR', 'pt-PT'].map((lang) => [`r/${lang}.md`, release({ id: 'centre', slug: 'centre', lang })])),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const meta = (path: string) => [...result.files[path]!.matchAll(/<meta property="(og:locale(?::alternate)?)" content="([^"]*)">/g)].map((m) => `${m[1]!}=${m[2]!}`);
    expect(meta('pt/centre.html')).toEqual(['og:locale=pt_BR', 'og:locale:alternate=pt_PT']);
    expect(meta('pt-br/centre.html')).toEqual(['og:locale=pt_BR', 'og:locale:alternate=pt_PT']);
    expect(meta('pt-pt/centre.html')).toEqual(['og:locale=pt_PT', 'og:locale:alternate=pt_BR']);
  });

  it('upper-cases by language and keeps the Russian "г." lower-case', () => {
    expect(localeFor('ru').upper('1 марта 2027 г., 09:00')).toBe('1 МАРТА 2027 г., 09:00');
    expect(localeFor('az').upper('Gəncə')).toBe('GƏNCƏ');
    expect(localeFor('tr').upper('istanbul')).toBe('İSTANBUL');
    expect(localeFor('en').upper('istanbul')).toBe('ISTANBUL');
    expect(formatDateTime('2027-03-01T09:00:00+04:00', 'ru', 'Asia/Baku')).toBe('1 марта 2027 г., 09:00 (UTC+04:00)');
  });

  it('transliterates slugs by the release language, and strips accents otherwise', () => {
    expect(slugify('Київ і Харків: міграційна служба', 'uk')).toBe('kyiv-i-kharkiv-mihratsiina-sluzhba');
    expect(slugify('Göç İdaresi yeni şube açtı', 'tr')).toBe('goc-idaresi-yeni-sube-acti');
    expect(slugify('Göç İdaresi yeni şube açtı', 'az')).toBe('goch-idaresi-yeni-shube-achti');
    expect(slugify('მიგრაციის სამსახური თბილისში', 'ka')).toBe('migratsiis-samsakhuri-tbilisshi');
    expect(slugify('Générale Société à Zürich', 'fr')).toBe('generale-societe-a-zurich');
    // A cedilla is Azerbaijani's sound (ch, sh) in a release of English or Russian about Şəki, but a language with these letters of its own drops it.
    expect([slugify('Façade of the Curaçao office', 'fr'), slugify('Serviço de Migração lança portal', 'pt-BR'), slugify('Şcoala din Iaşi', 'ro'), slugify('Açores', 'ca'), slugify('Koçberên li Şamê', 'ku'), slugify('Çështja e shërbimit', 'sq')])
      .toEqual(['facade-of-the-curacao-office', 'servico-de-migracao-lanca-portal', 'scoala-din-iasi', 'acores', 'kocberen-li-same', 'ceshtja-e-sherbimit']);
    expect([slugify('Visa centre opens in Şəki', 'en'), tagSlug('Français', 'fr'), tagSlug('Şəki', 'en')]).toEqual(['visa-centre-opens-in-sheki', 'francais', 'sheki']);
    // Serbian gives one slug in either of its scripts.
    const serbian = [slugify('Ђорђе Јовановић: нова шалтер-сала у Чачку, џепни водич и жалбе', 'sr-Cyrl'), slugify('Đorđe Jovanović: nova šalter-sala u Čačku, džepni vodič i žalbe', 'sr-Latn')];
    expect(serbian).toEqual(['djordje-jovanovic-nova-salter-sala-u-cacku-dzepni-vodic-i-zalbe', 'djordje-jovanovic-nova-salter-sala-u-cacku-dzepni-vodic-i-zalbe']);
    // Digits of other scripts are numbers in the slug too: Persian, Arabic-Indic, Devanagari, mathematical.
    expect([slugify('Forum ۲۰۲۷: ۱۲٬۵۰۰', 'fa'), slugify('Forum ٢٠٢٦', 'ar'), slugify('Forum २०२५'), slugify('Forum 𝟐𝟎𝟐𝟒')]).toEqual(['forum-2027-12-500', 'forum-2026', 'forum-2025', 'forum-2024']);
    expect(slugify('Государственная миграционная служба', 'en')).toBe('gosudarstvennaya-migratsionnaya-sluzhba');
    // Compatibility forms are the letters they stand for, in lower case: the numero sign of decrees, full-width letters, Roman numerals.
    expect([slugify('Указ № 125 о квотах', 'ru'), slugify('Nazirlər Kabinetinin № 5 qərarı', 'az'), slugify('ＡＢＣ Forum Ⅱ', 'en'), slugify('Brand™ Visa℠ 2026', 'en'), slugify('Brand™Service Express🅪 en ligne', 'fr')])
      .toEqual(['ukaz-no-125-o-kvotakh', 'nazirler-kabinetinin-no-5-qerari', 'abc-forum-ii', 'brand-visa-2026', 'brand-service-express-en-ligne']);
    // Latin letters with a stroke or a hook, which lose nothing to decomposition: before, they were dropped ("Ħamrun" → "amrun").
    expect([slugify('Ċentru f\'Ħamrun', 'mt'), slugify('Ŧeahkkásteapmi Ŋuorra', 'se'), slugify('Ɛwe kple Ɔkɔ, Ɖaɖa', 'ee'), slugify('Ɓaƙi ɗan Ƙasa', 'ha')])
      .toEqual(['centru-fhamrun', 'teahkkasteapmi-nguorra', 'ewe-kple-oko-dada', 'baki-dan-kasa']);
    // Catalan's middle dot between two l's joins its word, as it does on Catalan sites: before, "col-legi".
    expect([slugify('Col·legi d\'Advocats', 'ca'), slugify('INTEL·LIGÈNCIA', 'ca'), slugify('Ŀlorenç', 'ca'), slugify('3·4 l·m', 'en')]).toEqual(['collegi-dadvocats', 'intelligencia', 'llorenc', '3-4-l-m']);
  });
});

describe('cut-short headlines and slugs (issue: title tag and derived slugs)', () => {
  const title = 'Round table in the Milli Majlis on combating human trafficking and the smuggling of migrants';

  it('cuts a slug at a word boundary that does not end on a conjunction or preposition', () => {
    const slug = slugify(title, 'en', 60);
    expect(slug).toBe('round-table-in-the-milli-majlis-on-combating-human');
    expect(slugify('Круглый стол по вопросам борьбы с торговлей людьми и незаконной миграцией в регионах', 'ru', 60))
      .toBe('kruglyy-stol-po-voprosam-borby-s-torgovley-lyudmi');
    expect(slugify('word '.repeat(40)).length).toBeLessThanOrEqual(80);
  });

  it('never leaves a stop word before the ellipsis of a shortened title', () => {
    expect(shortenTitle(title, 70, 'en')).toBe('Round table in the Milli Majlis on combating human trafficking…');
    expect(shortenTitle('Milli Məclisdə insan alveri və miqrantların qaçaqmalçılığına qarşı mübarizəyə dair dəyirmi masa', 40, 'az')).toBe('Milli Məclisdə insan alveri…');
    expect(shortenTitle('Short title', 70, 'en')).toBe('Short title');
    // A number is not cut between its digit groups, spaced or with commas: "set at 12…" would misquote it.
    const quota = 'Work permit quota for 2027 set at 12 500 permits for the year';
    expect([38, 40, 41].map((n) => shortenTitle(quota, n, 'en'))).toEqual(['Work permit quota for 2027 set…', 'Work permit quota for 2027 set…', 'Work permit quota for 2027 set at 12 500…']);
    expect(shortenTitle('Квота на 2027 год: 12\u00A0500 разрешений для регионов', 25, 'ru')).toBe('Квота на 2027 год…');
    expect(shortenTitle('Quota set at 12,500 permits in all', 17, 'en')).toBe('Quota set…');
  });

  it('gives a Chinese, Japanese or Korean character the room of two, and cuts text without spaces where its words part', () => {
    const zh = '国家移民局发布关于外国公民在线续签临时居留许可的新规定';
    // 19 places before the ellipsis hold nine characters; the ninth ends the word 关于, so the cut is there.
    expect(shortenTitle(zh, 20, 'zh')).toBe('国家移民局发布关于…');
    // Eleven characters would end inside 公民 (citizens): the cut goes back to where that word starts.
    expect(shortenTitle(zh, 24, 'zh')).toBe('国家移民局发布关于外国…');
    expect(shortenTitle('国家移民局は外国人の在留許可のオンライン更新に関する新しい規則を発表しました', 20, 'ja')).toBe('国家移民局は外国人…');
    // Korean parts its words with spaces, as before; each syllable takes two places.
    expect(shortenTitle('이민청은 외국인의 임시 거주 허가 온라인 갱신에 관한 새 규정을 발표했다', 30, 'ko')).toBe('이민청은 외국인의 임시 거주…');
    expect(shortenTitle(zh, 54, 'zh')).toBe(zh);
    // The site's name takes its room in the same measure.
    expect(pageTitle(zh.repeat(2), '国家移民局', 'zh')).toBe(`${zh}… — 国家移民局`);
  });

  it('gives <title> the site name after the headline when one is configured, and the full headline elsewhere', async () => {
    expect(pageTitle(title, 'Newsroom', 'en')).toBe('Round table in the Milli Majlis on combating human… — Newsroom');
    expect(pageTitle('Short', 'Newsroom', 'en')).toBe('Short — Newsroom');
    expect(pageTitle('Short', undefined, 'en')).toBe('Short');
    expect(pageTitle('Newsroom', 'Newsroom', 'en')).toBe('Newsroom');
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  name: Newsroom\n',
      'r/a.md': release({ title }),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, result.stderr).toBe(0);
    const html = Object.entries(result.files).find(([name]) => name.endsWith('.html') && !isSiteFile(name))![1];
    expect(html).toContain('<title>Round table in the Milli Majlis on combating human… — Newsroom</title>');
    expect(html).toContain(`<meta property="og:title" content="${title}">`);
    expect(html).toContain(`<h1>${title}</h1>`);
    // The home page's headline is the site's name: said once.
    expect(Object.entries(result.files).find(([name]) => name === 'index.html')?.[1]).toContain('<title>Newsroom</title>');
  });

  it('never cuts a headline inside a character: a letter keeps its combining mark, a Hindi consonant its virama', async () => {
    // One word each, longer than the title's 70 places (69 and the ellipsis), cut where the room ends: between a letter and its
    // mark, `e` and U+0301 (as text copied from a PDF or a Mac writes é), or `स` and its virama.
    const accented = `${'x'.repeat(68)}e\u0301${'x'.repeat(20)}`;
    const hindi = `${'क'.repeat(68)}स्ते${'क'.repeat(20)}`;
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, hi]\n',
      'r/a.md': release({ title: accented, slug: 'accented' }),
      'r/hi.md': release({ title: hindi, lang: 'hi', slug: 'hindi' }, 'पाठ।\n'),
      'templates/default/labels/hi.yaml': await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8'),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const page of ['en/accented.html', 'hi/hindi.html']) {
      const cut = /<title>(.*)…<\/title>/.exec(result.files[page]!)![1]!;
      const whole = page === 'en/accented.html' ? accented : hindi;
      expect(whole.startsWith(cut), page).toBe(true);
      // Before, the title ended with the letter "e" without its accent, or with "स" without its virama: the next was a mark.
      expect(/^\p{M}/u.test(whole.slice(cut.length)), page).toBe(false);
    }
  });
});

describe('languages and labels through a build', () => {
  const trRelease = release({ lang: 'tr', title: 'Göç İdaresi İstanbul\'da yeni şube açtı', location: 'İstanbul', date: '2026-07-22' }, 'Göç İdaresi bugün yeni bir hizmet merkezi açtı.\n');

  it('builds a language the config adds, with CLDR dates, its transliteration and the built-in English words it lacks reported', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, tr]\ncontacts:\n  - name: Basın Ofisi\n',
      'r/a.md': trRelease,
    });
    const result = await build(dir, ['--format', 'html,text', '--reporter', 'json']);
    // The default set has no Turkish words: the error is at the release's language, and names the file to add.
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; file: string; line: number; message: string; hint: string }[] };
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ ruleId: 'template/labels', file: 'r/a.md', line: 4, message: expect.stringContaining('has no labels for tr, so it cannot be built') });
    expect(report.diagnostics[0]!.hint).toContain('templates/default/labels/tr.yaml');
  });

  it('uses the labels a project adds for a new language, and its own corrections over the built-in words', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, tr]\norganisation:\n  name: Göç İdaresi\nabout:\n  tr: Göç İdaresi göç politikasını uygular.\n  en: The Service implements migration policy.\ncontacts:\n  - name: Basın Ofisi\n',
      'r/a.md': trRelease,
      'r/b.md': release({ id: 'a' }),
      'templates/default/labels/tr.yaml': [
        'contacts: Basın iletişim', 'about: Hakkında', 'about_organisation: "{organisation} hakkında"', 'embargoed: EMBARGOED UNTIL',
        'immediate: FOR IMMEDIATE RELEASE', 'not_for_publication: NOT FOR PUBLICATION', 'end: "###"', 'translations: Diğer dillerde',
        'view_online: Bu bülteni çevrimiçi okuyun', 'skip_to_content: Bültene geç',
        // The words of the site's own pages: the home page, listings, tag pages and the header's breadcrumbs.
        'press_releases: Basın bültenleri', 'latest: Son basın bültenleri', 'all_releases: Tüm basın bültenleri', 'home: Ana sayfa',
        'tagged: "“{tag}” konulu basın bültenleri"', 'tags: Konular', 'page_of: "Sayfa {page} / {count}"', 'pages: Sayfalar',
        'newer: Daha yeni', 'older: Daha eski', 'breadcrumbs: Buradasınız', 'no_releases: Henüz basın bülteni yayımlanmadı.',
        'subscribe: Abone olun (Atom)', 'languages: Diller', 'skip_to_list: Listeye geç', '',
      ].join('\n'),
      'templates/default/labels/en.yaml': 'contacts: Press enquiries\n',
    });
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const slug = 'goc-idaresi-istanbulda-yeni-sube-acti';
    const html = result.files[`tr/${slug}.html`]!;
    expect(html).toContain('<html lang="tr" dir="ltr">');
    expect(html).toContain('<span class="location">İSTANBUL</span>, <time datetime="2026-07-22T00:00:00+04:00">22 Temmuz 2026</time>');
    expect(html).toContain('Basın iletişim');
    expect(html).toContain('Göç İdaresi hakkında');
    expect(html).toContain('<meta property="og:locale" content="tr_TR">');
    expect(html).toMatch(/hreflang="en"[^>]*>English: /);
    const en = result.files['en/service-opens-new-residence-permit-centre.html']!;
    // One corrected word; every other English word still comes from the built-in set.
    expect(en).toContain('Press enquiries');
    expect(en).toContain('Also available in');
    expect(en).toMatch(/hreflang="tr"[^>]*>Türkçe: /);
    expect(result.files[`tr/${slug}.txt`]).toContain('İSTANBUL, 22 Temmuz 2026 — Göç İdaresi bugün');
    // The site's pages in the new language use its words too.
    expect(result.files['tr/index.html']).toContain('<h1>Basın bültenleri</h1>');
    expect(html).toContain('<a href="../index.html">Ana sayfa</a>');
  });

  it('keeps an Uzbek word whole in its slug and its tag page however its sign for oʻ and gʻ is typed', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, uz]\n',
      // The letter U+02BB, the turned quote a keyboard types for it, and an apostrophe: one word, one tag.
      'r/a.md': release({ id: 'a', lang: 'uz', title: 'Oʻzbekistonda yangi markaz', tags: "[Oʻzbekiston, G‘alaba]" }, 'Matn.\n'),
      'r/b.md': release({ id: 'b', lang: 'uz', title: 'G‘alaba kuni', tags: "[O‘zbekiston, G'alaba]" }, 'Matn.\n'),
      'r/c.md': release({ id: 'c', lang: 'uz', title: "O'zbekiston kuni", tags: "[O'zbekiston]" }, 'Matn.\n'),
      'templates/default/labels/uz.yaml': english,
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, the sign parted the word as a space does: uz/o-zbekistonda-yangi-markaz.html, and a tag page o-zbekiston.html beside ozbekiston.html.
    expect(Object.keys(result.files).filter((f) => f.startsWith('uz/') && !f.startsWith('uz/tags/') && f.endsWith('.html')).sort())
      .toEqual(['uz/galaba-kuni.html', 'uz/index.html', 'uz/ozbekiston-kuni.html', 'uz/ozbekistonda-yangi-markaz.html']);
    expect(Object.keys(result.files).filter((f) => f.startsWith('uz/tags/')).sort()).toEqual(['uz/tags/galaba.html', 'uz/tags/ozbekiston.html']);
    expect(result.files['uz/tags/ozbekiston.html']!.match(/class="release-item"/g)).toHaveLength(3);
  });

  it('writes right-to-left languages with dir="rtl" on their pages, links and home sections, and leaves Georgian letters as written', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, ar, ka]\n',
      'r/en.md': release({ id: 'centre', title: 'Centre opens' }),
      'r/ar.md': release({ id: 'centre', lang: 'ar', title: 'افتتاح المركز', slug: 'markaz', location: 'باكو' }, 'افتتحت الخدمة مركزاً جديداً.\n'),
      'r/ka.md': release({ id: 'centre', lang: 'ka', title: 'ცენტრი გაიხსნა', slug: 'tsentri', location: 'ბაქო' }, 'სამსახურმა ახალი ცენტრი გახსნა.\n'),
      'templates/default/labels/ar.yaml': english,
      'templates/default/labels/ka.yaml': english,
    });
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Plain text has no dir: every line of the Arabic text opens with a right-to-left mark, so a Latin dateline does not turn its line around.
    const arText = result.files['ar/markaz.txt']!;
    expect(arText.split('\n').filter((line) => line !== '').every((line) => line.startsWith('\u200F'))).toBe(true);
    expect(arText).toContain('\u200FFOR IMMEDIATE RELEASE');
    expect(result.files['en/centre-opens.txt']).not.toContain('\u200F');
    const ar = result.files['ar/markaz.html']!;
    expect(ar).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    expect(ar).toContain('hreflang="en" lang="en" dir="ltr">English: Centre opens</a>');
    const en = result.files['en/centre-opens.html']!;
    expect(en).toContain('hreflang="ar" lang="ar" dir="rtl">العربية: افتتاح المركز</a>');
    // Georgian has no capitals in running text: its name and an upper-cased dateline keep their letters.
    expect(en).toContain('hreflang="ka" lang="ka" dir="ltr">ქართული: ცენტრი გაიხსნა</a>');
    expect(result.files['ka/tsentri.html']).toContain('<span class="location">ბაქო</span>');
    expect(result.files['index.html']).toMatch(/<section class="home-section" lang="ar" dir="rtl"/);
    expect(result.files['ar/index.html']).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('keeps a telephone number in its order in a right-to-left release: dir="ltr" on its link, a left-to-right mark before it in plain text', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const contacts = 'contacts:\n  - name: Press Office\n    phone: "+994 12 555 01 00"\n';
    const dir = await project({
      'migration-news.config.yaml': `languages: [en, fa]\nemail:\n  from: press@migration.example.az\n${contacts}`,
      'r/en.md': release({ id: 'centre', title: 'Centre opens' }),
      'r/fa.md': release({ id: 'centre', lang: 'fa', title: 'افتتاح مرکز', slug: 'markaz', location: 'باکو' }, 'سرویس مرکز جدیدی افتتاح کرد.\n'),
      'templates/default/labels/fa.yaml': english,
    });
    for (const set of ['default', 'email']) {
      const result = await build(dir, ['--format', 'html,text', '--template', set, '--out', `dist/${set}`]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      // Before, the line was the number alone after the right-to-left mark, and a reader saw 00 01 555 12 994+.
      expect(result.files[`${set}/fa/markaz.txt`]!.split('\n'), set).toContain('\u200F\u200E+994 12 555 01 00');
      expect(result.files[`${set}/en/centre-opens.txt`]!.split('\n'), set).toContain('+994 12 555 01 00');
      // On a page the link is isolated as left to right; before, the + stood at the number's right end.
      expect(result.files[`${set}/fa/markaz.html`], set).toMatch(/<a href="tel:\+994125550100" dir="ltr"[^>]*>\+994\u00A012/);
    }
  });

  it('writes an embargo\'s clock in the digits and after the comma of its date\'s language', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const embargo = { status: 'approved', embargo: '2026-12-01T09:00:00+04:00' };
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, fa, zh]\n',
      'r/en.md': release({ id: 'quota', title: 'Quota', ...embargo }),
      'r/fa.md': release({ id: 'quota', lang: 'fa', title: 'سهمیه', slug: 'sahmiye', ...embargo }, 'متن.\n'),
      'r/zh.md': release({ id: 'quota', lang: 'zh', title: '配额', slug: 'peie', ...embargo }, '正文。\n'),
      ...Object.fromEntries(['fa', 'zh'].map((lang) => [`templates/default/labels/${lang}.yaml`, english])),
    });
    const result = await build(dir, ['--format', 'html,text', '--embargoed']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, the Persian line had its date in Persian digits and its clock in ASCII ones, after a Latin comma: ۱ دسامبر ۲۰۲۶, 09:00.
    expect(result.files['fa/sahmiye.txt']).toContain('EMBARGOED UNTIL\u200F ۱ دسامبر ۲۰۲۶، ۰۹:۰۰ (UTC+04:00)\n');
    expect(result.files['fa/sahmiye.html']).toContain('۱ دسامبر ۲۰۲۶، ۰۹:۰۰ (UTC+04:00)');
    expect(result.files['zh/peie.txt']).toContain('EMBARGOED UNTIL 2026年12月1日，09:00 (UTC+04:00)\n');
    expect(result.files['en/quota.txt']).toContain('EMBARGOED UNTIL 1 DECEMBER 2026, 09:00 (UTC+04:00)\n');
  });

  it('writes the comma between a dateline\'s place and date as the language does, on pages, listings, the home page, in text and JSON-LD', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, fa, zh, ja]\ncontacts:\n  - name: Press Office\n    role: Head\n',
      'r/en.md': release({ id: 'centre', title: 'Centre opens', location: 'Baku' }),
      'r/fa.md': release({ id: 'centre', lang: 'fa', title: 'افتتاح مرکز', slug: 'markaz', location: 'باکو' }, 'سرویس مرکز جدیدی افتتاح کرد.\n'),
      'r/zh.md': release({ id: 'centre', lang: 'zh', title: '中心开放', slug: 'zhongxin', location: '巴库' }, '移民局开设了新中心。\n'),
      'r/ja.md': release({ id: 'centre', lang: 'ja', title: 'センター開設', slug: 'senta', location: 'バクー' }, '移民局は新しいセンターを開設した。\n'),
      ...Object.fromEntries(['fa', 'zh', 'ja'].map((lang) => [`templates/default/labels/${lang}.yaml`, english])),
    });
    // A script variant of a built-in language takes its script's comma, as it takes its direction.
    expect(['az', 'az-Arab', 'ru-KZ', 'zh-TW', 'am'].map((tag) => localeFor(tag).comma)).toEqual([', ', '\u060C ', ', ', '\uFF0C', '\u1363 ']);
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const cases = [['en/centre-opens', 'en', 'Baku', 'BAKU', ', '], ['fa/markaz', 'fa', 'باکو', 'باکو', '\u060C '], ['zh/zhongxin', 'zh', '巴库', '巴库', '\uFF0C'], ['ja/senta', 'ja', 'バクー', 'バクー', '\u3001']] as const;
    for (const [page, lang, place, upper, comma] of cases) {
      const html = result.files[`${page}.html`]!;
      expect(html, page).toContain(`<span class="location">${upper}</span>${comma}<time`);
      expect(html, page).toMatch(new RegExp(`"dateline":"${place}${comma}`));
      expect(result.files[`${page}.txt`], page).toContain(`${upper}${comma}`);
      expect(result.files[`${lang}/index.html`], page).toContain(`<span class="location">${place}</span>${comma}<time`);
    }
    // The home page lists each language's releases with its own comma.
    expect(result.files['index.html']).toContain('<span class="location">巴库</span>\uFF0C<time');
    // A contact's name and role are parted by the same comma, on the page and in text; before, by a Latin one in every language.
    for (const [page, , , , comma] of cases) {
      expect(result.files[`${page}.html`], page).toContain(`<span class="contact-name">Press Office</span>${comma}<span class="contact-role">Head</span>`);
      expect(result.files[`${page}.txt`], page).toMatch(new RegExp(`\n\u200F?Press Office${comma}Head\n`));
    }
  });

  it('writes the colon after a label as the language does: full width in Chinese and Japanese, on pages, in text and e-mail', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, zh]\nsite:\n  url: https://press.example.az\nemail:\n  from: press@example.az\ncontacts:\n  - name: Press Office\n',
      'r/en.md': release({ id: 'centre', title: 'Centre opens' }),
      'r/zh.md': release({ id: 'centre', lang: 'zh', title: '中心开放', slug: 'zhongxin' }, '移民局开设了新中心。\n'),
      'templates/default/labels/zh.yaml': english,
    });
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, a half-width colon after Chinese words: 中文: 中心开放, Media contacts: in a Chinese release.
    expect(result.files['zh/zhongxin.html']).toContain('<p>Also available in\uFF1A</p>');
    expect(result.files['zh/zhongxin.html']).toContain('>English: Centre opens</a>');
    expect(result.files['en/centre-opens.html']).toContain('>中文\uFF1A中心开放</a>');
    expect(result.files['en/centre-opens.html']).toContain('<p>Also available in:</p>');
    expect(result.files['zh/zhongxin.txt']).toContain('\nMedia contacts\uFF1A\nPress Office\n');
    expect(result.files['en/centre-opens.txt']).toContain('\nMedia contacts:\nPress Office\n');
    const mail = await build(dir, ['--format', 'eml', '--out', 'mail']);
    expect(mail.code, mail.stdout + mail.stderr).toBe(0);
    const { simpleParser } = await import('mailparser');
    const zh = await simpleParser(await readFile(join(dir, 'mail/zh/zhongxin.eml')));
    expect(zh.text).toContain('Read this release online\uFF1A\n');
    expect(zh.html).toContain('Also available in\uFF1A<a ');
  });

  it('gives a release whose title keeps no Latin letter in a slug (Persian, Arabic) its id as its address, so that two of one year do not collide', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, fa, ar]\n',
      // Before, both titles gave the slug "2026": one address for two releases.
      'r/fa/annual-report.md': release({ lang: 'fa', title: 'گزارش سالانه ۲۰۲۶' }, 'متن گزارش.\n'),
      'r/fa/new-programme.md': release({ lang: 'fa', title: 'برنامه جدید ۲۰۲۶', date: '2026-06-01' }, 'متن برنامه.\n'),
      'r/fa/ganja.md': release({ lang: 'fa', title: 'مرکز ASAN در گنجه' }, 'متن مرکز.\n'),
      'r/ar/centre.md': release({ lang: 'ar', id: 'centre-opens', title: 'افتتاح المركز' }, 'افتتحت الخدمة مركزاً جديداً.\n'),
      'r/ar/other.md': release({ lang: 'ar', id: 'centre-opens-2', title: 'افتتاح المركز' }, 'نص آخر.\n'),
      ...Object.fromEntries(['fa', 'ar'].map((lang) => [`templates/default/labels/${lang}.yaml`, english])),
    });
    const result = await build(dir, ['--format', 'html']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // A title that keeps a Latin word keeps its own slug.
    expect(Object.keys(result.files).filter((f) => /^(fa|ar)\/(?!index|feed)/.test(f)).sort()).toEqual([
      'ar/centre-opens-2.html', 'ar/centre-opens.html', 'fa/annual-report.html', 'fa/asan.html', 'fa/new-programme.html',
    ]);
    // A slug made from the id is said to be there: at the id when it is written, where `slug` would go to set another.
    const clash = await project({
      'migration-news.config.yaml': 'languages: [en, fa]\n',
      'r/fa/a.md': release({ lang: 'fa', id: 'annual-report', title: 'گزارش سالانه' }, 'متن.\n'),
      'r/fa/b.md': release({ lang: 'fa', title: 'Annual report' }, 'متن.\n'),
      // A page bundle's name, as Hugo writes one: the file name is the id, and the id the slug.
      'r/fa/news/index.md': release({ lang: 'fa', title: 'اخبار' }, 'متن.\n'),
      'templates/default/labels/fa.yaml': english,
    });
    const report = JSON.parse((await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: clash })).stdout) as { diagnostics: { ruleId: string; file: string; line: number; message: string; related?: { line: number } }[] };
    expect(report.diagnostics.map((d) => [d.ruleId, d.file, d.line, d.related?.line])).toEqual([['slug/duplicate', 'r/fa/b.md', 2, 6], ['slug/reserved', 'r/fa/news/index.md', 2, undefined]]);
    expect(report.diagnostics[1]!.message).toMatch(/^The file name gives the slug "index", which the site's own files take/);
  });

  it('names the configured language meant by a country\'s code or a name CLDR does not give it (ua, cn, ge, farsi)', async () => {
    const files = Object.fromEntries(['ua', 'cn', 'ge', 'farsi', 'be'].map((lang) => [`r/${lang}.md`, release({ id: `x-${lang}`, lang })]));
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en, uk, zh, ka, fa, nl]\n', ...files });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; hint: string | null }[] };
    // Before, none of these had a hint but to use a configured language.
    expect(report.diagnostics.map((d) => [d.file, d.ruleId, d.hint])).toEqual([
      ['r/be.md', 'schema/enum', 'Use one of the configured languages, or add this one to `languages` in the config file.'],
      ['r/cn.md', 'schema/enum', 'Did you mean `zh`? `cn` is the code of a country, China, not of a language.'],
      ['r/farsi.md', 'schema/enum', 'Did you mean `fa`?'],
      ['r/ge.md', 'schema/enum', 'Did you mean `ka`? `ge` is the code of a country, Georgia, not of a language.'],
      ['r/ua.md', 'schema/enum', 'Did you mean `uk`? `ua` is the code of a country, Ukraine, not of a language.'],
    ]);
    // `new` names it as well.
    const made = await runMain(['new', 'Новина', '--lang', 'ua', '--dir', 'r'], { cwd: dir });
    expect(made.code).toBe(2);
    expect(made.stderr).toContain('Did you mean `uk`? `ua` is the code of a country, Ukraine, not of a language.');
  });

  it('asks for a tag the config spells in other letters (EN) to be spelt as usual there, not in each release', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [EN, az, en-gb]\n', 'r/a.md': release({ lang: 'en' }), 'r/b.md': release({ id: 'b', lang: 'en_GB' }) });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; hint: string | null }[] };
    // Before, the hint asked for `lang: EN`, the config's odd spelling, in a release that had the tag's usual one.
    expect(report.diagnostics.map((d) => [d.file, d.ruleId, d.hint])).toEqual([
      ['r/a.md', 'schema/enum', 'Did you mean `EN`, as `languages` in the config file spells it? Better, write `en` there, the tag\'s usual spelling (as here), and in each release: tags are the same whatever their case, but a release spells its `lang` as `languages` does.'],
      ['r/b.md', 'schema/format', 'Did you mean `en-gb`, as `languages` in the config file spells it? Better, write `en-GB` there, the tag\'s usual spelling, and in each release: tags are the same whatever their case, but a release spells its `lang` as `languages` does.'],
    ]);
  });

  it('refuses a country\'s code in the config\'s languages, whose pages would say lang="ua", with the language meant', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en, ua, ge-GE, be]\n', 'r/a.md': release() });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string; hint: string | null }[] };
    // Before, the config was accepted, and a release in `ua` was published as lang="ua", hreflang="ua", with English month names.
    expect(report.diagnostics.map((d) => [d.ruleId, d.message, d.hint])).toEqual([
      ['schema/format', '`languages[1]` must be a language\'s tag, not a country\'s code; it is "ua".', 'Did you mean `uk`?'],
      ['schema/format', '`languages[2]` must be a language\'s tag, not a country\'s code; it is "ge-GE".', 'Did you mean `ka-GE`?'],
    ]);
  });

  it('refuses a language the config does not list, and a lang that is no language tag', async () => {
    const dir = await project({ 'r/a.md': release({ lang: 'de' }), 'r/b.md': release({ lang: 'en_GB', id: 'b' }) });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; message: string; file: string }[] };
    expect(report.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['r/a.md', 'schema/enum'], ['r/b.md', 'schema/format']]);
    expect(report.diagnostics[0]!.message).toContain('this project\'s languages are az, en, ru');
  });

  it('upper-cases a place written with a Turkic letter by Turkish rules in a dateline of any language, and the words around it by the release\'s', async () => {
    const dir = await project({
      'r/izmir.md': release({ title: 'Office opens in İzmir', slug: 'izmir', location: 'İzmir' }),
      'r/sheki.md': release({ title: 'Centre opens in Sheki', slug: 'sheki', location: 'Şəki' }),
      'r/ru.md': release({ lang: 'ru', title: 'Центр в Шеки', slug: 'sheki', location: 'Şəki' }),
    });
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, by English and Russian rules: İZMIR and ŞƏKI, which an Azerbaijani reader reads as "Şəkı".
    for (const [page, place] of [['en/izmir', 'İZMİR'], ['en/sheki', 'ŞƏKİ'], ['ru/sheki', 'ŞƏKİ']] as const) {
      expect(result.files[`${page}.html`], page).toContain(`<span class="location">${place}</span>, <time`);
      expect(result.files[`${page}.txt`], page).toContain(`\n${place}, `);
    }
    expect([localeFor('en').upper('Visit to Şəki'), localeFor('en').upper('Niğde'), localeFor('en').upper('Bakı, Azerbaijan')]).toEqual(['VISIT TO ŞƏKİ', 'NİĞDE', 'BAKI, AZERBAIJAN']);
  });

  it('reads a Turkic letter written decomposed (NFD), as macOS writes it, as the letter it is', async () => {
    const izmir = 'I\u0307zmir';
    const dir = await project({
      'r/izmir.md': release({ title: 'Office opens in Izmir', slug: 'izmir', location: izmir }),
    });
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, the I and its combining dot were no Turkic letter to the upper-casing, and the place read İZMIR by English rules.
    const place = 'I\u0307ZM\u0130R';
    expect(result.files['en/izmir.html']).toContain(`<span class="location">${place}</span>, <time`);
    expect(result.files['en/izmir.txt']).toContain(`\n${place}, `);
    expect([localeFor('en').upper('Nig\u0306de').normalize('NFC'), localeFor('en').upper('Visit to I\u0307zmir').normalize('NFC')]).toEqual(['NİĞDE', 'VISIT TO İZMİR']);
  });

  it('writes the Azerbaijani "About" with the organisation first, and Russian datelines without an upper-case "г."', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'organisation:\n  name:\n    az: Dövlət Miqrasiya Xidməti\n    ru: Государственная миграционная служба\nabout:\n  az: Xidmət miqrasiya siyasətini həyata keçirir.\n  ru: Служба реализует миграционную политику.\n',
      'r/az.md': release({ lang: 'az', title: 'Gəncədə yeni mərkəz', location: 'Gəncə' }),
      'r/ru.md': release({ lang: 'ru', title: 'Новый центр в Гяндже', location: 'Гянджа', status: 'approved', embargo: '2027-03-01T09:00:00+04:00' }),
    });
    const result = await build(dir, ['--format', 'html,text', '--drafts']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const azHtml = result.files['az/gencede-yeni-merkez.html']!;
    expect(azHtml).toContain('<h2 id="about-heading">Dövlət Miqrasiya Xidməti haqqında</h2>');
    expect(azHtml).toContain('<span class="location">GƏNCƏ</span>');
    expect(result.files['az/gencede-yeni-merkez.txt']).toContain('\nDövlət Miqrasiya Xidməti haqqında\n');
    const ruHtml = result.files['ru/novyy-tsentr-v-gyandzhe.html']!;
    expect(ruHtml).toContain('<span class="location">ГЯНДЖА</span>, <time datetime="2026-05-14T00:00:00+04:00">14 мая 2026 г.</time>');
    expect(ruHtml).toContain('1 МАРТА 2027 г., 09:00 (UTC+04:00)');
    // No stylesheet upper-cases the dateline or the release line, where "г." would become "Г.".
    expect(ruHtml).not.toMatch(/\.(dateline|release-line)[^{]*\{[^}]*text-transform:\s*uppercase/);
    expect(result.files['ru/novyy-tsentr-v-gyandzhe.txt']).toContain('EMBARGOED UNTIL 1 МАРТА 2027 г., 09:00 (UTC+04:00)');
  });
});

describe('the digits of a page in a language with digits of its own', () => {
  const projects = useProjects();

  it('number its ordered lists and note references in them, as its dates and plain text are; az, en and ru keep decimal', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const body = 'متن[^1]\n\n1. یک\n2. دو\n\n[^1]: یادداشت\n';
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, fa]\n',
      'templates/default/labels/fa.yaml': english,
      'r/fa.md': release({ lang: 'fa', title: 'عنوان', slug: 'fa' }, body),
      'r/en.md': release({ lang: 'en', title: 'Title', slug: 'en' }, 'Text[^1]\n\n1. one\n2. two\n\n[^1]: note\n'),
    });
    const result = await runMain(['build', 'r', '--format', 'html', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const persian = await readFile(join(project, 'dist/fa/fa.html'), 'utf8');
    // Before, a browser counted the lists 1. 2. and the note was marked 1, beside the dateline's ۱۴ مهٔ ۲۰۲۶.
    expect(persian).toContain('\n.release-body ol { list-style-type: persian; }\n');
    expect(persian).toContain('<sup class="footnote-ref"><a id="fn-ref-1" href="#fn-1">۱</a></sup>');
    const englishPage = await readFile(join(project, 'dist/en/en.html'), 'utf8');
    expect(englishPage).not.toContain('list-style-type: persian');
    expect(englishPage).toContain('<sup class="footnote-ref"><a id="fn-ref-1" href="#fn-1">1</a></sup>');
    expect(await readFile(join(project, 'dist/fa/index.html'), 'utf8')).toContain('.release-body ol { list-style-type: persian; }');
  });
});

describe('dates shown in the calendar the config names for a language', () => {
  const projects = useProjects();
  const files = async (english: string, config: string) => projects({
    'migration-news.config.yaml': `languages: [en, fa]\ntimezone: Asia/Tehran\nsite:\n  url: https://press.example.ir\nemail:\n  from: press@example.ir\n${config}`,
    'templates/default/labels/fa.yaml': english,
    'r/en.md': release({ id: 'centre', title: 'Centre opens', date: '2026-12-01', location: 'Tehran' }),
    'r/fa.md': release({ id: 'centre', lang: 'fa', title: 'افتتاح مرکز', slug: 'markaz', date: '2026-12-01', location: 'تهران' }, 'سرویس مرکز جدیدی افتتاح کرد.\n'),
    // 22:00 UTC on 5 December is 01:30 on the 6th in Tehran: ۱۵ آذر there, ۱۴ آذر in UTC.
    'r/quota.md': release({ id: 'quota', lang: 'fa', title: 'سهمیه', slug: 'sahmiye', date: '2026-12-01', status: 'approved', embargo: '2026-12-05T22:00:00Z' }, 'متن.\n'),
  });
  const now = '2026-12-02T12:00:00+03:30';

  it('shows a Persian release\'s dates by the Solar Hijri calendar on pages, listings, in text and e-mail, and keeps every date machines read Gregorian', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await files(english, 'calendars:\n  fa: persian\n');
    const result = await runMain(['build', 'r', '--format', 'html,text,json,ninjs', '--now', now, '--embargoed'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = await outputs(dir);
    const page = out['fa/markaz.html']!;
    // Before, ۱ دسامبر ۲۰۲۶: the Gregorian day in Persian words, which Iranian and Afghan readers do not count by.
    expect(page).toContain('<span class="location">تهران</span>\u060C <time datetime="2026-12-01T00:00:00+03:30">۱۰ آذر ۱۴۰۵</time>');
    expect(page).toContain('"dateline":"تهران\u060C ۱۰ آذر ۱۴۰۵"');
    expect(page).toContain('"datePublished":"2026-12-01T00:00:00+03:30"');
    expect(page).not.toContain('دسامبر');
    expect(out['fa/markaz.txt']).toContain('تهران\u060C ۱۰ آذر ۱۴۰۵ — ');
    expect(out['fa/index.html']).toMatch(/<time datetime="2026-12-01[^"]*">۱۰ آذر ۱۴۰۵<\/time>/);
    // The embargo's day is Tehran's, named in the Solar Hijri calendar, with its clock and offset as before.
    expect(out['fa/sahmiye.txt']).toContain('EMBARGOED UNTIL\u200F ۱۵ آذر ۱۴۰۵، ۰۱:۳۰ (UTC+03:30)\n');
    expect(out['fa/sahmiye.html']).toContain('<time datetime="2026-12-06T01:30:00+03:30">۱۵ آذر ۱۴۰۵، ۰۱:۳۰ (UTC+03:30)</time>');
    // Other languages keep the Gregorian calendar.
    expect(out['en/centre-opens.html']).toContain('>1 December 2026</time>');
    // JSON, ninjs, feeds and sitemaps are read by machines: Gregorian ISO dates, no Solar Hijri one.
    const json = JSON.parse(out['fa/markaz.json']!) as { date: string; datePublished: string };
    expect([json.date, json.datePublished]).toEqual(['2026-12-01', '2026-12-01T00:00:00+03:30']);
    expect(out['fa/markaz.ninjs.json'] ?? out['fa/markaz.ninjs']).toContain('"firstCreated": "2026-12-01T00:00:00+03:30"');
    const machine = Object.entries(out).filter(([name]) => /\.(?:json|xml)$/.test(name));
    expect(machine.map(([name]) => name)).toEqual(expect.arrayContaining(['fa/markaz.json', 'sitemap.xml']));
    for (const [name, text] of machine) expect(text, name).not.toMatch(/آذر|۱۴۰۵/);
    const mail = await runMain(['build', 'r', '--format', 'eml', '--out', 'mail', '--now', now], { cwd: dir });
    expect(mail.code, mail.stdout + mail.stderr).toBe(0);
    const { simpleParser } = await import('mailparser');
    const message = await simpleParser(await readFile(join(dir, 'mail/fa/markaz.eml')));
    expect(message.text).toContain('۱۰ آذر ۱۴۰۵');
    expect(message.html).toContain('۱۰ آذر ۱۴۰۵');
  });

  it('names the calendar of the language given to format_date and format_datetime, and leaves Liquid\'s date filters Gregorian', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await files(english, 'calendars:\n  fa: persian\n');
    await mkdir(join(dir, 'sets/filters'), { recursive: true });
    await writeFile(join(dir, 'sets/filters/template.yaml'), 'formats: [text]\n');
    await mkdir(join(dir, 'sets/filters/labels'));
    await writeFile(join(dir, 'sets/filters/labels/fa.yaml'), english);
    await writeFile(join(dir, 'sets/filters/release.txt.liquid'), [
      'own: {{ release.date | format_date }}',
      'en: {{ release.date | format_date: "en" }}',
      'embargo: {{ release.embargo | format_datetime }}',
      'liquid: {{ release.date | date: "%Y-%m-%d" }}',
      '',
    ].join('\n'));
    const result = await runMain(['build', 'r/quota.md', '--template', './sets/filters', '--format', 'text', '--now', now, '--embargoed'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Each line of a right-to-left text starts with a right-to-left mark.
    expect((await readFile(join(dir, 'dist/fa/sahmiye.txt'), 'utf8')).replaceAll('\u200F', '')).toBe('own: ۱۰ آذر ۱۴۰۵\nen: 1 December 2026\nembargo: ۱۵ آذر ۱۴۰۵، ۰۱:۳۰ (UTC+03:30)\nliquid: 2026-12-01\n');
  });

  it('leaves every output as it was without the setting, or with the Gregorian calendar named', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const build = async (config: string) => {
      const dir = await files(english, config);
      const result = await runMain(['build', 'r', '--format', 'html,text,json', '--now', now, '--embargoed'], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      return outputs(dir);
    };
    const plain = await build('');
    expect(plain['fa/markaz.html']).toContain('<time datetime="2026-12-01T00:00:00+03:30">۱ دسامبر ۲۰۲۶</time>');
    expect(plain['fa/sahmiye.txt']).toContain('EMBARGOED UNTIL\u200F ۶ دسامبر ۲۰۲۶، ۰۱:۳۰ (UTC+03:30)\n');
    expect(await build('calendars:\n  fa: gregory\n')).toEqual(plain);
  });

  it('refuses a calendar it does not know, at its line, with the name likely meant', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'languages: [en, fa]\ncalendars:\n  fa: persain\n',
      'r/fa.md': release({ lang: 'fa', title: 'عنوان', slug: 'fa' }, 'متن.\n'),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; ruleId: string; message: string; hint?: string }[] }).diagnostics;
    expect(diagnostics.filter((d) => d.file === 'migration-news.config.yaml')).toEqual([expect.objectContaining({
      file: 'migration-news.config.yaml', line: 3, column: 7, ruleId: 'schema/enum',
      message: expect.stringContaining('persian') as unknown, hint: 'Did you mean `persian`?',
    })]);
  });
});

describe('a place or an organisation written the other way from the page', () => {
  it('is isolated from the date after it: a <bdi> on the page, in listings and the footer, and a mark of the page\'s direction in the text', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, ar]\norganisation:\n  name: State Migration Service\n',
      'templates/default/labels/ar.yaml': english,
      'r/ar.md': release({ id: 'dubai', lang: 'ar', title: 'اجتماع في دبي', slug: 'dubai', date: '2026-06-05', location: 'Baku' }, 'اجتمع الوفد في دبي.\n'),
      'r/en.md': release({ id: 'tehran', title: 'Meeting in Tehran', date: '2026-06-05', location: 'تهران' }),
      'r/fa-place.md': release({ id: 'ganja', lang: 'ar', title: 'مركز في كنجة', slug: 'ganja', date: '2026-06-04', location: 'كنجة' }, 'افتتح المركز.\n'),
    });
    const result = await build(dir, ['--format', 'html,text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const arabic = result.files['ar/dubai.html']!;
    // Before, the bidirectional algorithm took the day for part of the Latin name: BAKU، 5 on one side, يونيو 2026 on the other.
    expect(arabic).toContain('<span class="location"><bdi>BAKU</bdi></span>\u060C <time datetime="2026-06-05T00:00:00+04:00">5 يونيو 2026</time>');
    expect(arabic).toContain('<p><bdi>State Migration Service</bdi> · <time');
    expect(result.files['ar/index.html']).toContain('<span class="location"><bdi>Baku</bdi></span>\u060C <time');
    // The home page, in English, lists each language's newest in a section of that language: a place is judged by the section's direction.
    const home = result.files['index.html']!;
    expect(home).toContain('<span class="location"><bdi>Baku</bdi></span>\u060C <time');
    expect(home).toContain('<span class="location">كنجة</span>\u060C <time');
    expect(home).toContain('<span class="location"><bdi>تهران</bdi></span>, <time');
    expect(result.files['ar/dubai.txt']).toContain('\u200FBAKU\u200F\u060C 5 يونيو 2026 — ');
    expect(result.files['en/meeting-in-tehran.html']).toContain('<span class="location"><bdi>تهران</bdi></span>, <time');
    expect(result.files['en/meeting-in-tehran.txt']).toContain('\nتهران\u200E, 5 June 2026 — ');
    // A place written the page's way is left as it was.
    expect(result.files['ar/ganja.html']).toContain('<span class="location">كنجة</span>\u060C <time');
    expect(result.files['ar/ganja.txt']).toContain('\u200Fكنجة\u060C 4 يونيو 2026 — ');
    expect(result.files['en/meeting-in-tehran.html']).toContain('<p>State Migration Service · <time');
  });

  it('is the Latin label before an embargo\'s date in a right-to-left release, on the page, in the text and in the e-mail\'s subject', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const embargo = { status: 'approved', date: '2026-12-05', embargo: '2026-12-05T09:00:00+04:00' };
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, ar, fa]\nemail:\n  from: press@example.az\n',
      'templates/default/labels/ar.yaml': english,
      'templates/default/labels/fa.yaml': english,
      'r/ar.md': release({ id: 'centre', lang: 'ar', title: 'مركز جديد', slug: 'markaz', ...embargo }, 'افتتح المركز.\n'),
      'r/fa.md': release({ id: 'quota', lang: 'fa', title: 'سهمیه', slug: 'sahmiye', ...embargo }, 'متن.\n'),
      'r/en.md': release({ id: 'quota', title: 'Quota', ...embargo }),
    });
    const result = await build(dir, ['--format', 'html,text,eml', '--embargoed']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, the day (5, or the Persian ۵, which are European digits to the bidirectional algorithm) was laid out as part of the
    // Latin label, EMBARGOED UNTIL 5 on one side of the line and its month on the other.
    expect(result.files['ar/markaz.html']).toContain('<p class="release-line embargoed"><bdi>EMBARGOED UNTIL</bdi> <time datetime="2026-12-05T09:00:00+04:00">5 ديسمبر 2026');
    // On the preview's notice the label follows other Latin words, which a <bdi> alone would not keep the day from: a mark closes it.
    expect(result.files['ar/markaz.html']).toContain('<p class="status-notice">NOT FOR PUBLICATION — <bdi>EMBARGOED UNTIL</bdi>&rlm; <time');
    expect(result.files['ar/markaz.txt']).toContain('\u200FEMBARGOED UNTIL\u200F 5 ديسمبر 2026');
    expect(result.files['fa/sahmiye.txt']).toContain('\u200FEMBARGOED UNTIL\u200F ۵ دسامبر ۲۰۲۶');
    const { simpleParser } = await import('mailparser');
    const email = await simpleParser(Buffer.from(result.files['ar/markaz.eml']!));
    expect(email.subject).toMatch(/^\u200FEMBARGOED UNTIL\u200F 5 ديسمبر 2026/);
    expect(email.text).toContain('\u200FEMBARGOED UNTIL\u200F 5 ديسمبر 2026');
    expect(email.html).toContain('<bdi>EMBARGOED UNTIL</bdi> 5 ديسمبر 2026');
    // A left-to-right release's line is as it was.
    expect(result.files['en/quota.txt']).toContain('EMBARGOED UNTIL 5 DECEMBER 2026, 09:00 (UTC+04:00)\n');
    expect(result.files['en/quota.html']).toContain('<p class="release-line embargoed">EMBARGOED UNTIL <time');
  });
});

describe('a table cell written the other way from the release, in plain text', () => {
  it('is closed by a mark of the release\'s direction, so that the number in the next cell stays in its column', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const table = (city: string, other: string) => `| City | Count |\n|---|--:|\n| ${city} | 12,500 |\n| ${other} | 1,200 |\n`;
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, fa]\n',
      'templates/default/labels/fa.yaml': english,
      'r/fa.md': release({ id: 'table', lang: 'fa', title: 'جدول', slug: 'jadval' }, table('تهران', 'Baku')),
      'r/en.md': release({ id: 'table', title: 'Table', slug: 'table' }, table('Baku', 'تهران')),
    });
    const result = await build(dir, ['--format', 'text']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, `Baku    1,200` was one left-to-right run: the city under Count and the number under City on a Persian line.
    expect(result.files['fa/jadval.txt']).toContain('\u200FCity\u200F    Count\n\u200F-----  ------\n\u200Fتهران  12,500\n\u200FBaku\u200F    1,200\n');
    expect(result.files['en/table.txt']).toContain('\nCity    Count\n-----  ------\nBaku   12,500\nتهران\u200E   1,200\n');
  });
});
