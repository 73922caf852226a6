import fs, { statSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { fixture, release, runMain, useProjects } from './helpers/cli.js';
import { withFileSystem } from './helpers/builtins.js';
import { png } from './helpers/images.js';

const CONFIG = [
  'organisation:',
  '  name: State Migration Service',
  'site:',
  '  url: https://press.example.az',
  'email:',
  '  from:',
  '    name:',
  '      az: DMX Mətbuat xidməti',
  '      en: SMS Press Office',
  '      ru: Пресс-служба ГМС',
  '    address: press@migration.example.az',
  '  to: [newsdesk@example.org]',
  '  bcc: [{ name: Редакция, address: editors@example.org }]',
  '',
].join('\n');

const NOW = '2026-06-01T12:00:00+04:00';

const project = useProjects();

function addresses(value: AddressObject | AddressObject[] | undefined): { name: string; address: string | undefined }[] {
  return (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => ({ name: v.name, address: v.address })));
}

async function files(): Promise<Record<string, string>> {
  return {
    'migration-news.config.yaml': CONFIG,
    'r/az.md': release({ id: 'quota', lang: 'az', title: '"Əmək kvotası: şəhərlər üzrə yeni qaydalar"', date: '2026-05-14' }, 'Birinci abzas.\n\n## Ətraflı\n\nİkinci abzas.\n'),
    'r/ru.md': release({ id: 'quota', lang: 'ru', title: '"Квота на 2027 год: «новые правила»"', date: '2026-06-12T10:00:00+04:00', status: 'approved', embargo: '2026-06-12T10:00:00+04:00' }, 'Первый абзац.\n'),
    'r/en.md': release({ id: 'draft-one', lang: 'en', title: 'A draft not yet approved', status: 'draft' }),
  };
}

describe('build --format eml', () => {
  it('writes one RFC 5322 draft per release that an independent MIME parser reads back part by part', async () => {
    const dir = await project(await files());
    const result = await runMain(['build', 'r', '--format', 'eml,text', '--template', 'email', '--drafts', '--now', NOW], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code, result.stdout).toBe(0);

    const raw = await readFile(join(dir, 'dist/az/emek-kvotasi-sheherler-uzre-yeni-qaydalar.eml'), 'utf8');
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    // Headers are 7-bit: UTF-8 travels as encoded words. Every line ends in CRLF and stays within RFC 5322's 998 characters.
    expect(headerBlock).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(headerBlock).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(headerBlock).toMatch(/^X-Unsent: 1$/m);
    // The Date header in the release's own offset: a mail client in UTC still shows the day of the release.
    expect(headerBlock).toMatch(/^Date: Thu, 14 May 2026 00:00:00 \+0400$/m);
    // releases.json names the message among each release's files.
    const listed = JSON.parse(await readFile(join(dir, 'dist/releases.json'), 'utf8')) as { releases: { slug: string; files: string[] }[] };
    expect(listed.releases.find((r) => r.slug === 'emek-kvotasi-sheherler-uzre-yeni-qaydalar')?.files).toEqual(['az/emek-kvotasi-sheherler-uzre-yeni-qaydalar.txt', 'az/emek-kvotasi-sheherler-uzre-yeni-qaydalar.eml']);
    // Inside their base64, the text parts are in canonical form: every line ends in CRLF.
    for (const type of ['text/plain', 'text/html']) {
      const part = raw.slice(raw.indexOf(`Content-Type: ${type}`));
      const body = part.slice(part.indexOf('\r\n\r\n') + 4, part.indexOf('\r\n--'));
      const decoded = Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
      expect(decoded, type).toContain('\r\n');
      expect(decoded.replace(/\r\n/g, ''), type).not.toMatch(/[\r\n]/);
    }

    const az = await simpleParser(raw);
    expect(az.subject).toBe('Əmək kvotası: şəhərlər üzrə yeni qaydalar');
    expect(addresses(az.from)).toEqual([{ name: 'DMX Mətbuat xidməti', address: 'press@migration.example.az' }]);
    expect(addresses(az.to)).toEqual([{ name: '', address: 'newsdesk@example.org' }]);
    expect(addresses(az.bcc)).toEqual([{ name: 'Редакция', address: 'editors@example.org' }]);
    // The release's time: a calendar date is midnight in the configured time zone (Asia/Baku, UTC+4).
    expect(az.date?.toISOString()).toBe('2026-05-13T20:00:00.000Z');
    expect(az.messageId).toMatch(/^<quota\.az\.[0-9a-f]{12}@migration\.example\.az>$/);
    expect(az.headers.get('content-language')).toBe('az');
    expect(az.attachments).toEqual([]);
    // The text part is the set's plain-text rendering, unchanged.
    expect(az.text).toBe(await readFile(join(dir, 'dist/az/emek-kvotasi-sheherler-uzre-yeni-qaydalar.txt'), 'utf8'));
    // The HTML part has its CSS inlined: no <style> but the media queries that clients may read.
    const html = az.html as string;
    expect(html).toContain('Əmək kvotası');
    expect(html).toMatch(/<h2[^>]*style="[^"]*font-size: ?20px/);
    expect(html).toMatch(/<p[^>]*style="[^"]*margin: ?0 0 16px/);
    const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!.trim());
    for (const css of styles) expect(css).toMatch(/^@media/);

    const ru = await simpleParser(await readFile(join(dir, 'dist/ru/kvota-na-2027-god-novye-pravila.eml')));
    expect(ru.subject).toBe('EMBARGOED UNTIL 12 ИЮНЯ 2026 г., 10:00 (UTC+04:00): Квота на 2027 год: «новые правила»');
    expect(addresses(ru.from)).toEqual([{ name: 'Пресс-служба ГМС', address: 'press@migration.example.az' }]);
    expect(ru.date?.toISOString()).toBe('2026-06-12T06:00:00.000Z');

    const draft = await simpleParser(await readFile(join(dir, 'dist/en/a-draft-not-yet-approved.eml')));
    expect(draft.subject).toBe('NOT FOR PUBLICATION (DRAFT): A draft not yet approved');
  });

  it('uses the email set unless another is named, writes the same bytes every time, and no recipients unless configured', async () => {
    const dir = await project({ ...(await files()), 'migration-news.config.yaml': 'email:\n  from: press@migration.example.az\n' });
    expect((await runMain(['build', 'r', '--format', 'eml', '--now', NOW, '--out', 'one'], { cwd: dir })).code).toBe(0);
    expect((await runMain(['build', 'r', '--format', 'eml', '--now', NOW, '--out', 'two'], { cwd: dir })).code).toBe(0);
    const one = await readFile(join(dir, 'one/az/emek-kvotasi-sheherler-uzre-yeni-qaydalar.eml'));
    expect(one.equals(await readFile(join(dir, 'two/az/emek-kvotasi-sheherler-uzre-yeni-qaydalar.eml')))).toBe(true);
    const parsed = await simpleParser(one);
    expect(addresses(parsed.from)).toEqual([{ name: '', address: 'press@migration.example.az' }]);
    expect(parsed.to).toBeUndefined();
    expect(parsed.cc).toBeUndefined();
    // The email set's table layout, not the default set's page.
    expect(parsed.html).toMatch(/role="presentation"/);
  });

  it('makes advance copies of embargoed releases with --embargoed, and no draft', async () => {
    const dir = await project(await files());
    const result = await runMain(['build', 'r', '--format', 'eml', '--embargoed', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    const ru = await simpleParser(await readFile(join(dir, 'dist/ru/kvota-na-2027-god-novye-pravila.eml')));
    expect(ru.subject).toMatch(/^EMBARGOED UNTIL 12 ИЮНЯ 2026 г\., 10:00/);
    await expect(readFile(join(dir, 'dist/en/a-draft-not-yet-approved.eml'))).rejects.toThrow();
    // Without --embargoed, a normal build leaves the embargoed release out.
    const normal = await runMain(['build', 'r', '--format', 'eml', '--now', NOW, '--out', 'public'], { cwd: dir });
    expect(normal.code).toBe(0);
    await expect(readFile(join(dir, 'public/ru/kvota-na-2027-god-novye-pravila.eml'))).rejects.toThrow();
  });

  it('says a right-to-left release\'s language and direction on what holds its text, which webmail keeps when it drops <html> and <body>, and starts its quotes and cells on the right', async () => {
    const english = await readFile(new URL('../templates/default/labels/en.yaml', import.meta.url), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, fa]\n`,
      'templates/default/labels/fa.yaml': english,
      'r/fa.md': release({ id: 'centre', lang: 'fa', title: 'افتتاح مرکز', slug: 'markaz', location: 'باکو' }, 'سرویس مرکز جدیدی افتتاح کرد.\n\n> نقل قول\n\n| الف | ب |\n|---|---|\n| ۱ | ۲ |\n\n1. یک\n2. دو\n'),
      'r/en.md': release({ id: 'centre', title: 'Centre opens' }, 'Text.\n\n> A quote\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n'),
    });
    expect((await runMain(['build', 'r', '--format', 'eml', '--now', NOW], { cwd: dir })).code).toBe(0);
    const fa = (await simpleParser(await readFile(join(dir, 'dist/fa/markaz.eml')))).html as string;
    // Gmail shows what is inside <body>, without its attributes or <html>'s: before, nothing there said rtl, and the Persian text ran left to right.
    const inBody = fa.slice(fa.indexOf('>', fa.indexOf('<body')) + 1);
    expect(inBody).toMatch(/<article [^>]*lang="fa" dir="rtl"/);
    expect(inBody).toMatch(/<table role="presentation" class="sheet" dir="rtl"/);
    // Outlook for Windows knows no logical sides: the quote's bar and the cells start on the right, where the text does. Before, on the left.
    expect(fa).toMatch(/<blockquote style="[^"]*border-right: 4px solid/);
    expect(fa).toMatch(/<td style="[^"]*text-align: right;[^"]*" align="right"/);
    expect(fa).not.toMatch(/border-left:|text-align: left|align="(?:left|start)"/);
    // Its ordered lists count in Persian digits, as its dates and its plain text do, where the mail client knows the counter style.
    expect(fa).toMatch(/<ol style="[^"]*list-style-type: persian;/);
    const en = (await simpleParser(await readFile(join(dir, 'dist/en/centre-opens.eml')))).html as string;
    expect(en).toMatch(/<article [^>]*lang="en" dir="ltr"/);
    expect(en).toMatch(/<blockquote style="[^"]*border-left: 4px solid/);
    expect(en).toMatch(/<td style="[^"]*text-align: left;[^"]*" align="left"/);
    expect(en).toMatch(/<ol style="/);
    expect(en).not.toMatch(/list-style-type/);
  });

  it('opens a right-to-left release\'s subject with a right-to-left mark, as each line of its text part, so that a Latin embargo line or a number does not turn it left to right', async () => {
    const english = await readFile(new URL('../templates/default/labels/en.yaml', import.meta.url), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, ar, fa]\n`,
      'templates/default/labels/ar.yaml': english,
      'templates/default/labels/fa.yaml': english,
      'r/ar.md': release({ id: 'centre', lang: 'ar', slug: 'markaz', title: 'خدمة الهجرة تفتتح مركزاً جديداً في باكو', date: '2026-06-12T10:00:00+04:00', status: 'approved', embargo: '2026-06-12T10:00:00+04:00' }),
      'r/fa.md': release({ id: 'quota', lang: 'fa', slug: 'sahmie', title: '"2027: سهمیه کار برای شهرها"' }),
      'r/en.md': release({ id: 'quota', title: '"2027: work quotas for the cities"' }),
    });
    const result = await runMain(['build', 'r', '--format', 'eml,text', '--embargoed', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const ar = await simpleParser(await readFile(join(dir, 'dist/ar/markaz.eml')));
    expect(ar.subject).toMatch(/^\u200FEMBARGOED UNTIL\u200F 12 [^:]+ 2026، 10:00 \(UTC\+04:00\): خدمة الهجرة تفتتح مركزاً جديداً في باكو$/);
    // The text part's first line, the same embargo line, opens with the same mark.
    expect(ar.text!.split('\n')[0]).toMatch(/^\u200FEMBARGOED UNTIL/);
    expect((await simpleParser(await readFile(join(dir, 'dist/fa/sahmie.eml')))).subject).toBe('\u200F2027: سهمیه کار برای شهرها');
    // A left-to-right release's subject is its title alone, printable ASCII written as it is.
    const en = await readFile(join(dir, 'dist/en/2027-work-quotas-for-the-cities.eml'), 'utf8');
    expect(en).toMatch(/^Subject: 2027: work quotas for the cities\r$/m);
  });

  it('says a draft\'s status in the set\'s words where its labels give them, in the subject and on the notice of both parts, and in English capitals where they do not', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}languages: [en, ru]\n`,
      'templates/email/labels/ru.yaml': 'not_for_publication: НЕ ДЛЯ ПУБЛИКАЦИИ\nstatus_draft: ЧЕРНОВИК\nstatus_review: НА СОГЛАСОВАНИИ\n',
      'templates/email/labels/en.yaml': 'contacts: Media contacts\n',
      'r/draft.md': release({ id: 'quota', lang: 'ru', slug: 'kvota', title: 'Квота на 2027 год', status: 'draft' }),
      'r/review.md': release({ id: 'centre', lang: 'ru', slug: 'tsentr', title: 'Новый центр', status: 'review' }),
      'r/withdrawn.md': release({ id: 'old', lang: 'ru', slug: 'staroe', title: 'Старое', status: 'withdrawn', withdrawn_date: '2026-05-20' }),
      'r/en.md': release({ id: 'quota', title: 'Work quotas', status: 'draft' }),
    });
    const result = await runMain(['build', 'r', '--format', 'eml', '--drafts', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const draft = await simpleParser(await readFile(join(dir, 'dist/ru/kvota.eml')));
    expect(draft.subject).toBe('НЕ ДЛЯ ПУБЛИКАЦИИ (ЧЕРНОВИК): Квота на 2027 год');
    expect(draft.text!.split('\n')[0]).toBe('НЕ ДЛЯ ПУБЛИКАЦИИ — ЧЕРНОВИК');
    expect(draft.html).toContain('НЕ ДЛЯ ПУБЛИКАЦИИ — ЧЕРНОВИК</p>');
    expect((await simpleParser(await readFile(join(dir, 'dist/ru/tsentr.eml')))).subject).toBe('НЕ ДЛЯ ПУБЛИКАЦИИ (НА СОГЛАСОВАНИИ): Новый центр');
    // A status the labels leave out is said in English, as the built-in labels say the notice.
    expect((await simpleParser(await readFile(join(dir, 'dist/ru/staroe.eml')))).subject).toBe('НЕ ДЛЯ ПУБЛИКАЦИИ (WITHDRAWN): Старое');
    expect((await simpleParser(await readFile(join(dir, 'dist/en/work-quotas.eml')))).subject).toBe('NOT FOR PUBLICATION (DRAFT): Work quotas');
    // English words of a status are no words the English labels lack: they say it in English without them.
    const checked = await runMain(['validate', 'r', '--template', 'email', '--now', NOW], { cwd: dir });
    expect(checked.stdout).not.toContain('template/labels-incomplete');
  });

  it('gives a Message-ID that is a dot-atom, as RFC 5322 wants, to an id with a run of dots', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'r/a.md': release({ id: 'press..2026', title: 'Dots in the id' }) });
    expect((await runMain(['build', 'r', '--format', 'eml', '--now', NOW], { cwd: dir })).code).toBe(0);
    const raw = await readFile(join(dir, 'dist/en/dots-in-the-id.eml'), 'utf8');
    const id = /^Message-ID: <([^@>]+)@([^>]+)>$/m.exec(raw);
    expect(id?.[1]).toMatch(/^press\.2026\.en\.[0-9a-f]{12}$/);
    // dot-atom-text: atoms of atext joined by single dots, none at either end.
    expect(id?.[1]).toMatch(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/);
    expect((await simpleParser(raw)).messageId).toBe(`<${id![1]}@migration.example.az>`);
  });

  it('writes a printable ASCII subject as it is unless it reads as an encoded-word, anything else as encoded-words of whole characters, and every subject and name reads back as written', async () => {
    const titles: Record<string, string> = {
      quotes: 'The "Room 12" project opens its doors',
      'long-ascii': 'Service opens new residence permit centres in Baku, Ganja, Sumgait and Lankaran with longer hours for applicants',
      'long-word': `Code ${'x'.repeat(1200)} ends`,
      lookalike: 'Why =?UTF-8?B?aGk=?= is not a word',
      'half-lookalike': 'Equals =? and ?= apart',
      emoji: 'Tag ❤️ 🎉 👨‍👩‍👧 for families',
      az: `Vətəndaşlıq: ${'şəhərlər üzrə yeni qaydalar, '.repeat(4)}İsmayıllı`,
      ru: 'Квота на 2027 год: «новые правила» для «трудовых мигрантов» и их семей',
      marks: `A${'\u0301'.repeat(60)} and more`,
    };
    const names = { plain: 'SMS Press Office', quoted: 'The "Desk", Inc.', lookalike: 'Desk =?UTF-8?B?aGk=?= Office', long: `DMX ${'Mətbuat xidməti '.repeat(6)}❤️` };
    const config = ['email:', `  from: { name: ${JSON.stringify(names.lookalike)}, address: press@migration.example.az }`, '  to:', ...Object.values(names).map((name, i) => `    - { name: ${JSON.stringify(name)}, address: desk${i}@example.org }`), ''].join('\n');
    const releases = Object.fromEntries(Object.entries(titles).map(([slug, title]) => [`r/${slug}.md`, release({ id: slug, slug, title: JSON.stringify(title) })]));
    const dir = await project({ 'migration-news.config.yaml': config, ...releases });
    const result = await runMain(['build', 'r', '--format', 'eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const [slug, title] of Object.entries(titles)) {
      const raw = await readFile(join(dir, `dist/en/${slug}.eml`), 'utf8');
      const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
      const subject = /^Subject:((?:.*)(?:\r\n[ \t].*)*)/m.exec(headerBlock)![1]!;
      const plain = /^[\x20-\x7e]*$/.test(title) && !title.includes('=?') && title.split(' ').every((word) => word.length < 900);
      if (plain) {
        // Unfolding (taking out each CRLF) gives back the title, as RFC 5322 writes it.
        expect(subject.replace(/\r\n/g, ''), slug).toBe(` ${title}`);
        for (const line of subject.split('\r\n')) expect(line.length, slug).toBeLessThanOrEqual(78);
      } else {
        const words = subject.trim().split(/\s+/);
        for (const word of words) {
          expect(word, slug).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/]+=*\?=$/);
          expect(word.length, slug).toBeLessThanOrEqual(75);
          // Each word holds whole UTF-8 sequences: a strict decoder reads every one alone.
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(word.slice(10, -2), 'base64')), slug).not.toThrow();
        }
        expect(`Subject:${subject}`.split('\r\n').every((line) => line.length <= 76), slug).toBe(true);
      }
      expect(raw.split('\r\n').every((line) => line.length <= 998), slug).toBe(true);
      const parsed = await simpleParser(raw);
      expect(parsed.subject, slug).toBe(title);
      expect(addresses(parsed.from), slug).toEqual([{ name: names.lookalike, address: 'press@migration.example.az' }]);
      expect(addresses(parsed.to), slug).toEqual(Object.values(names).map((name, i) => ({ name, address: `desk${i}@example.org` })));
    }
  });

  it('needs a sender in the config', async () => {
    const dir = await project({ 'r/a.md': release() });
    const result = await runMain(['build', 'r', '--format', 'eml', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs `email\.from` in the config file/);
  });

  it('reports a sender that is there but invalid at its place, not as missing', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'email:\n  from: 5\n', 'r/a.md': release() });
    const result = await runMain(['build', 'r', '--format', 'html,eml', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/migration-news\.config\.yaml\n\s+2:9\s+error/);
    expect(result.stderr).not.toMatch(/needs `email\.from`/);
  });
  it('takes a display name on one line, without the spaces around it, and refuses one with a line break at its place', async () => {
    const config = ['email:', '  from: { name: "  SMS Press Office ", address: press@migration.example.az }', '  to:', '    - { name: { en: "News\\nDesk" }, address: desk@example.org }', ''].join('\n');
    const dir = await project({ 'migration-news.config.yaml': config, 'r/a.md': release({ title: 'A title' }) });
    const refused = await runMain(['build', 'r', '--format', 'eml', '--now', NOW], { cwd: dir });
    // Before, the name went into the To line as an encoded-word holding the line break, which mail clients showed broken.
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/migration-news\.config\.yaml\n\s+4:\d+\s+error\s+.*must be one line/);
    await writeFile(join(dir, 'migration-news.config.yaml'), config.replace('News\\nDesk', 'News Desk'));
    expect((await runMain(['build', 'r', '--format', 'eml', '--now', NOW], { cwd: dir })).code).toBe(0);
    const raw = await readFile(join(dir, 'dist/en/a-title.eml'), 'utf8');
    expect(raw).toMatch(/^From: SMS Press Office <press@migration\.example\.az>\r$/m);
    const parsed = await simpleParser(raw);
    expect(addresses(parsed.to)).toEqual([{ name: 'News Desk', address: 'desk@example.org' }]);
  });

  it('sends to an address named twice among the recipients once, where it is first named, and warns at the second', async () => {
    const config = ['email:', '  from: press@migration.example.az', '  to: [desk@example.org, desk@example.org, Editor@example.org]', '  cc: [{ name: Editor, address: editor@example.org }, wire@example.org]', '  bcc: [WIRE@example.org, archive@example.org]', ''].join('\n');
    const dir = await project({ 'migration-news.config.yaml': config, 'r/a.md': release({ title: 'A title' }) });
    const result = await runMain(['build', 'r', '--format', 'eml', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; message: string; related: { line: number; column: number } | null }[] };
    expect(report.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message, d.related && [d.related.line, d.related.column]])).toEqual([
      ['config/duplicate-recipient', 3, 26, '`email.to` names "desk@example.org", which is named earlier in this list already: each message is sent to it once, as `email.to` names it.', [3, 8]],
      ['config/duplicate-recipient', 4, 8, '`email.cc` names "editor@example.org", which is named in `email.to` as "Editor@example.org" already (an address is the same whatever its letter case): each message is sent to it once, as `email.to` names it.', [3, 44]],
      ['config/duplicate-recipient', 5, 9, '`email.bcc` names "WIRE@example.org", which is named in `email.cc` as "wire@example.org" already (an address is the same whatever its letter case): each message is sent to it once, as `email.cc` names it.', [4, 55]],
    ]);
    // Before, the message went to desk@ twice, and to editor@ and wire@ twice in other letters or another list.
    const parsed = await simpleParser(await readFile(join(dir, 'dist/en/a-title.eml')));
    expect(addresses(parsed.to)).toEqual([{ name: '', address: 'desk@example.org' }, { name: '', address: 'Editor@example.org' }]);
    expect(addresses(parsed.cc)).toEqual([{ name: '', address: 'wire@example.org' }]);
    expect(addresses(parsed.bcc)).toEqual([{ name: '', address: 'archive@example.org' }]);
  });
});

describe('build --format eml, incrementally', () => {
  it('keeps every .eml on every rebuild, and makes them again when the e-mail set changes', async () => {
    const dir = await project({ ...(await files()) });
    const build = () => runMain(['build', 'r', '--format', 'html,eml', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
    const eml = join(dir, 'dist/az/emek-kvotasi-sheherler-uzre-yeni-qaydalar.eml');
    expect((await build()).code).toBe(0);
    const first = await readFile(eml, 'utf8');
    for (let i = 0; i < 2; i++) {
      const again = await build();
      expect(again.code).toBe(0);
      expect(again.stdout).not.toMatch(/removed/);
      expect(await readFile(eml, 'utf8')).toBe(first);
    }
    // Whatever order --format names the formats in, an unchanged release is not rendered again.
    const mixed = () => runMain(['build', 'r', '--format', 'html,eml,text', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
    expect((await mixed()).code).toBe(0);
    const unchanged = await mixed();
    expect(unchanged.stdout).toMatch(/Wrote 0 files .*already up to date/);
    expect((await build()).code).toBe(0);
    // The project's own copy of the e-mail set, changed: the messages are made again from it.
    expect((await runMain(['templates', 'eject', 'email'], { cwd: dir })).code).toBe(0);
    const layout = join(dir, 'templates/email/layouts/email.liquid');
    await writeFile(layout, (await readFile(layout, 'utf8')).replace('<body', '<!-- CHANGEDSET --><body'));
    expect((await build()).code).toBe(0);
    expect(await readFile(eml, 'utf8')).not.toBe(first);
  });
});

describe('images in what is read away from the page', () => {
  it('are the copies\' full addresses in plain text and e-mail where the site URL is known, and the HTML part stays valid', async () => {
    const dir = project.track(await fixture({
      'migration-news.config.yaml': CONFIG,
      'r/en.md': release({ id: 'photos', title: 'Photos of the centre', image: '\n  src: lead.png\n  alt: The centre' }, 'Opened today.\n\n![The queue](photos/queue.png)\n'),
      'r/lead.png': png(40, 30), 'r/photos/queue.png': png(4, 4),
    }));
    const result = await runMain(['build', 'r', '--format', 'html,text,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const copy = 'https://press.example.az/en/photos-of-the-centre/queue.png';
    // The page itself links its copies relative to it, as before.
    expect(await readFile(join(dir, 'dist/en/photos-of-the-centre.html'), 'utf8')).toContain('<img src="photos-of-the-centre/queue.png"');
    expect(await readFile(join(dir, 'dist/en/photos-of-the-centre.txt'), 'utf8')).toContain(`The queue <${copy}>`);
    const message = await simpleParser(await readFile(join(dir, 'dist/en/photos-of-the-centre.eml')));
    expect(message.text).toContain(`The queue <${copy}>`);
    const html = message.html as string;
    expect(html).toContain(`src="${copy}"`);
    expect(html).toContain('src="https://press.example.az/en/photos-of-the-centre/lead.png"');
    expect(html).not.toMatch(/src="(?!https:)/);
    expect(html).not.toMatch(/height="auto"/);
  });

  it('are shown at most as wide as the message, a picture of the body the build sized too', async () => {
    const dir = project.track(await fixture({
      'migration-news.config.yaml': CONFIG,
      'r/en.md': release({ id: 'chart', title: 'Permits by year' }, 'The chart:\n\n![Permits by year](chart.png)\n\n![The map](https://press.example.az/media/map.png)\n'),
      'r/chart.png': png(1600, 900),
    }));
    const result = await runMain(['build', 'r', '--format', 'html,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const html = (await simpleParser(await readFile(join(dir, 'dist/en/permits-by-year.eml')))).html as string;
    const images = html.match(/<img [^>]*>/g) ?? [];
    expect(images.map((i) => /src="([^"]*)"/.exec(i)![1])).toEqual(['https://press.example.az/en/permits-by-year/chart.png', 'https://press.example.az/media/map.png']);
    // Before, 1600 pixels wide in a message of 600: the mail client widened the message past a phone's screen to show it.
    for (const image of images) expect(image).toMatch(/style="[^"]*max-width: 100%; height: auto;/);
    expect(images[0]).toContain('width="1600" height="900"');
    expect(html).not.toMatch(/height="auto"/);
  });
});

describe('a message made with a set of the site\'s pages (--template default)', () => {
  it('gives its navigation, its tag links, its translations and its logo at their full addresses on the site, which a mail client can open', async () => {
    const site = 'https://press.example.az/newsroom/';
    const dir = project.track(await fixture({
      'migration-news.config.yaml': `organisation:\n  name: State Migration Service\n  logo: images/logo.png\nsite:\n  url: ${site}\nemail:\n  from: press@migration.example.az\n`,
      'r/en.md': release({ id: 'centre', title: 'Centre opens', tags: '[Visa]' }, 'Opened today; see [the rates](rates.html) and [the top](#top).\n'),
      'r/ru.md': release({ id: 'centre', lang: 'ru', title: 'Центр открыт' }, 'Открыт сегодня.\n'),
    }));
    const result = await runMain(['build', 'r', '--template', 'default', '--format', 'html,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const message = await simpleParser(await readFile(join(dir, 'dist/en/centre-opens.eml')));
    const html = message.html as string;
    const addresses = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    // Each is a full address, or leads within the message (the skip link to its <main>).
    expect(addresses.filter((a) => !a.startsWith('https://') && !a.startsWith('#'))).toEqual([]);
    expect(addresses).toEqual(expect.arrayContaining([
      `${site}index.html`, `${site}en/index.html`, `${site}en/tags/visa.html`, `${site}ru/tsentr-otkryt.html`, `${site}images/logo.png`, `${site}en/rates.html`,
    ]));
    // The page beside it keeps its links relative, as a page does.
    const page = await readFile(join(dir, 'dist/en/centre-opens.html'), 'utf8');
    expect(page).toContain('href="tags/visa.html"');
    expect(page).toContain('src="../images/logo.png"');
  });
});

describe('a message built without site.url', () => {
  it('carries its local images in parts of their own, each once, shown at their cid: addresses; one of more than 10 MiB of them keeps its paths and is said in the summary', async () => {
    const queue = png(4, 4);
    const lead = png(40, 30);
    const dir = project.track(await fixture({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nemail:\n  from: press@migration.example.az\n',
      'r/en.md': release({ id: 'photos', title: 'Photos of the centre', image: '\n  src: lead.png\n  alt: The centre' }, 'Opened today.\n\n![The queue](photos/queue.png)\n\nAgain: ![The queue again](photos/queue.png)\n'),
      'r/ru.md': release({ id: 'plain', lang: 'ru', title: 'Без картинок' }, 'Открыт сегодня.\n'),
      'r/lead.png': lead, 'r/photos/queue.png': queue,
    }));
    const mailed = await runMain(['build', 'r', '--format', 'html,eml', '--now', NOW], { cwd: dir });
    expect(mailed.code, mailed.stdout + mailed.stderr).toBe(0);
    expect(mailed.stdout + mailed.stderr).not.toContain('broken pictures');
    const raw = await readFile(join(dir, 'dist/en/photos-of-the-centre.eml'), 'utf8');
    expect(raw).toMatch(/Content-Type: multipart\/related/);
    const message = await simpleParser(raw, { keepCidLinks: true });
    const parts = message.attachments.map((a) => ({ name: a.filename, type: a.contentType, inline: a.contentDisposition, bytes: a.content.toString('base64'), cid: a.cid }));
    expect(parts.map(({ cid: _, ...part }) => part)).toEqual([
      { name: 'lead.png', type: 'image/png', inline: 'inline', bytes: Buffer.from(lead).toString('base64') },
      { name: 'queue.png', type: 'image/png', inline: 'inline', bytes: Buffer.from(queue).toString('base64') },
    ]);
    const html = message.html as string;
    // Each shown at its part's Content-ID (the lead image once, the queue twice), and no image at a path a mail client cannot load.
    expect([...html.matchAll(/<img\s[^>]*?src="([^"]*)"/g)].map((m) => m[1])).toEqual([`cid:${parts[0]!.cid}`, `cid:${parts[1]!.cid}`, `cid:${parts[1]!.cid}`]);
    for (const { cid } of parts) expect(cid).toMatch(/^[0-9a-f]{24}@migration\.example\.az$/);
    // The page beside it links its copies, as ever.
    expect(await readFile(join(dir, 'dist/en/photos-of-the-centre.html'), 'utf8')).toContain('<img src="photos-of-the-centre/queue.png"');
    // The same message from a build again, byte for byte.
    const again = await runMain(['build', 'r', '--format', 'html,eml', '--now', NOW, '--out', 'again'], { cwd: dir });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(await readFile(join(dir, 'again/en/photos-of-the-centre.eml'), 'utf8')).toBe(raw);

    // Over the limit in all: none carried, and the summary says so.
    await writeFile(join(dir, 'r/photos/queue.png'), Buffer.concat([queue, Buffer.alloc(10 * 1024 * 1024)]));
    const large = await runMain(['build', 'r', '--format', 'html,eml', '--now', NOW, '--out', 'large'], { cwd: dir });
    expect(large.code, large.stdout + large.stderr).toBe(0);
    expect(large.stdout + large.stderr).toContain('One e-mail message shows local images of more than 10 MiB in all, too many to carry in the message, which have no address a mail client can load without `site.url`');
    const uncarried = await simpleParser(await readFile(join(dir, 'large/en/photos-of-the-centre.eml')));
    expect(uncarried.attachments).toEqual([]);
    const pages = await runMain(['build', 'r', '--format', 'html', '--now', NOW, '--out', 'pages'], { cwd: dir });
    expect(pages.stdout + pages.stderr).not.toContain('e-mail message');
  });

  it('shows in its text part the description of each image it carries, without the cid: address no reader of the text can open', async () => {
    const dir = project.track(await fixture({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nemail:\n  from: press@migration.example.az\n',
      'r/en.md': release({ id: 'photos', title: 'Photos of the centre', image: '\n  src: lead.png\n  alt: The centre\n  caption: The new building.' }, 'Opened today: ![The queue](queue.png) at nine.\n\nFigures at [the office](https://stat.example.az/x).\n'),
      'r/lead.png': png(40, 30), 'r/queue.png': png(4, 4),
    }));
    for (const template of ['email', 'default']) {
      const result = await runMain(['build', 'r', '--format', 'html,text,eml', '--template', template, '--now', NOW, '--out', template], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const message = await simpleParser(await readFile(join(dir, template, 'en/photos-of-the-centre.eml')), { keepCidLinks: true });
      expect(message.attachments.map((a) => a.filename)).toEqual(['lead.png', 'queue.png']);
      const text = String(message.text);
      expect(text, template).not.toContain('cid:');
      expect(text.replace(/\n(?!\n)/g, ' '), template).toContain('Opened today: The queue at nine.');
      expect(text, template).toContain('Figures at the office <https://stat.example.az/x>.');
      expect(text, template).toMatch(/\n\[The centre\]\nThe new building\.\n/);
      // The HTML shows them at their parts' addresses; the plain text beside the page, at the copies' paths, as ever.
      expect(String(message.html)).toContain(`src="cid:${message.attachments[1]!.cid!}"`);
      const plain = await readFile(join(dir, template, 'en/photos-of-the-centre.txt'), 'utf8');
      expect(plain).toContain('The queue <photos-of-the-centre/queue.png>');
      expect(plain).toContain('[The centre]\n<photos-of-the-centre/lead.png>\nThe new building.');
    }
  });

  it('keeps in its text part the text of a link written relative to the page without its address, as its HTML does, and every full address', async () => {
    const body = 'See [the rates](rates.html), [the fees](#fees), [the form](/forms/a.pdf) and ![the chart](/static/chart.png).\n\nFigures at [the office](https://stat.example.az/x), by [e-mail](mailto:press@migration.example.az) or on <https://e-gov.example.az>.\n';
    const dir = project.track(await fixture({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nemail:\n  from: press@migration.example.az\n',
      'r/en.md': release({ id: 'rates', title: 'New rates' }, body),
    }));
    const result = await runMain(['build', 'r', '--format', 'html,text,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const message = await simpleParser(await readFile(join(dir, 'dist/en/new-rates.eml')));
    const text = String(message.text).replace(/\n(?!\n)/g, ' ');
    expect(text).toContain('See the rates, the fees, the form and the chart.');
    expect(text).toContain('Figures at the office <https://stat.example.az/x>, by e-mail <press@migration.example.az> or on <https://e-gov.example.az>.');
    expect(String(message.html)).not.toMatch(/href="(?:rates\.html|\/forms)/);
    // The plain text beside the page is read beside it: its addresses stay as written.
    const plain = (await readFile(join(dir, 'dist/en/new-rates.txt'), 'utf8')).replace(/\n(?!\n)/g, ' ');
    expect(plain).toContain('See the rates <rates.html>, the fees <#fees>, the form </forms/a.pdf> and the chart </static/chart.png>.');
  });

  it('fails a release, writing nothing, when a local image it carries is gone between its copy and its message', async () => {
    const dir = project.track(await fixture({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nemail:\n  from: press@migration.example.az\n',
      'r/en.md': release({ id: 'photos', title: 'Photos of the centre' }, 'Opened today.\n\n![The queue](photos/queue.png)\n'),
      'r/photos/queue.png': png(4, 4),
    }));
    // Deleted (or its folder's rights changed) while the build runs, right after the site's copy of it was made.
    const copyFile = fs.promises.copyFile;
    const result = await withFileSystem({
      promises: {
        copyFile: async (source, target, mode) => {
          await copyFile(source, target, mode);
          if (String(source).endsWith('queue.png')) await unlink(source);
        },
      },
    }, () => runMain(['build', 'r', '--format', 'html,eml', '--now', NOW, '--reporter', 'json'], { cwd: dir }));
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const [problem, ...others] = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string }[] }).diagnostics;
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ file: 'r/en.md', ruleId: 'file/changed' });
    expect(problem!.message).toMatch(/^The release was not built: the image copied to en\/photos-of-the-centre\/queue\.png could not be read again for its e-mail message\. /);
    expect(statSync(join(dir, 'dist'), { throwIfNoEntry: false })).toBeUndefined();
  });

  it('names its translations without a link, and keeps the text of a link written relative to the page without its address, which would lead nowhere in a mail client', async () => {
    const files = (config: string) => ({
      'migration-news.config.yaml': `organisation:\n  name: State Migration Service\n${config}email:\n  from: press@migration.example.az\n`,
      'r/en.md': release({ id: 'centre', title: 'Centre opens', tags: '[Visa]' }, 'Opened today; see [the rates](rates.html), [the top](#top) and [the portal](https://e-gov.example.az).\n'),
      'r/ru.md': release({ id: 'centre', lang: 'ru', title: 'Центр открыт' }, 'Открыт сегодня.\n'),
    });
    for (const set of ['email', 'default']) {
      const dir = project.track(await fixture(files('')));
      const result = await runMain(['build', 'r', '--template', set, '--format', 'html,eml', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const message = await simpleParser(await readFile(join(dir, 'dist/en/centre-opens.eml')));
      const html = message.html as string;
      const links = [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => m[1]!);
      expect(links.filter((a) => !/^(?:https:|mailto:|tel:|#)/.test(a)), set).toEqual([]);
      expect(links, set).toContain('https://e-gov.example.az');
      // What the links said is still there.
      expect(html, set).toMatch(/<a\s[^>]*>the rates<\/a>/);
      expect(html, set).toContain('Русский');
    }
    // The e-mail set's translations are plain words without the site's address, and full addresses with it.
    const plain = project.track(await fixture(files('')));
    expect((await runMain(['build', 'r', '--format', 'html,eml', '--now', NOW], { cwd: plain })).code).toBe(0);
    const plainMessage = await simpleParser(await readFile(join(plain, 'dist/en/centre-opens.eml')));
    expect(plainMessage.html).toMatch(/<span lang="ru" dir="ltr"[^>]*>Русский<\/span>/);
    // The text part names them as its HTML part does, before the page's address when there is one.
    expect(plainMessage.text).toMatch(/\n\nAlso available in: ?\nРусский\n$/);
    const site = project.track(await fixture(files('site:\n  url: https://press.example.az\n')));
    expect((await runMain(['build', 'r', '--format', 'html,eml', '--now', NOW], { cwd: site })).code).toBe(0);
    const siteMessage = await simpleParser(await readFile(join(site, 'dist/en/centre-opens.eml')));
    expect(siteMessage.html).toMatch(/<a href="https:\/\/press\.example\.az\/ru\/tsentr-otkryt\.html" hreflang="ru"[^>]*>Русский<\/a>/);
    expect(siteMessage.text).toMatch(/\n\nAlso available in: ?\nРусский\nhttps:\/\/press\.example\.az\/ru\/tsentr-otkryt\.html\n\n[^\n]+: ?\nhttps:\/\/press\.example\.az\/en\/centre-opens\.html\n$/);
  });
});
