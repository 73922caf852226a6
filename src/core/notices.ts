import { formatDate } from './dates.js';
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
<html lang="${escapeHtml(options.lang)}">
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

/**
 * What stays at a withdrawn release's address, as GOV.UK does: the title,
 * when it was withdrawn and why, and never its text.
 */
export function withdrawnPage(options: { lang: string; title: string; date: string; withdrawnDate?: string | undefined; reason?: string | undefined; siteName?: string | undefined; canonical?: string | undefined }): string {
  const withdrawn = options.withdrawnDate ? ` on <time datetime="${escapeHtml(options.withdrawnDate)}">${escapeHtml(formatDate(options.withdrawnDate, 'en'))}</time>` : '';
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}${options.siteName ? ` — ${escapeHtml(options.siteName)}` : ''}</title>
${options.canonical ? `<link rel="canonical" href="${escapeHtml(options.canonical)}">\n` : ''}</head>
<body>
<main>
<p lang="en"><strong>This release was withdrawn${withdrawn}.</strong></p>
<h1>${escapeHtml(options.title)}</h1>
${options.reason ? `<p>${escapeHtml(options.reason)}</p>\n` : ''}<p lang="en">First published on <time datetime="${escapeHtml(options.date)}">${escapeHtml(formatDate(options.date, 'en'))}</time>. Its text is no longer available.</p>
</main>
</body>
</html>
`;
}
