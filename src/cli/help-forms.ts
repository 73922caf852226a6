import type { Command } from 'commander';

/*
 * `--help` and `--version` without commander: loading commander and
 * declaring every command costs a process more than Node takes to start.
 * The bundle runs the real program once for every way of asking for help
 * (helpForms) and writes what it printed to lib/bundle/help.json; the binary
 * prints that when its command line is one of those forms and standard
 * output is no terminal (commander then wraps to 80 columns, as when it was
 * recorded) or the form prints the version, and runs `main` otherwise.
 */

/** lib/bundle/help.json: each form's command line (as JSON) and the index of what it prints. */
export interface HelpRecord {
  forms: Record<string, number>;
  texts: string[];
  /** The forms whose text is the same whatever the width (the version): printed on a terminal too. */
  anyWidth: string[];
}

/** The command lines that print the version, which commander never wraps. */
export const VERSION_FORMS: readonly string[][] = [['--version'], ['-v']];

/** Every command line that prints help or the version and nothing else, for `program` and each of its commands. */
export function helpForms(program: Command): string[][] {
  const forms: string[][] = VERSION_FORMS.map((form) => [...form]);
  const visit = (command: Command, path: string[]): void => {
    forms.push([...path, '--help'], [...path, '-h']);
    if (command.commands.length === 0) return;
    forms.push([...path, 'help']);
    for (const sub of command.commands) {
      forms.push([...path, 'help', sub.name()]);
      visit(sub, [...path, sub.name()]);
    }
  };
  visit(program, []);
  return forms;
}
