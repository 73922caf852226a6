import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, ruleAnchor, type RuleId } from '../src/core/rules.js';
import { ROOT, fixture, release, removeFixture, runMain, NOW } from './helpers/cli.js';
import {
  editorLines, listRuleFixtures, readExpectation, runRuleFixture, textAt,
  type ExpectedDiagnostic, type JsonReport, type ReportedDiagnostic,
} from './helpers/rule-fixtures.js';

/**
 * Rules no release, config or template can trigger, with the reason. Each is
 * a last guard behind other rules; the test below fails if one gets a fixture
 * or stops being in the catalogue, so this list cannot go stale.
 */
const UNREACHABLE: Record<string, string> = {
  'output/collision': 'slugs are checked by schema/format and slug/reserved, languages by schema/format and schema/enum, and same-name outputs by slug/duplicate before any path is built',
  'file/changed': 'a file has to change between the check and the render of one build; test/app.test.ts changes one in between',
  'template/unknown-set': 'a set that does not exist is a usage error (exit 2) before anything is checked; test/app.test.ts runs one',
  'publication/unpublished': 'it compares a build with the one before it; test/output.test.ts builds in turn',
  'publication/slug-changed': 'it compares a build with the one before it; test/output.test.ts builds in turn',
};

const ruleIds = Object.keys(RULES);
const reachable = ruleIds.filter((id) => !(id in UNREACHABLE));

function checkPlace(lines: readonly string[], d: Pick<ReportedDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>, want: Pick<ExpectedDiagnostic, 'span' | 'at' | 'position' | 'line'>, label: string): void {
  if (want.position) expect([d.line, d.column], label).toEqual(want.position);
  if (want.line !== undefined) expect(d.line, label).toBe(want.line);
  if (want.span !== undefined) expect(textAt(lines, d.line, d.column, d.endLine, d.endColumn), label).toBe(want.span);
  if (want.at !== undefined) expect(textAt(lines, d.line, d.column).startsWith(want.at), `${label}: ${JSON.stringify(textAt(lines, d.line, d.column))} starts with ${JSON.stringify(want.at)}`).toBe(true);
}

describe('the rule catalogue', () => {
  it('has a fixture folder for every rule that can be triggered, and none for any other name', async () => {
    expect(await listRuleFixtures()).toEqual([...reachable].sort());
    for (const id of Object.keys(UNREACHABLE)) expect(ruleIds).toContain(id);
  });

  it('prints the same rules, severities and descriptions as a Markdown table for the README', async () => {
    const result = await runMain(['rules', '--markdown']);
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(ruleIds.length);
    for (const [i, [id, info]] of Object.entries(RULES).entries()) {
      expect(rows[i]).toBe(`| <a id="${ruleAnchor(id as RuleId)}"></a>\`${id}\` | ${info.severity} | ${info.fixed ? 'no' : 'yes'} | ${info.description} |`);
    }
  });

  it('is the table in the README, word for word', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const table = (await runMain(['rules', '--markdown'])).stdout;
    expect(readme).toContain(table);
  });
});

describe.concurrent.each(reachable)('rule %s', (ruleId) => {
  it('is reported for its bad fixture, at the text the expectation names, and nothing else is', async () => {
    const expectation = await readExpectation(ruleId);
    const { result, folder } = await runRuleFixture(ruleId, 'bad');
    expect(result.stderr.split('\n').filter((l) => l && !/^(Built|Would have built) /.test(l)), result.stderr).toEqual([]);
    const report = JSON.parse(result.stdout) as JsonReport;
    const severity = RULES[ruleId as keyof typeof RULES].severity;
    expect(result.code).toBe(expectation.exitCode ?? (severity === 'error' ? 1 : 0));
    expect(report.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(expectation.diagnostics.map((d) => `${d.file} ${d.ruleId}`));
    for (const [i, d] of report.diagnostics.entries()) {
      const want = expectation.diagnostics[i]!;
      const label = `${d.file}:${d.line}:${d.column} ${d.ruleId}`;
      expect(d.severity, label).toBe(severity);
      expect(d.message, label).toMatch(/^[A-Z`"]/);
      expect(d.message, label).toMatch(/[.!?]$/);
      if (d.hint !== null) expect(d.hint, label).toMatch(/^[A-Z`"].*[.!?]$/);
      checkPlace(await editorLines(join(folder, d.file)), d, want, label);
      if (want.related) {
        expect(d.related, label).not.toBeNull();
        expect(d.related!.file, label).toBe(want.related.file);
        checkPlace(await editorLines(join(folder, d.related!.file)), d.related!, want.related, `${label} (related)`);
      }
    }
  });

  it('is not reported for its good fixture, which is clean', async () => {
    const { result } = await runRuleFixture(ruleId, 'good');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('rule settings in the config file', () => {
  const noisy = (config: string) => fixture({
    'migration-news.config.yaml': config,
    'release.md': release({ auther: 'Press Office' }, 'Opening hours: <b>09:00</b>.\n'),
  });
  const rulesOf = (stdout: string) => (JSON.parse(stdout) as JsonReport).diagnostics.map((d) => `${d.ruleId} ${d.severity}`);

  it('turn a rule off, or change its severity, and the exit code follows', async () => {
    const dir = await noisy('rules:\n  schema/unknown-key: off\n  content/raw-html: error\n');
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(rulesOf(result.stdout)).toEqual(['content/raw-html error']);
    expect(result.code).toBe(1);
    const defaults = await noisy('languages: [en]\n');
    const before = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: defaults });
    expect(rulesOf(before.stdout)).toEqual(['schema/unknown-key warning', 'content/raw-html warning']);
    expect(before.code).toBe(0);
    await Promise.all([removeFixture(dir), removeFixture(defaults)]);
  });

  it('cannot weaken a rule whose problem stops a build, and say so at the line in the config file', async () => {
    const dir = await fixture({
      // `__proto__` is a key like any other here: named, not dropped in silence.
      'migration-news.config.yaml': 'rules:\n  schema/required: "off"\n  content/no-such-rule: warning\n  __proto__: "off"\n',
      'release.md': '---\ntitle: No date\nlang: en\n---\nBody.\n',
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const report = JSON.parse(result.stdout) as JsonReport;
    const lines = await editorLines(join(dir, 'migration-news.config.yaml'));
    const config = report.diagnostics.filter((d) => d.file === 'migration-news.config.yaml');
    expect(config.map((d) => textAt(lines, d.line, d.column, d.endLine, d.endColumn))).toEqual(['schema/required', 'content/no-such-rule', '__proto__']);
    expect(config.every((d) => d.severity === 'warning')).toBe(true);
    expect(report.diagnostics.filter((d) => d.file === 'release.md').map((d) => `${d.ruleId} ${d.severity}`)).toEqual(['schema/required error']);
    expect(result.code).toBe(1);
    await removeFixture(dir);
  });

  it('reject a severity that does not exist, at the value', async () => {
    const dir = await fixture({ 'migration-news.config.yaml': 'rules:\n  content/raw-html: warn\n', 'release.md': release() });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const [d] = (JSON.parse(result.stdout) as JsonReport).diagnostics;
    expect(d?.ruleId).toBe('schema/enum');
    expect(textAt(await editorLines(join(dir, 'migration-news.config.yaml')), d!.line, d!.column, d!.endLine, d!.endColumn)).toBe('warn');
    expect(d?.hint).toBe('Did you mean `warning`?');
    expect(result.code).toBe(1);
    await removeFixture(dir);
  });
});
