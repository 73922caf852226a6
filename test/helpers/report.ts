import { expect } from 'vitest';
import type { CliResult } from './cli.js';

/** The JSON reporter's output (`--reporter json`), as the README documents it. */
export interface ReportedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  severity: 'error' | 'warning' | 'info';
  ruleId: string;
  message: string;
  hint: string | null;
  actual: string | null;
  expected: string | null;
  related: { file: string; line: number; column: number; endLine: number | null; endColumn: number | null; message: string } | null;
  unlisted: number | null;
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  summary: { files: number; filesWithProblems: number; errors: number; warnings: number; infos: number };
  diagnostics: ReportedDiagnostic[];
}

/** The JSON report a run printed; fails the test with what was printed instead when it is not one. */
export function jsonReport(result: Pick<CliResult, 'stdout' | 'stderr'>): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    expect.fail(`expected a JSON report on standard output, got:\n${result.stdout}\n--- standard error:\n${result.stderr}`);
  }
}

/** `file rule-id` of each error, in report order: the usual thing to compare exactly. */
export const errorsOf = (report: JsonReport): string[] =>
  report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.ruleId}`);

/** The diagnostics of a JSON report printed on standard output. */
export const diagnosticsOf = (stdout: string): ReportedDiagnostic[] => jsonReport({ stdout, stderr: '' }).diagnostics;
