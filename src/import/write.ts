import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { makeFolder } from '../io/folders.js';
import { basename, dirname, join } from 'node:path';
import type { EarlierAssignment, PlannedRelease } from './convert.js';
import { ID_PATTERN, SLUG_PATTERN } from '../core/schema.js';
import { systemErrorText } from '../io/system-errors.js';
import { isRunning } from '../io/processes.js';

/**
 * Writing imported releases without ever losing an edit. The destination
 * keeps a record of what the importer wrote (the SHA-256 of each file, and
 * of the post each was made from); a release whose content no longer
 * matches its record was changed by a person since, and is only replaced
 * with `--force`: it is kept while its post is unchanged, and refused, a
 * conflict for a person, once the post changed too. Every decision is made
 * before any file is written, and each file is written whole to a temporary
 * name beside it and renamed into place.
 */

export const RECORD_NAME = '.migration-news-import.json';

/**
 * `keep`: edited by hand since it was imported, while the import makes the same release of its post, or removed since:
 * the person's edit stands, and nothing is wrong.
 */
export type WriteAction = 'create' | 'update' | 'unchanged' | 'keep' | 'replace' | 'refuse';

export interface WriteDecision {
  release: PlannedRelease;
  action: WriteAction;
  /** Why a file is refused, kept, or replaced although edited. */
  reason?: string;
}

interface ImportRecord {
  version: 1;
  files: Record<string, string>;
  /** The id and slug each post was given, by its path in the site, so that the next run gives it the same (see `ImportSettings.earlier`). */
  posts: Record<string, EarlierAssignment>;
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/**
 * The record cannot be used: what is wrong with it, as a clause after its
 * name (`is not JSON: …`). Taken for no record, it made every release in the
 * destination a person's and gave posts' numbered ids and slugs anew.
 */
export class ImportRecordError extends Error {
  /** `newer`: a later version of the record, which a newer migration-news wrote. */
  constructor(readonly problem: string, readonly newer = false) {
    super(`${RECORD_NAME} ${problem}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `Expected ',' or '}' after property value at line 4, column 3`: V8's message, with a line and column for its position. */
function jsonProblem(text: string, cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const at = / in JSON at position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1])).split('\n');
    return lowerFirst(`${message.slice(0, at.index)} at line ${before.length}, column ${before.at(-1)!.length + 1}`);
  }
  // `Unexpected token 'x', "…the text…" is not valid JSON`: the text is the file's, and says nothing more.
  return lowerFirst(message.replace(/, ".*" is not valid JSON$/s, '').replace(/^Unexpected end of JSON input$/, 'it ends early'));
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

async function readRecord(to: string): Promise<ImportRecord> {
  const bytes = await readFile(join(to, RECORD_NAME)).catch((cause: unknown) => cause as NodeJS.ErrnoException);
  // No record: nothing in the destination was written by import, and every existing release counts as a person's.
  if (!Buffer.isBuffer(bytes) && (bytes.code === 'ENOENT' || bytes.code === 'ENOTDIR')) {
    return { version: 1, files: {}, posts: Object.create(null) as Record<string, EarlierAssignment> };
  }
  if (!Buffer.isBuffer(bytes)) throw new ImportRecordError(`cannot be read (${systemErrorText(bytes, 'error')})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportRecordError('is not UTF-8 text');
  }
  if (text.trim() === '') throw new ImportRecordError('is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ImportRecordError(`is not JSON: ${jsonProblem(text, cause)}`);
  }
  if (!isObject(data)) throw new ImportRecordError('holds no JSON object');
  if (typeof data.version === 'number' && data.version > 1) throw new ImportRecordError(`is of version ${data.version}, which a newer migration-news wrote; this one reads version 1`, true);
  if (data.version !== 1) throw new ImportRecordError('has no "version": 1');
  if (!isObject(data.files)) throw new ImportRecordError('has no "files" object, of the releases it wrote and their hashes');
  if (data.posts !== undefined && !isObject(data.posts)) throw new ImportRecordError('has a "posts" that is not an object');
  // Entries are kept only as an import writes them: anyone may commit the record.
  const files: Record<string, string> = {};
  for (const [path, hash] of Object.entries(data.files)) if (typeof hash === 'string' && isRecordedTarget(path)) files[path] = hash;
  // Without a prototype: a post's path is any text (`__proto__`). Only an id and a slug a release may have are kept.
  const posts = Object.create(null) as Record<string, EarlierAssignment>;
  for (const [path, given] of Object.entries(isObject(data.posts) ? data.posts : {})) {
    const { id, slug } = (given ?? {}) as Partial<EarlierAssignment>;
    if (typeof id === 'string' && ID_PATTERN.test(id) && typeof slug === 'string' && SLUG_PATTERN.test(slug)) posts[path] = { id, slug };
  }
  return { version: 1, files, posts };
}

/** The ids and slugs the importer gave each post when it last wrote into `to`, by the post's path in the site. */
export async function readEarlierAssignments(to: string): Promise<Map<string, EarlierAssignment>> {
  return new Map(Object.entries((await readRecord(to)).posts));
}

/**
 * Whether a path in a record is one an import writes: a release file, by a
 * path inside the destination. The record lies in a folder anyone may commit
 * to: `../../etc/passwd` in it made the report say whether that file exists.
 */
function isRecordedTarget(path: string): boolean {
  return /\.(?:md|markdown)$/i.test(path) && path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/[\\:]/.test(segment) && ![...segment].some((c) => c < ' '));
}

/** What would happen to each release; writes nothing. */
export async function decideWrites(to: string, releases: readonly PlannedRelease[], force: boolean): Promise<WriteDecision[]> {
  const record = await readRecord(to);
  const decisions: WriteDecision[] = [];
  const folders = new Map<string, string | undefined>();
  for (const release of releases) {
    const folder = dirname(release.target);
    if (!folders.has(folder)) folders.set(folder, await folderProblem(to, folder));
    decisions.push(await decideWrite(to, release, folders.get(folder), record, force));
  }
  return decisions;
}

/** What would happen to one release, with `inTheWay` in the way (`folderProblem`). */
async function decideWrite(to: string, release: PlannedRelease, inTheWay: string | undefined, record: ImportRecord, force: boolean): Promise<WriteDecision> {
  if (inTheWay) return { release, action: 'refuse', reason: inTheWay };
  const path = join(to, release.target);
  const info = await lstat(path).catch(() => undefined);
  // A release the import wrote of this post, gone since, was removed (or moved) by a person, whose choice stands: written
  // back, it would be published again at the next build.
  if (!info && !force && record.files[release.target] !== undefined && record.posts[release.source]?.id === release.id) {
    return { release, action: 'keep', reason: 'removed since it was imported; not written again (--force writes it)' };
  }
  if (!info) return { release, action: 'create' };
  if (info.isDirectory()) return { release, action: 'refuse', reason: 'a folder is in its place' };
  if (!info.isFile()) return force ? { release, action: 'replace', reason: 'not a regular file' } : { release, action: 'refuse', reason: 'a symbolic link or special file is in its place; --force replaces it' };
  const current = await readFile(path).catch((cause: unknown) => systemErrorText(cause, 'error'));
  if (typeof current === 'string') return { release, action: 'refuse', reason: `it cannot be read (${current})` };
  if (current.equals(Buffer.from(release.text, 'utf8'))) return { release, action: 'unchanged' };
  const recorded = record.files[release.target];
  if (recorded === sha256(current)) return { release, action: 'update' };
  if (force) return { release, action: 'replace', reason: 'edited since it was imported' };
  if (recorded === undefined) return { release, action: 'refuse', reason: 'it exists and was not written by import; --force replaces it' };
  // The hand fixes a report asked for are what a person does next: they stand for as long as the import makes the release it
  // wrote (its recorded hash), which the post, the site's configuration (a `defaults` that unpublishes it, a cascade, an expiry
  // past at --now) and the import itself decide. Once it makes another, a person has to carry that change into the edited file.
  // A post held until its date when it was imported, and published since, is the same publication: only the clock moved.
  if (recorded === sha256(release.text) || recorded === (release.heldText && sha256(release.heldText()))) return { release, action: 'keep', reason: 'edited by hand; the release the import makes of its post is unchanged since it was imported' };
  return { release, action: 'refuse', reason: 'it was edited since it was imported, and the release the import makes of its post changed since (the post, the site\'s configuration, or the import itself); --force replaces it' };
}

/** Why releases cannot be written into `to/folder`: a symbolic link or a file on the way. */
async function folderProblem(to: string, folder: string): Promise<string | undefined> {
  let current = to;
  for (const segment of folder.split('/')) {
    current = join(current, segment);
    const info = await lstat(current).catch(() => undefined);
    if (!info) return undefined;
    if (info.isSymbolicLink()) return `the folder ${segment} is a symbolic link; releases are not written through it`;
    if (!info.isDirectory()) return `${segment} is a file, not a folder`;
  }
  return undefined;
}

/** One file replaced whole: written beside its destination, then renamed over it. */
async function writeAtomic(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.import-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, path);
  } catch (cause) {
    await unlink(temporary).catch(() => undefined);
    throw cause;
  }
}

/**
 * Releases an earlier import wrote that this one does not produce (the post
 * was renamed, removed or is now skipped) and that are still there: they are
 * left alone, since a person may have taken them over, and only reported.
 */
export async function leftOver(to: string, releases: readonly PlannedRelease[]): Promise<string[]> {
  const record = await readRecord(to);
  const produced = new Set(releases.map((r) => r.target));
  const stale: string[] = [];
  for (const target of Object.keys(record.files).sort()) {
    if (produced.has(target)) continue;
    // Not through a symbolic link to a folder elsewhere, which would tell of a file there.
    if (await folderProblem(to, dirname(target))) continue;
    if ((await lstat(join(to, target)).catch(() => undefined))?.isFile()) stale.push(target);
  }
  return stale;
}

/** A write into the destination failed part-way; what was written before it is kept, and recorded. */
export class ImportWriteError extends Error {
  /** `unrecorded`: why the record of the files written before it could not be saved, if it could not. */
  constructor(readonly target: string, readonly reason: string, readonly written: number, readonly unrecorded?: string) {
    super(`cannot write ${target} (${reason})`);
  }
}

/** The temporary name a file is written under before it is renamed into place: `.name.import-<pid>-<hex>`. */
const TEMPORARY = /^\..+\.import-(\d+)-[0-9a-f]{8}$/;

/** Removes the temporary files an import killed part-way left in `folder`: only its own kind, of a process that is gone. */
async function removeLeftTemporaries(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    if ((await lstat(join(folder, name)).catch(() => undefined))?.isFile()) await unlink(join(folder, name)).catch(() => undefined);
  }
}

/**
 * Carries out the decisions and updates the record; returns how many files
 * were written. A write that fails stops the run with `ImportWriteError`,
 * after recording the files written before it, so that the next run knows
 * them for the importer's own.
 */
export async function applyWrites(to: string, decisions: readonly WriteDecision[]): Promise<number> {
  const record = await readRecord(to);
  let written = 0;
  const saveRecord = async () => {
    const sorted = Object.fromEntries(Object.entries(record.files).sort(([a], [b]) => (a < b ? -1 : 1)));
    const posts = Object.fromEntries(Object.entries(record.posts).sort(([a], [b]) => (a < b ? -1 : 1)));
    makeFolder(to);
    await writeAtomic(join(to, RECORD_NAME), `${JSON.stringify({ version: 1, files: sorted, posts }, null, 2)}\n`);
  };
  const cleaned = new Set<string>();
  for (const decision of decisions) {
    const { release, action } = decision;
    if (action === 'refuse') continue;
    if (action !== 'unchanged' && action !== 'keep') {
      const path = join(to, release.target);
      try {
        makeFolder(dirname(path));
        if (!cleaned.has(dirname(path))) {
          cleaned.add(dirname(path));
          await removeLeftTemporaries(dirname(path));
        }
        await writeAtomic(path, release.text);
      } catch (cause) {
        const unrecorded = await saveRecord().then(() => undefined, (failure: unknown) => systemErrorText(failure, 'error'));
        throw new ImportWriteError(release.target, systemErrorText(cause, 'error'), written, unrecorded);
      }
      written++;
    }
    // A release kept keeps the hash it was written with: it stays a person's, and the post's next change a conflict.
    if (action !== 'keep') record.files[release.target] = sha256(release.text);
    record.posts[release.source] = { id: release.id, slug: release.slug };
  }
  try {
    await saveRecord();
  } catch (cause) {
    const reason = systemErrorText(cause, 'error');
    throw new ImportWriteError(RECORD_NAME, reason, written, reason);
  }
  return written;
}
