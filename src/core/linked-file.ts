import { absoluteUrl } from './site/paths.js';

/*
 * The file of the output folder an address names, without an HTML parser:
 * `validate` judges a body's links with it (`site-links.ts`), and loads no
 * parser for a body without HTML; `links.ts` reads a page's links with it.
 */

/** Where relative links are resolved when the site has no URL: a base that no link can name by itself. */
export const NO_SITE = 'https://output.invalid/';

/**
 * The file of the output folder that `address`, written on the page at
 * `path` (relative to the output folder), names, as `linkedFiles` reads
 * each: relative, or under the site's URL; a folder names its `index.html`.
 */
export function linkedFile(address: string, path: string, siteUrl: string | undefined): string | undefined {
  // Without the final dot of a host written in full, as `fileOf` reads the links' hosts.
  const root = siteUrl === undefined ? NO_SITE : absoluteUrl(siteUrl, '').replace(/^([^/]*\/\/[^/]*?)\.(?=[:/]|$)/, '$1');
  return fileOf(address, absoluteUrl(root, path), root);
}

/** The output file an address names, resolved from `base`, when it lies under `root`; undefined for any other. */
export function fileOf(address: string, base: string, root: string): string | undefined {
  const trimmed = address.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  url.hash = '';
  url.search = '';
  // A user name and password before the host (`https://user@press.example.az/…`) do not change the page a browser opens.
  url.username = '';
  url.password = '';
  // Nor does the final dot of a host written in full (`press.example.az.`).
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  if (!url.href.startsWith(root)) return undefined;
  const rest = url.href.slice(root.length);
  let file: string;
  try {
    file = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  return file === '' || file.endsWith('/') ? `${file}index.html` : file;
}
