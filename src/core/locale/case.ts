/**
 * Upper case by `tag`, except for letters that have no case in running text:
 * Georgian is written in Mkhedruli, whose capital forms (Mtavruli) are a
 * display alphabet of their own, not the same words in capitals.
 */
export function upperCase(text: string, tag: string): string {
  const spelt = text.includes('\u0587') && EASTERN_ARMENIAN.test(tag) ? text.replace(/\u0587/g, '\u0535\u054E') : text;
  return /[\u10D0-\u10FF]/.test(spelt) ? spelt.replace(/[^\u10D0-\u10FF]+/g, (run) => run.toLocaleUpperCase(tag)) : spelt.toLocaleUpperCase(tag);
}

/**
 * Armenian as Armenia writes it (`hy`, not Western Armenian, `hyw` or `hy-arevmda`): its
 * reformed spelling writes the letter `և` in capitals as `ԵՎ` (ԵՐԵՎԱՆ), where
 * Unicode's mapping, which the runtime applies whatever the language, gives
 * the classical `ԵՒ` (ԵՐԵՒԱՆ).
 */
const EASTERN_ARMENIAN = /^hy(?:-(?!arevmda(?:-|$))|$)/i;
