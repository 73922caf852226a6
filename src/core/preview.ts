import type { Diagnostic } from './diagnostic.js';
import { escapeHtml } from './text.js';

/**
 * What `serve` adds to the pages it previews, as pure functions over strings:
 * the live-reload script, the overlay that shows the current problems, and
 * an index of the built pages for a site that has no home page of its own.
 * Nothing here reaches a build's output folder.
 */

/** URL prefix of the preview server's own resources; no release can have it (slugs and languages never start with `_`). */
export const PREVIEW_PREFIX = '/__migration-news/';

/** The browser side of live reload: a server-sent event names each finished build; a newer one reloads the page. */
export const LIVE_RELOAD_SCRIPT = `(() => {
  const script = document.currentScript;
  let seen = script ? Number(script.dataset.build) : NaN;
  let events;
  let retry;
  const disconnect = () => {
    if (events) events.close();
    events = undefined;
  };
  const connect = () => {
    clearTimeout(retry);
    if (events || document.visibilityState === 'hidden') return;
    events = new EventSource(${JSON.stringify(`${PREVIEW_PREFIX}events`)});
    events.addEventListener('build', (event) => {
      const build = Number(JSON.parse(event.data).build);
      if (!Number.isNaN(seen) && build !== seen) location.reload();
      seen = build;
    });
    events.onerror = () => {
      // The server stopped or restarted: try again in a while, without piling up connections.
      disconnect();
      retry = setTimeout(connect, 1000);
    };
  };
  // A browser opens at most six connections to one host: a stream held by every open tab of the preview left the seventh
  // loading for ever. A page holds its stream only while it is shown; back in view, the stream's first event says whether
  // a build came meanwhile.
  document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? disconnect() : connect()));
  connect();
})();
`;

const OVERLAY_STYLE = [
  'position:fixed', 'top:0', 'left:0', 'right:0', 'z-index:2147483647', 'max-height:60vh', 'overflow:auto',
  'margin:0', 'padding:12px 16px', 'background:#fff4f4', 'color:#1b1f24', 'border-bottom:3px solid #b00020',
  'font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace', 'box-shadow:0 2px 8px rgba(0,0,0,.25)',
].join(';');

function overlayLine(d: Diagnostic): string {
  const colour = d.severity === 'error' ? '#b00020' : d.severity === 'warning' ? '#8a5a00' : '#0b4f8a';
  return `<li style="margin:0 0 6px"><span style="color:${colour};font-weight:bold">${escapeHtml(d.severity)}</span> `
    + `<strong>${escapeHtml(`${d.file}:${d.line}:${d.column}`)}</strong> ${escapeHtml(d.message)} <span style="color:#5b6570">${escapeHtml(d.ruleId)}</span>`
    + `${d.hint ? `<br><span style="color:#4a5560">hint: ${escapeHtml(d.hint)}</span>` : ''}</li>`;
}

/** The overlay listing the problems of the latest build, or an empty string when there are none. */
export function overlayHtml(diagnostics: readonly Diagnostic[], stale: boolean): string {
  if (diagnostics.length === 0) return '';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const counts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'} or note${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  const note = stale ? ' The page below is from the last build that worked.' : '';
  return `<div id="migration-news-overlay" role="alert" style="${OVERLAY_STYLE}">`
    + `<p style="margin:0 0 8px;font-weight:bold">migration-news: ${escapeHtml(counts)}.${escapeHtml(note)}</p>`
    + `<ul style="margin:0;padding:0 0 0 18px">${diagnostics.map(overlayLine).join('')}</ul>`
    + `<button type="button" onclick="this.parentNode.remove()" style="position:absolute;top:8px;right:12px" aria-label="Hide the problems">×</button></div>`;
}

/** The tags `serve` puts at the end of an HTML page: the overlay (if any) and the live-reload script. */
export function previewTags(build: number, diagnostics: readonly Diagnostic[], stale: boolean): string {
  return `${overlayHtml(diagnostics, stale)}<script src="${PREVIEW_PREFIX}live.js" data-build="${build}"></script>`;
}

/** Adds the preview tags before `</body>`, or at the end of a page that has none. */
export function injectPreview(html: string, tags: string): string {
  // The last one, found in one pass: a look-ahead for a later one read the rest of the page again at each.
  let at = -1;
  for (const match of html.matchAll(/<\/body\s*>/gi)) at = match.index;
  return at === -1 ? `${html}${tags}` : `${html.slice(0, at)}${tags}${html.slice(at)}`;
}

/** A page listing every built file, for a build without a home page of its own. */
export function indexPage(paths: readonly string[], title: string): string {
  const groups = new Map<string, string[]>();
  for (const path of [...paths].sort()) {
    const slash = path.indexOf('/');
    const group = slash === -1 ? '' : path.slice(0, slash);
    // Added to in place: a copy of the folder's list for each file cost a preview of 30,000 pages in one language seconds per 404.
    const files = groups.get(group);
    if (files) files.push(path);
    else groups.set(group, [path]);
  }
  const sections = [...groups].map(([group, files]) => `<h2>${escapeHtml(group || 'Top level')}</h2>\n<ul>\n${files.map((f) => `<li><a href="/${f.split('/').map(encodeURIComponent).join('/')}">${escapeHtml(f)}</a></li>`).join('\n')}\n</ul>`);
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n</head>\n<body style="font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">\n<h1>${escapeHtml(title)}</h1>\n${paths.length === 0 ? '<p>Nothing was built yet.</p>' : sections.join('\n')}\n</body>\n</html>\n`;
}
