import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { requireTool, skipWithout } from './tools.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Where a Chromium is looked for after MIGRATION_NEWS_CHROMIUM, in order: the usual names on the PATH and in /usr/bin, then Playwright's download. */
function chromiumCandidates(env: Record<string, string | undefined>): string[] {
  const folders = [...new Set([...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'])];
  const candidates = NAMES.flatMap((name) => folders.map((folder) => join(folder, name)));
  try {
    // The browser `npx playwright install chromium` downloads, if it has been.
    candidates.push(chromium.executablePath());
  } catch {
    // This playwright-core knows no download for this platform.
  }
  return candidates;
}

/**
 * The Chromium the browser tests drive: MIGRATION_NEWS_CHROMIUM when set
 * (and then only it, so a wrong setting is an error and not a fallback),
 * else the first of the usual install paths that exists.
 */
export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const chosen = env.MIGRATION_NEWS_CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return chromiumCandidates(env).find((path) => existsSync(path));
}

export const CHROMIUM = findChromium();

export const CHROMIUM_ADVICE = process.env.MIGRATION_NEWS_CHROMIUM
  ? `MIGRATION_NEWS_CHROMIUM is set to ${process.env.MIGRATION_NEWS_CHROMIUM}, which does not exist.`
  : `no Chromium was found (looked for ${NAMES.join(', ')} on the PATH and in /usr/bin, and for Playwright's download). Install one (Debian: apt-get install chromium) or set MIGRATION_NEWS_CHROMIUM to its path.`;

/** For `describe.skipIf(skipWithoutChromium())`: true, with a notice, when there is none and this is not CI. */
export const skipWithoutChromium = (): boolean => skipWithout('Chromium', CHROMIUM !== undefined, CHROMIUM_ADVICE);

/** Flags for a quiet, reproducible headless run: no sandbox (containers run as root), no GPU, no network chatter. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts the Chromium found above, or fails saying how to get one. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireTool('Chromium', CHROMIUM, CHROMIUM_ADVICE), args: CHROMIUM_ARGS });
}
