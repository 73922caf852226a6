/**
 * The format and size of a HEIF or AVIF image, read from its boxes (ISO/IEC
 * 14496-12, 23008-12): the brand of its `ftyp`, and the `ispe` properties in
 * `meta` → `iprp` → `ipco`, each the width and height of an image the file
 * holds (the largest is the picture's size, as `image-size` takes it).
 *
 * Each box is read once, at most four levels down, so the time is linear in
 * the bytes whatever the lengths say. `image-size`'s own reader moved on from
 * an `ispe` by its length, so one of length 0 held it in place for ever,
 * collecting the same property until memory ran out (a file of 136 bytes hung
 * `validate`), and it looked for a `clap` from each `ispe` to the end of the
 * file again.
 */

/** The type `image-size` gives each brand of HEIF it knows. */
const HEIF_BRANDS: Readonly<Record<string, string>> = {
  avif: 'avif', mif1: 'heif', msf1: 'heif', heic: 'heic', heix: 'heic', hevc: 'heic', hevx: 'heic',
};

interface Box {
  type: string;
  /** Where the box's content starts, after its size and type (and a 64-bit size). */
  start: number;
  /** Where the box ends. */
  end: number;
}

/** The boxes between `start` and `end`, one after another; a length that does not fit ends the walk. */
function* boxes(bytes: Uint8Array, view: DataView, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
      header = 16;
    } else if (size === 0) {
      // The last box, to the end of the one around it.
      size = end - at;
    }
    if (size < header || size > end - at) return;
    yield { type: String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!), start: at + header, end: at + size };
    at += size;
  }
}

function child(bytes: Uint8Array, view: DataView, start: number, end: number, type: string): Box | undefined {
  for (const box of boxes(bytes, view, start, end)) if (box.type === type) return box;
  return undefined;
}

/**
 * The type (`avif`, `heif`, `heic`) and, for AVIF, the one format of them
 * browsers show, the width and height of the image in `bytes`, the first
 * bytes of a file `image-size` takes for HEIF. Throws, as `image-size` does,
 * when they cannot be read.
 */
export function heifImageSize(bytes: Uint8Array): { type: string; width?: number; height?: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ftyp = child(bytes, view, 0, bytes.length, 'ftyp');
  const brand = ftyp && ftyp.end - ftyp.start >= 4 ? String.fromCharCode(...bytes.subarray(ftyp.start, ftyp.start + 4)) : '';
  const type = Object.hasOwn(HEIF_BRANDS, brand) ? HEIF_BRANDS[brand]! : undefined;
  if (type === undefined) throw new TypeError('Invalid HEIF, no brand found');
  // No browser shows HEIF or HEIC: their size is never asked for.
  if (type !== 'avif') return { type };
  const meta = child(bytes, view, 0, bytes.length, 'meta');
  // `meta` is a full box: a version and flags come before its boxes.
  const iprp = meta && child(bytes, view, meta.start + 4, meta.end, 'iprp');
  const ipco = iprp && child(bytes, view, iprp.start, iprp.end, 'ipco');
  if (!ipco) throw new TypeError('Invalid HEIF, no ipco box found');
  let width = 0;
  let height = 0;
  for (const box of boxes(bytes, view, ipco.start, ipco.end)) {
    // A full box too: a version and flags, then the width and height.
    if (box.type !== 'ispe' || box.end - box.start < 12) continue;
    const w = view.getUint32(box.start + 4);
    const h = view.getUint32(box.start + 8);
    if (w * h > width * height) {
      width = w;
      height = h;
    }
  }
  if (width === 0 || height === 0) throw new TypeError('Invalid HEIF, no sizes found');
  return { type, width, height };
}
