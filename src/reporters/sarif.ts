import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Location } from '../core/diagnostic.js';
import { RULES, ruleDocsUrl } from '../core/rules.js';
import { printableJson } from '../core/text.js';
import type { Reporter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function physicalLocation(l: Location) {
  return {
    artifactLocation: artifactUri(l.file),
    region: {
      startLine: l.line,
      startColumn: l.column,
      ...(l.endLine ? { endLine: l.endLine } : {}),
      ...(l.endLine && l.endColumn ? { endColumn: l.endColumn } : {}),
    },
  };
}

/** SARIF 2.1.0, the format code-scanning dashboards read. */
export const sarif: Reporter = (diagnostics, options) => {
  const ruleIds = [...new Set(diagnostics.map((d) => d.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const info = RULES[id];
    return {
      id,
      shortDescription: { text: info.description },
      helpUri: ruleDocsUrl(id),
      defaultConfiguration: { level: LEVEL[info.severity] },
    };
  });
  const result = (d: Diagnostic) => ({
    ruleId: d.ruleId,
    ruleIndex: ruleIndex.get(d.ruleId)!,
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
    locations: [{ physicalLocation: physicalLocation(d) }],
    ...(d.related ? { relatedLocations: [{ id: 1, physicalLocation: physicalLocation(d.related), message: { text: d.related.message } }] } : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'migration-news', version: options.version, semanticVersion: options.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder migration-news was run in.' } } },
        // Columns are counted as JavaScript and editors count them.
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map(result),
      },
    ],
  };
  return `${printableJson(JSON.stringify(log, null, 2))}\n`;
};
