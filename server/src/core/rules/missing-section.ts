// Reports sections the spec's template requires and the spec does not have, such as a
// missing "Rollback Plan". A section counts as present when a heading with the same key
// exists (numbering, case and placeholders aside). Only the outermost missing section is
// reported: its skeleton brings its subsections along. Each finding offers to insert the
// template's own skeleton for it — at the right level, with numbering continued — after
// the nearest section before it in template order, and to insert every missing section
// at once. Where several go in the same place, the preferred fix inserts them together,
// in template order and numbered on, so that "fix all" gets them right in one edit. The
// skeletons leave out the template's guidance (comments, italic instructions), which
// leftover-guidance would ask to remove again; hovering a placeholder still shows it.
import { endsInOpenBlock } from '../parse/piece-ends';
import { mergeInsertions, missingSections, planInsertion, type SectionInsertion } from '../templates/section-skeleton';
import type { Section } from '../parse/sections';
import { normalizeTitle } from '../templates/section-keys';
import type { TemplateSection } from '../templates/template';
import { guidanceRemovalsInTemplate } from './leftover-guidance';
import type { Fix, Rule } from '../lint/types';

export const missingSection: Rule = {
  meta: {
    id: 'missing-section',
    description: 'Sections the spec’s template requires that the spec does not have.',
    rationale:
      'A spec that leaves out a section of its template — no rollback plan, no risks — usually means ' +
      'nobody thought about it. Insert the section (the quick fix brings the template’s skeleton, at the ' +
      'right place and level) and write it; if your team does not need the section, mark it optional ' +
      'in the template’s manifest.',
    defaultSeverity: 'warning',
    fixable: true,
    completeness: true,
  },
  check({ document, template: choice, family, report }) {
    if (!choice) return;
    const { template, match } = choice;
    // A page beside a repository's documents that follows none of its template's sections (an
    // area's landing page listing its proposals) is not one of them.
    if (choice.how === 'repository' && ![...match.byDocument.values()].some((index) => template.sections[index]?.isTitle !== true)) return;
    const missing = writtenUnderAlias(missingSections(template, match), document.outline.flat, family?.family.kinds[family.kind]?.sections.aliases);
    if (missing.length === 0) return;
    const { text } = document;
    // The file's own line ends, as its first line break has them (`\r\n`, `\r` or `\n`).
    const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
    // The template's guidance is left out: inserted, it would be leftover-guidance's to remove.
    const omit = guidanceRemovalsInTemplate(template);
    const insertions = missing.map((section) => planInsertion(text, template, match, section, eol, { omit }));
    // Sections that go in the same place, planned together: each after the one before it,
    // numbered on from it. Inserted one by one they would all take the same number.
    const planned = new Map<number, SectionInsertion>();
    const together = missing.map((section) => {
      const insertion = planInsertion(text, template, match, section, eol, { omit, planned });
      planned.set(section.index, insertion);
      return insertion;
    });
    // Text added after a code fence or HTML block left open at the end would land inside
    // it, not become a section: no fix there until the block is closed.
    const swallowed = endsInOpenBlock(text, document.root.children);
    const fixable = (insertion: SectionInsertion) => !(swallowed && insertion.offset === text.length);
    const placeable = together.filter(fixable);
    const groups = new Map<number, SectionInsertion[]>();
    for (const insertion of placeable) groups.set(insertion.offset, [...(groups.get(insertion.offset) ?? []), insertion]);
    const allEdits = mergeInsertions(placeable, eol);
    missing.forEach((section, i) => {
      const insert = insertions[i] as SectionInsertion;
      const group = groups.get(insert.offset) ?? [];
      const fixes: Fix[] = [];
      if (fixable(insert)) {
        // Where several go in one place, the preferred fix inserts them all, in order:
        // "fix all" then gets them right, numbering and nesting included, in one edit.
        fixes.push({ title: `Insert section ${insert.heading}`, edits: [insert.edit], preferred: group.length <= 1 });
        if (group.length > 1 && group.length < placeable.length) {
          const first = group[0] as SectionInsertion;
          fixes.push({ title: `Insert ${first.heading} and the ${group.length - 1} missing section${group.length > 2 ? 's' : ''} after it`, edits: mergeInsertions(group, eol), preferred: true });
        }
        if (placeable.length > 1) fixes.push({ title: `Insert all ${placeable.length} missing sections`, edits: allEdits, preferred: group.length === placeable.length });
      }
      report({
        message: `Expected section ${quote(section)} from template \`${template.manifest.label}\`, found none`,
        range: insert.reportAt,
        data: { section: section.title, depth: section.depth, template: template.id, heading: insert.heading },
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    });
  },
};

/**
 * The missing sections less those the document writes under another title its family
 * accepts for them (a decision's Consequences as Benefits or Trade-offs, `sections.aliases`).
 */
function writtenUnderAlias(missing: readonly TemplateSection[], sections: readonly Section[], aliases: Readonly<Record<string, readonly string[]>> | undefined): readonly TemplateSection[] {
  if (!aliases || missing.length === 0) return missing;
  const written = new Set(sections.map((section) => normalizeTitle(section.title)));
  const byTitle = new Map(Object.entries(aliases).map(([title, names]) => [normalizeTitle(title), names.map(normalizeTitle)] as const));
  return missing.filter((section) => !(byTitle.get(normalizeTitle(section.title)) ?? []).some((name) => written.has(name)));
}

function quote(section: TemplateSection): string {
  return `\`${'#'.repeat(section.depth)} ${section.title}\``;
}
