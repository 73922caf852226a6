import { plural } from '../core/plural.js';
import { printableLineStart } from '../core/text.js';
import type { ImportNote, SkippedFile } from './convert.js';
import type { SiteKind } from './paths.js';
import type { WriteAction } from './write.js';

/** What an import did, for the report: paths are as the user should see them. */
export interface ImportSummary {
  site: SiteKind;
  src: string;
  to: string;
  dryRun: boolean;
  converted: { source: string; target: string; lang: string; id: string; slug: string; status: string; action: WriteAction; reason?: string; oldUrl?: string; dropped: string[] }[];
  skipped: SkippedFile[];
  notes: ImportNote[];
  dropped: Record<string, number>;
  otherFiles: number;
  /** Releases an earlier import wrote that this one no longer produces, relative to the destination. */
  leftOver: string[];
}

/** Notes shown for each release in the text report; the others are counted, and listed by `--reporter json`. */
const MAX_NOTES_SHOWN = 20;

/** Dropped front matter keys the summary names; the others are counted. */
const MAX_DROPPED_SHOWN = 30;


const ACTION_WORDS: Record<WriteAction, [done: string, planned: string]> = {
  create: ['new', 'would be new'],
  update: ['updated', 'would be updated'],
  unchanged: ['unchanged', 'unchanged'],
  keep: ['kept', 'would be kept'],
  replace: ['replaced', 'would be replaced'],
  refuse: ['NOT written', 'would NOT be written'],
};

/** The text report: converted, skipped with reasons, what needs a person (file:line), dropped keys. */
export function formatImportText(summary: ImportSummary): string {
  const lines: string[] = [];
  const join = (to: string, target: string) => `${to.replace(/\/$/, '')}/${target}`;
  lines.push(`Importing the ${summary.site} site ${summary.src} into ${summary.to}${summary.dryRun ? ' (dry run: nothing is written)' : ''}.`, '');
  const refused = summary.converted.filter((c) => c.action === 'refuse');
  lines.push(`Converted ${plural(summary.converted.length, 'post')}:`);
  for (const c of summary.converted) {
    const word = ACTION_WORDS[c.action][summary.dryRun ? 1 : 0];
    lines.push(`  ${c.source} → ${join(summary.to, c.target)} (${word}${c.reason ? `: ${c.reason}` : ''})`);
  }
  if (summary.skipped.length > 0) {
    lines.push('', `Skipped ${plural(summary.skipped.length, 'file')}:`);
    for (const s of summary.skipped) lines.push(`  ${s.file}${s.line !== undefined ? `:${s.line}` : ''}: ${s.reason}`);
  }
  if (summary.notes.length > 0) {
    lines.push('', `Needs a person (${summary.notes.length}):`);
    // At most so many for each release, as `validate` shows at most 100 problems of a rule in a file: a post of 3,000 images on
    // the old site's addresses is one thing to do, not 3,000 lines that hide every other post's.
    const shown = new Map<string, number>();
    for (const n of summary.notes) {
      const count = (shown.get(n.file) ?? 0) + 1;
      shown.set(n.file, count);
      if (count <= MAX_NOTES_SHOWN) lines.push(`  ${join(summary.to, n.file)}:${n.line} (from ${n.source}:${n.sourceLine}): ${n.message}`);
      else if (count === MAX_NOTES_SHOWN + 1) {
        const rest = summary.notes.filter((other) => other.file === n.file).length - MAX_NOTES_SHOWN;
        lines.push(`  ${join(summary.to, n.file)}: ${rest.toLocaleString('en')} more ${rest === 1 ? 'note' : 'notes'} for this release, not shown; \`--reporter json\` lists every one.`);
      }
    }
  }
  const dropped = Object.entries(summary.dropped).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  if (dropped.length > 0) {
    // The commonest first; an archive of thousands of one-off keys is not one line of all of them.
    const shown = dropped.slice(0, MAX_DROPPED_SHOWN).map(([key, n]) => `${key} (${n})`).join(', ');
    const rest = dropped.length - MAX_DROPPED_SHOWN;
    lines.push('', `Front matter keys dropped (no place in a release): ${shown}${rest > 0 ? `, and ${rest.toLocaleString('en')} other key${rest === 1 ? '' : 's'}` : ''}.`);
  }
  if (summary.leftOver.length > 0) {
    lines.push('', `Imported earlier but not produced now (${summary.leftOver.length}; left as they are, remove them if they are not wanted):`);
    for (const file of summary.leftOver) lines.push(`  ${join(summary.to, file)}`);
  }
  if (summary.otherFiles > 0) lines.push('', `${plural(summary.otherFiles, 'other file')} (layouts, assets, configuration) ${summary.otherFiles === 1 ? 'was' : 'were'} not read.`);
  if (refused.length > 0) {
    // --force is named only where it would write the release: not for a folder, a link or an unreadable file on the way.
    const forced = refused.filter((c) => c.reason?.endsWith('--force replaces it')).length;
    const advice = forced === 0 ? 'Move what is in the way, and import again.' : forced === refused.length ? `--force replaces ${refused.length === 1 ? 'it' : 'them'}.` : `--force replaces the ${forced} that say so; for the others, move what is in the way.`;
    lines.push('', `${plural(refused.length, 'release')} ${summary.dryRun ? 'would not be' : refused.length === 1 ? 'was not' : 'were not'} written, for the reason${refused.length === 1 ? '' : 's'} given above. ${advice}`);
  }
  // Each line may open with a path from the site read: none may open with `::`, which a CI log reads as a workflow command.
  return `${lines.map(printableLineStart).join('\n')}\n`;
}

export const IMPORT_REPORT_VERSION = 1;

/** The `--reporter json` form: the same facts, with the check of the result under `validation`. */
export function importJson(summary: ImportSummary, validation: unknown): Record<string, unknown> {
  const count = (action: WriteAction) => summary.converted.filter((c) => c.action === action).length;
  return {
    version: IMPORT_REPORT_VERSION,
    site: summary.site,
    source: summary.src,
    destination: summary.to,
    dryRun: summary.dryRun,
    summary: {
      converted: summary.converted.length,
      created: count('create'), updated: count('update'), unchanged: count('unchanged'), kept: count('keep'), replaced: count('replace'), refused: count('refuse'),
      skipped: summary.skipped.length, needsPerson: summary.notes.length, otherFiles: summary.otherFiles, leftOver: summary.leftOver.length,
    },
    converted: summary.converted.map((c) => ({
      source: c.source, target: c.target, lang: c.lang, id: c.id, slug: c.slug, status: c.status, action: c.action,
      reason: c.reason ?? null, oldUrl: c.oldUrl ?? null, droppedKeys: c.dropped,
    })),
    skipped: summary.skipped.map((s) => ({ file: s.file, line: s.line ?? null, reason: s.reason })),
    needsPerson: summary.notes,
    droppedKeys: summary.dropped,
    leftOver: summary.leftOver,
    validation,
  };
}
