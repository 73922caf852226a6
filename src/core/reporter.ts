import type { Diagnostic } from './diagnostic.js';
import { limitedPush } from './diagnostic-limit.js';
import { severityOf, type RuleId, type RuleSettings } from './rules.js';

/*
 * The reporter every check reports through, in a module of its own: the
 * checks of one file (validate.ts) and those across files (collection.ts,
 * site-links.ts, which validate.ts itself uses) share it.
 */

/** A reporter that applies the project's rule settings (a rule may be off) and the limit per rule. */
export function createReporter(file: string, rules: RuleSettings | undefined, out: Diagnostic[]) {
  const push = limitedPush(out);
  /** Reports a problem under its rule's severity; false when the rule is off, and nothing was reported. */
  return (ruleId: RuleId, diagnostic: Omit<Diagnostic, 'severity' | 'ruleId' | 'file'> & { file?: string }): boolean => {
    const severity = severityOf(ruleId, rules);
    if (severity === 'off') return false;
    push({ file, ...diagnostic, severity, ruleId });
    return true;
  };
}
