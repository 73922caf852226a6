import { join } from 'node:path';
import { REDIRECT_MAP, REDIRECT_MAP_FORMAT, type RedirectRecord } from '../core/aliases.js';
import { MAX_MANIFEST_BYTES, ownFileText, type ManifestEntry, type OutputManifest } from './output.js';

const FIELDS = ['from', 'path', 'to', 'file'] as const;

/**
 * The largest map read back: as large as the output manifest may be, and far above one a build writes (a line a
 * redirect page); a file of gigabytes that a pull request put in a kept output folder would otherwise be read whole.
 */
export const MAX_REDIRECT_MAP_BYTES = MAX_MANIFEST_BYTES;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The entries of the last build's `redirects.json` for the redirect pages
 * that stay in the output folder: those the last build's manifest lists as
 * pages of a release that `failed` names (kept, like its other pages, until
 * it is fixed) and that `stays` accepts. Nothing when the last build wrote
 * no map, or the map is not one a build wrote (a link, on its way or at its
 * end, a pipe, a file over `MAX_REDIRECT_MAP_BYTES`; see `ownFileText`).
 */
export function keptRedirects(out: string, previous: OutputManifest | undefined, failed: (source: string) => boolean, stays: (entry: ManifestEntry) => boolean): RedirectRecord[] {
  if (previous?.files[REDIRECT_MAP]?.kind !== 'site') return [];
  const kept = new Set<string>();
  for (const [path, entry] of Object.entries(previous.files)) if (entry.kind === 'redirect' && failed(entry.source) && stays(entry)) kept.add(path);
  if (kept.size === 0) return [];
  const text = ownFileText(join(out, REDIRECT_MAP), MAX_REDIRECT_MAP_BYTES);
  if (text === undefined) return [];
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(map) || map.format !== REDIRECT_MAP_FORMAT || !Array.isArray(map.redirects)) return [];
  const records: RedirectRecord[] = [];
  for (const r of map.redirects as unknown[]) {
    if (!isRecord(r) || !FIELDS.every((key) => typeof r[key] === 'string') || !kept.has(r.file as string)) continue;
    records.push({ from: r.from as string, path: r.path as string, to: r.to as string, file: r.file as string });
    // One entry per page, whatever the file holds.
    kept.delete(r.file as string);
  }
  return records;
}
