import { INVISIBLE_CHARACTERS, INVISIBLE_PATTERN } from './characters.js';
import { parseReleaseFile, type ParsedFile } from './parse.js';

/**
 * Whether `fixed`, the text `validate --fix` made of a release's `original`
 * text, still says what it said: where the original's front matter reads
 * without a YAML error, the fixed one must too, with the same fields and
 * the same values but for the blanks and invisible characters the fix is
 * for. The fixes work line by line, and a line of a value can look like
 * one of YAML's own (`rule:` and a no-break space inside a sentence, a tab
 * at the start of a block's text); a fix that would end a value there, or
 * start another field, is not made. Where the original does not read, the
 * fix is what its errors ask for.
 */
export function keepsMeaning(original: string | ParsedFile, fixed: string): boolean {
  // The original as read already, where the caller has it (validate, which checks the file it parsed).
  const before = typeof original === 'string' ? parseReleaseFile(original, 'release.md') : original;
  if (!readable(before)) return true;
  const after = parseReleaseFile(fixed, 'release.md');
  return readable(after) && JSON.stringify(blanked(before.data)) === JSON.stringify(blanked(after.data));
}

function readable(parsed: ParsedFile): boolean {
  return parsed.data !== undefined && !parsed.diagnostics.some((d) => d.severity === 'error' && (d.ruleId.startsWith('yaml/') || d.ruleId.startsWith('frontmatter/')));
}

/** A value with its invisible characters as the fix makes them (dropped, or a separator a blank) and each run of blanks, no-break spaces among them, as one space. */
function blanked(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(INVISIBLE_PATTERN, (c) => INVISIBLE_CHARACTERS[c]!.fix).replace(/[\s\u00a0\u202f\u2007]+/g, ' ').trim();
  if (Array.isArray(value)) return value.map(blanked);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return Object.entries(value).map(([key, item]) => [blanked(key), blanked(item)]);
  return value;
}
