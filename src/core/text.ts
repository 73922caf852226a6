/** Small text helpers shared by the renderers and the reporters. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Width in terminal columns, counting code points (combining marks count zero). */
export function displayWidth(value: string): number {
  let width = 0;
  for (const ch of value) if (!/\p{M}/u.test(ch)) width++;
  return width;
}

/** URLs and addresses: breaking them would make them unusable, so they may run past the line. */
const UNBREAKABLE = /^[<(["'«]?(?:[a-z][a-z0-9+.-]*:\/\/|mailto:|www\.)|@/i;

/** A word too long for any line cut into pieces that fit, unless it is a URL. */
function fitWord(word: string, room: number): string[] {
  if (displayWidth(word) <= room || room < 1 || UNBREAKABLE.test(word)) return [word];
  const chars = [...word];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += room) pieces.push(chars.slice(i, i + room).join(''));
  return pieces;
}

/**
 * Greedy word wrap at `width` columns. URLs longer than a line stand on a
 * line of their own rather than being broken; other over-long words are cut.
 */
export function wrapText(value: string, width: number, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  for (const paragraph of value.split('\n')) {
    const room = width - Math.max(displayWidth(indent), displayWidth(firstIndent));
    const words = paragraph.split(/[ \t]+/).filter((w) => w.length > 0).flatMap((w) => fitWord(w, room));
    let line = '';
    let lineWidth = 0;
    let prefix = lines.length === 0 ? firstIndent : indent;
    for (const word of words) {
      const w = displayWidth(word);
      if (line === '') {
        line = word;
        lineWidth = w;
      } else if (displayWidth(prefix) + lineWidth + 1 + w <= width) {
        line += ` ${word}`;
        lineWidth += 1 + w;
      } else {
        lines.push(prefix + line);
        prefix = indent;
        line = word;
        lineWidth = w;
      }
    }
    lines.push(prefix + line);
  }
  return lines.map((l) => l.trimEnd());
}

/** Replaces characters that could drive a terminal or reverse text with visible escapes. */
export function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}

/**
 * JSON text in which the characters `printable` escapes, and which
 * JSON.stringify leaves raw (DEL, C1 controls, bidirectional overrides), are
 * written as `\u` escapes: the same JSON value, safe to show in a terminal.
 */
export function printableJson(json: string): string {
  return json.replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value quoted for a message: escaped, and cut short if long. */
export function quote(value: unknown, max = 60): string {
  const json = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  const safe = printable(json);
  return safe.length > max ? `${safe.slice(0, max - 2)}…"` : safe;
}

export function wordCount(value: string): number {
  return value.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu)?.length ?? 0;
}
