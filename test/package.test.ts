import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, NOW, ROOT, npmEnvironment, runProcess } from './helpers/cli.js';

// Only what npm needs to find its cache and the registry settings of this machine; no dev-time variables.
const run = (command: string, args: readonly string[], cwd: string) => runProcess(command, args, { cwd, env: npmEnvironment() });


let temporary: string | undefined;
afterAll(async () => {
  if (temporary) await rm(temporary, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds only what runs, installs into an empty folder without dev dependencies, and builds the examples', async () => {
    temporary = await mkdtemp(join(tmpdir(), 'migration-news-pack-'));
    // The tests run after `npm run build`; packing must not build again (`prepare`) with the dev tools.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temporary], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path);
    expect(files).toContain('bin/migration-news.js');
    // The binary is CommonJS by its own package.json, and lays out help from the record the build made.
    expect(files).toContain('bin/package.json');
    expect(files).toContain('lib/bundle/help.cjs');
    expect(files).toContain('lib/cli/main.js');
    expect(files).toContain('templates/default/release.html.liquid');
    expect(files.filter((f) => /^(src|test|bench|examples)\//.test(f) || /\.test\.|vitest|eslint/.test(f))).toEqual([]);

    const app = join(temporary, 'releases-repo');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'releases-repo', private: true }));
    const installed = await run('npm', ['install', '--prefer-offline', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', join(temporary, info!.filename)], app);
    expect(installed.code, installed.stderr).toBe(0);
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
