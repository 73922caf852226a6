import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, npmEnvironment, release, runProcess } from './helpers/cli.js';

const run = (command: string, args: readonly string[], cwd: string) => runProcess(command, args, { cwd, env: npmEnvironment() });
import { listTree } from './helpers/hostile.js';

/**
 * The library as a user's program meets it: a package of its own that
 * depends on this checkout (`file:`, as npm links it), imports
 * `migration-news` by name, runs the README's example and type-checks a
 * TypeScript program against the published types (lib/, so `npm run build`
 * first).
 */


/** A TypeScript program using every high-level function and type, strictly checked. */
const TYPED = `
import { build, checkRelease, loadTemplateSet, renderRelease, sarifReporter, stylish, UsageError, type BuildResult, type ReporterOptions, type Diagnostic, type ReleaseCheck, type RenderedRelease } from 'migration-news';

const checked: ReleaseCheck = checkRelease('---\\ntitle: T\\n---\\n', { config: { organisation: { name: 'S' } }, now: new Date() });
const first: Diagnostic | undefined = checked.diagnostics[0];
const line: number | undefined = first?.line;
const set = await loadTemplateSet('default', { cwd: '.' });
const page: RenderedRelease = await renderRelease('x', { format: 'ninjs', templates: set.ok ? set.set : 'default', now: 0 });
const path: string | undefined = page.ok ? page.path : undefined;
const result: BuildResult = await build({ paths: ['releases'], out: 'site', mode: 'drafts', keepGoing: true });
const skipped: string[] = result.skipped.map((s) => s.file + s.reason);
// Lists that build only reads may be read-only.
const FORMATS = ['html', 'eml'] as const;
const PATHS: readonly string[] = ['releases'];
await build({ paths: PATHS, out: 'site', formats: FORMATS });
const hint: string | undefined = new UsageError('m', 'h').hint;
// The reporters' options are named, so that a program can keep them.
const reporting: ReporterOptions = { color: false, fileCount: 1, version: '1.0.0' };
const report: string = stylish(checked.diagnostics, reporting) + sarifReporter(checked.diagnostics, reporting);
// @ts-expect-error: formats are a closed set
await renderRelease('x', { format: 'pdf' });
export { line, path, skipped, hint, report };
`;

describe('the library from a package of its own', () => {
  it('installs by file:, runs the README example as an ES module and type-checks against the published types', async () => {
    const app = await fixture({
      'package.json': JSON.stringify({ name: 'newsroom-site', private: true, type: 'module', dependencies: { 'migration-news': `file:${ROOT}` } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['typed.ts'] }),
      'typed.ts': TYPED,
      'releases/permits.md': release({ title: 'Residence permits can now be renewed online' }),
    });
    const installed = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
    expect(installed.code, installed.stderr).toBe(0);

    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const example = /<!-- library example -->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the README\'s library example').toBeDefined();
    await writeFile(join(app, 'example.js'), example!);
    const ran = await run(process.execPath, ['example.js'], app);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const printed = /^en\/residence-permits-can-now-be-renewed-online\.html: \d+ characters, public: true\nbuilt 1, skipped 0, failed 0, wrote (\d+) files\n$/.exec(ran.stdout);
    expect(printed, ran.stdout).not.toBeNull();
    const site = await listTree(join(app, 'site'));
    expect(site.length).toBe(Number(printed![1]));
    expect(site).toContain('en/residence-permits-can-now-be-renewed-online.html');

    const typed = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
    expect(typed.stdout + typed.stderr).toBe('');
    expect(typed.code).toBe(0);
  }, 120_000);
});
