import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { ROOT } from './cli.js';

/** Validates sitemaps against the sitemaps.org and Google schemas with libxml2 (xmllint compiled to WebAssembly). */

const XSD = join(ROOT, 'test', 'fixtures', 'xsd');

async function schemaFile(fileName: string, path: string) {
  return { fileName, contents: await readFile(path, 'utf8') };
}

export async function sitemapSchemaErrors(xml: string, kind: 'urlset' | 'index' = 'urlset'): Promise<string[]> {
  const sitemap = await schemaFile('sitemap.xsd', join(ROOT, 'node_modules', 'sitemap', 'schema', 'sitemap.xsd'));
  const schema = kind === 'index' ? await schemaFile('siteindex.xsd', join(XSD, 'siteindex.xsd')) : await schemaFile('sitemaps.xsd', join(XSD, 'sitemaps.xsd'));
  const preload = kind === 'index'
    ? []
    : [sitemap, await schemaFile('sitemap-news.xsd', join(XSD, 'sitemap-news.xsd')), await schemaFile('xhtml-link.xsd', join(XSD, 'xhtml-link.xsd'))];
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], schema: [schema], preload, maxMemoryPages: 4096 });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Whether a document is well-formed XML, by libxml2. */
export async function xmlErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], normalization: 'format' });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
