import { checkCollection, type IndexEntry } from '../core/collection.js';
import { checkSiteLinks } from '../core/site-links.js';
import { publicationOf, type PublicationMode } from '../core/publication.js';
import { attachSourceLines, compareDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { frontMatterLineShown } from '../core/invisible.js';
import { lexBody, type BodyTokens } from '../core/markdown.js';
import { MAX_FRONT_MATTER_LENGTH, normaliseText, parseReleaseFile } from '../core/parse.js';
import type { Config } from '../core/schema.js';
import type { LocalImageRef } from '../core/images.js';
import { validateRelease, type FailedPublication, type Release, type ValidateOptions, type ValidationResult } from '../core/validate.js';
import type { InputFile } from '../io/find.js';
import { decodeRelease, readBytesSync, readHeadSync, readReleaseFileSync } from '../io/read.js';
import { decodeLossy } from '../core/decode.js';
import { maxFileSize, type Project } from './project.js';
import { FRESH, ownStrings } from '../core/objects.js';

/**
 * Checking: every file on its own (read, parse, validate), then the checks
 * across files. What is kept of a valid release is its metadata and where
 * its body is, never the body itself, so that an archive of any size fits.
 */

/** Where a checked release's body is, so that rendering can read it again without parsing the front matter twice. */
export interface SourceStamp {
  path: string;
  size: number;
  mtimeMs: number;
  /** Offset of the body in the normalised text (`ParsedFile.bodyStart`). */
  bodyStart: number;
}

/** A release that passed its checks, as a thread gives it back: its metadata (small) and where its body is. */
export interface ValidRelease {
  release: Release;
  source: SourceStamp;
}

/** A valid release with its entry in the collection's index. */
export interface CheckedRelease extends ValidRelease {
  entry: IndexEntry;
}

export interface TextCheck extends ValidationResult {
  /** Offset of the body in the normalised text. */
  bodyStart: number;
}

/** Parses and validates one release's text. */
export function checkText(text: string, display: string, options: ValidateOptions): TextCheck {
  const parsed = parseReleaseFile(text, display);
  const result = validateRelease(parsed, options);
  if (result.diagnostics.length > 0) {
    attachSourceLines(result.diagnostics, display, parsed.text);
    const lastFieldLine = parsed.closeLine > 0 ? parsed.closeLine : parsed.bodyLine - 1;
    for (const d of result.diagnostics) if (d.sourceLine !== undefined && d.file === display && d.line <= lastFieldLine) d.sourceLine = frontMatterLineShown(d.sourceLine);
  }
  return { ...FRESH, ...result, bodyStart: parsed.bodyStart };
}

/** Checks one release given as bytes (standard input): the same size and encoding checks as a file, then `checkText`. */
export function checkBytes(bytes: Uint8Array, display: string, options: ValidateOptions): ValidationResult {
  const decoded = decodeRelease(bytes, display, maxFileSize(options.config));
  if (!decoded.ok) return undecodedOutcome(bytes, decoded.diagnostic, display, options);
  return checkText(decoded.text, display, options);
}

/**
 * Bytes read of a file that is refused for its encoding or its size, for
 * what its front matter says of its publication: a front matter of
 * `MAX_FRONT_MATTER_LENGTH` characters in UTF-32, whole (a multiple of 4 bytes).
 */
export const REFUSED_FILE_READ = MAX_FRONT_MATTER_LENGTH * 4;

/**
 * The outcome of a file whose bytes are refused (`file/encoding`: one byte
 * of Windows-1252 pasted in, a file saved as UTF-16; `file/too-large`): that
 * one error, and what its front matter, read from its first bytes as well as
 * it can be (`decodeLossy`), says of whether its release is public, so that
 * a release pulled back to `draft` in the same edit that broke its encoding
 * or made it too large has its earlier pages taken down, as one with any
 * other error has (`ValidationResult.publication`). Only the front matter is
 * checked, never the body. `head` is the file's first bytes, or all of them.
 */
export function undecodedOutcome(head: Uint8Array | undefined, diagnostic: Diagnostic, display: string, options: ValidateOptions): ValidationResult {
  if (head === undefined || (diagnostic.ruleId !== 'file/encoding' && diagnostic.ruleId !== 'file/too-large')) return { diagnostics: [diagnostic] };
  const whole = parseReleaseFile(decodeLossy(head.subarray(0, REFUSED_FILE_READ)), display);
  // The front matter again without the body that followed it.
  const parsed = whole.bodyStart < whole.text.length ? parseReleaseFile(whole.text.slice(0, whole.bodyStart), display) : whole;
  const read = validateRelease(parsed, options);
  const facts = read.release;
  const publication: FailedPublication | undefined = read.publication ?? (facts && {
    status: facts.status, ...(facts.embargo !== undefined ? { embargo: facts.embargo } : {}),
    ...(facts.withdrawn_date !== undefined ? { withdrawn_date: facts.withdrawn_date } : {}), statusAt: facts.statusAt,
  });
  return publication ? { diagnostics: [diagnostic], publication } : { diagnostics: [diagnostic] };
}

/** `undecodedOutcome` of a file that could not be read whole: its first bytes are read for it when it is too large. */
export function unreadOutcome(path: string, diagnostic: Diagnostic, display: string, options: ValidateOptions): ValidationResult {
  return diagnostic.ruleId === 'file/too-large' ? undecodedOutcome(readHeadSync(path, REFUSED_FILE_READ), diagnostic, display, options) : { diagnostics: [diagnostic] };
}

/** Reads, parses and validates one release file: the unit of work for every command. Synchronous: see `readBytesSync`. */
export function checkFile(file: InputFile, options: ValidateOptions): ValidationResult & { source?: SourceStamp } {
  if (file.refused) return { diagnostics: [file.refused] };
  const maxSize = maxFileSize(options.config);
  const read = readBytesSync(file.path, file.display, maxSize);
  if (!read.ok) return unreadOutcome(file.path, read.diagnostic, file.display, options);
  const decoded = decodeRelease(read.bytes, file.display, maxSize);
  if (!decoded.ok) return undecodedOutcome(read.bytes, decoded.diagnostic, file.display, options);
  const result = checkText(decoded.text, file.display, options);
  return { ...FRESH, ...result, source: { path: file.path, size: read.size, mtimeMs: read.mtimeMs, bodyStart: result.bodyStart } };
}

/** What the whole run keeps of a release: see `IndexEntry`. */
export function indexEntry(release: Release): IndexEntry {
  return {
    file: release.file, id: release.id, lang: release.lang, slug: release.slug, title: release.title,
    date: release.date, status: release.status, ...(release.embargo !== undefined ? { embargo: release.embargo } : {}),
    ...(release.withdrawn_date !== undefined ? { withdrawn_date: release.withdrawn_date } : {}),
    ...(release.aliases !== undefined ? { aliases: release.aliases } : {}),
    ...(release.aliasesAt !== undefined ? { aliasesAt: release.aliasesAt } : {}),
    slugAt: release.slugAt, idAt: release.idAt, dateAt: release.dateAt, statusAt: release.statusAt,
    ...(release.bodyDigest !== undefined ? { bodyDigest: release.bodyDigest } : {}),
  };
}

export interface CheckResult {
  /** Every valid release's metadata, in file order. */
  index: IndexEntry[];
  /** The valid releases, in file order. */
  releases: CheckedRelease[];
  /** Every problem found, sorted. */
  diagnostics: Diagnostic[];
  /** Files with an error (of their own, or across files such as a duplicate slug). */
  failedFiles: ReadonlySet<string>;
  /** The status and embargo of files with errors, by file, where they could be read: from the front matter of one with errors of its own (`ValidationResult.publication`), or the entry of one that fails only across files. */
  failedPublication: ReadonlyMap<string, FailedPublication>;
  /** The local images files with errors of their own name, where they could be read (`ValidationResult.localImages`), in file order: looked for all the same. */
  failedImages: FailedImages[];
  fileCount: number;
}

/** A file with errors, and the local images it names. */
export interface FailedImages {
  /** The file as diagnostics name it. */
  file: string;
  /** Where it is: its images are looked for from its folder. */
  path: string;
  localImages: LocalImageRef[];
}

/** What checking one file gives: its diagnostics, and the release when it has no errors. */
export interface CheckOutcome {
  diagnostics: Diagnostic[];
  /** The release and where its body is; its index entry is made once, by `checkProject`. */
  checked?: ValidRelease;
  /** Without a release: its status and embargo, where they could be read. */
  publication?: FailedPublication;
  /** Without a release: the local images it names, where they could be read. */
  localImages?: LocalImageRef[];
}

/** A file's outcome: its release when it has one, else what could be read of its publication. */
export function outcomeOf(result: ValidationResult, checked: ValidRelease | undefined): CheckOutcome {
  if (checked) return { diagnostics: result.diagnostics, checked };
  return { diagnostics: result.diagnostics, ...(result.publication ? { publication: result.publication } : {}), ...(result.localImages ? { localImages: result.localImages } : {}) };
}

/** Checks one file on the calling thread; what is kept of it does not keep its text (see `ownStrings`), as a thread's outcome does not. */
export function checkOne(file: InputFile, options: ValidateOptions): CheckOutcome {
  const result = checkFile(file, options);
  return ownStrings(outcomeOf(result, result.release && result.source ? { release: result.release, source: result.source } : undefined));
}

/**
 * Checks files and hands each outcome to `onResult` in file order; a build
 * passes one that spreads the work over threads and reuses earlier checks.
 */
export type FileChecker = (files: readonly InputFile[], onResult: (outcome: CheckOutcome, index: number) => void) => Promise<void>;

const checkOnThisThread = (options: ValidateOptions): FileChecker => async (files, onResult) => {
  files.forEach((file, i) => onResult(checkOne(file, options), i));
};

/**
 * Checks every file of the project, then the rules across files: the links
 * of the releases `mode` writes to the others' pages among them.
 */
export async function checkProject(project: Project, now: number, checkFiles: FileChecker = checkOnThisThread({ config: project.config, now }), mode: PublicationMode = 'public'): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [...project.diagnostics];
  const releases: CheckedRelease[] = [];
  const failedPublication = new Map<string, FailedPublication>();
  const failedImages: FailedImages[] = [];
  await checkFiles(project.files, (outcome, i) => {
    // A loop, not push(...spread): a file can have more diagnostics than a call has room for arguments.
    for (const d of outcome.diagnostics) diagnostics.push(d);
    if (outcome.checked) releases.push(compactRelease(outcome.checked));
    else {
      const file = project.files[i]!;
      if (outcome.publication) failedPublication.set(file.display, outcome.publication);
      if (outcome.localImages) failedImages.push({ file: file.display, path: file.path, localImages: outcome.localImages });
    }
  });
  const index = releases.map((r) => r.entry);
  for (const d of checkCollection(index, project.config.rules, now)) diagnostics.push(flatDiagnostic(d));
  const { config } = project;
  // A release that fails is written by no build; one whose status says it is not public is not to be told of by a link either.
  const failing = [...failedPublication].flatMap(([file, { lang, slug, aliases, ...facts }]) => (lang !== undefined && slug !== undefined ? [{ ...FRESH, ...facts, file, lang, slug, aliases }] : []))
    .filter((release) => !publicationOf(release, now, config.timezone).public);
  for (const d of checkSiteLinks([...releases.map((r) => r.release), ...failing], { now, timeZone: config.timezone, mode, rules: config.rules, withdrawnNotices: config.withdrawnNotices })) diagnostics.push(d);
  diagnostics.sort(compareDiagnostics);
  const failedFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  // A release that fails only across files (a duplicate slug) has its entry to say whether it is public.
  for (const entry of index) if (failedFiles.has(entry.file)) failedPublication.set(entry.file, entry);
  return { index, releases, diagnostics, failedFiles, failedPublication, failedImages, fileCount: project.files.length };
}

/**
 * A checked release as the run keeps it: its index entry and places share
 * the release's strings. A release that comes from another thread, or from
 * the incremental record, has a copy of each string (the file name, the
 * title, ...) wherever it appears, and the run keeps every release until it
 * ends.
 */
function compactRelease(checked: ValidRelease): CheckedRelease {
  const { release } = checked;
  const places = [release.slugAt, release.idAt, release.dateAt, release.statusAt, ...(release.aliasesAt ?? [])];
  for (const place of places) if (place.file === release.file) place.file = release.file;
  return { ...FRESH, ...checked, entry: indexEntry(release) };
}

/**
 * A diagnostic whose texts are each one string: a message put together from
 * parts is a tree of them until it is read, several times its length, and a
 * large archive can have a warning for every release. Reading a character
 * makes V8 flatten a string in place.
 */
function flatDiagnostic(d: Diagnostic): Diagnostic {
  d.message.charCodeAt(0);
  d.hint?.charCodeAt(0);
  d.related?.message?.charCodeAt(0);
  return d;
}

export type LoadedBody = { ok: true; body: BodyTokens } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads a checked release's body again for rendering. The file must be the
 * one that was checked: a file changed during the run is an error, not a
 * page built from text nobody validated.
 */
export function loadBody(item: ValidRelease, config: Config): LoadedBody {
  const file = item.release.file;
  const read = readReleaseFileSync(item.source.path, file, maxFileSize(config));
  if (!read.ok) return { ok: false, diagnostic: read.diagnostic };
  if (read.size !== item.source.size || read.mtimeMs !== item.source.mtimeMs) {
    return { ok: false, diagnostic: { file, line: 1, column: 1, severity: 'error', ruleId: 'file/changed', message: 'The file changed while the build was running; it was not built.', hint: 'Run the build again.' } };
  }
  const lexed = lexBody(normaliseText(read.text).slice(item.source.bodyStart));
  if (!lexed.ok) return { ok: false, diagnostic: { file, line: lexed.line, column: 1, severity: 'error', ruleId: 'content/too-complex', message: lexed.message } };
  return { ok: true, body: lexed.body };
}
