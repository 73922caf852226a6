import { closest } from './suggest.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * What an error of the rule means for the run: `content` is a problem in what
 * the user wrote (exit 1); `run` means the tool could not do its work, such
 * as writing the output (exit 2, like a usage error).
 */
export type RuleKind = 'content' | 'run';

export interface RuleInfo {
  severity: Severity;
  /** A rule whose problem makes a release impossible to build cannot be turned off or downgraded. */
  fixed: boolean;
  kind: RuleKind;
  description: string;
}

/** Where the rules are documented: the README's rule table, one anchor per rule (`#rule-schema-required`). */
export const RULE_DOCS_URL = 'https://www.npmjs.com/package/migration-news';

/** Longest title, in characters (a wide one, such as Chinese, counted twice: see `headlineLength`), before `content/title-length`: headlines get cut in listings beyond it. */
export const TITLE_MAX = 110;
/** Longest summary, in characters counted as for titles, before `content/summary-length`: about what search results show. */
export const SUMMARY_MAX = 160;

// Frozen, as the catalogue is: the library exports it, and a caller's change to it would change what every later check reports.
const fixed = (description: string): RuleInfo => Object.freeze({ severity: 'error', fixed: true, kind: 'content', description });
const rule = (severity: Severity, description: string): RuleInfo => Object.freeze({ severity, fixed: false, kind: 'content', description });
const runFailure = (description: string): RuleInfo => Object.freeze({ severity: 'error', fixed: true, kind: 'run', description });

/**
 * The catalogue of every rule the tool reports. The README's rule table is
 * generated from the same facts (`migration-news rules`), so the two cannot drift.
 */
export const RULES = Object.freeze({
  'file/unreadable': fixed('The file cannot be read.'),
  'file/too-large': fixed('The file is larger than the size limit (`limits.maxFileSize`, default 1 MiB).'),
  'file/changed': fixed('The file changed while the build was running, after it was checked; it is not built from text nobody checked.'),
  'file/encoding': fixed('The file is not valid UTF-8 text (binary, UTF-16, or a broken byte sequence).'),
  'frontmatter/missing': fixed('The file has no front matter block.'),
  'frontmatter/not-at-start': fixed('The front matter does not start on the first line, or its opening line is not exactly `---` (spaces after it, `----`, a word processor\'s `—`).'),
  'frontmatter/unclosed': fixed('The front matter block is never closed by a line that is exactly `---`.'),
  'frontmatter/language': fixed('The front matter names a language other than YAML (for example `---js`), or is TOML between `+++` lines, as Hugo writes it.'),
  'frontmatter/not-a-mapping': fixed('The front matter is not a YAML mapping of keys to values.'),
  'yaml/syntax': fixed('The front matter is not valid YAML 1.2, nests lists or mappings more than 64 levels deep, or holds a second document (a `...` line, after which YAML reads no more); a config file named `….json` is not valid JSON.'),
  'yaml/duplicate-key': fixed('A key appears twice in one mapping.'),
  'yaml/tag': fixed('The front matter uses a custom YAML tag (`!something`); only plain data is accepted.'),
  'yaml/merge-key': fixed('The front matter uses a YAML merge key (`<<`), which is not supported.'),
  'yaml/alias-limit': fixed('The front matter uses aliases beyond the limit (a resource-exhaustion guard).'),
  'yaml/comment-in-value': rule('warning', 'A `#` right after a space in an unquoted value starts a YAML comment, so the rest of the value is dropped.'),
  'yaml/unquoted-value': fixed('YAML turned an unquoted value into a number, boolean or null where text is expected.'),
  'schema/required': fixed('A required field is missing.'),
  'schema/type': fixed('A field has the wrong type.'),
  'schema/enum': fixed('A field has a value outside its allowed set.'),
  'schema/format': fixed('A field does not have the required format (date, e-mail, URL, slug, id).'),
  'schema/url-scheme': fixed('A URL field uses a scheme other than http, https, mailto or a relative URL, or is a web address without its scheme (`www.example.az`, `https//…`).'),
  'schema/control-character': fixed('A field contains control characters or bidirectional overrides and embeddings (U+202A–U+202E), a bidirectional isolate (U+2066–U+2069) that is not balanced on its line, or half of a character (a surrogate written as an escape, `"\\uD800"`), which no UTF-8 text can hold.'),
  'schema/unknown-key': rule('warning', 'A key is not part of the release format (or of the config file, or names no rule, or, in the config\'s `about`, `contacts` or `calendars`, names none of its `languages`); it is ignored.'),
  'config/duplicate-recipient': rule('warning', 'The config\'s `email` names an address more than once among `to`, `cc` and `bcc` (in any letter case): each message is sent to it once, where it is first named.'),
  'config/rule-fixed': rule('warning', 'The config file tries to turn off or weaken a rule that always stays an error; the setting is ignored.'),
  'config/second-file': rule('warning', 'A second config file of the tool lies beside the one read (`migration-news.config.json` beside `migration-news.config.yaml`): only the first of the names is read, so the other\'s settings do not apply.'),
  'config/templates-folder': rule('warning', 'The config\'s `templates` names a folder that does not exist, a file, or a folder that cannot be read, so no template set is read from there and builds take their sets from the project\'s `templates` folder and the built-in ones instead: a misspelt path (`./tempaltes`) would otherwise publish every page with the wrong look. A build, `validate`, `new` or a `templates` command that names a set found nowhere else (`--template press`) stops, saying why.'),
  'content/empty-body': rule('error', 'The release has no body text.'),
  'content/title-length': rule('warning', `The title is longer than ${TITLE_MAX} characters (a Chinese, Japanese or Korean one counting as two), too long for a headline.`),
  'content/summary-length': rule('warning', `The summary is longer than ${SUMMARY_MAX} characters (a Chinese, Japanese or Korean one counting as two), too long for a search snippet.`),
  'content/image-alt': rule('error', 'An image in the body has no alternative text.'),
  'content/image-file': rule('error', 'A local image (a relative `image.src` or body image) cannot be copied into the build: the file is missing or unreadable, lies outside the project, is larger than 32 MiB, is not an image in a format browsers show (PNG, JPEG, GIF, WebP, AVIF, SVG), or is an SVG with scripts or other active content.'),
  'content/link-scheme': rule('error', 'A link or image in the body uses a scheme other than http, https or mailto (a link may also be `tel:` with a telephone number, `tel:+994125550100`); it is removed from the output.'),
  'content/link-address': rule('warning', 'A link in the body has a web address without `https://` (`www.example.az`, or a host name such as `migration.gov.az` or `e-gov.az/services`), an e-mail address without `mailto:`, a telephone number without `tel:` (`+994125550100`), or a scheme without its colon (`https//…`), which a browser takes for a page of the site, or names a Markdown file (`other-release.md`), which the site does not have: the link leads nowhere.'),
  'content/link-target': rule('warning', 'A link in the body leads to a part of its own page that no element has: `[the quotas](#quotas)` where no heading has the id `quotas` (`## Quotas {#quotas}`), a footnote the page does not number so (`#fn-3` with two notes), or, with `html: safe`, no kept `<a id>` or `<li id>` either; ids are matched in their letter case, and `#` and `#top` always lead to the top. The ids the template set\'s page gives elements around the body count where the page has them (the default pages\': `#main`; `#contacts-heading` with contacts, `#about-heading` with the config\'s `about`).'),
  'content/link-page': rule('warning', 'A link in the body leads to a page in a language\'s folder that no release of the project has (`[the quota](../en/work-permit-quota.html)` where no English release has the slug `work-permit-quota`): a slug mistyped, or changed. The hint names the slug likely meant. Only a release\'s address is judged (a slug with `.html`, `.txt`, `.json`, `.ninjs.json` or none), not the site\'s own pages or other files.'),
  'content/raw-html': rule('warning', 'The body contains raw HTML, which is escaped in the output.'),
  'content/repeated-title': rule('warning', 'A heading in the body repeats the title, so the page would show the headline twice.'),
  'content/repeated-part': rule('warning', 'The body repeats a part of the release that the outputs print themselves: it opens with the release line (`FOR IMMEDIATE RELEASE`, `EMBARGOED UNTIL …`) or a dateline (`BAKU, 17 March 2026 —`), or ends with an end mark (`###`, `-30-`), so it would be there twice (`###` is a heading with no text to Markdown, which no output shows).'),
  'content/template-syntax': rule('warning', 'The body still holds another tool\'s template syntax (`{% … %}`, `{{ … }}`, Hugo shortcodes `{{< … >}}`), which would be published verbatim.'),
  'content/invisible-character': rule('warning', 'The text holds an invisible character pasted from a word processor (zero-width space, soft hyphen, line separator, a stray byte-order mark, any invisible character before the opening `---`, a no-break space in YAML indentation, after a key\'s colon or at the end of a value), or a tab typed in a text field of the front matter (`title`, `location` …), which looks like a space but is a tab in every output; `validate --fix` removes or replaces the safe ones.'),
  'content/table-cells': rule('warning', 'A row of a table has more cells than its header row, and Markdown does not show the cells past the header\'s; or lines written as a table\'s rows are no table to Markdown, since the line of `---` cells under the header is missing or has another number of cells than the header, so every output runs them together into one paragraph, pipes and all.'),
  'content/footnote': rule('warning', 'A footnote is defined in the body (`[^1]: …`) but never cited in its text, so no output shows it, defined again under the label of an earlier note (Markdown reads the first), so no output shows the later one, or cited (`[^1]`) but never defined, so the page shows the brackets as text.'),
  'content/unread-list': rule('warning', 'Lines of a paragraph, or of a list item\'s text, start with a bullet pasted from a word processor (`•`, `◦`, `▪` …, and under them Word\'s `o` and a tab), with a dash where they are a list\'s items (`– миграция;` under a line ending with a colon, or each but the last ending with `;`, or with `,` from three items on; not a dialogue\'s lines, a question, or items ending as sentences under a colon), with the letters of a lettered list (`a)`, `b)` …; `а)`, `(b)`, `ii.`, `B)`), or with the numbers of a list that does not start at 1 right under a line of text (`4.`, `5.` under `The remaining steps:`), which Markdown does not read as list markers, so every output runs the items together into one paragraph.'),
  'content/joined-lines': rule('warning', 'Lines of a paragraph, or of a list item\'s text, that each open with a label and its colon (`Phone: …`, `E-mail: …`) or a time (`10:00 …`) from the paragraph\'s first line or a line ending with a colon, as a contact block or a schedule is written, which Markdown joins into one line, so every output runs them together. A line that ends with a line break of its own (a `\\`, two spaces or a `<br>`) is kept apart.'),
  'content/listed-date': rule('warning', 'A line opens with a day, a stop and a month\'s name (`1. Januar 2027`, `17. března`), or a year, a stop and a month\'s name or the word for year (Hungarian `2027. január`, Latvian `2027. gada`), as German, Czech, Danish, Finnish, Serbian, Hungarian, Latvian and other languages write a date, which Markdown reads as a numbered list\'s item: every output cuts the paragraph before it and shows the day or year as a list number, and a later item the list\'s next number (`17. März` after `1. Januar` becomes `2. März`, `2027. január` after `2025. március` becomes `2026. január`). Only in a language whose dates `Intl` writes so.'),
  'content/indented-text': rule('warning', 'A paragraph of prose is indented by a tab or four spaces, as a first line is indented in a word processor, so Markdown reads it as a code block: every output shows it as written, in a fixed-width font on the page and unwrapped in the text. Code and other indented blocks that do not read as sentences are left alone.'),
  'content/unread-heading': rule('warning', 'A line starts with `#` marks and no space after them (`##About the Service`), which Markdown does not read as a heading, so every output shows the marks and the words as text. A hashtag in running text or a line of tags is not reported.'),
  'content/unread-link': rule('warning', 'A link or image in the body is not read as one because its address has a space (`![Centre](photos/new centre.jpg)`, or a telephone number written `<tel:+994 12 555 01 00>`), because its title holds its own quote mark (`[the report](https://…/r.pdf "The "2026" report")`, where `\\"` or the other quotes would keep it), because it names a reference that no `[label]: address` line defines (`[the guide][guide]`), because a space parts its text from its address (`[the guide] (https://…)`), so the page shows it as text, or because a space parts an image\'s `!` from its `[` (`! [Centre](photos/centre.jpg)`), so the page shows a "!" and a link; a local image is then not copied. A `!` after a word (`Apply now! [Form](…)`) ends a sentence and is left alone. A link with no text (`[](https://…)`) is reported too: the page shows nothing to click, and a screen reader reads out its address; so is a link, image or reference definition with no address (`[the form]()`, `[form]: <>`), an address left to fill in, which leads nowhere (the plain text gives its text alone).'),
  'content/heading-id': rule('warning', 'A heading\'s id written after it (`## Visa rules {#visa-rules}`) is an earlier heading\'s, or one the page gives an element of its own (`main`, `contacts-heading`, `about-heading`, a footnote\'s `fn-1`), so the heading gets none; or it is no id (Latin letters, digits, `-` and `_` after a letter: `{#rates.2027}` and `{#правила}` are not), so every output shows it as text.'),
  'content/empty-heading': rule('warning', 'A line of `#` marks alone (`##`, or `### ###`) is a heading with no text, most often one whose words went onto the next line; no output shows it (a page would otherwise have an empty heading, which a screen reader announces). The end mark `###` closing the body is `content/repeated-part`\'s.'),
  'content/underlined-text': rule('warning', 'A line of `-` right under a sentence that ends with a full stop, or under more than one line of text, with no blank line between them (`The Service thanks all participants.` then `---`), as a line drawn after a paragraph is written: Markdown reads it as the underline of a heading, so every output shows the text as a heading. A heading written so (`Key figures` then `---`) is not reported.'),
  'content/spaced-emphasis': rule('warning', 'Emphasis markers have a space inside them (`** bold **`, `*text *`, `__ x __`), so Markdown does not read them as emphasis and every output shows the asterisks or underscores. A lone `*` or `_` with spaces around it (`2 * 3 * 4`, `Baku * Ganja * Sumgait`) is taken for a sign, and code is left alone.'),
  'content/unclosed-emphasis': rule('warning', 'Bold markers (`**`, `__`) before a word that nothing closes (`**important`), so Markdown does not read them as emphasis and every output shows the asterisks or underscores. Markers inside a word (`2**10`, `file__name`), after a word (`permits**`, often a footnote mark), with spaces on both sides, or in code are left alone.'),
  'content/inline-markdown': rule('warning', 'The title, subtitle or summary holds Markdown (`**`, `_`, a link), which these plain-text fields would print literally.'),
  'content/control-character': fixed('The body contains control characters or bidirectional overrides and embeddings (U+202A–U+202E), or a bidirectional isolate (U+2066–U+2069) that is not balanced on its line or in its table cell, which could hide or reorder text; balanced isolates, as right-to-left text embeds a Latin name or a number, are accepted.'),
  'content/language-folder': rule('warning', 'The release lies in a folder named after another of the project\'s languages (`lang: ru` in `releases/en/`), or its file\'s name ends in another\'s (`lang: en` in `centre.ru.md`): the folder, the name or the `lang` is likely a slip.'),
  'content/too-complex': fixed('The body nests deeper than the limit or is too large to render safely.'),
  'embargo/past': rule('info', 'The embargo has passed but the release is not yet published.'),
  'embargo/after-date': rule('warning', 'The embargo ends on a later day than the release is dated: every output dates it a day nobody could read it, and the news sitemap, which lists the last two days\' releases by their dates, may never list it.'),
  'date/future-published': rule('warning', 'A `published` release is dated in the future.'),
  'date/other-day': rule('warning', 'The `date` is a time written with a UTC offset that puts it on another day than the config\'s `timezone` does (`2026-12-30T21:00:00-05:00`, which is 31 December in Asia/Baku): pages give the day as written, while listings and feeds order releases by the moment, so it shows a day out of order.'),
  'date/future-approved': rule('warning', 'An `approved` release is dated in the future but has no `embargo`: it goes out as soon as it is built, marked FOR IMMEDIATE RELEASE.'),
  'publication/unpublished': rule('info', 'A release that was public in the last build is not any more (its status changed, or an embargo was added); its pages are removed. Raised to `error`, it makes a build that takes pages down fail and write nothing, so the pages stay until a build with `--keep-going`; the message then says they are still there.'),
  'publication/withdrawn-undated': rule('warning', 'A `withdrawn` release has no `withdrawn_date`: it gets no withdrawal notice, and any pages it had are removed. The date is what says a notice is due (and that the release went out), so that every build, fresh or incremental, writes the same.'),
  'publication/withdrawn-future': rule('warning', 'A `withdrawn` release\'s `withdrawn_date` is still to come at `--now`: a build takes its pages down at once, not on that day, and its withdrawal notice says it was withdrawn on a day that has not come. Write the day it was taken down, or keep its `status` until the day it is to be.'),
  'publication/withdrawn-before-date': rule('warning', 'A `withdrawn` release\'s `withdrawn_date` is a day before its `date`: its withdrawal notice would say it was withdrawn before it was first published. One of the two days is mistyped. (A release withdrawn on or before the day its `embargo` lifts was never out, and gets no notice: that is not this.)'),
  'publication/draft-key': rule('error', 'The front matter keeps the release back the way other tools do (`draft: true`, `published: false`), which this format does not read, while its `status` (`published`, `approved`) publishes it.'),
  'publication/embargo-key': rule('error', 'The front matter holds the release back until a date or time still to come under a key this format does not read (`Embargo` in another letter case, `embargo_until`, `embargo_date`, `embargoed`, a misspelling such as `embrago`, Hugo\'s `publishDate`), while its `status` (`published`, `approved`) publishes it: it would go out at once. Rename the key `embargo` (a date-time with its offset), or delete the line if it is to go out now. A day written without its year (`embargo_until: December 14`) is read in the year that puts it nearest to the release\'s `date`. A release with an `embargo` of its own, a value that is no date, or a time already past gets the usual unknown-key warning instead.'),
  'publication/unpublished-link': fixed('A public release\'s body or lead image (`image.src`) links the pages of a release that is not public at `--now` (a draft, one in review, under embargo, or withdrawn without a notice): the page is not there, and the link would publish its address, often the news itself, before the release is out. The release with the link is not built. Give it the same `embargo`, so that both go out together, or add the link once the other is public. Links to the pages a build writes in `--drafts` or `--embargoed` are not reported there.'),
  'publication/slug-changed': rule('warning', 'A public release\'s slug changed since the last build and the old one is not in `aliases`: links to the old address break, or open the release that took it.'),
  'slug/duplicate': fixed('Two releases in one language have the same slug.'),
  'slug/reserved': fixed('The slug is a name Windows reserves for a device (con, nul, com1 …), so its output file could not be opened there, or one the site\'s own files use (index, feed).'),
  'alias/invalid': fixed('A path in `aliases` is not a safe site-relative address: `..`, a backslash, a query or fragment, a control or invisible character, a broken or non-UTF-8 percent-escape, a name Windows cannot hold, an extension other than .html/.htm, or too long.'),
  'alias/reserved': fixed('An alias would redirect from an address the site uses itself: the home page, a language\'s listing or tag pages, a feed, a file the build writes, or a folder\'s own address, which a page named as web servers name a folder\'s index (index.htm, default.htm, default.aspx, index.php …; any but index.html) would take over, since IIS and others serve those before, or instead of, index.html.'),
  'alias/duplicate': fixed('Two releases claim the same old address (letter case ignored), or an alias is the address of a release\'s page, or a folder of one redirect is the file of another.'),
  'id/duplicate': fixed('Two files have the same `id` and `lang`.'),
  'output/collision': fixed('A release would be written to an output path that is not safe (a last guard: slugs and languages are checked earlier).'),
  'translation/mismatch': rule('warning', 'Translations of one release disagree on the day of their `date`, or on `status`; a time of day may differ (a translation that went out later that day, or is dated without its time). Also, while another version\'s `embargo` holds, an `approved` or `published` translation of the same day with no `embargo`, or one that lifts earlier, which would go out first and break it.'),
  'content/placeholder': rule('error', 'An `approved` or `published` release still holds an instruction of the skeleton `migration-news new` writes (`Write the lead here…`) or its placeholder names (`FULL NAME, ROLE`), in any of the built-in languages, or a field whose whole value is an ellipsis (`alt: …`), as the tool\'s hints write the part left to fill in.'),
  'translation/id-spelling': rule('warning', 'Two releases in different languages have ids that differ only in their separators (`new_centre`, `new-centre`, `new.centre`), so they are not linked as translations.'),
  'translation/untranslated': rule('warning', 'A translation\'s body is word for word its original\'s, or still opens with the note `new --translate-from` puts there: it has not been translated yet.'),
  'template/syntax': fixed('A template cannot be parsed (a syntax error, or a filter that does not exist).'),
  'template/labels': fixed('A template uses a label that the set has no text for in the release\'s language (`labels/<lang>.yaml`), or a release is in a language the set has no labels for at all, or a labels file is misnamed, one of two for a language, or not a mapping of names to text.'),
  'template/labels-incomplete': rule('warning', 'A labels file of a release\'s language lacks words that the set\'s other labels files have (a language added with some of its words), so a build stops at the first page that prints one of them (`template/labels`), and the headings the tool writes itself on the listings, tag pages and home page (`tagged`, `latest` …) are in English; `validate` names them all at once, and an HTML build warns of the site\'s words.'),
  'template/unknown-set': fixed('The template set named with `--template` or `templates check` does not exist. This is a mistake in the command line, so the command stops before checking anything, as for any usage error: exit 2, the message and its hint on standard error, no report.'),
  'template/manifest': fixed('A template set\'s `template.yaml` is not valid (a field it does not have, such as `extend` for `extends`, a field of the wrong type, an unknown format, a set it extends that does not exist).'),
  'template/unused-file': rule('warning', 'A file in the project\'s template set is never read: a template that no format renders and no template includes (a misspelt or misplaced override, such as `release.text.liquid` or `partial/contacts.liquid`, leaves the set it extends in charge), or a file that is no template because its name does not end in `.liquid` (`partials/contacts.html`, `styles.css`).'),
  'template/unshown': rule('warning', 'A template laid out in a layout (`{% layout \'layouts/page\' %}`) writes what the page never shows: a block the layout has no block of that name for (`{% block contnet %}`), or text or an output outside every block where the layout has no anonymous `{% block %}` to show it.'),
  'template/render': fixed('A template failed while rendering (a variable the context does not have, a filter that throws, a limit), or wrote nothing but white space for a page or a text.'),
  'output/write': runFailure('An output file cannot be written.'),
} as const satisfies Record<string, RuleInfo>);

export type RuleId = keyof typeof RULES;

export type RuleSetting = Severity | 'off';
export type RuleSettings = Partial<Record<string, RuleSetting>>;

/** The documentation of a rule: its row in the README's rule table. */
export function ruleDocsUrl(ruleId: RuleId): string {
  return `${RULE_DOCS_URL}#${ruleAnchor(ruleId)}`;
}

/** The anchor of a rule's row in the README: `rule-schema-required`. */
export function ruleAnchor(ruleId: RuleId): string {
  return `rule-${ruleId.replace(/\//g, '-')}`;
}

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}

/** The rule id an unknown one was likely meant to be (`schema/unknown-keys`), for the config file's warning and the library's error alike. */
export function closestRule(ruleId: string): string | undefined {
  return closest(ruleId, Object.keys(RULES));
}

/** The severity a rule has under the project's settings, or `off`. */
export function severityOf(ruleId: RuleId, settings: RuleSettings | undefined): RuleSetting {
  const info: RuleInfo = RULES[ruleId];
  if (info.fixed) return info.severity;
  return settings?.[ruleId] ?? info.severity;
}
