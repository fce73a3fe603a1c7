import type { SpecDocument } from '../parse/spec-document';
import { keysOf, matchSections, type SectionMatch } from './match';
import type { Section } from '../parse/sections';
import type { SectionKey } from './section-keys';
import type { Template } from './template';

/** Which template a document follows, and how that was decided. */
export interface TemplateChoice {
  readonly template: Template;
  /**
   * `front-matter`: the document names it (`specwright: <id>`); `headings`: its headings
   * resemble it; `repository`: it is the template its repository keeps for the document's
   * family (`createRepositoryTemplate`).
   */
  readonly how: 'front-matter' | 'headings' | 'repository';
  /** Heading similarity, 0–1 (see {@link similarity}). */
  readonly score: number;
  readonly match: SectionMatch;
}

/** The similarity below which a document is not taken to follow any template. */
export const DETECTION_THRESHOLD = 0.45;

/** The template id a document names in its front matter, if any. */
export function recordedTemplateId(document: SpecDocument): string | undefined {
  const entry = document.frontMatter?.entries.find((candidate) => candidate.key === 'specwright');
  return typeof entry?.value === 'string' && entry.value.trim() !== '' ? entry.value.trim() : undefined;
}

/**
 * Finds a document's template: the one its front matter names, else the spec
 * template whose headings it resembles most, if that resemblance reaches
 * {@link DETECTION_THRESHOLD}. Ties go to the later template in `templates` (the
 * source with higher precedence). Prompt templates are never chosen.
 */
export function detectTemplate(document: SpecDocument, templates: readonly Template[]): TemplateChoice | undefined {
  const specs = templates.filter((template) => template.manifest.kind === 'spec');
  const recorded = recordedTemplateId(document);
  const named = recorded === undefined ? undefined : specs.find((template) => template.id === recorded);
  if (named) {
    const match = matchSections(named, document);
    return { template: named, how: 'front-matter', score: similarity(named, match), match };
  }
  let best: TemplateChoice | undefined;
  for (const template of specs) {
    const match = matchSections(template, document);
    const score = similarity(template, match);
    if (score >= DETECTION_THRESHOLD && (!best || score >= best.score)) best = { template, how: 'headings', score, match };
  }
  return best;
}

/**
 * {@link detectTemplate} for a new version of a document whose choice for an earlier
 * version is known: when the headings (their keys and levels) and the template named in
 * the front matter are the same, so is the choice, and only its sections are taken from
 * the new version. Typing inside a section changes neither.
 */
export function redetectTemplate(
  document: SpecDocument,
  templates: readonly Template[],
  previous: { readonly document: SpecDocument; readonly choice: TemplateChoice | undefined } | undefined,
): TemplateChoice | undefined {
  if (!previous || !sameHeadings(previous.document, document) || recordedTemplateId(previous.document) !== recordedTemplateId(document)) {
    return detectTemplate(document, templates);
  }
  const choice = previous.choice;
  if (!choice) return undefined;
  const before = new Map(previous.document.outline.flat.map((section, index) => [section, index]));
  const flat = document.outline.flat;
  const byTemplate = new Map<number, Section>();
  for (const [templateIndex, section] of choice.match.byTemplate) byTemplate.set(templateIndex, flat[before.get(section) as number] as Section);
  return { ...choice, match: { byTemplate, byDocument: choice.match.byDocument, documentKeys: keysOf(document) } };
}

function sameHeadings(a: SpecDocument, b: SpecDocument): boolean {
  const flatA = a.outline.flat;
  const flatB = b.outline.flat;
  if (flatA.length !== flatB.length) return false;
  const keysA = keysOf(a);
  const keysB = keysOf(b);
  for (let i = 0; i < flatA.length; i++) {
    const keyA = keysA[i] as SectionKey;
    const keyB = keysB[i] as SectionKey;
    if (keyA.key !== keyB.key || keyA.open !== keyB.open || (flatA[i] as Section).depth !== (flatB[i] as Section).depth) return false;
  }
  return true;
}

/** Fewer matched headings than this never identify a template. */
const MIN_MATCHED = 3;

/**
 * F0.5 of the pairing: of the document's keyed headings, how many belong to the
 * template (precision, weighted more: a spec started before Specwright may have
 * only some of the sections); of the template's keyed sections, how many the
 * document has (recall).
 */
export function similarity(template: Template, match: SectionMatch): number {
  const templateCount = template.sections.filter((section) => section.key !== '' && !section.example).length;
  const documentCount = match.documentKeys.filter((key) => key.key !== '').length;
  if (templateCount === 0 || documentCount === 0) return 0;
  const keyed = [...match.byTemplate.keys()].filter((index) => !template.sections[index]?.example).length;
  if (match.byDocument.size < MIN_MATCHED) return 0;
  const recall = keyed / templateCount;
  const precision = Math.min(1, match.byDocument.size / documentCount);
  return recall + precision === 0 ? 0 : (1.25 * recall * precision) / (0.25 * precision + recall);
}
