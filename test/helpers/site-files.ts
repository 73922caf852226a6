/** The site's own files (listings, tag pages, home, feeds, sitemaps, manifest), as opposed to one release's outputs. */
const SITE_FILE = /^(?:\.migration-news-manifest\.json|index\.html|releases\.json|(?:news-)?sitemap(?:-\d+)?\.xml|[a-z]{2}\/(?:index\.html|feed\.(?:xml|json)|page\/.*|tags\/.*))$/;

export function isSiteFile(path: string): boolean {
  return SITE_FILE.test(path.split('\\').join('/'));
}

/** The outputs of releases only, for tests about release files. */
export function releaseOutputs(paths: readonly string[]): string[] {
  return paths.filter((p) => !isSiteFile(p));
}
