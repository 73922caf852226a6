import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLES, NOW, ROOT, fixture, release, removeFixture, runMain, useProjects } from './helpers/cli.js';
import { png } from './helpers/images.js';

/**
 * The plain-text outputs follow the press-release convention and stay plain:
 * 72 columns, no markup left over, the ### end mark.
 */

/** A line may pass 72 columns only when it is one URL that cannot be broken. */
const UNBREAKABLE_URL = /^\s*[<(]?(https?:\/\/|mailto:)\S+[>)]?[.,;:]?$/;

function plainTextProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = `line ${i + 1}: ${JSON.stringify(line)}`;
    // Only what must not be broken may run past 72 columns: one word (a URL, a checksum) or a line of code, indented four spaces.
    const oneWord = !/\S\s+\S/.test(line.trim());
    if ([...line].length > 72 && !UNBREAKABLE_URL.test(line) && !oneWord && !line.startsWith('    ')) problems.push(`${where} is ${[...line].length} columns`);
    if (/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(line)) problems.push(`${where} holds an HTML entity`);
    if (/<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i.test(line)) problems.push(`${where} holds an HTML tag`);
    if (/\*\*|__|\]\(/.test(line)) problems.push(`${where} holds Markdown emphasis or a link`);
    if (/^\s*#/.test(line) && line !== '###') problems.push(`${where} starts with a Markdown heading mark`);
    if (/\s$/.test(line)) problems.push(`${where} ends with a space`);
    // "2 500" as Azerbaijani and Russian write it is one number: never cut between its groups.
    if (/\d$/.test(line) && /^\s*\d{3}(?!\d)/.test(lines[i + 1] ?? '')) problems.push(`${where} ends inside a number whose digit groups are spaced`);
  });
  if (lines.filter((l) => l === '###').length !== 1) problems.push('the ### end mark is not on a line of its own exactly once');
  if (!text.endsWith('\n') || text.endsWith('\n\n')) problems.push('the text does not end with exactly one newline');
  return problems;
}

interface Source { file: string; lang: string; title: string; subtitle?: string; location?: string; status?: string; embargo?: string; contacts?: { name: string }[]; image?: { src: string; alt: string; caption?: string; credit?: string } }

let dir: string;
let sources: Source[];
let configContacts: { name: string }[];
const outputs: Record<string, Map<string, string>> = {};

beforeAll(async () => {
  dir = await fixture({});
  for (const set of ['default', 'email']) {
    const out = join(dir, set);
    const result = await runMain(['build', EXAMPLES, '--out', out, '--now', NOW, '--drafts', '--template', set, '--format', 'text']);
    expect(result.code, result.stderr).toBe(0);
    const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.txt')).sort();
    outputs[set] = new Map(await Promise.all(files.map(async (f) => [f.split('\\').join('/'), await readFile(join(out, f), 'utf8')] as [string, string])));
  }
  const { parseReleaseFile } = await import('../src/core/parse.js');
  const files = (await readdir(EXAMPLES, { recursive: true })).filter((f) => f.endsWith('.md'));
  sources = await Promise.all(files.map(async (f) => ({ ...(parseReleaseFile(await readFile(join(EXAMPLES, f), 'utf8'), f).data as unknown as Source), file: f })));
  configContacts = (parse(await readFile(join(EXAMPLES, 'migration-news.config.yaml'), 'utf8')) as { contacts: { name: string }[] }).contacts;
});
afterAll(() => removeFixture(dir));

/** The headline is the first paragraph after the release line; unwrapped, it is the title. */
function sourceOf(text: string): Source {
  const paragraphs = text.split('\n\n');
  const head = paragraphs.findIndex((p) => /^(FOR IMMEDIATE RELEASE|EMBARGOED UNTIL |NOT FOR PUBLICATION )/m.test(p));
  const headline = paragraphs[head + 1]!.replace(/\n/g, ' ');
  const source = sources.find((s) => headline.startsWith(s.title));
  if (!source) throw new Error(`No example has the headline of:\n${text.slice(0, 300)}`);
  return source;
}

describe.each(['default', 'email'])('plain text of the %s set', (set) => {
  it('is written for every example, and none has long lines, entities, tags or Markdown', () => {
    expect(outputs[set]!.size).toBe(sources.length);
    for (const [file, text] of outputs[set]!) expect(plainTextProblems(text), file).toEqual([]);
  });

  it('opens with the release line, the headline and the sub-headline, then the dateline', () => {
    for (const [file, text] of outputs[set]!) {
      const source = sourceOf(text);
      const lines = text.split('\n');
      const publishable = source.status === 'published' || source.status === 'approved';
      const embargoed = source.embargo !== undefined && Date.parse(source.embargo) > Date.parse(NOW);
      const releaseLine = publishable ? lines[0]! : lines[1]!;
      if (!publishable) expect(lines[0], file).toBe(`NOT FOR PUBLICATION — ${source.status!.toUpperCase()}`);
      if (embargoed) expect(releaseLine, file).toMatch(/^EMBARGOED UNTIL \d{1,2} [A-ZА-ЯЁƏ]+ \d{4}( Г\.)?, \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)$/u);
      else if (publishable) expect(releaseLine, file).toBe('FOR IMMEDIATE RELEASE');
      // A release that may not go out is never said to be for immediate release.
      else expect(releaseLine, file).toBe('');
      if (!publishable) expect(text, file).not.toContain('FOR IMMEDIATE RELEASE');

      const paragraphs = text.split('\n\n');
      const head = paragraphs.findIndex((p) => p.includes(releaseLine || lines[0]!));
      expect(paragraphs[head + 1]!.replace(/\n/g, ' '), file).toBe(source.title);
      if (source.subtitle) expect(paragraphs[head + 2]!.replace(/\n/g, ' '), file).toBe(source.subtitle);
      const dateline = paragraphs[head + (source.subtitle ? 3 : 2)]!;
      const city = source.location!.toLocaleUpperCase(source.lang);
      expect(dateline.startsWith(`${city}, `), `${file}: ${dateline.slice(0, 60)}`).toBe(true);
      expect(dateline.split('\n')[0], file).toMatch(/^\S.*, \d{1,2} \S+ \d{4}( г\.)? — \S/u);
    }
  });

  it('ends the body with the lead image as the page shows it: its description in brackets, its address, its caption and (credit)', () => {
    const withImage = [...outputs[set]!].filter(([, text]) => sourceOf(text).image);
    expect(withImage.length).toBeGreaterThanOrEqual(3);
    for (const [file, text] of outputs[set]!) {
      const { image } = sourceOf(text);
      const paragraphs = text.slice(0, text.indexOf('\n###\n')).trimEnd().split('\n\n');
      const last = paragraphs.at(-1)!;
      if (!image) {
        expect(last, file).not.toMatch(/^\[/);
        continue;
      }
      const lines = last.split('\n');
      const url = lines.findIndex((l) => l === `<${image.src}>`);
      expect(url, `${file}: ${last}`).toBeGreaterThan(0);
      expect(lines.slice(0, url).join(' '), file).toBe(`[${image.alt}]`);
      const caption = [image.caption, image.credit && `(${image.credit})`].filter(Boolean).join(' ');
      expect(lines.slice(url + 1).join(' '), file).toBe(caption);
    }
  });

  it('closes with ###, then the media contacts and the boilerplate', () => {
    for (const [file, text] of outputs[set]!) {
      const source = sourceOf(text);
      const after = text.slice(text.indexOf('\n###\n'));
      const contacts = source.contacts ?? configContacts;
      for (const c of contacts) expect(after, file).toContain(c.name);
      expect(after, file).toMatch(/\n(Media contacts|Media üçün əlaqə|Контакты для СМИ):\n/);
      expect(after, file).toMatch(/\n(About .+|.+ haqqında|Справка: .+)\n/);
    }
  });
});

describe('the lead image of a release', () => {
  const project = useProjects();

  it('has its address written as a URL is, spaces and angle brackets percent-encoded, in the text and in Open Graph', async () => {
    const image = (src: string) => `\n  src: "${src}"\n  alt: A hall\n  credit: Press office`;
    const dir = await project({
      'r/a.md': release({ title: 'Odd address', image: image('https://media.example.az/my photo.jpg?size=<2>') }),
      'r/b.md': release({ title: 'Address with an escape', image: image('https://media.example.az/hall%20one.jpg') }),
      'r/c.md': release({ title: 'Address of any scheme', image: image('//медиа.example.az/зал 1.jpg') }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,text,json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(join(dir, 'dist/en/odd-address.txt'), 'utf8');
    expect(text).toContain('\n[A hall]\n<https://media.example.az/my%20photo.jpg?size=%3C2%3E>\n(Press office)\n\n###\n');
    expect(plainTextProblems(text)).toEqual([]);
    expect(await readFile(join(dir, 'dist/en/odd-address.html'), 'utf8')).toContain('<meta property="og:image" content="https://media.example.az/my%20photo.jpg?size=%3C2%3E">');
    // The page's own picture is a valid address too, as the page links it.
    expect(await readFile(join(dir, 'dist/en/odd-address.html'), 'utf8')).toContain('<img src="https://media.example.az/my%20photo.jpg?size=%3C2%3E" alt="A hall"');
    // An escape written in the address is kept, not escaped again.
    expect(await readFile(join(dir, 'dist/en/address-with-an-escape.txt'), 'utf8')).toContain('\n<https://media.example.az/hall%20one.jpg>\n');
    // Without site.url the JSON says the same as the text; a protocol-relative address keeps its form, its host in punycode.
    const json = async (slug: string) => (JSON.parse(await readFile(join(dir, `dist/en/${slug}.json`), 'utf8')) as { image: { src: string; url: string } }).image;
    expect(await json('odd-address')).toMatchObject({ src: 'https://media.example.az/my photo.jpg?size=<2>', url: 'https://media.example.az/my%20photo.jpg?size=%3C2%3E' });
    const anyScheme = '//xn--80ahcnr.example.az/%D0%B7%D0%B0%D0%BB%201.jpg';
    expect((await json('address-of-any-scheme')).url).toBe(anyScheme);
    expect(await readFile(join(dir, 'dist/en/address-of-any-scheme.txt'), 'utf8')).toContain(`\n<${anyScheme}>\n`);
  });

  it('is refused when its address has a host no browser can open, at its place', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Bad host', image: '\n  src: "https://media.example .az/x.jpg"\n  alt: A hall' }) });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; message: string }[] }).diagnostics).toMatchObject([{ ruleId: 'schema/format', line: 7, message: expect.stringMatching(/not a URL a browser can open/) }]);
  });
});

describe('plain text of the email set', () => {
  it('ends with the address of the page, on a line of its own', () => {
    for (const [file, text] of outputs.email!) {
      expect(text.trimEnd().split('\n').at(-1), file).toBe(`https://press.migration.example.az/${file.replace(/\.txt$/, '.html')}`);
    }
  });
});

describe('plain text of a release written to be hard to render', () => {
  let project: string;
  afterAll(() => removeFixture(project));

  it('still has no long lines, entities, tags or Markdown, and keeps long URLs whole', async () => {
    const longUrl = 'https://migration.example.az/en/e-services/work-permits/applications/2027/quota/sectors/construction-and-infrastructure?lang=en';
    project = await fixture({
      'migration-news.config.yaml': [
        'organisation:\n  name: State Migration Service of the Republic of Azerbaijan',
        'contacts:\n  - name: Press Office of the State Migration Service of the Republic of Azerbaijan\n    role: Department of Public Relations and Media Communication, Head of Unit\n    email: press@migration.example.az',
        'about:\n  ru: Государственная миграционная служба — центральный орган исполнительной власти, который реализует государственную политику в сфере миграции.',
        '',
      ].join('\n'),
      'r/chart.png': png(20, 10),
      'r/hard.md': [
        '---',
        'title: Служба продлила срок подачи заявлений на разрешение на временное проживание для иностранцев',
        'subtitle: Изменения касаются трудовых мигрантов, студентов и членов их семей, проживающих в регионах',
        'date: 2026-05-14',
        'lang: ru',
        'status: published',
        'location: Гянджа',
        '---',
        'Текст с **жирным**, __сильным__, _курсивом_, `кодом`, ~~зачёркнутым~~, &copy; &amp; &#8212; сущностями, [ссылка с довольно длинным текстом, который нужно перенести](https://example.az/a?b=1&c=2) и <span>сырой HTML</span>.',
        '',
        `Очень длинный адрес ${longUrl} посреди фразы.`,
        '',
        'Оченьоченьоченьоченьоченьоченьоченьоченьоченьоченьоченьоченьдлинноеслово.',
        '',
        '# Заголовок в тексте',
        '',
        '### Подзаголовок',
        '',
        '1. первый пункт, достаточно длинный, чтобы его пришлось переносить на семьдесят второй колонке',
        '   - вложенный пункт, достаточно длинный, чтобы его пришлось переносить на семьдесят второй колонке',
        '2. второй',
        '',
        '> Цитата, достаточно длинная, чтобы её пришлось переносить на семьдесят второй колонке, да.',
        '',
        '| Год | Разрешения, выданные иностранцам и лицам без гражданства в течение года |',
        '|-----|--------:|',
        '| 2025 | 23 000 |',
        '',
        '```',
        'предварительно отформатированный <текст>, который точно длиннее семидесяти двух колонок',
        '```',
        '',
        'Последний абзац с изображением ![График](chart.png) и жёстким  ',
        'переносом строки.',
        '',
      ].join('\n'),
    });
    for (const set of ['default', 'email']) {
      const result = await runMain(['build', 'r', '--format', 'text', '--template', set, '--out', set, '--now', NOW], { cwd: project });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const [file] = (await readdir(join(project, set, 'ru'))).filter((f) => f.endsWith('.txt'));
      const text = await readFile(join(project, set, 'ru', file!), 'utf8');
      expect(plainTextProblems(text), `${set}:\n${text}`).toEqual([]);
      expect(text.split('\n')).toContain(`<${longUrl}>`);
      expect(text).toContain('ГЯНДЖА, 14 мая 2026 г. — Текст с жирным, сильным, курсивом, кодом');
      expect(text).toContain('© & —');
      // Code is kept verbatim, its HTML-looking text included; a long word is never cut; a table too wide for columns becomes `header: value` lines.
      expect(text.split('\n')).toContain('    предварительно отформатированный <текст>, который точно длиннее семидесяти двух колонок');
      expect(text.split('\n')).toContain('Оченьоченьоченьоченьоченьоченьоченьоченьоченьоченьоченьоченьдлинноеслово.');
      expect(text).toContain('\nГод: 2025\nРазрешения, выданные иностранцам и лицам без гражданства в течение года:\n  23 000\n');
    }
  });
});

describe('plain text of a body\'s structure', () => {
  const projects = useProjects();
  const PAGE = 'dist/en/service-opens-new-residence-permit-centre';

  /** The plain text and the JSON's text of a release of `body`, dated in Baku. */
  async function texts(body: string): Promise<{ text: string; jsonText: string }> {
    const project = await projects({ 'r/a.md': release({ location: 'Baku' }, body) });
    const result = await runMain(['build', 'r', '--format', 'text,json', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const json = JSON.parse(await readFile(join(project, `${PAGE}.json`), 'utf8')) as { body: { text: string } };
    return { text: await readFile(join(project, `${PAGE}.txt`), 'utf8'), jsonText: json.body.text };
  }

  it('never starts a line with a hyphen typed as a dash, which would read as an item of a list', async () => {
    const body = Array.from({ length: 24 }, (_, pad) => `${'x'.repeat(20 + pad)} rules apply to all who arrived after 1 March - they must register within ten days - and others.`).join('\n\n');
    const { text, jsonText } = await texts(`${body}\n`);
    for (const output of [text, jsonText]) expect(output.split('\n').filter((line) => line.startsWith('- '))).toEqual([]);
  });

  it('keeps an address whole on its line when its path or host is Chinese, Japanese or Thai, wherever the line would end', async () => {
    const urls = ['https://zh.wikipedia.org/wiki/阿塞拜疆', 'https://ja.wikipedia.org/wiki/アゼルバイジャン', 'https://例え.jp/パス', 'https://th.wikipedia.org/wiki/ประเทศอาเซอร์ไบจาน'];
    // The address starts at every column near the end of a line in turn.
    const body = urls.flatMap((url) => Array.from({ length: 12 }, (_, pad) => `${'x'.repeat(10 + pad)} [link](${url}) end.\n`)).join('\n');
    const { text, jsonText } = await texts(body);
    for (const output of [text, jsonText]) {
      const lines = output.split('\n');
      for (const url of urls) expect(lines.filter((line) => line.includes(`<${url}>`)).length, url).toBe(12);
    }
  });

  it('underlines a heading with emoji made by U+FE0F to its full width, and lines a table\'s columns up after them', async () => {
    const { text, jsonText } = await texts([
      'The hotline is open.',
      '',
      '## Press 1\ufe0f\u20e3 for help ©\ufe0f',
      '',
      '| Key | Service |',
      '|---|---|',
      '| #\ufe0f\u20e3 *\ufe0f\u20e3 | Operator |',
      '| 1 | Visas |',
      '',
    ].join('\n'));
    for (const output of [text, jsonText]) {
      // Before, each keycap and the © counted one column: the underline stopped two short, and `Operator` stood two columns left of `Visas`.
      expect(output).toContain('\nPress 1\ufe0f\u20e3 for help ©\ufe0f\n--------------------\n');
      expect(output).toContain('\nKey    Service\n-----  --------\n#\ufe0f\u20e3 *\ufe0f\u20e3  Operator\n1      Visas');
    }
  });

  it('underlines headings, marks quotes with "> ", keeps struck-out text struck out, task boxes ticked or not, and code spans as written', async () => {
    const { text, jsonText } = await texts([
        'The form `Q&#8209;2027 <b>` is used; the old 2024 rules are ~~still valid~~ no longer valid.',
        '',
        '## Key points',
        '',
        '- [x] Victims referred',
        '- [ ] Compensation paid',
        '',
        '> "We keep improving," said the spokesperson.',
        '>',
        '> A second paragraph of the quote.',
        '',
        '    a code block',
        '',
      ].join('\n'));
    expect(text).toContain([
      'BAKU, 14 May 2026 — The form Q&#8209;2027 <b> is used; the old 2024',
      'rules are ~~still valid~~ no longer valid.',
      '',
      'Key points',
      '----------',
      '',
      '- [x] Victims referred',
      '- [ ] Compensation paid',
      '',
      '> "We keep improving," said the spokesperson.',
      '>',
      '> A second paragraph of the quote.',
      '',
      '    a code block',
      '',
    ].join('\n'));
    expect(jsonText).toContain('~~still\nvalid~~');
  });

  it('marks a break between sections as * * *, and keeps a nested list under its item\'s text in a tight list, as the page shows them', async () => {
    const { text } = await texts([
      'The centre opened today.',
      '',
      '***',
      '',
      'Its services:',
      '',
      '- residence permits',
      '  - temporary',
      '  - permanent',
      '- work permits',
      '',
      'And in a loose list:',
      '',
      '- citizenship',
      '',
      '  - by birth',
      '',
      '- quotas',
      '',
    ].join('\n'));
    expect(text).toContain([
      'BAKU, 14 May 2026 — The centre opened today.',
      '',
      '* * *',
      '',
      'Its services:',
      '',
      '- residence permits',
      '  - temporary',
      '  - permanent',
      '- work permits',
      '',
      'And in a loose list:',
      '',
      '- citizenship',
      '',
      '  - by birth',
      '',
      '- quotas',
    ].join('\n'));
  });

  it('underlines a heading deep in nested lists, where the width left is less than nothing, with one dash', async () => {
    expect((await texts(`Intro.\n\n${'1. '.repeat(25)}# Head\n`)).text).toMatch(/Head\n *-\n/);
  });

  it('runs the dateline into the paragraph under the heading a body opens with, shows an address without its scheme once, and sets notes of two paragraphs apart', async () => {
    const { text, jsonText } = await texts([
        '## Overview',
        '',
        'The first paragraph. See www.migration.example.az/trafficking for more.[^1] And [^2].',
        '',
        '[^1]: First note, paragraph one.',
        '',
        '    Paragraph two of the first note.',
        '',
        '[^2]: Second note.',
        '',
      ].join('\n'));
    expect(text).toContain([
      'Overview',
      '--------',
      '',
      'BAKU, 14 May 2026 — The first paragraph. See',
      'www.migration.example.az/trafficking for more.[1] And [2].',
      '',
      '-----',
      '',
      'Notes',
      '',
      '[1] First note, paragraph one.',
      '',
      '    Paragraph two of the first note.',
      '',
      '[2] Second note.',
      '',
    ].join('\n'));
    expect(jsonText.startsWith('Overview\n--------\n\nThe first paragraph. See www.migration.example.az/trafficking for\n')).toBe(true);
  });
});

describe('plain text of a body written hard-wrapped', () => {
  const projects = useProjects();

  it('flows each paragraph and list item as one, re-wrapped at 72 columns, and keeps only hard breaks', async () => {
    const project = await projects({
      'r/a.md': release({}, [
        'The State Migration Service today opened a new service centre in Ganja. It',
        'serves foreign nationals and stateless persons living in the western regions',
        'of the country and accepts applications for residence permits.',
        '',
        '- Applications are answered',
        '  within ten working days.',
        '',
        'Press Office  ',
        'State Migration Service',
        '',
        'Open on weekdays:<br>',
        '09:00–18:00',
        '',
      ].join('\n')),
    });
    const result = await runMain(['build', 'r', '--format', 'text,json', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = await readFile(join(project, 'dist/en/service-opens-new-residence-permit-centre.txt'), 'utf8');
    expect(plainTextProblems(text)).toEqual([]);
    expect(text).toContain('\n14 May 2026 — The State Migration Service today opened a new service\ncentre in Ganja. It serves foreign nationals and stateless persons\nliving in the western regions of the country and accepts applications\nfor residence permits.\n');
    expect(text).toContain('\n- Applications are answered within ten working days.\n');
    expect(text).toContain('\nPress Office\nState Migration Service\n');
    // A line break written as HTML too.
    expect(text).toContain('\nOpen on weekdays:\n09:00–18:00\n');
    const json = JSON.parse(await readFile(join(project, 'dist/en/service-opens-new-residence-permit-centre.json'), 'utf8')) as { body: { textUnwrapped: string } };
    expect(json.body.textUnwrapped.split('\n')).toEqual([
      'The State Migration Service today opened a new service centre in Ganja. It serves foreign nationals and stateless persons living in the western regions of the country and accepts applications for residence permits.',
      '',
      '- Applications are answered within ten working days.',
      '',
      'Press Office',
      'State Migration Service',
      '',
      'Open on weekdays:',
      '09:00–18:00',
    ]);
  });
});

describe('plain text of a script with spacing vowel signs (Hindi)', () => {
  const projects = useProjects();

  it('gives each spacing vowel sign a column, as terminals do, so lines stay within 72 columns and a table\'s columns line up', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, hi]\n',
      'templates/default/labels/hi.yaml': english,
      'r/hi.md': release({ lang: 'hi', title: 'निवास परमिट का नवीनीकरण अब ऑनलाइन', slug: 'nivas', location: 'बाकू' }, [
        'आज से विदेशी नागरिक और राज्यविहीन व्यक्ति सेवा केंद्र गए बिना ई-सेवा पोर्टल पर अपने अस्थायी निवास परमिट का नवीनीकरण कर सकते हैं। आवेदनों का उत्तर दस कार्य दिवसों के भीतर दिया जाता है।',
        '',
        '| सेवा | अवधि |',
        '|---|---|',
        '| निवास परमिट नवीनीकरण | 10 दिन |',
        '| नया कार्ड | 5 दिन |',
        '',
      ].join('\n')),
    });
    const result = await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = await readFile(join(project, 'dist/hi/nivas.txt'), 'utf8');
    // Columns as wcwidth counts them: every code point one, but non-spacing marks (the virama ्, the vowel sign े) and joiners none.
    const columns = (line: string) => [...line].filter((c) => !/[\p{Mn}\p{Me}\u200B-\u200F]/u.test(c)).length;
    const long = text.split('\n').filter((line) => columns(line) > 72);
    // Before, the vowel signs ा ि ी … counted none: the dateline's paragraph ran to 84 columns.
    expect(long).toEqual([]);
    expect(text).toContain('\nबाकू, 14 मई 2026 — आज से विदेशी नागरिक और राज्यविहीन व्यक्ति सेवा केंद्र गए बिना\n');
    const rows = text.split('\n').filter((line) => / {2}\S*\d* दिन$| {2}अवधि$/.test(line));
    expect(rows).toHaveLength(3);
    // The second column starts at one column on every row.
    expect(new Set(rows.map((row) => columns(row.slice(0, row.search(/ {2}\S+(?: दिन)?$/) + 2))))).toEqual(new Set([columns('निवास परमिट नवीनीकरण  ')]));
  });
});

describe('plain text of Hindi, whose danda is typed after a space', () => {
  const projects = useProjects();

  it('keeps each danda (। and ॥) at the end of the sentence it closes, never at the start of a line', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const body = 'आज सुबह दस बजे राज्य प्रवासन सेवा ने आज बाकू में नया सेवा केंद्र खोला है । यह केंद्र सप्ताह में छह दिन खुला रहेगा ॥ आवेदन ऑनलाइन भी जमा किए जा सकते हैं ।';
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, hi]\n',
      'templates/default/labels/hi.yaml': english,
      'r/hi.md': release({ lang: 'hi', title: 'बाकू में नया केंद्र', slug: 'kendra' }, `${body}\n`),
    });
    const result = await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = await readFile(join(project, 'dist/hi/kendra.txt'), 'utf8');
    // Before, the second line of the paragraph started with `। यह केंद्र`.
    expect(text.split('\n').filter((line) => /^[।॥]/u.test(line))).toEqual([]);
    expect(text).toContain('\n14 मई 2026 — आज सुबह दस बजे राज्य प्रवासन सेवा ने आज बाकू में नया सेवा केंद्र खोला\nहै । यह');
  });
});

describe('plain text of a script written without spaces between words (Thai)', () => {
  const projects = useProjects();

  it('breaks lines between words, in the body, the title and the e-mail\'s text part, so none runs past 72 columns', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const sentence = 'กรมการจัดหางานประกาศว่าตั้งแต่วันนี้เป็นต้นไปชาวต่างชาติสามารถยื่นคำขอใบอนุญาตทำงานผ่านระบบออนไลน์ได้โดยไม่ต้องเดินทางไปที่สำนักงาน';
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, th]\nsite:\n  url: https://press.example.th\n',
      'templates/default/labels/th.yaml': english,
      'r/th.md': release({ lang: 'th', title: 'ใบอนุญาตทำงานออนไลน์สำหรับชาวต่างชาติที่ต้องการทำงานในประเทศไทยตั้งแต่วันนี้เป็นต้นไปได้แล้ววันนี้', slug: 'work-permits', location: 'กรุงเทพฯ' },
        `${sentence}\n\n1. ${sentence}\n`),
    });
    // Columns as wcwidth counts them: every code point one, but non-spacing marks (Thai vowels and tone marks above and below) none.
    const columns = (line: string) => [...line].filter((c) => !/[\p{Mn}\p{Me}\u200B-\u200F]/u.test(c)).length;
    for (const set of ['default', 'email']) {
      const result = await runMain(['build', 'r', '--format', 'text', '--template', set, '--out', set, '--now', NOW], { cwd: project });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const text = await readFile(join(project, set, 'th/work-permits.txt'), 'utf8');
      // Before, each paragraph was one line of up to 120 columns.
      expect(text.split('\n').filter((line) => columns(line) > 72), `${set}:\n${text}`).toEqual([]);
      expect(text).toContain('\nใบอนุญาตทำงานออนไลน์สำหรับชาวต่างชาติที่ต้องการทำงานในประเทศไทยตั้งแต่วันนี้เป็นต้นไปได้\nแล้ววันนี้\n');
      expect(text).toContain('\nกรุงเทพฯ, 14 พฤษภาคม 2026 — กรมการจัดหางานประกาศว่าตั้งแต่วันนี้เป็นต้นไปชาวต่างชาติ\nสามารถยื่นคำขอใบอนุญาตทำงานผ่านระบบออนไลน์ได้โดยไม่ต้องเดินทางไปที่สำนักงาน\n');
      expect(text).toContain('\n1. กรมการจัดหางานประกาศว่าตั้งแต่วันนี้เป็นต้นไปชาวต่างชาติสามารถยื่นคำขอใบอนุญาตทำงาน\n   ผ่านระบบออนไลน์ได้โดยไม่ต้องเดินทางไปที่สำนักงาน\n');
    }
  });
});

describe('plain text of Japanese pasted decomposed (NFD), as macOS pastes it', () => {
  const projects = useProjects();

  it('never starts a line with a voiced sound mark parted from its kana, in the body or the title', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const sentence = '国家移民庁は本日、新しい新しい新しい新しい新しい新しいデータベースとガイドブックを公開しました。';
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, ja]\n',
      'templates/default/labels/ja.yaml': english,
      'r/ja.md': release({ lang: 'ja', title: 'データベースとガイドブック'.repeat(3).normalize('NFD'), slug: 'guide' }, `${sentence.repeat(4).normalize('NFD')}\n`),
    });
    const result = await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = await readFile(join(project, 'dist/ja/guide.txt'), 'utf8');
    // Before, two lines of the body started with the voiced sound mark of デ, its テ left at the end of the line above.
    expect(text.split('\n').filter((line) => /^[\u3099\u309a]/u.test(line))).toEqual([]);
    expect(text.replace(/\n/g, '')).toContain(sentence.repeat(3).normalize('NFD'));
  });
});

describe('plain text of a language with digits of its own (Persian, Myanmar)', () => {
  const projects = useProjects();

  it('keeps a telephone number and an amount whole on one line: in Persian digits, after a left-to-right mark, in an isolate, and in a local format', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const numbers = {
      fa: ['\u200e+994 12 555 01 00', '\u2066+994 12 555 01 00\u2069', '۰۱۲ ۵۵۵ ۰۱ ۰۰', '۱۲ ۵۰۰ ۰۰۰'],
      az: ['012 555 01 00', '050 555 12 34'],
    };
    // Each number starts at every column near the end of a line in turn.
    const body = (numbers: string[], lead: string, words: string) => numbers.flatMap((number) => Array.from({ length: 16 }, (_, pad) => `${lead.repeat(48 + pad)} ${number} ${words}\n`)).join('\n');
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, az, fa]\n',
      'templates/default/labels/fa.yaml': english,
      'r/fa.md': release({ lang: 'fa', title: 'عنوان', slug: 'fa' }, body(numbers.fa, 'ب', 'تماس بگیرید.')),
      'r/az.md': release({ lang: 'az', title: 'Başlıq', slug: 'az' }, body(numbers.az, 'x', 'nömrəsinə zəng edin.')),
    });
    const result = await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const [lang, list] of Object.entries(numbers)) {
      const lines = (await readFile(join(project, 'dist', lang, `${lang}.txt`), 'utf8')).split('\n');
      // Before, each was parted between its groups at some of those columns: `+994` at a line's end, `12 555 01 00` on the next.
      for (const number of list) expect(lines.filter((line) => line.includes(number)).length, number).toBe(16);
      // No line is left with an isolate it does not close.
      expect(lines.filter((line) => line.split('\u2066').length !== line.split('\u2069').length)).toEqual([]);
    }
  });

  it('numbers ordered lists and notes in the digits its dates are written in; Arabic, whose CLDR digits are ASCII, keeps them', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const body = (text: string) => `${text}[^1]\n\n1. ${text}\n2. ${text}\n\n[^1]: ${text}\n`;
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, fa, my, ar]\n',
      'templates/default/labels/fa.yaml': english,
      'templates/default/labels/my.yaml': english,
      'templates/default/labels/ar.yaml': english,
      'r/fa.md': release({ lang: 'fa', title: 'عنوان', slug: 'fa' }, body('متن')),
      'r/my.md': release({ lang: 'my', title: 'ခေါင်းစဉ်', slug: 'my' }, body('စာသား')),
      'r/ar.md': release({ lang: 'ar', title: 'عنوان', slug: 'ar' }, body('نص')),
    });
    for (const set of ['default', 'email']) {
      const result = await runMain(['build', 'r', '--format', 'text', '--template', set, '--out', set, '--now', NOW], { cwd: project });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const lines = async (lang: string) => (await readFile(join(project, set, lang, `${lang}.txt`), 'utf8')).split('\n').map((line) => line.replace(/^\u200f/, ''));
      // Before, `1.` and `[1]`: two kinds of digits on one page, beside the dateline's ۱۴ مهٔ ۲۰۲۶.
      expect(await lines('fa')).toEqual(expect.arrayContaining(['۱۴ مهٔ ۲۰۲۶ — متن[۱]', '۱. متن', '۲. متن', '[۱] متن']));
      expect(await lines('my')).toEqual(expect.arrayContaining(['၁. စာသား', '၂. စာသား', '[၁] စာသား']));
      expect(await lines('ar')).toEqual(expect.arrayContaining(['1. نص', '2. نص', '[1] نص']));
    }
  });
});

describe('plain text of Chinese and Japanese, which write a telephone number with no space before it', () => {
  const projects = useProjects();

  it('keeps the number whole on one line wherever the line would end, also with the next word written straight after it', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const numbers = {
      zh: ['请致电+994 12 555 01 00咨询。', '电话：(012) 555-01-00。', '电话：+7 (495) 123-45-67。'],
      ja: ['お問い合わせは電話+81 3 1234 5678まで。'],
    };
    // Each number starts at every column near the end of a line in turn.
    const body = (lead: string, sentences: string[]) => sentences.flatMap((sentence) => Array.from({ length: 16 }, (_, pad) => `${lead.repeat(20 + pad)}，${sentence}\n`)).join('\n');
    const project = await projects({
      'migration-news.config.yaml': 'languages: [en, zh, ja]\n',
      'templates/default/labels/zh.yaml': english,
      'templates/default/labels/ja.yaml': english,
      'r/zh.md': release({ lang: 'zh', title: '新中心开放', slug: 'zh' }, body('很', numbers.zh)),
      'r/ja.md': release({ lang: 'ja', title: '新センター開設', slug: 'ja' }, body('長', numbers.ja)),
    });
    const result = await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const [lang, sentences] of Object.entries(numbers)) {
      const lines = (await readFile(join(project, 'dist', lang, `${lang}.txt`), 'utf8')).split('\n');
      // Before, the number was parted between its groups at some of those columns: `请致电+994 12 555 01` at a line's end, `00咨询。` on the next.
      for (const sentence of sentences) {
        const number = /[+(][\d ()-]+\d/.exec(sentence)![0];
        expect(lines.filter((line) => line.includes(number)).length, number).toBe(16);
      }
    }
  });
});

describe('plain text of a telephone number written in brackets or quotation marks', () => {
  const projects = useProjects();

  it('keeps the number whole on one line wherever the line would end', async () => {
    const numbers = ['(+994 12 555 01 00)', '«+994 12 555 01 00»', '“012 555 01 00”', '((012) 555-01-00)'];
    // Each number starts at every column near the end of a line in turn.
    const body = numbers.flatMap((number) => Array.from({ length: 16 }, (_, pad) => `${'x'.repeat(48 + pad)} ${number} hotline.\n`)).join('\n');
    const project = await projects({ 'r/en.md': release({ slug: 'en' }, body) });
    const result = await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = (await readFile(join(project, 'dist', 'en', 'en.txt'), 'utf8')).split('\n');
    // Before, the number was parted between its groups at some of those columns: `(+994 12 555` at a line's end, `01 00)` on the next.
    for (const number of numbers) expect(lines.filter((line) => line.includes(number)).length, number).toBe(16);
  });
});

describe('plain text of a telephone number typed straight after its label', () => {
  const projects = useProjects();

  it('keeps the number whole on one line wherever the line would end', async () => {
    const numbers = [['Tel.:', '+994 12 555 01 00'], ['Факс:', '(012) 555-01-00'], ['Telefon:', '+994 12 555 01 00']];
    // Each number starts at every column near the end of a line in turn.
    const body = numbers.flatMap(([label, number]) => Array.from({ length: 16 }, (_, pad) => `${'x'.repeat(48 + pad)} ${label}${number} hotline.\n`)).join('\n');
    const project = await projects({ 'r/en.md': release({ slug: 'en' }, body) });
    const result = await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = (await readFile(join(project, 'dist', 'en', 'en.txt'), 'utf8')).split('\n');
    // Before, the number was parted between its groups at some of those columns: `Tel.:+994 12 555` at a line's end, `01 00` on the next.
    for (const [label, number] of numbers) expect(lines.filter((line) => line.includes(`${label}${number}`)).length, number).toBe(16);
  });
});
