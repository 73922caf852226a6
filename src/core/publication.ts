import { clockInstant, isAfter, toInstant } from './dates.js';
import type { Status } from './schema.js';

/**
 * The one place that decides whether a release may be seen. Every output of
 * a build (pages, their translation links, JSON, ninjs, listings, feeds,
 * sitemaps, manifests) asks this module, so that a release under embargo or
 * in draft never leaves a trace in public output because one module forgot
 * a rule that another knew.
 *
 * A release is public at an instant when its status is `approved` or
 * `published` and its embargo, if any, is at or before that instant.
 */

/** What the decision needs of a release: an `IndexEntry` or a `Release` will do. */
export interface PublicationFacts {
  status: Status;
  /** RFC 3339 date-time with offset, as written in the front matter. */
  embargo?: string | undefined;
  /** When a withdrawn release was withdrawn: what says it gets a withdrawal notice (`withdrawalNoticeDue`). */
  withdrawn_date?: string | undefined;
}

/** Why a release is not public. */
export type NotPublicReason = 'draft' | 'review' | 'withdrawn' | 'embargoed';

export type Publication = { public: true } | { public: false; reason: NotPublicReason };

/**
 * What a build writes:
 * - `public`: public releases only (a normal build);
 * - `embargoed`: public releases and approved or published ones still under
 *   embargo, for advance copies to journalists; never drafts;
 * - `drafts`: every release, as a preview that is marked as not public.
 */
export type PublicationMode = 'public' | 'embargoed' | 'drafts';

/** Whether `mode` (read from an output manifest, say) is a publication mode. */
export function isPublicationMode(mode: string): mode is PublicationMode {
  return mode === 'public' || mode === 'embargoed' || mode === 'drafts';
}

/** Statuses whose releases may be published once any embargo has passed. */
export function hasPublishableStatus(status: Status): boolean {
  return status === 'approved' || status === 'published';
}

/** True while the embargo has not passed at `now`. */
export function isUnderEmbargo(release: PublicationFacts, now: number, timeZone: string): boolean {
  return release.embargo !== undefined && isAfter(release.embargo, timeZone, now);
}

/** Whether the release is public at `now`, and if not, why. */
export function publicationOf(release: PublicationFacts, now: number, timeZone: string): Publication {
  if (release.status === 'draft' || release.status === 'review' || release.status === 'withdrawn') return { public: false, reason: release.status };
  if (isUnderEmbargo(release, now, timeZone)) return { public: false, reason: 'embargoed' };
  return { public: true };
}

/** Whether the release is public at `now` (`ms` since the epoch; dates without an offset are read in `timeZone`). */
export function isPublic(release: PublicationFacts, now: number, timeZone: string): boolean {
  return publicationOf(release, now, timeZone).public;
}

/** Whether a build in `mode` writes this release. */
export function isIncluded(release: PublicationFacts, mode: PublicationMode, now: number, timeZone: string): boolean {
  if (mode === 'drafts') return true;
  const publication = publicationOf(release, now, timeZone);
  if (publication.public) return true;
  return mode === 'embargoed' && publication.reason === 'embargoed';
}

/** The releases a build in `mode` writes, in their order: what every listing, feed, link and manifest may show. */
export function publicEntries<T extends PublicationFacts>(entries: readonly T[], now: number, timeZone: string, mode: PublicationMode = 'public'): T[] {
  return entries.filter((entry) => isIncluded(entry, mode, now, timeZone));
}

/** A reason in words, for summaries: `en/budget.md (draft)`. */
export const REASON_TEXT: Record<NotPublicReason, string> = {
  draft: 'status is draft',
  review: 'status is review',
  withdrawn: 'status is withdrawn',
  embargoed: 'under embargo',
};

/**
 * Whether a withdrawn release's address keeps a withdrawal notice: when its
 * author says when it was withdrawn, after any embargo had lifted. One
 * withdrawn under its embargo was never out. A date has no time: withdrawn
 * on the day the embargo lifts, even at its first instant, counts as
 * under it. What an earlier build wrote does not count, so that every build
 * writes what a fresh one does. (While its embargo holds at `--now`, no
 * notice is written either: see `isUnderEmbargo`.)
 */
export function withdrawalNoticeDue<T extends PublicationFacts>(release: T, timeZone: string): release is T & { withdrawn_date: string } {
  if (release.withdrawn_date === undefined) return false;
  return release.embargo === undefined || clockInstant(release.embargo, timeZone) < toInstant(release.withdrawn_date, timeZone);
}

/**
 * Whether a withdrawn release went out before it was withdrawn, and its `withdrawn_date` says when it left the listings and
 * tag pages that showed it: a notice is due for it (`withdrawalNoticeDue`, whether or not the config writes notices), and
 * no embargo holds it at `now`. A release taken back to draft, or withdrawn without the date, says neither.
 */
export function leftPublicationDated<T extends PublicationFacts>(release: T, now: number, timeZone: string): release is T & { withdrawn_date: string } {
  return release.status === 'withdrawn' && withdrawalNoticeDue(release, timeZone) && !isUnderEmbargo(release, now, timeZone);
}
