import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, fixture, release, removeFixture } from './helpers/cli.js';

const BUNDLE = join(ROOT, 'lib', 'bundle');
const LOADER = join(ROOT, 'bin', 'bundle-loader.js');
/** A script's start that loads the CLI's bundle as the binary does, keeping the loader (`loader`) and the CLI's `main`. */
const LOAD = `const loader = require(${JSON.stringify(LOADER)}).bundleLoader(${JSON.stringify(BUNDLE)}); const { main } = loader.load('main');`;

/** The binary runs the esbuild bundle of the CLI (lib/bundle), built by `npm run build` beside the library build. */
describe('the bundled CLI', () => {
  it('is what the binary runs, in a few files, each with the code V8 compiled for it when it was built', () => {
    expect(readFileSync(BIN, 'utf8')).toMatch(/bundleLoader\(`\$\{__dirname\}\/\.\.\/lib\/bundle`\)\.load\('main'\)/);
    const files = readdirSync(BUNDLE);
    expect(files).toContain('main.cjs');
    expect(files).toContain('main.cjs.cache');
    expect(files.filter((f) => f.endsWith('.cjs')).length).toBeLessThan(60);
    // No ES module of the CLI is left beside them (its build thread's script stays one: it runs in a realm of its own).
    expect(files.filter((f) => f.endsWith('.js')).every((f) => f.startsWith('build-worker') || f.startsWith('worker-chunk-'))).toBe(true);
  });

  it('keeps no path of the machine that built it in its code caches, whose scripts are named by their place in the package', () => {
    // V8 names a script run from a cache as it was named when the cache was made: the path of the build's own checkout went into
    // every stack trace, on every machine the package was installed on.
    for (const file of readdirSync(BUNDLE).filter((f) => f.endsWith('.cache'))) expect(readFileSync(join(BUNDLE, file)).includes(ROOT), file).toBe(false);
    // An internal error (an environment that throws when read) shown with --debug: its stack runs through the bundle.
    const run = spawnSync(process.execPath, ['-e', `${LOAD}
      let err = '';
      main(['validate', 'examples', '--debug'], { cwd: ${JSON.stringify(ROOT)}, env: new Proxy({}, { get() { throw new Error('boom'); } }), stdout: { write: () => true }, stderr: { write: (s) => { err += s; return true; } }, readStdin: async () => new Uint8Array(), isTTY: false })
        .then((code) => process.stdout.write(code + ' ' + err));
    `], { encoding: 'utf8', cwd: ROOT });
    expect(run.stdout).toMatch(/^2 migration-news: internal error: boom\n/);
    expect(run.stdout).toMatch(/\(migration-news\/lib\/bundle\/main\.cjs:\d+:\d+\)/);
    expect(run.stdout).not.toContain(BUNDLE);
  });

  it('loads neither child_process nor the renderers nor zod to print help', () => {
    // Help, then validate, in one process: what help loaded is taken before validate runs, and validate is held to what the two
    // loaded together, which holds all that validate alone loads.
    const run = spawnSync(process.execPath, ['-e', `${LOAD}
      const sink = (into) => ({ write: (s) => { into.out += s; return true; } });
      const loaded = async (argv) => {
        const printed = { out: '' };
        const code = await main(argv, { cwd: process.cwd(), env: {}, stdout: sink(printed), stderr: sink(printed), readStdin: async () => new Uint8Array(), isTTY: false });
        const internal = process.moduleLoadList.filter((m) => m === 'NativeModule child_process');
        return { code, out: printed.out, internal, files: loader.scripts.map((s) => s.file), rejected: loader.scripts.filter((s) => s.script.cachedDataRejected !== false).map((s) => s.file) };
      };
      (async () => {
        const help = await loaded(['--help']);
        const validate = await loaded(['validate', 'examples']);
        process.stdout.write(JSON.stringify({ help, validate }));
      })();
    `], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    type Loaded = { code: number; out: string; internal: string[]; files: string[]; rejected: string[] };
    const { help, validate } = JSON.parse(run.stdout) as { help: Loaded; validate: Loaded };
    expect(help).toMatchObject({ code: 0, internal: [] });
    expect(help.out).toContain('Usage: migration-news');
    // What --help loads holds none of liquidjs, zod or marked.
    const source = help.files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(source).not.toMatch(/liquidjs|LiquidError/);
    expect(source).not.toMatch(/\$ZodType|ZodError/);
    expect(source).not.toMatch(/marked\(\)|class _Lexer|Marked/);

    // validate loads the validators, and no renderer (its threads run the build's script, with the templates, in a file of their
    // own); nor the glob library, loaded only for a path that is neither a file nor a folder. Each file it loads comes with the
    // cache V8 made of it when the bundle was built, and V8 takes every one.
    expect(validate.code).toBe(0);
    const validateSource = validate.files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(validateSource).toMatch(/\$ZodType|ZodError/);
    expect(validateSource).not.toMatch(/liquidjs|LiquidError/);
    expect(validateSource).not.toMatch(/\[tinyglobby/);
    expect(validate.rejected).toEqual([]);
  });

  it('takes no code cache made by another build of a file, nor one damaged since, and runs the file as it is', async () => {
    const copy = await fixture({});
    try {
      // A copy of the package's lib/bundle, beside its templates and dependencies, as the package lays them out.
      await cp(BUNDLE, join(copy, 'lib', 'bundle'), { recursive: true });
      for (const folder of ['templates', 'node_modules']) await symlink(join(ROOT, folder), join(copy, folder));
      // The file as another build made it: its own bytes but for its last line's token, of the same length (V8 checks only the length).
      const main = join(copy, 'lib', 'bundle', 'main.cjs');
      const text = readFileSync(main, 'utf8');
      const token = /\/\/# bundle ([0-9a-f]+)\n$/.exec(text)![1]!;
      await writeFile(main, `${text.slice(0, text.length - token.length - 1)}${'0'.repeat(token.length)}\n`);
      // A cache damaged after it was made, its first line intact: V8 checks no sum of its own, and ran one like it into a fatal error.
      // That of the file with zod, which validate loads.
      const caches = readdirSync(join(copy, 'lib', 'bundle')).filter((f) => f.endsWith('.cjs.cache') && f !== 'main.cjs.cache');
      const damaged = caches.find((f) => readFileSync(join(copy, 'lib', 'bundle', f.replace(/\.cache$/, '')), 'utf8').includes('ZodError'))!;
      const bytes = readFileSync(join(copy, 'lib', 'bundle', damaged));
      for (let i = bytes.indexOf(10) + 200; i < bytes.length; i += 97) bytes[i]! ^= 0x55;
      await writeFile(join(copy, 'lib', 'bundle', damaged), bytes);
      const run = spawnSync(process.execPath, ['-e', `
        const loader = require(${JSON.stringify(LOADER)}).bundleLoader(${JSON.stringify(join(copy, 'lib', 'bundle'))});
        let out = '';
        const sink = { write: (s) => { out += s; return true; } };
        loader.load('main').main(['validate', 'examples'], { cwd: ${JSON.stringify(ROOT)}, env: {}, stdout: sink, stderr: sink, readStdin: async () => new Uint8Array(), isTTY: false }).then((code) => {
          process.stdout.write(JSON.stringify({ code, out, taken: Object.fromEntries(loader.scripts.map((s) => [s.file.split(/[\\\\/]/).pop(), s.script.cachedDataRejected ?? 'none'])) }));
        });
      `], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const result = JSON.parse(run.stdout) as { code: number; out: string; taken: Record<string, boolean | 'none'> };
      expect(result.code, result.out).toBe(0);
      expect(result.out).toContain('No problems in');
      // No cache was given to V8 for the changed file nor the damaged one; the others' were taken.
      const unused = ['main.cjs', damaged.replace(/\.cache$/, '')];
      for (const file of unused) expect(result.taken[file], file).toBe('none');
      expect(Object.entries(result.taken).filter(([file]) => !unused.includes(file)).every(([, rejected]) => rejected === false)).toBe(true);
    } finally {
      await removeFixture(copy);
    }
  });

  it('leaves sanitize-html, js-yaml and every other file of node_modules out of what validate loads, and loads sanitize-html when an html: safe build needs it', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': 'html: safe\n',
      'r/a.md': release({}, 'Open <sup>daily</sup>.<script>alert(1)</script>\n'),
    });
    try {
      const script = `
        const { createRequire } = await import('node:module');
        const { main } = createRequire(import.meta.url)(${JSON.stringify(LOADER)}).bundleLoader(${JSON.stringify(BUNDLE)}).load('main');
        const sink = { write: () => true };
        const run = (argv) => main(argv, { cwd: ${JSON.stringify(dir)}, env: {}, stdout: sink, stderr: sink, readStdin: async () => new Uint8Array(), isTTY: false });
        const lazy = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules[\\/\\\\]/.test(f));
        const code = await run(['validate', 'r']);
        // Nor any other module from node_modules: what validate needs is in the bundle (fdir's own picomatch included).
        const validated = lazy();
        // Then a build in the same process, as the binary runs one, which needs sanitize-html.
        const built = await run(['build', 'r', '--out', 'out', '--now', '2026-11-28T12:00:00+04:00']);
        process.stdout.write(JSON.stringify({ code, lazy: validated, built, sanitizer: lazy().some((f) => /node_modules[\\/\\\\]sanitize-html[\\/\\\\]/.test(f)) }));
      `;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ code: 0, lazy: [], built: 0, sanitizer: true });
      const source = readdirSync(join(ROOT, 'lib', 'bundle')).map((f) => readFileSync(join(ROOT, 'lib', 'bundle', f), 'utf8')).join('\n');
      // esbuild names each CommonJS module it bundles by its path.
      expect(source.match(/node_modules\/(sanitize-html|postcss|js-yaml)\/[\w/.-]*/g) ?? []).toEqual([]);

      const page = readFileSync(join(dir, 'out', 'en', 'service-opens-new-residence-permit-centre.html'), 'utf8');
      expect(page).toMatch(/Open <sup>daily<\/sup>\./);
      expect(page).not.toMatch(/<script>alert/);
    } finally {
      await removeFixture(dir);
    }
  });

  it('loads entities and htmlparser2 only for text with an entity and HTML with an image, and then reads them as the library does', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000030000000208060000009d74661a0000000d49444154789c63f8ffff3f0300050001ff8dd5e1a10000000049454e44ae426082', 'hex');
    const dir = await fixture({
      'migration-news.config.yaml': 'html: safe\n',
      // Without html: safe, whose sanitizer reads HTML with htmlparser2 itself.
      'plain.config.yaml': 'timezone: Asia/Baku\n',
      'plain/a.md': release({ title: 'Visas and permits at the new centre', summary: 'Open daily.' }, 'Open <sup>daily</sup>, with **forms** in [three languages](https://example.org/forms).\n'),
      'r/a.md': release({ title: 'Visas and permits at the new centre' }, 'Open <sup>daily</sup> &mdash; see <img src="map.png" alt="Map &amp; route">.\n'),
      'r/map.png': png,
    });
    try {
      // In one process, as the binary runs: a build of a release with neither, then a check of one with both.
      const script = `
        const { createRequire } = await import('node:module');
        const { main } = createRequire(import.meta.url)(${JSON.stringify(LOADER)}).bundleLoader(${JSON.stringify(BUNDLE)}).load('main');
        const sink = { write: () => true };
        const run = (argv) => main(argv, { cwd: ${JSON.stringify(dir)}, env: {}, stdout: sink, stderr: sink, readStdin: async () => new Uint8Array(), isTTY: false });
        const loaded = () => [...new Set(Object.keys(createRequire(import.meta.url).cache).map((f) => /node_modules[\\\\/](entities|htmlparser2)[\\\\/]/.exec(f)?.[1]).filter(Boolean))].sort();
        const plain = await run(['build', 'plain', '--config', 'plain.config.yaml', '--out', 'out-plain', '--format', 'html,text,json', '--now', '2026-11-28T12:00:00+04:00']);
        const before = loaded();
        const code = await run(['validate', 'r']);
        const after = loaded();
        // And a build of it in the same process, as the binary runs one, which reads them.
        const built = await run(['build', 'r', '--out', 'out', '--format', 'html,json', '--now', '2026-11-28T12:00:00+04:00']);
        process.stdout.write(JSON.stringify({ plain, before, code, after, built }));
      `;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ plain: 0, before: [], code: 0, after: ['entities', 'htmlparser2'], built: 0 });

      // The entity decoded in the plain text (the image's alt text and the address of its copy, as for a Markdown image, from the
      // output root as every address of the JSON without site.url), the image found in the raw HTML, copied and measured.
      const json = JSON.parse(readFileSync(join(dir, 'out', 'en', 'visas-and-permits-at-the-new-centre.json'), 'utf8'));
      expect(json.body.text).toBe('Open daily — see Map & route\n<en/visas-and-permits-at-the-new-centre/map.png>.');
      const page = readFileSync(join(dir, 'out', 'en', 'visas-and-permits-at-the-new-centre.html'), 'utf8');
      expect(page).toContain('<img src="visas-and-permits-at-the-new-centre/map.png" width="3" height="2" alt="Map &amp; route" />');
    } finally {
      await removeFixture(dir);
    }
  });
});
