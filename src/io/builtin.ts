import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_FILE_PREFIX } from '../core/diagnostic.js';

/** The sets that ship with migration-news. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** The name in diagnostics of `path`, a file of the built-in sets: `migration-news:templates/default/…` (see `BUILTIN_FILE_PREFIX`). */
export function builtinFileName(path: string): string {
  return `${BUILTIN_FILE_PREFIX}${relative(BUILTIN_TEMPLATES, path).split(sep).join('/')}`;
}

/**
 * The languages the built-in labels have words for, as lower-case tags:
 * every set has them under its own, so a release in one of these (or in a
 * regional form of one, `en-GB`) has labels whatever set builds it.
 */
export function builtinLabelLanguages(): ReadonlySet<string> {
  const names = readdirSync(join(BUILTIN_TEMPLATES, 'default', 'labels')).filter((name) => /\.ya?ml$/.test(name));
  return new Set(names.map((name) => name.replace(/\.ya?ml$/, '').toLowerCase()));
}
