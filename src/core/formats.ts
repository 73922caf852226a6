import { FRESH } from './objects.js';

/** Output formats and their file extensions; kept apart so the CLI can name them without loading the renderers. */
export const OUTPUT_EXTENSIONS = Object.freeze({ html: 'html', text: 'txt', json: 'json', ninjs: 'ninjs.json' } as const);
export type OutputFormat = keyof typeof OUTPUT_EXTENSIONS;
export const OUTPUT_FORMATS: readonly OutputFormat[] = Object.freeze(Object.keys(OUTPUT_EXTENSIONS) as OutputFormat[]);

/**
 * What `build --format` accepts: the formats above, rendered by a template
 * set, and `eml`, an e-mail message composed from a set's HTML and text.
 */
export const BUILD_EXTENSIONS = { ...FRESH, ...OUTPUT_EXTENSIONS, eml: 'eml' } as const;
export type BuildFormat = keyof typeof BUILD_EXTENSIONS;
export const BUILD_FORMATS = Object.keys(BUILD_EXTENSIONS) as BuildFormat[];

/** The template set an `eml` build makes its messages with: the set named for the pages (`--template`), else the built-in `email` set. */
export function emailSetFor(named: string | undefined): string {
  return named ?? 'email';
}
