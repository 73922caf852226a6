/**
 * migration-news as a library. First the high-level API, which does what the
 * commands do (reading template sets and config files, and for `build`
 * writing the output folder); then the pure core (parse → validate → render)
 * and the reporters, none of which touches the file system or the process.
 */
export {
  checkRelease, renderRelease, loadTemplateSet, build,
  type ReleaseOptions, type ReleaseCheck, type RenderOptions, type RenderedRelease, type LoadedTemplateSet,
  type TemplateSetOptions, type BuildOptions, type BuildResult, type Moment,
} from './api.js';
export { UsageError } from './app/errors.js';
export type { Publication, NotPublicReason, PublicationMode } from './core/publication.js';
export type { SkippedRelease, UnlistedRelease } from './app/build.js';
export type { ConfigInput } from './core/schema.js';
export { parseReleaseFile, readYaml, type ParsedFile, type YamlData } from './core/parse.js';
export { validateRelease, checkData, type Release, type ValidateOptions, type ValidationResult } from './core/validate.js';
export { checkCollection, translationsById, type IndexEntry, type Translation } from './core/collection.js';
export { lexBody, renderBodyHtml, renderBodyText, type BodyTokens } from './core/markdown.js';
export { buildView, jsonDocument, ninjsDocument, pagePath, OUTPUT_FORMATS, type OutputFormat, type ReleaseView } from './core/model.js';
export type { BuildFormat } from './core/formats.js';
export { pageIdsOf, ReleaseRenderer, SafeHtml, type TemplateFile, type TemplateSet, type RenderResult } from './core/templates.js';
export { releaseSchema, configSchema, releaseJsonSchema, LANGUAGES, STATUSES, type Config, type ReleaseMeta, type Language, type Status } from './core/schema.js';
export { RULES, type RuleId } from './core/rules.js';
export { compareDiagnostics, countDiagnostics, countProblems, type Diagnostic, type Location, type Severity } from './core/diagnostic.js';
export { formatDate, formatDateTime } from './core/dates.js';
export { slugify } from './core/slug.js';
export { decodeUtf8Strict } from './core/decode.js';
export { stylish } from './reporters/stylish.js';
export type { ReporterOptions } from './reporters/types.js';
export { json as jsonReporter } from './reporters/json.js';
export { github as githubReporter } from './reporters/github.js';
export { sarif as sarifReporter } from './reporters/sarif.js';
