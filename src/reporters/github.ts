import { UNSAFE_CHARACTERS_GLOBAL } from '../core/characters.js';
import { isBuiltinFile } from '../core/diagnostic.js';
import type { Reporter } from './types.js';
import { workspacePath } from './workspace.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const stripControls = (s: string) => s.replace(UNSAFE_CHARACTERS_GLOBAL, '');
// A file name's CR and LF are escaped, not dropped: the annotation must name the file that has them.
const escapeProperty = (s: string) => stripControls(escapeData(s)).replace(/:/g, '%3A').replace(/,/g, '%2C');
const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on the file. GitHub reads `file` from the
 * repository's root, whatever folder the step ran in, so a file inside the workspace is named from there.
 */
export const github: Reporter = (diagnostics, options) =>
  diagnostics
    .map((d) => {
      // Standard input without a name is no file of the repository, nor is a file of a built-in template set: its annotation
      // names none (every property is optional), and the place goes into the message, where it still means something.
      const unnamed = (options.standardInput !== undefined && d.file === options.standardInput) || isBuiltinFile(d.file);
      const props = [
        ...(unnamed ? [] : [
          `file=${escapeProperty(workspacePath(d.file, options.workspace) ?? d.file)}`,
          `line=${d.line}`,
          `col=${d.column}`,
          ...(d.endLine ? [`endLine=${d.endLine}`] : []),
          ...(d.endLine === d.line && d.endColumn ? [`endColumn=${d.endColumn}`] : []),
        ]),
        `title=${escapeProperty(d.ruleId)}`,
      ];
      const text = d.hint ? `${d.message} ${d.hint}` : d.message;
      const message = stripControls(unnamed ? `${d.file}:${d.line}:${d.column}: ${text}` : text);
      return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(message)}\n`;
    })
    .join('');
