import type { Diagnostic } from '../core/diagnostic.js';

export interface ReporterOptions {
  color: boolean;
  /** Number of files checked, for the summary. */
  fileCount: number;
  version: string;
}

/** A reporter turns diagnostics into text and writes nothing itself. */
export type Reporter = (diagnostics: readonly Diagnostic[], options: ReporterOptions) => string;

export const REPORTERS = ['stylish', 'json', 'github', 'sarif'] as const;
export type ReporterName = (typeof REPORTERS)[number];
