// Reports a section that repeats another: two headings that stand for the same section of
// the spec's template (`## Risks` and `## 8. Risks`), or, in any spec, two headings with
// the same title under the same parent. A spec merged from two drafts, or a section
// pasted twice, splits one topic in two places: readers find half of it, and the halves
// drift apart. The second heading is reported and the first one is named, so the author
// can merge them. Repeated blocks (`Decision 1`, `Phase 2`, a heading with a placeholder)
// are never duplicates, nor is a run of headings repeated in the same order.
import type { Placeholder } from '../parse/placeholders';
import type { Section } from '../parse/sections';
import type { TemplateChoice } from '../templates/detect';
import { normalizeTitle, rememberTitles } from '../templates/section-keys';
import { headingLabel, sectionParents } from '../templates/section-tree';
import type { Rule } from '../lint/types';

export const duplicateSection: Rule = {
  meta: {
    id: 'duplicate-section',
    description: 'Two headings for the same section.',
    rationale:
      'One topic in two places is read half, and the halves drift apart. A heading is reported when an ' +
      'earlier heading under the same parent has the same title (numbering, emphasis, emoji and ' +
      'punctuation aside), or, in a spec that follows a template, when an earlier heading already stands ' +
      'for the same section of the template. The message names the line of the first heading: merge the ' +
      'two sections, or rename one if they are about different things. Repeated blocks such as ' +
      '`Decision 1` and `Decision 2`, headings that still hold a placeholder, and a run of headings ' +
      'repeated in the same order (a checklist gone through twice) are never duplicates.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, template, report }) {
    const flat = document.outline.flat;
    if (flat.length < 2) return;
    const parents = sectionParents(flat);
    const reported = new Set<number>();
    const describe = (first: number) => {
      const section = flat[first] as Section;
      return { firstLine: section.line, first: section.headingRange };
    };

    if (template) {
      for (const { duplicate, first, templateTitle } of templateDuplicates(template, flat, parents)) {
        const section = flat[duplicate] as Section;
        const { firstLine, first: firstRange } = describe(first);
        reported.add(duplicate);
        report({
          message: `Expected one section for \`${templateTitle}\` of the template \`${template.template.manifest.label}\`, found \`${headingLabel(section)}\` as well (first on line ${firstLine})`,
          range: section.headingRange,
          data: { section: section.title, templateSection: templateTitle, firstLine, first: firstRange },
        });
      }
    }

    const withPlaceholder = titlesWithPlaceholders(flat, document.placeholders);
    // Per parent (-1: top level), the first heading with each title, and the children in order.
    const seen = new Map<number, Map<string, number>>();
    const siblings = new Map<number, number[]>();
    const firstOf = new Map<number, number>();
    flat.forEach((section, position) => {
      const parent = parents[position] ?? -1;
      let list = siblings.get(parent);
      if (!list) siblings.set(parent, (list = []));
      list.push(position);
      if (reported.has(position) || withPlaceholder.has(position) || isTemplateExample(template, position)) return;
      const title = siblingTitle(section.title);
      if (title === '') return;
      let titles = seen.get(parent);
      if (!titles) seen.set(parent, (titles = new Map()));
      const first = titles.get(title);
      if (first === undefined) titles.set(title, position);
      else firstOf.set(position, first);
    });
    // A run of headings repeated in order (a checklist gone through twice, before and after
    // a design) is a structure the author chose, not a section written twice.
    const neighbour = (position: number, step: number) => {
      const list = siblings.get(parents[position] ?? -1) ?? [];
      return list[list.indexOf(position) + step];
    };
    const inRepeatedRun = (position: number, first: number) =>
      [-1, 1].some((step) => {
        const next = neighbour(position, step);
        return next !== undefined && firstOf.get(next) !== undefined && firstOf.get(next) === neighbour(first, step);
      }) || afterBlockInstances(position, first);
    // A heading that follows each instance of a numbered block (`### Impact 1: …`, then
    // `### Key Question`; `### Impact 2: …`, then `### Key Question` again) belongs to it.
    const afterBlockInstances = (position: number, first: number) => {
      // A numbered heading written twice (`### Requirement 2: …` again) is a duplicate all the same.
      if (blockKey((flat[position] as Section).title) !== undefined) return false;
      const before = neighbour(position, -1);
      const firstBefore = neighbour(first, -1);
      if (before === undefined || firstBefore === undefined) return false;
      const key = blockKey((flat[before] as Section).title);
      return key !== undefined && key === blockKey((flat[firstBefore] as Section).title);
    };
    for (const [position, first] of firstOf) {
      if (inRepeatedRun(position, first)) continue;
      const section = flat[position] as Section;
      const parent = parents[position] ?? -1;
      const { firstLine, first: firstRange } = describe(first);
      const where = parent >= 0 ? ` under \`${headingLabel(flat[parent] as Section)}\`` : '';
      report({
        message: `Expected sibling headings to differ, found \`${headingLabel(section)}\` again${where} (first on line ${firstLine})`,
        range: section.headingRange,
        data: { section: section.title, firstLine, first: firstRange },
      });
    }
  },
};

/**
 * The block a numbered heading is an instance of (`Impact 1: Multi-homing` → `impact #`),
 * its own name after a colon left out; undefined for a heading without a number.
 */
function blockKey(title: string): string | undefined {
  const key = normalizeTitle(title.replace(/[:：].*$/u, '')).replace(/\d+/g, '#');
  return key.includes('#') && /\p{L}/u.test(key) ? key : undefined;
}

/**
 * The title two siblings are compared by: the heading key (no numbering, markup, emoji
 * or punctuation, lower case), but a trailing parenthesis still counts, so that
 * `Exporter (\`csv.py\`)` and `Exporter (\`xlsx.py\`)` are two components, not one.
 */
const siblingTitle = rememberTitles(siblingTitleUncached);

function siblingTitleUncached(title: string): string {
  const key = normalizeTitle(title);
  const parenthesis = /\(([^()]*)\)\s*$/.exec(title);
  const inside = parenthesis ? normalizeTitle(parenthesis[1] ?? '') : '';
  return key === '' || inside === '' ? key : `${key} (${inside})`;
}

/**
 * Positions (in `outline.flat`) of headings with a placeholder in their title, such as
 * `Decision 2: [Decision Title]`: instances of a repeated block still to be named.
 * Titles and placeholders are both in document order, so one pass over each.
 */
function titlesWithPlaceholders(flat: readonly Section[], placeholders: readonly Placeholder[]): Set<number> {
  const found = new Set<number>();
  let next = 0;
  flat.forEach((section, position) => {
    const { start, end } = section.titleRange;
    while (next < placeholders.length && (placeholders[next] as Placeholder).range.end <= start) next++;
    const placeholder = placeholders[next];
    if (placeholder && placeholder.range.start < end) found.add(position);
  });
  return found;
}

/** A heading that stands for one of the template's repeated blocks (`Phase 1: Foundation (Week X)`). */
function isTemplateExample(template: TemplateChoice | undefined, position: number): boolean {
  const index = template?.match.byDocument.get(position);
  return index !== undefined && template?.template.sections[index]?.example === true;
}

interface TemplateDuplicate {
  readonly duplicate: number;
  readonly first: number;
  readonly templateTitle: string;
}

/**
 * Headings that stand for a (non-example) template section another heading already
 * stands for. A heading stands for a template section when its key equals the section's
 * and its nearest ancestor that stands for a template section stands for the section's
 * nearest ancestor that the document has: so `#### Dependencies` inside a phase is
 * not the template's top-level `## Dependencies`.
 */
function templateDuplicates(template: TemplateChoice, flat: readonly Section[], parents: readonly number[]): TemplateDuplicate[] {
  const sections = template.template.sections;
  const { byDocument, byTemplate, documentKeys } = template.match;
  const byKey = new Map<string, number[]>();
  for (const section of sections) {
    if (section.example || section.key === '') continue;
    const list = byKey.get(section.key);
    if (list) list.push(section.index);
    else byKey.set(section.key, [section.index]);
  }
  // The nearest template ancestor the document has, for each template section.
  const presentAncestor = (index: number): number => {
    for (let parent = sections[index]?.parent; parent !== undefined; parent = sections[parent]?.parent) {
      if (byTemplate.has(parent)) return parent;
    }
    return -1;
  };
  const parentPresent = (index: number): boolean => {
    const parent = sections[index]?.parent;
    return parent === undefined || sections[parent]?.isTitle === true || byTemplate.has(parent);
  };
  // For each document section, the template index of its nearest paired ancestor (-1: none).
  const pairedAncestor: number[] = [];
  flat.forEach((_, position) => {
    const parent = parents[position] ?? -1;
    pairedAncestor.push(parent < 0 ? -1 : (byDocument.get(parent) ?? pairedAncestor[parent] ?? -1));
  });
  const groups = new Map<string, { members: number[]; allowed: number; templateTitle: string }>();
  flat.forEach((_, position) => {
    const key = documentKeys[position];
    if (!key || key.open || key.key === '') return;
    const paired = byDocument.get(position);
    if (paired !== undefined && sections[paired]?.example) return;
    const candidates = byKey.get(key.key);
    if (!candidates) return;
    const ancestor = pairedAncestor[position] ?? -1;
    // Under a template heading the document does not have (each `### Option N:` renamed
    // `### Option 3 (Discarded):`), the sections are instances of a block the template
    // shows a few of: how many the template has says nothing of how many the document may.
    const standsFor = candidates.filter((index) => presentAncestor(index) === ancestor && parentPresent(index));
    if (standsFor.length === 0) return;
    const groupKey = `${key.key}\u0000${ancestor}`;
    const group = groups.get(groupKey);
    if (group) group.members.push(position);
    else groups.set(groupKey, { members: [position], allowed: standsFor.length, templateTitle: sections[standsFor[0] as number]?.title ?? '' });
  });
  const duplicates: TemplateDuplicate[] = [];
  for (const { members, allowed, templateTitle } of groups.values()) {
    for (let i = allowed; i < members.length; i++) duplicates.push({ duplicate: members[i] as number, first: members[0] as number, templateTitle });
  }
  return duplicates;
}
