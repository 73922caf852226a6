import { cp, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NOW, ROOT, fixture, runMain, type CliResult } from './cli.js';

export type { JsonReport, ReportedDiagnostic } from './report.js';

/** One folder per rule, `bad/` triggering it and `good/` not: test/fixtures/rules/<rule id with / as __>/. */
export const RULE_FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

export const fixtureFolder = (ruleId: string) => join(RULE_FIXTURES, ruleId.replace('/', '__'));

/** What a `bad/expect.json` says the CLI reports, each place given by the text found there. */
export interface ExpectedDiagnostic {
  file: string;
  ruleId: string;
  /** The text between the start and the end of the reported range. */
  span?: string;
  /** The text that starts at the reported line and column. */
  at?: string;
  /** The reported line and column, for places that are not text (a binary file, a folder). */
  position?: [number, number];
  line?: number;
  related?: { file: string; span?: string; at?: string; line?: number };
}

export interface Expectation {
  diagnostics: ExpectedDiagnostic[];
  /** Default: 1 when an error is expected, else 0. */
  exitCode?: number;
}

/** The arguments a fixture runs with: `cli.json` beside bad/ and good/, or `validate .`. */
export async function fixtureArgs(ruleId: string): Promise<string[]> {
  const file = join(fixtureFolder(ruleId), 'cli.json');
  const custom = await readFile(file, 'utf8').then((text) => JSON.parse(text) as { args: string[] }, () => undefined);
  return custom?.args ?? ['validate', '.'];
}

/**
 * Copies the rule's whole folder to a temporary one (links stay links, and
 * a build can write nothing into the repository), then runs the CLI in
 * `bad/` or `good/` with the JSON reporter.
 */
export async function runRuleFixture(ruleId: string, variant: 'bad' | 'good', extra: readonly string[] = ['--reporter', 'json']): Promise<{ result: CliResult; folder: string }> {
  const copy = await fixture({});
  await cp(fixtureFolder(ruleId), copy, { recursive: true, verbatimSymlinks: true });
  const folder = join(copy, variant);
  const result = await runMain([...(await fixtureArgs(ruleId)), '--now', NOW, ...extra], { cwd: folder });
  return { result, folder };
}

export async function readExpectation(ruleId: string): Promise<Expectation> {
  return JSON.parse(await readFile(join(fixtureFolder(ruleId), 'bad', 'expect.json'), 'utf8')) as Expectation;
}

/** The lines of a file as an editor shows them: any line ending, and no byte-order mark. */
export async function editorLines(path: string): Promise<string[]> {
  if (!(await stat(path)).isFile()) return [];
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** The text from a 1-based line and column (UTF-16 code units, as editors count) to an end, or to the end of the line. */
export function textAt(lines: readonly string[], line: number, column: number, endLine?: number | null, endColumn?: number | null): string {
  const first = lines[line - 1];
  if (first === undefined) return `<no line ${line}>`;
  if (endLine === undefined || endLine === null || endColumn === undefined || endColumn === null) return first.slice(column - 1);
  if (endLine === line) return first.slice(column - 1, endColumn - 1);
  return [first.slice(column - 1), ...lines.slice(line, endLine - 1), (lines[endLine - 1] ?? '').slice(0, endColumn - 1)].join('\n');
}

export async function listRuleFixtures(): Promise<string[]> {
  const entries = await readdir(RULE_FIXTURES, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name.replace('__', '/')).sort();
}
