/**
 * URL names from titles. Azerbaijani letters are written the way Azerbaijani
 * speakers spell them in ASCII; Russian uses a simplified BGN/PCGN-style
 * scheme without apostrophes (documented in the README).
 */

export const TRANSLITERATION: Readonly<Record<string, string>> = {
  // Azerbaijani
  ə: 'e', ş: 'sh', ğ: 'g', ı: 'i', ö: 'o', ü: 'u', ç: 'ch',
  // Russian
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Letters that case-folding or decomposition would otherwise lose
  ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', ł: 'l', œ: 'oe', þ: 'th',
};

export const MAX_SLUG_LENGTH = 80;

export function slugify(value: string, maxLength = MAX_SLUG_LENGTH): string {
  // Dotted capital İ lower-cases to "i" plus a combining dot; map it first.
  const lower = value.replace(/İ/g, 'i').toLowerCase();
  let out = '';
  for (const ch of lower) {
    const mapped = TRANSLITERATION[ch];
    out += mapped ?? ch;
  }
  const ascii = out.normalize('NFKD').replace(/\p{M}/gu, '');
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut.slice(0, maxLength)).replace(/-+$/, '');
}

/**
 * Device names that Windows reserves in every folder, whatever the extension:
 * a file called `con.html` cannot be created or opened there.
 */
const RESERVED_NAMES = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;

/** Whether a file name (with or without extension) is a Windows device name. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.test(name);
}
