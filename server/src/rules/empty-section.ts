// Reports sections that have a heading but nothing written under it: no content of its own
// and no subsections. Whitespace, HTML comments, thematic breaks and a lone italic guidance
// line do not count as content; nor do placeholders, so a section that holds only
// `[Describe the problem]` is reported as well, at its heading.
import type { RootContent } from 'mdast';
import type { Placeholder } from '../parse/placeholders';
import type { OffsetRange } from '../parse/range';
import type { Section } from '../parse/sections';
import type { Rule } from './types';

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
  check({ document, report }) {
    const { text, placeholders } = document;
    for (const section of document.outline.flat) {
      if (section.children.length > 0) continue;
      const verdict = judge(text, section, placeholders);
      if (verdict === 'content') continue;
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

type Verdict = 'none' | 'placeholders' | 'content';

function judge(text: string, section: Section, placeholders: readonly Placeholder[]): Verdict {
  let verdict: Verdict = 'none';
  for (const node of section.ownNodes) {
    if (isGuidance(node)) continue;
    const span = spanOf(node);
    if (!span || !hasOwnWords(text, span, placeholders)) {
      verdict = 'placeholders';
      continue;
    }
    return 'content';
  }
  return verdict;
}

function isGuidance(node: RootContent): boolean {
  if (node.type === 'thematicBreak') return true;
  if (node.type === 'html') return /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  if (node.type === 'paragraph') {
    const meaningful = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    return meaningful.length === 1 && meaningful[0]?.type === 'emphasis';
  }
  return false;
}

function spanOf(node: RootContent): OffsetRange | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

// Whether the node's source has a letter or digit outside placeholders: markup, bullets
// and emoji alone (`- ✅ [Criterion 1]`) are not something the author wrote.
function hasOwnWords(text: string, span: OffsetRange, placeholders: readonly Placeholder[]): boolean {
  let cursor = span.start;
  for (const placeholder of placeholders) {
    if (placeholder.range.end <= span.start) continue;
    if (placeholder.range.start >= span.end) break;
    if (/[\p{L}\p{N}]/u.test(text.slice(cursor, placeholder.range.start))) return true;
    cursor = Math.max(cursor, placeholder.range.end);
  }
  return /[\p{L}\p{N}]/u.test(text.slice(cursor, span.end));
}
