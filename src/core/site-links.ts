import type { Diagnostic, Location, SourceLocation } from './diagnostic.js';
import { aliasFiles } from './aliases.js';
import { linkedFile } from './linked-file.js';
import { FRESH } from './objects.js';
import { isIncluded, publicationOf, withdrawalNoticeDue, type PublicationFacts, type PublicationMode } from './publication.js';
import type { RuleSettings } from './rules.js';
import { createReporter } from './reporter.js';
import { HAS_SCHEME } from './markdown.js';
import type { Language } from './schema.js';
import { languageFolder, releasePath, RESERVED_SLUGS } from './site/paths.js';
import { closest, type SuggestionBudget } from './suggest.js';
import { quote } from './text.js';

/**
 * Links from one release's body to another's pages. A release's page is at
 * `<lang>/<slug>.html`, its other formats beside it and its local images in
 * `<lang>/<slug>/`, so a link in a body names another release by its slug
 * (`[the quota](../en/work-permit-quota-2027.html)`). To a release that is
 * not public at `--now` such a link is an error: the page would lead to a
 * page that is not there, and tell the slug, often the news itself, before
 * the release is out (`publication/unpublished-link`). A link into a
 * language's folder to a release the project does not have is a warning
 * (`content/link-page`). Each release keeps the links it gives the site as
 * `siteLinks`, found when it is checked; this module judges them across
 * the project, as `checkCollection` judges slugs.
 */

/** A link of the body to a file of the site, where it is written. */
export interface SiteLinkRef extends Location {
  /** The address as the page has it. */
  href: string;
  /** The file of the output folder it names (`en/work-permit-quota-2027.html`; a folder's `index.html`). */
  target: string;
  /** How many more links of the body give the same address, after this one. */
  more?: number;
  /** The text of the line, for the code frame of a diagnostic found once every release is checked. */
  sourceLine?: string;
}

/** Most addresses of the site one release's body may link, each kept and judged against every release's addresses. */
export const MAX_SITE_LINKS = 50_000;

/** What the judgement needs of a release. */
export interface LinkingRelease extends PublicationFacts {
  file: string;
  lang: Language;
  slug: string;
  aliases?: readonly string[] | undefined;
  statusAt: SourceLocation;
  siteLinks?: readonly SiteLinkRef[] | undefined;
}

/**
 * Whether a link's address can name a file of the site: a path, or, with
 * `siteUrl`, a web address on the site's host (`linkedFile` tells whether
 * it lies under the site's URL).
 */
export function mayNameSiteFile(href: string, siteUrl: string | undefined): boolean {
  if (href.startsWith('#')) return false;
  if (!HAS_SCHEME.test(href)) return true;
  if (siteUrl === undefined || !/^https?:/i.test(href)) return false;
  const host = siteHost(siteUrl);
  const rest = href.slice(href.indexOf(':') + 1).replace(/^[/\\]+/, '');
  if (rest.toLowerCase().startsWith(host)) return true;
  // A host written plainly that is not the site's is another site's. Any other spelling is read as a browser reads it: a
  // percent-escape (`press%2Eexample.gov`), a user name before it (`user@press.example.gov`), letters a browser maps to
  // the host's (full-width `ＰＲＥＳＳ`, the ideographic full stop `。`), or a tab or line break, which it drops.
  if (PLAIN_AUTHORITY.test(rest)) return false;
  try {
    return hostOf(new URL(href.trim())) === host;
  } catch {
    return false;
  }
}

/** The start of an address after its scheme whose host and port are written in the only characters a host is read as. */
const PLAIN_AUTHORITY = /^[a-z\d.-]*(?::\d*)?(?:[/\\?#]|$)/i;

/** The last site URL `siteHost` read, and its host: a run has one site, and its releases' links ask for it each. */
let lastSite: { url: string; host: string } | undefined;

/** A URL's host and port as links to the site are compared: without the final dot of a host written in full (`press.example.az.`). */
function hostOf({ hostname, port }: URL): string {
  return `${hostname.replace(/\.$/, '')}${port === '' ? '' : `:${port}`}`;
}

/** The host of a site's URL, in lower case, as the start of an address's text after its scheme. */
function siteHost(siteUrl: string): string {
  if (lastSite?.url === siteUrl) return lastSite.host;
  let host: string;
  try {
    host = hostOf(new URL(siteUrl));
  } catch {
    host = siteUrl.toLowerCase();
  }
  lastSite = { url: siteUrl, host };
  return host;
}

/**
 * The first of `links` past `MAX_SITE_LINKS` distinct addresses that may
 * name a file of the site, where there is one: each is resolved and kept
 * until the run ends.
 */
export function pastSiteLinks<T extends { href: string }>(links: readonly T[], siteUrl: string | undefined): T | undefined {
  const seen = new Set<string>();
  for (const link of links) {
    if (seen.has(link.href) || !mayNameSiteFile(link.href, siteUrl)) continue;
    if (seen.size === MAX_SITE_LINKS) return link;
    seen.add(link.href);
  }
  return undefined;
}

/**
 * The links of a release's body to files in the site's folders, each
 * address once, at its first place, with how many more links give it:
 * relative addresses and those under `siteUrl`, resolved from the
 * release's page (`lang`, `slug`); none to the page itself.
 */
export function siteLinksOf(links: readonly ({ href: string } & Location)[], lang: Language, slug: string, siteUrl: string | undefined): SiteLinkRef[] {
  const page = releasePath(lang, slug);
  const found = new Map<string, SiteLinkRef | undefined>();
  for (const link of links) {
    const { href } = link;
    if (found.has(href)) {
      const first = found.get(href);
      if (first !== undefined) first.more = (first.more ?? 0) + 1;
      continue;
    }
    // Slashes written twice (`…/press//en/x.html`) name the same file to a server, which reads them as one. A path from the host's
    // root that misses the folder of a site not at its host's root (`/en/x.html` for `https://example.gov/press/`) leads nowhere
    // on the site, but names the page all the same: it is read from the site's root.
    const resolved = !mayNameSiteFile(href, siteUrl) ? undefined
      : linkedFile(href, page, siteUrl) ?? linkedFile(href, page, otherScheme(siteUrl)) ?? (/^\/(?![/\\])/.test(href) && siteUrl !== undefined ? linkedFile(href.slice(1), 'index.html', siteUrl) : undefined);
    const target = resolved?.replace(/\/{2,}/g, '/').replace(/^\//, '');
    found.set(href, target === undefined || target === page || addressKey(target) === undefined ? undefined : {
      ...FRESH, file: link.file, line: link.line, column: link.column, ...(link.endLine !== undefined ? { endLine: link.endLine } : {}), ...(link.endColumn !== undefined ? { endColumn: link.endColumn } : {}), href, target,
    });
  }
  return [...found.values()].filter((link) => link !== undefined);
}

/**
 * The release a page of a language's folder belongs to, in lower case,
 * however it is linked (`en/x.html`, `en/X.txt`, `en/x`, `en/x/`,
 * `en/x/map.png` are all `en/x`); undefined for a file elsewhere.
 */
export function releaseKeyOf(file: string): string | undefined {
  return addressKey(file)?.toLowerCase();
}

/** The site's URL with the other of http and https (`http://example.gov/press/` for `https://…`): a link written so leads to the same pages, which a server sends on to its own. */
export function otherScheme(siteUrl: string | undefined): string | undefined {
  if (siteUrl === undefined) return undefined;
  const scheme = /^https?:/i.exec(siteUrl)?.[0].toLowerCase();
  return scheme === undefined ? undefined : `${scheme === 'https:' ? 'http:' : 'https:'}${siteUrl.slice(scheme.length)}`;
}

/**
 * The release a file of the site belongs to, by its key: `<lang>/<slug>`
 * for its pages in every format (`en/x.html`, `en/x.ninjs.json`), its
 * address without an extension and its folder of images (`en/x/`).
 */
function addressKey(target: string): string | undefined {
  const slash = target.indexOf('/');
  if (slash <= 0) return undefined;
  const rest = target.slice(slash + 1);
  const end = rest.search(/[./]/);
  const name = end === -1 ? rest : rest.slice(0, end);
  return name === '' ? undefined : `${target.slice(0, slash)}/${name}`;
}

/** The extensions of a release's own files (its formats, an e-mail message), and none: a link with another is to a file the site may hold besides. */
const PAGE_FORM = /^[^/]+\/[^/.]+(\.html|\.txt|\.json|\.ninjs\.json|\.eml)?$/;

export interface SiteLinkContext {
  now: number;
  timeZone: string;
  mode: PublicationMode;
  rules: RuleSettings | undefined;
  /** Whether a withdrawn release with a `withdrawn_date` keeps a notice at its address (config `withdrawnNotices`). */
  withdrawnNotices: boolean;
  /** The steps the search for the slugs meant may take in all: `SLUG_SEARCH_STEPS` unless given (a test's smaller budget). */
  slugSearchSteps?: number;
}

/**
 * Steps the search for the slugs meant by a run's links to pages no release has may take in all (see `SuggestionBudget`):
 * each link to a new name is compared with every slug of its language, so a run of thousands of releases and thousands of
 * such links multiplied them (2,000 links of 100 characters against 2,000 slugs as long took 130 s). Such a link to a name
 * searched before takes the same answer; a project's links to the few pages of its own are soon gone through.
 */
export const SLUG_SEARCH_STEPS = 300_000_000;

/**
 * Judges the links of every release the build would write (included in
 * `mode` at `now`) to the other releases' files: an error for one that is
 * not included (a draft, under embargo, in review, withdrawn without a
 * notice) and a warning for a page in a language's folder that no release
 * has. A release that failed its own checks is here, as far as its
 * address could be read, only when it is not public (`checkProject`).
 */
export function checkSiteLinks(releases: readonly LinkingRelease[], context: SiteLinkContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const linking = releases.filter((r) => r.siteLinks !== undefined && r.siteLinks.length > 0 && isIncluded(r, context.mode, context.now, context.timeZone));
  if (linking.length === 0) return diagnostics;
  /** Each release's addresses (its slug's and its aliases'), by key, and whether the build writes them. */
  const owners = new Map<string, { release: LinkingRelease; shown: boolean }>();
  /** The same in lower case, a release not written first: `../EN/Work-Permit-Quota-2027.html` tells the slug as well, and a server that ignores case serves it. */
  const folded = new Map<string, { release: LinkingRelease; shown: boolean }>();
  const slugs = new Map<string, string[]>();
  const languages = new Set<string>();
  for (const release of releases) {
    const included = isIncluded(release, context.mode, context.now, context.timeZone);
    // A withdrawn release that keeps a notice keeps its address: the link leads to the notice, and tells nothing new.
    const noticed = !included && context.mode !== 'drafts' && context.withdrawnNotices && release.status === 'withdrawn' && withdrawalNoticeDue(release, context.timeZone) && publicationOf({ ...FRESH, status: 'published', embargo: release.embargo }, context.now, context.timeZone).public;
    const shown = included || noticed;
    const folder = languageFolder(release.lang);
    languages.add(folder);
    // A slug's address and a slug alias's are keys; a path alias (`/2014/01/23/old-title.html`) is its one file.
    // A path alias is asked for without its `/index.html` or `.html` too, which a server answers with that file or sends on to it.
    const keys = [`${folder}/${release.slug}`, ...aliasFiles(release).flatMap((alias) => (alias.path ? [alias.file, alias.file.replace(/(?:\/index\.html|\.html?)$/i, '')] : [addressKey(alias.file)])).filter((key): key is string => key !== undefined && key !== '')];
    for (const key of keys) {
      const owner = owners.get(key);
      // Two releases at one address are a duplicate slug, reported elsewhere: the one shown keeps it.
      if (owner === undefined || (!owner.shown && shown)) owners.set(key, { release, shown });
      const lower = folded.get(key.toLowerCase());
      if (lower === undefined || (lower.shown && !shown)) folded.set(key.toLowerCase(), { release, shown });
    }
    if (shown) {
      const list = slugs.get(folder);
      if (list) list.push(release.slug);
      else slugs.set(folder, [release.slug]);
    }
  }
  const steps = context.slugSearchSteps ?? SLUG_SEARCH_STEPS;
  const budget: SuggestionBudget = { left: steps, spent: false };
  /** The slug each name searched for was likely meant to be, by its key, once found or found to be none. */
  const meantFor = new Map<string, string | undefined>();
  let toldSpent = false;
  for (const release of linking) {
    const report = createReporter(release.file, context.rules, diagnostics);
    // The text of a line is kept with its first link only (see `Release.siteLinks`): the others on it take it from there.
    let line: { at: number; text?: string | undefined } = { at: 0 };
    for (const link of release.siteLinks!) {
      if (link.line !== line.at || link.sourceLine !== undefined) line = { at: link.line, text: link.sourceLine };
      const key = addressKey(link.target);
      if (key === undefined) continue;
      const exact = owners.get(link.target) ?? owners.get(key);
      // Another letter case leads to a page written nowhere: only one not public is judged by it, a slip for a public one is the warning below.
      const unshown = exact === undefined ? folded.get(link.target.toLowerCase()) ?? folded.get(key.toLowerCase()) : undefined;
      const owner = exact ?? (unshown !== undefined && !unshown.shown ? unshown : undefined);
      const { href, target: _target, sourceLine: _text, more, ...place } = link;
      const others = more === undefined ? '' : ` (and ${more === 1 ? 'one more link' : `${more.toLocaleString('en')} more links`} to it below)`;
      const at = line.text === undefined ? place : { ...FRESH, ...place, sourceLine: line.text };
      if (owner !== undefined && owner.release !== release) {
        if (owner.shown) continue;
        const publication = publicationOf(owner.release, context.now, context.timeZone);
        const why = publication.public ? 'not written by this build' : publication.reason === 'embargoed' ? `under embargo until ${owner.release.embargo}` : `its status is ${owner.release.status}`;
        report('publication/unpublished-link', {
          ...FRESH, ...at,
          message: `The link ${quote(href, 60)}${others} leads to the page of ${owner.release.file}, which is not public (${why}): the page is not there, and the link would publish its address before the release is out.`,
          hint: owner.release.embargo !== undefined && publication.public === false && publication.reason === 'embargoed'
            ? 'Give this release the same `embargo`, so that both go out together, or add the link once the other release is public.'
            : 'Add the link once the other release is public, or delete it.',
          related: { ...FRESH, ...withoutLine(owner.release.statusAt), message: `The other release's status${publication.public === false && publication.reason === 'embargoed' ? ', under its embargo' : ''}.` },
        });
        continue;
      }
      if (owner !== undefined) continue;
      const [folder, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      // Only a page of a release's form in a language's folder: the site's own pages, its tags and other files are not judged.
      if (!languages.has(folder) || !PAGE_FORM.test(link.target) || RESERVED_SLUGS.has(name) || name === 'tags' || name === 'page') continue;
      // Only a slip: a page of another name may be one of the site's own, written by hand beside the releases.
      let meant = meantFor.get(key);
      if (!meantFor.has(key) && !budget.spent) {
        meant = closest(name, slugs.get(folder) ?? [], budget);
        if (!budget.spent) meantFor.set(key, meant);
      }
      if (budget.spent && !meantFor.has(key)) {
        // Said once, at the first link left unjudged: the links after it to pages no release has are not compared with the slugs.
        if (!toldSpent) {
          toldSpent = true;
          report('content/link-page', {
            ...FRESH, ...at,
            message: `The link ${quote(href, 60)}${others} leads to ${quote(link.target, 60)}, a page no release of the project in ${folder}/ has; it and the links after it to such pages are not compared with the slugs for the one meant: this run's links to pages no release has took more than ${steps.toLocaleString('en')} steps to compare.`,
            hint: 'Link releases by their slugs; check the links to the site\'s other pages by hand.',
          });
        }
        continue;
      }
      if (meant === undefined) continue;
      report('content/link-page', {
        ...FRESH, ...at,
        message: `The link ${quote(href, 60)}${others} leads to ${quote(link.target, 60)}, a page the site does not have: no release of the project in ${folder}/ has the slug ${quote(name, 60)}.`,
        hint: `Did you mean ${quote(withName(href, meant), 80)}?`,
      });
    }
  }
  return diagnostics;
}

/**
 * `href` with the name of the page it leads to (its last segment, up to an extension) made `name`: not the first place the
 * old name is found, which may be a folder of the site's URL (`https://example.gov/residence/en/residence.html`), nor only
 * where it is written as it reads (`residence%2Dpermit.html`).
 */
function withName(href: string, name: string): string {
  const end = href.search(/[?#]/);
  const path = end === -1 ? href : href.slice(0, end);
  const start = path.lastIndexOf('/') + 1;
  let segment = path.slice(start);
  try {
    segment = decodeURIComponent(segment);
  } catch {
    // Left as written: an escape that is no UTF-8 leads to no page the hint could name.
  }
  const dot = segment.indexOf('.');
  return `${path.slice(0, start)}${name}${dot === -1 ? '' : segment.slice(dot)}${end === -1 ? '' : href.slice(end)}`;
}

function withoutLine({ sourceLine: _line, ...location }: SourceLocation): Location {
  return location;
}
