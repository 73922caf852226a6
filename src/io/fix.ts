import { randomBytes } from 'node:crypto';
import { lstat, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fixFieldTabs } from '../core/field-tabs.js';
import { fixInvisible } from '../core/invisible.js';
import { decodeRelease } from './read.js';

export interface FixResult {
  /** Files rewritten, as shown in messages. */
  files: string[];
  /** Characters removed or replaced in all of them. */
  characters: number;
}

/**
 * `validate --fix`: rewrites release files whose text holds invisible
 * characters that are safe to remove, or tabs in text fields of the front
 * matter, which a space replaces. Each file is written whole to a
 * temporary file beside it and renamed over it, so an interrupted run leaves
 * the old file or the new one, never half of either; a file that changed
 * since it was read, is not valid UTF-8 or is a symbolic link is left alone.
 */
export async function fixFiles(files: readonly { path: string; display: string }[]): Promise<FixResult> {
  const result: FixResult = { files: [], characters: 0 };
  for (const file of files) {
    const info = await lstat(file.path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const bytes = await readFile(file.path);
    // As the check read it, its byte-order mark included, which the file keeps; no size limit: the check has read it already.
    const decoded = decodeRelease(bytes, file.display, Number.POSITIVE_INFINITY);
    if (!decoded.ok) continue;
    const invisible = fixInvisible(decoded.text);
    // The tabs are found in the front matter as YAML reads it, which a no-break space after a key may have stopped: after that fix.
    const tabs = fixFieldTabs(invisible.text, file.display);
    const fixed = { text: tabs.text, fixed: invisible.fixed + tabs.fixed };
    if (fixed.fixed === 0) continue;
    const temporary = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, fixed.text, { flag: 'wx', mode: info.mode & 0o777 });
      const now = await stat(file.path);
      // Someone saved the file meanwhile: their text wins, and the next run fixes it.
      if (now.mtimeMs !== info.mtimeMs || now.size !== info.size) continue;
      await rename(temporary, file.path);
      result.files.push(file.display);
      result.characters += fixed.fixed;
    } finally {
      await rm(temporary, { force: true });
    }
  }
  return result;
}
