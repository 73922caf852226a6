/**
 * migration-news as a library: the pure core (parse → validate → render) and
 * the reporters. Nothing exported here touches the file system or the process.
 */
export { parseReleaseFile, readYaml, type ParsedFile, type YamlData } from './core/parse.js';
export { validateRelease, checkData, type Release, type ValidateOptions, type ValidationResult } from './core/validate.js';
export { checkCollection, translationsById, type IndexEntry, type Translation } from './core/collection.js';
export { lexBody, renderBodyHtml, renderBodyText, type BodyTokens } from './core/markdown.js';
export { buildView, jsonDocument, ninjsDocument, pagePath, OUTPUT_FORMATS, type OutputFormat, type ReleaseView } from './core/model.js';
export { ReleaseRenderer, SafeHtml, type TemplateFile, type TemplateSet, type RenderResult } from './core/templates.js';
export { releaseSchema, configSchema, releaseJsonSchema, LANGUAGES, STATUSES, type Config, type ReleaseMeta, type Language, type Status } from './core/schema.js';
export { RULES, type RuleId } from './core/rules.js';
export { compareDiagnostics, countDiagnostics, type Diagnostic, type Location, type Severity } from './core/diagnostic.js';
export { formatDate, formatDateTime } from './core/dates.js';
export { slugify } from './core/slug.js';
export { decodeUtf8Strict } from './core/decode.js';
export { stylish } from './reporters/stylish.js';
export { json as jsonReporter } from './reporters/json.js';
export { github as githubReporter } from './reporters/github.js';
export { sarif as sarifReporter } from './reporters/sarif.js';
