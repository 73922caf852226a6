/** `1 file`, `2 files`: counts in the tool's own (English) messages. */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
