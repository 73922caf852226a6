import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_FILE_PREFIX, isBuiltinFile, type Diagnostic, type Location } from '../core/diagnostic.js';
import { RULES, ruleDocsUrl } from '../core/rules.js';
import { printableJson } from '../core/text.js';
import type { Reporter, ReporterOptions, Workspace } from './types.js';
import { workspacePath } from './workspace.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

const relativeUri = (path: string) => ({ uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' });

/**
 * %SRCROOT% is the repository's root in GitHub Actions, else the working folder. upload-sarif joins a relative URI to
 * its `checkout_path` (github.workspace unless set) whatever the base id says, so in Actions a URI relative to the
 * working folder would name a file in the wrong folder when the step ran below the root.
 */
function artifactUri(file: string, workspace: Workspace | undefined, builtinTemplates: string | undefined): { uri: string; uriBaseId?: string } {
  // A file of a built-in set is no file of the repository, under any base: it is named by the absolute `file:` URI of where
  // the tool has it, as any file outside the checkout is. A URI of a scheme of its own (`migration-news:templates/…`, its
  // name elsewhere) made GitHub's code scanning turn down the whole upload: "SARIF URI scheme did not match the checkout URI scheme".
  if (isBuiltinFile(file)) {
    const place = file.slice(BUILTIN_FILE_PREFIX.length);
    return builtinTemplates !== undefined ? { uri: pathToFileURL(join(builtinTemplates, ...place.split('/'))).href } : { uri: `${BUILTIN_FILE_PREFIX}${place.split('/').map(encodeURIComponent).join('/')}` };
  }
  if (workspace) {
    const path = workspacePath(file, workspace);
    return path !== undefined ? relativeUri(path) : { uri: pathToFileURL(resolve(workspace.cwd, file)).href };
  }
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return relativeUri(file);
}

/** Standard input without a name: an artifact SARIF describes without a URI, which would name a file that is not there. */
/**
 * A result's text as a SARIF plain-text message: `[text](target)` there is an embedded link (SARIF 2.1.0, 3.11.6), which code
 * scanning shows as one, so each bracket and backslash is escaped with a backslash, as CodeQL writes its own. A hint's
 * `![Officers at the border](photo.jpg)`, or a key or value quoted from a pull request's front matter, is text, not a link.
 */
const plainText = (text: string): string => text.replace(/[\\[\]]/g, '\\$&');

const STANDARD_INPUT = { description: { text: 'Standard input (validate - without --stdin-filename): no file.' } };

function physicalLocation(l: Location, options: ReporterOptions) {
  return {
    artifactLocation: options.standardInput !== undefined && l.file === options.standardInput ? STANDARD_INPUT : artifactUri(l.file, options.workspace, options.builtinTemplates),
    region: {
      startLine: l.line,
      startColumn: l.column,
      ...(l.endLine ? { endLine: l.endLine } : {}),
      ...(l.endLine && l.endColumn ? { endColumn: l.endColumn } : {}),
    },
  };
}

/** What %SRCROOT% stands for; in Actions, also where, as an absolute file URI ending in `/`, which SARIF requires of a base. */
function srcRoot(workspace: Workspace | undefined) {
  if (!workspace) return { description: { text: 'The folder migration-news was run in.' } };
  const uri = pathToFileURL(workspace.root).href;
  return { uri: uri.endsWith('/') ? uri : `${uri}/`, description: { text: 'The root of the repository (GITHUB_WORKSPACE).' } };
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
    message: { text: plainText(d.hint ? `${d.message} ${d.hint}` : d.message) },
    locations: [{ physicalLocation: physicalLocation(d, options) }],
    ...(d.related ? { relatedLocations: [{ id: 1, physicalLocation: physicalLocation(d.related, options), message: { text: plainText(d.related.message) } }] } : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'migration-news', version: options.version, semanticVersion: options.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': srcRoot(options.workspace) },
        // Columns are counted as JavaScript and editors count them.
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map(result),
      },
    ],
  };
  return `${printableJson(JSON.stringify(log, null, 2))}\n`;
};
