import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { lineBreakOf, type LineBreak } from '../core/draft.js';
import { normaliseText, parseReleaseFile } from '../core/parse.js';
import type { Language } from '../core/schema.js';
import { displayPath } from './find.js';
import { readReleaseFile } from './read.js';

/**
 * The archetype of a template set: the skeleton `migration-news new` starts a
 * release from. `archetype.<lang>.md` wins over `archetype.md` within one set,
 * and a set's own files over those of the sets it extends, so a newsroom
 * that writes its own `archetype.md` gets it in every language.
 */

export interface Archetype {
  /** Front matter defaults (location, tags …), when the archetype has front matter. */
  defaults: Record<string, unknown>;
  body: string;
  /** How the archetype's file ends its lines, which a draft made from it follows (a newsroom on Windows saves it with CRLF). */
  lineBreak: LineBreak;
  /** Where it was read from, or undefined for the built-in fallback. */
  path?: string;
}

const FALLBACK: Archetype = { defaults: {}, body: 'Write the lead here: who, what, when, where and why, in two or three sentences.\n', lineBreak: '\n' };

const MAX_ARCHETYPE_SIZE = 256 * 1024;

export async function loadArchetype(setFolders: readonly string[], lang: Language, cwd: string): Promise<{ ok: true; archetype: Archetype } | { ok: false; diagnostics: Diagnostic[] }> {
  for (const folder of setFolders) {
    for (const name of [`archetype.${lang}.md`, 'archetype.md']) {
      const path = join(folder, name);
      const info = await lstat(path).catch(() => undefined);
      if (!info) continue;
      const display = displayPath(path, cwd);
      // `new` copies the archetype into a release: a link could copy any file the user can read (a key, a password file) into one.
      if (info.isSymbolicLink()) {
        return { ok: false, diagnostics: [{ file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: `The archetype ${display} is a symbolic link; a template set's archetype must be a file of its own, as its partials are.`, hint: 'Put the archetype\'s text in the set itself.' }] };
      }
      // Read as a release is: an invisible character a tool put before the `---` (a zero-width space, a second byte-order mark)
      // must not turn the front matter into body text that `new` copies into every draft.
      const read = await readReleaseFile(path, display, MAX_ARCHETYPE_SIZE);
      if (!read.ok) return { ok: false, diagnostics: [read.diagnostic] };
      return parseArchetype(read.text, display);
    }
  }
  return { ok: true, archetype: FALLBACK };
}

/** An archetype is a body, optionally with front matter whose fields become defaults. */
export function parseArchetype(text: string, display: string): { ok: true; archetype: Archetype } | { ok: false; diagnostics: Diagnostic[] } {
  // Without the invisible characters before it, as `parseReleaseFile` reads it, so a body alone copies none into the draft either.
  const visible = normaliseText(text);
  const lineBreak = lineBreakOf(text);
  if (!visible.startsWith('---\n')) return { ok: true, archetype: { defaults: {}, body: visible, lineBreak, path: display } };
  const parsed = parseReleaseFile(text, display);
  const broken = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (broken.length > 0) return { ok: false, diagnostics: broken };
  const data = parsed.data;
  const defaults = data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : {};
  return { ok: true, archetype: { defaults, body: parsed.body.replace(/^\n+/, ''), lineBreak, path: display } };
}
