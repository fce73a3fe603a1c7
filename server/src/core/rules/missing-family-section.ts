// Reports sections a family's kind requires (`sections.required` in its description)
// that a document of that kind does not have, for documents that follow no template of
// their own (missing-section checks those against the template) and whose family was
// told by their path or their shape. A section written as a field line under the title
// (`- Status: accepted`) counts as there. A document that does not follow the kind's outline
// (fewer than half of its headings, at the levels of the kind's, are the kind's: a translation,
// a structure of the team's own) is not told what it misses,
// unless the family's own tool rejects it (`sections.enforced`: OpenSpec's validator). Headings are compared as templates compare them:
// numbering, case, emoji and a trailing parenthesis such as *(mandatory)* aside. The fix
// inserts the heading after the nearest required section before it that the document has,
// at that section's level (or before the first one after it, or at the end).
import { endsInOpenBlock } from '../parse/piece-ends';
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import { normalizeTitle } from '../templates/section-keys';
import { fieldLine } from '../templates/status';
import type { Rule } from '../lint/types';

export const missingFamilySection: Rule = {
  meta: {
    id: 'missing-family-section',
    description: 'Sections a family’s kind of document requires (spec-kit, Kiro …) that the document does not have.',
    rationale:
      'Documents of a family are read by people and tools that expect its sections: a spec-kit spec ' +
      'without success criteria, or Kiro requirements without an introduction, leave them guessing. ' +
      'Insert the section (the quick fix adds its heading at the right place) and write it. Documents ' +
      'that follow a Specwright template are checked against the template instead. A document that does ' +
      'not follow its kind’s outline (fewer than half of its top headings are the kind’s: a translation, an ' +
      'outline of the team’s own) is not told what it misses, ' +
      'unless the family’s own tool rejects it too (OpenSpec’s validator requires a proposal’s Why and What Changes).',
    defaultSeverity: 'warning',
    fixable: true,
    completeness: true,
  },
  check({ document, template, family, report }) {
    if (template || !family || family.how === 'default' || family.how === 'template') return;
    const kind = family.family.kinds[family.kind];
    const required = kind?.sections.required ?? [];
    if (required.length === 0) return;
    const { text } = document;
    const byKey = new Map<string, Section>();
    for (const section of document.outline.flat) {
      const key = normalizeTitle(section.title);
      if (!byKey.has(key)) byKey.set(key, section);
    }
    // A document that does not follow the kind's outline (a translation, a structure of the
    // team's own) follows something else: only a family whose tool rejects it says what it misses.
    const aliases = kind?.sections.aliases ?? {};
    const namesOf = (title: string) => [title, ...(aliases[title] ?? [])];
    // Whether it follows the outline is told by the kind's own titles: a document whose only
    // heading of the kind's is another title for one (`## Abstract`) follows an outline of its own.
    if (!kind?.sections.enforced && !followsOutline(document.outline.flat, [...required, ...(kind?.sections.optional ?? [])])) return;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const swallowed = endsInOpenBlock(text, document.root.children);
    const firstHeading = document.outline.flat[0];
    required.forEach((title, index) => {
      // A one-line section written as a field under the title (`- Status: accepted`) or in the
      // front matter (`status: accepted`, as MADR keeps it) is there.
      // Or under another title the kind's documents give it (Motivation as Background).
      if (namesOf(title).some((name) => byKey.has(normalizeTitle(name))) || fieldLine(document, title) || frontMatterField(document, title)) return;
      const before = required.slice(0, index).reverse().map((name) => byKey.get(normalizeTitle(name))).find((section) => section !== undefined);
      const after = required.slice(index + 1).map((name) => byKey.get(normalizeTitle(name))).find((section) => section !== undefined);
      let offset: number;
      let depth: number;
      if (before) {
        offset = before.range.end;
        depth = before.depth;
      } else if (after) {
        offset = after.headingRange.start;
        depth = after.depth;
      } else {
        offset = text.length;
        depth = Math.min(6, (firstHeading?.depth ?? 1) + 1);
      }
      const heading = `${'#'.repeat(depth)} ${title}`;
      // A lone `\r` before an inserted `\n` would read as one `\r\n` break.
      const prefix = text.slice(0, offset) + (text[offset - 1] === '\r' && eol.startsWith('\n') ? '\u0000' : '');
      const lead = offset === 0 || /(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))$/.test(prefix) ? '' : /(?:\r\n|\r|\n)$/.test(prefix) ? eol : eol + eol;
      const newText = `${lead}${heading}${eol}${eol}`;
      const reportAt = firstHeading ? firstHeading.headingRange : { start: 0, end: 0 };
      report({
        message: `Expected section \`${title}\` of ${/^[AEIOUaeiou]/.test(family.family.label) ? 'an' : 'a'} ${family.family.label} ${kind?.label ?? family.kind}, found none`,
        range: reportAt,
        data: { section: title, family: family.family.id, kind: family.kind, heading },
        // Text added after a code fence or HTML block left open at the end would land inside it.
        ...(offset === text.length && swallowed ? {} : { fixes: [{ title: `Insert section ${heading}`, edits: [{ range: { start: offset, end: offset }, newText }], preferred: true }] }),
      });
    });
  },
};

/**
 * Whether a document follows its kind's outline: at the level of its highest section of the
 * kind's, at least half of its headings are the kind's. A translation (`## Résumé`,
 * `## Motivation`, `## Conception détaillée` …) or an outline of the team's own does not.
 */
function followsOutline(sections: readonly Section[], titles: readonly string[]): boolean {
  const known = new Set(titles.map(normalizeTitle));
  const depths = sections.filter((section) => known.has(normalizeTitle(section.title))).map((section) => section.depth);
  if (depths.length === 0) return false;
  // The level of the kind's top sections: their subsections (user stories …) are the author's.
  const level = Math.min(...depths);
  const atLevel = sections.filter((section) => section.depth === level);
  return 2 * atLevel.filter((section) => known.has(normalizeTitle(section.title))).length >= atLevel.length;
}

/** Whether the front matter gives a one-line section's value: `status: accepted` for `Status`. */
function frontMatterField(document: SpecDocument, title: string): boolean {
  const key = normalizeTitle(title);
  return (
    document.frontMatter?.entries.some((entry) => normalizeTitle(entry.key) === key && (typeof entry.value === 'string' ? entry.value.trim() !== '' : typeof entry.value === 'number')) ?? false
  );
}
