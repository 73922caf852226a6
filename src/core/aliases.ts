import { collisionKey } from './names.js';
import { SLUG_PATTERN } from './schema.js';
import { isSiteFileKey, languageIndexBase, languageSiteFiles, laterPagesFolder, listingPath, releasePath, RESERVED_SLUGS, SITE_FILES, tagsFolder } from './site/paths.js';
import { isReservedName } from './slug.js';
import { codePoint } from './text.js';

/**
 * Old addresses that keep working: each entry of a release's `aliases` gets
 * a page at that address which redirects to the release. An alias is either
 * an earlier slug (`old-name` → `<lang>/old-name.html`) or a site-relative
 * path (`/2014/01/23/old-title.html`, `/news/some-post/`), for archives
 * moved from a tool whose addresses were not ours. A path is checked here,
 * strictly, because it names a file the build will write: it must stay in
 * the output folder and mean the same file to every server and file system.
 */

/** Longest alias path, in characters after decoding: longer addresses are not what links are made of. */
export const MAX_ALIAS_PATH_LENGTH = 1024;
/** Longest alias path in UTF-8 bytes: with the output folder's path before it, it stays well under the 4,096 bytes of a path on Linux. */
export const MAX_ALIAS_PATH_BYTES = 1024;
/** Longest segment of an alias path, in UTF-8 bytes: file systems allow 255, staging and temporary names need room. */
export const MAX_ALIAS_SEGMENT_BYTES = 200;
/**
 * Most folders in an alias path: old addresses run to a handful (`/news/2014/01/23/old-title.html`, a CMS's
 * `/index.php/ru/news/2019/01/23/old-post/`); each folder of a path becomes a folder of the output, so a path of hundreds
 * of one-letter folders would make hundreds of folders for each of a release's aliases.
 */
export const MAX_ALIAS_FOLDERS = 32;
/** The machine-readable list of a build's redirects, at the output folder's root. */
export const REDIRECT_MAP = SITE_FILES.redirects;
export const REDIRECT_MAP_FORMAT = 'migration-news/redirects';

/** A path alias, read: where its page goes and how it is requested. */
export interface AliasPath {
  /** The page it gets, relative to the output folder: `2014/01/23/old.html`, `news/some-post/index.html`. */
  file: string;
  /** The path decoded, as a person reads it: `/новости/старое/`. */
  path: string;
  /** The path as a browser requests it, percent-encoded UTF-8: `/%D0%BD%D0%BE…/`. */
  url: string;
}

export type AliasPathResult = { ok: true; alias: AliasPath } | { ok: false; problem: string; hint: string };

/** Whether an alias is a site-relative path rather than an earlier slug. */
export const isPathAlias = (alias: string): boolean => alias.startsWith('/');

// Control, format (zero-width, bidirectional) and separator characters, and whitespace other than the space.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|(?! )\s/u;
/**
 * What a segment may hold besides letters, marks and digits of any script:
 * the punctuation that URLs leave unescaped and every file system allows
 * (Windows refuses `<>:"|*?`; `%`, `[`, `{` and the like mean something
 * else to some server). The output stage allows the same and no more.
 */
const OTHER_CHARACTER = /[^\p{L}\p{M}\p{N}_~!$&'()+,;=@. -]/u;

const fail = (problem: string, hint: string): AliasPathResult => ({ ok: false, problem, hint });


/**
 * Reads a path alias strictly. Percent-escapes are decoded exactly once, as
 * UTF-8; what they decode to is held to the same rules as written text, so
 * `%2e%2e` is `..` and `%2F` a slash, both refused. A path ending in `/`,
 * or whose last segment has no extension, gets `…/index.html`; `.html` and
 * `.htm` are kept; any other extension is refused, since a server would not
 * send an HTML page from it.
 */
export function readAliasPath(raw: string): AliasPathResult {
  const example = 'such as `/2014/01/23/old-title.html` or `/news/old-title/`';
  if (!raw.startsWith('/')) return fail('does not start with "/"', `Write the old address from the site's root, ${example}.`);
  if (raw.startsWith('//')) return fail('starts with "//", which browsers read as another host', 'Write the path alone, without a host, with a single leading "/".');
  const invisible = INVISIBLE.exec(raw);
  if (invisible) return fail(`contains the invisible character ${codePoint(invisible[0])}`, 'Retype the address; it must hold no control, invisible or line-breaking characters.');
  if (raw.includes('\\')) return fail('contains a backslash', 'Use "/" between folders; a backslash means something else to each server and file system.');
  if (/[?#]/.test(raw)) return fail(`has a ${raw.includes('?') ? 'query ("?")' : 'fragment ("#")'}`, 'A redirect page is found by its path alone: leave out everything from "?" or "#" on.');
  if (raw.length > MAX_ALIAS_PATH_LENGTH * 3) return fail(`is longer than ${MAX_ALIAS_PATH_LENGTH} characters`, 'Such an address is not one people link to; leave it out.');
  const rawSegments = raw.slice(1).split('/');
  const folderLike = rawSegments[rawSegments.length - 1] === '';
  if (folderLike) rawSegments.pop();
  const segments: string[] = [];
  for (const rawSegment of rawSegments) {
    const decoded = decodeSegment(rawSegment);
    if (!decoded.ok) return decoded;
    const segment = decoded.segment;
    const problem = segmentProblem(segment);
    if (problem) return problem;
    segments.push(segment);
  }
  const path = `/${segments.join('/')}${folderLike && segments.length > 0 ? '/' : ''}`;
  // Written as a file, the path is UTF-8 bytes: four to a letter of some scripts, and the output folder's own path comes before it.
  if (new TextEncoder().encode(path).length > MAX_ALIAS_PATH_BYTES) return fail(`is longer than ${MAX_ALIAS_PATH_BYTES} bytes once decoded, too long a file name for many systems`, 'Such an address is not one people link to; leave it out.');
  const last = segments[segments.length - 1];
  let fileSegments = [...segments, 'index.html'];
  if (!folderLike && last !== undefined) {
    const dot = last.lastIndexOf('.');
    const extension = dot > 0 ? last.slice(dot + 1) : '';
    if (/^html?$/i.test(extension)) fileSegments = segments;
    else if (extension !== '') {
      return fail(`ends in ".${extension}", which a server would not send as a web page`, `Only addresses ending in ".html", ".htm" or "/" can hold a redirect page; for this one, write \`${path}/\` if the server also answers there, or configure a redirect in the server.`);
    }
  }
  if (fileSegments.length - 1 > MAX_ALIAS_FOLDERS) return fail(`has ${fileSegments.length - 1} folders, more than the ${MAX_ALIAS_FOLDERS} an old address may have`, 'Such an address is not one people link to; leave it out, or configure this redirect in the server.');
  // RFC 3986 allows `$&'()*+,;=@` unescaped in a path segment; everything else is percent-encoded.
  const url = `/${segments.map((s) => encodeURIComponent(s).replace(/%(2[46-9ABC]|3[BD]|40)/g, (escape) => decodeURIComponent(escape))).join('/')}${folderLike && segments.length > 0 ? '/' : ''}`;
  return { ok: true, alias: { file: fileSegments.join('/'), path, url } };
}

/** One segment with its percent-escapes decoded once, as UTF-8. */
function decodeSegment(raw: string): { ok: true; segment: string } | { ok: false; problem: string; hint: string } {
  if (!raw.includes('%')) return { ok: true, segment: raw };
  const broken = /%(?![0-9A-Fa-f]{2})/.exec(raw);
  if (broken) return { ok: false, problem: `has a "%" that is not a percent-escape ("${raw.slice(broken.index, broken.index + 3)}")`, hint: 'Write a percent sign as nothing at all, or the address as the browser shows it, decoded.' };
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return { ok: false, problem: `has percent-escapes that are not UTF-8 ("${raw}")`, hint: 'Old addresses in another encoding (Windows-1251, say) must be written decoded, as text, or as UTF-8 escapes.' };
  }
  const invisible = INVISIBLE.exec(segment);
  if (invisible) return { ok: false, problem: `decodes to the invisible character ${codePoint(invisible[0])}`, hint: 'Leave the address out: no link a person follows holds such a character.' };
  if (/[/\\]/.test(segment)) return { ok: false, problem: `encodes a ${segment.includes('/') ? 'slash ("%2F")' : 'backslash ("%5C")'} inside a segment`, hint: 'Servers differ on what an encoded slash means; leave the address out or write its folders with "/".' };
  if (segment.includes('%')) return { ok: false, problem: 'decodes to a "%" ("%25")', hint: 'Percent-escapes are decoded once; a path that decodes to another escape means different files to different servers.' };
  return { ok: true, segment };
}

/** Why a decoded segment cannot be a folder or file name on every system, if it cannot. */
function segmentProblem(segment: string): { ok: false; problem: string; hint: string } | undefined {
  const refuse = (problem: string, hint: string) => ({ ok: false as const, problem, hint });
  if (segment === '') return refuse('has an empty segment ("//")', 'Write one "/" between folders.');
  if (segment === '.' || segment === '..') return refuse(`has a "${segment}" segment`, 'Write the address the way a browser shows it, without "." or ".." segments; the page must stay inside the output folder.');
  if (segment.startsWith('.')) return refuse(`has a segment starting with "." ("${segment}")`, 'Hidden files and folders are not served by most servers; leave the address out.');
  const other = OTHER_CHARACTER.exec(segment);
  if (other) return refuse(`has the character "${other[0]}" in "${segment}", which a file name cannot safely hold on every system`, 'Leave the address out, or configure this redirect in the server.');
  if (/^ | $|\.$/.test(segment)) return refuse(`has a segment that starts or ends with a space, or ends with a dot ("${segment}")`, 'Windows drops those; write the address without them.');
  if (isReservedName(segment)) return refuse(`has a segment that Windows reserves for a device ("${segment}")`, 'A file or folder of that name cannot be written there; leave the address out.');
  if (new TextEncoder().encode(segment).length > MAX_ALIAS_SEGMENT_BYTES) return refuse(`has a segment longer than ${MAX_ALIAS_SEGMENT_BYTES} bytes`, 'File systems cannot hold a name that long; leave the address out.');
  return undefined;
}

/**
 * The names web servers send for a folder's address (`/en/`) when the
 * folder holds one: Apache's, nginx's, IIS's, lighttpd's and Caddy's
 * defaults, but `index.html`, the page the build gives a folder's address
 * itself (`/news/old/` → `news/old/index.html`). IIS looks for `default.htm` and `index.htm` before
 * `index.html`, lighttpd for `index.php`, so a redirect page of such a name
 * would take the folder's address from the page there. Compared as
 * `collisionKey`s, in any letter case.
 */
export const DIRECTORY_INDEX_NAMES: readonly string[] = [
  'index.htm', 'index.xhtml', 'index.shtml', 'index.php', 'index.cgi', 'index.pl', 'index.txt',
  'default.htm', 'default.html', 'default.asp', 'default.aspx', 'default.txt', 'iisstart.htm',
];
const DIRECTORY_INDEX_KEYS: ReadonlySet<string> = new Set(DIRECTORY_INDEX_NAMES.map(collisionKey));
const DIRECTORY_INDEX_REASON = 'a name web servers give a folder\'s index page (IIS and others send index.htm or default.htm for a folder\'s address before, or instead of, index.html)';

/**
 * Why a redirect page's name is a folder's index other than the one the
 * build writes (`index.htm`, `Default.htm`, `en/INDEX.HTM`), or undefined.
 * `index.html`, in any letter case, is the page the folder's address gets
 * anyway. A folder of such a name is no index (servers take a file), and old
 * addresses have them: WordPress's `/index.php/2019/01/23/post/`.
 */
function directoryIndexReason(file: string): string | undefined {
  const name = collisionKey(file.slice(file.lastIndexOf('/') + 1));
  if (!DIRECTORY_INDEX_KEYS.has(name)) return undefined;
  return `${DIRECTORY_INDEX_REASON}: it would take the folder's address from the page there`;
}

/**
 * Why a path alias's page would land where the site keeps its own files, or
 * undefined. The home page, and in each language folder the listing, its
 * later pages and the tag pages, belong to the site whatever releases exist;
 * so does every folder's address, which a page named as a server's folder
 * index (`index.htm`, `default.htm` …) would take over.
 */
export function reservedAliasFile(file: string, languages: readonly string[]): string | undefined {
  const key = collisionKey(file);
  if (key === collisionKey(SITE_FILES.home)) return 'the site\'s home page';
  // A redirect inside a folder named like one of the site's files would need that file to be a folder. Only the folders as deep
  // as a site file can be one: each folder of an alias 500 deep, 250,000 characters, was made and compared with every site file.
  const depth = Math.max(1, ...languages.flatMap((language) => languageSiteFiles(language).map((file) => file.split('/').length)));
  const siteFile = parentFolders(key.split('/').slice(0, depth + 1).join('/')).find((folder) => isSiteFileKey(folder, languages));
  if (siteFile !== undefined) return `inside ${siteFile}, a file the site writes itself`;
  const index = directoryIndexReason(file);
  if (index !== undefined) return index;
  const language = languages.find((l) => key.startsWith(`${collisionKey(l)}/`));
  if (language === undefined) return undefined;
  const listing = languageIndexBase(language);
  if (key === collisionKey(listingPath(listing, 1))) return `the ${language} listing page`;
  if (key.startsWith(`${collisionKey(laterPagesFolder(listing))}/`)) return `one of the ${language} listing's later pages`;
  if (key.startsWith(`${collisionKey(tagsFolder(language))}/`)) return `one of the ${language} tag pages`;
  return undefined;
}

/** Why a slug alias would land on a file a release cannot have, or undefined. */
export function reservedSlugAlias(alias: string): string | undefined {
  if (isReservedName(alias)) return `"${alias}" is a name Windows reserves for a device`;
  if (RESERVED_SLUGS.has(alias)) return `"${alias}" is the name of the site's own files in each language (the listing, the feed)`;
  if (directoryIndexReason(`${alias}.html`) !== undefined) return `its page, "${alias}.html", has ${DIRECTORY_INDEX_REASON}`;
  return undefined;
}

/** One redirect page a release asks for. */
export interface AliasFile {
  /** As written in `aliases`. */
  alias: string;
  /** Its index in `aliases`, for its position. */
  index: number;
  /** The redirect page, relative to the output folder. */
  file: string;
  /** The old address as a browser requests it (site-relative, percent-encoded). */
  from: string;
  /** The same, decoded. */
  decoded: string;
  /** Whether it is a path (else an earlier slug). */
  path: boolean;
}

/**
 * The redirect pages a release's aliases ask for; aliases that are not
 * valid (reported by validation) and the release's own slug are left out.
 */
export function aliasFiles(release: { lang: string; slug: string; aliases?: readonly string[] | undefined }): AliasFile[] {
  const files: AliasFile[] = [];
  const seen = new Set<string>();
  (release.aliases ?? []).forEach((alias, index) => {
    let file: string;
    let from: string;
    let decoded: string;
    if (isPathAlias(alias)) {
      const read = readAliasPath(alias);
      if (!read.ok) return;
      ({ file, url: from, path: decoded } = read.alias);
    } else {
      if (alias === release.slug || !SLUG_PATTERN.test(alias) || reservedSlugAlias(alias)) return;
      file = releasePath(release.lang, alias);
      from = `/${file}`;
      decoded = from;
    }
    const key = collisionKey(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ alias, index, file, from, decoded, path: isPathAlias(alias) });
  });
  return files;
}

/** The folders a relative path lies in: `a/b/c.html` → `a`, `a/b`. */
export function parentFolders(file: string): string[] {
  const parts = file.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Why a redirect page cannot go where it asks to (see `ClaimedFiles.clash`). */
export type FileClash<T> =
  /** Something holds that file already. */
  | { kind: 'taken'; holder: T }
  /** A file something holds lies inside it, so it must stay a folder. */
  | { kind: 'folder' }
  /** One of the folders it lies in is a file something holds. */
  | { kind: 'inside'; folder: string; holder: T };

/**
 * The files of an output folder that something holds (a release's page, a
 * redirect, any file a build writes), and the folders they need: where a
 * redirect page may still go. Paths are compared by `collisionKey`, as
 * macOS and Windows compare them, so no two of them can be one file.
 */
export class ClaimedFiles<T> {
  /**
   * The paths claimed as a tree of their keys' names (`collisionKey` of a path is its names' keys joined by `/`): each
   * folder's number by its parent's and its name's key. A set of each folder's whole key made every path cost the square
   * of its depth: an alias of 500 folders took 250,000 characters to claim and to keep, and a hundred such aliases in each
   * of 40 releases took `validate` a minute and 1.2 GB.
   */
  readonly #tree = new Map<string, number>();
  /** The folders of the claimed files, at a `/` of a path as written: what a file held inside it keeps a folder. */
  readonly #folders = new Set<number>();
  /** Each claimed file's place in `#tree`, with its holder. */
  readonly #held = new Map<number, T>();

  /**
   * The places in `#tree` of `file` and of each folder on its way, by the `/` of `file` as written (a key may have more, a
   * backslash's): `folders` those of its folders, `end` its own. Made where `make`, else `undefined` past the last one there.
   */
  #walk(file: string, make: boolean): { folders: number[]; end: number | undefined } {
    const folders: number[] = [];
    let at: number | undefined = 0;
    const names = file.split('/');
    for (let i = 0; i < names.length; i++) {
      if (i > 0) folders.push(at!);
      // A name's key is its part of the whole path's: `/` holds no composition or case across it.
      for (const name of collisionKey(names[i]!).split('/')) {
        const key: string = `${at!}/${name}`;
        let next = this.#tree.get(key);
        if (next === undefined) {
          if (!make) return { folders, end: undefined };
          next = this.#tree.size + 1;
          this.#tree.set(key, next);
        }
        at = next;
      }
    }
    return { folders, end: at };
  }

  /** Gives `file` to `holder` (a later claim of the same file replaces an earlier one), and takes the folders it lies in. */
  claim(file: string, holder: T): void {
    const { folders, end } = this.#walk(file, true);
    for (const folder of folders) this.#folders.add(folder);
    this.#held.set(end!, holder);
  }

  /** Whether something holds `file`. */
  has(file: string): boolean {
    const { end } = this.#walk(file, false);
    return end !== undefined && this.#held.has(end);
  }

  /** What holds `file`, if anything. */
  holder(file: string): T | undefined {
    const { end } = this.#walk(file, false);
    return end === undefined ? undefined : this.#held.get(end);
  }

  /** The outermost folder of `file`'s that is a file something holds, as `file` spells it. */
  fileAbove(file: string): { folder: string; holder: T } | undefined {
    return this.#above(file, this.#walk(file, false).folders);
  }

  /** `fileAbove`, given the places of `file`'s folders (`#walk`). */
  #above(file: string, folders: readonly number[]): { folder: string; holder: T } | undefined {
    const at = folders.findIndex((folder) => this.#held.has(folder));
    if (at === -1) return undefined;
    return { folder: file.split('/').slice(0, at + 1).join('/'), holder: this.#held.get(folders[at]!) as T };
  }

  /** What keeps a new page from `file`, if anything: a file there, a file inside it, or a file that is one of its folders, asked in that order. */
  clash(file: string): FileClash<T> | undefined {
    const { folders, end } = this.#walk(file, false);
    if (end !== undefined && this.#held.has(end)) return { kind: 'taken', holder: this.#held.get(end) as T };
    if (end !== undefined && this.#folders.has(end)) return { kind: 'folder' };
    const above = this.#above(file, folders);
    return above && { kind: 'inside', ...above };
  }
}

/** What becomes of the aliases of a build's releases (`planRedirects`). */
export interface RedirectPlan<T> {
  /** The redirect pages written, in order. */
  kept: { item: T; alias: AliasFile }[];
  /** The aliases whose page something else holds, in order: reported, and written nowhere. */
  refused: { item: T; alias: AliasFile; clash: FileClash<string> }[];
}

/**
 * Which aliases get a redirect page, taken in the order given: one whose
 * page would fall on a file the build writes, inside one or around one, is
 * refused, and each page kept is claimed before the next alias is asked.
 * Decided once, before releases.json and redirects.json are made, so that
 * both list the same old addresses whatever order the files are written in.
 * `taken` is asked for on the first alias only: most builds have none.
 */
export function planRedirects<T>(items: readonly T[], releaseOf: (item: T) => Parameters<typeof aliasFiles>[0], taken: () => ClaimedFiles<string>): RedirectPlan<T> {
  const plan: RedirectPlan<T> = { kept: [], refused: [] };
  let claimed: ClaimedFiles<string> | undefined;
  for (const item of items) {
    for (const alias of aliasFiles(releaseOf(item))) {
      claimed ??= taken();
      const clash = claimed.clash(alias.file);
      if (clash) {
        plan.refused.push({ item, alias, clash });
        continue;
      }
      claimed.claim(alias.file, alias.file);
      plan.kept.push({ item, alias });
    }
  }
  return plan;
}

/** One line of `redirects.json`. */
export interface RedirectRecord {
  /** The old address as a browser requests it: site-relative, percent-encoded. */
  from: string;
  /** The same, decoded. */
  path: string;
  /** The release's page: absolute with `site.url`, else site-relative. */
  to: string;
  /** The redirect page in the output folder. */
  file: string;
}

/** `redirects.json`: every redirect page of the build, for servers that answer with a real 301. */
export function redirectMap(records: readonly RedirectRecord[]): string {
  const sorted = [...records].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return `${JSON.stringify({ format: REDIRECT_MAP_FORMAT, version: 1, status: 301, redirects: sorted }, null, 2)}\n`;
}
