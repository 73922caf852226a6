import { DATE_PATTERN, formatDate, toDateTime, type Calendar } from './dates.js';
import { localeFor } from './locale/index.js';
import { pageTitle } from './model.js';
import { escapeHtml } from './text.js';

/**
 * Small pages a build writes beside the releases: a redirect that keeps an
 * old address working, and the notice that takes a withdrawn release's
 * place. Pure functions of what they show; no template set is needed, so
 * every set gets them.
 */

/**
 * A page at an old slug that sends readers and search engines to the
 * current address: a meta refresh, a canonical link, and a plain link for
 * anything that follows neither.
 */
export function redirectPage(options: { lang: string; title: string; href: string; canonical?: string | undefined }): string {
  const href = escapeHtml(options.href);
  const canonical = escapeHtml(options.canonical ?? options.href);
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}" dir="${localeFor(options.lang).direction}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title)}</title>
<link rel="canonical" href="${canonical}">
<meta http-equiv="refresh" content="0; url=${href}">
<meta name="robots" content="noindex">
</head>
<body>
<p><a href="${href}">${escapeHtml(options.title)}</a></p>
</body>
</html>
`;
}

/** The sentences of a withdrawal notice, in the page's language; `{date}` marks where the date goes. */
export interface WithdrawnWords {
  withdrawnOn: string;
  firstPublished: string;
}

/** English stands in where a template set has no words of its own for a notice. */
export const WITHDRAWN_WORDS_EN: WithdrawnWords = {
  withdrawnOn: 'This release was withdrawn on {date}.',
  firstPublished: 'First published on {date}. Its text is no longer available.',
};

/**
 * A sentence with its `{date}` as a <time> element; the sentence itself is escaped like any other text. A day is its own
 * `datetime`; a date-time is given as every other output gives it to machines (`toDateTime`): as written, `2026-05-20t10:30z`
 * and `10:30+04:00` without its seconds are what RFC 3339 allows and HTML's `datetime` does not, or not as the pages write it.
 */
function sentence(words: string, date: string, lang: string, calendar: Calendar | undefined, timeZone: string): string {
  const machine = DATE_PATTERN.test(date) ? date : toDateTime(date, timeZone);
  const time = `<time datetime="${escapeHtml(machine)}">${escapeHtml(formatDate(date, lang, calendar))}</time>`;
  return escapeHtml(words).split('{date}').join(time);
}

/**
 * What stays at a withdrawn release's address, as GOV.UK does: the title,
 * when it was withdrawn and why, and never its text; in the release's own
 * language when the template set has the words for it. Marked `noindex`: it
 * is there for the links people already have, and a search engine that
 * indexed the release should drop it rather than list the notice instead.
 */
export function withdrawnPage(options: { lang: string; title: string; date: string; withdrawnDate: string; reason?: string | undefined; siteName?: string | undefined; canonical?: string | undefined; words?: WithdrawnWords; calendar?: Calendar | undefined; timeZone: string }): string {
  const words = options.words ?? WITHDRAWN_WORDS_EN;
  const withdrawn = sentence(words.withdrawnOn, options.withdrawnDate, options.lang, options.calendar, options.timeZone);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang)}" dir="${localeFor(options.lang).direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(pageTitle(options.title, options.siteName, options.lang))}</title>
${options.canonical ? `<link rel="canonical" href="${escapeHtml(options.canonical)}">\n` : ''}</head>
<body>
<main>
<p><strong>${withdrawn}</strong></p>
<h1>${escapeHtml(options.title)}</h1>
${options.reason ? `<p>${escapeHtml(options.reason)}</p>\n` : ''}<p>${sentence(words.firstPublished, options.date, options.lang, options.calendar, options.timeZone)}</p>
</main>
</body>
</html>
`;
}
