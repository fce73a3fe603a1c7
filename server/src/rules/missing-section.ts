// Reports sections the spec's template requires and the spec does not have, such as a
// missing "Rollback Plan". A section counts as present when a heading with the same key
// exists (numbering, case and placeholders aside). Only the outermost missing section is
// reported: its skeleton brings its subsections along. Each finding offers to insert the
// template's own skeleton for it — at the right level, with numbering continued — after
// the nearest section before it in template order, and to insert every missing section
// at once.
import { mergeInsertions, missingSections, planInsertion, type SectionInsertion } from '../templates/section-skeleton';
import type { TemplateSection } from '../templates/template';
import type { Fix, Rule } from './types';

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
  check({ document, template: choice, report }) {
    if (!choice) return;
    const { template, match } = choice;
    const missing = missingSections(template, match);
    if (missing.length === 0) return;
    const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
    const insertions = missing.map((section) => planInsertion(document.text, template, match, section, eol));
    const all: Fix = {
      title: missing.length === 1 ? `Insert section ${quote(missing[0] as TemplateSection)}` : `Insert all ${missing.length} missing sections`,
      edits: mergeInsertions(insertions, eol),
    };
    missing.forEach((section, i) => {
      const insert = insertions[i] as SectionInsertion;
      const fixes: Fix[] = [{ title: `Insert section ${insert.heading}`, edits: [insert.edit], preferred: true }];
      if (missing.length > 1) fixes.push(all);
      report({
        message: `Expected section ${quote(section)} from template \`${template.manifest.label}\`, found none`,
        range: insert.reportAt,
        data: { section: section.title, depth: section.depth, template: template.id, heading: insert.heading },
        fixes,
      });
    });
  },
};

function quote(section: TemplateSection): string {
  return `\`${'#'.repeat(section.depth)} ${section.title}\``;
}
