import { attachSourceLines, type Diagnostic } from '../core/diagnostic.js';
import { labelFallbacks, labelsAdvice, labelsFor } from '../core/labels.js';
import { normaliseText, parseReleaseFile } from '../core/parse.js';
import type { Config } from '../core/schema.js';
import { builtinLabelLanguages } from '../io/builtin.js';
import { readTextFileSync } from '../io/read.js';
import type { TemplateSearch } from '../io/template-sets.js';
import type { ValidRelease } from './check.js';
import { UsageError } from './errors.js';
import { maxFileSize } from './project.js';
import { FRESH } from '../core/objects.js';

/** A checked release and where to read its text again (standard input has no file to read). */
export interface LabelledRelease {
  release: ValidRelease['release'];
  /** The release's text, or where to read it: only read when its language has no labels. */
  text: string | { path: string };
}

/**
 * Releases in a language the template set has no words for. A build stops
 * at the first label such a release's page prints (`template/labels`), so
 * `validate` says so first, at the release's `lang`. Without `template` the
 * set is the one a build uses by default, and it is loaded only for a
 * language the built-in labels, which every set has, do not cover.
 */
export async function missingLabels(releases: readonly LabelledRelease[], template: string | undefined, search: TemplateSearch, config: Config): Promise<Diagnostic[]> {
  const builtIn = builtinLabelLanguages();
  const covered = (lang: string) => labelFallbacks(lang).some((tag) => builtIn.has(tag));
  if (template === undefined && releases.every((r) => covered(r.release.lang))) return [];
  const { loadTemplateSet } = await import('../io/template-sets.js');
  const loaded = await loadTemplateSet(template ?? 'default', search);
  if (!loaded.ok) {
    if (loaded.notFound) throw new UsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
    return loaded.diagnostics;
  }
  const { set, chain } = loaded;
  const diagnostics: Diagnostic[] = [];
  for (const { release, text } of releases) {
    if (labelsFor(set.labels, release.lang) !== undefined) continue;
    const read = typeof text === 'string' ? { ok: true as const, text } : readTextFileSync(text.path, release.file, maxFileSize(config));
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseReleaseFile(normaliseText(read.text), release.file);
    const at = parsed.locate(['lang'], 'value');
    // A built-in set cannot be changed; a project's own set of the same name fills its gaps from it.
    const where = chain[0]!.origin === 'built-in' ? `templates/${set.name}/labels/${release.lang}.yaml to the project (a project's own "${set.name}" set takes everything else from the built-in one)` : `labels/${release.lang}.yaml to the set`;
    const found: Diagnostic = {
      ...FRESH, ...at, file: release.file, severity: 'error', ruleId: 'template/labels',
      message: `The release is in ${release.lang}, but the template set "${set.name}" has no labels for ${release.lang}, so it cannot be built.`,
      hint: `Add ${where}, with the words this language uses: ${labelsAdvice(release.lang, chain[0]!.origin === 'built-in' && set.name === 'default')}${template === undefined ? '; or name a set that has them with --template' : ''}.`,
    };
    attachSourceLines([found], release.file, parsed.text);
    diagnostics.push(found);
  }
  return diagnostics;
}
