// Reports sections that have a heading but nothing written under it: no content of its own
// and no subsections. Whitespace, HTML comments, thematic breaks, link reference definitions
// and a lone italic guidance line do not count as content. A section that holds only
// placeholders (`[Describe the problem]`, `...`) is left to unfilled-placeholder, which
// reports each of them where it is: one finding for one gap (when that rule is off, it is
// reported here). A heading that states its
// content after a label (`### Decision: Use the Git CLI for worktrees`, followed by its
// `### Rationale`) is written, not empty. A heading with no text of its own whose subsections
// are all empty is reported too.
import { contentVerdicts, sectionContent } from '../parse/section-content';
import { blocksIn, bodyText, sameTitle } from '../families/blocks';
import type { FamilyChoice } from '../families/identify';
import { TITLE_SLOT } from '../families/placeholders';
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import type { Placeholder } from '../parse/placeholders';
import type { Rule } from '../lint/types';

/**
 * A setext heading whose line is a field (`**Purpose**: records the research …` followed by a
 * `---` meant as a rule): the author's text that the rule under it turned into a heading.
 */
function isFieldUnderRule(text: string, section: Section): boolean {
  const source = text.slice(section.headingRange.start, section.headingRange.end);
  if (/^\s{0,3}#/.test(source)) return false;
  return /^\s*(?:\*\*|__)[^*_\r\n]{1,40}(?:\*\*|__)\s*[:：]\s*\S/u.test(source);
}

export const emptySection: Rule = {
  meta: {
    id: 'empty-section',
    description: 'Sections with a heading and no content.',
    rationale:
      'A heading with nothing under it — or only template guidance (an HTML comment, an italic ' +
      'instruction line) — is a part of the spec nobody has written. Write the section, or remove it if ' +
      'your template marks it optional and it does not apply. A section that holds only placeholders is ' +
      'reported at each placeholder, by unfilled-placeholder (here, when that rule is off). A heading that ' +
      'states its content after a label (`### Decision: Use the Git CLI for worktrees`) or says there is none ' +
      '(`### Findings: None`, `### 发现：无`) is written, and so is an italic line that is a status (`***Draft***`) or ' +
      'says the section is empty on purpose ("*Section intentionally empty.*"), and a heading that opens with a title slot ' +
      '(`## [Title] Support custom schemas`) is the template\'s title line; a ' +
      'document\'s title needs no text of its own, even when the sections under it are headed at its level.',
    defaultSeverity: 'warning',
    fixable: false,
    completeness: true,
  },
  check({ document, template, family, placeholders, reports, report }) {
    const verdictOf = contentVerdicts(document);
    const covered = coveredByFamily(document, family);
    const flat = document.outline.flat;
    // Decided from the last section up, so that a parent knows its subsections' verdicts.
    const empty = new Map<Section, 'none' | 'placeholders'>();
    for (let position = flat.length - 1; position >= 0; position--) {
      const section = flat[position] as Section;
      if (covered.has(section)) continue;
      // The template's title line (`# ADR template` followed by the template's other
      // top-level headings) has nothing under it by design; left as the template has it, it
      // is template-text-unchanged's to report.
      const matched = template?.match.byDocument.get(position);
      if (matched !== undefined && template?.template.sections[matched]?.isTitle) continue;
      // A heading of several lines is a paragraph a `---` under it turned into one (a block of
      // `**Purpose**: …` fields between rules): the author's text, not an empty section.
      if (statesItsContent(section.title) || /\n/.test(section.title.trim()) || isFieldUnderRule(document.text, section)) continue;
      // `## [Title] Support custom schemas`: the template's title line, set as a heading under its
      // header; nothing is written under a title (its slot is unfilled-placeholder's).
      if (TITLE_SLOT.test(section.title)) continue;
      let verdict = verdictOf(section);
      // The verdict reads every placeholder the parser found; the family's dialect may not
      // count some (`POST /api/jobs/{id}/cancel` is no choice list in Kiro): read again with its own.
      if (verdict === 'placeholders' && placeholders !== document.placeholders) verdict = sectionContent(document.text, section, placeholders);
      if (section.children.length > 0) {
        // A heading with no text of its own over subsections that are all empty (a KEP's
        // `## Motivation` over empty Goals and Non-Goals) is empty too; the document's title is not reported so.
        if (verdict === 'none' && !(position === 0 && section.depth === 1) && section.children.every((child) => empty.has(child))) empty.set(section, 'none');
        continue;
      }
      if (verdict === 'content' || (verdict === 'placeholders' && reports('unfilled-placeholder') && holdsReported(section, placeholders))) continue;
      // The document's title over sections written at its own level (`# ConfigMapSet Design` then
      // `# Background`): a title has no text of its own to write.
      if (verdict === 'none' && position === 0 && section.depth === 1 && flat[1]?.depth === 1 && opensDocument(document, section)) continue;
      empty.set(section, verdict);
    }
    for (const section of flat) {
      const verdict = empty.get(section);
      if (verdict === undefined) continue;
      const heading = `${'#'.repeat(section.depth)} ${section.title}`;
      report({
        message:
          verdict === 'none'
            ? `Expected content in section \`${heading}\`, found none${section.children.length > 0 ? ' (its subsections are empty too)' : ''}`
            : `Expected content in section \`${heading}\`, found only placeholders`,
        range: section.headingRange,
        data: { section: section.title, depth: section.depth, found: verdict },
      });
    }
  },
};

/** Whether nothing but front matter and comments comes before the section's heading: then it is the document's title. */
function opensDocument(document: SpecDocument, section: Section): boolean {
  for (const node of document.root.children) {
    const start = node.position?.start.offset ?? 0;
    if (start >= section.headingRange.start) return true;
    if (node.type !== 'yaml' && node.type !== 'html' && node.type !== 'definition') return false;
  }
  return true;
}

/** Whether a placeholder that unfilled-placeholder reports lies in the section's own text. */
function holdsReported(section: Section, placeholders: readonly Placeholder[]): boolean {
  const { start, end } = section.ownRange;
  return placeholders.some((p) => p.range.start >= start && p.range.end <= end);
}

/** A heading's value that says there is nothing: `None`, `N/A`, `无`, `なし`. */
const NONE_VALUE = /^(?:none|n\/a|nothing|无|無|なし|없음|keine|aucune?|ninguno|nenhum)[.。]?$/iu;

/**
 * A heading such as `Decision: Use the Git CLI for worktrees` or `Performance Tests: 4 tests
 * (T077-T080)`: a short label, a colon (or a full-width one), then three words or more of its
 * own, or a word for none (`Findings: None`, `发现：无`). Placeholders in it (`Phase 1: [Describe
 * the phase]`) are no words of its own.
 */
function statesItsContent(title: string): boolean {
  const match = /^[^:：[\]{}]{1,40}(?::\s+|：\s*)(.+)$/u.exec(title);
  if (!match) return false;
  // `### Findings: None`, `### 发现：无`: the heading says there is nothing to say.
  if (NONE_VALUE.test((match[1] as string).trim())) return true;
  const value = (match[1] as string).replace(/\[[^\]]*\]|\{[^}]*\}/g, ' ');
  return value.split(/\s+/).filter((word) => /\p{L}|\p{N}/u.test(word)).length >= 3;
}

/**
 * Sections the document's family checks with rules of its own (a section with length bounds
 * too short for them, the children of requirement blocks), so that an empty one is reported
 * once, by that rule.
 */
function coveredByFamily(document: SpecDocument, family: FamilyChoice | undefined): ReadonlySet<Section> {
  const kind = family?.family.kinds[family.kind];
  const covered = new Set<Section>();
  if (!kind) return covered;
  for (const section of document.outline.flat) {
    // Only where that rule reports it: a section holding only a comment as long as the bound
    // passes the family's length check (its validator counts the comment), and is empty here.
    if (kind.lengths.some((entry) => sameTitle(entry.section, section.title) && (entry.stub?.test(bodyText(document, section)) || (entry.min !== undefined && bodyText(document, section).length < entry.min)))) covered.add(section);
    if (kind.blocks?.children && kind.blocks.sections.some((title) => sameTitle(title, section.title))) {
      for (const block of blocksIn(document, section, kind.blocks)) for (const child of block.children) covered.add(child);
    }
  }
  return covered;
}
