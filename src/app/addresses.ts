import { lstat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FRESH } from '../core/objects.js';
import type { Language } from '../core/schema.js';
import { printable } from '../core/text.js';
import { frontMatterAddress, type ReleaseAddress } from '../core/address.js';
import { aliasFiles } from '../core/aliases.js';
import { collisionKey } from '../core/names.js';
import { isInside } from '../io/paths.js';
import { readFrontMatterSync } from '../io/read.js';
import { maxFileSize, openProject } from './project.js';

/** A release's address and the file that claims it. */
export interface ClaimedAddress extends ReleaseAddress {
  path: string;
  /** As messages show it. */
  display: string;
}

export interface AddressSearch {
  cwd: string;
  /** The config file that applies; none: the project is the working folder. */
  configPath?: string;
  /** A folder to search too when it lies outside the project (the one a draft is written to), if it exists. */
  folder: string;
}

/**
 * The addresses the releases of one language claim in a project, and the
 * releases of other languages that keep an old address in its folder
 * (`aliases: [/ru/kvota.html]` in an English release, whose redirect page
 * `validate` keeps from the Russian release of that slug): those of
 * every file that `validate` reads when run in the project's folder (the
 * config file's, or else the working folder), found as it finds them
 * (`ignore` globs and template sets left out), so that `new` never writes
 * a draft that `validate` refuses as another release's twin, wherever in
 * the project that release lies and whatever its file is called. Only each
 * file's front matter is read (see `frontMatterAddress`); a file that cannot
 * be read, or whose front matter has an error, is passed over in silence:
 * `validate` reports it.
 */
export async function addressesOf(lang: Language, search: AddressSearch): Promise<ClaimedAddress[]> {
  const root = search.configPath ? dirname(resolve(search.cwd, search.configPath)) : search.cwd;
  const outside = !isInside(search.folder, root) && (await lstat(search.folder).catch(() => undefined))?.isDirectory() === true;
  const project = await openProject({ cwd: search.cwd, paths: outside ? [root, search.folder] : [root], ...(search.configPath ? { configPath: search.configPath } : {}) });
  const found: ClaimedAddress[] = [];
  for (const file of project.files) {
    if (file.refused) continue;
    const read = readFrontMatterSync(file.path, file.display, maxFileSize(project.config));
    // Parsed under the name `validate` gives it: a release without an `id` takes its id from it.
    const address = read.ok ? frontMatterAddress(read.text, file.display) : undefined;
    if (address && (address.lang === lang || aliasFiles(address).some(({ file: page }) => collisionKey(page.split('/')[0]!) === collisionKey(lang)))) found.push({ ...FRESH, ...address, path: file.path, display: printable(file.display) });
  }
  return found;
}
