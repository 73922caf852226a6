import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, chown, lstat, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fixFieldTabs } from '../core/field-tabs.js';
import { keepsMeaning } from '../core/fix-check.js';
import { fixInvisible } from '../core/invisible.js';
import { decodeRelease } from './read.js';

export interface FixResult {
  /** Files rewritten, as shown in messages. */
  files: string[];
  /** The same files by their paths. */
  paths: string[];
  /** Characters removed or replaced in all of them. */
  characters: number;
  /** Files with something to fix that were left as they were, each with why. */
  left: { file: string; reason: string }[];
}

/**
 * `validate --fix`: rewrites release files whose text holds invisible
 * characters that are safe to remove, or tabs in text fields of the front
 * matter, which a space replaces. Each file is written whole to a
 * temporary file beside it, with the file's mode and owner, and renamed
 * over it, so an interrupted run leaves the old file or the new one, never
 * half of either; a file that cannot be read (the check reports it), is
 * not valid UTF-8,
 * is larger than `maxSize` (which the check refuses to read) or is a
 * symbolic link is left alone, as is one that is read-only, has other
 * names (hard links) or an owner this user cannot give it, one whose front matter the fixes would make say
 * something else (`keepsMeaning`), that changed or went since it was read,
 * or that cannot be written, which `left` names.
 */
export async function fixFiles(files: readonly { path: string; display: string }[], maxSize: number): Promise<FixResult> {
  const result: FixResult = { files: [], paths: [], characters: 0, left: [] };
  for (const file of files) {
    const info = await lstat(file.path).catch(() => undefined);
    const link = info?.isSymbolicLink() === true;
    // A link is read through, to say whether it has anything to fix, but never written through: the file it leads to is named.
    const target = link ? await stat(file.path).catch(() => undefined) : info;
    if (!target?.isFile() || target.size > maxSize) continue;
    // One that cannot be read (another user's, EACCES) is left to the check, which reports it as unreadable.
    const bytes = await readFile(file.path).catch(() => undefined);
    if (bytes === undefined) continue;
    // As the check reads it, its byte-order mark included, which the file keeps.
    const decoded = decodeRelease(bytes, file.display, maxSize);
    if (!decoded.ok) continue;
    const invisible = fixInvisible(decoded.text);
    // The tabs are found in the front matter as YAML reads it, which a no-break space after a key may have stopped: after that fix.
    const tabs = fixFieldTabs(invisible.text, file.display);
    const fixed = { text: tabs.text, fixed: invisible.fixed + tabs.fixed };
    if (fixed.fixed === 0) continue;
    if (link) {
      // Named as the link is, from the same folder.
      const real = await realpath(file.path);
      const target = join(dirname(file.display), relative(dirname(file.path), real)).split(sep).join('/');
      result.left.push({ file: file.display, reason: `it is a symbolic link, which --fix does not write through; run it on the file it leads to, ${target}` });
      continue;
    }
    // A rename would replace a file its owner made read-only (as Perforce leaves files not opened for edit), and would leave
    // the file's other names (hard links) with the old text: each is named instead.
    if ((target.mode & 0o222) === 0 || !(await access(file.path, constants.W_OK).then(() => true, () => false))) {
      result.left.push({ file: file.display, reason: 'it is read-only; make it writable and run --fix again, or fix it by hand' });
      continue;
    }
    if (target.nlink > 1) {
      result.left.push({ file: file.display, reason: `it has ${target.nlink - 1} other name${target.nlink === 2 ? '' : 's'} (a hard link), which rewriting it would leave with the old text; fix it by hand` });
      continue;
    }
    if (!keepsMeaning(decoded.text, fixed.text)) {
      result.left.push({ file: file.display, reason: 'fixing it would change what its front matter says (a tab, no-break space or separator inside a value, which would end the value or start another field there); fix it by hand' });
      continue;
    }
    const temporary = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, fixed.text, { flag: 'wx' });
      // The mode as it was, which the umask would have cut, and the owner, where this user may give it: where not (another user's
      // file in a folder anyone may write), the rename would make the file this user's, which is left instead.
      await chmod(temporary, target.mode & 0o7777);
      if (!(await chown(temporary, target.uid, target.gid).then(() => true, () => false))) {
        const made = await stat(temporary);
        if (made.uid !== target.uid || made.gid !== target.gid) {
          result.left.push({ file: file.display, reason: 'it belongs to another user or group, and rewriting it would make it this user\'s; run --fix as its owner, or fix it by hand' });
          continue;
        }
      }
      const now = await stat(file.path).catch(() => undefined);
      // Someone saved, moved or deleted the file meanwhile: what they did wins, and is named, so that no one takes it for fixed.
      if (now === undefined) {
        result.left.push({ file: file.display, reason: 'it was moved or deleted while --fix was fixing it' });
        continue;
      }
      if (now.mtimeMs !== target.mtimeMs || now.size !== target.size) {
        result.left.push({ file: file.display, reason: 'it was saved while --fix was fixing it, and the text saved was kept; run --fix again' });
        continue;
      }
      await rename(temporary, file.path);
      result.files.push(file.display);
      result.paths.push(file.path);
      result.characters += fixed.fixed;
    } catch (cause) {
      result.left.push({ file: file.display, reason: `it cannot be written (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}): its folder must let this user make a file beside it` });
    } finally {
      await rm(temporary, { force: true });
    }
  }
  return result;
}
