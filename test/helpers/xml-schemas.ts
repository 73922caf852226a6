import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { ROOT } from './cli.js';

/**
 * Validates sitemaps against the sitemaps.org and Google schemas with libxml2
 * (xmllint compiled to WebAssembly). `sitemap.xsd` is the official file from
 * the `sitemap` package; the Google News and XHTML link schemas are stand-ins
 * written from the published definitions (test/fixtures/xsd/README.md), whose
 * every constraint test/xml-schemas.test.ts proves.
 */

const XSD = join(ROOT, 'test', 'fixtures', 'xsd');

async function schemaFile(fileName: string, path: string) {
  return { fileName, contents: await readFile(path, 'utf8') };
}

export async function sitemapSchemaErrors(xml: string, kind: 'urlset' | 'index' = 'urlset'): Promise<string[]> {
  return (await sitemapSchemaErrorsEach([xml], kind))[0]!;
}

/** The errors of each document, in one run of the validator: quicker than one run per document. */
export async function sitemapSchemaErrorsEach(xmls: readonly string[], kind: 'urlset' | 'index' = 'urlset'): Promise<string[][]> {
  const sitemap = await schemaFile('sitemap.xsd', join(ROOT, 'node_modules', 'sitemap', 'schema', 'sitemap.xsd'));
  const schema = kind === 'index' ? await schemaFile('siteindex.xsd', join(XSD, 'siteindex.xsd')) : await schemaFile('sitemaps.xsd', join(XSD, 'sitemaps.xsd'));
  const preload = kind === 'index'
    ? []
    : [sitemap, await schemaFile('sitemap-news.xsd', join(XSD, 'sitemap-news.xsd')), await schemaFile('xhtml-link.xsd', join(XSD, 'xhtml-link.xsd'))];
  const names = xmls.map((_, i) => `document-${i}.xml`);
  const result = await validateXML({ xml: xmls.map((contents, i) => ({ fileName: names[i]!, contents })), schema: [schema], preload, maxMemoryPages: 4096 });
  const errors = names.map((): string[] => []);
  for (const e of result.errors) {
    // libxml2's closing "document-3.xml fails to validate" has no location but names its file.
    const i = e.loc ? names.indexOf(e.loc.fileName) : names.findIndex((n) => e.rawMessage.startsWith(`${n} `));
    // An error that names no document (a schema that does not load) counts against every one.
    if (i < 0) for (const list of errors) list.push(e.rawMessage);
    else errors[i]!.push(e.rawMessage);
  }
  return errors;
}

/** Whether a document is well-formed XML, by libxml2. */
export async function xmlErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], normalization: 'format' });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
