import { HtmlValidate, StaticConfigLoader, type ConfigData, type ResolvedConfig } from 'html-validate';

/**
 * A StaticConfigLoader that resolves its configuration once. The library's own resolves it again for every page it is
 * asked about (the element table and every rule's options, near half of what validating one of our pages cost), though
 * it never changes; the file-system loader keeps one per file for the same reason.
 */
class ResolvedOnceLoader extends StaticConfigLoader {
  #resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;

  override getConfigFor(handle: string, configOverride?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride !== undefined) return super.getConfigFor(handle, configOverride);
    return (this.#resolved ??= super.getConfigFor(handle));
  }
}

/** html-validate's recommended rules, with `rules` laid over them. */
export function htmlValidator(rules?: ConfigData['rules']): HtmlValidate {
  return new HtmlValidate(new ResolvedOnceLoader({ root: true, extends: ['html-validate:recommended'], ...(rules ? { rules } : {}) }));
}

/** Each problem html-validate finds in a page, as `line:column rule: message`; none for a valid page. */
export async function htmlProblems(validator: HtmlValidate, html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}
