// Generates a synthetic newsroom archive: releases in three languages with
// the Markdown features real releases use, and a config file.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const TOPICS = [
  ['residence permits', 'yaşamaq icazəsi', 'вид на жительство'],
  ['work permits', 'iş icazəsi', 'разрешение на работу'],
  ['citizenship', 'vətəndaşlıq', 'гражданство'],
  ['human trafficking', 'insan alveri', 'торговля людьми'],
  ['migrant smuggling', 'miqrant qaçaqmalçılığı', 'незаконный ввоз мигрантов'],
];
const LANGS = ['en', 'az', 'ru'];
const STATUSES = ['published', 'published', 'approved', 'draft'];

function paragraph(i, lang) {
  const base = {
    en: 'The State Migration Service reviewed applications submitted through its regional offices and the online portal, and reported steady progress in reducing waiting times for foreign nationals.',
    az: 'Dövlət Miqrasiya Xidməti regional idarələr və onlayn portal vasitəsilə təqdim edilmiş müraciətləri nəzərdən keçirib və əcnəbilər üçün gözləmə müddətlərinin azaldılmasında irəliləyiş olduğunu bildirib.',
    ru: 'Государственная миграционная служба рассмотрела заявления, поданные через региональные управления и онлайн-портал, и сообщила о сокращении сроков ожидания для иностранцев.',
  }[lang];
  return `${base} Case ${i} was handled by **officers** on *duty* — see [the guidance](https://migration.example.az/guidance/${i}).`;
}

export function releaseText(i, variant = 0) {
  const lang = LANGS[i % 3];
  const topic = TOPICS[i % TOPICS.length][LANGS.indexOf(lang)];
  // Translations of one release share its date and status, as in a real archive (validate warns where they do not).
  const id = Math.floor(i / 3);
  const day = String((id % 28) + 1).padStart(2, '0');
  const month = String((id % 12) + 1).padStart(2, '0');
  const body = [
    paragraph(i, lang),
    '',
    '## Key points',
    '',
    `- ${topic}: ${i * 3 + variant} applications`,
    `- regional offices: ${(i % 9) + 1}`,
    '- online services available around the clock',
    '',
    `> "We keep improving the service," said the spokesperson (release ${i}).`,
    '',
    paragraph(i + 1, lang),
    '',
    paragraph(i + 2, lang),
    '',
  ].join('\n');
  return `---
id: release-${id}
title: "${topic} update number ${i}${variant ? ` (revision ${variant})` : ''}"
date: 2025-${month}-${day}
lang: ${lang}
status: ${STATUSES[id % STATUSES.length]}
location: Baku
summary: "Update ${i} on ${topic}."
tags: [${JSON.stringify(topic)}, statistics]
slug: release-${i}
---
${body}`;
}

export async function writeCorpus(dir, count, variant = 0) {
  const config = `organisation:\n  name: State Migration Service\nsite:\n  url: https://press.migration.example.az\nabout:\n  en: The Service implements migration policy.\n  az: Xidmət miqrasiya siyasətini həyata keçirir.\n  ru: Служба реализует миграционную политику.\n`;
  await writeArchive(dir, config, count, (i) => releaseText(i, variant));
}

/** The name of release `i`'s file in an archive's `releases` folder. */
export const releaseFileName = (i) => `release-${String(i).padStart(6, '0')}.md`;

/** Writes an archive: its config file and `count` releases, `textOf(i)` each, a few hundred files at a time. */
async function writeArchive(dir, config, count, textOf) {
  await mkdir(join(dir, 'releases'), { recursive: true });
  await writeFile(join(dir, 'migration-news.config.yaml'), config);
  const batch = [];
  for (let i = 0; i < count; i++) {
    batch.push(writeFile(join(dir, 'releases', releaseFileName(i)), textOf(i)));
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

/**
 * An archive of `count` releases made from the bundled examples (examples/),
 * which are real releases' length, some 2,600 characters of body against
 * the synthetic ones' 1,100, with the lists, quotations and links those
 * use. Copy k of an example gets its own id, slug and day; the
 * versions of one release in its three languages stay translations of each
 * other, sharing their id and date. Embargoes, drafts and images are left
 * out, so that every release is built as the synthetic archive's are with
 * `--drafts`. `variant` changes one release's text (see `examplesReleaseText`).
 */
export async function writeExamplesCorpus(dir, count, examples) {
  const sources = await exampleSources(examples);
  await writeArchive(dir, await readFile(join(examples, 'migration-news.config.yaml'), 'utf8'), count, (i) => examplesReleaseText(sources, i));
}

/** The text of every example release, in a fixed order. */
export async function exampleSources(examples) {
  const texts = [];
  for (const lang of (await readdir(examples, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const name of (await readdir(join(examples, lang))).filter((n) => n.endsWith('.md')).sort()) texts.push(await readFile(join(examples, lang, name), 'utf8'));
  }
  return texts;
}

/** Release `i` of an examples archive; `variant` > 0 adds a sentence to its first paragraph, as an edit would. */
export function examplesReleaseText(sources, i, variant = 0) {
  const copy = Math.floor(i / sources.length);
  const day = new Date(Date.UTC(2020, 0, 1) + copy * 86_400_000).toISOString().slice(0, 10);
  const [, head, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(sources[i % sources.length]);
  const fields = head
    .replace(/^slug: .*\n/m, '')
    .replace(/^id: (.*)$/m, (_, id) => `id: ${id}-${copy}\nslug: ${id.replace(/^\d{4}-\d\d-\d\d-/, '')}-${copy}`)
    .replace(/^date: \d{4}-\d\d-\d\d/m, `date: ${day}`)
    .replace(/^status: .*$/m, 'status: published')
    .split('\n');
  // A field left out goes with the lines indented under it (an image's `src` and `alt`).
  let dropping = false;
  const kept = fields.filter((line) => {
    if (!/^\s/.test(line)) dropping = /^(?:embargo|image|translationOf):/.test(line);
    return !dropping;
  });
  return `---\n${kept.join('\n')}\n---\n${variant ? `Revision ${variant}. ` : ''}${body}`;
}
