import { describe, expect, it } from 'vitest';
import { release, runMain, useProjects } from './helpers/cli.js';

/*
 * `config/second-file`: two config files of the tool's names side by side,
 * of which only the first is read. A config of another name, named with
 * --config (CI's stricter settings in `ci.yaml`), is chosen on purpose: the
 * project's usual config beside it is no mistake, and warning of it would
 * fail every `--strict` run in CI.
 */

const CONFIG = 'languages: [az, en, ru]\n';

describe('a second config file beside the one read', () => {
  const project = useProjects();

  it('is a warning at that file when both have the tool\'s names', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'migration-news.config.json': '{}\n', 'r/a.md': release() });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string }[] };
    expect(report.diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['migration-news.config.json', 'config/second-file']]);
  });

  it('is nothing when --config names a file of another name: the usual config beside it serves the other runs', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'ci.yaml': `${CONFIG}rules:\n  content/raw-html: error\n`, 'r/a.md': release() });
    const result = await runMain(['validate', 'r', '--config', 'ci.yaml', '--strict'], { cwd: dir });
    expect(result.stdout).toBe('No problems in 1 file.\n');
    expect(result.code).toBe(0);
  });
});
