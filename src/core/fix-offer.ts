import type { Diagnostic } from './diagnostic.js';
import { FRESH } from './objects.js';

/**
 * How a hint offers `validate --fix`. A hint says first what to do by hand
 * (`Delete it`), then offers the command in a clause of its own that this
 * module writes (`, or run \`migration-news validate --fix\`, which does`),
 * so that the clause can be taken out again where the command cannot help:
 * `--fix` rewrites release files, and a release read from standard input
 * has no file to rewrite.
 */

const COMMAND = '`migration-news validate --fix`';

/**
 * The clause that offers `validate --fix` after what to do by hand, with
 * what the command does when `which` says it (`which does`, `which removes
 * them`). The clause ends at the next `.`, `:` or `;`, so `which` holds none
 * of them.
 */
export function offerFix(which?: string): string {
  // A guard for this module's own callers: a clause running past a stop could not be told apart from the advice after it.
  if (which !== undefined && /[.:;]/.test(which)) throw new Error(`What --fix does is said without a stop: ${which}`);
  return `, or run ${COMMAND}${which === undefined ? '' : `, which ${which}`}`;
}

/** `offerFix`'s clauses, each up to the stop that ends it. */
const OFFER = new RegExp(`, or run ${COMMAND.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?:, which [^.:;]*)?(?=[.:;]|$)`, 'g');

/** The hint without its offer of `validate --fix`, for a release that the command cannot rewrite: what to do by hand is left. */
export function withoutFixOffer(hint: string): string {
  return hint.replace(OFFER, '');
}

/** `withoutFixOffer` of each diagnostic's hint; the diagnostics without an offer are given back as they are. */
export function withoutFixOffers(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.hint === undefined) return d;
    const hint = withoutFixOffer(d.hint);
    return hint === d.hint ? d : { ...FRESH, ...d, hint };
  });
}
