import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SpecSectionState, SpecSummary, SpecSummarySection } from '../../../../common/src/protocol';
import type { Placeholder } from '../../core/parse/placeholders';
import { contentVerdicts, type ContentVerdict } from '../../core/parse/section-content';
import type { Section } from '../../core/parse/sections';
import { parseSpec, type SpecDocument } from '../../core/parse/spec-document';
import type { TemplateChoice } from '../../core/templates/detect';
import { absentSections } from '../../core/templates/absent-sections';
import { planInsertion } from '../../core/templates/section-skeleton';
import { statusOf } from '../../core/templates/status';
import type { Template } from '../../core/templates/template';
import { isGuidanceNode, normalizeWhitespace, spanOf } from '../../core/templates/template-text';
import { addableSection } from './completion';
import { toRange } from '../../workspace/positions';

/**
 * The answer to `specwright/specSummary`: every section of the spec with its state, the
 * template sections it lacks where they would be inserted (with the text to insert), its
 * placeholders and front-matter keys, and the progress the title's code lens shows.
 */
export function specSummary(
  document: TextDocument,
  spec: SpecDocument,
  choice: TemplateChoice | undefined,
  /** The placeholders as the document's family reads them (`familyPlaceholders`), so the outline agrees with the diagnostics. */
  placeholders: readonly Placeholder[] = spec.placeholders,
): SpecSummary {
  const { text } = spec;
  const flat = spec.outline.flat;
  const verdictOf = contentVerdicts(spec);
  const own = flat.map((section, i) => {
    const state = stateOf(section, verdictOf(section), placeholders);
    const templateIndex = choice?.match.byDocument.get(i);
    return state === 'complete' && choice && templateIndex !== undefined && unchangedFromTemplate(text, section, choice.template, templateIndex) ? 'unchanged' : state;
  });
  const states = withSubsections(flat, own);
  const listed: { at: number; order: number; section: SpecSummarySection }[] = flat.map((section, i) => {
    const templateIndex = choice?.match.byDocument.get(i);
    return {
      at: section.headingRange.start,
      order: 0,
      section: {
        title: section.title,
        depth: section.depth,
        state: states[i] as SpecSectionState,
        required: templateIndex !== undefined && choice?.template.sections[templateIndex]?.required === true,
        range: toRange(document, section.range),
        headingRange: toRange(document, section.headingRange),
      },
    };
  });
  let complete: number;
  let total: number;
  let status: ReturnType<typeof statusOf>;
  if (choice) {
    const { template, match } = choice;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    absentSections(template, match, spec, addableSection).forEach((section, i) => {
      const plan = planInsertion(text, template, match, section, eol);
      listed.push({
        // Before a section that starts where the insertion goes; in template order among themselves.
        at: plan.offset - 0.5,
        order: i,
        section: {
          title: (plan.body.split(/\r?\n/, 1)[0] as string).replace(/^#{1,6}[ \t]+/, ''),
          depth: plan.depth,
          state: 'missing',
          required: section.required,
          insertText: plan.edit.newText,
          insertPosition: document.positionAt(plan.offset),
          ...firstPlaceholderOf(plan.edit.newText),
        },
      });
    });
    const required = template.sections.filter((section) => section.required);
    const position = new Map(flat.map((section, i) => [section, i]));
    const stateOfTemplate = (index: number) => {
      const found = match.byTemplate.get(index);
      return found ? states[position.get(found) ?? -1] : 'missing';
    };
    complete = required.filter((section) => stateOfTemplate(section.index) === 'complete').length;
    total = required.length;
    status = statusOf(spec, template);
  } else {
    const titleAlone = flat[0] !== undefined && flat.filter((section) => section.depth <= (flat[0] as Section).depth).length === 1;
    const counted = states.slice(titleAlone ? 1 : 0);
    complete = counted.filter((state) => state === 'complete').length;
    total = counted.length;
  }
  listed.sort((a, b) => a.at - b.at || a.order - b.order);
  const count = placeholders.length;
  const progressText = [`${complete}/${total} sections complete`, `${count} placeholder${count === 1 ? '' : 's'}`, ...(status ? [status.value] : [])].join(' · ');
  return {
    title: flat[0]?.title ?? '',
    ...(choice ? { template: { id: choice.template.id, label: choice.template.manifest.label } } : {}),
    ...(status ? { status: status.value, ...(status.stage ? { stage: status.stage } : {}) } : {}),
    sections: listed.map((entry) => entry.section),
    placeholders: placeholders.map((placeholder) => ({ range: toRange(document, placeholder.range), text: placeholder.text })),
    frontMatter: (spec.frontMatter?.entries ?? []).map((entry) => ({ key: entry.key, range: toRange(document, entry.keyRange) })),
    progress: { complete, total, placeholders: count, text: progressText },
  };
}

/**
 * How far a section is written. A section with words of its own is `complete` unless a
 * placeholder is left in its heading or own content; one with nothing of its own but
 * subsections is `complete` too (its subsections have their own state).
 */
function stateOf(section: Section, verdict: ContentVerdict, placeholders: readonly Placeholder[]): SpecSectionState {
  if (verdict === 'placeholders') return 'placeholders';
  if (verdict === 'none' && section.children.length === 0) return 'empty';
  if (verdict === 'none') return hasPlaceholder(placeholders, section.headingRange.start, section.headingRange.end) ? 'placeholders' : 'complete';
  return hasPlaceholder(placeholders, section.headingRange.start, section.ownRange.end) ? 'placeholders' : 'complete';
}

/** Where the first placeholder of a skeleton is, to select it once inserted. */
function firstPlaceholderOf(insertText: string): { firstPlaceholder?: { start: number; end: number } } {
  const first = parseSpec(insertText).placeholders[0];
  return first ? { firstPlaceholder: { start: first.range.start, end: first.range.end } } : {};
}

/**
 * A section is complete only when its subsections are: a complete one with a subsection
 * that is not (missing ones aside, which the outline lists on their own) is `incomplete`.
 * Sections come in document order, so subsections are settled from the end.
 */
function withSubsections(flat: readonly Section[], own: readonly SpecSectionState[]): SpecSectionState[] {
  const states = [...own];
  const position = new Map(flat.map((section, i) => [section, i]));
  for (let i = flat.length - 1; i >= 0; i--) {
    if (states[i] !== 'complete') continue;
    const section = flat[i] as Section;
    if (section.children.some((child) => states[position.get(child) ?? -1] !== 'complete')) states[i] = 'incomplete';
  }
  return states;
}

// A template's sections' own text, guidance left out, whitespace normalized: worked out once per template.
const templateTexts = new WeakMap<Template, readonly string[]>();

function ownText(text: string, section: Section): string {
  return section.ownNodes
    .filter((node) => !isGuidanceNode(text, node))
    .map((node) => {
      const span = spanOf(node);
      return span ? normalizeWhitespace(text.slice(span.start, span.end)) : '';
    })
    .join('\n');
}

/** Whether a section's own text (guidance aside) is its template section's, word for word. */
function unchangedFromTemplate(text: string, section: Section, template: Template, index: number): boolean {
  let texts = templateTexts.get(template);
  if (!texts) templateTexts.set(template, (texts = template.document.outline.flat.map((own) => ownText(template.text, own))));
  const expected = texts[index];
  return expected !== undefined && expected !== '' && ownText(text, section) === expected;
}

// Placeholders are sorted by start: a binary search for the first at or after `start`.
function hasPlaceholder(placeholders: readonly Placeholder[], start: number, end: number): boolean {
  let low = 0;
  let high = placeholders.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((placeholders[middle] as Placeholder).range.start < start) low = middle + 1;
    else high = middle;
  }
  const first = placeholders[low];
  return first !== undefined && first.range.start < end;
}

/** The code lens on the title: "14/22 sections complete · 5 placeholders · Draft". Not clickable. */
export function titleCodeLens(document: TextDocument, spec: SpecDocument, summary: SpecSummary): CodeLens[] {
  const title = spec.outline.flat[0];
  const range = title ? toRange(document, title.headingRange) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [{ range, command: { title: summary.progress.text, command: '' } }];
}
