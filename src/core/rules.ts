import type { Severity } from './diagnostic.js';

export interface RuleInfo {
  severity: Severity;
  /** A rule whose problem makes a release impossible to build cannot be turned off or downgraded. */
  fixed: boolean;
  description: string;
}

/** Longest title, in characters, before `content/title-length`: headlines get cut in listings beyond it. */
export const TITLE_MAX = 110;
/** Longest summary, in characters, before `content/summary-length`: about what search results show. */
export const SUMMARY_MAX = 160;

const fixed = (description: string): RuleInfo => ({ severity: 'error', fixed: true, description });
const rule = (severity: Severity, description: string): RuleInfo => ({ severity, fixed: false, description });

/**
 * The catalogue of every rule the tool reports. The README's rule table is
 * generated from the same facts (`migration-news rules`), so the two cannot drift.
 */
export const RULES = {
  'file/unreadable': fixed('The file cannot be read.'),
  'file/too-large': fixed('The file is larger than the size limit (`limits.maxFileSize`, default 1 MiB).'),
  'file/encoding': fixed('The file is not valid UTF-8 text (binary, UTF-16, or a broken byte sequence).'),
  'frontmatter/missing': fixed('The file has no front matter block.'),
  'frontmatter/not-at-start': fixed('The front matter does not start on the first line.'),
  'frontmatter/unclosed': fixed('The front matter block is never closed by a line that is exactly `---`.'),
  'frontmatter/language': fixed('The front matter names a language other than YAML (for example `---js`).'),
  'frontmatter/not-a-mapping': fixed('The front matter is not a YAML mapping of keys to values.'),
  'yaml/syntax': fixed('The front matter is not valid YAML 1.2.'),
  'yaml/duplicate-key': fixed('A key appears twice in one mapping.'),
  'yaml/tag': fixed('The front matter uses a custom YAML tag (`!something`); only plain data is accepted.'),
  'yaml/merge-key': fixed('The front matter uses a YAML merge key (`<<`), which is not supported.'),
  'yaml/alias-limit': fixed('The front matter uses aliases beyond the limit (a resource-exhaustion guard).'),
  'yaml/unquoted-value': fixed('YAML turned an unquoted value into a number, boolean or null where text is expected.'),
  'schema/required': fixed('A required field is missing.'),
  'schema/type': fixed('A field has the wrong type.'),
  'schema/enum': fixed('A field has a value outside its allowed set.'),
  'schema/format': fixed('A field does not have the required format (date, e-mail, URL, slug, id).'),
  'schema/url-scheme': fixed('A URL field uses a scheme other than http, https, mailto or a relative URL.'),
  'schema/control-character': fixed('A field contains control or bidirectional-override characters.'),
  'schema/unknown-key': rule('warning', 'A key is not part of the release format (or of the config file, or names no rule); it is ignored.'),
  'content/empty-body': rule('error', 'The release has no body text.'),
  'content/title-length': rule('warning', `The title is longer than ${TITLE_MAX} characters, too long for a headline.`),
  'content/summary-length': rule('warning', `The summary is longer than ${SUMMARY_MAX} characters, too long for a search snippet.`),
  'content/image-alt': rule('error', 'An image in the body has no alternative text.'),
  'content/link-scheme': rule('error', 'A link or image in the body uses a scheme other than http, https or mailto; it is removed from the output.'),
  'content/raw-html': rule('warning', 'The body contains raw HTML, which is escaped in the output.'),
  'content/control-character': fixed('The body contains control or bidirectional-override characters, which could hide or reorder text.'),
  'content/too-complex': fixed('The body nests deeper than the limit or is too large to render safely.'),
  'embargo/past': rule('info', 'The embargo has passed but the release is not yet published.'),
  'date/future-published': rule('warning', 'A `published` release is dated in the future.'),
  'slug/duplicate': fixed('Two releases in one language have the same slug.'),
  'slug/reserved': fixed('The slug is a name Windows reserves for a device (con, nul, com1 …), so its output file could not be opened there.'),
  'id/duplicate': fixed('Two files have the same `id` and `lang`.'),
  'output/collision': fixed('A release would be written to an output path that is not safe (a last guard: slugs and languages are checked earlier).'),
  'translation/mismatch': rule('warning', 'Translations of one release disagree on `date` or `status`.'),
  'template/syntax': fixed('A template cannot be parsed (a syntax error, or a filter that does not exist).'),
  'template/labels': fixed('A template uses a label that the set has no text for in the release\'s language (`labels/<lang>.yaml`), or a labels file is misnamed or not a mapping of names to text.'),
  'template/render': fixed('A template failed while rendering (a variable the context does not have, a filter that throws, a limit).'),
  'output/write': fixed('An output file cannot be written.'),
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export type RuleSetting = Severity | 'off';
export type RuleSettings = Partial<Record<string, RuleSetting>>;

/** The severity a rule has under the project's settings, or `off`. */
export function severityOf(ruleId: RuleId, settings: RuleSettings | undefined): RuleSetting {
  const info: RuleInfo = RULES[ruleId];
  if (info.fixed) return info.severity;
  return settings?.[ruleId] ?? info.severity;
}
