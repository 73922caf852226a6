/**
 * Upper case by `tag`, except for letters that have no case in running text:
 * Georgian is written in Mkhedruli, whose capital forms (Mtavruli) are a
 * display alphabet of their own, not the same words in capitals. A word
 * written with a letter only Turkic alphabets have (İzmir, Şəki, Bakı, Niğde)
 * is a Turkish or Azerbaijani name, whose i is İ in capitals in a release of
 * any language: by English rules the place in an English dateline read
 * İZMIR, and ŞƏKI, which an Azerbaijani reader reads as Şəkı.
 */
export function upperCase(text: string, tag: string): string {
  if (!TURKIC_LETTER.test(text)) return upperCaseBy(text, tag);
  // Word by word, so that the rest of a line keeps its language's capitals (VISIT TO İZMİR, not VİSİT).
  return text.replace(/\S+/gu, (word) => upperCaseBy(word, TURKIC_LETTER.test(word) ? 'tr' : tag));
}

function upperCaseBy(text: string, tag: string): string {
  const spelt = text.includes('\u0587') && EASTERN_ARMENIAN.test(tag) ? text.replace(/\u0587/g, '\u0535\u054E') : text;
  return /[\u10D0-\u10FF]/.test(spelt) ? spelt.replace(/[^\u10D0-\u10FF]+/g, (run) => run.toLocaleUpperCase(tag)) : spelt.toLocaleUpperCase(tag);
}

/**
 * Letters of the Latin alphabets of Turkish, Azerbaijani and their kin that
 * no other language's alphabet has: dotted İ and dotless ı, schwa (Ə ə) and
 * g with breve (Ğ ğ). Ş, Ç, Ö and Ü are Romanian, French or German letters too.
 * İ, Ğ and ğ are also found decomposed (NFD: I, G or g and a combining dot
 * above or breve), as macOS and some editors write them: read as the letters
 * they are: `İzmir` so written read İZMIR in an English dateline, not İZMİR.
 */
const TURKIC_LETTER = /[İıƏəĞğ]|I\u0307|[Gg]\u0306/u;

/**
 * Armenian as Armenia writes it (`hy`, not Western Armenian, `hyw` or `hy-arevmda`): its
 * reformed spelling writes the letter `և` in capitals as `ԵՎ` (ԵՐԵՎԱՆ), where
 * Unicode's mapping, which the runtime applies whatever the language, gives
 * the classical `ԵՒ` (ԵՐԵՒԱՆ).
 */
const EASTERN_ARMENIAN = /^hy(?:-(?!arevmda(?:-|$))|$)/i;
