/**
 * The encoding an HTML post declares for itself. Newsrooms' old pages were
 * often saved in Windows-1251 or 1252 with `<meta charset="windows-1251">`
 * (or the older `<meta http-equiv="Content-Type" content="text/html;
 * charset=…">`), and browsers showed them by it: read as UTF-8 alone, every
 * such page would be skipped. Only a file that is not UTF-8 is read so, as a
 * browser's prescan reads the declaration: in the file's first bytes, and
 * only for an encoding the WHATWG standard names; UTF-16 and kin are not
 * declared that way (a browser ignores it), and `x-user-defined` is no text.
 */

/** How far into the file a declaration is looked for: the prescan's 1,024 bytes, after a front matter of a few fields. */
const PRESCAN_BYTES = 4096;

const META = /<meta\b[^>]*>/gi;
const CHARSET = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

/** The WHATWG name of the encoding the file's `<meta>` declares, when it is one that may be read so; undefined otherwise. */
export function declaredLegacyCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps each byte to one character, so the positions stay the bytes' and no declaration is missed for a byte that is not UTF-8.
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  for (const meta of head.matchAll(META)) {
    const label = CHARSET.exec(meta[0])?.[1];
    if (label === undefined) continue;
    let encoding: string;
    try {
      encoding = new TextDecoder(label).encoding;
    } catch {
      // A label no browser knows (`cp-1251` misspelt): the first declaration counts, as in a browser, so the page stays unread.
      return undefined;
    }
    return /^(?:utf-8|utf-16(?:le|be)|x-user-defined|replacement)$/.test(encoding) ? undefined : encoding;
  }
  return undefined;
}

/** `bytes` read in `encoding`, as a browser reads them (a byte the encoding has no character for becomes U+FFFD). */
export function decodeDeclared(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding).decode(bytes);
}
