import type { Reporter, ReporterName } from './types.js';

export { REPORTERS, type Reporter, type ReporterName, type ReporterOptions, type Workspace } from './types.js';

/** Loads one reporter; each lives in its own module so a run imports only the one it uses. */
export async function loadReporter(name: ReporterName): Promise<Reporter> {
  switch (name) {
    case 'stylish': return (await import('./stylish.js')).stylish;
    case 'json': return (await import('./json.js')).json;
    case 'github': return (await import('./github.js')).github;
    case 'sarif': return (await import('./sarif.js')).sarif;
  }
}
