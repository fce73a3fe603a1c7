import type { Section } from '../parse/sections';
import { titleRangeOf } from '../parse/sections';
import { perPiece, type SpecDocument } from '../parse/spec-document';
import { keyOfSection, keysMatch, type SectionKey } from './section-keys';
import type { Template, TemplateSection } from './template';

const keyCache = new WeakMap<SpecDocument, readonly SectionKey[]>();

/** The key of every section of a document, computed once per parsed document. */
export function keysOf(document: SpecDocument): readonly SectionKey[] {
  let keys = keyCache.get(document);
  if (!keys) {
    // Keys hold no offsets: a piece's keys are kept as they are wherever the piece moves.
    const { placeholders } = document;
    keys = perPiece(
      document,
      'section-keys',
      (piece) =>
        piece.nodes.flatMap((node) => {
          const titleRange = node.type === 'heading' ? titleRangeOf(node) : undefined;
          return titleRange ? [keyOfSection(piece.text, { titleRange }, placeholders)] : [];
        }),
      'no offsets',
      { withPlaceholders: true },
    );
    keyCache.set(document, keys);
  }
  return keys;
}

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
  const documentKeys = keysOf(document);
  const byTemplate = new Map<number, Section>();
  const byDocument = new Map<number, number>();
  const take = (templateSection: TemplateSection, index: number) => {
    byDocument.set(index, templateSection.index);
    if (!byTemplate.has(templateSection.index)) byTemplate.set(templateSection.index, flat[index] as Section);
  };
  // Named sections first, so an example's open key cannot take a heading that a named section needs.
  const byKey = new Map<string, number[]>();
  documentKeys.forEach((key, index) => {
    if (key.key === '') return;
    const list = byKey.get(key.key);
    if (list) list.push(index);
    else byKey.set(key.key, [index]);
  });
  for (const section of template.sections) {
    if (section.open || section.key === '') continue;
    const candidates = (byKey.get(section.key) ?? []).filter((index) => !byDocument.has(index));
    const chosen = candidates.find((index) => (flat[index] as Section).depth === section.depth) ?? candidates[0];
    if (chosen !== undefined) take(section, chosen);
  }
  // Open keys match by prefix: one pass over the headings each; examples take every match.
  for (const section of template.sections) {
    if (!section.open || section.key === '') continue;
    let first = -1;
    for (let i = 0; i < flat.length; i++) {
      if (byDocument.has(i) || !keysMatch(section, documentKeys[i] as SectionKey)) continue;
      if (section.example) take(section, i);
      else if ((flat[i] as Section).depth === section.depth) {
        first = i;
        break;
      } else if (first < 0) first = i;
    }
    if (!section.example && first >= 0) take(section, first);
  }
  return { byTemplate, byDocument, documentKeys };
}
