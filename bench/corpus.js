// Generates a synthetic newsroom archive: releases in three languages with
// the Markdown features real releases use, and a config file.
import { mkdir, writeFile } from 'node:fs/promises';
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
  await mkdir(join(dir, 'releases'), { recursive: true });
  await writeFile(join(dir, 'migration-news.config.yaml'), `organisation:\n  name: State Migration Service\nsite:\n  url: https://press.migration.example.az\nabout:\n  en: The Service implements migration policy.\n  az: Xidmət miqrasiya siyasətini həyata keçirir.\n  ru: Служба реализует миграционную политику.\n`);
  const batch = [];
  for (let i = 0; i < count; i++) {
    batch.push(writeFile(join(dir, 'releases', `release-${String(i).padStart(6, '0')}.md`), releaseText(i, variant)));
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}
