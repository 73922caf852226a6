/** Output formats and their file extensions; kept apart so the CLI can name them without loading the renderers. */
export const OUTPUT_EXTENSIONS = { html: 'html', text: 'txt', json: 'json', ninjs: 'ninjs.json' } as const;
export type OutputFormat = keyof typeof OUTPUT_EXTENSIONS;
export const OUTPUT_FORMATS = Object.keys(OUTPUT_EXTENSIONS) as OutputFormat[];
