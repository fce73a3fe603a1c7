// Reports template placeholders left in a spec: `[Feature Name]`, `[Draft/In Review/Approved]`,
// `YYYY-MM-DD`, `{{VAR}}`, `[NEEDS CLARIFICATION: …]`, TODO. A spec that still holds them is
// not finished, and readers cannot tell the example from the decision. Fixes offer each
// choice of a choice list, today or now for a date mask, and the document's title or
// today for `{{title}}` and `{{date}}`; none is preferred, as only the author knows.
import { dateForMask, type Placeholder } from '../parse/placeholders';
import type { SpecDocument } from '../parse/spec-document';
import { formatDate, yamlReplacement } from '../templates/front-matter-schema';
import { shorten } from '../lint/quote';
import type { Template } from '../templates/template';
import type { Fix, Rule } from '../lint/types';

const DESCRIBE: Record<Placeholder['kind'], (p: Placeholder) => string> = {
  text: (p) =>
    p.form === 'blank-field' ? `Expected a value for \`${shorten(p.label)}\`, found the field blank` : `Expected the placeholder \`${shorten(p.text)}\` to be replaced, found it unfilled`,
  choice: (p) => `Expected one of ${p.choices?.map((c) => `\`${c}\``).join(', ')}, found the choice list \`${shorten(p.text)}\``,
  variable: (p) => `Expected a value for \`${p.label}\`, found the variable \`${p.text}\``,
  date: (p) => `Expected a ${p.format === 'date-time' ? 'date and time' : 'date'}, found the mask \`${p.text}\``,
  clarification: (p) => `Expected the open question to be resolved, found \`${shorten(p.text)}\``,
  todo: (p) => `Expected finished text, found \`${shorten(p.text)}\``,
};

export const unfilledPlaceholder: Rule = {
  meta: {
    id: 'unfilled-placeholder',
    description: 'Template placeholders that are still in the spec.',
    rationale:
      'A placeholder such as `[Feature Name]`, `YYYY-MM-DD`, `[Draft/In Review/Approved]`, `{{VAR}}`, a Go template\'s field (`{{.Title}}`), ' +
      '`[NEEDS CLARIFICATION: …]`, `<the decision>` (or `\\<the decision\\>`, escaped to be shown), a month (`since: YYYY-MM`), a date mask in another language (`JJJJ-MM-TT`, `ÅÅÅÅ-MM-DD`), a date not known yet (`2025-04-??`, `2023-08-**`, `xxxx-xx-xx`, `20XX-XX-XX`), a TODO, or `TBA` as a whole value marks text the author ' +
      'has not written yet; so does a date mask in another order (`MM/DD/YYYY`, `Month DD, YYYY`) written as a value, and a template\'s ' +
      'example person (`@janedoe`, `@main-reviewer-1`, `Your Name`, `alice@example.com`) in a field that names people, a front-matter value ' +
      'of one word in angle brackets (`title: <Title>`) or a number\'s mask where the key names a number (`iep-number: NNNN`), the KEP template\'s sample paths (`/docs/proposals/20190101-we-heard-you-like-proposals.md`), a title that is the word itself (`# Title`, `# Short Title`, `title: Short Title`) and a heading\'s ' +
      'label followed by only an ellipsis (`### Alternative 1: ...`), and a task whose ID is still a mask (`- [ ] TXXX …`), a KEP\'s production-readiness fields left blank where the ' +
      'KEP answered none of its questionnaire (`- Feature gate name:`), the fields of a list left blank two or more together (`- Positive:`, `- Negative:`; in the header under the title only those the author gives, `- Start Date:`), ' +
      'a noun alone in angle brackets as a field\'s value (`- Related ADR: <link>`), a link whose text is a number\'s mask (`[#XXX](…/issues/XXX)`), ' +
      'every slot in single braces (`{role}`, `{…}`) in a document that writes its slots so (three or more standing for a whole value, one of them in words), and a status list one of whose options links the ' +
      'document it names (`proposed | accepted | superseded by [ADR-0005](0005-example.md)`). ' +
      'A standard cited by its number (`[RFC 8693]`), an ' +
      'interval (`[0%, +20%]`), an alert marker (`![NOTE]`), a Pandoc citation (`[@doe1999]`), an array of names in code ' +
      '(``[`value`, `valueFrom`]``), a TOML table with its keys (`[build-system]: requires = …`), a heading\'s `[Optional]` ' +
      'tag, a heading that is one bracket in title case over written text (`## [Related Issues]`) and a name the sentence ' +
      'defines (`where "[verb]" is …`), an ellipsis in brackets on a line of its own (`- […]`, the list goes on), a ' +
      'repository in brackets (`[pingcap/docs-tidb-operator]`), a TBD a question asks about ("What parts of the design ' +
      'are still TBD?"), a to-do word the document writes as a name (`TBD\'s engineering leads`, an organisation called TBD; ' +
      '`TODO comments`, `TODO_Icon`, a feature that handles them), ' +
      'a to-do app\'s states (`TODO, IN PROGRESS, DONE`) and badges (`"[ TODO ]", "[ OVERDUE ]"`), a route\'s parameter a ' +
      'sentence names (`"/tasks/[id]" where [id] is …`), a class of characters (`[a-h]`, `[A-Za-z0-9]`), a command-line option\'s argument (`--name [chaincode_name]`), the label of a reference ' +
      'definition run on along a line (`[s4]: ../a.md [s5]: ../b.md`), a to-do word that abbreviates the words before it (`Trunk-Based Development (TBD)`), a mark of text withheld on purpose (`[REDACTED]`, ' +
      '`[CLASSIFIED]`), an issue\'s tag quoted with its title beside a link to the issue (`- [Debugger] Active sessions … ' +
      '[#10174](https://…/issues/10174)`), and an option title written out in the document and kept in the template\'s braces in its ' +
      'heading (`### {Change ECS to OOP}`) are ' +
      'not placeholders. Replace a placeholder with the ' +
      'real value, pick one of the choices, or delete it if it does not apply. Text in code, links, ' +
      'footnotes and task boxes is never a placeholder; escape brackets (`\\[like this\\]`) that you mean literally. ' +
      'The one exception is your repository\'s own template (spec-kit\'s `.specify/templates/plan-template.md`): a slot it ' +
      'has in code (`` `[###-feature-name]` ``, `# [REMOVE IF UNUSED] Option 1` in a layout tree) that is still in your ' +
      'document on a code span or line of code unchanged is reported, and so are its slots that nest another, span lines ' +
      'or are a `$VARIABLE` (`$ARGUMENTS`) or a `{slot}` in braces (`{Component 1}`, `{description}`), and a path it ' +
      'leaves to give (`` `/path/to/feature` ``, `` `<feature_dir>/docs/spec.md` ``), and, where its prose writes slots in ' +
      'double braces, those in its code spans (`` `work/{{feature}}-task-1` ``). ' +
      'Fixes pick one of the choices, set a date mask to today in its own order (or now, for a date and time, in UTC), or fill ' +
      "`{{title}}` and `{{date}}` from the document; in front matter the value stays valid YAML.",
    defaultSeverity: 'warning',
    fixable: true,
    completeness: true,
  },
  check({ document, template, placeholders, now, report }) {
    const title = documentTitle(document);
    const ownTitle = titleInTemplateBrackets(document, template?.template);
    for (const placeholder of placeholders) {
      if (placeholder === ownTitle) continue;
      const described = describe(placeholder);
      // Only these kinds have fixes; they depend on the date, the title and the text around.
      const fixes = FIXABLE.has(placeholder.kind) ? fixesFor(document, placeholder, now, title) : [];
      report(fixes.length > 0 ? { ...described, fixes } : described);
    }
  },
};

/**
 * A title the author wrote inside the brackets of their repository's template
 * (`# [Pipeline Analytics]` from `# [title of solved problem and its solution]`): the slot
 * was filled, the brackets kept. Only the whole title, and only when the template's own
 * title is one slot with other words.
 */
function titleInTemplateBrackets(document: SpecDocument, template: Template | undefined): Placeholder | undefined {
  if (template?.origin !== 'repository') return undefined;
  const whole = (doc: SpecDocument) => {
    const heading = doc.outline.flat[0];
    if (!heading) return undefined;
    const { start, end } = heading.titleRange;
    return doc.placeholders.find((p) => p.kind === 'text' && p.range.start === start && p.range.end === end);
  };
  const own = whole(document);
  const slot = whole(template.document);
  return own && slot && normalizeWords(own.label) !== normalizeWords(slot.label) ? own : undefined;
}

const normalizeWords = (words: string) => words.replace(/\s+/g, ' ').trim().toLowerCase();

const FIXABLE: ReadonlySet<Placeholder['kind']> = new Set(['choice', 'date', 'variable']);

/**
 * What a finding says about a placeholder, made once per placeholder: a large spec has
 * a thousand, and a placeholder in a piece that an edit did not touch is the same object
 * in the next version (its range moved with it).
 */
const descriptions = new WeakMap<Placeholder, { message: string; range: Placeholder['range']; data: Record<string, unknown> }>();

function describe(placeholder: Placeholder): { message: string; range: Placeholder['range']; data: Record<string, unknown> } {
  let known = descriptions.get(placeholder);
  if (!known) {
    const data: Record<string, unknown> = { kind: placeholder.kind, label: placeholder.label };
    if (placeholder.choices) data.choices = placeholder.choices;
    if (placeholder.format) data.format = placeholder.format;
    data.inFrontMatter = placeholder.inFrontMatter;
    known = { message: DESCRIBE[placeholder.kind](placeholder), range: placeholder.range, data };
    descriptions.set(placeholder, known);
  }
  return known;
}

/** The values a placeholder can be replaced with, each a fix; in front matter, written as valid YAML. */
function fixesFor(document: SpecDocument, placeholder: Placeholder, now: Date, title: string | undefined): Fix[] {
  const candidates: { title: string; value: string }[] = [];
  if (placeholder.kind === 'choice') {
    for (const choice of placeholder.choices ?? []) candidates.push({ title: `Choose \`${choice}\``, value: choice });
  } else if (placeholder.kind === 'date') {
    const iso = formatDate(now, placeholder.format ?? 'date');
    // A mask in another order (`MM/DD/YYYY`) asks for the date in that order.
    const value = iso && placeholder.format !== 'date-time' ? dateForMask(placeholder.label, iso) : iso;
    if (value) candidates.push({ title: placeholder.format === 'date-time' ? `Set to now, \`${value}\`` : `Set to today, \`${value}\``, value });
  } else if (placeholder.kind === 'variable') {
    const name = placeholder.label.toLowerCase();
    const value =
      name === 'title' ? title : name === 'date' || name === 'today' ? formatDate(now, 'date') : name === 'datetime' || name === 'now' ? formatDate(now, 'date-time') : undefined;
    if (value) candidates.push({ title: `Replace with \`${value}\``, value });
  }
  const fixes: Fix[] = [];
  for (const candidate of candidates) {
    const newText =
      placeholder.inFrontMatter && document.frontMatter
        ? yamlReplacement(document.text, document.frontMatter, placeholder.range, candidate.value)
        : inTableRow(document.text, placeholder) ? candidate.value.replace(/\|/g, '\\|') : candidate.value;
    if (newText !== undefined) fixes.push({ title: candidate.title, edits: [{ range: placeholder.range, newText }], preferred: false });
  }
  return fixes;
}

/** Whether the placeholder's line is a table row, where a `|` in the replacement must be escaped. */
function inTableRow(text: string, placeholder: Placeholder): boolean {
  // Walk back to the line start by hand: `lastIndexOf('\r')` would scan the whole
  // document when it has no CR, once per placeholder.
  for (let i = placeholder.range.start - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return false;
    if (code === 0x7c) return true;
  }
  return false;
}

/** The text of the document's first top-level heading, unless it still holds a placeholder. */
function documentTitle(document: SpecDocument): string | undefined {
  const heading = document.outline.flat.find((section) => section.depth === 1);
  if (!heading || heading.title.trim() === '') return undefined;
  const { start, end } = heading.titleRange;
  if (document.placeholders.some((p) => p.range.start < end && start < p.range.end)) return undefined;
  return /[\r\n]/.test(heading.title) ? undefined : heading.title.trim();
}
