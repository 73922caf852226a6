import { lstat, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../src/app/build.js';
import { displaySize, imageCopyName, isLocalImage, svgActiveContent } from '../src/core/images.js';
import { copySource, type ImageCopy } from '../src/app/images.js';
import { RACY_MS } from '../src/app/incremental.js';
import { fixture, NOW, release, runMain, useProjects } from './helpers/cli.js';
import { JPEG, png } from './helpers/images.js';

/**
 * Local images: a relative `image.src` or body image is copied next to the
 * release's page through the build's staging folder, its address rewritten
 * to the copy, with its width and height; a missing one is an error at the
 * reference. The images are real files made here.
 */

/** A little-endian TIFF header whose first directory gives 6 × 4 pixels. */
function tiff(): Buffer {
  // Room after the directory, where a real file's pixel data would be.
  const b = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 1024);
  b.write('II', 0, 'ascii');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(2, 8);
  [[256, 6], [257, 4]].forEach(([tag, value], i) => {
    const at = 10 + i * 12;
    b.writeUInt16LE(tag!, at);
    b.writeUInt16LE(3, at + 2);
    b.writeUInt32LE(1, at + 4);
    b.writeUInt16LE(value!, at + 8);
  });
  return b;
}

const SLUG = 'service-opens-new-residence-permit-centre';
const IMAGE = '\n  src: photos/centre.png\n  alt: The new centre in Ganja';

interface Report { diagnostics: { file: string; line: number; column: number; ruleId: string; severity: string; message: string; hint?: string }[] }

const projects = useProjects();

async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  return projects.track(await fixture({ 'migration-news.config.yaml': 'languages: [en, az]\n', ...files }));
}

const build = (dir: string, ...extra: string[]) => runMain(['build', 'r', '--out', 'dist', '--format', 'html,text,json', '--reporter', 'json', '--now', NOW, ...extra], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, '.cache') } });
const read = (dir: string, path: string) => readFile(join(dir, 'dist', path), 'utf8');
const exists = (path: string) => lstat(path).then(() => true, () => false);

describe('local images', () => {
  it('are at their full address in the HTML bodies of the JSON and ninjs when the site has a URL, and relative to the page on the page', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, az]\nsite:\n  url: https://press.example.az/news/\n',
      'r/en/centre.md': release({}, 'The centre opened today.\n\n![The queue](photos/queue.jpg)\n'),
      'r/en/photos/queue.jpg': JPEG,
    });
    expect((await runMain(['build', 'r', '--out', 'dist', '--format', 'html,json,ninjs', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, '.cache') } })).code).toBe(0);
    const full = `<img src="https://press.example.az/news/en/${SLUG}/queue.jpg" alt="The queue"`;
    expect((JSON.parse(await read(dir, `en/${SLUG}.json`)) as { body: { html: string } }).body.html).toContain(full);
    const ninjs = JSON.parse(await read(dir, `en/${SLUG}.ninjs.json`)) as { bodies: { contentType: string; value: string }[] };
    expect(ninjs.bodies.find((b) => b.contentType === 'text/html')!.value).toContain(full);
    expect(await read(dir, `en/${SLUG}.html`)).toContain(`<img src="${SLUG}/queue.jpg" alt="The queue"`);
  });

  it('copies image.src and body images next to the page, links the copies and writes their width and height', async () => {
    const body = 'The centre opened today.\n\n![The queue on the first morning](photos/queue.jpg "First day")\n\nThe same photo again: ![Centre](./photos/centre.png)\n\n![Remote](https://images.example.org/map.png)\n';
    const dir = await project({ 'r/en/centre.md': release({ image: IMAGE }, body), 'r/en/photos/centre.png': png(12, 8), 'r/en/photos/queue.jpg': JPEG });
    const result = await build(dir);
    expect(result.code, result.stdout).toBe(0);

    expect(await readFile(join(dir, 'dist/en', SLUG, 'centre.png'))).toEqual(png(12, 8));
    expect(await readFile(join(dir, 'dist/en', SLUG, 'queue.jpg'))).toEqual(JPEG);
    // The same file referenced twice is copied once.
    expect((await readdir(join(dir, 'dist/en', SLUG))).sort()).toEqual(['centre.png', 'queue.jpg']);

    const html = await read(dir, `en/${SLUG}.html`);
    expect(html).toContain(`<img src="${SLUG}/centre.png" alt="The new centre in Ganja" width="12" height="8" decoding="async">`);
    expect(html).toContain(`<img src="${SLUG}/queue.jpg" alt="The queue on the first morning" title="First day" width="1" height="1" loading="lazy">`);
    expect(html).toContain(`<img src="${SLUG}/centre.png" alt="Centre" width="12" height="8" loading="lazy">`);
    // Remote images are left as they are, without a size the build cannot know.
    expect(html).toContain('<img src="https://images.example.org/map.png" alt="Remote" loading="lazy">');
    expect(html).not.toContain('photos/');

    const json = JSON.parse(await read(dir, `en/${SLUG}.json`)) as { image: Record<string, unknown>; body: { html: string } };
    expect(json.image).toMatchObject({ src: `${SLUG}/centre.png`, url: `en/${SLUG}/centre.png`, width: 12, height: 8 });
    // The JSON's body, read away from the page, gives the copies from the output root, as every URL in the JSON.
    expect(json.body.html).toContain(`<img src="en/${SLUG}/queue.jpg" alt="The queue on the first morning"`);
    expect(json.body.html).not.toContain(`src="${SLUG}/`);
    expect(await read(dir, `en/${SLUG}.txt`)).toContain(`The queue on the first morning\n<${SLUG}/queue.jpg>`);

    const manifest = JSON.parse(await read(dir, '.migration-news-manifest.json')) as { files: Record<string, { release: string; kind: string; source: string; public: boolean }> };
    expect(manifest.files[`en/${SLUG}/centre.png`]).toMatchObject({ kind: 'image', source: 'r/en/centre.md', public: true });
    expect(manifest.files[`en/${SLUG}/queue.jpg`]).toMatchObject({ kind: 'image' });
    // A release's pages and its images share an entry of each kind (the build makes one of each), never one of the other kind.
    const page = manifest.files[`en/${SLUG}.html`]!;
    expect(page).toMatchObject({ kind: 'release', source: 'r/en/centre.md', public: true });
    expect(manifest.files[`en/${SLUG}.txt`]).toEqual(page);
    expect(manifest.files[`en/${SLUG}/centre.png`]).toEqual({ ...page, kind: 'image' });
  });

  it('writes the copy under a safe name with the extension of its format, and resolves `..` inside the project', async () => {
    const dir = await project({
      'r/en/centre.md': release({}, 'Photo: ![Hall](../../shared/Main%20Hall.JPG)\n\nMap: ![Map](map.svg)\n'),
      // A plain drawing is copied as it is.
      'r/en/map.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#2a6f97"/></svg>\n',
      // A PNG saved under a JPEG name is copied as what it is.
      'shared/Main Hall.JPG': png(3, 2),
    });
    const result = await build(dir);
    expect(result.code, result.stdout).toBe(0);
    expect(await read(dir, `en/${SLUG}.html`)).toContain(`<img src="${SLUG}/main-hall.png" alt="Hall" width="3" height="2" loading="lazy">`);
    expect(await read(dir, `en/${SLUG}.html`)).toContain(`<img src="${SLUG}/map.svg" alt="Map" width="40" height="20" loading="lazy">`);
  });

  it('renames a copy whose name Windows reserves for a device (nul.png, CON.jpg), so the build writes it and the site stays portable', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n';
    const dir = await project({
      'r/en/centre.md': release({}, '![a](nul.png) ![b](CON.jpg) ![c](aux.svg) ![d](com1.png) ![e](nul-image.png)\n'),
      'r/en/nul.png': png(2, 2), 'r/en/CON.jpg': JPEG, 'r/en/aux.svg': svg, 'r/en/com1.png': png(3, 3), 'r/en/nul-image.png': png(5, 5),
    });
    for (const command of ['validate', 'build']) {
      const result = await runMain([command, 'r', '--reporter', 'json', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, '.cache') } });
      expect(result.code, command + result.stdout + result.stderr).toBe(0);
    }
    const result = await build(dir, '--keep-going');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const copies = (await readdir(join(dir, 'dist/en', SLUG))).sort();
    expect(copies).toEqual(['aux-image.svg', 'com1-image.png', 'con-image.jpg', 'nul-image-2.png', 'nul-image.png']);
    const html = await read(dir, `en/${SLUG}.html`);
    for (const name of copies) expect(html).toContain(`src="${SLUG}/${name}"`);
    expect(await readFile(join(dir, 'dist/en', SLUG, 'nul-image.png'))).toEqual(png(2, 2));
    expect(await readFile(join(dir, 'dist/en', SLUG, 'nul-image-2.png'))).toEqual(png(5, 5));
  });

  it('is an error at the reference when the image is missing, and builds nothing', async () => {
    const text = release({ image: '\n  src: photos/gone.png\n  alt: Gone' }, 'Intro.\n\nSee ![the map](maps/region.png).\n');
    const dir = await project({ 'r/en/centre.md': text });
    const result = await build(dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const found = report.diagnostics.filter((d) => d.ruleId === 'content/image-file');
    expect(found.map((d) => [d.file, d.line, d.column, d.severity])).toEqual([['r/en/centre.md', 7, 8, 'error'], ['r/en/centre.md', 12, 5, 'error']]);
    expect(found[0]!.message).toBe('The image "photos/gone.png" does not exist: there is no file r/en/photos/gone.png.');
    expect(found[1]!.hint).toContain('relative to the release file');
    expect(await exists(join(dir, 'dist'))).toBe(false);
  });

  it('copies the local images of raw HTML kept by `html: safe`, and leaves escaped HTML alone', async () => {
    const body = 'Intro.\n\n<figure>\n<img src="photos/a%20b.png" alt="The hall">\n<figcaption>The hall</figcaption>\n</figure>\n\nInline <img alt=b src=b.png width=5> too.\n';
    const files = { 'r/en/centre.md': release({}, body), 'r/en/photos/a b.png': png(8, 6), 'r/en/b.png': png(3, 3) };
    const safe = await project({ ...files, 'migration-news.config.yaml': 'html: safe\n' });
    expect((await build(safe)).code).toBe(0);
    const html = await read(safe, `en/${SLUG}.html`);
    expect(html).toContain(`<img src="${SLUG}/a-b.png" width="8" height="6" alt="The hall" />`);
    // The author's own size is kept.
    expect(html).toContain(`<img alt="b" src="${SLUG}/b.png" width="5" />`);
    expect(await exists(join(safe, `dist/en/${SLUG}/b.png`))).toBe(true);
    const escaped = await project(files);
    expect((await build(escaped)).code).toBe(0);
    expect(await exists(join(escaped, `dist/en/${SLUG}`))).toBe(false);
  });

  it('with `html: safe`, looks for no image the sanitizer drops, and points at each <img> of a block at its own line and column', async () => {
    const body = 'Intro.\n\n<figure>\n<figcaption>The hall</figcaption>\n  <img src="gone.png" alt="Gone">\n</figure>\n\n<div>\n<style><img src="styled.png" alt="a"></style>\n<!-- <img src="commented.png" alt="b"> -->\n</div>\n';
    const dir = await project({ 'migration-news.config.yaml': 'html: safe\n', 'r/en/centre.md': release({}, body) });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.diagnostics.filter((d) => d.ruleId === 'content/image-file').map((d) => [d.line, d.column, d.message])).toEqual([
      [11, 13, 'The image "gone.png" does not exist: there is no file r/en/gone.png.'],
    ]);
  });

  it('with `html: safe`, reads raw HTML as the sanitizer does: shown images are copied, in quotes and list items at their own place', async () => {
    const body = [
      'Intro.', '',
      '<div><!--><img src="a1.png" alt="After an empty comment"></div>', '',
      '<div><select><option>A<option>B</select><img src="a2.png" alt="After a list"></div>', '',
      '<div title="<!--"><img src="a3.png" alt="After a title"></div>', '',
      '<figure><img alt="Salary < 500 AZN" src="a4.png"></figure>', '',
      '> <img src="m1.png" alt="Quoted">', '',
      '- item', '  <div>', '  <img src="m2.png" alt="Listed">', '  </div>', '',
    ].join('\n');
    const files = { 'migration-news.config.yaml': 'html: safe\n', 'r/en/centre.md': release({}, body), 'r/en/a1.png': png(2, 2), 'r/en/a2.png': png(2, 2), 'r/en/a3.png': png(2, 2), 'r/en/a4.png': png(2, 2) };
    const dir = await project(files);
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const missing = (JSON.parse(result.stdout) as Report).diagnostics.filter((d) => d.ruleId === 'content/image-file').map((d) => [d.line, d.column, d.message.slice(0, 20)]);
    expect(missing).toEqual([[17, 13, 'The image "m1.png" d'], [21, 13, 'The image "m2.png" d']]);
    const built = await project({ ...files, 'r/en/centre.md': release({}, body.split('\n').slice(0, 10).join('\n')) });
    expect((await build(built)).code).toBe(0);
    expect((await readdir(join(built, 'dist/en', SLUG))).sort()).toEqual(['a1.png', 'a2.png', 'a3.png', 'a4.png']);
    expect(await read(built, `en/${SLUG}.html`)).toContain(`src="${SLUG}/a4.png"`);
  });

  it('names the file of the same name in other letter case, and a path written with backslashes, in its hint', async () => {
    // `\.` is an escape to Markdown, which reads `..\..\en` as `....\en`: the hint gives the path as written.
    const body = '![Queue](photos/queue.png)\n\n![Hall](photos\\hall.png)\n\nSee ![Hall 😀](..\\..\\en\\photos\\hall.png "The hall") here.\n';
    const dir = await project({ 'r/en/centre.md': release({ image: '{ src: "..\\\\en\\\\photos\\\\hall.png", alt: "Hall" }' }, body), 'r/en/photos/Queue.PNG': png(2, 2), 'r/en/photos/hall.png': png(2, 2) });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const hints = (JSON.parse(result.stdout) as Report).diagnostics.filter((d) => d.ruleId === 'content/image-file').map((d) => d.hint);
    expect(hints).toEqual([
      'Write the path with / between folders, as web addresses do: "../en/photos/hall.png".',
      'Did you mean "photos/Queue.PNG"? The file there is named in other letters, and upper and lower case differ on most servers.',
      'Write the path with / between folders, as web addresses do: "photos/hall.png".',
      'Write the path with / between folders, as web addresses do: "../../en/photos/hall.png".',
    ]);
  });

  it('names no file behind a link that leads out of the project in its hint, so a release cannot ask which files exist elsewhere', async () => {
    const outside = projects.track(await fixture({ shadow: 'root:x:0:0\n', 'secret.png': png(2, 2) }));
    const dir = await project({ 'r/en/centre.md': release({}, '![a](etc/SHADOW)\n\n![b](etc/Secret.PNG)\n\n![c](pics/QUEUE.png)\n'), 'r/en/photos/queue.png': png(2, 2) });
    await symlink(outside, join(dir, 'r/en/etc'));
    // A link inside the project still gets its hint.
    await symlink('photos', join(dir, 'r/en/pics'));
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as Report).diagnostics.filter((d) => d.ruleId === 'content/image-file');
    expect(found).toHaveLength(3);
    for (const d of found.slice(0, 2)) expect(`${d.message} ${d.hint}`).not.toMatch(/shadow|secret|Did you mean/);
    expect(found[2]!.hint).toContain('Did you mean "pics/queue.png"?');
  });

  it('quotes a long image address cut short, as other rules quote long values, so a report stays readable whatever a release holds', async () => {
    // One name too long for the file system, and a path of a thousand folders: each message quoted the address, and the path, whole.
    const long = `${'x'.repeat(5000)}.png`;
    const deep = `${'photos/'.repeat(1000)}centre.png`;
    const dir = await project({ 'r/en/long.md': release({ image: `\n  src: ${long}\n  alt: Centre` }), 'r/en/deep.md': release({ title: 'Deep', image: `\n  src: ${deep}\n  alt: Centre` }) });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const found = (JSON.parse(result.stdout) as Report).diagnostics.filter((d) => d.ruleId === 'content/image-file');
    expect(found.map((d) => d.file)).toEqual(['r/en/deep.md', 'r/en/long.md']);
    for (const d of found) expect(d.message.length + (d.hint?.length ?? 0)).toBeLessThan(800);
    expect(found[1]!.message).toMatch(/^The image "x{100,}…" \(r\/en\/x{100,}…\) cannot be read \(ENAMETOOLONG\)\.$/);
    expect(found[0]!.message).toMatch(/^The image "(photos\/){20,}[^"]*…" does not exist: there is no file r\/en\/(photos\/){20,}[^ ]*…\.$/);
    const annotations = await runMain(['validate', 'r', '--reporter', 'github', '--now', NOW], { cwd: dir });
    for (const line of annotations.stdout.split('\n')) expect(line.length).toBeLessThan(1000);
  });

  it('is found by validate too, at the same place, without writing anything', async () => {
    const dir = await project({ 'r/en/centre.md': release({ image: '\n  src: photos/gone.png\n  alt: Gone' }, 'Intro.\n\n![Here](here.png)\n'), 'r/en/here.png': png(2, 2) });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId])).toEqual([['r/en/centre.md', 7, 8, 'content/image-file']]);
    expect(await exists(join(dir, 'dist'))).toBe(false);
  });

  it('is looked for in a file with other errors too, by validate and build, so one run reports every problem', async () => {
    // An image without alt text is an error of its own; the missing files are two more.
    const dir = await project({ 'r/en/centre.md': release({ image: '\n  src: photos/gone.png\n  alt: Gone' }, 'Intro.\n\n![](maps/region.png)\n') });
    for (const command of ['validate', 'build']) {
      const result = await runMain([command, 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.diagnostics.map((d) => [d.line, d.ruleId]), command).toEqual([[7, 'content/image-file'], [12, 'content/image-alt'], [12, 'content/image-file']]);
    }
  });

  it('refuses an image outside the project, through `..` or through a link, and files that are not web images', async () => {
    const outside = projects.track(await fixture({ 'secret.png': png(2, 2) }));
    const dir = await project({
      'r/en/a.md': release({ title: 'Escape by dots' }, `![x](${'../'.repeat(8)}${outside.slice(1)}/secret.png)\n`),
      'r/en/b.md': release({ title: 'Escape by link' }, '![x](photos/link.png)\n'),
      'r/en/c.md': release({ title: 'Not an image' }, '![x](photos/notes.png)\n'),
      'r/en/d.md': release({ title: 'A scan' }, '![x](photos/scan.tif)\n'),
      'r/en/photos/notes.png': 'These are notes, not a picture.\n',
      'r/en/photos/scan.tif': tiff(),
      'r/en/e.md': release({ title: 'A drawing' }, '![x](photos/map.svg)\n'),
      'r/en/photos/map.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" onclick="alert(1)"/></svg>\n',
      'r/en/f.md': release({ title: 'An animated drawing' }, '![x](photos/hover.svg)\n'),
      'r/en/photos/hover.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"><set attributeName="onmouseover" to="alert(1)"/></rect></svg>\n',
    });
    await symlink(join(outside, 'secret.png'), join(dir, 'r/en/photos/link.png'));
    const result = await build(dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const byFile = Object.fromEntries(report.diagnostics.filter((d) => d.ruleId === 'content/image-file').map((d) => [d.file, d.message]));
    expect(byFile['r/en/a.md']).toMatch(/is outside the project/);
    expect(byFile['r/en/b.md']).toMatch(/symbolic link .* outside the project/);
    expect(byFile['r/en/c.md']).toMatch(/is not an image the tool can read/);
    expect(byFile['r/en/d.md']).toMatch(/is a TIFF image, which browsers do not show/);
    expect(byFile['r/en/e.md']).toMatch(/^The SVG image "photos\/map.svg" .* holds active content \("onclick="\), which would run on the site/);
    expect(byFile['r/en/f.md']).toMatch(/^The SVG image "photos\/hover.svg" .* holds active content \("<set attributeName=\\"onmouseover"\), which would run on the site/);
    expect(await exists(join(dir, 'dist'))).toBe(false);
  });

  it('refuses an image through a link out of the project in the same words whether or not anything is there, and says a link in it leads nowhere', async () => {
    const outside = projects.track(await fixture({ 'secret.png': png(2, 2), 'sub/deep.png': png(2, 2) }));
    const refs = ['there.png', 'gone.png', 'etc/secret.png', 'etc/gone.png', 'via.png', 'via-gone.png', 'lost.png', 'loop.png', 'ring/a.png', 'c1/a.png', 'c1/none.png'];
    const dir = await project({ 'r/en/centre.md': release({}, refs.map((ref) => `![x](photos/${ref})`).join('\n\n') + '\n') });
    const links: [string, string][] = [
      // To a file outside, and to none there.
      ['there.png', join(outside, 'secret.png')], ['gone.png', join(outside, 'nothing.png')],
      // A folder outside, with the file and without it.
      ['etc', outside],
      // Through a link inside that leads out, `..` climbing from where it led: to a file, and to none.
      ['out', join(outside, 'sub')], ['via.png', 'out/../secret.png'], ['via-gone.png', 'out/../nothing.png'],
      // In the project, to nothing and in a circle.
      ['lost.png', 'nothing.png'], ['loop.png', 'loop.png'],
      // Behind a folder link in a circle, and behind a chain of 41 links to a folder that holds the file.
      ['ring', 'ring2'], ['ring2', 'ring'],
      ...Array.from({ length: 41 }, (_, i): [string, string] => [`c${i + 1}`, i === 40 ? 'kept' : `c${i + 2}`]),
    ];
    await mkdir(join(dir, 'r/en/photos/kept'), { recursive: true });
    await writeFile(join(dir, 'r/en/photos/kept/a.png'), png(2, 2));
    for (const [name, target] of links) await symlink(target, join(dir, 'r/en/photos', name));
    const result = await build(dir);
    expect(result.code).toBe(1);
    const messages = (JSON.parse(result.stdout) as Report).diagnostics.filter((d) => d.ruleId === 'content/image-file').map((d) => d.message);
    const said = (ref: string) => messages.find((m) => m.startsWith(`The image "photos/${ref}" `))?.replace(/^.*?\) /, '');
    for (const ref of refs.slice(0, 6)) expect(said(ref), ref).toBe('is not copied. It is a symbolic link (or lies behind one) that leads outside the project; it is not read.');
    expect(said('lost.png')).toBe('is not copied. It is a symbolic link that leads nowhere (or in a circle).');
    expect(said('loop.png')).toBe('is not copied. It is a symbolic link that leads nowhere (or in a circle).');
    for (const ref of refs.slice(8)) expect(said(ref), ref).toBe('is not copied. It lies behind a symbolic link in a circle (or a chain of more than 40 links).');
  });

  it('copies no image of a release that is not public, and removes a copy no longer used', async () => {
    const embargoed = release({ title: 'Embargoed plan', status: 'approved', embargo: '2026-12-24T09:00:00+04:00', slug: 'plan' }, '![Plan](plan.png)\n');
    const dir = await project({ 'r/en/centre.md': release({}, '![Hall](hall.png)\n'), 'r/en/plan.md': embargoed, 'r/en/hall.png': png(4, 4), 'r/en/plan.png': png(5, 5) });
    expect((await build(dir)).code).toBe(0);
    expect(await exists(join(dir, 'dist/en/plan'))).toBe(false);
    expect(await exists(join(dir, `dist/en/${SLUG}/hall.png`))).toBe(true);
    const preview = await runMain(['build', 'r', '--out', 'preview', '--embargoed', '--now', NOW], { cwd: dir });
    expect(preview.code, preview.stderr).toBe(0);
    expect(await exists(join(dir, 'preview/en/plan/plan.png'))).toBe(true);

    await writeFile(join(dir, 'r/en/centre.md'), release({}, 'No photo any more.\n'));
    const again = await runMain(['build', 'r', '--out', 'dist', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, '.cache') } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).toContain(`removed en/${SLUG}/hall.png: its release no longer shows the image`);
    expect(await exists(join(dir, `dist/en/${SLUG}/hall.png`))).toBe(false);
  });

  it('names a new slug as the reason a copy in the old slug\'s folder is removed, not the image left out', async () => {
    const dir = await project({ 'r/en/centre.md': release({}, '![Hall](hall.png)\n'), 'r/en/hall.png': png(4, 4) });
    expect((await build(dir)).code).toBe(0);
    await writeFile(join(dir, 'r/en/centre.md'), release({ slug: 'new-centre' }, '![Hall](hall.png)\n'));
    const again = await runMain(['build', 'r', '--out', 'dist', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, '.cache') } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`removed en/${SLUG}/hall.png: the slug is now "new-centre"`);
    expect(again.stdout).not.toContain('no longer shows the image');
    expect(await exists(join(dir, 'dist/en/new-centre/hall.png'))).toBe(true);
  });

  it('keys a copy by its file\'s bytes while the file\'s times are too recent to trust, and by its stamp after', async () => {
    // On a file system with one-second (or two-second) times, an image rewritten in the tick of its stat keeps its stamp: the key must not.
    const dir = await project({ 'hall.png': png(4, 4) });
    const real = join(dir, 'hall.png');
    const copy = (changedMs: number, seenAt: number) => ({ fact: { path: 'en/x/hall.png' } as ImageCopy['fact'], real, stamp: '1:2:3:4', changedMs, seenAt });
    const now = Date.now();
    const before = await copySource(copy(now, now));
    await writeFile(real, png(5, 4).subarray(0, png(4, 4).length));
    expect(await copySource(copy(now, now))).not.toBe(before);
    expect(await copySource(copy(now - RACY_MS - 1, now))).toBe('stamp:1:2:3:4');
    // A file that cannot be read matches nothing, not even itself.
    await rm(real);
    expect(await copySource(copy(now, now))).not.toBe(await copySource(copy(now, now)));
  });

  it('never overwrites a file it did not write, and renders a changed image again on an incremental build, and only then', async () => {
    const dir = await project({ 'r/en/centre.md': release({}, '![Hall](hall.png)\n'), 'r/en/hall.png': png(4, 4) });
    expect((await build(dir)).code).toBe(0);
    await writeFile(join(dir, 'r/en/hall.png'), png(9, 7));
    expect((await build(dir)).code).toBe(0);
    expect(await read(dir, `en/${SLUG}.html`)).toContain('width="9" height="7"');
    // Nothing changed: the release and its copy are up to date, and nothing is written.
    const written = async () => (JSON.parse((await build(dir)).stdout) as { build: { written: string[] } }).build.written;
    expect(await written()).toEqual([]);
    // A copy deleted from the output is copied again; its pages, rendered again, come out with the bytes they have, and stay as they are.
    await rm(join(dir, `dist/en/${SLUG}/hall.png`));
    expect(await written()).toEqual([`en/${SLUG}/hall.png`]);
    expect(await written()).toEqual([]);

    const other = await project({ 'r/en/centre.md': release({}, '![Hall](hall.png)\n'), 'r/en/hall.png': png(4, 4), 'dist/keep.txt': 'mine\n' });
    expect((await build(other)).code).toBe(0);
    await rm(join(other, 'dist/.migration-news-manifest.json'));
    await writeFile(join(other, 'dist/.migration-news-manifest.json'), JSON.stringify({ format: 'migration-news/output-manifest', version: 1, mode: 'public', files: {} }));
    await writeFile(join(other, `dist/en/${SLUG}/hall.png`), 'a file someone put here\n');
    const refused = await build(other);
    expect(refused.code).toBe(2);
    expect(await readFile(join(other, `dist/en/${SLUG}/hall.png`), 'utf8')).toBe('a file someone put here\n');
  });

  it('leaves a copy the earlier build made with the same bytes as it is when the release\'s pages are rendered again', async () => {
    const dir = await project({ 'r/en/centre.md': release({}, '![Hall](hall.png)\n'), 'r/en/hall.png': png(4, 4) });
    expect((await build(dir)).code).toBe(0);
    const copy = join(dir, `dist/en/${SLUG}/hall.png`);
    const before = await lstat(copy);
    const written = async (...extra: string[]) => (JSON.parse((await build(dir, ...extra)).stdout) as { build: { written: string[] } }).build.written;
    // A comment in the front matter: the release is checked and rendered again, and its page and photo come out as they are.
    await writeFile(join(dir, 'r/en/centre.md'), release({}, '![Hall](hall.png)\n').replace('\n---\n', '\n# checked by the desk\n---\n'));
    expect(await written()).toEqual([]);
    expect(await written('--force')).toEqual([]);
    expect((await lstat(copy)).ino).toBe(before.ino);
    // A photo changed is copied again.
    await writeFile(join(dir, 'r/en/hall.png'), png(5, 4));
    expect(await written()).toContain(`en/${SLUG}/hall.png`);
  });

  it('gives the build threads the images as data: the same pages with one thread or two', async () => {
    const files: Record<string, string | Uint8Array> = { 'releases/hall.png': png(6, 3), 'migration-news.config.yaml': 'languages: [en, az]\nsite:\n  url: https://press.example.az\n' };
    for (let i = 0; i < 8; i++) files[`releases/r-${i}.md`] = release({ title: `Update ${i}`, slug: `update-${i}` }, `Text ${i}.\n\n![Hall](hall.png)\n`);
    const dir = await project(files);
    const common = { cwd: dir, paths: ['releases'], formats: ['html'] as const, template: 'default', keepGoing: false, now: Date.parse(NOW) };
    const one = await buildProject({ ...common, out: 'one', jobs: 1 });
    const two = await buildProject({ ...common, out: 'two', jobs: 2, minReleasesPerThread: 1 });
    expect(two.threads).toBe(2);
    expect(two.diagnostics).toEqual(one.diagnostics);
    for (let i = 0; i < 8; i++) {
      const page = await readFile(join(dir, 'two/en', `update-${i}.html`), 'utf8');
      // The feeds carry the body with the copy's full address, from a thread's rendering as from the calling thread's.
      expect(await readFile(join(dir, 'two/en/feed.json'), 'utf8')).toContain(`<img src=\\"https://press.example.az/en/update-${i}/hall.png\\" alt=\\"Hall\\" width=\\"6\\" height=\\"3\\"`);
      expect(page).toContain(`<img src="update-${i}/hall.png" alt="Hall" width="6" height="3" loading="lazy">`);
      expect(page).toBe(await readFile(join(dir, 'one/en', `update-${i}.html`), 'utf8'));
      expect(await readFile(join(dir, 'two/en', `update-${i}`, 'hall.png'))).toEqual(png(6, 3));
    }
  });
});

describe('local image helpers', () => {
  it('tells local addresses from remote and root-relative ones', () => {
    expect(['photos/a.jpg', './a.png', '../shared/a.png', 'a%20b.png'].every(isLocalImage)).toBe(true);
    expect(['https://x.org/a.png', 'HTTP://x.org/a.png', '/images/a.png', '//cdn.example/a.png', '#top', 'data:image/png;base64,AA'].some(isLocalImage)).toBe(false);
  });

  it('names copies safely and swaps the size of a photo turned on its side', () => {
    expect(imageCopyName('Фото центра.JPEG', 'jpg', new Set())).toBe('foto-tsentra.jpg');
    expect(imageCopyName('a.png', 'png', new Set(['a.png', 'a-2.png']))).toBe('a-3.png');
    expect(imageCopyName('page.html', 'png', new Set())).toBe('page.png');
    expect(imageCopyName('photos/NUL.png', 'png', new Set())).toBe('nul-image.png');
    expect(imageCopyName('lpt9.jpeg', 'jpg', new Set(['lpt9-image.jpg']))).toBe('lpt9-image-2.jpg');
    expect(displaySize({ width: 40, height: 30, orientation: 6 })).toEqual({ width: 30, height: 40 });
    expect(displaySize({ width: 40, height: 30, orientation: 1 })).toEqual({ width: 40, height: 30 });
    expect(displaySize({ width: 0, height: 30 })).toEqual({});
  });

  it('tells an SVG picture from one with active content, whatever its namespace prefixes, references or encoding', () => {
    const svg = (inner: string, head = '') => new TextEncoder().encode(`${head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg" width="10" height="10">${inner}</svg>`);
    expect(svgActiveContent(svg('<rect width="10" height="10" fill="#2a6f97"/><text>A &amp; B</text>'))).toBeUndefined();
    expect(svgActiveContent(svg('<s:script>document.title=1</s:script>'))).toBe('"<s:script"');
    expect(svgActiveContent(svg('<a href="java&#115;cript:alert(1)"><rect/></a>'))).toBe('"javascript:"');
    expect(svgActiveContent(svg('<a href="java&#x09;script:alert(1)"><rect/></a>'))).toBe('"javascript:"');
    expect(svgActiveContent(svg('<rect\ns:onclick="alert(1)"/>'))).toBe('"s:onclick="');
    expect(svgActiveContent(svg('<s:foreignObject/>'))).toBe('"<s:foreignObject"');
    // An animation that sets a handler or an address, and a <use> of a data: document; not an animation of a colour, nor a data: raster.
    expect(svgActiveContent(svg('<rect><set attributeName="onmouseover" to="alert(1)"/></rect>'))).toBe(JSON.stringify('<set attributeName="onmouseover'));
    expect(svgActiveContent(svg('<a><s:animate attributeName=\'xlink:href\' values="x"/></a>'))).toBe(JSON.stringify("<s:animate attributeName='xlink:href"));
    expect(svgActiveContent(svg('<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'))).toBe(JSON.stringify('<use href="data:'));
    expect(svgActiveContent(svg('<rect><animate attributeName="fill" values="red;blue" dur="2s"/></rect><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'))).toBeUndefined();
    expect(svgActiveContent(svg('<rect/>', '<!DOCTYPE svg [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>'))).toBe('"<!DOCTYPE svg ["');
    expect(svgActiveContent(new Uint8Array([0xff, 0xfe, ...new TextEncoder().encode('<\0s\0v\0g\0')]))).toBe('text that is not UTF-8');
    // A prefix in any letters, an encoding that hides markup behind escape sequences, a declared subset behind a quoted `>`.
    expect(svgActiveContent(svg('<é:script>x</é:script>'))).toBe('"<é:script"');
    expect(svgActiveContent(new TextEncoder().encode('<?xml version="1.0" encoding="ISO-2022-JP"?>\n<svg xmlns="http://www.w3.org/2000/svg"><scr\u001b(Bipt>x</scr\u001b(Bipt></svg>'))).toBe('text that is not UTF-8');
    expect(svgActiveContent(svg('<rect/>', '<?xml version="1.0" encoding="windows-1251"?>'))).toBe('text that is not UTF-8');
    expect(svgActiveContent(svg('<rect/>', '<!DOCTYPE svg SYSTEM "a>b" [ <!ATTLIST svg onload CDATA "x"> ]>'))).toMatch(/^"<!DOCTYPE svg SYSTEM/);
    expect(svgActiveContent(svg('<rect/>', '<?xml version="1.0" encoding="UTF-8"?>\n'))).toBeUndefined();
    // Ten thousand unfinished declarations are read once, not each to the end of the file.
    expect(svgActiveContent(svg('<rect/>', '<!DOCTYPE'.repeat(100_000)))).toBeUndefined();
    // An allow-list under the names: an HTML element by any prefix or a default namespace (a redirect, a form), an SVG element that draws nothing, an undeclared prefix.
    expect(svgActiveContent(svg('<h:meta xmlns:h="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0;url=https://evil.example/"/>'))).toMatch(/not part of a picture, "<h:meta> \(an element of HTML or MathML\)"/);
    expect(svgActiveContent(svg('<g><form xmlns="http://www.w3.org/1999/xhtml" action="https://evil.example/"><input/></form></g>'))).toMatch(/"<form> \(an element of HTML/);
    expect(svgActiveContent(svg('<video src="a.mp4"/>'))).toMatch(/not part of a picture, "<video>"/);
    expect(svgActiveContent(svg('<x:thing/>'))).toMatch(/"<x:thing> with a prefix no xmlns declares"/);
    // What drawing programs write beside the picture stays: their own namespaces, RDF metadata, gradients, filters, animation.
    const inkscape = [
      '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:zoom="1"/>',
      '<defs><inkscape:path-effect xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" effect="spiro" only_selected="false" is_visible="true"/></defs>',
      '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"><cc:Work rdf:about=""/></rdf:RDF></metadata>',
      '<defs><linearGradient id="g"><stop offset="0"/></linearGradient><filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>',
      '<rect fill="url(#g)" filter="url(#f)"><animate attributeName="x" to="5" dur="1s"/></rect><use xlink:href="#g" xmlns:xlink="http://www.w3.org/1999/xlink"/>',
    ].join('');
    expect(svgActiveContent(svg(inkscape))).toBeUndefined();
    // HTML's named references, which a browser expands under an XHTML or MathML document type (`javascript&colon;`, a namespace spelt `http&colon;`).
    const xhtml = '<!DOCTYPE svg PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "">';
    expect(svgActiveContent(svg('<h:frame xmlns:h="http&colon;//www.w3.org/1999/xhtml" src="javascript&colon;alert(1)"/>', xhtml))).toBe('"&colon;"');
    expect(svgActiveContent(svg('<rect/>', xhtml))).toMatch(/^"<!DOCTYPE svg PUBLIC/);
    expect(svgActiveContent(svg('<rect/>', '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'))).toBeUndefined();
    // A handler is looked for in tags, by the parser too (a quoted `>` before it), not in a chart's labels.
    expect(svgActiveContent(svg('<rect title="a>b" onclick="alert(1)"/>'))).toMatch(/onclick= \(an event handler\)/);
    expect(svgActiveContent(svg('<text>forms submitted online = 62%</text><flowRoot><flowPara>Old text frame</flowPara></flowRoot>'))).toBeUndefined();
  });
});
