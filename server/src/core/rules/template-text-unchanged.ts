// Reports template text that is still in the spec word for word: a section whose own
// content is exactly the template's for that section (whitespace aside), and, in sections
// that did change, a code block or table copied unchanged from the template (and, from a
// repository's own template, a paragraph of its instructions or a list of its samples); a title still the template's; a
// sentence the family's tool writes into every new document (adr-tools'), template or not. Template
// text is instructions and samples (`Describe how this feature fits…`, a test that
// `assert True`); left in place it reads like part of the spec and hides that the section
// was never written. Placeholders and guidance (HTML comments, italic lines, guidance
// sections) are left to unfilled-placeholder, empty-section and leftover-guidance, so they
// are not reported twice: a template section whose text has placeholders is only checked
// block by block. Figures (a code block without a language and without placeholders, such
// as a testing pyramid) and task lists are meant to be kept, so they alone never make a
// section unchanged.
import type { Code, List, Paragraph, RootContent } from 'mdast';
import { BRACKET } from '../parse/placeholder-patterns';
import { normalizePlaceholders, type Placeholder } from '../parse/placeholders';
import type { OffsetRange } from '../parse/range';
import { keepsTemplateText, type ItemLines } from '../families/family';
import type { FamilyChoice } from '../families/identify';
import { familyInstructionRanges, familyPlaceholders } from '../families/placeholders';
import { keptTemplateSlots } from '../families/template-slots';
import { headingLabel } from '../templates/section-tree';
import type { Template } from '../templates/template';
import { comparableSentence, isGuidanceNode, normalizeWhitespace, spanOf } from '../templates/template-text';
import { shorten } from '../lint/quote';
import type { Rule, RuleContext } from '../lint/types';

export const templateTextUnchanged: Rule = {
  meta: {
    id: 'template-text-unchanged',
    description: 'Template text left unchanged in a spec: a whole section, a code block or a table.',
    rationale:
      'A template explains what each section needs and shows samples of it. When that text is still in ' +
      'the spec word for word, the section looks written but is not: the reader gets the template\'s ' +
      'instructions or its sample code (a test that only does `assert True`) instead of your design. ' +
      'A section is reported when its own content is the template\'s text for that section, whitespace ' +
      'aside; a code block or table is reported when it is one of the template\'s, unchanged, even if the ' +
      'rest of the section was written, and so is a title that is still the template\'s. When the template is ' +
      'the one your repository keeps beside its documents (MADR\'s `adr-template.md`, an RFC repository\'s ' +
      '`0000-template.md`, a KEP\'s `NNNN-template/README.md`), a paragraph of its instructions of five words or ' +
      'more ("Brief explanation of the feature." is not, "Why are we doing this? What use cases does it ' +
      'support?" is) left in a section you otherwise wrote is reported too; a Specwright template\'s ' +
      'sentences are left to leftover-guidance; a kit that writes its documents from the template and keeps its ' +
      'sentences (spec-kit\'s purpose lines, task-format legend and notes) is not told about them, in the kinds the kit has ' +
      'templates of its own for (a team\'s research template holds the team\'s samples). An item of the ' +
      'template\'s numbered samples (`- [ ] CHK001 First checklist item with clear action`) left unchanged is reported ' +
      'too, and so is a list of a repository\'s own template (`- Finding 1`, `- Mitigation step 1`) left as it is; a list of ' +
      'its questions, which authors keep and answer below, only in a section that holds nothing but the template\'s text. ' +
      'The sentences a family\'s tool writes into every new document ' +
      '(adr-tools\' "The change that we\'re proposing or have agreed to implement.", and the questions of Nygard\'s own ' +
      'template, "What is the change that we\'re proposing and/or doing?") are reported wherever one ' +
      'is still a paragraph of its own, whether or not your repository keeps a template. Replace the text with your own, or remove it. Placeholders, HTML ' +
      'comments and italic guidance lines are reported by their own rules; figures without a language ' +
      '(a diagram you may adopt as is), task lists and checkboxes to tick (a definition of done, a KEP\'s ' +
      'checklist, an RFC\'s sign-off) with the paragraph that introduces them, and tables of contents are not reported on their own.',
    defaultSeverity: 'warning',
    fixable: false,
    completeness: true,
  },
  check(context) {
    const reported: OffsetRange[] = [];
    checkAgainstTemplate({ ...context, report: (finding) => (reported.push(finding.range), context.report(finding)) });
    checkFamilyParagraphs(context, reported);
  },
};

/**
 * The paragraphs the document's family's tool writes into every new document (adr-tools'
 * "The change that we're proposing or have agreed to implement.", an RFC template's "Why
 * should we *not* do this?"), still there, whitespace and emphasis aside, in a section,
 * with or without a template; each once, not where the template's text was already
 * reported. Its list items (an RFC template's questions under Rationale and alternatives)
 * only when they are all the section holds: authors often keep the questions and answer
 * each under it.
 */
function checkFamilyParagraphs({ document, family, report }: RuleContext, reported: readonly OffsetRange[]): void {
  const known = family?.family.templateParagraphs;
  if (!family || !known || known.size === 0) return;
  const { text } = document;
  const instructions = familyInstructionRanges(document, family);
  const isKnown = (node: RootContent) => known.has(comparableSentence(sourceOf(text, node)));
  const reportNode = (section: (typeof document.outline.flat)[number], node: RootContent) => {
    const span = spanOf(node);
    if (!span || [...reported, ...instructions].some((range) => span.start < range.end && range.start < span.end)) return;
    report({
      message: `Expected your own text in \`${headingLabel(section)}\`, found the ${family.family.label} template's sentence \`${shorten(sourceOf(text, node), 60)}\``,
      range: span,
      data: { section: section.title, kind: 'paragraph' },
    });
  };
  for (const section of document.outline.flat) {
    const content = section.ownNodes.filter((node) => node.type !== 'definition' && node.type !== 'html');
    const items = content.flatMap((node) => (node.type === 'list' ? node.children.map((item) => (item.children.length === 1 && item.children[0]?.type === 'paragraph' ? item.children[0] : undefined)) : []));
    const onlyKnown = items.length > 0 && items.every((item) => item !== undefined && isKnown(item)) && content.every((node) => node.type === 'list' || (node.type === 'paragraph' && isKnown(node)));
    for (const node of content) {
      if (node.type === 'paragraph' && isKnown(node)) reportNode(section, node);
      else if (node.type === 'list' && onlyKnown) for (const item of node.children) reportNode(section, item.children[0] as Paragraph);
    }
  }
}

/**
 * Whether a list is a template's samples: every item a field (`**Context**: What triggered this
 * investigation?`) or a numbered or lettered sample (`Risk 1 — Proposed mitigation`, `Option A`).
 */
function isSampleList(text: string, list: List): boolean {
  return list.children.every((item) => {
    const span = item.children[0] ? spanOf(item.children[0]) : undefined;
    const first = span ? text.slice(span.start, span.end) : '';
    return /^(?:\*\*|__)[^*_\r\n]{1,40}(?:\*\*|__)\s*:|^\p{L}+[ \t]+(?:\d{1,2}|[A-Z])(?=[ \t]*(?:$|[—–:-]))/u.test(first);
  });
}

/** Whether `next` (the node after a paragraph) holds a box to tick, `[ ]` or `[x]`, in code or a list. */
function introducesCheckbox(text: string, next: RootContent | undefined): boolean {
  const span = next && (next.type === 'code' || next.type === 'list') ? spanOf(next) : undefined;
  return span !== undefined && /^[ \t]*(?:[-*+][ \t]+)?\[[ xX]\]/m.test(text.slice(span.start, span.end));
}

/** Sections every document keeps as its template words them: its copyright or licence. */
const KEPT_SECTION = /^(?:copyright(?: notice)?|licen[cs]e|licensing)$/i;

/** Whether a block's text is one of the family's statuses, as a status section holds it: `Proposed`, `**Accepted**`. */
function isLifecycleStatus(source: string, family: RuleContext['family']): boolean {
  const value = source.replace(/[*_`]/g, '').trim().toLowerCase();
  return family?.family.status?.statuses.some((status) => status.value.toLowerCase() === value) ?? false;
}

/**
 * A notice about the document itself, which every document keeps as its template words it:
 * `> **Note:** This design reflects the proposal as of the date above.`, `**Note:** *This document …*`
 */
const KEPT_NOTICE =
  /^(?:>[ \t]*)?(?:\*\*|__|\*|_)?(?:note|notice|disclaimer)(?:\*\*|__|\*|_)?[ \t]*:[ \t]*(?:(?:\*\*|__|\*|_)[ \t]*){0,2}this[ \t]+(?:design|document|proposal|rfc|ep|kep|adr|spec|specification|decision|page)\b/i;

function checkAgainstTemplate({ document, template, family, report }: RuleContext): void {
  if (!template) return;
  const model = templateModel(template.template, family);
  const { text } = document;
  const flat = document.outline.flat;
  const instructions = familyInstructionRanges(document, family);
  // A kit that writes its documents from the template keeps the template's own sentences in them (spec-kit's purpose lines and notes).
  const keptText = template.how === 'repository' && family !== undefined && keepsTemplateText(family.family, family.kind);
  const itemLines = template.template.origin === 'repository' ? family?.family.kinds[family.kind]?.itemLines : undefined;
  flat.forEach((section, position) => {
    // Sections the kit keeps in every document as its instructions (a spec-kit plan's
    // Execution Flow and phases) are meant to stay as the template has them.
    if (instructions.some((range) => section.range.start >= range.start && section.range.end <= range.end)) return;
    // The rights every document of the process is published under (`## Copyright`: "All CEPs are
    // explicitly CC0 1.0 Universal."): kept as the template words them.
    if (KEPT_SECTION.test(section.title.trim())) return;
    const index = template.match.byDocument.get(position);
    // A guidance section (advice for the author) is leftover-guidance's to report.
    if (index !== undefined && template.template.sections[index]?.guidance) return;
    // A notice every copy keeps is not the author's to replace, in the template or the document.
    const expected = index === undefined ? undefined : model.sections.get(index)?.filter((source) => !KEPT_NOTICE.test(source));
    const nodes = section.ownNodes.filter((node) => !isGuidanceNode(text, node) && !KEPT_NOTICE.test(sourceOf(text, node)));
    // A status section holding one of the family's statuses (`Proposed`) says where the document is, as the template's default may.
    const statusOnly = nodes.length === 1 && isLifecycleStatus(sourceOf(text, nodes[0] as RootContent), family);
    if (!keptText && !statusOnly && expected && nodes.length > 0 && nodes.length === expected.length && nodes.every((node, i) => sourceOf(text, node) === expected[i])) {
      const first = spanOf(nodes[0] as RootContent);
      const last = spanOf(nodes[nodes.length - 1] as RootContent);
      if (first && last) {
        const samples = nodes.every((node) => node.type === 'code' || node.type === 'table');
        report({
          message: `Expected your own text in \`${headingLabel(section)}\`, found the template's ${samples ? 'example' : 'text'} unchanged`,
          range: { start: first.start, end: last.end },
          data: { section: section.title, kind: 'section', templateSection: model.titles[index as number] },
        });
        return;
      }
    }
    if (model.items.size > 0 && itemLines) {
      for (const item of numberedItems(text, nodes, itemLines)) {
        const from = model.items.get(item.source);
        if (from === undefined) continue;
        report({
          message: `Expected your own item in \`${headingLabel(section)}\`, found the template's sample \`${shorten(item.source, 60)}\` unchanged`,
          range: item.range,
          data: { section: section.title, kind: 'item', templateSection: model.titles[from] },
        });
      }
    }
    // Nothing of the author's in the section: every block is the template's, unchanged.
    let untouched: boolean | undefined;
    for (const node of nodes) {
      // A kit that keeps its templates' text keeps their instructions (spec-kit's checklist notes, cc-sdd's
      // purpose lines) but not their samples, a list of fields or numbered items in a section (`- Risk 1 — …`).
      if (node.type === 'list' && (!keptText || (position > 0 && isSampleList(text, node)))) {
        const source = sourceOf(text, node);
        let from = model.lists.get(source);
        const asking = from === undefined ? model.questions.get(source) : undefined;
        if (asking !== undefined && (untouched ??= nodes.every((other) => model.sources.has(sourceOf(text, other))))) from = asking;
        const span = spanOf(node);
        if (from !== undefined && span) {
          report({
            message: `Expected your own text in \`${headingLabel(section)}\`, found the template's ${asking === undefined ? 'list' : 'questions'} unchanged`,
            range: span,
            data: { section: section.title, kind: 'list', templateSection: model.titles[from] },
          });
        }
        continue;
      }
      if (node.type !== 'code' && node.type !== 'table' && ((node.type !== 'paragraph' && node.type !== 'blockquote') || keptText)) continue;
      // A sign-off the template asks every document to keep: a paragraph that introduces a box to tick ("Ticking the box below …").
      if (node.type === 'paragraph' && introducesCheckbox(text, section.ownNodes[section.ownNodes.indexOf(node) + 1])) continue;
      const source = sourceOf(text, node);
      if (statusOnly) continue;
      const from = node.type === 'paragraph' || node.type === 'blockquote' ? model.prose.get(source) : model.blocks.get(source);
      const span = spanOf(node);
      if (from === undefined || !span) continue;
      report({
        message:
          node.type === 'paragraph' || node.type === 'blockquote'
            ? `Expected your own text in \`${headingLabel(section)}\`, found ${node.type === 'paragraph' ? "a paragraph of the template's" : "the template's quoted guidance"} unchanged`
            : `Expected your own text in \`${headingLabel(section)}\`, found the template's example ${node.type === 'code' ? 'code' : 'table'} unchanged`,
        range: span,
        data: { section: section.title, kind: node.type, templateSection: model.titles[from] },
      });
    }
  });
  const title = flat[0];
  // A kit that keeps the template's text keeps its fixed title too (Kiro's `# Requirements Document`); a slot left in it is unfilled-placeholder's.
  if (title && !keptText && model.title !== undefined && normalizeWhitespace(title.title) === model.title) {
    report({
      message: `Expected your own title, found the template's \`${shorten(title.title, 60)}\``,
      range: title.headingRange,
      data: { section: title.title, kind: 'title', templateSection: model.titles[0] },
    });
  }
  // The front matter's title kept as the template gives it (`title: Neat-enhancement-idea`).
  const titleField = keptText || model.frontMatterTitle === undefined ? undefined : document.frontMatter?.entries.find((entry) => entry.key === 'title');
  if (titleField?.valueRange && typeof titleField.value === 'string' && normalizeWhitespace(titleField.value) === model.frontMatterTitle) {
    report({
      message: `Expected your own title, found the template's \`${shorten(titleField.value, 60)}\``,
      range: titleField.valueRange,
      data: { section: 'title', kind: 'title', templateSection: model.titles[0] },
    });
  }
}


interface TemplateModel {
  /** Template section index → its own content, guidance left out, one normalized source per node; only sections worth reporting. */
  readonly sections: ReadonlyMap<number, readonly string[]>;
  /** Normalized source of a code block or table worth reporting → the index of the template section holding it. */
  readonly blocks: ReadonlyMap<string, number>;
  /**
   * The same for the template's prose paragraphs: of a repository's own template only (its
   * sentences are instructions such as "Brief explanation of the feature."), at least
   * {@link PROSE_WORDS} words, without placeholders.
   */
  readonly prose: ReadonlyMap<string, number>;
  /**
   * Normalized source of a numbered item of a repository's template (`- [ ] CHK001 First
   * checklist item with clear action`, an item line of the family's kind) → the index of
   * the template section holding it: the template's samples, replaced by a document's own items.
   */
  readonly items: ReadonlyMap<string, number>;
  /**
   * Normalized source of a list of a repository's own template, without placeholders, that is
   * not kept as it is (a task list, a table of contents) nor a list of questions: `- Finding 1`,
   * `- Mitigation step 1`, the template's samples or instructions → the index of the template
   * section holding it.
   */
  readonly lists: ReadonlyMap<string, number>;
  /**
   * The same for its lists of questions, which authors keep and answer below: reported only
   * in a section that holds nothing but the template's text (a copy nobody has written in).
   */
  readonly questions: ReadonlyMap<string, number>;
  /** Normalized source of every block of the template's own text, guidance left out: what a section nobody wrote in holds. */
  readonly sources: ReadonlySet<string>;
  /** The template's title as written, when it is text of the template's own (no placeholder in it). */
  readonly title: string | undefined;
  /** The `title` of the template's front matter, when it is a string of the template's own (no placeholder in it). */
  readonly frontMatterTitle: string | undefined;
  readonly titles: readonly string[];
}

/** Fewer words than this make a sentence any document may share with its template ("Not applicable."). */
const PROSE_WORDS = 5;

// Templates are immutable once built: their model is worked out once, not per keystroke.
const models = new WeakMap<Template, TemplateModel>();

function templateModel(template: Template, family: FamilyChoice | undefined): TemplateModel {
  let model = models.get(template);
  if (!model) models.set(template, (model = buildModel(template, family)));
  return model;
}

/**
 * A repository's template is read in its family's dialect (MADR's `{braces}` are its
 * slots), the family of the documents it is chosen for; other templates as the parser reads them.
 */
function buildModel(template: Template, family: FamilyChoice | undefined): TemplateModel {
  const { text } = template.document;
  // A repository's template's slots in code count too (`specs/[###-feature]/`): the code holding them is reported by its slots.
  const placeholders =
    template.origin === 'repository' && family
      ? normalizePlaceholders([...familyPlaceholders(template.document, family, undefined), ...keptTemplateSlots(template.document, template)])
      : template.document.placeholders;
  const sections = new Map<number, readonly string[]>();
  const blocks = new Map<string, number>();
  const prose = new Map<string, number>();
  const ownProse = template.origin === 'repository';
  const items = new Map<string, number>();
  const lists = new Map<string, number>();
  const questions = new Map<string, number>();
  const sources = new Set<string>();
  const itemLines = ownProse ? family?.family.kinds[family.kind]?.itemLines : undefined;
  template.document.outline.flat.forEach((section, index) => {
    if (template.sections[index]?.guidance) return;
    const nodes = section.ownNodes.filter((node) => !isGuidanceNode(text, node));
    if (itemLines) for (const item of numberedItems(text, nodes, itemLines)) if (!items.has(item.source)) items.set(item.source, index);
    for (const node of nodes) {
      if (ownProse) sources.add(sourceOf(text, node));
      const span = spanOf(node);
      if (!span || hasPlaceholder(span, placeholders)) continue;
      const isBlock = (node.type === 'code' && !isFigure(node)) || node.type === 'table';
      const source = sourceOf(text, node);
      if (isBlock && /[\p{L}\p{N}]/u.test(source) && !blocks.has(source)) blocks.set(source, index);
      if (ownProse && (node.type === 'paragraph' || node.type === 'blockquote') && !isKept(node) && words(source) >= PROSE_WORDS && !prose.has(source)) prose.set(source, index);
    }
    // A section is worth reporting whole when it has text to replace and no placeholders
    // (those are unfilled-placeholder's, and filling them changes the text anyway).
    const holes = (node: RootContent) => {
      const span = spanOf(node);
      return !span || hasPlaceholder(span, placeholders);
    };
    if (ownProse) {
      // Not a list of questions (an RFC template's "- Why is this design the best …?"): authors keep
      // those and answer below them, as checkFamilyParagraphs allows for the family's own.
      for (const node of nodes) {
        if (node.type !== 'list' || holes(node) || isKept(node)) continue;
        const source = sourceOf(text, node);
        const into = asksQuestions(text, node) ? questions : lists;
        if (/\p{L}/u.test(source) && !into.has(source)) into.set(source, index);
      }
    }
    if (nodes.length === 0 || nodes.every(isKept) || nodes.some(holes)) return;
    sections.set(index, nodes.map((node) => sourceOf(text, node)));
  });
  const first = template.sections[0];
  const titleSection = template.document.outline.flat[0];
  const title = first?.isTitle && titleSection && !hasPlaceholder(titleSection.headingRange, placeholders) && /\p{L}/u.test(titleSection.title) ? normalizeWhitespace(titleSection.title) : undefined;
  const titleField = template.document.frontMatter?.entries.find((entry) => entry.key === 'title');
  const frontMatterTitle =
    titleField?.valueRange && typeof titleField.value === 'string' && /\p{L}/u.test(titleField.value) && !hasPlaceholder(titleField.valueRange, placeholders)
      ? normalizeWhitespace(titleField.value)
      : undefined;
  return { sections, blocks, prose, items, lists, questions, sources, title, frontMatterTitle, titles: template.sections.map((section) => section.title) };
}

/**
 * The items of the lists in `nodes` (nested ones too) whose first line is an item line of
 * the family's kind with its ID (`- [ ] CHK001 …`), each with its normalized source.
 */
function numberedItems(text: string, nodes: readonly RootContent[], lines: ItemLines): { source: string; range: OffsetRange }[] {
  const found: { source: string; range: OffsetRange }[] = [];
  const visit = (list: List) => {
    for (const item of list.children) {
      const span = spanOf(item as unknown as RootContent);
      if (!span) continue;
      const source = text.slice(span.start, span.end);
      const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
      const head = lines.line.exec(firstLine);
      if (head && lines.idLike.test(firstLine.slice(head[0].length))) found.push({ source: normalizeWhitespace(source), range: span });
      for (const child of item.children) if (child.type === 'list') visit(child);
    }
  };
  for (const node of nodes) if (node.type === 'list') visit(node);
  return found;
}

/** Whether every item of a list is a question. */
function asksQuestions(text: string, list: List): boolean {
  return list.children.every((item) => {
    const span = spanOf(item as unknown as RootContent);
    return span !== undefined && /[?？]\s*$/u.test(text.slice(span.start, span.end));
  });
}

function words(source: string): number {
  return source.split(' ').filter((word) => /\p{L}/u.test(word)).length;
}

function sourceOf(text: string, node: RootContent): string {
  const span = spanOf(node);
  return span ? normalizeWhitespace(text.slice(span.start, span.end)) : '';
}

/**
 * Content an author may keep as the template has it: a figure, a task list to tick (also a
 * paragraph that opens with a checkbox, as KEPs write theirs), a table of contents (a list
 * of links to the document's own headings), or a link's definition, which is markup with no
 * text to write (`[meta]: #meta` under each heading, as some proposal templates anchor them).
 */
function isKept(node: RootContent): boolean {
  return (
    node.type === 'definition' ||
    (node.type === 'code' && isFigure(node)) ||
    (node.type === 'list' && (isTaskList(node) || isContents(node))) ||
    (node.type === 'paragraph' && opensWithCheckbox(node))
  );
}

const CHECKBOX_LINE = /^\[[ xX]\]\s/;

function opensWithCheckbox(node: Paragraph): boolean {
  const text = node.children.map((child) => ('value' in child ? child.value : '\u0000')).join('');
  // Each checkbox starts a line; the text after one may wrap onto the next lines.
  return CHECKBOX_LINE.test(text.trimStart());
}

/** A list whose every item is a link to a heading of the document (`- [Summary](#summary)`), nested lists alike. */
function isContents(node: List): boolean {
  return node.children.every((item) =>
    item.children.every((child) =>
      child.type === 'list'
        ? isContents(child)
        : child.type === 'paragraph' && child.children.length === 1 && child.children[0]?.type === 'link' && child.children[0].url.startsWith('#'),
    ),
  );
}

const FIGURE_LANGUAGES = new Set(['', 'text', 'txt', 'plain', 'plaintext']);
const BRACKETED = new RegExp(BRACKET);

/** A code block without a programming language and without bracketed placeholders: a diagram, not sample code. */
function isFigure(node: Code): boolean {
  return FIGURE_LANGUAGES.has((node.lang ?? '').toLowerCase()) && !BRACKETED.test(node.value);
}

function isTaskList(node: List): boolean {
  return node.children.length > 0 && node.children.every((item) => typeof item.checked === 'boolean');
}

/** Whether a placeholder lies in `span`; placeholders are in document order. */
function hasPlaceholder(span: OffsetRange, placeholders: readonly Placeholder[]): boolean {
  let low = 0;
  let high = placeholders.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((placeholders[middle] as Placeholder).range.end <= span.start) low = middle + 1;
    else high = middle;
  }
  const candidate = placeholders[low];
  return candidate !== undefined && candidate.range.start < span.end;
}
