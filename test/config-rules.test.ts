import { describe, expect, it } from 'vitest';
import { release, runMain, useProjects } from './helpers/cli.js';

/*
 * The config's `rules` apply to the config file's own problems, as they do to a release's: a rule turned off is not reported
 * there, and one raised to an error fails the run.
 */

interface Report { diagnostics: { file: string; line: number; ruleId: string; severity: string }[] }

describe('the config file\'s own problems under its rules', () => {
  const project = useProjects();

  it('leaves out a rule turned off, and reports a rule raised to error as an error that fails the run', async () => {
    const config = (rules: string) => `email:\n  from: press@example.az\n  to: [desk@example.org, desk@example.org]\nabout:\n  fr: Le service.\nrules:\n${rules}`;
    const off = await project({ 'migration-news.config.yaml': config('  schema/unknown-key: off\n  config/duplicate-recipient: off\n'), 'r/a.md': release() });
    const quiet = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: off });
    // Before, both were warned of whatever the rules said, and `--strict` failed on them.
    expect((JSON.parse(quiet.stdout) as Report).diagnostics).toEqual([]);
    expect(quiet.code).toBe(0);
    const raised = await project({ 'migration-news.config.yaml': config('  config/duplicate-recipient: error\n  yaml/syntax: off\n'), 'r/a.md': release() });
    const loud = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: raised });
    expect((JSON.parse(loud.stdout) as Report).diagnostics.map((d) => [d.line, d.ruleId, d.severity])).toEqual([
      [3, 'config/duplicate-recipient', 'error'],
      [5, 'schema/unknown-key', 'warning'],
      // A rule that cannot change keeps its severity, and naming it is told.
      [8, 'config/rule-fixed', 'warning'],
    ]);
    expect(loud.code).toBe(1);
  });
});
