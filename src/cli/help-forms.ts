import type { Command } from 'commander';

/*
 * `--help` and `--version` without commander: loading commander and
 * declaring every command costs a process more than Node takes to start.
 * The bundle reads, from the real program, what commander's Help lays out
 * for each command (helpLayout: the usage, the description, each section's
 * terms and descriptions, the width terms are padded to) and writes it to
 * lib/bundle/help.cjs with `layOutHelp`, which wraps a layout to a width
 * exactly as commander's Help does. The binary prints that when its command
 * line is one of the forms that ask for help (helpForms), at the width
 * commander would use: the terminal's columns, or 80 into a pipe or a file.
 * Anything else goes to `main` and commander.
 */

/** What commander's Help lays out for one command, whatever the width. */
export interface HelpLayout {
  usage: string;
  description: string;
  /** The width every term is padded to. */
  termWidth: number;
  /** Each section that has items: its heading, and each item's term and description. */
  sections: [string, [string, string][]][];
}

/** lib/bundle/help.cjs's record. */
export interface HelpRecord {
  /** The command lines (as JSON) that print the version, and what they print: commander never wraps it. */
  version: { forms: string[]; text: string };
  /** Each command line (as JSON) that prints help, and the index of its command's layout. */
  forms: Record<string, number>;
  layouts: HelpLayout[];
}

/** The command lines that print the version. */
export const VERSION_FORMS: readonly string[][] = [['--version'], ['-v']];

/** Commander's Help: descriptions are wrapped only where at least this many columns are left for them. */
const MIN_WIDTH_TO_WRAP = 40;

/** Every command line that prints help and nothing else, with the path of names of the command whose help it prints. */
export function helpForms(program: Command): { argv: string[]; path: string[] }[] {
  const forms: { argv: string[]; path: string[] }[] = [];
  const visit = (command: Command, path: string[]): void => {
    forms.push({ argv: [...path, '--help'], path }, { argv: [...path, '-h'], path });
    if (command.commands.length === 0) return;
    forms.push({ argv: [...path, 'help'], path });
    for (const sub of command.commands) {
      forms.push({ argv: [...path, 'help', sub.name()], path: [...path, sub.name()] });
      visit(sub, [...path, sub.name()]);
    }
  };
  visit(program, []);
  return forms;
}

/** The command a path of names leads to from `program`. */
export function commandAt(program: Command, path: readonly string[]): Command {
  return path.reduce((command, name) => {
    const sub = command.commands.find((c) => c.name() === name);
    if (!sub) throw new Error(`no command ${path.join(' ')}`);
    return sub;
  }, program);
}

/** The layout of `command`'s help, read from commander's Help as its formatHelp reads it. */
export function helpLayout(command: Command): HelpLayout {
  const helper = command.createHelp();
  helper.prepareContext({ helpWidth: 80 });
  // What formatHelp does beside this layout, none of which this program uses, would be lost.
  if (helper.showGlobalOptions || helper.minWidthToWrap !== MIN_WIDTH_TO_WRAP) throw new Error('commander\'s help is configured in a way help-forms.ts does not reproduce');
  const sections: [string, [string, string][]][] = [
    ['Arguments:', helper.visibleArguments(command).map((argument) => [helper.argumentTerm(argument), helper.argumentDescription(argument)])],
    ...[...helper.groupItems([...command.options], helper.visibleOptions(command), (option) => option.helpGroupHeading ?? 'Options:')]
      .map(([heading, options]): [string, [string, string][]] => [heading, options.map((option) => [helper.optionTerm(option), helper.optionDescription(option)])]),
    ...[...helper.groupItems([...command.commands], helper.visibleCommands(command), (sub) => sub.helpGroup() || 'Commands:')]
      .map(([heading, subs]): [string, [string, string][]] => [heading, subs.map((sub) => [helper.subcommandTerm(sub), helper.subcommandDescription(sub)])]),
  ];
  return {
    usage: helper.commandUsage(command),
    description: helper.commandDescription(command),
    termWidth: helper.padWidth(command, helper),
    sections: sections.filter(([, items]) => items.length > 0),
  };
}

/** Wraps text at whitespace to `width`, keeping its line breaks: commander's Help.boxWrap. */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g);
    if (chunks === null) {
      wrapped.push('');
      continue;
    }
    let sum = [chunks[0]!];
    let sumWidth = chunks[0]!.length;
    for (const chunk of chunks.slice(1)) {
      if (sumWidth + chunk.length <= width) {
        sum.push(chunk);
        sumWidth += chunk.length;
        continue;
      }
      wrapped.push(sum.join(''));
      const next = chunk.trimStart();
      sum = [next];
      sumWidth = next.length;
    }
    wrapped.push(sum.join(''));
  }
  return wrapped.join('\n');
}

/** One item of a section: commander's Help.formatItem. */
function formatItem(term: string, termWidth: number, description: string, width: number): string {
  if (!description) return `  ${term}`;
  const remaining = width - termWidth - 4;
  const formatted = remaining < MIN_WIDTH_TO_WRAP || /\n[^\S\r\n]/.test(description)
    ? description
    : boxWrap(description, remaining).replace(/\n/g, `\n${' '.repeat(termWidth + 2)}`);
  return `  ${term.padEnd(termWidth)}  ${formatted.replace(/\n/g, '\n  ')}`;
}

/** The help text of a layout at `width` columns, as commander's Help.formatHelp writes it (without colour, which it has none of). */
export function layOutHelp(layout: HelpLayout, width: number): string {
  const lines = [`Usage: ${layout.usage}`, ''];
  if (layout.description.length > 0) lines.push(boxWrap(layout.description, width), '');
  for (const [heading, items] of layout.sections) lines.push(heading, ...items.map(([term, description]) => formatItem(term, layout.termWidth, description, width)), '');
  return lines.join('\n');
}
