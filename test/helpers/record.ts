import { readFile, writeFile } from 'node:fs/promises';
import type { FileRecord } from '../../src/app/incremental.js';

/**
 * Rewrites a build record as if its files had been read a minute later than
 * they were: their times are then trusted, and a rebuild reads none of the
 * files it finds unchanged. The record is one line per file,
 * `"path"<tab>{record}`, between a first and a last line.
 */
export async function ageRecord(path: string): Promise<void> {
  const lines = (await readFile(path, 'utf8')).split('\n').map((line) => {
    const tab = line.indexOf('\t');
    if (tab === -1) return line;
    const file = JSON.parse(line.slice(tab + 1)) as FileRecord;
    file.stamp!.at += 60_000;
    return `${line.slice(0, tab)}\t${JSON.stringify(file)}`;
  });
  await writeFile(path, lines.join('\n'));
}
