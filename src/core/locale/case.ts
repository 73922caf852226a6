/**
 * Upper case by `tag`, except for letters that have no case in running text:
 * Georgian is written in Mkhedruli, whose capital forms (Mtavruli) are a
 * display alphabet of their own, not the same words in capitals.
 */
export function upperCase(text: string, tag: string): string {
  return /[\u10D0-\u10FF]/.test(text) ? text.replace(/[^\u10D0-\u10FF]+/g, (run) => run.toLocaleUpperCase(tag)) : text.toLocaleUpperCase(tag);
}
