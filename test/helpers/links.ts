import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';

/**
 * Every link in a built folder that leads to no file in it, as `file ->
 * address`: in HTML pages their `href` and `src` attributes, relative or
 * under `siteUrl` (or any of several), and in every file (feeds, sitemaps,
 * JSON) the addresses under it. Written apart from the tool's own reading of links, so
 * that a test does not take the tool's word for what its pages link to.
 */
export async function brokenLinks(out: string, siteUrl: string | readonly string[] = 'https://press.example.org'): Promise<string[]> {
  // Of several addresses the site had, an address is under the longest it starts with.
  const roots = (typeof siteUrl === 'string' ? [siteUrl] : siteUrl).map((url) => (url.endsWith('/') ? url : `${url}/`)).sort((a, b) => b.length - a.length);
  const broken: string[] = [];
  for (const file of await files(out)) {
    const text = await readFile(join(out, file), 'utf8');
    const addresses = new Set<string>();
    if (file.endsWith('.html')) for (const m of text.matchAll(/\b(?:href|src)="([^"]*)"/g)) addresses.add(m[1]!.replace(/&amp;/g, '&'));
    for (const m of text.matchAll(/https?:\/\/[^\s"'<>\\)]+/g)) addresses.add(m[0].replace(/&amp;/g, '&'));
    for (const address of addresses) {
      let path: string;
      const root = roots.find((r) => address.startsWith(r) || address === r.slice(0, -1));
      if (root !== undefined) path = address.slice(root.length);
      else if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(address) || !file.endsWith('.html')) continue;
      else path = posix.join(dirname(file), address);
      path = decodeURIComponent(path.split('#')[0]!.split('?')[0]!);
      // A namespace's address (the Atom categories' scheme), not a page.
      if (path.endsWith('/') && !file.endsWith('.html')) continue;
      if (path === '' || path.endsWith('/')) path += 'index.html';
      if (path.startsWith('../') || !existsSync(join(out, path))) broken.push(`${file} -> ${address}`);
    }
  }
  return broken.sort();
}

async function files(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = entry.split('\\').join('/');
    if (path.split('/').some((part) => part.startsWith('.'))) continue;
    if ((await stat(join(dir, path))).isFile()) found.push(path);
  }
  return found;
}
