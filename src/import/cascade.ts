import { hugoGlob, MATCH_STEPS, MatchBudgetSpent, matchingNothing, spend, type CompiledGlob, type MatchBudget } from './globs.js';

/**
 * Hugo's `cascade`: front matter that a section page (`_index.md`) or the
 * site's configuration hands down to the pages under it, as Jekyll's
 * `defaults` do. It can keep pages back (`draft`, `build`, `expiryDate`,
 * `publishDate`), so an import that ignored it would publish what Hugo did
 * not. Pure: the section pages come read.
 */

const TARGET_PARTS = ['path', 'kind', 'lang', 'environment'] as const;

/**
 * One entry of a `cascade`: the values it hands down, and the pages it is
 * for (`_target` or `target`), each part's glob compiled once, as the
 * cascade is read: it is tried against every page of the site.
 */
export interface CascadeEntry {
  values: Record<string, unknown>;
  target: Partial<Record<(typeof TARGET_PARTS)[number], CompiledGlob>>;
}

/** What a section page hands down: to the pages in its folder and below, in its language. */
export interface SectionCascade {
  /** The section page, as the report names it. */
  source: string;
  /** Its folder in the content, `/`-separated ('' for the home page). */
  folder: string;
  /** The language Hugo put it in: the one its path names (`_index.ru.md`, a language's content folder), else the site's default. */
  lang: string;
  entries: CascadeEntry[];
  /** A section page marked as a draft: Hugo publishes nothing under it. */
  draft: boolean;
  /** Why the section page could not be read: whether it keeps the pages under it back is not known, so it is taken to. */
  unread?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** The value of `key` in any letter case, as Hugo reads its keys. */
export function caselessValue(data: Record<string, unknown>, key: string): unknown {
  const found = Object.keys(data).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : data[found];
}

/** A `cascade` value (one mapping, or a list of them) as entries; anything else hands down nothing. */
export function readCascade(value: unknown): CascadeEntry[] {
  const entries: CascadeEntry[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (!isRecord(item)) continue;
    const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    let target: CascadeEntry['target'] = {};
    for (const [key, v] of Object.entries(item)) {
      const lower = key.toLowerCase();
      if (lower === '_target' || lower === 'target') {
        if (!isRecord(v)) continue;
        target = {};
        for (const name of TARGET_PARTS) {
          const t = caselessValue(v, name);
          if (typeof t === 'string' && t.trim() !== '') target[name] = hugoGlob(t.trim()) ?? matchingNothing(t.trim());
        }
      } else values[key] = v;
    }
    entries.push({ values, target });
  }
  return entries;
}

/** The page a cascade is looked at for: its paths in the content (`/posts/visa`, `/posts/visa.md`) and language. */
export interface CascadeTargetPage {
  paths: readonly string[];
  lang: string;
}

function targets(target: CascadeEntry['target'], page: CascadeTargetPage, budget: MatchBudget): boolean {
  // An import reads regular pages, as a production build published them.
  return matches(target.path, page.paths, budget) && matches(target.kind, PAGE_KIND, budget) && matches(target.lang, [page.lang], budget) && matches(target.environment, ENVIRONMENT, budget);
}

const PAGE_KIND = ['page'];
const ENVIRONMENT = ['production'];

function matches(glob: CompiledGlob | undefined, values: readonly string[], budget: MatchBudget): boolean {
  if (glob === undefined) return true;
  for (const value of values) if (glob.test(value, budget)) return true;
  return false;
}

/**
 * A page's front matter with what the cascades above it hand down: `layers`
 * nearest first (the closest section page, then those above it, then the
 * site's configuration). A key the page sets, or a nearer layer handed down,
 * is not handed down again, in any letter case. Returns the merged front
 * matter and, for each key handed down, where it came from. Matching takes
 * at most `MATCH_STEPS` for the page: past them, `unmatched` names the layer
 * whose cascade was being read, and what it would hand down is not known.
 */
export function withCascade(data: Record<string, unknown>, layers: readonly { source: string; entries: readonly CascadeEntry[] }[], page: CascadeTargetPage): { data: Record<string, unknown>; from: Map<string, string>; unmatched?: string } {
  const from = new Map<string, string>();
  if (layers.length === 0) return { data, from };
  const merged = Object.create(null) as Record<string, unknown>;
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(data)) {
    merged[key] = value;
    seen.add(key.toLowerCase());
  }
  const budget: MatchBudget = { steps: MATCH_STEPS };
  for (const layer of layers) {
    try {
      for (const entry of layer.entries) {
        spend(budget);
        if (!targets(entry.target, page, budget)) continue;
        // The values have no prototype (`readCascade`): every key is their own.
        for (const key in entry.values) {
          spend(budget);
          if (seen.has(key.toLowerCase())) continue;
          seen.add(key.toLowerCase());
          merged[key] = entry.values[key];
          from.set(key, layer.source);
        }
      }
    } catch (cause) {
      if (!(cause instanceof MatchBudgetSpent)) throw cause;
      return { data: merged, from, unmatched: layer.source };
    }
  }
  return { data: merged, from };
}
