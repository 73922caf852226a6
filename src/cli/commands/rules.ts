import { RULES, ruleAnchor } from '../../core/rules.js';
import type { CliEnvironment } from '../environment.js';

/** `rules`: every rule with its default severity, as a list or (`markdown`) the table in the README. */
export function runRules(options: { markdown?: boolean }, env: CliEnvironment): void {
  const rows = Object.entries(RULES) as [keyof typeof RULES, (typeof RULES)[keyof typeof RULES]][];
  if (options.markdown) {
    // Each row carries the anchor that reports link to (`url` in JSON, `helpUri` in SARIF).
    env.stdout.write('| rule | default | can change | what it finds |\n|---|---|---|---|\n');
    for (const [id, info] of rows) env.stdout.write(`| <a id="${ruleAnchor(id)}"></a>\`${id}\` | ${info.severity} | ${info.fixed ? 'no' : 'yes'} | ${info.description} |\n`);
  } else {
    for (const [id, info] of rows) env.stdout.write(`${id.padEnd(26)} ${info.severity.padEnd(8)} ${info.description}\n`);
  }
}
