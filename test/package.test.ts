import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, NOW, ROOT, npmEnvironment, release, runProcess } from './helpers/cli.js';
import { listTree } from './helpers/hostile.js';

// Only what npm needs to find its cache and the registry settings of this machine; no dev-time variables.
const run = (command: string, args: readonly string[], cwd: string) => runProcess(command, args, { cwd, env: npmEnvironment() });

/**
 * The package as a user gets it: packed, and the tarball installed into an
 * empty folder without development dependencies, once for the tests below.
 * One runs its binary from there; the other is a user's program beside it
 * that imports the library by name, runs the README's example and
 * type-checks a TypeScript program against the published types.
 */
let temporary: string | undefined;
/** The files the tarball holds. */
let files: string[] = [];
/** The folder the tarball was installed into. */
let app = '';

beforeAll(async () => {
  temporary = await mkdtemp(join(tmpdir(), 'migration-news-pack-'));
  // The tests run after `npm run build`; packing must not build again (`prepare`) with the dev tools.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temporary], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path);
  app = join(temporary, 'releases-repo');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'releases-repo', private: true }));
  const installed = await run('npm', ['install', '--prefer-offline', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', join(temporary, info!.filename)], app);
  expect(installed.code, installed.stderr).toBe(0);
}, 240_000);

afterAll(async () => {
  if (temporary) await rm(temporary, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds only what runs, installs into an empty folder without dev dependencies, and builds the examples', async () => {
    expect(files).toContain('bin/migration-news.js');
    // The binary is CommonJS by its own package.json, and lays out help from the record the build made.
    expect(files).toContain('bin/package.json');
    expect(files).toContain('lib/bundle/help.cjs');
    expect(files).toContain('lib/cli/main.js');
    expect(files).toContain('templates/default/release.html.liquid');
    expect(files.filter((f) => /^(src|test|bench|examples)\//.test(f) || /\.test\.|vitest|eslint/.test(f))).toEqual([]);

    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(['migration-news']);
    // None of the development tools came along.
    await expect(stat(join(app, 'node_modules', 'vitest'))).rejects.toThrow();
    await expect(stat(join(app, 'node_modules', 'typescript'))).rejects.toThrow();

    // Through npm's link in node_modules/.bin, help comes from the record beside the real file.
    const help = await run(join(app, 'node_modules', '.bin', 'migration-news'), ['build', '--help'], app);
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: migration-news build \[options\] \[paths\.\.\.\]\n/);

    await cp(EXAMPLES, join(app, 'releases'), { recursive: true });
    const built = await run(join(app, 'node_modules', '.bin', 'migration-news'), ['build', 'releases', '--out', 'public', '--format', 'html,eml', '--now', NOW], app);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/Built \d+ releases/);
    expect((await stat(join(app, 'public', 'en', 'residence-permits-can-now-be-applied-for-signed-and-tracked-online.html'))).isFile()).toBe(true);
    // E-mail needs runtime dependencies of its own (nodemailer, juice): they came with the package.
    expect(await readFile(join(app, 'public', 'en', 'residence-permits-can-now-be-applied-for-signed-and-tracked-online.eml'), 'utf8')).toMatch(/^Content-Type: multipart\/alternative;/m);
  }, 240_000);
});

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

describe('the library from the packed package', () => {
  it('is imported by name by a program of its own, runs the README example as an ES module and type-checks against the published types', async () => {
    // A package of its own (an ES module one), in a folder below the one the tarball was installed into: `migration-news` is found
    // there by name, as Node and TypeScript find any installed package.
    const site = join(app, 'newsroom-site');
    await mkdir(join(site, 'releases'), { recursive: true });
    await writeFile(join(site, 'package.json'), JSON.stringify({ name: 'newsroom-site', private: true, type: 'module' }));
    await writeFile(join(site, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['typed.ts'] }));
    await writeFile(join(site, 'typed.ts'), TYPED);
    await writeFile(join(site, 'releases', 'permits.md'), release({ title: 'Residence permits can now be renewed online' }));

    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const example = /<!-- library example -->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the README\'s library example').toBeDefined();
    await writeFile(join(site, 'example.js'), example!);
    const ran = await run(process.execPath, ['example.js'], site);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const printed = /^en\/residence-permits-can-now-be-renewed-online\.html: \d+ characters, public: true\nbuilt 1, skipped 0, failed 0, wrote (\d+) files\n$/.exec(ran.stdout);
    expect(printed, ran.stdout).not.toBeNull();
    const written = await listTree(join(site, 'site'));
    expect(written.length).toBe(Number(printed![1]));
    expect(written).toContain('en/residence-permits-can-now-be-renewed-online.html');

    // TypeScript's native compiler, which `npm run typecheck` runs too: the same checks, at a fifth of TypeScript 6's processor time.
    const typed = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript-7', 'bin', 'tsc'), '-p', 'tsconfig.json'], site);
    expect(typed.stdout + typed.stderr).toBe('');
    expect(typed.code).toBe(0);
  }, 120_000);
});
