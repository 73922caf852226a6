import { Parser } from 'htmlparser2';
import { absoluteUrl } from './site/paths.js';

/** The attributes of an HTML page that name another file for a reader or a browser to fetch. */
const LINK_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster']);

/** Where relative links are resolved when the site has no URL: a base that no link can name by itself. */
const NO_SITE = 'https://output.invalid/';

/**
 * The files of the output folder that the file written at `path` (relative
 * to the output folder) links to, relative to the output folder as the
 * manifest names them: in an HTML page every `href`, `src`, `srcset` and
 * `poster`, relative or under the site's URL; in a file of any other format
 * (JSON, text, an e-mail message) the addresses under the site's URL. A
 * link elsewhere, or to no file of the folder (`#main`, `mailto:`), is
 * none; a link to a folder names its `index.html`, as a server answers it.
 */
export function linkedFiles(text: string, path: string, siteUrl: string | undefined): Set<string> {
  const root = siteUrl === undefined ? NO_SITE : absoluteUrl(siteUrl, '');
  const base = absoluteUrl(root, path);
  const files = new Set<string>();
  const add = (address: string) => {
    const file = fileOf(address, base, root);
    if (file !== undefined) files.add(file);
  };
  if (/\.html?$/i.test(path)) {
    const parser = new Parser({
      onattribute(name, value) {
        if (!LINK_ATTRIBUTES.has(name)) return;
        if (name !== 'srcset') add(value);
        else for (const candidate of value.split(',')) add(candidate.trim().split(/\s+/)[0] ?? '');
      },
    }, { decodeEntities: true, lowerCaseAttributeNames: true });
    parser.end(text);
  }
  if (siteUrl !== undefined) {
    // An address written out in full, anywhere: a canonical link, a JSON document's `url`, a message's links.
    const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const match of text.matchAll(new RegExp(`${escaped}[^\\s"'<>\\\\)]*`, 'g'))) add(match[0].replace(/&amp;/g, '&'));
  }
  return files;
}

/**
 * The file of the output folder that `address`, written on the page at
 * `path` (relative to the output folder), names, as `linkedFiles` reads
 * each: relative, or under the site's URL; a folder names its `index.html`.
 */
export function linkedFile(address: string, path: string, siteUrl: string | undefined): string | undefined {
  const root = siteUrl === undefined ? NO_SITE : absoluteUrl(siteUrl, '');
  return fileOf(address, absoluteUrl(root, path), root);
}

/** The output file an address names, resolved from `base`, when it lies under `root`; undefined for any other. */
function fileOf(address: string, base: string, root: string): string | undefined {
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
