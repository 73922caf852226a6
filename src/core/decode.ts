/**
 * Strict decoding of a release file's bytes. Node's TextDecoder can refuse bad
 * UTF-8 but does not say where; authors need the byte offset to find it.
 */

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; offset: number; reason: 'utf32' | 'utf16' | 'binary' | 'utf8' };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeUtf8Strict(bytes: Uint8Array): DecodeResult {
  // The UTF-32 byte-order marks, little- and big-endian; the first starts like UTF-16's, so it is checked first.
  if (bytes.length >= 4 && ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff))) {
    return { ok: false, offset: 0, reason: 'utf32' };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, offset: 0, reason: 'utf16' };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    // UTF-16 text without a byte-order mark shows up as NUL bytes between ASCII letters (`a\0b\0`, `\0a\0b`): NUL bytes alone,
    // what a crash can leave of a file, are no text at all.
    const utf16 = nul <= 1 && bytes.length > 3 && bytes[nul + 1] !== 0 && bytes[nul + 2] === 0 && bytes[nul + 3] !== 0;
    return { ok: false, offset: nul, reason: utf16 ? 'utf16' : 'binary' };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, offset: firstInvalidUtf8Offset(bytes), reason: 'utf8' };
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (per the WHATWG decoder's rules). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const lo = k === 1 ? lower : 0x80;
      const hi = k === 1 ? upper : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/**
 * The text of bytes `decodeUtf8Strict` refuses, read as well as it can be:
 * UTF-16 or UTF-32 by their byte-order marks (UTF-16 without one by where its
 * NUL bytes are), anything else as UTF-8 with U+FFFD for each bad sequence.
 * Never a release's text (that is refused): only for what a file that fails
 * still says of its own publication (see `undecodedOutcome`).
 */
export function decodeLossy(bytes: Uint8Array): string {
  const refused = decodeUtf8Strict(bytes);
  if (refused.ok) return refused.text;
  if (refused.reason === 'utf32') return decodeUtf32(bytes, bytes[0] === 0xff);
  if (refused.reason === 'utf16') {
    const littleEndian = bytes[0] === 0xff || (bytes[0] !== 0xfe && refused.offset === 1);
    return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** UTF-32 (which TextDecoder does not read), a code point that is none as U+FFFD, the byte-order mark dropped. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = 4; i + 4 <= bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    parts.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code));
  }
  return parts.join('');
}
