/**
 * Header text of a message that nodemailer would write wrongly. It encodes
 * text with characters beyond printable ASCII well (RFC 2047 encoded-words
 * of whole characters), but it also encodes a whole subject as soon as it
 * holds a `"`, which unstructured text carries as it is, and it writes text
 * that reads as an encoded-word (`=?UTF-8?B?aGk=?=`) as it is, in a subject
 * or in the quotes of a display name, which every mail reader then decodes
 * into other text (`hi`).
 */

/** RFC 2047 section 2: an encoded-word is at most 75 characters, and a line that holds one at most 76. */
const MAX_ENCODED_WORD = 75;
const MAX_ENCODED_LINE = 76;
/** RFC 5322 section 2.1.1: no line of a message may be longer, whatever folding can do. */
const MAX_LINE = 998;

const ENCODED_START = '=?UTF-8?B?';
const ENCODED_END = '?=';

const utf8 = new TextEncoder();

function encodedWord(text: string): string {
  let binary = '';
  for (const byte of utf8.encode(text)) binary += String.fromCharCode(byte);
  return `${ENCODED_START}${btoa(binary)}${ENCODED_END}`;
}

/** Bytes of UTF-8 one encoded-word of `length` characters carries: base64 writes 3 bytes as 4 characters. */
function bytesIn(length: number): number {
  return Math.floor((length - ENCODED_START.length - ENCODED_END.length) / 4) * 3;
}

/** Printable ASCII (and tabs): what a header carries without encoding, unless it reads as an encoded-word. */
function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7e\t]*$/.test(text);
}

/**
 * `text` as UTF-8 encoded-words (B encoding), each at most 75 characters and
 * the first at most `firstLength`. Each holds whole characters, as RFC 2047
 * section 5 asks. A reader ignores the white space between encoded-words, so
 * the text's own spaces travel inside them.
 */
export function encodedWords(text: string, firstLength = MAX_ENCODED_WORD): string[] {
  const words: string[] = [];
  let capacity = bytesIn(Math.min(firstLength, MAX_ENCODED_WORD));
  let chunk = '';
  let size = 0;
  for (const character of text) {
    const characterSize = utf8.encode(character).length;
    if (chunk !== '' && size + characterSize > capacity) {
      words.push(encodedWord(chunk));
      chunk = '';
      size = 0;
      capacity = bytesIn(MAX_ENCODED_WORD);
    }
    chunk += character;
    size += characterSize;
  }
  if (chunk !== '') words.push(encodedWord(chunk));
  return words;
}

export interface PreparedHeader {
  prepared: true;
  foldLines?: true;
  value: string;
}

/**
 * An unstructured header's value (Subject), for nodemailer: printable ASCII
 * as it is, for nodemailer to fold at its spaces; printable ASCII that reads
 * as an encoded-word (`=?`), or with a word too long for any line, as
 * encoded-words folded here, one a line; any other text as it is, for
 * nodemailer to encode. A line break cannot travel in a header (unfolding
 * takes it out), so it is a space, as nodemailer made it.
 */
export function unstructuredHeader(name: string, value: string): PreparedHeader | string {
  const text = value.replace(/\r\n|\r|\n/g, ' ');
  if (!isPrintableAscii(text)) return text;
  const room = MAX_LINE - `${name}: `.length;
  if (!text.includes('=?') && text.split(/[ \t]+/).every((word) => word.length <= room)) return { prepared: true, foldLines: true, value: text };
  return { prepared: true, value: encodedWords(text, MAX_ENCODED_LINE - `${name}: `.length).join('\r\n ') };
}

/**
 * A display name that nodemailer would write in quotes although it reads as
 * an encoded-word, as a phrase of encoded-words (RFC 2047 section 5): RFC
 * 2047 keeps the inside of a quoted string as it is, but mail readers decode
 * it anyway. Undefined for any other name, which nodemailer writes well.
 */
export function lookalikePhrase(name: string): string | undefined {
  return isPrintableAscii(name) && name.includes('=?') ? encodedWords(name).join(' ') : undefined;
}
