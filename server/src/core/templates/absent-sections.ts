// Which template sections a spec lacks, for the Spec Outline and section completion.
// A repeatable section (an example, such as `4.2.1 [Component Name]`, `FR-001: […]` or
// `Phase 2: [Phase Name]`) is a pattern, not a fixed list: it is absent only when its
// enclosing section holds no instance of it at all.
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import type { SectionMatch } from './match';
import { missingSections } from './section-skeleton';
import type { Template, TemplateSection } from './template';

/**
 * The template sections to list as missing: those {@link missingSections} finds (with
 * `include`), less the repeatable ones that already have an instance in the document.
 */
export function absentSections(template: Template, match: SectionMatch, spec: SpecDocument, include: (section: TemplateSection) => boolean): TemplateSection[] {
  return missingSections(template, match, (section) => include(section) && !(section.example && hasInstance(template, match, spec, section)));
}

/**
 * What the instances of a repeatable section share: its key up to its first number
 * (`fr 001` → `fr`, `phase 1 foundation` → `phase`), or the whole key if it has none.
 */
export function stemOf(key: string): string {
  const words = key.split(' ');
  const first = words.findIndex((word) => /^\d+$/.test(word));
  return first < 0 ? key : words.slice(0, first).join(' ');
}

/**
 * Whether the document has an instance of a repeatable template section: a heading paired
 * with it or with an example beside it of the same stem, or, under its enclosing section,
 * a heading whose key starts with the stem, or (a stem of nothing, such as `[Component Name]`)
 * a heading that stands for no named template section.
 */
export function hasInstance(template: Template, match: SectionMatch, spec: SpecDocument, section: TemplateSection): boolean {
  const stem = stemOf(section.key);
  const group = template.sections.filter((other) => other.example && other.parent === section.parent && stemOf(other.key) === stem);
  if (group.some((other) => match.byTemplate.has(other.index))) return true;
  const flat = spec.outline.flat;
  let siblings: readonly Section[];
  if (section.parent === undefined) siblings = flat.filter((candidate) => candidate.depth <= section.depth);
  else {
    const parent = match.byTemplate.get(section.parent);
    if (!parent) return false;
    siblings = parent.children;
  }
  if (siblings.length === 0) return false;
  const position = new Map(flat.map((candidate, i) => [candidate, i]));
  return siblings.some((candidate) => {
    const i = position.get(candidate);
    if (i === undefined) return false;
    const key = match.documentKeys[i]?.key ?? '';
    if (stem !== '') return key === stem || key.startsWith(`${stem} `);
    const paired = match.byDocument.get(i);
    return paired === undefined || template.sections[paired]?.example === true;
  });
}
