import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import { keyOfSection, keysMatch, type SectionKey } from './section-keys';
import type { Template, TemplateSection } from './template';

/** How a document's headings line up with its template's sections. */
export interface SectionMatch {
  /** Template section index → the document section that stands for it. */
  readonly byTemplate: ReadonlyMap<number, Section>;
  /** Document section (by position in `outline.flat`) → template section index. */
  readonly byDocument: ReadonlyMap<number, number>;
  /** The key of every document section, by position in `outline.flat`. */
  readonly documentKeys: readonly SectionKey[];
}

/**
 * Pairs template sections with document headings by key, in template order: each
 * template section takes the first unpaired heading with a matching key, preferring
 * one at the same depth. Examples (repeated blocks) may pair with several headings.
 */
export function matchSections(template: Template, document: SpecDocument): SectionMatch {
  const flat = document.outline.flat;
  const documentKeys = flat.map((section) => keyOfSection(document.text, section, document.placeholders));
  const byTemplate = new Map<number, Section>();
  const byDocument = new Map<number, number>();
  const pair = (templateSection: TemplateSection, repeat: boolean) => {
    let chosen = -1;
    for (let i = 0; i < flat.length; i++) {
      if (byDocument.has(i) || !keysMatch(templateSection, documentKeys[i] as SectionKey)) continue;
      if (chosen < 0) chosen = i;
      if ((flat[i] as Section).depth === templateSection.depth) {
        chosen = i;
        break;
      }
    }
    if (chosen < 0) return false;
    byDocument.set(chosen, templateSection.index);
    if (!byTemplate.has(templateSection.index)) byTemplate.set(templateSection.index, flat[chosen] as Section);
    return repeat;
  };
  // Named sections first, so an example's open key cannot take a heading that a named section needs.
  for (const section of template.sections) if (!section.open) pair(section, false);
  for (const section of template.sections) if (section.open) while (pair(section, section.example));
  return { byTemplate, byDocument, documentKeys };
}
