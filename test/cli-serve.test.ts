import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import dns from 'node:dns';
import { request } from 'node:http';
import { Server as NetServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { spawn } from 'node:child_process';
import { answeredHosts, isLoopbackAddress, MAX_EVENT_STREAMS } from '../src/io/preview-server.js';
import { BIN, NOW, release, useProjects } from './helpers/cli.js';

const project = useProjects();

/** Settles when a command started by `start` next writes: `eventually` looks again then, as what it waits for is most often said, or done, as one writes. */
let written: Promise<void>;
let wake: () => void;
const awaitWrite = () => (written = new Promise<void>((resolve) => (wake = resolve)));
awaitWrite();
const wrote = () => {
  const woken = wake;
  awaitWrite();
  woken();
};

/** Starts a long-running command in this process; its output can be read while it runs, and `stop` ends it like Ctrl-C. */
function start(args: readonly string[], cwd: string) {
  const output = { stdout: '', stderr: '' };
  const controller = new AbortController();
  const done = main(args, {
    cwd,
    env: { NO_COLOR: '1' },
    stdout: { write: (s: string) => ((output.stdout += s), wrote()) },
    stderr: { write: (s: string) => ((output.stderr += s), wrote()) },
    readStdin: async () => new Uint8Array(),
    isTTY: false,
    stopSignal: () => controller.signal,
  });
  return { output, done, stop: () => controller.abort() };
}

/** Polls until `check` returns a value, or fails after `timeout` ms with what was last seen: every 50 ms, and as soon as a command started by `start` writes. */
async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeout = 15_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([written, new Promise((resolve) => (timer = setTimeout(resolve, 50)))]);
    clearTimeout(timer);
  }
}

/** The preview's address, once the command started by `start` has said it. */
function addressOf(server: ReturnType<typeof start>): Promise<string> {
  return eventually(() => /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(server.output.stdout)?.[1], 'the address');
}

async function page(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

/** Asks the server at `base` for `/` with this Host header, as a browser does that reached it by another name (DNS rebinding). */
function asHost(base: string, host: string, method = 'GET'): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname.replace(/^\[(.*)\]$/, '$1'), port, path: '/', method, headers: { Host: host } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the live-reload event stream on a connection of its own; resolves once the answer's headers (and, unless it streams, its body) are in. */
function openEvents(base: string): Promise<{ status: number; retryAfter: string | undefined; text: string; close: () => void }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: '/__migration-news/events', agent: false }, (res) => {
      const answer = { status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], text: '', close: () => req.destroy() };
      if (res.statusCode === 200) return resolve(answer);
      res.setEncoding('utf8').on('data', (d: string) => (answer.text += d));
      res.on('end', () => resolve(answer));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status of a request for a path sent as written (`fetch` would normalise it first), to the server at `base`. */
function rawStatus(base: string): (path: string) => Promise<number | undefined> {
  const { hostname, port } = new URL(base);
  return (path) => new Promise((resolve, reject) => {
    request({ host: hostname, port, path }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject).end();
  });
}

describe('migration-news validate --watch', () => {
  it('checks, checks again after each change, and stops with the last check\'s exit code', async () => {
    const dir = await project({ 'r/a.md': release() });
    const watcher = start(['validate', 'r', '--watch', '--now', NOW], dir);
    await eventually(() => (watcher.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
    expect(watcher.output.stdout).toMatch(/No problems in 1 file/);
    // The project has no templates folder: that is nothing to check again for (the look for missing paths runs twice a second).
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(watcher.output.stdout).not.toMatch(/checking again/);
    await writeFile(join(dir, 'r/a.md'), release({ date: '2026-02-30' }));
    await eventually(() => (/r\/a\.md\s+3:7\s+error/.test(watcher.output.stdout) ? true : undefined), 'the problem to be reported');
    expect(watcher.output.stdout).toMatch(/r\/a\.md changed; checking again/);
    // A new file in a watched folder is checked too.
    await writeFile(join(dir, 'r/b.md'), release({ title: 'Another', lang: 'xx' }));
    await eventually(() => (/r\/b\.md\s+4:7\s+error/.test(watcher.output.stdout) ? true : undefined), 'the new file to be checked');
    // The folder named on the command line deleted and made again (a branch switch): it is watched again.
    await rm(join(dir, 'r'), { recursive: true });
    await eventually(() => (/No such file/.test(watcher.output.stderr) ? true : undefined), 'the missing folder to be reported');
    await mkdir(join(dir, 'r'));
    await writeFile(join(dir, 'r/c.md'), release({ date: '2026-02-31' }));
    await eventually(() => (/r\/c\.md\s+3:7\s+error/.test(watcher.output.stdout) ? true : undefined), 'the folder made again to be checked');
    await writeFile(join(dir, 'r/c.md'), release({ title: 'Fixed again' }));
    await eventually(() => (/No problems in 1 file/.test(watcher.output.stdout.slice(watcher.output.stdout.lastIndexOf('checking again'))) ? true : undefined), 'a later change in it to be seen');
    watcher.stop();
    expect(await watcher.done).toBe(0);
  }, 30_000);

  it('with --reporter json, writes the reports alone on standard output, one JSON object for each check, and what it says between them on standard error', async () => {
    const dir = await project({ 'r/a.md': release() });
    const watcher = start(['validate', 'r', '--watch', '--reporter', 'json', '--now', NOW], dir);
    try {
      const said = () => watcher.output.stdout + watcher.output.stderr;
      await eventually(() => (said().includes('Watching for changes') ? true : undefined), 'the watch to start');
      await writeFile(join(dir, 'r/a.md'), release({ date: '2026-02-30' }));
      await eventually(() => (said().includes('schema/format') ? true : undefined), 'the check after the change');
      expect(watcher.output.stderr).toMatch(/^Watching for changes; press Ctrl-C to stop\.\n\n\d\d:\d\d:\d\d r\/a\.md changed; checking again\.\n/);
      // Each report is one object: what `jq` or a plugin reads from the stream, with nothing else between them.
      const reports = watcher.output.stdout.split(/(?<=^\}\n)/m).map((text) => JSON.parse(text) as { summary: { errors: number } });
      expect(reports.map((r) => r.summary.errors)).toEqual([0, ...reports.slice(1).map(() => 1)]);
      expect(reports.length).toBeGreaterThan(1);
    } finally {
      watcher.stop();
      await watcher.done;
    }
  }, 30_000);

  it('checks again at the moment --now gives, not at the time of the change', async () => {
    // Published and dated in 2099: in the past at --now, in the future by the real clock.
    const dir = await project({ 'r/a.md': release({ date: '2099-06-01' }) });
    const watcher = start(['validate', 'r', '--watch', '--now', '2100-01-01'], dir);
    try {
      await eventually(() => (watcher.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      expect(watcher.output.stdout).toMatch(/No problems in 1 file/);
      await writeFile(join(dir, 'r/a.md'), release({ date: '2099-06-01', title: 'Service opens another centre' }));
      await eventually(() => (/checking again[\s\S]*(No problems|problem)/.test(watcher.output.stdout) ? true : undefined), 'the check after the change');
      expect(watcher.output.stdout.slice(watcher.output.stdout.indexOf('checking again'))).toMatch(/No problems in 1 file/);
    } finally {
      watcher.stop();
      await watcher.done;
    }
  }, 30_000);

  it('checks again with a config file written while it runs, where none was', async () => {
    const dir = await project({ 'r/a.md': release({ lang: 'de' }) });
    const watcher = start(['validate', 'r', '--watch', '--now', NOW], dir);
    try {
      await eventually(() => (watcher.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      expect(watcher.output.stdout).toMatch(/`lang` is "de"/);
      await writeFile(join(dir, 'migration-news.config.yaml'), 'languages: [en, de]\n');
      await eventually(() => (/migration-news\.config\.yaml changed; checking again/.test(watcher.output.stdout) ? true : undefined), 'the config to be seen');
      await eventually(() => (/template\/labels/.test(watcher.output.stdout.slice(watcher.output.stdout.lastIndexOf('checking again'))) ? true : undefined), 'the check under the config');
      expect(watcher.output.stdout.slice(watcher.output.stdout.lastIndexOf('checking again'))).not.toMatch(/`lang` is "de"/);
    } finally {
      watcher.stop();
      await watcher.done;
    }
  }, 30_000);

  it('with --fix, fixes a file saved with an invisible character and checks it once, not again for its own rewrite', async () => {
    const dir = await project({ 'r/a.md': release() });
    const watcher = start(['validate', 'r', '--fix', '--watch', '--now', NOW], dir);
    const checks = () => watcher.output.stdout.split('\n').filter((line) => line.endsWith('checking again.')).map((line) => line.slice(9));
    try {
      await eventually(() => (watcher.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      await writeFile(join(dir, 'r/a.md'), release({ title: 'Zero\u200bwidth' }));
      await eventually(() => (watcher.output.stderr.includes('Removed or replaced 1 invisible character in 1 file: r/a.md.') ? true : undefined), 'the fix');
      expect(await readFile(join(dir, 'r/a.md'), 'utf8')).toBe(release({ title: 'Zerowidth' }));
      // Long enough for the watcher to have told of the rewrite, and a check for it to have run.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(checks()).toEqual(['r/a.md changed; checking again.']);
      // A save after it is a change.
      await writeFile(join(dir, 'r/a.md'), release({ title: 'Saved again' }));
      await eventually(() => (checks().length === 2 ? true : undefined), 'the check after the save');
    } finally {
      watcher.stop();
      await watcher.done;
    }
  }, 30_000);

  it('checks again when the template set gets labels, and when a named folder comes back with its parent', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en, tr]\n', 'a/r/t.md': release({ lang: 'tr' }) });
    const watcher = start(['validate', 'a/r', '--watch', '--now', NOW], dir);
    try {
      await eventually(() => (watcher.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      expect(watcher.output.stdout).toMatch(/template\/labels/);
      // The set's labels are watched: adding the language's file checks again.
      await mkdir(join(dir, 'templates/default/labels'), { recursive: true });
      await writeFile(join(dir, 'templates/default/labels/tr.yaml'), await readFile(join(import.meta.dirname, '../templates/default/labels/en.yaml'), 'utf8'));
      await eventually(() => (/No problems in 1 file/.test(watcher.output.stdout) ? true : undefined), 'the labels to be seen');
      // The named folder goes with its parent, and both come back.
      await rm(join(dir, 'a'), { recursive: true });
      await eventually(() => (/No such file/.test(watcher.output.stderr) ? true : undefined), 'the missing folder to be reported');
      await mkdir(join(dir, 'a/r'), { recursive: true });
      await writeFile(join(dir, 'a/r/t.md'), release({ lang: 'tr', date: '2026-02-31' }));
      await eventually(() => (/a\/r\/t\.md\s+3:7\s+error/.test(watcher.output.stdout) ? true : undefined), 'the folder made again to be checked');
    } finally {
      watcher.stop();
      await watcher.done;
    }
  }, 30_000);

  // A named file's whole folder is watched: a report written into it started the next check, without end (40 in 2.5 s).
  it('takes no report of its own, written into a watched folder, for a change', async () => {
    const dir = await project({ 'r/a.md': release() });
    const log = join(dir, 'r', 'watch.log');
    const out = openSync(log, 'w');
    const child = spawn(process.execPath, [BIN, 'validate', 'r/a.md', '--watch', '--now', NOW], { cwd: dir, stdio: ['ignore', out, out], env: { NO_COLOR: '1', PATH: process.env.PATH ?? '' } });
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const checks = async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line.includes('checking again')).map((line) => line.slice(9));
      await eventually(async () => ((await readFile(log, 'utf8')).includes('Watching for changes') ? true : undefined), 'the watch to start');
      await writeFile(join(dir, 'r/a.md'), release({ date: '2026-02-30' }));
      await eventually(async () => (/error/.test(await readFile(log, 'utf8')) ? true : undefined), 'the change to be checked');
      // The report is in the log, written before this change: the watcher hears of the two in that order, and a report taken for a
      // change would be checked, alone or with this change, before this change's check ends. Taken so, each check's report would start
      // the next, without end.
      await writeFile(join(dir, 'r/a.md'), release());
      await eventually(async () => {
        const text = await readFile(log, 'utf8');
        return /No problems/.test(text.slice(text.lastIndexOf('checking again'))) ? true : undefined;
      }, 'the fix to be checked');
      expect(await checks()).toEqual(['r/a.md changed; checking again.', 'r/a.md changed; checking again.']);
    } finally {
      child.kill('SIGINT');
      await done;
      closeSync(out);
    }
  }, 30_000);

  it('refuses standard input', async () => {
    const dir = await project({ 'r/a.md': release() });
    const run = start(['validate', '-', '--watch'], dir);
    expect(await run.done).toBe(2);
    expect(run.output.stderr).toMatch(/--watch cannot read standard input/);
  });
});

describe('migration-news serve', () => {
  it('serves drafts on a free port, rebuilds on change, shows problems over the last good page, and stops', async () => {
    const dir = await project({
      'r/a.md': release({ title: 'First headline', status: 'draft' }),
      'r/b.md': release({ title: 'Second release' }),
    });
    const server = start(['serve', 'r', '--now', NOW], dir);
    let stopped = false;
    try {
      const base = await addressOf(server);
      expect(base).not.toMatch(/:0\/$/);
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');

      const first = await page(`${base}en/first-headline.html`);
      expect(first.status).toBe(200);
      expect(first.text).toContain('First headline');
      // A draft is shown, marked as not for publication.
      expect(first.text).toMatch(/NOT FOR PUBLICATION/);
      // Never at the same time for immediate release.
      expect(first.text).not.toMatch(/FOR IMMEDIATE RELEASE/);
      expect(first.text).toContain('/__migration-news/live.js');
      expect(first.text).not.toContain('migration-news-overlay');
      const index = await page(base);
      expect(index.text).toContain('en/second-release.html');
      // No page links to the draft: its address is printed instead.
      expect(index.text).not.toContain('first-headline');
      expect(server.output.stdout).toContain(`Not linked from the preview's pages (not public at the time of the build): 1 release.\n  ${base}en/first-headline.html  (r/a.md: status is draft)\n`);

      // The open page learns of every build through server-sent events.
      const events = await fetch(`${base}__migration-news/events`);
      const reader = events.body!.getReader();
      let stream = '';
      const readEvents = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          stream += new TextDecoder().decode(value);
        }
      })();

      await writeFile(join(dir, 'r/a.md'), release({ title: 'First headline', status: 'draft' }, 'A freshly changed paragraph.\n'));
      await eventually(async () => ((await page(`${base}en/first-headline.html`)).text.includes('A freshly changed paragraph') ? true : undefined), 'the change');
      await eventually(() => ((stream.match(/event: build/g) ?? []).length >= 2 ? true : undefined), 'a build event');
      // Only the changed release is rendered again.
      expect(server.output.stdout).toMatch(/Rebuilt 2 releases in \d+ ms \(1 rendered, 1 up to date\)/);
      // The draft was there before: its address is not printed again.
      expect(server.output.stdout).not.toMatch(/New in the preview/);
      // A new draft's address is printed once it is built.
      await writeFile(join(dir, 'r/c.md'), release({ title: 'Third one', status: 'review' }));
      await eventually(() => (server.output.stdout.includes('New in the preview') ? true : undefined), 'the new draft');
      expect(server.output.stdout).toContain(`New in the preview, not linked from its pages: 1 release.\n  ${base}en/third-one.html  (r/c.md: status is review)\n`);
      await rm(join(dir, 'r/c.md'));
      await eventually(() => (/Rebuilt 2 releases/.test(server.output.stdout.slice(server.output.stdout.indexOf('New in the preview'))) ? true : undefined), 'the new draft gone');

      // A broken save: the last good page stays, with the problem on top.
      await writeFile(join(dir, 'r/a.md'), release({ title: 'First headline', status: 'draft', date: '2026-02-30' }, 'Broken now.\n'));
      const broken = await eventually(async () => {
        const p = await page(`${base}en/first-headline.html`);
        return p.text.includes('migration-news-overlay') ? p : undefined;
      }, 'the error overlay');
      expect(broken.status).toBe(200);
      expect(broken.text).toContain('A freshly changed paragraph');
      expect(broken.text).not.toContain('Broken now');
      expect(broken.text).toMatch(/r\/a\.md:3:7.*schema\/format/s);
      expect(server.output.stdout).toMatch(/r\/a\.md\s+3:7\s+error/);
      // The other page still rebuilt and carries the overlay too.
      expect((await page(`${base}en/second-release.html`)).text).toContain('migration-news-overlay');

      // Fixed again: the overlay goes away.
      await writeFile(join(dir, 'r/a.md'), release({ title: 'First headline', status: 'draft' }, 'Fixed.\n'));
      await eventually(async () => {
        const p = await page(`${base}en/first-headline.html`);
        return p.text.includes('Fixed.') && !p.text.includes('migration-news-overlay') ? true : undefined;
      }, 'the fix');

      // Saved again as it was: rebuilt, but no open page is told to reload, since nothing it shows changed.
      const rebuilds = () => (server.output.stdout.match(/Rebuilt \d+ release/g) ?? []).length;
      const buildEvents = () => (stream.match(/event: build/g) ?? []).length;
      const build = async () => ((await (await fetch(`${base}__migration-news/status.json`)).json()) as { build: number }).build;
      /** Until the event of build `n` has come down the stream: the events before it came before it. */
      const eventOf = (n: number) => eventually(() => (stream.includes(`data: {"build":${n},`) ? true : undefined), `the event of build ${n}`);
      // The fix's own event, sent as its pages were served.
      const fixed = await build();
      await eventOf(fixed);
      const [rebuiltBefore, eventsBefore] = [rebuilds(), buildEvents()];
      await writeFile(join(dir, 'r/a.md'), release({ title: 'First headline', status: 'draft' }, 'Fixed.\n'));
      await eventually(() => (rebuilds() > rebuiltBefore ? true : undefined), 'the rebuild of an unchanged save');
      // A later save that changes the page: its build is the next one, and its event the next one down the stream, which an event of
      // the unchanged save would have come before.
      await writeFile(join(dir, 'r/a.md'), release({ title: 'First headline', status: 'draft' }, 'Fixed again.\n'));
      await eventually(async () => ((await page(`${base}en/first-headline.html`)).text.includes('Fixed again.') ? true : undefined), 'the later change');
      expect(await build()).toBe(fixed + 1);
      await eventOf(fixed + 1);
      expect(buildEvents()).toBe(eventsBefore + 1);

      server.stop();
      stopped = true;
      expect(await server.done).toBe(0);
      // The draft's address was named once: broken and fixed again, it is no new page.
      expect(server.output.stdout.split(`${base}en/first-headline.html  (`)).toHaveLength(2);
      await readEvents;
      expect(server.output.stdout).toMatch(/Stopped\.\n$/);
      await expect(fetch(base)).rejects.toThrow();
    } finally {
      // A failed expectation still stops the server, which removes its temporary folder.
      if (!stopped) {
        server.stop();
        await server.done;
      }
    }
  }, 60_000);

  it('rebuilds when a template of the project changes, and keeps the last good pages while a template is broken', async () => {
    const dir = await project({
      'r/a.md': release({ title: 'Templated release' }),
      'templates/default/release.html.liquid': '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><h1>V1 {{ release.title }}</h1></body></html>\n',
    });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      const url = `${base}en/templated-release.html`;
      expect((await page(url)).text).toContain('V1 Templated release');
      await writeFile(join(dir, 'templates/default/release.html.liquid'), '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><h1>V2 {{ release.title }}</h1></body></html>\n');
      await eventually(async () => ((await page(url)).text.includes('V2 Templated release') ? true : undefined), 'the template change');
      await writeFile(join(dir, 'templates/default/release.html.liquid'), '<!DOCTYPE html><html><body>{% if %}V3</body></html>\n');
      const broken = await eventually(async () => {
        const p = await page(url);
        return p.text.includes('migration-news-overlay') ? p : undefined;
      }, 'the template error overlay');
      expect(broken.text).toContain('V2 Templated release');
      expect(broken.text).toMatch(/template\/syntax/);
      // The site's own pages, which a build that failed for every release would make without any, keep listing it.
      expect((await page(base)).text).toContain('Templated release');
      expect((await page(`${base}sitemap.xml`)).text).toContain('en/templated-release.html');
      expect(server.output.stdout).not.toMatch(/-\d+ up to date/);
      // The rebuild says the release failed, and that its page is the last good one.
      await eventually(() => (/Rebuilt 0 releases in \d+ ms \(\d+ rendered, 0 up to date, 1 failed\); pages that failed keep their last good version\./.test(server.output.stdout) ? true : undefined), 'the rebuild line');
      // HEAD answers with the headers alone.
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  it('says a release whose first build failed has no page yet, not that it keeps one', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Broken from the start' }), 'templates/default/release.html.liquid': '<html><body>{% if %}x</body></html>\n' });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      expect(server.output.stdout).toMatch(/Built 0 releases in \d+ ms; a release that failed has no page until it is fixed\./);
      expect(server.output.stdout).not.toContain('keep their last good version');
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  it('says a rebuild stopped by an error in the config file rebuilt nothing, and keeps serving the last good pages', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Configured release' }), 'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n' });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      await writeFile(join(dir, 'migration-news.config.yaml'), 'organisation:\n  name: [State Migration Service\n');
      await eventually(() => (/Rebuilt nothing, since the config file has errors; the preview keeps the pages of the last build that worked\./.test(server.output.stdout) ? true : undefined), 'the rebuild line');
      expect(server.output.stdout).not.toMatch(/Rebuilt 1 release/);
      expect((await page(`${base}en/configured-release.html`)).text).toContain('Configured release');
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  it('takes up a config file written while it runs, where none was, or one nearer the releases', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Configured release' }) });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      expect((await page(`${base}en/configured-release.html`)).text).not.toContain('Caspian Migration Office');
      await writeFile(join(dir, 'migration-news.config.yaml'), 'organisation:\n  name: Caspian Migration Office\n');
      await eventually(async () => ((await page(`${base}en/configured-release.html`)).text.includes('Caspian Migration Office') ? true : undefined), 'the page with the new config');
      await writeFile(join(dir, 'r', 'migration-news.config.yaml'), 'organisation:\n  name: Nearer Migration Service\n');
      await eventually(async () => ((await page(`${base}en/configured-release.html`)).text.includes('Nearer Migration Service') ? true : undefined), 'the page with the nearer config');
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  it('rebuilds once for a config file written where none was, and again for each later save of it', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Configured release' }) });
    const server = start(['serve', 'r', '--now', NOW], dir);
    const changes = () => server.output.stdout.split('\n').filter((line) => / changed$/.test(line)).map((line) => line.slice(9));
    const rebuilds = () => server.output.stdout.split('\n').filter((line) => line.startsWith('Rebuilt')).length;
    try {
      await addressOf(server);
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      await writeFile(join(dir, 'migration-news.config.yaml'), 'organisation:\n  name: Caspian Migration Office\n');
      await eventually(() => (rebuilds() === 1 ? true : undefined), 'the rebuild');
      // The watch looks at a path that came back again a second later: long enough for that look to have made a rebuild.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(changes()).toEqual(['migration-news.config.yaml changed']);
      await writeFile(join(dir, 'migration-news.config.yaml'), 'organisation:\n  name: Nearer Migration Service\n');
      await eventually(() => (rebuilds() === 2 ? true : undefined), 'the rebuild after the save');
      expect(changes()).toEqual(['migration-news.config.yaml changed', 'migration-news.config.yaml changed']);
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  it('keeps its home page up to date while a release other than the one saved has an error', async () => {
    const dir = await project({
      'r/a.md': release({ title: 'Alpha release', id: 'a' }),
      'r/c.md': release({ title: 'Broken draft', id: 'c', status: 'draft', date: '2026-17-03' }),
    });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      expect((await page(base)).text).toContain('Alpha release');
      await writeFile(join(dir, 'r/d.md'), release({ title: 'Gamma new', id: 'd' }));
      await eventually(async () => ((await page(base)).text.includes('Gamma new') ? true : undefined), 'the new release on the home page');
      // A release deleted meanwhile loses its page, which only a release that fails keeps.
      expect((await page(`${base}en/alpha-release.html`)).status).toBe(200);
      await rm(join(dir, 'r/a.md'));
      await eventually(async () => (!(await page(base)).text.includes('Alpha release') ? true : undefined), 'the deleted release off the home page');
      expect((await page(`${base}en/alpha-release.html`)).status).toBe(404);
      expect((await page(`${base}en/gamma-new.html`)).status).toBe(200);
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  it('answers only to loopback host names while it listens on this computer only, and only GET and HEAD', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      const port = new URL(base).port;
      expect((await asHost(base, `localhost:${port}`)).status).toBe(200);
      expect(await asHost(base, `attacker.example:${port}`)).toEqual({ status: 403, text: 'This preview answers only to localhost and 127.0.0.1 (see serve --host).\n' });
      expect((await asHost(base, `127.0.0.1:${port}`, 'POST')).status).toBe(405);
      expect((await page(`${base}no/such/page.html`)).status).toBe(404);
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
    // A loopback address named with --host keeps the guard.
    const named = start(['serve', 'r', '--host', '127.0.0.1', '--now', NOW], dir);
    try {
      const base = await addressOf(named);
      expect((await asHost(base, 'attacker.example')).status).toBe(403);
      expect((await asHost(base, '127.0.0.1')).status).toBe(200);
    } finally {
      named.stop();
      expect(await named.done).toBe(0);
    }
  }, 30_000);

  // The guard goes by the address bound, not by the name given: a name that resolves to loopback (here as /etc/hosts may make it) is as local as `localhost`.
  it('keeps the host-name check when --host names this computer under another name, and answers to that name', async () => {
    const dir = await project({ 'r/a.md': release() });
    const lookup = dns.lookup;
    const spy = vi.spyOn(dns, 'lookup').mockImplementation(((name: string, ...rest: unknown[]) => {
      const callback = rest.at(-1) as (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void;
      // Newer versions of Node ask for every address (`all`) when they listen on a name.
      const all = (rest[0] as { all?: boolean } | undefined)?.all === true;
      if (name === 'preview.test') return all ? callback(null, [{ address: '127.0.0.2', family: 4 }]) : callback(null, '127.0.0.2', 4);
      return (lookup as (...args: unknown[]) => void)(name, ...rest);
    }) as typeof dns.lookup);
    const server = start(['serve', 'r', '--host', 'preview.test', '--now', NOW], dir);
    try {
      const base = await eventually(() => /at (http:\/\/\S+:\d+\/)/.exec(server.output.stdout)?.[1], `the address (${server.output.stderr})`);
      expect(spy.mock.calls.map(([name]) => name)).toContain('preview.test');
      expect(base).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
      const port = new URL(base).port;
      expect(await asHost(base, `attacker.example:${port}`)).toEqual({ status: 403, text: 'This preview answers only to localhost, 127.0.0.1, preview.test and 127.0.0.2 (see serve --host).\n' });
      for (const name of ['preview.test', 'PREVIEW.TEST', 'localhost', '127.0.0.1', '127.0.0.2']) expect((await asHost(base, `${name}:${port}`)).status, name).toBe(200);
    } finally {
      spy.mockRestore();
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  it('keeps the host-name check for ::1 given with a zone (::1%lo), which binds to ::1 all the same', async ({ skip }) => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--host', '::1%lo', '--now', NOW], dir);
    try {
      const base = await eventually(() => /at (http:\/\/\S+:\d+\/)/.exec(server.output.stdout)?.[1] ?? (/Cannot listen/.test(server.output.stderr) ? null : undefined), 'the address');
      if (base === null) return skip(`this computer has no IPv6 loopback address: ${server.output.stderr.trim()}`);
      expect(base).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
      const port = new URL(base).port;
      expect(await asHost(base, `attacker.example:${port}`)).toEqual({ status: 403, text: 'This preview answers only to localhost, 127.0.0.1 and [::1] (see serve --host).\n' });
      expect((await asHost(base, `[::1]:${port}`)).status).toBe(200);
      expect((await asHost(base, `localhost:${port}`)).status).toBe(200);
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  it('watches the sets in use, never the whole folder the config names for sets (it may be /)', async () => {
    const dir = await project({ 'r/a.md': release(), 'migration-news.config.yaml': 'templates: /\n' });
    const { watchTargets } = await import('../src/cli/commands/serve.js');
    const targets = await watchTargets({ paths: ['r'], template: 'default' }, { cwd: dir });
    expect(targets).not.toContain('/');
    expect(targets).toEqual(expect.arrayContaining([join(dir, 'r'), join(dir, 'migration-news.config.yaml'), join(dir, 'templates')]));
  });

  it('stops with exit 2 and a clear message when there is nothing to serve or the port is taken', async () => {
    const empty = await project({ 'r/readme.txt': 'no releases here' });
    const none = start(['serve', 'r'], empty);
    expect(await none.done).toBe(2);
    expect(none.output.stderr).toMatch(/No release files/);

    const dir = await project({ 'r/a.md': release() });
    const first = start(['serve', 'r', '--now', NOW], dir);
    try {
      const port = await eventually(() => /127\.0\.0\.1:(\d+)\//.exec(first.output.stdout)?.[1], 'the address');
      const second = start(['serve', 'r', '--port', port, '--now', NOW], dir);
      expect(await second.done).toBe(2);
      expect(second.output.stderr).toMatch(new RegExp(`Port ${port} is in use`));
    } finally {
      first.stop();
      await first.done;
    }
  }, 30_000);

  // A link-local IPv6 address needs its interface (fe80::1%eth0): without one, listening fails with EINVAL, which was reported as a bug of the tool.
  it('stops with exit 2 and a clear message for an address it cannot listen on, a link-local one without its interface included', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW, '--host', 'fe80::1'], dir);
    expect(await server.done).toBe(2);
    expect(server.output.stderr).toMatch(/^migration-news: Cannot listen on fe80::1:0 \(E[A-Z]+\)\.\n/);
    expect(server.output.stderr).not.toMatch(/internal error|bug/);
  }, 30_000);

  // An editor's safe save writes a temporary file and renames it over the release; the watcher holds each deletion 100 ms to see if the file comes back.
  it('rebuilds once for a save through a temporary file and a rename, naming the release, not the temporary file', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      await eventually(() => (server.output.stdout.includes('Watching for changes') ? true : undefined), 'the watch to start');
      const build = async () => ((await (await fetch(`${base}__migration-news/status.json`)).json()) as { build: number }).build;
      const before = await build();
      const saves = [
        // vim (backupcopy=no): a probe file made and deleted, the release moved aside to a backup, written anew, the backup deleted.
        async (title: string) => {
          await writeFile(join(dir, 'r/4913'), '');
          await rm(join(dir, 'r/4913'));
          await rename(join(dir, 'r/a.md'), join(dir, 'r/a.md~'));
          await writeFile(join(dir, 'r/a.md'), release({ title }));
          await rm(join(dir, 'r/a.md~'));
        },
        // JetBrains' safe write: a temporary file beside it, the release moved aside, the temporary file renamed over it, the old one deleted.
        async (title: string) => {
          await writeFile(join(dir, 'r/a.md___jb_tmp___'), release({ title }));
          await rename(join(dir, 'r/a.md'), join(dir, 'r/a.md___jb_old___'));
          await rename(join(dir, 'r/a.md___jb_tmp___'), join(dir, 'r/a.md'));
          await rm(join(dir, 'r/a.md___jb_old___'));
        },
      ];
      for (const [i, save] of saves.entries()) {
        const from = server.output.stdout.length;
        await save(`Saved ${i}`);
        await eventually(async () => ((await page(`${base}en/saved-${i}.html`)).status === 200 ? true : undefined), 'the saved page');
        // A later, unrelated change: a second rebuild for the temporary files would come before it, or with it.
        await writeFile(join(dir, `r/other-${i}.md`), release({ title: `Other ${i}` }));
        await eventually(async () => ((await page(`${base}en/other-${i}.html`)).status === 200 ? true : undefined), 'the later change');
        await eventually(() => (/Rebuilt[^\n]*\n(?:[^\n]*\n)*$/.test(server.output.stdout) && !/changed\n(?:(?!Rebuilt)[^\n]*\n)*$/.test(server.output.stdout) ? true : undefined), 'the rebuild to be reported');
        const lines = server.output.stdout.slice(from).split('\n').filter((line) => / changed$/.test(line)).map((line) => line.slice(9));
        expect(lines).toEqual(['r/a.md changed', `r/other-${i}.md changed`]);
        expect(await build()).toBe(before + 2 * (i + 1));
      }
      // JetBrains' files are none of the project's whenever they come and go: one left behind rebuilds nothing.
      const from = server.output.stdout.length;
      const builds = await build();
      await writeFile(join(dir, 'r/a.md___jb_old___'), release({ title: 'Left behind' }));
      await writeFile(join(dir, 'r/last.md'), release({ title: 'Last' }));
      await eventually(async () => ((await page(`${base}en/last.html`)).status === 200 ? true : undefined), 'the last change');
      // One change more, after the rebuild of the last: a rebuild for the file left behind, written before both, would come before it, or with it.
      await writeFile(join(dir, 'r/later.md'), release({ title: 'Later' }));
      await eventually(async () => ((await page(`${base}en/later.html`)).status === 200 ? true : undefined), 'the later change');
      await eventually(() => (/Rebuilt[^\n]*\n(?:[^\n]*\n)*$/.test(server.output.stdout) && !/changed\n(?:(?!Rebuilt)[^\n]*\n)*$/.test(server.output.stdout) ? true : undefined), 'the rebuild to be reported');
      expect(server.output.stdout.slice(from).split('\n').filter((line) => / changed$/.test(line)).map((line) => line.slice(9))).toEqual(['r/last.md changed', 'r/later.md changed']);
      expect(await build()).toBe(builds + 2);
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  // A listing's links are relative (tags/x.html, ../index.html): served at /en instead of /en/, every one of them led one folder too high.
  it('sends a folder asked for without its final slash to the address with it, so that the page\'s relative links work', async () => {
    const dir = await project({ 'r/a.md': release({ tags: '[visas]' }) });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      const listing = await page(`${base}en/`);
      expect(listing.text).toMatch(/href="tags\/visas\.html"/);
      for (const [asked, to] of [['en', '/en/'], ['en?x=1', '/en/?x=1']] as const) {
        const response = await fetch(`${base}${asked}`, { redirect: 'manual' });
        expect([asked, response.status, response.headers.get('location')]).toEqual([asked, 302, to]);
      }
      // Sent as it is, /x/..//en is the path //en: the address sent back stays on this server, never //en/, another host to a browser.
      const { hostname, port } = new URL(base);
      const location = await new Promise<string | undefined>((resolve, reject) => {
        request({ host: hostname, port, path: '/x/..//en' }, (res) => {
          res.resume();
          resolve(res.headers.location);
        }).on('error', reject).end();
      });
      expect(location).toBe('/en/');
      // A file, a page without its .html and a folder with its slash are served where they are asked for.
      for (const path of ['en/index.html', 'en/', 'en/index', 'en/tags/visas']) expect([path, (await fetch(`${base}${path}`, { redirect: 'manual' })).status]).toEqual([path, 200]);
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  // Read against a base address, a path that starts with two slashes (or a slash and a backslash) names another host, and the rest of it was served as the path.
  it('reads a path that starts with //, or /\\, as a path, never as another host\'s address', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      const statusOf = rawStatus(base);
      const file = 'en/service-opens-new-residence-permit-centre.html';
      expect(await statusOf(`/${file}`)).toBe(200);
      for (const path of [`//elsewhere.example/${file}`, `/\\elsewhere.example/${file}`]) {
        expect([path, await statusOf(path)]).toEqual([path, 404]);
      }
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  // Decoded before it was looked up, an encoded slash was a separator: /en%2Fpage.html served en/page.html, under an address that anything reading the path undecoded takes for one file's name.
  it('takes an encoded slash or backslash for no separator, and refuses a NUL or a malformed escape, without stopping', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      const statusOf = rawStatus(base);
      const name = 'service-opens-new-residence-permit-centre.html';
      for (const path of ['/en/', `/en/${name}`, '/__migration-news/status.json']) expect([path, await statusOf(path)]).toEqual([path, 200]);
      for (const path of ['/en%2F', '/en%2f', `/en%2F${name}`, `/en%5C${name}`, '/en%5C', `/en/tags%2F..%2F${name}`, '/__migration-news%2Fstatus.json']) {
        expect([path, await statusOf(path)]).toEqual([path, 404]);
      }
      for (const path of ['/en%00', `/en/${name}%00.html`, '/en%E0%A4%A', '/%E0%A4%A']) expect([path, await statusOf(path)]).toEqual([path, 400]);
      // Still serving after all of these.
      expect(await statusOf(`/en/${name}`)).toBe(200);
    } finally {
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  // Drafts and embargoed releases are in the preview: another site open in the same browser may not load its files into its own pages (an embargoed release's picture in an <img>).
  it('sends every answer with its type enforced, not to be kept by a cache, and not to be loaded by another site', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      for (const path of ['', 'en', 'en/service-opens-new-residence-permit-centre.html', 'releases.json', 'missing.html', '__migration-news/live.js', '__migration-news/status.json', '__migration-news/events']) {
        const response = await fetch(`${base}${path}`, { method: path.endsWith('events') ? 'HEAD' : 'GET', redirect: 'manual' });
        await response.body?.cancel();
        const headers = ['x-content-type-options', 'cache-control', 'cross-origin-resource-policy'].map((name) => response.headers.get(name));
        expect([path, ...headers]).toEqual([path, 'nosniff', 'no-store', 'same-origin']);
      }
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  // An alias keeps .htm, and its letter case: the redirect page there was sent as application/octet-stream, which a browser downloads, and without the reload script.
  it('serves a page at an old address ending in .htm, or in .HTML, as a page, with the reload script', async () => {
    const dir = await project({ 'r/a.md': release({ aliases: '[/news/old.htm, /news/OLD.HTML]' }) });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      for (const path of ['news/old.htm', 'news/OLD.HTML']) {
        const response = await fetch(`${base}${path}`);
        const text = await response.text();
        expect([path, response.status, response.headers.get('content-type'), /http-equiv="refresh"/.test(text), text.includes('/__migration-news/live.js')]).toEqual([path, 200, 'text/html; charset=utf-8', true, true]);
      }
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  // A browser asks for parts of a video, a recording or a long PDF (Range), to start showing it or to seek in it.
  it('answers a request for one byte range of a file with 206 and that part, one beyond its end with 416, and one for several ranges with the whole file', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      const whole = await fetch(`${base}releases.json`);
      const file = Buffer.from(await whole.arrayBuffer());
      const size = file.length;
      expect([whole.status, whole.headers.get('accept-ranges')]).toEqual([200, 'bytes']);
      const ask = async (range: string, headers: Record<string, string> = {}, method = 'GET') => {
        const response = await fetch(`${base}releases.json`, { method, headers: { Range: range, ...headers } });
        const body = Buffer.from(await response.arrayBuffer());
        return { status: response.status, range: response.headers.get('content-range'), length: response.headers.get('content-length'), accept: response.headers.get('accept-ranges'), body };
      };
      const part = (start: number, end: number) => ({ status: 206, range: `bytes ${start}-${end}/${size}`, length: String(end - start + 1), accept: 'bytes', body: file.subarray(start, end + 1) });
      expect(await ask('bytes=0-9')).toEqual(part(0, 9));
      expect(await ask('bytes=10-')).toEqual(part(10, size - 1));
      expect(await ask('bytes=-5')).toEqual(part(size - 5, size - 1));
      expect(await ask('bytes=-100000')).toEqual(part(0, size - 1));
      expect(await ask('bytes=5-99999999999')).toEqual(part(5, size - 1));
      expect(await ask(`bytes=${size - 1}-${size - 1}`)).toEqual(part(size - 1, size - 1));
      expect(await ask('BYTES = 3 - 4')).toEqual(part(3, 4));
      expect({ ...(await ask('bytes=0-9', {}, 'HEAD')), body: null }).toEqual({ ...part(0, 9), body: null });
      for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
        const refused = await ask(range);
        expect([range, refused.status, refused.range, refused.accept]).toEqual([range, 416, `bytes */${size}`, 'bytes']);
      }
      // Several ranges, a range that is none, another unit, or a range the preview cannot check against If-Range: the whole file.
      for (const [range, headers] of [['bytes=0-1,5-6', {}], ['bytes=5-2', {}], ['bytes=abc', {}], ['items=0-5', {}], ['bytes=0-9', { 'If-Range': '"x"' }]] as const) {
        const answer = await ask(range, headers);
        expect([range, answer.status, answer.range, answer.body.equals(file)]).toEqual([range, 200, null, true]);
      }
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  it('answers HEAD for its own addresses, the event stream included, without waiting', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      for (const path of ['events', 'status.json', 'live.js']) {
        const response = await fetch(`${base}__migration-news/${path}`, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
        expect([path, response.status, await response.text()]).toEqual([path, 200, '']);
      }
      expect((await fetch(`${base}__migration-news/events`, { method: 'HEAD' })).headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    } finally {
      server.stop();
      await server.done;
    }
  }, 30_000);

  // Each stream holds a socket, a file descriptor of the process, for as long as it is open: without a limit, a program on this computer could open them until the preview could serve nothing.
  it('holds at most a fixed number of live-reload streams open, refuses the next with 503 and Retry-After, takes a new one once one closes, and serves pages all the while', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    const streams: Awaited<ReturnType<typeof openEvents>>[] = [];
    try {
      const base = await addressOf(server);
      for (let i = 0; i < MAX_EVENT_STREAMS; i++) streams.push(await openEvents(base));
      expect(streams.map((s) => s.status).filter((status) => status !== 200)).toEqual([]);
      const refused = await openEvents(base);
      expect([refused.status, refused.retryAfter, refused.text]).toEqual([503, '5', `Too many live-reload streams are open (${MAX_EVENT_STREAMS}); close some preview pages.\n`]);
      expect((await page(`${base}en/service-opens-new-residence-permit-centre.html`)).status).toBe(200);
      // A page closed: its stream's room is free again, once the server has seen it go.
      streams.shift()!.close();
      const again = await eventually(async () => {
        const stream = await openEvents(base);
        if (stream.status === 200) return stream;
        return undefined;
      }, 'a stream to be taken again');
      streams.push(again);
      expect((await openEvents(base)).status).toBe(503);
    } finally {
      for (const stream of streams) stream.close();
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  // A failure after listening came as an error event nobody listened to, which ends a process with a stack trace: a process out of file descriptors, failing to accept one connection, stopped the preview.
  it('goes on serving when its server fails after listening, and says so in one line on stderr for each kind of failure, without a stack trace', async () => {
    const dir = await project({ 'r/a.md': release() });
    // The only seam to the server's own failures: the server the preview listens with, caught as it starts listening.
    const listen = vi.spyOn(NetServer.prototype, 'listen');
    const server = start(['serve', 'r', '--now', NOW], dir);
    try {
      const base = await addressOf(server);
      const listening = listen.mock.contexts.find((s) => (s as NetServer).listening) as NetServer;
      listen.mockRestore();
      const failure = (code: string) => Object.assign(new Error(`accept ${code}`), { code, syscall: 'accept' });
      // EMFILE comes again with every connection tried while the process is out of descriptors: it is said once.
      for (let i = 0; i < 3; i++) listening.emit('error', failure('EMFILE'));
      listening.emit('error', failure('ENFILE'));
      expect(server.output.stderr).toBe(
        'migration-news: The preview server failed (EMFILE: too many open files, in accept); it goes on serving, and reports no more failures of this kind.\n'
        + 'migration-news: The preview server failed (ENFILE: too many open files, in accept); it goes on serving, and reports no more failures of this kind.\n',
      );
      expect((await page(`${base}en/service-opens-new-residence-permit-centre.html`)).status).toBe(200);
    } finally {
      listen.mockRestore();
      server.stop();
      expect(await server.done).toBe(0);
    }
  }, 30_000);

  // An open page learns of builds by their number: a serve started again on the same port counted from 1 again, so a page of the first one's build 1 took the new build 1 for its own and never reloaded.
  it('numbers its builds apart from an earlier serve on the same port, so that an open page reloads when the server comes back', async () => {
    const dir = await project({ 'r/a.md': release() });
    const buildOf = async (base: string) => Number(/data-build="(\d+)"/.exec((await page(`${base}en/service-opens-new-residence-permit-centre.html`)).text)?.[1]);
    const first = start(['serve', 'r', '--now', NOW], dir);
    const base = await addressOf(first);
    const before = await buildOf(base);
    first.stop();
    expect(await first.done).toBe(0);
    const second = start(['serve', 'r', '--now', NOW, '--port', new URL(base).port], dir);
    try {
      await eventually(() => (second.output.stdout.includes(base) ? true : undefined), 'the second serve');
      expect(Number.isInteger(before)).toBe(true);
      expect(await buildOf(base)).not.toBe(before);
    } finally {
      second.stop();
      await second.done;
    }
  }, 30_000);

  // Ctrl-C while the first build runs (a large newsroom takes seconds) is honoured once the build ends: the preview never starts listening and watching.
  it('stops without serving when Ctrl-C comes during the first build', async () => {
    const dir = await project({ 'r/a.md': release() });
    const server = start(['serve', 'r', '--now', NOW], dir);
    server.stop();
    expect(await server.done).toBe(0);
    expect(server.output.stdout).not.toMatch(/Serving a preview|Watching for changes/);
    expect(server.output.stdout).toMatch(/Stopped\.\n$/);
  }, 30_000);

  it('stops cleanly on Ctrl-C, or when its terminal closes, when run as the real binary, and leaves no temporary folder', async () => {
    const dir = await project({ 'r/a.md': release(), 'tmp/.keep': '' });
    for (const signal of ['SIGINT', 'SIGHUP'] as const) {
      // The preview's temporary folder (drafts included) is made in TMPDIR: it must be gone after either signal.
      const child = spawn(process.execPath, [BIN, 'serve', 'r', '--now', NOW], { cwd: dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TMPDIR: join(dir, 'tmp') } });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const base = await eventually(() => /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1], 'the address');
      expect((await page(`${base}en/service-opens-new-residence-permit-centre.html`)).status).toBe(200);
      expect(await readdir(join(dir, 'tmp'))).toHaveLength(2);
      child.kill(signal);
      expect(await exited, signal).toBe(0);
      expect(stdout).toMatch(/Stopped\.\n$/);
      expect(await readdir(join(dir, 'tmp')), signal).toEqual(['.keep']);
    }
  }, 30_000);
  // A second Ctrl-C ends the process at once, with exit 130: the drafts it built are no less in the temporary folder.
  it('leaves no temporary folder when a second Ctrl-C stops it at once, during its first build', async () => {
    const files: Record<string, string> = { 'tmp/.keep': '' };
    for (let i = 0; i < 1500; i++) files[`r/a${i}.md`] = release({ title: `Release number ${i}`, status: 'draft' });
    const dir = await project(files);
    const child = spawn(process.execPath, [BIN, 'serve', 'r', '--now', NOW], { cwd: dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TMPDIR: join(dir, 'tmp') } });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await eventually(async () => ((await readdir(join(dir, 'tmp'))).length > 1 ? true : undefined), 'the temporary folder', 20_000);
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stdout).not.toMatch(/Serving a preview/);
    expect(await readdir(join(dir, 'tmp'))).toEqual(['.keep']);
  }, 60_000);
});

describe('the host names the preview answers to', () => {
  it('knows loopback by the address bound: 127.0.0.0/8, ::1 however written, and IPv4-mapped ::ffff:127.x.x.x', () => {
    expect(['127.0.0.1', '127.0.0.2', '127.1.2.3', '127.255.255.255', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:2', '::FFFF:127.9.9.9'].filter((a) => !isLoopbackAddress(a))).toEqual([]);
    // Any address, the LAN, the IPv4-compatible ::127.0.0.1 (no loopback), mapped addresses of other networks, and names, which are no address bound.
    expect(['0.0.0.0', '::', '128.0.0.1', '126.255.255.255', '192.168.1.5', '10.0.0.1', '::2', '::127.0.0.1', '::ffff:192.168.1.5', 'fe80::1%eth0', 'localhost', '127.1', ''].filter(isLoopbackAddress)).toEqual([]);
  });

  it('answers any host bound to an address others can reach, whatever name was given', () => {
    for (const [bound, requested] of [['0.0.0.0', '0.0.0.0'], ['::', '::'], ['192.168.1.5', 'press.example'], ['10.0.0.1', 'localhost'], ['::ffff:192.168.1.5', '::ffff:192.168.1.5']] as const) {
      expect(answeredHosts(bound, requested), `${requested} bound to ${bound}`).toBeUndefined();
    }
  });

  it('answers loopback names, the address bound and the name given, bound to loopback, and says so when it refuses', () => {
    const byDefault = answeredHosts('127.0.0.1', '127.0.0.1')!;
    expect([...byDefault.names].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect(byDefault.refusal).toBe('This preview answers only to localhost and 127.0.0.1 (see serve --host).\n');

    const named = answeredHosts('127.0.1.1', 'Press-Box')!;
    expect([...named.names].sort()).toEqual(['127.0.0.1', '127.0.1.1', '[::1]', 'localhost', 'press-box']);
    expect(named.refusal).toBe('This preview answers only to localhost, 127.0.0.1, press-box and 127.0.1.1 (see serve --host).\n');

    // `localhost` resolved to ::1: it, and the address, which is named.
    expect(answeredHosts('::1', 'localhost')!.refusal).toBe('This preview answers only to localhost, 127.0.0.1 and [::1] (see serve --host).\n');
    // An address given is the address bound, named once, in brackets when IPv6; its other spellings are answered as a browser writes them.
    expect(answeredHosts('::1', '0:0:0:0:0:0:0:1')!.refusal).toBe('This preview answers only to localhost, 127.0.0.1 and [::1] (see serve --host).\n');
    expect(answeredHosts('::1', '[::1]')!.refusal).toBe('This preview answers only to localhost, 127.0.0.1 and [::1] (see serve --host).\n');
    const mapped = answeredHosts('::ffff:127.0.0.1', '::ffff:127.0.0.1')!;
    expect(mapped.names).toEqual(new Set(['localhost', '127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]']));
    expect(mapped.refusal).toBe('This preview answers only to localhost, 127.0.0.1 and [::ffff:127.0.0.1] (see serve --host).\n');
    // A name a URL parser reads as an address (127.1 is 127.0.0.1) is answered as typed too.
    expect([...answeredHosts('127.0.0.1', '127.1')!.names].sort()).toEqual(['127.0.0.1', '127.1', '[::1]', 'localhost']);
    // No name outside these, however close.
    for (const guard of [byDefault, named, mapped]) expect(['attacker.example', 'localhost.attacker.example', '127.0.0.1.attacker.example', '', '0.0.0.0'].filter((h) => guard.names.has(h))).toEqual([]);
  });
});

describe('the addresses serve prints for releases no page links to', () => {
  it('names at most ten, says how many more, and says nothing when there are none or no HTML is built', async () => {
    const { unlistedLines } = await import('../src/cli/commands/serve.js');
    const many = Array.from({ length: 12 }, (_, i) => ({ file: `r/${i}.md`, reason: 'embargoed' as const, page: `en/n${i}.html` }));
    const lines = unlistedLines(many, 'http://127.0.0.1:4000/', true).split('\n');
    expect(lines[0]).toBe('Not linked from the preview\'s pages (not public at the time of the build): 12 releases.');
    expect(lines.slice(1, 11)).toEqual(many.slice(0, 10).map((r) => `  http://127.0.0.1:4000/${r.page}  (${r.file}: under embargo)`));
    expect(lines.slice(11)).toEqual(['  … and 2 more.', '']);
    expect(unlistedLines([], 'http://127.0.0.1:4000/', true)).toBe('');
    expect(unlistedLines([{ file: 'r/a.md', reason: 'draft' }], 'http://127.0.0.1:4000/', false)).toBe('');
  });
});
