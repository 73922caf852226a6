import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { recordSeal, sealKey, type FileRecord } from '../../src/app/incremental.js';

/**
 * Rewrites a build record's lines through `edit`, and closes it again with
 * its seal: as a build writes it (`key`, with the cache folder's key), or
 * as a tool that knows the format but not the key would (`sha256`). The
 * record is one line per file, `"path"<tab>{record}`, between a first and a
 * last line, then the seal.
 */
export async function editRecord(path: string, edit: (file: FileRecord) => void, seal: 'key' | 'sha256' = 'key'): Promise<void> {
  const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -2).map((line) => {
    const tab = line.indexOf('\t');
    if (tab === -1) return line;
    const file = JSON.parse(line.slice(tab + 1)) as FileRecord;
    edit(file);
    return `${line.slice(0, tab)}\t${JSON.stringify(file)}`;
  });
  const body = `${lines.join('\n')}\n`;
  const key = sealKey(dirname(path), false);
  if (seal === 'key' && !key) throw new Error(`no key beside ${path}`);
  const hash = seal === 'key' ? recordSeal(key!) : createHash('sha256');
  await writeFile(path, `${body}${hash.update(body).digest('hex')}\n`);
}

/**
 * Rewrites a build record as if its files had been read a minute later than
 * they were: their times are then trusted, and a rebuild reads none of the
 * files it finds unchanged.
 */
export function ageRecord(path: string): Promise<void> {
  return editRecord(path, (file) => {
    file.stamp!.at += 60_000;
  });
}
