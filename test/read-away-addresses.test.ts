import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { release, runMain, useProjects } from './helpers/cli.js';
import { png } from './helpers/images.js';

/**
 * Addresses a release writes relative to its page (`forms/list.html`, `/en/rates.html`, `#fees`) lead where a browser on the
 * page takes them. What is read away from the page (plain text, the JSON's HTML, feeds, e-mail) carries them resolved against
 * the page's full address, as a reader, a feed reader or a mail client cannot.
 */

const NOW = '2026-06-01T12:00:00+04:00';
const project = useProjects();

function config(siteUrl: string | undefined): string {
  return [
    'organisation:',
    '  name: State Migration Service',
    ...(siteUrl ? ['site:', `  url: ${siteUrl}`] : []),
    'html: safe',
    'email:',
    '  from: press@migration.example.az',
    '',
  ].join('\n');
}

const BODY = [
  'The Service [publishes the list](forms/list.html), [the rates](/en/rates.html), [the Russian text](../ru/kvota.html),',
  '[the fees](#fees) and [the form](blanklar/ərizə.pdf "Ərizə").[^1]',
  '',
  '![Chart](/static/chart.png) ![The new centre](photo.png)',
  '',
  '<p>See <a href="docs/guide.pdf?v=2&amp;lang=en">the guide</a>, <a href=\'map.html?city=baku&region=absheron\'>the map</a> and <img src="/static/logo.png" alt="Logo">.</p>',
  '',
  'Figures at [the statistics office](https://stat.example.az/x) and by [e-mail](mailto:press@migration.example.az).',
  '',
  '[^1]: A note.',
  '',
].join('\n');

async function build(siteUrl: string | undefined): Promise<{ dir: string; read: (path: string) => Promise<string> }> {
  const dir = await project({
    'migration-news.config.yaml': config(siteUrl),
    'r/permits.md': release({ title: 'Work permits now issued online' }, BODY),
  });
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(dir, 'r', 'photo.png'), png(40, 30));
  const result = await runMain(['build', 'r', '--format', 'html,text,json,ninjs,eml', '--now', NOW], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code, result.stdout).toBe(0);
  return { dir, read: (path) => readFile(join(dir, 'dist', path), 'utf8') };
}

/** Every `href` and `src` in some HTML, entities as written. */
const addresses = (html: string) => [...html.matchAll(/ (?:href|src)="([^"]*)"/g)].map((m) => m[1]);

const PAGE = 'https://press.example.az/news/en/work-permits-now-issued-online.html';
/** The body's addresses resolved against the page, in the body's order (the copy of `photo.png` beside the page). */
const RESOLVED = [
  'https://press.example.az/news/en/forms/list.html',
  'https://press.example.az/en/rates.html',
  'https://press.example.az/news/ru/kvota.html',
  `${PAGE}#fees`,
  'https://press.example.az/news/en/blanklar/%C9%99riz%C9%99.pdf',
];
const IMAGES = ['https://press.example.az/static/chart.png'];
// `&region` in an attribute is no `&reg;`, to a browser as here.
const RAW = ['https://press.example.az/news/en/docs/guide.pdf?v=2&amp;lang=en', 'https://press.example.az/news/en/map.html?city=baku&amp;region=absheron', 'https://press.example.az/static/logo.png'];
const FULL = ['https://stat.example.az/x', 'mailto:press@migration.example.az'];

describe('addresses relative to the page, read away from it', () => {
  it('stay as written on the page, and are the page\'s full addresses in the text, the JSON, the feeds and the e-mail message', async () => {
    const { read } = await build('https://press.example.az/news/');

    const page = await read('en/work-permits-now-issued-online.html');
    const body = page.slice(page.indexOf('<div class="release-body">'), page.indexOf('class="end-mark"'));
    expect(addresses(body).filter((a) => !a!.startsWith('#fn'))).toEqual([
      'forms/list.html', '/en/rates.html', '../ru/kvota.html', '#fees', 'blanklar/%C9%99riz%C9%99.pdf',
      '/static/chart.png', 'work-permits-now-issued-online/photo.png',
      'docs/guide.pdf?v=2&amp;lang=en', 'map.html?city=baku&amp;region=absheron', '/static/logo.png', ...FULL,
    ]);

    const json = JSON.parse(await read('en/work-permits-now-issued-online.json')) as { body: { html: string; text: string } };
    const copy = 'https://press.example.az/news/en/work-permits-now-issued-online/photo.png';
    const documentAddresses = [...RESOLVED, ...IMAGES, copy, ...RAW, ...FULL];
    // The footnote's mark and its way back stay within the body, which carries the note.
    expect(addresses(json.body.html).filter((a) => !a!.startsWith('#fn'))).toEqual(documentAddresses);
    expect(addresses(json.body.html).filter((a) => a!.startsWith('#fn'))).toEqual(['#fn-1', '#fn-ref-1']);

    const text = await read('en/work-permits-now-issued-online.txt');
    const unwrapped = text.replace(/\n(?!\n)/g, ' ');
    for (const address of RESOLVED.slice(0, 4)) expect(unwrapped).toContain(`<${address}>`);
    // Letters of another script are shown as written, not as the escapes of the address.
    expect(unwrapped).toContain('the form <https://press.example.az/news/en/blanklar/ərizə.pdf>');
    expect(unwrapped).toContain('Chart <https://press.example.az/static/chart.png>');
    expect(unwrapped).toContain('Logo <https://press.example.az/static/logo.png>');
    expect(json.body.text.replace(/\n(?!\n)/g, ' ')).toContain(`the fees <${PAGE}#fees>`);

    // Feeds: the footnote links lead to the page, as a feed reader resolves them against the feed.
    const atom = await read('en/feed.xml');
    const atomBody = /<content type="html">([\s\S]*?)<\/content>/.exec(atom)![1]!;
    const content = atomBody.startsWith('<![CDATA[') ? atomBody.slice(9, -3) : atomBody.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(addresses(content)).toEqual(expect.arrayContaining([...documentAddresses, `${PAGE}#fn-1`]));
    expect(addresses(content).filter((a) => !/^(?:https?|mailto):/.test(a!))).toEqual([]);
    const jsonFeed = JSON.parse(await read('en/feed.json')) as { items: { content_html: string }[] };
    expect(addresses(jsonFeed.items[0]!.content_html).filter((a) => !/^(?:https?|mailto):/.test(a!))).toEqual([]);
    expect(addresses(jsonFeed.items[0]!.content_html)).toEqual(expect.arrayContaining(documentAddresses));

    const message = await simpleParser(await read('en/work-permits-now-issued-online.eml'));
    const mailBody = String(message.html).slice(String(message.html).indexOf('forms/list.html') - 200);
    for (const address of [...RESOLVED, ...IMAGES, ...RAW]) expect(mailBody).toContain(`"${address}"`);
    expect(addresses(String(message.html)).filter((a) => /^(?:forms|\/en|\.\.|docs|\/static|#fees|blanklar|work-permits)/.test(a!))).toEqual([]);
    for (const address of RESOLVED.slice(0, 4)) expect(message.text!.replace(/\n(?!\n)/g, ' ')).toContain(`<${address}>`);
  });

  it('are made web addresses only: a script address hidden behind a space or a tab, and another host\'s without its scheme, are dropped as on the page, never resolved into one', async () => {
    const body = [
      '<p><a href=" javascript:alert(1)">one</a> <a href="&#32;javascript:alert(2)">two</a> <a href="java&#9;script:alert(3)">three</a>',
      '<img src=" data:image/png;base64,AAAA" alt="four"> <a href="\tvbscript:x">five</a> <a href=" //evil.example/x">six</a>',
      // Tabs and line breaks between the slashes, which the URL parser drops, and a backslash, which it reads as a slash.
      '<a href="/&#9;/evil.example/a">seven</a> <img src="/&#10;/evil.example/t.gif" alt="eight"> <a href="/\\evil.example/b">nine</a>',
      // Empty addresses, which the sanitizer drops from the page.
      '<img src="" alt="ten"> <a href=" ">eleven</a></p>',
      '',
      // Written in Markdown, the page links this site\'s `/%09/evil.example/c` and `files/%E2%80%AEfdp.exe`; so do the others.
      '[twelve](/&#9;/evil.example/c) [thirteen](files/%E2%80%AEfdp.exe) [fourteen](files/a%C2%A0b%E3%80%80c%E2%80%8Bd%C2%85.pdf)',
      '',
    ].join('\n');
    const dir = await project({ 'migration-news.config.yaml': config('https://press.example.az/'), 'r/a.md': release({ title: 'Hostile addresses' }, body) });
    const result = await runMain(['build', 'r', '--format', 'html,text,json,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = (await readFile(join(dir, 'dist/en/hostile-addresses.txt'), 'utf8')).replace(/\n(?!\n)/g, ' ');
    expect(text).toContain('twelve <https://press.example.az/%09/evil.example/c>');
    expect(text).toContain('thirteen <https://press.example.az/en/files/%E2%80%AEfdp.exe>');
    expect(text).toContain('fourteen <https://press.example.az/en/files/a%C2%A0b%E3%80%80c%E2%80%8Bd%C2%85.pdf>');
    const { readdir } = await import('node:fs/promises');
    for (const name of await readdir(join(dir, 'dist', 'en'))) {
      let content = await readFile(join(dir, 'dist', 'en', name), 'utf8');
      if (name.endsWith('.eml')) {
        const message = await simpleParser(content);
        content = `${String(message.html)}\n${message.text}`;
      }
      expect(content, name).not.toMatch(/(?:java|vb)\s*script:|data:image/i);
      // The sanitizer drops `//evil.example/x` and the like from the page: no rendering makes another host's address of them.
      expect(content, name).not.toMatch(/(?:\/\/|%5C)evil\.example/i);
      for (const address of addresses(content)) expect(address, name).toMatch(/^(?:https:\/\/press\.example\.az\/|mailto:|#|[\w./%-]+$|\s*$)/);
      // Not the page's own address for an empty image, which the page shows none of, nor for an empty link.
      expect(content, name).not.toMatch(/src="https:\/\/press\.example\.az\/en\/hostile-addresses\.html"/);
      expect(content, name).not.toContain('href="https://press.example.az/en/hostile-addresses.html">eleven');
      // Controls, spaces and direction marks stay escaped in the text's addresses, where they would cut or disguise them.
      expect(content, name).not.toMatch(/[\u0085\u00A0\u200B\u202E\u3000]/);
    }
  });

  it('are found in raw HTML however its tags are written, whatever else the body holds', async () => {
    const dir = await project({
      'migration-news.config.yaml': config('https://press.example.az/'),
      'r/a.md': release({ title: 'Slashed tags' }, '<div><a/href="slash/x.html">one</a> <a title="x"href="rel.html">two</a></div>\n'),
    });
    expect((await runMain(['build', 'r', '--format', 'json', '--now', NOW], { cwd: dir })).code).toBe(0);
    const json = JSON.parse(await readFile(join(dir, 'dist/en/slashed-tags.json'), 'utf8')) as { body: { html: string } };
    expect(addresses(json.body.html)).toEqual(['https://press.example.az/en/slash/x.html', 'https://press.example.az/en/rel.html']);
  });

  it('follow a raw link `html: safe` keeps in plain text as a Markdown link\'s, whole and encoded as the page links it', async () => {
    const body = [
      'Hours on <a href="https://migration.example.az/en/hours">our website</a>, <a href="forms/a.pdf?v=2&amp;l=en">the form</a>,',
      '<a href="https://x.example.az/">https://x.example.az/</a>, <a href="mailto:press@m.az">press@m.az</a> and <a href="javascript:alert(1)">no link</a>.',
      '',
      '<div>Also <a href="/en/rates.html">the <b>rates</b></a>.</div>',
      '<div><a href="//evil.example/x">Nothing</a> and <a href="#fees">below</a>.</div>',
      '',
      'The [scanned form](<https://m.example.az/files/Residence permit form 2026.pdf>) and ![The plan](<https://cdn.example.az/new centre plan.png>),',
      'by [e-mail](mailto:press@m.az?subject=Work%20permits) or [to the office](mailto:office@m.az).',
      '',
    ].join('\n');
    const dir = await project({ 'migration-news.config.yaml': config('https://press.example.az'), 'r/a.md': release({ title: 'Hours', lang: 'en', date: '2026-05-01' }, body) });
    const result = await runMain(['build', 'r', '--out', 'out', '--format', 'html,text,json,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const page = 'https://press.example.az/en/hours.html';
    const text = await readFile(join(dir, 'out/en/hours.txt'), 'utf8');
    const json = JSON.parse(await readFile(join(dir, 'out/en/hours.json'), 'utf8')) as { body: { text: string } };
    const message = await simpleParser(await readFile(join(dir, 'out/en/hours.eml')));
    for (const output of [text, json.body.text, String(message.text)]) {
      const flat = output.replace(/\n(?!\n)/g, ' ');
      expect(flat).toContain('Hours on our website <https://migration.example.az/en/hours>, the form <https://press.example.az/en/forms/a.pdf?v=2&l=en>,');
      expect(flat).toContain('<https://x.example.az/>, <press@m.az> and no link.');
      expect(flat).toContain('Also the rates <https://press.example.az/en/rates.html>.');
      expect(flat).toContain(`Nothing and below <${page}#fees>.`);
      // An address with spaces is whole, as the page links it; an e-mail address with a subject keeps its scheme.
      expect(flat).toContain('The scanned form <https://m.example.az/files/Residence%20permit%20form%202026.pdf> and The plan <https://cdn.example.az/new%20centre%20plan.png>,');
      expect(flat).toContain('by e-mail <mailto:press@m.az?subject=Work%20permits> or to the office <office@m.az>.');
    }
    // A link written as raw HTML is text on an escaped page: nothing follows it.
    await writeFile(join(dir, 'migration-news.config.yaml'), config('https://press.example.az').replace('html: safe\n', ''));
    expect((await runMain(['build', 'r', '--out', 'escaped', '--format', 'text', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'escaped/en/hours.txt'), 'utf8')).not.toContain('<https://migration.example.az/en/hours>');
  });

  it('to another host without a scheme, written in Markdown, stay so on the page and take the page\'s scheme in the text, the JSON, ninjs, the feeds and the e-mail message', async () => {
    const body = 'The [annual report](//cdn.example.org/files/report.pdf) is out.\n\n![Chart](//cdn.example.org/chart.png)\n';
    const dir = await project({
      'migration-news.config.yaml': config('https://press.example.az/news/').replace('html: safe\n', ''),
      'r/a.md': release({ title: 'Annual report' }, body),
    });
    const result = await runMain(['build', 'r', '--format', 'html,text,json,ninjs,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const read = (path: string) => readFile(join(dir, 'dist', path), 'utf8');
    // The page's browser takes the scheme of the page, as ever.
    expect(addresses(await read('en/annual-report.html'))).toEqual(expect.arrayContaining(['//cdn.example.org/files/report.pdf', '//cdn.example.org/chart.png']));
    const json = JSON.parse(await read('en/annual-report.json')) as { body: { html: string; text: string; textUnwrapped: string } };
    const ninjs = JSON.parse(await read('en/annual-report.ninjs.json')) as { bodies: { contentType: string; value: string }[] };
    const message = await simpleParser(await read('en/annual-report.eml'));
    const feed = JSON.parse(await read('en/feed.json')) as { items: { content_html: string }[] };
    const atom = await read('en/feed.xml');
    for (const text of [await read('en/annual-report.txt'), json.body.text, json.body.textUnwrapped, ninjs.bodies.find((b) => b.contentType === 'text/plain')!.value, String(message.text)]) {
      const flat = text.replace(/\n(?!\n)/g, ' ');
      expect(flat).toContain('annual report <https://cdn.example.org/files/report.pdf> is out.');
      expect(flat).toContain('Chart <https://cdn.example.org/chart.png>');
    }
    for (const html of [json.body.html, ninjs.bodies.find((b) => b.contentType === 'text/html')!.value, feed.items[0]!.content_html, atom, String(message.html)]) {
      expect(addresses(html)).toEqual(expect.arrayContaining(['https://cdn.example.org/files/report.pdf', 'https://cdn.example.org/chart.png']));
      expect(html).not.toMatch(/"\/\/cdn/);
    }
  });

  // The JSON's body linked its copied images from the output root and its other addresses from the page: two bases in one document.
  it('stay as written without the site\'s URL in the text beside the page and in messages, and are given from the output root in the JSON', async () => {
    const { read } = await build(undefined);
    const json = JSON.parse(await read('en/work-permits-now-issued-online.json')) as { body: { html: string; text: string; textUnwrapped: string } };
    expect(addresses(json.body.html).slice(0, 6)).toEqual(['en/forms/list.html', '/en/rates.html', 'ru/kvota.html', 'en/work-permits-now-issued-online.html#fees', 'en/blanklar/%C9%99riz%C9%99.pdf', expect.stringMatching(/^#fn-1$/)]);
    expect(json.body.textUnwrapped).toContain('publishes the list <en/forms/list.html>');
    expect(json.body.text.replace(/\n(?!\n)/g, ' ')).toContain('the fees <en/work-permits-now-issued-online.html#fees>');
    const ninjs = JSON.parse(await read('en/work-permits-now-issued-online.ninjs.json')) as { bodies: { contentType: string; value: string }[] };
    expect(ninjs.bodies.find((b) => b.contentType === 'text/plain')!.value).toBe(json.body.textUnwrapped);
    const text = (await read('en/work-permits-now-issued-online.txt')).replace(/\n(?!\n)/g, ' ');
    expect(text).toContain('publishes the list <forms/list.html>');
    expect(text).toContain('the fees <#fees>');
    // With no full address to give, the message carries its image in a part of its own, and shows it at that part's cid: address.
    const message = await simpleParser(await read('en/work-permits-now-issued-online.eml'), { keepCidLinks: true });
    expect(message.attachments.map((a) => [a.filename, a.cid])).toEqual([['photo.png', expect.stringMatching(/^[0-9a-f]{24}@/)]]);
    expect(addresses(String(message.html))).toContain(`cid:${message.attachments[0]!.cid!}`);
    expect(addresses(String(message.html))).not.toContain('work-permits-now-issued-online/photo.png');
  });
});

describe('addresses from the output root, in the JSON without site.url', () => {
  // The output root itself came out as an empty address (a link to whatever the reader has open), an address above the root lost
  // its climb, and a body whose only relative address was a copied image gave it from the page in the text.
  it('keep the root as ./ and a climb above it, and give a copied image from the root in the text too', async () => {
    const dir = await project({
      'r/en/a.md': release({ slug: 'a' }, '[home](../) [up](..) [c](../../x.html) [q](?a=1)\n'),
      'r/en/b.md': release({ id: 'b', slug: 'b', title: 'Only an image' }, 'Only an image.\n\n![img](pic.png)\n'),
    });
    await writeFile(join(dir, 'r/en/pic.png'), png(1, 1));
    expect((await runMain(['build', 'r', '--format', 'html,text,json', '--now', NOW], { cwd: dir })).code).toBe(0);
    const a = JSON.parse(await readFile(join(dir, 'dist/en/a.json'), 'utf8')) as { body: { html: string; text: string } };
    expect(addresses(a.body.html)).toEqual(['./', './', '../x.html', 'en/a.html?a=1']);
    const b = JSON.parse(await readFile(join(dir, 'dist/en/b.json'), 'utf8')) as { body: { html: string; text: string } };
    expect(addresses(b.body.html)).toEqual(['en/b/pic.png']);
    expect(b.body.text).toContain('img <en/b/pic.png>');
    expect(await readFile(join(dir, 'dist/en/b.txt'), 'utf8')).toContain('img <b/pic.png>');
  });
});

describe('the word count', () => {
  it('counts the words a reader reads, not the addresses written beside a link\'s text or an image\'s description, with the site\'s URL or without', async () => {
    // The same body with every link, image and raw tag replaced by the words it shows.
    const plain = BODY.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<a [^>]*>([^<]*)<\/a>/g, '$1').replace(/<img [^>]*alt="([^"]*)">/g, '$1');
    expect(plain).not.toMatch(/href|src|\]\(/);
    const counts: number[] = [];
    for (const siteUrl of ['https://press.example.az/news/', undefined]) {
      const dir = await project({
        'migration-news.config.yaml': config(siteUrl),
        'r/linked.md': release({ title: 'Linked', slug: 'linked' }, BODY),
        'r/plain.md': release({ title: 'Plain', slug: 'plain', id: 'plain' }, plain),
      });
      await writeFile(join(dir, 'r', 'photo.png'), png(40, 30));
      const result = await runMain(['build', 'r', '--format', 'json', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout).toBe(0);
      for (const slug of ['linked', 'plain']) counts.push((JSON.parse(await readFile(join(dir, 'dist/en', `${slug}.json`), 'utf8')) as { body: { wordCount: number } }).body.wordCount);
    }
    expect(counts[0]).toBeGreaterThan(30);
    expect(counts).toEqual([counts[0], counts[0], counts[0], counts[0]]);
  });
});

describe('an address whose host is in other letters', () => {
  it('is linked with its host in punycode on the page, in the feeds, the JSON and the e-mail, not percent-encoded', async () => {
    const dir = await project({
      'migration-news.config.yaml': config('https://press.example.az/news/'),
      'r/idn.md': release({ title: 'Addresses in other letters', slug: 'idn' }, [
        'See [the shop](https://bücher.example/straße), <https://пример.рф/путь>, [the portal](https://мвд.рф:8443/a?q=я#фр)',
        'and ![the map](https://карта.рф/baku.png).',
        '',
      ].join('\n')),
    });
    const result = await runMain(['build', 'r', '--format', 'html,json,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const expected = [
      'https://xn--bcher-kva.example/stra%C3%9Fe',
      'https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C',
      'https://xn--b1aew.xn--p1ai:8443/a?q=%D1%8F#%D1%84%D1%80',
      'https://xn--80aa2azak.xn--p1ai/baku.png',
    ];
    const read = (path: string) => readFile(join(dir, 'dist', path), 'utf8');
    const body = (html: string) => addresses(html).filter((a) => !a!.includes('press.example.az') && !/^(?:#|\.\.?\/|index\.html)/.test(a!));
    expect(body(await read('en/idn.html'))).toEqual(expected);
    expect(body((JSON.parse(await read('en/idn.json')) as { body: { html: string } }).body.html)).toEqual(expected);
    expect(body((JSON.parse(await read('en/feed.json')) as { items: { content_html: string }[] }).items[0]!.content_html)).toEqual(expected);
    expect(body((await simpleParser(await read('en/idn.eml'))).html as string)).toEqual(expected);
  });
});
