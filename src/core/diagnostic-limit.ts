import type { Diagnostic } from './diagnostic.js';

/** Most diagnostics of one rule reported for one file; the rest are counted in one summary diagnostic. */
export const MAX_PER_RULE = 100;

const summaries = new WeakSet<Diagnostic>();

/**
 * Adds diagnostics to `out`, at most `max` of each rule and file: after
 * that, one more diagnostic says how many were left out. A file with a
 * hundred thousand broken tags is one screen of report, not 36 MB of it.
 */
export function limitedPush(out: Diagnostic[], max = MAX_PER_RULE): (diagnostic: Diagnostic) => void {
  const counts = new Map<string, { count: number; summary?: Diagnostic }>();
  return (diagnostic) => {
    // A summary made by an earlier step (the YAML reader) passes unchanged: it already stands for the rest.
    if (summaries.has(diagnostic)) {
      out.push(diagnostic);
      return;
    }
    const key = `${diagnostic.file}\u0000${diagnostic.ruleId}`;
    const entry = counts.get(key) ?? { count: 0 };
    counts.set(key, entry);
    entry.count++;
    if (entry.count <= max) {
      out.push(diagnostic);
      return;
    }
    const more = entry.count - max;
    const message = `${more} more ${more === 1 ? 'problem' : 'problems'} of this rule in this file ${more === 1 ? 'is' : 'are'} not shown: at most ${max} are reported for each rule and file.`;
    if (entry.summary) {
      entry.summary.message = message;
      entry.summary.unlisted = more;
    } else {
      const { file, line, column, severity, ruleId } = diagnostic;
      entry.summary = { file, line, column, severity, ruleId, message, hint: 'Fix the problems shown (often one cause, such as a missing quote or an unescaped character) and run the check again.', unlisted: more };
      summaries.add(entry.summary);
      out.push(entry.summary);
    }
  };
}
