// Reports sections that have a heading but nothing written under it: no content of its own
// and no subsections. Whitespace, HTML comments, thematic breaks, link reference definitions
// and a lone italic guidance line do not count as content; nor do placeholders, so a section
// that holds only `[Describe the problem]` is reported as well, at its heading. A section
// whose only text is an ellipsis (`...`) is left to unfilled-placeholder, which reports it there.
import { contentVerdicts } from '../parse/section-content';
import { blocksIn, sameTitle } from '../families/blocks';
import { onlyAnEllipsis } from '../families/placeholders';
import type { FamilyChoice } from '../families/identify';
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import type { Rule } from '../lint/types';

export const emptySection: Rule = {
  meta: {
    id: 'empty-section',
    description: 'Sections with a heading and no content.',
    rationale:
      'A heading with nothing under it — or only template guidance (an HTML comment, an italic ' +
      'instruction line) or placeholders — is a part of the spec nobody has written. Write the section, ' +
      'or remove it if your template marks it optional and it does not apply.',
    defaultSeverity: 'warning',
    fixable: false,
    completeness: true,
  },
  check({ document, family, placeholders, report }) {
    const verdictOf = contentVerdicts(document);
    const covered = coveredByFamily(document, family);
    for (const section of document.outline.flat) {
      if (section.children.length > 0 || covered.has(section)) continue;
      const verdict = verdictOf(section);
      if (verdict === 'content' || (verdict === 'placeholders' && onlyAnEllipsis(section, placeholders))) continue;
      const heading = `${'#'.repeat(section.depth)} ${section.title}`;
      report({
        message:
          verdict === 'none'
            ? `Expected content in section \`${heading}\`, found none`
            : `Expected content in section \`${heading}\`, found only placeholders`,
        range: section.headingRange,
        data: { section: section.title, depth: section.depth, found: verdict },
      });
    }
  },
};

/**
 * Sections the document's family checks with rules of its own (a section with length bounds,
 * the children of requirement blocks), so that an empty one is reported once, by that rule.
 */
function coveredByFamily(document: SpecDocument, family: FamilyChoice | undefined): ReadonlySet<Section> {
  const kind = family?.family.kinds[family.kind];
  const covered = new Set<Section>();
  if (!kind) return covered;
  for (const section of document.outline.flat) {
    if (kind.lengths.some((entry) => sameTitle(entry.section, section.title))) covered.add(section);
    if (kind.blocks?.children && kind.blocks.sections.some((title) => sameTitle(title, section.title))) {
      for (const block of blocksIn(document, section, kind.blocks)) for (const child of block.children) covered.add(child);
    }
  }
  return covered;
}
