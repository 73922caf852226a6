import { Parser } from 'htmlparser2';
import { absoluteUrl } from './site/paths.js';
import { fileOf, NO_SITE } from './linked-file.js';

/** The attributes of an HTML page that name another file for a reader or a browser to fetch. */
const LINK_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster']);

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
