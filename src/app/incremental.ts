import { createHmac, hash, randomBytes, timingSafeEqual, type Hmac } from 'node:crypto';
import { type BigIntStats, closeSync, linkSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Translation } from '../core/collection.js';
import { clockInstant } from '../core/dates.js';
import type { Diagnostic, SourceLocation } from '../core/diagnostic.js';
import type { BuildFormat } from '../core/formats.js';
import { pagePath } from '../core/model.js';
import type { SitePage, TemplateSet } from '../core/templates.js';
import type { ListedLinks } from '../core/site/listing.js';
import type { Release } from '../core/validate.js';
import type { InputFile } from '../io/find.js';
import { ownFileBytes, unsafeOutputPath, writeAll } from '../io/output.js';
import { PIECE_SEPARATOR } from '../core/site/index.js';
import { type CheckOutcome, type ValidRelease } from './check.js';
import { FRESH } from '../core/objects.js';
import { systemErrorText } from '../io/system-errors.js';
import { makeFolder } from '../io/folders.js';

/**
 * What a build remembers so that the next one redoes only what changed.
 * A file's check is reused when the file is unchanged and the clock has not
 * crossed a moment its result depends on. Unchanged means: the same size,
 * modification and change times and inode as when it was last read, provided
 * those times were older than that read by more than a file system's clock
 * granularity (a file written in the same instant as it was read may keep
 * its times while its bytes change, so it is read again); otherwise the file
 * is read and its bytes must hash the same. A release is rendered again when
 * it was checked again or its translations changed; a page of the site
 * (listing, tag, home) when the data it is rendered from changed. Anything
 * that touches every output (the tool's version, the config, the template
 * set, the formats, the publication mode, and the clock for a set that
 * shows it) is one fingerprint: when it
 * differs, nothing is reused. A page is taken to be in the output folder as
 * recorded only while the folder that holds it is the one the record saw
 * after its build (`folderIdentity`): another build into the same folder
 * (with a record in another cache folder, or with none) replaces files, which
 * changes their folder, and the pages of a folder so changed are rendered
 * again.
 *
 * The record is kept in a cache folder (the CLI uses the user's, such as
 * ~/.cache/migration-news), one file per output folder, never in or beside
 * the output folder: it holds every release's metadata, drafts and embargoed
 * ones too, which must not be published with the site. It is written after
 * the outputs are in place; a record older than the outputs only makes the
 * next build do more work than it needed to. A record that is not whole, or
 * not as a build wrote it, is no record (see `readCache`).
 */

/** A file to check, with the hash of its bytes when an earlier check of those bytes still holds. */
export interface CheckItem {
  file: InputFile;
  known?: string;
}

/** A file's check; without `outcome` the earlier check holds (the bytes hash to `known`). */
export interface CheckItemResult {
  outcome?: CheckOutcome;
  /** SHA-256 of the bytes read. */
  hash?: string;
  size?: number;
  mtimeMs?: number;
}

export const STATE_VERSION = 5;

/** What `stat` said of a file when it was read, and when (ms); see `trustedStamp`. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  at: number;
}

/** A file's check as the record keeps it: the release without what can be derived again (its index entry, its path). */
export interface StoredOutcome {
  diagnostics: Diagnostic[];
  release?: Release;
  bodyStart?: number;
}

export interface FileRecord {
  /** The path as diagnostics show it: a run from another folder shows other paths, and checks again. */
  display: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** The file's size, times and inode when its bytes were read. */
  stamp?: FileStamp;
  /** The file's check, as it came out: diagnostics and the checked release. */
  outcome: StoredOutcome;
  /** Instants (ms) at which the check could come out differently: the release's date and embargo. */
  instants: number[];
  /** What the release's pages were rendered from, when it was rendered. */
  render?: RenderRecord;
  /** What the release was rendered from when it failed to render (see `failsAsBefore`). */
  failed?: FailedRenderRecord;
}

/** What a release that failed while it was rendered, with every translation the build planned, was rendered from. */
export interface FailedRenderRecord {
  /** The translations it was rendered with (`translationsKey`). */
  translations: string;
  /** Its local images' key (`ReleaseImagesKey`). */
  images?: string;
}

export interface RenderRecord {
  /** The translations the pages link to (`translationsKey`). */
  translations: string;
  /**
   * The translations the pages were first rendered with, without error,
   * when one of those then failed and the pages were rendered again without
   * it (`translationsKey`): a fresh build renders them with it first too.
   */
  before?: string;
  /** The outputs written, relative to the output folder. */
  outputs: string[];
  /** The body's HTML, kept for a release whose body the site's feeds carry. */
  bodyHtml?: string;
  /** The release's local images as its pages show them and as they were copied (`ReleaseImagesKey`): a photo changed alone renders the pages again. */
  images?: string;
  /**
   * For a release no listing names (a preview's), the site's pages its page links to (`ListedLinks`, as JSON): a tag page or
   * listing that comes or goes renders it again.
   */
  listed?: string;
}

/** A release's local images, for `upToDate`: what its pages were rendered with, and the copies' paths in the output folder. */
export interface ReleaseImagesKey {
  key: string;
  paths: readonly string[];
}

/** A page or file of the site as it was made: a hash of what it was made from (`SitePageJob.key`, `SiteFileJob.key`), and the size in bytes written. */
export interface PageRecord {
  view: string;
  size: number;
  /** The other files made with this one (the sitemap's parts). */
  parts?: string[];
  /** A file written in pieces (see `PiecedText`): where each lies in it, for the next build to take them from it (`earlierPieces`). */
  pieces?: PieceRecord;
  /** Of a file made with an exact key besides its view (`SiteFileJob.exactKey`): that key's hash. */
  exact?: string;
}

/**
 * The pieces of a file as written: the length in bytes of the text before
 * them, then each piece's key and length, in order, and the SHA-256 of the
 * whole file (`earlierPieces` takes pieces only from a file that still has
 * it).
 */
export interface PieceRecord {
  head: number;
  list: [key: string, length: number][];
  digest: string;
}

/** A site's file as it was made: its size in bytes, and its pieces when it was made of them. */
export interface MadeSiteFile {
  path: string;
  size: number;
  pieces?: PieceRecord;
}

export interface BuildState {
  version: typeof STATE_VERSION;
  fingerprint: string;
  /** The clock of the build that wrote this state. */
  now: number;
  /** The output folder's identity (`folderIdentity`) when the build that wrote this state left it. */
  folder?: string;
  /** The identity of each folder inside it that holds the build's files, by its path relative to the output folder. */
  folders?: Record<string, string>;
  /** By absolute path of the input file. */
  files: Record<string, FileRecord>;
  /** The site's pages, by their path in the output folder. */
  pages: Record<string, PageRecord>;
}

export interface FingerprintParts {
  tool: string;
  config: unknown;
  set: TemplateSet;
  /** The set the .eml files are made with, when they are built. */
  emailSet?: TemplateSet;
  formats: readonly string[];
  mode: string;
  /** The build's clock, when a template shows it (`readsClock`): every page is rendered again at another. */
  clock?: number;
}

/** A JSON text of `value` with object keys sorted, so that equal values give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return Object.fromEntries([...v.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
    return v;
  });
}

/** Node's one-shot `hash`: a third quicker than a `Hash` object for the small inputs a build hashes tens of thousands of. */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

export function fingerprint(parts: FingerprintParts): string {
  return sha256(stableJson({ ...FRESH, ...parts, formats: [...parts.formats] }));
}

/** The moments at which a release's check depends on the clock (see validate.ts and publication.ts). */
export function clockInstants(outcome: CheckOutcome, timeZone: string): number[] {
  const release = outcome.checked?.release;
  if (!release) return [];
  const instants = [clockInstant(release.date, timeZone)];
  if (release.embargo !== undefined) instants.push(clockInstant(release.embargo, timeZone));
  // A `withdrawn_date` still to come is warned of (`publication/withdrawn-future`) until the clock reaches it.
  if (release.withdrawn_date !== undefined) instants.push(clockInstant(release.withdrawn_date, timeZone));
  for (const time of release.unreadEmbargoes ?? []) instants.push(clockInstant(time, timeZone));
  return instants.filter((t) => Number.isFinite(t));
}

/**
 * The recorded check of a file, if it still holds: same bytes, and no
 * instant it depends on lies between the two clocks. A file that had errors
 * is always checked again: its release, and so its instants, are unknown.
 */
export function reusableCheck(record: FileRecord | undefined, display: string, hash: string, before: number, now: number): StoredOutcome | undefined {
  if (!record || record.display !== display || record.hash !== hash || !record.outcome.release) return undefined;
  const low = Math.min(before, now);
  const high = Math.max(before, now);
  if (record.instants.some((t) => t > low && t <= high)) return undefined;
  return record.outcome;
}

/**
 * Longer than any file system's timestamp granularity (FAT has 2 s): a file
 * whose times are older than its read by more than this cannot have changed
 * since without its times changing too.
 */
export const RACY_MS = 3000;

/** The stat of a file now, or undefined when it cannot be had. */
export function stampOf(path: string): FileStamp | undefined {
  try {
    const info = statSync(path);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, at: Date.now() } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a file whose bytes were read under `recorded` is unchanged, going by `now` alone. */
export function trustedStamp(recorded: FileStamp | undefined, now: FileStamp | undefined): boolean {
  if (!recorded || !now) return false;
  if (recorded.size !== now.size || recorded.mtimeMs !== now.mtimeMs || recorded.ctimeMs !== now.ctimeMs || recorded.ino !== now.ino) return false;
  return Math.max(recorded.mtimeMs, recorded.ctimeMs) < recorded.at - RACY_MS;
}

function storedOutcome(outcome: CheckOutcome): StoredOutcome {
  const checked = outcome.checked;
  return checked ? { diagnostics: outcome.diagnostics, release: checked.release, bodyStart: checked.source.bodyStart } : { diagnostics: outcome.diagnostics };
}

function checkOutcome(stored: StoredOutcome, path: string, size: number, mtimeMs: number): CheckOutcome {
  if (!stored.release) return { diagnostics: stored.diagnostics };
  return { diagnostics: stored.diagnostics, checked: { release: stored.release, source: { path, size, mtimeMs, bodyStart: stored.bodyStart ?? 0 } } };
}

/** Keys made, by list: the releases of one id share their list of translations, and so one key. */
const translationKeys = new WeakMap<readonly Translation[], string>();

/** `RenderRecord.listed`: none for a release whose page links to every page of the site. */
function listedKey(listed: ListedLinks | undefined): string | undefined {
  return listed === undefined ? undefined : JSON.stringify(listed);
}

export function translationsKey(translations: readonly Translation[]): string {
  let key = translationKeys.get(translations);
  if (key === undefined) {
    // A hash, made once per list: the text itself is a fifth of a large archive's record, which every rebuild reads.
    key = hash('sha256', JSON.stringify(translations), 'base64');
    translationKeys.set(translations, key);
  }
  return key;
}

/**
 * The record's text is one line per file, `"path"<tab>{record}`, between a
 * first line (version, fingerprint, clock) and a last one (the site's
 * pages). A rebuild that reuses a file's record as it was writes its line
 * again as it was read, without making it again; a record of a large
 * archive is tens of megabytes, read and written by every build. Records
 * are packed: a release's places (`slugAt` …) in the release's own file
 * are arrays `[line, column, endLine, endColumn, sourceLine]`, and its
 * `file` is null when it is the record's `display`. Keys keep their order,
 * so a release read back is the release written, key for key.
 */
type PackedLocation = [number, number, number | null, number | null, string | null];

function packLocation(location: SourceLocation, file: string): PackedLocation | SourceLocation {
  return location.file === file ? [location.line, location.column, location.endLine ?? null, location.endColumn ?? null, location.sourceLine ?? null] : location;
}

function unpackLocation(packed: PackedLocation | SourceLocation, file: string): SourceLocation {
  if (!Array.isArray(packed)) return packed;
  const [line, column, endLine, endColumn, sourceLine] = packed;
  const location: SourceLocation = { file, line, column };
  if (endLine !== null) location.endLine = endLine;
  if (endColumn !== null) location.endColumn = endColumn;
  if (sourceLine !== null) location.sourceLine = sourceLine;
  return location;
}

/**
 * The JSON text of a file's record as its line keeps it (see
 * `PackedLocation`). The release is packed in place for the moment of
 * `JSON.stringify` and put back after: making a packed copy of every
 * release cost a large archive's build more than the writing itself.
 */
function recordText(record: FileRecord): string {
  const release = record.outcome.release;
  if (!release) return JSON.stringify(record);
  const { file, slugAt, idAt, dateAt, statusAt, aliasesAt } = release;
  const packed = release as unknown as Record<string, unknown>;
  try {
    if (file === record.display) packed.file = null;
    packed.slugAt = packLocation(slugAt, file);
    packed.idAt = packLocation(idAt, file);
    packed.dateAt = packLocation(dateAt, file);
    packed.statusAt = packLocation(statusAt, file);
    if (aliasesAt) packed.aliasesAt = aliasesAt.map((l) => packLocation(l, file));
    return JSON.stringify(record);
  } finally {
    release.file = file;
    release.slugAt = slugAt;
    release.idAt = idAt;
    release.dateAt = dateAt;
    release.statusAt = statusAt;
    if (aliasesAt) release.aliasesAt = aliasesAt;
  }
}

/** Undoes `recordText`'s packing in place; false when the record is not as `recordText` writes it. */
function unpackRecord(record: FileRecord): boolean {
  if (typeof record !== 'object' || record === null || typeof record.display !== 'string' || typeof record.outcome !== 'object' || record.outcome === null) return false;
  const release = record.outcome.release as (Release & Record<string, unknown>) | undefined;
  if (!release) return true;
  if (release.file === null) release.file = record.display;
  if (typeof release.file !== 'string') return false;
  release.slugAt = unpackLocation(release.slugAt as PackedLocation | SourceLocation, release.file);
  release.idAt = unpackLocation(release.idAt as PackedLocation | SourceLocation, release.file);
  release.dateAt = unpackLocation(release.dateAt as PackedLocation | SourceLocation, release.file);
  release.statusAt = unpackLocation(release.statusAt as PackedLocation | SourceLocation, release.file);
  if (release.aliasesAt) release.aliasesAt = release.aliasesAt.map((l) => unpackLocation(l as PackedLocation | SourceLocation, release.file));
  return true;
}

/**
 * A state read back, with where each file's line lies in the record's bytes
 * (see `PackedLocation`): from its start to the next line's, its newline
 * included. A rebuild writes the lines it reuses again as they were read,
 * the lines that follow each other in the earlier record as one range of
 * its bytes (`BuildCache.stateText`): a view of each of an archive's lines
 * took some 4 µs to make, and joining them again to write as long.
 */
export interface ReadState extends BuildState {
  bytes: Buffer;
  /** Each file's line, by its path: an index into `starts`. */
  lines: Map<string, number>;
  /** Where each line starts in `bytes`, and, last, where the line after the last file's starts. */
  starts: number[];
}

const NEWLINE = 0x0a;
const TAB = 0x09;

/**
 * Reads a state written by an earlier build; anything unexpected means
 * there is none. The record stays bytes, each line decoded as it is parsed:
 * the lines of the files this build reuses are written back as they were
 * read (`BuildCache.stateText`), and the text of a large archive's record as
 * one string would be twice its bytes, held on the heap all build long.
 */
export function parseState(bytes: Buffer | undefined, expected: string): ReadState | undefined {
  if (bytes === undefined) return undefined;
  try {
    let end = bytes.indexOf(NEWLINE);
    const head = JSON.parse(bytes.toString('utf8', 0, end)) as Partial<BuildState>;
    if (head?.version !== STATE_VERSION || head.fingerprint !== expected || typeof head.now !== 'number') return undefined;
    const files = Object.create(null) as Record<string, FileRecord>;
    const lines = new Map<string, number>();
    const starts: number[] = [];
    for (let start = end + 1; ; start = end + 1) {
      end = bytes.indexOf(NEWLINE, start);
      if (end === -1) return undefined;
      const tab = bytes.indexOf(TAB, start);
      if (tab === -1 || tab > end) {
        // The last line: the site's pages, then nothing.
        const pages = JSON.parse(bytes.toString('utf8', start, end)) as unknown;
        if (typeof pages !== 'object' || pages === null || Array.isArray(pages) || end !== bytes.length - 1) return undefined;
        const folders = stringRecord(head.folders);
        starts.push(start);
        return { version: STATE_VERSION, fingerprint: expected, now: head.now, ...(typeof head.folder === 'string' ? { folder: head.folder } : {}), ...(folders ? { folders } : {}), files, pages: pages as Record<string, PageRecord>, bytes, lines, starts };
      }
      const path = JSON.parse(bytes.toString('utf8', start, tab)) as unknown;
      const record = JSON.parse(bytes.toString('utf8', tab + 1, end)) as FileRecord;
      if (typeof path !== 'string' || !unpackRecord(record)) return undefined;
      files[path] = record;
      lines.set(path, starts.length);
      starts.push(start);
    }
  } catch {
    return undefined;
  }
}

/** Where the record of the build into `out` is kept. */
export function cachePath(cacheDir: string, out: string): string {
  return join(cacheDir, `${sha256(out).slice(0, 32)}.json`);
}

/** An object of string values read from JSON, without its prototype, or undefined when it is anything else. */
function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = Object.create(null) as Record<string, string>;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') return undefined;
    record[key] = item;
  }
  return record;
}

/**
 * The earlier record `recorded` again, after a commit that failed put every
 * file back where it was: in folders whose times the put-back changed. Those
 * that were as the record saw them before the commit (`asRecorded`, see
 * `BuildCache.foldersAsRecorded`) are recorded as they are now; any other
 * stays unlike the record, and its pages are rendered again.
 */
export function putBackRecord(out: string, recorded: Buffer, asRecorded: ReadonlySet<string>): (string | Uint8Array)[] {
  const end = recorded.indexOf(NEWLINE);
  try {
    const head = JSON.parse(recorded.toString('utf8', 0, end)) as Partial<BuildState>;
    const now = Date.now();
    if (asRecorded.has('.')) {
      const identity = folderIdentity(out, now);
      if (identity === undefined) delete head.folder;
      else head.folder = identity;
    }
    const folders = stringRecord(head.folders);
    if (folders) {
      for (const folder of Object.keys(folders)) {
        if (!asRecorded.has(folder)) continue;
        const identity = folderIdentity(join(out, folder), now);
        if (identity === undefined) delete folders[folder];
        else folders[folder] = identity;
      }
      head.folders = folders;
    }
    return [`${JSON.stringify(head)}\n`, recorded.subarray(end + 1)];
  } catch {
    // Not a record this tool reads: kept as it was, for `readCache` to turn away.
    return [recorded];
  }
}

/** The file in the cache folder that holds the key its records are sealed with (see `recordSeal`). */
export const SEAL_KEY_FILE = 'record-key';
const SEAL_KEY_BYTES = 32;

/**
 * The key that seals the records of `cacheDir`: random bytes the first
 * build made and kept there; undefined when there is none (and `make` is
 * false) or it cannot be had. Only a regular file of the right length that
 * no one but its owner may read is a key; anything else there is replaced,
 * and the records sealed with it are no records.
 */
export function sealKey(cacheDir: string, make: boolean): Buffer | undefined {
  const path = join(cacheDir, SEAL_KEY_FILE);
  const read = () => {
    try {
      const info = lstatSync(path);
      if (!info.isFile() || info.size !== SEAL_KEY_BYTES || (process.platform !== 'win32' && (info.mode & 0o077) !== 0)) return undefined;
      const key = readFileSync(path);
      return key.length === SEAL_KEY_BYTES ? key : undefined;
    } catch {
      return undefined;
    }
  };
  const found = read();
  if (found || !make) return found;
  const key = randomBytes(SEAL_KEY_BYTES);
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    makeFolder(cacheDir, 0o700);
    writeFileSync(temporary, key, { flag: 'wx', mode: 0o600 });
    // Builds running at once each make a key: the first to link its own in place keeps it, and the others use that one.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temporary, path);
        break;
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          // A file system without hard links (FAT, some network shares): made in place, still only if there is none.
          writeFileSync(path, key, { flag: 'wx', mode: 0o600 });
          break;
        }
        if (read() || attempt > 0) break;
        // Something that is no key: removed, and the new key linked in its place.
        unlinkSync(path);
      }
    }
    return read();
  } catch (cause) {
    // Another build may have made one meanwhile; otherwise the caller learns why there is none.
    const made = read();
    if (made) return made;
    throw cause;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * The seal of a record's text: an HMAC-SHA-256 of its bytes under the cache
 * folder's key. A record is read only as this tool wrote it: one cut short,
 * edited by hand, or sealed again by a tool that knows the format but not
 * the key is no record, so that no value of the wrong kind in it can stop a
 * build where it is used.
 */
export function recordSeal(key: Uint8Array): Hmac {
  return createHmac('sha256', key);
}

/** The record's bytes, seal left out, when it is whole and sealed with the cache folder's key (see `writeCache`). */
export function readCache(cacheDir: string, out: string): Buffer | undefined {
  try {
    const key = sealKey(cacheDir, false);
    if (!key) return undefined;
    const bytes = readFileSync(cachePath(cacheDir, out));
    const end = bytes.length - 1;
    const start = bytes.lastIndexOf(0x0a, end - 1) + 1;
    if (start === 0 || bytes[end] !== 0x0a) return undefined;
    const body = bytes.subarray(0, start);
    // The seal line exactly as `writeCache` writes it: lower-case hex, nothing more.
    const seal = bytes.subarray(start, end);
    const expected = Buffer.from(recordSeal(key).update(body).digest('hex'), 'latin1');
    return seal.length === expected.length && timingSafeEqual(seal, expected) ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the record of the build into `out`, if there is one; returns why
 * when it is there still. A build removes it just before its commit first
 * changes the output folder (`CommitOptions.beforeChange`), and writes its
 * own once the commit is done: from the first change on, the record no
 * longer says what is there, and a build stopped at any moment after
 * (killed, or a disk that filled) must leave none to trust. A commit killed
 * part-way is undone by the next build, which, finding no record, checks
 * and renders everything again: slower, never wrong. One that fails and
 * puts every file back puts the earlier record back too (`RecordKeeping` in build.ts).
 */
export function dropCache(cacheDir: string, out: string): string | undefined {
  try {
    unlinkSync(cachePath(cacheDir, out));
    return undefined;
  } catch (cause) {
    // No such file, or no such folder to hold one: nothing to trust.
    const code = (cause as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : systemErrorText(cause);
  }
}

/** Bytes (about) written at a time: the record of a large archive is tens of megabytes, never one string. */
const WRITE_CHUNK = 1 << 20;

/**
 * Replaces the record in one rename, written piece by piece from `text`
 * (the pieces of its text, or lines of the earlier record as they were read:
 * see `BuildCache.stateText`) and closed by a line with its seal (see
 * `recordSeal`); a record that cannot be written only costs the next build
 * time. Returns why, when it could not be written.
 */
export function writeCache(cacheDir: string, out: string, text: Iterable<string | Uint8Array>): string | undefined {
  const path = cachePath(cacheDir, out);
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  let fd: number | undefined;
  try {
    // Only its owner may read it: it names releases that are not public yet.
    makeFolder(cacheDir, 0o700);
    const key = sealKey(cacheDir, true);
    if (!key) return `no key to seal it with at ${join(cacheDir, SEAL_KEY_FILE)}`;
    fd = openSync(temporary, 'wx', 0o600);
    const hash = recordSeal(key);
    // Text is gathered into one string and encoded at once; bytes join it as they are.
    let pending = '';
    const parts: Uint8Array[] = [];
    let size = 0;
    const encode = () => {
      if (pending === '') return;
      const bytes = Buffer.from(pending);
      parts.push(bytes);
      size += bytes.length;
      pending = '';
    };
    // The parts as they are, in one call: a range of the earlier record is megabytes, which joining them would copy.
    const flush = (descriptor: number) => {
      encode();
      for (const part of parts) hash.update(part);
      writeAll(descriptor, parts);
      parts.length = 0;
      size = 0;
    };
    for (const piece of text) {
      if (typeof piece === 'string') {
        pending += piece;
        if (pending.length >= WRITE_CHUNK) encode();
      } else {
        encode();
        parts.push(piece);
        size += piece.length;
      }
      if (size >= WRITE_CHUNK) flush(fd);
    }
    flush(fd);
    writeSync(fd, `${hash.digest('hex')}\n`);
    // Let go before it is closed: a close that fails has freed the number all the same, which another thread may be given next.
    const written = fd;
    fd = undefined;
    closeSync(written);
    renameSync(temporary, path);
    return undefined;
  } catch (cause) {
    try {
      if (fd !== undefined) closeSync(fd);
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
    return systemErrorText(cause);
  }
}

/**
 * Every build writes its folder's record again, so one not written for
 * this long is of an output folder no one builds any more (removed, or a
 * throwaway one): `pruneCache` removes it, and the next build into that
 * folder, if there ever is one, checks and renders everything.
 */
const RECORD_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** How often a cache folder is looked through (`pruneCache`); also the age of a record's temporary file left by a build killed while writing it. */
const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** The file whose time says when the cache folder was last looked through. */
export const PRUNED_FILE = 'pruned';
const RECORD_NAME = /^[0-9a-f]{32}\.json$/;
/** A record's temporary file, or the mark's (`pruneCache`), left by a build killed while writing it. */
const TEMPORARY_NAME = /^(?:[0-9a-f]{32}\.json|pruned)\.\d+-[0-9a-f]{8}$/;

/**
 * Removes from the cache folder the records no build has written for a
 * month and the temporary files of records older than a day, at most once
 * a day; only files named as this tool names them, nothing else there.
 * Best effort: what cannot be removed costs disk space, nothing more.
 */
export function pruneCache(cacheDir: string, now = Date.now()): void {
  const marker = join(cacheDir, PRUNED_FILE);
  try {
    const last = lstatSync(marker, { throwIfNoEntry: false });
    // Something else in its place (a link, a pipe, a folder) is left as it is, and nothing is pruned.
    if (last && (!last.isFile() || (now - last.mtimeMs < PRUNE_INTERVAL_MS && last.mtimeMs <= now))) return;
    // Made beside it and renamed over it: a link put there since is replaced, not followed.
    const temporary = `${marker}.${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, '', { mode: 0o600, flag: 'wx' });
    try {
      renameSync(temporary, marker);
    } catch (cause) {
      rmSync(temporary, { force: true });
      throw cause;
    }
    for (const name of readdirSync(cacheDir)) {
      const maxAge = RECORD_NAME.test(name) ? RECORD_MAX_AGE_MS : TEMPORARY_NAME.test(name) ? PRUNE_INTERVAL_MS : undefined;
      if (maxAge === undefined) continue;
      const path = join(cacheDir, name);
      try {
        const info = lstatSync(path);
        if (info.isFile() && now - info.mtimeMs > maxAge) unlinkSync(path);
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  } catch {
    // A folder that cannot be read or written: nothing is removed.
  }
}

/** One build's use of the record of the build before it. */
export class BuildCache {
  /** Files whose earlier check was reused. */
  reused = 0;
  private readonly previous: ReadState | undefined;
  private readonly records = new Map<string, FileRecord>();
  /** Files whose check this run took from the earlier record. */
  private readonly reusedChecks = new Set<string>();
  /** Files found unchanged by their stamp alone, and their stamps now. */
  private readonly unchanged = new Map<string, FileStamp>();
  /** The stamps of the files to read, taken before they are read. */
  private readonly stamps = new Map<string, FileStamp>();
  private readonly pages: Record<string, PageRecord> = Object.create(null) as Record<string, PageRecord>;
  /** Site pages left in the output folder as they are. */
  private readonly keptPageSet = new Set<string>();
  /** The files in each output folder, read once, for `upToDate`; null for one as recorded, which holds every file the earlier build recorded in it. */
  private readonly listings = new Map<string, Set<string> | null>();

  /** Whether the output folder is the one the earlier record describes (see `folderIdentity`): only then are its pages taken as recorded. */
  private readonly sameFolder: boolean;
  /** The folder this build's record is for: the one its commit left at the path (`committedInto`). */
  private folder: string | undefined;
  /** The folders inside it that hold the build's files, as its commit left them (`committedInto`). */
  private folders: Record<string, string> = Object.create(null) as Record<string, string>;

  /**
   * `recorded`: the earlier build's record, if it is to be trusted;
   * `recording`: whether this build's record will be kept; `ownPages`: the
   * paths the output folder's manifest lists as the site's own; `folder`:
   * the output folder's identity before the build. A folder at the same path
   * that is another one (put back from a backup or a CI cache) may hold
   * older pages than the record says: every page is rendered again, while
   * the checks of unchanged files are still taken from the record.
   */
  constructor(private readonly out: string, private readonly print: string, private readonly now: number, private readonly timeZone: string, recorded: Buffer | undefined, private readonly recording = true, private readonly ownPages: (path: string) => boolean = () => false, folder?: string) {
    this.previous = parseState(recorded, print);
    this.sameFolder = this.previous?.folder === folder;
    this.folder = folder;
  }

  /**
   * Takes the output folder's identity once this build's outputs are in
   * it, and those of the folders in it that hold `files` (the paths its
   * manifest lists): the record is for the folders as they are now.
   */
  committedInto(files: Iterable<string>): void {
    const now = Date.now();
    this.folder = folderIdentity(this.out, now);
    this.folders = folderIdentities(this.out, files, now);
  }

  /**
   * The folders the earlier record names (the output folder itself as `.`)
   * that are still as it saw them: taken just before a commit first changes
   * anything, for `putBackRecord`.
   */
  foldersAsRecorded(): Set<string> {
    const same = new Set<string>();
    if (!this.previous) return same;
    if (this.previous.folder !== undefined && this.previous.folder === folderIdentity(this.out)) same.add('.');
    for (const folder of Object.keys(this.previous.folders ?? {})) if (this.asRecorded(folder)) same.add(folder);
    return same;
  }

  /** Whether a folder in the output folder is as the earlier record saw it; one not recorded (null) never is, though none is there (undefined). */
  private asRecorded(folder: string): boolean {
    return (this.previous?.folders?.[folder] ?? null) === folderIdentity(join(this.out, folder));
  }

  /**
   * Looks at every file's stamp: those whose checks hold as recorded are not
   * read again. Without an earlier record, every file is read.
   */
  prepare(files: readonly InputFile[]): void {
    // Without a record to write, stamps serve nothing.
    if (!this.recording) return;
    for (const file of files) {
      const record = this.previous?.files[file.path];
      const stamp = file.refused ? undefined : stampOf(file.path);
      if (this.previous && record && trustedStamp(record.stamp, stamp) && reusableCheck(record, file.display, record.hash, this.previous.now, this.now)) {
        this.unchanged.set(file.path, stamp!);
        continue;
      }
      if (stamp) this.stamps.set(file.path, stamp);
    }
  }

  /**
   * Checks `files` through `run` (the build threads), all but those
   * `prepare` found unchanged, and hands every outcome to `onResult` in
   * file order.
   */
  async check(files: readonly InputFile[], run: (items: CheckItem[], onItem: (result: CheckItemResult, index: number) => void) => Promise<void>, onResult: (outcome: CheckOutcome, index: number) => void): Promise<void> {
    const positions: number[] = [];
    const items: CheckItem[] = [];
    files.forEach((file, i) => {
      if (this.unchanged.has(file.path)) return;
      positions.push(i);
      items.push(this.checkItem(file));
    });
    const ready = new Map<number, CheckOutcome>();
    let next = 0;
    const flush = () => {
      for (; next < files.length; next++) {
        const file = files[next]!;
        const stamp = this.unchanged.get(file.path);
        let outcome = ready.get(next);
        if (stamp) outcome = this.reuse(file, stamp);
        if (!outcome) return;
        ready.delete(next);
        onResult(outcome, next);
      }
    };
    await run(items, (result, j) => {
      const i = positions[j]!;
      ready.set(i, this.checked(files[i]!, result));
      flush();
    });
    flush();
  }

  /** The file to check, with the hash of the bytes whose check still holds. */
  checkItem(file: InputFile): CheckItem {
    const record = this.previous?.files[file.path];
    if (!record || !this.previous) return { file };
    return reusableCheck(record, file.display, record.hash, this.previous.now, this.now) ? { file, known: record.hash } : { file };
  }

  /** The recorded check of a file found unchanged without reading it. */
  private reuse(file: InputFile, stamp: FileStamp): CheckOutcome {
    const record = this.previous!.files[file.path]!;
    this.reused++;
    this.records.set(file.path, { display: record.display, hash: record.hash, stamp: record.stamp!, outcome: record.outcome, instants: record.instants });
    this.reusedChecks.add(file.path);
    return checkOutcome(record.outcome, file.path, stamp.size, stamp.mtimeMs);
  }

  /** The outcome of a file's check: the one just made, or the recorded one when the bytes are the same. */
  checked(file: InputFile, result: CheckItemResult): CheckOutcome {
    let outcome = result.outcome;
    const reusedCheck = outcome === undefined;
    if (!outcome) {
      // The file may have been touched: rendering compares its size and time with the check's.
      outcome = checkOutcome(this.previous!.files[file.path]!.outcome, file.path, result.size!, result.mtimeMs!);
      this.reused++;
    }
    if (result.hash !== undefined) {
      // The stamp taken before the read, if the read saw the same file; otherwise the next build reads it again.
      const before = this.stamps.get(file.path);
      const stamp = before && before.size === result.size && before.mtimeMs === result.mtimeMs ? before : undefined;
      this.records.set(file.path, { display: file.display, hash: result.hash, ...(stamp ? { stamp } : {}), outcome: storedOutcome(outcome), instants: clockInstants(outcome, this.timeZone) });
      if (reusedCheck) this.reusedChecks.add(file.path);
    }
    return outcome;
  }

  /**
   * Whether a file the earlier build recorded is in the output folder, and
   * only in a folder as recorded. A folder whose identity is as the record
   * has it (`asRecorded`: its change and modification times, which move when
   * a file in it is added, removed, renamed or replaced) holds every file the earlier build
   * left in it, which its commit made or kept: it is not listed again, which
   * took some 50 ms of a rebuild of 10,000 releases. The output folder
   * itself, listed once, is its callers' to judge (`sameFolder`).
   */
  private outputExists(path: string): boolean {
    const folder = dirname(path);
    let names = this.listings.get(folder);
    if (names === undefined) {
      names = new Set();
      const where = join(this.out, folder);
      // A folder changed since the earlier build left it (by a build that kept another record, or none) may hold other pages than
      // recorded: none is taken as it was.
      if (folder === '.' || this.asRecorded(folder)) {
        try {
          // A folder that is a link, or lies under one (`en/tags -> /elsewhere`), holds none of the build's files: they are written again, and the commit stops at the link.
          if (realpathSync.native(where) === where) {
            if (folder !== '.') names = null;
            else for (const entry of readdirSync(where, { withFileTypes: true })) if (entry.isFile()) names.add(entry.name);
          }
        } catch {
          // No folder: no files.
        }
      }
      this.listings.set(folder, names);
    }
    return names === null || names.has(path.slice(folder === '.' ? 0 : folder.length + 1));
  }

  /**
   * Whether a release's pages, as an earlier build wrote them, are what this
   * build would write; if so, what the site needs of it (the body's HTML,
   * when `needsBody`).
   */
  upToDate(item: ValidRelease, translations: readonly Translation[], formats: readonly BuildFormat[], needsBody: boolean, images?: ReleaseImagesKey, before?: readonly Translation[], listed?: ListedLinks): { bodyHtml?: string } | undefined {
    const record = this.records.get(item.source.path);
    const earlier = this.previous?.files[item.source.path]?.render;
    if (!record || !this.sameFolder || !this.reusedChecks.has(item.source.path) || !earlier || earlier.translations !== translationsKey(translations)) return undefined;
    // Pages that name fewer translations than planned, one having failed: a fresh build renders them with all of them first, which must not fail either.
    if (before !== undefined && earlier.before !== translationsKey(before)) return undefined;
    if (needsBody && earlier.bodyHtml === undefined) return undefined;
    // The same pictures, at the same addresses, from files unchanged since they were copied.
    if (earlier.images !== images?.key) return undefined;
    // A preview's page links to the tag pages and listing that are there: one that came or went since renders it again.
    if (earlier.listed !== listedKey(listed)) return undefined;
    const outputs = formats.map((format) => pagePath(item.release.lang, item.release.slug, format));
    // The same outputs in any order: a render writes the pages, then the e-mail message, whatever order `--format` names them in.
    if (outputs.length !== earlier.outputs.length || outputs.some((o) => !earlier.outputs.includes(o))) return undefined;
    // An output deleted since (a page, a copied image) is written again.
    if (!outputs.every((o) => this.outputExists(o)) || !(images?.paths ?? []).every((p) => this.outputExists(p))) return undefined;
    const bodyHtml = needsBody ? earlier.bodyHtml : undefined;
    record.render = bodyHtml === earlier.bodyHtml ? earlier : {
      translations: earlier.translations, ...(earlier.before !== undefined ? { before: earlier.before } : {}), outputs: earlier.outputs,
      ...(bodyHtml !== undefined ? { bodyHtml } : {}), ...(earlier.images !== undefined ? { images: earlier.images } : {}),
      ...(earlier.listed !== undefined ? { listed: earlier.listed } : {}),
    };
    return bodyHtml !== undefined ? { bodyHtml } : {};
  }

  /**
   * Records what a release's pages were rendered from, its body's HTML when
   * the site's feeds carry it, and its images' key; `before`, the
   * translations they were first rendered with when one of those failed
   * (see `RenderRecord.before`); `listed`, the site's pages the page of a
   * release no listing names links to (see `RenderRecord.listed`).
   */
  rendered(item: ValidRelease, translations: readonly Translation[], outputs: string[], bodyHtml?: string, images?: string, before?: readonly Translation[], listed?: ListedLinks): void {
    const record = this.records.get(item.source.path);
    const first = before === undefined ? undefined : translationsKey(before);
    const links = listedKey(listed);
    if (record) {
      record.render = {
        translations: translationsKey(translations), ...(first !== undefined ? { before: first } : {}), outputs,
        ...(bodyHtml !== undefined ? { bodyHtml } : {}), ...(images !== undefined ? { images } : {}), ...(links !== undefined ? { listed: links } : {}),
      };
    }
  }

  /**
   * Whether a release failed to render in the earlier build as it is now:
   * its file unchanged (`reusedChecks`), rendered with the same translations
   * and images (and the fingerprint, which covers the config and the
   * templates, the same). The build renders it again, for its error, but
   * its translations' pages need not name it first.
   */
  failsAsBefore(item: ValidRelease, translations: readonly Translation[], images?: string): boolean {
    const failed = this.previous?.files[item.source.path]?.failed;
    return failed !== undefined && this.reusedChecks.has(item.source.path) && failed.translations === translationsKey(translations) && failed.images === images;
  }

  /** Records what a release that failed to render, with every translation the build planned, was rendered from (see `failsAsBefore`). */
  failedToRender(item: ValidRelease, translations: readonly Translation[], images?: string): void {
    const record = this.records.get(item.source.path);
    if (!record) return;
    const key = translationsKey(translations);
    const earlier = this.previous?.files[item.source.path]?.failed;
    // The earlier record as it was, so that its line is written again as it was read.
    record.failed = earlier && this.reusedChecks.has(item.source.path) && earlier.translations === key && earlier.images === images ? earlier : { translations: key, ...(images !== undefined ? { images } : {}) };
  }

  /** Forgets what a release's pages were rendered from (`rendered`): rendered again, it failed, and the next build renders it. */
  notRendered(item: ValidRelease): void {
    const record = this.records.get(item.source.path);
    if (record) delete record.render;
  }

  /**
   * Whether a site page stays as it is in the output folder: an earlier
   * build rendered it from the same view (`key`, see `SitePageJob`), wrote
   * it there (the manifest says so) and it still has the size written, like
   * a release's pages (`upToDate`). Otherwise the page is rendered, and
   * `pageRendered` records it.
   */
  pageState(kind: SitePage, path: string, key: string): SiteFileState {
    return this.keep(kind, path, key);
  }

  /**
   * Whether the site's files made by one job (see `SiteFileJob`) stay as
   * they are: the same as `pageState`, for the file at `path` and the parts
   * an earlier build made with it; or, when its key changed, by its exact
   * key (`exactKey`), when the job has one and the earlier build made the
   * file with the same. Otherwise they are made, and `siteFilesMade`
   * records them.
   */
  siteFileState(path: string, key: string, exactKey?: () => string): SiteFileState {
    const state = this.keep('file', path, key);
    if (state.kept || state.path === null || exactKey === undefined) return state;
    // The key changed, but perhaps not what the file is made from (see `SiteFileJob.exactKey`).
    const exact = sha256(`exact\n${exactKey()}`);
    return { ...FRESH, ...this.keepIf(path, state.key, (earlier) => earlier.exact === exact), exact };
  }

  /** `pageState` and `siteFileState`: `kind` keeps a page's key apart from a file's. */
  private keep(kind: string, path: string, key: string): SiteFileState {
    if (!this.recording || unsafeOutputPath(path)) return { kept: false, paths: [], path: null, key: '' };
    const hash = sha256(`${kind}\n${key}`);
    return this.keepIf(path, hash, (earlier) => earlier.view === hash);
  }

  /** The file at `path` and its parts stay as an earlier build recorded them, if it made the file as `same` asks and they are as written; recorded with `key`. */
  private keepIf(path: string, key: string, same: (earlier: PageRecord) => boolean): SiteFileState {
    const earlier = this.previous?.pages[path];
    const paths = [path, ...(earlier?.parts ?? [])];
    if (!this.sameFolder || typeof earlier !== 'object' || earlier === null || !same(earlier) || !paths.every((p) => this.holds(p))) return { kept: false, paths: [], path, key };
    for (const p of paths) {
      this.pages[p] = p === path && earlier.view !== key ? { ...FRESH, ...earlier, view: key } : this.previous!.pages[p]!;
      this.keptPageSet.add(p);
    }
    return { kept: true, paths, path, key };
  }

  /** Whether the output folder holds the site's file at `path` as an earlier build recorded it: written by the site, at the size written. */
  private holds(path: string): boolean {
    const record = this.previous?.pages[path];
    return record !== undefined && !unsafeOutputPath(path) && this.ownPages(path) && this.outputExists(path) && sizeOf(join(this.out, path)) === record.size;
  }

  /** Records the files made for `state` (see `siteFileState`), the first at its path. */
  siteFilesMade(state: SiteFileState, files: readonly MadeSiteFile[]): void {
    if (state.path === null || files[0]?.path !== state.path) return;
    files.forEach((file, i) => {
      const parts = i === 0 && files.length > 1 ? { parts: files.slice(1).map((f) => f.path) } : {};
      const exact = i === 0 && state.exact !== undefined ? { exact: state.exact } : {};
      this.pages[file.path] = { view: state.key, size: file.size, ...parts, ...exact, ...(file.pieces ? { pieces: file.pieces } : {}) };
    });
  }

  /**
   * The pieces of the site's file at `path` that an earlier build wrote in
   * pieces, by key: only from a file the output folder holds as that build
   * recorded it (`holds`), read as its own files are read (`ownFileBytes`),
   * with the very bytes it wrote (their SHA-256), so that no byte changed by
   * hand since is taken into the file made again. A file made again takes
   * those of its pieces whose keys are the same from it (see `SiteStep`).
   */
  earlierPieces(path: string): ReadonlyMap<string, Uint8Array> | undefined {
    const record = this.previous?.pages[path];
    const pieces = record?.pieces;
    if (!this.recording || !this.sameFolder || !pieces || unsafeOutputPath(path) || !this.holds(path)) return undefined;
    if (!Number.isSafeInteger(pieces.head) || pieces.head < 0 || !Array.isArray(pieces.list) || typeof pieces.digest !== 'string') return undefined;
    const bytes = ownFileBytes(join(this.out, path), record.size);
    if (bytes === undefined || hash('sha256', bytes, 'base64') !== pieces.digest) return undefined;
    const found = new Map<string, Uint8Array>();
    let at = pieces.head;
    for (const [i, piece] of pieces.list.entries()) {
      if (!Array.isArray(piece)) return undefined;
      const [key, length] = piece;
      if (i > 0) at += PIECE_SEPARATOR.length;
      if (typeof key !== 'string' || !Number.isSafeInteger(length) || length < 0 || at + length > bytes.length) return undefined;
      found.set(key, bytes.subarray(at, at + length));
      at += length;
    }
    return found;
  }

  /** Records a page rendered for `state` (see `pageState`), `size` bytes long. */
  pageRendered(state: SiteFileState, size: number): void {
    if (state.path !== null) this.pages[state.path] = { view: state.key, size };
  }

  /** How many site pages `pageState` left as they were. */
  get keptPages(): number {
    return this.keptPageSet.size;
  }

  /** The record of this build (a `BuildState`), as the pieces of its text (see `PackedLocation`), one file's line at a time: a line reused from the earlier record as its bytes. */
  *stateText(): Generator<string | Uint8Array> {
    yield `${JSON.stringify({ version: STATE_VERSION, fingerprint: this.print, now: this.now, folder: this.folder, folders: this.folders })}\n`;
    const previous = this.previous;
    // The earlier record's bytes from `from` to `to`: lines reused one after another, not yet given.
    let from = 0;
    let to = 0;
    for (const [path, record] of this.records) {
      // A record made from the earlier one (`reuse`), whose rendering is the earlier one too, is the earlier line.
      const earlier = previous?.files[path];
      const line = earlier && record.outcome === earlier.outcome && record.render === earlier.render && record.failed === earlier.failed ? previous!.lines.get(path) : undefined;
      if (line !== undefined) {
        const start = previous!.starts[line]!;
        if (start !== to) {
          if (to > from) yield previous!.bytes.subarray(from, to);
          from = start;
        }
        to = previous!.starts[line + 1]!;
        continue;
      }
      if (to > from) yield previous!.bytes.subarray(from, to);
      from = to;
      yield `${JSON.stringify(path)}\t${recordText(record)}\n`;
    }
    if (to > from) yield previous!.bytes.subarray(from, to);
    yield `${JSON.stringify(this.pages)}\n`;
  }
}

/** A regular file's size, or undefined. */
function sizeOf(path: string): number | undefined {
  try {
    const info = lstatSync(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/** What `pageState` and `siteFileState` found. */
interface SiteFileState {
  kept: boolean;
  /** The files left as they are, when `kept`: a page, or a file and its parts. */
  paths: string[];
  /** Null for a file that is never kept or recorded: its path is not a safe output path, or no record is kept. */
  path: string | null;
  key: string;
  /** The hash of the file's exact key, when it has one and its key changed (see `siteFileState`). */
  exact?: string;
}

/**
 * Which folder is at `out`, as it was left: its device, inode, change time
 * (ctime, which moves when its entries change, and which a copy cannot set)
 * and modification time (which moves when its entries change too, and is
 * the only one that does on some file systems: FAT, as older Linux kernels
 * keep it, gives a folder's creation time as its ctime). A folder
 * swapped in by a build, or put back from a copy, is another one at the same
 * path, even where the file system gives it the inode number of the folder
 * deleted before it. Undefined when there is none.
 */
export function folderIdentity(out: string, recordedAt?: number): string | undefined {
  try {
    const info = lstatSync(out, { bigint: true });
    // Taken to be recorded: see `provesNothing`. The folder is then not recorded, and its pages are rendered again next time (and
    // written only where their bytes differ).
    if (recordedAt !== undefined && (provesNothing(info.ctimeNs, recordedAt) || provesNothing(info.mtimeNs, recordedAt))) return undefined;
    return identityOf(info);
  } catch {
    return undefined;
  }
}

/** A folder's identity from what `lstat` says of it (see `folderIdentity`). */
export function identityOf(info: Pick<BigIntStats, 'dev' | 'ino' | 'ctimeNs' | 'mtimeNs'>): string {
  return `${info.dev}:${info.ino}:${info.ctimeNs}:${info.mtimeNs}`;
}

/**
 * Whether a folder's change or modification time (in ns) recorded at
 * `recordedAt` (ms) proves nothing of a later change: one kept to the
 * second (by a file system that keeps no finer one: FAT, HFS+, ext4 with
 * small inodes) and that recent, since a change within the same second, or
 * two on FAT, leaves it as it is.
 */
export function provesNothing(timeNs: bigint, recordedAt: number): boolean {
  return timeNs % 1_000_000_000n === 0n && Number(timeNs / 1_000_000n) > recordedAt - RACY_MS;
}

/**
 * The identities (`folderIdentity`) of the folders under `out` that hold
 * `files` (paths relative to it), by relative path, the output folder itself
 * left out. A file replaced or removed changes the time its folder's entries
 * last changed, not that of the folders above it: each is recorded.
 */
export function folderIdentities(out: string, files: Iterable<string>, recordedAt: number): Record<string, string> {
  const identities = Object.create(null) as Record<string, string>;
  const seen = new Set<string>();
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    if (slash === -1) continue;
    const folder = file.slice(0, slash);
    if (seen.has(folder)) continue;
    seen.add(folder);
    const identity = folderIdentity(join(out, folder), recordedAt);
    if (identity !== undefined) identities[folder] = identity;
  }
  return identities;
}
