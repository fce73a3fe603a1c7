// Reports template text that is still in the spec word for word: a section whose own
// content is exactly the template's for that section (whitespace aside), and, in sections
// that did change, a code block or table copied unchanged from the template. Template
// text is instructions and samples (`Describe how this feature fits…`, a test that
// `assert True`); left in place it reads like part of the spec and hides that the section
// was never written. Placeholders and guidance (HTML comments, italic lines, guidance
// sections) are left to unfilled-placeholder, empty-section and leftover-guidance, so they
// are not reported twice: a template section whose text has placeholders is only checked
// block by block. Figures (a code block without a language and without placeholders, such
// as a testing pyramid) and task lists are meant to be kept, so they alone never make a
// section unchanged.
import type { Code, List, RootContent } from 'mdast';
import { BRACKET } from '../parse/placeholder-patterns';
import type { Placeholder } from '../parse/placeholders';
import type { OffsetRange } from '../parse/range';
import { familyInstructionRanges } from '../families/placeholders';
import { headingLabel } from '../templates/section-tree';
import type { Template } from '../templates/template';
import { isGuidanceNode, normalizeWhitespace, spanOf } from '../templates/template-text';
import type { Rule } from '../lint/types';

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
      'rest of the section was written. Replace the text with your own, or remove it. Placeholders, HTML ' +
      'comments and italic guidance lines are reported by their own rules; figures without a language ' +
      '(a diagram you may adopt as is) and task lists such as a definition of done are not reported on their own.',
    defaultSeverity: 'warning',
    fixable: false,
    completeness: true,
  },
  check({ document, template, family, report }) {
    if (!template) return;
    const model = templateModel(template.template);
    const { text } = document;
    const flat = document.outline.flat;
    const instructions = familyInstructionRanges(document, family);
    flat.forEach((section, position) => {
      // Sections the kit keeps in every document as its instructions (a spec-kit plan's
      // Execution Flow and phases) are meant to stay as the template has them.
      if (instructions.some((range) => section.range.start >= range.start && section.range.end <= range.end)) return;
      const index = template.match.byDocument.get(position);
      // A guidance section (advice for the author) is leftover-guidance's to report.
      if (index !== undefined && template.template.sections[index]?.guidance) return;
      const expected = index === undefined ? undefined : model.sections.get(index);
      const nodes = section.ownNodes.filter((node) => !isGuidanceNode(text, node));
      if (expected && nodes.length === expected.length && nodes.every((node, i) => sourceOf(text, node) === expected[i])) {
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
      for (const node of nodes) {
        if (node.type !== 'code' && node.type !== 'table') continue;
        const from = model.blocks.get(sourceOf(text, node));
        const span = spanOf(node);
        if (from === undefined || !span) continue;
        report({
          message: `Expected your own text in \`${headingLabel(section)}\`, found the template's example ${node.type === 'code' ? 'code' : 'table'} unchanged`,
          range: span,
          data: { section: section.title, kind: node.type, templateSection: model.titles[from] },
        });
      }
    });
  },
};

interface TemplateModel {
  /** Template section index → its own content, guidance left out, one normalized source per node; only sections worth reporting. */
  readonly sections: ReadonlyMap<number, readonly string[]>;
  /** Normalized source of a code block or table worth reporting → the index of the template section holding it. */
  readonly blocks: ReadonlyMap<string, number>;
  readonly titles: readonly string[];
}

// Templates are immutable once built: their model is worked out once, not per keystroke.
const models = new WeakMap<Template, TemplateModel>();

function templateModel(template: Template): TemplateModel {
  let model = models.get(template);
  if (!model) models.set(template, (model = buildModel(template)));
  return model;
}

function buildModel(template: Template): TemplateModel {
  const { text, placeholders } = template.document;
  const sections = new Map<number, readonly string[]>();
  const blocks = new Map<string, number>();
  template.document.outline.flat.forEach((section, index) => {
    if (template.sections[index]?.guidance) return;
    const nodes = section.ownNodes.filter((node) => !isGuidanceNode(text, node));
    for (const node of nodes) {
      const span = spanOf(node);
      if (!span || hasPlaceholder(span, placeholders)) continue;
      const isBlock = (node.type === 'code' && !isFigure(node)) || node.type === 'table';
      const source = sourceOf(text, node);
      if (isBlock && /[\p{L}\p{N}]/u.test(source) && !blocks.has(source)) blocks.set(source, index);
    }
    // A section is worth reporting whole when it has text to replace and no placeholders
    // (those are unfilled-placeholder's, and filling them changes the text anyway).
    const holes = (node: RootContent) => {
      const span = spanOf(node);
      return !span || hasPlaceholder(span, placeholders);
    };
    if (nodes.length === 0 || nodes.every(isKept) || nodes.some(holes)) return;
    sections.set(index, nodes.map((node) => sourceOf(text, node)));
  });
  return { sections, blocks, titles: template.sections.map((section) => section.title) };
}

function sourceOf(text: string, node: RootContent): string {
  const span = spanOf(node);
  return span ? normalizeWhitespace(text.slice(span.start, span.end)) : '';
}

/** Content an author may keep as the template has it: a figure, or a task list to tick. */
function isKept(node: RootContent): boolean {
  return (node.type === 'code' && isFigure(node)) || (node.type === 'list' && isTaskList(node));
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
