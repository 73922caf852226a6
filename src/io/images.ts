import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { HEIF } from 'image-size/types/heif';
import { ICNS } from 'image-size/types/icns';
import { heifImageSize } from '../core/image-boxes.js';
import { displaySize, imageFilePath, SVG_TOO_DEEP, SVG_TOO_WIDE, svgActiveContent, WEB_IMAGE_TYPES } from '../core/images.js';
import { linkEscape, realAndWay, realFolderOf, WayCache } from './confine.js';
import { isInside } from './paths.js';
import { displayPath } from './find.js';
import { systemErrorText } from './system-errors.js';
import { excerpt, quote } from '../core/text.js';

/**
 * The I/O half of local images (see `src/core/images.ts`): finds the file a
 * release's relative image address names, holds it to the project, and
 * reads its format and size from the first bytes only.
 */

/** How much of an image's address, and of its path, a message quotes: an address is as long as whoever wrote the release made it. */
const QUOTED = 200;
const quoted = (src: string) => quote(src, QUOTED);

/** Largest local image copied into a build: far above any photograph a press release carries. */
export const MAX_IMAGE_SIZE = 32 * 1024 * 1024;
/** Bytes read to find an image's format and size: a JPEG's size may follow a large EXIF block. */
export const IMAGE_HEADER_BYTES = 512 * 1024;

/** A local image that can be copied: its real path, format and the size a page shows it at. */
export interface FoundImage {
  ok: true;
  /** The real path of the file (links resolved), to copy from. */
  real: string;
  /** The format, as `image-size` names it (`png`, `jpg`, `svg` …), one of `WEB_IMAGE_TYPES`. */
  type: string;
  width?: number;
  height?: number;
  /** The file's size in bytes. */
  bytes: number;
  /** The file's size, modification time, inode and change time when it was looked at: a copy made from the same stamp is the same copy. */
  stamp: string;
  /** The later of the file's modification and change times, and when they were read (ms since the epoch): a stamp that recent may not show a change made since. */
  changedMs: number;
  seenAt: number;
}

export type ImageLookup = FoundImage | { ok: false; message: string; hint: string };

const TYPE_NAMES: Readonly<Record<string, string>> = {
  tiff: 'a TIFF image', psd: 'a Photoshop document', heif: 'a HEIF/HEIC photo', heic: 'a HEIF/HEIC photo', bmp: 'a BMP image', ico: 'an icon file', cur: 'a cursor file',
  jp2: 'a JPEG 2000 image', j2c: 'a JPEG 2000 codestream', jxl: 'a JPEG XL image', 'jxl-stream': 'a JPEG XL image', dds: 'a DirectDraw texture',
  icns: 'a macOS icon file', ktx: 'a KTX texture', pnm: 'a PNM image', tga: 'a TGA image',
};
const CONVERT = 'Convert it to JPEG (photographs) or PNG (graphics), or link an http(s) copy instead.';

/**
 * The folders a check run may take local images from, and the names it has
 * read in the folders of missing images, for their hints. One is made for
 * each run (`imageFolders`), never kept across runs: `serve` builds again
 * after files were added or renamed, and a listing kept from before would
 * hint at a file that is gone.
 */
export class ImageSearch {
  /** Each folder's names by their lower case, by the folder's path as an address reached it. */
  readonly #byPath = new Map<string, Promise<ReadonlyMap<string, string>>>();
  /** The same by the folder's real path: many addresses (`a/../a/`, a link to it) may reach one folder. */
  readonly #byReal = new Map<string, Promise<ReadonlyMap<string, string>>>();

  /** What `linkEscape` says of a path where nothing is, by its folder (see `look`). */
  readonly #missingEscapes = new Map<string, Promise<string | undefined>>();

  /** The walk of each folder on the way to an image behind a link (see `WayCache`). */
  readonly #ways = new WayCache();

  /** `realFolderOf` each release file (see `realFolderOf` below). */
  readonly #realFolders = new Map<string, Promise<string>>();

  /** `allowed` are the real paths of the folders the project's files may lie in. */
  constructor(readonly allowed: readonly string[]) {}

  /**
   * `linkEscape` of an image's path, once per folder for the paths where
   * nothing is: its verdict on those is its folder's (whether the way to it
   * leads out), and a release's thousands of missing images behind a link
   * in a circle walked that link forty times each (54,000 took 3 minutes).
   * And whether nothing is at `path` (the look failed with ENOENT or
   * ENOTDIR): the image is then missing without a look at its real path,
   * which would fail the same way.
   */
  async look(path: string): Promise<{ escape: string | undefined; missing: boolean }> {
    const code = await lstat(path).then(() => undefined, (cause: unknown) => String((cause as NodeJS.ErrnoException).code));
    if (code === undefined) return { escape: await linkEscape(path, this.allowed, this.#ways), missing: false };
    const folder = dirname(path);
    let escape = this.#missingEscapes.get(folder);
    if (escape === undefined) {
      escape = linkEscape(path, this.allowed, this.#ways);
      this.#missingEscapes.set(folder, escape);
    }
    return { escape: await escape, missing: code === 'ENOENT' || code === 'ENOTDIR' };
  }

  /** What reading each image file found, by its real path and stamp (see `inspect`). */
  readonly #verdicts = new Map<string, Promise<ImageVerdict>>();

  /**
   * `inspectImage` of the file at `real`, once per run while its stamp is
   * the same, however many addresses name it (`a.svg`, `./a.svg`,
   * `x/../a.svg`) in however many releases: each address of a 32 MiB SVG
   * read and parsed it again, 3 s each, and a body may name 10,000.
   */
  inspect(real: string, stamp: string, size: number): Promise<ImageVerdict> {
    const key = `${real}\0${stamp}`;
    let verdict = this.#verdicts.get(key);
    if (verdict === undefined) {
      verdict = inspectImage(real, size);
      this.#verdicts.set(key, verdict);
    }
    return verdict;
  }

  /** The real folder of each release file, looked up once per run: each of its images is found from it. */
  realFolderOf(releasePath: string): Promise<string> {
    let real = this.#realFolders.get(releasePath);
    if (real === undefined) {
      real = realFolderOf(releasePath);
      this.#realFolders.set(releasePath, real);
    }
    return real;
  }

  /**
   * The names in `folder` by their lower case (the first of a spelling),
   * read once per run: 5,000 distinct missing images read one folder 5,000
   * times (12 s). None for a folder whose real path, through any link on
   * the way, is outside the project: a hint naming a file there would tell
   * whoever writes a release which files exist elsewhere on the machine.
   */
  namesIn(folder: string): Promise<ReadonlyMap<string, string>> {
    let names = this.#byPath.get(folder);
    if (names === undefined) {
      names = this.#read(folder);
      this.#byPath.set(folder, names);
    }
    return names;
  }

  async #read(folder: string): Promise<ReadonlyMap<string, string>> {
    // Out of the project, through a link out or one that goes out and comes back (`../elsewhere/../photos`), which the
    // system follows only when what it passes exists.
    const { real, out } = await realAndWay(folder, this.allowed, this.#ways);
    if (real === undefined || out) return NO_NAMES;
    let names = this.#byReal.get(real);
    if (names === undefined) {
      names = readdir(real).then(byLowerCase, () => NO_NAMES);
      this.#byReal.set(real, names);
    }
    return names;
  }
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();

function byLowerCase(names: readonly string[]): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!found.has(key)) found.set(key, name);
  }
  return found;
}

/**
 * Finds the image `src` of the release file at `releasePath` (as found,
 * absolute), in the folders of `search`; `cwd` is for the paths shown in
 * messages.
 */
export async function findImage(releasePath: string, src: string, search: ImageSearch, cwd: string): Promise<ImageLookup> {
  const { allowed } = search;
  const relativePath = imageFilePath(src);
  if (relativePath === undefined) return { ok: false, message: `The image address ${quoted(src)} does not name a file (it has a broken %-escape or a NUL character).`, hint: 'Write the path to the image file, relative to the release file, such as photos/centre.jpg.' };
  // From the release's real folder, so that the containment check compares real paths with real paths.
  const path = resolve(await search.realFolderOf(releasePath), relativePath);
  const shown = excerpt(displayPath(path, cwd), QUOTED);
  if (!allowed.some((folder) => isInside(path, folder))) {
    return { ok: false, message: `The image ${quoted(src)} is outside the project (${shown}); a build copies only images from the project's own folders.`, hint: 'Move the image into the project, next to the release or in a folder beside it, and point to it there.' };
  }
  const { escape, missing } = await search.look(path);
  if (escape) return { ok: false, message: `The image ${quoted(src)} (${shown}) is not copied. ${escape}`, hint: 'Put the image file itself in the project instead of a link to it.' };
  if (missing) return notThere(src, path, shown, search);
  let real: string;
  let size: number;
  let stamp: string;
  let changedMs: number;
  let seenAt: number;
  try {
    real = await realpath(path);
    const info = await stat(real);
    if (!info.isFile()) return { ok: false, message: `The image ${quoted(src)} (${shown}) is not a file.`, hint: 'Point to the image file itself, relative to the release file.' };
    size = info.size;
    stamp = `${info.size}:${info.mtimeMs}:${info.ino}:${info.ctimeMs}`;
    changedMs = Math.max(info.mtimeMs, info.ctimeMs);
    seenAt = Date.now();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return notThere(src, path, shown, search);
    return { ok: false, message: `The image ${quoted(src)} (${shown}) cannot be read (${code ?? String(cause)}).`, hint: 'Check the file\'s permissions.' };
  }
  if (size > MAX_IMAGE_SIZE) {
    return { ok: false, message: `The image ${quoted(src)} (${shown}) is ${(size / 1024 / 1024).toFixed(1)} MiB, over the limit of ${MAX_IMAGE_SIZE / 1024 / 1024} MiB for an image on a page.`, hint: 'Scale the picture down for the web (2,000 pixels across is plenty) and save it again.' };
  }
  const verdict = await search.inspect(real, stamp, size);
  switch (verdict.kind) {
    case 'image':
      return { ok: true, real, type: verdict.type, ...displaySize(verdict), bytes: size, stamp, changedMs, seenAt };
    case 'unreadable':
      return { ok: false, message: `The image ${quoted(src)} (${shown}) cannot be read (${verdict.reason}).`, hint: 'Check the file\'s permissions.' };
    case 'unknown':
      return { ok: false, message: `The file ${quoted(src)} (${shown}) is not an image the tool can read${size === 0 ? ' (it is empty)' : ''}.`, hint: `Point to a PNG, JPEG, GIF, WebP, AVIF or SVG file. ${size === 0 ? '' : 'A file whose name ends in .jpg or .png may be something else, or cut short.'}`.trim() };
    case 'not-for-the-web':
      return { ok: false, message: `The image ${quoted(src)} (${shown}) is ${TYPE_NAMES[verdict.type] ?? `in the ${verdict.type} format`}, which browsers do not show.`, hint: CONVERT };
    case 'active':
      if (verdict.active === SVG_TOO_DEEP) {
        return { ok: false, message: `The SVG image ${quoted(src)} (${shown}) has ${SVG_TOO_DEEP}, too deep to check for active content; it is not copied.`, hint: 'Ungroup the picture\'s nested groups and export it again, or save it as PNG.' };
      }
      if (verdict.active === SVG_TOO_WIDE) {
        return { ok: false, message: `The SVG image ${quoted(src)} (${shown}) has ${SVG_TOO_WIDE}, too many to check for active content; it is not copied.`, hint: 'Export the picture again from the drawing program, or save it as PNG.' };
      }
      return { ok: false, message: `The SVG image ${quoted(src)} (${shown}) holds active content (${verdict.active}), which would run on the site when the copy is opened; it is not copied.`, hint: 'Export the picture again without scripts, event handlers and embedded documents (draw.io embeds HTML for labels with formatted text: turn that off), as UTF-8, or save it as PNG.' };
  }
}

/** What reading an image file found, whatever address named it. */
type ImageVerdict =
  | { kind: 'image'; type: string; width?: number; height?: number; orientation?: number | undefined }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'unknown' }
  | { kind: 'not-for-the-web'; type: string }
  | { kind: 'active'; active: string };

/** Reads the image file at `real` (its real path), of `size` bytes: its format and size, and for an SVG whether it holds active content. */
async function inspectImage(real: string, size: number): Promise<ImageVerdict> {
  let header: Uint8Array;
  try {
    header = await readHead(real, Math.min(size, IMAGE_HEADER_BYTES));
  } catch (cause) {
    return { kind: 'unreadable', reason: systemErrorText(cause) };
  }
  let found: ReturnType<typeof readImageSize>;
  try {
    found = readImageSize(header);
  } catch {
    return { kind: 'unknown' };
  }
  const type = found.type ?? '';
  if (!Object.hasOwn(WEB_IMAGE_TYPES, type)) return { kind: 'not-for-the-web', type };
  if (type === 'svg') {
    // An SVG is a document: opened at its own address, its script runs with the site's rights. One that could is not copied.
    let bytes: Uint8Array;
    try {
      bytes = size <= header.length ? header : await readHead(real, size);
    } catch (cause) {
      return { kind: 'unreadable', reason: systemErrorText(cause) };
    }
    const active = svgActiveContent(bytes);
    if (active) return { kind: 'active', active };
  }
  return { kind: 'image', type, ...(found.width !== undefined ? { width: found.width } : {}), ...(found.height !== undefined ? { height: found.height } : {}), orientation: found.orientation };
}


/**
 * `image-size`'s reading of an image's format and size, without the readers
 * of its that never end or take time growing with the square of the bytes
 * they are given. It moved through an ICNS file's entries, and a HEIF or AVIF
 * file's `ispe` boxes, by their lengths, and stood still at one of length 0,
 * collecting it into a list until memory ran out (16 bytes named `photo.png`
 * hung `validate`): an ICNS file, which no browser shows, is named without
 * being read, and a HEIF or AVIF one is read by `heifImageSize`, one box at a
 * time. Its JPEG and TIFF readers cut the bytes left at each step, which
 * copies a Uint8Array but only views a Buffer: half a megabyte of zeros after
 * a JPEG's first two bytes took 40 s as a Uint8Array.
 */
function readImageSize(header: Uint8Array): { type?: string | undefined; width?: number; height?: number; orientation?: number | undefined } {
  if (ICNS.validate(header)) return { type: 'icns' };
  if (HEIF.validate(header)) return heifImageSize(header);
  return imageSize(Buffer.from(header.buffer, header.byteOffset, header.byteLength));
}

/** An image with no file at its path. */
async function notThere(src: string, path: string, shown: string, search: ImageSearch): Promise<ImageLookup> {
  return { ok: false, message: `The image ${quoted(src)} does not exist: there is no file ${shown}.`, hint: await missingImageHint(src, path, search) };
}

/**
 * What to say of an image that is not there: the file of the same name in
 * other letter case, when its folder has one and is in the project
 * (`photos/queue.png` for `Queue.PNG`), or Windows' backslashes written
 * where a slash goes.
 */
async function missingImageHint(src: string, path: string, search: ImageSearch): Promise<string> {
  const general = 'Check the spelling and the folder: the path is relative to the release file\'s folder, and upper and lower case differ on most servers.';
  if (src.includes('\\')) return `Write the path with / between folders, as web addresses do: ${quoted(src.replace(/\\/g, '/'))}.`;
  const same = (await search.namesIn(dirname(path))).get(basename(path).toLowerCase());
  if (same === undefined) return general;
  const cut = src.lastIndexOf('/');
  return `Did you mean ${quoted(`${cut === -1 ? '' : src.slice(0, cut + 1)}${same}`)}? The file there is named in other letters, and upper and lower case differ on most servers.`;
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
