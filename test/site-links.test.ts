import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOne, type CheckOutcome } from '../src/app/check.js';
import { threadedChecker } from '../src/app/check-threads.js';
import { loadConfig } from '../src/io/config.js';
import { checkSiteLinks, SLUG_SEARCH_STEPS } from '../src/core/site-links.js';
import { closest, type SuggestionBudget } from '../src/core/suggest.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { listTree } from './helpers/hostile.js';
import { jsonReport, type ReportedDiagnostic } from './helpers/report.js';

const project = useProjects();

/** Releases that are not public at NOW (2026-11-28), each with a slug no other file holds. */
const HIDDEN = {
  'r/draft.md': release({ title: 'Citizenship procedures change', slug: 'citizenship-procedures', status: 'draft' }),
  'r/embargoed.md': release({ title: 'Work permit quota for 2027', slug: 'work-permit-quota-2027', embargo: '2026-12-20T09:00:00+04:00', aliases: '[quota-2027, /2026/quota.html]' }),
  'r/review.md': release({ title: 'Smuggling ring stopped', slug: 'smuggling-ring', status: 'review' }),
  'r/gone.md': release({ title: 'Visa centre moves', slug: 'visa-centre-moves', status: 'withdrawn' }),
};
const SECRETS = ['citizenship-procedures', 'work-permit-quota-2027', 'quota-2027', 'smuggling-ring', 'visa-centre-moves'];

/** What is public at NOW: a withdrawn release with a notice, an English release and its Russian translation. */
const SHOWN = {
  'r/noticed.md': release({ title: 'Old fee table', slug: 'old-fee-table', status: 'withdrawn', withdrawn_date: '2026-06-01', withdrawn_reason: 'Superseded' }),
  'r/permits.md': release({ id: 'permits', title: 'Residence permits online', slug: 'residence-permits-online' }),
  'r/permits.ru.md': release({ id: 'permits', title: 'Виды на жительство онлайн', slug: 'vid-online', lang: 'ru' }),
};

const places = (found: readonly ReportedDiagnostic[], ruleId: string) => found.filter((d) => d.ruleId === ruleId).map((d) => `${d.line}:${d.column} ${d.message.match(/^The link (".*?")/)![1]}`);

async function everyFileOf(dir: string): Promise<string> {
  const texts = await Promise.all((await listTree(dir, true)).map(async (file) => `${file}\n${await readFile(join(dir, file), 'utf8')}`));
  return texts.join('\n');
}

describe('a link from a public release to the pages of one that is not public (publication/unpublished-link)', () => {
  const body = [
    'Read [the draft](citizenship-procedures.html) and [the quota](../en/work-permit-quota-2027.html).',
    '[Its text](work-permit-quota-2027.txt), [its JSON](/en/work-permit-quota-2027.json), [its folder](work-permit-quota-2027/), [no extension](work-permit-quota-2027).',
    '[An escape](work%2Dpermit-quota-2027.html?from=home#fees), [its old address](quota-2027.html), [review](smuggling-ring.ninjs.json), [withdrawn](visa-centre-moves.html).',
    '',
    'The [reference][q], [the draft again](citizenship-procedures.html) and [an old path](/2026/quota.html).',
    '',
    '[q]: work-permit-quota-2027.html',
    '',
    'Not judged: [the notice](old-fee-table.html), [the permits](residence-permits-online.html), [in Russian](../ru/vid-online.html), [the list](./), [a tag](tags/permits.html), [the feed](feed.xml), [a form](forms/citizenship-procedures.pdf), [elsewhere](https://example.org/en/smuggling-ring.html), [mail](mailto:press@example.az), [a part](#citizenship-procedures), [itself](linking.html#top).',
  ].join('\n');

  it('is an error at each link, which stops the build with nothing written, and validate says the same', async () => {
    const dir = await project({ ...HIDDEN, ...SHOWN, 'r/linking.md': release({ title: 'Links', slug: 'linking' }, `${body}\n`) });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(built.code, built.stderr).toBe(1);
    const found = jsonReport(built).diagnostics;
    expect(places(found, 'publication/unpublished-link')).toEqual([
      '8:6 "citizenship-procedures.html"',
      '8:51 "../en/work-permit-quota-2027.html"',
      '9:1 "work-permit-quota-2027.txt"',
      '9:41 "/en/work-permit-quota-2027.json"',
      '9:86 "work-permit-quota-2027/"',
      '9:125 "work-permit-quota-2027"',
      '10:1 "work%2Dpermit-quota-2027.html?from=home#fees"',
      '10:60 "quota-2027.html"',
      '10:96 "smuggling-ring.ninjs.json"',
      '10:133 "visa-centre-moves.html"',
      '12:72 "/2026/quota.html"',
      '14:1 "work-permit-quota-2027.html"',
    ]);
    const first = found.find((d) => d.ruleId === 'publication/unpublished-link')!;
    expect(first).toMatchObject({ file: 'r/linking.md', severity: 'error', endColumn: 6 + '[the draft](citizenship-procedures.html)'.length });
    expect(first.message).toContain('"citizenship-procedures.html" (and one more link to it below) leads to the page of r/draft.md, which is not public (its status is draft)');
    expect(first.related).toMatchObject({ file: 'r/draft.md', line: 5 });
    const embargoed = found.find((d) => d.message.includes('work-permit-quota-2027.html"'))!;
    expect(embargoed.message).toContain('under embargo until 2026-12-20T09:00:00+04:00');
    expect(embargoed.hint).toMatch(/^Give this release the same `embargo`/);
    expect(found.filter((d) => d.ruleId === 'content/link-page')).toEqual([]);
    expect(built.stdout + built.stderr).not.toMatch(/Wrote/);
    expect(await listTree(dir)).not.toContain('out/index.html');

    const validated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(validated.code).toBe(1);
    expect(places(jsonReport(validated).diagnostics, 'publication/unpublished-link')).toEqual(places(found, 'publication/unpublished-link'));
  });

  it('keeps the release with the link out of a build that goes on, and leaves no trace of the others in any output', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\nemail:\n  from: press@example.az\nhtml: safe\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, `${body}\n\nIn full: <https://migration.example.az/press/en/citizenship-procedures.html> and https://migration.example.az/press/en/smuggling-ring.html.\n\nKept HTML: <a href="visa-centre-moves.txt">the notice</a>.\n`),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--format', 'html,text,json,ninjs,eml', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(places(jsonReport(built).diagnostics, 'publication/unpublished-link').slice(-3)).toEqual(['18:10 "https://migration.example.az/press/en/citizenship-procedu…"', '18:82 "https://migration.example.az/press/en/smuggling-ring.html"', '20:12 "visa-centre-moves.txt"']);
    const out = await everyFileOf(join(dir, 'out'));
    expect(out).toContain('residence-permits-online.html');
    expect(out).not.toContain('linking');
    for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
  });

  it('is an error at an image the page fetches from the other release\'s folder, which is not copied', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\nemail:\n  from: press@example.az\nhtml: safe\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, [
        'The map: ![Centres](/press/en/citizenship-procedures/map.png) and ![Quotas](https://migration.example.az/press/en/quota-2027/chart.png).',
        '',
        '[![The new centre](https://migration.example.az/press/en/smuggling-ring/photo.jpg)](residence-permits-online.html) <img src="https://migration.example.az/press/en/visa-centre-moves/map.png" alt="Map">',
        '',
        'Not judged: ![ours](https://migration.example.az/press/en/residence-permits-online/map.png) and ![theirs](https://example.org/en/smuggling-ring/photo.jpg).',
      ].join('\n')),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--format', 'html,text,json,ninjs,eml', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(places(jsonReport(built).diagnostics, 'publication/unpublished-link')).toEqual([
      '8:10 "/press/en/citizenship-procedures/map.png"',
      '8:67 "https://migration.example.az/press/en/quota-2027/chart.png"',
      '10:2 "https://migration.example.az/press/en/smuggling-ring/phot…"',
      '10:116 "https://migration.example.az/press/en/visa-centre-moves/m…"',
    ]);
    const out = await everyFileOf(join(dir, 'out'));
    expect(out).not.toContain('linking');
    for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
  });

  it('is an error at a lead image (`image.src`) from the other release\'s folder or at its page, which every output of the release gives', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking', image: '{ src: /press/en/citizenship-procedures/map.png, alt: Map of the centres }' }),
      'r/leading.md': release({ title: 'Leads', slug: 'leading', image: '{ src: "https://migration.example.az/press/en/quota-2027.html", alt: The quota }' }),
      'r/own.md': release({ title: 'Own', slug: 'own', image: '{ src: "https://migration.example.az/press/en/residence-permits-online/map.png", alt: Ours }' }),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--format', 'html,text,json,ninjs', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    const found = jsonReport(built).diagnostics.filter((d) => d.ruleId === 'publication/unpublished-link');
    expect(found.map((d) => `${d.file} ${d.line}:${d.column} ${d.message.match(/^The link (".*?")/)![1]}`)).toEqual([
      'r/leading.md 7:15 "https://migration.example.az/press/en/quota-2027.html"',
      'r/linking.md 7:15 "/press/en/citizenship-procedures/map.png"',
    ]);
    const out = await everyFileOf(join(dir, 'out'));
    expect(out).not.toContain('linking');
    expect(out).toContain('residence-permits-online/map.png');
    for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
    const validated = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(jsonReport(validated).diagnostics.filter((d) => d.ruleId === 'publication/unpublished-link')).toEqual(found);
  });

  it('is said where a kept <img> of several lines starts, as its missing alt is', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'html: safe\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'A map, <img\nsrc="/en/citizenship-procedures/map.png" alt="Map">, <img\nsrc="https://example.org/a.png">.\n'),
    });
    const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(jsonReport(result).diagnostics.filter((d) => d.file === 'r/linking.md').map((d) => `${d.ruleId} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([
      'content/image-alt 9:54-10:33',
    ]);
    await writeFile(join(dir, 'r/linking.md'), release({ title: 'Links', slug: 'linking' }, 'A map, <img\nsrc="/en/citizenship-procedures/map.png" alt="Map">.\n'));
    const linked = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(jsonReport(linked).diagnostics.filter((d) => d.file === 'r/linking.md').map((d) => `${d.ruleId} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([
      'publication/unpublished-link 8:8-9:52',
    ]);
  });

  it('is an error in any letter case, which tells the slug as well; a public release\'s address in another case is the warning', async () => {
    const dir = await project({
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, [
        'Read [the draft](Citizenship-Procedures.html), [the quota](../EN/work-permit-quota-2027.txt), [its old path](/2026/Quota.html) and [review](SMUGGLING-RING).',
        'And [the permits](Residence-Permits-Online.html).',
      ].join('\n')),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    const found = jsonReport(built).diagnostics;
    expect(places(found, 'publication/unpublished-link')).toEqual(['8:6 "Citizenship-Procedures.html"', '8:48 "../EN/work-permit-quota-2027.txt"', '8:95 "/2026/Quota.html"', '8:132 "SMUGGLING-RING"']);
    expect(found.filter((d) => d.ruleId === 'content/link-page').map((d) => `${d.line}:${d.column} ${d.hint}`)).toEqual(['9:5 Did you mean "residence-permits-online.html"?']);
    const out = await everyFileOf(join(dir, 'out'));
    for (const secret of SECRETS) expect(out.toLowerCase(), secret).not.toContain(secret);
  });

  it('is an error in full with the other of http and https than site.url has', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'Read [the draft](http://migration.example.az/press/en/citizenship-procedures.html) and http://migration.example.az/press/en/quota-2027.txt, not [the permits](http://migration.example.az/press/en/residence-permits-online.html).\n'),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    const found = jsonReport(built).diagnostics;
    expect(places(found, 'publication/unpublished-link')).toEqual(['8:6 "http://migration.example.az/press/en/citizenship-procedur…"', '8:88 "http://migration.example.az/press/en/quota-2027.txt"']);
    expect(found.filter((d) => d.ruleId === 'content/link-page')).toEqual([]);
    const out = await everyFileOf(join(dir, 'out'));
    for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
  });

  it('is an error with the site\'s host written as a browser reads it: escaped, after a user name, in full-width letters, with an ideographic full stop, its final dot or a tab', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\nhtml: safe\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, [
        'Read [the draft](https://migration%2Eexample.az/press/en/citizenship-procedures.html), [the quota](https://editor@migration.example.az/press/en/quota-2027.txt),',
        '[review](https://ＭＩＧＲＡＴＩＯＮ.example.az/press/en/smuggling-ring.html) and [withdrawn](https://migration。example.az/press/en/visa-centre-moves.html).',
        'The host in full, with its final dot: [the draft](https://migration.example.az./press/en/citizenship-procedures.html), [the quota](https://Migration.Example.AZ.:443/press/en/quota-2027.json).',
        '',
        '<p><a href="https://migration.example&#9;.az/press/en/work-permit-quota-2027.html">The quota</a>, not <a href="https://migration.example.org/press/en/linking.html">a site elsewhere</a>.</p>',
      ].join('\n')),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    const found = jsonReport(built).diagnostics;
    expect(places(found, 'publication/unpublished-link').map((p) => p.replace(/ .*/, ''))).toEqual(['8:6', '8:88', '9:1', '9:73', '10:39', '10:120', '12:4']);
    expect(found.filter((d) => d.ruleId === 'content/link-page')).toEqual([]);
    const out = await everyFileOf(join(dir, 'out'));
    for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
    const validated = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(places(jsonReport(validated).diagnostics, 'publication/unpublished-link')).toEqual(places(found, 'publication/unpublished-link'));
  });

  it('is an error with the host written plainly when the site\'s own URL has the final dot of a host written in full, and no feed id keeps the dot', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az./press/\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'Read [the draft](https://migration.example.az/press/en/citizenship-procedures.html) and [the quota](https://migration.example.az.:443/press/en/quota-2027.html).\n'),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(places(jsonReport(built).diagnostics, 'publication/unpublished-link').map((p) => p.replace(/ .*/, ''))).toEqual(['8:6', '8:89']);
    const out = await everyFileOf(join(dir, 'out'));
    for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
    // The feeds' entry ids name the host without its dot, as RFC 4151 writes a domain name.
    const ids = [...(await readFile(join(dir, 'out/en/feed.xml'), 'utf8')).matchAll(/<id>(tag:[^<]*)<\/id>/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^tag:migration\.example\.az,\d{4}-\d\d-\d\d:press\/en\//);
  });

  it('is an error to a release that is not public and fails its own checks, as far as its fields tell its address', async () => {
    const dir = await project({
      ...SHOWN,
      // A draft without its date, and one with a YAML error that leaves its fields readable: neither is written, both are drafts.
      'r/draft.md': '---\ntitle: Citizenship procedures change\nslug: citizenship-procedures\nlang: en\nstatus: draft\n---\nThe draft.\n',
      'r/review.md': '---\ntitle: Smuggling ring stopped\nlang: en\nstatus: review\nsummary: Ring: stopped\n---\nThe text.\n',
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'Read [the draft](citizenship-procedures.html) and [review](smuggling-ring-stopped/).\n'),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    const found = jsonReport(built).diagnostics;
    expect(places(found, 'publication/unpublished-link')).toEqual(['8:6 "citizenship-procedures.html"', '8:51 "smuggling-ring-stopped/"']);
    const out = await everyFileOf(join(dir, 'out'));
    expect(out).toContain('residence-permits-online.html');
    for (const secret of ['citizenship-procedures', 'smuggling-ring-stopped']) expect(out, secret).not.toContain(secret);
    const validated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(places(jsonReport(validated).diagnostics, 'publication/unpublished-link')).toEqual(places(found, 'publication/unpublished-link'));
  });

  it('is an error to a path alias asked for without its index.html or .html, which a server sends on to it', async () => {
    const dir = await project({
      ...SHOWN,
      'r/quota.md': release({ title: 'Work permit quota for 2027', slug: 'work-permit-quota-2027', status: 'review', aliases: '[/news/kvota-2027/, /2026/quota.html]' }),
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'Read [the news](/news/kvota-2027) and [the old one](/2026/quota?from=home), not [the news](/news/).\n'),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(places(jsonReport(built).diagnostics, 'publication/unpublished-link')).toEqual(['8:6 "/news/kvota-2027"', '8:39 "/2026/quota?from=home"']);
    expect(await everyFileOf(join(dir, 'out'))).not.toMatch(/kvota|2026\/quota/);
  });

  it('is an error with a slash written twice, which a server reads as one', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'Read [the draft](https://migration.example.az/press//en/citizenship-procedures.html) and [review](..//en/smuggling-ring.html).\n'),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(places(jsonReport(built).diagnostics, 'publication/unpublished-link')).toEqual(['8:6 "https://migration.example.az/press//en/citizenship-proced…"', '8:90 "..//en/smuggling-ring.html"']);
    const out = await everyFileOf(join(dir, 'out'));
    for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
  });

  it('reads a path from the host\'s root that misses the folder of the site\'s URL from the site\'s root', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\n',
      ...HIDDEN, ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'See [the draft](/en/citizenship-procedures.html), [in full](/press/en/smuggling-ring.html) and [the permits](/en/residence-permits-online.html).\n'),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(places(jsonReport(built).diagnostics, 'publication/unpublished-link')).toEqual(['8:5 "/en/citizenship-procedures.html"', '8:51 "/press/en/smuggling-ring.html"']);
    for (const secret of SECRETS) expect(await everyFileOf(join(dir, 'out')), secret).not.toContain(secret);
  });

  it('judges a reference\'s definition once a link or an image uses it: one nothing uses is on no page', async () => {
    const dir = await project({
      ...HIDDEN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'See [the map][map].\n\n[map]: work-permit-quota-2027/map.png\n[unused]: citizenship-procedures.html\n[Smuggling]: smuggling-ring.html\n\n![The ring][smuggling]\n'),
    });
    const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(places(jsonReport(result).diagnostics, 'publication/unpublished-link')).toEqual(['10:1 "work-permit-quota-2027/map.png"', '12:1 "smuggling-ring.html"']);
  });

  it('is no error once the other release is public, nor in a preview that writes it', async () => {
    const dir = await project({ ...HIDDEN, ...SHOWN, 'r/linking.md': release({ title: 'Links', slug: 'linking' }, `${body}\n`) });
    // Under --embargoed the embargoed release is written: its links stand; the draft, the release in review and the withdrawn one are not.
    const advance = await runMain(['build', 'r', '--out', 'advance', '--embargoed', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(places(jsonReport(advance).diagnostics, 'publication/unpublished-link')).toEqual(['8:6 "citizenship-procedures.html"', '10:96 "smuggling-ring.ninjs.json"', '10:133 "visa-centre-moves.html"']);
    const preview = await runMain(['build', 'r', '--out', 'preview', '--drafts', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(preview.code, preview.stdout).toBe(0);
    expect(jsonReport(preview).diagnostics.filter((d) => d.ruleId === 'publication/unpublished-link')).toEqual([]);
    // Past the embargo, with the others published, the links lead to the pages the build writes.
    for (const file of Object.keys(HIDDEN)) {
      const path = join(dir, file);
      await writeFile(path, (await readFile(path, 'utf8')).replace(/status: \w+/, 'status: published'));
    }
    const later = await runMain(['build', 'r', '--out', 'out', '--now', '2026-12-21T00:00:00+04:00', '--reporter', 'json'], { cwd: dir });
    expect(later.code, later.stdout).toBe(0);
    const page = await readFile(join(dir, 'out/en/linking.html'), 'utf8');
    expect(page).toContain('href="../en/work-permit-quota-2027.html"');
    expect(await listTree(join(dir, 'out'))).toContain('en/work-permit-quota-2027.html');
  });

  it('takes down the kept pages of a release whose link now leads to one taken down', async () => {
    const dir = await project({
      'r/quota.md': release({ title: 'Work permit quota for 2027', slug: 'work-permit-quota-2027' }),
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, 'Read [the quota](work-permit-quota-2027.html).\n'),
    });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'out/en/linking.html'), 'utf8')).toContain('work-permit-quota-2027.html');
    await writeFile(join(dir, 'r/quota.md'), release({ title: 'Work permit quota for 2027', slug: 'work-permit-quota-2027', status: 'draft' }));
    const failed = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(failed.code).toBe(1);
    // Nothing written: the last good build stands.
    expect(await listTree(join(dir, 'out'))).toContain('en/work-permit-quota-2027.html');
    const goneOn = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(goneOn.code).toBe(1);
    expect(await everyFileOf(join(dir, 'out'))).not.toContain('work-permit-quota-2027');
  });

  it('takes down the kept pages of a release that links the one taken down in any form, not only its page', async () => {
    for (const link of ['work-permit-quota-2027', 'work-permit-quota-2027/', 'Work-Permit-Quota-2027.html', 'http://migration.example.az/press/en/work-permit-quota-2027.html']) {
      const dir = await project({
        'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/press/\n',
        ...SHOWN,
        'r/quota.md': release({ title: 'Work permit quota for 2027', slug: 'work-permit-quota-2027' }),
        'r/linking.md': release({ title: 'Links', slug: 'linking' }, `Read [the quota](${link}).\n`),
      });
      expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code, link).toBe(0);
      expect(await readFile(join(dir, 'out/en/linking.html'), 'utf8'), link).toContain(`href="${link}"`);
      await writeFile(join(dir, 'r/quota.md'), release({ title: 'Work permit quota for 2027', slug: 'work-permit-quota-2027', status: 'draft' }));
      const goneOn = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going'], { cwd: dir });
      expect(goneOn.code, link).toBe(1);
      expect(goneOn.stdout + goneOn.stderr, link).toContain('removed en/linking.html: it links to en/work-permit-quota-2027.html, which this build removes');
      expect((await everyFileOf(join(dir, 'out'))).toLowerCase(), link).not.toContain('work-permit-quota-2027');
    }
  });

  it('is judged from what each thread found, as on the calling thread', async () => {
    const dir = await project({ ...HIDDEN, ...SHOWN, 'r/linking.md': release({ title: 'Links', slug: 'linking' }, `${body}\n`) });
    const { config } = await loadConfig(undefined, dir);
    const now = Date.parse(NOW);
    const files = Object.keys({ ...HIDDEN, ...SHOWN, 'r/linking.md': '' }).sort().map((display) => ({ path: join(dir, display), display }));
    const outcomes: CheckOutcome[] = [];
    await threadedChecker({ config, now }, { jobs: 2, minimumPerThread: 1 })(files, (outcome, i) => (outcomes[i] = outcome));
    const releases = outcomes.map((o) => o.checked!.release);
    expect(releases.map((r) => r.siteLinks)).toEqual(files.map((file) => checkOne(file, { config, now }).checked!.release.siteLinks));
    const context = { now, timeZone: config.timezone, mode: 'public' as const, rules: config.rules, withdrawnNotices: true };
    expect(checkSiteLinks(releases, context).map((d) => `${d.line}:${d.column}`)).toHaveLength(12);
  });
});

describe('a link to a release\'s page that no release has (content/link-page)', () => {
  it('is a warning with the slug likely meant, only for a release\'s address in a folder of the project\'s languages', async () => {
    const dir = await project({
      ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, [
        'See [the permits](residence-permit-online.html) and [in Russian](../ru/vid-onlin).',
        'Not judged: [nothing like a slug](../en/fees-2031.html), [French](../fr/permis.html), [a PDF](permits.pdf), [a picture](residence-permits-online/map.png), [the listing](index.html), [page two](page/2.html), [a tag](tags/x.html), [up](../about.html).',
      ].join('\n')),
    });
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const found = jsonReport(result).diagnostics.filter((d) => d.ruleId === 'content/link-page');
    expect(found.map((d) => `${d.line}:${d.column} ${d.severity} ${d.hint}`)).toEqual([
      '8:5 warning Did you mean "residence-permits-online.html"?',
      '8:53 warning Did you mean "../ru/vid-online"?',
    ]);
    expect(found[0]!.message).toBe('The link "residence-permit-online.html" leads to "en/residence-permit-online.html", a page the site does not have: no release of the project in en/ has the slug "residence-permit-online".');
    // The config turns it off, as any warning.
    await writeFile(join(dir, 'migration-news.config.yaml'), 'rules:\n  content/link-page: off\n');
    const off = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(jsonReport(off).diagnostics.filter((d) => d.ruleId === 'content/link-page')).toEqual([]);
  });
});

describe('the hint of content/link-page', () => {
  it('names the page meant in the link as written, not where the mistyped name is first found', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://migration.example.az/residence/\n',
      ...SHOWN,
      'r/linking.md': release({ title: 'Links', slug: 'linking' }, '[a](https://migration.example.az/residence/en/residence.html) [b](residence%2Dpermit-online.html) [c](residence-permit-online.ninjs.json?x=residence-permit-online)\n'),
    });
    const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(jsonReport(result).diagnostics.filter((d) => d.ruleId === 'content/link-page').map((d) => d.hint)).toEqual([
      'Did you mean "https://migration.example.az/residence/en/residence-permits-online.html"?',
      'Did you mean "residence-permits-online.html"?',
      'Did you mean "residence-permits-online.ninjs.json?x=residence-permit-online"?',
    ]);
  });
});

describe('the links a body may have to the site', () => {
  it('are kept up to 50,000 addresses, each once however often it is linked, and refused past them at the first', async () => {
    const dir = await project({
      'r/draft.md': HIDDEN['r/draft.md'],
      // One address linked 2,000 times: one diagnostic that counts the others, as for any number of them.
      'r/often.md': release({ title: 'Often', slug: 'often' }, `${'[the draft](citizenship-procedures.html) '.repeat(2_000)}\n`),
      'r/many.md': release({ title: 'Many', slug: 'many' }, `${Array.from({ length: 50_001 }, (_, i) => `[${i}](p${i})`).join(' ')}\n`),
      // Addresses of other sites are no links to this one, however many.
      'r/elsewhere.md': release({ title: 'Elsewhere', slug: 'elsewhere' }, `${Array.from({ length: 50_001 }, (_, i) => `https://e.az/${i.toString(36)}`).join(' ')}\n`),
    });
    const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const found = jsonReport(result).diagnostics;
    expect(found.map((d) => `${d.file} ${d.ruleId} ${d.line}:${d.column}`)).toEqual([
      `r/many.md content/too-complex 8:${Array.from({ length: 50_000 }, (_, i) => `[${i}](p${i}) `).join('').length + 1}`,
      'r/often.md publication/unpublished-link 8:1',
    ]);
    expect(found[1]!.message).toContain('(and 1,999 more links to it below)');
  });
});

describe('the cost of judging a body\'s links', () => {
  it('finds no slug near names unlike every slug, nor near names alike but for a number, without comparing them in full', () => {
    const at = { file: 'r/x.md', line: 6, column: 9 };
    const releases = Array.from({ length: 1_000 }, (_, i) => ({ file: `r/n${i}.md`, lang: 'en' as const, slug: `residence-permit-notice-${i}`, status: 'published' as const, statusAt: at }));
    const links = (name: (i: number) => string) => Array.from({ length: 2_500 }, (_, i) => ({ file: 'r/many.md', line: 8 + i, column: 1, href: `${name(i)}.html`, target: `en/${name(i)}.html` }));
    const context = { now: Date.parse(NOW), timeZone: 'Asia/Baku', mode: 'public' as const, rules: undefined, withdrawnNotices: true };
    const started = performance.now();
    const unlike = checkSiteLinks([...releases, { file: 'r/many.md', lang: 'en', slug: 'many', status: 'published', statusAt: at, siteLinks: links((i) => `annex-${i}`) }], context);
    const alike = checkSiteLinks([...releases, { file: 'r/many.md', lang: 'en', slug: 'many', status: 'published', statusAt: at, siteLinks: links((i) => `residence-permit-notic-${i + 2_000}`) }], context);
    // Compared cell by cell, each of the 5 million pairs, they took over half a minute.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(unlike).toEqual([]);
    expect(alike).toHaveLength(101);
    expect(alike[0]).toMatchObject({ ruleId: 'content/link-page', line: 8, hint: 'Did you mean "residence-permit-notice-200.html"?' });
  });

  it('looks for the slugs meant by a large archive\'s hundreds of links to its other pages within the run\'s budget', () => {
    // 3,000 slugs and 300 names of other pages, all of the same few words: compared in full with every slug, the 300 names spent
    // the budget at the 270th, and the run warned that its links were left uncompared.
    const words = ['residence', 'permit', 'quota', 'migrant', 'visa', 'citizenship', 'labour', 'border', 'centre', 'ganja', 'baku', 'service', 'opens', 'rules', 'digital', 'portal', 'family', 'students', 'workers', 'annual', 'report', 'trafficking', 'victims', 'hotline'];
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    const name = () => Array.from({ length: 3 + (next() % 4) }, () => words[next() % words.length]).join('-');
    const slugs = Array.from({ length: 3_000 }, (_, i) => `${name()}-${i}`);
    const budget: SuggestionBudget = { left: SLUG_SEARCH_STEPS, spent: false };
    const meant = Array.from({ length: 300 }, (_, i) => closest(`page-${name()}-x${i}`, slugs, budget));
    expect(budget.spent).toBe(false);
    // The suggestions are the ones a search with no budget finds.
    const unbounded = (word: string) => closest(word, slugs);
    seed = 7;
    Array.from({ length: 3_000 }, name);
    for (let i = 0; i < 20; i++) expect(meant[i]).toBe(unbounded(`page-${name()}-x${i}`));
  });

  it('stops comparing a run\'s links to pages no release has with the slugs past its budget, and says so once, at the first link left', () => {
    // Names unlike each other and every slug, as long as a slug may be: each pair is compared up to its limit, a third of the name.
    // Compared in full, the 4 million pairs took over two minutes. The budget here is a hundredth of the run's (SLUG_SEARCH_STEPS,
    // whose use by a run is the test below): each link spends 1,000 steps on the slugs it looks at and 100 on each slug's pairs
    // of letters, 101,000 in all, so the 30th link, on line 37, is the first past 3,000,000.
    let seed = 1;
    const name = (length: number) => Array.from({ length }, () => String.fromCharCode(97 + ((seed = (seed * 48_271) % 2_147_483_647) % 26))).join('');
    const at = { file: 'r/x.md', line: 6, column: 9 };
    const releases = Array.from({ length: 1_000 }, (_, i) => ({ file: `r/n${i}.md`, lang: 'en' as const, slug: name(100), status: 'published' as const, statusAt: at }));
    const links = Array.from({ length: 4_000 }, (_, i) => {
      const href = `${name(99)}.html`;
      return { file: 'r/many.md', line: 8 + i, column: 1, href, target: `en/${href}` };
    });
    const context = { now: Date.parse(NOW), timeZone: 'Asia/Baku', mode: 'public' as const, rules: undefined, withdrawnNotices: true, slugSearchSteps: 3_000_000 };
    const found = checkSiteLinks([...releases, { file: 'r/many.md', lang: 'en', slug: 'many', status: 'published', statusAt: at, siteLinks: links }], context);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'content/link-page', file: 'r/many.md', severity: 'warning', line: 8 + Math.floor(3_000_000 / 101_000) });
    expect(found[0]!.message).toContain('took more than 3,000,000 steps to compare');
  });

  it('gives a run its whole budget, far more steps than the one above is stopped at', async () => {
    // 300 slugs and 1,000 links unlike them, as above: 30,300 steps a link, some 30 million in all, ten times the budget the
    // test above is stopped at. The last link is a slip for a slug, which only a search still within its budget names.
    let seed = 1;
    const name = (length: number) => Array.from({ length }, () => String.fromCharCode(97 + ((seed = (seed * 48_271) % 2_147_483_647) % 26))).join('');
    const files: Record<string, string> = {};
    const slugs = Array.from({ length: 300 }, () => name(100));
    slugs.forEach((slug, i) => (files[`r/n${i}.md`] = release({ title: `Residence permit notice number ${i}`, slug })));
    const links = [...Array.from({ length: 1_000 }, () => `[a](${name(99)}.html)`), `[b](${slugs[150]!.slice(1)}.html)`];
    files['r/many.md'] = release({ title: 'Many', slug: 'many' }, `${Array.from({ length: 101 }, (_, i) => links.slice(i * 10, i * 10 + 10).join(' ')).join('\n\n')}\n`);
    const dir = await project(files);
    const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const found = jsonReport(result).diagnostics.filter((d) => d.ruleId === 'content/link-page');
    expect(found).toHaveLength(1);
    expect(found[0]!.hint).toContain(`Did you mean "${slugs[150]!.slice(0, 70)}`);
  });
});
