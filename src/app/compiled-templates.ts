import { CompiledTemplates } from '../core/templates.js';

/**
 * The template sets this process (or build thread) has parsed, shared by
 * every renderer of a build and by the builds after it: `serve` and
 * `validate --watch` build again after each save, and a library caller may
 * build many times, each without parsing the set's layouts and partials
 * again while their files are unchanged.
 */
export const COMPILED_TEMPLATES = new CompiledTemplates();
