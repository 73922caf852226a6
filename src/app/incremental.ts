import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Translation } from '../core/collection.js';
import { toInstant } from '../core/dates.js';
import type { BuildFormat } from '../core/formats.js';
import { pagePath } from '../core/model.js';
import type { TemplateSet } from '../core/templates.js';
import type { InputFile } from '../io/find.js';
import type { CheckedRelease, CheckOutcome } from './check.js';

/**
 * What a build remembers so that the next one redoes only what changed.
 * A file's check is reused when its bytes hash the same and the clock has
 * not crossed a moment its result depends on; a release is rendered again
 * when it was checked again or its translations changed. Anything that
 * touches every output (the tool's version, the config, the template set,
 * the formats, the publication mode) is one fingerprint: when it differs,
 * nothing is reused.
 *
 * The record is kept in a cache folder (the CLI uses the user's, such as
 * ~/.cache/migration-news), one file per output folder, never in or beside
 * the output folder: it holds every release's metadata, drafts and embargoed
 * ones too, which must not be published with the site. It is written after
 * the outputs are in place; a record older than the outputs only makes the
 * next build do more work than it needed to.
 */

/** A file to check, with the hash of its bytes when an earlier check of those bytes still holds. */
export interface CheckItem {
  file: InputFile;
  known?: string;
}

/** A file's check; without `outcome` the earlier check holds (the bytes hash to `known`). */
export interface CheckItemResult {
  outcome?: CheckOutcome;
  /** SHA-256 of the bytes read. */
  hash?: string;
  size?: number;
  mtimeMs?: number;
}

export const STATE_VERSION = 1;

export interface FileRecord {
  /** The path as diagnostics show it: a run from another folder shows other paths, and checks again. */
  display: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** The file's check, as it came out: diagnostics and the checked release. */
  outcome: CheckOutcome;
  /** Instants (ms) at which the check could come out differently: the release's date and embargo. */
  instants: number[];
  /** What the release's pages were rendered from, when it was rendered. */
  render?: RenderRecord;
}

export interface RenderRecord {
  /** The translations the pages link to. */
  translations: string;
  /** The outputs written, relative to the output folder. */
  outputs: string[];
  /** The body's HTML, kept for a release whose body the site's feeds carry. */
  bodyHtml?: string;
}

export interface BuildState {
  version: typeof STATE_VERSION;
  fingerprint: string;
  /** The clock of the build that wrote this state. */
  now: number;
  /** By absolute path of the input file. */
  files: Record<string, FileRecord>;
}

export interface FingerprintParts {
  tool: string;
  config: unknown;
  set: TemplateSet;
  formats: readonly string[];
  mode: string;
}

/** A JSON text of `value` with object keys sorted, so that equal values give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return Object.fromEntries([...v.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
    return v;
  });
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function fingerprint(parts: FingerprintParts): string {
  return sha256(stableJson({ ...parts, formats: [...parts.formats] }));
}

/** The moments at which a release's check depends on the clock (see validate.ts and publication.ts). */
export function clockInstants(outcome: CheckOutcome, timeZone: string): number[] {
  const release = outcome.checked?.release;
  if (!release) return [];
  const instants = [toInstant(release.date, timeZone)];
  if (release.embargo !== undefined) instants.push(toInstant(release.embargo, timeZone));
  return instants.filter((t) => Number.isFinite(t));
}

/**
 * The recorded check of a file, if it still holds: same bytes, and no
 * instant it depends on lies between the two clocks. A file that had errors
 * is always checked again: its release, and so its instants, are unknown.
 */
export function reusableCheck(record: FileRecord | undefined, display: string, hash: string, before: number, now: number): CheckOutcome | undefined {
  if (!record || record.display !== display || record.hash !== hash || !record.outcome.checked) return undefined;
  const low = Math.min(before, now);
  const high = Math.max(before, now);
  if (record.instants.some((t) => t > low && t <= high)) return undefined;
  return record.outcome;
}

export function translationsKey(translations: readonly Translation[]): string {
  return JSON.stringify(translations);
}

/** Reads a state written by an earlier build; anything unexpected means there is none. */
export function parseState(text: string | undefined, expected: string): BuildState | undefined {
  if (text === undefined) return undefined;
  try {
    const state = JSON.parse(text) as BuildState;
    if (state?.version !== STATE_VERSION || state.fingerprint !== expected || typeof state.now !== 'number' || typeof state.files !== 'object' || state.files === null) return undefined;
    return state;
  } catch {
    return undefined;
  }
}

/** Where the record of the build into `out` is kept. */
export function cachePath(cacheDir: string, out: string): string {
  return join(cacheDir, `${sha256(out).slice(0, 32)}.json`);
}

export function readCache(cacheDir: string, out: string): string | undefined {
  try {
    return readFileSync(cachePath(cacheDir, out), 'utf8');
  } catch {
    return undefined;
  }
}

/** Replaces the record in one rename; a record that cannot be written only costs the next build time. */
export function writeCache(cacheDir: string, out: string, state: BuildState): void {
  const path = cachePath(cacheDir, out);
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    // Only its owner may read it: it names releases that are not public yet.
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

interface LiveRecord extends FileRecord {
  /** Whether this run took the check from the earlier record. */
  reusedCheck: boolean;
}

/** One build's use of the record of the build before it. */
export class BuildCache {
  /** Files whose earlier check was reused. */
  reused = 0;
  private readonly previous: BuildState | undefined;
  private readonly records = new Map<string, LiveRecord>();

  constructor(private readonly out: string, private readonly print: string, private readonly now: number, private readonly timeZone: string, recorded: string | undefined) {
    this.previous = parseState(recorded, print);
  }

  /** The file to check, with the hash of the bytes whose check still holds. */
  checkItem(file: InputFile): CheckItem {
    const record = this.previous?.files[file.path];
    if (!record || !this.previous) return { file };
    return reusableCheck(record, file.display, record.hash, this.previous.now, this.now) ? { file, known: record.hash } : { file };
  }

  /** The outcome of a file's check: the one just made, or the recorded one when the bytes are the same. */
  checked(file: InputFile, result: CheckItemResult): CheckOutcome {
    let outcome = result.outcome;
    const reusedCheck = outcome === undefined;
    if (!outcome) {
      const recorded = this.previous!.files[file.path]!.outcome;
      const release = recorded.checked!;
      // The file may have been touched: rendering compares its size and time with the check's.
      outcome = { diagnostics: recorded.diagnostics, checked: { ...release, source: { ...release.source, size: result.size!, mtimeMs: result.mtimeMs! } } };
      this.reused++;
    }
    if (result.hash !== undefined) {
      this.records.set(file.path, { display: file.display, hash: result.hash, outcome, instants: clockInstants(outcome, this.timeZone), reusedCheck });
    }
    return outcome;
  }

  /**
   * Whether a release's pages, as an earlier build wrote them, are what this
   * build would write; if so, what the site needs of it (the body's HTML,
   * when `needsBody`).
   */
  upToDate(item: CheckedRelease, translations: readonly Translation[], formats: readonly BuildFormat[], needsBody: boolean): { bodyHtml?: string } | undefined {
    const record = this.records.get(item.source.path);
    const earlier = this.previous?.files[item.source.path]?.render;
    if (!record?.reusedCheck || !earlier || earlier.translations !== translationsKey(translations)) return undefined;
    if (needsBody && earlier.bodyHtml === undefined) return undefined;
    const outputs = formats.map((format) => pagePath(item.release.lang, item.release.slug, format));
    if (outputs.length !== earlier.outputs.length || outputs.some((o, i) => o !== earlier.outputs[i])) return undefined;
    // An output deleted since is written again.
    if (!outputs.every((o) => isFile(join(this.out, o)))) return undefined;
    const bodyHtml = needsBody ? earlier.bodyHtml : undefined;
    record.render = { translations: earlier.translations, outputs: earlier.outputs, ...(bodyHtml !== undefined ? { bodyHtml } : {}) };
    return bodyHtml !== undefined ? { bodyHtml } : {};
  }

  /** Records what a release's pages were rendered from, and its body's HTML when the site's feeds carry it. */
  rendered(item: CheckedRelease, translations: readonly Translation[], outputs: string[], bodyHtml?: string): void {
    const record = this.records.get(item.source.path);
    if (record) record.render = { translations: translationsKey(translations), outputs, ...(bodyHtml !== undefined ? { bodyHtml } : {}) };
  }

  state(): BuildState {
    const files: Record<string, FileRecord> = {};
    for (const [path, { reusedCheck: _reused, ...record }] of this.records) files[path] = record;
    return { version: STATE_VERSION, fingerprint: this.print, now: this.now, files };
  }
}
