import { Document } from 'yaml';

/** The front matter of an imported release, in the order people read it. */
export interface ReleaseFields {
  id: string;
  title: string;
  subtitle?: string;
  date: string;
  lang: string;
  status: 'draft' | 'approved' | 'published';
  /** A post dated after the import's clock, which the old site had not published yet: held until its date. */
  embargo?: string;
  slug: string;
  aliases?: string[];
  location?: string;
  summary?: string;
  tags?: string[];
}

const FIELD_ORDER: readonly (keyof ReleaseFields)[] = ['id', 'title', 'subtitle', 'date', 'lang', 'status', 'embargo', 'slug', 'aliases', 'location', 'summary', 'tags'];

/** Control characters would end a comment line early or hide text; they never belong in one. */
// eslint-disable-next-line no-control-regex
const printableComment = (text: string) => text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, '?');

/**
 * A release file: YAML front matter written by the `yaml` package (which
 * quotes whatever would read back as something else), a comment saying
 * where it came from, and the body.
 */
export function emitRelease(fields: ReleaseFields, body: string, comment: readonly string[]): { text: string; bodyLine: number; bodyShift: number } {
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const value = fields[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    ordered[key] = value;
  }
  const doc = new Document(ordered, { version: '1.2' });
  doc.commentBefore = comment.map((line) => ` ${printableComment(line)}`).join('\n');
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: false });
  const head = `---\n${yaml}---\n`;
  const leading = /^(?:[ \t]*\n)*/.exec(body)![0].length;
  const text = body.slice(leading).trimEnd();
  // bodyShift: how many characters of `body` came before the first one written.
  return { text: `${head}${text}\n`, bodyLine: head.split('\n').length, bodyShift: leading };
}
