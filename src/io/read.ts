import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { decodeUtf8Strict } from '../core/decode.js';
import type { Diagnostic, RuleId } from '../core/diagnostic.js';
import { FRESH } from '../core/objects.js';
import { systemErrorText } from './system-errors.js';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** `bom`: the bytes opened with a byte-order mark, which the decoder drops from `text` (see `withSignature`). */
export type ReadResult = { ok: true; text: string; bom: boolean; size: number; mtimeMs: number } | { ok: false; diagnostic: Diagnostic };

/**
 * A release's text as its bytes spell it, the byte-order mark the decoder
 * dropped put back, for `parseReleaseFile`: it takes one leading mark for
 * the encoding's signature and warns of any after it, which it cannot tell
 * apart from a signature once the decoder has dropped the real one.
 */
function withSignature(read: { text: string; bom: boolean }): string {
  return read.bom ? `\uFEFF${read.text}` : read.text;
}

const REASONS = {
  utf32: 'The file is encoded as UTF-32; the tool reads UTF-8 only.',
  utf16: 'The file is encoded as UTF-16; the tool reads UTF-8 only.',
  binary: 'The file is binary (it contains a NUL byte), not a text {what}.',
  utf8: 'The file is not valid UTF-8.',
} as const;

const TOO_LARGE_HINT = 'Split the release, or raise `limits.maxFileSize` in the config file.';

/**
 * A read's diagnostic with `hint` in place of the release's, when it is a
 * file over its limit: `limits.maxFileSize` raises a release's limit, never
 * that of the config file, a `template.yaml` or a labels file.
 */
export function withTooLargeHint(diagnostic: Diagnostic, hint: string): Diagnostic {
  return diagnostic.ruleId === 'file/too-large' ? { ...FRESH, ...diagnostic, hint } : diagnostic;
}

const failure = (display: string, ruleId: RuleId, message: string, hint?: string): { ok: false; diagnostic: Diagnostic } => ({
  ok: false,
  diagnostic: { file: display, line: 1, column: 1, severity: 'error', ruleId, message, ...(hint ? { hint } : {}) },
});

/**
 * The checks every text input passes, from a file or from standard input:
 * at most `maxSize` bytes, and strict UTF-8.
 */
export function decodeText(bytes: Uint8Array, display: string, maxSize = DEFAULT_MAX_FILE_SIZE, what: 'release' | 'file' = 'release'): { ok: true; text: string; bom: boolean; size: number } | { ok: false; diagnostic: Diagnostic } {
  if (bytes.length > maxSize) return failure(display, 'file/too-large', `The file is over the limit of ${maxSize} bytes.`, TOO_LARGE_HINT);
  const decoded = decodeUtf8Strict(bytes);
  if (!decoded.ok) {
    const saveAs = 'Save the file as UTF-8 text (in most editors: "Save with encoding" → UTF-8).';
    if (decoded.reason !== 'utf8') return failure(display, 'file/encoding', `${REASONS[decoded.reason].replace('{what}', what)} The first bad byte is at offset ${decoded.offset}.`, saveAs);
    // Where the editor shows it: the line, and the column in UTF-16 units of the valid text before it on that line, counted as
    // every other diagnostic is: CRLF and a lone CR end a line as LF does (a file saved by an old Mac editor has no LF at all),
    // and a byte-order mark is no column (the decoder drops it).
    const valid = new TextDecoder('utf-8').decode(bytes.subarray(0, decoded.offset));
    let line = 1;
    let lineStart = 0;
    for (const lineBreak of valid.matchAll(/\r\n?|\n/g)) {
      line++;
      lineStart = lineBreak.index + lineBreak[0].length;
    }
    const column = valid.length - lineStart + 1;
    const result = failure(display, 'file/encoding', `${REASONS.utf8} The first bad byte is at offset ${decoded.offset} (line ${line}, column ${column}).`,
      looksLikeWindows1251(bytes) ? `It looks like Cyrillic text in Windows-1251, as older Windows editors save it. ${saveAs}` : saveAs);
    return { ok: false, diagnostic: { ...FRESH, ...result.diagnostic, line, column } };
  }
  return { ok: true, text: decoded.text, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, size: bytes.length };
}

/** Each byte as Windows-1251 reads it. */
let windows1251: string | undefined;

/**
 * Whether bytes that are not UTF-8 read as Cyrillic text in Windows-1251
 * (Russian saved by an older Windows editor): nearly all of their bytes past
 * ASCII are Cyrillic letters there, and they stand in words of their own,
 * not between Latin letters, as the accented letters of Turkish,
 * Azerbaijani or French saved in Windows-1254 or 1252 do.
 */
function looksLikeWindows1251(bytes: Uint8Array): boolean {
  windows1251 ??= new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  const isLatin = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
  const end = Math.min(bytes.length, 64 * 1024);
  let high = 0;
  let cyrillic = 0;
  let amidLatin = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high++;
    const code = windows1251.charCodeAt(b);
    if (code >= 0x0400 && code <= 0x04ff) cyrillic++;
    if (isLatin(bytes[i - 1]) || isLatin(bytes[i + 1])) amidLatin++;
  }
  return high >= 4 && cyrillic >= 0.9 * high && amidLatin <= 0.2 * high;
}

export type BytesResult = { ok: true; bytes: Uint8Array; size: number; mtimeMs: number } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads a file's bytes, refusing anything but a regular file of at most
 * `maxSize` bytes before reading it. Synchronous, on one descriptor: for the
 * many small files of an archive far cheaper than a FileHandle each, and
 * build threads have nothing else to do meanwhile.
 */
export function readBytesSync(path: string, display: string, maxSize = DEFAULT_MAX_FILE_SIZE): BytesResult {
  return withRegularFile(path, display, maxSize, (fd, info) => {
    // Read one byte past the limit, in case the file grew since stat.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxSize) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    return { ok: true, bytes: buffer.subarray(0, length), size: length, mtimeMs: info.mtimeMs };
  });
}

/**
 * The first `length` bytes of a regular file of any size (fewer when it is
 * shorter), or undefined when it cannot be read: what a file over the size
 * limit still says of itself in its front matter (see `undecodedOutcome`).
 */
export function readHeadSync(path: string, length: number): Uint8Array | undefined {
  const head = withRegularFile(path, path, Infinity, (fd) => {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    for (let bytesRead = -1; bytesRead !== 0 && filled < length; filled += bytesRead) bytesRead = readSync(fd, buffer, filled, length - filled, filled);
    return { ok: true as const, bytes: buffer.subarray(0, filled) };
  });
  return head.ok ? head.bytes : undefined;
}

/**
 * Opens `path` and hands `read` its descriptor and stat when it is a regular
 * file of at most `maxSize` bytes; a failure to open, stat or read is a
 * diagnostic. The descriptor is closed after.
 */
function withRegularFile<T>(path: string, display: string, maxSize: number, read: (fd: number, info: Stats) => T | { ok: false; diagnostic: Diagnostic }): T | { ok: false; diagnostic: Diagnostic } {
  const unreadable = (cause: unknown) => failure(display, 'file/unreadable', `The file cannot be read (${systemErrorText(cause, 'error')}).`);
  let fd: number;
  try {
    // Without O_NONBLOCK, opening a named pipe waits for a writer forever; it is refused below as not a regular file.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (cause) {
    return unreadable(cause);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return failure(display, 'file/unreadable', 'The path is not a regular file.');
    if (info.size > maxSize) return failure(display, 'file/too-large', `The file is ${info.size} bytes, over the limit of ${maxSize} bytes.`, TOO_LARGE_HINT);
    return read(fd, info);
  } catch (cause) {
    return unreadable(cause);
  } finally {
    closeSync(fd);
  }
}

/** Reads a text file as strict UTF-8, refusing files over `maxSize` bytes before reading them: a template, the config, a labels file, a post to import, no release. */
export function readTextFileSync(path: string, display: string, maxSize = DEFAULT_MAX_FILE_SIZE): ReadResult {
  const read = readBytesSync(path, display, maxSize);
  if (!read.ok) return read;
  const decoded = decodeText(read.bytes, display, maxSize, 'file');
  return decoded.ok ? { ...FRESH, ...decoded, mtimeMs: read.mtimeMs } : decoded;
}

/** `readTextFileSync` for callers that await: the reading itself is synchronous (see `readBytesSync`). */
export async function readTextFile(path: string, display: string, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  return readTextFileSync(path, display, maxSize);
}

/** A release file's text as `parseReleaseFile` takes it: as its bytes spell it, a leading byte-order mark included. */
export type ReleaseText = { ok: true; text: string; size: number } | { ok: false; diagnostic: Diagnostic };

/**
 * Decodes a release file's bytes: the one way every reader of a release
 * (check, build threads, the labels check, `new`, `import`, `--fix`) turns
 * them into text, so that each treats the start of the file alike (see
 * `withSignature`).
 */
export function decodeRelease(bytes: Uint8Array, display: string, maxSize = DEFAULT_MAX_FILE_SIZE): ReleaseText {
  const decoded = decodeText(bytes, display, maxSize);
  return decoded.ok ? { ok: true, text: withSignature(decoded), size: decoded.size } : decoded;
}

/** Reads a release file as `decodeRelease` decodes it. */
export function readReleaseFileSync(path: string, display: string, maxSize = DEFAULT_MAX_FILE_SIZE): (ReleaseText & { ok: false }) | { ok: true; text: string; size: number; mtimeMs: number } {
  const read = readBytesSync(path, display, maxSize);
  if (!read.ok) return read;
  const decoded = decodeRelease(read.bytes, display, maxSize);
  return decoded.ok ? { ...FRESH, ...decoded, mtimeMs: read.mtimeMs } : decoded;
}

/** `readReleaseFileSync` for callers that await. */
export async function readReleaseFile(path: string, display: string, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<ReturnType<typeof readReleaseFileSync>> {
  return readReleaseFileSync(path, display, maxSize);
}

/** How much of a release `readFrontMatterSync` reads at first: the whole front matter of nearly every release. */
const FRONT_MATTER_CHUNK = 4096;

/**
 * Where the line that is exactly `---` after the first line ends in `bytes`
 * (after its dashes), or -1: the front matter's closing line, as
 * `parseReleaseFile` finds it once line ends are `\n`. A line break byte is
 * never part of another character in UTF-8, so bytes can be searched.
 */
function closingLineEnd(bytes: Uint8Array, complete: boolean): number {
  for (let at = bytes.indexOf(0x2d); at !== -1; at = bytes.indexOf(0x2d, at + 1)) {
    const before = bytes[at - 1];
    if ((before !== 0x0a && before !== 0x0d) || bytes[at + 1] !== 0x2d || bytes[at + 2] !== 0x2d) continue;
    const after = bytes[at + 3];
    if (after === 0x0a || after === 0x0d || (after === undefined && complete)) return at + 3;
  }
  return -1;
}

/**
 * A release file's text from its start to the end of its front matter's
 * closing `---` (all of it when there is none), as `decodeRelease` decodes
 * it, for what `parseReleaseFile` reads of the front matter alone: only the
 * first few kilobytes of each file are read, so that a search of every
 * release of an archive (`new` looking for the slug it is about to give)
 * does not read their bodies. A file over `maxSize` bytes is refused before
 * it is read, as a whole read refuses it.
 */
export function readFrontMatterSync(path: string, display: string, maxSize = DEFAULT_MAX_FILE_SIZE): ReleaseText {
  return withRegularFile(path, display, maxSize, (fd, info): ReleaseText => {
    let buffer = Buffer.allocUnsafe(Math.min(info.size + 1, FRONT_MATTER_CHUNK));
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      length += bytesRead;
      const complete = bytesRead === 0 || length < buffer.length;
      const end = closingLineEnd(buffer.subarray(0, length), complete);
      if (end !== -1) return decodeRelease(buffer.subarray(0, end), display, maxSize);
      // Past the limit the file grew since stat: the decoder refuses it as a whole read does.
      if (complete || length > maxSize) return decodeRelease(buffer.subarray(0, length), display, maxSize);
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 4, maxSize + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
  });
}
