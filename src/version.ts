import { readFileSync } from 'node:fs';

/** The tool's version, from its package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Which build of the tool this is, for records that must not outlive the
 * code that wrote them (the incremental build record): two builds of the
 * same version from different code must not share one. The bundled CLI, the
 * binary people run, has a hash of its sources baked in (scripts/bundle.js);
 * the library build goes by its version.
 */
export const BUILD_ID: string = VERSION;
