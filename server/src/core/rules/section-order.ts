// Reports sections that the document has but in a different order than its template. A
// reader who knows the template looks for `## Risks` after `## Rollout`; a spec that
// reshuffles its sections is harder to review and to compare with its siblings.
// Sections are compared with their template siblings (the sections that share a parent
// in the template), so a moved section is reported once, not with every subsection that
// moved along with it. Of each group, the longest run already in template order stays,
// preferring sections that sit under their template parent; every other section of the
// group is reported at its heading, with the section it should follow or precede.
import type { Section } from '../parse/sections';
import type { TemplateChoice } from '../templates/detect';
import { headingLabel, sectionParents } from '../templates/section-tree';
import type { TemplateSection } from '../templates/template';
import type { Rule } from '../lint/types';

export const sectionOrder: Rule = {
  meta: {
    id: 'section-order',
    description: 'Sections in a different order than in the spec\'s template.',
    rationale:
      'Specs written from one template are read side by side: reviewers expect each section where the ' +
      'template puts it. A section that appears before a section the template places ahead of it is ' +
      'reported at its heading, with the section it should follow (or precede). Move the section, with ' +
      'its subsections, to that place. Sections the template does not have, and repeated blocks such as ' +
      '`Decision 1` or `Phase 2`, are not checked. Only documents that follow a template are checked.',
    defaultSeverity: 'hint',
    fixable: false,
  },
  check({ document, template, report }) {
    if (!template) return;
    const flat = document.outline.flat;
    const sections = template.template.sections;
    const parents = sectionParents(flat);
    const groups = new Map<number, Member[]>();
    for (let position = 0; position < flat.length; position++) {
      const index = template.match.byDocument.get(position);
      const templateSection = index === undefined ? undefined : sections[index];
      if (!templateSection || templateSection.example || templateSection.isTitle) continue;
      const group = templateSection.parent ?? -1;
      const member: Member = { position, templateSection, home: isHome(template, templateSection, position, flat, parents) };
      const list = groups.get(group);
      if (list) list.push(member);
      else groups.set(group, [member]);
    }
    const label = template.template.manifest.label;
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const kept = longestInOrder(members);
      if (kept.length === members.length) continue;
      const keptSet = new Set(kept);
      for (const member of members) {
        if (keptSet.has(member)) continue;
        const section = flat[member.position] as Section;
        const where = placeOf(member, kept);
        if (!where) continue;
        const other = flat[where.member.position] as Section;
        report({
          message: `Expected \`${headingLabel(section)}\` ${where.relation} \`${headingLabel(other)}\`, as in the template \`${label}\``,
          range: section.headingRange,
          data: {
            section: section.title,
            templateSection: member.templateSection.title,
            [where.relation === 'after' ? 'follows' : 'precedes']: where.member.templateSection.title,
          },
        });
      }
    }
  },
};

interface Member {
  /** Position of the document section in `outline.flat`. */
  readonly position: number;
  readonly templateSection: TemplateSection;
  /** The section sits under the document section that stands for its template parent. */
  readonly home: boolean;
}

function isHome(template: TemplateChoice, templateSection: TemplateSection, position: number, flat: readonly Section[], parents: readonly number[]): boolean {
  const parent = templateSection.parent === undefined ? undefined : template.match.byTemplate.get(templateSection.parent);
  if (!parent) return true;
  // Headings nest at most six deep, so this walk is short.
  for (let ancestor = parents[position] ?? -1; ancestor >= 0; ancestor = parents[ancestor] ?? -1) {
    if (flat[ancestor] === parent) return true;
  }
  return false;
}

/**
 * The members (in document order) that form the longest run in template order; among
 * runs of equal length, the one with the most sections under their template parent.
 * A group holds at most one member per template section, so it is small: quadratic is fine.
 */
function longestInOrder(members: readonly Member[]): Member[] {
  const length: number[] = [];
  const homes: number[] = [];
  const previous: number[] = [];
  let best = -1;
  members.forEach((member, i) => {
    length[i] = 1;
    homes[i] = member.home ? 1 : 0;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if ((members[j] as Member).templateSection.index >= member.templateSection.index) continue;
      const candidateLength = (length[j] as number) + 1;
      const candidateHomes = (homes[j] as number) + (member.home ? 1 : 0);
      if (candidateLength > (length[i] as number) || (candidateLength === length[i] && candidateHomes > (homes[i] as number))) {
        length[i] = candidateLength;
        homes[i] = candidateHomes;
        previous[i] = j;
      }
    }
    if (best < 0 || (length[i] as number) > (length[best] as number) || (length[i] === length[best] && (homes[i] as number) > (homes[best] as number))) best = i;
  });
  const kept: Member[] = [];
  for (let i = best; i >= 0; i = previous[i] as number) kept.push(members[i] as Member);
  return kept.reverse();
}

/**
 * Where a member out of order belongs, relative to the members in order: after the
 * nearest one the template puts before it, when it appears ahead of that one; else
 * before the nearest one the template puts after it.
 */
function placeOf(member: Member, kept: readonly Member[]): { relation: 'after' | 'before'; member: Member } | undefined {
  let before: Member | undefined;
  let after: Member | undefined;
  for (const other of kept) {
    if (other.templateSection.index < member.templateSection.index) before = other;
    else if (!after) after = other;
  }
  if (before && member.position < before.position) return { relation: 'after', member: before };
  if (after && member.position > after.position) return { relation: 'before', member: after };
  if (before) return { relation: 'after', member: before };
  return after ? { relation: 'before', member: after } : undefined;
}
